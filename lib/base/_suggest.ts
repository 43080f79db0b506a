/**
 * Edit distance between two strings (Levenshtein).
 *
 * @param a One string.
 * @param b The other.
 * @returns How many single-character edits turn one into the other.
 *
 * @example
 * ```ts
 * import { distance } from "./_suggest.ts";
 * import assert from "node:assert/strict";
 *
 * assert.equal(distance("--fixtur", "--fixture"), 1);
 * ```
 */
export function distance(a: string, b: string): number {
  const row = Array.from({ length: b.length + 1 }, (_, i) => i);
  for (let i = 1; i <= a.length; i++) {
    let previous = row[0];
    row[0] = i;
    for (let j = 1; j <= b.length; j++) {
      const current = row[j];
      row[j] = Math.min(
        row[j] + 1,
        row[j - 1] + 1,
        previous + (a[i - 1] === b[j - 1] ? 0 : 1),
      );
      previous = current;
    }
  }
  return row[b.length];
}

/** Inputs longer than this get no suggestion. */
const MAX_SUGGESTED_LENGTH = 256;

/**
 * The candidate closest to `input`, or undefined when nothing is close enough
 * (more than half of the input would have to change).
 *
 * @param input What the user typed.
 * @param candidates What exists.
 * @returns The closest candidate, if any is close.
 *
 * @example
 * ```ts
 * import { closest } from "./_suggest.ts";
 * import assert from "node:assert/strict";
 *
 * assert.equal(closest("api/helth", ["api/health", "web/home"]), "api/health");
 * assert.equal(closest("zzzz", ["api/health"]), undefined);
 * ```
 */
export function closest(input: string, candidates: Iterable<string>): string | undefined {
  // Nobody mistypes a name this long; and the distance below costs input x candidate.
  if (input.length > MAX_SUGGESTED_LENGTH) return undefined;
  const limit = Math.max(2, Math.ceil(input.length / 2));
  let best: string | undefined;
  let bestScore = Infinity;
  for (const candidate of candidates) {
    const apart = Math.abs(candidate.length - input.length);
    // The edit distance is at least the difference in length.
    if (apart > limit && !candidate.includes(input)) continue;
    const score = candidate.includes(input) || input.includes(candidate)
      ? apart / 2
      : distance(input, candidate);
    if (score < bestScore) {
      best = candidate;
      bestScore = score;
    }
  }
  return bestScore <= limit ? best : undefined;
}
