import assert from "node:assert/strict";
import { buildCatalog } from "../catalog/catalog.ts";
import { planFixture } from "../selection/plan.ts";
import type { ProcessOutcome, ProcessSpec } from "./process.ts";
import { runFixtures, type RunSettings, settleMs } from "./run.ts";

const settings: RunSettings = {
  runId: "r1",
  concurrency: 2,
  baseEnv: { BASE: "1" },
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

Deno.test("runFixtures() keeps at most `concurrency` running and returns results in order", async () => {
  let running = 0;
  let peak = 0;
  const spawn = async (spec: ProcessSpec) => {
    running++;
    peak = Math.max(peak, running);
    await new Promise((r) => setTimeout(r, spec.env.SMOKE_FIXTURE_ID === "a" ? 30 : 5));
    running--;
    return outcome(spec.env.SMOKE_FIXTURE_ID === "c" ? 1 : 0);
  };
  const ends = await runFixtures(plan({ a: {}, b: {}, c: {}, d: {}, e: {} }), settings, {
    spawn,
    reporter: {},
    signal: new AbortController().signal,
  });
  assert.equal(peak, 2);
  assert.deepEqual(ends.map((e) => [e.result.id, e.result.status]), [
    ["a", "passed"],
    ["b", "passed"],
    ["c", "failed"],
    ["d", "passed"],
    ["e", "passed"],
  ]);
});

Deno.test("runFixtures() passes the environment and retries until a pass, marking it flaky", async () => {
  const seen: Record<string, string>[] = [];
  const spawn = (spec: ProcessSpec) => {
    seen.push(spec.env);
    return Promise.resolve(outcome(spec.env.SMOKE_ATTEMPT === "3" ? 0 : 1));
  };
  const [end] = await runFixtures(plan({ wobbly: { retries: 5, env: { OWN: "x" } } }), settings, {
    spawn,
    reporter: {},
    signal: new AbortController().signal,
  });
  assert.equal(end.result.status, "passed");
  assert.equal(end.result.flaky, true);
  assert.equal(end.result.attempts, 3);
  assert.equal(end.result.durationMs, 15);
  assert.deepEqual(end.failedAttempts.map((a) => a.attempt), [1, 2]);
  assert.deepEqual(seen.map((env) => env.SMOKE_ATTEMPT), ["1", "2", "3"]);
  assert.equal(seen[0].BASE, "1");
  assert.equal(seen[0].OWN, "x");
  assert.equal(seen[0].SMOKE_RUN_ID, "r1");
  assert.equal(seen[0].SMOKE_FIXTURE_ID, "wobbly");
});

Deno.test("runFixtures() gives up after the retries and keeps the last failure", async () => {
  const [end] = await runFixtures(plan({ bad: { retries: 1 } }), settings, {
    spawn: () => Promise.resolve(outcome(2)),
    reporter: {},
    signal: new AbortController().signal,
  });
  assert.equal(end.result.status, "failed");
  assert.equal(end.result.attempts, 2);
  assert.equal(end.result.failure?.kind, "exit-code");
  assert.equal(end.result.flaky, undefined);
});

Deno.test("runFixtures() skips without spawning, and records unstarted fixtures as interrupted", async () => {
  const controller = new AbortController();
  const started: string[] = [];
  const spawn = (spec: ProcessSpec, signal: AbortSignal) => {
    started.push(spec.env.SMOKE_FIXTURE_ID);
    controller.abort("SIGINT");
    return Promise.resolve(
      outcome(0, { interrupted: signal.aborted, exitCode: null, signal: "SIGTERM" }),
    );
  };
  const ends = await runFixtures(
    plan({ a: { skip: "not now" }, b: { retries: 3 }, c: {}, d: {} }),
    { ...settings, concurrency: 1 },
    { spawn, reporter: {}, signal: controller.signal },
  );
  assert.deepEqual(started, ["b"], "no retry and no new fixture after the interrupt");
  assert.deepEqual(ends.map((e) => [e.result.id, e.result.status, e.result.failure?.kind]), [
    ["a", "skipped", undefined],
    ["b", "failed", "interrupted"],
    ["c", "failed", "interrupted"],
    ["d", "failed", "interrupted"],
  ]);
  assert.equal(ends[0].result.skipReason, "not now");
});

Deno.test("runFixtures() tells the reporter of every attempt and every end", async () => {
  const events: string[] = [];
  await runFixtures(plan({ a: { retries: 1 } }), settings, {
    spawn: (spec) => Promise.resolve(outcome(spec.env.SMOKE_ATTEMPT === "2" ? 0 : 1)),
    reporter: {
      onFixtureBegin: (planned, attempt) =>
        void events.push(`begin ${planned.fixture.id} ${attempt}`),
      onFixtureEnd: (end) => void events.push(`end ${end.result.id} ${end.result.status}`),
    },
    signal: new AbortController().signal,
  });
  assert.deepEqual(events, ["begin a 1", "begin a 2", "end a passed"]);
});

Deno.test("runFixtures(): a spawn that throws is that fixture's spawn failure, and the run goes on", async () => {
  const spawn = (spec: ProcessSpec) => {
    if (spec.env.SMOKE_FIXTURE_ID === "b") throw new TypeError("nul byte found in provided data");
    return Promise.resolve(outcome(0));
  };
  const ends = await runFixtures(plan({ a: {}, b: { retries: 1 }, c: {} }), settings, {
    spawn,
    reporter: {},
    signal: new AbortController().signal,
  });
  assert.deepEqual(ends.map((e) => [e.result.id, e.result.status]), [
    ["a", "passed"],
    ["b", "failed"],
    ["c", "passed"],
  ]);
  const b = ends[1].result;
  assert.equal(b.failure?.kind, "spawn");
  assert.equal(b.failure?.message, 'Cannot run "x": nul byte found in provided data');
  assert.equal(b.attempts, 2, "a retry is tried as for any failure");
});

Deno.test("runFixtures() starts in settings.startOrder and returns results in the order given", async () => {
  const started: string[] = [];
  const spawn = (spec: ProcessSpec) => {
    started.push(spec.env.SMOKE_FIXTURE_ID);
    return Promise.resolve(outcome(0));
  };
  const ends = await runFixtures(
    plan({ a: {}, b: {}, c: {}, d: {} }),
    { ...settings, concurrency: 1, startOrder: [3, 1, 0, 2] },
    { spawn, reporter: {}, signal: new AbortController().signal },
  );
  assert.deepEqual(started, ["d", "b", "a", "c"]);
  assert.deepEqual(ends.map((e) => e.result.id), ["a", "b", "c", "d"]);
});

Deno.test("settleMs() rests 50 ms before a run of 200 fixtures or more, and not before a smaller one", () => {
  assert.equal(settleMs(0), 0);
  assert.equal(settleMs(199), 0);
  assert.equal(settleMs(200), 50);
  assert.equal(settleMs(5000), 50);
});

Deno.test("runFixtures() rests before its first spawn of a large run; an interrupt cuts the rest short", async () => {
  const manifests: Record<string, object> = {};
  for (let i = 0; i < 200; i++) manifests[`t${String(i).padStart(3, "0")}`] = {};
  const planned = plan(manifests);
  const firstSpawnAfter = async (settings2: RunSettings, signal: AbortSignal) => {
    const started = performance.now();
    let first: number | undefined;
    await runFixtures(planned, settings2, {
      spawn: () => {
        first ??= performance.now() - started;
        return Promise.resolve(outcome(0));
      },
      reporter: {},
      signal,
    });
    return first;
  };
  // 200 fixtures that may start: the default rest (a timer never fires early).
  const rested = await firstSpawnAfter(settings, new AbortController().signal);
  assert.ok(rested !== undefined && rested >= 45, `first spawn after ${rested} ms`);
  // Interrupted during the rest: it ends at once and nothing starts.
  const interrupt = new AbortController();
  setTimeout(() => interrupt.abort(), 5);
  const started = performance.now();
  assert.equal(
    await firstSpawnAfter({ ...settings, settleMs: 60_000 }, interrupt.signal),
    undefined,
  );
  assert.ok(performance.now() - started < 30_000);
});
