/**
 * Every file smoke writes (artifacts, `latest.json`, `--junit`, the HTML
 * report, `merge --out`) goes through {@linkcode writeFileAtomic}, which
 * decides by what the path names:
 *
 * - nothing, or a regular file: replaced atomically (a temporary file in the
 *   same directory, fsync, rename, fsync of the directory), so a reader sees
 *   the old file or the new one, never a part. Through a symlink, the file it
 *   points to is replaced and the link survives.
 * - a character device or a FIFO (`/dev/null`, a pipe, a terminal), or one of
 *   smoke's own descriptors (`/dev/stdout`, `/dev/fd/N`): written in place,
 *   appended, not atomically; that is what naming one means.
 * - a directory, a socket or a block device: refused, never replaced.
 *
 * On a local file system the calls that cannot wait on another process
 * (stat, links, the temporary file smoke creates, rename, fsync) are
 * synchronous: an asynchronous call costs ~0.1 ms of round trip through
 * Deno's thread pool, a synchronous one ~10 us, and a run makes dozens at
 * its start and end. Opening a path smoke did not create stays asynchronous
 * (a FIFO blocks an open until a writer comes, which must not stop the event
 * loop). On a network or FUSE mount any call can wait: the first call of a
 * run on the artifact directory is asynchronous (`ensureHistoryDir`,
 * `durationsStamp`), so a hung mount stops smoke where Ctrl-C still works; a
 * mount that hangs later, between two synchronous calls, holds smoke until
 * it answers or SIGKILL.
 *
 * @module
 */
import { basename, dirname, join, resolve } from "../base/path.ts";
import { isIoError, UserError } from "../base/errors.ts";
import { descriptorOf, UnwritableTargetError, writeInPlace } from "./_write_in_place.ts";

export { UnwritableTargetError };

/** Prefix of the temporary files, so a later run can clean up strays. */
export const TEMP_PREFIX = ".smoke-tmp-";

/**
 * Whether a write failed for a reason the user can fix (a full disk or quota,
 * a read-only file system, permissions, an I/O error, a path that is not a
 * writable file) rather than through a bug in smoke. The one classifier every
 * writer uses.
 *
 * @param error What a write threw.
 * @returns True for those failures.
 *
 * @example
 * ```ts
 * import { isWriteFailure, UnwritableTargetError } from "./atomic_write.ts";
 * import assert from "node:assert/strict";
 *
 * assert.equal(isWriteFailure(Object.assign(new Error("No space left"), { code: "ENOSPC" })), true);
 * assert.equal(isWriteFailure(new Deno.errors.PermissionDenied("no")), true);
 * assert.equal(isWriteFailure(new Deno.errors.IsADirectory("dir")), true);
 * assert.equal(isWriteFailure(new UnwritableTargetError("/s", "is a socket")), true);
 * assert.equal(isWriteFailure(new TypeError("a bug")), false);
 * ```
 */
export function isWriteFailure(error: unknown): error is Error {
  // One classifier of file-system failures for reads and writes alike (base/errors.ts).
  return error instanceof UnwritableTargetError || isIoError(error);
}

/**
 * Says why a write failed, for a message that already names the path:
 * `it is a directory`, `a folder on its path is not a directory`, or the
 * system's message.
 *
 * @param error A write failure (see {@linkcode isWriteFailure}).
 * @returns The reason, without a final period.
 *
 * @example
 * ```ts
 * import { describeWriteFailure, UnwritableTargetError } from "./atomic_write.ts";
 * import assert from "node:assert/strict";
 *
 * assert.equal(describeWriteFailure(new UnwritableTargetError("/s", "is a socket")), "it is a socket");
 * assert.equal(describeWriteFailure(new Error("No space left on device")), "No space left on device");
 * ```
 */
export function describeWriteFailure(error: Error): string {
  if (error instanceof UnwritableTargetError) return `it ${error.reason}`;
  if (error instanceof Deno.errors.NotADirectory) {
    return `a folder on its path is not a directory (${error.message})`;
  }
  return error.message;
}

/** How {@linkcode writeFileAtomic} writes a path. */
export interface OutputTarget {
  /** `atomic`: replaced whole; `in-place`: appended to (a device, a FIFO, a descriptor). */
  mode: "atomic" | "in-place";
  /** Where the bytes go: for `atomic`, the file at the end of any symlinks. */
  path: string;
  /** Set when the path names smoke's own standard output (1) or error (2): written there. */
  fd?: 1 | 2;
}

