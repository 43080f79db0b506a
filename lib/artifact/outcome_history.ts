/**
 * Each fixture's newest outcomes, kept cheaply in the durations summary
 * (`durations.json`, key `outcomes`): a string of at most
 * {@linkcode MAX_OUTCOMES} letters, newest first, `P` passed and `F` failed
 * (skipped and not-started fixtures are not recorded). From it, a fixture's
 * flip rate: how often its outcome changed from one run to the next.
 *
 * @module
 */

/** Outcomes kept per fixture, newest first. */
export const MAX_OUTCOMES = 10;

/** A valid outcome string: 1 to {@linkcode MAX_OUTCOMES} letters `P` or `F`. */
const OUTCOMES_PATTERN = /^[PF]{1,10}$/;

/** How often a fixture's outcome changed. */
export interface FlipRate {
  /** Changes between consecutive recorded runs (pass to fail or fail to pass). */
  flips: number;
  /** Recorded runs. */
  runs: number;
}

/**
 * Counts the flips of an outcome string: each pair of consecutive outcomes
 * that differ. Letters other than `P` and `F` are left out.
 *
 * @param outcomes Outcomes, newest first (`P` passed, `F` failed).
 * @returns The flips and the runs they are counted over.
 *
 * @example
 * ```ts
 * import { flipRate } from "./outcome_history.ts";
 * import assert from "node:assert/strict";
 *
 * assert.deepEqual(flipRate("PFPPF"), { flips: 3, runs: 5 });
 * assert.deepEqual(flipRate(""), { flips: 0, runs: 0 });
 * ```
 */
export function flipRate(outcomes: string): FlipRate {
  let flips = 0;
  let runs = 0;
  let previous = "";
  for (const outcome of outcomes) {
    if (outcome !== "P" && outcome !== "F") continue;
    if (previous && outcome !== previous) flips++;
    previous = outcome;
    runs++;
  }
  return { flips, runs };
}

/**
 * An outcome string after one more run: the new outcome first, at most
 * {@linkcode MAX_OUTCOMES} kept.
 *
 * @param before The outcomes so far (undefined: none).
 * @param status How the fixture ended in the new run.
 * @returns The new outcome string.
 *
 * @example
 * ```ts
 * import { addOutcome } from "./outcome_history.ts";
 * import assert from "node:assert/strict";
 *
 * assert.equal(addOutcome("FPP", "passed"), "PFPP");
 * assert.equal(addOutcome(undefined, "failed"), "F");
 * ```
 */
export function addOutcome(before: string | undefined, status: "passed" | "failed"): string {
  return `${status === "passed" ? "P" : "F"}${before ?? ""}`.slice(0, MAX_OUTCOMES);
}

/**
 * Reads the `outcomes` record of an untrusted summary: only ids that pass
 * `validId` and strings of `P` and `F` are kept (a longer string is cut to
 * its newest {@linkcode MAX_OUTCOMES}).
 *
 * @param value The record as parsed.
 * @param validId Whether an id is a fixture id.
 * @returns The outcomes by id (empty when the record is missing or malformed).
 *
 * @example
 * ```ts
 * import { parseOutcomes } from "./outcome_history.ts";
 * import assert from "node:assert/strict";
 *
 * const parsed = parseOutcomes({ a: "PF", b: "PX", c: 3 }, (id) => id !== "c");
 * assert.deepEqual([...parsed], [["a", "PF"]]);
 * assert.equal(parseOutcomes(undefined, () => true).size, 0);
 * ```
 */
export function parseOutcomes(
  value: unknown,
  validId: (id: string) => boolean,
): Map<string, string> {
  const outcomes = new Map<string, string>();
  if (typeof value !== "object" || value === null || Array.isArray(value)) return outcomes;
  for (const [id, text] of Object.entries(value)) {
    if (!validId(id) || typeof text !== "string") continue;
    const newest = text.slice(0, MAX_OUTCOMES);
    if (OUTCOMES_PATTERN.test(newest)) outcomes.set(id, newest);
  }
  return outcomes;
}

/** From how many flips a recovery is called likely flaky: as `smoke report`'s candidates (2+). */
const LIKELY_FLAKY_FLIPS = 2;

/**
 * The note a rerun's recovery of an unchanged fixture gets: a pass of a check
 * whose files did not change since it failed is a flake, or a fix outside its
 * files (the environment). It is called likely flaky once it flipped at least
 * twice in its recorded runs (this recovery is one flip), as `smoke report`
 * names candidates.
 *
 * @param id The fixture id.
 * @param outcomes Its newest outcomes (this run's first), when on record.
 * @returns E.g. `api/b passed unchanged: likely flaky, it flipped 4 times in its last 10 runs`.
 *
 * @example
 * ```ts
 * import { unchangedRecoveryNote } from "./outcome_history.ts";
 * import assert from "node:assert/strict";
 *
 * assert.equal(
 *   unchangedRecoveryNote("api/b", "PFPPF"),
 *   "api/b passed unchanged: likely flaky, it flipped 3 times in its last 5 runs",
 * );
 * assert.equal(
 *   unchangedRecoveryNote("api/b", "PFFF"),
 *   "api/b passed unchanged: a flake or a fix outside its files, its first flip in its last 4 runs",
 * );
 * assert.equal(
 *   unchangedRecoveryNote("api/b", undefined),
 *   "api/b passed unchanged: a flake or a fix outside its files",
 * );
 * ```
 */
export function unchangedRecoveryNote(id: string, outcomes: string | undefined): string {
  const { flips, runs } = flipRate(outcomes ?? "");
  if (flips >= LIKELY_FLAKY_FLIPS) {
    return `${id} passed unchanged: likely flaky, it flipped ${flips} times in its last ${runs} runs`;
  }
  const first = flips === 1 ? `, its first flip in its last ${runs} runs` : "";
  return `${id} passed unchanged: a flake or a fix outside its files${first}`;
}
