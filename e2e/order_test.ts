/**
 * Longest-first start order from smoke's own history (issue 13, items 1 and 2):
 * the order is read from a log each fixture appends to when it starts, never
 * from timing.
 */
import assert from "node:assert/strict";
import { join } from "node:path";
import { runSmoke, tempProject } from "./_project.ts";

/** A fixture that logs its id when it starts, then sleeps. */
const sleeper = (seconds: number) =>
  JSON.stringify({
    command: ["sh", "-c", `echo "$SMOKE_FIXTURE_ID" >> started.log; sleep ${seconds}`],
  });

const IDS = ["a1", "a2", "a3", "a4", "z_slow"];

async function project() {
  const files: Record<string, string> = {};
  for (const id of IDS) files[`fixtures/${id}.smoke.jsonc`] = sleeper(id === "z_slow" ? 1.5 : 0.3);
  return await tempProject(files);
}

/** The ids in the order they started; the log is emptied. */
async function started(dir: string): Promise<string[]> {
  const path = join(dir, "started.log");
  const text = await Deno.readTextFile(path);
  await Deno.remove(path);
  return text.split("\n").filter(Boolean);
}

Deno.test("--order: id order without history, the slowest first with it, id order with --order id", async () => {
  await using p = await project();
  const first = await runSmoke(p.dir, ["--concurrency", "2"]);
  assert.equal(first.code, 0, first.stderr);
  // No history: the first two to start are the first two ids; z_slow starts last.
  const before = await started(p.dir);
  assert.deepEqual(before.slice(0, 2).sort(), ["a1", "a2"]);
  assert.equal(before.at(-1), "z_slow");

  const second = await runSmoke(p.dir, ["--concurrency", "2"]);
  assert.equal(second.code, 0, second.stderr);
  // The first two start together (concurrency 2), so which logs first is a race: z_slow must be
  // one of them, not the last to start as in id order.
  const after = await started(p.dir);
  assert.ok(after.slice(0, 2).includes("z_slow"), after.join(", "));
  assert.notEqual(after.at(-1), "z_slow");
  // Output and artifact order stay by id.
  const latest = await p.latest();
  assert.deepEqual(latest.fixtures.map((f) => f.id), IDS);

  const byId = await runSmoke(p.dir, ["--concurrency", "2", "--order", "id"]);
  assert.equal(byId.code, 0, byId.stderr);
  const kept = await started(p.dir);
  assert.deepEqual(kept.slice(0, 2).sort(), ["a1", "a2"]);
  assert.equal(kept.at(-1), "z_slow");
});

Deno.test("--dry-run: each fixture's expected duration and the start order", async () => {
  await using p = await project();
  // Without history: no estimates, and id order, saying why.
  const none = await runSmoke(p.dir, ["--dry-run"]);
  assert.doesNotMatch(none.stdout, /expected:/);
  assert.match(
    none.stdout,
    /^Start order: by id \(no history yet: a run records the durations\)$/m,
  );
  const explicit = await runSmoke(p.dir, ["--dry-run", "--order", "duration"]);
  assert.match(
    explicit.stdout,
    /^z_slow\n(?:.*\n){2} {2}expected: 1\.0s \(no history: default\)$/m,
  );

  assert.equal((await runSmoke(p.dir, ["--concurrency", "2"])).code, 0);
  const dry = await runSmoke(p.dir, ["--dry-run"]);
  assert.equal(dry.code, 0, dry.stderr);
  assert.match(dry.stdout, /^z_slow\n(?:.*\n){2} {2}expected: 1\.\ds \(median of 1 run\)$/m);
  assert.match(dry.stdout, /^a1\n(?:.*\n){2} {2}expected: \d{3}ms \(median of 1 run\)$/m);
  assert.match(
    dry.stdout,
    /^Start order: longest expected first \(from the newest 1 run\): z_slow, a\d/m,
  );
  const byId = await runSmoke(p.dir, ["--dry-run", "--order", "id"]);
  assert.match(byId.stdout, /^Start order: by id \(--order id\)$/m);
  assert.doesNotMatch(byId.stdout, /expected:/);
  // A summary that counts runs but holds no duration of these fixtures: nothing to order by,
  // and the line says so rather than "from the newest 10 runs".
  await p.write(
    ".planning/artifacts/smoke/durations.json",
    JSON.stringify({ version: 1, runs: 50, fixtures: {} }),
  );
  const empty = await runSmoke(p.dir, ["--dry-run"]);
  assert.equal(empty.code, 0, empty.stderr);
  assert.match(
    empty.stdout,
    /^Start order: longest expected first \(no durations recorded for these fixtures: every fixture at the default\): a1, a2, a3, a4, z_slow$/m,
  );
});