/** Follows the symlinks of the last path component (at most 40, like the kernel). */
function linkChain(path: string): { end: string; hops: string[] } {
  const hops = [path];
  let current = path;
  for (let i = 0; i < 40; i++) {
    let info: Deno.FileInfo;
    try {
      info = Deno.lstatSync(current);
    } catch (error) {
      if (error instanceof Deno.errors.NotFound) return { end: current, hops };
      throw error;
    }
    if (!info.isSymlink) return { end: current, hops };
    current = resolve(dirname(current), Deno.readLinkSync(current));
    hops.push(current);
  }
  throw new UnwritableTargetError(path, "is a loop of symbolic links");
}

function describe(info: Deno.FileInfo): string | undefined {
  if (info.isDirectory) return "is a directory";
  if (info.isSocket) return "is a socket";
  if (info.isBlockDevice) return "is a block device";
  return undefined;
}

/**
 * Decides how a path is written (see the module doc), without writing.
 *
 * @param path An absolute path.
 * @returns The mode and the path the bytes go to.
 * @throws {UnwritableTargetError} For a directory, a socket, a block device
 * or a symlink loop; the stat error when the path cannot be examined (a
 * folder on it is a file, a name too long...).
 *
 * @example
 * ```ts
 * import { resolveOutputTarget } from "./atomic_write.ts";
 * import assert from "node:assert/strict";
 *
 * const dir = await Deno.makeTempDir();
 * assert.deepEqual(resolveOutputTarget(`${dir}/new.xml`), { mode: "atomic", path: `${dir}/new.xml` });
 * assert.throws(() => resolveOutputTarget(dir), /is a directory/);
 * assert.equal((resolveOutputTarget("/dev/null")).mode, "in-place");
 * await Deno.remove(dir);
 * ```
 */
export function resolveOutputTarget(path: string): OutputTarget {
  let info: Deno.FileInfo | undefined;
  try {
    info = Deno.statSync(path);
  } catch (error) {
    if (error instanceof Deno.errors.FilesystemLoop) {
      throw new UnwritableTargetError(path, "is a loop of symbolic links");
    }
    if (!(error instanceof Deno.errors.NotFound)) throw error;
  }
  if (info === undefined) {
    // Missing, or a symlink to something missing: create what the link names.
    return { mode: "atomic", path: linkChain(path).end };
  }
  const refused = describe(info);
  if (refused) throw new UnwritableTargetError(path, refused);
  // `/dev/stdout` and the like name a descriptor: even when it is a regular file (`> log`),
  // it is written where that descriptor writes, never replaced.
  const descriptor = descriptorOf(linkChain(path).hops);
  if (descriptor !== undefined) {
    return {
      mode: "in-place",
      path,
      ...(descriptor === 1 || descriptor === 2 ? { fd: descriptor } : {}),
    };
  }
  if (!info.isFile) return { mode: "in-place", path }; // a character device or a FIFO
  return { mode: "atomic", path: Deno.realPathSync(path) };
}

/**
 * Checks an output path before anything runs, so a path smoke would refuse
 * at the end is a usage error now.
 *
 * @param path The path, absolute.
 * @param options `shown`: the path as the user gave it; `label`: what is
 * written there, e.g. `the JUnit XML`; `fileOnly`: refuse a device, a FIFO or
 * a descriptor (see {@linkcode WriteFileOptions}).
 * @returns How it will be written.
 * @throws {UserError} `OUTPUT_PATH_INVALID` (exit 2) naming the path and why.
 *
 * @example
 * ```ts
 * import { checkOutputPath } from "./atomic_write.ts";
 * import assert from "node:assert/strict";
 *
 * const dir = await Deno.makeTempDir();
 * assert.throws(
 *   () => checkOutputPath(dir, { shown: "out", label: "the report" }),
 *   /Cannot write the report to "out": it is a directory/,
 * );
 * await Deno.remove(dir);
 * ```
 */
export function checkOutputPath(
  path: string,
  options: { shown: string; label: string; fileOnly?: boolean },
): OutputTarget {
  try {
    return fileOnly(resolveOutputTarget(path), options);
  } catch (error) {
    if (!isWriteFailure(error)) throw error;
    const reason = describeWriteFailure(error);
    throw new UserError(`Cannot write ${options.label} to "${options.shown}": ${reason}`, {
      kind: "usage",
      code: "OUTPUT_PATH_INVALID",
      hints: [
        "Name a file (it is created, or replaced atomically), or a device such as /dev/stdout " +
        "(written in place). A directory, a socket or a block device is never replaced.",
        "Nothing was run or written.",
      ],
      cause: error,
    });
  }
}

