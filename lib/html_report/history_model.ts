/**
 * The HTML report's view model: run history in, everything the page shows
 * out (latest verdict, failures, timeline, fixture grid with flakiness,
 * slowest fixtures). Pure: no clock, no disk; the caller passes `now`.
 *
 * @module
 */
import type {
  Artifact,
  Diagnostic,
  FailureKind,
  Mode,
  Result,
  ServiceRecord,
  Summary,
} from "../artifact/artifact.ts";
import { groupBlocked, isBlocked } from "../artifact/blocked.ts";
import {
  interruptedWithoutResult,
  keptFromStarting,
  owedMark,
  owedUnstarted,
} from "../artifact/not_run.ts";
import {
  isQuarantinedFailure,
  type Quarantine,
  quarantinedFailure,
} from "../artifact/quarantined.ts";
import { servicesFailed } from "../artifact/artifact.ts";
import { MAX_TIMER_MS } from "../base/timer.ts";
import type { InvalidArtifact } from "../artifact/run_history.ts";
import { fixtureArgument, shellQuote } from "../selection/plan.ts";
import { flakiness, median, percentile, timeAgo } from "./history_stats.ts";
import { type ExcerptBlock, failureExcerpt } from "../reporters/failure_excerpt.ts";

export type { InvalidArtifact };

/** Where a fixture is defined, relative to the working directory. */
export interface FixtureFile {
  /** The fixture's main file (script, or manifest). */
  file: string;
  /** The manifest, when there is one. */
  manifest?: string;
}

/** The run history the report is made of. */
export interface ReportHistory {
  /** The valid artifacts, in any order. */
  runs: readonly Artifact[];
  /** The artifact files that were left out, with the reason. */
  invalid?: readonly InvalidArtifact[];
  /** The run id `latest.json` holds, when known. */
  latestRunId?: string;
  /** Fixture files by id, when the catalog could be read. */
  fixtureFiles?: Readonly<Record<string, FixtureFile>>;
  /** The artifact directory as the user names it (for printed commands). */
  artifactDir?: string;
  /** How many runs the history holds, when the reader stopped before the oldest. */
  totalRuns?: number;
}

/** Options for {@linkcode buildReportModel}. */
export interface ReportModelOptions {
  /** How many of the newest runs the page covers. */
  last: number;
  /** The time the report is made. */
  now: Date;
  /** The command that starts smoke with the user's location flags (default `deno task smoke`). */
  command?: string;
  /** The most characters kept of one output tail (default 4,000). */
  tailChars?: number;
  /** The most characters of tails on the whole page (default 1,000,000). */
  tailBudget?: number;
}

/** One run as the page shows it. */
export interface RunView {
  /** The run id. */
  runId: string;
  /** The mode. */
  mode: Mode;
  /** The run's own verdict. */
  result: Result;
  /** Start time, ISO-8601. */
  startedAt: string;
  /** Wall time. */
  durationMs: number;
  /** Counts. */
  summary: Summary;
  /**
   * Of the failed, those that never started (blocked by a need, or not run): counted apart,
   * as the console does.
   */
  unstarted: { blocked: number; notRun: number };
  /** The run was interrupted. */
  interrupted: boolean;
  /** Nothing ran: a diagnostics artifact (a failed rerun preflight). */
  diagnosticsOnly: boolean;
  /** The first error diagnostic, when there is one. */
  error?: string;
  /** Rerun only: the source run and the combined verdict. */
  rerun?: {
    sourceRunId: string;
    sourceInWindow: boolean;
    combined?: { summary: Summary; result: Result };
  };
  /** The shard, when the run was one. */
  shard?: { index: number; total: number };
  /** Deno version. */
  deno: string;
  /** Operating system and architecture. */
  platform: string;
  /** Host name, when the artifact records one. */
  host?: string;
  /** Ran in CI. */
  ci: boolean;
  /** Its services that were not ready or exited during the run, when any were. */
  servicesDown?: { name: string; status: ServiceRecord["status"] }[];
}

