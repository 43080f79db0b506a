/**
 * The console's summary: the counts, the verdicts, what is owed, the commands
 * to run next. Pure: fed a {@linkcode SummaryView} built from the artifact.
 *
 * @module
 */
import { resultLine } from "../base/safe_output.ts";
import type {
  Diagnostic,
  FixtureResult,
  Result,
  SuiteRecord,
  Summary,
} from "../artifact/artifact.ts";
import { idList } from "../base/id_list.ts";
import { isBlocked } from "../artifact/blocked.ts";
import { notReadyService } from "../artifact/not_run.ts";
import { formatDuration, type Palette, palette, renderRepeat } from "./console_render.ts";

/** What the summary shows. */
export interface SummaryView {
  /** Counts of this run. */
  summary: Summary;
  /** This run's verdict. */
  result: Result;
  /** Wall time. */
  durationMs: number;
  /** Where the artifact was written, if it was. */
  artifactPath?: string;
  /** The command that reruns the failures, when anything failed. */
  rerunCommand?: string;
  /** Every run but a full one: the suite's verdict with this run's results in place. */
  combined?: { summary: Summary; result: Result };
  /** How the combined verdict is named (default `After rerun`). */
  combinedLabel?: string;
  /** Every run but a full one: what the suite still owes, since which full run. */
  suite?: {
    since?: string;
    outstanding: string[];
    unfinished: string[];
    /** Of the outstanding, those that never started: not run, and blocked by a need. */
    notRun?: string[];
    blocked?: string[];
    notInCatalog?: number;
  };
  /** Fixtures that failed in the source run and pass now. */
  recovered?: string[];
  /** The command for a confirming full run, after a green rerun. */
  fullRunCommand?: string;
  /** Whether the run was interrupted. */
  interrupted?: boolean;
  /** With --fail-on-flaky: the flaky fixtures that fail the run. */
  flakyFailures?: string[];
  /** Services that exited during the run (which fails it), with how they ended. */
  servicesDown?: readonly { name: string; exitCode?: number; signal?: string }[];
  /** Warnings worth repeating at the end. */
  diagnostics?: readonly Diagnostic[];
  /** How many fixtures never started because `--max-failures` was reached. */
  notRun?: number;
  /** Their ids (the first ten are shown, see `idList`). */
  notRunIds?: readonly string[];
  /** Why they did not run, when not the failure limit: `service "api" was not ready`. */
  notRunReason?: string;
  /** How many fixtures never started because a fixture they need did not pass. */
  blocked?: number;
  /** The slowest fixtures of a run that took a while, slowest first. */
  slowest?: readonly { id: string; durationMs: number }[];
  /** `--repeat N`: the results of the fixtures that ran repeatedly (see {@linkcode renderRepeat}). */
  repeat?: readonly Pick<FixtureResult, "id" | "repeat">[];
  /**
   * A `--shard-by duration` run: its shard, the fixture time predicted from the timings, and
   * the fixture time it took.
   */
  shard?: {
    index: number;
    total: number;
    predictedMs: number;
    actualMs: number;
    /** Needs pulled in that the prediction left out (too many to follow), left out here too. */
    pulledIn?: number;
    /** The shard's fixtures that did not run to their end (cut short, not run), left out too. */
    unfinished?: number;
    /** `--repeat N`: both figures are of one run. */
    runs?: number;
  };
}

function suiteLine(suite: NonNullable<SummaryView["suite"]>, colors: Palette): string {
  const since = suite.since ? `since run ${suite.since}` : "(no full run on record)";
  const n = suite.outstanding.length;
  const gone = suite.notInCatalog
    ? `; ${suite.notInCatalog} more owed, not in the catalog now`
    : "";
  if (n === 0) {
    return gone
      ? colors.yellow(`Suite: nothing outstanding in the catalog ${since}${gone}`)
      : colors.green(`Suite: nothing outstanding ${since}`);
  }
  // Each id with why it is owed when it did not fail on its own.
  const why = new Map<string, string>([
    ...suite.unfinished.map((id) => [id, "unfinished"] as const),
    ...(suite.notRun ?? []).map((id) => [id, "not run"] as const),
    ...(suite.blocked ?? []).map((id) => [id, "blocked"] as const),
  ]);
  const ids = idList(suite.outstanding.map((id) => why.has(id) ? `${id} (${why.get(id)})` : id));
  const neverStarted = (suite.notRun?.length ?? 0) + (suite.blocked?.length ?? 0);
  const what = neverStarted === 0
    ? "still failing"
    : `still owed (${n - neverStarted} failing, ${neverStarted} never started)`;
  return colors.red(`Suite: ${n} ${what} ${since}: ${ids}${gone}`);
}

