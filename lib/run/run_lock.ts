/**
 * Taking the artifact directory's lock for a run, a merge or a diagnostics
 * artifact: when the lock's last holder died without releasing it (`kill -9`),
 * the processes its fixtures left behind are found by their run id, stopped,
 * and named in an `ORPHAN_PROCESS` warning among the lock's warnings. A holder
 * that is still running (or ran on another host) is not dead: its processes are
 * left alone, with a `STALE_LOCK` warning.
 *
 * @module
 */
import { acquireLock, type Lock } from "../artifact/lock.ts";
import { readStat, running } from "./_proc.ts";
import { leftoverDiagnostics, stopOrphans } from "./run_processes.ts";

/**
 * Takes the lock of an artifact directory (see `acquireLock`), then stops the
 * orphans of a dead previous holder.
 *
 * @param dir The artifact directory (it must exist).
 * @param options The directory as the user named it, and this run's id.
 * @returns The held lock; its warnings include any `ORPHAN_PROCESS`.
 * @throws {UserError} When a live process holds it (exit 2), or it cannot be used.
 *
 * @example
 * ```ts
 * import { acquireRunLock } from "./run_lock.ts";
 * import assert from "node:assert/strict";
 *
 * const dir = await Deno.makeTempDir();
 * const lock = await acquireRunLock(dir, { shownDir: dir, runId: "20261129T000000000Z-abcdef" });
 * assert.deepEqual(lock.warnings, []);
 * lock.release();
 * await Deno.remove(dir, { recursive: true });
 * ```
 */
export async function acquireRunLock(
  dir: string,
  options: { shownDir: string; runId: string },
): Promise<Lock> {
  const lock = await acquireLock(dir, options);
  const holder = lock.previous;
  if (!holder) return lock;
  // The file is not locked, but its holder may live on: a lock file copied from another
  // directory, or written by hand. Only a dead holder's processes are orphans.
  const elsewhere = holder.hostname !== undefined && holder.hostname !== Deno.hostname();
  const stat = elsewhere ? undefined : readStat(holder.pid);
  if (elsewhere || (stat !== undefined && running(stat))) {
    lock.warnings.push({
      code: "STALE_LOCK",
      level: "warning",
      message: `The lock named run ${holder.runId} (pid ${holder.pid}${
        elsewhere ? ` on ${JSON.stringify(holder.hostname)}` : ""
      }), which ${
        elsewhere ? "ran on another host" : "is still running"
      } but did not hold it: no process was stopped`,
      hint: "A lock file copied from another artifact directory, or a pid reused since; " +
        "nothing to do unless that run's processes are yours to stop.",
    });
    return lock;
  }
  try {
    const orphans = await stopOrphans(holder.runId);
    lock.warnings.push(...leftoverDiagnostics(orphans, { deadRun: holder }));
  } catch (error) {
    lock.release();
    throw error;
  }
  return lock;
}
