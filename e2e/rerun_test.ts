/**
 * End-to-end tests of --rerun-failed: fixtures append their id to a log file
 * so the tests see exactly what ran.
 */
import assert from "node:assert/strict";
import { dirname, join } from "node:path";
import { ArtifactSchema } from "../lib/artifact/artifact_schema.ts";
import { INVOKE, runSmoke, SMOKE_ENTRY, spawnSmoke, tempProject } from "./_project.ts";
import { logging, ran, setState, suite } from "./_logging.ts";

async function sha256(text: string): Promise<string> {
  const digest = await crypto.subtle.digest("SHA-256", new TextEncoder().encode(text));
  return Array.from(new Uint8Array(digest), (b) => b.toString(16).padStart(2, "0")).join("");
}

Deno.test("a rerun runs exactly the failed fixtures, records its source, and converges", async () => {
  await using p = await suite(["a", "b", "c", "d"], ["b", "d"]);
  const full = await runSmoke(p.dir, []);
  assert.equal(full.code, 1);
  assert.deepEqual(await ran(p), ["a", "b", "c", "d"]);
  const sourceText = await p.read(".planning/artifacts/smoke/latest.json");
  const source = ArtifactSchema.parse(JSON.parse(sourceText));

  await setState(p, "b", "pass");
  const rerun = await runSmoke(p.dir, ["--rerun-failed"]);
  assert.equal(rerun.code, 1, rerun.stdout + rerun.stderr);
  assert.deepEqual(await ran(p), ["b", "d"], "only the failed ones ran");
  // b's files did not change since it failed: its pass is likely a flake (issue 16).
  assert.match(
    rerun.stdout,
    /^Recovered: 1 \(b passed unchanged: a flake or a fix outside its files, its first flip in its last 2 runs\)$/m,
  );
  assert.match(rerun.stdout, /^After rerun: 3 passed, 1 failed of 4 -> fail$/m);
  assert.equal(rerun.resultLine, "RESULT: fail");
  const artifact = ArtifactSchema.parse(await p.latest());
  assert.equal(artifact.mode, "rerun-failed");
  assert.deepEqual(artifact.selection.fixtureIds, ["b", "d"]);
  assert.deepEqual(artifact.selection.source, {
    path: ".planning/artifacts/smoke/latest.json",
    runId: source.runId,
    sha256: await sha256(sourceText),
  });
  assert.deepEqual(artifact.fixtures.map((f) => [f.id, f.status, f.previousStatus]), [
    ["b", "passed", "failed"],
    ["d", "failed", "failed"],
  ]);
  assert.deepEqual(artifact.combined, {
    summary: { total: 4, passed: 3, failed: 1, skipped: 0, flaky: 0 },
    result: "fail",
  });

  const again = await runSmoke(p.dir, ["--rerun-failed"]);
  assert.equal(again.code, 1);
  assert.deepEqual(await ran(p), ["d"], "the second rerun converges on what still fails");
  assert.match(
    again.stdout,
    /^After rerun: 3 passed, 1 failed of 4 -> fail$/m,
    "the chain keeps the whole suite",
  );

  await setState(p, "d", "pass");
  const green = await runSmoke(p.dir, ["--rerun-failed"]);
  assert.equal(green.code, 0, green.stdout);
  assert.deepEqual(await ran(p), ["d"]);
  assert.match(green.stdout, /^After rerun: 4 passed, 0 failed of 4 -> pass$/m);
  assert.match(green.stdout, new RegExp(`confirm with a full run: ${INVOKE}$`, "m"));
  assert.equal(green.resultLine, "RESULT: pass");

  const nothing = await runSmoke(p.dir, ["--rerun-failed"]);
  assert.equal(nothing.code, 2);
  assert.match(nothing.stderr, /Nothing to rerun: nothing failed in run/);
  assert.deepEqual(await ran(p), []);
});

