/**
 * End-to-end tests of the process hardening: inputs a process cannot receive
 * are refused before anything runs, a spawn that fails mid-run is that
 * fixture's failure (never a crash), the descriptor limit caps concurrency,
 * and processes that escaped their fixture's group are stopped and reported.
 */
import assert from "node:assert/strict";
import { ArtifactSchema } from "../lib/artifact_schema.ts";
import { isAlive, runSmoke, SMOKE_ENTRY, tempProject } from "./_project.ts";

const sh = (script: string, extra: Record<string, unknown> = {}) =>
  JSON.stringify({ command: ["sh", "-c", script], ...extra });

Deno.test("a NUL or an unusable env name in any input that reaches a process is a config error (exit 2)", async () => {
  const nul = "a\0b";
  const cases: Array<[Record<string, string>, RegExp]> = [
    [
      { "fixtures/a.smoke.jsonc": JSON.stringify({ command: ["true"], env: { X: nul } }) },
      /Invalid manifest "fixtures\/a\.smoke\.jsonc":\n {2}line 1, column \d+: env\.X: .*NUL/,
    ],
    [
      { "fixtures/a.smoke.jsonc": JSON.stringify({ command: ["tr", nul] }) },
      /line 1, column \d+: command\[1\]: .*NUL/,
    ],
    [
      { "fixtures/a.smoke.jsonc": JSON.stringify({ command: ["true"], args: ["x", nul] }) },
      /line 1, column \d+: args\[1\]: .*NUL/,
    ],
    [
      { "fixtures/a.smoke.jsonc": JSON.stringify({ command: ["true"], cwd: nul }) },
      /line 1, column \d+: cwd: .*NUL/,
    ],
    [
      { "fixtures/a.smoke.jsonc": JSON.stringify({ script: `x${nul}.ts` }) },
      /line 1, column \d+: script: .*NUL/,
    ],
    [
      {
        "fixtures/a.smoke.ts": "",
        "fixtures/a.smoke.jsonc": JSON.stringify({ permissions: [`--allow-read=${nul}`] }),
      },
      /line 1, column \d+: permissions\[0\]: /,
    ],
    [
      { "fixtures/a.smoke.jsonc": JSON.stringify({ command: ["true"], env: { "A=B": "x" } }) },
      /line 1, column \d+: env\.A=B: /,
    ],
    [
      { "fixtures/a.smoke.jsonc": JSON.stringify({ command: ["true"], env: { "": "x" } }) },
      /line 1, column \d+: env\.: /,
    ],
    [
      {
        "fixtures/a.smoke.ts": "",
        "smoke.jsonc": JSON.stringify({ env: { X: nul } }, null, 2),
      },
      /Invalid config "smoke\.jsonc":\n {2}line 3, column \d+: env\.X: .*NUL/,
    ],
    [
      {
        "fixtures/a.smoke.ts": "",
        "smoke.jsonc": JSON.stringify({ permissions: [`--allow-env=${nul}`] }, null, 2),
      },
      /Invalid config "smoke\.jsonc":\n {2}line 3, column \d+: permissions\[0\]: /,
    ],
    [
      { "fixtures/a.smoke.ts": "", "smoke.jsonc": JSON.stringify({ fixturesDir: nul }) },
      /Invalid config "smoke\.jsonc":\n {2}line 1, column \d+: fixturesDir: .*NUL/,
    ],
  ];
  for (const [files, error] of cases) {
    await using p = await tempProject({ "fixtures/ok.smoke.jsonc": sh("true"), ...files });
    const run = await runSmoke(p.dir, []);
    const where = `${JSON.stringify(files)}: ${run.stdout}${run.stderr}`;
    assert.equal(run.code, 2, where);
    assert.equal(run.resultLine, "RESULT: fail", where);
    assert.match(run.stderr, error, where);
    assert.match(run.stderr, /^hint: /m, where);
    assert.equal(await p.exists(".planning"), false, `nothing ran: ${where}`);
  }
});

Deno.test("an expect string over the limit is a manifest error naming the key path and the limit", async () => {
  await using p = await tempProject({
    "fixtures/a.smoke.jsonc": JSON.stringify({
      command: ["true"],
      expect: { stdoutIncludes: ["ok", "x".repeat(4097)] },
    }),
  });
  const run = await runSmoke(p.dir, []);
  assert.equal(run.code, 2, run.stdout + run.stderr);
  assert.match(run.stderr, /line 1, column \d+: expect\.stdoutIncludes\[1\]: .*at most 4096/);
  assert.equal(run.resultLine, "RESULT: fail");
});

Deno.test("a fixture the system refuses to start is a spawn failure; the others' results and the artifact are kept", async () => {
  await using p = await tempProject({
    "fixtures/a_first.smoke.jsonc": sh("echo first"),
    // One argument over Linux's 128 KiB limit: execve fails with E2BIG.
    "fixtures/b_huge.smoke.jsonc": JSON.stringify({
      command: ["echo"],
      args: ["x".repeat(200_000)],
    }),
    "fixtures/c_last.smoke.jsonc": sh("echo last"),
  });
  const run = await runSmoke(p.dir, ["--concurrency", "1"]);
  assert.equal(run.code, 1, run.stdout + run.stderr);
  assert.equal(run.resultLine, "RESULT: fail");
  assert.doesNotMatch(run.stderr, /crashed/);
  const artifact = ArtifactSchema.parse(await p.latest());
  const byId = Object.fromEntries(artifact.fixtures.map((f) => [f.id, f]));
  assert.equal(byId.a_first.status, "passed");
  assert.equal(byId.c_last.status, "passed");
  assert.equal(byId.b_huge.status, "failed");
  assert.equal(byId.b_huge.failure?.kind, "spawn");
  assert.match(byId.b_huge.failure?.message ?? "", /Cannot start "echo": .*Argument list too long/);
});

Deno.test({
  name:
    "--concurrency 800 under ulimit -n 128 is capped with a warning; the run passes and writes its artifact",
  ignore: Deno.build.os !== "linux", // the limit is read from /proc
}, async () => {
  const files: Record<string, string> = {};
  for (let i = 0; i < 40; i++) {
    files[`fixtures/s${String(i).padStart(2, "0")}.smoke.jsonc`] = sh("sleep 0.3");
  }
  await using p = await tempProject(files);
  const env = Deno.env.toObject();
  delete env.GITHUB_ACTIONS;
  delete env.CI;
  const out = await new Deno.Command("sh", {
    args: [
      "-c",
      'ulimit -n 128 && exec "$0" run -A "$1" --concurrency 800',
      Deno.execPath(),
      SMOKE_ENTRY,
    ],
    cwd: p.dir,
    env: { ...env, NO_COLOR: "1" },
    clearEnv: true,
    stdin: "null",
  }).output();
  const stdout = new TextDecoder().decode(out.stdout);
  const stderr = new TextDecoder().decode(out.stderr);
  assert.equal(out.code, 0, stdout + stderr);
  assert.match(
    stderr,
    /^warning: Concurrency 800 lowered to \d+: the limit of open files is 128 .*\[CONCURRENCY_CAPPED\]$/m,
  );
  assert.match(stderr, /^hint: .*ulimit -n/m);
  const artifact = ArtifactSchema.parse(await p.latest());
  assert.equal(artifact.summary.passed, 40);
  assert.ok(artifact.diagnostics.some((d) => d.code === "CONCURRENCY_CAPPED"));
});
