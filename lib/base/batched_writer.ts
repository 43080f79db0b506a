/**
 * Output to a pipe or a file, batched: text written within a short interval
 * goes out in one write. A run of 5,000 fast fixtures prints 5,000 lines;
 * written one by one, each write also wakes whatever reads the pipe (a CI
 * runner, `tee`, a test harness), which then competes with the fixtures for
 * the CPU. A terminal is written at once (see `smoke.ts`).
 *
 * A write that fails when no caller is there to hear it (the interval's
 * timer, a flush before another stream's write) is kept, and thrown to the
 * next caller of the writer: a full disk or a closed reader reaches the code
 * that writes, as it did when every line was written at once.
 *
 * @module
 */
import { after } from "./timer.ts";

/** Options of {@linkcode BatchedWriter.flush}. */
export interface FlushOptions {
  /**
   * Keep a failure for the next caller instead of throwing it (for a flush
   * made on behalf of another output: stderr, a report written to stdout).
   */
  quiet?: boolean;
}

/** A writer that holds text back for a while; {@linkcode BatchedWriter.flush} sends it now. */
export interface BatchedWriter {
  /**
   * Writes text (held back until the interval ends, the batch is full, or a flush).
   *
   * @throws {Error} What the underlying write threw, now or when a batch went out earlier.
   */
  (text: string): void;
  /**
   * Writes what is held back, now.
   *
   * @throws {Error} What the underlying write threw, now or earlier (unless `quiet`).
   */
  flush(options?: FlushOptions): void;
}

/** Options of {@linkcode batchedWriter}. */
export interface BatchOptions {
  /** The longest text waits, in milliseconds. */
  flushMs: number;
  /** A batch this long (in UTF-16 code units) is written at once. */
  maxChars: number;
  /** Starts the interval's timer (default: {@linkcode after}, which loads no Node layer). */
  setTimer?: (flush: () => void, ms: number) => { clear(): void };
}

/** Every batched writer made, for {@linkcode flushBatches}. */
const writers = new Set<BatchedWriter>();

/**
 * Sends what every batched writer holds back, now (a failure is kept for
 * each writer's next caller): for a write to smoke's own standard output or
 * error by another path (a JUnit file or a report written to `/dev/stdout`
 * or to a descriptor that is a copy of it), which must land after the lines
 * before it.
 *
 * @example
 * ```ts
 * import { batchedWriter, flushBatches } from "./batched_writer.ts";
 * import assert from "node:assert/strict";
 *
 * let out = "";
 * const write = batchedWriter((text) => (out += text), { flushMs: 100, maxChars: 1024 });
 * write("PASS  a  3ms\n");
 * flushBatches();
 * assert.equal(out, "PASS  a  3ms\n");
 * ```
 */
export function flushBatches(): void {
  for (const writer of writers) writer.flush({ quiet: true });
}

function defaultTimer(flush: () => void, ms: number): { clear(): void } {
  // A batch holds the event loop for at most `ms`; smoke's exits flush it anyway.
  return after(ms, flush);
}

/**
 * Batches writes: the first write of a batch starts a timer of `flushMs`;
 * when it ends, or the batch reaches `maxChars`, or `flush()` is called, the
 * batch goes to `write` as one text. Order is kept; nothing is written twice.
 * A batch whose write failed is dropped (as a failed write always was), and
 * the failure is thrown to the next call of the writer or of `flush()`.
 *
 * @param write The underlying write.
 * @param options The interval and the batch size.
 * @returns The batched writer.
 *
 * @example
 * ```ts
 * import { batchedWriter } from "./batched_writer.ts";
 * import assert from "node:assert/strict";
 *
 * const writes: string[] = [];
 * const out = batchedWriter((text) => writes.push(text), { flushMs: 100, maxChars: 1024 });
 * out("PASS  a  3ms\n");
 * out("PASS  b  2ms\n");
 * assert.deepEqual(writes, []);
 * out.flush();
 * assert.deepEqual(writes, ["PASS  a  3ms\nPASS  b  2ms\n"]);
 * ```
 *
 * @example A failure reaches the next caller
 * ```ts
 * import { batchedWriter } from "./batched_writer.ts";
 * import assert from "node:assert/strict";
 *
 * const out = batchedWriter(() => {
 *   throw new Error("No space left on device");
 * }, { flushMs: 100, maxChars: 1024 });
 * out("PASS  a  3ms\n");
 * out.flush({ quiet: true }); // as the timer does: nothing thrown
 * assert.throws(() => out("PASS  b  2ms\n"), /No space left/);
 * ```
 */
export function batchedWriter(
  write: (text: string) => void,
  options: BatchOptions,
): BatchedWriter {
  const setTimer = options.setTimer ?? defaultTimer;
  let pending: string[] = [];
  let chars = 0;
  let timer: { clear(): void } | undefined;
  /** A failure no caller has heard of yet. */
  let failure: { error: unknown } | undefined;
  const rethrow = () => {
    if (!failure) return;
    const { error } = failure;
    failure = undefined;
    throw error;
  };
  const send = () => {
    timer?.clear();
    timer = undefined;
    if (pending.length === 0) return;
    const text = pending.join("");
    pending = [];
    chars = 0;
    try {
      write(text);
    } catch (error) {
      failure ??= { error };
    }
  };
  const flush = (flushOptions: FlushOptions = {}) => {
    send();
    if (!flushOptions.quiet) rethrow();
  };
  const batched = (text: string) => {
    rethrow();
    if (text === "") return;
    pending.push(text);
    chars += text.length;
    if (chars >= options.maxChars) flush();
    else timer ??= setTimer(() => send(), options.flushMs);
  };
  const writer = Object.assign(batched, { flush });
  writers.add(writer);
  return writer;
}
