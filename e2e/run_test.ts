/**
 * End-to-end tests of a smoke run: real fixture files in temporary projects,
 * smoke.ts as a subprocess, assertions on exit codes, output and artifacts.
 */
import assert from "node:assert/strict";
import { ArtifactSchema } from "../lib/artifact/artifact_schema.ts";
import { INVOKE, isAlive, runSmoke, SMOKE_ENTRY, tempProject } from "./_project.ts";
import { fileURLToPath } from "node:url";

const sh = (script: string, extra: Record<string, unknown> = {}) =>
  JSON.stringify({ command: ["sh", "-c", script], ...extra });

Deno.test("a run passes, fails and skips with the contract's output, exit codes and artifacts", async () => {
  await using p = await tempProject({
    "fixtures/api/health.smoke.ts": "console.log('healthy');\n",
    "fixtures/api/broken.smoke.jsonc": sh("echo 'db down' >&2; exit 3"),
    "fixtures/later.smoke.jsonc": sh("true", { skip: "waiting for the API" }),
  });
  const run = await runSmoke(p.dir, []);
  assert.equal(run.code, 1, run.stdout + run.stderr);
  assert.equal(run.resultLine, "RESULT: fail");
  assert.match(run.stdout, /^PASS {2}api\/health /m);
  assert.match(run.stdout, /^FAIL {2}api\/broken .*exit-code: Exited with code 3, expected 0$/m);
  assert.match(run.stdout, /^SKIP {2}later {2}waiting for the API$/m);
  assert.match(run.stdout, /Failures:\n\n {2}1\) api\/broken {2}\[exit-code\]/);
  assert.match(run.stdout, /stderr \(last lines\):\n {7}db down/);
  assert.match(run.stdout, /^Summary: 1 passed, 1 failed, 1 skipped, 0 flaky \(3 fixtures, /m);
  assert.match(run.stdout, new RegExp(`^Rerun failures: ${INVOKE} --rerun-failed$`, "m"));
  const artifactPath = /^Artifact: (.+)$/m.exec(run.stdout)?.[1] ?? "";
  assert.ok(artifactPath?.startsWith(".planning/artifacts/smoke/runs/"), run.stdout);

  const latestText = await p.read(".planning/artifacts/smoke/latest.json");
  assert.equal(
    await p.read(artifactPath),
    latestText,
    "runs/<id>.json and latest.json hold the same run",
  );
  const artifact = ArtifactSchema.parse(JSON.parse(latestText));
  assert.equal(artifact.mode, "full");
  assert.equal(artifact.result, "fail");
  assert.deepEqual(artifact.summary, { total: 3, passed: 1, failed: 1, skipped: 1, flaky: 0 });
  assert.deepEqual(artifact.selection.fixtureIds, ["api/broken", "api/health", "later"]);
  const broken = artifact.fixtures.find((f) => f.id === "api/broken")!;
  assert.equal(broken.exitCode, 3);
  assert.equal(broken.stderrTail, "db down\n");
  assert.equal(artifact.fixtures.find((f) => f.id === "later")!.skipReason, "waiting for the API");
  assert.ok(artifactPath.endsWith(`${artifact.runId}.json`));
  assert.equal(artifact.environment.deno, Deno.version.deno);
});

Deno.test("a green run exits 0 and prints no rerun command", async () => {
  await using p = await tempProject({ "fixtures/ok.smoke.ts": "" });
  const run = await runSmoke(p.dir, []);
  assert.equal(run.code, 0, run.stdout + run.stderr);
  assert.equal(run.resultLine, "RESULT: pass");
  assert.doesNotMatch(run.stdout, /Rerun failures/);
});