/**
 * A mark of the timeline: one run, or two or more consecutive runs where
 * nothing ran (failed preflights) folded into one.
 */
export type TimelineMark =
  | { kind: "run"; run: RunView }
  | {
    kind: "nothing-ran";
    /** The folded runs, oldest first. */
    runs: RunView[];
    /** What they were, e.g. `3 failed preflights`. */
    label: string;
    /** The first run's start, ISO-8601. */
    from: string;
    /** The last run's start, ISO-8601. */
    to: string;
  };

/** The latest run with what only the top of the page needs. */
export interface LatestView extends RunView {
  /** How long ago it started, in words. */
  ago: string;
  /** Its diagnostics (warnings such as stale fixtures). */
  diagnostics: Diagnostic[];
  /** Rerun only: fixtures that failed in the source and passed now. */
  recovered: string[];
  /** Its services, in start order, when it had any. */
  services?: ServiceView[];
  /** The command that reruns what it leaves owed (the suite's outstanding set), when anything is. */
  rerunCommand?: string;
  /**
   * Every run but a full one: the suite's verdict with this run's results in
   * place (`combined`), and, when recorded, what the suite still owes since
   * which full run (interrupted fixtures are `unfinished`).
   */
  suite?: {
    combined: { summary: Summary; result: Result };
    owed?: {
      since?: string;
      sinceInWindow: boolean;
      ids: string[];
      unfinished: string[];
      /** Of the owed, how many never started: blocked by a need, or not run. */
      unstarted: { blocked: number; notRun: number };
      /** The owed that never started, by id: `not run` or `blocked`. */
      neverStarted: Record<string, "not run" | "blocked">;
    };
  };
}

/** A service of the latest run. */
export interface ServiceView {
  /** Its name. */
  name: string;
  /** How it fared. */
  status: ServiceRecord["status"];
  /** Not ready, or exited during the run: it failed the run. */
  failed: boolean;
  /** Its ready check, in words. */
  check: string;
  /** From its start to its first passing check. */
  readyMs?: number;
  /** Its exit code or signal, in words, when it ended. */
  exit?: string;
  /** Why it is not ready, exited or not started. */
  reason?: string;
  /** Its stdout tail, cut like a fixture's. */
  stdout?: TailView;
  /** Its stderr tail, cut like a fixture's. */
  stderr?: TailView;
}

/** A cut output tail. */
export interface TailView {
  /** The text kept (the end of the tail). */
  text: string;
  /** How many characters were cut from its start. */
  cutChars: number;
}

/** A failure of the latest run. */
export interface FailureView {
  /** The fixture id. */
  id: string;
  /** Why it failed. */
  kind: FailureKind | "unknown";
  /** The failure message (cut to 2,000 characters). */
  message: string;
  /** Attempts made. */
  attempts: number;
  /** How long it took. */
  durationMs: number;
  /** Exit code, signal and timeout, in words. */
  exit: string;
  /** The lines of both tails that explain the failure, when kept (see `failure_excerpt.ts`). */
  excerpt?: ExcerptBlock[];
  /** The stdout tail, when kept. */
  stdout?: TailView;
  /** The stderr tail, when kept. */
  stderr?: TailView;
  /** The tails were left out to keep the page small. */
  tailsOmitted: boolean;
  /** Where the fixture is defined, when known. */
  file?: FixtureFile;
  /** The command that reruns only this fixture. */
  command: string;
  /**
   * The oldest run of the unbroken failing streak within the window, how
   * many runs it failed in since, and whether older runs outside the window
   * may extend the streak.
   */
  failingSince: {
    runId: string;
    startedAt: string;
    /** Runs in a row it failed in (0: none; interrupted in this run without a result). */
    runs: number;
    maybeOlder: boolean;
    /** This run stopped it before it had a result: the streak is that of the runs before. */
    interrupted?: boolean;
  };
  /** Rerun only: its status in the source run. */
  previousStatus?: string;
  /** Kind `blocked`: the need that did not pass, and how it ended (see `groupBlocked`). */
  blocked?: { by: string; ended: string };
  /** A quarantined failure (it does not fail the run): its owner, last day and reason. */
  quarantined?: Quarantine;
}

