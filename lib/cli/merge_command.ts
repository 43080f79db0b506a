/**
 * `smoke merge`: combines shard artifacts, or a run and its reruns, into one
 * standard artifact with `mode: "merged"`. {@linkcode runMerge} reads the
 * inputs, merges them (`merge_artifacts.ts`, pure), writes the result and
 * prints the summary.
 *
 * @module
 */
import { join, resolve } from "../base/path.ts";
import type { Artifact, Diagnostic } from "../artifact/artifact.ts";
import type { SuiteState } from "../artifact/suite_state.ts";
import { runsOf } from "../artifact/durations_update.ts";
import { checkOutputPath, writeOutputFile } from "../artifact/atomic_write.ts";
import { resolveOptions } from "../config/config.ts";
import { loadConfig } from "../config/config_file.ts";
import { ExitCode, formatWarning, stopIfInterrupted, UserError } from "../base/errors.ts";
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
import { cutShort } from "../artifact/not_run.ts";
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
import { mergeArtifacts, type MergeInput, shardCoverage } from "./merge_artifacts.ts";

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
  /** Aborted (with the signal's name) on SIGINT, SIGTERM or SIGHUP: the merge stops. */
  signal?: AbortSignal;
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
 * The warning for a merge into the artifact directory of inputs whose results began before those
 * of the run its `latest.json` holds (a merged run's: its first input's), when that run is not
 * among them (nor their inputs): their results replace newer ones.
 */
function olderThanLatest(
  inputs: readonly Artifact[],
  latest: { runId?: string; startedAt?: string },
): Diagnostic | undefined {
  const { runId, startedAt } = latest;
  if (runId === undefined || startedAt === undefined) return undefined;
  if (inputs.some((input) => runsOf(input).includes(runId))) return undefined;
  const began = Date.parse(startedAt);
  const older = inputs.filter((a) => Date.parse(a.startedAt) < began).map((a) => a.runId);
  if (older.length === 0) return undefined;
  return {
    code: "MERGE_ORDER",
    level: "warning",
    message: `Run${older.length === 1 ? "" : "s"} ${older.slice(0, 3).join(", ")}${
      older.length > 3 ? ` and ${older.length - 3} more` : ""
    } started before run ${runId}, which latest.json holds: the merge replaces newer results`,
    hint: "To keep the newer results, merge their artifact after these (later inputs win: " +
      "latest.json last), or pass --out PATH to merge elsewhere without changing this directory.",
  };
}

/**
 * Writes the merged artifact into the artifact directory: `runs/<runId>.json`, `latest.json`;
 * then adds the inputs to its durations summary (see `merged_durations.ts`).
 */
async function saveIntoHistory(
  paths: HistoryPaths,
  build: (prior?: SuiteState, warnings?: readonly Diagnostic[]) => Artifact,
  context: {
    io: MergeIo;
    shownDir: string;
    historyLimit: number;
    inputs: readonly Artifact[];
    full: boolean;
    runId: string;
  },
): Promise<Artifact> {
  const { shownDir } = context;
  await ensureHistoryDir(paths, shownDir);
  const lock = await acquireRunLock(paths.dir, { shownDir, runId: context.runId });
  try {
    for (const warning of lock.warnings) context.io.stderr(formatWarning(warning));
    prepareHistory(paths, { shownDir, replacesLatest: true });
    // Not a full run: the suite's state here changes only for the fixtures merged (read under
    // the lock, as a run reads it, so that no run between changes it unseen).
    const { readPriorState } = await import("../selection/prior_state.ts");
    const read = await readPriorState(paths, { shownDir });
    const prior = context.full ? undefined : read.state;
    // Inputs older than the run latest.json holds, which is none of them: their results replace
    // newer ones (or, a full run, the whole newer state).
    const older = olderThanLatest(context.inputs, read);
    // Kept in the merged artifact, and printed with its other warnings.
    const stateWarnings = [...(context.full ? [] : read.diagnostics), ...(older ? [older] : [])];
    const artifact = build(prior, stateWarnings);
    // The inputs already in this history (shards run here): their runs added their durations.
    const { addMergedDurations, runsInHistory } = await import("../artifact/merged_durations.ts");
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
      // Every shard of one split, run to its end (as a full run that drops the shared split
      // timings: one cut short measured too little to split by).
      full: context.full && !cutShort(artifact.fixtures),
      shownDir,
      counted,
      runId: artifact.runId,
    });
    for (const warning of warnings) context.io.stderr(formatWarning(warning));
    return artifact;
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
  const build = (prior?: SuiteState, warnings: readonly Diagnostic[] = []) => {
    const artifact = mergeArtifacts(inputs, {
      runId,
      version: VERSION,
      environment: runEnvironment(io.env),
      failOnFlaky: flags.failOnFlaky,
      ...(prior ? { prior } : {}),
    });
    return warnings.length
      ? { ...artifact, diagnostics: [...artifact.diagnostics, ...warnings] }
      : artifact;
  };
  // Whether the inputs are every shard of one full run, and the line that says so.
  const coverage = shardCoverage(inputs.map((input) => input.artifact));

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
  // Interrupted while reading and merging: nothing is written.
  await stopIfInterrupted(io.signal, "the merge wrote nothing");
  let artifact: Artifact;
  if (intoLatest) {
    artifact = await saveIntoHistory(paths, build, {
      io,
      shownDir: options.artifactDir,
      historyLimit: options.historyLimit,
      inputs: inputs.map((input) => input.artifact),
      // Every shard of one split: a full run, which starts the suite's state again.
      full: coverage.full,
      runId,
    });
  } else {
    artifact = build();
    await writeOutputFile(out, serializeArtifact(artifact), {
      what: "the merged artifact",
      shown: shownOut,
    });
  }

  // Into the artifact directory: named as a run's artifact is, by its file in runs/.
  const artifactPath = intoLatest
    ? displayPath(join(paths.runs, `${artifact.runId}.json`), io.cwd)
    : shownOut;

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
  if (coverage.line) lines.push(coverage.line);
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
    artifactPath,
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
  // Interrupted while writing or rendering (a signal during synchronous work is seen only now):
  // what it began is written whole (each file atomically), and the merge does not pass.
  await stopIfInterrupted(
    io.signal,
    `the merged artifact was written (${artifactPath}${
      intoLatest ? `, and ${shownOut} with it` : ""
    }), but the merge does not pass`,
  );
  io.stdout(lines.join("\n") + "\n");
  return artifact.result === "pass" ? ExitCode.Pass : ExitCode.Fail;
}
