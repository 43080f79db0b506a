import assert from "node:assert/strict";
// Test-only: locked in deno.test.lock, so that running smoke never fetches it.
// deno-lint-ignore no-import-prefix
import fc from "npm:fast-check@4.11.0";
import {
  durationShardOf,
  durationShards,
  readTimings,
  shardPlanLine,
  shardRunLine,
} from "./duration_shards.ts";
import { UserError } from "../base/errors.ts";
import { shardsWithFixtures } from "./select.ts";
import { createArtifact } from "../artifact/artifact.ts";
import { closeOverNeeds, skippedWhatever } from "../catalog/needs.ts";

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

Deno.test("durationShardOf(): a teardown without needs joins a shard whose fixtures run; one with needs runs where its need does", () => {
  const fixtures = [
    { id: "api/a", needs: [], teardown: false },
    { id: "api/b", needs: [], teardown: false },
    { id: "setup/db", needs: [], teardown: false },
    { id: "teardown/all", needs: [], teardown: true },
    { id: "teardown/db", needs: ["setup/db"], teardown: true },
  ];
  const timings = {
    byId: new Map([["api/a", [1000]], ["api/b", [1000]], ["setup/db", [500]], [
      "teardown/all",
      [9000],
    ], ["teardown/db", [8000]]]),
    shown: "t.json",
  };
  const splits = [1, 2, 3, 4].map((index) =>
    durationShardOf(fixtures, { index, total: 4 }, timings)
  );
  // teardown/db takes shard 1 as the longest left, with its need (8.5 s): setup/db then costs
  // nothing there, and anywhere else both (a shard that runs setup/db runs its teardown). Before,
  // setup/db went to shard 4 and both shards ran it and its teardown.
  // teardown/all follows the least-loaded shard that has a fixture that runs.
  assert.deepEqual(splits.map((s) => s.kept.map((f) => f.id)), [
    ["setup/db", "teardown/db"],
    ["api/a", "teardown/all"],
    ["api/b"],
    [],
  ]);
  assert.deepEqual(splits[0].plan.totals, [8500, 10000, 1000, 0]);
});

Deno.test("durationShardOf(): fixtures run where their setup does when that is cheaper; otherwise the setup runs on each shard, and each shard's total counts it", () => {
  const graph = (setupMs: number, apiMs: number) => {
    const fixtures = [
      { id: "setup/db", needs: [], teardown: false },
      { id: "teardown/db", needs: ["setup/db"], teardown: true },
      ...["a", "b", "c", "d"].map((x) => ({
        id: `api/${x}`,
        needs: ["setup/db"],
        teardown: false,
      })),
      ...["x", "y"].map((x) => ({ id: `misc/${x}`, needs: [], teardown: false })),
    ];
    const byId = new Map<string, number[]>([
      ["setup/db", [setupMs]],
      ["teardown/db", [500]],
      ["misc/x", [6000]],
      ["misc/y", [6000]],
      ...["a", "b", "c", "d"].map((x) => [`api/${x}`, [apiMs]] as [string, number[]]),
    ]);
    return [1, 2].map((index) =>
      durationShardOf(fixtures, { index, total: 2 }, { byId, shown: "t.json" })
    );
  };
  // A 20 s setup and four 1 s fixtures that need it: all of them on one shard, the setup and its
  // teardown run once (24.5 s), the other shard the rest (12 s). Before: the api fixtures were
  // spread, and both runners ran the 20 s setup.
  const slowSetup = graph(20_000, 1000);
  assert.deepEqual(slowSetup.map((s) => s.kept.map((f) => f.id)), [
    ["setup/db", "teardown/db", "api/a", "api/b", "api/c", "api/d"],
    ["misc/x", "misc/y"],
  ]);
  assert.deepEqual(slowSetup[0].plan.totals, [24_500, 12_000]);
  // A 100 ms setup and four 5 s fixtures: spread, each shard running the setup and its teardown,
  // and counting them (5 s + 5 s + 6 s + 0.6 s brought).
  const quickSetup = graph(100, 5000);
  assert.deepEqual(quickSetup.map((s) => s.kept.map((f) => f.id)), [
    ["setup/db", "teardown/db", "api/a", "api/c", "misc/x"],
    ["api/b", "api/d", "misc/y"],
  ]);
  assert.deepEqual(quickSetup[0].plan.totals, [16_600, 16_600]);
});

