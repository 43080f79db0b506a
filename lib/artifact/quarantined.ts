/**
 * Quarantined failures: fixtures that ran and failed while a quarantine
 * entry protected them (`quarantined: {reason, owner, until}` on the result).
 * They are owed but do not fail the run, so the machine-read outputs (JUnit,
 * GitHub, the HTML report) show them apart from the failures, with who owns
 * them and until when. Pure; one place for what counts as one and how its
 * quarantine reads.
 *
 * @module
 */
import { keptFromStarting } from "./not_run.ts";

/** A result's quarantine: why, who owns it, and the last day it protects. */
export interface Quarantine {
  /** Why the fixture is quarantined. */
  reason: string;
  /** Who owns the fix. */
  owner: string;
  /** The last day it protects the fixture (`YYYY-MM-DD`). */
  until: string;
}

/** What {@linkcode isQuarantinedFailure} reads of a fixture's result. */
export interface QuarantinedInput {
  /** Its status. */
  status: "passed" | "failed" | "skipped";
  /** Why it failed. */
  failure?: { kind: string; message: string } | undefined;
  /** The quarantine entry that protects it, when one does. */
  quarantined?: Quarantine | undefined;
}

/**
 * Whether a result is a quarantined failure: it ran, failed, and a
 * quarantine entry protects it. A fixture that never started (kind
 * `not-run` or `blocked`) is not one: the run records no quarantine on it.
 *
 * @param result The fixture's result.
 * @returns The quarantine when it is a quarantined failure, else undefined.
 *
 * @example
 * ```ts
 * import { quarantinedFailure } from "./quarantined.ts";
 * import assert from "node:assert/strict";
 *
 * const quarantined = { reason: "races", owner: "@alice", until: "2026-12-31" };
 * const failure = { kind: "exit-code", message: "Exited with code 1, expected 0" };
 * assert.deepEqual(quarantinedFailure({ status: "failed", failure, quarantined }), quarantined);
 * assert.equal(quarantinedFailure({ status: "passed", quarantined }), undefined);
 * assert.equal(quarantinedFailure({ status: "failed", failure }), undefined);
 * ```
 */
export function quarantinedFailure(result: QuarantinedInput): Quarantine | undefined {
  return isQuarantinedFailure(result) ? result.quarantined : undefined;
}

/**
 * Whether a result is a quarantined failure (see {@linkcode quarantinedFailure}):
 * the one rule the verdict (`summarize`) and every report count by. A suite
 * entry may mark its quarantine with `true` alone.
 *
 * @param result The fixture's result, or a suite entry.
 * @returns True for a failed, quarantined fixture that ran.
 *
 * @example
 * ```ts
 * import { isQuarantinedFailure } from "./quarantined.ts";
 * import assert from "node:assert/strict";
 *
 * const quarantined = { reason: "races", owner: "@alice", until: "2026-12-31" };
 * assert.equal(isQuarantinedFailure({ status: "failed", quarantined }), true);
 * assert.equal(isQuarantinedFailure({ status: "skipped", quarantined }), false);
 * ```
 */
export function isQuarantinedFailure(
  result: Omit<QuarantinedInput, "quarantined"> & { quarantined?: unknown },
): boolean {
  return result.status === "failed" && !!result.quarantined && !keptFromStarting(result);
}

/**
 * A quarantine in one line, as JUnit's `<skipped message>` and the HTML
 * badge's title say it: `quarantined until 2026-12-31 (@alice): reason`.
 *
 * @param quarantine The result's quarantine.
 * @returns The line.
 *
 * @example
 * ```ts
 * import { quarantineLine } from "./quarantined.ts";
 * import assert from "node:assert/strict";
 *
 * assert.equal(
 *   quarantineLine({ reason: "login races", owner: "@alice", until: "2026-12-31" }),
 *   "quarantined until 2026-12-31 (@alice): login races",
 * );
 * ```
 */
export function quarantineLine(quarantine: Quarantine): string {
  return `quarantined until ${quarantine.until} (${quarantine.owner}): ${quarantine.reason}`;
}
