/**
 * End-to-end tests of the suite's outstanding set: partial runs never make a
 * rerun forget a failure, one artifact is enough, every partial run says what
 * the suite still owes, fingerprints tell fixes from flakes, and `--if-none`.
 * Fixtures append their id to a log so the tests see exactly what ran.
 */
import assert from "node:assert/strict";
import { join } from "node:path";
import { ArtifactSchema } from "../lib/artifact/artifact_schema.ts";
import { runSmoke, type TempProject, tempProject } from "./_project.ts";
import { logging, ran, setState, suite } from "./_logging.ts";

const runFiles = (p: TempProject) =>
  [...Deno.readDirSync(`${p.artifactDir}/runs`)].map((e) => e.name).sort();

Deno.test("a spot-check never makes --rerun-failed forget the full run's failures", async () => {
  await using p = await suite(["api/health", "api/login", "slow/nightly_report"], [
    "slow/nightly_report",
  ]);
  const full = await runSmoke(p.dir, []);
  assert.equal(full.code, 1);
  const fullId = ArtifactSchema.parse(await p.latest()).runId;
  await ran(p);

  const spot = await runSmoke(p.dir, ["--fixture", "api/health"]);
  assert.equal(spot.code, 0, spot.stderr);
  assert.equal(spot.resultLine, "RESULT: pass");
  assert.match(
    spot.stdout,
    new RegExp(`^Suite: 1 still failing since run ${fullId}: slow/nightly_report$`, "m"),
  );
  assert.match(spot.stdout, /^Suite verdict: 2 passed, 1 failed of 3 -> fail$/m);
  const spotArtifact = ArtifactSchema.parse(await p.latest());
  assert.equal(spotArtifact.mode, "selected");
  assert.deepEqual(spotArtifact.combined?.summary.failed, 1);
  assert.deepEqual(spotArtifact.suite?.outstanding.map((e) => [e.id, e.runId]), [
    ["slow/nightly_report", fullId],
  ]);
  await ran(p);

  const rerun = await runSmoke(p.dir, ["--rerun-failed"]);
  assert.equal(rerun.code, 1, rerun.stderr);
  assert.deepEqual(await ran(p), ["slow/nightly_report"]);
});

Deno.test("a spot-check that passes a failing fixture pays it; an unrelated one leaves the rest", async () => {
  await using p = await suite(["a", "b", "c"], ["a", "b"]);
  await runSmoke(p.dir, []);
  const fullId = ArtifactSchema.parse(await p.latest()).runId;
  await setState(p, "a", "pass");
  const fixA = await runSmoke(p.dir, ["--fixture", "a"]);
  assert.match(fixA.stdout, new RegExp(`^Suite: 1 still failing since run ${fullId}: b$`, "m"));
  await runSmoke(p.dir, ["--fixture", "c"]);
  await ran(p);
  await runSmoke(p.dir, ["--rerun-failed"]);
  assert.deepEqual(await ran(p), ["b"], "only b is still owed");

  await setState(p, "b", "pass");
  const fixB = await runSmoke(p.dir, ["--fixture", "b"]);
  assert.match(fixB.stdout, new RegExp(`^Suite: nothing outstanding since run ${fullId}$`, "m"));
  const none = await runSmoke(p.dir, ["--rerun-failed"]);
  assert.equal(none.code, 2);
  assert.equal(none.resultLine, "RESULT: fail");
  assert.match(
    none.stderr,
    new RegExp(
      `^error: Nothing to rerun: nothing failed in run \\S+ \\(a partial run\\), ` +
        `and nothing is outstanding since full run ${fullId} \\[NO_RERUNNABLE_FAILURES\\]$`,
      "m",
    ),
  );
});

Deno.test("one copied latest.json, with no runs/ beside it, reruns the same outstanding set", async () => {
  await using p = await suite(["a", "b", "c"], ["a", "b"]);
  await runSmoke(p.dir, []);
  await runSmoke(p.dir, ["--fixture", "c"]);
  await runSmoke(p.dir, ["--rerun-failed", "--fixture", "a"]);
  await ran(p);
  // CI downloads one file: the history is not there.
  await Deno.copyFile(`${p.artifactDir}/latest.json`, join(p.dir, "downloaded.json"));
  await Deno.remove(p.artifactDir, { recursive: true });
  const run = await runSmoke(p.dir, ["--rerun-failed", "--artifact", "downloaded.json"]);
  assert.equal(run.code, 1, run.stderr);
  assert.doesNotMatch(run.stderr, /RERUN_CHAIN_INCOMPLETE/);
  assert.deepEqual(await ran(p), ["a", "b"]);
});

