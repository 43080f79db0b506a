/**
 * Duration-balanced shards (`--shard I/N --shard-by duration`): every runner
 * reads the same timings and computes the same greedy split (LPT), so the
 * shards are disjoint and cover the selection without talking to each other.
 * The partition is pure; {@linkcode readTimings} reads the timings file (a
 * smoke artifact or a `durations.json`), taking only ids and numbers from it.
 *
 * Tie-breaks (documented, so every runner agrees): fixtures are placed
 * longest expected first, equal durations by id (code-unit order); each goes
 * to the shard that leaves the longest shard shortest, then the one it adds
 * least work to (where what it needs runs already), then the least-loaded,
 * then the lowest shard index: without needs, the shard with the least
 * predicted total, equal totals to the lowest index.
 *
 * @module
 */
import { resolve } from "../base/path.ts";
import { jsonValue } from "../base/json_value.ts";
import { UserError } from "../base/errors.ts";
import { historyPaths, namesLatest, sameFile } from "../artifact/history.ts";
import type { Diagnostic } from "../artifact/artifact.ts";
import type { Shard } from "./select.ts";
import { estimatesFrom, formatExpected, longestFirst } from "./durations.ts";
import { broughtBy, type GraphNode } from "../catalog/needs.ts";

/** `--shard-by`: stable hash placement, or balanced by expected duration. */
export type ShardBy = "hash" | "duration";

/** A split of a selection into shards. */
export interface ShardSplit {
  /** The shard (1-based) of each id, by position. */
  shardOf: number[];
  /**
   * Each shard's predicted total, in milliseconds (index 0 is shard 1), for the shards that
   * can get a fixture: the first min(N, fixtures); the others are empty.
   */
  totals: number[];
}

/** A fixture a shard runs with another it got: a need, or a teardown of one (see `closeOverNeeds`). */
export interface Brought {
  /** Its id. */
  id: string;
  /** Its expected duration, in milliseconds. */
  ms: number;
}

/**
 * Splits fixtures into `total` shards with the greedy longest-processing-time
 * rule: longest expected first (ties by id). A shard runs, with each fixture
 * it gets, what that fixture brings (its needs and their teardowns), once
 * however many of its fixtures bring it, and its total counts them: a fixture
 * costs a shard its own time and that of what it brings that the shard does
 * not run yet. Each goes to the shard that leaves the longest shard shortest,
 * then the one it adds least work to, then the least-loaded, then the lowest
 * index (without needs: the least-loaded shard); so a fixture goes where its
 * setup runs unless elsewhere makes the longest shard shorter, and a setup
 * where what needs it went. When that first pass runs something on several
 * shards, a second places the fixtures by their cost with what they bring and
 * is kept when its longest shard is shorter (see the body). A fixture
 * expected to take no time goes to the least-loaded shard that already has
 * fixtures, and a follower (a teardown without needs: it cleans up after the
 * other fixtures of its shard) is placed after the others, on the
 * least-loaded shard that has a fixture that runs and is no follower.
 * Deterministic; when every shard gets a fixture that runs, the totals differ
 * by at most the most a fixture costs with all it brings (its own duration,
 * when nothing has needs).
 *
 * @param ids The fixture ids.
 * @param expectedMs Each one's expected duration, by position.
 * @param total How many shards.
 * @param options `follows`: by position, whether the fixture is a follower. `brings`: by
 *   position, what a shard that gets the fixture runs with it (not the fixture itself).
 * @returns Each id's shard and each shard's predicted total.
 *
 * @example
 * ```ts
 * import { durationShards } from "./duration_shards.ts";
 * import assert from "node:assert/strict";
 *
 * const split = durationShards(["a", "b", "c", "d"], [4000, 1000, 1000, 2000], 2);
 * assert.deepEqual(split.shardOf, [1, 2, 2, 2]);
 * assert.deepEqual(split.totals, [4000, 4000]);
 * // The longest fixture is a teardown without needs: it follows a fixture, not a shard of its own.
 * const clean = durationShards(["clean", "a", "b"], [5000, 1000, 1000], 2, {
 *   follows: [true, false, false],
 * });
 * assert.deepEqual(clean.shardOf, [1, 1, 2]);
 * // "a" and "b" need a 6 s setup: they run where it does, rather than each shard running it.
 * const setup = { id: "setup", ms: 6000 };
 * const together = durationShards(["setup", "a", "b", "c"], [6000, 1000, 1000, 3000], 2, {
 *   brings: [[], [setup], [setup], []],
 * });
 * assert.deepEqual(together.shardOf, [1, 1, 1, 2]);
 * assert.deepEqual(together.totals, [8000, 3000]);
 * ```
 */
