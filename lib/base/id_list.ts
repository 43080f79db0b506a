/**
 * Ids on one line: the first few, then how many more, so that a message
 * stays readable however many fixtures it names.
 *
 * @module
 */

/** At most this many ids on one line; the rest are counted. */
export const MAX_IDS_SHOWN = 10;

/**
 * Ids for one line: the first few, then how many more.
 *
 * @param ids The ids.
 * @returns `a, b, c` or `a, b, ... and 8 more`.
 *
 * @example
 * ```ts
 * import { idList } from "./id_list.ts";
 * import assert from "node:assert/strict";
 *
 * assert.equal(idList(["a", "b"]), "a, b");
 * assert.equal(idList(Array.from({ length: 12 }, (_, i) => `f${i}`)).endsWith("... and 2 more"), true);
 * ```
 */
export function idList(ids: readonly string[]): string {
  const shown = ids.slice(0, MAX_IDS_SHOWN).join(", ");
  return ids.length > MAX_IDS_SHOWN
    ? `${shown}, ... and ${ids.length - MAX_IDS_SHOWN} more`
    : shown;
}
