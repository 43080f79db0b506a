/**
 * Parsing JSON that may not be JSON.
 *
 * @module
 */

/**
 * The value of a JSON text; undefined when it is not JSON (a JSON text is
 * never `undefined`, so nothing else reads as undefined).
 *
 * @param text The text.
 * @returns Its value, or undefined.
 * @throws Anything but a `SyntaxError` (out of memory, say).
 *
 * @example
 * ```ts
 * import { jsonValue } from "./json_value.ts";
 * import assert from "node:assert/strict";
 *
 * assert.deepEqual(jsonValue('{"a":1}'), { a: 1 });
 * assert.equal(jsonValue("null"), null);
 * assert.equal(jsonValue("{"), undefined);
 * ```
 */
export function jsonValue(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch (error) {
    if (error instanceof SyntaxError) return undefined;
    throw error;
  }
}
