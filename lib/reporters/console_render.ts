/**
 * Pure renderers of the console report: fixture lines, the live status line,
 * the failures section, the repeat block (the summary is `console_summary.ts`).
 *
 * @module
 */
import { displayName, terminalControl } from "../base/safe_output.ts";
import type { FixtureResult } from "../artifact/artifact.ts";
import type { FixtureEnd } from "./reporter.ts";
import { failureExcerpt } from "./failure_excerpt.ts";
import { causeGroupLine, groupCauses } from "../artifact/failure_causes.ts";
import { blockedBy, blockedGroupLine, groupBlocked, isBlocked } from "../artifact/blocked.ts";
import { repeatVerdict } from "../run/repeat.ts";
import { keptFromStarting } from "../artifact/not_run.ts";

/** Colour functions; identity when colour is off. */
export interface Palette {
  /** Passed. */
  green(text: string): string;
  /** Failed. */
  red(text: string): string;
  /** Skipped, flaky, warnings. */
  yellow(text: string): string;
  /** Less important. */
  dim(text: string): string;
  /** Headings. */
  bold(text: string): string;
}

/**
 * Whether output gets ANSI colour: only on a terminal, and not with
 * `--no-color` or a non-empty `NO_COLOR`.
 *
 * @param facts Terminal, flag and environment.
 * @returns True when colour is wanted.
 *
 * @example
 * ```ts
 * import { colorWanted } from "./console_render.ts";
 * import assert from "node:assert/strict";
 *
 * assert.equal(colorWanted({ isTerminal: true, noColor: false, env: {} }), true);
 * assert.equal(colorWanted({ isTerminal: true, noColor: false, env: { NO_COLOR: "1" } }), false);
 * assert.equal(colorWanted({ isTerminal: false, noColor: false, env: {} }), false);
 * ```
 */
export function colorWanted(
  facts: { isTerminal: boolean; noColor: boolean; env: Readonly<Record<string, string>> },
): boolean {
  const noColorEnv = "NO_COLOR" in facts.env && facts.env.NO_COLOR !== "";
  return facts.isTerminal && !facts.noColor && !noColorEnv;
}

/**
 * A palette with or without ANSI colour.
 *
 * @param color Whether to colour.
 * @returns The palette.
 *
 * @example
 * ```ts
 * import { palette } from "./console_render.ts";
 * import assert from "node:assert/strict";
 *
 * import { createSafeWriter } from "../base/safe_output.ts";
 *
 * assert.equal(palette(false).red("x"), "x");
 * let screen = "";
 * createSafeWriter((t) => (screen += t), { terminal: true, github: false })(palette(true).red("x"));
 * assert.equal(screen, "\x1b[31mx\x1b[39m");
 * ```
 */
export function palette(color: boolean): Palette {
  const wrap = (open: number, close: number) => {
    // Marked as smoke's own, so the output edge passes them on a terminal (and nothing else).
    const start = terminalControl(`\x1b[${open}m`);
    const end = terminalControl(`\x1b[${close}m`);
    return (text: string) => color ? `${start}${text}${end}` : text;
  };
  return {
    green: wrap(32, 39),
    red: wrap(31, 39),
    yellow: wrap(33, 39),
    dim: wrap(2, 22),
    bold: wrap(1, 22),
  };
}

/**
 * Formats a duration for people: `850ms`, `2.1s`, `3m04s`.
 *
 * @param ms Milliseconds.
 * @returns The short form.
 *
 * @example
 * ```ts
 * import { formatDuration } from "./console_render.ts";
 * import assert from "node:assert/strict";
 *
 * assert.equal(formatDuration(850), "850ms");
 * assert.equal(formatDuration(2140), "2.1s");
 * assert.equal(formatDuration(184000), "3m04s");
 * ```
 */
export function formatDuration(ms: number): string {
  if (ms < 1000) return `${Math.round(ms)}ms`;
  if (ms < 60_000) return `${(ms / 1000).toFixed(1)}s`;
  const minutes = Math.floor(ms / 60_000);
  const seconds = Math.floor((ms % 60_000) / 1000);
  return `${minutes}m${String(seconds).padStart(2, "0")}s`;
}

