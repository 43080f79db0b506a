/**
 * The artifact directory lock: one run at a time writes a directory.
 *
 * The lock is an OS advisory lock (`flock`) on `<artifactDir>/.lock`, held on
 * an open descriptor for the whole run. The kernel drops it when the process
 * dies however it dies, so a lock is never "stale" while its holder lives and
 * never held after it is gone: no pid is probed and no signal is ever sent.
 * The file's content (`{ pid, runId, startedAt, hostname }`) is only shown to
 * the user and handed on: a run that finds the content of a run that died
 * without releasing returns it as `previous`.
 *
 * @module
 */
import { join } from "../base/path.ts";
import { jsonValue } from "../base/json_value.ts";
import { isWriteFailure } from "./atomic_write.ts";
import type { Diagnostic } from "./artifact.ts";
import { UserError } from "../base/errors.ts";
import { isRunId } from "./history.ts";
import { sleep } from "../base/timer.ts";

/** The lock file's name inside the artifact directory. */
export const LOCK_FILE = ".lock";

/** Bytes of a lock file read; the content is a short JSON object. */
const READ_LIMIT = 4096;

/** The largest pid Linux hands out (`pid_max` is at most 2^22). */
const MAX_PID = 4194304;

/** A run that held the lock and died without releasing it. */
export interface PreviousHolder {
  /** Its pid (not necessarily dead: only displayed, never signalled). */
  pid: number;
  /** Its run id. */
  runId: string;
  /** The host it ran on, when the lock says. */
  hostname?: string;
}

/** A held lock. */
export interface Lock {
  /** The lock file. */
  path: string;
  /** The run that held the lock before and died without releasing it, if one did. */
  previous?: PreviousHolder;
  /** Warnings for the caller to print (`LOCK_MALFORMED`). */
  warnings: Diagnostic[];
  /** Releases it (idempotent). */
  release(): void;
}

/** Options for {@linkcode acquireLock}. */
export interface LockOptions {
  /** The artifact directory as the user named it, for messages. */
  shownDir: string;
  /** This run's id, written into the lock. */
  runId: string;
}

/** What a lock file's content says. */
export type LockContent =
  | { kind: "empty" }
  | { kind: "holder"; holder: PreviousHolder }
  | { kind: "malformed"; reason: string };

/**
 * Reads a lock file's content. Never throws: anything but an empty file or a
 * smoke lock (a plausible pid and a smoke run id) is malformed.
 *
 * @param text The content (at most the first 4 KiB).
 * @returns What it says.
 *
 * @example
 * ```ts
 * import { parseLockContent } from "./lock.ts";
 * import assert from "node:assert/strict";
 *
 * assert.deepEqual(parseLockContent(""), { kind: "empty" });
 * assert.deepEqual(
 *   parseLockContent('{"pid":42,"runId":"20261125T144407123Z-3fa9c1"}'),
 *   { kind: "holder", holder: { pid: 42, runId: "20261125T144407123Z-3fa9c1" } },
 * );
 * assert.equal(parseLockContent('{"pid":4294967295}').kind, "malformed");
 * assert.equal(parseLockContent("null").kind, "malformed");
 * ```
 */
export function parseLockContent(text: string): LockContent {
  if (text.trim() === "") return { kind: "empty" };
  const value = jsonValue(text);
  if (value === undefined) return { kind: "malformed", reason: "it is not JSON" };
  if (typeof value !== "object" || value === null || Array.isArray(value)) {
    return { kind: "malformed", reason: "it is not a JSON object" };
  }
  const { pid, runId, hostname } = value as Record<string, unknown>;
  if (!isPlausiblePid(pid)) {
    return { kind: "malformed", reason: "it holds no valid pid" };
  }
  if (typeof runId !== "string" || !isRunId(runId)) {
    return { kind: "malformed", reason: "it holds no smoke run id" };
  }
  return {
    kind: "holder",
    holder: { pid, runId, ...(typeof hostname === "string" ? { hostname } : {}) },
  };
}

function isPlausiblePid(pid: unknown): pid is number {
  return typeof pid === "number" && Number.isInteger(pid) && pid >= 1 && pid <= MAX_PID;
}

/** The pid a lock file names, for a message; undefined when it names none. */
function holderPid(text: string): number | undefined {
  const pid = (jsonValue(text) as { pid?: unknown } | null | undefined)?.pid;
  return isPlausiblePid(pid) ? pid : undefined;
}