Deno.test("--fixture and --rerun-failed select the intersection", async () => {
  await using p = await suite(["api/a", "api/b", "web/c"], ["api/a", "web/c"]);
  await runSmoke(p.dir, []);
  await ran(p);
  const rerun = await runSmoke(p.dir, ["--rerun-failed", "--fixture", "api/*"]);
  assert.equal(rerun.code, 1);
  assert.deepEqual(await ran(p), ["api/a"]);
  const none = await runSmoke(p.dir, ["--rerun-failed", "--fixture", "api/b"]);
  assert.equal(none.code, 2);
  assert.match(none.stderr, /NO_RERUNNABLE|no failed fixture of run .* matches --fixture api\/b/);
});

Deno.test("--dry-run --rerun-failed prints what would rerun with the failure kind, runs and writes nothing", async () => {
  await using p = await suite(["a", "b"], ["b"]);
  await runSmoke(p.dir, []);
  await ran(p);
  const before = [...Deno.readDirSync(`${p.artifactDir}/runs`)].length;
  const dry = await runSmoke(p.dir, ["--rerun-failed", "--dry-run"]);
  assert.equal(dry.code, 0, dry.stderr);
  assert.match(dry.stdout, /^b {2}\(failed: exit-code, unchanged since\)$/m);
  assert.match(dry.stdout, /1 fixture would rerun/);
  assert.equal(dry.resultLine, "RESULT: pass");
  assert.deepEqual(await ran(p), []);
  assert.equal([...Deno.readDirSync(`${p.artifactDir}/runs`)].length, before);

  const failing = await runSmoke(p.dir, ["--rerun-failed", "--dry-run", "--artifact", "nope.json"]);
  assert.equal(failing.code, 2);
  assert.match(failing.stderr, /ARTIFACT_NOT_FOUND|Cannot read artifact "nope\.json"/);
  assert.equal(
    [...Deno.readDirSync(`${p.artifactDir}/runs`)].length,
    before,
    "a dry run writes nothing, even a diagnostics artifact",
  );
});

Deno.test("every preflight error: exit 2, RESULT: fail, nothing runs, diagnostics artifact, latest.json untouched", async () => {
  await using p = await suite(["a", "b"], ["b"]);
  await runSmoke(p.dir, []);
  await ran(p);
  const latest = await p.read(".planning/artifacts/smoke/latest.json");
  const valid = JSON.parse(latest);
  const bad = (mutate: (value: Record<string, unknown>) => void) => {
    const copy = structuredClone(valid);
    mutate(copy);
    return JSON.stringify(copy, null, 2);
  };
  await p.write("broken.json", '{\n  "schemaVersion": 1,\n  "runId": "x"\n  "mode": "full"\n}');
  await p.write(
    "wrong.json",
    bad((v) => (v.fixtures as Array<Record<string, unknown>>)[0].status = 7),
  );
  await p.write("future.json", bad((v) => (v.schemaVersion = 2)));
  await p.write("noversion.json", bad((v) => delete v.schemaVersion));
  const huge = await Deno.open(join(p.dir, "huge.json"), { create: true, write: true });
  await huge.truncate(65 * 1024 * 1024); // sparse: size is checked before reading
  huge.close();
  const cases: Array<[string[], string, RegExp, RegExp]> = [
    [
      ["--artifact", "missing.json"],
      "ARTIFACT_NOT_FOUND",
      /Cannot read artifact "missing\.json": no file at that path/,
      new RegExp(`Manual fallback: ${INVOKE} --fixture <id> \\.\\.\\.`),
    ],
    [
      ["--artifact", "broken.json"],
      "ARTIFACT_INVALID_JSON",
      /Cannot read artifact "broken\.json": unexpected token "\\"" at line 4, column 3/,
      /--fixture <id>/,
    ],
    [
      ["--artifact", "wrong.json"],
      "ARTIFACT_SCHEMA_MISMATCH",
      /fixtures\[0\]\.status: /,
      new RegExp(`Manual fallback: ${INVOKE} --fixture b$`, "m"),
    ],
    [
      ["--artifact", "noversion.json"],
      "ARTIFACT_SCHEMA_MISMATCH",
      /schemaVersion: missing/,
      /--fixture b/,
    ],
    [
      ["--artifact", "future.json"],
      "ARTIFACT_UNSUPPORTED_VERSION",
      /schemaVersion 2 is not supported; this build reads schema version 1/,
      /--fixture b/,
    ],
    [
      ["--artifact", "huge.json"],
      "ARTIFACT_TOO_LARGE",
      /over the limit of 67108864 bytes/,
      /--fixture <id>/,
    ],
    [
      ["--fixture", "a"],
      "NO_RERUNNABLE_FAILURES",
      /Nothing to rerun: no failed fixture of run/,
      /--fixture b/,
    ],
  ];
  for (const [args, code, message, hint] of cases) {
    const run = await runSmoke(p.dir, ["--rerun-failed", ...args]);
    const context = `${code}: ${run.stderr}`;
    assert.equal(run.code, 2, context);
    assert.equal(run.resultLine, "RESULT: fail", context);
    assert.match(run.stderr, message, context);
    assert.match(run.stderr, hint, context);
    assert.deepEqual(await ran(p), [], `${code}: nothing runs`);
    assert.equal(
      await p.read(".planning/artifacts/smoke/latest.json"),
      latest,
      `${code}: latest.json untouched`,
    );
    const written = /hint: Diagnostics artifact: (.+)$/m.exec(run.stderr)?.[1];
    assert.ok(written, context);
    const diagnostics = ArtifactSchema.parse(JSON.parse(await p.read(written)));
    assert.equal(diagnostics.mode, "rerun-failed");
    assert.equal(diagnostics.result, "fail");
    assert.deepEqual(diagnostics.fixtures, []);
    assert.deepEqual(diagnostics.summary, { total: 0, passed: 0, failed: 0, skipped: 0, flaky: 0 });
    assert.equal(diagnostics.diagnostics.at(-1)?.code, code);
    assert.equal(diagnostics.diagnostics.at(-1)?.level, "error");
  }
});

