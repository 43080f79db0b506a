/**
 * The durations summary, `<artifactDir>/durations.json`: each fixture's
 * newest recorded durations (at most {@linkcode MAX_SAMPLES}), updated
 * atomically at the end of every run, under the run's lock. Reading one small
 * file keeps start-up cheap however long the history is; the run files stay
 * the record. The file is untrusted like every artifact: only fixture ids
 * (checked) and finite numbers are taken from it, anything else is left out,
 * and a file that cannot be read is as good as none. Since issue 16 it also
 * keeps each fixture's newest outcomes (`outcomes`, see `outcome_history.ts`);
 * a file without them still reads, and older readers ignore them.
 *
 * @module
 */
import { join } from "../base/path.ts";
import { isFixtureId, RUN_ID_PATTERN } from "./artifact_format.ts";
import { isIoError } from "../base/errors.ts";
import { jsonValue } from "../base/json_value.ts";
import { displayName } from "../base/safe_output.ts";
import { readRegularFile } from "../base/read_input.ts";
import { describeWriteFailure, writeFileAtomic } from "./atomic_write.ts";
import type { Diagnostic } from "./artifact.ts";
// The longest duration taken as real: a timer's limit.
import { MAX_TIMER_MS } from "../base/timer.ts";
import { addOutcome, parseOutcomes } from "./outcome_history.ts";
import { interruptedWithoutResult } from "./not_run.ts";

/** The file's name in the artifact directory. */
export const DURATIONS_FILE = "durations.json";
/** Durations kept per fixture, newest first. */
export const MAX_SAMPLES = 10;
/** A larger file is not read (a summary of 100,000 fixtures is far smaller). */
const MAX_BYTES = 16 * 1024 * 1024;

/** Each fixture's newest durations, and how many runs went into them. */
export interface DurationSamples {
  /** How many runs were summarised. */
  runs: number;
  /** Milliseconds by fixture id, newest first. */
  byId: Map<string, number[]>;
  /** Outcomes by fixture id, newest first (`P` passed, `F` failed); absent in older files. */
  outcomes?: Map<string, string>;
  /**
   * The timings the splits by duration read from this summary share, one set per suite (newest
   * first, at most {@linkcode MAX_SPLITS}, by suite; each holds every id of its
   * suite's catalog, with no durations for one that had none): what the first such split of
   * the suite since its last full run read (`byId` then). Shards of a split run one after
   * another in one folder, repeated, interrupted or with other runs between them, all split by
   * it; the suite's full run drops it, so its next split reads `byId` again.
   */
  splits?: SharedSplit[];
  /**
   * The runs whose results the summary holds, newest first (at most {@linkcode MAX_COUNTED}):
   * a merge adds an input's results once, however often it is merged.
   */
  counted?: string[];
}

/** One suite's shared split timings (see {@linkcode DurationSamples.splits}). */
export interface SharedSplit {
  /** The suite: a digest of its fixtures directory's real path (`suiteKey`, `select.ts`). */
  suite: string;
  /** Milliseconds by fixture id, newest first; every id of the catalog, some with none. */
  timings: Map<string, number[]>;
}

/** A suite name longer than this is no suite (see `suiteKey` in `selection/select.ts`). */
const MAX_SUITE_CHARS = 4096;

/** Suites whose shared split timings a summary keeps (the oldest go first). */
export const MAX_SPLITS = 8;
/** Run ids a summary remembers having counted. */
export const MAX_COUNTED = 1000;

/**
 * Whether a recorded duration can be used for planning: a finite number of
 * milliseconds from 0 to 2^31 - 1 (about 24.8 days). Anything else, from any
 * untrusted file (a durations summary, a `--timings` artifact, a run file),
 * is left out.
 *
 * @param ms The value.
 * @returns True for a usable duration.
 *
 * @example
 * ```ts
 * import { usableDurationMs } from "./durations_file.ts";
 * import assert from "node:assert/strict";
 *
 * assert.equal(usableDurationMs(1200), true);
 * assert.equal(usableDurationMs(1.7e308), false);
 * assert.equal(usableDurationMs(-1), false);
 * ```
 */
