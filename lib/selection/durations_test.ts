import assert from "node:assert/strict";
// Test-only: locked in deno.test.lock, so that running smoke never fetches it.
// deno-lint-ignore no-import-prefix
import fc from "npm:fast-check@4.11.0";
import type { Artifact, FixtureResult } from "../artifact/artifact.ts";
import {
  DEFAULT_DURATION_MS,
  expectedDurations,
  longestChainFirst,
  longestFirst,
  median,
} from "./durations.ts";

const result = (id: string, durationMs: number, attempts = 1): FixtureResult => ({
  id,
  status: attempts === 0 ? "skipped" : "passed",
  durationMs,
  attempts,
  exitCode: 0,
  signal: null,
  timedOut: false,
});
const run = (...fixtures: FixtureResult[]) => ({ fixtures }) as Pick<Artifact, "fixtures">;

Deno.test("median: of one sample is the sample; between min and max; order does not matter", () => {
  fc.assert(
    fc.property(fc.array(fc.nat(1_000_000), { minLength: 1, maxLength: 30 }), (values) => {
      const m = median(values);
      assert.ok(m >= Math.min(...values) && m <= Math.max(...values));
      assert.equal(median([...values].reverse()), m);
      assert.equal(median([values[0]]), values[0]);
    }),
  );
});

Deno.test("expectedDurations: the median of the newest K results, newest first", () => {
  // Newest first: 100, 200, 300 then older 9000s beyond K = 3.
  const runs = [100, 200, 300, 9000, 9000, 9000].map((ms) => run(result("a", ms)));
  assert.deepEqual(expectedDurations(runs, ["a"], { samples: 3 }).byId.get("a"), {
    ms: 200,
    samples: 3,
  });
  // The default K (10) takes them all: the median of six is (300 + 9000) / 2.
  assert.deepEqual(expectedDurations(runs, ["a"]).byId.get("a"), { ms: 4650, samples: 6 });
});

Deno.test("expectedDurations: results that never started (attempts 0) are left out", () => {
  const runs = [run(result("a", 0, 0)), run(result("a", 500)), run(result("b", 0, 0))];
  const { byId } = expectedDurations(runs, ["a", "b"]);
  assert.deepEqual(byId.get("a"), { ms: 500, samples: 1 });
  // b never ran: the default, which is the median of the known estimates.
  assert.deepEqual(byId.get("b"), { ms: 500, samples: 0 });
});

Deno.test("expectedDurations: no history at all gives every fixture the fixed default", () => {
  const { byId, defaultMs } = expectedDurations([], ["a", "b"]);
  assert.equal(defaultMs, DEFAULT_DURATION_MS);
  assert.deepEqual(byId.get("a"), { ms: DEFAULT_DURATION_MS, samples: 0 });
});

Deno.test("expectedDurations: every id gets an estimate, within K samples, ids not asked for ignored", () => {
  const ids = fc.constantFrom("a", "b", "c", "d");
  fc.assert(
    fc.property(
      fc.array(
        fc.array(
          fc.record({ id: ids, ms: fc.nat(100_000), attempts: fc.nat(3) }),
          { maxLength: 4 },
        ),
        { maxLength: 30 },
      ),
      fc.integer({ min: 1, max: 10 }),
      (runs, k) => {
        const artifacts = runs.map((r) => run(...r.map((x) => result(x.id, x.ms, x.attempts))));
        const { byId } = expectedDurations(artifacts, ["a", "b", "c"], { samples: k });
        assert.deepEqual([...byId.keys()].sort(), ["a", "b", "c"]);
        for (const [id, e] of byId) {
          assert.ok(e.samples <= k);
          const ran = runs.flat().filter((x) => x.id === id && x.attempts > 0);
          assert.equal(e.samples, Math.min(k, ran.length));
        }
      },
    ),
  );
});

Deno.test("longestFirst: a permutation, descending by duration, ties by id, deterministic", () => {
  fc.assert(
    fc.property(
      fc.uniqueArray(fc.string({ maxLength: 4 }), { maxLength: 20 }).chain((ids) =>
        fc.tuple(
          fc.constant(ids),
          fc.array(fc.nat(5), { minLength: ids.length, maxLength: ids.length }),
        )
      ),
      ([ids, ms]) => {
        const order = longestFirst(ids, ms);
        assert.deepEqual([...order].sort((a, b) => a - b), ids.map((_, i) => i));
        for (let n = 1; n < order.length; n++) {
          const [i, j] = [order[n - 1], order[n]];
          assert.ok(ms[i] > ms[j] || (ms[i] === ms[j] && ids[i] < ids[j]));
        }
        assert.deepEqual(longestFirst(ids, ms), order);
      },
    ),
  );
});

