/**
 * End-to-end tests of sharding and `smoke merge`: shards as separate runners
 * (one artifact directory each), merged into one artifact, reruns of the
 * merged failure set re-sharded.
 */
import assert from "node:assert/strict";
import { join } from "node:path";
import { type Artifact, createArtifact } from "../lib/artifact/artifact.ts";
import { ArtifactSchema } from "../lib/artifact/artifact_schema.ts";
import { shardIndexOf, shardOf } from "../lib/selection/select.ts";
import { INVOKE, runSmoke, tempProject } from "./_project.ts";

const sh = (script: string) => JSON.stringify({ command: ["sh", "-c", script] });

/** Ten cheap command fixtures; two fail, one in each of two shards. */
function catalog(): { files: Record<string, string>; ids: string[]; failing: string[] } {
  const ids = Array.from({ length: 10 }, (_, i) => `group${i % 2}/f${i}`).sort();
  const failing = [1, 2].map((index) =>
    shardOf(ids.map((id) => ({ id })), { index, total: 2 })[0].id
  );
  const files: Record<string, string> = {};
  for (const id of ids) {
    files[`fixtures/${id}.smoke.jsonc`] = sh(failing.includes(id) ? "exit 1" : "true");
  }
  return { files, ids, failing };
}

const lines = (text: string) => text.split("\n").filter(Boolean);

async function readArtifact(path: string): Promise<Artifact> {
  return ArtifactSchema.parse(JSON.parse(await Deno.readTextFile(path)));
}

async function sha256(path: string): Promise<string> {
  const digest = await crypto.subtle.digest("SHA-256", await Deno.readFile(path));
  return Array.from(new Uint8Array(digest), (b) => b.toString(16).padStart(2, "0")).join("");
}