Deno.test("a shard run and a merge change only what they ran; every shard merged is a full run", async () => {
  await using p = await suite(["a", "b", "c", "d"], ["a", "b", "c", "d"]);
  await runSmoke(p.dir, []);
  for (const id of ["a", "b", "c", "d"]) await setState(p, id, "pass");
  const shard = await runSmoke(p.dir, ["--shard", "1/2"]);
  const shardArtifact = ArtifactSchema.parse(await p.latest());
  const shardRan = shardArtifact.fixtures.map((f) => f.id);
  assert.ok(shardRan.length > 0 && shardRan.length < 4, shardRan.join());
  assert.match(shard.stdout, /^Suite: \d still failing since run /m);
  assert.deepEqual(
    shardArtifact.suite?.outstanding.map((e) => e.id),
    ["a", "b", "c", "d"].filter((id) => !shardRan.includes(id)),
    "a shard is not a full run: the other shard's failures are still owed",
  );
  await Deno.copyFile(`${p.artifactDir}/latest.json`, join(p.dir, "shard1.json"));
  await runSmoke(p.dir, ["--shard", "2/2"]);
  await Deno.copyFile(`${p.artifactDir}/latest.json`, join(p.dir, "shard2.json"));
  const merged = await runSmoke(p.dir, ["merge", "shard1.json", "shard2.json", "--out", "m.json"]);
  assert.equal(merged.code, 0, merged.stderr);
  const m = ArtifactSchema.parse(JSON.parse(await p.read("m.json")));
  assert.deepEqual(m.suite?.outstanding, []);
  assert.equal(m.suite?.since, m.runId, "every shard of a full run is a full run");
});

/**
 * Three fixtures that failed in a full run and pass now, and timings `t1.json` (longest first
 * over 4 shards it puts a, b, c on 1, 2, 3) and `t2.json` (c, b, a).
 */
async function fixedSuite() {
  const p = await suite(["a", "b", "c"], ["a", "b", "c"]);
  await runSmoke(p.dir, []);
  for (const id of ["a", "b", "c"]) await setState(p, id, "pass");
  const timings = (a: number, c: number) =>
    JSON.stringify({ version: 1, fixtures: { a: [a], b: [2000], c: [c] } });
  await p.write("t1.json", timings(3000, 1000));
  await p.write("t2.json", timings(1000, 3000));
  return p;
}

Deno.test("a merge of the shards that got fixtures is a full run: the empty shards wrote nothing", async () => {
  await using p = await fixedSuite();
  // Every runner of a duration split is given the same timings (the workflow passes one file).
  for (const by of [["--shard-by", "hash"], ["--shard-by", "duration", "--timings", "t1.json"]]) {
    // Five shards for three fixtures: at least two get none.
    const written: string[] = [];
    let empty = 0;
    for (let index = 1; index <= 5; index++) {
      const before = await p.latest();
      const run = await runSmoke(p.dir, ["--shard", `${index}/5`, ...by]);
      assert.equal(run.code, 0, run.stderr);
      if (/EMPTY_SHARD/.test(run.stderr)) {
        empty++;
        assert.deepEqual(await p.latest(), before, "an empty shard writes nothing");
        continue;
      }
      const shard = ArtifactSchema.parse(await p.latest()).selection.shard;
      assert.ok(shard?.withFixtures?.includes(index), JSON.stringify(shard));
      written.push(`${by[1]}-${index}.json`);
      await Deno.copyFile(`${p.artifactDir}/latest.json`, join(p.dir, written.at(-1)!));
    }
    assert.ok(empty >= 2, `${by[1]}: ${empty} empty shards`);
    const merged = await runSmoke(p.dir, ["merge", ...written, "--out", `${by[1]}.json`]);
    assert.equal(merged.code, 0, merged.stderr);
    const m = ArtifactSchema.parse(JSON.parse(await p.read(`${by[1]}.json`)));
    assert.deepEqual(m.fixtures.map((f) => f.id), ["a", "b", "c"]);
    assert.match(
      merged.stdout,
      new RegExp(
        `^Every shard of one split that got fixtures \\(${written.length} of 5\\): a full run\\.$`,
        "m",
      ),
    );
    assert.equal(m.suite?.since, m.runId, `${by[1]}: every shard that got fixtures is a full run`);
    assert.deepEqual(m.suite?.outstanding, []);
    const part = await runSmoke(p.dir, ["merge", ...written.slice(1), "--out", "part.json"]);
    assert.equal(part.code, 0, part.stderr);
    const partial = ArtifactSchema.parse(JSON.parse(await p.read("part.json")));
    assert.notEqual(partial.suite?.since, partial.runId, `${by[1]}: a shard left out`);
    assert.match(part.stdout, /^Not a full run: shard \d\/5 is missing\.$/m);
  }
});

