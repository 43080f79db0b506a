/**
 * Fixtures that never started because something else kept them: which they
 * are (the one rule every output uses), and the failure message of those a
 * service kept, written by the run and read back by the summaries (a run's
 * and a merge's), in one place.
 *
 * @module
 */

import { SERVICE_NAME_PATTERN } from "./artifact_format.ts";

/** The message, with the service name (a valid one only) as its one group. */
const SERVICE_NOT_READY = new RegExp(
  `^Not run: service "(${SERVICE_NAME_PATTERN.source.slice(1, -1)})" was not ready$`,
);

/**
 * The failure message of the fixtures a service that was not ready kept from
 * starting.
 *
 * @param service The service's name.
 * @returns E.g. `Not run: service "api" was not ready`.
 *
 * @example
 * ```ts
 * import { serviceNotReadyMessage } from "./not_run.ts";
 * import assert from "node:assert/strict";
 *
 * assert.equal(serviceNotReadyMessage("api"), 'Not run: service "api" was not ready');
 * ```
 */
export function serviceNotReadyMessage(service: string): string {
  return `Not run: service "${service}" was not ready`;
}

/**
 * The service named by a {@linkcode serviceNotReadyMessage}, read back from
 * an artifact (untrusted: only a valid service name is taken).
 *
 * @param message A not-run fixture's failure message.
 * @returns The service's name, or undefined for any other message.
 *
 * @example
 * ```ts
 * import { notReadyService, serviceNotReadyMessage } from "./not_run.ts";
 * import assert from "node:assert/strict";
 *
 * assert.equal(notReadyService(serviceNotReadyMessage("api")), "api");
 * assert.equal(notReadyService("Not run: the run started no more fixtures"), undefined);
 * ```
 */
export function notReadyService(message: string): string | undefined {
  return SERVICE_NOT_READY.exec(message)?.[1];
}

/**
 * Whether a result is a fixture something else kept from starting: failed in
 * the artifact (owed) but with no failure of its own, because the failure
 * limit or a service not ready kept it (`not-run`) or a need did not pass
 * (`blocked`). Outputs count these apart and give them no failure entry.
 *
 * @param result The fixture's result (its status and failure kind).
 * @returns True for a `not-run` or `blocked` failure.
 *
 * @example
 * ```ts
 * import { keptFromStarting } from "./not_run.ts";
 * import assert from "node:assert/strict";
 *
 * assert.equal(keptFromStarting({ status: "failed", failure: { kind: "blocked" } }), true);
 * assert.equal(keptFromStarting({ status: "failed", failure: { kind: "exit-code" } }), false);
 * ```
 */
export function keptFromStarting(
  result: { status: string; failure?: { kind: string } | undefined },
): boolean {
  const kind = result.failure?.kind;
  return result.status === "failed" && (kind === "not-run" || kind === "blocked");
}

/**
 * Of a combined verdict's failed, how many never started, from the suite's
 * outstanding entries (kinds `blocked` and `not-run`): what a summary counts
 * apart from failures. Never more than the combined failures leave room for
 * (outstanding fixtures no longer in the catalog are not in the combined
 * counts; the not-run ones are taken out first).
 *
 * @param outstanding The suite's outstanding entries.
 * @param combined The combined counts: failed, and quarantined failures.
 * @returns The counts.
 *
 * @example
 * ```ts
 * import { owedUnstarted } from "./not_run.ts";
 * import assert from "node:assert/strict";
 *
 * const owed = [{ kind: "exit-code" }, { kind: "not-run" }, { kind: "not-run" }, { kind: "blocked" }];
 * assert.deepEqual(owedUnstarted(owed, { failed: 4 }), { blocked: 1, notRun: 2 });
 * assert.deepEqual(owedUnstarted(owed, { failed: 2 }), { blocked: 1, notRun: 1 });
 * ```
 */
export function owedUnstarted(
  outstanding: readonly { kind: string }[],
  combined: { failed: number; quarantined?: number },
): { blocked: number; notRun: number } {
  const room = Math.max(0, combined.failed - (combined.quarantined ?? 0));
  const blocked = Math.min(room, outstanding.filter((e) => e.kind === "blocked").length);
  const notRun = Math.min(
    room - blocked,
    outstanding.filter((e) => e.kind === "not-run").length,
  );
  return { blocked, notRun };
}

/**
 * Why an owed fixture is owed when it did not fail on its own, as the
 * summaries mark it: its run stopped it (`unfinished`), it was kept from
 * starting (`not run`), or a need of it did not pass (`blocked`).
 *
 * @param kind The outstanding entry's failure kind.
 * @returns The mark, or undefined for a failure of its own.
 *
 * @example
 * ```ts
 * import { owedMark } from "./not_run.ts";
 * import assert from "node:assert/strict";
 *
 * assert.equal(owedMark("not-run"), "not run");
 * assert.equal(owedMark("exit-code"), undefined);
 * ```
 */
export function owedMark(kind: string): "unfinished" | "not run" | "blocked" | undefined {
  return kind === "interrupted"
    ? "unfinished"
    : kind === "not-run"
    ? "not run"
    : kind === "blocked"
    ? "blocked"
    : undefined;
}

/**
 * Whether an interrupt stopped a fixture before it gave a result of its own:
 * its failure is `interrupted`, it had no earlier attempt (a retry comes only
 * after a failure), and under `--repeat` no earlier run failed. Such a result
 * is no outcome and no duration; an interrupted retry, or an interrupted
 * repeat with a failed run, still carries that failure.
 *
 * @param result The fixture's result.
 * @returns True when the interrupt is all there is to it.
 *
 * @example
 * ```ts
 * import { interruptedWithoutResult } from "./not_run.ts";
 * import assert from "node:assert/strict";
 *
 * const cut = { attempts: 1, failure: { kind: "interrupted" } };
 * assert.equal(interruptedWithoutResult(cut), true);
 * assert.equal(interruptedWithoutResult({ ...cut, attempts: 2 }), false);
 * assert.equal(interruptedWithoutResult({ ...cut, repeat: { outcomes: "PFI" } }), false);
 * assert.equal(interruptedWithoutResult({ attempts: 1, failure: { kind: "exit-code" } }), false);
 * ```
 */
export function interruptedWithoutResult(result: {
  attempts: number;
  failure?: { kind: string };
  repeat?: { outcomes: string };
}): boolean {
  return result.failure?.kind === "interrupted" && result.attempts <= 1 &&
    !(result.repeat?.outcomes.includes("F") ?? false);
}

/**
 * Whether a run was cut short: a fixture an interrupt stopped, or one the failure limit or a
 * service not ready kept from starting. Such a run measured too little to split by: it never
 * counts as a full run that drops the shared split timings.
 *
 * @param fixtures The run's results.
 * @returns True when any was interrupted or not run.
 *
 * @example
 * ```ts
 * import { cutShort } from "./not_run.ts";
 * import assert from "node:assert/strict";
 *
 * assert.equal(cutShort([{ failure: { kind: "not-run" } }, {}]), true);
 * assert.equal(cutShort([{ failure: { kind: "exit-code" } }]), false);
 * ```
 */
export function cutShort(fixtures: readonly { failure?: { kind: string } }[]): boolean {
  return fixtures.some((f) => f.failure?.kind === "interrupted" || f.failure?.kind === "not-run");
}