Deno.test("manifest keys reach the fixture: args, cwd, env, permissions, expectations", async () => {
  await using p = await tempProject({
    "smoke.jsonc": JSON.stringify({ env: { FROM_CONFIG: "c", SHARED: "config" } }),
    "work/marker.txt": "marker",
    "fixtures/probe.smoke.ts": `
      const text = await Deno.readTextFile("marker.txt");
      console.log(JSON.stringify({
        args: Deno.args, text,
        env: ["FROM_CONFIG", "SHARED", "SMOKE_FIXTURE_ID", "SMOKE_ATTEMPT"].map((k) => Deno.env.get(k)),
        runId: Deno.env.get("SMOKE_RUN_ID"),
      }));
      console.error("warming up");
    `,
    "fixtures/probe.smoke.jsonc": JSON.stringify({
      description: "reads a file in its cwd",
      args: ["--flag", "two words"],
      cwd: "work",
      env: { SHARED: "manifest" },
      permissions: ["--allow-read", "--allow-env"],
      tags: ["probe"],
      expect: {
        stdoutIncludes: ['"args":["--flag","two words"]', '"text":"marker"'],
        stdoutExcludes: ["undefined"],
        stderrIncludes: ["warming up"],
        stderrExcludes: ["error"],
      },
    }),
    "fixtures/code.smoke.jsonc": sh("exit 4", { expect: { exitCode: 4 } }),
  });
  const run = await runSmoke(p.dir, []);
  assert.equal(run.code, 0, run.stdout + run.stderr);
  const artifact = await p.latest();
  const probe = artifact.fixtures.find((f) => f.id === "probe")!;
  const seen = JSON.parse(String(probe.stdoutTail));
  assert.deepEqual(seen.env, ["c", "manifest", "probe", "1"]);
  assert.equal(seen.runId, artifact.runId);
});

Deno.test("expectations that fail name what was expected", async () => {
  await using p = await tempProject({
    "fixtures/out.smoke.jsonc": sh("echo hello; echo oops >&2", {
      expect: { stdoutIncludes: ["hello", "world"], stderrExcludes: ["oops"] },
    }),
  });
  const run = await runSmoke(p.dir, []);
  assert.equal(run.code, 1);
  const [fixture] = (await p.latest()).fixtures;
  assert.deepEqual(fixture.failure, {
    kind: "expectation",
    message: 'stdout does not include "world"; stderr includes "oops"',
  });
});

Deno.test("config and flags: smoke.jsonc, --config, flags override config", async () => {
  await using p = await tempProject({
    "checks/slow.smoke.jsonc": sh("sleep 5"),
    "alt.jsonc": JSON.stringify({ fixturesDir: "checks", timeoutMs: 200, artifactDir: "out" }),
  });
  const viaConfig = await runSmoke(p.dir, ["--config", "alt.jsonc"]);
  assert.equal(viaConfig.code, 1, viaConfig.stdout + viaConfig.stderr);
  assert.match(viaConfig.stdout, /timeout: Timed out after 200 ms/);
  assert.ok(await p.exists("out/latest.json"));
  assert.match(
    viaConfig.stdout,
    new RegExp(`Rerun failures: ${INVOKE} --config alt\\.jsonc --rerun-failed`),
  );
  const flagWins = await runSmoke(p.dir, ["--config", "alt.jsonc", "--timeout", "300"]);
  assert.match(flagWins.stdout, /Timed out after 300 ms/);
});

Deno.test("--fixture globs within a segment, --list prints ids, --dry-run runs and writes nothing", async () => {
  await using p = await tempProject({
    "fixtures/api/a.smoke.jsonc": sh("echo ran >> ../ran.log", { cwd: "fixtures" }),
    "fixtures/api/b.smoke.ts": "",
    "fixtures/api/v2/c.smoke.ts": "",
    "fixtures/web.smoke.ts": "",
    "smoke.jsonc": JSON.stringify({ permissions: ["--allow-read"] }),
  });
  const list = await runSmoke(p.dir, ["--list", "--fixture", "api/*"]);
  assert.equal(list.code, 0);
  assert.equal(list.stdout, "api/a\napi/b\n");
  const dry = await runSmoke(p.dir, ["--dry-run", "--fixture", "api/*", "--fixture", "web"]);
  assert.equal(dry.code, 0, dry.stderr);
  assert.equal(dry.resultLine, "RESULT: pass");
  assert.match(dry.stdout, /^ {2}sh -c 'echo ran >> \.\.\/ran\.log'$/m);
  assert.match(dry.stdout, /^ {2}\S*deno run --no-prompt --allow-read fixtures\/web\.smoke\.ts$/m);
  assert.match(dry.stdout, /3 fixtures would run; nothing was run or written/);
  assert.equal(await p.exists("ran.log"), false);
  assert.equal(await p.exists(".planning"), false, "a dry run writes nothing");
  const selected = await runSmoke(p.dir, ["--fixture", "api/a"]);
  assert.equal(selected.code, 0, selected.stdout + selected.stderr);
  assert.equal((await p.latest()).mode, "selected");
  assert.equal(await p.read("ran.log"), "ran\n");
});

