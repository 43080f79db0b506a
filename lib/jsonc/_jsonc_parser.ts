/**
 * The JSONC scanner behind `jsonc.ts`: JSON plus comments and trailing commas,
 * parsed in one pass with the offset of the first error, and optionally the
 * offset of every key and value. Hand-written because it is on every start-up
 * path: `jsonc-parser` loads as CommonJS through Deno's Node layer, which cost
 * ~20 ms per start (a test checks this parser against it).
 *
 * @module
 */

/** Where a value sits in the text, and its key when it is an object member. */
export interface NodeOffsets {
  /** Offset of the value's first character. */
  value: number;
  /** Offset of the key's opening quote (object members only). */
  key?: number;
}

/** Options for {@linkcode scanJsonc}. */
export interface ScanOptions {
  /** Plain JSON: no comments, no trailing commas, JSON's whitespace only. */
  strict?: boolean;
  /** When given, filled with the offsets of every value, keyed by {@linkcode pathKey}. */
  offsets?: Map<string, NodeOffsets>;
}

/**
 * The first syntax problem: where, and what (e.g. `comma expected`).
 *
 * @example
 * ```ts
 * import { JsoncScanError, scanJsonc } from "./_jsonc_parser.ts";
 * import assert from "node:assert/strict";
 *
 * assert.throws(() => scanJsonc("[1 2]"), (e) => e instanceof JsoncScanError && e.offset === 3);
 * ```
 */
export class JsoncScanError extends Error {
  /** Offset of the problem in the text. */
  readonly offset: number;

  /**
   * Creates the error.
   *
   * @param offset Where the problem is.
   * @param what What is wrong, e.g. `value expected`.
   */
  constructor(offset: number, what: string) {
    super(what);
    this.name = "JsoncScanError";
    this.offset = offset;
  }
}

/** Deeper nesting than this is refused rather than overflowing the stack. */
const MAX_DEPTH = 1000;

/**
 * The key of a path in {@linkcode ScanOptions.offsets}.
 *
 * @param path Object keys and array indexes from the root.
 * @returns A string that tells keys from indexes.
 *
 * @example
 * ```ts
 * import { pathKey } from "./_jsonc_parser.ts";
 * import assert from "node:assert/strict";
 *
 * assert.notEqual(pathKey(["a", 0]), pathKey(["a", "0"]));
 * ```
 */
export function pathKey(path: readonly (string | number)[]): string {
  return JSON.stringify(path);
}

/** Characters that end a bare word such as `true` or a mistyped `ture`. */
function endsWord(c: number): boolean {
  return c === 0x20 || c === 0x0a || c === 0x0d || c === 0x09 || c === 0x7b || c === 0x7d ||
    c === 0x5b || c === 0x5d || c === 0x2c || c === 0x3a || c === 0x22 || c === 0x2f;
}

const ESCAPES: Record<string, string> = {
  '"': '"',
  "\\": "\\",
  "/": "/",
  b: "\b",
  f: "\f",
  n: "\n",
  r: "\r",
  t: "\t",
};

/**
 * Parses JSONC text, or throws {@linkcode JsoncScanError} at the first problem.
 * Whitespace is JSON's (space, tab, line feed, carriage return); a byte order
 * mark may start a JSONC text.
 *
 * @param text The text.
 * @param options Strict JSON, and where to record offsets.
 * @returns The value.
 * @throws {JsoncScanError} On the first syntax error (`empty` when there is no value at all).
 *
 * @example
 * ```ts
 * import { scanJsonc } from "./_jsonc_parser.ts";
 * import assert from "node:assert/strict";
 *
 * assert.deepEqual(scanJsonc('{ "a": [1, 2,], // note\n}'), { a: [1, 2] });
 * assert.throws(() => scanJsonc('{ "a": 1, }', { strict: true }), /property name expected/);
 * ```
 */
