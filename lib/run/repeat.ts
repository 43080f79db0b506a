/**
 * Flake hunting (`--repeat N`): one fixture's N runs, one after another, and
 * the fold of their ends into the one result the artifact keeps per fixture.
 * The fold and the verdict are pure; {@linkcode repeatRuns} only loops.
 *
 * @module
 */
import type { FixtureResult } from "../artifact/artifact.ts";
import type { FixtureEnd } from "./events.ts";

/** What a fixture's repeated runs came to, as the artifact records it. */
export type RepeatRecord = NonNullable<FixtureResult["repeat"]>;

/**
 * How one run ended: `P` passed on its first attempt, `R` passed on a retry,
 * `F` failed, `I` interrupted.
 */
export type RunLetter = "P" | "R" | "F" | "I";

/**
 * A fixture's verdict over its runs: `steady pass` (every run passed on its
 * first attempt), `steady fail` (no run passed), `flaky` (the rest), or
 * `interrupted` (an interrupt stopped its runs: the evidence is incomplete).
 */
export type RepeatVerdict = "steady pass" | "steady fail" | "flaky" | "interrupted";

/**
 * The letter of one run's end.
 *
 * @param result The run's result.
 * @returns `P`, `R`, `F` or `I`.
 *
 * @example
 * ```ts
 * import { runLetter } from "./repeat.ts";
 * import assert from "node:assert/strict";
 *
 * const base = { id: "a", durationMs: 1, exitCode: 0, signal: null, timedOut: false };
 * assert.equal(runLetter({ ...base, status: "passed", attempts: 2, flaky: true }), "R");
 * assert.equal(
 *   runLetter({ ...base, status: "failed", attempts: 1, failure: { kind: "interrupted", message: "" } }),
 *   "I",
 * );
 * ```
 */
export function runLetter(result: FixtureResult): RunLetter {
  if (result.status === "passed") return result.attempts > 1 ? "R" : "P";
  return result.failure?.kind === "interrupted" ? "I" : "F";
}

/**
 * Folds one fixture's runs into its result. It passed only if every one of
 * the `times` runs passed; otherwise it failed with the failure of the first
 * failed run, its message prefixed `Failed k of N runs: `. An interrupted run,
 * or runs cut short (fewer ends than `times`), make it interrupted. Its
 * duration is the mean of its runs; `repeat` records every run's letter.
 * A skipped fixture is returned as it is.
 *
 * @param ends The runs' ends, in order (at least one).
 * @param times How many runs were asked for (`--repeat N`).
 * @returns The fixture's one end.
 *
 * @example
 * ```ts
 * import { foldRuns } from "./repeat.ts";
 * import assert from "node:assert/strict";
 *
 * const base = { id: "a", durationMs: 10, attempts: 1, signal: null, timedOut: false };
 * const pass = { result: { ...base, status: "passed" as const, exitCode: 0 }, failedAttempts: [], outputLeaked: false };
 * const fail = {
 *   result: { ...base, status: "failed" as const, exitCode: 1, failure: { kind: "exit-code" as const, message: "Exited with code 1, expected 0" } },
 *   failedAttempts: [], outputLeaked: false,
 * };
 * const { result } = foldRuns([pass, fail, pass, fail], 4);
 * assert.equal(result.status, "failed");
 * assert.equal(result.failure?.message, "Failed 2 of 4 runs: Exited with code 1, expected 0");
 * assert.deepEqual(result.repeat, { runs: 4, passed: 2, firstAttemptPassed: 2, outcomes: "PFPF" });
 * ```
 */
