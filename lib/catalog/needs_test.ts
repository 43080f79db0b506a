import assert from "node:assert/strict";
// Test-only: locked in deno.test.lock, so that running smoke never fetches it.
// deno-lint-ignore no-import-prefix
import fc from "npm:fast-check@4.11.0";
import {
  broughtBy,
  closeOverNeeds,
  type GraphNode,
  needsProblems,
  skippedWhatever,
} from "./needs.ts";

const node = (id: string, needs: string[] = [], teardown = false): GraphNode => ({
  id,
  needs,
  teardown,
});

Deno.test("needsProblems() names unknown ids, self-needs, needed teardowns and each cycle once", () => {
  const problems = needsProblems([
    node("a", ["b"]),
    node("b", ["c"]),
    node("c", ["a"]),
    node("d", ["d"]),
    node("e", ["clean"]),
    node("clean", [], true),
    node("f", ["setup/dbb"]),
    node("setup/db"),
  ]);
  assert.deepEqual(problems.map((p) => [p.id, p.message]), [
    ["a", "its needs form a cycle: a -> b -> c -> a"],
    ["d", "needs itself"],
    ["e", 'needs "clean", a teardown (teardowns run last; nothing can need one)'],
    ["f", 'needs "setup/dbb", which is not a fixture (did you mean "setup/db"?)'],
  ]);
});

/** A random DAG: fixture i may need only fixtures before it. */
const dag = fc.integer({ min: 1, max: 12 }).chain((n) =>
  fc.tuple(
    ...Array.from({ length: n }, (_, i) =>
      fc.record({
        needs: fc.subarray(Array.from({ length: i }, (_, j) => `f${j}`)),
        teardown: fc.boolean(),
      })),
  ).map((specs) =>
    specs.map((s, i) => node(`f${i}`, s.needs, s.teardown))
      // Nothing needs a teardown: drop needs on teardowns from the generated graph.
      .map((n, _, all) => ({
        ...n,
        needs: n.needs.filter((id) => !all.find((m) => m.id === id)!.teardown),
      }))
  )
);

Deno.test("needsProblems(): a generated DAG has no problem; one edge back makes a cycle, named", () => {
  fc.assert(
    fc.property(dag, (nodes) => {
      assert.deepEqual(needsProblems(nodes), []);
      // A path i -> ... -> j exists when j is among i's needs; adding j -> i closes a cycle.
      const from = nodes.findIndex((n) => n.needs.length > 0 && !n.teardown);
      if (from < 0) return;
      const to = nodes.findIndex((n) => n.id === nodes[from].needs[0]);
      const cyclic = nodes.map((n, i) =>
        i === to ? { ...n, needs: [...n.needs, nodes[from].id] } : n
      );
      const cycles = needsProblems(cyclic).filter((p) =>
        p.message.startsWith("its needs form a cycle")
      );
      assert.equal(cycles.length >= 1, true);
      // The cycle named is a real one: each id needs the next.
      const ids = cycles[0].message.split(": ")[1].split(" -> ");
      for (let k = 0; k + 1 < ids.length; k++) {
        assert.ok(cyclic.find((n) => n.id === ids[k])!.needs.includes(ids[k + 1]));
      }
    }),
  );
});

Deno.test("closeOverNeeds(): the result holds the selection, every need of what it holds, and the teardowns of its needs; a fixture its manifest skips brings nothing", () => {
  fc.assert(
    fc.property(dag, fc.array(fc.nat()), fc.array(fc.nat()), (graph, picks, skips) => {
      const skipped = new Set(skips.map((p) => graph[p % graph.length].id));
      const nodes = graph.map((n) => skipped.has(n.id) ? { ...n, skipReason: "off" } : n);
      const selected = picks.map((p) => nodes[p % nodes.length].id);
      const { ids, pulledIn } = closeOverNeeds(selected, nodes);
      for (const id of selected) assert.ok(ids.has(id));
      // Skipped whatever happens: in its manifest, or through a need so skipped.
      const whatever = skippedWhatever(nodes);
      for (const id of ids) {
        if (skipped.has(id)) continue;
        const n = nodes.find((m) => m.id === id)!;
        for (const need of n.needs) {
          // What runs has every need; what a need skips has the needs that skip it.
          if (!whatever.has(id) || whatever.has(need)) {
            assert.ok(ids.has(need), `${id} needs ${need}`);
          }
        }
      }
      for (const t of nodes.filter((n) => n.teardown)) {
        if (t.needs.some((need) => ids.has(need) && !whatever.has(need))) {
          assert.ok(ids.has(t.id), `teardown ${t.id}`);
        }
      }
      for (const [id, why] of pulledIn) {
        assert.ok(!selected.includes(id));
        const [, relation, other] = /^(needed by|teardown of) (.+)$/.exec(why)!;
        assert.ok(ids.has(other));
        assert.ok(!skipped.has(other), `${id} pulled in by ${other}, which its manifest skips`);
        // What is skipped whatever happens brings only the needs that skip it.
        if (whatever.has(other)) {
          assert.ok(relation === "needed by" && whatever.has(id), `${id} pulled in by ${other}`);
        }
        const node = nodes.find((n) => n.id === (relation === "needed by" ? other : id))!;
        assert.ok(node.needs.includes(relation === "needed by" ? id : other), why);
      }
    }),
  );
});

