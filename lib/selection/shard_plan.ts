/**
 * A duration split of a selection (`--shard I/N --shard-by duration`): each
 * fixture's expected duration from the timings, what it brings (its needs and
 * their teardowns, see `broughtBy`), the partition of `duration_shards.ts` and
 * the shard kept (the lines the output shows of it: `shard_plan_lines.ts`).
 * Pure: the timings come in read (`read_timings.ts`).
 *
 * @module
 */
import type { Shard } from "./select.ts";
import { estimatesFrom } from "./durations.ts";
import { broughtBy, type GraphNode } from "../catalog/needs.ts";
import { type Brought, durationShards } from "./duration_shards.ts";
import type { Timings } from "./read_timings.ts";

/** The most fixtures without timings named in the plan's line (the rest are counted). */
export const MISSING_NAMED = 3;

/** What a duration split of a selection predicts, for the output. */
export interface ShardPlan {
  /** This runner's shard. */
  shard: Shard;
  /** Each shard's predicted total, in milliseconds. */
  totals: number[];
  /** Where the timings came from, as shown; absent when there were none. */
  source?: string;
  /** The timings came from `--timings`, not from the durations summary the start order reads. */
  timingsGiven?: boolean;
  /** The summary's shared timings (see {@linkcode Timings}). */
  timingsShared?: boolean;
  /**
   * What the split read from the artifact directory's own summary, for the catalog's ids (each
   * there, with no durations when it had none): the run keeps it for the splits after it.
   * Absent with `--timings` naming another file.
   */
  ownTimings?: ReadonlyMap<string, number[]>;
  /**
   * The fixtures went where the split of the whole selection puts them (a rerun from the
   * artifact directory's own `latest.json`, see `placedBy`); the totals are of theirs.
   */
  placedByWhole?: boolean;
  /**
   * The catalog's needs were too many to follow (see `broughtBy`): each fixture was placed and
   * predicted by its own time, the needs a shard pulls in left out of its total.
   */
  needsLeftOut?: boolean;
  /**
   * Fixtures predicted that run and have no timings (they got the default; skipped ones take
   * none): the selection's and the needs it brings from outside it.
   */
  missing: number;
  /** The first of them by id (at most {@linkcode MISSING_NAMED}), to name. */
  missingIds?: string[];
  /**
   * How many fixtures that run were predicted, the needs the selection brings from outside it
   * included (skipped ones take no time and need no timings).
   */
  fixtures: number;
}

/** What a duration split reads besides the selection and the timings (see {@linkcode durationShardOf}). */
export interface SplitOptions {
  /** Ids the run skips whatever happens besides those with a `skipReason`: they take no time. */
  skipped?: ReadonlySet<string>;
  /** The catalog's ids: their timings give the default and are kept for the splits after. */
  catalogIds?: readonly string[];
  /** The longest each fixture can take now (its timeout times its attempts), by id. */
  capMs?: (id: string) => number | undefined;
  /**
   * The catalog's fixtures, with their needs: a shard runs the needs of its fixtures and their
   * teardowns (see `closeOverNeeds`), in the selection or not, and its total counts them.
   * Default: the selection's.
   */
  graph?: readonly (GraphNode & { skipReason?: string })[];
}

/** A fixture of a selection to split. */
export interface SplitFixture {
  /** Its id. */
  id: string;
  /** Why its manifest skips it, when it does: it takes no time. */
  skipReason?: string;
  /** It is a teardown. */
  teardown?: boolean;
  /** The ids it needs. */
  needs?: readonly string[];
}

/**
 * Splits a selection by expected duration and keeps one shard.
 *
 * @param selection The selected fixtures (skipped ones are expected to take no time; a
 *   teardown without needs never has a shard to itself, see {@linkcode durationShards}).
 * @param shard Which shard to keep.
 * @param timings The timings read (undefined: none, every fixture gets the default).
 * @param options `skipped`: ids the run skips whatever happens besides those with a
 *   `skipReason` (a need skipped: see `skippedWhatever`); they too take no time.
 *   `catalogIds`: the catalog's ids, whose timings give the default and are kept for the
 *   splits after this one (see {@linkcode ShardPlan.ownTimings}). `capMs`: the longest each
 *   fixture can take now. `placeBy`: a selection holding this one, whose split places it.
 * @returns The kept fixtures, in their order, the plan for the output, and each fixture's
 *   shard (in the selection's order).
 *
 * @example
 * ```ts
 * import { durationShardOf } from "./shard_plan.ts";
 * import assert from "node:assert/strict";
 *
 * const fixtures = [{ id: "a" }, { id: "b" }, { id: "c" }];
 * const timings = { byId: new Map([["a", [3000]], ["b", [1000]]]), shown: "t.json" };
 * const { kept, plan } = durationShardOf(fixtures, { index: 2, total: 2 }, timings);
 * assert.deepEqual(kept.map((f) => f.id), ["b", "c"]);
 * assert.equal(plan.missing, 1);
 * ```
 */
