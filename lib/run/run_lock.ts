/**
 * Taking the artifact directory's lock for a run, a merge or a diagnostics
 * artifact: when the lock's last holder died without releasing it (`kill -9`),
 * the processes its fixtures left behind are found by their run id, stopped,
 * and named in an `ORPHAN_PROCESS` warning among the lock's warnings.
 *
 * @module
 */
import { acquireLock, type Lock } from "../artifact/lock.ts";
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
 * await lock.release();
 * await Deno.remove(dir, { recursive: true });
 * ```
 */
export async function acquireRunLock(
  dir: string,
  options: { shownDir: string; runId: string },
): Promise<Lock> {
  const lock = await acquireLock(dir, options);
  if (!lock.previous) return lock;
  try {
    const orphans = await stopOrphans(lock.previous.runId);
    lock.warnings.push(...leftoverDiagnostics(orphans, { deadRun: lock.previous }));
  } catch (error) {
    await lock.release();
    throw error;
  }
  return lock;
}
