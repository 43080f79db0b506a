import assert from "node:assert/strict";
// Test-only: locked in deno.test.lock, so that running smoke never fetches it.
// deno-lint-ignore no-import-prefix
import fc from "npm:fast-check@4.11.0";
import { type Ending, type GateNode, NeedsGate } from "./needs_gate.ts";
import { runFixtures, unstartedEnds } from "./run.ts";
import { planFixture, type PlannedFixture } from "../selection/plan.ts";
import { buildCatalog } from "../catalog/catalog.ts";
import { skippedWhatever } from "../catalog/needs.ts";
import type { ProcessOutcome } from "./process.ts";

/** The planned fixtures of manifests given as files (a catalog in memory). */
function planAll(
  files: { path: string; text: string }[],
  options: { timeoutMs?: number } = {},
): PlannedFixture[] {
  return buildCatalog(files, { cwd: "/", fixturesDir: "/f" }).map((f) =>
    planFixture(f, {
      options: {
        timeoutMs: options.timeoutMs ?? 1000,
        retries: 0,
        permissions: [],
        env: {},
      },
      deno: "deno",
    })
  );
}

/** What a stand-in process ends with. */
function outcome(exitCode: number | null, options: { interrupted?: boolean } = {}): ProcessOutcome {
  const stream = { tail: "", bytes: 0, found: [] };
  return {
    exitCode,
    signal: null,
    timedOut: false,
    interrupted: options.interrupted ?? false,
    durationMs: 1,
    stdout: stream,
    stderr: stream,
    outputLeaked: false,
  };
}

/** A random DAG of fixtures, some teardowns, each with an outcome if it runs. */
const scenario = fc.integer({ min: 1, max: 10 }).chain((n) =>
  fc.tuple(
    ...Array.from({ length: n }, (_, i) =>
      fc.record({
        needs: fc.subarray(Array.from({ length: i }, (_, j) => j)),
        teardown: fc.boolean(),
        passes: fc.boolean(),
        // Skipped in its manifest: it starts and ends at once, skipped, without running.
        skip: fc.integer({ min: 0, max: 3 }).map((n) => n === 0),
      })),
  )
);