Deno.test("--dry-run: the start order names neither a skipped fixture (its own skip or a need's) nor a teardown, whatever their durations", async () => {
  await using p = await tempProject({
    "fixtures/a1.smoke.jsonc": sleeper(0.1),
    "fixtures/a2.smoke.jsonc": sleeper(0.1),
    "fixtures/off.smoke.jsonc": JSON.stringify({ command: ["true"], skip: "not today" }),
    // Skipped because its need is.
    "fixtures/dep.smoke.jsonc": JSON.stringify({ command: ["true"], needs: ["off"] }),
    "fixtures/zz_clean.smoke.jsonc": JSON.stringify({ command: ["true"], teardown: true }),
  });
  // The longest durations are the skipped fixture's and the teardown's.
  await p.write(
    ".planning/artifacts/smoke/durations.json",
    JSON.stringify({
      version: 1,
      runs: 1,
      fixtures: { a1: [100], a2: [200], off: [9000], dep: [8500], zz_clean: [8000] },
    }),
  );
  const dry = await runSmoke(p.dir, ["--dry-run"]);
  assert.equal(dry.code, 0, dry.stderr);
  assert.match(
    dry.stdout,
    /^Start order: longest chain first \(from the newest 1 run\): a2, a1$/m,
  );
});

Deno.test("each run updates durations.json, which the next run orders by; a hostile one is read safely", async () => {
  await using p = await project();
  assert.equal((await runSmoke(p.dir, ["--concurrency", "2"])).code, 0);
  const summary = JSON.parse(await p.read(".planning/artifacts/smoke/durations.json"));
  assert.equal(summary.version, 1);
  assert.ok(summary.fixtures.z_slow[0] >= 1000, JSON.stringify(summary));
  // A hand-edited summary: bad ids and values are left out; what is left still orders the run.
  await p.write(
    ".planning/artifacts/smoke/durations.json",
    JSON.stringify({
      version: 1,
      fixtures: { "../../x": [9e9], a1: ["x"], a2: [5000], a3: [100] },
    }),
  );
  const dry = await runSmoke(p.dir, ["--dry-run"]);
  assert.equal(dry.code, 0, dry.stderr);
  assert.match(dry.stdout, /^Start order: longest expected first \(from the newest 1 run\): a2, /m);
  // A summary that cannot be read at all (not JSON, another version) is said, not silently
  // dropped; the run then starts the summary again.
  // Each says what is wrong: where it stops being JSON, or which version it is.
  const problems = new Map([
    ["{ not json", /it is not JSON: unexpected token "n" at line 1, column 3/],
    [
      '{"version":1,"runs":1,\n"fixtures":{"a1":[NaN]}}',
      /it is not JSON: unexpected token "N" at line 2, column 19/,
    ],
    ['{"version":2}', /it is a durations summary of version 2 \(this smoke reads version 1\)/],
    [
      '{"version":3,"fixtures":{}}',
      /it is a durations summary of version 3 \(this smoke reads version 1\)/,
    ],
    [
      "[1, 2]",
      /it is not a durations summary this smoke can read \(no "version": 1 with "fixtures"\)/,
    ],
  ]);
  for (const [damaged, problem] of problems) {
    await p.write(".planning/artifacts/smoke/durations.json", damaged);
    const broken = await runSmoke(p.dir, ["--dry-run"]);
    assert.equal(broken.code, 0, broken.stderr);
    assert.match(
      broken.stdout,
      /^Start order: by id \(the durations summary cannot be read\)$/m,
      damaged,
    );
    assert.match(
      broken.stderr,
      /^warning: Cannot read ".*durations\.json": it is .*\[DURATIONS_UNREADABLE\]$/m,
      damaged,
    );
    assert.match(broken.stderr, problem, damaged);
    assert.match(
      broken.stderr,
      /^hint: A run now would start its fixtures in id order and make the summary again from the run files in runs\/ and its own durations \(replacing what is there; the timings kept for the splits start again\)\./m,
    );
    // --order duration says why every fixture is at the default, not "the newest 0 runs".
    const asked = await runSmoke(p.dir, ["--dry-run", "--order", "duration"]);
    assert.match(
      asked.stdout,
      /^Start order: longest expected first \(the durations summary cannot be read: every fixture at the default\): a1, /m,
    );
  }
  // Whatever the order (--order id, or the config's): the run starts the summary again, so it
  // says so first.
  for (const order of [["--order", "id"], []]) {
    await p.write(".planning/artifacts/smoke/durations.json", "{ not json");
    const run = await runSmoke(p.dir, ["--concurrency", "5", ...order]);
    assert.equal(run.code, 0, run.stderr);
    assert.match(run.stderr, /\[DURATIONS_UNREADABLE\]/, order.join(" "));
    assert.match(
      run.stderr,
      /^hint: This run starts its fixtures in id order and makes the summary again from the run files in runs\/ and its own durations .*Remove what is there to silence this\.$/m,
    );
    const artifact = JSON.parse(await p.read(".planning/artifacts/smoke/latest.json"));
    assert.ok(
      artifact.diagnostics.some((d: { code: string }) => d.code === "DURATIONS_UNREADABLE"),
      "in the artifact's diagnostics",
    );
    // Made again from the run files: every run in runs/ counts once, this one's included, and
    // z_slow keeps a duration of each.
    const rebuilt = JSON.parse(await p.read(".planning/artifacts/smoke/durations.json"));
    const files = [...Deno.readDirSync(join(p.artifactDir, "runs"))].length;
    assert.equal(rebuilt.runs, files);
    assert.equal(rebuilt.fixtures.z_slow.length, files);
  }
});

