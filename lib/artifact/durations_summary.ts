/**
 * The durations summary as a value (see `durations_file.ts` for its file):
 * each fixture's newest recorded durations (at most {@linkcode MAX_SAMPLES}),
 * its newest outcomes, the timings splits by duration share, and the runs it
 * counted. Read from untrusted JSON: only fixture ids (checked) and usable
 * durations are taken, anything else is left out and can be named; written
 * back as one line of JSON, ids in order.
 *
 * @module
 */
import { isFixtureId, RUN_ID_PATTERN } from "./artifact_format.ts";
import { jsonValue } from "../base/json_value.ts";
import { displayName } from "../base/safe_output.ts";
// The longest duration taken as real: a timer's limit.
import { MAX_TIMER_MS } from "../base/timer.ts";
import { parseOutcomes } from "./outcome_history.ts";

/** Durations kept per fixture, newest first. */
export const MAX_SAMPLES = 10;

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
  /**
   * The suite: a digest of its catalog's ids (`suiteKey`, `select.ts`; an earlier smoke's, of
   * its fixtures directory's real path: `formerSuiteKey`).
   */
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
 * import { usableDurationMs } from "./durations_summary.ts";
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
 * import { parseDurations } from "./durations_summary.ts";
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
 * import { durationsOfValue } from "./durations_summary.ts";
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
 * import { summaryOfValue } from "./durations_summary.ts";
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

/** One line for an entry of a summary's `fixtures` left out (see {@linkcode summaryOfValue}). */
function leftOutLine(id: string, index: number | undefined, entry: unknown): string {
  const at = `fixtures.${cut(id)}`;
  if (index !== undefined) return unusableDurationLine(`${at}[${index}]`, entry);
  return displayName(
    !isFixtureId(id)
      ? `${at}: not a fixture id`
      : `${at}: expected a list of durations in milliseconds, got ${kindOf(entry)}`,
  );
}

/**
 * The line for a duration smoke cannot use (see {@linkcode usableDurationMs}), at its key path,
 * escaped: a summary's entry, or an artifact's result given as timings.
 *
 * @param at The key path (`fixtures.api/a[0]`, `fixtures[3].durationMs`).
 * @param value The value found there.
 * @returns The line.
 *
 * @example
 * ```ts
 * import { unusableDurationLine } from "./durations_summary.ts";
 * import assert from "node:assert/strict";
 *
 * assert.equal(
 *   unusableDurationLine("fixtures[0].durationMs", 3e9),
 *   "fixtures[0].durationMs: expected a duration in milliseconds (a number from 0 to " +
 *     "2147483647), got 3000000000",
 * );
 * ```
 */
export function unusableDurationLine(at: string, value: unknown): string {
  return displayName(
    `${at}: expected a duration in milliseconds (a number from 0 to ${MAX_TIMER_MS}), ` +
      `got ${typeof value === "string" ? cut(JSON.stringify(value)) : kindOf(value)}`,
  );
}

/** A text cut to 80 code points (never inside a surrogate pair), for a message. */
function cut(text: string): string {
  const points = [...text];
  return points.length > 80 ? `${points.slice(0, 80).join("")}...` : text;
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
 * import { durationsProblem } from "./durations_summary.ts";
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
 * import { durationsProblemOfValue } from "./durations_summary.ts";
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
 * import { durationsText } from "./durations_summary.ts";
 * import assert from "node:assert/strict";
 *
 * const samples = {
 *   runs: 1,
 *   byId: new Map([["b", [5]], ["a", [7]]]),
 *   outcomes: new Map([["b", "P"], ["a", "F"]]),
 * };
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