Deno.test("usage errors exit 2 with RESULT: fail, the culprit named and the closest match", async () => {
  await using p = await tempProject({ "fixtures/api/health.smoke.ts": "" });
  const cases: Array<[string[], RegExp, RegExp]> = [
    [["--concurency", "2"], /Unknown flag "--concurency"/, /Did you mean "--concurrency"\?/],
    [["--timeout"], /Missing value for "--timeout"/, /--timeout VALUE/],
    [["--retries", "lots"], /"lots" is not a whole number/, /--retries 2/],
    [["--fixture", "api/helth"], /Unknown fixture "api\/helth"/, /Did you mean "api\/health"\?/],
    [["--config", "nope.jsonc"], /Cannot read config "nope\.jsonc"/, /--config/],
  ];
  for (const [args, error, hint] of cases) {
    const run = await runSmoke(p.dir, args);
    assert.equal(run.code, 2, `${args.join(" ")}: ${run.stderr}`);
    assert.equal(run.resultLine, "RESULT: fail");
    assert.match(run.stderr, new RegExp(`^error: .*${error.source}`, "m"));
    assert.match(run.stderr, new RegExp(`^hint: .*${hint.source}`, "m"));
  }
  assert.equal(await p.exists(".planning"), false, "usage errors write nothing");
});

Deno.test("catalog and config errors name the file, line and column or key path", async () => {
  const cases: Array<[Record<string, string>, RegExp]> = [
    [
      { "fixtures/a.smoke.jsonc": '{\n  "command": ["true"],\n}x' },
      /Cannot parse manifest "fixtures\/a\.smoke\.jsonc": .* at line 3, column 2/,
    ],
    [
      { "fixtures/a.smoke.jsonc": '{\n  "command": ["true"],\n  "retry": 1\n}' },
      /Invalid manifest "fixtures\/a\.smoke\.jsonc":\n {2}line 3, column 3: retry: unknown key \(did you mean "retries"\?\)/,
    ],
    [
      { "fixtures/a.smoke.jsonc": '{ "command": ["true"], "expect": { "exitCode": "1" } }' },
      /line 1, column \d+: expect\.exitCode: /,
    ],
    [
      { "fixtures/a.smoke.jsonc": '{ "command": ["true"], "script": "a.ts" }' },
      /must name exactly one of "script" or "command", not both/,
    ],
    [
      { "fixtures/a.smoke.jsonc": '{ "script": "../missing.ts" }' },
      /Cannot find script "missing\.ts" named by manifest "fixtures\/a\.smoke\.jsonc"/,
    ],
    [{ "fixtures/bad id.smoke.ts": "" }, /Invalid fixture id "bad id"/],
    [
      { "fixtures/x.smoke.jsonc": '{ "script": "gone.smoke.ts" }' },
      /Cannot find script "fixtures\/gone\.smoke\.ts" named by manifest "fixtures\/x\.smoke\.jsonc"/,
    ],
    [{ "fixtures/A.smoke.ts": "", "fixtures/a.smoke.ts": "" }, /Duplicate fixture id/],
    [{ "fixtures/readme.md": "" }, /No fixtures to run in "fixtures"/],
    [{ "other/x.smoke.ts": "" }, /Cannot read fixtures directory "fixtures": it does not exist/],
    [
      { "fixtures/a.smoke.ts": "", "smoke.jsonc": '{\n  "concurrency": 0\n}' },
      /Invalid config "smoke\.jsonc":\n {2}line 2, column 18: concurrency: /,
    ],
  ];
  for (const [files, error] of cases) {
    await using p = await tempProject(files);
    const run = await runSmoke(p.dir, []);
    assert.equal(run.code, 2, `${JSON.stringify(files)}: ${run.stdout}${run.stderr}`);
    assert.equal(run.resultLine, "RESULT: fail");
    assert.match(run.stderr, error);
    assert.match(run.stderr, /^hint: /m);
    assert.equal(await p.exists(".planning"), false);
  }
  await using empty = await tempProject({ "fixtures/readme.md": "" });
  const run = await runSmoke(empty.dir, []);
  assert.match(run.stderr, /NO_FIXTURES|never reports success/);
});

