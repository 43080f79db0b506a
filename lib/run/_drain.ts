/**
 * Draining a child's output stream into a {@linkcode StreamCapture}, for
 * fixtures and services alike.
 *
 * @module
 */
import type { StreamCapture } from "./_capture.ts";

/** A stream being drained. */
export interface Drain {
  /** Settles when the stream has ended (or its read was cancelled). */
  done: Promise<void>;
  /** Whether the stream has ended. */
  state: { finished: boolean };
  /** Stops reading: for output held open by a process that escaped. */
  cancel: () => Promise<void>;
}

/** Bytes asked for per read of a fixture's output. */
const READ_BYTES = 64 * 1024;

/**
 * Read buffers no drain holds now, for the next: a run of thousands of quiet
 * fixtures otherwise allocated (and zeroed) two 64 KiB buffers per fixture.
 * At most a few are kept; a burst of concurrent drains allocates the rest.
 */
const spareBuffers: ArrayBuffer[] = [];
const MAX_SPARE_BUFFERS = 8;

/**
 * Reads a stream to its end into a capture.
 *
 * @param stream The child's stdout or stderr.
 * @param capture Where its bytes go.
 * @returns The drain.
 *
 * @example
 * ```ts
 * import { drain } from "./_drain.ts";
 * import { StreamCapture } from "./_capture.ts";
 * import assert from "node:assert/strict";
 *
 * const capture = new StreamCapture(1024);
 * const { stdout } = new Deno.Command("sh", { args: ["-c", "echo hi"], stdout: "piped" }).spawn();
 * const drained = drain(stdout, capture);
 * await drained.done;
 * assert.equal(drained.state.finished, true);
 * assert.equal(capture.tail(), "hi\n");
 * ```
 */
export function drain(stream: ReadableStream<Uint8Array>, capture: StreamCapture): Drain {
  // A BYOB reader reading into one buffer, reused for every read (the capture
  // copies what it keeps): a default reader hands out a new buffer per read,
  // and 1.5 GB of output then left ~75 MiB of garbage buffers at the peak.
  const reader = stream.getReader({ mode: "byob" });
  const state = { finished: false };
  const done = (async () => {
    let buffer = spareBuffers.pop() ?? new ArrayBuffer(READ_BYTES);
    while (true) {
      const { value, done } = await reader.read(new Uint8Array(buffer));
      if (value) buffer = value.buffer as ArrayBuffer; // the read transferred it; take it back
      if (done || !value) break;
      capture.push(value);
    }
    // A cancelled read does not give the buffer back (`value` is then undefined): only a buffer
    // this drain holds again is kept.
    if (buffer.byteLength === READ_BYTES && spareBuffers.length < MAX_SPARE_BUFFERS) {
      spareBuffers.push(buffer);
    }
    state.finished = true;
  })();
  return { done, state, cancel: () => reader.cancel().catch(() => {}) };
}