Deno.test("longestChainFirst: by each chain as a plain recursion computes it (the longest of what needs it, not the sum); a need that takes time starts first; no needs is longestFirst", () => {
  // A random DAG: fixture i may need only fixtures of a lower index.
  const graph = fc.integer({ min: 1, max: 12 }).chain((n) =>
    fc.record({
      ms: fc.array(fc.integer({ min: 0, max: 5000 }), { minLength: n, maxLength: n }),
      needs: fc.tuple(
        ...Array.from({ length: n }, (_, i) =>
          fc.uniqueArray(fc.integer({ min: 0, max: Math.max(0, i - 1) }), {
            maxLength: i ? 3 : 0,
          })),
      ),
      ids: fc.uniqueArray(fc.stringMatching(/^[a-z]{1,3}$/), { minLength: n, maxLength: n }),
    })
  );
  fc.assert(
    fc.property(graph, ({ ms, needs, ids }) => {
      const fixtures = ids.map((id, i) => ({ id, needs: needs[i].map((j) => ids[j]) }));
      const order = longestChainFirst(fixtures, ms);
      // The oracle: each chain by plain recursion, the longest of what needs it (not the sum).
      const memo = new Map<number, number>();
      const chain = (i: number): number => {
        if (!memo.has(i)) {
          const after = ids.map((_, j) => j).filter((j) => needs[j].includes(i)).map(chain);
          memo.set(i, ms[i] + Math.max(0, ...after));
        }
        return memo.get(i)!;
      };
      assert.deepEqual(order, longestFirst(ids, ids.map((_, i) => chain(i))));
      assert.deepEqual([...order].sort((a, b) => a - b), ids.map((_, i) => i));
      const position = new Map(order.map((i, at) => [i, at]));
      fixtures.forEach((f, j) => {
        for (const need of needs[j]) {
          if (ms[need] > 0) {
            assert.ok(position.get(need)! < position.get(j)!, `${ids[need]} before ${f.id}`);
          }
        }
      });
      assert.deepEqual(longestChainFirst(fixtures, ms), order);
      const free = ids.map((id) => ({ id, needs: [] }));
      assert.deepEqual(longestChainFirst(free, ms), longestFirst(ids, ms));
    }),
  );
  // The walk's case: a short setup that a long fixture waits for starts first.
  const suite = [
    { id: "a1", needs: [] },
    { id: "a2", needs: [] },
    { id: "needs/dep", needs: ["needs/setup"] },
    { id: "needs/setup", needs: [] },
  ];
  assert.deepEqual(longestChainFirst(suite, [1000, 1000, 1500, 500]).map((i) => suite[i].id), [
    "needs/setup",
    "needs/dep",
    "a1",
    "a2",
  ]);
  // Two dependants count as the longer one, not their sum: x (1.5 s) before s (0.1 + 1 s).
  const fan = [
    { id: "d1", needs: ["s"] },
    { id: "d2", needs: ["s"] },
    { id: "s", needs: [] },
    { id: "x", needs: [] },
  ];
  assert.deepEqual(longestChainFirst(fan, [1000, 1000, 100, 1500]).map((i) => fan[i].id), [
    "x",
    "s",
    "d1",
    "d2",
  ]);
  // A cycle (the catalog refuses one) ends, each fixture once.
  const cycle = [{ id: "a", needs: ["b"] }, { id: "b", needs: ["a"] }, { id: "c", needs: [] }];
  assert.deepEqual(longestChainFirst(cycle, [5, 5, 1]).sort(), [0, 1, 2]);
  // A chain of 20,000: no stack overflow.
  const long = Array.from({ length: 20_000 }, (_, i) => ({
    id: `f${String(i).padStart(5, "0")}`,
    needs: i ? [`f${String(i - 1).padStart(5, "0")}`] : [],
  }));
  assert.equal(longestChainFirst(long, long.map(() => 1))[0], 0);
});