Deno.test("a missing latest.json says to run the suite first", async () => {
  await using p = await suite(["a"], []);
  const run = await runSmoke(p.dir, ["--rerun-failed"]);
  assert.equal(run.code, 2);
  assert.match(
    run.stderr,
    /^error: Cannot read artifact "\.planning\/artifacts\/smoke\/latest\.json": no file at that path \[ARTIFACT_NOT_FOUND\]$/m,
  );
  assert.match(run.stderr, new RegExp(`^hint: Run the suite first \\(${INVOKE}\\)`, "m"));
  assert.equal(await p.exists(".planning/artifacts/smoke/latest.json"), false);
});

Deno.test("--artifact takes relative and absolute paths", async () => {
  await using p = await suite(["a", "b"], ["a"]);
  await runSmoke(p.dir, []);
  await ran(p);
  const copy = join(p.dir, "saved.json");
  await Deno.copyFile(join(p.artifactDir, "latest.json"), copy);
  for (const path of ["saved.json", copy]) {
    const run = await runSmoke(p.dir, ["--rerun-failed", "--artifact", path]);
    assert.equal(run.code, 1, run.stderr);
    assert.deepEqual(await ran(p), ["a"]);
    assert.equal(
      (await p.latest()).selection && ArtifactSchema.parse(await p.latest()).selection.source?.path,
      path,
    );
  }
});

Deno.test("stale ids are warned about and left out; when none remain, nothing to rerun", async () => {
  await using p = await suite(["a", "b", "c"], ["a", "b"]);
  await runSmoke(p.dir, []);
  await ran(p);
  await Deno.remove(join(p.dir, "fixtures/a.smoke.jsonc"));
  const run = await runSmoke(p.dir, ["--rerun-failed"]);
  assert.equal(run.code, 1);
  assert.match(
    run.stderr,
    /^warning: 1 failed fixture is no longer in the catalog and will not rerun: "a" \[STALE_FIXTURE\]$/m,
  );
  assert.deepEqual(await ran(p), ["b"]);
  const artifact = ArtifactSchema.parse(await p.latest());
  assert.equal(artifact.diagnostics[0].code, "STALE_FIXTURE");
  assert.equal(artifact.combined?.summary.total, 2, "stale ids are left out of combined");

  await Deno.remove(join(p.dir, "fixtures/b.smoke.jsonc"));
  const none = await runSmoke(p.dir, ["--rerun-failed"]);
  assert.equal(none.code, 2);
  assert.match(
    none.stderr,
    /every failed fixture since full run \S+ \(as of run \S+\) is gone from the catalog/,
  );
  assert.match(none.stderr, /^warning: .*no longer in the catalog.*"b".* \[STALE_FIXTURE\]$/m);
  assert.doesNotMatch(none.stderr, /change --fixture/);
});