/**
 * A grid cell: `p` passed, `r` passed on a retry (flaky), `f` failed,
 * `s` skipped, `n` never started (blocked by a need, or not run: owed, but no
 * result of its own), `.` not in that run.
 */
export type CellCode = "p" | "r" | "f" | "s" | "n" | "i" | ".";

/** A fixture's row of the grid. */
export interface GridRow {
  /** The fixture id. */
  id: string;
  /** One {@linkcode CellCode} per grid run, oldest first. */
  cells: string;
  /** Pass/fail changes between consecutive runs it ran in (a retry pass: fail then pass). */
  flips: number;
  /** Flakiness: flips over the chances to flip, 0 to 1. */
  score: number;
  /** Runs where it passed or failed. */
  observed: number;
  /** Runs where it failed. */
  failures: number;
  /** Runs where it passed only on a retry. */
  retryPasses: number;
  /** Its manifest tags, as the newest run in the window recorded them. */
  tags: string[];
}

/** Durations of one fixture across the window. */
export interface SlowView {
  /** The fixture id. */
  id: string;
  /** Median duration. */
  medianMs: number;
  /** 95th percentile (nearest rank). */
  p95Ms: number;
  /** Longest. */
  maxMs: number;
  /** How many durations. */
  samples: number;
}

/** Everything the page shows. */
export interface ReportModel {
  /** When the report was made, ISO-8601. */
  generatedAt: string;
  /** The artifact directory as named by the user. */
  artifactDir?: string;
  /** Valid runs in the history. */
  totalRuns: number;
  /** The `last` asked for. */
  last: number;
  /** The newest run that ran fixtures. */
  latest?: LatestView;
  /** A diagnostics-only run newer than {@linkcode ReportModel.latest}. */
  newerError?: RunView;
  /** Failures of the latest run, in its order. */
  failures: FailureView[];
  /** The runs of the window, oldest first. */
  timeline: RunView[];
  /** The timeline's marks, oldest first: consecutive runs where nothing ran fold into one. */
  marks: TimelineMark[];
  /** The runs that are grid columns (those that ran fixtures), oldest first. */
  gridRuns: RunView[];
  /** Grid rows, most flaky first. */
  grid: GridRow[];
  /** The slowest fixtures by p95, at most 20. */
  slowest: SlowView[];
  /** Artifact files left out. */
  invalid: InvalidArtifact[];
}

const SLOWEST = 20;
const MESSAGE_CHARS = 2000;
/** How much of the output a failure shows open, above its collapsed tails. */
const REPORT_EXCERPT = { maxLines: 40, maxBytes: 8192, lastLines: 12 };

function cutTail(text: string | undefined, max: number): TailView | undefined {
  if (!text) return undefined;
  if (text.length <= max) return { text, cutChars: 0 };
  let start = text.length - max;
  const newline = text.indexOf("\n", start);
  if (newline !== -1 && newline < text.length - 1 && newline - start < 200) start = newline + 1;
  return { text: text.slice(start), cutChars: start };
}

/** The failures that fail the run, then the quarantined ones, then the blocked, each in its order. */
function blockedLast<T extends Artifact["fixtures"][number]>(failed: T[]): T[] {
  const own = failed.filter((f) => !isBlocked(f));
  return [
    ...own.filter((f) => !isQuarantinedFailure(f)),
    ...own.filter(isQuarantinedFailure),
    ...failed.filter(isBlocked),
  ];
}

