/**
 * Duration-balanced shards (`--shard I/N --shard-by duration`): every runner
 * reads the same timings and computes the same greedy split (LPT), so the
 * shards are disjoint and cover the selection without talking to each other.
 * This is the partition, pure; `shard_plan.ts` splits a selection with it, and
 * `read_timings.ts` reads the timings file.
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
import { longestFirst } from "./durations.ts";

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
 * where what needs it went. When anything brings time, a second pass places
 * the fixtures by their cost with what they bring, and is kept when its
 * longest shard is shorter (see the body). A fixture
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
  // Nothing brings any time: the second pass would be the first.
  if (fullOf.every((ms, i) => ms === expectedMs[i])) return first;
  // With needs, a greedy pass placed by each fixture's own time can spread fixtures that need a
  // long setup before the setup's cost is seen (a setup not in the selection is never placed
  // first), or gather them where other fixtures already made the shard long (three 4 s fixtures,
  // then four that need a 20 s setup: 8 s / 28.5 s, nothing run twice). A second pass places
  // the fixtures by their cost with what they bring, each where it adds least work without
  // passing the first pass's longest shard; it is kept when its longest shard is shorter and its
  // totals as balanced as the first's promise.
  const longest = Math.max(...first.totals);
  const split = place(longestFirst(ids, fullOf), { cap: longest });
  const most = Math.max(0, ...fullOf);
  const led = new Set(split.shardOf.filter((_, i) => expectedMs[i] > 0 && !follows(i)));
  const balanced = led.size < split.totals.length ||
    Math.max(...split.totals) - Math.min(...split.totals) <= most;
  return Math.max(...split.totals) < longest && balanced ? split : first;

  /**
   * One greedy pass over the fixtures in `order` (followers after the others). Without `cap`:
   * each to the shard that leaves the longest shard shortest, then the one it adds least work
   * to, then the least-loaded, then the lowest. With `cap`: each to the shard it adds least
   * work to among those it leaves within the cap (then the least-loaded, then the lowest); none
   * within it, as without.
   */
  function place(
    order: number[],
    options: { cap?: number } = {},
  ): ShardSplit {
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
    return { shardOf, totals };
  }
}
