/**
 * `build/` (what `smoke.ts` runs) is `lib/` bundled by `deno task build`:
 * generated and committed. These tests build it again and fail when the
 * committed copy differs, so every other test of `smoke.ts` tests `lib/`
 * as it is; and they run smoke from a copy without `lib/`, to show that the
 * build needs nothing of it at run time.
 */
import assert from "node:assert/strict";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import {
  BUILD_DIR,
  buildFresh,
  ENTRY_POINTS,
  filesUnder,
  notReplaceable,
  recordedDigest,
  sourcesDigest,
  treeDifferences,
} from "../tools/build.ts";
import { runSmoke, tempProject } from "./_project.ts";

const ROOT = fileURLToPath(new URL("../", import.meta.url));

Deno.test("build/ is what deno task build makes of lib/ (run it after changing lib/)", async () => {
  const fresh = await buildFresh();
  try {
    assert.deepEqual(
      treeDifferences(fresh, join(ROOT, BUILD_DIR)),
      [],
      "build/ is out of date with lib/: run `deno task build` and commit build/",
    );
    // The digest the test helpers check is the one of the sources as they are.
    assert.equal(recordedDigest(), await sourcesDigest());
  } finally {
    await Deno.remove(fresh, { recursive: true });
  }
});

async function build(args: string[]) {
  const out = await new Deno.Command(Deno.execPath(), {
    args: ["run", "-A", "--lock=deno.test.lock", join(ROOT, "tools/build.ts"), ...args],
    cwd: ROOT,
    stdout: "piped",
    stderr: "piped",
  }).output();
  return { code: out.code, stderr: new TextDecoder().decode(out.stderr) };
}

Deno.test("tools/build.ts --check: exit 1 naming each stale file, exit 0 when up to date", async () => {
  const copy = await Deno.makeTempDir({ prefix: "smoke build-" });
  try {
    const empty = await build(["--check", "--dir", copy]);
    assert.equal(empty.code, 1, "an empty directory is not the build");
    assert.ok(empty.stderr.includes("\n  missing: cli/entry.js\n"), empty.stderr);
    // Written there, it is the build; then one stale file, as after an edit of lib/.
    assert.equal((await build(["--dir", copy])).code, 0);
    assert.deepEqual(treeDifferences(join(ROOT, BUILD_DIR), copy), []);
    assert.equal((await build(["--check", "--dir", copy])).code, 0);
    await Deno.writeTextFile(join(copy, "cli/entry.js"), "\n", { append: true });
    await Deno.writeTextFile(join(copy, "chunk-OLD.js"), "");
    const stale = await build(["--check", "--dir", copy]);
    assert.equal(stale.code, 1, stale.stderr);
    assert.match(
      stale.stderr,
      / is out of date with lib\/ and schema\/:\n {2}differs: cli\/entry\.js\n {2}extra: chunk-OLD\.js\n/,
    );
    assert.match(stale.stderr, /hint: Run `deno task build`/);
    // Written again over a build: the stale files go.
    assert.equal((await build(["--dir", copy])).code, 0);
    assert.deepEqual(treeDifferences(join(ROOT, BUILD_DIR), copy), []);
    // A --dir without its directory says so.
    const bare = await build(["--dir"]);
    assert.equal(bare.code, 2);
    assert.match(bare.stderr, /error: "--dir" needs a directory/);
  } finally {
    await Deno.remove(copy, { recursive: true });
  }
});