/** The start of a lock file, as text, and how many bytes that was. */
function readBounded(file: Deno.FsFile): { text: string; length: number } {
  const buffer = new Uint8Array(READ_LIMIT);
  let length = 0;
  while (length < buffer.length) {
    const n = file.readSync(buffer.subarray(length));
    if (n === null) break;
    length += n;
  }
  return { text: new TextDecoder().decode(buffer.subarray(0, length)), length };
}

function unusable(path: string, reason: string, hints: string[], cause?: unknown): UserError {
  return new UserError(`Cannot use the lock file "${path}": ${reason}`, {
    kind: "lock",
    code: "ARTIFACT_DIR_UNUSABLE",
    hints: [...hints, "Nothing ran."],
    cause,
  });
}

function cannotWrite(error: unknown, path: string): unknown {
  if (!isWriteFailure(error)) return error;
  return new UserError(`Cannot write the lock file "${path}": ${error.message}`, {
    kind: "lock",
    code: "ARTIFACT_WRITE_FAILED",
    hints: ["Free disk space or fix permissions, or pass --artifact-dir DIR. Nothing ran."],
    cause: error,
  });
}

function cannotLock(error: unknown, path: string): unknown {
  const code = (error as { code?: unknown })?.code;
  const unsupported = error instanceof Deno.errors.NotSupported ||
    ["ENOLCK", "EOPNOTSUPP", "ENOTSUP", "ENOSYS"].includes(String(code));
  if (!unsupported) return cannotWrite(error, path);
  return unusable(path, `the file system cannot lock it (${(error as Error).message})`, [
    "Pass --artifact-dir DIR on a local file system.",
  ], error);
}

/** Refuses a `.lock` that is not a regular file (a FIFO would block an open; a symlink leads elsewhere). */
function checkLockPath(path: string): void {
  let info: Deno.FileInfo;
  try {
    info = Deno.lstatSync(path);
  } catch (error) {
    if (error instanceof Deno.errors.NotFound) return;
    throw cannotWrite(error, path);
  }
  if (info.isFile && (info.nlink ?? 1) <= 1) return;
  if (info.isFile) {
    throw unusable(path, "it has other names (hard links)", [
      `Remove "${path}"; smoke creates it as a plain file of its own.`,
    ]);
  }
  const what = info.isDirectory
    ? "a directory"
    : info.isSymlink
    ? "a symbolic link"
    : info.isFifo
    ? "a FIFO"
    : info.isSocket
    ? "a socket"
    : "a device";
  throw unusable(path, `it is not a regular file but ${what}`, [
    `Remove "${path}" (smoke creates it as a plain file while a run holds the directory).`,
  ]);
}

async function refuseHeld(file: Deno.FsFile, path: string, shownDir: string): Promise<never> {
  // Read synchronously below: only a regular file (a FIFO put there after the check would block).
  if (!file.statSync().isFile) {
    file.close();
    throw unusable(path, "it is not a regular file", [
      `Remove "${path}" (smoke creates it as a plain file while a run holds the directory).`,
    ]);
  }
  // The holder writes its pid right after taking the lock: give it a moment to appear.
  let pid: number | undefined;
  try {
    for (let i = 0; i < 10 && pid === undefined; i++) {
      if (i > 0) await sleep(20);
      file.seekSync(0, Deno.SeekMode.Start);
      pid = holderPid(readBounded(file).text);
    }
  } catch (error) {
    // Where locks are mandatory (Windows), the holder's file cannot be read: the pid is unknown.
    if (!isWriteFailure(error) && !(error instanceof Deno.errors.Busy)) throw error;
  } finally {
    file.close();
  }
  const who = pid === undefined ? "another smoke run" : `another smoke run (pid ${pid})`;
  throw new UserError(
    `Cannot start: ${who} is already running with artifact directory "${shownDir}"`,
    {
      kind: "lock",
      code: "LOCKED",
      hints: [
        `Wait for ${pid === undefined ? "it" : `pid ${pid}`} to finish, or use another directory ` +
        "with --artifact-dir DIR.",
        `The lock is held by a live process; it goes away with it ("${path}").`,
      ],
    },
  );
}

