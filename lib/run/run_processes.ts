/**
 * Finding a run's processes wherever they went. Every fixture process
 * carries `SMOKE_RUN_ID` and `SMOKE_FIXTURE_ID` in its environment, and its
 * children inherit them: so a process that left its fixture's process group
 * (`set -m` job control, `setpgid`, Python's `process_group=0`) or session
 * (`setsid`) is still found, by scanning `/proc/<pid>/environ`, and stopped
 * when the run ends, or by the next run after smoke itself was killed.
 *
 * Linux only (`/proc`); elsewhere nothing is found. A process that clears its
 * environment (`env -i`) or changes `SMOKE_RUN_ID` cannot be found, nor one
 * of another user when smoke is not root.
 *
 * Everything read from `/proc` is checked: only positive pids, never smoke
 * itself, a process group is signalled (as `-pgid`) only when every process
 * in it belongs to the run and its id is above 1, else the pids one by one.
 *
 * @module
 */
import { SERVICE_NAME_PATTERN } from "../config/limits.ts";
import { isPositiveInteger, listPids, readProcFile, readStat, running } from "./_proc.ts";
import { sendSignal } from "./send_signal.ts";
import { type Diagnostic, FIXTURE_ID_PATTERN, RUN_ID_PATTERN } from "../artifact/artifact.ts";
import { sleep } from "../base/timer.ts";

export { parseStat, type ProcStat } from "./_proc.ts";

/** The most of a process's environment read: the kernel keeps it within a few MiB. */
const MAX_ENVIRON_BYTES = 4 * 1024 * 1024;

/** A process of a run. */
export interface RunProcess {
  /** Its pid. */
  pid: number;
  /** Its process group. */
  pgid: number;
  /** Its session. */
  sid: number;
  /** The fixture it came from (`SMOKE_FIXTURE_ID`), when that is a valid id. */
  fixtureId?: string;
  /** The service it came from (`SMOKE_SERVICE`), when that is a valid service name. */
  service?: string;
  /** Its start time (clock ticks after boot), to tell it from a later process with its pid. */
  startTime: number;
}

/** A scan: the run's processes, and every process group's members. */
interface Scan {
  found: RunProcess[];
  members: Map<number, number[]>;
}

/** The value of one variable in a NUL-separated environment (with a NUL in front). */
function variable(text: string, name: string): string | undefined {
  const start = text.indexOf(`\0${name}=`);
  if (start === -1) return undefined;
  const end = text.indexOf("\0", start + 1);
  return text.slice(start + name.length + 2, end === -1 ? undefined : end);
}

function environOf(
  pid: number,
  runId: string,
): { fixtureId?: string; service?: string } | undefined {
  const bytes = readProcFile(pid, "environ", MAX_ENVIRON_BYTES);
  if (!bytes) return undefined;
  const text = "\0" + new TextDecoder().decode(bytes);
  if (!text.includes(`\0SMOKE_RUN_ID=${runId}\0`) && !text.endsWith(`\0SMOKE_RUN_ID=${runId}`)) {
    return undefined;
  }
  const id = variable(text, "SMOKE_FIXTURE_ID");
  if (id !== undefined) {
    return FIXTURE_ID_PATTERN.test(id) && id.length <= 512 ? { fixtureId: id } : {};
  }
  const service = variable(text, "SMOKE_SERVICE");
  return service !== undefined && SERVICE_NAME_PATTERN.test(service) ? { service } : {};
}

const NO_SESSIONS: ReadonlyMap<number, number | undefined> = new Map();

