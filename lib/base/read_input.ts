/**
 * The one reader for files smoke takes as input (config, manifests,
 * artifacts, run history): it stats the path first (following symlinks),
 * refuses anything that is not a regular file without opening it (opening a
 * FIFO blocks in a read no signal stops; `/dev/zero` never ends), refuses a
 * file over the size limit, and then reads at most the limit plus one byte,
 * so a file that grows meanwhile is refused too. Problems come back as
 * values, each with a reason that reads well after `Cannot read manifest "x": `.
 *
 * The one race left: a regular file replaced by a FIFO between the stat and
 * the open still blocks the open (Deno has no `O_NONBLOCK`).
 *
 * @module
 */
import { describeIoError, isIoError, UserError, type UserErrorKind } from "./errors.ts";

/** The size limit of a config file or manifest: 1 MiB. */
export const MAX_INPUT_BYTES = 1024 * 1024;

/** Why an input could not be read. */
export type ReadProblem =
  /** Nothing at the path (or a folder on the path is a file). */
  | { kind: "missing" }
  /** Not a regular file: a directory, a FIFO, a device, a socket. */
  | { kind: "special"; type: string }
  /** Over the limit: `size` bytes, or more when `atLeast` (the file grew, or told no size). */
  | { kind: "too-large"; size: number; limit: number; atLeast?: boolean }
  /** The bytes are not UTF-8 (text reads only). */
  | { kind: "not-utf8" }
  /** An I/O error: permission denied, a symlink loop, a path too long... */
  | { kind: "io"; error: Error };

/** The outcome of a read. */
export type ReadResult<T> =
  | { ok: true; value: T }
  | { ok: false; problem: ReadProblem; reason: string };

/** Bytes read from a file. */
export type Bytes = Uint8Array<ArrayBuffer>;

/** Options of a read. */
export interface ReadOptions {
  /** The size limit in bytes. */
  maxBytes: number;
  /** What the file is, for the reason of a size problem: `manifest`, `config`. */
  what: string;
  /**
   * Set only when the caller has just read the path's type from its directory
   * entry (`Deno.DirEntry.isFile`, which is never true for a symlink): the
   * stat is skipped, and the size limit holds by reading at most the limit
   * plus one byte. Saves a third of the time of reading many small files.
   */
  knownRegularFile?: boolean;
}

/** The first buffer when the size is not known from a stat. */
const UNSIZED_BUFFER = 2 * 1024 - 1;

/**
 * The first read of every synchronous read of a file whose size is not known:
 * one buffer for all of them (nothing else runs during a synchronous read),
 * the bytes copied out. A new buffer per file made reading 5,000 small
 * manifests take ~1.6 times as long.
 */
const SCRATCH = new Uint8Array(64 * 1024);

/**
 * A size for people: `512 bytes`, `2 MiB`, `2.1 GiB`.
 *
 * @param bytes A byte count.
 * @returns The size with a binary unit.
 *
 * @example
 * ```ts
 * import { formatBytes } from "./read_input.ts";
 * import assert from "node:assert/strict";
 *
 * assert.equal(formatBytes(512), "512 bytes");
 * assert.equal(formatBytes(2 * 1024 * 1024 + 40), "2 MiB");
 * assert.equal(formatBytes(2.1 * 1024 ** 3), "2.1 GiB");
 * ```
 */
export function formatBytes(bytes: number): string {
  if (bytes < 1024) return `${bytes} byte${bytes === 1 ? "" : "s"}`;
  const units = ["KiB", "MiB", "GiB", "TiB"];
  let value = bytes / 1024;
  let unit = 0;
  while (value >= 1024 && unit < units.length - 1) {
    value /= 1024;
    unit++;
  }
  return `${value.toFixed(1).replace(/\.0$/, "")} ${units[unit]}`;
}

/**
 * What a file that is not a regular file is, with an article.
 *
 * @param info The file's stat.
 * @returns E.g. `a FIFO`, `a character device`, `a directory`.
 *
 * @example
 * ```ts
 * import { fileTypeName } from "./read_input.ts";
 * import assert from "node:assert/strict";
 *
 * assert.equal(fileTypeName(Deno.statSync("/dev/null")), "a character device");
 * ```
 */
