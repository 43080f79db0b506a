/**
 * `smoke merge`: combines shard artifacts, or a run and its reruns, into one
 * standard artifact with `mode: "merged"`. {@linkcode mergeArtifacts} is
 * pure; {@linkcode runMerge} reads the inputs, writes the result and prints
 * the summary.
 *
 * @module
 */
import { resolve } from "../base/path.ts";
import {
  type Artifact,
  createArtifact,
  type Diagnostic,
  type FixtureResult,
  type Source,
} from "../artifact/artifact.ts";
import { checkOutputPath, writeOutputFile } from "../artifact/atomic_write.ts";
import { resolveOptions } from "../config/config.ts";
import { loadConfig } from "../config/config_file.ts";
import { ExitCode, formatWarning, UserError } from "../base/errors.ts";
import type { Flags } from "./flags.ts";
import {
  ensureHistoryDir,
  type HistoryPaths,
  historyPaths,
  newRunId,
  prepareHistory,
  saveRun,
  SaveRunError,
  serializeArtifact,
} from "../artifact/history.ts";
import { namesLatest } from "../artifact/own_files.ts";
import { pruneHistory } from "../artifact/prune.ts";
import { cutShort, interruptedWithoutResult } from "../artifact/not_run.ts";
import {
  advanceState,
  stateFromRecord,
  suiteRecord,
  type SuiteState,
  suiteVerdict,
} from "../artifact/suite_state.ts";
import { acquireRunLock } from "../run/run_lock.ts";
import { shellQuote } from "../selection/plan.ts";
import { colorWanted, palette, renderFixtureLine } from "../reporters/console_render.ts";
import {
  outcomeCounts,
  renderSummary,
  suiteSummary,
  unstartedCounts,
} from "../reporters/console_summary.ts";
import { checkSource, type PreflightCode, readSourceFile } from "../artifact/source_artifact.ts";
import { smokeCommand } from "../selection/resolve_selection.ts";
import { rerunCommandOf } from "./run_outcome.ts";
import { displayPath, runEnvironment } from "./runtime.ts";
import { VERSION } from "../base/version.ts";

/** One artifact to merge, read and validated. */
export interface MergeInput {
  /** The path as the user gave it; recorded in `inputs`. */
  path: string;
  /** SHA-256 of the file's bytes. */
  sha256: string;
  /** The artifact. */
  artifact: Artifact;
}

/** Options for {@linkcode mergeArtifacts}. */
export interface MergeOptions {
  /** The merged artifact's run id (made at merge time, so it sorts after its inputs). */
  runId: string;
  /** The tool version writing the artifact. */
  version: string;
  /** Where the merge runs. */
  environment: Artifact["environment"];
  /** A flaky pass fails the merged verdict. */
  failOnFlaky?: boolean;
}

function byId(a: { id: string }, b: { id: string }): number {
  return a.id < b.id ? -1 : a.id > b.id ? 1 : 0;
}

/**
 * How much one shard's result of a fixture two shards both ran (a need
 * pulled in by each) says: 2 it ran and failed, 1 it ran otherwise (or a
 * signal stopped it before it had a result), 0 it never started there (kept
 * from starting, blocked, interrupted first).
 */
function shardRank(result: FixtureResult): number {
  if (result.attempts === 0) return 0;
  return result.status === "failed" && !interruptedWithoutResult(result) ? 2 : 1;
}