Deno.test("durationShardOf(): past the limit of what fixtures bring (a chain of needs 400 long), each is placed and predicted by its own time", () => {
  const chain = Array.from({ length: 400 }, (_, i) => ({
    id: `c${String(i).padStart(3, "0")}`,
    needs: i ? [`c${String(i - 1).padStart(3, "0")}`] : [],
    teardown: false,
  }));
  const timings = { byId: new Map(chain.map((f) => [f.id, [1000]])), shown: "t.json" };
  const split = durationShardOf(chain, { index: 1, total: 2 }, timings);
  assert.deepEqual(split.plan.totals, [200_000, 200_000]);
  // Said in the plan line, and the run's "took" leaves out what it pulled in (see run_outcome).
  assert.equal(split.plan.needsLeftOut, true);
  assert.match(shardPlanLine(split.plan), /; needs too many to follow, not counted\): 1\/2 /);
  assert.match(
    shardRunLine(split.plan),
    /\(from t\.json, 0 of 400 fixtures without timings; needs /,
  );
  // 300 long, within it: c299 brings the 299 before it, and the whole chain goes to one shard.
  const within = durationShardOf(chain.slice(0, 300), { index: 1, total: 2 }, timings);
  assert.deepEqual(within.plan.totals, [300_000, 0]);
});

Deno.test("durationShardOf(): needs brought from outside the selection without timings are counted as such", () => {
  const graph = [
    { id: "setup/db", needs: [], teardown: false },
    { id: "api/a", needs: ["setup/db"], teardown: false },
    { id: "api/b", needs: ["setup/db"], teardown: false },
  ];
  const timings = { byId: new Map([["api/a", [1000]], ["api/b", [1000]]]), shown: "t.json" };
  const { plan } = durationShardOf(graph.slice(1), { index: 1, total: 2 }, timings, { graph });
  // setup/db gets the default (1 s, the median of the others) and is counted: before, "0 of 2".
  assert.equal(plan.missing, 1);
  assert.equal(plan.fixtures, 3);
  assert.deepEqual(plan.totals, [2000, 2000]);
});

Deno.test("durationShardOf(): a fixture goes where its setup runs when the longest shard is as long either way: no runner runs the setup for nothing", () => {
  const fixtures = [
    { id: "setup/db", needs: [], teardown: false },
    { id: "api/a", needs: ["setup/db"], teardown: false },
    { id: "teardown/db", needs: ["setup/db"], teardown: true },
  ];
  const timings = {
    byId: new Map([["setup/db", [20_000]], ["api/a", [1000]], ["teardown/db", [500]]]),
    shown: "t.json",
  };
  const splits = [1, 2].map((index) => durationShardOf(fixtures, { index, total: 2 }, timings));
  // Before (the least total first): api/a with the setup (21.5 s), teardown/db alone on shard 2
  // with the setup pulled in (20.5 s): both runners ran the 20 s setup, and the longest shard was
  // no shorter.
  assert.deepEqual(splits.map((s) => s.kept.map((f) => f.id)), [
    ["setup/db", "api/a", "teardown/db"],
    [],
  ]);
  assert.deepEqual(splits[0].plan.totals, [21_500, 0]);
});

Deno.test("durationShardOf(): a setup only pulled in (not in the selection) keeps its fixtures together, as one in the selection does", () => {
  const graph = [
    { id: "setup/db", needs: [], teardown: false },
    { id: "teardown/db", needs: ["setup/db"], teardown: true },
    ...["a", "b", "c", "d"].map((x) => ({ id: `api/${x}`, needs: ["setup/db"], teardown: false })),
    ...["x", "y"].map((x) => ({ id: `misc/${x}`, needs: [], teardown: false })),
  ];
  const byId = new Map<string, number[]>([
    ["setup/db", [20_000]],
    ["teardown/db", [500]],
    ["misc/x", [6000]],
    ["misc/y", [6000]],
    ...["a", "b", "c", "d"].map((x) => [`api/${x}`, [1000]] as [string, number[]]),
  ]);
  const timings = { byId, shown: "t.json" };
  const selection = graph.filter((f) => f.id.startsWith("api/") || f.id.startsWith("misc/"));
  const split = durationShardOf(selection, { index: 1, total: 2 }, timings, { graph });
  // Before (one pass, by own time): misc/x and misc/y first, one a shard, then the api fixtures
  // spread, each shard running the setup: 28.5 s each.
  assert.deepEqual(split.plan.totals, [24_500, 12_000]);
  assert.deepEqual(split.kept.map((f) => f.id), ["api/a", "api/b", "api/c", "api/d"]);
});

