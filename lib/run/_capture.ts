/** One decoder for every tail: a whole decode (no `stream`) keeps no state between calls. */
const DECODER = new TextDecoder();
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
 * Needles are matched as the output streams, in memory set by the needles
 * alone and in time linear in the output however it is cut into chunks:
 * Knuth-Morris-Pratt, keeping per needle its bytes, its table, and how much
 * of it the output seen so far ends with (so a match carries across chunk
 * borders). Where nothing is matched yet, it skips to the next occurrence of
 * the needle's first byte natively. `Buffer.indexOf` is not used: its time
 * grows with needle length times output (336 ms per 64 KiB chunk for a
 * 4 KiB needle of `x…xy` against `x…x`).
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
  #matchers: Matcher[];
  #steps = 0;
  /** Total bytes seen. */
  bytes = 0;
  /** For each needle, whether it was seen. */
  found: boolean[];

  constructor(limit: number, needles: readonly string[] = []) {
    this.#limit = limit;
    this.#matchers = needles.map((needle) => matcher(new TextEncoder().encode(needle)));
    this.found = needles.map((needle) => needle === "");
  }

  /** Bytes held to match the needles: theirs and their tables; never more with more output. */
  get matcherBytes(): number {
    return this.#matchers.reduce((sum, m) => sum + m.needle.length + m.table.byteLength, 0);
  }

  /**
   * The matching's work so far, a measure of its time: each byte looked at
   * once, plus each fall back along a table (never more than the bytes).
   */
  get matcherSteps(): number {
    return this.#steps;
  }

  /** Takes one chunk. The chunk is copied: the caller may reuse it afterwards. */
  push(chunk: Uint8Array): void {
    this.bytes += chunk.length;
    this.#keep(chunk);
    this.#matchers.forEach((m, i) => {
      if (this.found[i]) return;
      this.#steps += chunk.length;
      if (advance(m, chunk)) this.found[i] = true;
      this.#steps += m.fallbacks;
      m.fallbacks = 0;
    });
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

  /**
   * The kept tail as plain text: decoded as UTF-8 (invalid bytes become
   * U+FFFD; a character cut at the start is dropped), ANSI stripped, with a
   * note of how much was left out.
   */
  tail(): string {
    // Most streams of a passing fixture print nothing.
    if (this.bytes === 0) return "";
    const ring = this.#ring;
    const end = this.#start + this.#held;
    let bytes: Uint8Array = end <= ring.length
      ? ring.subarray(this.#start, end)
      : concat(ring.subarray(this.#start), ring.subarray(0, end - ring.length));
    let omitted = this.bytes - bytes.length;
    if (omitted > 0) {
      let skip = 0;
      while (skip < 3 && skip < bytes.length && (bytes[skip] & 0xc0) === 0x80) skip++;
      bytes = bytes.subarray(skip);
      omitted += skip;
    }
    const text = stripAnsi(DECODER.decode(bytes));
    return omitted > 0
      ? `[... ${omitted} earlier bytes of ${this.bytes} not kept ...]\n${text}`
      : text;
  }
}

/** One needle's matching state. */
interface Matcher {
  /** The needle's bytes (UTF-8). */
  needle: Uint8Array;
  /** Knuth-Morris-Pratt: for each prefix, the length of its longest proper border. */
  table: Int32Array;
  /** How many of the needle's first bytes the output seen so far ends with. */
  matched: number;
  /** Steps back along the table in the last chunk, for {@linkcode StreamCapture.matcherSteps}. */
  fallbacks: number;
}

function matcher(needle: Uint8Array): Matcher {
  const table = new Int32Array(needle.length);
  for (let i = 1, k = 0; i < needle.length; i++) {
    while (k > 0 && needle[i] !== needle[k]) k = table[k - 1];
    if (needle[i] === needle[k]) k++;
    table[i] = k;
  }
  return { needle, table, matched: 0, fallbacks: 0 };
}

/** Steps the matcher through a chunk: true as soon as the needle is complete. */
function advance(m: Matcher, bytes: Uint8Array): boolean {
  const { needle, table } = m;
  const first = needle[0];
  let k = m.matched;
  let fallbacks = 0;
  for (let i = 0; i < bytes.length; i++) {
    if (k === 0) {
      // Nothing matched: only the needle's first byte can start a match.
      i = bytes.indexOf(first, i);
      if (i === -1) break;
    }
    const byte = bytes[i];
    while (k > 0 && needle[k] !== byte) {
      k = table[k - 1];
      fallbacks++;
    }
    if (needle[k] === byte && ++k === needle.length) {
      m.matched = k;
      m.fallbacks += fallbacks;
      return true;
    }
  }
  m.matched = k;
  m.fallbacks += fallbacks;
  return false;
}

/** Two byte arrays as one new one. */
function concat(first: Uint8Array, second: Uint8Array): Uint8Array {
  const joined = new Uint8Array(first.length + second.length);
  joined.set(first);
  joined.set(second, first.length);
  return joined;
}
