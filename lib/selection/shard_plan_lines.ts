/**
 * The lines the output shows of a duration split (`shard_plan.ts`): the plan
 * line of `--list` and `--dry-run`, the run's line before it starts, and the
 * warning of timings that hold none of the fixtures. Pure.
 *
 * @module
 */
import { formatExpected } from "./durations.ts";
import type { ShardPlan } from "./shard_plan.ts";
import type { Diagnostic } from "../artifact/artifact.ts";

/**
 * The line `--dry-run` and `--list` show: every shard's predicted total, this one marked.
 *
 * @param plan The plan.
 * @returns The line.
 *
 * @example
 * ```ts
 * import { shardPlanLine } from "./shard_plan_lines.ts";
 * import assert from "node:assert/strict";
 *
 * assert.equal(
 *   shardPlanLine({ shard: { index: 2, total: 2 }, totals: [1500, 1200], source: "t.json", missing: 1, fixtures: 3 }),
 *   "Shards by duration (from t.json, 1 of 3 fixtures without timings): 1/2 1.5s, 2/2 1.2s (this shard)",
 * );
 * assert.equal(
 *   shardPlanLine({ shard: { index: 1, total: 1 }, totals: [3000], missing: 3, fixtures: 3 }),
 *   "Shards by duration (no timings: 3 of 3 fixtures at the default): 1/1 3.0s (this shard)",
 * );
 * ```
 */
export function shardPlanLine(plan: ShardPlan): string {
  const { total, index } = plan.shard;
  // A shard after the first predicted at 0 ms is empty (a fixture that takes no time joins a
  // shard that has fixtures): it goes in the range with the shards no fixture can reach.
  let reached = plan.totals.length;
  while (reached > 1 && plan.totals[reached - 1] === 0) reached--;
  const parts = plan.totals.slice(0, reached).map((ms, i) =>
    `${i + 1}/${total} ${formatExpected(ms)}${i + 1 === index ? " (this shard)" : ""}`
  );
  // The empty shards, as one range: N may be far larger than the catalog.
  const first = reached + 1;
  if (first <= total) {
    const mark = index < first
      ? ""
      : first === total
      ? " (this shard)"
      : ` (this shard: ${index}/${total})`;
    const range = first === total ? `${total}/${total}` : `${first}/${total} to ${total}/${total}`;
    parts.push(`${range} 0ms${mark}`);
  }
  return `Shards by duration (${timingsSource(plan)}): ${parts.join(", ")}`;
}

/**
 * Where the timings came from and how many fixtures had none: `from t.json, 1 of 3 fixtures
 * without timings`; without any, `no timings: 3 of 3 fixtures at the default`.
 */
function timingsSource(plan: ShardPlan): string {
  if (plan.fixtures === 0) {
    return `${
      plan.source === undefined ? "no timings" : `from ${plan.source}`
    }; every fixture skipped`;
  }
  // Named while some have timings (with none, every fixture is one of them).
  const named = plan.missingIds?.length && plan.missing < plan.fixtures
    ? `: ${plan.missingIds.join(", ")}${
      plan.missing > plan.missingIds.length
        ? ` and ${plan.missing - plan.missingIds.length} more`
        : ""
    }`
    : "";
  const count = `${plan.missing} of ${plan.fixtures} fixture${plan.fixtures === 1 ? "" : "s"}`;
  const shared = plan.timingsShared ? ", kept for the splits until a full run" : "";
  const placed = plan.placedByWhole ? ", placed as the whole selection splits" : "";
  const needs = plan.needsLeftOut ? "; needs too many to follow, not counted" : "";
  return plan.source === undefined
    ? `no timings: ${count} at the default${placed}${needs}`
    : `from ${plan.source}${shared}${placed}, ${count} without timings${named}${needs}`;
}

/**
 * The line a run prints before it starts: `Shard 2/3 by duration: predicted 12.1s of fixture
 * time (from t.json)`, where the timings came from, and how many fixtures had no timings (and
 * so the default) when any had none.
 *
 * @param plan The plan.
 * @returns The line.
 *
 * @example
 * ```ts
 * import { shardRunLine } from "./shard_plan_lines.ts";
 * import assert from "node:assert/strict";
 *
 * assert.equal(
 *   shardRunLine({ shard: { index: 1, total: 2 }, totals: [1500, 1200], source: "t.json", missing: 0, fixtures: 3 }),
 *   "Shard 1/2 by duration: predicted 1.5s of fixture time (from t.json)",
 * );
 * assert.equal(
 *   shardRunLine({ shard: { index: 2, total: 2 }, totals: [1500, 1200], source: "t.json", missing: 1, fixtures: 3 }),
 *   "Shard 2/2 by duration: predicted 1.2s of fixture time (from t.json, 1 of 3 fixtures " +
 *     "without timings)",
 * );
 * ```
 */
export function shardRunLine(plan: ShardPlan): string {
  const { index, total } = plan.shard;
  const shared = plan.timingsShared ? ", kept for the splits until a full run" : "";
  const source = plan.missing > 0 || plan.needsLeftOut || plan.source === undefined
    ? timingsSource(plan)
    : `from ${plan.source}${shared}`;
  return `Shard ${index}/${total} by duration: predicted ${
    formatExpected(plan.totals[index - 1] ?? 0)
  } of fixture time (${source})`;
}

/**
 * The warning of a split whose timings hold none of the fixtures that run (a
 * `--timings` file of another suite, or the timings kept for the splits of a
 * folder that has had no full run since it had none): every fixture got the
 * default, so the split is by count. Undefined when any fixture had timings,
 * or when there were no timings to read (that is said where they are read).
 *
 * @param plan The plan.
 * @returns The warning, or undefined.
 *
 * @example
 * ```ts
 * import { noTimingsWarning } from "./shard_plan_lines.ts";
 * import assert from "node:assert/strict";
 *
 * const plan = { shard: { index: 1, total: 2 }, totals: [2000, 1000], source: "t.json", missing: 3, fixtures: 3 };
 * assert.equal(noTimingsWarning(plan)?.code, "SHARD_TIMINGS_MISSING");
 * assert.equal(noTimingsWarning({ ...plan, missing: 2 }), undefined);
 * // A rerun's owed fixtures placed as the whole selection splits: that split had the others'.
 * assert.equal(noTimingsWarning({ ...plan, placedByWhole: true }), undefined);
 * ```
 */
export function noTimingsWarning(plan: ShardPlan): Diagnostic | undefined {
  // Placed as the whole selection splits (a rerun): that split read the others' timings too.
  if (
    plan.source === undefined || plan.fixtures === 0 || plan.missing < plan.fixtures ||
    plan.placedByWhole
  ) return undefined;
  const n = plan.fixtures;
  return {
    code: "SHARD_TIMINGS_MISSING",
    level: "warning",
    message: `No timings in "${plan.source}" for any of the ${n} fixture${
      n === 1 ? "" : "s"
    } that run: every fixture gets the default duration (a split by count)`,
    hint: plan.timingsShared
      ? "These are the timings kept for the splits here since the last full run, which held " +
        "none of them: a full run in this artifact directory (not split) lets the next split " +
        "read the newest durations, or give every shard one --timings file (e.g. a copy of a " +
        "merged latest.json)."
      : plan.timingsGiven
      ? "Pass --timings with an artifact or durations.json in which these fixtures ran (the " +
        "ids are the catalog's)."
      : "Run these fixtures once (not split by duration) to record durations, or pass " +
        "--timings with a previous run's artifact.",
  };
}
