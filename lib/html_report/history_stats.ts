/**
 * Statistics for the HTML report: median, percentile, flakiness (status
 * flips) and "time ago". Pure functions.
 *
 * @module
 */

/**
 * The median of some numbers (the mean of the middle two for an even count).
 *
 * @param values The numbers, any order.
 * @returns The median, or 0 when there are none.
 *
 * @example
 * ```ts
 * import { median } from "./history_stats.ts";
 * import assert from "node:assert/strict";
 *
 * assert.equal(median([3, 1, 2]), 2);
 * assert.equal(median([4, 1, 2, 3]), 2.5);
 * ```
 */
export function median(values: readonly number[]): number {
  if (values.length === 0) return 0;
  const sorted = [...values].sort((a, b) => a - b);
  const mid = sorted.length >> 1;
  return sorted.length % 2 ? sorted[mid] : (sorted[mid - 1] + sorted[mid]) / 2;
}

/**
 * A percentile by the nearest-rank method: the smallest value with at least
 * `p` percent of the values at or below it.
 *
 * @param values The numbers, any order.
 * @param p The percentile, 0 to 100.
 * @returns The value, or 0 when there are none.
 *
 * @example
 * ```ts
 * import { percentile } from "./history_stats.ts";
 * import assert from "node:assert/strict";
 *
 * const values = Array.from({ length: 20 }, (_, i) => i + 1);
 * assert.equal(percentile(values, 95), 19);
 * assert.equal(percentile([5], 95), 5);
 * ```
 */
export function percentile(values: readonly number[], p: number): number {
  if (values.length === 0) return 0;
  const sorted = [...values].sort((a, b) => a - b);
  const rank = Math.max(1, Math.ceil((p / 100) * sorted.length));
  return sorted[Math.min(rank, sorted.length) - 1];
}

/**
 * Counts status flips: changes between pass and fail over consecutive
 * results, a pass on retry counting as a fail then a pass (skipped and
 * absent runs are left out).
 *
 * @param cells One grid cell code per run (`p` passed, `r` passed on retry, `f` failed, `s` skipped, `n` never started, `i` interrupted, `.` absent), oldest first: only `p`, `r` and `f` are results.
 * @returns The flips, the results that count, and the score: flips over
 * the chances to flip, 0 (steady) to 1 (flips every time).
 *
 * @example
 * ```ts
 * import { flakiness } from "./history_stats.ts";
 * import assert from "node:assert/strict";
 *
 * assert.deepEqual(flakiness("pfp.s"), { flips: 2, observed: 3, score: 1 });
 * assert.deepEqual(flakiness("ppff"), { flips: 1, observed: 4, score: 1 / 3 });
 * assert.deepEqual(flakiness("prp"), { flips: 2, observed: 3, score: 2 / 3 });
 * assert.deepEqual(flakiness("f"), { flips: 0, observed: 1, score: 0 });
 * ```
 */
export function flakiness(cells: string): { flips: number; observed: number; score: number } {
  let flips = 0;
  let observed = 0;
  let steps = 0;
  let previous = "";
  const step = (outcome: string) => {
    if (previous && outcome !== previous) flips++;
    previous = outcome;
    steps++;
  };
  for (const cell of cells) {
    if (cell !== "p" && cell !== "r" && cell !== "f") continue;
    observed++;
    if (cell === "r") step("f");
    step(cell === "f" ? "f" : "p");
  }
  return { flips, observed, score: steps > 1 ? flips / (steps - 1) : 0 };
}

/**
 * Describes how long ago something happened.
 *
 * @param then The earlier time.
 * @param now The time to measure from.
 * @returns E.g. `just now`, `5 min ago`, `3 h ago`, `2 days ago`.
 *
 * @example
 * ```ts
 * import { timeAgo } from "./history_stats.ts";
 * import assert from "node:assert/strict";
 *
 * assert.equal(timeAgo(new Date(0), new Date(3 * 3600_000)), "3 h ago");
 * ```
 */
export function timeAgo(then: Date, now: Date): string {
  const s = Math.max(0, (now.getTime() - then.getTime()) / 1000);
  if (s < 60) return "just now";
  if (s < 3600) return `${Math.floor(s / 60)} min ago`;
  if (s < 86400) return `${Math.floor(s / 3600)} h ago`;
  const days = Math.floor(s / 86400);
  return `${days} day${days === 1 ? "" : "s"} ago`;
}
