/**
 * The one way smoke appends to `$GITHUB_STEP_SUMMARY` (the run's summary
 * and an error's section): only to a regular file, or a missing one it
 * creates. Anything else (a FIFO, a device, a directory, a socket) is refused
 * without opening it, since opening a FIFO no process reads blocks for ever;
 * and the file is opened with `O_NONBLOCK` and checked again after the open,
 * so a path swapped for a FIFO in between is refused too, never waited on.
 * Problems come back as values, with a reason that reads well after
 * `Cannot append to the step summary "x": `.
 *
 * @module
 */
import { closeSync, constants, fstatSync, openSync, writeSync } from "node:fs";
import { describeIoError, errnoOf, isIoError } from "../base/errors.ts";
import { fileTypeName } from "../base/read_input.ts";
import { isHistoryFile } from "../artifact/own_files.ts";
import { realPath, sameFile } from "../artifact/same_file.ts";
import { basename } from "../base/path.ts";

/** The outcome of {@linkcode appendStepSummary}. */
export type AppendResult =
  | { ok: true; written: number }
  | { ok: false; reason: string };

/**
 * Opens the step summary for appending, never blocking: `O_NONBLOCK` makes a
 * FIFO without a reader an error (ENXIO) instead of a wait, and a FIFO with
 * one, or anything else that is not a regular file, is closed again.
 *
 * @param path The file, absolute.
 * @returns The descriptor and the bytes already in the file, or why not.
 *
 * @example
 * ```ts
 * import { openForAppend } from "./step_summary_file.ts";
 * import { closeSync } from "node:fs";
 * import assert from "node:assert/strict";
 *
 * const dir = await Deno.makeTempDir();
 * const opened = openForAppend(`${dir}/summary.md`);
 * assert.ok(opened.ok);
 * closeSync(opened.fd);
 * assert.deepEqual(openForAppend(dir), { ok: false, reason: "it is a directory" });
 * await Deno.remove(dir, { recursive: true });
 * ```
 */
export function openForAppend(
  path: string,
): { ok: true; fd: number; size: number } | { ok: false; reason: string } {
  const { O_WRONLY, O_APPEND, O_CREAT, O_NONBLOCK } = constants;
  let fd: number;
  try {
    fd = openSync(path, O_WRONLY | O_APPEND | O_CREAT | (O_NONBLOCK ?? 0), 0o666);
  } catch (error) {
    // A FIFO no process reads (it replaced the file after the stat).
    if (errnoOf(error) === "ENXIO") return { ok: false, reason: "it is a FIFO" };
    if (errnoOf(error) === "EISDIR") return { ok: false, reason: "it is a directory" };
    // O_CREAT makes a missing file: only a missing folder fails so.
    if (errnoOf(error) === "ENOENT") return { ok: false, reason: "its folder does not exist" };
    if (!isIoError(error)) throw error;
    return { ok: false, reason: describeIoError(error).reason };
  }
  try {
    const info = fstatSync(fd);
    if (info.isFile()) return { ok: true, fd, size: info.size };
    // A character device (GITHUB_STEP_SUMMARY=/dev/null: the summary is not wanted) never blocks
    // an open or a write the way a FIFO does: it is written as it is.
    if (info.isCharacterDevice()) return { ok: true, fd, size: 0 };
    closeSync(fd);
    const type = fileTypeName({
      isFile: false,
      isDirectory: info.isDirectory(),
      isFifo: info.isFIFO(),
      isCharDevice: false,
      isBlockDevice: info.isBlockDevice(),
      isSocket: info.isSocket(),
    });
    return { ok: false, reason: `it is ${type}` };
  } catch (error) {
    closeSync(fd);
    if (!isIoError(error)) throw error;
    return { ok: false, reason: describeIoError(error).reason };
  }
}

/** Names of files that hold no Markdown: smoke's artifacts, JUnit XML, HTML reports. */
const NOT_MARKDOWN = /\.(?:json|xml|html?)$/i;

/**
 * Why a path is no step summary to append to, or undefined: a file of a smoke
 * artifact directory (see `isHistoryFile`), a `.json`, `.xml` or `.html` file
 * by its name or its symlink's target's (smoke's artifacts, a JUnit file, a
 * report: Markdown after them breaks them, wherever they are), or a hard link
 * to a JSON file.
 *
 * @param path The file, absolute.
 * @param outputs The run's other outputs (JUnit, the HTML report), absolute.
 * @returns The reason, or undefined.
 *
 * @example
 * ```ts
 * import { notMarkdown } from "./step_summary_file.ts";
 * import assert from "node:assert/strict";
 *
 * assert.match(notMarkdown("/tmp/x/durations.json")!, /\.json file/);
 * assert.match(notMarkdown("/tmp/x/junit.xml")!, /\.xml file/);
 * assert.equal(notMarkdown("/tmp/x/step_summary_1"), undefined);
 * assert.match(notMarkdown("/tmp/x/results", ["/tmp/x/results"])!, /this run writes/);
 * ```
 */