Deno.test("NeedsGate: what starts had its needs pass; what is blocked had one that did not; teardowns start after what they watch", () => {
  fc.assert(
    fc.property(scenario, fc.integer({ min: 1, max: 4 }), (specs, concurrency) => {
      const nodes: GateNode[] = specs.map((s, i) => ({
        id: `f${i}`,
        needs: s.needs.filter((j) => !specs[j].teardown).map((j) => `f${j}`),
        teardown: s.teardown,
        ...(s.skip ? { skipReason: "off" } : {}),
      }));
      const gate = new NeedsGate(nodes);
      const order = nodes.map((_, i) => i);
      const ended = new Map<number, string>();
      /** The skip reason of each fixture that ended skipped. */
      const reasons = new Map<number, string>();
      const running: number[] = [];
      const ran = (j: number) => ended.get(j) === "passed" || ended.get(j) === "failed";
      // A teardown with needs waits for each teardown one of whose needs needs (directly or not)
      // one of its needs, unless that one waits for it in turn (a cycle: no order).
      const needIdx = (i: number) => nodes[i].needs.map((id) => Number(id.slice(1)));
      const dependsOn = (from: number, targets: number[]): boolean =>
        needIdx(from).some((n) => targets.includes(n) || dependsOn(n, targets));
      const waitsFor = (t: number, u: number) =>
        u !== t && nodes[t].teardown && nodes[u].teardown && needIdx(t).length > 0 &&
        needIdx(u).length > 0 && needIdx(u).some((n) => dependsOn(n, needIdx(t)));
      const waitsAtAll = (from: number, to: number, seen = new Set<number>()): boolean =>
        nodes.some((_, u) => {
          if (!waitsFor(from, u) || seen.has(u)) return false;
          seen.add(u);
          return u === to || waitsAtAll(u, to, seen);
        });
      // What a teardown without needs waits for: every fixture but such teardowns.
      const watchedBy = (t: number) =>
        nodes.map((_, j) => j).filter((j) =>
          j !== t && !(nodes[j].teardown && nodes[j].needs.length === 0)
        );
      let steps = 0;
      while (steps++ < 1000) {
        const step = running.length < concurrency ? gate.next(order) : { kind: "wait" as const };
        if (step.kind === "start") {
          for (const need of nodes[step.index].needs) {
            const j = Number(need.slice(1));
            // A fixture its manifest skips starts (and is skipped) whatever its needs did.
            if (nodes[step.index].teardown || specs[step.index].skip) assert.ok(ended.has(j));
            else {assert.equal(
                ended.get(j),
                "passed",
                `f${step.index} started before ${need} passed`,
              );}
          }
          const node = nodes[step.index];
          nodes.forEach((_, u) => {
            if (waitsFor(step.index, u) && !waitsAtAll(u, step.index)) {
              assert.ok(ended.has(u), `teardown f${step.index} started before teardown f${u}`);
            }
          });
          if (node.teardown && node.needs.length > 0 && !specs[step.index].skip) {
            assert.ok(
              node.needs.some((id) => ran(Number(id.slice(1)))),
              `f${step.index} started though none of its needs ran`,
            );
          }
          if (node.teardown && node.needs.length === 0 && !specs[step.index].skip) {
            // A teardown without needs starts once everything it watches ended: something ran,
            // or all of it was skipped (or it watches nothing).
            const watched = watchedBy(step.index);
            assert.ok(watched.every((j) => ended.has(j)), `f${step.index} started too soon`);
            assert.ok(
              watched.some(ran) || watched.every((j) => ended.get(j) === "skipped"),
              `f${step.index} started though what was to run did not`,
            );
          }
          gate.start(step.index);
          if (specs[step.index].skip) {
            gate.end(step.index, "skipped", false);
            ended.set(step.index, "skipped");
            reasons.set(step.index, "off");
          } else running.push(step.index);
        } else if (step.kind === "block") {
          const j = Number(step.by.slice(1));
          assert.notEqual(ended.get(j), "passed");
          assert.ok(nodes[step.index].needs.includes(step.by));
          assert.ok(!specs[step.index].skip, `f${step.index}, skipped in its manifest, blocked`);
          if (nodes[step.index].teardown) {
            // A teardown is blocked only when none of its needs ran and a failure, not a
            // choice, kept the one named from running.
            assert.ok(!nodes[step.index].needs.some((id) => ran(Number(id.slice(1)))));
            assert.ok(ended.has(j) && ended.get(j) !== "skipped", `f${step.index} blocked`);
          }
          gate.end(step.index, "blocked");
          ended.set(step.index, "blocked");
        } else if (step.kind === "skip") {
          // Only a teardown all of whose needs were skipped (or, without needs, when fixtures
          // that were to run ended without running), or a dependant of a skipped need, is skipped.
          const node = nodes[step.index];
          const needIdx = node.needs.map((id) => Number(id.slice(1)));
          // One skipped in its manifest starts instead, and is skipped with its own reason.
          assert.ok(!specs[step.index].skip, `f${step.index} skipped by the gate`);
          if (node.teardown) {
            const watched = watchedBy(step.index);
            assert.ok(
              needIdx.length
                ? !needIdx.some(ran) &&
                  (specs[step.index].skip || needIdx.every((j) => ended.get(j) === "skipped"))
                : !watched.some(ran) && watched.some((j) => ended.get(j) !== "skipped"),
              `f${step.index} skipped`,
            );
          } else assert.ok(needIdx.some((j) => ended.get(j) === "skipped"));
          gate.end(step.index, "skipped", false);
          ended.set(step.index, "skipped");
          reasons.set(step.index, step.reason);
        } else if (step.kind === "wait") {
          if (running.length === 0) break;
          const i = running.shift()!;
          const ending = specs[i].passes ? "passed" : "failed";
          gate.end(i, ending);
          ended.set(i, ending);
        } else break;
      }
      // Everything ended: nothing waits forever on a DAG.
      assert.equal(ended.size, nodes.length);
      // What a stop would record as skipped all the same is what this run skipped, and why.
      nodes.forEach((_, i) => {
        assert.equal(gate.skippedAnyway(i), reasons.get(i), `f${i} ended ${ended.get(i)}`);
      });
    }),
  );
});

