import { Buffer } from "node:buffer";

// deno-lint-ignore no-control-regex
const ANSI = /\x1b\[[0-?]*[ -\/]*[@-~]|\x1b\][^\x07\x1b]*(?:\x07|\x1b\\)|\x1b[@-Z\\-_]/g;

/**
 * Removes ANSI escape sequences (colours, cursor moves, OSC titles).
 *
 * @param text Text that may hold escape sequences.
 * @returns Plain text.
 */
export function stripAnsi(text: string): string {
  return text.replace(ANSI, "");
}

/**
 * Streams one output stream: keeps only its last `limit` bytes, counts all
 * bytes, and watches for needles across chunk borders.
 */
export class StreamCapture {
  #chunks: Uint8Array[] = [];
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

  /** Takes one chunk. */
  push(chunk: Uint8Array): void {
    this.bytes += chunk.length;
    this.#chunks.push(chunk);
    this.#held += chunk.length;
    while (this.#chunks.length > 1 && this.#held - this.#chunks[0].length >= this.#limit) {
      this.#held -= this.#chunks.shift()!.length;
    }
    if (this.#needles.length > 0 && this.found.includes(false)) this.#scan(chunk);
  }

  #scan(chunk: Uint8Array): void {
    const view = Buffer.from(chunk.buffer, chunk.byteOffset, chunk.length);
    const haystack = this.#carry.length > 0 ? Buffer.concat([this.#carry, view]) : view;
    this.#needles.forEach((needle, i) => {
      if (!this.found[i] && haystack.indexOf(needle) !== -1) this.found[i] = true;
    });
    if (this.#carryLength > 0) {
      this.#carry = Buffer.from(
        haystack.subarray(Math.max(0, haystack.length - this.#carryLength)),
      );
    }
  }

  /**
   * The kept tail as plain text: decoded as UTF-8 (invalid bytes become
   * U+FFFD; a character cut at the start is dropped), ANSI stripped, with a
   * note of how much was left out.
   */
  tail(): string {
    let bytes: Uint8Array = this.#chunks.length === 1
      ? this.#chunks[0]
      : Buffer.concat(this.#chunks, this.#held);
    let omitted = this.bytes - bytes.length;
    if (bytes.length > this.#limit) {
      omitted += bytes.length - this.#limit;
      bytes = bytes.subarray(bytes.length - this.#limit);
    }
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