export function fileTypeName(
  info: Pick<
    Deno.FileInfo,
    "isFile" | "isDirectory" | "isFifo" | "isCharDevice" | "isBlockDevice" | "isSocket"
  >,
): string {
  if (info.isFile) return "a regular file";
  if (info.isDirectory) return "a directory";
  if (info.isFifo) return "a FIFO";
  if (info.isCharDevice) return "a character device";
  if (info.isBlockDevice) return "a block device";
  if (info.isSocket) return "a socket";
  return "not a regular file";
}

/**
 * A failed read for a problem found elsewhere (e.g. a directory walk that
 * met a FIFO), with the same reason a read would give.
 *
 * @param problem The problem.
 * @param what What the file is, for a size problem: `manifest`, `config`.
 * @returns The failed read.
 *
 * @example
 * ```ts
 * import { readFailure } from "./read_input.ts";
 * import assert from "node:assert/strict";
 *
 * assert.equal(readFailure({ kind: "special", type: "a socket" }, "script").reason, "it is a socket, not a regular file");
 * ```
 */
export function readFailure(
  problem: ReadProblem,
  what: string,
): { ok: false; problem: ReadProblem; reason: string } {
  return { ok: false, problem, reason: reasonOf(problem, what) };
}

const failure = readFailure;

function reasonOf(problem: ReadProblem, what: string): string {
  switch (problem.kind) {
    case "missing":
      return "it does not exist";
    case "special":
      // A directory is common and plain enough to need no comparison.
      return problem.type === "a directory"
        ? "it is a directory"
        : `it is ${problem.type}, not a regular file`;
    case "too-large": {
      // A size just over the limit reads as the limit once rounded: then in bytes, both.
      const close = formatBytes(problem.size) === formatBytes(problem.limit);
      const size = close ? `${problem.size} bytes` : formatBytes(problem.size);
      const limit = close ? `${problem.limit}-byte` : formatBytes(problem.limit);
      return `it is ${problem.atLeast ? "" : `${size}, `}over the ${limit} limit for ${
        /^[aeiou]/.test(what) ? "an" : "a"
      } ${what}`;
    }
    case "not-utf8":
      return "it is not valid UTF-8 text";
    case "io":
      return describeIoError(problem.error).reason;
  }
}

/** A thrown stat, open or read error as a problem; anything else (a bug) is rethrown. */
function problemOf(error: unknown): ReadProblem {
  if (error instanceof Deno.errors.NotFound || error instanceof Deno.errors.NotADirectory) {
    return { kind: "missing" };
  }
  if (isIoError(error)) return { kind: "io", error };
  throw error;
}

/** Checks the stat: a regular file within the limit, or the problem. */
function checkInfo(info: Deno.FileInfo, options: ReadOptions): ReadProblem | undefined {
  if (!info.isFile) return { kind: "special", type: fileTypeName(info) };
  if (info.size > options.maxBytes) {
    return { kind: "too-large", size: info.size, limit: options.maxBytes };
  }
  return undefined;
}

/** Reads into a buffer sized from the stat, growing it up to the limit plus one byte. */
class Bounded {
  buffer: Bytes;
  length = 0;
  constructor(size: number, readonly limit: number) {
    this.buffer = new Uint8Array(Math.min(size, limit) + 1);
  }
  /** The free part of the buffer, grown when full; undefined when over the limit. */
  space(): Bytes | undefined {
    if (this.length === this.buffer.length) {
      if (this.length > this.limit) return undefined;
      const grown = new Uint8Array(Math.min(this.buffer.length * 2 + 65536, this.limit + 1));
      grown.set(this.buffer);
      this.buffer = grown;
    }
    return this.buffer.subarray(this.length);
  }
  /** The bytes, or the size problem; `size` is the file's size by `fstat`, when over the limit. */
  result(what: string, size = 0): ReadResult<Bytes> {
    if (this.length > this.limit) {
      const atLeast = size < this.length;
      const problem = { kind: "too-large" as const, size: atLeast ? this.length : size };
      return failure({ ...problem, limit: this.limit, ...(atLeast ? { atLeast } : {}) }, what);
    }
    return { ok: true, value: this.buffer.subarray(0, this.length) };
  }
  get over(): boolean {
    return this.length > this.limit;
  }
}

/**
 * Reads a regular file's bytes synchronously, within a size limit.
 *
 * @param path The path (symlinks are followed).
 * @param options The size limit, and what the file is for messages.
 * @returns The bytes, or the problem and its reason.
 *
 * @example
 * ```ts
 * import { readRegularFileSync } from "./read_input.ts";
 * import assert from "node:assert/strict";
 *
 * const zero = readRegularFileSync("/dev/zero", { maxBytes: 1024, what: "manifest" });
 * assert.equal(zero.ok ? "" : zero.reason, "it is a character device, not a regular file");
 * ```
 */