/**
 * Of the failed fixtures, how many never started: kept from starting
 * (`not-run`) and blocked by a need; and why the kept ones were, from their
 * messages: a service not ready (`notRunReason`), else the failure limit (no
 * reason: the summary's default wording). The summary counts them apart from
 * the failures; a run and a merge alike.
 *
 * @param fixtures The artifact's results.
 * @returns The counts, each only when not zero, and the reason when a service kept them.
 *
 * @example
 * ```ts
 * import { unstartedCounts } from "./console_summary.ts";
 * import assert from "node:assert/strict";
 *
 * const base = { durationMs: 0, attempts: 0, exitCode: null, signal: null, timedOut: false };
 * assert.deepEqual(unstartedCounts([
 *   { ...base, id: "a", status: "failed", failure: { kind: "not-run", message: 'Not run: service "api" was not ready' } },
 *   { ...base, id: "b", status: "failed", blockedBy: "s", failure: { kind: "blocked", message: "Blocked by s" } },
 *   { ...base, id: "c", status: "passed", exitCode: 0 },
 * ]), { notRun: 1, notRunIds: ["a"], blocked: 1, notRunReason: 'service "api" was not ready' });
 * ```
 */
export function unstartedCounts(
  fixtures: readonly FixtureResult[],
): { notRun?: number; notRunIds?: string[]; blocked?: number; notRunReason?: string } {
  const kept = fixtures.filter((f) => f.failure?.kind === "not-run");
  const blocked = fixtures.filter(isBlocked).length;
  const services = new Set<string>();
  let byLimit = 0;
  for (const f of kept) {
    const service = notReadyService(f.failure!.message);
    if (service) services.add(service);
    else byLimit++;
  }
  const named = [...services].sort().map((name) => `"${name}"`).join(", ");
  const notRunReason = services.size === 0
    ? undefined
    : (services.size === 1
      ? `service ${named} was not ready`
      : `services ${named} were not ready`) +
      (byLimit ? ", or the failure limit was reached" : "");
  return {
    ...(kept.length ? { notRun: kept.length, notRunIds: kept.map((f) => f.id) } : {}),
    ...(blocked ? { blocked } : {}),
    ...(notRunReason ? { notRunReason } : {}),
  };
}

/**
 * The suite line's facts from an artifact's `suite` record: what the suite
 * still owes (interrupted fixtures marked unfinished), since which full run.
 *
 * @param suite The artifact's suite record.
 * @param catalogIds The catalog's ids, when known: outstanding fixtures it lacks are counted apart.
 * @returns The `suite` part of a {@linkcode SummaryView}.
 *
 * @example
 * ```ts
 * import { suiteSummary } from "./console_summary.ts";
 * import assert from "node:assert/strict";
 *
 * const view = suiteSummary({
 *   since: "r1", passed: ["a"], skipped: [], flaky: [],
 *   outstanding: [{ id: "f", runId: "r1", kind: "interrupted", message: "stopped" }],
 * });
 * assert.deepEqual(view, { since: "r1", outstanding: ["f"], unfinished: ["f"] });
 * ```
 */
export function suiteSummary(
  suite: SuiteRecord,
  catalogIds?: readonly string[],
): NonNullable<SummaryView["suite"]> {
  // Outstanding fixtures the catalog no longer has are owed, but counted apart.
  const known = catalogIds ? new Set(catalogIds) : undefined;
  const here = suite.outstanding.filter((e) => !known || known.has(e.id));
  const elsewhere = suite.outstanding.length - here.length;
  const ids = (kind: string) => here.filter((e) => e.kind === kind).map((e) => e.id);
  const notRun = ids("not-run");
  const blocked = ids("blocked");
  return {
    ...(suite.since ? { since: suite.since } : {}),
    outstanding: here.map((e) => e.id),
    unfinished: ids("interrupted"),
    ...(notRun.length ? { notRun } : {}),
    ...(blocked.length ? { blocked } : {}),
    ...(elsewhere ? { notInCatalog: elsewhere } : {}),
  };
}

