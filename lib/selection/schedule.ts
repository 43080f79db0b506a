/**
 * A run's start order (`--order id|duration`): the artifact directory's
 * durations summary read once at start, the estimates it gives and the order
 * they make (see `durations.ts`), and how the dry run shows them.
 *
 * @module
 */
import type { HistoryPaths } from "../artifact/history.ts";
import type { DurationsRead } from "../artifact/durations_file.ts";
import type { DurationSamples } from "../artifact/durations_summary.ts";
import type { PlannedFixture } from "./plan.ts";
import {
  DURATION_SAMPLES,
  type Estimates,
  estimatesFrom,
  formatExpected,
  longestChainFirst,
  longestOf,
  type StartOrderMode,
} from "./durations.ts";

/** How a run starts its fixtures, and why. */
export interface Schedule {
  /** The order used. */
  mode: StartOrderMode;
  /**
   * Who asked for it: `--order` (`flag`) or the config's `order` (`config`); undefined when
   * the history's presence chose it.
   */
  askedIn?: "flag" | "config";
  /** How many real runs were read (0 when none were, or none exist). */
  runs: number;
  /** The estimates, when history was read. */
  estimates?: Estimates;
  /** Indices into the planned fixtures, in start order; absent for their own order. */
  startOrder?: number[];
  /** The durations summary as read, for the end of the run to add to; absent when not read. */
  read?: DurationsRead;
}

/** Options for {@linkcode planSchedule}. */
export interface ScheduleOptions {
  /** The order asked for (`--order`, or the config's `order`), when one was. */
  order?: StartOrderMode;
  /** Where it was asked for (default `flag`). */
  askedIn?: "flag" | "config";
  /** The catalog's ids: their estimates give the default (see `EstimateOptions` in `durations.ts`). */
  catalogIds?: readonly string[];
}

/**
 * The schedule from history already read: `--order` wins; without it,
 * longest first when there is any history, id order otherwise. Skipped
 * fixtures are expected to take no time.
 *
 * @param planned The planned fixtures, in selection order.
 * @param history The durations summary (how many runs, each fixture's newest durations), or
 * undefined when not read.
 * @param options The order asked for (`--order`, or the config's `order`), when one was, and
 * where (default `flag`); the catalog's ids, whose estimates give the default.
 * @returns The schedule.
 *
 * @example
 * ```ts
 * import { planSchedule } from "./schedule.ts";
 * import assert from "node:assert/strict";
 *
 * assert.equal(planSchedule([], { runs: 0, byId: new Map() }).mode, "id");
 * assert.equal(planSchedule([], { runs: 3, byId: new Map() }, { order: "id" }).askedIn, "flag");
 * ```
 */
export function planSchedule(
  planned: readonly PlannedFixture[],
  history: DurationSamples | undefined,
  options: ScheduleOptions = {},
): Schedule {
  const { order, askedIn = "flag" } = options;
  const runs = history?.runs ?? 0;
  const mode = order ?? (runs > 0 ? "duration" : "id");
  const base = { mode, runs, ...(order ? { askedIn } : {}) };
  // No history and no --order: nothing to say (a dry run is as it always was).
  if (history === undefined || (runs === 0 && !order)) return base;
  const ids = planned.map((p) => p.fixture.id);
  const estimates = estimatesFrom(history.byId, ids, {
    ...(options.catalogIds ? { defaultFrom: options.catalogIds } : {}),
    capMs: longestOf(planned),
  });
  if (mode === "id") return { ...base, estimates };
  const ms = planned.map((p) => p.fixture.skipReason ? 0 : estimates.byId.get(p.fixture.id)!.ms);
  const startOrder = longestChainFirst(planned.map((p) => p.fixture), ms);
  return { ...base, estimates, startOrder };
}