/**
 * How many attempts a fixture took, when more than one: `after 3 attempts`
 * (the same words on its line and in its failure block, so one search finds
 * every retried fixture).
 *
 * @param attempts Attempts made.
 * @returns The words, or an empty string for one attempt (or none).
 *
 * @example
 * ```ts
 * import { afterAttempts } from "./console_render.ts";
 * import assert from "node:assert/strict";
 *
 * assert.equal(afterAttempts(3), "after 3 attempts");
 * assert.equal(afterAttempts(1), "");
 * ```
 */
export function afterAttempts(attempts: number): string {
  return attempts > 1 ? `after ${attempts} attempts` : "";
}

/**
 * One line for a finished fixture. A fixture that took more than one attempt
 * says so: `flaky: passed after 2 attempts`, or `after 3 attempts` before a
 * failure's kind. Under `--repeat N` the line ends with `k/N passed`.
 *
 * @param end The fixture's end.
 * @param colors The palette.
 * @returns The line, without a newline.
 *
 * @example
 * ```ts
 * import { palette, renderFixtureLine } from "./console_render.ts";
 * import assert from "node:assert/strict";
 *
 * const result = {
 *   id: "api/health", status: "failed" as const, durationMs: 2100, attempts: 1, exitCode: null,
 *   signal: "SIGTERM", timedOut: true, failure: { kind: "timeout" as const, message: "Timed out after 2000 ms" },
 * };
 * assert.equal(
 *   renderFixtureLine({ result, failedAttempts: [], outputLeaked: false }, palette(false)),
 *   "FAIL  api/health  2.1s  timeout: Timed out after 2000 ms",
 * );
 * assert.equal(
 *   renderFixtureLine({ result: { ...result, attempts: 3 }, failedAttempts: [], outputLeaked: false }, palette(false)),
 *   "FAIL  api/health  2.1s  after 3 attempts  timeout: Timed out after 2000 ms",
 * );
 * ```
 */
export function renderFixtureLine(end: FixtureEnd, colors: Palette): string {
  const { result } = end;
  const time = colors.dim(formatDuration(result.durationMs));
  const leak =
    (end.outputLeaked ? colors.yellow("  (an escaped process held its output open)") : "") +
    (result.repeat ? `  ${result.repeat.passed}/${result.repeat.runs} passed` : "");
  switch (result.status) {
    case "passed": {
      const flaky = result.flaky
        ? `  ${colors.yellow(`flaky: passed ${afterAttempts(result.attempts)}`)}`
        : "";
      return `${colors.green("PASS")}  ${result.id}  ${time}${flaky}${leak}`;
    }
    case "failed": {
      if (isBlocked(result)) return blockedLine(result, colors);
      const failure = result.failure
        ? `  ${result.failure.kind}: ${firstLine(result.failure.message)}`
        : "";
      const attempts = afterAttempts(result.attempts);
      // A quarantined failure is shown, in yellow, with who owns it: it does not fail the run.
      const q = result.quarantined;
      const label = q ? colors.yellow("FAIL") : colors.red("FAIL");
      const quarantined = q
        ? colors.yellow(
          `  (quarantined until ${displayName(q.until)}, owner ${
            displayName(q.owner)
          }: does not fail the run)`,
        )
        : "";
      return `${label}  ${result.id}  ${time}${
        attempts ? `  ${attempts}` : ""
      }${failure}${quarantined}${leak}`;
    }
    case "skipped":
      // The reason is a manifest's (or an artifact's) text: one line, never lines of its own.
      return `${colors.yellow("SKIP")}  ${result.id}${
        result.skipReason ? `  ${displayName(result.skipReason)}` : ""
      }`;
  }
}

/** A blocked fixture never started: no time, no failure of its own, only its need. */
function blockedLine(result: FixtureEnd["result"], colors: Palette): string {
  return `${colors.yellow("BLOCK")}  ${result.id}  blocked by ${blockedBy(result)}`;
}

function firstLine(text: string): string {
  const index = text.indexOf("\n");
  return index === -1 ? text : text.slice(0, index);
}

/** What the live status line shows. */
export interface StatusState {
  /** Finished fixtures. */
  done: number;
  /** All fixtures of the run. */
  total: number;
  /** Passed so far. */
  passed: number;
  /** Failed so far (neither blocked nor quarantined). */
  failed: number;
  /** Blocked by a need that did not pass, so far. */
  blocked?: number;
  /** Quarantined failures so far (they do not fail the run). */
  quarantined?: number;
  /** Running fixtures and when each started. */
  running: ReadonlyMap<string, number>;
}