Deno.test("shards of two different splits are never merged into a full run, though the same shards got fixtures", async () => {
  await using p = await fixedSuite();
  const shards = [["1/4", "t1.json"], ["2/4", "t1.json"], ["3/4", "t2.json"]];
  for (const [shard, timings] of shards) {
    const run = await runSmoke(p.dir, [
      "--shard",
      shard,
      "--shard-by",
      "duration",
      "--timings",
      timings,
    ]);
    assert.equal(run.code, 0, run.stderr);
    assert.deepEqual(ArtifactSchema.parse(await p.latest()).selection.shard?.withFixtures, [
      1,
      2,
      3,
    ]);
    await Deno.copyFile(`${p.artifactDir}/latest.json`, join(p.dir, `s${shard[0]}.json`));
  }
  const merged = await runSmoke(p.dir, [
    "merge",
    "s1.json",
    "s2.json",
    "s3.json",
    "--out",
    "m.json",
  ]);
  assert.equal(merged.code, 0, merged.stderr);
  const m = ArtifactSchema.parse(JSON.parse(await p.read("m.json")));
  assert.deepEqual(m.fixtures.map((f) => f.id), ["a", "b"], "c never ran");
  assert.notEqual(m.suite?.since, m.runId, "not a full run");
  assert.match(merged.stdout, /^Not a full run: the shards are of different splits /m);
  // Said as a warning too, with its code: "c" ran on no runner, and the
  // merge still passes by what it merged.
  assert.match(
    merged.stderr,
    /^warning: The shards were split differently \(.*\): together they may have run a fixture twice and another not at all \[SHARDS_SPLIT_DIFFERENTLY\]\nhint: Give every shard/m,
  );
  const saved = ArtifactSchema.parse(JSON.parse(await p.read("m.json")));
  assert.ok(saved.diagnostics?.some((d) => d.code === "SHARDS_SPLIT_DIFFERENTLY"));
});

Deno.test("--if-none: fail (the default), pass runs and writes nothing, all runs the suite", async () => {
  await using p = await suite(["a", "b"], []);
  await runSmoke(p.dir, []);
  await ran(p);
  const before = runFiles(p);

  const fail = await runSmoke(p.dir, ["--rerun-failed", "--if-none", "fail"]);
  assert.equal(fail.code, 2);
  assert.match(fail.stderr, /\[NO_RERUNNABLE_FAILURES\]/);

  const pass = await runSmoke(p.dir, ["--rerun-failed", "--if-none", "pass"]);
  assert.equal(pass.code, 0, pass.stderr);
  assert.equal(pass.resultLine, "RESULT: pass");
  assert.match(
    pass.stdout,
    /^Nothing to rerun: nothing failed in run \S+; --if-none pass: nothing ran\.$/m,
  );
  assert.deepEqual(await ran(p), []);
  assert.deepEqual(runFiles(p).length, before.length + 1, "only the default's diagnostics file");
  // --list says why there is nothing to list, on stderr; no ids on stdout.
  const listed = await runSmoke(p.dir, ["--rerun-failed", "--if-none", "pass", "--list"]);
  assert.equal(listed.code, 0, listed.stderr);
  assert.equal(listed.stdout, "");
  assert.match(listed.stderr, /^Nothing to rerun: .*; --if-none pass: nothing to list\.$/m);

  // --if-none all runs the selection instead: excludes that empty it are named as for a run.
  const emptied = await runSmoke(p.dir, ["--rerun-failed", "--if-none", "all", "--exclude", "**"]);
  assert.equal(emptied.code, 2, emptied.stderr);
  assert.match(emptied.stderr, /^error: No fixture is left after --exclude \*\* \[NO_FIXTURES\]$/m);
  await ran(p);

  const all = await runSmoke(p.dir, ["--rerun-failed", "--if-none", "all"]);
  assert.equal(all.code, 0, all.stderr);
  assert.match(all.stdout, /--if-none all: running the selection instead/);
  assert.deepEqual(await ran(p), ["a", "b"]);
  assert.equal(ArtifactSchema.parse(await p.latest()).mode, "full");

  // With something outstanding, --if-none changes nothing.
  await setState(p, "b", "fail");
  await runSmoke(p.dir, []);
  await ran(p);
  const owed = await runSmoke(p.dir, ["--rerun-failed", "--if-none", "all"]);
  assert.equal(owed.code, 1);
  assert.deepEqual(await ran(p), ["b"]);

  for (const args of [["--if-none", "pass"], ["--rerun-failed", "--if-none", "maybe"]]) {
    const bad = await runSmoke(p.dir, args);
    assert.equal(bad.code, 2, args.join(" "));
    assert.match(bad.stderr, /--if-none/);
  }
});

