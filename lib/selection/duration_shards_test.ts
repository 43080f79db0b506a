import assert from "node:assert/strict";
// Test-only: locked in deno.test.lock, so that running smoke never fetches it.
// deno-lint-ignore no-import-prefix
import fc from "npm:fast-check@4.11.0";
import { durationShards } from "./duration_shards.ts";
import { durationShardOf } from "./shard_plan.ts";
import { shardsWithFixtures } from "./select.ts";

/** Distinct ids with a duration each, and a shard count. */
const suites = fc.record({
  entries: fc.uniqueArray(
    fc.record({
      id: fc.stringMatching(/^[a-z][a-z0-9]{0,6}$/),
      ms: fc.integer({ min: 0, max: 60_000 }),
    }),
    { selector: (e) => e.id, maxLength: 60 },
  ),
  // Past the suite's size too: the shards no fixture can reach are not made.
  total: fc.oneof(fc.integer({ min: 1, max: 8 }), fc.integer({ min: 1, max: 80 })),
});

/** LPT over all `total` shards, as written in the README: the reference. */
function naiveShards(ids: readonly string[], ms: readonly number[], total: number) {
  const totals = Array.from({ length: total }, () => 0);
  const shardOf = ids.map(() => 0);
  const order = ids.map((_, i) => i).sort((a, b) =>
    ms[b] - ms[a] || (ids[a] < ids[b] ? -1 : ids[a] > ids[b] ? 1 : 0)
  );
  for (const i of order) {
    // No time expected: the least-loaded shard among those that have fixtures, if any has.
    const used = shardOf.some((s) => s > 0);
    const candidates = Array.from({ length: total }, (_, s) => s)
      .filter((s) => ms[i] > 0 || !used || shardOf.includes(s + 1));
    let least = candidates[0];
    for (const s of candidates) if (totals[s] < totals[least]) least = s;
    totals[least] += ms[i];
    shardOf[i] = least + 1;
  }
  return { shardOf, totals };
}

Deno.test("durationShards() is disjoint, covering, deterministic and balanced within the longest fixture", () => {
  fc.assert(fc.property(suites, ({ entries, total }) => {
    const ids = entries.map((e) => e.id);
    const ms = entries.map((e) => e.ms);
    const split = durationShards(ids, ms, total);
    // Every id in exactly one shard, 1..total.
    assert.equal(split.shardOf.length, ids.length);
    for (const s of split.shardOf) assert.ok(Number.isInteger(s) && s >= 1 && s <= total);
    // The totals are the sums of their shards (those past the suite's size, all empty, left out).
    const sums = Array.from({ length: total }, () => 0);
    split.shardOf.forEach((s, i) => sums[s - 1] += ms[i]);
    assert.deepEqual(split.totals, sums.slice(0, Math.max(1, Math.min(total, ids.length))));
    assert.ok(sums.slice(split.totals.length).every((t) => t === 0));
    // The same placement as LPT over all N shards.
    assert.deepEqual(split.shardOf, naiveShards(ids, ms, total).shardOf);
    // The LPT bound: max - min <= the longest fixture.
    const longest = Math.max(0, ...ms);
    assert.ok(Math.max(...sums) - Math.min(...sums) <= longest, `${sums} vs ${longest}`);
    // Deterministic, whatever order the runner lists the fixtures in.
    const reversed = durationShards([...ids].reverse(), [...ms].reverse(), total);
    assert.deepEqual([...reversed.shardOf].reverse(), split.shardOf);
    assert.deepEqual(reversed.totals, split.totals);
  }));
});

Deno.test("durationShards(): a fixture expected to take no time never has a shard to itself", () => {
  fc.assert(fc.property(suites, ({ entries, total }) => {
    // Every other fixture takes no time (skipped, or measured at 0 ms).
    const ids = entries.map((e) => e.id);
    const ms = entries.map((e, i) => i % 2 ? 0 : e.ms);
    const { shardOf } = durationShards(ids, ms, total);
    const timed = new Set(shardOf.filter((_, i) => ms[i] > 0));
    for (const [i, shard] of shardOf.entries()) {
      if (ms[i] === 0 && timed.size > 0) assert.ok(timed.has(shard), `${ids[i]} alone on ${shard}`);
      if (timed.size === 0) assert.equal(shard, 1, "nothing takes time: all on shard 1");
    }
  }));
  // Six fixtures and a skipped one over ten shards: the skipped one joins the least-loaded shard
  // that has fixtures (6), not shard 7 of its own.
  const ids = ["a", "b", "c", "d", "e", "f", "off"];
  const split = durationShards(ids, [6, 5, 4, 3, 2, 1, 0], 10);
  assert.deepEqual(split.shardOf, [1, 2, 3, 4, 5, 6, 6]);
});