Deno.test("tools/build.ts replaces only a build: never the repository, lib/, or a foreign folder", async () => {
  // Checked without writing (a wrong answer here must not delete anything).
  assert.match(notReplaceable(ROOT)!, /holds the repository/);
  assert.match(notReplaceable(join(ROOT, ".."))!, /holds the repository/);
  assert.match(notReplaceable("/")!, /holds the repository/);
  assert.match(notReplaceable(join(ROOT, "lib"))!, /not a build/);
  assert.equal(notReplaceable(join(ROOT, BUILD_DIR)), undefined);
  assert.equal(notReplaceable(join(ROOT, "no-such-dir")), undefined);
  // From the shell: a folder with a file of its own, and a file, are refused (exit 2), untouched.
  const dir = await Deno.makeTempDir();
  try {
    await Deno.writeTextFile(join(dir, "mine.txt"), "keep");
    const refused = await build(["--dir", dir]);
    assert.equal(refused.code, 2);
    assert.match(
      refused.stderr,
      /Cannot write the build to ".*": it holds files that are not a build \(mine\.txt\)/,
    );
    assert.equal(await Deno.readTextFile(join(dir, "mine.txt")), "keep");
    const file = await build(["--dir", join(dir, "mine.txt")]);
    assert.equal(file.code, 2);
    assert.match(file.stderr, /it is not a directory/);
    assert.equal((await build(["--dir", ""])).code, 2);
  } finally {
    await Deno.remove(dir, { recursive: true });
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

Deno.test("smoke runs from the build alone: a copy without lib/ runs, reruns, merges, reports", async () => {
  // A copy of what smoke needs at run time, lib/ left out: a module of lib/ loaded by mistake
  // would fail here (and, loaded beside the build, would bring a second UserError class).
  const copy = await Deno.makeTempDir({ prefix: "smoke-nolib-" });
  await using p = await tempProject({
    "fixtures/ok.smoke.ts": `console.log("ok");\n`,
    "fixtures/bad.smoke.ts": `throw new Error("boom");\n`,
  });
  try {
    for (const file of ["smoke.ts", "deno.json", "deno.lock"]) {
      await Deno.copyFile(join(ROOT, file), join(copy, file));
    }
    for (const path of filesUnder(join(ROOT, BUILD_DIR))) {
      await Deno.mkdir(join(copy, BUILD_DIR, path, ".."), { recursive: true });
      await Deno.copyFile(join(ROOT, BUILD_DIR, path), join(copy, BUILD_DIR, path));
    }
    const entry = join(copy, "smoke.ts");
    const version = await runSmoke(p.dir, ["--version"], { entry });
    assert.match(version.stdout, /^smoke \S+ \(script; deno /);
    const first = await runSmoke(p.dir, [], { entry });
    assert.equal(first.code, 1, first.stderr);
    assert.match(first.stdout, /1 passed, 1 failed/);
    const rerun = await runSmoke(p.dir, ["--rerun-failed"], { entry });
    assert.equal(rerun.code, 1, rerun.stderr);
    assert.match(rerun.stdout, /Rerunning 1 outstanding fixture/);
    const runs = [...Deno.readDirSync(join(p.dir, ".planning/artifacts/smoke/runs"))]
      .map((e) => join(p.dir, ".planning/artifacts/smoke/runs", e.name));
    const merged = await runSmoke(p.dir, ["merge", ...runs.slice(0, 1), "--out", "merged.json"], {
      entry,
    });
    assert.equal(merged.code, 1, merged.stderr);
    const report = await runSmoke(p.dir, ["report"], { entry });
    assert.equal(report.code, 0, report.stderr);
    // A usage error is exit 2 (a UserError of the build's own class), in GitHub mode too.
    const missing = await runSmoke(p.dir, ["merge", "nothere.json"], { entry });
    assert.equal(missing.code, 2, missing.stderr);
    const github = await runSmoke(p.dir, ["--no-such-flag"], {
      entry,
      env: { GITHUB_ACTIONS: "true" },
    });
    assert.equal(github.code, 2, github.stderr);
    assert.match(github.stdout + github.stderr, /::error/);
  } finally {
    await Deno.remove(copy, { recursive: true });
  }
});

Deno.test("smoke.ts loads the build's entry points, each typed as its lib/ module", async () => {
  const source = await Deno.readTextFile(join(ROOT, "smoke.ts"));
  const code = source.split("\n").filter((line) => !/^\s*(\*|\/\*|\/\/)/.test(line)).join("\n");
  const loaded = [...code.matchAll(/["'](\.\/[^"']+)["']/g)].map((m) => m[1]);
  assert.deepEqual(loaded.filter((s) => !s.startsWith("./build/")), [], "smoke.ts names lib/");
  for (const module of ENTRY_POINTS) {
    const output = module.replace(/^lib\//, "").replace(/\.ts$/, ".js");
    assert.ok(loaded.includes(`./build/${output}`), `smoke.ts does not load ${output}`);
    const first = (await Deno.readTextFile(join(ROOT, BUILD_DIR, output))).split("\n")[0];
    assert.equal(first, `// @ts-self-types="${"../".repeat(output.split("/").length)}${module}"`);
  }
});