export function usableDurationMs(ms: unknown): ms is number {
  return typeof ms === "number" && Number.isFinite(ms) && ms >= 0 && ms <= MAX_TIMER_MS;
}

/**
 * Parses the summary's text, keeping only what is well formed.
 *
 * @param text The file's text.
 * @returns The samples; undefined when the text is not a summary at all.
 *
 * @example
 * ```ts
 * import { parseDurations } from "./durations_file.ts";
 * import assert from "node:assert/strict";
 *
 * const parsed = parseDurations('{"version":1,"runs":2,"fixtures":{"a":[5,7],"../x":[1],"b":["no"]}}');
 * assert.deepEqual([...parsed!.byId], [["a", [5, 7]]]);
 * assert.equal(parseDurations("garbage"), undefined);
 * ```
 */
export function parseDurations(text: string): DurationSamples | undefined {
  return durationsOfValue(jsonValue(text));
}

/**
 * {@linkcode parseDurations} of a value already parsed from JSON: a caller
 * that must also try the text as an artifact parses it once.
 *
 * @param value The parsed JSON.
 * @returns The samples; undefined when the value is not a summary at all.
 *
 * @example
 * ```ts
 * import { durationsOfValue } from "./durations_file.ts";
 * import assert from "node:assert/strict";
 *
 * assert.deepEqual([...durationsOfValue({ version: 1, fixtures: { a: [5] } })!.byId], [["a", [5]]]);
 * assert.equal(durationsOfValue({ schemaVersion: 1 }), undefined);
 * ```
 */
export function durationsOfValue(value: unknown): DurationSamples | undefined {
  return summaryOfValue(value).samples;
}

/**
 * {@linkcode durationsOfValue}, and the entries of its `fixtures` it left out
 * (an id that is no fixture id, a value that is no list, a duration that is no
 * number of milliseconds smoke can wait), found in the same pass: how many, and
 * the first `lines` of them, one line each with its key path
 * (`fixtures.api/a[0]: ...`), escaped. A summary smoke wrote has none; one a
 * user names (`--timings`) is refused with them, the artifact directory's own
 * is read without them and says so.
 *
 * @param value The parsed JSON.
 * @param options `lines`: how many entries left out to describe (default 10).
 * @returns The samples (undefined when the value is no summary at all) and, when any entry
 *   was left out, which.
 *
 * @example
 * ```ts
 * import { summaryOfValue } from "./durations_file.ts";
 * import assert from "node:assert/strict";
 *
 * const read = summaryOfValue({ version: 1, fixtures: { "api/a": [1200, "2s"] } });
 * assert.deepEqual([...read.samples!.byId], [["api/a", [1200]]]);
 * assert.deepEqual(read.leftOut, {
 *   count: 1,
 *   lines: [
 *     'fixtures.api/a[1]: expected a duration in milliseconds (a number from 0 to 2147483647), got "2s"',
 *   ],
 * });
 * assert.equal(summaryOfValue({ version: 1, fixtures: { "api/a": [1200] } }).leftOut, undefined);
 * ```
 */
export function summaryOfValue(
  value: unknown,
  options: { lines?: number } = {},
): { samples?: DurationSamples; leftOut?: { count: number; lines: string[] } } {
  const max = options.lines ?? 10;
  const left = { count: 0, lines: [] as string[] };
  const samples = samplesOfValue(value, (id, index, entry) => {
    // Described only while there is room: a summary of a million bad entries costs a count.
    if (left.count++ < max) left.lines.push(leftOutLine(id, index, entry));
  });
  return { ...(samples ? { samples } : {}), ...(left.count ? { leftOut: left } : {}) };
}

/**
 * Told of each entry of a summary's `fixtures` its reader leaves out: the id, and the
 * position and value of the duration when the id and its list were read (else the value).
 */
type LeftOut = (id: string, index: number | undefined, entry: unknown) => void;