Deno.test("runFixtures(): independent fixtures run while a need is still running", async () => {
  const planned = planAll([
    { path: "setup.smoke.jsonc", text: '{ "command": ["setup"] }' },
    { path: "dependant.smoke.jsonc", text: '{ "command": ["dependant"], "needs": ["setup"] }' },
    { path: "other.smoke.jsonc", text: '{ "command": ["other"] }' },
  ]);
  const events: string[] = [];
  let releaseSetup!: () => void;
  const setupDone = new Promise<void>((r) => (releaseSetup = r));
  const ends = await runFixtures(planned, {
    runId: "r",
    concurrency: 2,
    baseEnv: {},
    graceMs: 10,
    tailBytes: 10,
    // setup first, then dependant, then other: other must not wait for setup.
    startOrder: [planned.findIndex((p) => p.fixture.id === "setup"), 0, 1, 2].filter((v, i, a) =>
      a.indexOf(v) === i
    ),
  }, {
    spawn: async (spec): Promise<ProcessOutcome> => {
      const name = spec.argv[0];
      events.push(`start ${name}`);
      if (name === "setup") await setupDone;
      if (name === "other") releaseSetup();
      events.push(`end ${name}`);
      return outcome(0);
    },
    reporter: {},
    signal: new AbortController().signal,
  });
  assert.deepEqual(events, [
    "start setup",
    "start other",
    "end other",
    "end setup",
    "start dependant",
    "end dependant",
  ]);
  assert.ok(ends.every((e) => e.result.status === "passed"));
});

Deno.test("skippedWhatever() property: what it names, and only that, a run where everything else passes skips", () => {
  // The scenario's fixtures that would not pass are skipped in their manifest here.
  fc.assert(fc.property(scenario, (specs) => {
    const nodes = specs.map((s, i) => ({
      id: `f${i}`,
      needs: s.needs.filter((j) => !specs[j].teardown).map((j) => `f${j}`),
      teardown: s.teardown,
      ...(s.passes ? {} : { skipReason: "off" }),
    }));
    const predicted = skippedWhatever(nodes);
    // The run: one at a time, a manifest skip ends skipped, everything else passes.
    const gate = new NeedsGate(nodes);
    const order = nodes.map((_, i) => i);
    const skipped = new Set<string>();
    for (let steps = 0; steps < 100; steps++) {
      const step = gate.next(order);
      if (step.kind === "done") break;
      if (step.kind === "wait") throw new Error("nothing runs, yet the gate waits");
      const id = nodes[step.index].id;
      if (step.kind === "skip" || (step.kind === "start" && nodes[step.index].skipReason)) {
        if (step.kind === "start") gate.start(step.index);
        gate.end(step.index, "skipped", false);
        skipped.add(id);
      } else if (step.kind === "start") {
        gate.start(step.index);
        gate.end(step.index, "passed");
      } else gate.end(step.index, "blocked");
    }
    for (const id of predicted) assert.ok(skipped.has(id), `${id} predicted skipped, but ran`);
    // A teardown without needs too: what was skipped does not hold it back.
    for (const id of skipped) assert.ok(predicted.has(id), `${id} skipped, not predicted`);
  }));
});

Deno.test("NeedsGate.pendingTeardowns(): after a stop, those without needs run last, as in a run that was not stopped", () => {
  const gate = new NeedsGate([
    { id: "teardown/all", needs: [], teardown: true },
    { id: "setup/db", needs: [], teardown: false },
    { id: "teardown/db", needs: ["setup/db"], teardown: true },
  ]);
  assert.deepEqual(gate.pendingTeardowns((i) => i === 1), [2, 0]);
  // Nothing ran: nothing to clean up.
  assert.deepEqual(gate.pendingTeardowns(() => false), []);
});

/** One call made on a gate, to replay it on another. */
type GateCall = { start: number } | { end: number; ending: Ending; ran: boolean };

/**
 * Runs a gate one fixture at a time to its end, each fixture that starts ending as `outcome`
 * says (one its manifest skips, skipped): how each fixture ended, and why it was skipped.
 */
