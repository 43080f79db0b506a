/**
 * Timers that do not load Deno's Node compatibility layer.
 *
 * In Deno 2.9 the global `setTimeout` and `setInterval` are Node's (they
 * return `Timeout` objects), and the first call loads that layer: ~10-15 ms
 * of start-up, a tenth of smoke's own, before the first fixture can start.
 * `AbortSignal.timeout` runs on Deno's own timer instead. Its timer cannot be
 * cancelled, but a signal with no listener left holds the event loop no
 * longer: a cleared timer is one whose listener is gone, and it fires into
 * nothing.
 *
 * @module
 */

/** The longest wait a timer takes (about 24.8 days); longer waits are cut to it. */
export const MAX_TIMER_MS = 2_147_483_647;

/** A timer that can be cleared; clearing it again does nothing. */
export interface Timer {
  /** Stops the timer: its callback will not run. */
  clear(): void;
}

/** The wait `AbortSignal.timeout` takes for `ms`: a whole number, 0 to {@linkcode MAX_TIMER_MS}. */
function waitOf(ms: number): number {
  return Number.isFinite(ms) ? Math.min(Math.max(0, Math.ceil(ms)), MAX_TIMER_MS) : 0;
}

/**
 * Calls `callback` once, `ms` milliseconds from now, unless cleared first. A
 * wait that is not a finite number is 0; a fraction is rounded up; a wait
 * over {@linkcode MAX_TIMER_MS} is cut to it.
 *
 * @param ms The wait in milliseconds.
 * @param callback What to call.
 * @returns The timer.
 *
 * @example
 * ```ts
 * import { after } from "./timer.ts";
 * import assert from "node:assert/strict";
 *
 * let fired = 0;
 * await new Promise<void>((resolve) => after(5, () => { fired++; resolve(); }));
 * after(1, () => fired++).clear();
 * await new Promise<void>((resolve) => after(20, resolve));
 * assert.equal(fired, 1);
 * ```
 */
export function after(ms: number, callback: () => void): Timer {
  const signal = AbortSignal.timeout(waitOf(ms));
  const listener = () => callback();
  signal.addEventListener("abort", listener, { once: true });
  return { clear: () => signal.removeEventListener("abort", listener) };
}

/**
 * Calls `callback` every `ms` milliseconds until cleared (each wait starts
 * when the previous call returns).
 *
 * @param ms The interval in milliseconds.
 * @param callback What to call.
 * @returns The timer.
 *
 * @example
 * ```ts
 * import { every, after } from "./timer.ts";
 * import assert from "node:assert/strict";
 *
 * let ticks = 0;
 * const timer = every(2, () => ticks++);
 * await new Promise<void>((resolve) => after(40, resolve));
 * timer.clear();
 * const seen = ticks;
 * await new Promise<void>((resolve) => after(20, resolve));
 * assert.ok(seen >= 2);
 * assert.equal(ticks, seen);
 * ```
 */
export function every(ms: number, callback: () => void): Timer {
  let current: Timer | undefined;
  let cleared = false;
  const arm = () => {
    current = after(ms, () => {
      if (cleared) return;
      callback();
      if (!cleared) arm();
    });
  };
  arm();
  return {
    clear: () => {
      cleared = true;
      current?.clear();
    },
  };
}

/**
 * Waits `ms` milliseconds.
 *
 * @param ms The wait in milliseconds (as {@linkcode after} takes it).
 * @returns Resolves when the wait is over.
 *
 * @example
 * ```ts
 * import { sleep } from "./timer.ts";
 * import assert from "node:assert/strict";
 *
 * const started = performance.now();
 * await sleep(10);
 * assert.ok(performance.now() - started >= 9);
 * ```
 */
export function sleep(ms: number): Promise<void> {
  return new Promise((resolve) => after(ms, resolve));
}