export function scanJsonc(text: string, options: ScanOptions = {}): unknown {
  const strict = options.strict ?? false;
  const offsets = options.offsets;
  const path: (string | number)[] = [];
  const n = text.length;
  let i = 0;
  let depth = 0;

  const fail = (what: string, at = i): never => {
    throw new JsoncScanError(at, what);
  };

  const skip = (): void => {
    while (i < n) {
      const c = text.charCodeAt(i);
      if (c === 0x20 || c === 0x0a || c === 0x0d || c === 0x09) {
        i++;
      } else if (strict) {
        return;
      } else if (c === 0x2f && text.charCodeAt(i + 1) === 0x2f) {
        i += 2;
        while (i < n && text.charCodeAt(i) !== 0x0a && text.charCodeAt(i) !== 0x0d) i++;
      } else if (c === 0x2f && text.charCodeAt(i + 1) === 0x2a) {
        const end = text.indexOf("*/", i + 2);
        if (end < 0) fail("unexpected end of comment", n);
        i = end + 2;
      } else {
        return;
      }
    }
  };

  const string = (): string => {
    const start = i++; // the opening quote
    let out = "";
    let chunk = i;
    while (true) {
      if (i >= n) fail("unexpected end of string", start);
      const c = text.charCodeAt(i);
      if (c === 0x22) {
        out += text.slice(chunk, i++);
        return out;
      }
      if (c === 0x5c) {
        out += text.slice(chunk, i);
        const e = text[i + 1];
        if (e === "u") {
          const hex = text.slice(i + 2, i + 6);
          if (!/^[0-9a-fA-F]{4}$/.test(hex)) fail("invalid unicode escape", i);
          out += String.fromCharCode(parseInt(hex, 16));
          i += 6;
        } else if (e !== undefined && Object.hasOwn(ESCAPES, e)) {
          out += ESCAPES[e];
          i += 2;
        } else {
          if (e === undefined) fail("unexpected end of string", start);
          fail("invalid escape character", i);
        }
        chunk = i;
      } else if (c < 0x20) {
        if (c === 0x0a || c === 0x0d) fail("unexpected end of string", start);
        fail("invalid character");
      } else {
        i++;
      }
    }
  };

  const digits = (): number => {
    const start = i;
    while (i < n && text.charCodeAt(i) >= 0x30 && text.charCodeAt(i) <= 0x39) i++;
    return i - start;
  };

  const number = (): number => {
    const start = i;
    if (text.charCodeAt(i) === 0x2d) i++;
    if (text.charCodeAt(i) === 0x30) i++;
    else if (digits() === 0) fail("invalid number", start);
    if (text.charCodeAt(i) === 0x2e) {
      i++;
      if (digits() === 0) fail("invalid number", start);
    }
    const e = text.charCodeAt(i);
    if (e === 0x65 || e === 0x45) {
      i++;
      const sign = text.charCodeAt(i);
      if (sign === 0x2b || sign === 0x2d) i++;
      if (digits() === 0) fail("invalid number", start);
    }
    return Number(text.slice(start, i));
  };

  const word = (): unknown => {
    const start = i;
    while (i < n && !endsWord(text.charCodeAt(i))) i++;
    const token = text.slice(start, i);
    if (token === "true") return true;
    if (token === "false") return false;
    if (token === "null") return null;
    return fail("invalid symbol", start);
  };

  const record = (at: number, key?: number): void => {
    offsets!.set(pathKey(path), key === undefined ? { value: at } : { value: at, key });
  };

  const array = (): unknown[] => {
    i++; // [
    const out: unknown[] = [];
    skip();
    if (text.charCodeAt(i) === 0x5d) {
      i++;
      return out;
    }
    while (true) {
      if (offsets) path.push(out.length);
      out.push(value());
      if (offsets) path.pop();
      skip();
      const c = text.charCodeAt(i);
      if (c === 0x5d) {
        i++;
        return out;
      }
      if (c !== 0x2c) fail(i >= n ? 'closing "]" expected' : "comma expected");
      i++;
      skip();
      if (text.charCodeAt(i) === 0x5d && !strict) {
        i++;
        return out;
      }
    }
  };

  const object = (): Record<string, unknown> => {
    i++; // {
    const out: Record<string, unknown> = {};
    skip();
    if (text.charCodeAt(i) === 0x7d) {
      i++;
      return out;
    }
    while (true) {
      if (text.charCodeAt(i) !== 0x22) {
        fail(i >= n ? 'closing "}" expected' : "property name expected");
      }
      const keyAt = i;
      const key = string();
      skip();
      if (text.charCodeAt(i) !== 0x3a) fail("colon expected");
      i++;
      if (offsets) path.push(key);
      const member = value(keyAt);
      if (offsets) path.pop();
      // A "__proto__" key is data, as with JSON.parse, not the object's prototype.
      if (key === "__proto__") {
        Object.defineProperty(out, key, {
          value: member,
          enumerable: true,
          writable: true,
          configurable: true,
        });
      } else {
        out[key] = member;
      }
      skip();
      const c = text.charCodeAt(i);
      if (c === 0x7d) {
        i++;
        return out;
      }
      if (c !== 0x2c) fail(i >= n ? 'closing "}" expected' : "comma expected");
      i++;
      skip();
      if (text.charCodeAt(i) === 0x7d && !strict) {
        i++;
        return out;
      }
    }
  };

  // A declaration, so that array() and object() above can call it.
  function value(key?: number): unknown {
    skip();
    if (i >= n) fail("value expected");
    if (offsets) record(i, key);
    const c = text.charCodeAt(i);
    if (c === 0x7b || c === 0x5b) {
      if (++depth > MAX_DEPTH) fail(`nesting deeper than ${MAX_DEPTH} levels`);
      const out = c === 0x7b ? object() : array();
      depth--;
      return out;
    }
    if (c === 0x22) return string();
    if (c === 0x2d || (c >= 0x30 && c <= 0x39)) return number();
    if (c === 0x7d || c === 0x5d || c === 0x2c || c === 0x3a) fail("value expected");
    return word();
  }

  if (!strict && text.charCodeAt(0) === 0xfeff) i = 1; // a byte order mark, as editors write it
  skip();
  if (i >= n) fail("empty", 0);
  const out = value();
  skip();
  if (i < n) fail("end of file expected");
  return out;
}