/**
 * Takes the lock of an artifact directory (which must exist).
 *
 * @param dir The artifact directory.
 * @param options The directory as the user named it, and this run's id.
 * @returns The held lock, the holder a dead run left behind (`previous`), and
 * a `LOCK_MALFORMED` warning when the file held something else.
 * @throws {UserError} `LOCKED` when a live process holds it (exit 2, its pid
 * named); `ARTIFACT_DIR_UNUSABLE` when `.lock` is not a regular file;
 * `ARTIFACT_WRITE_FAILED` when it cannot be written.
 *
 * @example
 * ```ts
 * import { acquireLock } from "./lock.ts";
 * import assert from "node:assert/strict";
 *
 * const dir = await Deno.makeTempDir();
 * const runId = "20261125T144407123Z-3fa9c1";
 * const lock = await acquireLock(dir, { shownDir: dir, runId });
 * await assert.rejects(() => acquireLock(dir, { shownDir: dir, runId }), /already running/);
 * lock.release();
 * await Deno.remove(dir, { recursive: true });
 * ```
 */
export async function acquireLock(dir: string, options: LockOptions): Promise<Lock> {
  const path = join(dir, LOCK_FILE);
  for (let tries = 0; tries < 5; tries++) {
    checkLockPath(path);
    let file: Deno.FsFile;
    try {
      file = await Deno.open(path, { read: true, write: true, create: true, mode: 0o644 });
    } catch (error) {
      if (error instanceof Deno.errors.IsADirectory) continue; // it changed: check again
      throw cannotWrite(error, path);
    }
    let acquired: boolean;
    try {
      acquired = file.tryLockSync(true);
    } catch (error) {
      file.close();
      throw cannotLock(error, path);
    }
    if (!acquired) return await refuseHeld(file, path, options.shownDir);
    try {
      // A holder that released meanwhile unlinked the file we opened: only the file the path
      // names now counts.
      if (!sameFile(file, path)) {
        file.close();
        continue;
      }
      const held = file.statSync();
      if (!held.isFile || (held.nlink ?? 1) > 1) {
        file.close();
        throw unusable(
          path,
          held.isFile ? "it has other names (hard links)" : "it is not a regular file",
          [`Remove "${path}"; smoke creates it as a plain file of its own.`],
        );
      }
      return takeOver(file, path, options);
    } catch (error) {
      if (error instanceof UserError) throw error;
      file.close();
      throw cannotWrite(error, path);
    }
  }
  throw new UserError(`Cannot take the lock "${path}": it keeps changing`, {
    kind: "lock",
    code: "LOCKED",
    hints: ["Another run is starting at the same moment; try again."],
  });
}

function sameFile(file: Deno.FsFile, path: string): boolean {
  const held = file.statSync();
  try {
    const named = Deno.lstatSync(path);
    return named.ino === held.ino && named.dev === held.dev;
  } catch (error) {
    if (error instanceof Deno.errors.NotFound) return false;
    throw error;
  }
}

function takeOver(file: Deno.FsFile, path: string, options: LockOptions): Lock {
  const read = readBounded(file);
  const content = parseLockContent(read.text);
  const warnings: Diagnostic[] = content.kind === "malformed"
    ? [{
      code: "LOCK_MALFORMED",
      level: "warning",
      message: `The lock file "${path}" held no smoke lock (${content.reason}); no process held ` +
        "it, so it was taken over",
      hint: "Something other than smoke wrote it; nothing was signalled or stopped.",
    }]
    : [];
  const body = JSON.stringify({
    pid: Deno.pid,
    runId: options.runId,
    startedAt: new Date().toISOString(),
    hostname: Deno.hostname(),
  }) + "\n";
  // A file this run created is empty (the usual case: a run removes its lock file as it ends),
  // and truncating it anyway is a journal operation that can wait for another file's commit.
  if (read.length > 0) file.truncateSync(0);
  file.seekSync(0, Deno.SeekMode.Start);
  const bytes = new TextEncoder().encode(body);
  for (let written = 0; written < bytes.length;) {
    written += file.writeSync(bytes.subarray(written));
  }
  let released = false;
  return {
    path,
    ...(content.kind === "holder" ? { previous: content.holder } : {}),
    warnings,
    release: () => {
      if (released) return;
      released = true;
      try {
        // Unlink before unlocking, and only our own file: a run that opened this file before
        // the unlink gets its lock after the close, sees that the path names another file (or
        // none), and starts over.
        if (sameFile(file, path)) Deno.removeSync(path);
      } catch (error) {
        // A file left behind is harmless: no process holds it, so the next run takes it over
        // (reading this run as one that did not release).
        if (!isWriteFailure(error)) throw error;
      } finally {
        file.close(); // closing drops the flock
      }
    },
  };
}