/**
 * Reads what the schedule needs (the artifact directory's durations summary,
 * `durations.json`, read with `--order id` too: the run adds to it) and plans it.
 *
 * @param planned The planned fixtures, in selection order.
 * @param where The artifact directory; the order asked for (`--order`, or the config's `order`,
 * then `orderFromConfig`), when one was; the catalog's ids (whose estimates give the default);
 * `earlier`: the summary as read already (by a split by duration), taken while unchanged.
 * @returns The schedule.
 *
 * @example
 * ```ts
 * import { readSchedule } from "./schedule.ts";
 * import { historyPaths } from "../artifact/history.ts";
 * import assert from "node:assert/strict";
 *
 * const schedule = await readSchedule([], { paths: historyPaths("/nonexistent") });
 * assert.equal(schedule.mode, "id");
 * ```
 */
export async function readSchedule(
  planned: readonly PlannedFixture[],
  where: {
    paths: HistoryPaths;
    order?: StartOrderMode;
    orderFromConfig?: boolean;
    catalogIds?: readonly string[];
    earlier?: DurationsRead;
  },
): Promise<Schedule> {
  const options: ScheduleOptions = {
    ...(where.order ? { order: where.order } : {}),
    askedIn: where.orderFromConfig ? "config" : "flag",
    ...(where.catalogIds ? { catalogIds: where.catalogIds } : {}),
  };
  // One small summary file, not the run files: start-up stays cheap however long the history.
  // Read in id order too: the run's end adds to it, and one that cannot be read is said before
  // the run starts it again.
  const { readDurationsFile } = await import("../artifact/durations_file.ts");
  const read = await readDurationsFile(where.paths.dir, where.earlier);
  if (where.order === "id") return { ...planSchedule(planned, undefined, options), read };
  // No summary yet: id order, unless --order duration asks for the (default) estimates anyway.
  const none = where.order ? { runs: 0, byId: new Map() } : undefined;
  return { ...planSchedule(planned, read.samples ?? none, options), read };
}

/** The dry run lists at most this many ids of the start order. */
const SHOWN_START_IDS = 20;

/**
 * What the dry run says of a fixture's expected duration: `  expected: 1.2s
 * (median of 5 runs)`; nothing when no history was read, or for a skipped fixture.
 *
 * @param schedule The schedule.
 * @param planned The fixture.
 * @returns The line, or undefined.
 *
 * @example
 * ```ts
 * import { expectedLine } from "./schedule.ts";
 * import assert from "node:assert/strict";
 *
 * assert.equal(expectedLine({ mode: "id", askedIn: "flag", runs: 0 }, {} as never), undefined);
 * ```
 */
export function expectedLine(schedule: Schedule, planned: PlannedFixture): string | undefined {
  const estimate = schedule.estimates?.byId.get(planned.fixture.id);
  if (!estimate || planned.fixture.skipReason) return undefined;
  const why =
    (estimate.samples > 0
      ? `median of ${estimate.samples} run${estimate.samples === 1 ? "" : "s"}`
      : schedule.estimates!.defaultOf > 0
      ? "no history: the suite's median"
      : "no history: default") + (estimate.capped ? ", cut to its timeout" : "");
  return `  expected: ${formatExpected(estimate.ms)} (${why})`;
}

