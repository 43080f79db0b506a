/**
 * Duration-balanced shards (issue 13, item 3): `--shard I/N --shard-by duration`
 * splits agree across invocations, missing timings are reported, and a
 * `--timings` file that is no artifact is a usage error.
 */
import assert from "node:assert/strict";
import { join } from "node:path";
import { runSmoke, type SmokeRun, type TempProject, tempProject } from "./_project.ts";

const IDS = ["a", "b", "c", "d", "e", "f", "g"];
const MS = [4000, 1000, 1000, 2000, 500, 3000, 1500];

/**
 * Runs shard `index` of 2, split by duration from the project's own history; the run, and the
 * ids its artifact holds.
 */
async function durationShard(
  p: TempProject,
  index: number,
): Promise<{ run: SmokeRun; ids: string[] }> {
  const run = await runSmoke(p.dir, ["--shard", `${index}/2`, "--shard-by", "duration"]);
  return { run, ids: (await p.latest()).fixtures.map((f) => f.id as string) };
}

/**
 * Shards of 2 split by duration from the project's own history, run one at a time as `shard`
 * is called, each required to pass; `ran` collects the ids they ran.
 */
function passingShards(p: TempProject): { ran: string[]; shard(index: number): Promise<void> } {
  const ran: string[] = [];
  return {
    ran,
    async shard(index) {
      const { run, ids } = await durationShard(p, index);
      assert.equal(run.code, 0, run.stdout + run.stderr);
      ran.push(...ids);
    },
  };
}

/** A command fixture (`true`) for each id, as project files. */
function trueFixtures(ids: readonly string[]): Record<string, string> {
  return Object.fromEntries(
    ids.map((id) => [`fixtures/${id}.smoke.jsonc`, JSON.stringify({ command: ["true"] })]),
  );
}

/** A durations summary's `fixtures`: one duration each. */
function oneDurationEach(ms: Record<string, number>): Record<string, number[]> {
  return Object.fromEntries(Object.entries(ms).map(([id, m]) => [id, [m]]));
}

async function project() {
  const files = trueFixtures(IDS);
  // Timings for all but "g", as a durations summary.
  const fixtures = Object.fromEntries(IDS.slice(0, -1).map((id, i) => [id, [MS[i]]]));
  files["timings.json"] = JSON.stringify({ version: 1, runs: 1, fixtures });
  files["not-an-artifact.json"] = JSON.stringify({ hello: "world" });
  return await tempProject(files);
}

Deno.test("--shard-by duration: 1/2 and 2/2 with the same timings cover the selection once", async () => {
  await using p = await project();
  const listed: string[][] = [];
  for (const index of [1, 2]) {
    const args = ["--list", "--shard", `${index}/2`, "--shard-by", "duration"];
    const run = await runSmoke(p.dir, [...args, "--timings", "timings.json"]);
    assert.equal(run.code, 0, run.stderr);
    assert.match(
      run.stderr,
      /Shards by duration \(from timings\.json, 1 of 7 fixtures without timings: g\): 1\/2 6\.5s.*, 2\/2 6\.5s/,
    );
    assert.match(run.stderr, new RegExp(`${index}/2 \\S+ \\(this shard\\)`));
    listed.push(run.stdout.split("\n").filter(Boolean));
  }
  assert.deepEqual(listed.flat().sort(), IDS);
  // LPT: a 4s -> 1, f 3s -> 2, d 2s -> 2, g (default: the median, 1.5s) -> 1, b 1s -> 2,
  // c 1s -> 1, e 0.5s -> 2 (6.5s each; equal totals go to the lower shard).
  assert.deepEqual(listed, [["a", "c", "g"], ["b", "d", "e", "f"]]);

  // The run says what it predicts, and runs its shard only.
  const run = await runSmoke(p.dir, [
    "--shard",
    "2/2",
    "--shard-by",
    "duration",
    "--timings",
    "timings.json",
  ]);
  assert.equal(run.code, 0, run.stderr);
  assert.match(run.stdout, /Shard 2\/2 by duration: predicted 6\.5s/);
  // The run says how many fixtures had no timings (and so the default), as --list does.
  assert.match(
    run.stdout,
    /^Shard 2\/2 by duration: predicted 6\.5s of fixture time \(from timings\.json, 1 of 7 fixtures without timings: g\)$/m,
  );
  // ... and, at the end, what the shard's fixtures took against it (`true` takes milliseconds).
  assert.match(
    run.stdout,
    /Shard 2\/2 by duration: predicted 6\.5s of fixture time, took \d+ms\n/,
  );
  assert.deepEqual((await p.latest()).fixtures.map((f) => f.id), ["b", "d", "e", "f"]);

  // A previous run's artifact is timings too, and the dry run shows the totals on stdout.
  const previous = join(p.artifactDir, "runs", `${(await p.latest()).runId}.json`);
  const dry = await runSmoke(p.dir, [
    "--dry-run",
    "--shard",
    "1/2",
    "--shard-by",
    "duration",
    "--timings",
    previous,
  ]);
  assert.equal(dry.code, 0, dry.stderr);
  assert.match(
    dry.stdout,
    /Shards by duration \(from .*runs\/\S+\.json, 3 of 7 fixtures without timings: a, c, g\)/,
  );
});

Deno.test("--shard-by duration without timings: every fixture gets the default, with a warning", async () => {
  await using p = await project();
  const run = await runSmoke(p.dir, ["--list", "--shard", "1/2", "--shard-by", "duration"]);
  assert.equal(run.code, 0, run.stderr);
  assert.match(run.stderr, /warning: No timings in ".*durations\.json".*\[SHARD_TIMINGS_MISSING\]/);
  assert.match(run.stderr, /no timings: 7 of 7 fixtures at the default/);
  // A summary that is there but cannot be read says why, not that there is none.
  await p.write(".planning/artifacts/smoke/durations.json", "{ damaged");
  const damaged = await runSmoke(p.dir, ["--list", "--shard", "1/2", "--shard-by", "duration"]);
  assert.equal(damaged.code, 0, damaged.stderr);
  assert.match(
    damaged.stderr,
    /warning: Cannot read ".*durations\.json": it is not JSON: unexpected token "d" at line 1, column 3: every fixture gets the default duration \[DURATIONS_UNREADABLE\]/,
  );
  // Not "run the suite once": a run starts the damaged summary again, unless it cannot write it.
  assert.match(
    damaged.stderr,
    /^hint: The start order is by id too; a run that can write the summary makes it again from the run files in runs\/ .*Remove what is there to silence this, or pass --timings with a previous run's artifact\.$/m,
  );
  // The start order reads the same summary: a dry run (and a run) says it once, not twice.
  const dry = await runSmoke(p.dir, ["--dry-run", "--shard", "1/2", "--shard-by", "duration"]);
  assert.equal(dry.code, 0, dry.stderr);
  assert.equal(
    dry.stderr.match(/^warning: Cannot read ".*durations\.json"/gm)?.length,
    1,
    dry.stderr,
  );
});