Deno.test("a durations.json that cannot be written (a folder with files in it): DURATIONS_NOT_SAVED on standard error; the run passes, its files saved once", async () => {
  await using p = await project();
  await p.write(".planning/artifacts/smoke/durations.json/keep", "x");
  const run = await runSmoke(p.dir, []);
  assert.equal(run.code, 0, run.stdout + run.stderr);
  assert.equal(run.resultLine, "RESULT: pass");
  assert.match(run.stderr, /^warning: Cannot write .*durations\.json.*\[DURATIONS_NOT_SAVED\]$/m);
  const latest = await p.latest();
  const runFile = JSON.parse(await p.read(`.planning/artifacts/smoke/runs/${latest.runId}.json`));
  assert.deepEqual(runFile, latest);
});

Deno.test("entries of the durations summary that cannot be read are named in a warning, once: the run rewrites it without them", async () => {
  await using p = await project();
  assert.equal((await runSmoke(p.dir, [])).code, 0);
  const path = ".planning/artifacts/smoke/durations.json";
  const summary = JSON.parse(await p.read(path));
  summary.fixtures.a1 = ["2s", ...summary.fixtures.a1];
  summary.fixtures["../x"] = [5];
  await p.write(path, JSON.stringify(summary));
  const dry = await runSmoke(p.dir, ["--dry-run"]);
  assert.equal(dry.code, 0, dry.stderr);
  // Before: nothing said; the entries were dropped in silence.
  assert.match(
    dry.stderr,
    /^warning: Cannot read 2 entries of "\.planning\/artifacts\/smoke\/durations\.json", left out: fixtures\.a1\[0\]: expected a duration in milliseconds \(a number from 0 to 2147483647\), got "2s"; fixtures\.\.\.\/x: not a fixture id \[DURATIONS_UNREADABLE\]$/m,
  );
  assert.match(
    dry.stderr,
    /^hint: The next run that records durations rewrites the summary without them\. /m,
  );
  // The other entries still count: the start order is from history.
  assert.match(dry.stdout, /^Start order: longest expected first/m);
  // A split by duration from it says so too, once, under --list (which reads no start order)
  // and in a dry run.
  for (const mode of ["--list", "--dry-run"]) {
    const split = await runSmoke(p.dir, [mode, "--shard", "1/2", "--shard-by", "duration"]);
    assert.equal(split.code, 0, split.stderr);
    assert.equal(split.stderr.match(/\[DURATIONS_UNREADABLE\]$/gm)?.length, 1, mode + split.stderr);
  }
  const run = await runSmoke(p.dir, []);
  assert.equal(run.code, 0, run.stderr);
  assert.match(run.stderr, /\[DURATIONS_UNREADABLE\]$/m);
  const artifact = JSON.parse(await p.read(".planning/artifacts/smoke/latest.json"));
  assert.ok(
    artifact.diagnostics.some((d: { code: string }) => d.code === "DURATIONS_UNREADABLE"),
    "in the artifact's diagnostics",
  );
  // Rewritten without them: the next run says nothing.
  const next = await runSmoke(p.dir, []);
  assert.doesNotMatch(next.stderr, /DURATIONS_UNREADABLE/);
});