export function durationShards(
  ids: readonly string[],
  expectedMs: readonly number[],
  total: number,
  options: { follows?: readonly boolean[]; brings?: readonly (readonly Brought[])[] } = {},
): ShardSplit {
  // With more shards than fixtures the shards past the fixtures' count stay empty (while a shard
  // among the first is empty, none further on is chosen): they are not made, so a huge N costs
  // nothing.
  // Everything a shard can run, by number: the fixtures, then what they bring from outside.
  const number = new Map(ids.map((id, i) => [id, i]));
  const msOfNumber = [...expectedMs];
  const brings = ids.map((_, i) =>
    (options.brings?.[i] ?? []).map((b) => {
      let n = number.get(b.id);
      if (n === undefined) {
        n = msOfNumber.push(b.ms) - 1;
        number.set(b.id, n);
      }
      return n;
    })
  );
  const follows = (i: number) => expectedMs[i] > 0 && options.follows?.[i] === true;
  // What each fixture costs a shard that runs none of what it brings.
  const fullOf = ids.map((_, i) =>
    brings[i].reduce((sum, n) => sum + msOfNumber[n], expectedMs[i])
  );
  const first = place(longestFirst(ids, expectedMs));
  if (!first.duplicated) return first.split;
  // With needs, a greedy pass placed by each fixture's own time can spread fixtures that need a
  // long setup before the setup's cost is seen (a setup not in the selection is never placed
  // first). When the first pass runs something on several shards, a second places the fixtures
  // by their cost with what they bring, each where it adds least work without passing the first
  // pass's longest shard; it is kept when its longest shard is shorter and its totals as
  // balanced as the first's promise.
  const longest = Math.max(...first.split.totals);
  const { split } = place(longestFirst(ids, fullOf), { cap: longest });
  const most = Math.max(0, ...fullOf);
  const led = new Set(split.shardOf.filter((_, i) => expectedMs[i] > 0 && !follows(i)));
  const balanced = led.size < split.totals.length ||
    Math.max(...split.totals) - Math.min(...split.totals) <= most;
  return Math.max(...split.totals) < longest && balanced ? split : first.split;

  /**
   * One greedy pass over the fixtures in `order` (followers after the others). Without `cap`:
   * each to the shard that leaves the longest shard shortest, then the one it adds least work
   * to, then the least-loaded, then the lowest. With `cap`: each to the shard it adds least
   * work to among those it leaves within the cap (then the least-loaded, then the lowest); none
   * within it, as without. Also says whether anything ran on several shards.
   */
  function place(
    order: number[],
    options: { cap?: number } = {},
  ): { split: ShardSplit; duplicated: boolean } {
    const totals = Array.from({ length: Math.max(1, Math.min(total, ids.length)) }, () => 0);
    const counts = totals.map(() => 0);
    /** Per shard, its fixtures that run and are no followers. */
    const leaders = totals.map(() => 0);
    const shardOf = ids.map(() => 0);
    /** The shards each runs on so far, placed there or brought. */
    const runsOn: number[][] = msOfNumber.map(() => []);
    /** Per shard, what a fixture being placed would not add there (scratch, zeroed after use). */
    const saved = totals.map(() => 0);
    /** The longest shard's total so far. */
    let top = 0;
    for (const i of [...order.filter((i) => !follows(i)), ...order.filter(follows)]) {
      // A fixture expected to take no time (a skipped one) joins a shard that has fixtures:
      // alone on a shard it would make a runner run nothing (and a shard of skipped fixtures
      // fails). A follower joins one that has a fixture that runs, to clean up after it: alone
      // it would run at once. Shard 1 takes the first fixture placed, the longest that is no
      // follower: it has a fixture, and one that runs, as soon as any shard has.
      const among = follows(i) && leaders[0] > 0
        ? leaders
        : expectedMs[i] === 0 && counts[0] > 0
        ? counts
        : undefined;
      // What the fixture costs a shard: all it runs with, less what the shard runs already.
      const runs = brings[i].length ? [i, ...brings[i]] : [i];
      const full = fullOf[i];
      for (const n of runs) for (const s of runsOn[n]) saved[s] += msOfNumber[n];
      let least = 0;
      if (runs.length === 1 && runsOn[i].length === 0) {
        // It brings nothing and runs nowhere yet: it costs every shard the same, so either rule
        // is the least-loaded shard (the same choice, at the cost of one read a shard).
        for (let s = 1; s < totals.length; s++) {
          if ((!among || among[s] > 0) && totals[s] < totals[least]) least = s;
        }
        totals[least] += full;
      } else {
        const cap = options.cap;
        let leastCost = totals[0] + full - saved[0];
        let leastLongest = Math.max(leastCost, top);
        // Within the cap: the least work added, then the least-loaded.
        let within = cap !== undefined && leastCost <= cap;
        for (let s = 1; s < totals.length; s++) {
          if (among && among[s] === 0) continue;
          const cost = totals[s] + full - saved[s];
          const longest = Math.max(cost, top);
          const fits = cap !== undefined && cost <= cap;
          const better = within || fits
            ? fits && (!within || saved[s] > saved[least] ||
              saved[s] === saved[least] && cost < leastCost)
            : longest < leastLongest ||
              longest === leastLongest &&
                (saved[s] > saved[least] || saved[s] === saved[least] && cost < leastCost);
          if (better) {
            least = s;
            leastCost = cost;
            leastLongest = longest;
            within = fits;
          }
        }
        totals[least] = leastCost;
      }
      top = Math.max(top, totals[least]);
      for (const n of runs) {
        for (const s of runsOn[n]) saved[s] = 0;
        if (!runsOn[n].includes(least)) runsOn[n].push(least);
      }
      counts[least]++;
      if (expectedMs[i] > 0 && !follows(i)) leaders[least]++;
      shardOf[i] = least + 1;
    }
    return { split: { shardOf, totals }, duplicated: runsOn.some((on) => on.length > 1) };
  }
}

