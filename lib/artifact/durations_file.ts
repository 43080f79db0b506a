/**
 * The durations summary's file, `<artifactDir>/durations.json` (the summary
 * itself: `durations_summary.ts`), updated atomically at the end of every run,
 * under the run's lock. Reading one small file keeps start-up cheap however
 * long the history is; the run files stay the record. The file is untrusted
 * like every artifact, and a file that cannot be read is as good as none. Since
 * issue 16 it also keeps each fixture's newest outcomes (`outcomes`, see
 * `outcome_history.ts`); a file without them still reads, and older readers
 * ignore them.
 *
 * @module
 */
import { join } from "../base/path.ts";
import { isIoError } from "../base/errors.ts";
import { jsonValue } from "../base/json_value.ts";
import { readRegularFile } from "../base/read_input.ts";
import { describeWriteFailure, writeFileAtomic } from "./atomic_write.ts";
import type { Diagnostic } from "./artifact.ts";
import {
  type DurationSamples,
  durationsProblemOfValue,
  durationsText,
  summaryOfValue,
} from "./durations_summary.ts";
import { jsonSyntax } from "../jsonc/jsonc.ts";

/** The file's name in the artifact directory. */
export const DURATIONS_FILE = "durations.json";

/** A larger file is not read (a summary of 100,000 fixtures is far smaller). */
const MAX_BYTES = 16 * 1024 * 1024;

/**
 * The warning for an artifact directory's `durations.json` that is there but
 * cannot be read, whoever reads it (the start order, a duration split, a
 * merge): what is wrong, what the command does instead, and how to silence it.
 * A run says it once.
 *
 * @param shown The file's name as the output shows it.
 * @param problem Why it cannot be read.
 * @param options `instead`: what the command does without it (a sentence, no full stop).
 *   `consequence`: added to the message (`: every fixture gets the default duration`).
 *   `before`: a sentence put before the hint. `orElse`: another way out, after "silence this, or".
 * @returns The `DURATIONS_UNREADABLE` warning.
 *
 * @example
 * ```ts
 * import { durationsUnreadable } from "./durations_file.ts";
 * import assert from "node:assert/strict";
 *
 * const warning = durationsUnreadable(".smoke/durations.json", "it is a directory", {
 *   instead: "The merge starts the summary again from the merged durations",
 * });
 * assert.equal(warning.message, 'Cannot read ".smoke/durations.json": it is a directory');
 * assert.match(warning.hint!, /^The merge starts .* Remove what is there to silence this\.$/);
 * ```
 */
export function durationsUnreadable(
  shown: string,
  problem: string,
  options: { instead: string; consequence?: string; before?: string; orElse?: string },
): Diagnostic {
  return {
    code: "DURATIONS_UNREADABLE",
    level: "warning",
    message: `Cannot read "${shown}": ${problem}${options.consequence ?? ""}`,
    // A directory or another non-regular file is removed as a damaged file is.
    hint: `${options.before ? `${options.before} ` : ""}${options.instead} (replacing what is ` +
      `there; the timings kept for the splits start again). Remove what is there to silence this${
        options.orElse ? `, or ${options.orElse}` : ""
      }.`,
  };
}

/**
 * The warning for entries of the artifact directory's `durations.json` its
 * reader left out (a hand edit that is no duration, a damaged entry): which,
 * and that a run rewrites the summary without them.
 *
 * @param shown The file's name as the output shows it.
 * @param leftOut How many, and the first by key path.
 * @returns The `DURATIONS_UNREADABLE` warning.
 *
 * @example
 * ```ts
 * import { durationsLeftOut } from "./durations_file.ts";
 * import assert from "node:assert/strict";
 *
 * const warning = durationsLeftOut(".smoke/durations.json", {
 *   count: 1,
 *   lines: ['fixtures.api/a[0]: expected a duration in milliseconds (...), got "2s"'],
 * });
 * assert.equal(
 *   warning.message,
 *   'Cannot read 1 entry of ".smoke/durations.json", left out: fixtures.api/a[0]: expected a ' +
 *     'duration in milliseconds (...), got "2s"',
 * );
 * ```
 */