Deno.test('config "order": "id" keeps id order with history; --order duration on the command line wins', async () => {
  await using p = await project();
  assert.equal((await runSmoke(p.dir, ["--concurrency", "2"])).code, 0);
  await started(p.dir);
  await Deno.writeTextFile(join(p.dir, "smoke.jsonc"), '{ "order": "id" }\n');
  const dry = await runSmoke(p.dir, ["--dry-run"]);
  assert.equal(dry.code, 0, dry.stderr);
  assert.match(dry.stdout, /^Start order: by id \("order": "id" in the config\)$/m);
  const help = await runSmoke(p.dir, ["--help"]);
  assert.match(help.stdout, /--order HOW .*\(here: id, from smoke\.jsonc; default /);
  const byId = await runSmoke(p.dir, ["--concurrency", "2"]);
  assert.equal(byId.code, 0, byId.stderr);
  const kept = await started(p.dir);
  assert.deepEqual(kept.slice(0, 2).sort(), ["a1", "a2"]);
  assert.equal(kept.at(-1), "z_slow");
  // The flag overrides the config.
  const flag = await runSmoke(p.dir, ["--concurrency", "2", "--order", "duration"]);
  assert.equal(flag.code, 0, flag.stderr);
  assert.ok((await started(p.dir)).slice(0, 2).includes("z_slow"));
  // A value that is neither: exit 2 before anything runs, naming the key.
  await Deno.writeTextFile(join(p.dir, "smoke.jsonc"), '{ "order": "random" }\n');
  const bad = await runSmoke(p.dir, []);
  assert.equal(bad.code, 2);
  assert.match(bad.stderr, /order: expected "id" or "duration", received "random"/);
  await assert.rejects(Deno.stat(join(p.dir, "started.log")), Deno.errors.NotFound);
});

Deno.test("a durations.json replaced during a run (another run's) is read again at the end, not overwritten with the start's", async () => {
  const summary = ".planning/artifacts/smoke/durations.json";
  // c is in the catalog but does not run (skipped): only the other summary holds a duration of it.
  const other = JSON.stringify({ version: 1, runs: 7, fixtures: { c: [4321] } });
  await using p = await tempProject({
    "fixtures/a.smoke.jsonc": '{ "command": ["true"] }',
    "fixtures/b.smoke.jsonc": '{ "command": ["true"] }',
    "fixtures/c.smoke.jsonc": '{ "command": ["true"], "skip": "not today" }',
  });
  // Unchanged during a run: the start's summary, one run more.
  for (const runs of [1, 2]) {
    assert.equal((await runSmoke(p.dir, ["--concurrency", "1"])).code, 0);
    const read = JSON.parse(await p.read(summary));
    assert.equal(read.runs, runs);
    assert.equal(read.fixtures.a.length, runs);
  }
  // b stands for another run writing its summary while this one runs.
  await p.write(
    "fixtures/b.smoke.jsonc",
    JSON.stringify({ command: ["sh", "-c", `printf '%s' '${other}' > ${summary}`] }),
  );
  assert.equal((await runSmoke(p.dir, ["--concurrency", "1"])).code, 0);
  const after = JSON.parse(await p.read(summary));
  // This run added itself to the other's summary, which it read again.
  assert.deepEqual(after.fixtures.c, [4321], JSON.stringify(after));
  assert.equal(after.runs, 8);
  assert.equal(after.fixtures.a.length, 1, JSON.stringify(after));
});

Deno.test("durations.json keeps a few ids beside the catalog's, and drops them once they are many", async () => {
  await using p = await tempProject({
    "fixtures/keep.smoke.ts": "",
    "fixtures/old.smoke.ts": "",
  });
  const path = ".planning/artifacts/smoke/durations.json";
  const summary = async () =>
    JSON.parse(await p.read(path)) as {
      fixtures: Record<string, number[]>;
      outcomes: Record<string, string>;
    };
  assert.equal((await runSmoke(p.dir, [])).code, 0);
  // A fixture renamed away, or another suite's (another --fixtures-dir), keeps its history.
  await Deno.rename(`${p.dir}/fixtures/old.smoke.ts`, `${p.dir}/fixtures/new.smoke.ts`);
  assert.equal((await runSmoke(p.dir, ["--fixture", "keep"])).code, 0);
  assert.deepEqual(Object.keys((await summary()).fixtures).sort(), ["keep", "old"]);
  // Ids that left the catalog pile up (generated, renamed fixtures): past 1,000, they go.
  const seeded = await summary();
  for (let i = 0; i < 1200; i++) seeded.fixtures[`gone${i}`] = [5];
  await p.write(path, JSON.stringify({ version: 1, runs: 2, ...seeded }));
  assert.equal((await runSmoke(p.dir, ["--fixture", "keep"])).code, 0);
  const after = await summary();
  assert.deepEqual(Object.keys(after.fixtures), ["keep"]);
  assert.deepEqual(Object.keys(after.outcomes), ["keep"]);
});

Deno.test("with needs, a short setup that a long fixture waits for starts first: its chain counts what needs it", async () => {
  const quick = sleeper(0);
  await using p = await tempProject({
    "fixtures/a1.smoke.jsonc": quick,
    "fixtures/a2.smoke.jsonc": quick,
    "fixtures/needs/dep.smoke.jsonc": JSON.stringify({
      ...JSON.parse(quick),
      needs: ["needs/setup"],
    }),
    "fixtures/needs/setup.smoke.jsonc": quick,
    ".planning/artifacts/smoke/durations.json": JSON.stringify({
      version: 1,
      runs: 1,
      fixtures: { a1: [1000], a2: [1000], "needs/dep": [1500], "needs/setup": [500] },
    }),
  });
  const dry = await runSmoke(p.dir, ["--dry-run"]);
  assert.equal(dry.code, 0, dry.stderr);
  // The setup's chain is 0.5 + 1.5 s: before a1 and a2 (1 s each), though shorter itself.
  assert.match(
    dry.stdout,
    /^Start order: longest chain first \(from the newest 1 run\): needs\/setup, needs\/dep, a1, a2$/m,
  );
  // Its own estimate is still its own.
  assert.match(dry.stdout, /^needs\/setup\n(?:.*\n){2} {2}expected: 500ms \(median of 1 run\)$/m);
  // The run starts them so (one at a time: the log is the start order).
  const run = await runSmoke(p.dir, ["--concurrency", "1"]);
  assert.equal(run.code, 0, run.stdout + run.stderr);
  assert.deepEqual((await p.read("started.log")).trim().split("\n"), [
    "needs/setup",
    "needs/dep",
    "a1",
    "a2",
  ]);
});