Deno.test("--shard-by duration with timings that hold none of the fixtures: a split by count, said with a warning (a folder per runner that keeps its first, empty split; --timings of another suite); the run line says where its timings came from", async () => {
  await using p = await project();
  // A folder per runner: the first split keeps what it read (nothing); round after round, each
  // split reads that, not the durations its runs recorded since, so it stays a split by count.
  const round = () =>
    runSmoke(p.dir, ["--shard", "1/2", "--shard-by", "duration", "--artifact-dir", "shard-1"]);
  const first = await round();
  assert.equal(first.code, 0, first.stdout + first.stderr);
  assert.match(first.stderr, /No timings in "shard-1\/durations\.json"/);
  const second = await round();
  assert.equal(second.code, 0, second.stdout + second.stderr);
  assert.match(
    second.stderr,
    /^warning: No timings in "shard-1\/durations\.json" for any of the \d fixtures that run: every fixture gets the default duration \(a split by count\) \[SHARD_TIMINGS_MISSING\]$/m,
  );
  assert.match(
    second.stderr,
    /^hint: These are the timings kept for the splits here since the last full run/m,
  );
  // A --timings file of other ids.
  await p.write("other.json", JSON.stringify({ version: 1, fixtures: { x: [10], y: [20] } }));
  const other = await runSmoke(p.dir, [
    "--list",
    "--shard",
    "1/2",
    "--shard-by",
    "duration",
    "--timings",
    "other.json",
  ]);
  assert.equal(other.code, 0, other.stderr);
  assert.match(
    other.stderr,
    /^warning: No timings in "other\.json" for any of the 7 fixtures that run: .*\n^hint: Pass --timings with an artifact or durations\.json in which these fixtures ran/m,
  );
  // Timings for some: no warning, and the run line names its source even with none missing.
  const some = await runSmoke(p.dir, [
    "--shard",
    "1/2",
    "--shard-by",
    "duration",
    "--timings",
    "timings.json",
    "--fixture",
    "a",
  ]);
  assert.equal(some.code, 0, some.stderr);
  assert.doesNotMatch(some.stderr, /SHARD_TIMINGS_MISSING/);
  assert.match(
    some.stdout,
    /^Shard 1\/2 by duration: predicted 4\.0s of fixture time \(from timings\.json\)$/m,
  );
});

Deno.test("--rerun-failed split by duration: owed fixtures without timings, placed as the whole selection splits, are no split by count (no SHARD_TIMINGS_MISSING)", async () => {
  await using p = await tempProject({
    ...trueFixtures(["a", "b", "c", "d"]),
    "fixtures/n1.smoke.jsonc": JSON.stringify({ command: ["false"] }),
    "fixtures/n2.smoke.jsonc": JSON.stringify({ command: ["false"] }),
  });
  assert.equal((await runSmoke(p.dir, [])).code, 1);
  // The owed ones have no durations; the others have.
  await p.write(
    ".planning/artifacts/smoke/durations.json",
    JSON.stringify({
      version: 1,
      runs: 1,
      fixtures: oneDurationEach({ a: 400, b: 300, c: 200, d: 100 }),
    }),
  );
  const dry = await runSmoke(p.dir, [
    "--dry-run",
    "--rerun-failed",
    "--shard",
    "1/2",
    "--shard-by",
    "duration",
  ]);
  assert.equal(dry.code, 0, dry.stdout + dry.stderr);
  assert.match(dry.stdout, /placed as the whole selection splits/);
  assert.doesNotMatch(dry.stderr, /SHARD_TIMINGS_MISSING/);
});

Deno.test("--timings naming a file that is no artifact exits 2 and names it", async () => {
  await using p = await project();
  for (const file of ["not-an-artifact.json", "missing.json"]) {
    const args = ["--shard", "1/2", "--shard-by", "duration", "--timings", file];
    const run = await runSmoke(p.dir, args);
    assert.equal(run.code, 2, run.stderr);
    assert.match(run.stderr, new RegExp(`Cannot read timings "${file.replace(".", "\\.")}"`));
    assert.match(run.stderr, /SHARD_TIMINGS_INVALID/);
  }
  // JSON that is neither kind says so, not only what an artifact lacks.
  for (const text of ['{"hello":"world"}', "{}", "[1, 2]", '{"name":"pkg","version":"1.0.0"}']) {
    await p.write("other.json", text);
    const run = await runSmoke(p.dir, [
      "--list",
      "--shard",
      "1/2",
      "--shard-by",
      "duration",
      "--timings",
      "other.json",
    ]);
    assert.equal(run.code, 2, run.stderr);
    assert.match(
      run.stderr,
      /^error: Cannot read timings "other\.json": it is neither a smoke artifact \(no "schemaVersion"\) nor a durations summary \(no "version": 1 with "fixtures"\) \[SHARD_TIMINGS_INVALID\]$/m,
      text,
    );
  }
  // Hash shards need no timings: asking for both is a usage error too.
  const hash = await runSmoke(p.dir, ["--shard", "1/2", "--timings", "timings.json"]);
  assert.equal(hash.code, 2, hash.stderr);
});

