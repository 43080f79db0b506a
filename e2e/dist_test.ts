/**
 * End-to-end tests of the distributables: the single-file bundle
 * (`deno task bundle`) and the compiled binary (`deno task compile`), each
 * built into a temporary directory with the task's own command and run
 * against a tiny project; and the error when no Deno is found for script
 * fixtures.
 *
 * Compiling downloads Deno's runtime for the target. Where that download
 * fails (a machine without internet), the binary test is ignored with the
 * reason printed; it never passes without running the binary.
 */
import assert from "node:assert/strict";
import { join } from "node:path";
import { runSmoke, tempProject } from "./_project.ts";
import { fileURLToPath } from "node:url";

const ROOT = fileURLToPath(new URL("..", import.meta.url));
const TASKS: Record<string, string> = JSON.parse(
  await Deno.readTextFile(join(ROOT, "deno.json")),
).tasks;

const PROJECT = {
  "fixtures/hello.smoke.ts": "console.log(`hello from deno ${Deno.version.deno}`);\n",
  "fixtures/echo.smoke.jsonc": JSON.stringify({
    command: ["/bin/sh", "-c", "echo command-ok"],
    expect: { stdoutIncludes: ["command-ok"] },
  }),
};

/** The argv of a `deno task`, with its `dist/` output sent elsewhere. */
function taskArgv(name: string, output: string, out: string): string[] {
  const argv = TASKS[name]?.split(" ") ?? [];
  assert.equal(argv[0], "deno", `task "${name}" runs deno`);
  const at = argv.indexOf(output);
  assert.ok(at > 0, `task "${name}" writes "${output}": ${TASKS[name]}`);
  argv[at] = out;
  return argv.slice(1);
}

async function deno(args: string[]): Promise<{ code: number; stdout: string; stderr: string }> {
  const out = await new Deno.Command(Deno.execPath(), {
    args,
    cwd: ROOT,
    env: { NO_COLOR: "1" },
    stdin: "null",
  }).output();
  const decode = (b: Uint8Array) => new TextDecoder().decode(b);
  return { code: out.code, stdout: decode(out.stdout), stderr: decode(out.stderr) };
}

