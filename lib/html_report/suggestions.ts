/**
 * What `smoke report` suggests: quarantine candidates (fixtures whose flip
 * rate over the report's window is above a threshold, leaving out those a
 * quarantine entry protects), the current quarantine entries with their owner
 * and days left, and the time to green of the latest red (from the first
 * failing run of the latest red streak to the first run after it whose suite
 * verdict is pass, across reruns). Pure: the history, the entries and the
 * clock come in; the console lines come out (the page has its own renderer).
 *
 * @module
 */
import { type Artifact, servicesFailed } from "../artifact/artifact.ts";
import { isBlocked } from "../artifact/blocked.ts";
import { interruptedWithoutResult } from "../artifact/not_run.ts";
import type { PlacedEntry } from "../config/quarantine_file.ts";
import type { GridRow } from "./history_model.ts";
import { timeAgo } from "./history_stats.ts";

/** When a fixture's flips make it a quarantine candidate. */
export interface FlipThreshold {
  /** At least this many flips in the window. */
  minFlips: number;
  /** And at least this share of its chances to flip (0 to 1). */
  minRate: number;
}

/** The default: 2 flips or more, on at least 20% of the chances to flip. */
export const CANDIDATE_THRESHOLD: FlipThreshold = { minFlips: 2, minRate: 0.2 };

/** A fixture worth quarantining. */
export interface Candidate {
  /** The fixture id. */
  id: string;
  /** Pass/fail changes in the window (a pass on a retry counts as fail then pass). */
  flips: number;
  /** Runs in the window where it passed or failed. */
  runs: number;
  /** Flips over the chances to flip, 0 to 1. */
  rate: number;
}

/** A quarantine entry as it stands today. */
export interface EntryStatus {
  /** The id or pattern. */
  id: string;
  /** Who fixes it. */
  owner: string;
  /** Why. */
  reason: string;
  /** The last day it protects, `YYYY-MM-DD`. */
  until: string;
  /** Days from today to `until`: 0 on the last day, negative once expired. */
  daysLeft: number;
}

/** The latest red streak of the suite's verdict. */
export interface RedStreak {
  /** The streak's first failing run. */
  firstRed: { runId: string; finishedAt: string };
  /** The first run after it whose suite verdict is pass; none while still red. */
  green?: { runId: string; finishedAt: string };
  /** Runs from the first red through the green one (or the newest, while red). */
  runs: number;
  /** From the end of the first red run to the end of the green one (or to now, while red). */
  ms: number;
  /** The streak starts at the window's first run, and older runs exist: it may be longer. */
  maybeOlder: boolean;
}

/** Everything the report suggests. */
export interface Suggestions {
  /** How many runs the window holds. */
  window: number;
  /** The threshold used. */
  threshold: FlipThreshold;
  /** Quarantine candidates, most flaky first. */
  candidates: Candidate[];
  /** The quarantine entries, when the config has any. */
  quarantine: EntryStatus[];
  /** The latest red streak, when the window has one. */
  red?: RedStreak;
}

/**
 * The fixtures whose flips reach the threshold, leaving out those already
 * quarantined; most flaky first.
 *
 * @param grid The report's rows: each fixture's flips, observed runs and score.
 * @param quarantined The fixtures a quarantine entry protects today.
 * @param threshold When flips make a candidate.
 * @returns The candidates.
 *
 * @example
 * ```ts
 * import { quarantineCandidates } from "./suggestions.ts";
 * import assert from "node:assert/strict";
 *
 * const grid = [
 *   { id: "a", flips: 5, observed: 6, score: 1 },
 *   { id: "b", flips: 1, observed: 6, score: 0.2 },
 *   { id: "c", flips: 4, observed: 6, score: 0.8 },
 * ];
 * assert.deepEqual(quarantineCandidates(grid, new Set(["c"])), [
 *   { id: "a", flips: 5, runs: 6, rate: 1 },
 * ]);
 * ```
 */
export function quarantineCandidates(
  grid: readonly Pick<GridRow, "id" | "flips" | "observed" | "score">[],
  quarantined: ReadonlySet<string>,
  threshold: FlipThreshold = CANDIDATE_THRESHOLD,
): Candidate[] {
  return grid
    .filter((row) =>
      !quarantined.has(row.id) && row.flips >= threshold.minFlips && row.score >= threshold.minRate
    )
    .map((row) => ({ id: row.id, flips: row.flips, runs: row.observed, rate: row.score }))
    .sort((a, b) => b.rate - a.rate || b.flips - a.flips || (a.id < b.id ? -1 : 1));
}