export function durationsLeftOut(
  shown: string,
  leftOut: { count: number; lines: readonly string[] },
): Diagnostic {
  const more = leftOut.count - leftOut.lines.length;
  return {
    code: "DURATIONS_UNREADABLE",
    level: "warning",
    message: `Cannot read ${leftOut.count} entr${leftOut.count === 1 ? "y" : "ies"} of ` +
      `"${shown}", left out: ${leftOut.lines.join("; ")}${more > 0 ? `; and ${more} more` : ""}`,
    // A run that records no duration (all skipped, stopped before any result) leaves the file.
    hint: `The next run that records durations rewrites the summary without ` +
      `${leftOut.count === 1 ? "it" : "them"}. To keep ${leftOut.count === 1 ? "it" : "them"}, ` +
      `fix ${leftOut.count === 1 ? "it" : "them"}: each id's durations are a list of ` +
      'milliseconds, newest first (e.g. "api/health": [1200, 1150]).',
  };
}

/** The summary as read, with the file it was read from. */
export interface DurationsRead {
  /** The summary; undefined when there was none, or it could not be read. */
  samples?: DurationSamples;
  /**
   * Which file that was (see {@linkcode durationsStamp}), taken before reading: the same stamp
   * later means the same summary.
   */
  stamp: string;
  /** Why a file that is there could not be read (`it is not a durations summary ...`). */
  problem?: string;
  /**
   * Entries of the summary's `fixtures` it left out, when it left any out: how many, and the
   * first of them by key path (see {@linkcode summaryOfValue}).
   */
  leftOut?: { count: number; lines: string[] };
}

/**
 * Why a file that reads is no summary: not JSON (where), of another version (which), or of
 * another shape.
 */
function notASummary(text: string, value: unknown): string {
  if (value === undefined) return `it is not JSON: ${jsonSyntax(text)}`;
  const problem = durationsProblemOfValue(value);
  if (problem) return `it is ${problem}`;
  // This file is only ever a summary: a version that is not 1 is a newer smoke's (or a hand's).
  const version = (value as { version?: unknown } | null)?.version;
  return typeof version === "number"
    ? `it is a durations summary of version ${version} (this smoke reads version 1)`
    : 'it is not a durations summary this smoke can read (no "version": 1 with "fixtures")';
}

/**
 * Which `durations.json` is in the directory now: its inode, size and
 * modification time (`none` when there is none). The summary is replaced
 * whole (a new file renamed over it), so an unchanged stamp means unchanged
 * contents.
 *
 * @param dir The artifact directory.
 * @returns The stamp.
 *
 * @example
 * ```ts
 * import { durationsStamp } from "./durations_file.ts";
 * import assert from "node:assert/strict";
 *
 * assert.equal(await durationsStamp("/nonexistent"), "none");
 * ```
 */
export async function durationsStamp(dir: string): Promise<string> {
  try {
    // Asynchronous: at a run's start the first call on the artifact directory (see ensureHistoryDir).
    const info = await Deno.stat(join(dir, DURATIONS_FILE));
    return `${info.ino}:${info.size}:${info.mtime?.getTime()}:${info.ctime?.getTime()}`;
  } catch (error) {
    if (error instanceof Deno.errors.NotFound || error instanceof Deno.errors.NotADirectory) {
      return "none";
    }
    if (!isIoError(error)) throw error;
    // There but not to be looked at (a symlink loop, no permission): the read says why.
    return "unreadable";
  }
}

/**
 * Reads the summary and the stamp of the file read, so that a later reader
 * (the start order after a split by duration, the end of the run adding to
 * what the start read) takes it without reading it again while nothing
 * replaced it: given `earlier`, that is returned when the file is still the one
 * it was read from.
 *
 * @param dir The artifact directory.
 * @param earlier What was read before, if anything.
 * @returns The summary (if any) and the stamp.
 *
 * @example
 * ```ts
 * import { readDurationsFile } from "./durations_file.ts";
 * import assert from "node:assert/strict";
 *
 * assert.deepEqual(await readDurationsFile("/nonexistent"), { stamp: "none" });
 * const earlier = { samples: { runs: 1, byId: new Map([["a", [5]]]) }, stamp: "none" };
 * assert.equal(await readDurationsFile("/nonexistent", earlier), earlier);
 * ```
 */
export async function readDurationsFile(
  dir: string,
  earlier?: DurationsRead,
): Promise<DurationsRead> {
  const stamp = await durationsStamp(dir);
  if (earlier && earlier.stamp === stamp) return earlier;
  return await readStamped(dir, stamp);
}

