/**
 * Blocked fixtures: those that never started because a fixture they need
 * did not pass in the run (failed, kind `blocked`, with `blockedBy`). They
 * are owed and fail the run, but they have no failure of their own, so the
 * reporters show them grouped by the need that blocked them rather than as
 * failures. Pure; used by the console, JUnit, GitHub and HTML reporters.
 *
 * @module
 */
import { idList } from "../base/id_list.ts";
import { interruptedWithoutResult } from "./not_run.ts";

/** What the functions here read of a fixture's result. */
export interface BlockedInput {
  /** The fixture id. */
  id: string;
  /** Its status. */
  status: "passed" | "failed" | "skipped";
  /** Why it failed. */
  failure?: { kind: string; message: string } | undefined;
  /** The need that blocked it. */
  blockedBy?: string | undefined;
  /** Attempts made (a need stopped in its retry had a result: its first attempt's failure). */
  attempts?: number;
  /** Under `--repeat`, each run's outcome. */
  repeat?: { outcomes: string } | undefined;
}

/** The fixtures one need blocked. */
export interface BlockedGroup {
  /** The need that did not pass. */
  by: string;
  /** How it ended: `failed`, `skipped`, `not run`, `blocked by <id>`, or `did not pass`. */
  ended: string;
  /** The fixtures it blocked, in the order given. */
  ids: string[];
}

/**
 * Whether a fixture was blocked by a need that did not pass.
 *
 * @param result The fixture's result.
 * @returns True for a failed fixture of kind `blocked`.
 *
 * @example
 * ```ts
 * import { isBlocked } from "./blocked.ts";
 * import assert from "node:assert/strict";
 *
 * const failure = { kind: "blocked", message: 'Blocked by setup/db: it needs "setup/db", which failed' };
 * assert.equal(isBlocked({ id: "a", status: "failed", failure, blockedBy: "setup/db" }), true);
 * assert.equal(isBlocked({ id: "a", status: "failed", failure: { kind: "exit-code", message: "" } }), false);
 * ```
 */
export function isBlocked(result: BlockedInput): boolean {
  return result.status === "failed" && result.failure?.kind === "blocked";
}

/**
 * The need that blocked a fixture: `blockedBy`, or, in an artifact written
 * without it, the id named by the message (`Blocked by <id>: ...`).
 *
 * @param result A blocked fixture's result.
 * @returns The need's id, or `a need` when neither says.
 *
 * @example
 * ```ts
 * import { blockedBy } from "./blocked.ts";
 * import assert from "node:assert/strict";
 *
 * const failure = { kind: "blocked", message: 'Blocked by setup/db: it needs "setup/db", which failed' };
 * assert.equal(blockedBy({ id: "a", status: "failed", failure }), "setup/db");
 * ```
 */
export function blockedBy(result: BlockedInput): string {
  return result.blockedBy ?? /^Blocked by (\S+?):/.exec(result.failure?.message ?? "")?.[1] ??
    "a need";
}

/** How a need ended, in words, from its own result in the same run. */
function endedOf(need: BlockedInput | undefined): string {
  if (!need) return "did not pass";
  if (isBlocked(need)) return `blocked by ${blockedBy(need)}`;
  if (need.status === "skipped") return "skipped";
  if (need.failure?.kind === "not-run") return "not run";
  // Stopped by a signal before it had a result (as the needs gate judges it): not a failure.
  if (interruptedWithoutResult({ ...need, attempts: need.attempts ?? 1 })) return "interrupted";
  if (need.status === "failed") return "failed";
  return "did not pass";
}

/**
 * Groups the blocked fixtures of a run by the need that blocked them, in the
 * order the needs first appear, each with how the need ended (read from the
 * need's own result in `results`).
 *
 * @param results Every fixture's result of one run.
 * @returns One group per blocking need (empty when nothing was blocked), the
 * needs that did not pass on their own first, then those they blocked.
 *
 * @example
 * ```ts
 * import { groupBlocked } from "./blocked.ts";
 * import assert from "node:assert/strict";
 *
 * const blocked = (id: string, by: string) => ({
 *   id, status: "failed" as const, blockedBy: by,
 *   failure: { kind: "blocked", message: `Blocked by ${by}: it needs "${by}", which failed` },
 * });
 * const setup = { id: "setup/db", status: "failed" as const, failure: { kind: "exit-code", message: "Exited with code 1" } };
 * assert.deepEqual(
 *   groupBlocked([setup, blocked("api/orders", "setup/db"), blocked("api/users", "setup/db")]),
 *   [{ by: "setup/db", ended: "failed", ids: ["api/orders", "api/users"] }],
 * );
 * ```
 */
export function groupBlocked(results: readonly BlockedInput[]): BlockedGroup[] {
  const byId = new Map(results.map((r) => [r.id, r]));
  const groups = new Map<string, BlockedGroup>();
  for (const result of results) {
    if (!isBlocked(result)) continue;
    const by = blockedBy(result);
    let group = groups.get(by);
    if (!group) groups.set(by, group = { by, ended: endedOf(byId.get(by)), ids: [] });
    group.ids.push(result.id);
  }
  // The cause first: a need that failed before a need it blocked in turn (stable otherwise).
  // Each fixture's depth once, walking up a chain only as far as a depth known (untrusted
  // results may loop: a step past every result is the end).
  const depths = new Map<string, number>();
  const depth = (id: string): number => {
    const chain: string[] = [];
    let known = 0;
    for (let at = id; chain.length <= byId.size; at = blockedBy(byId.get(at)!)) {
      const seen = depths.get(at);
      if (seen !== undefined) {
        known = seen;
        break;
      }
      const result = byId.get(at);
      if (!result || !isBlocked(result)) break;
      chain.push(at);
    }
    chain.reverse().forEach((at, k) => depths.set(at, known + k + 1));
    if (!depths.has(id)) depths.set(id, known);
    return depths.get(id)!;
  };
  for (const by of groups.keys()) depth(by);
  return [...groups.values()].sort((a, b) => depths.get(a.by)! - depths.get(b.by)!);
}

/**
 * One line for a group: `Blocked by setup/db (failed): api/orders, api/users`,
 * the ids capped as `idList` caps them.
 *
 * @param group The group.
 * @returns The line.
 *
 * @example
 * ```ts
 * import { blockedGroupLine } from "./blocked.ts";
 * import assert from "node:assert/strict";
 *
 * assert.equal(
 *   blockedGroupLine({ by: "setup/db", ended: "failed", ids: ["api/orders", "api/users"] }),
 *   "Blocked by setup/db (failed): api/orders, api/users",
 * );
 * ```
 */
export function blockedGroupLine(group: BlockedGroup): string {
  return `Blocked by ${group.by} (${group.ended}): ${idList(group.ids)}`;
}