/** Each blocked fixture's need and how it ended. */
function blockedMap(fixtures: Artifact["fixtures"]): Map<string, { by: string; ended: string }> {
  return new Map(
    groupBlocked(fixtures).flatMap((g) =>
      g.ids.map((id) => [id, { by: g.by, ended: g.ended }] as const)
    ),
  );
}

/** Cells that neither start nor end a failure streak: no result of the fixture's own. */
const NEUTRAL_CELLS: ReadonlySet<string> = new Set([".", "s", "n", "i"]);

function cellOf(f: Artifact["fixtures"][number]): CellCode {
  // Never started (--max-failures, or a need that did not pass): not a result of its own.
  if (f.failure?.kind === "not-run" || isBlocked(f)) return "n";
  // Stopped by an interrupt (Ctrl-C, a cancelled job) before a result of its own: the user's
  // doing, not the check's verdict (an interrupted retry still failed its first attempt).
  if (interruptedWithoutResult(f)) return "i";
  if (f.status === "failed") return "f";
  if (f.status === "skipped") return "s";
  return f.flaky ? "r" : "p";
}

/**
 * A duration from an artifact as the page shows it, within 0 to a timer's limit (~24.8 days, as
 * durations.json keeps): a hand-edited 1e308 would otherwise print as `1.6e+303m` and draw bars
 * of infinite height.
 */
function shownMs(ms: number): number {
  return Number.isFinite(ms) ? Math.min(Math.max(ms, 0), MAX_TIMER_MS) : 0;
}

function runView(a: Artifact, inWindow: ReadonlySet<string>): RunView {
  const env = a.environment as Artifact["environment"] & { hostname?: unknown };
  const error = a.diagnostics.find((d) => d.level === "error");
  const source = a.mode === "rerun-failed" ? a.selection.source : undefined;
  return {
    runId: a.runId,
    mode: a.mode,
    result: a.result,
    startedAt: a.startedAt,
    durationMs: shownMs(a.durationMs),
    summary: a.summary,
    unstarted: {
      blocked: a.fixtures.filter(isBlocked).length,
      notRun: a.fixtures.filter((f) => f.failure?.kind === "not-run").length,
    },
    interrupted: a.interrupted === true,
    diagnosticsOnly: a.fixtures.length === 0 && a.diagnostics.length > 0,
    ...(error ? { error: error.message } : {}),
    ...(source
      ? {
        rerun: {
          sourceRunId: source.runId,
          sourceInWindow: inWindow.has(source.runId),
          ...(a.combined ? { combined: a.combined } : {}),
        },
      }
      : {}),
    ...(a.selection.shard ? { shard: a.selection.shard } : {}),
    deno: a.environment.deno,
    platform: `${a.environment.os} ${a.environment.arch}`,
    ...(typeof env.hostname === "string" && env.hostname ? { host: env.hostname } : {}),
    ci: a.environment.ci,
    ...(servicesFailed(a.services)
      ? {
        servicesDown: a.services!.filter((s) => servicesFailed([s]))
          .map(({ name, status }) => ({ name, status })),
      }
      : {}),
  };
}

function serviceView(s: ServiceRecord, tailChars: number): ServiceView {
  const exit = typeof s.exitCode === "number"
    ? `exit code ${s.exitCode}`
    : s.signal
    ? `killed by ${s.signal}`
    : undefined;
  const stdout = cutTail(s.stdoutTail, tailChars);
  const stderr = cutTail(s.stderrTail, tailChars);
  return {
    name: s.name,
    status: s.status,
    failed: servicesFailed([s]),
    check: s.check,
    ...(s.readyMs !== undefined ? { readyMs: shownMs(s.readyMs) } : {}),
    ...(exit ? { exit } : {}),
    ...(s.reason ? { reason: s.reason } : {}),
    ...(stdout ? { stdout } : {}),
    ...(stderr ? { stderr } : {}),
  };
}