/**
 * Merges artifacts into one, `mode: "merged"`: the union of their fixtures,
 * a later input replacing an earlier one's result for the same id (so a run
 * followed by its reruns gives the final verdict; between shards of one split,
 * which both ran a need they pulled in, a failure stands), with summary and result
 * recomputed. Fixtures are sorted by id; the time span runs from the earliest
 * input's start to the latest input's finish. Warnings of the inputs are
 * kept (once each), their errors are not (they ran nothing). A later input
 * that started before the one it replaces gets a `MERGE_ORDER` warning.
 *
 * @param inputs The artifacts, in the order given.
 * @param options Run id, version, environment, flaky policy.
 * @returns The merged artifact, with `inputs` listing each input.
 * @throws {RangeError} When `inputs` is empty.
 *
 * @example
 * ```ts
 * import { mergeArtifacts } from "./merge_command.ts";
 * import { createArtifact } from "../artifact/artifact.ts";
 * import assert from "node:assert/strict";
 *
 * const environment = { deno: "2.9.6", os: "linux", arch: "x86_64", ci: false };
 * const result = (id: string, status: "passed" | "failed") => ({
 *   id, status, durationMs: 1, attempts: 1, exitCode: status === "passed" ? 0 : 1,
 *   signal: null, timedOut: false,
 * });
 * const run = (runId: string, at: number, fixtures: ReturnType<typeof result>[]) =>
 *   createArtifact({
 *     runId, mode: "full", startedAt: new Date(at), finishedAt: new Date(at + 10),
 *     version: "0.1.0", environment, selection: { fixtureIds: fixtures.map((f) => f.id) },
 *     fixtures,
 *   });
 * const merged = mergeArtifacts([
 *   { path: "full.json", sha256: "a".repeat(64), artifact: run("r1", 0, [result("a", "passed"), result("b", "failed")]) },
 *   { path: "rerun.json", sha256: "b".repeat(64), artifact: run("r2", 100, [result("b", "passed")]) },
 * ], { runId: "m1", version: "0.1.0", environment });
 * assert.equal(merged.mode, "merged");
 * assert.deepEqual(merged.summary, { total: 2, passed: 2, failed: 0, skipped: 0, flaky: 0 });
 * assert.equal(merged.result, "pass");
 * assert.deepEqual(merged.inputs?.map((i) => i.runId), ["r1", "r2"]);
 * assert.equal(merged.durationMs, 110);
 * ```
 */
export function mergeArtifacts(inputs: readonly MergeInput[], options: MergeOptions): Artifact {
  if (inputs.length === 0) throw new RangeError("Cannot merge artifacts: none were given");
  const fixtures = new Map<string, { result: FixtureResult; from: number }>();
  const selected = new Set<string>();
  const diagnostics = new Map<string, Diagnostic>();
  const keep = (d: Diagnostic) => diagnostics.set(`${d.code}\n${d.message}`, d);
  let startedAt = Infinity;
  let finishedAt = -Infinity;
  inputs.forEach(({ path, artifact }, index) => {
    startedAt = Math.min(startedAt, Date.parse(artifact.startedAt));
    finishedAt = Math.max(finishedAt, Date.parse(artifact.finishedAt));
    for (const id of artifact.selection.fixtureIds) selected.add(id);
    for (const d of artifact.diagnostics) if (d.level === "warning") keep(d);
    for (const result of artifact.fixtures) {
      selected.add(result.id);
      const before = fixtures.get(result.id);
      if (before && before.from !== index) {
        const earlier = inputs[before.from];
        // Shards of one split run a fixture twice only when both pulled it in as a need: a
        // failure on either runner stands (its dependants there were blocked by it).
        const mine = artifact.selection.shard;
        const theirs = earlier.artifact.selection.shard;
        if (mine && theirs && mine.total === theirs.total && mine.index !== theirs.index) {
          // Whichever order the shards are given in: what ran beats what never started there
          // (not-run, blocked, interrupted), and a failure beats a pass.
          if (shardRank(before.result) > shardRank(result)) continue;
          fixtures.set(result.id, { result, from: index });
          continue;
        }
        if (Date.parse(artifact.startedAt) < Date.parse(earlier.artifact.startedAt)) {
          keep({
            code: "MERGE_ORDER",
            level: "warning",
            message: `"${path}" (run ${artifact.runId}) replaces results of "${earlier.path}" ` +
              `(run ${earlier.artifact.runId}), which started later`,
            hint: "Later inputs win: list artifacts oldest first, a run before its reruns.",
          });
        }
      }
      fixtures.set(result.id, { result, from: index });
    }
  });
  // Shards that meant to split one run but split it differently: some fixture may have run on no
  // runner, which no result shows. Said as a warning, kept in the artifact.
  if (shardCoverage(inputs.map((i) => i.artifact)).splitsDiffer) {
    keep({
      code: "SHARDS_SPLIT_DIFFERENTLY",
      level: "warning",
      message: "The shards were split differently (another --shard-by, shard count, catalog, " +
        "selection or timings): together they may have run a fixture twice and another not at all",
      hint: "Give every shard the same catalog, selection and timings (one --timings file, or " +
        "one durations.json restored into each artifact directory), then run them again.",
    });
  }
  const merged = [...fixtures.values()].map((f) => f.result).sort(byId);
  const created = createArtifact({
    runId: options.runId,
    mode: "merged",
    startedAt: new Date(startedAt),
    finishedAt: new Date(Math.max(startedAt, finishedAt)),
    version: options.version,
    environment: options.environment,
    selection: { fixtureIds: [...selected].sort() },
    fixtures: merged,
    failOnFlaky: options.failOnFlaky,
    interrupted: merged.some((f) => f.failure?.kind === "interrupted"),
  });
  const state = mergedState(inputs.map((i) => i.artifact), {
    runId: options.runId,
    fixtures: merged,
  });
  const suite = suiteRecord(state, options.runId);
  const { diagnostics: _, ...rest } = {
    ...created,
    // Unless the inputs are every shard of one full run, the merge is a partial run.
    ...(state.since === options.runId ? {} : {
      // Quarantined failures leave the suite's verdict as they leave a run's.
      combined: suiteVerdict(state, {
        ...options,
        quarantined: new Set(merged.filter((f) => f.quarantined).map((f) => f.id)),
      }),
    }),
    suite,
  };
  const listed: Source[] = inputs.map(({ path, sha256, artifact }) => ({
    path,
    runId: artifact.runId,
    sha256,
  }));
  return { ...rest, inputs: listed, diagnostics: [...diagnostics.values()] };
}

