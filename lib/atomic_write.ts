/**
 * Atomic file writes: a temporary file in the same directory, fsync, rename,
 * fsync of the directory. A reader sees the old file or the new one, never a
 * part.
 *
 * @module
 */
import { basename, dirname, join } from "node:path";

/** Prefix of the temporary files, so a later run can clean up strays. */
export const TEMP_PREFIX = ".smoke-tmp-";

/**
 * Whether a write failed for a reason the user can fix (a full disk or quota,
 * a read-only file system, permissions, an I/O error, a directory removed
 * meanwhile) rather than through a bug in smoke.
 *
 * @param error What a write threw.
 * @returns True for those failures.
 *
 * @example
 * ```ts
 * import { isWriteFailure } from "./atomic_write.ts";
 * import assert from "node:assert/strict";
 *
 * assert.equal(isWriteFailure(Object.assign(new Error("No space left"), { code: "ENOSPC" })), true);
 * assert.equal(isWriteFailure(new Deno.errors.PermissionDenied("no")), true);
 * assert.equal(isWriteFailure(new TypeError("a bug")), false);
 * ```
 */
export function isWriteFailure(error: unknown): error is Error {
  const code = (error as { code?: string })?.code ?? "";
  return error instanceof Deno.errors.PermissionDenied || error instanceof Deno.errors.NotFound ||
    ["ENOSPC", "EDQUOT", "EROFS", "EACCES", "EIO"].includes(code);
}

/**
 * Writes a file atomically.
 *
 * @param path Where the file goes.
 * @param data The bytes or text.
 * @throws {Deno.errors.NotFound} When the directory does not exist; any I/O
 * error otherwise (disk full...), after removing the temporary file.
 *
 * @example
 * ```ts
 * import { writeFileAtomic } from "./atomic_write.ts";
 * import assert from "node:assert/strict";
 *
 * const dir = await Deno.makeTempDir();
 * await writeFileAtomic(`${dir}/a.json`, "{}");
 * assert.equal(await Deno.readTextFile(`${dir}/a.json`), "{}");
 * await Deno.remove(dir, { recursive: true });
 * ```
 */
export async function writeFileAtomic(path: string, data: string | Uint8Array): Promise<void> {
  const dir = dirname(path);
  const random = crypto.getRandomValues(new Uint32Array(1))[0].toString(16);
  const temp = join(dir, `${TEMP_PREFIX}${basename(path)}.${Deno.pid}.${random}`);
  const bytes = typeof data === "string" ? new TextEncoder().encode(data) : data;
  try {
    using file = await Deno.open(temp, { write: true, createNew: true, mode: 0o644 });
    let written = 0;
    while (written < bytes.length) written += await file.write(bytes.subarray(written));
    await file.sync();
  } catch (error) {
    await Deno.remove(temp).catch(() => {});
    throw error;
  }
  try {
    await Deno.rename(temp, path);
  } catch (error) {
    await Deno.remove(temp).catch(() => {});
    throw error;
  }
  await syncDir(dir);
}

async function syncDir(dir: string): Promise<void> {
  if (Deno.build.os === "windows") return;
  using handle = await Deno.open(dir, { read: true });
  await handle.sync();
}

/**
 * Removes temporary files left by a crashed writer in a directory. Call it
 * only while holding the directory's lock.
 *
 * @param dir The directory.
 * @returns The names removed.
 *
 * @example
 * ```ts
 * import { removeStrayTemps, TEMP_PREFIX } from "./atomic_write.ts";
 * import assert from "node:assert/strict";
 *
 * const dir = await Deno.makeTempDir();
 * await Deno.writeTextFile(`${dir}/${TEMP_PREFIX}x`, "partial");
 * assert.deepEqual(await removeStrayTemps(dir), [`${TEMP_PREFIX}x`]);
 * await Deno.remove(dir, { recursive: true });
 * ```
 */
export async function removeStrayTemps(dir: string): Promise<string[]> {
  const removed: string[] = [];
  try {
    for await (const entry of Deno.readDir(dir)) {
      if (!entry.isFile || !entry.name.startsWith(TEMP_PREFIX)) continue;
      await Deno.remove(join(dir, entry.name)).catch((error) => {
        if (!(error instanceof Deno.errors.NotFound)) throw error;
      });
      removed.push(entry.name);
    }
  } catch (error) {
    if (!(error instanceof Deno.errors.NotFound)) throw error;
  }
  return removed;
}