Deno.test("deno task bundle: one file that runs anywhere with deno run -A", async () => {
  await using out = await tempProject();
  const bundle = join(out.dir, "smoke.js");
  const build = await deno(taskArgv("bundle", "dist/smoke.js", bundle));
  assert.equal(build.code, 0, build.stderr);
  const text = await Deno.readTextFile(bundle);
  assert.doesNotMatch(text, /from ["'](npm:|jsr:|https?:|\.\.?\/)/, "every dependency is inlined");

  await using p = await tempProject(PROJECT);
  const version = await runSmoke(p.dir, ["--version"], { entry: bundle });
  assert.equal(version.code, 0, version.stderr);
  assert.match(version.stdout, /^smoke \S+ \(bundle; deno /);
  const run = await runSmoke(p.dir, [], { entry: bundle });
  assert.equal(run.code, 0, run.stdout + run.stderr);
  assert.match(run.stdout, /^PASS {2}echo /m);
  assert.match(run.stdout, /^PASS {2}hello /m);
  assert.equal(run.resultLine, "RESULT: pass");
  assert.equal((await p.latest()).mode, "full");

  // What smoke loads lazily (the rerun preflight and zod, report, merge) is in the file too.
  await Deno.writeTextFile(join(p.dir, "fixtures/fail.smoke.jsonc"), '{ "command": ["false"] }');
  assert.equal((await runSmoke(p.dir, [], { entry: bundle })).code, 1);
  const rerun = await runSmoke(p.dir, ["--rerun-failed"], { entry: bundle });
  assert.equal(rerun.code, 1, rerun.stderr);
  assert.match(rerun.stdout, /^FAIL {2}fail /m);
  assert.match(rerun.stdout, /^After rerun: 2 passed, 1 failed of 3 -> fail$/m);
  assert.equal((await p.latest()).mode, "rerun-failed");
  const report = await runSmoke(p.dir, ["report"], { entry: bundle });
  assert.equal(report.code, 0, report.stderr);
  assert.equal(report.resultLine, "RESULT: pass");
});

Deno.test("a script fixture with no Deno to run it is refused before anything runs", async () => {
  await using p = await tempProject(PROJECT);
  const missing = await runSmoke(p.dir, ["--deno", "/nonexistent/deno"]);
  assert.equal(missing.code, 2, missing.stdout + missing.stderr);
  assert.equal(missing.resultLine, "RESULT: fail");
  assert.match(
    missing.stderr,
    /^error: Cannot run script fixtures: the Deno executable "\/nonexistent\/deno" \(from --deno\) was not found; 1 selected script fixture needs it \("hello"\) \[DENO_NOT_FOUND\]$/m,
  );
  assert.match(missing.stderr, /^hint: .*SMOKE_DENO.*--deno PATH/m);
  assert.match(missing.stderr, /^hint: Command fixtures need no Deno: .* --fixture echo$/m);
  assert.doesNotMatch(missing.stdout, /PASS|FAIL/);
  assert.equal(await p.exists(".planning"), false, "nothing ran, nothing was written");

  const fromEnv = await runSmoke(p.dir, [], { env: { SMOKE_DENO: "/nonexistent/deno" } });
  assert.equal(fromEnv.code, 2);
  assert.match(fromEnv.stderr, /\(from SMOKE_DENO\) was not found/);

  const commandOnly = await runSmoke(p.dir, ["--deno", "/nonexistent/deno", "--fixture", "echo"]);
  assert.equal(commandOnly.code, 0, commandOnly.stdout + commandOnly.stderr);
  assert.match(commandOnly.stdout, /^PASS {2}echo /m);
});

/** Tries `deno task compile` into a temporary directory. */
async function tryCompile(): Promise<
  { ok: true; binary: string; dir: string } | {
    ok: false;
    reason: string;
  }
> {
  const dir = await Deno.makeTempDir({ prefix: "smoke-compile-" });
  const binary = join(dir, Deno.build.os === "windows" ? "smoke.exe" : "smoke");
  const build = await deno(taskArgv("compile", "dist/smoke", binary));
  if (build.code === 0) return { ok: true, binary, dir };
  await Deno.remove(dir, { recursive: true });
  const lines = build.stderr.split("\n");
  const start = lines.findIndex((line) => line.startsWith("error:"));
  const end = lines.findIndex((line) => line.startsWith("Stack backtrace"));
  const reason = lines.slice(Math.max(0, start), end === -1 ? undefined : end)
    .map((line) => line.trim()).filter(Boolean).join(" | ");
  return { ok: false, reason: reason || `deno compile exited ${build.code}` };
}

const compiled = await tryCompile();
if (!compiled.ok) {
  console.log(`skip: deno task compile failed, so the compiled binary is not tested here.`);
  console.log(`skip: reason: ${compiled.reason}`);
}

Deno.test({
  name: "deno task compile: the binary runs script fixtures with the deno on PATH",
  ignore: !compiled.ok,
  async fn() {
    if (!compiled.ok) return;
    try {
      await using p = await tempProject(PROJECT);
      const run = async (args: string[], path: string) => {
        const out = await new Deno.Command(compiled.binary, {
          args,
          cwd: p.dir,
          env: { NO_COLOR: "1", PATH: path },
          clearEnv: true,
          stdin: "null",
        }).output();
        const decode = (b: Uint8Array) => new TextDecoder().decode(b);
        return { code: out.code, stdout: decode(out.stdout), stderr: decode(out.stderr) };
      };
      const withDeno = join(Deno.execPath(), "..");
      const version = await run(["--version"], withDeno);
      assert.match(version.stdout, /^smoke \S+ \(binary; deno /);
      const green = await run([], withDeno);
      assert.equal(green.code, 0, green.stdout + green.stderr);
      assert.match(green.stdout, /^PASS {2}hello /m);
      assert.match(green.stdout, /^PASS {2}echo /m);

      const noDeno = await run([], "/nonexistent");
      assert.equal(noDeno.code, 2, noDeno.stdout + noDeno.stderr);
      assert.match(noDeno.stderr, /^error: Cannot run script fixtures: "deno" is not on PATH/m);
      const commandOnly = await run(["--fixture", "echo"], "/nonexistent");
      assert.equal(commandOnly.code, 0, commandOnly.stdout + commandOnly.stderr);
    } finally {
      await Deno.remove(compiled.dir, { recursive: true });
    }
  },
});
