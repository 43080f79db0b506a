/**
 * The scheduler under `--repeat N` (`settings.repeat`): each fixture runs N
 * times, one run after another in its worker slot, and ends once.
 */
import assert from "node:assert/strict";
import { buildCatalog } from "../catalog/catalog.ts";
import { planFixture } from "../selection/plan.ts";
import type { ProcessOutcome, ProcessSpec } from "./process.ts";
import { runFixtures, type RunSettings } from "./run.ts";

const settings: RunSettings = {
  runId: "r1",
  concurrency: 2,
  baseEnv: {},
  graceMs: 10,
  tailBytes: 100,
};

function plan(manifests: Record<string, object>) {
  const files = Object.entries(manifests).map(([id, manifest]) => ({
    path: `${id}.smoke.jsonc`,
    text: JSON.stringify({ command: ["x"], ...manifest }),
  }));
  return buildCatalog(files, { cwd: "/p", fixturesDir: "/p/f" }).map((fixture) =>
    planFixture(fixture, {
      options: { timeoutMs: 1000, retries: 0, permissions: [], env: {} },
      deno: "deno",
    })
  );
}

function outcome(exitCode: number, over: Partial<ProcessOutcome> = {}): ProcessOutcome {
  const stream = { tail: "", bytes: 0, found: [] };
  return {
    exitCode,
    signal: null,
    timedOut: false,
    interrupted: false,
    durationMs: 5,
    stdout: stream,
    stderr: stream,
    outputLeaked: false,
    ...over,
  };
}

Deno.test("runFixtures() with repeat: every fixture runs N times and ends once, folded", async () => {
  const runs = new Map<string, number>();
  const ended: string[] = [];
  const spawn = (spec: ProcessSpec) => {
    const id = spec.env.SMOKE_FIXTURE_ID;
    const n = (runs.get(id) ?? 0) + 1;
    runs.set(id, n);
    // "flip" fails on every even run; "ok" always passes.
    return Promise.resolve(outcome(id === "flip" && n % 2 === 0 ? 1 : 0, { durationMs: n }));
  };
  const ends = await runFixtures(plan({ flip: {}, ok: {} }), { ...settings, repeat: 6 }, {
    spawn,
    reporter: { onFixtureEnd: (end) => void ended.push(end.result.id) },
    signal: new AbortController().signal,
  });
  assert.deepEqual(Object.fromEntries(runs), { flip: 6, ok: 6 });
  assert.deepEqual(ended.sort(), ["flip", "ok"], "one end per fixture, after its last run");
  const [flip, ok] = ends.map((e) => e.result);
  assert.equal(flip.status, "failed");
  assert.equal(flip.failure?.message, "Failed 3 of 6 runs: Exited with code 1, expected 0");
  assert.deepEqual(flip.repeat, { runs: 6, passed: 3, firstAttemptPassed: 3, outcomes: "PFPFPF" });
  assert.equal(ok.status, "passed");
  assert.deepEqual(ok.repeat, { runs: 6, passed: 6, firstAttemptPassed: 6, outcomes: "PPPPPP" });
  // The mean of runs lasting 1..6 ms.
  assert.equal(ok.durationMs, 4);
});

Deno.test("runFixtures() with repeat: the runs of one fixture never overlap, other fixtures do", async () => {
  const running = new Map<string, number>();
  let overlapSelf = false;
  let peak = 0;
  let spawned = 0;
  const spawn = async (spec: ProcessSpec) => {
    spawned++;
    const id = spec.env.SMOKE_FIXTURE_ID;
    if ((running.get(id) ?? 0) > 0) overlapSelf = true;
    running.set(id, (running.get(id) ?? 0) + 1);
    const total = [...running.values()].reduce((a, b) => a + b, 0);
    peak = Math.max(peak, total);
    await new Promise((resume) => setTimeout(resume, 2));
    running.set(id, running.get(id)! - 1);
    return outcome(0);
  };
  await runFixtures(plan({ a: {}, b: {} }), { ...settings, concurrency: 4, repeat: 5 }, {
    spawn,
    reporter: {},
    signal: new AbortController().signal,
  });
  assert.equal(spawned, 10, "five runs each");
  assert.equal(overlapSelf, false, "a fixture's runs one after another");
  assert.equal(peak, 2, "two fixtures at once");
});