/** How a merge's inputs cover a split of a full run (see {@linkcode shardCoverage}). */
export interface ShardCoverage {
  /** Every shard of one split of a full run (every one that got fixtures): a full run. */
  full: boolean;
  /** What the merge says about it, when the inputs are shards of full runs. */
  line?: string;
  /**
   * The inputs are shards of full runs whose splits differ (each records its split): together
   * they may have run a fixture twice and missed another.
   */
  splitsDiffer?: boolean;
}

/** The most missing shards named one by one. */
const MISSING_SHOWN = 5;

/**
 * Whether a merge's inputs are every shard (1 to N) of one split of a full
 * run, or, where the split left shards without fixtures (those write
 * nothing), every shard that got fixtures; and the line that says so, or
 * why not. The shards must agree on the split: its digest (how, and where
 * each fixture went) and the shards that got fixtures. Artifacts from before
 * the digest are judged by their shard numbers alone.
 *
 * @param artifacts The inputs.
 * @returns Whether they make a full run, and the line to print.
 *
 * @example
 * ```ts
 * import { shardCoverage } from "./merge_command.ts";
 * import { createArtifact } from "../artifact/artifact.ts";
 * import assert from "node:assert/strict";
 *
 * const shard = (index: number) => createArtifact({
 *   runId: `r${index}`, mode: "full", startedAt: new Date(0), finishedAt: new Date(1),
 *   version: "0.1.0", environment: { deno: "2", os: "linux", arch: "x86_64", ci: true },
 *   selection: { fixtureIds: [], shard: { index, total: 3 } }, fixtures: [],
 * });
 * assert.deepEqual(shardCoverage([shard(1), shard(3)]), {
 *   full: false,
 *   line: "Not a full run: shard 2/3 is missing.",
 * });
 * assert.equal(shardCoverage([shard(1), shard(2), shard(3)]).full, true);
 * ```
 */