export function durationShardOf<T extends SplitFixture>(
  selection: readonly T[],
  shard: Shard,
  timings: Timings | undefined,
  options: SplitOptions & { placeBy?: readonly T[] } = {},
): { kept: T[]; plan: ShardPlan; shardOf: number[] } {
  if (options.placeBy) {
    return placedBy(selection, shard, timings, { ...options, placeBy: options.placeBy });
  }
  return splitOf(selection, shard, timings, options);
}

/**
 * {@linkcode durationShardOf} without `placeBy`, given what the graph's fixtures bring when
 * that is known already (`placedBy` splits two selections of one graph).
 */
function splitOf<T extends SplitFixture>(
  selection: readonly T[],
  shard: Shard,
  timings: Timings | undefined,
  options: SplitOptions,
  needs?: GraphNeeds,
): { kept: T[]; plan: ShardPlan; shardOf: number[] } {
  const { ids, ms, missing, missingIds, fixtures, brings, needsLeftOut } = predicted(
    selection,
    timings,
    options,
    needs,
  );
  // A teardown without needs cleans up after the other fixtures of its shard.
  const follows = selection.map((f) => f.teardown === true && (f.needs?.length ?? 0) === 0);
  const split = durationShards(ids, ms, shard.total, { follows, ...(brings ? { brings } : {}) });
  const kept = selection.filter((_, i) => split.shardOf[i] === shard.index);
  return {
    kept,
    shardOf: split.shardOf,
    plan: {
      shard,
      totals: split.totals,
      ...(timings ? { source: timings.shown } : {}),
      ...(timings?.given ? { timingsGiven: true } : {}),
      ...(timings?.shared ? { timingsShared: true } : {}),
      ...(timings?.given ? {} : { ownTimings: catalogTimings(timings?.byId, options.catalogIds) }),
      missing,
      ...(missingIds.length ? { missingIds } : {}),
      fixtures,
      ...(needsLeftOut ? { needsLeftOut } : {}),
    },
  };
}

/**
 * Each fixture's predicted milliseconds for a split (0 for one skipped whatever happens, at
 * least 1 for one that runs), how many that run have no timings, and, when anything has needs,
 * what each brings to the shard that gets it (its needs and their teardowns, with theirs).
 */
function predicted(
  selection: readonly SplitFixture[],
  timings: Timings | undefined,
  options: SplitOptions,
  needs: GraphNeeds = graphNeeds(
    options.graph ??
      selection.map((f) => ({ ...f, needs: f.needs ?? [], teardown: f.teardown === true })),
    options.skipped,
  ),
): {
  ids: string[];
  ms: number[];
  missing: number;
  missingIds: string[];
  fixtures: number;
  brings?: Brought[][];
  needsLeftOut?: boolean;
} {
  const ids = selection.map((f) => f.id);
  const { graph, hasNeeds, brought } = needs;
  const broughtIds = brought ? ids.map((id) => [...brought.get(id) ?? []]) : undefined;
  const selected = new Set(ids);
  const extra = [...new Set(broughtIds?.flat() ?? [])].filter((id) => !selected.has(id));
  // A fixture with no timings gets the catalog's median, as the start order gives it.
  const estimates = estimatesFrom(timings?.byId ?? new Map(), [...ids, ...extra], {
    defaultFrom: options.catalogIds ?? ids,
    ...(options.capMs ? { capMs: options.capMs } : {}),
  });
  // A skipped fixture is expected to take no time: it needs no timings.
  const skipReasons = new Map(graph.map((node) => [node.id, node.skipReason]));
  for (const f of selection) skipReasons.set(f.id, f.skipReason);
  const idle = (id: string) => skipReasons.get(id) !== undefined || !!options.skipped?.has(id);
  // A fixture that runs takes some time: recorded at 0 ms (rounded down), it counts 1 ms, so a
  // suite of such fixtures still spreads over the shards instead of piling on the first.
  // Whole milliseconds (a median of two can end in .5): sums then never depend on their order.
  const msOf = (id: string) => idle(id) ? 0 : Math.max(1, Math.round(estimates.byId.get(id)!.ms));
  const ms = ids.map(msOf);
  // One object per fixture brought, however many bring it.
  const broughtObjects = new Map<string, Brought>();
  const broughtOf = (id: string) => {
    let object = broughtObjects.get(id);
    if (!object) broughtObjects.set(id, object = { id, ms: msOf(id) });
    return object;
  };
  // The fixtures predicted: the selection's and the needs it brings from outside it.
  const running = [...ids, ...extra].filter((id) => !idle(id));
  const without = running.filter((id) => estimates.byId.get(id)!.samples === 0);
  return {
    ids,
    ms,
    missing: without.length,
    missingIds: without.sort().slice(0, MISSING_NAMED),
    fixtures: running.length,
    ...(broughtIds ? { brings: broughtIds.map((list) => list.map(broughtOf)) } : {}),
    ...(hasNeeds && !brought ? { needsLeftOut: true } : {}),
  };
}