export function readRegularFileSync(path: string, options: ReadOptions): ReadResult<Bytes> {
  let file: Deno.FsFile;
  let bounded: Bounded | undefined;
  try {
    if (!options.knownRegularFile) {
      const info = Deno.statSync(path);
      const problem = checkInfo(info, options);
      if (problem) return failure(problem, options.what);
      bounded = new Bounded(info.size, options.maxBytes);
    }
    file = Deno.openSync(path, { read: true });
  } catch (error) {
    return failure(problemOf(error), options.what);
  }
  try {
    if (!bounded) {
      const n = file.readSync(SCRATCH) ?? 0;
      // A regular file reads short only at its end: this is all of it.
      if (n < SCRATCH.length && n <= options.maxBytes) {
        return { ok: true, value: SCRATCH.slice(0, n) };
      }
      // More to read, or over the limit already: on from what was read, as for any size.
      bounded = new Bounded(n, options.maxBytes);
      bounded.length = Math.min(n, bounded.buffer.length);
      bounded.buffer.set(SCRATCH.subarray(0, bounded.length));
    }
    for (let space = bounded.space(); space; space = bounded.space()) {
      const n = file.readSync(space);
      if (n === null) break;
      bounded.length += n;
      // A regular file reads short only at its end: no second call to hear so.
      if (n < space.length) break;
    }
    // Over the limit: the size for the message (the stat may have been skipped).
    if (bounded.over) return bounded.result(options.what, file.statSync().size);
  } catch (error) {
    return failure(problemOf(error), options.what);
  } finally {
    file.close();
  }
  return bounded.result(options.what);
}

/**
 * Reads a regular file's bytes, within a size limit.
 *
 * @param path The path (symlinks are followed).
 * @param options The size limit, and what the file is for messages.
 * @returns The bytes, or the problem and its reason.
 *
 * @example
 * ```ts
 * import { readRegularFile } from "./read_input.ts";
 * import assert from "node:assert/strict";
 *
 * const dir = await Deno.makeTempDir();
 * await Deno.writeTextFile(`${dir}/a.json`, "{}");
 * const read = await readRegularFile(`${dir}/a.json`, { maxBytes: 1, what: "artifact" });
 * assert.equal(read.ok ? "" : read.reason, "it is 2 bytes, over the 1 byte limit for an artifact");
 * const missing = await readRegularFile(`${dir}/b.json`, { maxBytes: 1, what: "artifact" });
 * assert.equal(missing.ok ? "" : missing.problem.kind, "missing");
 * await Deno.remove(dir, { recursive: true });
 * ```
 */
export async function readRegularFile(
  path: string,
  options: ReadOptions,
): Promise<ReadResult<Bytes>> {
  let file: Deno.FsFile;
  let bounded: Bounded;
  try {
    if (options.knownRegularFile) {
      bounded = new Bounded(UNSIZED_BUFFER, options.maxBytes);
    } else {
      const info = await Deno.stat(path);
      const problem = checkInfo(info, options);
      if (problem) return failure(problem, options.what);
      bounded = new Bounded(info.size, options.maxBytes);
    }
    file = await Deno.open(path, { read: true });
  } catch (error) {
    return failure(problemOf(error), options.what);
  }
  try {
    for (let space = bounded.space(); space; space = bounded.space()) {
      const n = await file.read(space);
      if (n === null) break;
      bounded.length += n;
      if (n < space.length) break;
    }
    if (bounded.over) return bounded.result(options.what, (await file.stat()).size);
  } catch (error) {
    return failure(problemOf(error), options.what);
  } finally {
    file.close();
  }
  return bounded.result(options.what);
}

const utf8 = new TextDecoder("utf-8", { fatal: true });

function decode(read: ReadResult<Bytes>, what: string): ReadResult<string> {
  if (!read.ok) return read;
  try {
    return { ok: true, value: utf8.decode(read.value) };
  } catch (error) {
    if (!(error instanceof TypeError)) throw error;
    return failure({ kind: "not-utf8" }, what);
  }
}