export function shardCoverage(artifacts: readonly Artifact[]): ShardCoverage {
  const shards = artifacts.map((a) => a.selection.shard);
  const first = shards[0];
  // Only shards of full runs can make one (a rerun's shards, or a spot-check's, never do). Said
  // when some input is one: a merge of reruns is no attempt at a full run.
  const other = artifacts.find((a) => a.mode !== "full" || !a.selection.shard);
  if (first === undefined || other !== undefined) {
    const shardOfFull = artifacts.some((a) => a.mode === "full" && a.selection.shard);
    return shardOfFull && other
      ? {
        full: false,
        line: `Not a full run: run ${other.runId} is ${
          other.selection.shard ? "a shard of " : ""
        }a ${other.mode} run, not a shard of a full run.`,
      }
      : { full: false };
  }
  const same = (a: readonly number[] | undefined, b: readonly number[] | undefined) =>
    a === undefined ? b === undefined : b !== undefined && a.length === b.length &&
      a.every((n, i) => n === b[i]);
  const oneSplit = shards.every((s) =>
    s !== undefined && s.total === first.total && s.split === first.split &&
    same(s.withFixtures, first.withFixtures)
  );
  if (!oneSplit) {
    return shards.some((s) => s?.split === undefined) && shards.some((s) => s?.split)
      ? {
        full: false,
        line: "Not a full run: some shards record no split (written by an older smoke), so they " +
          "cannot be matched with the others.",
      }
      : {
        full: false,
        line: "Not a full run: the shards are of different splits (another --shard-by, shard " +
          "count, catalog, selection or timings), so together they need not have run every " +
          "fixture.",
        splitsDiffer: true,
      };
  }
  const { total, withFixtures } = first;
  const present = new Set(shards.map((s) => s!.index));
  const expected = withFixtures?.length ?? total;
  if (present.size === expected) {
    return {
      full: true,
      line: withFixtures
        ? `Every shard of one split that got fixtures (${expected} of ${total}): a full run.`
        : `Every shard of one split (${total}): a full run.`,
    };
  }
  // The missing ones, named while they are few (N may be far larger than the catalog).
  const missing: number[] = [];
  for (const index of withFixtures ?? []) if (!present.has(index)) missing.push(index);
  if (!withFixtures) {
    for (let index = 1; index <= total && missing.length <= MISSING_SHOWN; index++) {
      if (!present.has(index)) missing.push(index);
    }
  }
  const count = expected - present.size;
  const named = missing.slice(0, MISSING_SHOWN).map((i) => `${i}/${total}`);
  return {
    full: false,
    line: count === 1
      ? `Not a full run: shard ${named[0]} is missing.`
      : `Not a full run: ${count} shards are missing (${named.join(", ")}${
        count > named.length ? ", ..." : ""
      }).`,
  };
}

/**
 * The suite's state after a merge: every shard of one full run together
 * make a full run (the state starts again); otherwise each input's state,
 * later inputs winning, with the merged results laid over it.
 */
function mergedState(
  artifacts: readonly Artifact[],
  merged: { runId: string; fixtures: FixtureResult[] },
): SuiteState {
  if (shardCoverage(artifacts).full) {
    return advanceState(undefined, {
      runId: merged.runId,
      mode: "full",
      fixtures: merged.fixtures,
    });
  }
  let state: SuiteState | undefined;
  for (const artifact of artifacts) {
    const own = artifact.suite
      ? stateFromRecord(artifact.suite)
      : advanceState(undefined, { ...artifact, shard: artifact.selection.shard });
    state = {
      ...(own.since ?? state?.since ? { since: (own.since ?? state?.since)! } : {}),
      entries: new Map([...(state?.entries ?? []), ...own.entries]),
    };
  }
  return advanceState(state, { runId: merged.runId, mode: "merged", fixtures: merged.fixtures });
}

/** The edges `smoke merge` uses (a subset of the run's). */
export interface MergeIo {
  /** Absolute working directory. */
  cwd: string;
  /** The environment. */
  env: Record<string, string>;
  /** Writes to standard output. */
  stdout(text: string): void;
  /** Writes to standard error. */
  stderr(text: string): void;
  /** Whether standard output is a terminal. */
  isTerminal: boolean;
  /** How users start smoke, for printed commands. */
  invocation: string;
  /** The wall clock. */
  now(): Date;
}