export function notMarkdown(
  path: string,
  outputs: readonly string[] = [],
): string | undefined {
  if (outputs.some((output) => sameFile(output, path))) {
    return "it is a file this run writes (the JUnit XML or the HTML report), which a Markdown " +
      "summary would break";
  }
  if (isHistoryFile(path)) {
    return "it is a file of smoke's artifact directory (latest.json, durations.json, the lock " +
      "or a run file), which a summary would break";
  }
  for (const name of [basename(path), basename(realPath(path))]) {
    const kind = NOT_MARKDOWN.exec(name)?.[0];
    if (kind) return `it is a ${kind.toLowerCase()} file, which a Markdown summary would break`;
  }
  // A hard link to a JSON file (one of smoke's run files, by another name).
  try {
    const info = Deno.statSync(path);
    if (!info.isFile || (info.nlink ?? 1) < 2) return undefined;
    const file = Deno.openSync(path);
    try {
      const head = new Uint8Array(64);
      const n = file.readSync(head) ?? 0;
      const text = new TextDecoder().decode(head.subarray(0, n)).trimStart();
      if (text.startsWith("{")) {
        return "it is a hard link to a JSON file, which a Markdown summary would break";
      }
    } finally {
      file.close();
    }
  } catch (error) {
    if (!isIoError(error)) throw error;
  }
  return undefined;
}

/**
 * Appends text to the step summary file, refusing anything but a regular
 * file (or a missing one, which is created), and a file of a smoke artifact
 * directory: a stat first, so a FIFO or a device is never opened; then
 * {@linkcode openForAppend}, which checks again.
 * `render` is given the bytes the file already holds, so that the step stays
 * within GitHub's 1 MiB; an empty text appends nothing.
 *
 * @param path The file, absolute.
 * @param render Makes the text from the bytes already in the file.
 * @param options `outputs`: the run's other outputs, never appended to (see
 *   {@linkcode notMarkdown}).
 * @returns The bytes written, or why nothing was (never a hang, never an
 * I/O error thrown).
 *
 * @example
 * ```ts
 * import { appendStepSummary } from "./step_summary_file.ts";
 * import assert from "node:assert/strict";
 *
 * const dir = await Deno.makeTempDir();
 * await Deno.writeTextFile(`${dir}/summary.md`, "# before\n");
 * const done = await appendStepSummary(`${dir}/summary.md`, (used) => `## smoke (${used} before)\n`);
 * assert.deepEqual(done, { ok: true, written: 20 });
 * assert.equal(await Deno.readTextFile(`${dir}/summary.md`), "# before\n## smoke (9 before)\n");
 * assert.deepEqual(await appendStepSummary(dir, () => "x"), { ok: false, reason: "it is a directory" });
 * await Deno.remove(dir, { recursive: true });
 * ```
 */
export async function appendStepSummary(
  path: string,
  render: (usedBytes: number) => string,
  options: { outputs?: readonly string[] } = {},
): Promise<AppendResult> {
  // Markdown appended to smoke's own files (a misset GITHUB_STEP_SUMMARY) would break them.
  const refused = notMarkdown(path, options.outputs);
  if (refused) return { ok: false, reason: refused };
  try {
    const info = await Deno.stat(path);
    if (!info.isFile && !info.isCharDevice) {
      return { ok: false, reason: `it is ${fileTypeName(info)}` };
    }
  } catch (error) {
    if (!(error instanceof Deno.errors.NotFound)) {
      if (!isIoError(error)) throw error;
      return { ok: false, reason: describeIoError(error).reason };
    }
  }
  const opened = openForAppend(path);
  if (!opened.ok) return opened;
  try {
    const bytes = new TextEncoder().encode(render(opened.size));
    let written = 0;
    while (written < bytes.length) {
      written += writeSync(opened.fd, bytes, written, bytes.length - written);
    }
    return { ok: true, written };
  } catch (error) {
    if (!isIoError(error)) throw error;
    return { ok: false, reason: describeIoError(error).reason };
  } finally {
    closeSync(opened.fd);
  }
}