/** Days from one `YYYY-MM-DD` to another (negative when the second is earlier). */
function daysBetween(today: string, until: string): number {
  return Math.round((Date.parse(`${until}T00:00:00Z`) - Date.parse(`${today}T00:00:00Z`)) / 864e5);
}

/**
 * Each quarantine entry with its owner and the days it has left.
 *
 * @param entries The entries, as read from the config and its quarantine file.
 * @param today Today, `YYYY-MM-DD` (UTC).
 * @returns One status per entry, in the order written.
 *
 * @example
 * ```ts
 * import { quarantineStatus } from "./suggestions.ts";
 * import assert from "node:assert/strict";
 *
 * const entry = { id: "flaky/login", reason: "race", owner: "@alice", until: "2026-12-13" };
 * const [status] = quarantineStatus([{ entry, where: "smoke.jsonc: quarantine[0]" }], "2026-12-01");
 * assert.equal(status.daysLeft, 12);
 * ```
 */
export function quarantineStatus(entries: readonly PlacedEntry[], today: string): EntryStatus[] {
  return entries.map(({ entry }) => ({
    id: entry.id,
    owner: entry.owner,
    reason: entry.reason,
    until: entry.until,
    daysLeft: daysBetween(today, entry.until),
  }));
}

/**
 * An entry's days left in words.
 *
 * @param daysLeft Days to its `until` (0: the last day; negative: expired).
 * @returns E.g. `12 days left`, `last day today`, `expired 3 days ago`.
 *
 * @example
 * ```ts
 * import { daysLeftText } from "./suggestions.ts";
 * import assert from "node:assert/strict";
 *
 * assert.equal(daysLeftText(12), "12 days left");
 * assert.equal(daysLeftText(0), "last day today");
 * assert.equal(daysLeftText(-3), "expired 3 days ago");
 * ```
 */
export function daysLeftText(daysLeft: number): string {
  const days = (n: number) => `${n} day${n === 1 ? "" : "s"}`;
  if (daysLeft > 0) return `${days(daysLeft)} left`;
  if (daysLeft === 0) return "last day today";
  return `expired ${days(-daysLeft)} ago`;
}

/** The verdict of the suite after a run: a rerun's or a shard's combined verdict, else its own. */
function suiteVerdict(run: Pick<Artifact, "result" | "combined">): "pass" | "fail" {
  return (run.combined?.result ?? run.result) === "pass" ? "pass" : "fail";
}

/**
 * A run a signal stopped before any fixture failed on its own: no verdict on the suite. Not
 * failures of their own: a fixture the signal stopped before it had a result, one blocked by a
 * need (the need's own result says), a quarantined failure. A service that was not ready, or
 * exited, is a failure of the run.
 */
function stoppedWithoutVerdict(
  run: Pick<Artifact, "interrupted" | "fixtures" | "services">,
): boolean {
  return run.interrupted === true && !servicesFailed(run.services) &&
    run.fixtures.every((f) =>
      f.status !== "failed" || interruptedWithoutResult(f) || isBlocked(f) ||
      f.quarantined !== undefined
    );
}

/**
 * The latest red streak of the suite's verdict over the window: from its
 * first failing run to the first run after it whose verdict is pass, across
 * reruns. Runs where nothing ran (a failed preflight), and runs a signal
 * stopped before any fixture failed on its own (Ctrl-C), say nothing about
 * the suite and are left out.
 *
 * @param runs The runs, in any order.
 * @param options The window (`last` runs), the clock, and how many runs there are in all.
 * @returns The streak; undefined when no run of the window was red.
 *
 * @example
 * ```ts
 * import { latestRed } from "./suggestions.ts";
 * import assert from "node:assert/strict";
 *
 * const run = (runId: string, minute: number, result: "pass" | "fail") => ({
 *   runId, result, fixtures: [{}], startedAt: new Date(minute * 60_000).toISOString(),
 *   finishedAt: new Date(minute * 60_000 + 1000).toISOString(),
 * });
 * const runs = [run("r1", 0, "pass"), run("r2", 10, "fail"), run("r3", 20, "fail"), run("r4", 40, "pass")];
 * const red = latestRed(runs as never, { last: 50, now: new Date(3600_000) });
 * assert.equal(red?.firstRed.runId, "r2");
 * assert.equal(red?.green?.runId, "r4");
 * assert.equal(red?.runs, 3);
 * assert.equal(red?.ms, 30 * 60_000);
 * ```
 */
