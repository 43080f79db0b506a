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
import { FIXTURE_ID_PATTERN, RUN_ID_PATTERN } from "./artifact.ts";

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
  /** Its start time (clock ticks after boot), to tell it from a later process with its pid. */
  startTime: number;
}

/** The fields of `/proc/<pid>/stat` smoke uses. */
export interface ProcStat {
  /** One letter: R, S, D, Z (zombie), X (dead), T, ... */
  state: string;
  /** Process group. */
  pgid: number;
  /** Session. */
  sid: number;
  /** Kernel flags (PF_EXITING is 0x4). */
  flags: number;
  /** Start time in clock ticks after boot. */
  startTime: number;
}

const PROC = "/proc";
/** The most of a process's environment read: the kernel keeps it within a few MiB. */
const MAX_ENVIRON_BYTES = 4 * 1024 * 1024;
/** The kernel's PF_EXITING: the process is on its way out. */
const PF_EXITING = 0x4;

function isPositiveInteger(value: number): boolean {
  return Number.isSafeInteger(value) && value > 0;
}

/**
 * Parses `/proc/<pid>/stat`. The command name, in parentheses, may hold
 * spaces and parentheses itself, so the fields are counted after the last `)`.
 *
 * @param text The file's text.
 * @returns The fields, or undefined when the text does not have them.
 *
 * @example
 * ```ts
 * import { parseStat } from "./run_processes.ts";
 * import assert from "node:assert/strict";
 *
 * const text = "42 (a) b) S 1 42 40 0 -1 4194560 1 0 0 0 0 0 0 0 20 0 1 0 777 0 0";
 * assert.deepEqual(parseStat(text), { state: "S", pgid: 42, sid: 40, flags: 4194560, startTime: 777 });
 * assert.equal(parseStat("garbage"), undefined);
 * ```
 */
export function parseStat(text: string): ProcStat | undefined {
  const end = text.lastIndexOf(")");
  if (end === -1) return undefined;
  const fields = text.slice(end + 2).split(" ");
  // After the name: state(3) ppid(4) pgrp(5) session(6) tty(7) tpgid(8) flags(9) ... starttime(22).
  const [state, , pgid, sid, , , flags] = fields;
  const parsed = {
    state: state ?? "",
    pgid: Number(pgid),
    sid: Number(sid),
    flags: Number(flags),
    startTime: Number(fields[19]),
  };
  if (!/^[A-Za-z]$/.test(parsed.state)) return undefined;
  if (![parsed.pgid, parsed.sid].every(isPositiveInteger)) return undefined;
  if (!Number.isSafeInteger(parsed.flags) || !Number.isSafeInteger(parsed.startTime)) {
    return undefined;
  }
  return parsed;
}

/** Error codes of a `/proc` read whose process is gone (or going), or not ours to read. */
const UNREADABLE = new Set(["ENOENT", "ESRCH", "EACCES", "EPERM", "EIO", "ENOTDIR"]);

function unreadable(error: unknown): boolean {
  if (error instanceof Deno.errors.NotFound || error instanceof Deno.errors.PermissionDenied) {
    return true;
  }
  const code = error instanceof Error ? (error as { code?: unknown }).code : undefined;
  return typeof code === "string" && UNREADABLE.has(code);
}

/** Reads a `/proc` file, at most `limit` bytes; undefined when it cannot be read. */
function readProc(path: string, limit: number): Uint8Array | undefined {
  let file: Deno.FsFile;
  try {
    file = Deno.openSync(path);
  } catch (error) {
    if (unreadable(error)) return undefined;
    throw error;
  }
  try {
    const chunks: Uint8Array[] = [];
    let total = 0;
    while (total < limit) {
      const chunk = new Uint8Array(Math.min(64 * 1024, limit - total));
      const n = file.readSync(chunk);
      if (n === null || n === 0) break;
      chunks.push(chunk.subarray(0, n));
      total += n;
    }
    return chunks.length === 1 ? chunks[0] : concat(chunks, total);
  } catch (error) {
    if (unreadable(error)) return undefined;
    throw error;
  } finally {
    file.close();
  }
}