const ADVICE: Record<Exclude<PreflightCode, "NO_RERUNNABLE_FAILURES">, string> = {
  ARTIFACT_NOT_FOUND:
    "Check the path. In CI, check that every shard job uploaded its artifact and that the merge job downloaded them all.",
  ARTIFACT_INVALID_JSON:
    "The file is damaged. Each run also keeps a copy in runs/<runId>.json beside latest.json.",
  ARTIFACT_SCHEMA_MISMATCH:
    "Pass files smoke wrote: latest.json or runs/<runId>.json of an artifact directory.",
  ARTIFACT_UNSUPPORTED_VERSION:
    "It was written by another smoke version: merge with that version, or run the suite again.",
  ARTIFACT_TOO_LARGE: "A smoke artifact is far smaller; check that the path names the right file.",
};

async function readInputs(paths: readonly string[], cwd: string): Promise<MergeInput[]> {
  const inputs: MergeInput[] = [];
  const problems: { path: string; code: keyof typeof ADVICE; message: string }[] = [];
  for (const path of paths) {
    const file = await readSourceFile(resolve(cwd, path));
    if (!file.ok) {
      problems.push({ path, code: file.code, message: file.message });
      continue;
    }
    const checked = checkSource(file.text);
    if (!checked.ok) {
      problems.push({ path, code: checked.code as keyof typeof ADVICE, message: checked.message });
      continue;
    }
    inputs.push({ path, sha256: file.sha256, artifact: checked.artifact });
  }
  if (problems.length === 0) return inputs;
  const describe = (p: (typeof problems)[number], code = true) =>
    `"${p.path}"${code ? ` [${p.code}]` : ""}: ${p.message.split("\n").join("\n    ")}`;
  // The error line ends with the (first) code; a list names each file's own.
  const message = problems.length === 1
    ? `Cannot merge artifact ${describe(problems[0], false)}`
    : `Cannot merge: ${problems.length} of ${paths.length} artifacts are invalid\n` +
      problems.map((p) => `  ${describe(p)}`).join("\n");
  throw new UserError(message, {
    kind: "preflight",
    code: problems[0].code,
    hints: [
      ...new Set(problems.map((p) => ADVICE[p.code])),
      "Nothing was written; fix or leave out the invalid files and merge again.",
    ],
  });
}

/** Flags a merge does not take are refused by `parseFlags` (the flag table); this checks the rest. */
function checkFlags(flags: Flags): void {
  if (flags.positionals.length === 0) {
    throw new UserError("Cannot merge: no artifacts given", {
      kind: "usage",
      hints: ['Name the artifacts to merge, e.g. "smoke merge shard-1.json shard-2.json".'],
    });
  }
}

/**
 * Writes the merged artifact into the artifact directory: `runs/<runId>.json`, `latest.json`;
 * then adds the inputs to its durations summary (see `merged_durations.ts`).
 */
async function saveIntoHistory(
  paths: HistoryPaths,
  artifact: Artifact,
  context: {
    io: MergeIo;
    shownDir: string;
    historyLimit: number;
    inputs: readonly Artifact[];
    full: boolean;
  },
): Promise<void> {
  const { shownDir } = context;
  await ensureHistoryDir(paths, shownDir);
  const lock = await acquireRunLock(paths.dir, { shownDir, runId: artifact.runId });
  try {
    for (const warning of lock.warnings) context.io.stderr(formatWarning(warning));
    prepareHistory(paths, { shownDir, replacesLatest: true });
    // The inputs already in this history (shards run here): their runs added their durations.
    const { addMergedDurations, runsInHistory, runsOf } = await import(
      "../artifact/merged_durations.ts"
    );
    const counted = runsInHistory(paths, context.inputs.flatMap(runsOf));
    try {
      await saveRun(paths, artifact, { updateLatest: true });
    } catch (error) {
      if (!(error instanceof SaveRunError)) throw error;
      const shown = (path: string) => displayPath(path, context.io.cwd);
      throw new UserError(`Cannot write "${shown(error.path)}": ${error.message}`, {
        kind: "artifact",
        code: "ARTIFACT_WRITE_FAILED",
        hints: [
          error.runFileWritten
            ? `The merged run is saved in "${shown(error.runFile)}"; latest.json still holds ` +
              "the previous run."
            : "Free disk space or fix permissions, or pass --out PATH.",
        ],
        cause: error,
      });
    }
    const pruned = pruneHistory(paths, {
      limit: context.historyLimit,
      keep: [artifact.runId],
      shownDir,
    });
    for (const warning of pruned.warnings) context.io.stderr(formatWarning(warning));
    const warnings = await addMergedDurations(paths.dir, context.inputs, {
      full: context.full,
      shownDir,
      counted,
      runId: artifact.runId,
    });
    for (const warning of warnings) context.io.stderr(formatWarning(warning));
  } finally {
    lock.release();
  }
}