/**
 * The live status line: done/total, counts (quarantined and blocked apart
 * from failed, once there are any, as the summary counts them; fixtures kept
 * from starting are counted only once the run has ended), and the
 * running fixtures with how long each has run, cut to the terminal width.
 *
 * @param state Progress so far.
 * @param now The current time, same clock as the start times.
 * @param width The terminal width.
 * @returns The line, without a newline.
 *
 * @example
 * ```ts
 * import { renderStatusLine } from "./console_render.ts";
 * import assert from "node:assert/strict";
 *
 * const line = renderStatusLine(
 *   { done: 3, total: 10, passed: 2, failed: 1, running: new Map([["api/a", 0]]) },
 *   1500,
 *   80,
 * );
 * assert.equal(line, "[3/10] 2 passed, 1 failed | running: api/a 1.5s");
 * ```
 */
export function renderStatusLine(state: StatusState, now: number, width: number): string {
  const running = [...state.running].map(([id, start]) => `${id} ${formatDuration(now - start)}`);
  const line = `[${state.done}/${state.total}] ${state.passed} passed, ${state.failed} failed` +
    (state.quarantined ? `, ${state.quarantined} quarantined` : "") +
    (state.blocked ? `, ${state.blocked} blocked` : "") +
    (running.length ? ` | running: ${running.join(", ")}` : "");
  return line.length > width - 1 ? line.slice(0, Math.max(0, width - 2)) + "…" : line;
}

/** How much of the output a failure block shows (see {@linkcode failureExcerpt}). */
const CONSOLE_EXCERPT = { maxLines: 30, maxBytes: 8192, lastLines: 12 };

/**
 * The failures section: each failed fixture with its kind (and, after
 * retries, `failed after N attempts`), message, file and the lines of its
 * output that explain the failure: both streams where both have text, each
 * labelled, error lines first (see {@linkcode failureExcerpt}). When three or
 * more failures share a cause (see `groupCauses`), one line per such group
 * leads the section, naming the cause, its address, the count and the
 * fixtures; the first fixture of a group shows its output, the others only
 * their message and `(same cause as <first>: <cause>)`.
 *
 * @param ends Every fixture's end.
 * @param colors The palette.
 * @returns The section's lines (empty when nothing failed).
 *
 * @example
 * ```ts
 * import { palette, renderFailures } from "./console_render.ts";
 * import assert from "node:assert/strict";
 *
 * const result = {
 *   id: "a", status: "failed" as const, durationMs: 1, attempts: 1, exitCode: 1, signal: null,
 *   timedOut: false, failure: { kind: "exit-code" as const, message: "Exited with code 1, expected 0" },
 *   stderrTail: "boom\n",
 * };
 * const lines = renderFailures([{ result, failedAttempts: [], outputLeaked: false }], palette(false));
 * assert.deepEqual(lines, ["Failures:", "", "  1) a  [exit-code]", "     Exited with code 1, expected 0", "     stderr (last lines):", "       boom", ""]);
 * ```
 */
