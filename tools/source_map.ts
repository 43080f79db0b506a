/**
 * The `mappings` of a source map (version 3): base64 VLQ segments, `,`
 * between segments and `;` between generated lines. Decoded, each segment is
 * `[column, source, sourceLine, sourceColumn, name?]` in absolute numbers.
 *
 * @module
 */

/** A source map (version 3) as `deno bundle` writes it. */
export interface SourceMap {
  /** The format's version: 3. */
  version: number;
  /** Where each generated segment came from, VLQ-encoded. */
  mappings: string;
  /** The rest of the map, kept as it is. */
  [key: string]: unknown;
}

const BASE64 = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";

/**
 * Decodes `mappings`: per generated line, its segments as absolute numbers
 * `[column, source, sourceLine, sourceColumn, name?]`.
 *
 * @param mappings The map's `mappings` string.
 * @returns The segments of each generated line.
 * @throws {Error} When a character is not base64.
 *
 * @example
 * ```ts
 * import { decodeMappings } from "./source_map.ts";
 * import assert from "node:assert/strict";
 *
 * assert.deepEqual(decodeMappings(";AAAA,IAAI;AACA"), [[], [[0, 0, 0, 0], [4, 0, 0, 4]], [[0, 0, 1, 4]]]);
 * ```
 */
export function decodeMappings(mappings: string): number[][][] {
  // Source, line, column and name carry on across lines; the column starts again on each.
  const state = [0, 0, 0, 0];
  return mappings.split(";").map((line) => {
    let column = 0;
    return line.split(",").filter(Boolean).map((segment) => {
      const [delta, ...rest] = decodeSegment(segment);
      column += delta;
      return [column, ...rest.map((value, i) => (state[i] += value))];
    });
  });
}

/**
 * Encodes segments as `mappings` (the inverse of {@linkcode decodeMappings});
 * each line's segments in column order.
 *
 * @param lines Per generated line, its segments as absolute numbers.
 * @returns The `mappings` string.
 *
 * @example
 * ```ts
 * import { decodeMappings, encodeMappings } from "./source_map.ts";
 * import assert from "node:assert/strict";
 *
 * const lines = [[], [[0, 0, 0, 0], [4, 0, 0, 4]], [[0, 0, 1, 4, 2]]];
 * assert.equal(encodeMappings(lines), ";AAAA,IAAI;AACAE");
 * assert.deepEqual(decodeMappings(encodeMappings(lines)), lines);
 * ```
 */
export function encodeMappings(lines: readonly (readonly (readonly number[])[])[]): string {
  const state = [0, 0, 0, 0];
  return lines.map((segments) => {
    let column = 0;
    return segments.map(([at, ...rest]) => {
      const out = [at - column, ...rest.map((value, i) => value - state[i])].map(encode).join("");
      column = at;
      rest.forEach((value, i) => (state[i] = value));
      return out;
    }).join(",");
  }).join(";");
}

/** Decodes one segment's VLQ numbers (relative, as stored). */
function decodeSegment(segment: string): number[] {
  const fields: number[] = [];
  let value = 0;
  let shift = 0;
  for (const char of segment) {
    const digit = BASE64.indexOf(char);
    if (digit < 0) throw new Error(`Cannot read source map: "${char}" is not base64`);
    value += (digit & 31) * 2 ** shift;
    if (digit & 32) shift += 5;
    else {
      fields.push(value % 2 ? -(value - 1) / 2 : value / 2);
      value = 0;
      shift = 0;
    }
  }
  return fields;
}

/** Encodes one VLQ number. */
function encode(n: number): string {
  let value = n < 0 ? -n * 2 + 1 : n * 2;
  let out = "";
  do {
    const digit = value % 32;
    value = Math.floor(value / 32);
    out += BASE64[digit | (value > 0 ? 32 : 0)];
  } while (value > 0);
  return out;
}