/** Options for {@linkcode writeFileAtomic}. */
export interface WriteFileOptions {
  /** Create missing parent directories first. */
  createParents?: boolean;
  /**
   * Refuse a path that would be written in place (a device, a FIFO, `/dev/stdout`): for a file
   * smoke reads back (`latest.json`), which must hold what was written.
   */
  fileOnly?: boolean;
  /**
   * A file only smoke writes (`durations.json`, a run file): a symlink in its place is
   * replaced by the file, never followed, so that no file elsewhere is overwritten.
   */
  ownFile?: boolean;
}

/** The reason a file-only output refuses what would be written in place. */
const NOT_A_FILE = "is not a regular file (a device, a FIFO or a descriptor): smoke reads it back";

/** The target, or the refusal of one written in place when only a file will do. */
function fileOnly(target: OutputTarget, options: { fileOnly?: boolean }): OutputTarget {
  if (options.fileOnly && target.mode === "in-place") {
    throw new UnwritableTargetError(target.path, NOT_A_FILE);
  }
  return target;
}

/**
 * Writes an output file: atomically for a missing or regular file (through
 * symlinks, which survive), in place for a device, a FIFO or `/dev/stdout`.
 *
 * @param path Where the file goes (absolute, or relative to the process).
 * @param data The bytes or text.
 * @param options Whether to create parent directories, and whether only a file will do.
 * @returns How and where it was written.
 * @throws {UnwritableTargetError} For a directory, a socket, a block device,
 * or a FIFO nobody reads; any I/O error otherwise (disk full...), after
 * removing the temporary file. {@linkcode isWriteFailure} knows them all.
 *
 * @example
 * ```ts
 * import { writeFileAtomic } from "./atomic_write.ts";
 * import assert from "node:assert/strict";
 *
 * const dir = await Deno.makeTempDir();
 * await writeFileAtomic(`${dir}/a.json`, "{}");
 * assert.equal(await Deno.readTextFile(`${dir}/a.json`), "{}");
 * await writeFileAtomic(`${dir}/deep/b.json`, "{}", { createParents: true });
 * await assert.rejects(() => writeFileAtomic(dir, "{}"), /is a directory/);
 * assert.equal((await writeFileAtomic("/dev/null", "gone")).mode, "in-place");
 * await assert.rejects(() => writeFileAtomic("/dev/null", "{}", { fileOnly: true }), /not a regular file/);
 * await Deno.remove(dir, { recursive: true });
 * ```
 */
export async function writeFileAtomic(
  path: string,
  data: string | Uint8Array,
  options: WriteFileOptions = {},
): Promise<OutputTarget> {
  const bytes = typeof data === "string" ? new TextEncoder().encode(data) : data;
  const target = options.ownFile && isSymlink(resolve(path))
    ? { mode: "atomic" as const, path: resolve(path) }
    : fileOnly(resolveOutputTarget(resolve(path)), options);
  if (target.mode === "in-place") {
    await writeInPlace(target, bytes);
    return target;
  }
  if (options.createParents) Deno.mkdirSync(dirname(target.path), { recursive: true });
  await replaceFile(target.path, bytes, { replaceLink: options.ownFile ?? false });
  return target;
}

function isSymlink(path: string): boolean {
  return lstatIfPresent(path)?.isSymlink ?? false;
}

/** The atomic replacement of a regular file (or a missing one; with `replaceLink`, a symlink). */
async function replaceFile(
  path: string,
  bytes: Uint8Array,
  options: { replaceLink: boolean },
): Promise<void> {
  const dir = dirname(path);
  const random = crypto.getRandomValues(new Uint32Array(1))[0].toString(16);
  // The name is cut so that a long target name still leaves room for the prefix and suffix.
  const temp = join(dir, `${TEMP_PREFIX}${basename(path).slice(0, 64)}.${Deno.pid}.${random}`);
  // A replaced file keeps its permissions; a new one gets 0644 less the umask.
  let keepMode: number | undefined;
  try {
    const existing = Deno.lstatSync(path);
    if (existing.isFile && existing.mode !== null) keepMode = existing.mode & 0o7777;
  } catch (error) {
    if (!(error instanceof Deno.errors.NotFound)) throw error;
  }
  try {
    using file = Deno.openSync(temp, { write: true, createNew: true, mode: 0o644 });
    if (keepMode !== undefined && Deno.build.os !== "windows") Deno.chmodSync(temp, keepMode);
    let written = 0;
    while (written < bytes.length) written += file.writeSync(bytes.subarray(written));
    file.syncSync();
  } catch (error) {
    removeQuietly(temp);
    throw error;
  }
  try {
    // Checked again at the last moment: a rename never replaces anything but a regular file.
    const now = lstatIfPresent(path);
    if (now && !now.isFile && !(options.replaceLink && now.isSymlink)) {
      throw new UnwritableTargetError(
        path,
        now.isDirectory ? "is a directory" : "is not a regular file",
      );
    }
    Deno.renameSync(temp, path);
  } catch (error) {
    removeQuietly(temp);
    throw error;
  }
  await syncDir(dir);
}

