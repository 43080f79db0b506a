import assert from "node:assert/strict";
// Test-only: locked in deno.test.lock, so that running smoke never fetches it.
// deno-lint-ignore no-import-prefix
import fc from "npm:fast-check@4.11.0";
import { durationShardOf } from "./shard_plan.ts";
import { shardPlanLine, shardRunLine } from "./shard_plan_lines.ts";
import { shardsWithFixtures } from "./select.ts";
import { closeOverNeeds, skippedWhatever } from "../catalog/needs.ts";

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

/** A catalog with a setup, its teardown, four api fixtures that need it, and misc ones. */
function dbCatalog(misc: readonly string[]) {
  return [
    { id: "setup/db", needs: [], teardown: false },
    { id: "teardown/db", needs: ["setup/db"], teardown: true },
    ...["a", "b", "c", "d"].map((x) => ({ id: `api/${x}`, needs: ["setup/db"], teardown: false })),
    ...misc.map((x) => ({ id: `misc/${x}`, needs: [], teardown: false })),
  ];
}

Deno.test("durationShardOf(): fixtures run where their setup does when that is cheaper; otherwise the setup runs on each shard, and each shard's total counts it", () => {
  const graph = (setupMs: number, apiMs: number) => {
    const fixtures = dbCatalog(["x", "y"]);
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

Deno.test("durationShardOf(): a setup only pulled in (not in the selection) keeps its fixtures together, as one in the selection does, whatever the other fixtures' sizes", () => {
  // 12 s of other fixtures, as two of 6 s or three of 4 s.
  for (const misc of [{ x: 6000, y: 6000 }, { x: 4000, y: 4000, z: 4000 }]) {
    const graph = dbCatalog(Object.keys(misc));
    const byId = new Map<string, number[]>([
      ["setup/db", [20_000]],
      ["teardown/db", [500]],
      ...Object.entries(misc).map(([x, ms]) => [`misc/${x}`, [ms]] as [string, number[]]),
      ...["a", "b", "c", "d"].map((x) => [`api/${x}`, [1000]] as [string, number[]]),
    ]);
    const timings = { byId, shown: "t.json" };
    const selection = graph.filter((f) => f.id.startsWith("api/") || f.id.startsWith("misc/"));
    const split = durationShardOf(selection, { index: 1, total: 2 }, timings, { graph });
    // Before (one pass, by own time): the misc fixtures first, spread, then the api fixtures:
    // with two, spread too, each shard running the setup (28.5 s each); with three, all on the
    // shard with one misc fixture (8 s / 28.5 s), nothing run twice.
    assert.deepEqual(split.plan.totals, [24_500, 12_000], JSON.stringify(misc));
    assert.deepEqual(split.kept.map((f) => f.id), ["api/a", "api/b", "api/c", "api/d"]);
  }
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

Deno.test("durationShardOf() without timings: every fixture gets the default, and says so", () => {
  const fixtures = ["a", "b", "c"].map((id) => ({ id }));
  const { plan } = durationShardOf(fixtures, { index: 1, total: 2 }, undefined);
  assert.equal(
    shardPlanLine(plan),
    "Shards by duration (no timings: 3 of 3 fixtures at the default): 1/2 2.0s (this shard), 2/2 1.0s",
  );
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

Deno.test("shardPlanLine() and shardRunLine() name the first fixtures without timings, by id, and count the rest; none when no fixture has any", () => {
  const fixtures = ["f", "e", "d", "c", "b", "a"].map((id) => ({ id }));
  const some = { byId: new Map([["f", [1000]]]), shown: "t.json" };
  const { plan } = durationShardOf(fixtures, { index: 1, total: 2 }, some);
  assert.deepEqual(plan.missingIds, ["a", "b", "c"]);
  assert.match(
    shardPlanLine(plan),
    /\(from t\.json, 5 of 6 fixtures without timings: a, b, c and 2 more\): /,
  );
  assert.match(
    shardRunLine(plan),
    /^Shard 1\/2 by duration: predicted \S+ of fixture time \(from t\.json, 5 of 6 fixtures without timings: a, b, c and 2 more\)$/,
  );
  const two = durationShardOf(fixtures.slice(0, 3), { index: 1, total: 2 }, some).plan;
  assert.match(shardPlanLine(two), /2 of 3 fixtures without timings: d, e\): /);
  // None with timings: every fixture is one, so none is named.
  const none = { byId: new Map<string, number[]>(), shown: "t.json" };
  const all = durationShardOf(fixtures, { index: 1, total: 2 }, none).plan;
  assert.match(shardPlanLine(all), /\(from t\.json, 6 of 6 fixtures without timings\): /);
});
