/**
 * What `smoke merge` makes of its inputs, pure: the merged artifact (the
 * union of their results, the later input winning, shards of one split
 * agreeing on a need they both ran), whether the inputs are every shard of one
 * full run, and the suite's state after it. `merge_command.ts` reads and
 * writes.
 *
 * @module
 */
import {
  type Artifact,
  createArtifact,
  type Diagnostic,
  type FixtureResult,
  type Source,
} from "../artifact/artifact.ts";
import { interruptedWithoutResult } from "../artifact/not_run.ts";
import {
  advanceState,
  stateFromRecord,
  suiteRecord,
  type SuiteState,
  suiteVerdict,
} from "../artifact/suite_state.ts";

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
  /**
   * The suite's state where the merged run is saved (its artifact directory's `latest.json`):
   * a merge that is not a full run changes it only for the fixtures it merged, as a partial
   * run does.
   */
  prior?: SuiteState;
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
 * import { mergeArtifacts } from "./merge_artifacts.ts";
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
  const artifacts = inputs.map((i) => i.artifact);
  const coverage = shardCoverage(artifacts);
  // Shards that meant to split one run but split it differently: some fixture may have run on no
  // runner, which no result shows. Said as a warning, kept in the artifact.
  if (coverage.splitsDiffer) {
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
  const state = mergedState(artifacts, {
    runId: options.runId,
    fixtures: merged,
    full: coverage.full,
    ...(options.prior ? { prior: options.prior } : {}),
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
 * import { shardCoverage } from "./merge_artifacts.ts";
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
 * make a full run (`full`, see {@linkcode shardCoverage}: the state starts
 * again); otherwise the state where it is saved (`prior`) with the merged
 * results laid over it, or, with none, each input's state, later inputs
 * winning, with the merged results over those.
 */
function mergedState(
  artifacts: readonly Artifact[],
  merged: { runId: string; fixtures: FixtureResult[]; full: boolean; prior?: SuiteState },
): SuiteState {
  if (merged.full) {
    return advanceState(undefined, {
      runId: merged.runId,
      mode: "full",
      fixtures: merged.fixtures,
    });
  }
  // Where it is saved, its state changes only for the fixtures merged: the inputs' own states
  // (of their directories) do not replace it, nor does their full run.
  if (merged.prior) {
    return advanceState(merged.prior, {
      runId: merged.runId,
      mode: "merged",
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