Deno.test("--timings naming a durations summary with entries it cannot read exits 2 before anything runs and lists them by key path", async () => {
  await using p = await project();
  await p.write(
    "bad.json",
    JSON.stringify({
      version: 1,
      fixtures: { a: [4000, "2s"], b: 1000, "../x": [5], c: [-1], d: [1000] },
    }),
  );
  const args = ["--shard", "1/2", "--shard-by", "duration", "--timings", "bad.json"];
  const run = await runSmoke(p.dir, args);
  // Before: read as "4 of 7 fixtures without timings", each at the default, and run.
  assert.equal(run.code, 2, run.stdout + run.stderr);
  assert.equal(run.stdout, "RESULT: fail\n");
  assert.match(run.stderr, /Cannot read timings "bad\.json" \[SHARD_TIMINGS_INVALID\]:\n/);
  assert.match(run.stderr, /^hint: Fix or remove these entries: each id's durations are a list /m);
  assert.match(
    run.stderr,
    /^ {2}fixtures\.a\[1\]: expected a duration in milliseconds .*, got "2s"$/m,
  );
  assert.match(
    run.stderr,
    /^ {2}fixtures\.b: expected a list of durations in milliseconds, got 1000$/m,
  );
  assert.match(run.stderr, /^ {2}fixtures\.\.\.\/x: not a fixture id$/m);
  assert.match(run.stderr, /^ {2}fixtures\.c\[0\]: .*, got -1$/m);
  assert.doesNotMatch(run.stderr, /fixtures\.d/);
  assert.match(run.stderr, /SHARD_TIMINGS_INVALID/);
  assert.equal(await p.exists(".planning/artifacts/smoke/latest.json"), false);
  // A summary written without its version is said to be one (before: "schemaVersion: missing
  // (is this a smoke artifact?)").
  await p.write("unversioned.json", JSON.stringify({ fixtures: { a: [4000] } }));
  const unversioned = await runSmoke(p.dir, [...args.slice(0, -1), "unversioned.json"]);
  assert.equal(unversioned.code, 2, unversioned.stdout + unversioned.stderr);
  assert.match(
    unversioned.stderr,
    /Cannot read timings "unversioned\.json": a durations summary without "version": 1 \[SHARD_TIMINGS_INVALID\]/,
  );
});

Deno.test("--timings from an artifact with durations no run records is refused by key path, as a durations summary is: no fixture falls back to the default unsaid", async () => {
  await using p = await project();
  const first = await runSmoke(p.dir, []);
  assert.equal(first.code, 0, first.stderr);
  const artifact = JSON.parse(await p.read(".planning/artifacts/smoke/latest.json"));
  artifact.fixtures[2].durationMs = 3e9;
  artifact.fixtures[4].durationMs = 1.7e308;
  await p.write("huge.json", JSON.stringify(artifact));
  for (const index of [1, 2]) {
    const args = ["--shard", `${index}/2`, "--shard-by", "duration", "--timings", "huge.json"];
    const run = await runSmoke(p.dir, args);
    assert.equal(run.code, 2, run.stdout + run.stderr);
    assert.match(
      run.stderr,
      /^error: Cannot read timings "huge\.json" \[SHARD_TIMINGS_INVALID\]:\n {2}fixtures\[2\]\.durationMs: expected a duration in milliseconds \(a number from 0 to 2147483647\), got 3000000000\n {2}fixtures\[4\]\.durationMs: .*got 1\.7e\+308\nhint: /m,
    );
    assert.doesNotMatch(run.stdout, /^(PASS|FAIL) /m);
    assert.match(run.stdout, /RESULT: fail\n$/);
  }
});

Deno.test("an empty duration shard: --dry-run shows every shard's predicted total, as --list does", async () => {
  await using p = await project();
  const args = ["--shard", "9/9", "--shard-by", "duration", "--timings", "timings.json"];
  const dry = await runSmoke(p.dir, ["--dry-run", ...args]);
  assert.equal(dry.code, 0, dry.stderr);
  assert.match(
    dry.stdout,
    /^Shards by duration \(from timings\.json, .*8\/9 to 9\/9 0ms \(this shard: 9\/9\)$/m,
  );
  assert.match(dry.stderr, /EMPTY_SHARD/);
  assert.match(dry.stdout, /^Dry run: 0 fixtures would run; nothing was run or written\.$/m);
  assert.equal(dry.stdout.trimEnd().split("\n").at(-1), "RESULT: pass");
  const list = await runSmoke(p.dir, ["--list", ...args]);
  assert.match(list.stderr, /8\/9 to 9\/9 0ms \(this shard: 9\/9\)/);
});

Deno.test("--shard-by duration with --repeat: predicted and took are both of one run", async () => {
  await using p = await project();
  const run = await runSmoke(p.dir, [
    "--shard",
    "2/2",
    "--shard-by",
    "duration",
    "--timings",
    "timings.json",
    "--repeat",
    "2",
  ]);
  assert.equal(run.code, 0, run.stderr);
  assert.match(
    run.stdout,
    /Shard 2\/2 by duration: predicted 6\.5s of fixture time, took \d+ms \(one run of each, of --repeat 2\)\n/,
  );
});

Deno.test("--dry-run with --timings says which figures come from the timings and which from the local history", async () => {
  await using p = await project();
  const args = ["--dry-run", "--shard", "1/2", "--shard-by", "duration"];
  const label =
    /^The expected durations and the start order are from the artifact directory's durations\.json; the shard totals from timings\.json\.$/m;
  // No local history yet: no expected lines, but the start order is still not the timings'
  // (before: nothing said so, and each runner with a directory of its own started by id).
  const before = await runSmoke(p.dir, [...args, "--timings", "timings.json"]);
  assert.equal(before.code, 0, before.stderr);
  assert.doesNotMatch(before.stdout, /The expected durations/);
  assert.match(
    before.stdout,
    /^Start order: by id \(no history yet[^\n]*\n(?:.*\n)?The shard totals are from timings\.json; the start order is from the artifact directory's durations\.json, which has no durations yet\.$/m,
  );
  assert.equal((await runSmoke(p.dir, [])).code, 0);
  const dry = await runSmoke(p.dir, [...args, "--timings", "timings.json"]);
  assert.equal(dry.code, 0, dry.stderr);
  assert.match(dry.stdout, /^ {2}expected: \S+ \(median of 1 run\)$/m);
  assert.match(dry.stdout, label);
  // By id because asked, or because the summary cannot be read: not "no durations yet".
  const byId = await runSmoke(p.dir, [...args, "--timings", "timings.json", "--order", "id"]);
  assert.match(byId.stdout, /^Start order: by id \(--order id\)$/m);
  assert.doesNotMatch(byId.stdout, /no durations yet|The expected durations/);
  // Both from the local summary: one source, no label; also when --timings names it.
  const local = await runSmoke(p.dir, args);
  assert.equal(local.code, 0, local.stderr);
  assert.doesNotMatch(local.stdout, /The expected durations/);
  const named = await runSmoke(p.dir, [
    ...args,
    "--timings",
    "./.planning/artifacts/smoke/durations.json",
  ]);
  assert.equal(named.code, 0, named.stderr);
  assert.match(named.stdout, /from \.\/\.planning\/artifacts\/smoke\/durations\.json, /);
  assert.doesNotMatch(named.stdout, /The expected durations/);
});

Deno.test("a --timings or --artifact-dir name with a newline is refused before it is printed", async () => {
  await using p = await project();
  const shard = ["--list", "--shard", "1/2", "--shard-by", "duration"];
  for (const flag of ["--timings", "--artifact-dir"]) {
    const run = await runSmoke(p.dir, [...shard, flag, "t\nerror: FORGED.json"]);
    assert.equal(run.code, 2, run.stderr);
    assert.match(
      run.stderr,
      new RegExp(`Invalid value for "${flag}": the path holds a control character`),
    );
    assert.doesNotMatch(run.stdout + run.stderr, /^error: FORGED/m);
  }
});

Deno.test("--shard-by duration with a huge N: no crash, no giant line; N past 2^53 is refused", async () => {
  await using p = await project();
  for (const args of [["--dry-run"], ["--list"]]) {
    const run = await runSmoke(p.dir, [
      ...args,
      "--shard",
      "1/99999999999",
      "--shard-by",
      "duration",
      "--timings",
      "timings.json",
    ]);
    assert.equal(run.code, 0, run.stderr);
    assert.match(run.stdout + run.stderr, /8\/99999999999 to 99999999999\/99999999999 0ms/);
    assert.ok(run.stdout.length + run.stderr.length < 10_000);
  }
  const huge = await runSmoke(p.dir, ["--list", "--shard", "1/99999999999999999999"]);
  assert.equal(huge.code, 2, huge.stderr);
  assert.match(huge.stderr, /Invalid value for "--shard"/);
});

Deno.test("--shard-by duration: a fixture skipped in its manifest, or because its need is, never gets a shard of its own", async () => {
  await using p = await tempProject({
    "fixtures/api/health.smoke.jsonc": JSON.stringify({ command: ["true"] }),
    "fixtures/cli/version.smoke.jsonc": JSON.stringify({ command: ["true"] }),
    "fixtures/cli/legacy.smoke.jsonc": JSON.stringify({ command: ["true"], skip: "retired" }),
    "fixtures/cli/legacy-extra.smoke.jsonc": JSON.stringify({
      command: ["true"],
      needs: ["cli/legacy"],
    }),
    "t.json": JSON.stringify({
      version: 1,
      fixtures: { "api/health": [2000], "cli/version": [1000] },
    }),
  });
  const written: string[] = [];
  for (let index = 1; index <= 4; index++) {
    const args = ["--shard", `${index}/4`, "--shard-by", "duration", "--timings", "t.json"];
    const run = await runSmoke(p.dir, args);
    // A shard of only skipped fixtures would end "Nothing ran", exit 1.
    assert.equal(run.code, 0, run.stdout + run.stderr);
    assert.doesNotMatch(run.stdout, /without timings/, "the skipped ones need no timings");
    if (/EMPTY_SHARD/.test(run.stderr)) continue;
    written.push(`s${index}.json`);
    await Deno.copyFile(`${p.artifactDir}/latest.json`, `${p.dir}/s${index}.json`);
  }
  assert.equal(written.length, 2);
  const merged = await runSmoke(p.dir, ["merge", ...written, "--out", "m.json"]);
  assert.equal(merged.code, 0, merged.stdout + merged.stderr);
  assert.match(
    merged.stdout,
    /^Every shard of one split that got fixtures \(2 of 4\): a full run\.$/m,
  );
  // The shard that took the skipped ones says so in its line.
  assert.match(
    merged.stdout,
    /^ {2}s\d\.json {2}run \S+ {2}3 fixtures \(1 passed, 0 failed, 2 skipped\)$/m,
  );
});

Deno.test("--shard-by duration: a teardown without needs, the longest fixture, runs after another fixture of its shard", async () => {
  await using p = await tempProject({
    "fixtures/api/a.smoke.jsonc": JSON.stringify({ command: ["true"] }),
    "fixtures/api/b.smoke.jsonc": JSON.stringify({ command: ["true"] }),
    "fixtures/api/c.smoke.jsonc": JSON.stringify({ command: ["true"] }),
    "fixtures/teardown/clean.smoke.jsonc": JSON.stringify({ command: ["true"], teardown: true }),
    "t.json": JSON.stringify({
      version: 1,
      fixtures: { "api/a": [1000], "api/b": [1000], "api/c": [1000], "teardown/clean": [5000] },
    }),
  });
  const ran: string[][] = [];
  for (let index = 1; index <= 3; index++) {
    const args = ["--shard", `${index}/3`, "--shard-by", "duration", "--timings", "t.json"];
    const run = await runSmoke(p.dir, args);
    // It used to take shard 1 alone: skipped there ("teardown: nothing ran"), that runner ran
    // nothing, exit 1. It runs after the fixtures of a shard instead.
    assert.equal(run.code, 0, run.stdout + run.stderr);
    const latest = JSON.parse(await Deno.readTextFile(`${p.artifactDir}/latest.json`));
    ran.push(
      latest.fixtures.filter((f: { status: string }) => f.status === "passed").map((
        f: { id: string },
      ) => f.id),
    );
  }
  assert.deepEqual(ran, [["api/a", "teardown/clean"], ["api/b"], ["api/c"]]);
});

Deno.test("--shard-by duration: fixtures that need a slow setup run on its shard, so no other runner runs it; each shard's prediction counts what it pulls in", async () => {
  const fixtures = (ids: string[], manifest: Record<string, unknown>) =>
    Object.fromEntries(ids.map((id) => [`fixtures/${id}.smoke.jsonc`, JSON.stringify(manifest)]));
  const apis = ["api/a", "api/b", "api/c", "api/d"];
  await using p = await tempProject({
    ...fixtures(["setup/db"], { command: ["true"] }),
    ...fixtures(["misc/x", "misc/y"], { command: ["true"], tags: ["smoke"] }),
    ...fixtures(apis, { command: ["true"], needs: ["setup/db"], tags: ["smoke"] }),
    ...fixtures(["teardown/db"], { command: ["true"], needs: ["setup/db"], teardown: true }),
    "t.json": JSON.stringify({
      version: 1,
      fixtures: {
        "setup/db": [20_000],
        "teardown/db": [500],
        "misc/x": [6000],
        "misc/y": [6000],
        ...Object.fromEntries(apis.map((id) => [id, [1000]])),
      },
    }),
  });
  const ran: string[][] = [];
  for (let index = 1; index <= 2; index++) {
    const args = ["--shard", `${index}/2`, "--shard-by", "duration", "--timings", "t.json"];
    const dry = await runSmoke(p.dir, [...args, "--dry-run"]);
    assert.equal(dry.code, 0, dry.stdout + dry.stderr);
    // Before: the api fixtures were spread over both shards, and each pulled the 20 s setup in
    // (predicted in its own shard only: 1/2 20.0s, 2/2 16.5s).
    assert.match(dry.stdout, /: 1\/2 24\.5s(?: \(this shard\))?, 2\/2 12\.0s/);
    const run = await runSmoke(p.dir, args);
    assert.equal(run.code, 0, run.stdout + run.stderr);
    assert.match(run.stdout, /^Shard \d\/2 by duration: predicted \S+ of fixture time, took \S+$/m);
    ran.push((await p.latest()).fixtures.map((f) => f.id as string).sort());
  }
  assert.deepEqual(ran, [[...apis, "setup/db", "teardown/db"], ["misc/x", "misc/y"]]);
  // --tag smoke leaves the setup out of the selection: it is only ever pulled in, never placed
  // first. The same split (before: 1/2 28.5s, 2/2 28.5s, the setup on both runners).
  for (let index = 1; index <= 2; index++) {
    const args = ["--shard", `${index}/2`, "--shard-by", "duration", "--timings", "t.json"];
    const dry = await runSmoke(p.dir, [...args, "--tag", "smoke", "--dry-run"]);
    assert.equal(dry.code, 0, dry.stdout + dry.stderr);
    assert.match(dry.stdout, /: 1\/2 24\.5s(?: \(this shard\))?, 2\/2 12\.0s/);
    assert.equal(/^setup\/db {2}\(pulled in/m.test(dry.stdout), index === 1, dry.stdout);
  }
  // The 12 s as three fixtures of 4 s: the same split (before: 1/2 8.0s, 2/2 28.5s, the api
  // fixtures gathered where two misc fixtures already were).
  await p.write(
    "fixtures/misc/z.smoke.jsonc",
    JSON.stringify({ command: ["true"], tags: ["smoke"] }),
  );
  const t = JSON.parse(await p.read("t.json"));
  await p.write(
    "t.json",
    JSON.stringify({
      ...t,
      fixtures: { ...t.fixtures, "misc/x": [4000], "misc/y": [4000], "misc/z": [4000] },
    }),
  );
  const args = ["--shard", "1/2", "--shard-by", "duration", "--timings", "t.json", "--dry-run"];
  const dry = await runSmoke(p.dir, [...args, "--tag", "smoke"]);
  assert.equal(dry.code, 0, dry.stdout + dry.stderr);
  assert.match(dry.stdout, /: 1\/2 24\.5s \(this shard\), 2\/2 12\.0s/);
});

Deno.test("--shard-by duration with needs too many to follow (a chain 400 long): the split says so, and the shard's 'took' leaves out what it pulled in, as its prediction does", async () => {
  const files: Record<string, string> = {};
  const id = (i: number) => `c${String(i).padStart(3, "0")}`;
  for (let i = 0; i < 400; i++) {
    files[`fixtures/${id(i)}.smoke.jsonc`] = JSON.stringify({
      command: ["true"],
      ...(i ? { needs: [id(i - 1)] } : {}),
    });
  }
  files["t.json"] = JSON.stringify({
    version: 1,
    fixtures: Object.fromEntries(Array.from({ length: 400 }, (_, i) => [id(i), [3]])),
  });
  await using p = await tempProject(files);
  const run = await runSmoke(p.dir, [
    "--shard",
    "2/2",
    "--shard-by",
    "duration",
    "--timings",
    "t.json",
  ]);
  assert.equal(run.code, 0, run.stdout + run.stderr);
  assert.match(
    run.stdout,
    /^Shard 2\/2 by duration: predicted 600ms of fixture time \(from t\.json, 0 of 400 fixtures without timings; needs too many to follow, not counted\)$/m,
  );
  // Before: "took 1.2s" against 600ms, with nothing to say why.
  assert.match(
    run.stdout,
    /^Shard 2\/2 by duration: predicted 600ms of fixture time, took \S+ \(\d+ pulled in, not counted\)$/m,
  );
});

Deno.test("--shard-by duration from the artifact directory's own history: shards run one after another in one folder, repeated or interrupted, split alike until a run of another kind; every run's durations count for the start order", async () => {
  // The estimates put a and b on different shards; what the fixtures really take (a and b
  // quick, c and d slower) would put them elsewhere, had the first shard's run moved the split.
  const quick = { command: ["true"] };
  const slow = { command: ["sleep", "0.3"] };
  const summaryPath = ".planning/artifacts/smoke/durations.json";
  const estimates = { a: [900], b: [800], c: [1], d: [1] };
  await using p = await tempProject({
    "fixtures/a.smoke.jsonc": JSON.stringify(quick),
    "fixtures/b.smoke.jsonc": JSON.stringify(quick),
    "fixtures/c.smoke.jsonc": JSON.stringify(slow),
    "fixtures/d.smoke.jsonc": JSON.stringify(slow),
    [summaryPath]: JSON.stringify({ version: 1, runs: 1, fixtures: estimates }),
  });
  const summary = async () => JSON.parse(await p.read(summaryPath));
  const shard = async (index: number) => {
    const ran = await durationShard(p, index);
    assert.equal(ran.run.code, 0, ran.run.stdout + ran.run.stderr);
    return ran;
  };
  // Rounds, a shard run twice, shards out of order: every round runs each fixture once.
  let cRuns = 0;
  for (const order of [[1, 2], [2, 2, 1], [1, 1, 2]]) {
    const ran = new Map<number, string[]>();
    for (const index of order) {
      const { ids } = await shard(index);
      ran.set(index, ids);
      cRuns += ids.filter((id) => id === "c").length;
    }
    assert.deepEqual([...ran.values()].flat().sort(), ["a", "b", "c", "d"], `${order}`);
  }
  const after = await summary();
  // The splits still read what the first of them read; the start order has every duration.
  assert.equal(after.splits.length, 1);
  assert.match(after.splits[0].suite, /^sha256:[0-9a-f]{64}$/);
  assert.deepEqual(after.splits[0].timings, estimates);
  assert.equal(after.runs, 1 + 8);
  assert.equal(after.fixtures.c.length, 1 + cRuns);
  assert.ok(after.fixtures.c[0] >= 250, JSON.stringify(after.fixtures));
  // The plan line says where the split's timings come from.
  const listed = await runSmoke(p.dir, ["--list", "--shard", "1/2", "--shard-by", "duration"]);
  assert.match(listed.stderr, /durations\.json, kept for the splits until a full run,/);
  // --timings naming that file is the same as leaving it out.
  const named = await runSmoke(p.dir, [
    "--list",
    "--shard",
    "1/2",
    "--shard-by",
    "duration",
    "--timings",
    summaryPath,
  ]);
  assert.equal(named.stdout, listed.stdout);
  assert.match(named.stderr, /kept for the splits until a full run/);
  // A run of another kind (here a full one): the next split reads the newest durations.
  assert.equal((await runSmoke(p.dir, [])).code, 0);
  assert.equal((await summary()).splits, undefined);
  const fresh = await shard(1);
  assert.doesNotMatch(fresh.run.stdout, /shared since/);
  const [{ timings: moved }] = (await summary()).splits;
  assert.ok(moved.c[0] >= 250, JSON.stringify(moved));
});

Deno.test("--timings naming the artifact directory's latest.json is refused: the next shard would split by this one's results", async () => {
  await using p = await project();
  assert.equal((await runSmoke(p.dir, [])).code, 0);
  const args = ["--shard", "1/2", "--shard-by", "duration", "--timings"];
  for (
    const path of [
      ".planning/artifacts/smoke/latest.json",
      "./.planning/artifacts/smoke//latest.json",
      join(p.dir, ".planning/artifacts/smoke/latest.json"),
    ]
  ) {
    const run = await runSmoke(p.dir, [...args, path]);
    assert.equal(run.code, 2, run.stdout + run.stderr);
    assert.match(run.stderr, /every run replaces it, so the shards run after this one would/);
    assert.match(run.stderr, /\[SHARD_TIMINGS_INVALID\]/);
    assert.match(run.stderr, /^hint: Copy it first and give the copy to every shard/m);
  }
  // Through a symlink to it, or to the artifact directory, too.
  await Deno.symlink(join(p.dir, ".planning/artifacts/smoke/latest.json"), join(p.dir, "tl.json"));
  await Deno.symlink(join(p.dir, ".planning/artifacts/smoke"), join(p.dir, "ad"));
  for (const path of ["tl.json", "ad/latest.json"]) {
    const run = await runSmoke(p.dir, [...args, path]);
    assert.equal(run.code, 2, run.stdout + run.stderr);
    assert.match(run.stderr, /every run replaces it/);
  }
  // A copy, or the run file it came from, is fine.
  await p.write("timings.json", await p.read(".planning/artifacts/smoke/latest.json"));
  assert.equal((await runSmoke(p.dir, [...args, "timings.json", "--list"])).code, 0);
  const runId = (await p.latest()).runId as string;
  const runFile = `.planning/artifacts/smoke/runs/${runId}.json`;
  assert.equal((await runSmoke(p.dir, [...args, runFile, "--list"])).code, 0);
});

Deno.test("--shard-by duration from the folder's own history: a shard run once more between rounds, then a fixture that got slower, never puts later rounds out of step", async () => {
  const ids = ["p", "q", "r", "s"];
  const seconds: Record<string, string> = { p: "0.4", q: "0.3", r: "0.2", s: "0.1" };
  const files: Record<string, string> = {};
  for (const id of ids) {
    files[`fixtures/${id}.smoke.jsonc`] = JSON.stringify({
      command: ["sh", "-c", `sleep "$(cat d/${id})"`],
    });
    files[`d/${id}`] = seconds[id];
  }
  await using p = await tempProject(files);
  assert.equal((await runSmoke(p.dir, [])).code, 0);
  const round = async (indexes: number[]) => {
    const ran: string[] = [];
    for (const index of indexes) {
      const run = await runSmoke(p.dir, ["--shard", `${index}/2`, "--shard-by", "duration"]);
      assert.equal(run.code, 0, run.stdout + run.stderr);
      ran.push(...(await p.latest()).fixtures.map((f) => f.id as string));
    }
    return ran.sort();
  };
  assert.deepEqual(await round([1, 2]), ids);
  await round([2]);
  // q now takes longest: a split by the newest durations would place it elsewhere.
  await p.write("d/q", "0.9");
  for (let i = 0; i < 5; i++) assert.deepEqual(await round([1, 2]), ids, `round ${i}`);
});

Deno.test("--shard-by duration from the folder's own history: a --rerun-failed or a --fixture spot check between the shards does not move the split; --timings naming the missing summary is leaving it out", async () => {
  const ids = ["p", "q", "r", "s"];
  const files: Record<string, string> = {};
  for (const [i, id] of ids.entries()) {
    files[`fixtures/${id}.smoke.jsonc`] = JSON.stringify({
      command: ["sh", "-c", `sleep "$(cat d/${id})"; test ! -e d/fail-${id}`],
    });
    files[`d/${id}`] = String(0.4 - i * 0.1);
  }
  await using p = await tempProject(files);
  const summary = ".planning/artifacts/smoke/durations.json";
  // No summary yet: --timings naming where it would be warns and splits, as leaving it out does.
  const missing = await runSmoke(p.dir, [
    "--list",
    "--shard",
    "1/2",
    "--shard-by",
    "duration",
    "--timings",
    summary,
  ]);
  assert.equal(missing.code, 0, missing.stderr);
  assert.match(missing.stderr, /\[SHARD_TIMINGS_MISSING\]/);
  assert.equal((await runSmoke(p.dir, [])).code, 0);
  for (const between of [["--rerun-failed"], ["--fixture", "p"]]) {
    // p gets much quicker and s fails: the newest durations would place them elsewhere.
    await p.write("d/p", "0.01");
    await p.write("d/fail-s", "");
    const ran: string[] = [];
    const shard = async (index: number) => {
      const { run, ids } = await durationShard(p, index);
      ran.push(...ids);
      return run;
    };
    await shard(1);
    await Deno.remove(join(p.dir, "d/fail-s"));
    const middle = await runSmoke(p.dir, between);
    assert.ok(middle.code === 0 || middle.code === 1, middle.stdout + middle.stderr);
    await shard(2);
    assert.deepEqual(ran.sort(), ids, between.join(" "));
    // A full run lets the next split read the newest durations.
    await p.write("d/p", "0.4");
    assert.equal((await runSmoke(p.dir, [])).code, 0);
    assert.equal(JSON.parse(await p.read(summary)).splits, undefined);
  }
});

Deno.test("--shard-by duration from the folder's own history: a full run cut short, or another suite's full run, between the shards does not move the split", async () => {
  const ids = ["p", "q", "r", "s"];
  const files: Record<string, string> = {
    "other/z.smoke.jsonc": JSON.stringify({ command: ["true"] }),
  };
  for (const [i, id] of ids.entries()) {
    files[`fixtures/${id}.smoke.jsonc`] = JSON.stringify({
      command: ["sh", "-c", `sleep "$(cat d/${id})"; test ! -e d/fail`],
    });
    files[`d/${id}`] = String(0.4 - i * 0.1);
  }
  await using p = await tempProject(files);
  assert.equal((await runSmoke(p.dir, [])).code, 0);
  const cases: [string, string[]][] = [
    ["a full run stopped by --max-failures", ["--max-failures", "1", "--concurrency", "1"]],
    ["another suite's full run", ["--fixtures-dir", "other"]],
  ];
  for (const [what, between] of cases) {
    await p.write("d/p", "0.01");
    const { ran, shard } = passingShards(p);
    await shard(1);
    if (what.includes("max-failures")) await p.write("d/fail", "");
    await runSmoke(p.dir, between);
    await Deno.remove(join(p.dir, "d/fail")).catch(() => {});
    await shard(2);
    assert.deepEqual(ran.sort(), ids, what);
    await p.write("d/p", "0.4");
    assert.equal((await runSmoke(p.dir, [])).code, 0);
  }
  // --timings naming the summary through a symlinked artifact directory, the summary missing:
  // the same as leaving it out.
  await Deno.remove(join(p.dir, ".planning/artifacts/smoke/durations.json"));
  await Deno.symlink(join(p.dir, ".planning/artifacts/smoke"), join(p.dir, "ad"));
  const args = ["--list", "--shard", "1/2", "--shard-by", "duration", "--timings"];
  const linked = await runSmoke(p.dir, [...args, "ad/durations.json"]);
  assert.equal(linked.code, 0, linked.stderr);
  assert.match(linked.stderr, /\[SHARD_TIMINGS_MISSING\]/);
  assert.match(
    linked.stderr,
    /^hint: --timings naming the artifact directory's own summary is the same as leaving it out\. /m,
  );
  // Through a symlinked project, before the artifact directory exists: the same.
  await Deno.remove(join(p.dir, ".planning"), { recursive: true });
  await Deno.symlink(p.dir, `${p.dir}-link`);
  try {
    const early = await runSmoke(p.dir, [
      ...args,
      `${p.dir}-link/.planning/artifacts/smoke/durations.json`,
    ]);
    assert.equal(early.code, 0, early.stderr);
    assert.match(early.stderr, /\[SHARD_TIMINGS_MISSING\]/);
  } finally {
    await Deno.remove(`${p.dir}-link`);
  }
});

Deno.test("--shard-by duration from the folder's own history: another suite sharing the artifact directory (and an id), with history of its own, in a new folder, or with over 1,000 ids to drop, leaves the split to this suite", async () => {
  const ids = ["p", "q", "r", "s"];
  const files: Record<string, string> = {
    "other/z.smoke.jsonc": JSON.stringify({ command: ["true"] }),
    // An id both suites have.
    "other/q.smoke.jsonc": JSON.stringify({ command: ["true"] }),
  };
  for (const [i, id] of ids.entries()) {
    files[`fixtures/${id}.smoke.jsonc`] = JSON.stringify({
      command: ["sh", "-c", `sleep "$(cat d/${id})"`],
    });
    files[`d/${id}`] = String(0.4 - i * 0.1);
  }
  await using p = await tempProject(files);
  const summary = ".planning/artifacts/smoke/durations.json";
  const cases: [string, () => Promise<void>][] = [
    // Both suites have history: the split kept the other suite's timings too.
    ["the other suite with history", async () => {
      assert.equal((await runSmoke(p.dir, [])).code, 0);
      assert.equal((await runSmoke(p.dir, ["--fixtures-dir", "other"])).code, 0);
    }],
    // No summary: the first shard splits at the default.
    ["a new folder", async () => {
      await Deno.remove(join(p.dir, ".planning"), { recursive: true });
    }],
    // The other suite's run drops ids beside its catalog once they are over 1,000.
    ["over 1,000 ids", async () => {
      assert.equal((await runSmoke(p.dir, [])).code, 0);
      const text = JSON.parse(await p.read(summary));
      for (let i = 0; i < 1001; i++) text.fixtures[`junk/${i}`] = [5];
      await p.write(summary, JSON.stringify(text));
    }],
  ];
  for (const [what, before] of cases) {
    await p.write("d/p", "0.4");
    await before();
    // p got much shorter: a split from the newest durations would differ.
    await p.write("d/p", "0.01");
    const { ran, shard } = passingShards(p);
    await shard(1);
    // The other suite's full run, and a split by duration of its own.
    assert.equal((await runSmoke(p.dir, ["--fixtures-dir", "other"])).code, 0, what);
    const theirs = ["--fixtures-dir", "other", "--shard", "1/2", "--shard-by", "duration"];
    assert.equal((await runSmoke(p.dir, theirs)).code, 0, what);
    await shard(2);
    assert.deepEqual(ran.sort(), ids, what);
  }
});

Deno.test("--shard-by duration: a fixture with no history gets the catalog's median in the split and in the dry run alike", async () => {
  await using p = await tempProject({
    "fixtures/a.smoke.jsonc": JSON.stringify({ command: ["true"] }),
    "fixtures/b.smoke.jsonc": JSON.stringify({ command: ["true"] }),
    "fixtures/c.smoke.jsonc": JSON.stringify({ command: ["true"] }),
    ".planning/artifacts/smoke/durations.json": JSON.stringify({
      version: 1,
      runs: 1,
      fixtures: { a: [5000] },
    }),
  });
  const dry = await runSmoke(p.dir, ["--dry-run", "--shard", "2/2", "--shard-by", "duration"]);
  assert.equal(dry.code, 0, dry.stderr);
  // a, then b and c at a's 5 s: b alone in shard 2, predicted at the 5 s the dry run shows.
  assert.match(dry.stdout, /: 1\/2 10\.0s, 2\/2 5\.0s \(this shard\)$/m);
  assert.match(
    dry.stdout,
    /^b\n(?:.*\n){2} {2}expected: 5\.0s \(no history: the suite's median\)$/m,
  );
});

Deno.test("--rerun-failed split by duration from the folder's own latest.json: shards one after another rerun every owed fixture once, whichever rerun changed what is owed", async () => {
  const files: Record<string, string> = {};
  const ms: Record<string, number> = { g: 0.7, f: 0.2, a: 0.5, b: 0.4, c: 0.3 };
  for (const [id, s] of Object.entries(ms)) {
    files[`fixtures/${id}.smoke.jsonc`] = JSON.stringify({
      command: ["sh", "-c", `sleep ${s}; test ! -e fail-${id}`],
    });
  }
  files["fail-g"] = "";
  files["fail-f"] = "";
  await using p = await tempProject(files);
  assert.equal((await runSmoke(p.dir, ["--concurrency", "5"])).code, 1);
  // g is fixed: shard 1's rerun (whichever shard has it) passes it, and latest.json owes f only.
  await Deno.remove(join(p.dir, "fail-g"));
  const reran: string[] = [];
  for (const index of [1, 2]) {
    const args = ["--rerun-failed", "--shard", `${index}/2`, "--shard-by", "duration"];
    const dry = await runSmoke(p.dir, [...args, "--dry-run"]);
    assert.match(dry.stdout, /placed as the whole selection splits/);
    // Its part of what is owed: g's shard first (g and f owed), then f's (f alone).
    assert.match(
      dry.stdout,
      index === 1
        ? /^Would rerun 1 of 2 outstanding fixtures \(shard 1\/2\) from run /m
        : /^Would rerun 1 of 1 outstanding fixture \(shard 2\/2\) since full run /m,
    );
    const run = await runSmoke(p.dir, args);
    assert.ok(run.code === 0 || run.code === 1, run.stdout + run.stderr);
    if (!/\[EMPTY_SHARD\]/.test(run.stderr)) {
      reran.push(...(await p.latest()).fixtures.map((f) => f.id as string));
    }
  }
  assert.deepEqual(reran.sort(), ["f", "g"]);
});

Deno.test("an estimate is cut to the fixture's timeout now (times its attempts): in the dry run, the start order and the split", async () => {
  await using p = await tempProject({
    "fixtures/a.smoke.jsonc": JSON.stringify({ command: ["true"] }),
    // Its timeout lowered since it took 2 s: at most 500 ms an attempt, with one retry.
    "fixtures/b.smoke.jsonc": JSON.stringify({ command: ["true"], timeoutMs: 500, retries: 1 }),
    ".planning/artifacts/smoke/durations.json": JSON.stringify({
      version: 1,
      runs: 3,
      fixtures: { a: [1500, 1500, 1500], b: [2000, 2000, 2000] },
    }),
  });
  const dry = await runSmoke(p.dir, ["--dry-run", "--shard", "1/2", "--shard-by", "duration"]);
  assert.equal(dry.code, 0, dry.stderr);
  assert.match(dry.stdout, /^a\n(?:.*\n){2} {2}expected: 1\.5s \(median of 3 runs\)$/m);
  assert.match(dry.stdout, /^Shards by duration \(.*\): 1\/2 1\.5s \(this shard\), 2\/2 1\.0s$/m);
  const all = await runSmoke(p.dir, ["--dry-run"]);
  assert.match(
    all.stdout,
    /^b\n(?:.*\n){2} {2}expected: 1\.0s \(median of 3 runs, cut to its timeout\)$/m,
  );
  assert.match(all.stdout, /^Start order: longest expected first \(.*\): a, b$/m);
});

Deno.test("a duration shard stopped early says how many of its fixtures it did not measure, and leaves them out of what it took", async () => {
  await using p = await tempProject({
    "fixtures/a.smoke.jsonc": JSON.stringify({ command: ["sh", "-c", "exit 1"] }),
    "fixtures/b.smoke.jsonc": JSON.stringify({ command: ["true"] }),
    "fixtures/c.smoke.jsonc": JSON.stringify({ command: ["true"] }),
    "timings.json": JSON.stringify({ version: 1, fixtures: { a: [300], b: [200], c: [100] } }),
  });
  const run = await runSmoke(p.dir, [
    ...["--shard", "1/1", "--shard-by", "duration", "--timings", "timings.json"],
    ...["--max-failures", "1", "--concurrency", "1"],
  ]);
  assert.equal(run.code, 1, run.stderr);
  assert.match(
    run.stdout,
    /^Shard 1\/1 by duration: predicted 600ms of fixture time, took \d+ms \(2 not run to the end, not counted\)$/m,
  );
});

Deno.test("a rerun shard that gets none of what is owed says so: the other shards rerun it", async () => {
  await using p = await tempProject({
    "fixtures/x.smoke.jsonc": JSON.stringify({ command: ["sh", "-c", "sleep 0.3; exit 1"] }),
    "fixtures/y.smoke.jsonc": JSON.stringify({ command: ["sh", "-c", "sleep 0.2"] }),
    "fixtures/z.smoke.jsonc": JSON.stringify({ command: ["sh", "-c", "sleep 0.1"] }),
  });
  assert.equal((await runSmoke(p.dir, ["--concurrency", "3"])).code, 1);
  // x, the longest, goes to shard 1 when the whole selection splits: shard 2 owes nothing.
  const run = await runSmoke(p.dir, ["--rerun-failed", "--shard", "2/2", "--shard-by", "duration"]);
  assert.equal(run.code, 0, run.stdout + run.stderr);
  assert.match(
    run.stderr,
    /^warning: Shard 2\/2 has none of the 1 outstanding fixture \[EMPTY_SHARD\]\nhint: Nothing to rerun here; the other shards rerun the rest\.$/m,
  );
});

Deno.test("--shard-by duration from the folder's own history: the shared timings are the suite's however it is reached (a symlinked fixtures directory, another working directory), and another suite under the same name elsewhere is another", async () => {
  const files: Record<string, string> = {
    "sub/.keep": "",
    "y/fixtures/p.smoke.jsonc": JSON.stringify({ command: ["true"] }),
  };
  const ms: Record<string, number> = { a: 4000, b: 3000, c: 2000, d: 1000, e: 500, f: 100 };
  Object.assign(files, trueFixtures(Object.keys(ms)));
  const fixtures = oneDurationEach(ms);
  files[".smoke/durations.json"] = JSON.stringify({ version: 1, runs: 1, fixtures });
  await using p = await tempProject(files);
  await Deno.symlink(join(p.dir, "fixtures"), join(p.dir, "fx-link"));
  const split = ["--shard-by", "duration", "--artifact-dir"];
  const first = await runSmoke(p.dir, ["--shard", "1/2", ...split, ".smoke"]);
  assert.equal(first.code, 0, first.stderr);
  const one = JSON.parse(await p.read(".smoke/latest.json")).fixtures.map((f: { id: string }) =>
    f.id
  );
  // Now a is quick and f slow: a split from the newest durations would differ.
  await p.write(
    ".smoke/durations.json",
    JSON.stringify({
      ...JSON.parse(await p.read(".smoke/durations.json")),
      fixtures: { ...fixtures, a: [1], f: [9000] },
    }),
  );
  // Another suite with the same relative name, from another working directory.
  const other = await runSmoke(join(p.dir, "y"), ["--shard", "1/2", ...split, "../.smoke"]);
  assert.equal(other.code, 0, other.stderr);
  for (
    const [cwd, args] of [
      [p.dir, ["--fixtures-dir", "fx-link", "--artifact-dir", ".smoke"]],
      [join(p.dir, "sub"), ["--fixtures-dir", "../fixtures", "--artifact-dir", "../.smoke"]],
    ] as const
  ) {
    const listed = await runSmoke(cwd, [
      "--list",
      "--shard",
      "2/2",
      "--shard-by",
      "duration",
      ...args,
    ]);
    assert.equal(listed.code, 0, listed.stderr);
    assert.match(listed.stderr, /kept for the splits until a full run/, args.join(" "));
    const two = listed.stdout.trim().split("\n");
    assert.deepEqual([...one, ...two].sort(), Object.keys(ms), args.join(" "));
  }
  // A dry run shows the newest durations (a at 1 ms now) beside shard totals from the kept
  // timings (a at 4 s): it says which is which.
  const dry = await runSmoke(p.dir, ["--dry-run", "--shard", "2/2", ...split, ".smoke"]);
  assert.equal(dry.code, 0, dry.stderr);
  assert.match(
    dry.stdout,
    /^The expected durations and the start order are from the newest durations; the shard totals from the timings kept for the splits until a full run/m,
  );
});

Deno.test("--shard-by duration: two checkouts at different paths given one durations.json that holds a split's shared timings split alike (CI runners restore the same file), in their own artifact directories or in one outside both", async () => {
  const ms: Record<string, number> = {
    a: 100,
    b: 1500,
    c: 300,
    d: 400,
    e: 50,
    f: 2500,
    g: 700,
    h: 900,
  };
  const files = trueFixtures(Object.keys(ms));
  const equal = Object.fromEntries(Object.keys(ms).map((id) => [id, [3000]]));
  const first = JSON.stringify({ version: 1, runs: 1, fixtures: equal });
  await using shared = await tempProject();
  for (const outside of [false, true]) {
    await using one = await tempProject(files);
    await using two = await tempProject(files);
    // Each checkout's own folder, or one folder outside both (as runners sharing a cache).
    const dirOf = (p: TempProject) => outside ? join(shared.dir, "art") : join(p.dir, ".smoke");
    const split = (index: number, p: TempProject) => [
      "--shard",
      `${index}/2`,
      "--shard-by",
      "duration",
      "--artifact-dir",
      dirOf(p),
    ];
    const summary = (p: TempProject) => join(dirOf(p), "durations.json");
    await Deno.mkdir(dirOf(one), { recursive: true });
    await Deno.writeTextFile(summary(one), first);
    // A first split here keeps the timings it read for the splits after it (`splits`)...
    const started = await runSmoke(one.dir, split(1, one));
    assert.equal(started.code, 0, started.stderr);
    // ...and the newest durations now differ from them: a runner reading those would split
    // otherwise.
    const kept = JSON.parse(await Deno.readTextFile(summary(one)));
    assert.equal(kept.splits?.length, 1);
    const restored = JSON.stringify({
      ...kept,
      fixtures: oneDurationEach(ms),
    });
    // Every runner restores that one file, each in its own checkout.
    const ran: string[] = [];
    for (const [index, p] of [[1, one], [2, two]] as const) {
      await Deno.mkdir(dirOf(p), { recursive: true });
      await Deno.writeTextFile(summary(p), restored);
      const listed = await runSmoke(p.dir, ["--list", ...split(index, p)]);
      assert.equal(listed.code, 0, listed.stderr);
      assert.match(listed.stderr, /kept for the splits until a full run/, `outside: ${outside}`);
      ran.push(...listed.stdout.trim().split("\n"));
    }
    assert.deepEqual(ran.sort(), Object.keys(ms));
  }
});

Deno.test("--shard-by duration: a split begun by an earlier smoke (its shared timings under the fixtures directory's real path) is still found, and a full run drops it", async () => {
  const ms: Record<string, number> = { a: 4000, b: 3000, c: 2000, d: 1000, e: 500, f: 100 };
  await using p = await tempProject(trueFixtures(Object.keys(ms)));
  // What the earlier smoke kept: the timings its first shard split by, under a digest of the
  // real path; the newest durations have moved since (a is quick now, f slow).
  const real = await Deno.realPath(join(p.dir, "fixtures"));
  const digest = new Uint8Array(
    await crypto.subtle.digest("SHA-256", new TextEncoder().encode(real)),
  );
  const former = `sha256:${[...digest].map((b) => b.toString(16).padStart(2, "0")).join("")}`;
  const kept = oneDurationEach(ms);
  await p.write(
    ".smoke/durations.json",
    JSON.stringify({
      version: 1,
      runs: 2,
      fixtures: { ...kept, a: [1], f: [9000] },
      splits: [{ suite: former, timings: kept }],
    }),
  );
  const split = ["--shard-by", "duration", "--artifact-dir", ".smoke"];
  const ran: string[] = [];
  for (const index of [1, 2]) {
    const listed = await runSmoke(p.dir, ["--list", "--shard", `${index}/2`, ...split]);
    assert.equal(listed.code, 0, listed.stderr);
    assert.match(listed.stderr, /kept for the splits until a full run/);
    ran.push(...listed.stdout.trim().split("\n"));
  }
  // Split by the kept timings (4 s + 1 s + 0.5 s against 3 s + 2 s + 0.1 s), each fixture once.
  assert.deepEqual(ran, ["a", "d", "e", "b", "c", "f"]);
  const full = await runSmoke(p.dir, ["--artifact-dir", ".smoke"]);
  assert.equal(full.code, 0, full.stderr);
  assert.equal(JSON.parse(await p.read(".smoke/durations.json")).splits, undefined);
});