Deno.test("a run whose fixtures were all skipped fails", async () => {
  await using p = await tempProject({ "fixtures/a.smoke.jsonc": sh("true", { skip: true }) });
  const run = await runSmoke(p.dir, []);
  assert.equal(run.code, 1);
  assert.equal(run.resultLine, "RESULT: fail");
  assert.equal((await p.latest()).result, "fail");
});

Deno.test("retries: a fixture that passes on a retry is flaky; --fail-on-flaky fails the run", async () => {
  await using p = await tempProject({
    "fixtures/flaky.smoke.jsonc": sh(
      'n=$(cat count 2>/dev/null || echo 0); echo $((n+1)) > count; [ "$n" -ge 1 ]',
      { retries: 2 },
    ),
  });
  const run = await runSmoke(p.dir, []);
  assert.equal(run.code, 0, run.stdout + run.stderr);
  assert.match(run.stdout, /PASS {2}flaky .*flaky: passed after 2 attempts/);
  const artifact = await p.latest();
  assert.equal(artifact.fixtures[0].flaky, true);
  assert.equal(artifact.fixtures[0].attempts, 2);
  assert.equal((artifact.summary as { flaky: number }).flaky, 1);
  await Deno.remove(`${p.dir}/count`);
  const strict = await runSmoke(p.dir, ["--fail-on-flaky"]);
  assert.equal(strict.code, 1, strict.stdout);
  assert.equal(strict.resultLine, "RESULT: fail");
  assert.match(
    strict.stdout,
    /^Flaky: flaky passed only on a retry; --fail-on-flaky fails the run\.$/m,
  );
  await Deno.writeTextFile(`${p.dir}/count`, "-1"); // passes on attempt 3 only
  const exhausted = await runSmoke(p.dir, ["--retries", "1", "--fixture", "flaky"]);
  assert.equal(exhausted.code, 0, "the manifest's retries win over the flag");
});

Deno.test("a permission denial names the permission and the manifest line that grants it", async () => {
  await using p = await tempProject({
    "fixtures/reads.smoke.ts": 'await Deno.readTextFile("data.txt");\n',
    "data.txt": "x",
  });
  const run = await runSmoke(p.dir, []);
  assert.equal(run.code, 1);
  const [fixture] = (await p.latest()).fixtures;
  const failure = fixture.failure as { kind: string; message: string };
  assert.equal(failure.kind, "permission");
  assert.match(failure.message, /Deno denied read access to "data\.txt"/);
  assert.match(failure.message, /"permissions": \["--allow-read=data\.txt"\]/);
  assert.ok(!String(fixture.stderrTail).includes("\x1b["), "ANSI colours are stripped from tails");
});

Deno.test("a spawn failure is its own kind", async () => {
  await using p = await tempProject({
    "fixtures/missing.smoke.jsonc": JSON.stringify({ command: ["no-such-program-smoke"] }),
  });
  const run = await runSmoke(p.dir, []);
  assert.equal(run.code, 1);
  const [fixture] = (await p.latest()).fixtures;
  assert.equal((fixture.failure as { kind: string }).kind, "spawn");
  assert.match(run.stdout, /Cannot start "no-such-program-smoke"/);
});