Deno.test("fingerprints: a rerun says which outstanding fixtures changed since they failed", async () => {
  await using p = await suite(["a", "b"], ["a", "b"]);
  await runSmoke(p.dir, []);
  await ran(p);
  const full = ArtifactSchema.parse(await p.latest());
  // Every fixture that failed has one (a passed one needs none: nothing compares it).
  assert.ok(full.fixtures.every((f) => /^[0-9a-f]{64}$/.test(f.fingerprint ?? "")));
  assert.ok(full.suite?.outstanding.every((e) => e.fingerprint !== undefined));
  // A fix to a: its manifest changes. b is untouched.
  await p.write(
    "fixtures/a.smoke.jsonc",
    JSON.stringify({ description: "fixed", ...JSON.parse(logging("a")) }),
  );
  const dry = await runSmoke(p.dir, ["--rerun-failed", "--dry-run"]);
  assert.equal(dry.code, 0, dry.stderr);
  assert.match(dry.stdout, /^a {2}\(failed: exit-code, changed since\)$/m);
  assert.match(dry.stdout, /^b {2}\(failed: exit-code, unchanged since\)$/m);
  assert.match(dry.stdout, /^ {2}changed since they failed \(a rerun tests the fix\): a$/m);
  assert.match(
    dry.stdout,
    /^ {2}unchanged since they failed \(a pass now points to a flake, not a fix\): b$/m,
  );
  const run = await runSmoke(p.dir, ["--rerun-failed"]);
  assert.match(run.stdout, /^ {2}changed since they failed \(a rerun tests the fix\): a$/m);
  assert.deepEqual(await ran(p), ["a", "b"], "a changed fixture is still rerun");
});

Deno.test("a contradictory suite state is refused with its key path; unknown ids are stale", async () => {
  await using p = await suite(["a", "b"], ["a"]);
  await runSmoke(p.dir, []);
  const artifact = await p.latest() as unknown as Record<string, unknown> & {
    runId: string;
    suite: { outstanding: { id: string; runId: string }[] };
  };
  const future = structuredClone(artifact);
  future.suite.outstanding[0].runId = "29991231T000000000Z-ffffff";
  await p.write("future.json", JSON.stringify(future));
  const refused = await runSmoke(p.dir, ["--rerun-failed", "--artifact", "future.json"]);
  assert.equal(refused.code, 2);
  assert.match(
    refused.stderr,
    /suite\.outstanding\[0\]\.runId: names run 29991231T000000000Z-ffffff, newer than this artifact's run/,
  );
  assert.match(refused.stderr, /\[ARTIFACT_SCHEMA_MISMATCH\]/);

  const edited = structuredClone(artifact);
  (edited.fixtures as { status: string }[])[0].status = "passed";
  await p.write("edited.json", JSON.stringify(edited));
  const disagrees = await runSmoke(p.dir, ["--rerun-failed", "--artifact", "edited.json"]);
  assert.equal(disagrees.code, 2);
  assert.match(disagrees.stderr, /fixtures\[0\]\.status: "passed" for "a" disagrees/);

  const unknown = structuredClone(artifact);
  unknown.suite.outstanding.push({ ...unknown.suite.outstanding[0], id: "zz/gone" });
  await p.write("unknown.json", JSON.stringify(unknown));
  await ran(p);
  const stale = await runSmoke(p.dir, ["--rerun-failed", "--artifact", "unknown.json"]);
  assert.equal(stale.code, 1, stale.stderr);
  assert.match(stale.stderr, /"zz\/gone" \[STALE_FIXTURE\]$/m);
  assert.deepEqual(await ran(p), ["a"]);
});

