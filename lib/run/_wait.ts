/**
 * Waiting a while, cut short by an interrupt or by whichever of some events
 * comes first, leaving no timer or listener behind.
 *
 * @module
 */
import { after } from "../base/timer.ts";

/** What ends a {@linkcode pause} early. */
export interface PauseOptions {
  /** An interrupt: the pause ends when it aborts. */
  signal?: AbortSignal;
  /** Events: the pause ends when the first of them settles. */
  until?: readonly Promise<unknown>[];
}

/**
 * Waits `ms`, or less when the signal aborts or one of the events settles.
 * Its timer and its abort listener are removed however it ends.
 *
 * @param ms The longest wait.
 * @param options The signal and the events that end it early.
 * @returns Settles when the wait is over.
 *
 * @example
 * ```ts
 * import { pause } from "./_wait.ts";
 * import assert from "node:assert/strict";
 *
 * const started = performance.now();
 * await pause(60_000, { until: [Promise.resolve()] });
 * assert.ok(performance.now() - started < 1000);
 * ```
 */
export function pause(ms: number, options: PauseOptions = {}): Promise<void> {
  const { signal } = options;
  return new Promise((resolve) => {
    const done = () => {
      timer.clear();
      signal?.removeEventListener("abort", done);
      resolve();
    };
    const timer = after(ms, done);
    if (signal?.aborted) return done();
    signal?.addEventListener("abort", done, { once: true });
    for (const event of options.until ?? []) event.then(done, done);
  });
}
