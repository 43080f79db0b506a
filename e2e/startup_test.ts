/**
 * What smoke loads before it runs anything. Every npm package costs start-up
 * time (zod ~20 ms, a CommonJS package more), and so does Deno's Node
 * compatibility layer, which the first `node:` module or the first call of
 * the global `setTimeout`/`setInterval` (Node's in Deno 2.9) loads: ~10-15 ms.
 * So `--list`, `--dry-run` and plain runs reach none of them; reruns, `merge`
 * and `report` load zod through dynamic imports when they read an artifact,
 * and opt-in outputs (the step summary, the HTML report) may load `node:`
 * modules. The static graph comes from `deno info --json`: of lib/'s sources,
 * and of `build/`, the bundle of them that `smoke.ts` runs.
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
  specifier.startsWith("node:");

/** Calls of the global timers (Node's in Deno 2.9) in a module's code, comments left out. */
async function globalTimers(path: string): Promise<string[]> {
  const text = await Deno.readTextFile(new URL(path, ROOT));
  return text.split("\n").filter((line) => !/^\s*(\*|\/\/|\/\*)/.test(line))
    .filter((line) => /\b(setTimeout|setInterval|setImmediate)\s*\(/.test(line))
    .map((line) => `${path}: ${line.trim()}`);
}

/** The lib/ modules bundled into build files (esbuild marks each with a `// lib/x.ts` line). */
async function origins(buildFiles: string[]): Promise<string[]> {
  const found = new Set<string>();
  for (const file of buildFiles) {
    const text = await Deno.readTextFile(new URL(file, ROOT));
    for (const match of text.matchAll(/^\/\/ (lib\/\S+\.ts)$/gm)) found.add(match[1]);
  }
  return [...found].sort();
}

Deno.test("smoke.ts installs its signal handlers before the library loads", async () => {
  // Only what the handlers need is imported statically; the rest comes from the build's
  // cli/entry.js after them, so a signal while the library loads still ends with a RESULT line.
  const graph = await staticGraph("smoke.ts");
  assert.deepEqual(graph.filter((s) => s.startsWith("lib/")), [], "smoke.ts runs the build");
  // The exit codes, and the batching of its own output (with its timer: leaves otherwise).
  assert.deepEqual(await origins(graph.filter((s) => s.startsWith("build/"))), [
    "lib/base/batched_writer.ts",
    "lib/base/errors.ts",
    "lib/base/timer.ts",
  ]);
  assert.deepEqual((await staticGraph("lib/base/batched_writer.ts")).sort(), [
    "lib/base/batched_writer.ts",
    "lib/base/timer.ts",
  ]);
  const source = await Deno.readTextFile(new URL("smoke.ts", ROOT));
  assert.ok(
    source.indexOf("Deno.addSignalListener") <
      source.indexOf('await import("./build/cli/entry.js")'),
  );
});

Deno.test("the build loads as lazily as lib/: no npm package, no Node layer, no run at start", async () => {
  const start = [...await staticGraph("smoke.ts"), ...await staticGraph("build/cli/entry.js")];
  assert.deepEqual(start.filter(SLOW), []);
  const bundled = await origins(start.filter((s) => s.startsWith("build/")));
  assert.ok(bundled.includes("lib/catalog/catalog.ts"), bundled.join("\n"));
  for (
    const lazy of [
      "lib/cli/execute_run.ts",
      "lib/artifact/source_artifact.ts",
      "lib/artifact/artifact_schema.ts",
      "lib/reporters/github.ts",
    ]
  ) {
    assert.ok(!bundled.includes(lazy), `${lazy} is loaded at start-up`);
  }
  // A plain run's modules (the run, the durations summary), as bundled: no npm, no node:.
  const build = [...Deno.readDirSync(new URL("build/", ROOT))].map((e) => `build/${e.name}`);
  const run = build.filter((f) => /^build\/(execute_run|durations_file)-\w+\.js$/.test(f));
  assert.equal(run.length, 2, build.join("\n"));
  const graph = (await Promise.all(run.map(staticGraph))).flat();
  assert.deepEqual(graph.filter(SLOW), []);
  assert.ok(
    (await origins(graph.filter((s) => s.startsWith("build/")))).includes("lib/run/process.ts"),
  );
});

Deno.test("smoke starts, lists and dry-runs without loading an npm package", async () => {
  const graph = [...await staticGraph("smoke.ts"), ...await staticGraph("lib/cli/entry.ts")];
  assert.ok(graph.includes("lib/catalog/catalog.ts"), graph.join("\n"));
  assert.deepEqual(graph.filter(SLOW), []);
  for (
    const lazy of [
      "lib/cli/execute_run.ts",
      "lib/artifact/source_artifact.ts",
      "lib/artifact/artifact_schema.ts",
    ]
  ) {
    assert.ok(!graph.includes(lazy), `${lazy} is loaded at start-up`);
  }
});

Deno.test("a run that reads no artifact loads no npm package", async () => {
  const graph = await staticGraph("lib/cli/execute_run.ts");
  assert.ok(graph.includes("lib/run/process.ts"), graph.join("\n"));
  assert.deepEqual(graph.filter(SLOW), []);
  // GitHub's reporter (its step summary, its annotations) loads only in GitHub Actions.
  assert.ok(graph.includes("lib/reporters/github_inert.ts"), graph.join("\n"));
  assert.ok(!graph.includes("lib/reporters/github.ts"), "the GitHub reporter loads in every run");
});

Deno.test("a plain run loads no Node layer: no node: module, no global timer", async () => {
  const graph = new Set([
    ...await staticGraph("smoke.ts"),
    ...await staticGraph("lib/cli/entry.ts"),
    ...await staticGraph("lib/cli/execute_run.ts"),
    ...await staticGraph("lib/selection/schedule.ts"),
    ...await staticGraph("lib/artifact/durations_file.ts"),
    ...await staticGraph("lib/artifact/durations_update.ts"),
  ]);
  assert.ok(graph.has("lib/base/timer.ts"), [...graph].join("\n"));
  assert.deepEqual([...graph].filter((s) => s.startsWith("node:")), []);
  const sources = [...graph].filter((s) => s.endsWith(".ts") && !s.startsWith("http"));
  assert.deepEqual((await Promise.all(sources.map(globalTimers))).flat(), []);
  // The check can see one: the bench's memory sampler uses setInterval.
  assert.equal((await globalTimers("bench/cases/memory.ts")).length, 1);
});

Deno.test("reading an artifact loads zod (the check above can see a package)", async () => {
  const graph = await staticGraph("lib/artifact/source_artifact.ts");
  assert.ok(graph.filter(SLOW).some((s) => s.includes("zod")), graph.join("\n"));
});

interface Lock {
  specifiers: Record<string, string>;
  npm: Record<string, unknown>;
}

async function lock(name: string): Promise<Lock> {
  return JSON.parse(await Deno.readTextFile(new URL(name, ROOT)));
}

Deno.test("deno.lock holds smoke's own packages only, at the versions the tests lock", async () => {
  // Deno installs every package of the lockfile it runs with, so test-only packages live in
  // deno.test.lock (deno task test and check use it) and running smoke fetches zod alone.
  const runtime = await lock("deno.lock");
  const tests = await lock("deno.test.lock");
  assert.deepEqual(Object.keys(runtime.npm).map((p) => p.replace(/@[^@]+$/, "")), ["zod"]);
  for (const [name, entry] of Object.entries(runtime.npm)) {
    assert.deepEqual(
      tests.npm[name],
      entry,
      `${name} differs between deno.lock and deno.test.lock`,
    );
  }
  for (const [specifier, version] of Object.entries(runtime.specifiers)) {
    assert.equal(tests.specifiers[specifier], version, specifier);
  }
  assert.ok(Object.keys(tests.npm).some((p) => p.startsWith("playwright-core@")));
});