export function renderFailures(ends: readonly FixtureEnd[], colors: Palette): string[] {
  // Fixtures --max-failures kept from starting have no failure of their own: the summary counts them.
  // Blocked fixtures have no failure of their own either: one line per need that blocked them.
  const failed = ends.filter((end) =>
    end.result.status === "failed" && !keptFromStarting(end.result)
  );
  const blocked = groupBlocked(ends.map((end) => end.result));
  if (failed.length === 0 && blocked.length === 0) return [];
  const lines = [colors.bold("Failures:"), ""];
  // Three or more failures with one cause: one line names it, and only the first shows output.
  const groups = groupCauses(failed.map((end) => end.result));
  for (const group of groups) lines.push(colors.yellow(causeGroupLine(group)));
  if (groups.length) lines.push("");
  const firstOf = new Map<string, { first: string; label: string }>();
  for (const { cause, ids } of groups) {
    for (const id of ids.slice(1)) firstOf.set(id, { first: ids[0], label: cause.label });
  }
  failed.forEach(({ result, planned }, index) => {
    const attempts = afterAttempts(result.attempts);
    const q = result.quarantined;
    lines.push(
      `  ${index + 1}) ${q ? colors.yellow(result.id) : colors.red(result.id)}  [${
        result.failure?.kind ?? "failed"
      }]${attempts ? `  failed ${attempts}` : ""}${
        q ? colors.yellow(`  quarantined until ${q.until} (${q.owner}: ${q.reason})`) : ""
      }`,
    );
    for (const line of (result.failure?.message ?? "").split("\n")) lines.push(`     ${line}`);
    if (planned?.fixture.file) lines.push(colors.dim(`     file: ${planned.fixture.file}`));
    const same = firstOf.get(result.id);
    if (same) {
      lines.push(colors.dim(`     (same cause as ${same.first}: ${same.label})`), "");
      return;
    }
    for (const block of failureExcerpt(result, CONSOLE_EXCERPT).blocks) {
      lines.push(`     ${block.heading}`);
      for (const line of block.lines) lines.push(colors.dim(`       ${line}`));
    }
    lines.push("");
  });
  for (const group of blocked) lines.push(colors.yellow(blockedGroupLine(group)));
  if (blocked.length) lines.push("");
  return lines;
}

/** The order of the `Repeat:` block: what needs attention first. */
const VERDICT_ORDER = ["flaky", "steady fail", "interrupted", "steady pass"];

/**
 * The `Repeat:` block of the summary (`--repeat N`): one line per fixture
 * that ran repeatedly, with its verdict, passes/N and first-attempt pass
 * rate, flaky first, then steady fail, interrupted and steady pass (by id
 * within each). Empty when no fixture ran repeatedly.
 *
 * @param results The artifact's results (those without a `repeat` record are left out).
 * @param colors The palette.
 * @returns The block's lines.
 *
 * @example
 * ```ts
 * import { palette, renderRepeat } from "./console_render.ts";
 * import assert from "node:assert/strict";
 *
 * const lines = renderRepeat([
 *   { id: "ok", repeat: { runs: 4, passed: 4, firstAttemptPassed: 4, outcomes: "PPPP" } },
 *   { id: "api/flip", repeat: { runs: 4, passed: 2, firstAttemptPassed: 2, outcomes: "PFPF" } },
 * ], palette(false));
 * assert.deepEqual(lines, [
 *   "Repeat: 2 fixtures, 4 runs each",
 *   "  flaky        api/flip  2/4 passed  first attempt 50%",
 *   "  steady pass  ok        4/4 passed  first attempt 100%",
 * ]);
 * ```
 */
export function renderRepeat(
  results: readonly Pick<FixtureResult, "id" | "repeat">[],
  colors: Palette,
): string[] {
  const rows = results.filter((r) => r.repeat).map((r) => {
    const repeat = r.repeat!;
    const made = repeat.outcomes.length;
    return {
      id: r.id,
      verdict: repeatVerdict(repeat),
      passes: `${repeat.passed}/${repeat.runs} passed`,
      rate: `first attempt ${made ? Math.round((100 * repeat.firstAttemptPassed) / made) : 0}%`,
      cut: made < repeat.runs ? `  (stopped after ${made} of ${repeat.runs} runs)` : "",
    };
  }).sort((a, b) =>
    VERDICT_ORDER.indexOf(a.verdict) - VERDICT_ORDER.indexOf(b.verdict) ||
    (a.id < b.id ? -1 : a.id > b.id ? 1 : 0)
  );
  if (rows.length === 0) return [];
  const width = (key: "verdict" | "id" | "passes") =>
    Math.max(...rows.map((row) => row[key].length));
  const runs = new Set(results.flatMap((r) => r.repeat ? [r.repeat.runs] : []));
  const each = runs.size === 1 ? `, ${[...runs][0]} runs each` : "";
  const color = (verdict: string) =>
    verdict === "steady pass"
      ? colors.green
      : verdict === "steady fail"
      ? colors.red
      : colors.yellow;
  return [
    `Repeat: ${rows.length} fixture${rows.length === 1 ? "" : "s"}${each}`,
    ...rows.map((row) =>
      `  ${color(row.verdict)(row.verdict.padEnd(width("verdict")))}  ${
        row.id.padEnd(width("id"))
      }  ${row.passes.padEnd(width("passes"))}  ${row.rate}${row.cut}`
    ),
  ];
}
