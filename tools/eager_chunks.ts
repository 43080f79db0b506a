/**
 * Marks every chunk of a build for eager compilation (see
 * `eager_compile.ts`): the chunks' static imports make a graph, and a chunk
 * on a cycle of it keeps what its exports reach as declarations.
 *
 * @module
 */
import { dirname, join, relative, resolve } from "node:path";
import { eagerCompile, parseModule } from "./eager_compile.ts";

/**
 * Rewrites each chunk for eager compilation, moving its source map
 * (`<chunk>.map`) with it and leaving out the map's copy of the sources (the
 * maps point at `lib/`; the text would double the build's size).
 *
 * @param dir The build directory.
 * @param chunks The JavaScript files under it, relative to it.
 *
 * @example
 * ```ts
 * import { eagerCompileChunks } from "./eager_chunks.ts";
 * import assert from "node:assert/strict";
 *
 * const dir = await Deno.makeTempDir();
 * await Deno.writeTextFile(`${dir}/a.js`, "export function f() { return 1; }\nfunction g() {}\n");
 * await Deno.writeTextFile(`${dir}/a.js.map`, JSON.stringify({ version: 3, mappings: "", sourcesContent: ["x"] }));
 * await eagerCompileChunks(dir, ["a.js"]);
 * assert.match(await Deno.readTextFile(`${dir}/a.js`), /^var g = \(function g\(\) \{\}\);$/m);
 * assert.equal(JSON.parse(await Deno.readTextFile(`${dir}/a.js.map`)).sourcesContent, undefined);
 * await Deno.remove(dir, { recursive: true });
 * ```
 */
export async function eagerCompileChunks(dir: string, chunks: readonly string[]): Promise<void> {
  const code = new Map<string, string>();
  const imports = new Map<string, string[]>();
  for (const chunk of chunks) {
    code.set(chunk, await Deno.readTextFile(join(dir, chunk)));
    imports.set(
      chunk,
      staticImports(code.get(chunk)!).map((s) => relative(dir, resolve(dir, dirname(chunk), s))),
    );
  }
  const cyclic = inCycles(imports);
  for (const chunk of chunks) {
    const map = JSON.parse(await Deno.readTextFile(join(dir, `${chunk}.map`)));
    delete map.sourcesContent;
    const eager = eagerCompile(code.get(chunk)!, { map, keepExports: cyclic.has(chunk) });
    await Deno.writeTextFile(join(dir, chunk), eager.code);
    await Deno.writeTextFile(join(dir, `${chunk}.map`), JSON.stringify(eager.map) + "\n");
  }
}

/**
 * The modules a chunk imports statically (`import ... from`, `export ...
 * from`), as written: what runs before it.
 *
 * @param code A JavaScript module.
 * @returns The import specifiers.
 *
 * @example
 * ```ts
 * import { staticImports } from "./eager_chunks.ts";
 * import assert from "node:assert/strict";
 *
 * const code = `import { a } from "./a.js";\nexport { b } from "./b.js";\nawait import("./c.js");\n`;
 * assert.deepEqual(staticImports(code), ["./a.js", "./b.js"]);
 * ```
 */
export function staticImports(code: string): string[] {
  const program = parseModule(code);
  return program.body.flatMap((s) =>
    (s.type === "ImportDeclaration" || s.type === "ExportNamedDeclaration" ||
        s.type === "ExportAllDeclaration") && s.source
      ? [String(s.source.value)]
      : []
  );
}

/**
 * The nodes of a graph that are on a cycle (Tarjan's strongly connected
 * components: those of two nodes or more, and nodes with an edge to themselves).
 *
 * @param edges Each node's successors.
 * @returns The nodes on a cycle.
 *
 * @example
 * ```ts
 * import { inCycles } from "./eager_chunks.ts";
 * import assert from "node:assert/strict";
 *
 * const graph = new Map([["a", ["b"]], ["b", ["a", "c"]], ["c", []], ["d", ["d"]]]);
 * assert.deepEqual([...inCycles(graph)].sort(), ["a", "b", "d"]);
 * ```
 */
export function inCycles(edges: ReadonlyMap<string, readonly string[]>): Set<string> {
  const index = new Map<string, number>();
  const low = new Map<string, number>();
  const stack: string[] = [];
  const onStack = new Set<string>();
  const out = new Set<string>();
  const connect = (node: string) => {
    index.set(node, index.size);
    low.set(node, index.get(node)!);
    stack.push(node);
    onStack.add(node);
    for (const next of edges.get(node) ?? []) {
      if (!index.has(next)) {
        connect(next);
        low.set(node, Math.min(low.get(node)!, low.get(next)!));
      } else if (onStack.has(next)) low.set(node, Math.min(low.get(node)!, index.get(next)!));
    }
    if (low.get(node) !== index.get(node)) return;
    const component: string[] = [];
    let member: string;
    do {
      member = stack.pop()!;
      onStack.delete(member);
      component.push(member);
    } while (member !== node);
    if (component.length > 1 || (edges.get(node) ?? []).includes(node)) {
      for (const m of component) out.add(m);
    }
  };
  for (const node of edges.keys()) if (!index.has(node)) connect(node);
  return out;
}