/**
 * Runs `smoke merge ARTIFACT... [--out PATH]`: validates every input (the
 * rerun preflight codes), merges them, and writes the result atomically to
 * `--out` (default `<artifactDir>/latest.json`). When the output is the
 * artifact directory's `latest.json`, the merged artifact is also kept as
 * `runs/<runId>.json`, under the directory's lock, so history stays complete.
 *
 * @param flags The parsed flags (`command: "merge"`).
 * @param io The edges: working directory, output, clock.
 * @returns 0 when the merged result passes, 1 when it fails.
 * @throws {UserError} On a run-only flag, no inputs, an invalid input (its
 * preflight code), a config error, or a held lock (exit 2).
 *
 * @example
 * ```ts
 * import { runMerge } from "./merge_command.ts";
 * import { createArtifact } from "../artifact/artifact.ts";
 * import { parseFlags } from "./flags.ts";
 * import assert from "node:assert/strict";
 *
 * const cwd = await Deno.makeTempDir();
 * const passed = { id: "a", status: "passed" as const, durationMs: 1, attempts: 1, exitCode: 0, signal: null, timedOut: false };
 * await Deno.writeTextFile(`${cwd}/shard-1.json`, JSON.stringify(createArtifact({
 *   runId: "r1", mode: "full", startedAt: new Date(0), finishedAt: new Date(1), version: "0.1.0",
 *   environment: { deno: "2.9.6", os: "linux", arch: "x86_64", ci: false },
 *   selection: { fixtureIds: ["a"] }, fixtures: [passed],
 * })));
 * let out = "";
 * const code = await runMerge(parseFlags(["merge", "shard-1.json", "--out", "merged.json"]), {
 *   cwd, env: {}, stdout: (text) => out += text, stderr: () => {}, isTerminal: false,
 *   invocation: "deno task smoke", now: () => new Date(),
 * });
 * assert.equal(code, 0);
 * assert.ok(out.endsWith("RESULT: pass\n"));
 * assert.equal(JSON.parse(await Deno.readTextFile(`${cwd}/merged.json`)).mode, "merged");
 * await Deno.remove(cwd, { recursive: true });
 * ```
 */