/** A split's graph, and what each of its fixtures brings (see {@linkcode graphNeeds}). */
interface GraphNeeds {
  /** The fixtures, with their needs. */
  graph: readonly (GraphNode & { skipReason?: string })[];
  /** Whether any has needs. */
  hasNeeds: boolean;
  /** What each brings, when any has needs and they are not too many to follow. */
  brought?: Map<string, Set<string>>;
}

/** What each fixture of a graph brings to the shard that gets it, when anything has needs. */
function graphNeeds(
  graph: readonly (GraphNode & { skipReason?: string })[],
  skipped: ReadonlySet<string> | undefined,
): GraphNeeds {
  // Most suites: nothing has needs, nothing is brought.
  const hasNeeds = graph.some((node) => node.needs.length > 0);
  const brought = hasNeeds ? broughtBy(graph, skipped) : undefined;
  return { graph, hasNeeds, ...(brought ? { brought } : {}) };
}

/**
 * {@linkcode durationShardOf} with `placeBy`: each fixture of `selection` goes to its shard in
 * the split of `placeBy` (which holds them all), and each shard's total is of the fixtures of
 * `selection` it got, with what they bring. A rerun from the artifact directory's own
 * `latest.json`, which each shard's rerun rewrites, places what is still owed as the whole
 * selection splits: shard 2 finds the fixtures shard 1 left where they were, whatever shard 1's
 * rerun changed.
 */
function placedBy<T extends SplitFixture>(
  selection: readonly T[],
  shard: Shard,
  timings: Timings | undefined,
  options: SplitOptions & { placeBy: readonly T[] },
): { kept: T[]; plan: ShardPlan; shardOf: number[] } {
  const { placeBy, ...rest } = options;
  // One graph for both (the catalog's): what its fixtures bring is found once.
  const needs = rest.graph ? graphNeeds(rest.graph, rest.skipped) : undefined;
  const whole = splitOf(placeBy, shard, timings, rest, needs);
  const at = new Map(placeBy.map((f, i) => [f.id, i]));
  const shardOf = selection.map((f) => whole.shardOf[at.get(f.id)!]);
  const { ms, missing, missingIds, fixtures, brings } = predicted(selection, timings, rest, needs);
  // Each shard runs its fixtures and what they bring, each once.
  const runs = whole.plan.totals.map(() => new Map<string, number>());
  shardOf.forEach((s, i) => {
    for (const r of [{ id: selection[i].id, ms: ms[i] }, ...brings?.[i] ?? []]) {
      runs[s - 1].set(r.id, r.ms);
    }
  });
  const totals = runs.map((shardRuns) => [...shardRuns.values()].reduce((a, b) => a + b, 0));
  // The whole selection's figures give way to the owed fixtures' own.
  const { missingIds: _, ...plan } = whole.plan;
  return {
    kept: selection.filter((_, i) => shardOf[i] === shard.index),
    shardOf,
    plan: {
      ...plan,
      totals,
      missing,
      ...(missingIds.length ? { missingIds } : {}),
      fixtures,
      placedByWhole: true,
    },
  };
}

/**
 * What a split from the artifact directory's own summary keeps for the splits after it: the
 * timings of the catalog's ids, each of them there (with no durations when it has none), so
 * that the timings say whose suite they are (another suite's sharing the directory holds none
 * of its ids), and keep no other suite's.
 */
function catalogTimings(
  byId: ReadonlyMap<string, number[]> | undefined,
  catalogIds: readonly string[] | undefined,
): Map<string, number[]> {
  if (catalogIds === undefined) return new Map(byId ?? []);
  return new Map(catalogIds.map((id) => [id, byId?.get(id) ?? []]));
}
