/**
 * End-to-end tests of the diagnostics artifacts of failed rerun preflights:
 * named `<runId>-preflight`, pruned apart from real runs, never a source to
 * rerun from, and every recovery hint names the newest real run with a
 * command that works.
 */
import assert from "node:assert/strict";
import { dirname, join } from "node:path";
import { ArtifactSchema } from "../lib/artifact/artifact_schema.ts";
import { INVOCATION, INVOKE, runSmoke, type TempProject, tempProject } from "./_project.ts";

/** A command fixture that fails while `state` says so. */
const failing = JSON.stringify({ command: ["sh", "-c", '[ "$(cat state)" != fail ]'] });

/** The run files of an artifact directory, by kind, oldest first. */
function runFiles(p: TempProject, artifactDir = p.artifactDir) {
  const names = [...Deno.readDirSync(join(artifactDir, "runs"))].map((e) => e.name).sort();
  return {
    real: names.filter((n) => !n.endsWith("-preflight.json")),
    diagnostics: names.filter((n) => n.endsWith("-preflight.json")),
  };
}

/** Runs a hinted command line through a shell, as a user pasting it would. */
async function runHinted(cwd: string, command: string) {
  const out = await new Deno.Command("sh", {
    args: ["-c", command],
    cwd,
    env: { PATH: `${dirname(Deno.execPath())}:${Deno.env.get("PATH") ?? ""}`, NO_COLOR: "1" },
    clearEnv: true,
    stdin: "null",
  }).output();
  const decode = (b: Uint8Array) => new TextDecoder().decode(b);
  return { code: out.code, stdout: decode(out.stdout), stderr: decode(out.stderr) };
}

Deno.test("12 failed preflights never push real runs out of historyLimit; at most 10 diagnostics stay", async () => {
  await using p = await tempProject({
    "fixtures/a.smoke.jsonc": failing,
    "state": "fail",
    "smoke.jsonc": JSON.stringify({ historyLimit: 3 }),
  });
  for (let i = 0; i < 4; i++) assert.equal((await runSmoke(p.dir, [])).code, 1);
  const real = runFiles(p).real;
  assert.equal(real.length, 3);
  for (let i = 0; i < 12; i++) {
    const run = await runSmoke(p.dir, ["--rerun-failed", "--artifact", "missing.json"]);
    assert.equal(run.code, 2, run.stderr);
    const written = /^hint: Diagnostics artifact: (.+)$/m.exec(run.stderr)?.[1];
    assert.match(
      written ?? "",
      /^\.planning\/artifacts\/smoke\/runs\/\d{8}T\d{9}Z-[0-9a-f]{6}-preflight\.json$/,
    );
    const artifact = ArtifactSchema.parse(JSON.parse(await p.read(written!)));
    assert.equal(`${artifact.runId}.json`, written!.split("/").at(-1));
  }
  const afterErrors = runFiles(p);
  assert.deepEqual(afterErrors.real, real, "the real runs are all still there");
  assert.equal(afterErrors.diagnostics.length, 10, afterErrors.diagnostics.join(","));

  assert.equal((await runSmoke(p.dir, [])).code, 1);
  const after = runFiles(p);
  assert.equal(after.real.length, 3, after.real.join(","));
  assert.ok(after.real.includes(`${(await p.latest()).runId}.json`));
  assert.deepEqual(after.real.slice(0, 2), real.slice(1), "the oldest real run went");
  assert.deepEqual(after.diagnostics, afterErrors.diagnostics);
});

Deno.test("an unusable latest.json: the hint names the newest real run, and its command reruns it", async () => {
  await using p = await tempProject({ "fixtures/a.smoke.jsonc": failing, "state": "fail" });
  const dir = "my arts";
  assert.equal((await runSmoke(p.dir, ["--artifact-dir", dir])).code, 1);
  const source = JSON.parse(await p.read(`${dir}/latest.json`)).runId as string;
  const expected =
    `hint: Rerun from the newest saved run: ${INVOCATION} --artifact-dir 'my arts' ` +
    `--rerun-failed --artifact 'my arts/runs/${source}.json'`;
  const cases: Array<[string, () => Promise<void>]> = [
    ["ARTIFACT_INVALID_JSON", () => p.write(`${dir}/latest.json`, "{ damaged")],
    ["ARTIFACT_SCHEMA_MISMATCH", () => p.write(`${dir}/latest.json`, '{ "x": 1 }')],
    ["ARTIFACT_UNSUPPORTED_VERSION", () => p.write(`${dir}/latest.json`, '{ "schemaVersion": 9 }')],
    ["ARTIFACT_NOT_FOUND", () => Deno.remove(join(p.dir, dir, "latest.json"))],
  ];
  for (const [code, damage] of cases) {
    await damage();
    const run = await runSmoke(p.dir, ["--artifact-dir", dir, "--rerun-failed"]);
    assert.equal(run.code, 2, run.stderr);
    assert.match(run.stderr, new RegExp(`\\[${code}\\]$`, "m"));
    const hints = run.stderr.split("\n").filter((line) => line.startsWith("hint: "));
    assert.ok(hints.includes(expected), `${code}:\n${run.stderr}`);
    // The newest file in runs/ is now this failed preflight's record: the hint passes over it.
    assert.ok(runFiles(p, join(p.dir, dir)).diagnostics.length > 0);
  }
  const hinted = await runHinted(
    p.dir,
    expected.slice("hint: Rerun from the newest saved run: ".length),
  );
  assert.equal(hinted.code, 1, hinted.stdout + hinted.stderr);
  assert.match(hinted.stdout, /^FAIL {2}a /m, "it reran the failure");
  assert.match(hinted.stdout, /^RESULT: fail$/m);
});

Deno.test("--artifact at a failed preflight's record is refused (ARTIFACT_NOT_A_RUN), naming the real run", async () => {
  await using p = await tempProject({ "fixtures/a.smoke.jsonc": failing, "state": "fail" });
  assert.equal((await runSmoke(p.dir, [])).code, 1);
  const source = (await p.latest()).runId;
  const failed = await runSmoke(p.dir, ["--rerun-failed", "--artifact", "missing.json"]);
  const record = /^hint: Diagnostics artifact: (.+)$/m.exec(failed.stderr)![1];
  const recordId = record.split("/").at(-1)!.slice(0, -".json".length);
  // Also one written before the -preflight names: known by its content.
  const legacy = "old-diagnostics.json";
  await p.write(legacy, JSON.stringify({ ...JSON.parse(await p.read(record)), runId: "r1" }));
  for (const [path, runId] of [[record, recordId], [legacy, "r1"]]) {
    const run = await runSmoke(p.dir, ["--rerun-failed", "--artifact", path]);
    assert.equal(run.code, 2, run.stderr);
    assert.equal(run.resultLine, "RESULT: fail");
    assert.ok(
      run.stderr.includes(
        `error: Cannot rerun from "${path}": it records a failed preflight (run ${runId} ran ` +
          "nothing), not a run [ARTIFACT_NOT_A_RUN]",
      ),
      run.stderr,
    );
    assert.match(
      run.stderr,
      new RegExp(
        `^hint: Rerun from the newest saved run: ${INVOKE} --rerun-failed --artifact ` +
          `\\.planning/artifacts/smoke/runs/${source}\\.json$`,
        "m",
      ),
    );
  }
});