function finish(
  gate: NeedsGate,
  nodes: readonly GateNode[],
  outcome: (i: number) => "passed" | "failed",
  calls: GateCall[] = [],
  limit = Infinity,
): Map<number, string> {
  const order = nodes.map((_, i) => i);
  const ended = new Map<number, string>();
  for (let steps = 0; steps < limit; steps++) {
    const step = gate.next(order);
    if (step.kind === "start") {
      const skip = nodes[step.index].skipReason;
      const ending = skip !== undefined ? "skipped" : outcome(step.index);
      gate.start(step.index);
      gate.end(step.index, ending, skip === undefined);
      calls.push({ start: step.index }, { end: step.index, ending, ran: skip === undefined });
      ended.set(step.index, skip !== undefined ? `skipped: ${skip}` : ending);
    } else if (step.kind === "block" || step.kind === "skip") {
      const ending = step.kind === "block" ? "blocked" : "skipped";
      gate.end(step.index, ending);
      calls.push({ end: step.index, ending, ran: false });
      ended.set(step.index, step.kind === "skip" ? `skipped: ${step.reason}` : "blocked");
    } else break;
  }
  return ended;
}

Deno.test("NeedsGate.settleStopped() property: after a stop, a fixture is skipped or blocked exactly when every way the run could have gone on skips (so) or blocks it; the rest is left to the stop", () => {
  fc.assert(
    fc.property(
      scenario,
      fc.nat({ max: 12 }),
      fc.boolean(),
      fc.array(fc.array(fc.boolean(), { minLength: 10, maxLength: 10 }), {
        minLength: 16,
        maxLength: 16,
      }),
      (specs, stopAfter, interrupt, sampled) => {
        const nodes: GateNode[] = specs.map((s, i) => ({
          id: `f${i}`,
          needs: s.needs.filter((j) => !specs[j].teardown).map((j) => `f${j}`),
          teardown: s.teardown,
          ...(s.skip ? { skipReason: "off" } : {}),
        }));
        // The run until the stop, then (Ctrl-C) the next fixture interrupted before a result.
        const calls: GateCall[] = [];
        const gate = new NeedsGate(nodes);
        const before = finish(
          gate,
          nodes,
          (i) => specs[i].passes ? "passed" : "failed",
          calls,
          stopAfter,
        );
        if (interrupt) {
          const step = gate.next(nodes.map((_, i) => i));
          if (step.kind === "start" && !specs[step.index].skip) {
            gate.start(step.index);
            gate.end(step.index, "interrupted", false);
            calls.push({ start: step.index }, {
              end: step.index,
              ending: "interrupted",
              ran: false,
            });
            before.set(step.index, "interrupted");
          }
        }
        const settled = gate.settleStopped();
        for (const i of settled.keys()) assert.ok(!before.has(i), `f${i} ended, and settled again`);
        // Every way the run could have gone on: each fixture it did not start passes or fails
        // (all of them when there are few, else a sample).
        const open = nodes.map((_, i) => i).filter((i) => !before.has(i));
        const outcomes = open.length <= 7
          ? Array.from(
            { length: 2 ** open.length },
            (_, bits) =>
              nodes.map((_, i) => open.includes(i) ? (bits >> open.indexOf(i) & 1) === 1 : true),
          )
          : sampled;
        const endings = outcomes.map((passes) => {
          const replay = new NeedsGate(nodes);
          for (const call of calls) {
            if ("start" in call) replay.start(call.start);
            else replay.end(call.end, call.ending, call.ran);
          }
          return finish(replay, nodes, (i) => passes[i] ? "passed" : "failed");
        });
        for (const i of open) {
          const decided = settled.get(i);
          const ways = new Set(endings.map((e) => e.get(i)));
          if (decided?.kind === "skip") {
            assert.deepEqual([...ways], [`skipped: ${decided.reason}`], `f${i} skipped`);
          } else if (decided?.kind === "block") {
            assert.deepEqual([...ways], ["blocked"], `f${i} blocked`);
          } else if (open.length <= 7 && !(nodes[i].teardown && nodes[i].needs.length === 0)) {
            // Left to the stop: some way on, it would have run. (A teardown without needs is
            // left to the stop, owed, whatever ran: what the stop cut short held it back.)
            assert.ok(
              ways.has("passed") || ways.has("failed"),
              `f${i} could not have run: ${[...ways]}`,
            );
          }
        }
      },
    ),
    { numRuns: 1000 },
  );
});