/**
 * The counts of a summary line: passed, failed, and apart from failed (they
 * are failed in the artifact, owed, but not failures of their own, or not
 * failing the run) quarantined failures, blocked and not-run fixtures, each
 * once there are any.
 *
 * @param summary The artifact's summary.
 * @param unstarted How many never started (see {@linkcode unstartedCounts}).
 * @param colors The palette.
 * @returns The parts, in order.
 *
 * @example
 * ```ts
 * import { palette } from "./console_render.ts";
 * import { outcomeCounts } from "./console_summary.ts";
 * import assert from "node:assert/strict";
 *
 * const summary = { total: 9, passed: 5, failed: 4, skipped: 0, flaky: 0 };
 * assert.deepEqual(outcomeCounts(summary, { blocked: 3 }, palette(false)), [
 *   "5 passed",
 *   "1 failed",
 *   "3 blocked",
 * ]);
 * ```
 */
export function outcomeCounts(
  summary: Summary,
  unstarted: { notRun?: number; blocked?: number },
  colors: Palette,
): string[] {
  const quarantined = summary.quarantined ?? 0;
  const failed = summary.failed - (unstarted.notRun ?? 0) - (unstarted.blocked ?? 0) -
    quarantined;
  return [
    summary.passed ? colors.green(`${summary.passed} passed`) : `${summary.passed} passed`,
    failed ? colors.red(`${failed} failed`) : `${failed} failed`,
    ...(quarantined
      ? [colors.yellow(`${quarantined} quarantined failure${quarantined === 1 ? "" : "s"}`)]
      : []),
    ...(unstarted.blocked ? [colors.yellow(`${unstarted.blocked} blocked`)] : []),
    ...(unstarted.notRun ? [colors.yellow(`${unstarted.notRun} not run`)] : []),
  ];
}

/**
 * The counts of a combined verdict (a rerun's, or a partial run's suite
 * verdict): passed, failed, and apart from failed (as in the run's own
 * summary) quarantined failures and the owed fixtures that never started
 * (blocked, not run), of the total, and skipped once there are any.
 *
 * @param summary The combined summary.
 * @param unstarted Of its failed, how many never started (from the suite's outstanding kinds).
 * @returns The counts, without the verdict.
 *
 * @example
 * ```ts
 * import { combinedCounts } from "./console_summary.ts";
 * import assert from "node:assert/strict";
 *
 * assert.equal(
 *   combinedCounts({ total: 3, passed: 1, failed: 2, skipped: 0, flaky: 0, quarantined: 1 }),
 *   "1 passed, 1 failed, 1 quarantined failure of 3",
 * );
 * assert.equal(
 *   combinedCounts({ total: 5, passed: 1, failed: 4, skipped: 0, flaky: 0 }, { notRun: 3 }),
 *   "1 passed, 1 failed, 3 not run of 5",
 * );
 * ```
 */
export function combinedCounts(
  summary: Summary,
  unstarted: { blocked?: number; notRun?: number } = {},
): string {
  // The parts of the run's own summary line, uncoloured.
  return `${outcomeCounts(summary, unstarted, palette(false)).join(", ")} of ${summary.total}` +
    (summary.skipped ? `, ${summary.skipped} skipped` : "");
}

/**
 * The summary block, ending with the `RESULT:` line.
 *
 * @param view Counts, verdicts, paths and commands.
 * @param colors The palette.
 * @returns The lines, the last {@linkcode resultLine}'s (smoke's own verdict, marked for the writer).
 *
 * @example
 * ```ts
 * import { palette } from "./console_render.ts";
 * import { renderSummary } from "./console_summary.ts";
 * import { resultLine } from "../base/safe_output.ts";
 * import assert from "node:assert/strict";
 *
 * const lines = renderSummary({
 *   summary: { total: 2, passed: 2, failed: 0, skipped: 0, flaky: 0 },
 *   result: "pass",
 *   durationMs: 1200,
 *   artifactPath: "runs/x.json",
 * }, palette(false));
 * assert.deepEqual(lines, [
 *   "Summary: 2 passed, 0 failed, 0 skipped, 0 flaky (2 fixtures, 1.2s)",
 *   "Artifact: runs/x.json",
 *   resultLine("pass"),
 * ]);
 * ```
 */