function samplesOfValue(value: unknown, leftOut?: LeftOut): DurationSamples | undefined {
  const record = value as {
    version?: unknown;
    runs?: unknown;
    fixtures?: unknown;
    outcomes?: unknown;
    splits?: unknown;
    counted?: unknown;
  };
  if (typeof value !== "object" || value === null || record.version !== 1) return undefined;
  const fixtures = record.fixtures;
  if (typeof fixtures !== "object" || fixtures === null || Array.isArray(fixtures)) {
    return undefined;
  }
  const byId = samplesOf(fixtures, { ...(leftOut ? { leftOut } : {}) });
  const runs = Number.isSafeInteger(record.runs) && (record.runs as number) > 0
    ? record.runs as number
    : 1;
  const outcomes = parseOutcomes(record.outcomes, isFixtureId);
  // A split's ids stay with no durations too (the catalog's ids). One suite's first. (`split`,
  // one object without its suite, as the summary held it before it kept one per suite, is left
  // out: that split starts again from the newest durations.)
  const isObject = (v: unknown): v is Record<string, unknown> =>
    typeof v === "object" && v !== null && !Array.isArray(v);
  const splits: SharedSplit[] = [];
  for (const entry of Array.isArray(record.splits) ? record.splits.slice(0, 1000) : []) {
    if (splits.length === MAX_SPLITS) break;
    if (!isObject(entry) || !isObject(entry.timings)) continue;
    const { suite } = entry;
    if (typeof suite !== "string" || !suite || suite.length > MAX_SUITE_CHARS) continue;
    if (splits.some((kept) => kept.suite === suite)) continue;
    // None of its ids left: no suite's (a split holds every id of its catalog).
    const timings = samplesOf(entry.timings, { keepEmpty: true });
    if (timings.size) splits.push({ suite, timings });
  }
  // Cut before it is checked: a hand-made list of a million ids costs nothing.
  const counted = Array.isArray(record.counted)
    ? [...new Set(record.counted.slice(0, MAX_COUNTED).filter(isRunId))]
    : [];
  return {
    runs,
    byId,
    ...(outcomes.size ? { outcomes } : {}),
    ...(splits.length ? { splits } : {}),
    ...(counted.length ? { counted } : {}),
  };
}

/** Whether a value is a run id (as an artifact's). */
function isRunId(value: unknown): value is string {
  return typeof value === "string" && RUN_ID_PATTERN.test(value);
}

/**
 * The well-formed durations of an object of ids and lists; the rest left out (an id left with
 * none too, unless `keepEmpty`).
 */