Deno.test("a timed-out fixture's whole group dies, grandchildren included, even one ignoring TERM", async () => {
  await using p = await tempProject({
    "fixtures/hang.smoke.jsonc": sh(
      "trap '' TERM; sleep 300 & echo $! > grandchild.pid; sleep 300",
      { timeoutMs: 300 },
    ),
  });
  const started = Date.now();
  const run = await runSmoke(p.dir, []);
  const elapsed = Date.now() - started;
  assert.equal(run.code, 1, run.stdout + run.stderr);
  const [fixture] = (await p.latest()).fixtures;
  assert.equal(fixture.timedOut, true);
  assert.equal((fixture.failure as { kind: string }).kind, "timeout");
  assert.equal(fixture.exitCode, null);
  assert.equal(fixture.signal, "SIGKILL", "TERM was ignored, so KILL after the grace");
  const pid = Number(await p.read("grandchild.pid"));
  assert.equal(await isAlive(pid), false, `grandchild ${pid} outlived the run`);
  assert.ok(elapsed < 300 + 2000 + 8000, `took ${elapsed} ms`);
});

Deno.test("leftover background processes are stopped when the fixture exits, within the grace", async () => {
  await using p = await tempProject({
    "fixtures/bg.smoke.jsonc": sh("sleep 300 & echo $! > bg.pid; echo hi"),
  });
  const started = Date.now();
  const run = await runSmoke(p.dir, []);
  assert.equal(run.code, 0, run.stdout + run.stderr);
  assert.ok(Date.now() - started < 8000);
  assert.equal(await isAlive(Number(await p.read("bg.pid"))), false);
  assert.equal((await p.latest()).fixtures[0].stdoutTail, "hi\n");
});

Deno.test("an escaped process holding stdout open cannot hang the run, and the leak is reported", async () => {
  await using p = await tempProject({
    "fixtures/escape.smoke.jsonc": sh(
      "setsid sh -c 'echo $$ > escaped.pid; sleep 30' & sleep 0.3; echo done",
    ),
  });
  const started = Date.now();
  const run = await runSmoke(p.dir, []);
  const elapsed = Date.now() - started;
  try {
    assert.equal(run.code, 0, run.stdout + run.stderr);
    assert.ok(elapsed < 15_000, `took ${elapsed} ms`);
    assert.match(
      run.stderr,
      /warning: A process outlived its fixture and held its output open: escape/,
    );
    const diagnostics = (await p.latest()).diagnostics as Array<{ code: string }>;
    assert.ok(diagnostics.some((d) => d.code === "OUTPUT_LEAK"));
  } finally {
    const pid = Number(await p.read("escaped.pid").catch(() => "0"));
    // smoke stops what outlived the run (LEFTOVER_PROCESS): it may be gone already.
    if (pid > 0) {
      try {
        Deno.kill(pid, "SIGKILL");
      } catch (error) {
        if (!(error instanceof Deno.errors.NotFound)) console.error(error);
      }
    }
  }
});

Deno.test("an outside kill -9 of one fixture is recorded as SIGKILL and the others carry on", async () => {
  await using p = await tempProject({
    "fixtures/victim.smoke.jsonc": sh("echo $$ > victim.pid; sleep 30"),
    "fixtures/killer.smoke.jsonc": sh(
      "while [ ! -s victim.pid ]; do sleep 0.05; done; kill -9 $(cat victim.pid)",
    ),
    "fixtures/other.smoke.ts": "",
  });
  const run = await runSmoke(p.dir, ["--concurrency", "2"]);
  assert.equal(run.code, 1, run.stdout + run.stderr);
  const fixtures = (await p.latest()).fixtures;
  const victim = fixtures.find((f) => f.id === "victim")!;
  assert.equal(victim.signal, "SIGKILL");
  assert.equal(victim.exitCode, null);
  assert.match(String((victim.failure as { message: string }).message), /Killed by SIGKILL/);
  assert.equal(fixtures.find((f) => f.id === "other")!.status, "passed");
  assert.equal(fixtures.find((f) => f.id === "killer")!.status, "passed");
});

