/**
 * Selection: which fixtures of the catalog a run takes, from `--fixture`
 * patterns, rerun-failed ids and `--shard`. Pure.
 *
 * @module
 */
import { UserError } from "../base/errors.ts";
import { closest } from "../base/_suggest.ts";

/** A shard: run only part `index` (1-based) of `total`. */
export interface Shard {
  /** 1-based index. */
  index: number;
  /** How many shards there are. */
  total: number;
}

/** Anything with an id. */
export interface HasId {
  /** The fixture id. */
  id: string;
}

/**
 * Matches one path segment against a pattern segment whose `*` stands for
 * any run of characters: the two-pointer wildcard algorithm, which on a
 * mismatch resumes after the last `*` only, so it never backtracks further
 * than that and takes at most about `pattern.length * text.length` steps.
 */
function matchSegment(pattern: string, text: string, steps: { count: number }): boolean {
  let p = 0;
  let t = 0;
  let star = -1;
  let resume = 0;
  while (t < text.length) {
    steps.count++;
    if (p < pattern.length && pattern[p] === "*") {
      star = p++;
      resume = t;
    } else if (p < pattern.length && pattern[p] === text[t]) {
      p++;
      t++;
    } else if (star >= 0) {
      p = star + 1;
      t = ++resume;
    } else {
      return false;
    }
  }
  while (p < pattern.length && pattern[p] === "*") {
    steps.count++;
    p++;
  }
  return p === pattern.length;
}

/**
 * Matches an id against a `--fixture` pattern and counts the matcher's
 * steps, so tests can check that matching stays within about
 * `pattern.length * id.length` steps for any input.
 *
 * @param pattern The pattern, e.g. `api/*`.
 * @param id The fixture id.
 * @returns Whether the id matches, and the steps taken.
 *
 * @example
 * ```ts
 * import { globMatch } from "./select.ts";
 * import assert from "node:assert/strict";
 *
 * const hostile = globMatch("a*".repeat(20) + "b", "a".repeat(500));
 * assert.equal(hostile.matches, false);
 * assert.ok(hostile.steps <= 41 * 500);
 * ```
 */
export function globMatch(pattern: string, id: string): { matches: boolean; steps: number } {
  const steps = { count: 0 };
  if (!pattern.includes("*")) return { matches: pattern === id, steps: 0 };
  const patterns = pattern.split("/");
  const segments = id.split("/");
  const matches = patterns.length === segments.length &&
    patterns.every((p, i) => matchSegment(p, segments[i], steps));
  return { matches, steps: steps.count };
}

/**
 * Tests an id against a `--fixture` pattern: exact, or `*` within one
 * segment (never across `/`). Every other character is literal. Linear-ish
 * in the input, whatever the pattern (see {@linkcode globMatch}).
 *
 * @param pattern The pattern, e.g. `api/*`.
 * @param id The fixture id.
 * @returns Whether the id matches.
 *
 * @example
 * ```ts
 * import { matchesPattern } from "./select.ts";
 * import assert from "node:assert/strict";
 *
 * assert.equal(matchesPattern("api/*", "api/health"), true);
 * assert.equal(matchesPattern("api/*", "api/v2/health"), false);
 * ```
 */
export function matchesPattern(pattern: string, id: string): boolean {
  return globMatch(pattern, id).matches;
}

/**
 * Keeps the fixtures that match any pattern, in catalog order.
 *
 * @param catalog The fixtures, sorted by id.
 * @param patterns `--fixture` patterns; empty keeps everything.
 * @returns The matching fixtures.
 * @throws {UserError} When a pattern matches nothing (names it, suggests the closest id).
 *
 * @example
 * ```ts
 * import { filterByPatterns } from "./select.ts";
 * import assert from "node:assert/strict";
 *
 * const catalog = [{ id: "api/a" }, { id: "api/b" }, { id: "web" }];
 * assert.deepEqual(filterByPatterns(catalog, ["api/*"]).map((f) => f.id), ["api/a", "api/b"]);
 * assert.throws(
 *   () => filterByPatterns(catalog, ["wbe"]),
 *   (error: { hints: string[] }) => error.hints.includes('Did you mean "web"?'),
 * );
 * ```
 */
export function filterByPatterns<T extends HasId>(catalog: readonly T[], patterns: string[]): T[] {
  if (patterns.length === 0) return [...catalog];
  for (const pattern of patterns) {
    if (!catalog.some((fixture) => matchesPattern(pattern, fixture.id))) {
      const suggestion = closest(pattern, catalog.map((fixture) => fixture.id));
      throw new UserError(`Unknown fixture "${pattern}": no fixture id matches it`, {
        kind: "usage",
        hints: [
          suggestion ? `Did you mean "${suggestion}"?` : "Check the id spelling.",
          "Run with --list to see every id.",
        ],
      });
    }
  }
  return catalog.filter((fixture) => patterns.some((p) => matchesPattern(p, fixture.id)));
}

/**
 * FNV-1a 32-bit hash of a string's UTF-16 code units.
 *
 * @param text The text to hash.
 * @returns An unsigned 32-bit hash.
 *
 * @example
 * ```ts
 * import { hashId } from "./select.ts";
 * import assert from "node:assert/strict";
 *
 * assert.equal(hashId("a"), hashId("a"));
 * assert.notEqual(hashId("a"), hashId("b"));
 * ```
 */
export function hashId(text: string): number {
  let hash = 0x811c9dc5;
  for (let i = 0; i < text.length; i++) {
    hash ^= text.charCodeAt(i);
    hash = Math.imul(hash, 0x01000193) >>> 0;
  }
  return hash;
}

/**
 * Keeps one shard of a selection. Each id belongs to shard
 * `mix(fnv1a(id)) mod N + 1`, so shards are disjoint, cover the selection,
 * and an id never moves when other fixtures are added or removed.
 *
 * @param selection The selection, in catalog order.
 * @param shard Which shard to keep.
 * @returns The fixtures of that shard, in catalog order.
 *
 * @example
 * ```ts
 * import { shardOf } from "./select.ts";
 * import assert from "node:assert/strict";
 *
 * const ids = Array.from({ length: 20 }, (_, i) => ({ id: `f${i}` }));
 * const parts = [1, 2, 3].map((index) => shardOf(ids, { index, total: 3 }));
 * assert.equal(parts.flat().length, 20);
 * ```
 */
export function shardOf<T extends HasId>(selection: readonly T[], shard: Shard): T[] {
  return selection.filter((fixture) =>
    avalanche(hashId(fixture.id)) % shard.total === shard.index - 1
  );
}

/**
 * The murmur3 32-bit finalizer. FNV-1a's low bits depend only on the low bits
 * of each character (bit 0 is the parity of the odd characters), so taken
 * `mod 2` or `mod 4` directly it piles structured ids such as `a0/f0`,
 * `a1/f1` into one shard; mixing first spreads every input bit.
 */
function avalanche(hash: number): number {
  hash ^= hash >>> 16;
  hash = Math.imul(hash, 0x85ebca6b);
  hash ^= hash >>> 13;
  hash = Math.imul(hash, 0xc2b2ae35);
  hash ^= hash >>> 16;
  return hash >>> 0;
}
