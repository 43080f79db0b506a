/**
 * What a resolved selection looks like to the user before anything runs: the
 * dry-run listing, and the lines a rerun starts with. Pure: lines in, nothing
 * written.
 *
 * @module
 */
import { displayName, resultLine } from "../base/safe_output.ts";
import { skippedAnyway } from "../catalog/needs.ts";
import { shellQuote } from "./plan.ts";
import { idList } from "../base/id_list.ts";
import { expectedLine, type Schedule, startOrderLine } from "./schedule.ts";
import { shardPlanLine } from "./shard_plan_lines.ts";
import type { Selection } from "./resolve_selection.ts";

/**
 * The dry-run listing: each selected fixture (with the failure kind it had,
 * for a rerun), its exact command line, working directory and limits.
 *
 * @param selection The resolved selection.
 * @param cwd The working directory, shown as `.`.
 * @param schedule The start order and expected durations, when known (see `durations.ts`).
 * @returns The lines, ending with `RESULT: pass` (marked as smoke's own, see {@linkcode resultLine}).
 *
 * @example
 * ```ts
 * import { renderDryRun } from "./render_dry_run.ts";
 * import { resultLine } from "../base/safe_output.ts";
 * import assert from "node:assert/strict";
 *
 * const lines = renderDryRun({ planned: [], mode: "full", diagnostics: [] }, "/p");
 * assert.deepEqual(lines, ["Dry run: 0 fixtures would run; nothing was run or written.", resultLine("pass")]);
 * ```
 */
export function renderDryRun(selection: Selection, cwd: string, schedule?: Schedule): string[] {
  // A rerun says first what it reruns and what changed since.
  const lines: string[] = [...renderRerunPlan(selection, { dryRun: true })];
  const kinds = new Map(selection.rerun?.failed.map((f) => [f.id, f.kind]) ?? []);
  const changed = new Set(selection.changes?.changed);
  const unchanged = new Set(selection.changes?.unchanged);
  // What the run skips whatever happens, and why: its manifest, or a need so skipped.
  const skips = skippedAnyway(selection.planned.map((p) => p.fixture));
  for (const p of selection.planned) {
    const id = p.fixture.id;
    const kind = kinds.get(id);
    const change = changed.has(id)
      ? ", changed since"
      : unchanged.has(id)
      ? ", unchanged since"
      : "";
    // What a manifest wrote is shown on one line: a newline in it cannot start a line of its own.
    const reason = skips.get(id);
    const skip = reason !== undefined ? `  (skip: ${displayName(reason)})` : "";
    const why = selection.pulledIn?.get(id);
    const pulled = why ? `  (pulled in: ${why})` : "";
    lines.push(`${id}${kind ? `  (failed: ${kind}${change})` : ""}${skip}${pulled}`);
    if (p.fixture.description) lines.push(`  description: ${displayName(p.fixture.description)}`);
    if (p.fixture.needs.length) lines.push(`  needs: ${p.fixture.needs.join(", ")}`);
    if (p.fixture.teardown) {
      lines.push(
        p.fixture.needs.length
          ? "  teardown: runs after what needs its needs, and after their teardowns"
          : "  teardown: runs after every other fixture",
      );
    }
    if (p.fixture.tags.length) lines.push(`  tags: ${p.fixture.tags.join(", ")}`);
    lines.push(`  ${shellQuote(p.argv)}`);
    lines.push(
      `  cwd: ${p.cwd === cwd ? "." : displayName(p.cwd)}, timeout: ${p.timeoutMs}ms, ` +
        `retries: ${p.retries}`,
    );
    const expected = schedule && expectedLine(schedule, p);
    if (expected) lines.push(expected);
  }
  const order = schedule && startOrderLine(schedule, selection.planned, skips);
  if (order) lines.push(order);
  if (selection.shardPlan) lines.push(shardPlanLine(selection.shardPlan));
  // Two sources of durations in one listing: say which figures come from which.
  // The runner's own directory has no history yet (none asked for id order, none unreadable):
  // its start order is not the timings'.
  const noHistoryYet = schedule !== undefined && schedule.read?.samples === undefined &&
    schedule.read?.problem === undefined && schedule.askedIn === undefined;
  if (selection.shardPlan?.timingsGiven && (schedule?.estimates || noHistoryYet)) {
    lines.push(
      schedule?.estimates
        ? `The expected durations and the start order are from the artifact directory's ` +
          `durations.json; the shard totals from ${selection.shardPlan.source}.`
        : `The shard totals are from ${selection.shardPlan.source}; the start order is from the ` +
          "artifact directory's durations.json, which has no durations yet.",
    );
  }
  // The same file, two readings: the newest durations, and those the splits keep.
  if (selection.shardPlan?.timingsShared && schedule?.estimates) {
    lines.push(
      "The expected durations and the start order are from the newest durations; the shard " +
        "totals from the timings kept for the splits until a full run (a split takes newer " +
        "durations only after it).",
    );
  }
  const skipped = skips.size;
  const n = selection.planned.length - skipped;
  const verb = selection.rerun ? "rerun" : "run";
  const shard = selection.shard
    ? ` in shard ${selection.shard.index}/${selection.shard.total}`
    : "";
  lines.push(
    `Dry run: ${n} fixture${n === 1 ? "" : "s"} would ${verb}${shard}` +
      `${skipped ? ` (${skipped} skipped)` : ""}; nothing was run or written.`,
  );
  lines.push(resultLine("pass"));
  return lines;
}

