/**
 * Runs one fixture process in its own session and process group, with a
 * timeout, bounded output capture, and a group kill (SIGTERM, then SIGKILL
 * after a grace) so no grandchild outlives it. A timeout or an interrupt
 * stops the fixture's whole session (the groups job control or `setpgid`
 * made in it too). What left the session (`setsid`) is found by its
 * environment when the run ends (`run_processes.ts`).
 *
 * @module
 */
import { StreamCapture } from "./_capture.ts";
import { drain } from "./_drain.ts";
import { findSetsid, type SessionSpawnOptions, startInSession } from "./_spawn.ts";
import { killRunProcessesSync, sessionGroups, signalGroups } from "./run_processes.ts";
import { sendSignal } from "./send_signal.ts";
import { after, type Timer } from "../base/timer.ts";

export { type EnvOverProcess, envOverProcess } from "./_spawn.ts";

/**
 * The live process groups of a run. Every group is registered while it may
 * still hold processes, so any exit path can kill what is left.
 *
 * @example
 * ```ts
 * import { ProcessGroups } from "./process.ts";
 * import assert from "node:assert/strict";
 *
 * const groups = new ProcessGroups();
 * assert.equal(groups.size, 0);
 * groups.killAll(); // nothing to kill
 * ```
 */
export class ProcessGroups {
  /** Live groups, and whether each leader may still be running (not yet reaped). */
  #live = new Map<number, { leaderRunning: boolean }>();
  /** Every fixture session by its leader's pid: when the leader was reaped (`performance.now()`). */
  #sessions = new Map<number, number | undefined>();
  /** The run whose processes exit paths also stop. */
  #run: { runId: string; startedAfter?: number } | undefined;

  /** How many groups may still hold processes. */
  get size(): number {
    return this.#live.size;
  }

  /**
   * Registers a group by its leader's pid.
   *
   * @param pgid The process group id (the leader's pid).
   */
  add(pgid: number): void {
    this.#live.set(pgid, { leaderRunning: true });
    this.#sessions.set(pgid, undefined);
  }

  /**
   * Every group (and session: fixtures lead their own) added so far, live or
   * gone: for the end-of-run sweep of what stayed in a fixture's session.
   *
   * @returns The leaders' pids, each with when its leader was reaped
   * (`performance.now()`), or undefined while it runs: a session id is free for
   * another process once its last member has gone.
   */
  sessions(): ReadonlyMap<number, number | undefined> {
    return this.#sessions;
  }

