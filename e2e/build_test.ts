/**
 * `build/` (what `smoke.ts` runs) is `lib/` bundled by `deno task build`:
 * generated and committed. These tests build it again and fail when the
 * committed copy differs, so every other test of `smoke.ts` tests `lib/`
 * as it is.
 */
import assert from "node:assert/strict";
import { join } from "node:path";
import { BUILD_DIR, buildInto, ENTRY_POINTS, treeDifferences } from "../tools/build.ts";

const ROOT = new URL("../", import.meta.url).pathname;

Deno.test("build/ is what deno task build makes of lib/ (run it after changing lib/)", async () => {
  const fresh = await Deno.makeTempDir({ prefix: "smoke-build-" });
  try {
    await buildInto(fresh);
    assert.deepEqual(
      treeDifferences(fresh, join(ROOT, BUILD_DIR)),
      [],
      "build/ is out of date with lib/: run `deno task build` and commit build/",
    );
  } finally {
    await Deno.remove(fresh, { recursive: true });
  }
});

Deno.test("tools/build.ts --check: exit 1 naming each stale file, exit 0 when up to date", async () => {
  const copy = await Deno.makeTempDir({ prefix: "smoke-build-" });
  const check = async () => {
    const out = await new Deno.Command(Deno.execPath(), {
      args: ["run", "-A", "tools/build.ts", "--check", "--dir", copy],
      cwd: ROOT,
      stdout: "piped",
      stderr: "piped",
    }).output();
    return { code: out.code, stderr: new TextDecoder().decode(out.stderr) };
  };
  try {
    const build = await check();
    assert.equal(build.code, 1, "an empty directory is not the build");
    assert.ok(build.stderr.includes("\n  missing: cli/entry.js\n"), build.stderr);
    // Written there, it is up to date; then one stale file, as after an edit of lib/.
    const write = await new Deno.Command(Deno.execPath(), {
      args: ["run", "-A", "tools/build.ts", "--dir", copy],
      cwd: ROOT,
    }).output();
    assert.equal(write.code, 0);
    assert.deepEqual(treeDifferences(join(ROOT, BUILD_DIR), copy), []);
    assert.equal((await check()).code, 0);
    await Deno.writeTextFile(join(copy, "cli/entry.js"), "\n", { append: true });
    await Deno.writeTextFile(join(copy, "chunk-OLD.js"), "");
    const stale = await check();
    assert.equal(stale.code, 1, stale.stderr);
    assert.match(
      stale.stderr,
      / is out of date with lib\/:\n {2}differs: cli\/entry\.js\n {2}extra: chunk-OLD\.js\n/,
    );
    assert.match(stale.stderr, /hint: Run `deno task build`/);
  } finally {
    await Deno.remove(copy, { recursive: true });
  }
});

Deno.test("treeDifferences names missing, extra and changed files", async () => {
  const a = await Deno.makeTempDir();
  const b = await Deno.makeTempDir();
  try {
    await Deno.mkdir(join(a, "cli"));
    await Deno.mkdir(join(b, "cli"));
    await Deno.writeTextFile(join(a, "cli/entry.js"), "x");
    await Deno.writeTextFile(join(b, "cli/entry.js"), "x");
    await Deno.writeTextFile(join(a, "chunk-A.js"), "a");
    await Deno.writeTextFile(join(b, "chunk-B.js"), "b");
    await Deno.writeTextFile(join(a, "same-length.js"), "ab");
    await Deno.writeTextFile(join(b, "same-length.js"), "ba");
    assert.deepEqual(treeDifferences(a, b), [
      "missing: chunk-A.js",
      "differs: same-length.js",
      "extra: chunk-B.js",
    ]);
    assert.deepEqual(treeDifferences(a, a), []);
    assert.deepEqual(treeDifferences(a, join(a, "none")), [
      "missing: chunk-A.js",
      "missing: cli/entry.js",
      "missing: same-length.js",
    ]);
  } finally {
    await Deno.remove(a, { recursive: true });
    await Deno.remove(b, { recursive: true });
  }
});

Deno.test("smoke.ts imports the build's entry points only, each one's lib/ module as its types", async () => {
  const source = await Deno.readTextFile(join(ROOT, "smoke.ts"));
  const code = source.split("\n").filter((line) => !/^\s*(\*|\/\*)/.test(line)).join("\n");
  // Run-time imports (static ones, and awaited dynamic ones; `typeof import()` is a type): the
  // build, never lib/ (that would load the TypeScript modules again).
  const runtime = [
    ...code.matchAll(/(?:^import (?!type\b)[^;]*?from|await import\()\s*"([^"]+)"/gm),
  ]
    .map((m) => m[1]);
  assert.ok(runtime.length >= 6, runtime.join(", "));
  for (const specifier of runtime) {
    assert.match(specifier, /^\.\/build\/[a-z_/]+\.js$/, `smoke.ts loads ${specifier}`);
    const module = specifier.replace("./build/", "lib/").replace(/\.js$/, ".ts");
    assert.ok(ENTRY_POINTS.includes(module), `${module} is not an entry point of the build`);
  }
  // Every entry point is used by smoke.ts, and typed from its source.
  for (const module of ENTRY_POINTS) {
    assert.ok(runtime.includes(module.replace("lib/", "./build/").replace(/\.ts$/, ".js")), module);
    assert.ok(source.includes(`"./${module}"`), `${module} types its build`);
  }
});