/**
 * Reads a regular file as UTF-8 text synchronously, within a size limit.
 * Invalid UTF-8 is a problem, not replaced.
 *
 * @param path The path (symlinks are followed).
 * @param options The size limit, and what the file is for messages.
 * @returns The text, or the problem and its reason.
 *
 * @example
 * ```ts
 * import { MAX_INPUT_BYTES, readRegularTextFileSync } from "./read_input.ts";
 * import assert from "node:assert/strict";
 *
 * const dir = Deno.makeTempDirSync();
 * Deno.writeFileSync(`${dir}/a.jsonc`, new Uint8Array([0x7b, 0xff, 0x7d]));
 * const read = readRegularTextFileSync(`${dir}/a.jsonc`, { maxBytes: MAX_INPUT_BYTES, what: "manifest" });
 * assert.equal(read.ok ? "" : read.reason, "it is not valid UTF-8 text");
 * Deno.removeSync(dir, { recursive: true });
 * ```
 */
export function readRegularTextFileSync(path: string, options: ReadOptions): ReadResult<string> {
  return decode(readRegularFileSync(path, options), options.what);
}

/**
 * Reads a regular file as UTF-8 text, within a size limit. Invalid UTF-8 is
 * a problem, not replaced.
 *
 * @param path The path (symlinks are followed).
 * @param options The size limit, and what the file is for messages.
 * @returns The text, or the problem and its reason.
 *
 * @example
 * ```ts
 * import { MAX_INPUT_BYTES, readRegularTextFile } from "./read_input.ts";
 * import assert from "node:assert/strict";
 *
 * const dir = await Deno.makeTempDir();
 * await Deno.writeTextFile(`${dir}/smoke.jsonc`, "{}");
 * const read = await readRegularTextFile(`${dir}/smoke.jsonc`, { maxBytes: MAX_INPUT_BYTES, what: "config" });
 * assert.deepEqual(read, { ok: true, value: "{}" });
 * const dirRead = await readRegularTextFile(dir, { maxBytes: MAX_INPUT_BYTES, what: "config" });
 * assert.equal(dirRead.ok ? "" : dirRead.reason, "it is a directory");
 * await Deno.remove(dir, { recursive: true });
 * ```
 */
export async function readRegularTextFile(
  path: string,
  options: ReadOptions,
): Promise<ReadResult<string>> {
  return decode(await readRegularFile(path, options), options.what);
}

/** How a read problem becomes a user error. */
export interface InputErrorOptions {
  /** `Cannot <action> "<shown>"`: e.g. `read manifest`. */
  action: string;
  /** The path as the user knows it. */
  shown: string;
  /** The kind of user error. */
  kind: UserErrorKind;
  /** A hint for a file that does not exist. */
  missingHint?: string;
}

/**
 * Turns a failed read into a user error (exit 2) naming the file, with a
 * hint for each kind of problem.
 *
 * @param failed A failed read.
 * @param options The action, the path shown, the kind of user error.
 * @returns The user error.
 *
 * @example
 * ```ts
 * import { formatUserError } from "./errors.ts";
 * import { inputError, readRegularTextFileSync } from "./read_input.ts";
 * import assert from "node:assert/strict";
 *
 * const read = readRegularTextFileSync("/dev/null", { maxBytes: 1024, what: "manifest" });
 * assert.ok(!read.ok);
 * const error = inputError(read, { action: "read manifest", shown: "a.smoke.jsonc", kind: "catalog" });
 * assert.equal(
 *   formatUserError(error),
 *   'error: Cannot read manifest "a.smoke.jsonc": it is a character device, not a regular file\n' +
 *     "hint: smoke reads only regular files here: replace it with one, or move it away.",
 * );
 * ```
 */
export function inputError(
  failed: { problem: ReadProblem; reason: string },
  options: InputErrorOptions,
): UserError {
  const { problem } = failed;
  const hint = problem.kind === "missing"
    ? options.missingHint ?? "Check the path."
    : problem.kind === "special"
    ? "smoke reads only regular files here: replace it with one, or move it away."
    : problem.kind === "too-large"
    ? "That is far more than such a file needs: check that it is the right file."
    : problem.kind === "not-utf8"
    ? "Save the file as UTF-8."
    : describeIoError(problem.error).hint;
  return new UserError(`Cannot ${options.action} "${options.shown}": ${failed.reason}`, {
    kind: options.kind,
    hints: [hint],
    ...(problem.kind === "io" ? { cause: problem.error } : {}),
  });
}