/**
 * The dry run's line on the start order, and why it is what it is (id order
 * when there is no history to order by).
 *
 * @param schedule The schedule.
 * @param planned The planned fixtures, in selection order.
 * @param skipped The ids skipped whatever happens (a need's skip too), never named.
 * @returns The line.
 *
 * @example
 * ```ts
 * import { startOrderLine } from "./schedule.ts";
 * import assert from "node:assert/strict";
 *
 * assert.equal(startOrderLine({ mode: "id", askedIn: "flag", runs: 0 }, []), "Start order: by id (--order id)");
 * assert.equal(
 *   startOrderLine({ mode: "id", runs: 0 }, []),
 *   "Start order: by id (no history yet: a run records the durations)",
 * );
 * assert.equal(
 *   startOrderLine({ mode: "duration", askedIn: "flag", runs: 0 }, []),
 *   "Start order: longest expected first (no history yet: every fixture at the default)",
 * );
 * // An estimate reads the newest 10 durations, however many runs the summary counts.
 * const a = [{ fixture: { id: "a" } }] as never;
 * const known = { byId: new Map([["a", { ms: 5, samples: 3 }]]), defaultOf: 0 } as never;
 * assert.equal(
 *   startOrderLine({ mode: "duration", runs: 250, estimates: known }, a),
 *   "Start order: longest expected first (from the newest 10 runs): a",
 * );
 * // Runs counted, but none of these fixtures' durations: nothing to order by.
 * const none = { byId: new Map([["a", { ms: 1000, samples: 0 }]]), defaultOf: 0 } as never;
 * assert.equal(
 *   startOrderLine({ mode: "duration", runs: 50, estimates: none }, a),
 *   "Start order: longest expected first (no durations recorded for these fixtures: every " +
 *     "fixture at the default): a",
 * );
 * // Every selected fixture skipped: none runs, none is missing a duration.
 * const skipped = [{ fixture: { id: "s", skipReason: "off" } }] as never;
 * assert.equal(
 *   startOrderLine({ mode: "duration", runs: 3, estimates: none }, skipped),
 *   "Start order: longest expected first (from the newest 3 runs)",
 * );
 * // A skipped fixture never starts, a teardown only after the rest: neither is named.
 * const mixed = [
 *   { fixture: { id: "t", teardown: true } },
 *   { fixture: { id: "s", skipReason: "off" } },
 *   { fixture: { id: "a" } },
 * ] as never;
 * assert.equal(
 *   startOrderLine({ mode: "duration", runs: 3, estimates: known, startOrder: [0, 1, 2] }, mixed),
 *   "Start order: longest expected first (from the newest 3 runs): a",
 * );
 * ```
 */
export function startOrderLine(
  schedule: Schedule,
  planned: readonly PlannedFixture[],
  skipped?: { has(id: string): boolean },
): string {
  if (schedule.mode === "id") {
    if (schedule.askedIn === undefined) {
      return schedule.read?.problem
        ? "Start order: by id (the durations summary cannot be read)"
        : "Start order: by id (no history yet: a run records the durations)";
    }
    return schedule.askedIn === "config"
      ? 'Start order: by id ("order": "id" in the config)'
      : "Start order: by id (--order id)";
  }
  // What starts: a skipped fixture never does (its own skip, or a need's), and a teardown only
  // after everything else.
  const order = (schedule.startOrder ?? planned.map((_, i) => i)).filter((i) =>
    !planned[i].fixture.skipReason && !skipped?.has(planned[i].fixture.id) &&
    !planned[i].fixture.teardown
  );
  const ids = order.slice(0, SHOWN_START_IDS).map((i) => planned[i].fixture.id);
  const more = order.length - ids.length;
  // Each estimate reads at most the newest DURATION_SAMPLES durations, however many runs there were.
  const runs = Math.min(schedule.runs, DURATION_SAMPLES);
  // A summary that counts runs but holds no duration of these fixtures orders nothing.
  const { estimates } = schedule;
  const running = planned.filter((p) => !p.fixture.skipReason);
  const measured = running.length === 0 ||
    running.some((p) => (estimates?.byId.get(p.fixture.id)?.samples ?? 0) > 0);
  const source = runs > 0 && !measured && estimates
    ? `no durations recorded for these fixtures: every fixture at ${
      estimates.defaultOf > 0 ? "the suite's median" : "the default"
    }`
    : runs > 0
    ? `from the newest ${runs} run${runs === 1 ? "" : "s"}`
    : schedule.read?.problem
    ? "the durations summary cannot be read: every fixture at the default"
    : "no history yet: every fixture at the default";
  // With needs the priority is a fixture's chain: a short setup may come before longer fixtures.
  const chained = planned.some((p) => p.fixture.needs?.length);
  const head = `Start order: ${chained ? "longest chain" : "longest expected"} first (${source})`;
  if (ids.length === 0) return head;
  return `${head}: ${ids.join(", ")}` + (more > 0 ? `, and ${more} more` : "");
}
