/**
 * The artifact directory lock: one run at a time writes a directory. A lock
 * left by a dead process is taken over.
 *
 * @module
 */
import { join } from "node:path";
import { isWriteFailure } from "./atomic_write.ts";
import { UserError } from "./errors.ts";

/** The lock file's name inside the artifact directory. */
export const LOCK_FILE = ".lock";

/** A held lock. */
export interface Lock {
  /** The lock file. */
  path: string;
  /** Releases it (idempotent). */
  release(): Promise<void>;
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

/** Whether a lock file was written in the last few seconds. */
async function isFresh(path: string): Promise<boolean> {
  try {
    const { mtime } = await Deno.stat(path);
    return mtime !== null && Date.now() - mtime.getTime() < 5000;
  } catch (error) {
    if (error instanceof Deno.errors.NotFound) return false;
    throw error;
  }
}

function alive(pid: number): boolean {
  if (!Number.isInteger(pid) || pid <= 0) return false;
  if (pid === Deno.pid) return true;
  try {
    Deno.kill(pid, "SIGCONT");
    return true;
  } catch (error) {
    if (error instanceof Deno.errors.NotFound) return false;
    if (error instanceof Deno.errors.PermissionDenied) return true;
    throw error;
  }
}

/**
 * Takes the lock of an artifact directory (which must exist).
 *
 * @param dir The artifact directory.
 * @param shownDir The directory as the user named it, for messages.
 * @returns The held lock.
 * @throws {UserError} When a live process holds it (exit 2, its pid named).
 *
 * @example
 * ```ts
 * import { acquireLock } from "./lock.ts";
 * import assert from "node:assert/strict";
 *
 * const dir = await Deno.makeTempDir();
 * const lock = await acquireLock(dir, dir);
 * await assert.rejects(() => acquireLock(dir, dir), /already running/);
 * await lock.release();
 * await Deno.remove(dir, { recursive: true });
 * ```
 */
export async function acquireLock(dir: string, shownDir: string): Promise<Lock> {
  const path = join(dir, LOCK_FILE);
  const body = JSON.stringify({ pid: Deno.pid, startedAt: new Date().toISOString() }) + "\n";
  for (let tries = 0; tries < 3; tries++) {
    try {
      await Deno.writeTextFile(path, body, { createNew: true });
      let released = false;
      return {
        path,
        release: async () => {
          if (released) return;
          released = true;
          await Deno.remove(path).catch((error) => {
            if (!(error instanceof Deno.errors.NotFound)) throw error;
          });
        },
      };
    } catch (error) {
      if (!(error instanceof Deno.errors.AlreadyExists)) throw cannotWrite(error, path);
    }
    let holder: number | undefined;
    try {
      holder = JSON.parse(await Deno.readTextFile(path)).pid;
    } catch (error) {
      if (error instanceof Deno.errors.NotFound) continue;
      if (!(error instanceof SyntaxError)) throw error;
      // Empty or partial: maybe another run created it a moment ago and is writing it.
      if (await isFresh(path)) {
        throw new UserError(
          `Cannot start: another smoke run is starting with artifact directory "${shownDir}"`,
          {
            kind: "lock",
            code: "LOCKED",
            hints: ["Wait for it, or use another --artifact-dir DIR."],
          },
        );
      }
    }
    if (holder !== undefined && alive(holder)) {
      throw new UserError(
        `Cannot start: another smoke run (pid ${holder}) is already running with artifact directory "${shownDir}"`,
        {
          kind: "lock",
          code: "LOCKED",
          hints: [
            `Wait for pid ${holder} to finish, or use another directory with --artifact-dir DIR.`,
            `If no such run exists, remove "${join(shownDir, LOCK_FILE)}".`,
          ],
        },
      );
    }
    // A stale lock from a dead process (or an unreadable one): take it over.
    await Deno.remove(path).catch((error) => {
      if (!(error instanceof Deno.errors.NotFound)) throw error;
    });
  }
  throw new UserError(`Cannot take the lock "${path}": it keeps changing`, {
    kind: "lock",
    code: "LOCKED",
    hints: ["Another run is starting at the same moment; try again."],
  });
}
