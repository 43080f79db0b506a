/**
 * A durations summary after a run (see `durations_summary.ts`): what a run's
 * results add to it, and which of them it records.
 *
 * @module
 */
import { addOutcome } from "./outcome_history.ts";
import { interruptedWithoutResult } from "./not_run.ts";
import {
  type DurationSamples,
  MAX_COUNTED,
  MAX_SAMPLES,
  MAX_SPLITS,
  usableDurationMs,
} from "./durations_summary.ts";

/** Ids outside the catalog a summary keeps up to (or four times the catalog's ids, if more). */
export const KEEP_OTHER_IDS = 1000;

/**
 * The summary after one more run: each fixture that ran gets its duration
 * first in its list (at most {@linkcode MAX_SAMPLES} kept), and its outcome
 * first in its outcomes when its status is given. With `catalog`, once the
 * summary holds more than {@linkcode KEEP_OTHER_IDS} ids or four times the
 * catalog's, the ids not in it (deleted, renamed) are dropped: the summary
 * does not grow with every id a suite ever had, and a second suite sharing
 * the artifact directory (another `--fixtures-dir`) keeps its history.
 *
 * @param before The summary before the run (undefined: none).
 * @param ran The fixtures that ran (attempts > 0), how long each took (none: no duration to
 * record) and how it ended.
 * @param options `catalog`: the ids of the catalog now, to keep only those. `suite`: the run's
 * (its catalog's, see `suiteKey` in `selection/select.ts`; default `.`);
 * `formerSuite`: its name as an earlier smoke wrote it, whose set is its own too. `split`: the
 * timings the run split by, when it is a
 * split by duration from this summary (kept for the suite's splits after it, in place of its
 * earlier ones); `null` for a full run that ran to its end (the suite's shared timings are
 * dropped: its next split reads the newest durations); absent for any other run (the shared
 * timings stay as they are). `runIds`: the runs whose results these are (remembered as
 * counted). `count`: false when the run adds no results (runs stays).
 * @returns The new summary.
 *
 * @example
 * ```ts
 * import { addRun } from "./durations_update.ts";
 * import assert from "node:assert/strict";
 *
 * const one = addRun(undefined, [{ id: "a", durationMs: 5 }]);
 * const two = addRun(one, [{ id: "a", durationMs: 9 }]);
 * assert.deepEqual(two.byId.get("a"), [9, 5]);
 * assert.equal(two.runs, 2);
 * const three = addRun(two, [{ id: "a", durationMs: 6, status: "failed" }]);
 * assert.equal(three.outcomes?.get("a"), "F");
 * // A few ids beside the catalog's stay (another suite's, or one renamed away).
 * const renamed = addRun(three, [{ id: "b", durationMs: 7 }], { catalog: new Set(["b"]) });
 * assert.deepEqual([...renamed.byId.keys()], ["a", "b"]);
 * // A shard split by duration keeps what it split by; a full run drops it.
 * const shard = addRun(renamed, [{ id: "a", durationMs: 8 }], { split: renamed.byId });
 * assert.deepEqual(shard.splits?.[0].timings.get("a"), [6, 9, 5]);
 * assert.deepEqual(addRun(shard, [{ id: "b", durationMs: 1 }]).splits, shard.splits);
 * assert.equal(addRun(shard, [{ id: "a", durationMs: 8 }], { split: null }).splits, undefined);
 * // Another suite keeps its own beside it, and drops its own only.
 * const z = new Map([["a", []]]);
 * const other = addRun(shard, [], { suite: "e2e", split: z });
 * assert.deepEqual(other.splits?.map((s) => s.suite), ["e2e", "."]);
 * const full = addRun(other, [], { suite: "e2e", split: null });
 * assert.deepEqual(full.splits, shard.splits);
 * // A set under the suite's former name is its own: a full run drops it too.
 * assert.equal(addRun(shard, [], { suite: "new", formerSuite: ".", split: null }).splits, undefined);
 * // The runs it holds, remembered.
 * assert.deepEqual(addRun(full, [], { runIds: ["r9"], count: false }).counted, ["r9"]);
 * assert.equal(addRun(full, [], { runIds: ["r9"], count: false }).runs, full.runs);
 * ```
 */
