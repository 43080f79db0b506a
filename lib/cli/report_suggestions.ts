/**
 * The edge between `smoke report` and its suggestions: the quarantine as it
 * stands today (read through `loadQuarantine`, resolved through
 * `resolveQuarantine` over the catalog's ids and the ids the history saw),
 * and the window of runs the report read.
 *
 * @module
 */
import type { PlacedEntry } from "../config/quarantine_file.ts";
import type { ReportHistory, ReportModel } from "../html_report/history_model.ts";
import { buildSuggestions, type Suggestions } from "../html_report/suggestions.ts";
import { dayOf, resolveQuarantine } from "../selection/quarantine.ts";

/** What the suggestions need beyond the history. */
export interface SuggestOptions {
  /** The quarantine entries, each with where it is written. */
  quarantine: readonly PlacedEntry[];
  /** The catalog's ids, when the catalog could be read (else empty). */
  catalogIds: readonly string[];
}

/**
 * The report's suggestions from its model, the history it read and the
 * quarantine. A fixture is left out of the candidates when an entry protects
 * it today; the ids matched are the catalog's and those the history saw (a
 * broken catalog still leaves quarantined fixtures out).
 *
 * @param model The report's view model (its grid).
 * @param history The runs read.
 * @param options The window, the clock, the quarantine and the catalog's ids.
 * @returns The suggestions.
 * @throws {UserError} When a quarantine pattern matches the whole catalog without `all` (exit 2).
 *
 * @example
 * ```ts
 * import { reportSuggestions } from "./report_suggestions.ts";
 * import assert from "node:assert/strict";
 *
 * const model = { grid: [{ id: "a", flips: 3, observed: 4, score: 1 }] } as never;
 * const entry = { id: "a", reason: "race", owner: "@alice", until: "2999-01-01" };
 * const s = reportSuggestions(model, { runs: [] }, {
 *   last: 50, now: new Date(), catalogIds: ["a", "b"],
 *   quarantine: [{ entry, where: "smoke.jsonc: quarantine[0]" }],
 * });
 * assert.deepEqual(s.candidates, []);
 * assert.equal(s.quarantine[0].owner, "@alice");
 * ```
 */
export function reportSuggestions(
  model: Pick<ReportModel, "grid" | "totalRuns">,
  history: Pick<ReportHistory, "runs">,
  options: SuggestOptions & { last: number; now: Date },
): Suggestions {
  const ids = [...new Set([...options.catalogIds, ...model.grid.map((row) => row.id)])].sort();
  const { protects } = resolveQuarantine(options.quarantine, ids, dayOf(options.now));
  return buildSuggestions({
    grid: model.grid,
    runs: history.runs,
    last: options.last,
    ...(model.totalRuns !== undefined ? { totalRuns: model.totalRuns } : {}),
    now: options.now,
    quarantine: { entries: options.quarantine, protects: new Set(protects.keys()) },
  });
}