Deno.test("NeedsGate.settleStopped(): a teardown of a blocked need and of a skipped one the run had not reached is blocked, as in a run that was not stopped", () => {
  const gate = new NeedsGate([
    { id: "a/root", needs: [], teardown: false },
    { id: "b/mid", needs: ["a/root"], teardown: false },
    { id: "c/off", needs: [], teardown: false, skipReason: "off" },
    { id: "z/td", needs: ["b/mid", "c/off"], teardown: true },
  ]);
  gate.start(0);
  gate.end(0, "failed");
  // --max-failures 1: the run stops here.
  assert.deepEqual([...gate.settleStopped()].sort(), [
    [1, { kind: "block", by: "a/root", because: "failed" }],
    [2, { kind: "skip", reason: "off" }],
    [3, { kind: "block", by: "b/mid", because: "blocked" }],
  ]);
});

Deno.test("unstartedEnds(): when no fixture started (a service not ready), what the manifests skip stays skipped, with the run's reason", () => {
  const planned = planAll([
    { path: "setup/off.smoke.jsonc", text: '{ "command": ["true"], "skip": "off" }' },
    { path: "api/dep.smoke.jsonc", text: '{ "command": ["true"], "needs": ["setup/off"] }' },
    {
      path: "teardown/off.smoke.jsonc",
      text: '{ "command": ["true"], "needs": ["setup/off"], "teardown": true }',
    },
    { path: "api/other.smoke.jsonc", text: '{ "command": ["true"] }' },
  ]);
  const ends = unstartedEnds(planned, 'Not run: service "api" was not ready');
  const byId = Object.fromEntries(ends.map((e) => [e.result.id, e.result]));
  assert.deepEqual(
    Object.fromEntries(
      Object.entries(byId).map(([id, r]) => [id, r.skipReason ?? r.failure?.kind]),
    ),
    {
      "setup/off": "off",
      "api/dep": 'needs "setup/off", which is skipped',
      "teardown/off": "teardown: none of its needs ran",
      "api/other": "not-run",
    },
  );
});

Deno.test("NeedsGate: teardowns that would wait for each other do not (no deadlock); after a stop, teardowns run in reverse of their setups", () => {
  // t1 cleans up a and d, t2 cleans up b and c; b needs a and d needs c: each waits for the other.
  const cross = new NeedsGate([
    { id: "a", needs: [], teardown: false },
    { id: "c", needs: [], teardown: false },
    { id: "b", needs: ["a"], teardown: false },
    { id: "d", needs: ["c"], teardown: false },
    { id: "t1", needs: ["a", "d"], teardown: true },
    { id: "t2", needs: ["b", "c"], teardown: true },
  ]);
  const order = [0, 1, 2, 3, 4, 5];
  const started: number[] = [];
  for (let step = cross.next(order); step.kind === "start"; step = cross.next(order)) {
    cross.start(step.index);
    cross.end(step.index, "passed");
    started.push(step.index);
  }
  assert.deepEqual(started.sort(), order);

  const gate = new NeedsGate([
    { id: "teardown/db", needs: ["setup/db"], teardown: true },
    { id: "setup/db", needs: [], teardown: false },
    { id: "setup/seed", needs: ["setup/db"], teardown: false },
    { id: "teardown/seed", needs: ["setup/seed"], teardown: true },
  ]);
  assert.deepEqual(gate.pendingTeardowns((i) => i === 1 || i === 2), [3, 0]);
});

Deno.test("runFixtures(): after an interrupt, a teardown the budget left no time for is interrupted before it started, not before it finished", async () => {
  const planned = planAll([
    { path: "setup.smoke.jsonc", text: '{ "command": ["setup"] }' },
    { path: "slow.smoke.jsonc", text: '{ "command": ["slow"], "needs": ["setup"] }' },
    { path: "t1.smoke.jsonc", text: '{ "command": ["t1"], "needs": ["setup"], "teardown": true }' },
    { path: "t2.smoke.jsonc", text: '{ "command": ["t2"], "needs": ["setup"], "teardown": true }' },
  ], { timeoutMs: 60_000 });
  const interrupt = new AbortController();
  const started: string[] = [];
  // smoke's timers do not hold the event loop open (its children do, in a run): this does.
  const keepAlive = setInterval(() => {}, 1000);
  const ends = await runFixtures(planned, {
    runId: "r",
    concurrency: 1,
    baseEnv: {},
    graceMs: 10,
    tailBytes: 10,
    settleMs: 0,
    teardownBudgetMs: 20,
  }, {
    spawn: async (spec, signal): Promise<ProcessOutcome> => {
      const name = spec.argv[0];
      started.push(name);
      if (name === "slow") interrupt.abort();
      // The slow fixture and the first teardown last until they are stopped.
      if (name !== "setup" && !signal.aborted) {
        await new Promise((r) => signal.addEventListener("abort", r));
      }
      return outcome(name === "setup" ? 0 : null, { interrupted: name !== "setup" });
    },
    reporter: {},
    signal: interrupt.signal,
  }).finally(() => clearInterval(keepAlive));
  const byId = Object.fromEntries(ends.map((e) => [e.result.id, e.result]));
  assert.deepEqual(started, ["setup", "slow", "t1"]);
  assert.equal(byId.t1.failure?.message, "Interrupted before it finished");
  assert.equal(byId.t2.failure?.message, "Interrupted before it started");
});