export function latestRed(
  runs: readonly Pick<
    Artifact,
    | "runId"
    | "startedAt"
    | "finishedAt"
    | "result"
    | "combined"
    | "fixtures"
    | "interrupted"
    | "services"
  >[],
  options: { last: number; now: Date; totalRuns?: number },
): RedStreak | undefined {
  const key = (a: { startedAt: string; runId: string }) => `${a.startedAt}\u0000${a.runId}`;
  const sorted = [...runs].sort((a, b) => key(a) < key(b) ? -1 : key(a) > key(b) ? 1 : 0);
  const window = sorted.slice(-Math.max(1, options.last));
  const ran = window.filter((a) => a.fixtures.length > 0 && !stoppedWithoutVerdict(a));
  let lastRed = -1;
  for (let i = ran.length - 1; i >= 0 && lastRed < 0; i--) {
    if (suiteVerdict(ran[i]) === "fail") lastRed = i;
  }
  if (lastRed < 0) return undefined;
  let first = lastRed;
  while (first > 0 && suiteVerdict(ran[first - 1]) === "fail") first--;
  const firstRed = ran[first];
  const green = ran[lastRed + 1];
  const end = green ? Date.parse(green.finishedAt) : options.now.getTime();
  const older = Math.max(options.totalRuns ?? 0, sorted.length) > window.length;
  return {
    firstRed: { runId: firstRed.runId, finishedAt: firstRed.finishedAt },
    ...(green ? { green: { runId: green.runId, finishedAt: green.finishedAt } } : {}),
    runs: (green ? lastRed + 2 : ran.length) - first,
    ms: Math.max(0, end - Date.parse(firstRed.finishedAt)),
    maybeOlder: first === 0 && older,
  };
}

/** What {@linkcode buildSuggestions} reads. */
export interface SuggestionsInput {
  /** The report's grid rows over the window. */
  grid: readonly Pick<GridRow, "id" | "flips" | "observed" | "score">[];
  /** The runs the report read. */
  runs: readonly Pick<
    Artifact,
    "runId" | "startedAt" | "finishedAt" | "result" | "combined" | "fixtures"
  >[];
  /** The window: how many runs. */
  last: number;
  /** How many valid runs there are in all. */
  totalRuns?: number;
  /** The clock. */
  now: Date;
  /** The quarantine entries, and the fixtures they protect today. */
  quarantine?: { entries: readonly PlacedEntry[]; protects: ReadonlySet<string> };
  /** When flips make a candidate (default {@linkcode CANDIDATE_THRESHOLD}). */
  threshold?: FlipThreshold;
}

/**
 * Everything the report suggests, from the window of runs and the quarantine.
 *
 * @param input The grid, the runs, the window, the clock and the quarantine.
 * @returns The suggestions.
 *
 * @example
 * ```ts
 * import { buildSuggestions } from "./suggestions.ts";
 * import assert from "node:assert/strict";
 *
 * const s = buildSuggestions({
 *   grid: [{ id: "a", flips: 3, observed: 4, score: 1 }], runs: [], last: 50, now: new Date(),
 * });
 * assert.deepEqual(s.candidates.map((c) => c.id), ["a"]);
 * assert.equal(s.red, undefined);
 * ```
 */
export function buildSuggestions(input: SuggestionsInput): Suggestions {
  const threshold = input.threshold ?? CANDIDATE_THRESHOLD;
  const red = latestRed(input.runs, input);
  return {
    window: Math.min(input.runs.length, Math.max(1, input.last)),
    threshold,
    candidates: quarantineCandidates(
      input.grid,
      input.quarantine?.protects ?? new Set(),
      threshold,
    ),
    quarantine: quarantineStatus(
      input.quarantine?.entries ?? [],
      input.now.toISOString().slice(0, 10),
    ),
    ...(red ? { red } : {}),
  };
}

/**
 * A span of time, short: `45s`, `12m`, `2h 14m`, `3d 4h`.
 *
 * @param ms Milliseconds.
 * @returns The span in words.
 *
 * @example
 * ```ts
 * import { formatSpan } from "./suggestions.ts";
 * import assert from "node:assert/strict";
 *
 * assert.equal(formatSpan((2 * 60 + 14) * 60_000), "2h 14m");
 * assert.equal(formatSpan(45_000), "45s");
 * ```
 */
