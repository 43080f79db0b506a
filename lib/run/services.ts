/**
 * Services: long-running processes started, in order, before any fixture,
 * each waited for until its ready check passes, and stopped after the last
 * fixture (SIGTERM to its session's groups, SIGKILL after the grace). Each
 * runs in a session and process group of its own, registered with the run's
 * groups, so every exit path that stops fixtures stops services too.
 *
 * @module
 */
import { resolve } from "../base/path.ts";
import type { ServiceRecord } from "../artifact/artifact.ts";
import { describeReady, type Service } from "../config/services.ts";
import { SERVICE_INTERVAL_MS, SERVICE_TIMEOUT_MS } from "../config/services.ts";
import { StreamCapture, stripAnsi } from "./_capture.ts";
import { type Drain, drain } from "./_drain.ts";
import { findSetsid, startInSession } from "./_spawn.ts";
import type { ProcessGroups } from "./process.ts";
import { readStat, running } from "./_proc.ts";
import { pause } from "./_wait.ts";
import { probeReady } from "./ready_check.ts";
import { sessionGroups, signalGroups } from "./run_processes.ts";

/** Edges and limits of {@linkcode startServices}. */
export interface ServiceContext {
  /** The run's live process groups: every service's group is added. */
  groups: ProcessGroups;
  /** An interrupt: stops the wait for readiness. */
  signal: AbortSignal;
  /** Absolute working directory: a service's `cwd` is resolved against it. */
  cwd: string;
  /** The environment every service starts with (its own `env` goes over it). */
  env: Record<string, string>;
  /** The run id: every service carries it as `SMOKE_RUN_ID`, whatever its `env` says. */
  runId: string;
  /** Between SIGTERM and SIGKILL when a service is stopped. */
  graceMs: number;
  /** Bytes of each output stream kept. */
  tailBytes: number;
  /** Hears a line of progress: `Service api: ready in 812ms (...)`. */
  onProgress?: (line: string) => void;
}

/** What the last check saw, before any was made. */
const NO_CHECK_YET = "no check made yet";