Deno.test("runFixtures() with repeat: retries per run are recorded as R, first attempts counted apart", async () => {
  let spawned = 0;
  // Only the first attempt of run 2 fails; its retry passes.
  const spawn = () => {
    spawned++;
    return Promise.resolve(outcome(spawned === 2 ? 1 : 0));
  };
  const [end] = await runFixtures(plan({ a: { retries: 1 } }), { ...settings, repeat: 3 }, {
    spawn,
    reporter: {},
    signal: new AbortController().signal,
  });
  // Spawns: run 1 attempt 1 (P); run 2 attempt 1 (fail), attempt 2 (pass); run 3 attempt 1 (pass).
  assert.equal(spawned, 4);
  assert.deepEqual(end.result.repeat, {
    runs: 3,
    passed: 3,
    firstAttemptPassed: 2,
    outcomes: "PRP",
  });
  assert.equal(end.result.status, "passed");
  assert.equal(end.result.flaky, true, "a pass on a retry is flaky, as without --repeat");
});

Deno.test("runFixtures() with repeat: an interrupt stops the remaining runs; the result is interrupted", async () => {
  const controller = new AbortController();
  let spawned = 0;
  const spawn = (_spec: ProcessSpec, signal: AbortSignal) => {
    spawned++;
    if (spawned === 3) controller.abort("SIGINT");
    return Promise.resolve(
      signal.aborted ? outcome(0, { interrupted: true, exitCode: null }) : outcome(0),
    );
  };
  const [end] = await runFixtures(plan({ a: {} }), { ...settings, repeat: 10 }, {
    spawn,
    reporter: {},
    signal: controller.signal,
  });
  assert.equal(spawned, 3, "no run after the interrupt");
  assert.equal(end.result.status, "failed");
  assert.equal(end.result.failure?.kind, "interrupted");
  assert.deepEqual(end.result.repeat, {
    runs: 10,
    passed: 2,
    firstAttemptPassed: 2,
    outcomes: "PPI",
  });
});

Deno.test("runFixtures() with repeat: a need must pass all its runs, or its dependants are blocked", async () => {
  let setupRuns = 0;
  const spawn = (spec: ProcessSpec) => {
    if (spec.env.SMOKE_FIXTURE_ID !== "setup") return Promise.resolve(outcome(0));
    setupRuns++;
    return Promise.resolve(outcome(setupRuns === 2 ? 1 : 0));
  };
  const ends = await runFixtures(
    plan({ setup: {}, api: { needs: ["setup"] } }),
    { ...settings, repeat: 3 },
    { spawn, reporter: {}, signal: new AbortController().signal },
  );
  assert.equal(setupRuns, 3);
  assert.deepEqual(ends.map((e) => [e.result.id, e.result.status, e.result.failure?.kind]), [
    ["api", "failed", "blocked"],
    ["setup", "failed", "exit-code"],
  ]);
});

Deno.test("runFixtures() with repeat: a skipped fixture is skipped once, a teardown runs once", async () => {
  const started: string[] = [];
  const spawn = (spec: ProcessSpec) => {
    started.push(spec.env.SMOKE_FIXTURE_ID);
    return Promise.resolve(outcome(0));
  };
  const ends = await runFixtures(
    plan({ a: {}, later: { skip: "not now" }, z: { teardown: true } }),
    { ...settings, concurrency: 1, repeat: 2 },
    { spawn, reporter: {}, signal: new AbortController().signal },
  );
  assert.deepEqual(started, ["a", "a", "z"]);
  assert.deepEqual(ends.map((e) => [e.result.id, e.result.status, e.result.repeat?.outcomes]), [
    ["a", "passed", "PP"],
    ["later", "skipped", undefined],
    ["z", "passed", undefined],
  ]);
});