function scan(
  runId: string,
  startedAfter: number | undefined,
  sessions: ReadonlyMap<number, number | undefined> = NO_SESSIONS,
): Scan {
  const found: RunProcess[] = [];
  const members = new Map<number, number[]>();
  // In a fixture's session but started after it ended: the run's only when its group's leader is.
  const late: RunProcess[] = [];
  if (!RUN_ID_PATTERN.test(runId)) return { found, members };
  for (const pid of listPids()) {
    if (pid === Deno.pid) continue;
    const stat = readStat(pid);
    if (!stat || !running(stat)) continue;
    const group = members.get(stat.pgid);
    if (group) group.push(pid);
    else members.set(stat.pgid, [pid]);
    if (startedAfter !== undefined && stat.startTime < startedAfter) continue;
    // Carries the run id, or stayed in a fixture's session with its environment scrubbed (and
    // started before that fixture ended: a later process in a session of that number is in
    // another session, which got the number once the fixture's had gone).
    const until = sessions.get(stat.sid);
    const session = startedAfter !== undefined && sessions.has(stat.sid);
    const inSession = session && (until === undefined || stat.startTime <= until);
    const environ = environOf(pid, runId) ?? (inSession ? {} : undefined);
    const process = { pid, pgid: stat.pgid, sid: stat.sid, startTime: stat.startTime };
    if (environ) found.push({ ...process, ...environ });
    else if (session) late.push(process);
  }
  // A child its found group leader started late (an env-scrubbed daemon's worker) is the run's.
  const leaders = new Set(found.map((p) => p.pid));
  for (const process of late) if (leaders.has(process.pgid)) found.push(process);
  return { found, members };
}

/**
 * Finds the processes whose environment holds `SMOKE_RUN_ID=<runId>`.
 *
 * @param runId The run id; one that is not a valid run id finds nothing.
 * @param options `startedAfter`: skip processes started earlier (clock ticks after boot).
 * @returns The processes, in pid order; none where there is no `/proc`.
 *
 * @example
 * ```ts
 * import { findRunProcesses } from "./run_processes.ts";
 * import assert from "node:assert/strict";
 *
 * const child = new Deno.Command("sleep", { args: ["30"], env: { SMOKE_RUN_ID: "doc-find-1" } }).spawn();
 * const found = findRunProcesses("doc-find-1");
 * if (Deno.build.os === "linux") assert.deepEqual(found.map((p) => p.pid), [child.pid]);
 * child.kill("SIGKILL");
 * await child.status;
 * ```
 */
export function findRunProcesses(
  runId: string,
  options: { startedAfter?: number } = {},
): RunProcess[] {
  return scan(runId, options.startedAfter).found;
}

/**
 * Smoke's own start time in clock ticks after boot, to skip older processes in a scan.
 *
 * @returns The start time; undefined where there is no `/proc`.
 *
 * @example
 * ```ts
 * import { ownStartTime } from "./run_processes.ts";
 * import assert from "node:assert/strict";
 *
 * if (Deno.build.os === "linux") assert.ok(ownStartTime()! > 0);
 * ```
 */
export function ownStartTime(): number | undefined {
  if (Deno.build.os !== "linux") return undefined;
  return readStat(Deno.pid)?.startTime;
}

let ownGroupId: number | undefined;

/** Smoke's own process group, never signalled. */
function ownGroup(): number | undefined {
  ownGroupId ??= readStat(Deno.pid)?.pgid;
  return ownGroupId;
}

function trySignal(target: number, signal: Deno.Signal): void {
  // Never init, nor every process (what kill(2) takes -1 for).
  if (Math.abs(target) <= 1) return;
  // Gone already, or not ours to signal: nothing more to do for it.
  sendSignal(target, signal);
}

/**
 * Signals processes: each process group whose members all belong to the run
 * as a group (so what they start meanwhile is reached too), the rest by pid.
 */
function signalProcesses(found: readonly RunProcess[], scan: Scan, signal: Deno.Signal): void {
  const ours = new Set(found.map((p) => p.pid));
  const done = new Set<number>();
  for (const process of found) {
    const { pid, pgid } = process;
    if (!isPositiveInteger(pid) || pid <= 1 || pid === Deno.pid) continue;
    const members = scan.members.get(pgid) ?? [];
    const wholeGroup = pgid > 1 && pgid !== ownGroup() && members.every((m) => ours.has(m));
    if (wholeGroup) {
      if (done.has(-pgid)) continue;
      done.add(-pgid);
      trySignal(-pgid, signal);
    } else if (!done.has(pid)) {
      done.add(pid);
      trySignal(pid, signal);
    }
  }
}