Deno.test("strange output: ESC, NUL, CR and a split 3-byte character survive into valid JSON", async () => {
  await using p = await tempProject({
    "fixtures/noise.smoke.ts": `
      const w = (b: number[]) => Deno.stdout.writeSync(new Uint8Array(b));
      w([0x1b, 0x5b, 0x33, 0x31, 0x6d, 0x72, 0x65, 0x64, 0x1b, 0x5b, 0x30, 0x6d]); // ESC[31m red ESC[0m
      w([0x00, 0x0d, 0x0a, 0xe2]);
      await new Promise((r) => setTimeout(r, 50));
      w([0x82, 0xac, 0x0a, 0xff, 0x0a]); // the rest of "€", then an invalid byte
      Deno.exit(1);
    `,
  });
  const run = await runSmoke(p.dir, []);
  assert.equal(run.code, 1);
  const [fixture] = (await p.latest()).fixtures;
  assert.equal(fixture.stdoutTail, "red\u0000\r\n€\n\uFFFD\n");
});

Deno.test("history is pruned beyond historyLimit, never the run latest.json holds", async () => {
  await using p = await tempProject({
    "fixtures/ok.smoke.ts": "",
    "smoke.jsonc": JSON.stringify({ historyLimit: 2 }),
  });
  for (let i = 0; i < 3; i++) assert.equal((await runSmoke(p.dir, [])).code, 0);
  const runs = [...Deno.readDirSync(`${p.artifactDir}/runs`)].map((e) => e.name).sort();
  assert.equal(runs.length, 2, runs.join(","));
  assert.ok(runs.includes(`${(await p.latest()).runId}.json`));
});

Deno.test("a second run on the same artifact directory is refused with the other pid; a stale lock is taken over", async () => {
  await using p = await tempProject({ "fixtures/ok.smoke.ts": "" });
  // A green run first: a rerun then has nothing to rerun (--if-none all runs the selection).
  assert.equal((await runSmoke(p.dir, [])).code, 0);
  const lockPath = `${p.artifactDir}/.lock`;
  // A holder that really holds the lock (an OS lock on the file, as smoke takes it), writes its
  // pid and sleeps.
  const holder = new Deno.Command(Deno.execPath(), {
    args: [
      "eval",
      `const f = Deno.openSync(${
        JSON.stringify(lockPath)
      }, { read: true, write: true, create: true });
       f.lockSync(true);
       f.writeSync(new TextEncoder().encode(JSON.stringify({ pid: Deno.pid, runId: "20260101T000000000Z-abcdef" })));
       console.log("held");
       setTimeout(() => {}, 30000);`,
    ],
    stdout: "piped",
  }).spawn();
  try {
    const reader = holder.stdout.getReader();
    assert.equal(new TextDecoder().decode((await reader.read()).value).trim(), "held");
    reader.releaseLock();
    const refused = await runSmoke(p.dir, []);
    assert.equal(refused.code, 2, refused.stdout + refused.stderr);
    assert.match(
      refused.stderr,
      new RegExp(`another smoke run \\(pid ${holder.pid}\\) is already running`),
    );
    assert.equal(refused.resultLine, "RESULT: fail");
    // What a run says it is about to do (a shard's line, a rerun's plan) waits for the lock: a
    // run kept out says only that.
    for (
      const args of [
        ["--shard", "1/1", "--shard-by", "duration"],
        ["--rerun-failed", "--if-none", "all"],
      ]
    ) {
      const kept = await runSmoke(p.dir, args);
      assert.equal(kept.code, 2, kept.stdout + kept.stderr);
      assert.match(kept.stderr, /\[LOCKED\]/);
      assert.equal(kept.stdout, "RESULT: fail\n", args.join(" "));
    }
  } finally {
    holder.kill("SIGKILL");
    await holder.status;
    await holder.stdout.cancel();
  }
  const takeover = await runSmoke(p.dir, []);
  assert.equal(takeover.code, 0, "the lock of a dead process is taken over: " + takeover.stderr);
  assert.equal(await p.exists(".planning/artifacts/smoke/.lock"), false, "the lock is released");
});