/** Durations read for sharding: newest first, by fixture id. */
export interface Timings {
  /** Milliseconds by fixture id, newest first. */
  byId: Map<string, number[]>;
  /** The file's name as the output shows it. */
  shown: string;
  /** Read from `--timings` (not the artifact directory's durations summary). */
  given?: boolean;
  /**
   * The summary's timings the splits here share since the last run that was not one (its
   * `split`), not its newest durations.
   */
  shared?: boolean;
}

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
 * import { durationShardOf } from "./duration_shards.ts";
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
  const { ids, ms, missing, fixtures, brings, needsLeftOut } = predicted(
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
  return {
    ids,
    ms,
    missing: running.filter((id) => estimates.byId.get(id)!.samples === 0).length,
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
  const { ms, missing, fixtures, brings } = predicted(selection, timings, rest, needs);
  // Each shard runs its fixtures and what they bring, each once.
  const runs = whole.plan.totals.map(() => new Map<string, number>());
  shardOf.forEach((s, i) => {
    for (const r of [{ id: selection[i].id, ms: ms[i] }, ...brings?.[i] ?? []]) {
      runs[s - 1].set(r.id, r.ms);
    }
  });
  const totals = runs.map((shardRuns) => [...shardRuns.values()].reduce((a, b) => a + b, 0));
  return {
    kept: selection.filter((_, i) => shardOf[i] === shard.index),
    shardOf,
    plan: { ...whole.plan, totals, missing, fixtures, placedByWhole: true },
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

/**
 * The line `--dry-run` and `--list` show: every shard's predicted total, this one marked.
 *
 * @param plan The plan.
 * @returns The line.
 *
 * @example
 * ```ts
 * import { shardPlanLine } from "./duration_shards.ts";
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
  const count = `${plan.missing} of ${plan.fixtures} fixture${plan.fixtures === 1 ? "" : "s"}`;
  const shared = plan.timingsShared ? ", kept for the splits until a full run" : "";
  const placed = plan.placedByWhole ? ", placed as the whole selection splits" : "";
  const needs = plan.needsLeftOut ? "; needs too many to follow, not counted" : "";
  return plan.source === undefined
    ? `no timings: ${count} at the default${placed}${needs}`
    : `from ${plan.source}${shared}${placed}, ${count} without timings${needs}`;
}

/**
 * The line a run prints before it starts: `Shard 2/3 by duration: predicted 12.1s`, and how
 * many fixtures had no timings (and so the default) when any had none.
 *
 * @param plan The plan.
 * @returns The line.
 *
 * @example
 * ```ts
 * import { shardRunLine } from "./duration_shards.ts";
 * import assert from "node:assert/strict";
 *
 * assert.equal(
 *   shardRunLine({ shard: { index: 1, total: 2 }, totals: [1500, 1200], source: "t.json", missing: 0, fixtures: 3 }),
 *   "Shard 1/2 by duration: predicted 1.5s",
 * );
 * assert.equal(
 *   shardRunLine({ shard: { index: 2, total: 2 }, totals: [1500, 1200], source: "t.json", missing: 1, fixtures: 3 }),
 *   "Shard 2/2 by duration: predicted 1.2s (from t.json, 1 of 3 fixtures without timings)",
 * );
 * ```
 */
export function shardRunLine(plan: ShardPlan): string {
  const { index, total } = plan.shard;
  const missing = plan.missing > 0 || plan.needsLeftOut ? ` (${timingsSource(plan)})` : "";
  return `Shard ${index}/${total} by duration: predicted ${
    formatExpected(plan.totals[index - 1] ?? 0)
  }${missing}`;
}

/**
 * Reads the timings for `--shard-by duration`: the file `--timings` names (a
 * smoke artifact, whose finished results count, or a `durations.json`), else
 * the artifact directory's `durations.json`. A file given but unreadable is a
 * usage error (exit 2) naming it; the default missing is a warning, and every
 * fixture gets the default duration.
 *
 * @param where The working directory, `--timings` as given, and the artifact directory as shown.
 * @returns The timings (undefined when the default is missing) and any warning.
 *
 * @example
 * ```ts
 * import { readTimings } from "./duration_shards.ts";
 * import assert from "node:assert/strict";
 *
 * const read = await readTimings({ cwd: "/nonexistent", artifactDir: ".smoke" });
 * assert.equal(read.timings, undefined);
 * assert.equal(read.warning?.code, "SHARD_TIMINGS_MISSING");
 * ```
 */
export async function readTimings(
  where: { cwd: string; timings?: string; artifactDir: string; suite?: string },
): Promise<{ timings?: Timings; warning?: Diagnostic }> {
  const {
    durationsUnreadable,
    durationsProblemOfValue,
    readDurationsFile,
    summaryOfValue,
    DURATIONS_FILE,
    usableDurationMs,
  } = await import("../artifact/durations_file.ts");
  const dir = resolve(where.cwd, where.artifactDir);
  const path = where.timings === undefined ? undefined : resolve(where.cwd, where.timings);
  // --timings naming the artifact directory's own summary is the same as leaving it out.
  if (path === undefined || sameFile(path, resolve(dir, DURATIONS_FILE))) {
    const read = await readDurationsFile(dir);
    const shown = where.timings ?? `${where.artifactDir}/${DURATIONS_FILE}`;
    // What the splits here share since the last run that was not one (see durations_file.ts).
    if (read.samples) return { timings: ownTimings(read.samples, shown, where.suite ?? ".") };
    // The user named it: say why that is not "a file given".
    const named = where.timings === undefined
      ? undefined
      : "--timings naming the artifact directory's own summary is the same as leaving it out.";
    // There but unreadable is the start order's warning too: a run says it once, and says why,
    // not that there is none.
    if (read.problem) {
      return {
        warning: durationsUnreadable(shown, read.problem, {
          consequence: ": every fixture gets the default duration",
          ...(named ? { before: named } : {}),
          instead: "The start order is by id too, and a run starts the summary again where it " +
            "can write it",
          orElse: "pass --timings with a previous run's artifact",
        }),
      };
    }
    return {
      warning: {
        code: "SHARD_TIMINGS_MISSING",
        level: "warning",
        message: `No timings in "${shown}": every fixture gets the default duration`,
        hint: (named ? `${named} ` : "") +
          "Pass --timings with a previous run's artifact, or run the suite once (not split by " +
          "duration) to record durations.",
      },
    };
  }
  const { checkSource, checkSourceValue, readSourceFile } = await import(
    "../artifact/source_artifact.ts"
  );
  const shown = where.timings!;
  const fail = (reason: string, hint?: string): never => {
    // A list of problems (an artifact's), one indented line each, as the rerun preflight does.
    const lines = reason.split("\n");
    const message = lines.length > 1
      ? `Cannot read timings "${shown}":\n  ${lines.join("\n  ")}`
      : `Cannot read timings "${shown}": ${reason}`;
    throw new UserError(message, {
      kind: "usage",
      code: "SHARD_TIMINGS_INVALID",
      hints: [
        hint ??
          "Pass a smoke artifact (e.g. a previous run's file in runs/, or a copy of its " +
            "latest.json) or a durations.json, or leave out --timings to use the artifact " +
            "directory's durations.json.",
      ],
    });
  };
  // latest.json moves with every run: the next shard here would split by this one's results.
  if (namesLatest(path, historyPaths(dir))) {
    throw new UserError(
      `Cannot split by timings "${shown}": every run replaces it, so the shards run after ` +
        "this one would split by other timings (and could run a fixture twice or not at all)",
      {
        kind: "usage",
        code: "SHARD_TIMINGS_INVALID",
        hints: [
          "Copy it first and give the copy to every shard (cp latest.json timings.json), pass " +
          "the run file it came from (runs/<runId>.json), or leave out --timings to split by " +
          "the artifact directory's durations.json.",
        ],
      },
    );
  }
  const file = await readSourceFile(path);
  if (!file.ok) return fail(file.message);
  // Parsed once, then read as a durations summary or else as an artifact (a previous run's
  // artifact can be megabytes).
  const value = jsonValue(file.text);
  if (value === undefined) {
    // Not JSON: the artifact check says where, by line and column.
    const checked = checkSource(file.text);
    return fail(checked.ok ? "it is not JSON" : checked.message);
  }
  const { samples: summary, leftOut } = summaryOfValue(value);
  if (summary) {
    // A summary a user names is read whole or refused: an entry left out would get the default.
    if (leftOut) {
      const more = leftOut.count - leftOut.lines.length;
      return fail(
        [...leftOut.lines, ...(more ? [`... and ${more} more`] : [])].join("\n"),
        "Fix or remove these entries: each id's durations are a list of milliseconds, newest " +
          'first (e.g. "api/health": [1200, 1150]).',
      );
    }
    return { timings: { byId: summary.byId, shown, given: true } };
  }
  const unread = durationsProblemOfValue(value);
  if (unread) return fail(unread);
  const checked = checkSourceValue(value);
  if (!checked.ok) return fail(checked.message);
  const byId = new Map<string, number[]>();
  for (const result of checked.artifact.fixtures) {
    // Finished results only, as in durations.json: an interrupted one was cut short, not measured.
    const finished = result.attempts > 0 && result.failure?.kind !== "interrupted";
    if (finished && usableDurationMs(result.durationMs)) {
      byId.set(result.id, [result.durationMs]);
    }
  }
  return { timings: { byId, shown, given: true } };
}

/**
 * The timings a split reads from the artifact directory's own summary: what the splits here
 * share since the last run of another kind (its `split`), else its newest durations.
 */
function ownTimings(
  samples: {
    byId: Map<string, number[]>;
    splits?: { suite: string; timings: Map<string, number[]> }[];
  },
  shown: string,
  suite: string,
): Timings {
  // This suite's shared timings; another suite's sharing the artifact directory are left to it.
  const ours = samples.splits?.find((split) => split.suite === suite);
  return ours ? { byId: ours.timings, shown, shared: true } : { byId: samples.byId, shown };
}