/** A capture that can be waited on for more output. */
class WakingCapture extends StreamCapture {
  #wake: (() => void) | undefined;
  override push(chunk: Uint8Array): void {
    super.push(chunk);
    this.#wake?.();
    this.#wake = undefined;
  }
  /** Resolves at the next output. */
  output(): Promise<void> {
    return new Promise((resume) => (this.#wake = resume));
  }
}

/** A started service's process and output. */
interface Live {
  record: ServiceRecord;
  pgid: number;
  status: Promise<Deno.CommandStatus>;
  exited: boolean;
  readers: Drain[];
  stdout: StreamCapture;
  stderr: StreamCapture;
}

/** The services of a run once started, to stop after the fixtures. */
export interface RunningServices {
  /** Every service's record, in config order (updated when one exits). */
  records: ServiceRecord[];
  /** The first service not ready (no fixture should run), if any. */
  failed?: ServiceRecord;
  /** An interrupt came while waiting for one. */
  interrupted: boolean;
  /** The services that were ready and have exited since, by name. */
  down(): string[];
  /** Stops every started service (last started first) and records their output tails. */
  stop(): Promise<void>;
}

function tails(live: Live): Pick<ServiceRecord, "stdoutTail" | "stderrTail"> {
  return {
    ...(live.stdout.bytes > 0 ? { stdoutTail: live.stdout.tail() } : {}),
    ...(live.stderr.bytes > 0 ? { stderrTail: live.stderr.tail() } : {}),
  };
}

/**
 * Whether a process has exited (a zombie not yet reaped, exiting, or gone), from /proc. Without
 * /proc (not Linux) nothing is known here: the status promise says when it exits.
 */
function exitedAlready(pid: number): boolean {
  if (Deno.build.os !== "linux") return false;
  const stat = readStat(pid);
  return stat === undefined || !running(stat);
}

function exitWords(status: Deno.CommandStatus): string {
  return status.signal ? `was killed by ${status.signal}` : `exited with code ${status.code}`;
}

async function stopLive(live: Live, graceMs: number, groups: ProcessGroups): Promise<void> {
  const { pgid } = live;
  if (!live.exited) {
    // Its whole session: the groups its processes made too.
    signalGroups(sessionGroups(pgid), "SIGTERM");
    groups.signal(pgid, "SIGTERM");
    await pause(graceMs, { until: [live.status] });
  }
  signalGroups(sessionGroups(pgid), "SIGKILL");
  groups.kill(pgid);
  await live.status.catch(() => {});
  // Output held open by a process that left the session is not waited for long.
  await pause(Math.min(graceMs, 500), { until: [Promise.all(live.readers.map((r) => r.done))] });
  await Promise.all(live.readers.filter((r) => !r.state.finished).map((r) => r.cancel()));
  Object.assign(live.record, tails(live));
}

/**
 * Starts one service and waits until it is ready, it exits, its time is up,
 * or an interrupt comes.
 */
async function startOne(
  service: Service,
  context: ServiceContext,
  started: Live[],
): Promise<ServiceRecord> {
  const { ready } = service;
  const record: ServiceRecord = {
    name: service.name,
    status: "not-ready",
    check: describeReady(ready),
  };
  const begin = performance.now();
  const elapsed = () => Math.round(performance.now() - begin);
  if (ready.stdoutIncludes === undefined) {
    // Something already answering would pass the check whatever the service does.
    const probe = await probeReady(ready, context.signal);
    if (probe.ready && service.reuseExisting) {
      context.onProgress?.(
        `Service ${service.name}: already up (${probe.detail}), reused: reuseExisting`,
      );
      return { ...record, status: "reused", readyMs: 0 };
    }
    if (probe.ready) {
      return {
        ...record,
        reason: `something already answers before it was started (${probe.detail}): ` +
          'stop what runs there, or set "reuseExisting": true to use it',
      };
    }
  }
  const needles = ready.stdoutIncludes !== undefined ? [ready.stdoutIncludes] : [];
  const stdout = new WakingCapture(context.tailBytes, needles);
  const stderr = new StreamCapture(context.tailBytes);
  const start = await startInSession(service.command, {
    cwd: resolve(context.cwd, service.cwd ?? "."),
    // The run's marks come last: exit paths find the service's processes by them.
    env: {
      ...context.env,
      ...service.env,
      SMOKE_RUN_ID: context.runId,
      SMOKE_SERVICE: service.name,
    },
    setsid: findSetsid(),
    signal: context.signal,
  });
  if ("interrupted" in start) {
    return { ...record, status: "interrupted", reason: "interrupted before it started" };
  }
  if ("failure" in start) return { ...record, reason: start.failure };
  const { child } = start;
  context.groups.add(child.pid);
  const live: Live = {
    record,
    pgid: child.pid,
    status: child.status,
    exited: false,
    readers: [drain(child.stdout, stdout), drain(child.stderr, stderr)],
    stdout,
    stderr,
  };
  live.status.then(() => {
    live.exited = true;
    context.groups.leaderExited(live.pgid);
  });
  started.push(live);
  context.onProgress?.(`Service ${service.name}: started, waiting until ${record.check}`);
  const timeoutMs = ready.timeoutMs ?? SERVICE_TIMEOUT_MS;
  const intervalMs = ready.intervalMs ?? SERVICE_INTERVAL_MS;
  let last = NO_CHECK_YET;
  while (true) {
    if (context.signal.aborted) {
      record.status = "interrupted";
      record.reason = "interrupted while waiting for it to be ready";
      return record;
    }
    if (live.exited) {
      const status = await live.status;
      // Its last words may still be in the pipes.
      await pause(200, { until: [Promise.all(live.readers.map((r) => r.done))] });
      Object.assign(record, {
        exitCode: status.signal ? null : status.code,
        signal: status.signal ?? null,
        reason: `${exitWords(status)} before it was ready`,
        ...tails(live),
      });
      return record;
    }
    let probe: { ready: boolean; detail: string };
    if (ready.stdoutIncludes !== undefined) {
      const text = ready.stdoutIncludes;
      // Colours do not hide it: the text is looked for in the output without them too.
      probe = stdout.found[0] || stripAnsi(stdout.tail()).includes(text)
        ? { ready: true, detail: "printed it" }
        : stripAnsi(stderr.tail()).includes(text)
        ? { ready: false, detail: "printed it on stderr, but stdoutIncludes reads stdout" }
        : { ready: false, detail: "not printed yet" };
    } else {
      const left = Math.max(1, timeoutMs - elapsed());
      probe = await probeReady(ready, context.signal, { timeoutMs: left });
    }
    if (probe.ready) {
      record.status = "ready";
      record.readyMs = elapsed();
      context.onProgress?.(
        `Service ${service.name}: ready in ${record.readyMs}ms (${probe.detail})`,
      );
      return record;
    }
    // A check cut short by the end of the wait says less than the one before it.
    const cutShort = probe.detail === "no answer in time" && elapsed() >= timeoutMs;
    if (!cutShort || last === NO_CHECK_YET) last = probe.detail;
    if (elapsed() >= timeoutMs) {
      Object.assign(record, {
        reason: `not ready within ${timeoutMs}ms: ${record.check} (last check: ${last})`,
        ...tails(live),
      });
      return record;
    }
    await pause(Math.min(intervalMs, Math.max(0, timeoutMs - elapsed())), {
      signal: context.signal,
      until: [live.status, ...(ready.stdoutIncludes !== undefined ? [stdout.output()] : [])],
    });
  }
}

/**
 * Starts the services in order, each once the one before is ready. The
 * first that is not ready (in time, or because it exited or could not
 * start) stops the start: the services after it are `not-started`, and the
 * run is to start no fixture. Whatever happens, `stop()` stops what started.
 *
 * @param services The config's services, in order.
 * @param context Groups, interrupt, working directory, environment and limits.
 * @returns The running services, their records, and the one not ready, if any.
 *
 * @example
 * ```ts
 * import { startServices } from "./services.ts";
 * import { ProcessGroups } from "./process.ts";
 * import assert from "node:assert/strict";
 *
 * const services = await startServices(
 *   [{ name: "echo", command: ["sh", "-c", "echo up; sleep 30"], ready: { stdoutIncludes: "up" } }],
 *   {
 *     groups: new ProcessGroups(), signal: new AbortController().signal, cwd: "/", runId: "r",
 *     env: { PATH: "/usr/bin:/bin" }, graceMs: 500, tailBytes: 1024,
 *   },
 * );
 * assert.equal(services.records[0].status, "ready");
 * await services.stop();
 * assert.equal(services.records[0].stdoutTail, "up\n");
 * ```
 */
export async function startServices(
  services: readonly Service[],
  context: ServiceContext,
): Promise<RunningServices> {
  const started: Live[] = [];
  const records: ServiceRecord[] = [];
  // A probe in flight when the interrupt came may fail because of it: an interrupt wins.
  const settle = (record: ServiceRecord): ServiceRecord => {
    if (record.status === "not-ready" && context.signal.aborted) {
      Object.assign(record, {
        status: "interrupted",
        reason: "interrupted while waiting for it to be ready",
      });
    }
    return record;
  };
  let failed: ServiceRecord | undefined;
  for (const service of services) {
    if (failed || context.signal.aborted) {
      records.push({
        name: service.name,
        status: "not-started",
        check: describeReady(service.ready),
        reason: failed
          ? `not started: service "${failed.name}" was not ready`
          : "not started: interrupted",
      });
      continue;
    }
    const record = settle(await startOne(service, context, started));
    records.push(record);
    if (record.status === "not-ready") failed = record;
  }
  // A service that was ready and exits during the run is recorded when it does.
  const readyNow = new Set(records.filter((r) => r.status === "ready").map((r) => r.name));
  let stopping = false;
  for (const live of started) {
    if (!readyNow.has(live.record.name)) continue;
    live.status.then((status) => {
      if (stopping) return;
      Object.assign(live.record, {
        status: "exited",
        exitCode: status.signal ? null : status.code,
        signal: status.signal ?? null,
        reason: `${exitWords(status)} during the run`,
      });
    });
  }
  return {
    records,
    ...(failed ? { failed } : {}),
    interrupted: context.signal.aborted,
    down: () => records.filter((r) => r.status === "exited").map((r) => r.name),
    async stop() {
      // A service that exited just before the end may not have been reaped yet: a zombie (or a
      // pid already gone) exited on its own, and is recorded so before smoke stops anything.
      for (const live of started) {
        if (!readyNow.has(live.record.name) || live.record.status !== "ready") continue;
        if (live.exited || exitedAlready(live.pgid)) {
          const status = await live.status;
          Object.assign(live.record, {
            status: "exited",
            exitCode: status.signal ? null : status.code,
            signal: status.signal ?? null,
            reason: `${exitWords(status)} during the run`,
          });
        }
      }
      stopping = true;
      for (const live of [...started].reverse()) {
        await stopLive(live, context.graceMs, context.groups);
      }
    },
  };
}