/**
 * What a rerun says before it runs (and its dry run): how many outstanding
 * fixtures since which full run, and which of them changed since they failed.
 *
 * @param selection The resolved selection.
 * @param options `dryRun`: say what would rerun, not what reruns.
 * @returns The lines; none for a run that is not a rerun.
 *
 * @example
 * ```ts
 * import { renderRerunPlan } from "./render_dry_run.ts";
 * import assert from "node:assert/strict";
 *
 * const base = {
 *   planned: [{ fixture: { id: "a" } }, { fixture: { id: "b" } }],
 *   mode: "rerun-failed", diagnostics: [],
 *   rerun: { source: { runId: "r2" }, state: { since: "r1" } },
 *   changes: { changed: ["a"], unchanged: ["b"], unknown: [] },
 * };
 * const selection = base as never;
 * assert.deepEqual(renderRerunPlan(selection), [
 *   "Rerunning 2 outstanding fixtures since full run r1 (as of run r2)",
 *   "  changed since they failed (a rerun tests the fix): a",
 *   "  unchanged since they failed (a pass now points to a flake, not a fix): b",
 * ]);
 * assert.equal(
 *   renderRerunPlan(selection, { dryRun: true })[0],
 *   "Would rerun 2 outstanding fixtures since full run r1 (as of run r2)",
 * );
 * // A shard's part of what is owed.
 * assert.equal(
 *   renderRerunPlan({ ...base, shard: { index: 1, total: 2 }, owed: 3 } as never)[0],
 *   "Rerunning 2 of 3 outstanding fixtures (shard 1/2) since full run r1 (as of run r2)",
 * );
 * ```
 */
export function renderRerunPlan(
  selection: Selection,
  options: { dryRun?: boolean } = {},
): string[] {
  const { rerun, changes } = selection;
  if (!rerun) return [];
  const pulled = selection.pulledIn?.size ?? 0;
  const n = selection.planned.length - pulled;
  const since = rerun.state.since;
  const from = since === undefined || since === rerun.source.runId
    ? `from run ${rerun.source.runId}`
    : `since full run ${since} (as of run ${rerun.source.runId})`;
  // A shard reruns its part of what is owed: "1 of 2 ... (shard 1/2)".
  const { shard, owed } = selection;
  const count = shard && owed !== undefined
    ? `${n} of ${owed} outstanding fixture${
      owed === 1 ? "" : "s"
    } (shard ${shard.index}/${shard.total})`
    : `${n} outstanding fixture${n === 1 ? "" : "s"}`;
  const lines = [
    `${options.dryRun ? "Would rerun" : "Rerunning"} ${count} ${from}` +
    (pulled ? `, with ${pulled} pulled in (their needs and teardowns)` : ""),
  ];
  if (changes?.changed.length) {
    lines.push(`  changed since they failed (a rerun tests the fix): ${idList(changes.changed)}`);
  }
  if (changes?.unchanged.length) {
    lines.push(
      `  unchanged since they failed (a pass now points to a flake, not a fix): ${
        idList(changes.unchanged)
      }`,
    );
  }
  return lines;
}
