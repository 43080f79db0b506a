/**
 * Rerun-failed: the failed ids of a source artifact against the catalog, the
 * chain of reruns back to a full run, and the combined verdict. Pure but for
 * the run reader passed in; reading the artifact itself is `source_artifact.ts`.
 *
 * @module
 */
import type {
  Artifact,
  FixtureResult,
  Result,
  Summary,
  VerdictOptions,
} from "../artifact/artifact.ts";
import { summarize, verdict } from "../artifact/artifact.ts";

export { failedEntries, type FailedEntry } from "../artifact/artifact.ts";
import type { FailedEntry } from "../artifact/artifact.ts";

/** The failed ids split against the current catalog. */
export interface RerunSplit {
  /** Failed ids still in the catalog (and matching `--fixture`), in catalog order. */
  rerun: string[];
  /** Failed ids no longer in the catalog. */
  stale: string[];
}

/**
 * Splits the source's failed ids into those to rerun and stale ones.
 *
 * @param failed The failed entries of the source.
 * @param catalogIds The ids of the current catalog, in catalog order.
 * @returns Ids to rerun (catalog order) and stale ids (source order).
 *
 * @example
 * ```ts
 * import { splitFailed } from "./rerun.ts";
 * import assert from "node:assert/strict";
 *
 * assert.deepEqual(splitFailed([{ id: "b" }, { id: "gone" }, { id: "a" }], ["a", "b", "c"]), {
 *   rerun: ["a", "b"],
 *   stale: ["gone"],
 * });
 * ```
 */
export function splitFailed(
  failed: readonly FailedEntry[],
  catalogIds: readonly string[],
): RerunSplit {
  const failedIds = new Set(failed.map((entry) => entry.id));
  const known = new Set(catalogIds);
  return {
    rerun: catalogIds.filter((id) => failedIds.has(id)),
    stale: failed.map((entry) => entry.id).filter((id) => !known.has(id)),
  };
}

/**
 * The verdict over the source run with the rerun's results in place; stale
 * ids are left out.
 *
 * @param source The source artifact's fixtures.
 * @param rerun The rerun's results.
 * @param stale Ids no longer in the catalog.
 * @param options Whether flaky passes fail.
 * @returns The combined counts and verdict.
 *
 * @example
 * ```ts
 * import { combine } from "./rerun.ts";
 * import assert from "node:assert/strict";
 *
 * const r = (id: string, status: "passed" | "failed") => ({
 *   id, status, durationMs: 1, attempts: 1, exitCode: 0, signal: null, timedOut: false,
 * });
 * const combined = combine([r("a", "passed"), r("b", "failed")], [r("b", "passed")], []);
 * assert.deepEqual(combined.summary, { total: 2, passed: 2, failed: 0, skipped: 0, flaky: 0 });
 * assert.equal(combined.result, "pass");
 * ```
 */
export function combine(
  source: readonly FixtureResult[],
  rerun: readonly FixtureResult[],
  stale: readonly string[],
  options: VerdictOptions = {},
): { summary: Summary; result: Result } {
  const byId = new Map<string, FixtureResult>();
  for (const fixture of source) byId.set(fixture.id, fixture);
  for (const fixture of rerun) byId.set(fixture.id, fixture);
  for (const id of stale) byId.delete(id);
  const summary = summarize([...byId.values()]);
  return { summary, result: verdict(summary, options) };
}

/** Reads a run of the history by id; undefined when missing or invalid. */
export type ReadRun = (runId: string) => Promise<Artifact | undefined>;

/** What a chain of reruns stands for. */
export interface Chain {
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
  return { fixtures: [...byId.values()], ...(missingRunId ? { missingRunId } : {}) };
}