Deno.test("artifacts from before the suite's state still rerun (v1 files of an older smoke)", async () => {
  const ids = ["api/health", "expect", "flaky", "later", "missing", "reads", "slow"];
  await using p = await suite(ids, []);
  const data = new URL("../testdata/artifacts/", import.meta.url);
  const full = await Deno.readTextFile(new URL("v1_full.json", data));
  const rerun = await Deno.readTextFile(new URL("v1_rerun.json", data));
  await Deno.mkdir(`${p.artifactDir}/runs`, { recursive: true });
  await Deno.writeTextFile(
    `${p.artifactDir}/runs/${JSON.parse(full).runId}.json`,
    full,
  );
  await Deno.writeTextFile(`${p.artifactDir}/runs/${JSON.parse(rerun).runId}.json`, rerun);
  await Deno.writeTextFile(`${p.artifactDir}/latest.json`, rerun);
  // A spot-check over the old latest.json carries its chain's failures on.
  const spot = await runSmoke(p.dir, ["--fixture", "expect"]);
  assert.equal(spot.code, 0, spot.stderr);
  assert.match(
    spot.stdout,
    /^Suite: 3 still failing since run 20261125T152558244Z-058ca9: missing, reads, slow$/m,
  );
  await ran(p);
  const again = await runSmoke(p.dir, ["--rerun-failed"]);
  assert.equal(again.code, 0, again.stderr);
  assert.deepEqual(await ran(p), ["missing", "reads", "slow"]);
});

Deno.test("a spot-check over a damaged latest.json takes the state from the newest saved run", async () => {
  await using p = await suite(["a", "b"], ["b"]);
  await runSmoke(p.dir, []);
  const fullId = ArtifactSchema.parse(await p.latest()).runId;
  await p.write(".planning/artifacts/smoke/latest.json", "{ damaged");
  const spot = await runSmoke(p.dir, ["--fixture", "a"]);
  assert.equal(spot.code, 0, spot.stderr);
  assert.match(
    spot.stderr,
    /Cannot read the suite's state from .*latest\.json.*\[INVALID_ARTIFACT\]/,
  );
  assert.match(spot.stderr, new RegExp(`newest saved run instead: .*runs/${fullId}\\.json`));
  assert.match(spot.stdout, new RegExp(`^Suite: 1 still failing since run ${fullId}: b$`, "m"));
});

Deno.test("a partial run's step summary gives the suite's verdict and what it still owes, not a rerun's", async () => {
  await using p = await suite(["a", "b"], ["b"]);
  await runSmoke(p.dir, []);
  const summary = join(p.dir, "summary.md");
  const spot = await runSmoke(p.dir, ["--fixture", "a"], {
    env: { GITHUB_ACTIONS: "true", GITHUB_STEP_SUMMARY: summary },
  });
  assert.equal(spot.code, 0, spot.stderr);
  const text = await Deno.readTextFile(summary);
  assert.match(
    text,
    /\*\*Suite verdict\*\* \(the suite's latest results, this run's in place\): 1 passed, 1 failed of 2/,
  );
  assert.doesNotMatch(text, /After rerun/);
  assert.match(text, /^Still failing in the suite: `b`$/m);
  assert.match(text, /^Rerun what the suite still owes:$/m);
});

Deno.test("a rerun: the dry run says first what it reruns; a fixture that never finished is neither changed nor unchanged; a pass on a retry is marked", async () => {
  await using p = await tempProject({
    "fixtures/a.smoke.jsonc": logging("a"),
    "fixtures/slow.smoke.jsonc": JSON.stringify({ command: ["sleep", "30"], timeoutMs: 300 }),
    "fixtures/flaky.smoke.jsonc": JSON.stringify({
      command: ["sh", "-c", "n=$(cat n 2>/dev/null || echo 0); echo $((n+1)) > n; [ $n -ge 3 ]"],
      retries: 1,
    }),
    "state/a": "fail",
  });
  // The flaky fixture fails both attempts of this run, then fails once and passes on a retry.
  await runSmoke(p.dir, []);
  const dry = await runSmoke(p.dir, [
    "--rerun-failed",
    "--dry-run",
    "--fixture",
    "a",
    "--fixture",
    "flaky",
  ]);
  assert.match(dry.stdout, /^Would rerun 2 outstanding fixtures from run \S+\n/);
  // An interrupted fixture is owed, but it never ran to fail on its content.
  const artifact = ArtifactSchema.parse(await p.latest());
  const forged = structuredClone(artifact);
  forged.fixtures = forged.fixtures.map((f) =>
    f.id === "slow" ? { ...f, failure: { kind: "interrupted", message: "Interrupted" } } : f
  );
  forged.suite!.outstanding = forged.suite!.outstanding.map((e) =>
    e.id === "slow" ? { ...e, kind: "interrupted" } : e
  );
  await p.write("interrupted.json", JSON.stringify(forged));
  const listed = await runSmoke(p.dir, [
    "--rerun-failed",
    "--dry-run",
    "--artifact",
    "interrupted.json",
  ]);
  assert.doesNotMatch(listed.stdout, /changed since they failed.*slow/);
  const rerun = await runSmoke(p.dir, ["--rerun-failed", "--fixture", "flaky"]);
  assert.match(rerun.stdout, /^Recovered: 1 \(flaky \(flaky: passed on a retry\)\)$/m);
});

