/**
 * The suite's state: every fixture's latest result since the last full run.
 * A full run resets it; every other run (`--fixture`, a shard, a rerun, a
 * merge) changes only the fixtures it ran. A fixture is outstanding when its
 * latest result is `failed` (an unfinished fixture of an interrupted run is
 * recorded as failed, kind `interrupted`). Every artifact records the state
 * (`suite`), so one file is enough to rerun what is owed. Pure.
 *
 * @module
 */
import type {
  Artifact,
  FailureKind,
  FixtureResult,
  OutstandingEntry,
  Result,
  Status,
  SuiteRecord,
  Summary,
  VerdictOptions,
} from "./artifact.ts";
import { runIdClearlyAfter, summarize, verdict } from "./artifact.ts";

/** One fixture's latest result in the suite's state. */
export interface SuiteEntry {
  /** The fixture id. */
  id: string;
  /** Its latest status. */
  status: Status;
  /** The run that result came from, when known (always for an outstanding fixture). */
  runId?: string;
  /** It passed only on a retry. */
  flaky?: boolean;
  /** Why it failed. */
  failure?: { kind: FailureKind; message: string };
  /** The content hash of its files when that result was made. */
  fingerprint?: string;
}

/** The suite's state: the latest result of each fixture since the last full run. */
export interface SuiteState {
  /** The last full run the state counts from; undefined when none is known. */
  since?: string;
  /** The entries by id. */
  entries: Map<string, SuiteEntry>;
}

/** What of a run decides how it changes the state. */
export interface RunFacts {
  /** The run id. */
  runId: string;
  /** Its mode. */
  mode: Artifact["mode"];
  /** Its shard, if it ran one. */
  shard?: unknown;
  /** Its results. */
  fixtures: readonly FixtureResult[];
}

/**
 * Whether a run covers the whole catalog (and so resets the state): a full
 * run that is not one shard.
 *
 * @param run The run's mode and shard.
 * @returns True for `mode: "full"` without a shard.
 *
 * @example
 * ```ts
 * import { isFullRun } from "./suite_state.ts";
 * import assert from "node:assert/strict";
 *
 * assert.equal(isFullRun({ mode: "full" }), true);
 * assert.equal(isFullRun({ mode: "full", shard: { index: 1, total: 2 } }), false);
 * assert.equal(isFullRun({ mode: "selected" }), false);
 * ```
 */
export function isFullRun(run: { mode: Artifact["mode"]; shard?: unknown }): boolean {
  return run.mode === "full" && run.shard === undefined;
}

/**
 * A fixture result as a state entry.
 *
 * @param result The result.
 * @param runId The run it came from.
 * @returns The entry.
 *
 * @example
 * ```ts
 * import { entryOf } from "./suite_state.ts";
 * import assert from "node:assert/strict";
 *
 * const result = {
 *   id: "a", status: "failed" as const, durationMs: 1, attempts: 1, exitCode: 1, signal: null,
 *   timedOut: false, failure: { kind: "exit-code" as const, message: "Exited with code 1" },
 * };
 * assert.deepEqual(entryOf(result, "r1"), {
 *   id: "a", status: "failed", runId: "r1", failure: { kind: "exit-code", message: "Exited with code 1" },
 * });
 * ```
 */
export function entryOf(result: FixtureResult, runId: string): SuiteEntry {
  return {
    id: result.id,
    status: result.status,
    runId,
    ...(result.flaky ? { flaky: true } : {}),
    ...(result.status === "failed"
      ? { failure: result.failure ?? { kind: "exit-code", message: "failed" } }
      : {}),
    ...(result.fingerprint ? { fingerprint: result.fingerprint } : {}),
  };
}

