/**
 * The scheduler: runs planned fixtures a few at a time, with retries, and
 * stops cleanly on interrupt. Processes, clock and reporters are passed in.
 *
 * @module
 */
import type { FixtureResult } from "../artifact/artifact.ts";
import { judge } from "./judge.ts";
import type { PlannedFixture } from "../selection/plan.ts";
import type { ProcessOutcome, ProcessSpec } from "./process.ts";
import type { FailedAttempt, FixtureEnd, Reporter } from "./events.ts";
import { type Ending, NeedsGate, type Settled } from "./needs_gate.ts";
import { repeatRuns } from "./repeat.ts";
import { pause } from "./_wait.ts";
import { after, type Timer } from "../base/timer.ts";
import { interruptedWithoutResult } from "../artifact/not_run.ts";

/** After an interrupt, how long the teardowns of what ran have, in all. */
const TEARDOWN_BUDGET_MS = 10_000;

/** How long a large run rests before its first spawn (see {@linkcode settleMs}). */
const SETTLE_MS = 50;
/** From how many fixtures to start a run rests first: below, the rest costs more than it saves. */
const SETTLE_MIN_FIXTURES = 200;

/**
 * How long the scheduler rests before its first spawn, for a run that starts
 * `starting` fixtures: 50 ms from 200 fixtures on, else none.
 *
 * Why: smoke's start-up (loading its modules, reading the catalog and the
 * durations summary) keeps its main thread busy for a few hundred
 * milliseconds. Spawning straight after, Linux's scheduler still rates that
 * thread as busy and tends to place each new child (which runs on smoke's
 * address space until it execs, while smoke waits) on the other, busy CPU: on
 * the 2-core machine of `deno task bench overhead`, every spawn then took
 * about 1.2 ms instead of 0.5, and the wall of 2,000 `true` fixtures grew by
 * 10-20%. A 50 ms rest (the load estimate halves every 32 ms) let the spawns
 * start fast in most runs. Below 200 fixtures the rest costs more than the
 * spawns can save (about 0.5 ms each).
 *
 * @param starting How many fixtures the run may start.
 * @returns Milliseconds to rest.
 *
 * @example
 * ```ts
 * import { settleMs } from "./run.ts";
 * import assert from "node:assert/strict";
 *
 * assert.equal(settleMs(10), 0);
 * assert.equal(settleMs(5000), 50);
 * ```
 */
export function settleMs(starting: number): number {
  return starting >= SETTLE_MIN_FIXTURES ? SETTLE_MS : 0;
}

/** Edges the scheduler uses. */
export interface RunDeps {
  /** Runs one process (see `runProcess`). */
  spawn(spec: ProcessSpec, signal: AbortSignal): Promise<ProcessOutcome>;
  /** Hears every fixture start and end. */
  reporter: Reporter;
  /** Aborts on interrupt: fixtures not yet finished end `interrupted`. */
  signal: AbortSignal;
  /**
   * Hears that the run stopped early and still runs these teardowns, one at a time, within
   * `budgetMs` in all (after an interrupt; none after the failure limit).
   */
  onCleanup?: (ids: readonly string[], budgetMs?: number) => void;
}

/** Settings of one run. */
export interface RunSettings {
  /** The run id, passed to fixtures as `SMOKE_RUN_ID`. */
  runId: string;
  /** How many fixtures run at once. */
  concurrency: number;
  /** Smoke's own environment, inherited by every fixture. */
  baseEnv: Record<string, string>;
  /**
   * `baseEnv` holds only what differs from smoke's own environment, which each fixture
   * inherits (see `envOverProcess` in `_spawn.ts`).
   */
  inheritEnv?: boolean;
  /** Between SIGTERM and SIGKILL. */
  graceMs: number;
  /** Bytes of each stream tail to keep. */
  tailBytes: number;
  /** Start no new fixture once this many have failed (after their retries). */
  maxFailures?: number;
  /**
   * Indices into the fixtures, in the order to start them (longest first);
   * default: the order given. Results keep the order given either way.
   */
  startOrder?: readonly number[];
  /**
   * `--repeat N`: each fixture (but a teardown) runs N times, one run after another in the
   * worker slot that took it, and ends once with the runs folded (see `repeat.ts`).
   */
  repeat?: number;
  /**
   * Milliseconds to rest before the first spawn; default {@linkcode settleMs} of the fixtures
   * that may start. An interrupt cuts it short.
   */
  settleMs?: number;
  /** Milliseconds the teardowns of what ran get after an interrupt, in all; default 10 s. */
  teardownBudgetMs?: number;
}