/** An acyclic catalog with needs, teardowns (which nothing needs) and skips; and a shard count. */
const graphs = fc.record({
  nodes: fc.array(
    fc.record({
      ms: fc.integer({ min: 0, max: 30_000 }),
      teardown: fc.boolean(),
      skip: fc.integer({ min: 0, max: 9 }),
      needs: fc.array(fc.nat(), { maxLength: 3 }),
    }),
    { maxLength: 30 },
  ).map((raw) => {
    const setups = raw.map((n, i) => ({ n, i })).filter(({ n }) => !n.teardown).map(({ i }) => i);
    return raw.map((n, i) => {
      // Needs only of fixtures before it that are no teardowns: acyclic, and nothing needs a teardown.
      const before = setups.filter((s) => s < i);
      const needs = before.length
        ? [...new Set(n.needs.map((k) => `f${before[k % before.length]}`))]
        : [];
      return {
        id: `f${i}`,
        needs,
        teardown: n.teardown,
        ms: n.ms,
        ...(n.skip === 0 ? { skipReason: "off" } : {}),
      };
    });
  }),
  total: fc.integer({ min: 1, max: 6 }),
  selectEvery: fc.integer({ min: 1, max: 3 }),
});

Deno.test("durationShardOf() with needs: each shard's total is what it runs (its fixtures, their needs and teardowns, each once); covering, deterministic, balanced within the most a fixture brings", () => {
  fc.assert(fc.property(graphs, ({ nodes, total, selectEvery }) => {
    const byId = new Map(nodes.map((n) => [n.id, [n.ms]]));
    const timings = { byId, shown: "t.json" };
    const skipped = skippedWhatever(nodes);
    const selection = nodes.filter((_, i) => i % selectEvery === 0);
    const options = { skipped, graph: nodes, catalogIds: nodes.map((n) => n.id) };
    const msOf = (id: string) => {
      const node = nodes.find((n) => n.id === id)!;
      return node.skipReason !== undefined || skipped.has(id) ? 0 : Math.max(1, node.ms);
    };
    const sum = (ids: Iterable<string>) => [...ids].reduce((t, id) => t + msOf(id), 0);
    const splits = Array.from(
      { length: total },
      (_, s) => durationShardOf(selection, { index: s + 1, total }, timings, options),
    );
    // Covering and disjoint.
    const kept = splits.flatMap((s) => s.kept.map((f) => f.id));
    assert.deepEqual([...kept].sort(), selection.map((f) => f.id).sort());
    // The prediction is what each runner runs: closeOverNeeds of its fixtures.
    const totals = splits[0].plan.totals;
    const runs = splits.map((s) => closeOverNeeds(s.kept.map((f) => f.id), nodes, skipped).ids);
    runs.forEach((ids, s) => assert.equal(totals[s] ?? 0, sum(ids), `shard ${s + 1}`));
    // Deterministic, whatever order the fixtures are listed in.
    const reversed = durationShardOf([...selection].reverse(), { index: 1, total }, timings, {
      ...options,
      graph: [...nodes].reverse(),
    });
    assert.deepEqual([...reversed.shardOf].reverse(), splits[0].shardOf);
    // Balanced within the most one fixture costs with all it brings, when every shard has a
    // fixture that runs and is no teardown without needs.
    const leads = (f: typeof nodes[number]) =>
      msOf(f.id) > 0 && !(f.teardown && f.needs.length === 0);
    const led = splits.filter((s) => s.kept.some(leads)).length;
    if (led === total && totals.length === total) {
      const most = Math.max(
        0,
        ...selection.map((f) => sum(closeOverNeeds([f.id], nodes, skipped).ids)),
      );
      assert.ok(Math.max(...totals) - Math.min(...totals) <= most, `${totals} vs ${most}`);
    }
  }));
});