  /**
   * Notes that a group's leader has exited and been reaped: its pid may be
   * reused from now on, so only the group is signalled, never the pid alone.
   *
   * @param pgid The process group id.
   */
  leaderExited(pgid: number): void {
    const group = this.#live.get(pgid);
    if (group) group.leaderRunning = false;
    if (this.#sessions.has(pgid)) this.#sessions.set(pgid, performance.now());
  }

  /**
   * Sends a signal to a group. A leader started through setsid(1) may not
   * have made its group yet: while it runs, it is then signalled alone.
   *
   * @param pgid The process group id.
   * @param signal The signal.
   * @returns Whether the group still existed (false removes it from the set).
   */
  signal(pgid: number, signal: Deno.Signal): boolean {
    // "denied": it is there, but runs as another user now (a setuid program).
    if (sendSignal(-pgid, signal) !== "gone") return true;
    if (this.#live.get(pgid)?.leaderRunning && sendSignal(pgid, signal) !== "gone") return true;
    this.#live.delete(pgid);
    return false;
  }

  /**
   * Kills a group with SIGKILL and forgets it. A group already found gone
   * (or never registered) is left alone.
   *
   * @param pgid The process group id.
   */
  kill(pgid: number): void {
    if (!this.#live.has(pgid)) return;
    this.signal(pgid, "SIGKILL");
    this.#live.delete(pgid);
  }

  /**
   * Names the run whose processes {@linkcode killAll} also looks for: every
   * process carrying its `SMOKE_RUN_ID`, wherever it went (see
   * `run_processes.ts`). Undefined once the run has stopped its own.
   *
   * @param run The run id, and the start time (clock ticks after boot) before which none started.
   */
  watchRun(run: { runId: string; startedAfter?: number } | undefined): void {
    this.#run = run;
  }

  /**
   * Kills every live group with SIGKILL, synchronously: for exit paths. With
   * a watched run, every process carrying its id too (one scan of `/proc`).
   */
  killAll(): void {
    for (const pgid of [...this.#live.keys()]) this.kill(pgid);
    if (this.#run) killRunProcessesSync(this.#run.runId, { startedAfter: this.#run.startedAfter });
  }
}

/** What to run. */
export interface ProcessSpec {
  /** Program and arguments. */
  argv: string[];
  /** Absolute working directory. */
  cwd: string;
  /** The full environment; with `inheritEnv`, what is set on top of smoke's own. */
  env: Record<string, string>;
  /** The child starts from smoke's own environment, `env` on top (see `envOverProcess`). */
  inheritEnv?: boolean;
  /** Stop the group after this long. */
  timeoutMs: number;
  /** Between SIGTERM and SIGKILL, and the longest wait for output after exit. */
  graceMs: number;
  /** Bytes of each stream's tail to keep. */
  tailBytes: number;
  /** Strings to watch for in standard output. */
  stdoutNeedles?: string[];
  /** Strings to watch for in standard error. */
  stderrNeedles?: string[];
}

/** One captured stream. */
export interface CapturedStream {
  /** The plain-text tail. */
  tail: string;
  /** Total bytes written. */
  bytes: number;
  /** For each needle, whether it appeared. */
  found: boolean[];
}

/** How a process ended. */
export interface ProcessOutcome {
  /** The exit code, or null when a signal ended it or it never started. */
  exitCode: number | null;
  /** The signal that ended it. */
  signal: string | null;
  /** Whether the timeout stopped it. */
  timedOut: boolean;
  /** Whether an interrupt stopped it. */
  interrupted: boolean;
  /** Why it could not start. */
  spawnError?: string;
  /** Wall time. */
  durationMs: number;
  /** Standard output. */
  stdout: CapturedStream;
  /** Standard error. */
  stderr: CapturedStream;
  /** An escaped process held the output open past the grace. */
  outputLeaked: boolean;
}

/** Edges {@linkcode runProcess} uses. */
export interface ProcessContext {
  /** The run's live groups. */
  groups: ProcessGroups;
  /** Aborts on interrupt. */
  signal?: AbortSignal;
  /**
   * setsid(1), to start each process in its own session cheaply; null to use
   * Deno's `detached` instead. Default: found once, where the system has it.
   */
  setsid?: string | null;
  /** The spawn (default: `spawnInSession`); tests pass one that fails. */
  spawn?: (argv: readonly string[], options: SessionSpawnOptions) => Deno.ChildProcess;
  /** The waits before each new try of a spawn short of descriptors or processes. */
  retryDelaysMs?: readonly number[];
}

function captured(capture: StreamCapture): CapturedStream {
  return { tail: capture.tail(), bytes: capture.bytes, found: capture.found };
}

function delay(ms: number): { promise: Promise<void>; clear: () => void } {
  let timer: Timer | undefined;
  const promise = new Promise<void>((resolve) => (timer = after(ms, resolve)));
  return { promise, clear: () => timer?.clear() };
}

/**
 * Runs one process to the end. Never throws for a process that fails or
 * cannot start: that is reported in the outcome.
 *
 * @param spec What to run, and its limits.
 * @param context The live groups and the interrupt signal.
 * @returns How it ended and what it printed.
 *
 * @example
 * ```ts
 * import { ProcessGroups, runProcess } from "./process.ts";
 * import assert from "node:assert/strict";
 *
 * const outcome = await runProcess(
 *   { argv: ["sh", "-c", "echo hi"], cwd: Deno.cwd(), env: {}, timeoutMs: 5000, graceMs: 500, tailBytes: 1024 },
 *   { groups: new ProcessGroups() },
 * );
 * assert.equal(outcome.exitCode, 0);
 * assert.equal(outcome.stdout.tail, "hi\n");
 * ```
 */
export async function runProcess(
  spec: ProcessSpec,
  context: ProcessContext,
): Promise<ProcessOutcome> {
  const startedAt = performance.now();
  const stdout = new StreamCapture(spec.tailBytes, spec.stdoutNeedles);
  const stderr = new StreamCapture(spec.tailBytes, spec.stderrNeedles);
  const start = await startInSession(spec.argv, {
    cwd: spec.cwd,
    env: spec.env,
    ...(spec.inheritEnv ? { inheritEnv: true } : {}),
    setsid: context.setsid === undefined ? findSetsid() : context.setsid ?? undefined,
    signal: context.signal,
    ...(context.spawn ? { spawn: context.spawn } : {}),
    ...(context.retryDelaysMs ? { retryDelaysMs: context.retryDelaysMs } : {}),
  });
  if (!("child" in start)) {
    return {
      exitCode: null,
      signal: null,
      timedOut: false,
      interrupted: "interrupted" in start,
      ...("failure" in start ? { spawnError: start.failure } : {}),
      durationMs: performance.now() - startedAt,
      stdout: captured(stdout),
      stderr: captured(stderr),
      outputLeaked: false,
    };
  }
  const { child } = start;
  const pgid = child.pid;
  const { groups } = context;
  groups.add(pgid);
  const readers = [drain(child.stdout, stdout), drain(child.stderr, stderr)];
  let timedOut = false;
  let interrupted = false;
  let killTimer: ReturnType<typeof delay> | undefined;
  // On a timeout or an interrupt the fixture's whole session is stopped: its group, and the
  // groups its processes made in it (job control, setpgid). One /proc scan serves a burst
  // (an interrupt stops every fixture at once); only a session that had other groups is
  // scanned again for the SIGKILL.
  let stopped = false;
  let otherGroups = false;
  const killSession = () => {
    if (otherGroups) signalGroups(sessionGroups(pgid), "SIGKILL");
  };
  const stop = () => {
    if (stopped) return;
    stopped = true;
    const others = sessionGroups(pgid, { maxAgeMs: 100 });
    otherGroups = others.length > 0;
    signalGroups(others, "SIGTERM");
    groups.signal(pgid, "SIGTERM");
    killTimer = delay(spec.graceMs);
    killTimer.promise.then(() => {
      groups.signal(pgid, "SIGKILL");
      killSession();
    });
  };
  const timeout = delay(spec.timeoutMs);
  timeout.promise.then(() => {
    timedOut = true;
    stop();
  });
  const onAbort = () => {
    interrupted = true;
    stop();
  };
  if (context.signal?.aborted) onAbort();
  context.signal?.addEventListener("abort", onAbort, { once: true });

  const status = await child.status;
  groups.leaderExited(pgid);
  const durationMs = performance.now() - startedAt;
  timeout.clear();
  context.signal?.removeEventListener("abort", onAbort);

  // What is left of the group is stopped; output held open past the grace is abandoned.
  groups.signal(pgid, "SIGTERM");
  // Usually both streams have ended by now; a grace timer only for the rest.
  let closed = readers.every((reader) => reader.state.finished);
  if (!closed) {
    const drained = Promise.all(readers.map((reader) => reader.done));
    const grace = delay(spec.graceMs);
    closed = await Promise.race([drained.then(() => true), grace.promise.then(() => false)]);
    grace.clear();
  }
  const outputLeaked = !closed;
  if (outputLeaked) await Promise.all(readers.map((reader) => reader.cancel()));
  killTimer?.clear();
  groups.kill(pgid);
  killSession();
  return {
    exitCode: status.signal ? null : status.code,
    signal: status.signal ?? null,
    timedOut,
    interrupted,
    durationMs,
    stdout: captured(stdout),
    stderr: captured(stderr),
    outputLeaked,
  };
}