Deno.test("hostile ids in an artifact run nothing and create nothing", async () => {
  await using p = await suite(["a"], []);
  await runSmoke(p.dir, []);
  await ran(p);
  const artifact = await p.latest();
  const hostile = [
    "ok; touch pwned",
    "../../etc/passwd",
    "/abs",
    "..",
    "a\u0000b",
    "$(touch pwned)",
    "x".repeat(10_000),
  ];
  const forged = {
    ...artifact,
    fixtures: [
      ...hostile.map((id) => ({ ...artifact.fixtures[0], id, status: "failed" })),
      {
        ...artifact.fixtures[0],
        id: "a",
        status: "failed",
        command: ["touch", "pwned"],
        env: { X: "1" },
        permissions: ["-A"],
      },
    ],
    command: ["touch", "pwned"],
  };
  await p.write("forged.json", JSON.stringify(forged));
  const run = await runSmoke(p.dir, ["--rerun-failed", "--artifact", "forged.json"]);
  assert.equal(run.code, 2, "the forged artifact fails the schema");
  assert.match(run.stderr, /ARTIFACT_SCHEMA_MISMATCH|fixtures\[0\]\.id/);
  assert.match(
    run.stderr,
    new RegExp(`Manual fallback: ${INVOKE} --fixture a$`, "m"),
    "only the well-formed id is offered",
  );
  assert.deepEqual(await ran(p), []);
  assert.equal(await p.exists("pwned"), false);

  // Extra fields beside valid ids change nothing: the command comes from the catalog. (An
  // artifact from before the suite's state was recorded, so its fixtures say what failed.)
  const { suite: _suite, ...legacy } = artifact;
  const extra = { ...legacy, fixtures: [forged.fixtures.at(-1)], command: ["touch", "pwned"] };
  await p.write("extra.json", JSON.stringify(extra));
  const rerun = await runSmoke(p.dir, ["--rerun-failed", "--artifact", "extra.json"]);
  assert.equal(rerun.code, 0, rerun.stderr);
  assert.deepEqual(await ran(p), ["a"]);
  assert.equal(await p.exists("pwned"), false);
  const runs = [...Deno.readDirSync(`${p.artifactDir}/runs`)].map((e) => e.name);
  assert.ok(
    runs.every((name) => /^\d{8}T\d{9}Z-[0-9a-f]{6}(-preflight)?\.json$/.test(name)),
    runs.join(","),
  );
});

Deno.test("--rerun-max-failures refuses a mass failure", async () => {
  await using p = await suite(["a", "b", "c"], ["a", "b", "c"]);
  await runSmoke(p.dir, []);
  await ran(p);
  const run = await runSmoke(p.dir, ["--rerun-failed", "--rerun-max-failures", "2"]);
  assert.equal(run.code, 2);
  assert.match(
    run.stderr,
    /Refusing to rerun: 3 fixtures failed in run .*, more than --rerun-max-failures 2/,
  );
  assert.match(run.stderr, /broken environment/);
  assert.deepEqual(await ran(p), []);
  const allowed = await runSmoke(p.dir, ["--rerun-failed", "--rerun-max-failures", "3"]);
  assert.equal(allowed.code, 1);
  assert.deepEqual(await ran(p), ["a", "b", "c"]);
});

