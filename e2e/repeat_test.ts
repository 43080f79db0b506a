/**
 * End-to-end: flake hunting with `--repeat N`. Each fixture runs N times,
 * one run after another; the console and the artifact report passes/N, the
 * first-attempt pass rate and a verdict; retries are off unless `--retries`
 * is given.
 */
import assert from "node:assert/strict";
import { runSmoke, tempProject } from "./_project.ts";

const command = (script: string, extra: object = {}) =>
  JSON.stringify({ command: ["sh", "-c", script], ...extra });

/** Fails on every other run (the 2nd, 4th, ...): a counter file in the project. */
const EVERY_OTHER = "n=$(cat flip.count 2>/dev/null || echo 0); echo $((n+1)) > flip.count; " +
  "[ $((n % 2)) -eq 0 ]";

/** Passes, and fails if another copy of itself is running (a lock made with set -C). */
const LOCKED = "set -C; if ! : > steady.lock; then echo overlap >&2; exit 1; fi; " +
  "sleep 0.05; rm -f steady.lock";

type Result = Record<string, unknown> & { repeat?: Record<string, unknown> };

async function results(p: { latest(): Promise<{ fixtures: Result[] }> }) {
  return Object.fromEntries((await p.latest()).fixtures.map((f) => [f.id as string, f]));
}

Deno.test("repeat: a fixture failing every other run is flaky at 3/6 (50%); a steady one 6/6, never two copies at once", async () => {
  await using p = await tempProject({
    // Manifest retries do not apply under --repeat: the rate measures first attempts.
    "fixtures/flip.smoke.jsonc": command(EVERY_OTHER, { retries: 2 }),
    "fixtures/steady.smoke.jsonc": command(LOCKED),
  });
  const run = await runSmoke(p.dir, ["--repeat", "6", "--concurrency", "4"]);
  const out = run.stdout + run.stderr;
  assert.equal(run.code, 1, out);
  const lines = run.stdout.split("\n");
  const line = (prefix: string) => lines.find((l) => l.startsWith(prefix)) ?? out;
  assert.match(
    line("FAIL  flip  "),
    /^FAIL {2}flip {2}\S+ {2}exit-code: Failed 3 of 6 runs: Exited with code 1, expected 0 {2}3\/6 passed$/,
  );
  assert.match(line("PASS  steady  "), /^PASS {2}steady {2}\S+ {2}6\/6 passed$/);
  assert.equal(lines.filter((l) => /^(PASS|FAIL) {2}flip /.test(l)).length, 1, "one line each");
  assert.match(run.stdout, /^Repeat: 2 fixtures, 6 runs each$/m);
  assert.match(run.stdout, /^ {2}flaky {8}flip {4}3\/6 passed {2}first attempt 50%$/m);
  assert.match(run.stdout, /^ {2}steady pass {2}steady {2}6\/6 passed {2}first attempt 100%$/m);
  assert.ok(
    run.stdout.indexOf("  flaky") < run.stdout.indexOf("  steady pass"),
    "flaky first",
  );
  assert.equal(run.resultLine, "RESULT: fail");
  const byId = await results(p);
  assert.deepEqual(byId.flip.repeat, {
    runs: 6,
    passed: 3,
    firstAttemptPassed: 3,
    outcomes: "PFPFPF",
  });
  assert.equal(byId.flip.status, "failed");
  assert.deepEqual(byId.steady.repeat, {
    runs: 6,
    passed: 6,
    firstAttemptPassed: 6,
    outcomes: "PPPPPP",
  });
  assert.equal(await p.read("flip.count"), "6\n", "six runs, no retries");
  assert.equal(await p.exists("steady.lock"), false);
});

Deno.test("repeat: --retries 1 --repeat 4 records a pass on a retry as R, and the run passes", async () => {
  await using p = await tempProject({
    // The second process of all fails: run 2's first attempt; its retry passes.
    "fixtures/wobbly.smoke.jsonc": command(
      'n=$(cat w.count 2>/dev/null || echo 0); echo $((n+1)) > w.count; [ "$n" -ne 1 ]',
    ),
  });
  const run = await runSmoke(p.dir, ["--retries", "1", "--repeat", "4"]);
  assert.equal(run.code, 0, run.stdout + run.stderr);
  assert.match(
    run.stdout,
    /^PASS {2}wobbly {2}\S+ {2}flaky: passed after 2 attempts {2}4\/4 passed$/m,
  );
  assert.match(run.stdout, /^ {2}flaky {2}wobbly {2}4\/4 passed {2}first attempt 75%$/m);
  const { wobbly } = await results(p);
  assert.deepEqual(wobbly.repeat, {
    runs: 4,
    passed: 4,
    firstAttemptPassed: 3,
    outcomes: "PRPP",
  });
  assert.equal(wobbly.flaky, true);
});

Deno.test("repeat: --rerun-failed --repeat 3 reruns only the outstanding fixture, three times", async () => {
  await using p = await tempProject({
    "fixtures/broken.smoke.jsonc": command(
      'n=$(cat b.count 2>/dev/null || echo 0); echo $((n+1)) > b.count; [ "$n" -ge 1 ]',
    ),
    "fixtures/fine.smoke.jsonc": command("echo x >> fine.count"),
  });
  const first = await runSmoke(p.dir, []);
  assert.equal(first.code, 1, first.stdout + first.stderr);
  const rerun = await runSmoke(p.dir, ["--rerun-failed", "--repeat", "3"]);
  assert.equal(rerun.code, 0, rerun.stdout + rerun.stderr);
  assert.match(rerun.stdout, /^PASS {2}broken {2}\S+ {2}3\/3 passed$/m);
  assert.match(rerun.stdout, /^ {2}steady pass {2}broken {2}3\/3 passed {2}first attempt 100%$/m);
  assert.equal(await p.read("b.count"), "4\n", "one run, then three");
  assert.equal(await p.read("fine.count"), "x\n", "the passing fixture is not rerun");
  const { broken } = await results(p);
  assert.equal((broken.repeat as Record<string, unknown>).outcomes, "PPP");
});

Deno.test("repeat: --repeat takes 2 to 1000, and the dry run shows retries off", async () => {
  await using p = await tempProject({
    "fixtures/a.smoke.jsonc": command("true", { retries: 3 }),
  });
  const one = await runSmoke(p.dir, ["--repeat", "1"]);
  assert.equal(one.code, 2, one.stdout + one.stderr);
  assert.match(
    one.stderr,
    /Invalid value for "--repeat": "1" is not a whole number from 2 to 1000/,
  );
  assert.match(one.stderr, /hint: Pass a number, e\.g\. "--repeat 10"\./);
  const dry = await runSmoke(p.dir, ["--repeat", "5", "--dry-run"]);
  assert.equal(dry.code, 0, dry.stdout + dry.stderr);
  assert.match(dry.stdout, /retries: 0/);
  assert.match(dry.stdout, /each fixture runs 5 times/);
});