Deno.test("--shard: disjoint shards that cover the selection, in --list and --dry-run", async () => {
  const { files, ids } = catalog();
  await using p = await tempProject(files);
  const all = await runSmoke(p.dir, ["--list"]);
  assert.deepEqual(lines(all.stdout), ids);
  const shards: string[][] = [];
  for (const index of [1, 2, 3]) {
    const run = await runSmoke(p.dir, ["--list", "--shard", `${index}/3`]);
    assert.equal(run.code, 0, run.stderr);
    shards.push(lines(run.stdout));
  }
  const seen = shards.flat();
  assert.equal(new Set(seen).size, seen.length, "no id is in two shards");
  assert.deepEqual([...seen].sort(), ids, "the shards cover the selection");

  // With --fixture, the shard is taken of the filtered selection.
  const filtered = await runSmoke(p.dir, ["--list", "--fixture", "group0/*", "--shard", "1/3"]);
  assert.deepEqual(lines(filtered.stdout), shards[0].filter((id) => id.startsWith("group0/")));

  const dry = await runSmoke(p.dir, ["--dry-run", "--shard", "2/3"]);
  assert.equal(dry.code, 0, dry.stderr);
  assert.equal(dry.resultLine, "RESULT: pass");
  const planned = lines(dry.stdout).filter((line) => /^group\d\//.test(line));
  assert.deepEqual(planned, shards[1]);
  // The line names the shard: nothing else in a hash shard's dry run does.
  assert.match(
    dry.stdout,
    new RegExp(`Dry run: ${shards[1].length} fixtures? would run in shard 2/3`),
  );
  assert.equal(await p.exists(".planning"), false, "a dry run writes nothing");
});

Deno.test("--shard: an empty shard exits 0 with EMPTY_SHARD; a shard records selection.shard", async () => {
  await using p = await tempProject({ "fixtures/only.smoke.jsonc": sh("true") });
  const home = shardOf([{ id: "only" }], { index: 1, total: 2 }).length ? 1 : 2;
  const empty = await runSmoke(p.dir, ["--shard", `${3 - home}/2`]);
  assert.equal(empty.code, 0, empty.stderr);
  assert.equal(empty.resultLine, "RESULT: pass");
  assert.match(empty.stderr, /^warning: Shard \d+\/\d+ has no fixtures \[EMPTY_SHARD\]$/m);
  assert.equal(await p.exists(".planning/artifacts/smoke/latest.json"), false);
  // --list of the empty shard says the same, and lists nothing (with several filters too: the
  // shard emptied the selection, not the filters).
  for (const filters of [[], ["--fixture", "only", "--fixture", "o*"]]) {
    const listed = await runSmoke(p.dir, ["--list", "--shard", `${3 - home}/2`, ...filters]);
    assert.equal(listed.code, 0, listed.stderr);
    assert.equal(listed.stdout, "");
    assert.match(listed.stderr, /^warning: Shard \d+\/\d+ has no fixtures \[EMPTY_SHARD\]$/m);
  }

  const full = await runSmoke(p.dir, ["--shard", `${home}/2`]);
  assert.equal(full.code, 0, full.stdout + full.stderr);
  const artifact = ArtifactSchema.parse(await p.latest());
  // The other shard got none: the record says so, and a merge of this one is every shard. The
  // split's digest tells it from shards of another split.
  const { split, ...shard } = artifact.selection.shard!;
  assert.deepEqual(shard, { index: home, total: 2, withFixtures: [home] });
  assert.match(split!, /^[0-9a-f]{64}$/);
  assert.deepEqual(artifact.selection.fixtureIds, ["only"]);
});

Deno.test("merge: shard artifacts become one artifact; its failures rerun re-sharded", async (t) => {
  const { files, ids, failing } = catalog();
  await using p = await tempProject(files);
  const shardDir = (i: number) => `shards/${i}`;
  for (const index of [1, 2]) {
    const run = await runSmoke(p.dir, ["--shard", `${index}/2`, "--artifact-dir", shardDir(index)]);
    assert.equal(run.code, 1, "each shard has one failure: " + run.stdout + run.stderr);
  }
  const inputs = [1, 2].map((i) => `${shardDir(i)}/latest.json`);
  const shardArtifacts = await Promise.all(inputs.map((path) => readArtifact(join(p.dir, path))));

  await t.step("the merged artifact is the union, with a recomputed summary", async () => {
    const merge = await runSmoke(p.dir, ["merge", ...inputs]);
    assert.equal(merge.code, 1, merge.stdout + merge.stderr);
    assert.equal(merge.resultLine, "RESULT: fail");
    assert.match(merge.stdout, /^Merged 2 artifacts:$/m);
    assert.match(merge.stdout, /^Summary: 8 passed, 2 failed, 0 skipped, 0 flaky \(10 fixtures, /m);
    // Named as a run's artifact is, by its file in runs/ (latest.json holds it too).
    const latest = JSON.parse(await p.read(".planning/artifacts/smoke/latest.json"));
    assert.match(
      merge.stdout,
      new RegExp(`^Artifact: \\.planning/artifacts/smoke/runs/${latest.runId}\\.json$`, "m"),
    );
    assert.deepEqual(
      JSON.parse(await p.read(`.planning/artifacts/smoke/runs/${latest.runId}.json`)),
      latest,
    );
    assert.match(merge.stdout, new RegExp(`^Rerun failures: ${INVOKE} --rerun-failed$`, "m"));

    const merged = ArtifactSchema.parse(await p.latest());
    assert.equal(merged.mode, "merged");
    assert.deepEqual(merged.fixtures.map((f) => f.id), ids);
    assert.deepEqual(merged.selection.fixtureIds, ids);
    assert.equal(merged.selection.shard, undefined);
    assert.deepEqual(merged.summary, { total: 10, passed: 8, failed: 2, skipped: 0, flaky: 0 });
    assert.equal(merged.result, "fail");
    const union = shardArtifacts.flatMap((a) => a.fixtures).sort((a, b) => a.id < b.id ? -1 : 1);
    assert.deepEqual(merged.fixtures, union, "results are carried over unchanged");
    assert.deepEqual(merged.inputs, [
      {
        path: inputs[0],
        runId: shardArtifacts[0].runId,
        sha256: await sha256(join(p.dir, inputs[0])),
      },
      {
        path: inputs[1],
        runId: shardArtifacts[1].runId,
        sha256: await sha256(join(p.dir, inputs[1])),
      },
    ]);
    const history = join(p.artifactDir, "runs", `${merged.runId}.json`);
    assert.equal(
      await Deno.readTextFile(history),
      await p.read(".planning/artifacts/smoke/latest.json"),
    );
  });

  await t.step("--rerun-failed --shard re-shards the merged failure set", async () => {
    const listed: string[][] = [];
    for (const index of [1, 2]) {
      const run = await runSmoke(p.dir, ["--rerun-failed", "--list", "--shard", `${index}/2`]);
      assert.equal(run.code, 0, run.stderr);
      listed.push(lines(run.stdout));
    }
    assert.deepEqual(listed.map((l) => l.length), [1, 1]);
    assert.deepEqual(listed.flat().sort(), [...failing].sort());

    await Deno.copyFile(join(p.artifactDir, "latest.json"), join(p.dir, "merged.json"));
    const rerun = await runSmoke(p.dir, [
      "--rerun-failed",
      "--artifact",
      "merged.json",
      "--shard",
      "2/2",
      "--artifact-dir",
      "rerun-2",
    ]);
    assert.equal(rerun.code, 1, rerun.stdout + rerun.stderr);
    const artifact = await readArtifact(join(p.dir, "rerun-2/latest.json"));
    assert.equal(artifact.mode, "rerun-failed");
    assert.equal(artifact.selection.shard?.index, 2);
    assert.equal(artifact.selection.shard?.total, 2);
    assert.deepEqual(artifact.selection.fixtureIds, listed[1]);
    assert.equal(artifact.selection.source?.path, "merged.json");
  });
});

Deno.test("merge: a run and its rerun give the final verdict", async () => {
  await using p = await tempProject({
    "fixtures/steady.smoke.jsonc": sh("true"),
    // Fails the first time (leaving a marker), passes after.
    "fixtures/wobbly.smoke.jsonc": sh("test -f marker || { touch marker; exit 1; }"),
  });
  const first = await runSmoke(p.dir, []);
  assert.equal(first.code, 1, first.stdout + first.stderr);
  const firstRun = /^Artifact: (.+)$/m.exec(first.stdout)![1];
  const rerun = await runSmoke(p.dir, ["--rerun-failed"]);
  assert.equal(rerun.code, 0, rerun.stdout + rerun.stderr);
  const rerunRun = /^Artifact: (.+)$/m.exec(rerun.stdout)![1];

  const merge = await runSmoke(p.dir, ["merge", firstRun, rerunRun, "--out", "out/final.json"]);
  assert.equal(merge.code, 0, merge.stdout + merge.stderr);
  assert.equal(merge.resultLine, "RESULT: pass");
  assert.match(merge.stdout, /^Artifact: out\/final\.json$/m);
  const final = ArtifactSchema.parse(JSON.parse(await p.read("out/final.json")));
  assert.deepEqual(final.summary, { total: 2, passed: 2, failed: 0, skipped: 0, flaky: 0 });
  assert.equal(final.fixtures.find((f) => f.id === "wobbly")?.previousStatus, "failed");
  const latest = await p.latest();
  assert.equal(latest.mode, "rerun-failed", "--out elsewhere leaves the artifact directory alone");

  // In the other order, the old failure wins: the merged run fails, and says why.
  const reversed = await runSmoke(p.dir, ["merge", rerunRun, firstRun, "--out", "reversed.json"]);
  assert.equal(reversed.code, 1, reversed.stdout + reversed.stderr);
  assert.match(reversed.stderr, /^warning: .* \[MERGE_ORDER\]$/m);
  assert.match(
    reversed.stdout,
    new RegExp(`^Rerun failures: ${INVOKE} --rerun-failed --artifact reversed\\.json$`, "m"),
  );
});

Deno.test("merge: the console shows the suite's verdict, what it still owes, and the rerun", async () => {
  await using p = await tempProject({
    "fixtures/a.smoke.jsonc": sh("echo a >> ran.log"),
    "fixtures/f.smoke.jsonc": sh("echo f >> ran.log; exit 1"),
  });
  assert.equal((await runSmoke(p.dir, [])).code, 1);
  const fullId = ArtifactSchema.parse(await p.latest()).runId;
  assert.equal((await runSmoke(p.dir, ["--fixture", "a"])).code, 0);

  // The merge judges its own fixtures (a passed): RESULT pass, as a spot-check's run does; the
  // suite's verdict and what it still owes are printed above it, with the command that pays it.
  const merge = await runSmoke(p.dir, [
    "merge",
    ".planning/artifacts/smoke/latest.json",
    "--out",
    "m.json",
  ]);
  assert.equal(merge.code, 0, merge.stdout + merge.stderr);
  assert.equal(merge.resultLine, "RESULT: pass");
  assert.match(merge.stdout, /^Suite verdict: 1 passed, 1 failed of 2 -> fail$/m);
  assert.match(merge.stdout, new RegExp(`^Suite: 1 still failing since run ${fullId}: f$`, "m"));
  assert.match(
    merge.stdout,
    new RegExp(`^Rerun failures: ${INVOKE} --rerun-failed --artifact m\\.json$`, "m"),
  );
  const merged = ArtifactSchema.parse(JSON.parse(await p.read("m.json")));
  assert.equal(merged.combined?.result, "fail");

  // The printed command reruns what is owed.
  await Deno.remove(join(p.dir, "ran.log"));
  const rerun = await runSmoke(p.dir, ["--rerun-failed", "--artifact", "m.json"]);
  assert.equal(rerun.code, 1, rerun.stdout + rerun.stderr);
  assert.equal(await p.read("ran.log"), "f\n");

  // Into the artifact directory, the command needs no --artifact.
  const intoLatest = await runSmoke(p.dir, ["merge", "m.json"]);
  assert.equal(intoLatest.code, 0, intoLatest.stdout + intoLatest.stderr);
  assert.match(intoLatest.stdout, /^Suite verdict: 1 passed, 1 failed of 2 -> fail$/m);
  assert.match(intoLatest.stdout, new RegExp(`^Rerun failures: ${INVOKE} --rerun-failed$`, "m"));
});

Deno.test("merge into the artifact directory of a run that is not a full run (a spot check elsewhere, one shard) keeps what the directory still owes, as a partial run does", async () => {
  await using p = await tempProject({
    "fixtures/bad.smoke.jsonc": sh("echo bad >> ran.log; exit 1"),
    "fixtures/ok.smoke.jsonc": sh("echo ok >> ran.log"),
  });
  assert.equal((await runSmoke(p.dir, [])).code, 1);
  const fullId = ArtifactSchema.parse(await p.latest()).runId;
  // A spot check in another directory, merged here; that directory has a full run of its own in
  // which "bad" passed: its state is not this directory's.
  await p.write("fixtures/bad.smoke.jsonc", sh('echo bad >> ran.log; [ -n "$PASS" ]'));
  const elsewhere = { env: { PASS: "1" } };
  assert.equal((await runSmoke(p.dir, ["--artifact-dir", "elsewhere"], elsewhere)).code, 0);
  assert.equal(
    (await runSmoke(p.dir, ["--fixture", "ok", "--artifact-dir", "elsewhere"], elsewhere)).code,
    0,
  );
  const merge = await runSmoke(p.dir, ["merge", "elsewhere/latest.json"]);
  assert.equal(merge.code, 0, merge.stdout + merge.stderr);
  assert.match(merge.stdout, /^Suite verdict: 1 passed, 1 failed of 2 -> fail$/m);
  assert.match(merge.stdout, new RegExp(`^Suite: 1 still failing since run ${fullId}: bad$`, "m"));
  // What is owed reruns.
  await Deno.remove(join(p.dir, "ran.log"));
  const rerun = await runSmoke(p.dir, ["--rerun-failed"]);
  assert.equal(rerun.code, 1, rerun.stdout + rerun.stderr);
  assert.equal(await p.read("ran.log"), "bad\n");
  // One shard of a full run (the other missing) merged here: the same.
  assert.equal((await runSmoke(p.dir, [])).code, 1);
  // A shard count that puts the two apart, and the shard with "ok".
  const total = [2, 3, 4, 5, 6, 7, 8].find((n) =>
    shardIndexOf("ok", n) !== shardIndexOf("bad", n)
  )!;
  const shard = `${shardIndexOf("ok", total)}/${total}`;
  assert.equal((await runSmoke(p.dir, ["--shard", shard, "--artifact-dir", "elsewhere"])).code, 0);
  const partial = await runSmoke(p.dir, ["merge", "elsewhere/latest.json"]);
  assert.match(partial.stdout, /^Not a full run: /m);
  assert.match(partial.stdout, /^Suite: 1 still failing since run \S+: bad$/m);
  // A latest.json that cannot be read: the state comes from the newest run file, and the warning
  // is said once and kept in the merged artifact, as a run keeps it.
  await p.write(".planning/artifacts/smoke/latest.json", "{");
  const damaged = await runSmoke(p.dir, ["merge", "elsewhere/latest.json"]);
  assert.equal(damaged.stderr.match(/\[INVALID_ARTIFACT\]/g)?.length, 1, damaged.stderr);
  const codes = ((await p.latest()).diagnostics as { code: string }[]).map((d) => d.code);
  assert.ok(codes.includes("INVALID_ARTIFACT"), codes.join(", "));
});

Deno.test("merge into the artifact directory of inputs older than the run latest.json holds (not among them) warns MERGE_ORDER, kept in the merged artifact; the shards of the run latest.json holds do not", async () => {
  await using p = await tempProject({ "fixtures/a.smoke.jsonc": sh("true") });
  assert.equal((await runSmoke(p.dir, [])).code, 0);
  await Deno.copyFile(join(p.artifactDir, "latest.json"), join(p.dir, "old.json"));
  assert.equal((await runSmoke(p.dir, [])).code, 0);
  const newer = (await p.latest()).runId;
  const merge = await runSmoke(p.dir, ["merge", "old.json"]);
  assert.equal(merge.code, 0, merge.stdout + merge.stderr);
  assert.match(
    merge.stderr,
    new RegExp(
      `^warning: Run \\S+ started before run ${newer}, which latest.json holds: the merge replaces newer results \\[MERGE_ORDER\\]$`,
      "m",
    ),
  );
  assert.match(
    merge.stderr,
    /^hint: To keep the newer results, merge their artifact after these \(later inputs win: latest\.json last\)/m,
  );
  const merged = await p.latest();
  assert.ok((merged.diagnostics as { code: string }[]).some((d) => d.code === "MERGE_ORDER"));
  // latest.json now holds the merged run, whose results began when old.json's did: the newer run
  // merged back is newer, whatever the merged run's id says.
  const back = await runSmoke(p.dir, ["merge", `.planning/artifacts/smoke/runs/${newer}.json`]);
  assert.equal(back.code, 0, back.stdout + back.stderr);
  assert.doesNotMatch(back.stderr, /^warning: Run \S+ started before run/m);
  // latest.json's own run among the inputs: no warning of this merge's (the input's own, of
  // the merge before, is said as its run's).
  await Deno.copyFile(join(p.artifactDir, "latest.json"), join(p.dir, "now.json"));
  const again = await runSmoke(p.dir, ["merge", "old.json", "now.json"]);
  assert.doesNotMatch(again.stderr, /^warning: Run \S+ started before run/m);
});

Deno.test("merge: invalid inputs are refused with the preflight codes; nothing is written", async () => {
  await using p = await tempProject({
    "broken.json": '{\n  "schemaVersion": 1,\n',
    "future.json": JSON.stringify({ schemaVersion: 2, fixtures: [] }),
    "other.json": JSON.stringify({ schemaVersion: 1, fixtures: "no" }),
  });
  const single = await runSmoke(p.dir, ["merge", "future.json"]);
  assert.equal(single.code, 2);
  assert.equal(single.resultLine, "RESULT: fail");
  assert.match(
    single.stderr,
    /^error: Cannot merge artifact "future\.json": schemaVersion 2 is not supported.* \[ARTIFACT_UNSUPPORTED_VERSION\]$/m,
  );

  const many = await runSmoke(p.dir, ["merge", "broken.json", "missing.json", "other.json"]);
  assert.equal(many.code, 2);
  assert.equal(many.resultLine, "RESULT: fail");
  assert.match(
    many.stderr,
    /^error: Cannot merge: 3 of 3 artifacts are invalid \[ARTIFACT_INVALID_JSON\]$/m,
  );
  assert.match(
    many.stderr,
    /"broken\.json" \[ARTIFACT_INVALID_JSON\]: unexpected end of input at line 3/,
  );
  assert.match(many.stderr, /"missing\.json" \[ARTIFACT_NOT_FOUND\]: no file at that path/);
  assert.match(many.stderr, /"other\.json" \[ARTIFACT_SCHEMA_MISMATCH\]: /);
  assert.equal(await p.exists(".planning"), false);

  const none = await runSmoke(p.dir, ["merge"]);
  assert.equal(none.code, 2);
  assert.match(none.stderr, /^error: Cannot merge: no artifacts given$/m);
  const wrongFlag = await runSmoke(p.dir, ["merge", "future.json", "--shard", "1/2"]);
  assert.equal(wrongFlag.code, 2);
  assert.match(wrongFlag.stderr, /^error: The flag "--shard" does not apply to "smoke merge"$/m);
});

Deno.test("merge: text from input artifacts cannot act as a workflow command in GitHub Actions", async () => {
  const hostile = createArtifact({
    runId: "r1",
    mode: "full",
    startedAt: new Date(0),
    finishedAt: new Date(1),
    version: "0.1.0",
    environment: { deno: "2.9.6", os: "linux", arch: "x86_64", ci: true },
    selection: { fixtureIds: ["a"] },
    fixtures: [{
      id: "a",
      status: "failed",
      durationMs: 1,
      attempts: 1,
      exitCode: 1,
      signal: null,
      timedOut: false,
      failure: { kind: "exit-code", message: "boom ##[error]forged\r::add-mask::x" },
    }],
    diagnostics: [{
      code: "STALE_FIXTURE",
      level: "warning",
      message: "gone\n::add-mask::secret\n::stop-commands::t",
      hint: "##[warning]forged",
    }],
  });
  await using p = await tempProject({ "hostile.json": JSON.stringify(hostile) });
  const merge = await runSmoke(p.dir, ["merge", "hostile.json", "--out", "m.json"], {
    env: { GITHUB_ACTIONS: "true" },
  });
  assert.equal(merge.code, 1, merge.stdout + merge.stderr);
  for (const line of (merge.stdout + merge.stderr).split(/[\r\n]/)) {
    assert.doesNotMatch(line, /^\s*::/, `a line starts a workflow command: ${line}`);
    assert.doesNotMatch(line, /##\[/, `a legacy workflow command: ${line}`);
  }
  assert.match(
    merge.stderr,
    // An input's warning, said as its run's.
    /^warning: In run r1: gone ::add-mask::secret ::stop-commands::t \[STALE_FIXTURE\]$/m,
  );
});

Deno.test("merge: the default --out follows config artifactDir and --artifact-dir", async () => {
  const artifact = createArtifact({
    runId: "20261125T000000000Z-abcdef",
    mode: "full",
    startedAt: new Date(0),
    finishedAt: new Date(1),
    version: "0.1.0",
    environment: { deno: "2.9.6", os: "linux", arch: "x86_64", ci: false },
    selection: { fixtureIds: ["a"] },
    fixtures: [{
      id: "a",
      status: "passed",
      durationMs: 1,
      attempts: 1,
      exitCode: 0,
      signal: null,
      timedOut: false,
    }],
  });
  await using p = await tempProject({
    "smoke.jsonc": JSON.stringify({ artifactDir: "from-config" }),
    "in.json": JSON.stringify(artifact),
  });
  const byConfig = await runSmoke(p.dir, ["merge", "in.json"]);
  assert.equal(byConfig.code, 0, byConfig.stdout + byConfig.stderr);
  const merged = JSON.parse(await p.read("from-config/latest.json"));
  assert.match(
    byConfig.stdout,
    new RegExp(`^Artifact: from-config/runs/${merged.runId}\\.json$`, "m"),
  );
  assert.equal(
    await p.read(`from-config/runs/${merged.runId}.json`),
    await p.read("from-config/latest.json"),
  );

  const byFlag = await runSmoke(p.dir, ["merge", "in.json", "--artifact-dir", "from-flag"]);
  assert.equal(byFlag.code, 0, byFlag.stdout + byFlag.stderr);
  assert.equal(JSON.parse(await p.read("from-flag/latest.json")).mode, "merged");
});

Deno.test("merge into the artifact directory adds the shards' durations it does not hold yet: a CI merge job leaves a summary the next run orders by; shards run here are not counted twice, and every shard of one split drops the timings the splits share", async () => {
  const { files, ids } = catalog();
  await using p = await tempProject(files);
  const summary = join(p.dir, ".planning/artifacts/smoke/durations.json");
  // Runners that each keep their own directory (CI): the merge's directory has none of them.
  for (const index of [1, 2]) {
    await runSmoke(p.dir, ["--shard", `${index}/2`, "--artifact-dir", `shard-${index}`]);
  }
  const ci = await runSmoke(p.dir, ["merge", "shard-1/latest.json", "shard-2/latest.json"]);
  assert.equal(ci.code, 1, ci.stderr);
  const merged = JSON.parse(await Deno.readTextFile(summary));
  assert.deepEqual(Object.keys(merged.fixtures).sort(), ids);
  assert.ok(Object.values(merged.fixtures).every((ms) => (ms as number[]).length === 1));
  // Merged again (as with a rerun after them), or merged elsewhere and that merge merged here:
  // the summary holds them already.
  await runSmoke(p.dir, ["merge", "shard-1/latest.json", "shard-2/latest.json"]);
  await runSmoke(p.dir, ["merge", "shard-1/latest.json", "shard-2/latest.json", "--out", "x.json"]);
  await runSmoke(p.dir, ["merge", "x.json"]);
  assert.deepEqual(JSON.parse(await Deno.readTextFile(summary)).fixtures, merged.fixtures);
  assert.equal(JSON.parse(await Deno.readTextFile(summary)).runs, merged.runs);
  const dry = await runSmoke(p.dir, ["--dry-run"]);
  assert.match(dry.stdout, /^Start order: longest expected first \(from the newest 1 run\)/m);
  // Shards split by duration here, one after another, then merged: their runs added their
  // durations (one more each), the merge adds none, and drops the timings they shared.
  const runs: string[] = [];
  for (const index of [1, 2]) {
    await runSmoke(p.dir, ["--shard", `${index}/2`, "--shard-by", "duration"]);
    runs.push(`.planning/artifacts/smoke/runs/${(await p.latest()).runId}.json`);
  }
  assert.ok(JSON.parse(await Deno.readTextFile(summary)).splits, "kept while the shards run");
  const before = JSON.parse(await Deno.readTextFile(summary));
  const here = await runSmoke(p.dir, ["merge", ...runs]);
  assert.match(here.stdout, /Every shard of one split \(2\): a full run\./);
  const after = JSON.parse(await Deno.readTextFile(summary));
  assert.ok(Object.values(after.fixtures).every((ms) => (ms as number[]).length === 2));
  assert.equal(after.splits, undefined);
  // It added no results: no run counted either.
  assert.equal(after.runs, before.runs);
});