/** A skipped fixture's result: by its manifest, or with the reason the run gives. */
function skipped(
  planned: PlannedFixture,
  reason = planned.fixture.skipReason,
): FixtureResult {
  return {
    id: planned.fixture.id,
    status: "skipped",
    durationMs: 0,
    attempts: 0,
    exitCode: null,
    signal: null,
    timedOut: false,
    skipReason: reason,
  };
}

/** The end of a fixture that made no attempt. */
function unstartedEnd(planned: PlannedFixture, result: FixtureResult): FixtureEnd {
  return { result, planned, failedAttempts: [], outputLeaked: false };
}

/** The end of a fixture the needs decided without starting it: skipped, with why, or blocked. */
function decidedEnd(planned: PlannedFixture, decided: Settled): FixtureEnd {
  return unstartedEnd(
    planned,
    decided.kind === "skip"
      ? skipped(planned, decided.reason)
      : blockedResult(planned.fixture.id, decided.by, decided.because),
  );
}

/**
 * The result of a fixture that never got to finish because of an interrupt.
 *
 * @param id The fixture id.
 * @returns A `failed` result of kind `interrupted`.
 *
 * @example
 * ```ts
 * import { interruptedResult } from "./run.ts";
 * import assert from "node:assert/strict";
 *
 * assert.equal(interruptedResult("a").failure?.kind, "interrupted");
 * ```
 */
export function interruptedResult(id: string): FixtureResult {
  return unstarted(id, { kind: "interrupted", message: "Interrupted before it started" });
}

/** A fixture that never started: failed (owed), with why. */
function unstarted(id: string, failure: NonNullable<FixtureResult["failure"]>): FixtureResult {
  return {
    id,
    status: "failed",
    durationMs: 0,
    attempts: 0,
    exitCode: null,
    signal: null,
    timedOut: false,
    failure,
  };
}

/**
 * The result of a fixture that never started because the run had already
 * seen `--max-failures` failures: failed (owed, never passed or skipped),
 * kind `not-run`.
 *
 * @param id The fixture id.
 * @param maxFailures The limit that was reached.
 * @returns The result.
 *
 * @example
 * ```ts
 * import { notRunResult } from "./run.ts";
 * import assert from "node:assert/strict";
 *
 * assert.equal(notRunResult("a", 1).failure?.kind, "not-run");
 * assert.equal(notRunResult("a", 1).status, "failed");
 * ```
 */
export function notRunResult(id: string, maxFailures: number): FixtureResult {
  return unstarted(id, {
    kind: "not-run",
    message: `Not run: the run started no more fixtures once ${maxFailures} had failed ` +
      `(max failures ${maxFailures})`,
  });
}

/**
 * The result of a fixture that never started because a fixture it needs did
 * not pass in this run: failed (owed), kind `blocked`, naming the need.
 *
 * @param id The fixture id.
 * @param by The need that did not pass.
 * @param because How that need ended.
 * @returns The result.
 *
 * @example
 * ```ts
 * import { blockedResult } from "./run.ts";
 * import assert from "node:assert/strict";
 *
 * const result = blockedResult("api/orders", "setup/db", "failed");
 * assert.equal(result.failure?.message, 'Blocked by setup/db: it needs "setup/db", which failed');
 * assert.equal(result.blockedBy, "setup/db");
 * const stopped = blockedResult("api/orders", "setup/db", "interrupted");
 * assert.equal(stopped.failure?.message, 'Blocked by setup/db: it needs "setup/db", which was interrupted');
 * ```
 */
export function blockedResult(id: string, by: string, because: Ending): FixtureResult {
  const why = because === "failed"
    ? "failed"
    : because === "skipped"
    ? "was skipped"
    : because === "blocked"
    ? "was blocked itself"
    : because === "interrupted"
    ? "was interrupted"
    : "did not pass";
  return {
    ...unstarted(id, {
      kind: "blocked",
      message: `Blocked by ${by}: it needs "${by}", which ${why}`,
    }),
    blockedBy: by,
  };
}