function stillRunning(process: RunProcess): boolean {
  const stat = readStat(process.pid);
  return stat !== undefined && stat.startTime === process.startTime && running(stat);
}

/** Clock ticks a second in /proc (USER_HZ, 100 on Linux). */
const TICKS_PER_SECOND = 100;
/**
 * How long after its leader was reaped a process may have started and still
 * count as its session's: 50 ms, and the ~200 ms by which smoke's clock
 * (`performance.now()`) may start after smoke's process did.
 */
const SESSION_SLACK_TICKS = 25;

/**
 * The sweep's session limits: each fixture session, by its leader's pid,
 * with the last start time (clock ticks after boot, as /proc/PID/stat counts
 * them) a member may have: when its leader was reaped, plus a quarter of a
 * second. A later process in a session of that number is in another session,
 * which got the number once the fixture's had gone (a process of the
 * fixture's session started later carries the run id, or is the child of a
 * process found, or is one the sweep cannot tell from a stranger's). Counted
 * from smoke's own start time, in the same clock as every process's: not from
 * `/proc/uptime`, which a container may show as its own age.
 *
 * @param sessions Leaders' pids, each with when it was reaped (`performance.now()`), if it was.
 * @param ownStart smoke's own start time (clock ticks after boot; see {@linkcode ownStartTime}).
 * @returns The limits, undefined for a leader still running.
 *
 * @example
 * ```ts
 * import { sessionLimits } from "./run_processes.ts";
 * import assert from "node:assert/strict";
 *
 * const limits = sessionLimits(new Map([[40, 2500], [41, undefined]]), 9000);
 * assert.deepEqual([...limits], [[40, 9000 + 250 + 25], [41, undefined]]);
 * ```
 */
export function sessionLimits(
  sessions: ReadonlyMap<number, number | undefined>,
  ownStart: number,
): Map<number, number | undefined> {
  const limits = new Map<number, number | undefined>();
  for (const [sid, endedMs] of sessions) {
    limits.set(
      sid,
      endedMs === undefined
        ? undefined
        : ownStart + Math.ceil(endedMs * TICKS_PER_SECOND / 1000) + SESSION_SLACK_TICKS,
    );
  }
  return limits;
}

/** Options of {@linkcode stopRunProcesses}. */
export interface StopOptions {
  /** Between SIGTERM and SIGKILL. */
  graceMs: number;
  /** Only processes started after this (clock ticks after boot); see {@linkcode ownStartTime}. */
  startedAfter?: number;
  /**
   * The run's fixture sessions (their leaders' pids), each with the last start
   * time (clock ticks after boot) a member may have, or undefined for no limit:
   * a process in one of them belongs to the run even without the run id in its
   * environment. Used only with `startedAfter`, so a session id reused by an
   * older process never counts; the limit keeps out a later session that got a
   * finished fixture's number (see {@linkcode sessionLimits}).
   */
  sessions?: ReadonlyMap<number, number | undefined>;
}

/**
 * Stops every process of a run: SIGTERM, then, for what still runs after
 * the grace, SIGKILL. Returns at once when there is none.
 *
 * @param runId The run id.
 * @param options The grace, and which processes are old enough to skip.
 * @returns The processes found (and stopped).
 *
 * @example
 * ```ts
 * import { stopRunProcesses } from "./run_processes.ts";
 * import assert from "node:assert/strict";
 *
 * const child = new Deno.Command("sleep", { args: ["30"], env: { SMOKE_RUN_ID: "doc-stop-1" } }).spawn();
 * const stopped = await stopRunProcesses("doc-stop-1", { graceMs: 1000 });
 * const status = await child.status;
 * if (Deno.build.os === "linux") {
 *   assert.deepEqual(stopped.map((p) => p.pid), [child.pid]);
 *   assert.equal(status.signal, "SIGTERM");
 * } else child.kill("SIGKILL");
 * ```
 */
