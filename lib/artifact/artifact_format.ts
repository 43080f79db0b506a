/**
 * The artifact format's constants: the schema versions, and the shapes of
 * fixture ids and run ids. Shared by the artifact's types and its zod schema
 * without either importing the other.
 *
 * @example
 * ```ts
 * import { FIXTURE_ID_PATTERN, RUN_ID_PATTERN } from "./artifact_format.ts";
 * import assert from "node:assert/strict";
 *
 * assert.ok(FIXTURE_ID_PATTERN.test("api/health"));
 * assert.ok(RUN_ID_PATTERN.test("20261125T144407123Z-3fa9c1"));
 * ```
 *
 * @module
 */

/** The schema version this build writes. */
export const SCHEMA_VERSION = 1;
/** The schema versions this build can read. */
export const READABLE_SCHEMA_VERSIONS: readonly number[] = [1];

/** Characters allowed in a fixture id. */
export const FIXTURE_ID_PATTERN = /^[A-Za-z0-9._\/-]+$/;

/** The longest fixture id. */
export const MAX_FIXTURE_ID_LENGTH = 512;

/** An empty, `.` or `..` segment of a path-like id. */
const BAD_SEGMENT = /(?:^|\/)\.{0,2}(?:\/|$)/;

/**
 * Whether a path-like id has an empty, `.` or `..` segment (`a//b`, `./a`,
 * `a/..`, or the empty string).
 *
 * @param id The id.
 * @returns True when it has one.
 *
 * @example
 * ```ts
 * import { hasBadSegment } from "./artifact_format.ts";
 * import assert from "node:assert/strict";
 *
 * assert.equal(hasBadSegment("a/../b"), true);
 * assert.equal(hasBadSegment("a/..b"), false);
 * ```
 */
export function hasBadSegment(id: string): boolean {
  return BAD_SEGMENT.test(id);
}

/**
 * Whether a string is a well-formed fixture id: the characters of
 * {@linkcode FIXTURE_ID_PATTERN}, at most {@linkcode MAX_FIXTURE_ID_LENGTH}
 * of them, and no empty, `.` or `..` segment. The one rule for ids read back
 * from artifacts, summaries and the catalog.
 *
 * @param id The string.
 * @returns True when it is one.
 *
 * @example
 * ```ts
 * import { isFixtureId } from "./artifact_format.ts";
 * import assert from "node:assert/strict";
 *
 * assert.equal(isFixtureId("api/health"), true);
 * assert.equal(isFixtureId(".config/check"), true);
 * assert.equal(isFixtureId("api/../secret"), false);
 * assert.equal(isFixtureId("api//health"), false);
 * assert.equal(isFixtureId(""), false);
 * ```
 */
export function isFixtureId(id: string): boolean {
  return id.length <= MAX_FIXTURE_ID_LENGTH && FIXTURE_ID_PATTERN.test(id) &&
    !hasBadSegment(id);
}

/**
 * A service's name: one word, the `<NAME>` of its `SMOKE_SERVICE_<NAME>_*`
 * variables, also read back from a process's `SMOKE_SERVICE` and from the
 * message of a fixture it kept from starting.
 */
export const SERVICE_NAME_PATTERN = /^[A-Za-z][A-Za-z0-9_-]{0,31}$/;

/** A run id: unique, safe as a file name, sorts by start time. */
export const RUN_ID_PATTERN = /^[A-Za-z0-9][A-Za-z0-9._-]{0,127}$/;

/** How far ahead a run id's clock may be before its order is a contradiction: a day. */
export const CLOCK_SKEW_MS = 24 * 60 * 60 * 1000;

/** The start time a run id of smoke's own format encodes; undefined for any other id. */
function runIdTime(runId: string): number | undefined {
  const m = /^(\d{4})(\d{2})(\d{2})T(\d{2})(\d{2})(\d{2})(\d{3})Z-/.exec(runId);
  if (!m) return undefined;
  const [, y, mo, d, h, mi, s, ms] = m.map(Number);
  return Date.UTC(y, mo - 1, d, h, mi, s, ms);
}

/**
 * Whether run `a` is later than run `b` beyond what clocks on two machines
 * may disagree by ({@linkcode CLOCK_SKEW_MS}). Ids of smoke's own format are
 * compared by their times; any other ids by their text.
 *
 * @param a A run id.
 * @param b Another run id.
 * @returns True when `a` is clearly the later run.
 *
 * @example
 * ```ts
 * import { runIdClearlyAfter } from "./artifact_format.ts";
 * import assert from "node:assert/strict";
 *
 * // An hour ahead: another machine's clock, not a contradiction.
 * assert.equal(runIdClearlyAfter("20261129T130000000Z-aaaaaa", "20261129T120000000Z-bbbbbb"), false);
 * assert.equal(runIdClearlyAfter("20261201T120000000Z-aaaaaa", "20261129T120000000Z-bbbbbb"), true);
 * assert.equal(runIdClearlyAfter("zz", "aa"), true);
 * ```
 */
export function runIdClearlyAfter(a: string, b: string): boolean {
  const ta = runIdTime(a);
  const tb = runIdTime(b);
  if (ta !== undefined && tb !== undefined) return ta > tb + CLOCK_SKEW_MS;
  return a > b;
}
