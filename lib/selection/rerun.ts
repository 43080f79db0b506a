/**
 * Rerun-failed: the suite's state a source artifact stands for. An artifact
 * written since version 1.1 records it (`suite`); an older one stands for the
 * chain of reruns back to its full run, followed through the history. Pure
 * but for the run reader passed in; reading the artifact itself is
 * `source_artifact.ts`.
 *
 * @module
 */
import type { Artifact, FixtureResult } from "../artifact/artifact.ts";
import { advanceState, stateFromRecord, type SuiteState } from "../artifact/suite_state.ts";

/** Reads a run of the history by id; undefined when missing or invalid. */
export type ReadRun = (runId: string) => Promise<Artifact | undefined>;

/** What a chain of reruns stands for. */
export interface Chain {
  /** The runs of the chain, oldest first (the source last). */
  runs: Artifact[];
  /** The fixture results, later runs winning. */
  fixtures: FixtureResult[];
  /** The run id the chain could not follow (pruned, or from another machine). */
  missingRunId?: string;
}

/**
 * The fixtures a rerun chain stands for: the first full run with every later
 * rerun's results laid over it. Follows `selection.source.runId` through the
 * history while the source is itself a rerun.
 *
 * @param source The artifact the rerun reads.
 * @param readRun Reads a run of the history by id (run ids are schema-checked, never paths).
 * @param maxDepth How many links to follow at most.
 * @returns The fixture results, later runs winning, and where the chain broke, if it did.
 *
 * @example
 * ```ts
 * import { chainFixtures } from "./rerun.ts";
 * import type { Artifact } from "../artifact/artifact.ts";
 * import assert from "node:assert/strict";
 *
 * const r = (id: string, status: "passed" | "failed") => ({
 *   id, status, durationMs: 1, attempts: 1, exitCode: 0, signal: null, timedOut: false,
 * });
 * const full = { runId: "a", mode: "full", selection: { fixtureIds: [] }, fixtures: [r("x", "passed"), r("y", "failed")] };
 * const rerun = {
 *   runId: "b", mode: "rerun-failed",
 *   selection: { fixtureIds: ["y"], source: { path: "latest.json", runId: "a", sha256: "0".repeat(64) } },
 *   fixtures: [r("y", "failed")],
 * };
 * const chain = await chainFixtures(
 *   rerun as unknown as Artifact,
 *   (id) => Promise.resolve(id === "a" ? full as unknown as Artifact : undefined),
 * );
 * assert.deepEqual(chain.fixtures.map((f) => f.id), ["x", "y"]);
 * assert.equal(chain.missingRunId, undefined);
 * ```
 */
export async function chainFixtures(
  source: Artifact,
  readRun: ReadRun,
  maxDepth = 100,
): Promise<Chain> {
  const chain = [source];
  const seen = new Set([source.runId]);
  let current = source;
  let missingRunId: string | undefined;
  while (current.mode === "rerun-failed" && current.selection.source && chain.length < maxDepth) {
    const parentId = current.selection.source.runId;
    if (seen.has(parentId)) break;
    const parent = await readRun(parentId);
    if (!parent) {
      missingRunId = parentId;
      break;
    }
    seen.add(parentId);
    chain.unshift(parent);
    current = parent;
  }
  const byId = new Map<string, FixtureResult>();
  for (const artifact of chain) {
    for (const fixture of artifact.fixtures) byId.set(fixture.id, fixture);
  }
  return {
    runs: chain,
    fixtures: [...byId.values()],
    ...(missingRunId ? { missingRunId } : {}),
  };
}

/** The suite's state an artifact stands for, and where an old chain broke. */
export interface SourceState {
  /** The state. */
  state: SuiteState;
  /** An artifact from before version 1.1: the run id its chain could not follow. */
  missingRunId?: string;
}

/**
 * The suite's state an artifact stands for: the one it records, or, for an
 * artifact written before smoke recorded it, its chain of reruns laid over
 * the full run they began with.
 *
 * @param artifact The artifact.
 * @param readRun Reads a run of the history by id, to follow an old chain.
 * @returns The state.
 *
 * @example
 * ```ts
 * import { stateOfArtifact } from "./rerun.ts";
 * import type { Artifact } from "../artifact/artifact.ts";
 * import assert from "node:assert/strict";
 *
 * const recorded = {
 *   runId: "r2", mode: "selected", selection: { fixtureIds: [] }, fixtures: [],
 *   suite: { since: "r1", outstanding: [{ id: "a", runId: "r1", kind: "timeout", message: "Timed out" }],
 *     passed: [], skipped: [], flaky: [] },
 * } as unknown as Artifact;
 * const { state } = await stateOfArtifact(recorded);
 * assert.equal(state.entries.get("a")?.status, "failed");
 * ```
 */
export async function stateOfArtifact(
  artifact: Artifact,
  readRun?: ReadRun,
): Promise<SourceState> {
  if (artifact.suite) return { state: stateFromRecord(artifact.suite) };
  const chain = readRun
    ? await chainFixtures(artifact, readRun)
    : { runs: [artifact], missingRunId: undefined };
  let state: SuiteState | undefined;
  for (const run of chain.runs) {
    state = advanceState(state, { ...run, shard: run.selection.shard });
  }
  return { state: state!, ...(chain.missingRunId ? { missingRunId: chain.missingRunId } : {}) };
}