/**
 * The ends of fixtures the run started none of, because something they all
 * need failed first (a service that was not ready): each is failed, kind
 * `not-run`, with the message given, so it is owed; what the manifests skip
 * (a fixture's own skip, a skipped need's dependants, a teardown of skipped
 * needs) stays skipped, with the reason a run gives.
 *
 * @param fixtures The planned fixtures.
 * @param message Why none started, e.g. `Not run: service "api" was not ready`.
 * @returns One end per fixture, in the order given.
 *
 * @example
 * ```ts
 * import { unstartedEnds } from "./run.ts";
 * import { planFixture } from "../selection/plan.ts";
 * import { buildCatalog } from "../catalog/catalog.ts";
 * import assert from "node:assert/strict";
 *
 * const catalog = buildCatalog([{ path: "a.smoke.jsonc", text: '{ "command": ["true"] }' }], {
 *   cwd: "/", fixturesDir: "/f",
 * });
 * const planned = catalog.map((f) => planFixture(f, {
 *   options: { timeoutMs: 1000, retries: 0, permissions: [], env: {} }, deno: "deno",
 * }));
 * const [end] = unstartedEnds(planned, "Not run: service \"api\" was not ready");
 * assert.equal(end.result.failure?.kind, "not-run");
 * ```
 */
export function unstartedEnds(fixtures: readonly PlannedFixture[], message: string): FixtureEnd[] {
  const gate = new NeedsGate(fixtures.map((p) => p.fixture));
  return fixtures.map((planned, index) => {
    const reason = gate.skippedAnyway(index);
    return reason !== undefined
      ? decidedEnd(planned, { kind: "skip", reason })
      : unstartedEnd(planned, unstarted(planned.fixture.id, { kind: "not-run", message }));
  });
}

/**
 * Runs one attempt's process. Whatever the spawn throws (it reports the
 * failures it knows of in the outcome) ends this attempt as a `spawn`
 * failure: the run goes on, and the fixtures that finished keep their results.
 */
async function spawnOrFail(deps: RunDeps, spec: ProcessSpec): Promise<ProcessOutcome> {
  const started = performance.now();
  try {
    return await deps.spawn(spec, deps.signal);
  } catch (error) {
    // Deliberately broad: this is the barrier between one fixture and the run.
    const detail = error instanceof Error ? error.message : String(error);
    const stream = { tail: "", bytes: 0, found: [] };
    return {
      exitCode: null,
      signal: null,
      timedOut: false,
      interrupted: false,
      spawnError: `Cannot run "${spec.argv[0]}": ${detail}`,
      durationMs: performance.now() - started,
      stdout: { ...stream, found: (spec.stdoutNeedles ?? []).map(() => false) },
      stderr: { ...stream, found: (spec.stderrNeedles ?? []).map(() => false) },
      outputLeaked: false,
    };
  }
}

/** Hands a reporter call to the run's queue: calls run one after another, in order. */
type Enqueue = (call: () => void | Promise<void>) => void;

async function runOne(
  planned: PlannedFixture,
  settings: RunSettings,
  deps: RunDeps,
  enqueue: Enqueue,
): Promise<FixtureEnd> {
  const { fixture } = planned;
  if (fixture.skipReason) {
    return unstartedEnd(planned, skipped(planned));
  }
  const failedAttempts: FailedAttempt[] = [];
  const expect = fixture.expect;
  let totalMs = 0;
  for (let attempt = 1;; attempt++) {
    enqueue(() => deps.reporter.onFixtureBegin?.(planned, attempt));
    const outcome = await spawnOrFail(deps, {
      argv: planned.argv,
      cwd: planned.cwd,
      env: {
        ...settings.baseEnv,
        ...planned.env,
        SMOKE_FIXTURE_ID: fixture.id,
        SMOKE_RUN_ID: settings.runId,
        SMOKE_ATTEMPT: String(attempt),
      },
      ...(settings.inheritEnv ? { inheritEnv: true } : {}),
      timeoutMs: planned.timeoutMs,
      graceMs: settings.graceMs,
      tailBytes: settings.tailBytes,
      stdoutNeedles: [...expect.stdoutIncludes, ...expect.stdoutExcludes],
      stderrNeedles: [...expect.stderrIncludes, ...expect.stderrExcludes],
    });
    totalMs += outcome.durationMs;
    const judgement = judge(outcome, {
      ...fixture,
      timeoutMs: planned.timeoutMs,
      permissions: planned.permissions,
    });
    const last = judgement.passed || attempt > planned.retries || outcome.interrupted ||
      deps.signal.aborted;
    if (!last) {
      failedAttempts.push({
        attempt,
        failure: judgement.failure!,
        stderrTail: outcome.stderr.tail,
        stdoutTail: outcome.stdout.tail,
        durationMs: outcome.durationMs,
      });
      continue;
    }
    const result: FixtureResult = {
      id: fixture.id,
      status: judgement.passed ? "passed" : "failed",
      durationMs: Math.round(totalMs),
      attempts: attempt,
      exitCode: outcome.exitCode,
      signal: outcome.signal,
      timedOut: outcome.timedOut,
      ...(judgement.failure ? { failure: judgement.failure } : {}),
      ...(outcome.stdout.bytes > 0 ? { stdoutTail: outcome.stdout.tail } : {}),
      ...(outcome.stderr.bytes > 0 ? { stderrTail: outcome.stderr.tail } : {}),
      ...(judgement.passed && attempt > 1 ? { flaky: true } : {}),
      ...(planned.quarantine ? { quarantined: { ...planned.quarantine } } : {}),
    };
    return { result, planned, failedAttempts, outputLeaked: outcome.outputLeaked };
  }
}