Deno.test("two real runs at once: one runs, the other is refused naming the first's pid", async () => {
  await using p = await tempProject({ "fixtures/slow.smoke.jsonc": sh("sleep 2") });
  const first = new Deno.Command(Deno.execPath(), {
    args: ["run", "-A", fileURLToPath(new URL("../smoke.ts", import.meta.url))],
    cwd: p.dir,
    env: { NO_COLOR: "1" },
    stdout: "piped",
    stderr: "piped",
  }).spawn();
  try {
    for (let i = 0; i < 100 && !(await p.exists(".planning/artifacts/smoke/.lock")); i++) {
      await new Promise((r) => setTimeout(r, 50));
    }
    const second = await runSmoke(p.dir, []);
    assert.equal(second.code, 2, second.stdout + second.stderr);
    assert.match(second.stderr, new RegExp(`\\(pid ${first.pid}\\)`));
  } finally {
    const status = await first.output();
    assert.equal(status.code, 0);
  }
});

Deno.test("printed commands say deno task smoke where the project defines that task", async () => {
  await using p = await tempProject({
    "deno.json": JSON.stringify({ tasks: { smoke: "deno run -A /somewhere/smoke.ts" } }),
    "fixtures/bad.smoke.jsonc": sh("exit 1"),
  });
  const run = await runSmoke(p.dir, []);
  assert.match(run.stdout, /^Rerun failures: deno task smoke --rerun-failed$/m);
});

Deno.test("a relative --deno is relative to where smoke runs, not to a fixture's cwd", async () => {
  await using p = await tempProject({
    "fixtures/here.smoke.ts": "console.log(Deno.cwd());",
    "fixtures/here.smoke.jsonc": JSON.stringify({ cwd: "sub", permissions: ["--allow-read"] }),
    "sub/.keep": "",
  });
  await Deno.mkdir(`${p.dir}/bin`);
  await Deno.symlink(Deno.execPath(), `${p.dir}/bin/deno`);
  const run = await runSmoke(p.dir, ["--deno", "./bin/deno"]);
  assert.equal(run.code, 0, run.stdout + run.stderr);
  assert.match(String((await p.latest()).fixtures[0].stdoutTail), /\/sub\n$/);
});

Deno.test("bad locations are user errors, not crashes; a closed stdout is not a failure", async () => {
  await using p = await tempProject({ "fixtures/ok.smoke.ts": "", "afile": "x", "adir/.keep": "" });
  const config = await runSmoke(p.dir, ["--config", "adir"]);
  assert.equal(config.code, 2, config.stderr);
  assert.match(config.stderr, /^error: Cannot read config "adir": it is a directory$/m);
  const artifactDir = await runSmoke(p.dir, ["--artifact-dir", "afile/out"]);
  assert.equal(artifactDir.code, 2, artifactDir.stderr);
  assert.match(artifactDir.stderr, /^error: Cannot use artifact directory "afile\/out": /m);
  const piped = await new Deno.Command("sh", {
    args: ["-c", `"${Deno.execPath()}" run -A "${SMOKE_ENTRY}" --list | head -c 1; sleep 0.2`],
    cwd: p.dir,
    stderr: "piped",
  }).output();
  assert.doesNotMatch(new TextDecoder().decode(piped.stderr), /crashed|BrokenPipe/);
  const head = await new Deno.Command("sh", {
    args: [
      "-c",
      `"${Deno.execPath()}" run -A "${SMOKE_ENTRY}" | head -c 1 >/dev/null; echo "exit=\${PIPESTATUS:-}"`,
    ],
    cwd: p.dir,
    stderr: "piped",
  }).output();
  assert.doesNotMatch(new TextDecoder().decode(head.stderr), /crashed|BrokenPipe/);
});