/** Reads the summary whose stamp was just taken. */
async function readStamped(dir: string, stamp: string): Promise<DurationsRead> {
  if (stamp === "none") return { stamp };
  const read = await readRegularFile(join(dir, DURATIONS_FILE), {
    maxBytes: MAX_BYTES,
    what: "durations summary",
  });
  // Gone since the stamp: as if there were none.
  if (!read.ok && read.problem.kind === "missing") return { stamp: "none" };
  if (!read.ok) return { stamp, problem: read.reason };
  const text = new TextDecoder().decode(read.value);
  const value = jsonValue(text);
  // What was left out (a hand edit, a damage) is found while reading, said when there is any.
  const { samples, leftOut } = summaryOfValue(value, { lines: 3 });
  if (!samples) return { stamp, problem: notASummary(text, value) };
  return leftOut ? { samples, stamp, leftOut } : { samples, stamp };
}

/**
 * The summary a run or a merge adds its results to: the one read, or, when the one there cannot
 * be read, one made again from the run files in `runs/` (see `durations_rebuild.ts`, loaded only
 * then); none when there is none.
 *
 * @param dir The artifact directory.
 * @param read The summary as read.
 * @param options `exclude`: the run adding itself (its file is in `runs/` already); `catalog`:
 *   the catalog's ids, to thin ids gone from it.
 * @returns The summary to add to, if any.
 *
 * @example
 * ```ts
 * import { summaryToAddTo } from "./durations_file.ts";
 * import assert from "node:assert/strict";
 *
 * const samples = { runs: 1, byId: new Map([["a", [5]]]) };
 * assert.equal(await summaryToAddTo("/nonexistent", { samples, stamp: "x" }, { exclude: "r" }), samples);
 * // Unreadable, with no run files to make it from: none.
 * assert.equal(await summaryToAddTo("/nonexistent", { stamp: "x", problem: "damaged" }, { exclude: "r" }), undefined);
 * ```
 */
export async function summaryToAddTo(
  dir: string,
  read: DurationsRead,
  options: { exclude: string; catalog?: ReadonlySet<string> },
): Promise<DurationSamples | undefined> {
  if (read.samples || !read.problem) return read.samples;
  const { rebuildDurations } = await import("./durations_rebuild.ts");
  return await rebuildDurations(dir, options);
}

/**
 * The warning of a summary that cannot be written: the run (or merged run) is saved, only the
 * next run's start order is lost.
 *
 * @param shownDir The artifact directory as the user named it.
 * @param error The write failure.
 * @param saved What is saved all the same: `run`, `merged run`.
 * @returns The warning, `DURATIONS_NOT_SAVED`.
 *
 * @example
 * ```ts
 * import { durationsNotSaved } from "./durations_file.ts";
 * import assert from "node:assert/strict";
 *
 * const warning = durationsNotSaved(".smoke", new Deno.errors.PermissionDenied("denied"), "run");
 * assert.equal(warning.code, "DURATIONS_NOT_SAVED");
 * assert.match(warning.hint!, /^The run is saved;/);
 * ```
 */
export function durationsNotSaved(shownDir: string, error: Error, saved: string): Diagnostic {
  return {
    code: "DURATIONS_NOT_SAVED",
    level: "warning",
    message: `Cannot write "${shownDir}/${DURATIONS_FILE}": ${describeWriteFailure(error)}`,
    hint: `The ${saved} is saved; the next run starts its fixtures in id order instead of ` +
      "longest first.",
  };
}

/**
 * Writes the summary atomically (a temporary file, then a rename).
 *
 * @param dir The artifact directory.
 * @param samples The summary.
 *
 * @example
 * ```ts
 * import { readDurationsFile, writeDurations } from "./durations_file.ts";
 * import assert from "node:assert/strict";
 *
 * const dir = await Deno.makeTempDir();
 * await writeDurations(dir, { runs: 1, byId: new Map([["a", [5]]]) });
 * assert.deepEqual((await readDurationsFile(dir)).samples?.byId.get("a"), [5]);
 * await Deno.remove(dir, { recursive: true });
 * ```
 */
export async function writeDurations(dir: string, samples: DurationSamples): Promise<void> {
  // The next run reads it back: never written into a device or a FIFO; smoke's own file, so a
  // symlink put in its place is replaced, not followed.
  await writeFileAtomic(join(dir, DURATIONS_FILE), durationsText(samples), {
    fileOnly: true,
    ownFile: true,
  });
}
