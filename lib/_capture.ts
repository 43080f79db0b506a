import { Buffer } from "node:buffer";

// deno-lint-ignore no-control-regex
const ANSI = /\x1b\[[0-?]*[ -\/]*[@-~]|\x1b[\]PX^_][^\x07\x1b]*(?:\x07|\x1b\\)?|\x1b[ -\/]*[0-~]/g;

/**
 * Removes ANSI escape sequences (colours, cursor moves, OSC titles).
 *
 * @param text Text that may hold escape sequences.
 * @returns Plain text.
 *
 * @example
 * ```ts
 * import { stripAnsi } from "./_capture.ts";
 * import assert from "node:assert/strict";
 *
 * assert.equal(stripAnsi("\x1b[31merror\x1b[0m: boom"), "error: boom");
 * ```
 */
export function stripAnsi(text: string): string {
  return text.replace(ANSI, "");
}

/**
 * Streams one output stream: keeps only its last `limit` bytes, counts all
 * bytes, and watches for needles across chunk borders.
 *
 * The tail lives in one buffer of at most `limit` bytes (grown on demand, then
 * used as a ring) and `push` copies into it, so the caller may reuse its chunk
 * buffer and a loud stream allocates nothing per chunk: holding the chunks
 * themselves left one garbage buffer per read, and the runner's peak RSS
 * under 1.5 GB of output rose to ~145 MiB before the collector caught up.
 *
 * @example
 * ```ts
 * import { StreamCapture } from "./_capture.ts";
 * import assert from "node:assert/strict";
 *
 * const capture = new StreamCapture(4, ["needle"]);
 * capture.push(new TextEncoder().encode("a needle, then more"));
 * assert.equal(capture.bytes, 19);
 * assert.deepEqual(capture.found, [true]);
 * assert.match(capture.tail(), /more$/);
 * ```
 */
export class StreamCapture {
  /** The kept bytes: linear while it grows, a ring once it is `limit` long. */
  #ring: Uint8Array = new Uint8Array(0);
  /** Where the oldest kept byte is in `#ring`. */
  #start = 0;
  #held = 0;
  #limit: number;
  #needles: Buffer[];
  #carry: Buffer = Buffer.alloc(0);
  #carryLength: number;
  /** Total bytes seen. */
  bytes = 0;
  /** For each needle, whether it was seen. */
  found: boolean[];

  constructor(limit: number, needles: readonly string[] = []) {
    this.#limit = limit;
    this.#needles = needles.map((needle) => Buffer.from(needle, "utf8"));
    this.found = needles.map((needle) => needle === "");
    this.#carryLength = Math.max(0, ...this.#needles.map((n) => n.length - 1));
  }

  /** Takes one chunk. The chunk is copied: the caller may reuse it afterwards. */
  push(chunk: Uint8Array): void {
    this.bytes += chunk.length;
    this.#keep(chunk);
    if (this.#needles.length > 0 && this.found.includes(false)) this.#scan(chunk);
  }

  #keep(chunk: Uint8Array): void {
    const limit = this.#limit;
    if (limit <= 0 || chunk.length === 0) return;
    if (chunk.length >= limit) {
      // The chunk alone fills the tail.
      if (this.#ring.length < limit) this.#ring = new Uint8Array(limit);
      this.#ring.set(chunk.subarray(chunk.length - limit));
      this.#start = 0;
      this.#held = limit;
      return;
    }
    if (this.#ring.length < limit) {
      // Still linear (#start is 0): grow by doubling, up to the limit.
      const needed = this.#held + chunk.length;
      if (needed > this.#ring.length) {
        const grown = new Uint8Array(
          Math.min(limit, Math.max(needed, 2 * this.#ring.length, 4096)),
        );
        grown.set(this.#ring.subarray(0, this.#held));
        this.#ring = grown;
      }
      if (needed <= this.#ring.length) {
        this.#ring.set(chunk, this.#held);
        this.#held = needed;
        return;
      }
    }
    // A ring of `limit` bytes: write after the newest byte, wrapping, and
    // drop the oldest bytes the chunk overwrote.
    const end = (this.#start + this.#held) % limit;
    const first = Math.min(chunk.length, limit - end);
    this.#ring.set(chunk.subarray(0, first), end);
    this.#ring.set(chunk.subarray(first), 0);
    const total = this.#held + chunk.length;
    this.#held = Math.min(limit, total);
    this.#start = (this.#start + (total - this.#held)) % limit;
  }

  #scan(chunk: Uint8Array): void {
    const view = Buffer.from(chunk.buffer, chunk.byteOffset, chunk.length);
    const carryLength = this.#carryLength;
    // A needle that crosses the border between chunks lies within the carry
    // plus the chunk's first `carryLength` bytes: only that small part is
    // copied, never the whole chunk.
    const border = this.#carry.length > 0
      ? Buffer.concat([this.#carry, view.subarray(0, carryLength)])
      : undefined;
    this.#needles.forEach((needle, i) => {
      if (this.found[i]) return;
      if (view.indexOf(needle) !== -1 || (border && border.indexOf(needle) !== -1)) {
        this.found[i] = true;
      }
    });
    if (carryLength > 0) {
      // The last `carryLength` bytes seen so far, copied (the chunk may be reused).
      const recent = view.length >= carryLength ? view : Buffer.concat([this.#carry, view]);
      this.#carry = Buffer.from(recent.subarray(Math.max(0, recent.length - carryLength)));
    }
  }

  /**
   * The kept tail as plain text: decoded as UTF-8 (invalid bytes become
   * U+FFFD; a character cut at the start is dropped), ANSI stripped, with a
   * note of how much was left out.
   */
  tail(): string {
    const ring = this.#ring;
    const end = this.#start + this.#held;
    let bytes: Uint8Array = end <= ring.length
      ? ring.subarray(this.#start, end)
      : Buffer.concat([ring.subarray(this.#start), ring.subarray(0, end - ring.length)]);
    let omitted = this.bytes - bytes.length;
    if (omitted > 0) {
      let skip = 0;
      while (skip < 3 && skip < bytes.length && (bytes[skip] & 0xc0) === 0x80) skip++;
      bytes = bytes.subarray(skip);
      omitted += skip;
    }
    const text = stripAnsi(new TextDecoder().decode(bytes));
    return omitted > 0
      ? `[... ${omitted} earlier bytes of ${this.bytes} not kept ...]\n${text}`
      : text;
  }
}