Deno.test("--rerun-max-failures after --max-failures says what is owed without blaming the environment", async () => {
  await using p = await suite(["a", "b", "c", "d"], ["a", "b", "c", "d"]);
  const first = await runSmoke(p.dir, [
    "--max-failures",
    "1",
    "--concurrency",
    "1",
    "--order",
    "id",
  ]);
  assert.match(first.stdout, /Summary: 0 passed, 1 failed, 3 not run/);
  const run = await runSmoke(p.dir, ["--rerun-failed", "--rerun-max-failures", "2"]);
  assert.equal(run.code, 2);
  assert.match(
    run.stderr,
    /^error: Refusing to rerun: 4 fixtures are outstanding in run \S+ \(1 failed, 3 not run\), more than --rerun-max-failures 2 \[RERUN_LIMIT_EXCEEDED\]$/m,
  );
  assert.doesNotMatch(run.stderr, /broken environment/);
  assert.match(run.stderr, /^hint: Only 1 of them failed on their own; the rest never ran/m);
});

Deno.test("a flaky pass in a rerun is flaky, not recovered-clean; --fail-on-flaky fails it", async () => {
  await using p = await tempProject({
    "fixtures/wobbly.smoke.jsonc": JSON.stringify({
      command: [
        "sh",
        "-c",
        'n=$(cat count 2>/dev/null || echo 0); echo $((n+1)) > count; [ "$n" = 2 ]',
      ],
    }),
    "fixtures/fine.smoke.ts": "",
  });
  assert.equal((await runSmoke(p.dir, [])).code, 1);
  const rerun = await runSmoke(p.dir, ["--rerun-failed", "--retries", "1", "--fail-on-flaky"]);
  assert.equal(rerun.code, 1, rerun.stdout);
  assert.match(rerun.stdout, /PASS {2}wobbly .*flaky: passed after 2 attempts/);
  const artifact = ArtifactSchema.parse(await p.latest());
  assert.equal(artifact.fixtures[0].flaky, true);
  assert.equal(artifact.result, "fail");
  assert.equal(artifact.combined?.result, "fail");
});

Deno.test("after Ctrl-C, --rerun-failed resumes the unfinished fixtures", async () => {
  await using p = await tempProject({
    "fixtures/done.smoke.ts": "",
    "fixtures/slow1.smoke.jsonc": JSON.stringify({
      command: ["sh", "-c", 'echo "$SMOKE_FIXTURE_ID" >> ran.log; [ -f fast ] || sleep 60'],
    }),
    "fixtures/slow2.smoke.jsonc": JSON.stringify({
      command: ["sh", "-c", 'echo "$SMOKE_FIXTURE_ID" >> ran.log; [ -f fast ] || sleep 60'],
    }),
    "fixtures/zlater.smoke.jsonc": JSON.stringify({
      command: ["sh", "-c", 'echo "$SMOKE_FIXTURE_ID" >> ran.log'],
    }),
  });
  const child = spawnSmoke(p.dir, ["--concurrency", "2"]);
  for (let i = 0; i < 400; i++) {
    const log = await p.read("ran.log").catch(() => "");
    if (log.includes("slow1") && log.includes("slow2")) break;
    await new Promise((r) => setTimeout(r, 25));
  }
  child.kill("SIGINT");
  const out = await child.output();
  assert.equal(out.code, 130);
  const interrupted = ArtifactSchema.parse(await p.latest());
  assert.equal(interrupted.interrupted, true);
  const unfinished = interrupted.fixtures.filter((f) => f.failure?.kind === "interrupted").map((
    f,
  ) => f.id);
  assert.ok(unfinished.includes("zlater"), unfinished.join(","));
  await p.write("fast", "");
  await ran(p);
  const resume = await runSmoke(p.dir, ["--rerun-failed"]);
  assert.equal(resume.code, 0, resume.stdout + resume.stderr);
  assert.deepEqual(await ran(p), unfinished.sort());
  assert.equal(ArtifactSchema.parse(await p.latest()).combined?.result, "pass");
});

