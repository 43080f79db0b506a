/**
 * Timers that do not load Deno's Node compatibility layer.
 *
 * In Deno 2.9 the global `setTimeout` and `setInterval` are Node's (they
 * return `Timeout` objects), and the first call loads that layer: ~10-15 ms
 * of start-up, a tenth of smoke's own, before the first fixture can start.
 * `AbortSignal.timeout` runs on Deno's own timer instead, but it cannot be
 * cancelled: its signal stays in Deno's timer queue until its deadline.
 *
 * So the timers live here, in a heap of deadlines, and only the earliest is
 * armed as an `AbortSignal.timeout`. A cleared timer leaves the heap at
 * once; a signal whose deadline no timer needs any more fires into the
 * heap, which arms the next. Fixture timeouts all lie "now + timeout" ahead,
 * later than the one armed, so 100,000 attempts arm a handful of signals,
 * not 100,000 (each ~1 KB until its deadline). With no timer left, no
 * signal has a listener, and none holds the event loop.
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

/** One pending timer: its deadline, its order among equal deadlines, its place in the heap. */
interface Entry {
  at: number;
  seq: number;
  /** Its place in the heap; -1 once it left (due, or cleared). */
  index: number;
  cleared: boolean;
  callback: () => void;
}

/**
 * An `AbortSignal.timeout` armed for a deadline, with the listener that wakes
 * the heap; while nothing waits its listener is off, so that it does not hold
 * the event loop, and it is taken up again by the next timer it can serve.
 */
interface Armed {
  at: number;
  signal: AbortSignal;
  listener: () => void;
  listening: boolean;
}

const heap: Entry[] = [];
const armed = new Set<Armed>();
let sequence = 0;

function earlier(a: Entry, b: Entry): boolean {
  return a.at < b.at || (a.at === b.at && a.seq < b.seq);
}

function place(entry: Entry, index: number): void {
  heap[index] = entry;
  entry.index = index;
}

function siftUp(index: number): void {
  const entry = heap[index];
  while (index > 0) {
    const parent = (index - 1) >> 1;
    if (!earlier(entry, heap[parent])) break;
    place(heap[parent], index);
    index = parent;
  }
  place(entry, index);
}

function siftDown(index: number): void {
  const entry = heap[index];
  for (;;) {
    const left = 2 * index + 1;
    if (left >= heap.length) break;
    const right = left + 1;
    const child = right < heap.length && earlier(heap[right], heap[left]) ? right : left;
    if (!earlier(heap[child], entry)) break;
    place(heap[child], index);
    index = child;
  }
  place(entry, index);
}

/** Takes an entry out of the heap (its index becomes -1). */
function remove(entry: Entry): void {
  const last = heap.pop()!;
  const index = entry.index;
  entry.index = -1;
  if (last === entry) return;
  place(last, index);
  siftDown(index);
  siftUp(last.index);
}

/**
 * Makes sure a signal listens for a deadline no later than the earliest timer's,
 * taking up an armed one where it can; with no timer waiting, none listens.
 */
function arm(): void {
  for (const a of armed) if (a.signal.aborted) armed.delete(a); // fired with no one listening
  if (heap.length === 0) {
    for (const a of armed) listen(a, false);
    return;
  }
  const next = heap[0].at;
  for (const a of armed) {
    if (a.at <= next) {
      listen(a, true);
      return;
    }
  }
  const wait = Math.max(0, Math.ceil(next - performance.now()));
  const signal = AbortSignal.timeout(wait);
  const entry: Armed = { at: next, signal, listener: () => wake(entry), listening: false };
  armed.add(entry);
  listen(entry, true);
}

function listen(a: Armed, on: boolean): void {
  if (a.listening === on) return;
  a.listening = on;
  if (on) a.signal.addEventListener("abort", a.listener, { once: true });
  else a.signal.removeEventListener("abort", a.listener);
}

/** An armed signal fired: runs what is due, in deadline order, then arms for the rest. */
function wake(fired: Armed): void {
  armed.delete(fired);
  const now = performance.now();
  const due: Entry[] = [];
  while (heap.length > 0 && heap[0].at <= now) {
    const entry = heap[0];
    remove(entry);
    due.push(entry);
  }
  arm();
  for (const entry of due) {
    // A timer cleared by one due before it in this same wake does not run, as with clearTimeout.
    if (entry.cleared) continue;
    try {
      entry.callback();
    } catch (error) {
      // As a throwing setTimeout callback: reported as uncaught, the other timers still run.
      reportError(error);
    }
  }
}

/** The wait `after` takes for `ms`: 0 to {@linkcode MAX_TIMER_MS}, 0 when not finite. */
function waitOf(ms: number): number {
  return Number.isFinite(ms) ? Math.min(Math.max(0, ms), MAX_TIMER_MS) : 0;
}

/**
 * Calls `callback` once, `ms` milliseconds from now, unless cleared first. A
 * wait that is not a finite number is 0; a wait over {@linkcode MAX_TIMER_MS}
 * is cut to it. Timers due at the same moment run in the order they were
 * made.
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
  const entry: Entry = {
    at: performance.now() + waitOf(ms),
    seq: sequence++,
    index: heap.length,
    cleared: false,
    callback,
  };
  heap.push(entry);
  siftUp(entry.index);
  arm();
  return {
    clear: () => {
      entry.cleared = true;
      if (entry.index < 0) return;
      remove(entry);
      arm();
    },
  };
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
  const schedule = () => {
    current = after(ms, () => {
      if (cleared) return;
      callback();
      if (!cleared) schedule();
    });
  };
  schedule();
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

/**
 * How many timers wait, and how many `AbortSignal.timeout`s listen for them
 * (`armed`) or are kept, not listening, for timers to come (`idle`): for
 * tests and diagnostics.
 *
 * @returns The counts.
 *
 * @example
 * ```ts
 * import { after, timerCounts } from "./timer.ts";
 * import assert from "node:assert/strict";
 *
 * const timers = Array.from({ length: 100 }, (_, i) => after(60_000 + i, () => {}));
 * assert.equal(timerCounts().armed, 1);
 * for (const timer of timers) timer.clear();
 * assert.equal(timerCounts().waiting, 0);
 * assert.equal(timerCounts().armed, 0);
 * ```
 */
export function timerCounts(): { waiting: number; armed: number; idle: number } {
  const listening = [...armed].filter((a) => a.listening).length;
  return { waiting: heap.length, armed: listening, idle: armed.size - listening };
}
