import assert from "node:assert/strict";
// Test-only: locked in deno.test.lock with the rest of the test dependencies.
// deno-lint-ignore no-import-prefix
import fc from "npm:fast-check@4.11.0";
import { inCycles, staticImports } from "./eager_chunks.ts";

Deno.test("staticImports: only what runs before the module", () => {
  assert.deepEqual(
    staticImports(
      `import "./a.js";\nimport * as b from "./b.js";\nexport * from "./c.js";\n` +
        `export { d };\nconst d = () => import("./e.js");\n`,
    ),
    ["./a.js", "./b.js", "./c.js"],
  );
});

Deno.test("inCycles: a node is on a cycle iff it can reach itself (generated graphs)", () => {
  const graph = fc.integer({ min: 1, max: 8 }).chain((n) =>
    fc.array(fc.array(fc.nat({ max: n - 1 }), { maxLength: 3 }), { minLength: n, maxLength: n })
  );
  fc.assert(fc.property(graph, (edges) => {
    const named = new Map(edges.map((next, i) => [`n${i}`, next.map((j) => `n${j}`)]));
    const reachesItself = (start: number) => {
      const seen = new Set<number>();
      const stack = [...edges[start]];
      while (stack.length) {
        const node = stack.pop()!;
        if (node === start) return true;
        if (seen.has(node)) continue;
        seen.add(node);
        stack.push(...edges[node]);
      }
      return false;
    };
    const want = edges.map((_, i) => i).filter(reachesItself).map((i) => `n${i}`);
    assert.deepEqual([...inCycles(named)].sort(), want.sort());
  }));
});
