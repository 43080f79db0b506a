/**
 * Quarantine, kept in the repository: which fixtures a quarantine entry
 * protects today (their failures do not fail the run), which entries have
 * expired (`QUARANTINE_EXPIRED`) or match nothing (`QUARANTINE_UNMATCHED`),
 * and the refusal of a pattern that swallows the whole catalog. Pure: the
 * date comes in.
 *
 * @module
 */
import type { Diagnostic } from "../artifact/artifact.ts";
import { UserError } from "../base/errors.ts";
import type { PlacedEntry } from "../config/quarantine_file.ts";
import { matchesPattern } from "./select.ts";

/** What protects a fixture. */
export interface QuarantineMark {
  /** Why. */
  reason: string;
  /** Who fixes it. */
  owner: string;
  /** The last day it protects. */
  until: string;
}

/** The quarantine as it stands today. */
export interface QuarantineState {
  /** The fixtures protected today, by id (the first entry that matches). */
  protects: Map<string, QuarantineMark>;
  /** Expired and unmatched entries. */
  diagnostics: Diagnostic[];
}

/** Days from today to a date (negative once past), both `YYYY-MM-DD`. */
function daysBetween(today: string, until: string): number {
  return Math.round((Date.parse(`${until}T00:00:00Z`) - Date.parse(`${today}T00:00:00Z`)) / 864e5);
}

/**
 * A date as `YYYY-MM-DD`, in UTC.
 *
 * @param now The clock's time.
 * @returns The day.
 *
 * @example
 * ```ts
 * import { dayOf } from "./quarantine.ts";
 * import assert from "node:assert/strict";
 *
 * assert.equal(dayOf(new Date("2026-11-29T23:59:00Z")), "2026-11-29");
 * ```
 */
export function dayOf(now: Date): string {
  return now.toISOString().slice(0, 10);
}

/**
 * Resolves the quarantine against the catalog and today's date. An entry
 * protects the fixtures its id or pattern matches through its `until` day
 * (inclusive, UTC); after it, it protects nothing and warns
 * `QUARANTINE_EXPIRED` naming the fixtures and the owner. An entry that
 * matches no fixture warns `QUARANTINE_UNMATCHED`.
 *
 * @param entries The entries, with where each is written.
 * @param catalogIds Every fixture id of the catalog.
 * @param today Today, `YYYY-MM-DD` (UTC).
 * @returns The protected fixtures and the warnings.
 * @throws {UserError} When a pattern matches every fixture of a catalog of two or more
 * without `"all": true` (exit 2).
 *
 * @example
 * ```ts
 * import { resolveQuarantine } from "./quarantine.ts";
 * import assert from "node:assert/strict";
 *
 * const entry = { id: "api/flaky", reason: "race in login", owner: "@alice", until: "2026-12-31" };
 * const state = resolveQuarantine([{ entry, where: "smoke.jsonc: quarantine[0]" }], ["api/flaky", "b"], "2026-11-29");
 * assert.equal(state.protects.get("api/flaky")?.owner, "@alice");
 * const late = resolveQuarantine([{ entry, where: "smoke.jsonc: quarantine[0]" }], ["api/flaky", "b"], "2027-01-01");
 * assert.equal(late.protects.size, 0);
 * assert.equal(late.diagnostics[0].code, "QUARANTINE_EXPIRED");
 * ```
 */
export function resolveQuarantine(
  entries: readonly PlacedEntry[],
  catalogIds: readonly string[],
  today: string,
): QuarantineState {
  const protects = new Map<string, QuarantineMark>();
  const diagnostics: Diagnostic[] = [];
  for (const { entry, where } of entries) {
    const matched = catalogIds.filter((id) => matchesPattern(entry.id, id));
    if (
      entry.id.includes("*") && !entry.all && catalogIds.length >= 2 &&
      matched.length === catalogIds.length
    ) {
      throw new UserError(
        `Quarantine entry "${entry.id}" (${where}) matches every fixture of the catalog`,
        {
          kind: "config",
          code: "QUARANTINE_TOO_WIDE",
          hints: [
            "A quarantine that swallows the suite hides every failure. Name the flaky fixtures, or " +
            'write "all": true in the entry if that is what you mean.',
          ],
        },
      );
    }
    if (matched.length === 0) {
      diagnostics.push({
        code: "QUARANTINE_UNMATCHED",
        level: "warning",
        message: `Quarantine entry "${entry.id}" (${where}) matches no fixture`,
        hint: "Remove the entry if the fixture is gone, or fix the id (see --list).",
      });
      continue;
    }
    const days = daysBetween(today, entry.until);
    if (days < 0) {
      diagnostics.push({
        code: "QUARANTINE_EXPIRED",
        level: "warning",
        message: `Quarantine of "${entry.id}" (${where}) expired after ${entry.until}; owner ` +
          `${entry.owner} (${entry.reason}): its failures fail the run again`,
        hint: "Fix the fixture and remove the entry, or move its until date with the owner's word.",
      });
      continue;
    }
    const mark = { reason: entry.reason, owner: entry.owner, until: entry.until };
    for (const id of matched) if (!protects.has(id)) protects.set(id, mark);
  }
  return { protects, diagnostics };
}