Deno.test("broughtBy(): what each fixture brings is what closeOverNeeds pulls in for it alone; past the limit, nothing is answered", () => {
  fc.assert(
    fc.property(dag, fc.array(fc.nat()), (graph, skips) => {
      const skipped = new Set(skips.map((p) => graph[p % graph.length].id));
      const nodes = graph.map((n) => skipped.has(n.id) ? { ...n, skipReason: "off" } : n);
      const brought = broughtBy(nodes)!;
      assert.equal(brought.size, nodes.length);
      for (const n of nodes) {
        const alone = [...closeOverNeeds([n.id], nodes).pulledIn.keys()].sort();
        assert.deepEqual([...brought.get(n.id)!].sort(), alone, n.id);
      }
    }),
  );
  // A chain of needs: what c99 brings is the 99 before it; 100 such closures hold 5,050 ids.
  const chain = Array.from({ length: 100 }, (_, i) => node(`c${i}`, i ? [`c${i - 1}`] : []));
  assert.equal(broughtBy(chain)!.get("c99")!.size, 99);
  assert.ok(broughtBy(chain, new Set(), 5050));
  assert.equal(broughtBy(chain, new Set(), 5049), undefined);
  // The default limit: a chain of 400 is past it (80,200 ids), but not in a catalog of 13,400
  // (93,200 ids, within 8 per fixture).
  const long = Array.from({ length: 400 }, (_, i) => node(`c${i}`, i ? [`c${i - 1}`] : []));
  assert.equal(broughtBy(long), undefined);
  const others = Array.from({ length: 13_000 }, (_, i) => node(`o${i}`));
  assert.ok(broughtBy([...long, ...others]));
  // 20,000 fixtures needing two setups, each with a teardown: 5 ids each, within 8 per fixture.
  const wide = [
    node("s1"),
    node("s2"),
    node("t1", ["s1"], true),
    node("t2", ["s2"], true),
    ...Array.from({ length: 20_000 }, (_, i) => node(`f${i}`, ["s1", "s2"])),
  ];
  assert.equal(broughtBy(wide)?.get("f0")?.size, 4);
});

Deno.test("needsProblems(): fixtures without needs change nothing it finds, whatever the graph", () => {
  // Any graph: cycles, self-needs, unknown ids and teardowns included.
  const graph = fc.integer({ min: 1, max: 10 }).chain((n) =>
    fc.array(
      fc.record({
        needs: fc.array(fc.constantFrom(...Array.from({ length: n + 2 }, (_, j) => `f${j}`)), {
          maxLength: 3,
        }),
        teardown: fc.boolean(),
      }),
      { minLength: n, maxLength: n },
    ).map((specs) => specs.map((s, i) => node(`f${i}`, s.needs, s.teardown)))
  );
  fc.assert(
    fc.property(graph, fc.array(fc.nat(), { maxLength: 30 }), (nodes, spots) => {
      const padded = [...nodes];
      spots.forEach((spot, k) => {
        padded.splice(spot % (padded.length + 1), 0, node(`free-standing-${k}`));
      });
      assert.deepEqual(needsProblems(padded), needsProblems(nodes));
    }),
  );
});

Deno.test("needsProblems() and skippedWhatever() walk a chain of needs 20,000 long, either way, without overflowing the stack", () => {
  const n = 20_000;
  const id = (i: number) => `step/${String(i).padStart(5, "0")}`;
  for (const ascending of [true, false]) {
    // Each step needs the one after it (or before it); the last one needed is skipped.
    const nodes = Array.from({ length: n }, (_, i) => {
      const need = ascending ? i + 1 : i - 1;
      return {
        id: id(i),
        needs: need >= 0 && need < n ? [id(need)] : [],
        teardown: false,
        ...(need < 0 || need >= n ? { skipReason: "off" } : {}),
      };
    });
    assert.deepEqual(needsProblems(nodes), []);
    assert.equal(skippedWhatever(nodes).size, n, "a skipped need skips the whole chain");
    // Closed into a cycle, it is reported once.
    const cyclic = nodes.map((node) =>
      node.needs.length ? node : { ...node, needs: [id(ascending ? 0 : n - 1)] }
    );
    const problems = needsProblems(cyclic);
    assert.equal(problems.length, 1);
    assert.match(problems[0].message, /^its needs form a cycle: step\/00000 -> /);
  }
});