Deno.test("durationShardOf(): a fixture skipped because its need is takes no time and needs no timings", () => {
  const fixtures = [
    { id: "api/health" },
    { id: "cli/legacy", skipReason: "off" },
    { id: "cli/legacy-extra" },
    { id: "cli/version" },
  ];
  const timings = {
    byId: new Map([["api/health", [2000]], ["cli/version", [1000]]]),
    shown: "t.json",
  };
  const skipped = new Set(["cli/legacy", "cli/legacy-extra"]);
  const shards = [1, 2, 3, 4].map((index) =>
    durationShardOf(fixtures, { index, total: 4 }, timings, { skipped })
  );
  // Both skipped ones join a shard that has a fixture that runs; two shards stay empty.
  assert.deepEqual(shards.map((s) => s.kept.map((f) => f.id)), [
    ["api/health"],
    ["cli/legacy", "cli/legacy-extra", "cli/version"],
    [],
    [],
  ]);
  assert.equal(shards[0].plan.missing, 0);
  assert.deepEqual(shardsWithFixtures(shards[0].shardOf, 4), [1, 2]);
  // The plan line counts the fixtures that run: the skipped ones are neither without timings
  // nor among the fixtures it counts.
  const untimed = durationShardOf(fixtures, { index: 1, total: 4 }, undefined, { skipped });
  assert.equal(
    shardPlanLine(untimed.plan),
    "Shards by duration (no timings: 2 of 2 fixtures at the default): 1/4 1.0s (this shard), " +
      "2/4 1.0s, 3/4 to 4/4 0ms",
  );
  // Every fixture skipped: no count of nothing.
  const none = durationShardOf([{ id: "x", skipReason: "off" }], { index: 1, total: 2 }, undefined);
  assert.equal(
    shardPlanLine(none.plan),
    "Shards by duration (no timings; every fixture skipped): 1/2 0ms (this shard), 2/2 0ms",
  );
});