export function addRun(
  before: DurationSamples | undefined,
  ran: readonly { id: string; durationMs?: number; status?: string }[],
  options: {
    catalog?: ReadonlySet<string>;
    suite?: string;
    formerSuite?: string;
    split?: ReadonlyMap<string, number[]> | null;
    runIds?: readonly string[];
    count?: boolean;
  } = {},
): DurationSamples {
  const { catalog } = options;
  const ids = new Set([...before?.byId.keys() ?? [], ...before?.outcomes?.keys() ?? []]);
  const full = catalog !== undefined &&
    ids.size > Math.max(KEEP_OTHER_IDS, 4 * catalog.size);
  const kept = <T>(entries: Iterable<[string, T]>) =>
    full ? [...entries].filter(([id]) => catalog.has(id)) : entries;
  // A split by duration from this summary keeps what it split by (what its suite's splits
  // share), in place of its suite's; a full run lets its suite's next split read the newest
  // durations; any other run leaves them. Another suite sharing the artifact directory (another
  // fixtures directory) has its own. Never thinned with the ids beside the catalog.
  const suite = options.suite ?? ".";
  // The suite's set under its former name (see `formerSuiteKey`) is its own too: replaced or
  // dropped.
  const others = (before?.splits ?? []).filter((split) =>
    split.suite !== suite && split.suite !== options.formerSuite
  );
  const splits = options.split === null
    ? others
    : options.split
    ? [{ suite, timings: new Map(options.split) }, ...others].slice(0, MAX_SPLITS)
    : before?.splits ?? [];
  const counted = [...new Set([...options.runIds ?? [], ...before?.counted ?? []])]
    .slice(0, MAX_COUNTED);
  const byId = new Map(kept(before?.byId ?? []));
  const outcomes = new Map(kept(before?.outcomes ?? []));
  for (const { id, durationMs, status } of ran) {
    if (durationMs !== undefined) {
      byId.set(id, [durationMs, ...(byId.get(id) ?? [])].slice(0, MAX_SAMPLES));
    }
    if (status === "passed" || status === "failed") {
      outcomes.set(id, addOutcome(outcomes.get(id), status));
    }
  }
  return {
    runs: (before?.runs ?? 0) + (options.count === false ? 0 : 1),
    byId,
    ...(outcomes.size ? { outcomes } : {}),
    ...(splits.length ? { splits } : {}),
    ...(counted.length ? { counted } : {}),
  };
}

/** What the summary reads of a run's result (an artifact's, or one being written). */
export interface RunResult {
  /** The fixture. */
  id: string;
  /** How long it took. */
  durationMs: number;
  /** How many attempts started (0: it never ran). */
  attempts: number;
  /** `passed`, `failed` or `skipped`. */
  status: string;
  /** Why it failed. */
  failure?: { kind: string };
  /** Under `--repeat`: each run's outcome. */
  repeat?: { outcomes: string };
}

/**
 * What the summary records of a run's results: each one that ran (`attempts` > 0). One an
 * interrupt stopped has neither an outcome nor a duration of its own: left out, so a Ctrl-C
 * stays out of the flake evidence and the estimates; one that failed before the interrupt (a
 * retry, a repeat) keeps that failure, without the cut-off duration.
 *
 * @param fixtures The results.
 * @returns What {@linkcode addRun} takes.
 *
 * @example
 * ```ts
 * import { recordedResults } from "./durations_update.ts";
 * import assert from "node:assert/strict";
 *
 * const recorded = recordedResults([
 *   { id: "a", durationMs: 5, attempts: 1, status: "passed" },
 *   { id: "b", durationMs: 0, attempts: 0, status: "failed" },
 *   { id: "c", durationMs: 9, attempts: 2, status: "failed", failure: { kind: "interrupted" } },
 * ]);
 * assert.deepEqual(recorded, [
 *   { id: "a", durationMs: 5, status: "passed" },
 *   { id: "c", status: "failed" },
 * ]);
 * ```
 */
export function recordedResults(
  fixtures: readonly RunResult[],
): { id: string; durationMs?: number; status: string }[] {
  return fixtures.filter((f) => f.attempts > 0 && !interruptedWithoutResult(f))
    .map((f) =>
      f.failure?.kind === "interrupted"
        ? { id: f.id, status: "failed" }
        // A duration no timer can wait (a crafted or damaged artifact merged in) is no sample:
        // the summary's reader would leave it out, and say so, at every run.
        : usableDurationMs(f.durationMs)
        ? { id: f.id, durationMs: f.durationMs, status: f.status }
        : { id: f.id, status: f.status }
    );
}

/**
 * The runs whose results an input holds: its own, and a merged input's inputs.
 *
 * @param input The input.
 * @returns The run ids.
 *
 * @example
 * ```ts
 * import { runsOf } from "./durations_update.ts";
 * import assert from "node:assert/strict";
 *
 * assert.deepEqual(runsOf({ runId: "m", inputs: [{ runId: "a" }] }), ["m", "a"]);
 * ```
 */
export function runsOf(input: { runId: string; inputs?: readonly { runId: string }[] }): string[] {
  return [input.runId, ...(input.inputs ?? []).map((i) => i.runId)];
}
