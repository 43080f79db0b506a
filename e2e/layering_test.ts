/**
 * The layering rule of `lib/` (README, "Layout"): each folder is a stage, listed here from the
 * top down; a module may import its own folder and the folders below it, never one above, and
 * no chain of imports comes back to where it started. Every import counts: static, `import type`,
 * re-exports and dynamic `import()`. Tests (`*_test.ts`) and test helpers (`_testing.ts`) may
 * reach anywhere.
 */
import assert from "node:assert/strict";
import { dirname, join, normalize, relative } from "node:path";
import { fileURLToPath } from "node:url";

/** From the top down: cli may import everything below it; base imports only base. */
export const LAYERS = [
  "cli",
  "html_report",
  "reporters",
  "run",
  "selection",
  "catalog",
  "config",
  "artifact",
  "jsonc",
  "base",
] as const;

/** Folders that import nothing else from smoke, like a std package. */
const SELF_CONTAINED = new Set(["jsonc", "base"]);

const ROOT = fileURLToPath(new URL("../", import.meta.url));

function isSource(path: string): boolean {
  return path.endsWith(".ts") && !path.endsWith("_test.ts") && !path.endsWith("/_testing.ts");
}

function sources(dir: string): string[] {
  const out: string[] = [];
  for (const entry of Deno.readDirSync(join(ROOT, dir))) {
    const path = `${dir}/${entry.name}`;
    if (entry.isDirectory) out.push(...sources(path));
    else if (isSource(path)) out.push(path);
  }
  return out.sort();
}

/** The modules a file imports (relative specifiers only), as paths from the repository root. */
export function importsOf(path: string, text: string): string[] {
  // Doc comments hold runnable examples that import their own module: leave comments out.
  const code = text.split("\n").filter((line) => !/^\s*(\*|\/\/|\/\*)/.test(line)).join("\n");
  const found = new Set<string>();
  const pattern =
    /(?:^\s*(?:import|export)\b[^;]*?\bfrom\s*|\bimport\s*\(\s*)["'](\.{1,2}\/[^"']+)["']/gm;
  for (const match of code.matchAll(pattern)) {
    const target = normalize(join(dirname(path), match[1]));
    if (target.endsWith(".ts")) found.add(target);
  }
  return [...found].sort();
}

function layerOf(path: string): string | undefined {
  const match = /^lib\/([^/]+)\//.exec(path);
  return match?.[1];
}

/** Imports that point up the list (or out of a self-contained folder), with the reason. */
export function violations(graph: ReadonlyMap<string, readonly string[]>): string[] {
  const problems: string[] = [];
  for (const [from, targets] of graph) {
    const fromLayer = layerOf(from);
    for (const to of targets) {
      const toLayer = layerOf(to);
      if (fromLayer === undefined || toLayer === undefined || fromLayer === toLayer) continue;
      const rankFrom = LAYERS.indexOf(fromLayer as (typeof LAYERS)[number]);
      const rankTo = LAYERS.indexOf(toLayer as (typeof LAYERS)[number]);
      if (rankFrom < 0) problems.push(`${from}: folder "${fromLayer}" is not in LAYERS`);
      else if (rankTo < 0) problems.push(`${to}: folder "${toLayer}" is not in LAYERS`);
      else if (SELF_CONTAINED.has(fromLayer)) {
        problems.push(`${from} imports ${to}: lib/${fromLayer}/ imports nothing else from smoke`);
      } else if (rankTo < rankFrom) {
        problems.push(`${from} imports ${to}: ${toLayer} is above ${fromLayer}`);
      }
    }
  }
  return problems;
}

/** Every cycle of imports, each as `a -> b -> a`, found once. */
export function cycles(graph: ReadonlyMap<string, readonly string[]>): string[] {
  const found: string[] = [];
  const state = new Map<string, "open" | "done">();
  const stack: string[] = [];
  const visit = (node: string) => {
    state.set(node, "open");
    stack.push(node);
    for (const next of graph.get(node) ?? []) {
      if (!graph.has(next)) continue;
      if (state.get(next) === "open") {
        found.push([...stack.slice(stack.indexOf(next)), next].join(" -> "));
      } else if (!state.has(next)) visit(next);
    }
    stack.pop();
    state.set(node, "done");
  };
  for (const node of graph.keys()) if (!state.has(node)) visit(node);
  return found;
}

function libGraph(): Map<string, string[]> {
  const graph = new Map<string, string[]>();
  for (const path of sources("lib")) {
    graph.set(path, importsOf(path, Deno.readTextFileSync(join(ROOT, path))));
  }
  return graph;
}

Deno.test("lib/ has only the folders of the layering rule, and no module at its top", () => {
  const entries = [...Deno.readDirSync(join(ROOT, "lib"))];
  assert.deepEqual(entries.filter((e) => e.isFile).map((e) => e.name), []);
  assert.deepEqual(entries.map((e) => e.name).sort(), [...LAYERS].sort());
});

Deno.test("no module of lib/ imports a folder above its own", () => {
  assert.deepEqual(violations(libGraph()), []);
});

Deno.test("no cycle of imports in lib/, type imports included", () => {
  assert.deepEqual(cycles(libGraph()), []);
});

Deno.test("nothing but the entry and tests imports lib/cli/", () => {
  // smoke.ts is the entry: it alone starts the CLI.
  const outside = [
    ...sources("bench"),
    ...sources("tools"),
    ...sources("fixtures"),
    ...sources("lib").filter((p) => layerOf(p) !== "cli"),
  ];
  const offenders = outside.flatMap((path) =>
    importsOf(path, Deno.readTextFileSync(join(ROOT, path)))
      .filter((to) => to.startsWith("lib/cli/"))
      .map((to) => `${path} imports ${to}`)
  );
  // The report benchmark times the report subcommand's own functions.
  assert.deepEqual(offenders.filter((o) => !o.startsWith("bench/cases/report.ts")), []);
});

Deno.test("the rule itself: an upward import, a way out of jsonc and a cycle are caught", () => {
  const graph = new Map([
    ["lib/run/a.ts", ["lib/cli/b.ts"]],
    ["lib/jsonc/c.ts", ["lib/base/d.ts"]],
    ["lib/selection/e.ts", ["lib/selection/f.ts"]],
    ["lib/selection/f.ts", ["lib/selection/e.ts"]],
  ]);
  assert.deepEqual(violations(graph), [
    "lib/run/a.ts imports lib/cli/b.ts: cli is above run",
    "lib/jsonc/c.ts imports lib/base/d.ts: lib/jsonc/ imports nothing else from smoke",
  ]);
  assert.deepEqual(cycles(graph), [
    "lib/selection/e.ts -> lib/selection/f.ts -> lib/selection/e.ts",
  ]);
  assert.deepEqual(
    importsOf(
      "lib/run/x.ts",
      'import type { A } from "../cli/a.ts";\n * import { x } from "./x.ts";\n' +
        'export { y } from "./y.ts";\nconst m = await import("../base/m.ts");\n',
    ),
    ["lib/base/m.ts", "lib/cli/a.ts", "lib/run/y.ts"],
  );
  assert.equal(relative(ROOT, join(ROOT, "lib")), "lib");
});