Deno.test("a rerun from an older run's file keeps what failed since in latest.json", async () => {
  await using p = await suite(["f", "g"], ["f"]);
  await runSmoke(p.dir, []);
  const fullId = ArtifactSchema.parse(await p.latest()).runId;
  await setState(p, "g", "fail");
  await runSmoke(p.dir, ["--fixture", "g"]); // g fails now too
  await setState(p, "f", "pass");
  await ran(p);
  const rerun = await runSmoke(p.dir, [
    "--rerun-failed",
    "--artifact",
    `.planning/artifacts/smoke/runs/${fullId}.json`,
  ]);
  assert.deepEqual(await ran(p), ["f"], "the older file's outstanding set is what reruns");
  assert.match(rerun.stdout, new RegExp(`^Suite: 1 still failing since run ${fullId}: g$`, "m"));
  const next = await runSmoke(p.dir, ["--rerun-failed"]);
  assert.equal(next.code, 1, next.stderr);
  assert.deepEqual(await ran(p), ["g"], "g, which failed after that file, is still owed");
});

Deno.test("an outstanding fixture missing from the catalog for a while stays owed until a full run", async () => {
  await using p = await suite(["a", "f"], ["f"]);
  await runSmoke(p.dir, []);
  await Deno.rename(join(p.dir, "fixtures/f.smoke.jsonc"), join(p.dir, "f.away"));
  const spot = await runSmoke(p.dir, ["--fixture", "a"]);
  assert.match(spot.stderr, /1 outstanding fixture is not in the catalog: "f" \[STALE_FIXTURE\]/);
  assert.match(
    spot.stdout,
    /^Suite: nothing outstanding in the catalog since run \S+; 1 more owed, not in the catalog now$/m,
  );
  assert.match(spot.stdout, /^Suite verdict: 1 passed, 0 failed of 1 -> pass$/m);
  await Deno.rename(join(p.dir, "f.away"), join(p.dir, "fixtures/f.smoke.jsonc"));
  await ran(p);
  const rerun = await runSmoke(p.dir, ["--rerun-failed"]);
  assert.equal(rerun.code, 1, rerun.stderr);
  assert.deepEqual(await ran(p), ["f"]);
  // A full run drops what the catalog no longer has.
  await Deno.remove(join(p.dir, "fixtures/f.smoke.jsonc"));
  await runSmoke(p.dir, []);
  assert.deepEqual(ArtifactSchema.parse(await p.latest()).suite?.outstanding, []);
});

Deno.test("a missing latest.json: a partial run takes the state from the newest saved run; --list reads no state", async () => {
  await using p = await suite(["a", "f"], ["f"]);
  await runSmoke(p.dir, []);
  const fullId = ArtifactSchema.parse(await p.latest()).runId;
  await Deno.remove(`${p.artifactDir}/latest.json`);
  const spot = await runSmoke(p.dir, ["--fixture", "a"]);
  assert.match(
    spot.stderr,
    /Cannot read the suite's state from .*latest\.json.*\[LATEST_MISSING\]/,
  );
  assert.match(spot.stdout, new RegExp(`^Suite: 1 still failing since run ${fullId}: f$`, "m"));
  await p.write(".planning/artifacts/smoke/latest.json", "{ damaged");
  const list = await runSmoke(p.dir, ["--list", "--fixture", "a"]);
  assert.equal(list.code, 0);
  assert.equal(list.stderr, "", "a listing reads no state and says nothing of it");
});