export function renderSummary(view: SummaryView, colors: Palette): string[] {
  const s = view.summary;
  const counts = [
    ...outcomeCounts(s, view, colors),
    `${s.skipped} skipped`,
    s.flaky ? colors.yellow(`${s.flaky} flaky`) : `${s.flaky} flaky`,
  ].join(", ");
  const lines = [
    `Summary: ${counts} (${s.total} fixture${s.total === 1 ? "" : "s"}, ${
      formatDuration(view.durationMs)
    })`,
  ];
  if (s.total > 0 && s.passed === 0 && s.failed === 0 && !view.interrupted) {
    lines.push(
      colors.yellow(
        "Nothing ran: every selected fixture was skipped, and a run never passes empty.",
      ),
    );
  }
  if (view.flakyFailures?.length) {
    lines.push(
      colors.yellow(
        `Flaky: ${
          view.flakyFailures.join(", ")
        } passed only on a retry; --fail-on-flaky fails the run.`,
      ),
    );
  }
  for (const service of view.servicesDown ?? []) {
    const how = service.signal
      ? ` (signal ${service.signal})`
      : service.exitCode !== undefined
      ? ` (code ${service.exitCode})`
      : "";
    lines.push(
      colors.red(`Services: "${service.name}" exited during the run${how}, so the run fails.`),
    );
  }
  if (view.interrupted) {
    lines.push(
      colors.yellow("Interrupted: unfinished fixtures are recorded as failed (interrupted)."),
    );
  }
  if (view.notRun) {
    const fixtures = `${view.notRun} fixture${view.notRun === 1 ? "" : "s"}`;
    const shown = view.notRunIds?.length ? `${idList(view.notRunIds)}; ` : "";
    lines.push(
      colors.yellow(
        view.notRunReason
          ? `Not run: ${fixtures} (${shown}${view.notRunReason}); they are owed, and ` +
            "--rerun-failed runs them."
          : `Not run: ${fixtures} (${shown}the failure limit, --max-failures or maxFailures, ` +
            "was reached); they are owed, and --rerun-failed runs them with the failures.",
      ),
    );
  }
  lines.push(...renderRepeat(view.repeat ?? [], colors));
  if (view.slowest?.length) {
    lines.push(
      `Slowest: ${view.slowest.map((f) => `${f.id} ${formatDuration(f.durationMs)}`).join(", ")}`,
    );
  }
  if (view.shard) {
    const { index, total, predictedMs, actualMs, pulledIn, unfinished, runs } = view.shard;
    const notes = [
      ...(runs ? [`one run of each, of --repeat ${runs}`] : []),
      // Needs too many to follow: the split left them out of the prediction.
      ...(pulledIn ? [`${pulledIn} pulled in, not counted`] : []),
      // What a stop left unmeasured (as durations.json leaves it out).
      ...(unfinished ? [`${unfinished} not run to the end, not counted`] : []),
    ];
    lines.push(
      `Shard ${index}/${total} by duration: predicted ${formatDuration(predictedMs)} of fixture ` +
        `time, took ${formatDuration(actualMs)}${notes.length ? ` (${notes.join("; ")})` : ""}`,
    );
  }
  if (view.recovered?.length) {
    // A note with a comma in it (a likely flake's flips) needs a stronger separator.
    const separator = view.recovered.some((r) => r.includes(",")) ? "; " : ", ";
    lines.push(`Recovered: ${view.recovered.length} (${view.recovered.join(separator)})`);
  }
  if (view.combined) {
    lines.push(
      `${view.combinedLabel ?? "After rerun"}: ${
        combinedCounts(view.combined.summary, {
          blocked: view.suite?.blocked?.length,
          notRun: view.suite?.notRun?.length,
        })
      } -> ${view.combined.result}`,
    );
  }
  if (view.suite) lines.push(suiteLine(view.suite, colors));
  if (view.artifactPath) lines.push(`Artifact: ${view.artifactPath}`);
  if (view.rerunCommand) lines.push(`Rerun failures: ${view.rerunCommand}`);
  if (view.fullRunCommand) {
    lines.push(`All rerun failures pass now; confirm with a full run: ${view.fullRunCommand}`);
  }
  lines.push(resultLine(view.result));
  return lines;
}