/**
 * Folds consecutive runs where nothing ran (diagnostics artifacts of failed
 * preflights) into one mark each; a lone one stays a run mark.
 *
 * @param timeline The window's runs, oldest first.
 * @returns The marks, oldest first.
 *
 * @example
 * ```ts
 * import { foldTimeline, type RunView } from "./history_model.ts";
 * import assert from "node:assert/strict";
 *
 * const run = (runId: string, diagnosticsOnly: boolean) =>
 *   ({ runId, mode: "rerun-failed", startedAt: runId, diagnosticsOnly }) as RunView;
 * const marks = foldTimeline([run("1", false), run("2", true), run("3", true), run("4", true)]);
 * assert.deepEqual(marks.map((m) => m.kind === "run" ? m.run.runId : m.label), [
 *   "1",
 *   "3 failed preflights",
 * ]);
 * ```
 */
export function foldTimeline(timeline: readonly RunView[]): TimelineMark[] {
  const marks: TimelineMark[] = [];
  let i = 0;
  while (i < timeline.length) {
    let end = i;
    while (end < timeline.length && timeline[end].diagnosticsOnly) end++;
    if (end - i < 2) {
      marks.push({ kind: "run", run: timeline[i] });
      i++;
      continue;
    }
    const runs = timeline.slice(i, end);
    const preflights = runs.every((run) => run.mode === "rerun-failed");
    marks.push({
      kind: "nothing-ran",
      runs,
      label: `${runs.length} ${preflights ? "failed preflights" : "runs where nothing ran"}`,
      from: runs[0].startedAt,
      to: runs.at(-1)!.startedAt,
    });
    i = end;
  }
  return marks;
}

function suiteOf(
  combined: NonNullable<Artifact["combined"]>,
  record: Artifact["suite"],
  inWindow: ReadonlySet<string>,
): NonNullable<LatestView["suite"]> {
  if (!record) return { combined };
  return {
    combined,
    owed: {
      ...(record.since ? { since: record.since } : {}),
      sinceInWindow: record.since !== undefined && inWindow.has(record.since),
      ids: record.outstanding.map((o) => o.id),
      unfinished: record.outstanding.filter((o) => o.kind === "interrupted").map((o) => o.id),
      unstarted: owedUnstarted(record.outstanding, combined.summary),
      neverStarted: Object.fromEntries(
        record.outstanding.flatMap((o) => {
          const mark = owedMark(o.kind);
          return mark === "not run" || mark === "blocked" ? [[o.id, mark] as const] : [];
        }),
      ),
    },
  };
}

function exitText(f: Artifact["fixtures"][number]): string {
  if (f.timedOut) return "timed out";
  if (f.signal) return `killed by ${f.signal}`;
  return f.exitCode === null ? "no exit code" : `exit code ${f.exitCode}`;
}

/**
 * Builds the report's view model from the run history.
 *
 * @param history The valid artifacts, the invalid files, what `latest.json`
 * holds, and the fixture files.
 * @param options How many runs, the time, the command prefix, tail limits.
 * @returns The view model, ready for {@linkcode renderReportHtml}.
 *
 * @example
 * ```ts
 * import { buildReportModel } from "./history_model.ts";
 * import { createArtifact } from "../artifact/artifact.ts";
 * import assert from "node:assert/strict";
 *
 * const env = { deno: "2.9.6", os: "linux", arch: "x86_64", ci: false };
 * const run = (runId: string, status: "passed" | "failed") =>
 *   createArtifact({
 *     runId, mode: "full", startedAt: new Date(0), finishedAt: new Date(10), version: "0.1.0",
 *     environment: env, selection: { fixtureIds: ["a"] },
 *     fixtures: [{ id: "a", status, durationMs: 5, attempts: 1, exitCode: status === "passed" ? 0 : 1,
 *       signal: null, timedOut: false }],
 *   });
 * const model = buildReportModel(
 *   { runs: [run("r1", "passed"), run("r2", "failed"), run("r3", "passed")] },
 *   { last: 50, now: new Date(60_000) },
 * );
 * assert.equal(model.latest?.runId, "r3");
 * assert.deepEqual(model.grid[0], {
 *   id: "a", cells: "pfp", flips: 2, score: 1, observed: 3, failures: 1, retryPasses: 0, tags: [],
 * });
 * ```
 */