/**
 * Runs the planned fixtures, `concurrency` at a time, in order (or in
 * `settings.startOrder`). On abort,
 * running fixtures are stopped and the rest are recorded as interrupted.
 *
 * @param fixtures The planned fixtures, in selection order.
 * @param settings Run id, concurrency, environment and limits.
 * @param deps Process runner, reporter and interrupt signal.
 * @returns One end per fixture, in the order given.
 *
 * @example
 * ```ts
 * import { runFixtures } from "./run.ts";
 * import { planFixture } from "../selection/plan.ts";
 * import { buildCatalog } from "../catalog/catalog.ts";
 * import assert from "node:assert/strict";
 *
 * const catalog = buildCatalog([{ path: "ok.smoke.jsonc", text: '{ "command": ["true"] }' }], {
 *   cwd: "/", fixturesDir: "/f",
 * });
 * const planned = catalog.map((f) => planFixture(f, {
 *   options: { timeoutMs: 1000, retries: 0, permissions: [], env: {} }, deno: "deno",
 * }));
 * const stream = { tail: "", bytes: 0, found: [] };
 * const ends = await runFixtures(planned, {
 *   runId: "r", concurrency: 1, baseEnv: {}, graceMs: 10, tailBytes: 10,
 * }, {
 *   spawn: () => Promise.resolve({
 *     exitCode: 0, signal: null, timedOut: false, interrupted: false, durationMs: 1,
 *     stdout: stream, stderr: stream, outputLeaked: false,
 *   }),
 *   reporter: {},
 *   signal: new AbortController().signal,
 * });
 * assert.equal(ends[0].result.status, "passed");
 * ```
 */