Deno.test("durationShardOf(): fixtures recorded at 0 ms still spread over the shards", () => {
  const fixtures = ["a", "b", "c", "d", "e", "f"].map((id) => ({ id }));
  const timings = { byId: new Map(fixtures.map((f) => [f.id, [0]])), shown: "t.json" };
  const sizes = [1, 2, 3].map((index) =>
    durationShardOf(fixtures, { index, total: 3 }, timings).kept.length
  );
  assert.deepEqual(sizes, [2, 2, 2]);
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

Deno.test("durationShardOf() without timings: every fixture gets the default, and says so", () => {
  const fixtures = ["a", "b", "c"].map((id) => ({ id }));
  const { plan } = durationShardOf(fixtures, { index: 1, total: 2 }, undefined);
  assert.equal(
    shardPlanLine(plan),
    "Shards by duration (no timings: 3 of 3 fixtures at the default): 1/2 2.0s (this shard), 2/2 1.0s",
  );
});

Deno.test("readTimings() names what is wrong with a durations summary it cannot read, and lists an artifact's problems indented", async () => {
  const dir = await Deno.makeTempDir();
  try {
    const refused = async (text: string) => {
      await Deno.writeTextFile(`${dir}/t.json`, text);
      const error = await readTimings({ cwd: dir, artifactDir: ".smoke", timings: "t.json" })
        .then(() => undefined, (e) => e);
      assert.ok(error instanceof UserError, String(error));
      assert.equal(error.code, "SHARD_TIMINGS_INVALID");
      return error.message;
    };
    assert.equal(
      await refused('{"version":2,"runs":1,"fixtures":{"a":[5]},"outcomes":{}}'),
      'Cannot read timings "t.json": a durations summary of version 2 (this smoke reads version 1)',
    );
    assert.match(await refused('{"version":1,"fixtures":[1,2]}'), /"fixtures" is not an object/);
    // Two problems of an artifact: one indented line each under the first.
    const listed = await refused(JSON.stringify({ schemaVersion: 1, runId: 5, fixtures: "x" }));
    const [first, ...rest] = listed.split("\n");
    assert.equal(first, 'Cannot read timings "t.json":');
    assert.ok(rest.length >= 2, listed);
    for (const line of rest) assert.match(line, /^ {2}\S/);
  } finally {
    await Deno.remove(dir, { recursive: true });
  }
});

Deno.test("readTimings() parses the file once, whether it holds a summary or an artifact; not JSON says where", async () => {
  const dir = await Deno.makeTempDir();
  const parse = JSON.parse;
  let parses = 0;
  try {
    const artifact = createArtifact({
      runId: "20261130T120000000Z-aaaaaa",
      mode: "full",
      startedAt: new Date(0),
      finishedAt: new Date(1000),
      version: "0.1.0",
      environment: { deno: "2.9.6", os: "linux", arch: "x86_64", ci: false },
      selection: { fixtureIds: ["a"] },
      fixtures: [{
        id: "a",
        status: "passed",
        durationMs: 1234,
        attempts: 1,
        exitCode: 0,
        signal: null,
        timedOut: false,
      }],
    });
    const texts = {
      summary: '{"version":1,"runs":1,"fixtures":{"a":[1234]}}',
      artifact: JSON.stringify(artifact),
    };
    JSON.parse = ((text: string, reviver?: Parameters<typeof parse>[1]) => {
      if (Object.values(texts).includes(text)) parses++;
      return parse(text, reviver);
    }) as typeof JSON.parse;
    for (const [kind, text] of Object.entries(texts)) {
      parses = 0;
      await Deno.writeTextFile(`${dir}/t.json`, text);
      const read = await readTimings({ cwd: dir, artifactDir: ".smoke", timings: "t.json" });
      assert.deepEqual([...read.timings!.byId], [["a", [1234]]], kind);
      assert.equal(parses, 1, `${kind}: parsed ${parses} times`);
    }
    JSON.parse = parse;
    await Deno.writeTextFile(`${dir}/t.json`, '{\n  "version": 1,\n}');
    const error = await readTimings({ cwd: dir, artifactDir: ".smoke", timings: "t.json" })
      .then(() => undefined, (e) => e);
    assert.ok(error instanceof UserError, String(error));
    assert.equal(
      error.message,
      'Cannot read timings "t.json": unexpected token "}" at line 3, column 1',
    );
  } finally {
    JSON.parse = parse;
    await Deno.remove(dir, { recursive: true });
  }
});

Deno.test("durationShardOf() with far more shards than fixtures: no array of N, one range for the empty ones", () => {
  const fixtures = ["a", "b", "c"].map((id) => ({ id }));
  const timings = { byId: new Map([["a", [3000]], ["b", [2000]], ["c", [1000]]]), shown: "t.json" };
  const total = Number.MAX_SAFE_INTEGER;
  const { kept, plan } = durationShardOf(fixtures, { index: 5, total }, timings);
  assert.deepEqual(kept, []);
  assert.equal(plan.totals.length, 3);
  assert.equal(
    shardPlanLine(plan),
    `Shards by duration (from t.json, 0 of 3 fixtures without timings): 1/${total} 3.0s, ` +
      `2/${total} 2.0s, 3/${total} 1.0s, 4/${total} to ${total}/${total} 0ms (this shard: 5/${total})`,
  );
  // One shard past the fixtures: no range.
  const four = durationShardOf(fixtures, { index: 2, total: 4 }, timings).plan;
  assert.match(shardPlanLine(four), /2\/4 2\.0s \(this shard\), 3\/4 1\.0s, 4\/4 0ms$/);
  const last = durationShardOf(fixtures, { index: 4, total: 4 }, timings).plan;
  assert.match(shardPlanLine(last), /, 4\/4 0ms \(this shard\)$/);
  // A skipped fixture takes no shard of its own: the shards it cannot fill join the range.
  const withSkipped = [...fixtures, { id: "d", skipReason: "off" }];
  const skipped = durationShardOf(withSkipped, { index: 5, total: 20 }, timings).plan;
  assert.match(shardPlanLine(skipped), /, 3\/20 1\.0s, 4\/20 to 20\/20 0ms \(this shard: 5\/20\)$/);
  const tail = durationShardOf(withSkipped, { index: 4, total: 4 }, timings).plan;
  assert.match(shardPlanLine(tail), /, 3\/4 1\.0s, 4\/4 0ms \(this shard\)$/);
});

Deno.test("readTimings() from an artifact takes finished results only: an interrupted one was cut short, not measured", async () => {
  const dir = await Deno.makeTempDir();
  try {
    const base = { attempts: 1, signal: null, timedOut: false };
    const artifact = createArtifact({
      runId: "20261130T120000000Z-aaaaaa",
      mode: "full",
      startedAt: new Date(0),
      finishedAt: new Date(3000),
      version: "0.1.0",
      environment: { deno: "2.9.6", os: "linux", arch: "x86_64", ci: false },
      selection: { fixtureIds: ["cut", "done", "failed", "retried"] },
      interrupted: true,
      fixtures: [
        {
          ...base,
          id: "cut",
          status: "failed",
          durationMs: 1400,
          exitCode: null,
          failure: { kind: "interrupted", message: "Interrupted before it finished" },
        },
        { ...base, id: "done", status: "passed", durationMs: 200, exitCode: 0 },
        {
          ...base,
          id: "failed",
          status: "failed",
          durationMs: 300,
          exitCode: 1,
          failure: { kind: "exit-code", message: "Exited with code 1, expected 0" },
        },
        {
          ...base,
          id: "retried",
          status: "failed",
          durationMs: 900,
          attempts: 2,
          exitCode: null,
          failure: { kind: "interrupted", message: "Interrupted before it finished" },
        },
      ],
    });
    await Deno.writeTextFile(`${dir}/t.json`, JSON.stringify(artifact));
    const read = await readTimings({ cwd: dir, artifactDir: ".smoke", timings: "t.json" });
    assert.deepEqual([...read.timings!.byId], [["done", [200]], ["failed", [300]]]);
  } finally {
    await Deno.remove(dir, { recursive: true });
  }
});