export async function runMerge(flags: Flags, io: MergeIo): Promise<number> {
  checkFlags(flags);
  const config = await loadConfig(flags, io.cwd);
  const options = resolveOptions(flags, config, 1);
  const inputs = await readInputs(flags.positionals, io.cwd);
  const runId = newRunId(io.now());
  const artifact = mergeArtifacts(inputs, {
    runId,
    version: VERSION,
    environment: runEnvironment(io.env),
    failOnFlaky: flags.failOnFlaky,
  });

  const paths = historyPaths(resolve(io.cwd, options.artifactDir));
  const shownOut = flags.out ?? `${options.artifactDir}/latest.json`;
  const out = resolve(io.cwd, shownOut);
  // latest.json by any spelling (a symlinked folder, `..`) is the history's: saved there, and
  // never into a device or a FIFO, which the next rerun could not read back.
  const intoLatest = namesLatest(out, paths);
  // A directory, a socket or a block device is refused before anything is written (exit 2).
  checkOutputPath(out, {
    shown: shownOut,
    label: "the merged artifact",
    fileOnly: intoLatest,
  });
  if (intoLatest) {
    await saveIntoHistory(paths, artifact, {
      io,
      shownDir: options.artifactDir,
      historyLimit: options.historyLimit,
      inputs: inputs.map((input) => input.artifact),
      // Every shard of one split, run to its end (as a full run that drops the shared split
      // timings: one cut short measured too little to split by).
      full: shardCoverage(inputs.map((input) => input.artifact)).full &&
        !cutShort(artifact.fixtures),
    });
  } else {
    await writeOutputFile(out, serializeArtifact(artifact), {
      what: "the merged artifact",
      shown: shownOut,
    });
  }

  // Input artifacts are data from elsewhere: their text is printed one line per item (and the
  // output edge, lib/safe_output.ts, escapes controls and workflow commands in it).
  const flat = (text: string) => text.replace(/[\r\n]+/g, " ");
  // An input's warning was true when its run wrote it: said as its run's, not as the merge's.
  const origin = new Map<string, string>();
  for (const { artifact: input } of inputs) {
    for (const d of input.diagnostics) {
      const key = `${d.code}\n${d.message}`;
      if (!origin.has(key)) origin.set(key, input.runId);
    }
  }
  for (const d of artifact.diagnostics) {
    const runId = origin.get(`${d.code}\n${d.message}`);
    io.stderr(formatWarning({
      code: flat(d.code),
      message: `${runId ? `In run ${runId}: ` : ""}${flat(d.message)}`,
      ...(d.hint ? { hint: flat(d.hint) } : {}),
    }));
  }
  const colors = palette(
    colorWanted({ isTerminal: io.isTerminal, noColor: flags.noColor, env: io.env }),
  );
  // What the merge leaves owed (the suite's outstanding set, like a run's), read from where it
  // was written.
  const owed = rerunCommandOf(artifact, smokeCommand(io.invocation, flags));
  const rerunCommand = owed && !intoLatest
    ? `${owed} ${shellQuote(["--artifact", shownOut])}`
    : owed;
  const lines = [`Merged ${inputs.length} artifact${inputs.length === 1 ? "" : "s"}:`];
  for (const { path, artifact: input } of inputs) {
    const s = input.summary;
    const counts = [
      ...outcomeCounts(s, unstartedCounts(input.fixtures), palette(false)),
      ...(s.skipped ? [`${s.skipped} skipped`] : []),
    ].join(", ");
    lines.push(
      `  ${flat(path)}  run ${input.runId}  ${s.total} fixture${s.total === 1 ? "" : "s"} ` +
        `(${counts})`,
    );
  }
  const coverage = shardCoverage(inputs.map((i) => i.artifact)).line;
  if (coverage) lines.push(coverage);
  lines.push("");
  for (const result of artifact.fixtures) {
    lines.push(renderFixtureLine({ result, failedAttempts: [], outputLeaked: false }, colors));
  }
  if (artifact.fixtures.length === 0) {
    lines.push("The inputs hold no fixture results: a merge of nothing does not pass.");
  }
  lines.push("");
  lines.push(...renderSummary({
    summary: artifact.summary,
    result: artifact.result,
    durationMs: artifact.durationMs,
    artifactPath: shownOut,
    interrupted: artifact.interrupted,
    ...unstartedCounts(artifact.fixtures),
    ...(rerunCommand ? { rerunCommand } : {}),
    // Unless it is every shard of one full run, a merge is a partial run: like a run's summary,
    // it shows the suite's verdict and what the suite still owes. Its RESULT stays its own: the
    // merged run judges the fixtures it merged.
    ...(artifact.combined
      ? {
        combined: artifact.combined,
        combinedLabel: "Suite verdict",
        ...(artifact.suite ? { suite: suiteSummary(artifact.suite) } : {}),
      }
      : {}),
  }, colors));
  io.stdout(lines.join("\n") + "\n");
  return artifact.result === "pass" ? ExitCode.Pass : ExitCode.Fail;
}