export function foldRuns(ends: readonly FixtureEnd[], times: number): FixtureEnd {
  if (ends.length === 0) throw new RangeError("foldRuns() needs at least one run");
  if (ends[0].result.status === "skipped") return ends[0];
  const letters = ends.map((end) => runLetter(end.result));
  const outcomes = letters.join("");
  const passed = letters.filter((l) => l === "P" || l === "R").length;
  const failed = letters.filter((l) => l === "F").length;
  const repeat: RepeatRecord = {
    runs: times,
    passed,
    firstAttemptPassed: letters.filter((l) => l === "P").length,
    outcomes,
  };
  const durationMs = Math.round(
    ends.reduce((sum, end) => sum + end.result.durationMs, 0) / ends.length,
  );
  const outputLeaked = ends.some((end) => end.outputLeaked);
  const cut = ends.length < times;
  // Which run speaks for the fixture: the interrupted one, else (runs cut short) the last, else
  // the first failure, else the last pass on a retry (so `flaky` and `attempts` agree), else
  // the last run.
  const at = letters.includes("I")
    ? letters.indexOf("I")
    : cut
    ? ends.length - 1
    : failed
    ? letters.indexOf("F")
    : letters.includes("R")
    ? letters.lastIndexOf("R")
    : ends.length - 1;
  const speaker = ends[at];
  const base = speaker.result;
  let result: FixtureResult = base;
  if (cut && letters[at] !== "I") {
    // An interrupt between runs stopped the rest: the fixture did not finish.
    const { flaky: _flaky, ...rest } = base;
    result = {
      ...rest,
      status: "failed",
      failure: {
        kind: "interrupted",
        message: `Interrupted after ${ends.length} of ${times} runs` +
          (failed ? ` (${failed} failed)` : ""),
      },
    };
  } else if (letters[at] === "F") {
    result = {
      ...base,
      failure: {
        kind: base.failure!.kind,
        message: `Failed ${failed} of ${times} runs: ${base.failure!.message}`,
      },
    };
  }
  return {
    ...speaker,
    result: { ...result, durationMs, repeat },
    outputLeaked,
  };
}

/**
 * The verdict over a fixture's runs.
 *
 * @param repeat The fixture's `repeat` record.
 * @returns `steady pass`, `steady fail`, `flaky`, or `interrupted` when its runs were stopped.
 *
 * @example
 * ```ts
 * import { repeatVerdict } from "./repeat.ts";
 * import assert from "node:assert/strict";
 *
 * assert.equal(repeatVerdict({ runs: 3, passed: 3, firstAttemptPassed: 3, outcomes: "PPP" }), "steady pass");
 * assert.equal(repeatVerdict({ runs: 3, passed: 3, firstAttemptPassed: 2, outcomes: "PRP" }), "flaky");
 * assert.equal(repeatVerdict({ runs: 3, passed: 0, firstAttemptPassed: 0, outcomes: "FFF" }), "steady fail");
 * assert.equal(repeatVerdict({ runs: 3, passed: 1, firstAttemptPassed: 1, outcomes: "PI" }), "interrupted");
 * ```
 */
export function repeatVerdict(repeat: RepeatRecord): RepeatVerdict {
  if (repeat.outcomes.includes("I") || repeat.outcomes.length < repeat.runs) return "interrupted";
  if (repeat.firstAttemptPassed === repeat.runs) return "steady pass";
  if (repeat.passed === 0) return "steady fail";
  return "flaky";
}

/** What {@linkcode repeatRuns} needs. */
export interface RepeatOptions {
  /** How many runs (`--repeat N`). */
  times: number;
  /** The run's interrupt: once aborted, no further run starts. */
  signal: AbortSignal;
}

/**
 * Runs one fixture `times` times, one run after another (never two at once),
 * and folds the ends (see {@linkcode foldRuns}). A skipped fixture runs
 * once; an interrupt stops the remaining runs.
 *
 * @param options How many runs, and the interrupt.
 * @param runOnce Runs the fixture once (its attempts, retries included).
 * @returns The fixture's one end.
 *
 * @example
 * ```ts
 * import { repeatRuns } from "./repeat.ts";
 * import assert from "node:assert/strict";
 *
 * let runs = 0;
 * const end = await repeatRuns({ times: 3, signal: new AbortController().signal }, () => {
 *   runs++;
 *   const result = {
 *     id: "a", status: "passed" as const, durationMs: 2, attempts: 1, exitCode: 0, signal: null,
 *     timedOut: false,
 *   };
 *   return Promise.resolve({ result, failedAttempts: [], outputLeaked: false });
 * });
 * assert.equal(runs, 3);
 * assert.equal(end.result.repeat?.outcomes, "PPP");
 * ```
 */
export async function repeatRuns(
  options: RepeatOptions,
  runOnce: () => Promise<FixtureEnd>,
): Promise<FixtureEnd> {
  const ends: FixtureEnd[] = [];
  for (let run = 1; run <= options.times; run++) {
    const end = await runOnce();
    ends.push(end);
    if (end.result.status === "skipped" || options.signal.aborted) break;
  }
  return foldRuns(ends, options.times);
}
