/**
 * The console reporter: one line per finished fixture, and on a terminal a
 * live status line below them.
 *
 * @module
 */
import { terminalControl } from "../base/safe_output.ts";
import { type Palette, renderFixtureLine, renderStatusLine } from "./console_render.ts";
import type { BeginInfo, FixtureEnd, Reporter } from "./reporter.ts";
import type { PlannedFixture } from "../selection/plan.ts";
import { isQuarantinedFailure } from "../artifact/quarantined.ts";
import { isBlocked } from "../artifact/blocked.ts";
import { every, type Timer } from "../base/timer.ts";

/** Back to the line's start and erase it: marked, so the output edge passes it on a terminal. */
const CLEAR_LINE = terminalControl("\r\x1b[2K");

/** Where the console reporter writes, and how. */
export interface ConsoleOptions {
  /** Writes text to standard output. */
  write(text: string): void;
  /** The palette (colour or not). */
  colors: Palette;
  /** Whether standard output is a terminal: enables the live status line. */
  live: boolean;
  /** Terminal width. */
  columns(): number;
  /** The clock, in milliseconds. */
  now(): number;
  /** How often the status line is redrawn. */
  refreshMs?: number;
}

/** A console reporter, with `close` to clear its status line. */
export interface ConsoleReporter extends Reporter {
  /** Clears the live status line and stops redrawing. */
  close(): void;
}

/**
 * Creates the console reporter.
 *
 * @param options Output, palette, terminal facts and clock.
 * @returns The reporter.
 *
 * @example
 * ```ts
 * import { createConsoleReporter } from "./console.ts";
 * import { palette } from "./console_render.ts";
 * import assert from "node:assert/strict";
 *
 * let out = "";
 * const reporter = createConsoleReporter({
 *   write: (text) => (out += text), colors: palette(false), live: false,
 *   columns: () => 80, now: () => 0,
 * });
 * const result = {
 *   id: "a", status: "passed" as const, durationMs: 5, attempts: 1, exitCode: 0, signal: null, timedOut: false,
 * };
 * reporter.onFixtureEnd!({ result, failedAttempts: [], outputLeaked: false });
 * reporter.close();
 * assert.equal(out, "PASS  a  5ms\n");
 * ```
 */
export function createConsoleReporter(options: ConsoleOptions): ConsoleReporter {
  const state = {
    done: 0,
    total: 0,
    passed: 0,
    failed: 0,
    blocked: 0,
    quarantined: 0,
    running: new Map<string, number>(),
  };
  let timer: Timer | undefined;
  let shown = false;
  const clear = () => {
    if (shown) options.write(CLEAR_LINE);
    shown = false;
  };
  const draw = () => {
    clear();
    options.write(renderStatusLine(state, options.now(), options.columns()));
    shown = true;
  };
  return {
    name: "console",
    onBegin(info: BeginInfo) {
      state.total = info.fixtures.length;
      if (options.live) {
        draw();
        timer = every(options.refreshMs ?? 250, draw);
      }
    },
    onFixtureBegin(planned: PlannedFixture) {
      state.running.set(planned.fixture.id, options.now());
    },
    onFixtureEnd(end: FixtureEnd) {
      state.running.delete(end.result.id);
      state.done++;
      if (end.result.status === "passed") state.passed++;
      else if (isBlocked(end.result)) state.blocked++;
      else if (isQuarantinedFailure(end.result)) state.quarantined++;
      else if (end.result.status === "failed") state.failed++;
      clear();
      options.write(renderFixtureLine(end, options.colors) + "\n");
      if (options.live) draw();
    },
    close() {
      timer?.clear();
      timer = undefined;
      clear();
    },
  };
}