/**
 * The state after a run: a full run replaces it, any other run lays its
 * results over the state before it.
 *
 * @param prior The state before the run; undefined when none is known.
 * @param run The run.
 * @returns The new state (the prior one is not changed).
 *
 * @example
 * ```ts
 * import { advanceState, outstandingOf } from "./suite_state.ts";
 * import assert from "node:assert/strict";
 *
 * const r = (id: string, status: "passed" | "failed") => ({
 *   id, status, durationMs: 1, attempts: 1, exitCode: 0, signal: null, timedOut: false,
 * });
 * const full = advanceState(undefined, { runId: "r1", mode: "full", fixtures: [r("a", "failed"), r("b", "passed")] });
 * // A spot-check of an unrelated fixture leaves the failure owed.
 * const spot = advanceState(full, { runId: "r2", mode: "selected", fixtures: [r("b", "passed")] });
 * assert.deepEqual(outstandingOf(spot).map((e) => e.id), ["a"]);
 * assert.equal(spot.since, "r1");
 * // One that passes it pays it.
 * const fixed = advanceState(spot, { runId: "r3", mode: "selected", fixtures: [r("a", "passed")] });
 * assert.deepEqual(outstandingOf(fixed), []);
 * ```
 */
export function advanceState(prior: SuiteState | undefined, run: RunFacts): SuiteState {
  const full = isFullRun(run);
  const entries = new Map(full ? [] : prior?.entries ?? []);
  for (const result of run.fixtures) entries.set(result.id, entryOf(result, run.runId));
  const since = full ? run.runId : prior?.since;
  return { ...(since !== undefined ? { since } : {}), entries };
}

/**
 * The state an artifact recorded.
 *
 * @param record The artifact's `suite`.
 * @returns The state.
 *
 * @example
 * ```ts
 * import { stateFromRecord } from "./suite_state.ts";
 * import assert from "node:assert/strict";
 *
 * const state = stateFromRecord({
 *   since: "r1",
 *   outstanding: [{ id: "a", runId: "r1", kind: "timeout", message: "Timed out" }],
 *   passed: ["b"], skipped: [], flaky: ["b"],
 * });
 * assert.equal(state.entries.get("a")?.status, "failed");
 * assert.equal(state.entries.get("b")?.flaky, true);
 * ```
 */
export function stateFromRecord(record: SuiteRecord): SuiteState {
  const entries = new Map<string, SuiteEntry>();
  const flaky = new Set(record.flaky);
  for (const id of record.passed) {
    entries.set(id, { id, status: "passed", ...(flaky.has(id) ? { flaky: true } : {}) });
  }
  for (const id of record.skipped) entries.set(id, { id, status: "skipped" });
  for (const entry of record.outstanding) {
    entries.set(entry.id, {
      id: entry.id,
      status: "failed",
      runId: entry.runId,
      failure: { kind: entry.kind, message: entry.message },
      ...(entry.fingerprint ? { fingerprint: entry.fingerprint } : {}),
    });
  }
  return { ...(record.since !== undefined ? { since: record.since } : {}), entries };
}