function samplesOf(
  fixtures: object,
  options: { keepEmpty?: boolean; leftOut?: LeftOut } = {},
): Map<string, number[]> {
  const byId = new Map<string, number[]>();
  for (const [id, list] of Object.entries(fixtures)) {
    if (!isFixtureId(id) || !Array.isArray(list)) {
      options.leftOut?.(id, undefined, list);
      continue;
    }
    const held = list.length > MAX_SAMPLES ? list.slice(0, MAX_SAMPLES) : list;
    const ms = held.filter(usableDurationMs);
    if (options.leftOut && ms.length < held.length) {
      held.forEach((entry, index) => {
        if (!usableDurationMs(entry)) options.leftOut!(id, index, entry);
      });
    }
    if (ms.length || options.keepEmpty) byId.set(id, ms);
  }
  return byId;
}

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
    hint: `${options.before ? `${options.before} ` : ""}${options.instead} (the run files in ` +
      `runs/ keep every duration). Remove what is there to silence this${
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

/** One line for an entry of a summary's `fixtures` left out (see {@linkcode summaryOfValue}). */
function leftOutLine(id: string, index: number | undefined, entry: unknown): string {
  // Cut by code point, never inside a surrogate pair.
  const shown = (text: string) => {
    const points = [...text];
    return points.length > 80 ? `${points.slice(0, 80).join("")}...` : text;
  };
  const at = `fixtures.${shown(id)}`;
  return displayName(
    !isFixtureId(id)
      ? `${at}: not a fixture id`
      : index === undefined
      ? `${at}: expected a list of durations in milliseconds, got ${kindOf(entry)}`
      : `${at}[${index}]: expected a duration in milliseconds (a number from 0 to ${MAX_TIMER_MS}), ` +
        `got ${typeof entry === "string" ? shown(JSON.stringify(entry)) : kindOf(entry)}`,
  );
}

/** A value's kind for a message: a number as it is, otherwise its JSON type. */
function kindOf(value: unknown): string {
  if (typeof value === "number") return String(value);
  if (value === null) return "null";
  return Array.isArray(value) ? "a list" : typeof value === "object" ? "an object" : typeof value;
}

/**
 * What is wrong with a file that looks like a durations summary (`version`
 * and `fixtures`, no `schemaVersion`) but that {@linkcode parseDurations}
 * cannot read; undefined for anything else (an artifact is checked as one).
 *
 * @param text The file's text.
 * @returns The problem, or undefined.
 *
 * @example
 * ```ts
 * import { durationsProblem } from "./durations_file.ts";
 * import assert from "node:assert/strict";
 *
 * assert.match(durationsProblem('{"version":2,"fixtures":{}}')!, /version 2/);
 * assert.equal(durationsProblem('{"schemaVersion":1}'), undefined);
 * ```
 */
export function durationsProblem(text: string): string | undefined {
  return durationsProblemOfValue(jsonValue(text));
}

/**
 * {@linkcode durationsProblem} of a value already parsed from JSON.
 *
 * @param value The parsed JSON.
 * @returns The problem, or undefined.
 *
 * @example
 * ```ts
 * import { durationsProblemOfValue } from "./durations_file.ts";
 * import assert from "node:assert/strict";
 *
 * assert.match(durationsProblemOfValue({ version: 2, fixtures: {} })!, /version 2/);
 * assert.equal(durationsProblemOfValue({ schemaVersion: 1 }), undefined);
 * // Written by hand without its version, or without its fixtures: said as a summary's problem.
 * assert.match(durationsProblemOfValue({ fixtures: { "api/a": [100] } })!, /without "version": 1/);
 * assert.match(durationsProblemOfValue({ version: 1 })!, /without "fixtures"/);
 * // Any other JSON with a version (a package.json) is checked as an artifact.
 * assert.equal(durationsProblemOfValue({ name: "x", version: "1.0.0" }), undefined);
 * // An artifact's fixtures are a list: that is checked as an artifact.
 * assert.equal(durationsProblemOfValue({ fixtures: [] }), undefined);
 * ```
 */
export function durationsProblemOfValue(value: unknown): string | undefined {
  if (typeof value !== "object" || value === null || Array.isArray(value)) return undefined;
  const record = value as Record<string, unknown>;
  if ("schemaVersion" in record) return undefined;
  // An artifact's "fixtures" is a list: an object of them, or "version": 1, is a summary's (any
  // other JSON with a "version", a package.json, is checked as an artifact).
  const summaryFixtures = typeof record.fixtures === "object" && record.fixtures !== null &&
    !Array.isArray(record.fixtures);
  if (!("version" in record)) {
    return summaryFixtures ? 'a durations summary without "version": 1' : undefined;
  }
  if (!("fixtures" in record)) {
    return record.version === 1
      ? 'a durations summary without "fixtures" (an object of ids and durations)'
      : undefined;
  }
  if (record.version !== 1) {
    const version = typeof record.version === "number"
      ? `version ${record.version}`
      : "a version that is not a number";
    return `a durations summary of ${version} (this smoke reads version 1)`;
  }
  return 'a durations summary whose "fixtures" is not an object of ids and durations';
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

/** Why a file that reads is no summary: damaged, or written by a newer smoke. */
const NOT_A_SUMMARY = "it is not a durations summary this smoke can read (damaged, or of a newer " +
  "version)";

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
 * Reads the summary and the stamp of the file read, so that the end of the
 * run can add to what the start read without reading it again when nothing
 * replaced it meanwhile ({@linkcode samplesNow}).
 *
 * @param dir The artifact directory.
 * @returns The summary (if any) and the stamp.
 *
 * @example
 * ```ts
 * import { readDurationsFile } from "./durations_file.ts";
 * import assert from "node:assert/strict";
 *
 * assert.deepEqual(await readDurationsFile("/nonexistent"), { stamp: "none" });
 * ```
 */
export async function readDurationsFile(dir: string): Promise<DurationsRead> {
  return await readStamped(dir, await durationsStamp(dir));
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
  const value = jsonValue(new TextDecoder().decode(read.value));
  // What was left out (a hand edit, a damage) is found while reading, said when there is any.
  const { samples, leftOut } = summaryOfValue(value, { lines: 3 });
  if (!samples) return { stamp, problem: NOT_A_SUMMARY };
  return leftOut ? { samples, stamp, leftOut } : { samples, stamp };
}

/**
 * The summary in the directory now: the one read earlier when its file is
 * still there unchanged, else read again.
 *
 * @param dir The artifact directory.
 * @param earlier What was read before, if anything.
 * @returns The summary; undefined when there is none.
 *
 * @example
 * ```ts
 * import { samplesNow } from "./durations_file.ts";
 * import assert from "node:assert/strict";
 *
 * const earlier = { samples: { runs: 1, byId: new Map([["a", [5]]]) }, stamp: "none" };
 * assert.equal(await samplesNow("/nonexistent", earlier), earlier.samples);
 * ```
 */
export async function samplesNow(
  dir: string,
  earlier: DurationsRead | undefined,
): Promise<DurationSamples | undefined> {
  const stamp = await durationsStamp(dir);
  if (earlier && earlier.stamp === stamp) return earlier.samples;
  return (await readStamped(dir, stamp)).samples;
}

/** Ids outside the catalog a summary keeps up to (or four times the catalog's ids, if more). */
export const KEEP_OTHER_IDS = 1000;

/**
 * The summary after one more run: each fixture that ran gets its duration
 * first in its list (at most {@linkcode MAX_SAMPLES} kept), and its outcome
 * first in its outcomes when its status is given. With `catalog`, once the
 * summary holds more than {@linkcode KEEP_OTHER_IDS} ids or four times the
 * catalog's, the ids not in it (deleted, renamed) are dropped: the summary
 * does not grow with every id a suite ever had, and a second suite sharing
 * the artifact directory (another `--fixtures-dir`) keeps its history.
 *
 * @param before The summary before the run (undefined: none).
 * @param ran The fixtures that ran (attempts > 0), how long each took (none: no duration to
 * record) and how it ended.
 * @param options `catalog`: the ids of the catalog now, to keep only those. `suite`: the run's
 * (its fixtures directory, see `suiteKey` in `selection/select.ts`; default `.`). `split`: the timings the run split by, when it is a
 * split by duration from this summary (kept for the suite's splits after it, in place of its
 * earlier ones); `null` for a full run that ran to its end (the suite's shared timings are
 * dropped: its next split reads the newest durations); absent for any other run (the shared
 * timings stay as they are). `runIds`: the runs whose results these are (remembered as
 * counted). `count`: false when the run adds no results (runs stays).
 * @returns The new summary.
 *
 * @example
 * ```ts
 * import { addRun } from "./durations_file.ts";
 * import assert from "node:assert/strict";
 *
 * const one = addRun(undefined, [{ id: "a", durationMs: 5 }]);
 * const two = addRun(one, [{ id: "a", durationMs: 9 }]);
 * assert.deepEqual(two.byId.get("a"), [9, 5]);
 * assert.equal(two.runs, 2);
 * const three = addRun(two, [{ id: "a", durationMs: 6, status: "failed" }]);
 * assert.equal(three.outcomes?.get("a"), "F");
 * // A few ids beside the catalog's stay (another suite's, or one renamed away).
 * const renamed = addRun(three, [{ id: "b", durationMs: 7 }], { catalog: new Set(["b"]) });
 * assert.deepEqual([...renamed.byId.keys()], ["a", "b"]);
 * // A shard split by duration keeps what it split by; a full run drops it.
 * const shard = addRun(renamed, [{ id: "a", durationMs: 8 }], { split: renamed.byId });
 * assert.deepEqual(shard.splits?.[0].timings.get("a"), [6, 9, 5]);
 * assert.deepEqual(addRun(shard, [{ id: "b", durationMs: 1 }]).splits, shard.splits);
 * assert.equal(addRun(shard, [{ id: "a", durationMs: 8 }], { split: null }).splits, undefined);
 * // Another suite keeps its own beside it, and drops its own only.
 * const z = new Map([["a", []]]);
 * const other = addRun(shard, [], { suite: "e2e", split: z });
 * assert.deepEqual(other.splits?.map((s) => s.suite), ["e2e", "."]);
 * const full = addRun(other, [], { suite: "e2e", split: null });
 * assert.deepEqual(full.splits, shard.splits);
 * // The runs it holds, remembered.
 * assert.deepEqual(addRun(full, [], { runIds: ["r9"], count: false }).counted, ["r9"]);
 * assert.equal(addRun(full, [], { runIds: ["r9"], count: false }).runs, full.runs);
 * ```
 */
export function addRun(
  before: DurationSamples | undefined,
  ran: readonly { id: string; durationMs?: number; status?: string }[],
  options: {
    catalog?: ReadonlySet<string>;
    suite?: string;
    split?: ReadonlyMap<string, number[]> | null;
    runIds?: readonly string[];
    count?: boolean;
  } = {},
): DurationSamples {
  const { catalog } = options;
  const ids = new Set([...before?.byId.keys() ?? [], ...before?.outcomes?.keys() ?? []]);
  const full = catalog !== undefined &&
    ids.size > Math.max(KEEP_OTHER_IDS, 4 * catalog.size);
  const kept = <T>(entries: Iterable<[string, T]>) =>
    full ? [...entries].filter(([id]) => catalog.has(id)) : entries;
  // A split by duration from this summary keeps what it split by (what its suite's splits
  // share), in place of its suite's; a full run lets its suite's next split read the newest
  // durations; any other run leaves them. Another suite sharing the artifact directory (another
  // fixtures directory) has its own. Never thinned with the ids beside the catalog.
  const suite = options.suite ?? ".";
  const others = (before?.splits ?? []).filter((split) => split.suite !== suite);
  const splits = options.split === null
    ? others
    : options.split
    ? [{ suite, timings: new Map(options.split) }, ...others].slice(0, MAX_SPLITS)
    : before?.splits ?? [];
  const counted = [...new Set([...options.runIds ?? [], ...before?.counted ?? []])]
    .slice(0, MAX_COUNTED);
  const byId = new Map(kept(before?.byId ?? []));
  const outcomes = new Map(kept(before?.outcomes ?? []));
  for (const { id, durationMs, status } of ran) {
    if (durationMs !== undefined) {
      byId.set(id, [durationMs, ...(byId.get(id) ?? [])].slice(0, MAX_SAMPLES));
    }
    if (status === "passed" || status === "failed") {
      outcomes.set(id, addOutcome(outcomes.get(id), status));
    }
  }
  return {
    runs: (before?.runs ?? 0) + (options.count === false ? 0 : 1),
    byId,
    ...(outcomes.size ? { outcomes } : {}),
    ...(splits.length ? { splits } : {}),
    ...(counted.length ? { counted } : {}),
  };
}

/**
 * The summary as the file holds it: `{"version":1,"runs":N,"fixtures":{...},"outcomes":{...}}`
 * on one line, ids in order. Built as one string: at 5,000 fixtures, half the
 * time of an object of 5,000 keys through `JSON.stringify`, and the maps are
 * sorted only when they are not already (they are, but for ids new to the
 * summary).
 *
 * @param samples The summary.
 * @returns The file's text, ending in a newline.
 *
 * @example
 * ```ts
 * import { addRun, durationsText } from "./durations_file.ts";
 * import assert from "node:assert/strict";
 *
 * const samples = addRun(undefined, [
 *   { id: "b", durationMs: 5, status: "passed" },
 *   { id: "a", durationMs: 7, status: "failed" },
 * ]);
 * assert.equal(
 *   durationsText(samples),
 *   '{"version":1,"runs":1,"fixtures":{"a":[7],"b":[5]},"outcomes":{"a":"F","b":"P"}}\n',
 * );
 * ```
 */
export function durationsText(samples: DurationSamples): string {
  const fixtures = jsonObject(samples.byId);
  const outcomes = samples.outcomes?.size ? `,"outcomes":${jsonObject(samples.outcomes)}` : "";
  const splits = samples.splits?.length
    ? `,"splits":[${
      samples.splits.map((split) =>
        `{"suite":${JSON.stringify(split.suite)},"timings":${jsonObject(split.timings)}}`
      ).join(",")
    }]`
    : "";
  const counted = samples.counted?.length ? `,"counted":${JSON.stringify(samples.counted)}` : "";
  return `{"version":1,"runs":${
    JSON.stringify(samples.runs)
  },"fixtures":${fixtures}${outcomes}${splits}${counted}}\n`;
}

/** A map as a JSON object, keys in order. */
function jsonObject(map: ReadonlyMap<string, unknown>): string {
  const entries = [...map];
  for (let i = 1; i < entries.length; i++) {
    if (entries[i - 1][0] >= entries[i][0]) {
      entries.sort(([a], [b]) => a < b ? -1 : 1);
      break;
    }
  }
  const members = entries.map(([key, value]) => `${JSON.stringify(key)}:${JSON.stringify(value)}`);
  return `{${members.join(",")}}`;
}

/** What the summary reads of a run's result (an artifact's, or one being written). */
export interface RunResult {
  /** The fixture. */
  id: string;
  /** How long it took. */
  durationMs: number;
  /** How many attempts started (0: it never ran). */
  attempts: number;
  /** `passed`, `failed` or `skipped`. */
  status: string;
  /** Why it failed. */
  failure?: { kind: string };
  /** Under `--repeat`: each run's outcome. */
  repeat?: { outcomes: string };
}

/**
 * What the summary records of a run's results: each one that ran (`attempts` > 0). One an
 * interrupt stopped has neither an outcome nor a duration of its own: left out, so a Ctrl-C
 * stays out of the flake evidence and the estimates; one that failed before the interrupt (a
 * retry, a repeat) keeps that failure, without the cut-off duration.
 *
 * @param fixtures The results.
 * @returns What {@linkcode addRun} takes.
 *
 * @example
 * ```ts
 * import { recordedResults } from "./durations_file.ts";
 * import assert from "node:assert/strict";
 *
 * const recorded = recordedResults([
 *   { id: "a", durationMs: 5, attempts: 1, status: "passed" },
 *   { id: "b", durationMs: 0, attempts: 0, status: "failed" },
 *   { id: "c", durationMs: 9, attempts: 2, status: "failed", failure: { kind: "interrupted" } },
 * ]);
 * assert.deepEqual(recorded, [
 *   { id: "a", durationMs: 5, status: "passed" },
 *   { id: "c", status: "failed" },
 * ]);
 * ```
 */
export function recordedResults(
  fixtures: readonly RunResult[],
): { id: string; durationMs?: number; status: string }[] {
  return fixtures.filter((f) => f.attempts > 0 && !interruptedWithoutResult(f))
    .map((f) =>
      f.failure?.kind === "interrupted"
        ? { id: f.id, status: "failed" }
        // A duration no timer can wait (a crafted or damaged artifact merged in) is no sample:
        // the summary's reader would leave it out, and say so, at every run.
        : usableDurationMs(f.durationMs)
        ? { id: f.id, durationMs: f.durationMs, status: f.status }
        : { id: f.id, status: f.status }
    );
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
 * import { addRun, readDurationsFile, writeDurations } from "./durations_file.ts";
 * import assert from "node:assert/strict";
 *
 * const dir = await Deno.makeTempDir();
 * await writeDurations(dir, addRun(undefined, [{ id: "a", durationMs: 5 }]));
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