function concat(chunks: Uint8Array[], total: number): Uint8Array {
  const out = new Uint8Array(total);
  let at = 0;
  for (const chunk of chunks) {
    out.set(chunk, at);
    at += chunk.length;
  }
  return out;
}

function readStat(pid: number): ProcStat | undefined {
  const bytes = readProc(`${PROC}/${pid}/stat`, 4096);
  return bytes ? parseStat(new TextDecoder().decode(bytes)) : undefined;
}

/** Whether a stat is of a process still running (not a zombie, not exiting). */
function running(stat: ProcStat): boolean {
  return stat.state !== "Z" && stat.state !== "X" && (stat.flags & PF_EXITING) === 0;
}

/** The pids under `/proc`, or none where there is no `/proc`. */
function listPids(): number[] {
  if (Deno.build.os !== "linux") return [];
  const pids: number[] = [];
  try {
    for (const entry of Deno.readDirSync(PROC)) {
      if (!/^[1-9][0-9]{0,9}$/.test(entry.name)) continue;
      const pid = Number(entry.name);
      if (isPositiveInteger(pid)) pids.push(pid);
    }
  } catch (error) {
    if (unreadable(error)) return [];
    throw error;
  }
  return pids;
}

/** A scan: the run's processes, and every process group's members. */
interface Scan {
  found: RunProcess[];
  members: Map<number, number[]>;
}

function environOf(pid: number, runId: string): { fixtureId?: string } | undefined {
  const bytes = readProc(`${PROC}/${pid}/environ`, MAX_ENVIRON_BYTES);
  if (!bytes) return undefined;
  const text = "\0" + new TextDecoder().decode(bytes);
  if (!text.includes(`\0SMOKE_RUN_ID=${runId}\0`) && !text.endsWith(`\0SMOKE_RUN_ID=${runId}`)) {
    return undefined;
  }
  const start = text.indexOf("\0SMOKE_FIXTURE_ID=");
  if (start === -1) return {};
  const end = text.indexOf("\0", start + 1);
  const id = text.slice(start + "\0SMOKE_FIXTURE_ID=".length, end === -1 ? undefined : end);
  return FIXTURE_ID_PATTERN.test(id) && id.length <= 512 ? { fixtureId: id } : {};
}

function scan(runId: string, startedAfter: number | undefined): Scan {
  const found: RunProcess[] = [];
  const members = new Map<number, number[]>();
  if (!RUN_ID_PATTERN.test(runId)) return { found, members };
  for (const pid of listPids()) {
    if (pid === Deno.pid) continue;
    const stat = readStat(pid);
    if (!stat || !running(stat)) continue;
    const group = members.get(stat.pgid);
    if (group) group.push(pid);
    else members.set(stat.pgid, [pid]);
    if (startedAfter !== undefined && stat.startTime < startedAfter) continue;
    const environ = environOf(pid, runId);
    if (!environ) continue;
    found.push({ pid, pgid: stat.pgid, sid: stat.sid, startTime: stat.startTime, ...environ });
  }
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
  try {
    Deno.kill(target, signal);
  } catch (error) {
    // Gone already, or not ours to signal: nothing more to do for it.
    if (error instanceof Deno.errors.NotFound || error instanceof Deno.errors.PermissionDenied) {
      return;
    }
    throw error;
  }
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

/** Options of {@linkcode stopRunProcesses}. */
export interface StopOptions {
  /** Between SIGTERM and SIGKILL. */
  graceMs: number;
  /** Only processes started after this (clock ticks after boot); see {@linkcode ownStartTime}. */
  startedAfter?: number;
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
  const first = scan(runId, options.startedAfter);
  if (first.found.length === 0) return [];
  signalProcesses(first.found, first, "SIGTERM");
  const deadline = Date.now() + options.graceMs;
  let left = first.found;
  while (left.length > 0 && Date.now() < deadline) {
    await new Promise((resolve) => setTimeout(resolve, 25));
    left = left.filter(stillRunning);
  }
  if (left.length > 0) {
    // What still runs, and what it started meanwhile.
    const again = scan(runId, options.startedAfter);
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