export function formatSpan(ms: number): string {
  const s = Math.floor(Math.max(0, ms) / 1000);
  if (s < 60) return `${s}s`;
  const m = Math.floor(s / 60);
  if (m < 60) return `${m}m`;
  const h = Math.floor(m / 60);
  if (h < 24) return `${h}h ${m % 60}m`;
  return `${Math.floor(h / 24)}d ${h % 24}h`;
}

/**
 * A candidate in words.
 *
 * @param c The candidate.
 * @returns E.g. `api/a flipped 6 times in 20 runs (32%)`.
 *
 * @example
 * ```ts
 * import { candidateText } from "./suggestions.ts";
 * import assert from "node:assert/strict";
 *
 * assert.equal(candidateText({ id: "api/a", flips: 6, runs: 20, rate: 6 / 19 }), "api/a flipped 6 times in 20 runs (32%)");
 * ```
 */
export function candidateText(c: Candidate): string {
  return `${c.id} flipped ${c.flips} time${c.flips === 1 ? "" : "s"} in ${c.runs} runs ` +
    `(${Math.round(c.rate * 100)}%)`;
}

/**
 * The latest red streak in words.
 *
 * @param red The streak.
 * @param now The clock, for how long ago a streak still red started.
 * @returns E.g. `Time to green of the latest red: 2h 14m (run X failed ... run Y green, 3 runs)`.
 *
 * @example
 * ```ts
 * import { redText } from "./suggestions.ts";
 * import assert from "node:assert/strict";
 *
 * const red = { firstRed: { runId: "r2", finishedAt: "2026-01-01T00:00:00Z" }, runs: 2, ms: 7200_000, maybeOlder: false };
 * assert.equal(redText(red, new Date("2026-01-01T02:00:00Z")), "Red since run r2 (2 h ago, 2 runs)");
 * ```
 */
export function redText(red: RedStreak, now: Date): string {
  const runs = `${red.maybeOlder ? "at least " : ""}${red.runs} run${red.runs === 1 ? "" : "s"}`;
  if (!red.green) {
    return `Red since run ${red.firstRed.runId} (${
      timeAgo(new Date(red.firstRed.finishedAt), now)
    }, ${runs})`;
  }
  return `Time to green of the latest red: ${red.maybeOlder ? "at least " : ""}${
    formatSpan(red.ms)
  } (run ${red.firstRed.runId} failed ... run ${red.green.runId} green, ${runs})`;
}

/**
 * The console lines of the suggestions.
 *
 * @param s The suggestions.
 * @param now The clock.
 * @returns The lines.
 *
 * @example
 * ```ts
 * import { CANDIDATE_THRESHOLD, renderSuggestions } from "./suggestions.ts";
 * import assert from "node:assert/strict";
 *
 * const lines = renderSuggestions({
 *   window: 6, threshold: CANDIDATE_THRESHOLD, quarantine: [],
 *   candidates: [{ id: "api/a", flips: 5, runs: 6, rate: 1 }],
 * }, new Date());
 * assert.deepEqual(lines, [
 *   "Quarantine candidates (2+ flips, on 20%+ of the chances to flip, in the last 6 runs):",
 *   "  api/a flipped 5 times in 6 runs (100%)",
 *   "No red run in the last 6 runs.",
 * ]);
 * ```
 */
export function renderSuggestions(s: Suggestions, now: Date): string[] {
  const lastRuns = `the last ${s.window} run${s.window === 1 ? "" : "s"}`;
  const lines: string[] = [];
  const rule = `${s.threshold.minFlips}+ flips, on ${
    Math.round(s.threshold.minRate * 100)
  }%+ of the chances to flip`;
  if (s.candidates.length) {
    lines.push(`Quarantine candidates (${rule}, in ${lastRuns}):`);
    for (const c of s.candidates) lines.push(`  ${candidateText(c)}`);
  } else {
    lines.push(`Quarantine candidates: none (${rule}, in ${lastRuns})`);
  }
  if (s.quarantine.length) {
    lines.push(
      `Quarantined (${s.quarantine.length} entr${s.quarantine.length === 1 ? "y" : "ies"}):`,
    );
    for (const q of s.quarantine) {
      lines.push(`  ${q.id}: ${q.owner}, ${daysLeftText(q.daysLeft)} (${q.reason})`);
    }
  }
  lines.push(s.red ? redText(s.red, now) : `No red run in ${lastRuns}.`);
  return lines;
}
