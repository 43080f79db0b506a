/**
 * What smoke loads before it runs anything. Every npm package costs start-up
 * time (zod ~20 ms, a CommonJS package more, as does `node:fs/promises`), so
 * `--list`, `--dry-run` and plain runs must reach none of them; reruns,
 * `merge` and `report` load zod through dynamic imports when they read an
 * artifact. The static graph comes from `deno info --json`.
 */
import assert from "node:assert/strict";

const ROOT = new URL("../", import.meta.url);

interface InfoModule {
  specifier: string;
  dependencies?: { code?: { specifier: string }; isDynamic?: boolean }[];
}

/** Modules reachable from an entry without a dynamic import. */
async function staticGraph(entry: string): Promise<string[]> {
  const output = await new Deno.Command(Deno.execPath(), {
    args: ["info", "--json", entry],
    cwd: ROOT,
    stdout: "piped",
    stderr: "piped",
  }).output();
  assert.ok(output.success, new TextDecoder().decode(output.stderr));
  const info = JSON.parse(new TextDecoder().decode(output.stdout)) as {
    roots: string[];
    modules: InfoModule[];
  };
  const modules = new Map(info.modules.map((m) => [m.specifier, m]));
  const seen = new Set<string>();
  const pending = [...info.roots];
  while (pending.length) {
    const specifier = pending.pop()!;
    if (seen.has(specifier)) continue;
    seen.add(specifier);
    for (const dependency of modules.get(specifier)?.dependencies ?? []) {
      if (dependency.code && !dependency.isDynamic) pending.push(dependency.code.specifier);
    }
  }
  return [...seen].map((s) => s.replace(ROOT.href, ""));
}

const SLOW = (specifier: string) =>
  specifier.startsWith("npm:") || specifier.includes("registry.npmjs.org") ||
  specifier === "node:fs/promises";

Deno.test("smoke starts, lists and dry-runs without loading an npm package", async () => {
  const graph = await staticGraph("smoke.ts");
  assert.ok(graph.includes("lib/catalog.ts"), graph.join("\n"));
  assert.deepEqual(graph.filter(SLOW), []);
  for (const lazy of ["lib/execute_run.ts", "lib/source_artifact.ts", "lib/artifact_schema.ts"]) {
    assert.ok(!graph.includes(lazy), `${lazy} is loaded at start-up`);
  }
});

Deno.test("a run that reads no artifact loads no npm package", async () => {
  const graph = await staticGraph("lib/execute_run.ts");
  assert.ok(graph.includes("lib/process.ts"), graph.join("\n"));
  assert.deepEqual(graph.filter(SLOW), []);
});

Deno.test("reading an artifact loads zod (the check above can see a package)", async () => {
  const graph = await staticGraph("lib/source_artifact.ts");
  assert.ok(graph.filter(SLOW).some((s) => s.includes("zod")), graph.join("\n"));
});