function byId(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

/**
 * The state as an artifact records it, ids sorted. Run ids are kept as they
 * are, but one clearly later than the artifact's own (a clock that ran more
 * than a day ahead on another machine) is recorded as the artifact's own, so
 * that smoke never writes a state it would refuse.
 *
 * @param state The state.
 * @param ownRunId The run id of the artifact that records it.
 * @returns The record.
 *
 * @example
 * ```ts
 * import { advanceState, suiteRecord } from "./suite_state.ts";
 * import assert from "node:assert/strict";
 *
 * const r = (id: string, status: "passed" | "failed") => ({
 *   id, status, durationMs: 1, attempts: 1, exitCode: 0, signal: null, timedOut: false,
 * });
 * const state = advanceState(undefined, { runId: "r1", mode: "full", fixtures: [r("b", "passed"), r("a", "failed")] });
 * assert.deepEqual(suiteRecord(state, "r1"), {
 *   since: "r1",
 *   outstanding: [{ id: "a", runId: "r1", kind: "exit-code", message: "failed" }],
 *   passed: ["b"], skipped: [], flaky: [],
 * });
 * ```
 */
export function suiteRecord(state: SuiteState, ownRunId: string): SuiteRecord {
  const clamp = (runId: string) => runIdClearlyAfter(runId, ownRunId) ? ownRunId : runId;
  const outstanding: OutstandingEntry[] = [];
  const passed: string[] = [];
  const skipped: string[] = [];
  const flaky: string[] = [];
  const since = state.since === undefined ? undefined : clamp(state.since);
  for (const id of [...state.entries.keys()].sort(byId)) {
    const entry = state.entries.get(id)!;
    if (entry.status === "passed") {
      passed.push(id);
      if (entry.flaky) flaky.push(id);
    } else if (entry.status === "skipped") {
      skipped.push(id);
    } else {
      const failure = entry.failure ?? { kind: "exit-code" as const, message: "failed" };
      let runId = clamp(entry.runId ?? ownRunId);
      if (since !== undefined && runIdClearlyAfter(since, runId)) runId = since;
      outstanding.push({
        id,
        runId,
        kind: failure.kind,
        message: failure.message,
        ...(entry.fingerprint ? { fingerprint: entry.fingerprint } : {}),
      });
    }
  }
  return { ...(since !== undefined ? { since } : {}), outstanding, passed, skipped, flaky };
}

/**
 * The fixtures the suite owes, by id.
 *
 * @param state The state.
 * @returns The failed entries, sorted by id.
 *
 * @example
 * ```ts
 * import { outstandingOf } from "./suite_state.ts";
 * import assert from "node:assert/strict";
 *
 * const entries = new Map([
 *   ["b", { id: "b", status: "failed" as const, runId: "r1" }],
 *   ["a", { id: "a", status: "passed" as const }],
 * ]);
 * assert.deepEqual(outstandingOf({ entries }).map((e) => e.id), ["b"]);
 * ```
 */
export function outstandingOf(state: SuiteState): SuiteEntry[] {
  return [...state.entries.values()].filter((e) => e.status === "failed")
    .sort((a, b) => byId(a.id, b.id));
}

/**
 * The suite's verdict: the counts over the state and the result.
 *
 * @param state The state.
 * @param options Whether flaky passes fail.
 * @returns The counts and verdict.
 *
 * @example
 * ```ts
 * import { advanceState, suiteVerdict } from "./suite_state.ts";
 * import assert from "node:assert/strict";
 *
 * const r = (id: string, status: "passed" | "failed") => ({
 *   id, status, durationMs: 1, attempts: 1, exitCode: 0, signal: null, timedOut: false,
 * });
 * const state = advanceState(undefined, { runId: "r1", mode: "full", fixtures: [r("a", "passed"), r("b", "failed")] });
 * assert.deepEqual(suiteVerdict(state).summary, { total: 2, passed: 1, failed: 1, skipped: 0, flaky: 0 });
 * assert.equal(suiteVerdict(state).result, "fail");
 * ```
 */
export function suiteVerdict(
  state: SuiteState,
  options: VerdictOptions & { quarantined?: ReadonlySet<string> } = {},
): { summary: Summary; result: Result } {
  const entries = [...state.entries.values()];
  const quarantined = options.quarantined;
  const summary = summarize(
    quarantined ? entries.map((e) => ({ ...e, quarantined: quarantined.has(e.id) })) : entries,
  );
  return { summary, result: verdict(summary, options) };
}

/**
 * Leaves out the fixtures no longer in the catalog.
 *
 * @param state The state.
 * @param catalogIds The ids of the current catalog.
 * @returns The state without them, and the outstanding ids that were left out.
 *
 * @example
 * ```ts
 * import { dropStale } from "./suite_state.ts";
 * import assert from "node:assert/strict";
 *
 * const entries = new Map([
 *   ["gone", { id: "gone", status: "failed" as const, runId: "r1" }],
 *   ["a", { id: "a", status: "passed" as const }],
 * ]);
 * const { state, stale } = dropStale({ since: "r1", entries }, ["a"]);
 * assert.deepEqual([...state.entries.keys()], ["a"]);
 * assert.deepEqual(stale, ["gone"]);
 * ```
 */
export function dropStale(
  state: SuiteState,
  catalogIds: Iterable<string>,
): { state: SuiteState; stale: string[] } {
  const known = new Set(catalogIds);
  const entries = new Map<string, SuiteEntry>();
  const stale: string[] = [];
  for (const [id, entry] of state.entries) {
    if (known.has(id)) entries.set(id, entry);
    else if (entry.status === "failed") stale.push(id);
  }
  return { state: { ...state, entries }, stale: stale.sort(byId) };
}