/**
 * What `lstat` says of a path, or undefined when nothing is there.
 *
 * @param path A path.
 * @returns Its file info (a symlink as itself); undefined when it is missing.
 * @throws {Error} Any other error of `lstat` (permissions, a folder on the path that is a file).
 *
 * @example
 * ```ts
 * import { lstatIfPresent } from "./atomic_write.ts";
 * import assert from "node:assert/strict";
 *
 * assert.equal(lstatIfPresent("/nonexistent/x"), undefined);
 * assert.equal(lstatIfPresent("/")?.isDirectory, true);
 * ```
 */
export function lstatIfPresent(path: string): Deno.FileInfo | undefined {
  try {
    return Deno.lstatSync(path);
  } catch (error) {
    if (error instanceof Deno.errors.NotFound) return undefined;
    throw error;
  }
}

/** Removes a temporary file smoke made, if it can: what is left is only clutter. */
function removeQuietly(path: string): void {
  try {
    Deno.removeSync(path);
  } catch {
    // The write failed already; that error is the one to report.
  }
}

async function syncDir(dir: string): Promise<void> {
  if (Deno.build.os === "windows") return;
  // Opened asynchronously: a directory swapped for a FIFO blocks an open, never the event loop.
  using handle = await Deno.open(dir, { read: true });
  handle.syncSync();
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
 * assert.deepEqual(removeStrayTemps(dir), [`${TEMP_PREFIX}x`]);
 * await Deno.remove(dir, { recursive: true });
 * ```
 */
export function removeStrayTemps(dir: string): string[] {
  const removed: string[] = [];
  try {
    for (const entry of Deno.readDirSync(dir)) {
      if (!entry.isFile || !entry.name.startsWith(TEMP_PREFIX)) continue;
      try {
        Deno.removeSync(join(dir, entry.name));
        removed.push(entry.name);
      } catch (error) {
        // A stray that cannot be removed is only clutter: the writers never read it.
        if (!isWriteFailure(error)) throw error;
      }
    }
  } catch (error) {
    if (!isWriteFailure(error)) throw error;
  }
  return removed;
}

/**
 * Writes an output file the user named (`merge --out`, `report --out`) by the
 * rules of {@linkcode writeFileAtomic}, missing folders created; a failure the
 * user can fix becomes one `OUTPUT_WRITE_FAILED` error.
 *
 * @param path The absolute path.
 * @param data The bytes or text.
 * @param options What is written (`the HTML report`) and the path as shown.
 * @throws {UserError} `OUTPUT_WRITE_FAILED` (exit 2) naming the path and why.
 *
 * @example
 * ```ts
 * import { writeOutputFile } from "./atomic_write.ts";
 * import assert from "node:assert/strict";
 *
 * const dir = await Deno.makeTempDir();
 * await writeOutputFile(`${dir}/a/b.txt`, "x", { what: "the page", shown: "a/b.txt" });
 * await assert.rejects(
 *   () => writeOutputFile(`${dir}/a/b.txt/c`, "x", { what: "the page", shown: "a/b.txt/c" }),
 *   /^UserError: Cannot write the page to "a\/b\.txt\/c": /,
 * );
 * await Deno.remove(dir, { recursive: true });
 * ```
 */
export async function writeOutputFile(
  path: string,
  data: string | Uint8Array,
  options: { what: string; shown: string },
): Promise<void> {
  try {
    await writeFileAtomic(path, data, { createParents: true });
  } catch (error) {
    if (!isWriteFailure(error)) throw error;
    throw new UserError(
      `Cannot write ${options.what} to "${options.shown}": ${describeWriteFailure(error)}`,
      {
        kind: "artifact",
        code: "OUTPUT_WRITE_FAILED",
        hints: ["Free disk space or fix permissions, or pass another --out PATH."],
        cause: error,
      },
    );
  }
}
