/**
 * Reading `/proc` (Linux): the pids, a process's `stat`, and any of its files
 * read with a bound. Every read tolerates a process that is gone, going, or
 * not ours to read; every number read is checked.
 *
 * @module
 */
import { errnoOf } from "../base/errors.ts";

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
/** The kernel's PF_EXITING: the process is on its way out. */
const PF_EXITING = 0x4;

/**
 * Whether a number read from `/proc` is a usable pid or group id.
 *
 * @param value The number.
 * @returns True for a safe integer above 0.
 *
 * @example
 * ```ts
 * import { isPositiveInteger } from "./_proc.ts";
 * import assert from "node:assert/strict";
 *
 * assert.equal(isPositiveInteger(42), true);
 * assert.equal(isPositiveInteger(-1), false);
 * assert.equal(isPositiveInteger(4294967295.5), false);
 * ```
 */
export function isPositiveInteger(value: number): boolean {
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
 * import { parseStat } from "./_proc.ts";
 * import assert from "node:assert/strict";
 *
 * const text = "42 (a) b) S 1 42 40 0 -1 4194560 1 0 0 0 0 0 0 0 20 0 1 0 777 0 0";
 * assert.deepEqual(parseStat(text), { state: "S", pgid: 42, sid: 40, flags: 4194560, startTime: 777 });
 * // In a pid namespace whose session leader is outside it, both read 0.
 * assert.equal(parseStat("7 (sh) S 1 0 0 0 -1 0 0 0 0 0 0 0 0 0 20 0 1 0 9 0 0")!.sid, 0);
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
  // 0 is a group or session whose leader is outside this pid namespace (a
  // container, a CI sandbox): still a process to read, never a group to signal.
  if (![parsed.pgid, parsed.sid].every(isGroupId)) return undefined;
  if (!Number.isSafeInteger(parsed.flags) || !Number.isSafeInteger(parsed.startTime)) {
    return undefined;
  }
  return parsed;
}

function isGroupId(value: number): boolean {
  return Number.isSafeInteger(value) && value >= 0;
}

/** Error codes of a `/proc` read whose process is gone (or going), or not ours to read. */
const UNREADABLE = new Set(["ENOENT", "ESRCH", "EACCES", "EPERM", "EIO", "ENOTDIR"]);

function unreadable(error: unknown): boolean {
  return UNREADABLE.has(errnoOf(error));
}

/**
 * Reads one of a process's files under `/proc`, at most `limit` bytes.
 *
 * @param pid The process.
 * @param name The file, e.g. `environ` or `stat`.
 * @param limit The most bytes read.
 * @returns The bytes; undefined when the process is gone or going, or not ours to read.
 *
 * @example
 * ```ts
 * import { readProcFile } from "./_proc.ts";
 * import assert from "node:assert/strict";
 *
 * if (Deno.build.os === "linux") assert.ok(readProcFile(Deno.pid, "stat", 4096)!.length > 0);
 * assert.equal(readProcFile(-1, "stat", 4096), undefined);
 * ```
 */
export function readProcFile(pid: number, name: string, limit: number): Uint8Array | undefined {
  if (!isPositiveInteger(pid) || !/^[a-z_]+$/.test(name)) return undefined;
  const path = `${PROC}/${pid}/${name}`;
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

/**
 * Reads and parses a process's `stat`.
 *
 * @param pid The process.
 * @returns Its fields; undefined when it is gone or the file does not parse.
 *
 * @example
 * ```ts
 * import { readStat } from "./_proc.ts";
 * import assert from "node:assert/strict";
 *
 * if (Deno.build.os === "linux") assert.ok(readStat(Deno.pid)!.sid >= 0);
 * ```
 */
export function readStat(pid: number): ProcStat | undefined {
  if (!isPositiveInteger(pid)) return undefined;
  // One call, not open, read, read and close: the end-of-run sweep reads every process's stat.
  // A stat is at most a few hundred bytes (the command name is cut to 15).
  let bytes: Uint8Array;
  try {
    bytes = Deno.readFileSync(`${PROC}/${pid}/stat`);
  } catch (error) {
    if (unreadable(error)) return undefined;
    throw error;
  }
  return parseStat(DECODER.decode(bytes));
}

const DECODER = new TextDecoder();

/**
 * Whether a stat is of a process still running: not a zombie, not exiting.
 *
 * @param stat The parsed stat.
 * @returns False for a process that is done or on its way out.
 *
 * @example
 * ```ts
 * import { running } from "./_proc.ts";
 * import assert from "node:assert/strict";
 *
 * const stat = { state: "S", pgid: 2, sid: 2, flags: 0, startTime: 1 };
 * assert.equal(running(stat), true);
 * assert.equal(running({ ...stat, state: "Z" }), false);
 * assert.equal(running({ ...stat, flags: 0x4 }), false);
 * ```
 */
export function running(stat: ProcStat): boolean {
  return stat.state !== "Z" && stat.state !== "X" && (stat.flags & PF_EXITING) === 0;
}

/**
 * The pids under `/proc`.
 *
 * @returns Every pid listed; none where there is no `/proc`.
 *
 * @example
 * ```ts
 * import { listPids } from "./_proc.ts";
 * import assert from "node:assert/strict";
 *
 * if (Deno.build.os === "linux") assert.ok(listPids().includes(Deno.pid));
 * ```
 */
export function listPids(): number[] {
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