Deno.test("runFixtures(): --max-failures counts fixtures that ran and failed, not the blocked, nor a failed teardown", async () => {
  const planned = planAll([
    { path: "a_setup.smoke.jsonc", text: '{ "command": ["fail"] }' },
    { path: "b_dep.smoke.jsonc", text: '{ "command": ["ok"], "needs": ["a_setup"] }' },
    {
      path: "c_td.smoke.jsonc",
      text: '{ "command": ["fail"], "needs": ["a_setup"], "teardown": true }',
    },
    { path: "d_other.smoke.jsonc", text: '{ "command": ["ok"] }' },
  ]);
  const ends = await runFixtures(planned, {
    runId: "r",
    concurrency: 1,
    baseEnv: {},
    graceMs: 10,
    tailBytes: 10,
    settleMs: 0,
    maxFailures: 2,
  }, {
    spawn: (spec) => Promise.resolve(outcome(spec.argv[0] === "fail" ? 1 : 0)),
    reporter: {},
    signal: new AbortController().signal,
  });
  assert.deepEqual(
    ends.map((e) => [e.result.id, e.result.status, e.result.failure?.kind ?? null]),
    [
      ["a_setup", "failed", "exit-code"],
      ["b_dep", "failed", "blocked"],
      ["c_td", "failed", "exit-code"],
      ["d_other", "passed", null],
    ],
  );
});

Deno.test("runFixtures(): an interrupt during the cleanup after --max-failures gives the teardowns the budget; those it leaves no time for are interrupted, not held back by the limit", async () => {
  const planned = planAll([
    { path: "a_setup.smoke.jsonc", text: '{ "command": ["ok"] }' },
    { path: "b_fails.smoke.jsonc", text: '{ "command": ["fail"] }' },
    {
      path: "c_t1.smoke.jsonc",
      text: '{ "command": ["t1"], "needs": ["a_setup"], "teardown": true }',
    },
    {
      path: "d_t2.smoke.jsonc",
      text: '{ "command": ["t2"], "needs": ["a_setup"], "teardown": true }',
    },
  ], { timeoutMs: 60_000 });
  const interrupt = new AbortController();
  let t1HadTime = false;
  const keepAlive = setInterval(() => {}, 1000);
  const ends = await runFixtures(planned, {
    runId: "r",
    concurrency: 1,
    baseEnv: {},
    graceMs: 10,
    tailBytes: 10,
    settleMs: 0,
    maxFailures: 1,
    teardownBudgetMs: 20,
  }, {
    spawn: async (spec, signal): Promise<ProcessOutcome> => {
      const name = spec.argv[0];
      if (name === "t1") {
        // Ctrl-C while the first teardown runs: it goes on, within the budget.
        interrupt.abort();
        t1HadTime = !signal.aborted;
        if (!signal.aborted) await new Promise((r) => signal.addEventListener("abort", r));
      }
      return outcome(name === "fail" ? 1 : name === "t1" ? null : 0, {
        interrupted: name === "t1",
      });
    },
    reporter: {},
    signal: interrupt.signal,
  }).finally(() => clearInterval(keepAlive));
  const byId = Object.fromEntries(ends.map((e) => [e.result.id, e.result]));
  assert.ok(t1HadTime, "the teardown running at the interrupt was stopped at once");
  assert.equal(byId.d_t2.failure?.message, "Interrupted before it started");
});