export async function stopRunProcesses(
  runId: string,
  options: StopOptions,
): Promise<RunProcess[]> {
  const first = scan(runId, options.startedAfter, options.sessions);
  if (first.found.length === 0) return [];
  signalProcesses(first.found, first, "SIGTERM");
  const deadline = Date.now() + options.graceMs;
  let left = first.found;
  while (left.length > 0 && Date.now() < deadline) {
    await sleep(25);
    left = left.filter(stillRunning);
  }
  if (left.length > 0) {
    // What still runs, and what it started meanwhile.
    const again = scan(runId, options.startedAfter, options.sessions);
    signalProcesses(again.found, again, "SIGKILL");
  }
  return first.found;
}

/**
 * Kills every process of a run at once with SIGKILL, synchronously: for exit
 * paths (a crash, a second interrupt), where nothing may wait.
 *
 * @param runId The run id.
 * @param options Which processes are old enough to skip.
 * @returns How many were found.
 *
 * @example
 * ```ts
 * import { killRunProcessesSync } from "./run_processes.ts";
 * import assert from "node:assert/strict";
 *
 * const child = new Deno.Command("sleep", { args: ["30"], env: { SMOKE_RUN_ID: "doc-kill-1" } }).spawn();
 * const killed = killRunProcessesSync("doc-kill-1");
 * if (Deno.build.os === "linux") {
 *   assert.equal(killed, 1);
 *   assert.equal((await child.status).signal, "SIGKILL");
 * } else child.kill("SIGKILL");
 * ```
 */
export function killRunProcessesSync(
  runId: string,
  options: { startedAfter?: number } = {},
): number {
  const found = scan(runId, options.startedAfter);
  signalProcesses(found.found, found, "SIGKILL");
  return found.found.length;
}

/**
 * Stops what is left of a run that died without cleaning up (smoke was
 * killed with SIGKILL): every process carrying its run id.
 *
 * @param runId The dead run's id (from its lock); an invalid id finds nothing.
 * @param options The grace between SIGTERM and SIGKILL (default 2 s).
 * @returns What was found and stopped, with the fixtures they came from.
 *
 * @example
 * ```ts
 * import { stopOrphans } from "./run_processes.ts";
 * import assert from "node:assert/strict";
 *
 * assert.deepEqual(await stopOrphans("no-such-run-20260101"), []);
 * assert.deepEqual(await stopOrphans("not a run id"), []);
 * ```
 */
export function stopOrphans(
  runId: string,
  options: { graceMs?: number } = {},
): Promise<RunProcess[]> {
  return stopRunProcesses(runId, { graceMs: options.graceMs ?? 2000 });
}

/** The last session index, reused for a burst of stops (an interrupt stops every fixture). */
let sessionIndex: { at: number; groups: Map<number, Set<number>> } | undefined;

/**
 * The process groups of a session other than the leader's own: where a
 * fixture's processes went with job control (`set -m`) or `setpgid`.
 *
 * @param sid The session id (the fixture's leader pid).
 * @param options `maxAgeMs`: reuse a scan of `/proc` at most this old (default 0: scan now).
 * @returns The other groups' ids; none where there is no `/proc`.
 *
 * @example
 * ```ts
 * import { sessionGroups } from "./run_processes.ts";
 * import assert from "node:assert/strict";
 *
 * assert.deepEqual(sessionGroups(2 ** 31), []);
 * ```
 */
export function sessionGroups(sid: number, options: { maxAgeMs?: number } = {}): number[] {
  if (!isPositiveInteger(sid) || sid <= 1) return [];
  const now = performance.now();
  if (!sessionIndex || now - sessionIndex.at > (options.maxAgeMs ?? 0)) {
    const groups = new Map<number, Set<number>>();
    for (const pid of listPids()) {
      if (pid === Deno.pid) continue;
      const stat = readStat(pid);
      if (!stat || !running(stat) || stat.pgid === stat.sid || stat.pgid <= 1) continue;
      const set = groups.get(stat.sid);
      if (set) set.add(stat.pgid);
      else groups.set(stat.sid, new Set([stat.pgid]));
    }
    sessionIndex = { at: now, groups };
  }
  return [...(sessionIndex.groups.get(sid) ?? [])].filter((pgid) => pgid !== sid);
}