export async function runFixtures(
  fixtures: readonly PlannedFixture[],
  settings: RunSettings,
  deps: RunDeps,
): Promise<FixtureEnd[]> {
  const ends: (FixtureEnd | undefined)[] = new Array(fixtures.length);
  const order = settings.startOrder ?? fixtures.map((_, i) => i);
  let failures = 0;
  const max = settings.maxFailures;
  const bailed = () => max !== undefined && failures >= max;
  let bailedFirst = false;
  // Reporters hear every start and end in the order they came, one call after another, while
  // the worker goes on: on a suite of fast commands, waiting for them before each spawn left
  // the process slot idle for that long on every fixture.
  let reported: Promise<void> = Promise.resolve();
  const enqueue: Enqueue = (call) => {
    reported = reported.then(call);
  };
  // The needs graph: which fixture may start, which is blocked; workers waiting for a need to
  // end are woken by every end (and by an interrupt).
  const gate = new NeedsGate(fixtures.map((p) => p.fixture));
  let waiters: (() => void)[] = [];
  const wake = () => {
    const woken = waiters;
    waiters = [];
    for (const resume of woken) resume();
  };
  deps.signal.addEventListener("abort", wake, { once: true });
  const record = (index: number, end: FixtureEnd) => {
    ends[index] = end;
    gate.end(
      index,
      end.result.failure?.kind === "blocked"
        ? "blocked"
        : interruptedWithoutResult(end.result)
        ? "interrupted"
        : end.result.status,
      end.result.attempts > 0,
    );
    enqueue(() => deps.reporter.onFixtureEnd?.(end));
    wake();
  };
  const worker = async (runDeps: RunDeps, stop: () => boolean) => {
    while (!stop()) {
      const step = gate.next(order);
      if (step.kind === "done") break;
      if (step.kind === "wait") {
        await new Promise<void>((resume) => waiters.push(resume));
        continue;
      }
      const planned = fixtures[step.index];
      if (step.kind === "skip" || step.kind === "block") {
        record(step.index, decidedEnd(planned, step));
        continue;
      }
      gate.start(step.index);
      // Under --repeat the runs follow one another here: one fixture never runs twice at once.
      const end = settings.repeat && settings.repeat > 1 && !planned.fixture.teardown
        ? await repeatRuns(
          { times: settings.repeat, signal: runDeps.signal },
          () => runOne(planned, settings, runDeps, enqueue),
        )
        : await runOne(planned, settings, runDeps, enqueue);
      if (end.result.status === "failed" && !planned.fixture.teardown) failures++;
      // The limit reached before any interrupt: the fixtures it holds back are not-run, whatever
      // comes after.
      if (bailed() && !deps.signal.aborted) bailedFirst = true;
      record(step.index, end);
    }
    // Whoever waits may find nothing left to wait for.
    wake();
  };
  const workers = Math.max(1, Math.min(settings.concurrency, fixtures.length));
  const stopped = () => deps.signal.aborted || bailed();
  const settle = settings.settleMs ??
    settleMs(fixtures.filter((planned) => !planned.fixture.skipReason).length);
  if (settle > 0) await pause(settle, { signal: deps.signal });
  await Promise.all(Array.from({ length: workers }, () => worker(deps, stopped)));
  // Stopped early: the teardowns of what ran still clean up, one at a time; after an interrupt
  // within a short budget (a second interrupt stops smoke at once).
  const cleanup = gate.pendingTeardowns((i) => (ends[i]?.result.attempts ?? 0) > 0);
  /** Teardowns of the cleanup that an interrupt's budget left no time to start. */
  const cutShort = new Set<number>();
  if (cleanup.length) {
    deps.onCleanup?.(
      cleanup.map((i) => fixtures[i].fixture.id),
      deps.signal.aborted ? settings.teardownBudgetMs ?? TEARDOWN_BUDGET_MS : undefined,
    );
    const budget = new AbortController();
    // After an interrupt the teardowns get the budget in all: from the start of the cleanup, or
    // from an interrupt during it (the cleanup after --max-failures).
    let timer: Timer | undefined;
    const arm = () => {
      timer ??= after(
        settings.teardownBudgetMs ?? TEARDOWN_BUDGET_MS,
        () => budget.abort("teardown budget"),
      );
    };
    if (deps.signal.aborted) arm();
    else deps.signal.addEventListener("abort", arm, { once: true });
    const cleanupDeps = { ...deps, signal: budget.signal };
    try {
      for (const index of cleanup) {
        // The budget spent: the rest never start, and say so ("Interrupted before it started").
        if (budget.signal.aborted) {
          cutShort.add(index);
          continue;
        }
        gate.start(index);
        record(index, await runOne(fixtures[index], settings, cleanupDeps, enqueue));
      }
    } finally {
      timer?.clear();
      deps.signal.removeEventListener("abort", arm);
    }
  }
  // Never started: an interrupt, or --max-failures. What the manifests skip stays skipped, and
  // what a need that did not pass blocks is blocked, as in a run that was not stopped (and the
  // reporters hear of them as they would have): either way it could not have run. The rest the
  // stop kept from starting.
  for (const [index, decided] of gate.settleStopped()) {
    const end = decidedEnd(fixtures[index], decided);
    ends[index] = end;
    enqueue(() => deps.reporter.onFixtureEnd?.(end));
  }
  await reported;
  return fixtures.map((planned, index) => {
    const end = ends[index];
    if (end) return end;
    const id = planned.fixture.id;
    return unstartedEnd(
      planned,
      cutShort.has(index) || !bailedFirst || max === undefined
        ? interruptedResult(id)
        : notRunResult(id, max),
    );
  });
}