Deno.test("durationShards(): a teardown without needs never has a shard without a fixture that runs", () => {
  fc.assert(fc.property(
    suites,
    fc.array(fc.boolean(), { maxLength: 60 }),
    ({ entries, total }, flags) => {
      const ids = entries.map((e) => e.id);
      // Some fixtures take no time (skipped), some are followers (teardowns without needs).
      const ms = entries.map((e, i) => i % 3 === 2 ? 0 : e.ms);
      const follows = ids.map((_, i) => flags[i] ?? false);
      const { shardOf, totals } = durationShards(ids, ms, total, { follows });
      const leads = (i: number) => ms[i] > 0 && !follows[i];
      const withLeader = new Set(shardOf.filter((_, i) => leads(i)));
      if (withLeader.size > 0) {
        // Every shard that got a fixture has one that runs and follows nothing.
        for (const [i, shard] of shardOf.entries()) {
          assert.ok(withLeader.has(shard), `${ids[i]} on ${shard} without a fixture that runs`);
        }
      }
      // Disjoint and covering, totals the sums; deterministic in any input order.
      const sums = Array.from({ length: totals.length }, () => 0);
      shardOf.forEach((s, i) => sums[s - 1] += ms[i]);
      assert.deepEqual(totals, sums);
      const reversed = durationShards([...ids].reverse(), [...ms].reverse(), total, {
        follows: [...follows].reverse(),
      });
      assert.deepEqual([...reversed.shardOf].reverse(), shardOf);
      // Every shard has a fixture that runs: the LPT bound still holds.
      if (withLeader.size === totals.length) {
        const longest = Math.max(0, ...ms);
        assert.ok(Math.max(...sums) - Math.min(...sums) <= longest, `${sums} vs ${longest}`);
      }
    },
  ));
  // The teardown is the longest fixture: it used to take shard 1 alone, where nothing ran before
  // it and the runner ended "nothing ran". It now follows the fixtures of the least-loaded shard.
  const ids = ["teardown/clean", "api/a", "api/b", "api/c"];
  const follows = [true, false, false, false];
  assert.deepEqual(durationShards(ids, [5000, 1000, 1000, 1000], 3, { follows }).shardOf, [
    1,
    1,
    2,
    3,
  ]);
  // Without the flag it is a fixture like any other.
  assert.deepEqual(durationShards(ids, [5000, 1000, 1000, 1000], 3).shardOf, [1, 2, 3, 2]);
});

Deno.test("durationShardOf(): the N shards together are the selection, each fixture once; each names the shards that got fixtures", () => {
  fc.assert(fc.property(suites, ({ entries, total }) => {
    // Every third fixture is skipped: it takes no time, and needs no timings.
    const fixtures = entries.map((e, i) => ({
      id: e.id,
      ...(i % 3 === 2 ? { skipReason: "off" } : {}),
    }));
    // Half of the fixtures have timings; the rest get the default.
    const byId = new Map(entries.filter((_, i) => i % 2 === 0).map((e) => [e.id, [e.ms]]));
    const timings = { byId, shown: "t.json" };
    const missing = fixtures.filter((f) => !f.skipReason && !byId.has(f.id)).length;
    const kept = [];
    const filled: number[] = [];
    const lists = new Set<string>();
    for (let index = 1; index <= total; index++) {
      const split = durationShardOf(fixtures, { index, total }, timings);
      assert.equal(split.plan.missing, missing);
      kept.push(...split.kept.map((f) => f.id));
      if (split.kept.length > 0) filled.push(index);
      lists.add(String(shardsWithFixtures(split.shardOf, total)));
    }
    assert.deepEqual(kept.sort(), fixtures.map((f) => f.id).sort());
    // Every runner computes the same list: the shards that got fixtures, when some got none.
    assert.equal(lists.size, 1);
    const [list] = lists;
    assert.equal(list, String(filled.length < total ? filled : undefined));
  }));
});

Deno.test("durationShards() ties: equal durations by id, equal totals to the lowest shard", () => {
  // All equal: placed a, b, c, d in id order, round-robin from shard 1.
  assert.deepEqual(durationShards(["d", "c", "b", "a"], [5, 5, 5, 5], 3).shardOf, [1, 3, 2, 1]);
  // Nothing: every shard empty.
  assert.deepEqual(durationShards([], [], 2), { shardOf: [], totals: [0] });
});