/**
 * Signals process groups by id, skipping ids of 1 or less and groups gone.
 *
 * @param pgids Process group ids, e.g. from {@linkcode sessionGroups}.
 * @param signal The signal.
 *
 * @example
 * ```ts
 * import { signalGroups } from "./run_processes.ts";
 *
 * signalGroups([0, 1, -5], "SIGTERM"); // refused ids: nothing is sent
 * ```
 */
export function signalGroups(pgids: readonly number[], signal: Deno.Signal): void {
  for (const pgid of pgids) {
    if (isPositiveInteger(pgid) && pgid > 1 && pgid !== ownGroup()) trySignal(-pgid, signal);
  }
}

/** The most pids a warning lists. */
const LISTED_PIDS = 20;

/**
 * The warning for processes found and stopped: `LEFTOVER_PROCESS` at the end
 * of a run, or `ORPHAN_PROCESS` for those of a run that died (smoke killed
 * with SIGKILL) and were stopped by the next one. It names each fixture and
 * its pids (at most 20 pids in all).
 *
 * @param found What {@linkcode stopRunProcesses} or {@linkcode stopOrphans} returned.
 * @param options `deadRun`: the dead run's id and pid, for `ORPHAN_PROCESS`.
 * @returns The warning, or none when nothing was found.
 *
 * @example
 * ```ts
 * import { leftoverDiagnostics } from "./run_processes.ts";
 * import assert from "node:assert/strict";
 *
 * const [warning] = leftoverDiagnostics([
 *   { pid: 41, pgid: 41, sid: 40, startTime: 9, fixtureId: "api/a" },
 *   { pid: 42, pgid: 41, sid: 40, startTime: 9, fixtureId: "api/a" },
 * ]);
 * assert.equal(warning.code, "LEFTOVER_PROCESS");
 * assert.match(warning.message, /: api\/a \(pids 41, 42\)$/);
 * assert.deepEqual(leftoverDiagnostics([]), []);
 * ```
 */
export function leftoverDiagnostics(
  found: readonly RunProcess[],
  options: { deadRun?: { runId: string; pid?: number } } = {},
): Diagnostic[] {
  if (found.length === 0) return [];
  const byFixture = new Map<string, number[]>();
  for (const { fixtureId, service, pid } of found) {
    const key = fixtureId ?? (service ? `service ${service}` : "(no fixture id)");
    byFixture.set(key, [...(byFixture.get(key) ?? []), pid]);
  }
  let listed = 0;
  const parts = [...byFixture].map(([id, pids]) => {
    const shown = pids.slice(0, Math.max(0, LISTED_PIDS - listed));
    listed += shown.length;
    const more = pids.length - shown.length;
    const list = [...shown, ...(more > 0 ? [`${more} more`] : [])].join(", ");
    return `${id} (pid${pids.length === 1 ? "" : "s"} ${list})`;
  });
  const { deadRun } = options;
  if (deadRun) {
    const who = `run ${deadRun.runId}${deadRun.pid ? ` (smoke pid ${deadRun.pid})` : ""}`;
    return [{
      code: "ORPHAN_PROCESS",
      level: "warning",
      message: `${who} ended without stopping its fixtures; their processes were stopped: ${
        parts.join(", ")
      }`,
      hint: "smoke was killed (SIGKILL, or its machine or container stopped). Its fixtures are " +
        "found by SMOKE_RUN_ID in their environment and stopped (SIGTERM, then SIGKILL).",
    }];
  }
  return [{
    code: "LEFTOVER_PROCESS",
    level: "warning",
    message:
      `Processes outlived their fixtures (or services) and were stopped at the end of the run: ${
        parts.join(", ")
      }`,
    hint: "They left the fixture's (or service's) process group (job control such as set -m, " +
      "setpgid, or setsid); have it stop what it starts. smoke finds them by SMOKE_RUN_ID in " +
      "their environment and stops them (SIGTERM, then SIGKILL after 2 s).",
  }];
}