Deno.test("a narrowed rerun leaves the other failures owed: the next rerun takes them", async () => {
  await using p = await suite(["a", "b", "c", "d"], ["b", "c", "d"]);
  await runSmoke(p.dir, []);
  await ran(p);
  await setState(p, "b", "pass");
  const narrowed = await runSmoke(p.dir, ["--rerun-failed", "--fixture", "b"]);
  assert.equal(narrowed.code, 0, narrowed.stdout);
  assert.deepEqual(await ran(p), ["b"]);
  assert.match(narrowed.stdout, /^After rerun: 2 passed, 2 failed of 4 -> fail$/m);
  assert.doesNotMatch(narrowed.stdout, /confirm with a full run/, "c and d still fail");
  assert.match(narrowed.stdout, /^Rerun failures: .* --rerun-failed$/m);
  const next = await runSmoke(p.dir, ["--rerun-failed"]);
  assert.equal(next.code, 1, next.stdout + next.stderr);
  assert.deepEqual(await ran(p), ["c", "d"], "nothing owed is forgotten");
  const artifact = ArtifactSchema.parse(await p.latest());
  assert.deepEqual(artifact.fixtures.map((f) => f.previousStatus), ["failed", "failed"]);
});

Deno.test("a rerun whose source run is gone: the state it records is enough; an old artifact says it is partial", async () => {
  await using p = await tempProject({
    "smoke.jsonc": JSON.stringify({ historyLimit: 1 }),
    "fixtures/a.smoke.jsonc": logging("a"),
    "fixtures/b.smoke.jsonc": logging("b"),
    "state/a": "fail",
    "state/b": "fail",
  });
  await runSmoke(p.dir, []);
  await runSmoke(p.dir, ["--rerun-failed", "--fixture", "a"]); // prunes the full run
  await ran(p);
  const run = await runSmoke(p.dir, ["--rerun-failed"]);
  assert.equal(run.code, 1, run.stderr);
  assert.doesNotMatch(run.stderr, /RERUN_CHAIN_INCOMPLETE/);
  assert.deepEqual(await ran(p), ["a", "b"], "b is still owed though its run was pruned");
  // An artifact written before smoke recorded the state follows the chain, and says where it broke.
  const { suite: _suite, ...legacy } = await p.latest();
  await p.write("legacy.json", JSON.stringify(legacy));
  await Deno.remove(`${p.artifactDir}/runs`, { recursive: true });
  await Deno.mkdir(`${p.artifactDir}/runs`);
  const old = await runSmoke(p.dir, ["--rerun-failed", "--artifact", "legacy.json"]);
  assert.equal(old.code, 1, old.stderr);
  assert.match(old.stderr, /which is not in runs\/ .* \[RERUN_CHAIN_INCOMPLETE\]$/m);
});

Deno.test("the printed rerun command runs when smoke's own path has a space, a non-ASCII letter or shell syntax", async () => {
  await using p = await tempProject({ "fixtures/a.smoke.ts": "Deno.exit(1);\n" });
  // smoke's checkout, reached through a folder named as a shell would trip on.
  const tools = join(p.dir, "my tools $(touch pwned)", "josé");
  await Deno.mkdir(tools, { recursive: true });
  await Deno.symlink(dirname(SMOKE_ENTRY), join(tools, "smoke"));
  const entry = join(tools, "smoke", "smoke.ts");
  const run = await runSmoke(p.dir, [], { entry });
  assert.equal(run.code, 1, run.stderr);
  const line = run.stdout.split("\n").find((l) => l.startsWith("Rerun failures: "));
  const command = line!.slice("Rerun failures: ".length);
  assert.equal(command, `deno run -A '${entry}' --rerun-failed`);
  // Pasted into a shell, it reruns the failure (and runs nothing else).
  const pasted = await new Deno.Command("sh", {
    args: ["-c", command.replace(/^deno /, `'${Deno.execPath()}' `)],
    cwd: p.dir,
    env: { NO_COLOR: "1", GITHUB_ACTIONS: "", CI: "" },
    stdout: "piped",
    stderr: "piped",
  }).output();
  const out = new TextDecoder().decode(pasted.stdout);
  assert.equal(pasted.code, 1, new TextDecoder().decode(pasted.stderr));
  assert.match(out, /^FAIL {2}a /m);
  assert.match(out, /^RESULT: fail$/m);
  assert.equal(await Deno.lstat(join(p.dir, "pwned")).then(() => true, () => false), false);
});