export function buildReportModel(history: ReportHistory, options: ReportModelOptions): ReportModel {
  const command = options.command ?? "deno task smoke";
  const key = (a: Artifact) => `${a.startedAt}\u0000${a.runId}`;
  const sorted = [...history.runs].sort((a, b) => key(a) < key(b) ? -1 : key(a) > key(b) ? 1 : 0);
  const window = sorted.slice(-Math.max(1, options.last));
  const inWindow = new Set(window.map((a) => a.runId));
  const totalRuns = Math.max(history.totalRuns ?? 0, sorted.length);
  const timeline = window.map((a) => runView(a, inWindow));
  const gridArtifacts = window.filter((a) => a.fixtures.length > 0);
  const gridRuns = timeline.filter((_, i) => window[i].fixtures.length > 0);
  const latestArtifact = gridArtifacts.at(-1);

  // Grid: one row per fixture seen in the window.
  const cellsById = new Map<string, CellCode[]>();
  const durations = new Map<string, number[]>();
  const tagsById = new Map<string, string[]>();
  gridArtifacts.forEach((a, column) => {
    for (const f of a.fixtures) {
      tagsById.set(f.id, f.tags ?? []);
      let cells = cellsById.get(f.id);
      if (!cells) {
        cells = new Array<CellCode>(gridArtifacts.length).fill(".");
        cellsById.set(f.id, cells);
      }
      cells[column] = cellOf(f);
      if (
        f.status !== "skipped" && f.failure?.kind !== "interrupted" && !keptFromStarting(f)
      ) {
        let list = durations.get(f.id);
        if (!list) durations.set(f.id, list = []);
        list.push(shownMs(f.durationMs));
      }
    }
  });
  const grid: GridRow[] = [];
  for (const [id, list] of cellsById) {
    const cells = list.join("");
    let failures = 0;
    let retryPasses = 0;
    for (const c of list) {
      if (c === "f") failures++;
      else if (c === "r") retryPasses++;
    }
    grid.push({
      id,
      cells,
      ...flakiness(cells),
      failures,
      retryPasses,
      tags: tagsById.get(id) ?? [],
    });
  }
  grid.sort((a, b) =>
    b.score - a.score || b.flips - a.flips || b.retryPasses - a.retryPasses ||
    b.failures - a.failures || (a.id < b.id ? -1 : a.id > b.id ? 1 : 0)
  );

  const slowest: SlowView[] = [...durations].map(([id, list]) => ({
    id,
    medianMs: median(list),
    p95Ms: percentile(list, 95),
    maxMs: Math.max(...list),
    samples: list.length,
  })).sort((a, b) => b.p95Ms - a.p95Ms || b.medianMs - a.medianMs || (a.id < b.id ? -1 : 1))
    .slice(0, SLOWEST);

  let latest: LatestView | undefined;
  const failures: FailureView[] = [];
  if (latestArtifact) {
    const view = gridRuns.at(-1)!;
    const failed = blockedLast(latestArtifact.fixtures.filter((f) => f.status === "failed"));
    const blockedOf = blockedMap(latestArtifact.fixtures);
    const dir = history.artifactDir ?? ".planning/artifacts/smoke";
    const artifactFlag = latestArtifact.runId === history.latestRunId
      ? ""
      : ` --artifact ${shellQuote([`${dir}/runs/${latestArtifact.runId}.json`])}`;
    latest = {
      ...view,
      ago: timeAgo(new Date(view.startedAt), options.now),
      diagnostics: latestArtifact.diagnostics,
      recovered: latestArtifact.fixtures
        .filter((f) => f.previousStatus === "failed" && f.status === "passed")
        .map((f) => f.id),
      ...((latestArtifact.suite?.outstanding.length ?? failed.length)
        ? { rerunCommand: `${command} --rerun-failed${artifactFlag}` }
        : {}),
      ...(latestArtifact.combined
        ? { suite: suiteOf(latestArtifact.combined, latestArtifact.suite, inWindow) }
        : {}),
      ...(latestArtifact.services?.length
        ? {
          services: latestArtifact.services.map((s) => serviceView(s, options.tailChars ?? 4000)),
        }
        : {}),
    };
    const tailChars = options.tailChars ?? 4000;
    let budget = options.tailBudget ?? 1_000_000;
    const last = gridArtifacts.length - 1;
    for (const f of failed) {
      const cells = cellsById.get(f.id)!;
      // Interrupted in this run before it had a result: the streak is that of the runs before.
      const interrupted = cells[last] === "i";
      let start = interrupted ? -1 : last;
      let ended = false;
      for (let i = last - 1; i >= 0 && !ended; i--) {
        if (cells[i] === "f") start = i;
        else if (!NEUTRAL_CELLS.has(cells[i])) ended = true;
      }
      if (start < 0) start = last;
      const excerpt = budget > 0 ? failureExcerpt(f, REPORT_EXCERPT).blocks : [];
      const stdout = budget > 0 ? cutTail(f.stdoutTail, tailChars) : undefined;
      const stderr = budget > 0 ? cutTail(f.stderrTail, tailChars) : undefined;
      budget -= (stdout?.text.length ?? 0) + (stderr?.text.length ?? 0) +
        excerpt.reduce((n, b) => n + b.lines.join("\n").length, 0);
      const message = f.failure?.message ?? "";
      failures.push({
        id: f.id,
        kind: f.failure?.kind ?? "unknown",
        message: message.length > MESSAGE_CHARS
          ? `${message.slice(0, MESSAGE_CHARS)}… (${
            message.length - MESSAGE_CHARS
          } more characters)`
          : message,
        attempts: f.attempts,
        durationMs: shownMs(f.durationMs),
        exit: exitText(f),
        ...(excerpt.length ? { excerpt } : {}),
        ...(stdout ? { stdout } : {}),
        ...(stderr ? { stderr } : {}),
        tailsOmitted: !stdout && !stderr && Boolean(f.stdoutTail || f.stderrTail),
        ...(history.fixtureFiles?.[f.id] ? { file: history.fixtureFiles[f.id] } : {}),
        command: `${command} ${fixtureArgument(f.id)}`,
        failingSince: {
          runId: gridArtifacts[start].runId,
          startedAt: gridArtifacts[start].startedAt,
          runs: cells.slice(start).filter((c) => c === "f").length,
          maybeOlder: !ended && totalRuns > window.length,
          ...(interrupted ? { interrupted: true } : {}),
        },
        ...(f.previousStatus ? { previousStatus: f.previousStatus } : {}),
        ...(blockedOf.has(f.id) ? { blocked: blockedOf.get(f.id)! } : {}),
        ...(quarantinedFailure(f) ? { quarantined: { ...quarantinedFailure(f)! } } : {}),
      });
    }
  }
  const newest = timeline.at(-1);
  const newerError = newest && latest && newest.runId !== latest.runId && newest.diagnosticsOnly
    ? newest
    : undefined;

  return {
    generatedAt: options.now.toISOString(),
    ...(history.artifactDir ? { artifactDir: history.artifactDir } : {}),
    totalRuns,
    last: options.last,
    ...(latest ? { latest } : {}),
    ...(newerError ? { newerError } : {}),
    failures,
    timeline,
    marks: foldTimeline(timeline),
    gridRuns,
    grid,
    slowest,
    invalid: [...(history.invalid ?? [])],
  };
}
