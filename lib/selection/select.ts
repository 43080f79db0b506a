/**
 * Selection: which fixtures of the catalog a run takes, from `--fixture`
 * patterns, `--tag`, `--exclude` and `--exclude-tag`, rerun-failed ids and
 * `--shard`. Pure.
 *
 * @module
 */
import { UserError } from "../base/errors.ts";
import { closest } from "../base/_suggest.ts";
import { displayName } from "../base/safe_output.ts";
import { sha256Hex } from "../base/sha256_hex.ts";

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

/** Anything with an id and tags. */
export interface HasTags extends HasId {
  /** The fixture's tags. */
  tags: readonly string[];
}

/**
 * Keeps the fixtures with any of the tags, in catalog order.
 *
 * @param fixtures The fixtures so far.
 * @param tags `--tag` names; empty keeps everything.
 * @param catalog The whole catalog, to tell a tag no fixture has.
 * @returns The fixtures with any of the tags.
 * @throws {UserError} When no fixture of the catalog has a tag (names it, suggests the closest).
 *
 * @example
 * ```ts
 * import { filterByTags } from "./select.ts";
 * import assert from "node:assert/strict";
 *
 * const catalog = [{ id: "a", tags: ["api"] }, { id: "b", tags: ["web", "slow"] }, { id: "c", tags: [] }];
 * assert.deepEqual(filterByTags(catalog, ["api", "slow"], catalog).map((f) => f.id), ["a", "b"]);
 * assert.throws(() => filterByTags(catalog, ["api2"], catalog), /Unknown tag "api2"/);
 * ```
 */
export function filterByTags<T extends HasTags>(
  fixtures: readonly T[],
  tags: readonly string[],
  catalog: readonly HasTags[],
): T[] {
  if (tags.length === 0) return [...fixtures];
  const known = new Set(catalog.flatMap((f) => f.tags));
  for (const tag of tags) {
    if (known.has(tag)) continue;
    const suggestion = closest(tag, [...known]);
    throw new UserError(`Unknown tag "${displayName(tag)}": no fixture has it`, {
      kind: "usage",
      hints: [
        suggestion
          ? `Did you mean "--tag ${suggestion}"?`
          : known.size
          ? `The tags in use: ${[...known].sort().join(", ")}.`
          : 'No fixture has tags yet: add "tags": ["api"] to a manifest.',
        "Run with --dry-run to see each fixture's tags.",
      ],
    });
  }
  const wanted = new Set(tags);
  return fixtures.filter((f) => f.tags.some((tag) => wanted.has(tag)));
}

/** What {@linkcode excludeFixtures} leaves out by. */
export interface Exclusions {
  /** `--exclude` patterns (the `--fixture` syntax). */
  patterns: readonly string[];
  /** `--exclude-tag` names. */
  tags: readonly string[];
}

/**
 * Leaves out the fixtures an `--exclude` pattern or `--exclude-tag` matches,
 * and says which of them matched nothing in the catalog (for a warning).
 *
 * @param fixtures The fixtures so far.
 * @param exclusions The patterns and tags.
 * @param catalog The whole catalog.
 * @returns The fixtures kept, in order, and the patterns and tags that match nothing.
 *
 * @example
 * ```ts
 * import { excludeFixtures } from "./select.ts";
 * import assert from "node:assert/strict";
 *
 * const catalog = [{ id: "web/a", tags: [] }, { id: "api/b", tags: ["slow"] }, { id: "c", tags: [] }];
 * const out = excludeFixtures(catalog, { patterns: ["web/**", "nope"], tags: ["slow"] }, catalog);
 * assert.deepEqual(out.kept.map((f) => f.id), ["c"]);
 * assert.deepEqual(out.unmatched, { patterns: ["nope"], tags: [] });
 * ```
 */
export function excludeFixtures<T extends HasTags>(
  fixtures: readonly T[],
  exclusions: Exclusions,
  catalog: readonly HasTags[],
): { kept: T[]; unmatched: { patterns: string[]; tags: string[] } } {
  const tags = new Set(exclusions.tags);
  const out = (f: HasTags) =>
    f.tags.some((tag) => tags.has(tag)) ||
    exclusions.patterns.some((p) => matchesPattern(p, f.id));
  return {
    kept: fixtures.filter((f) => !out(f)),
    unmatched: {
      patterns: exclusions.patterns.filter((p) => !catalog.some((f) => matchesPattern(p, f.id))),
      tags: exclusions.tags.filter((t) => !catalog.some((f) => f.tags.includes(t))),
    },
  };
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
 * Matches id segments against pattern segments, where a pattern segment
 * `**` stands for any number of id segments (none included): the same
 * two-pointer algorithm one level up, so a mismatch resumes after the last
 * `**` only.
 */
function matchSegments(
  patterns: readonly string[],
  segments: readonly string[],
  steps: { count: number },
): boolean {
  let p = 0;
  let s = 0;
  let star = -1;
  let resume = 0;
  while (s < segments.length) {
    steps.count++;
    if (p < patterns.length && patterns[p] === "**") {
      star = p++;
      resume = s;
    } else if (p < patterns.length && matchSegment(patterns[p], segments[s], steps)) {
      p++;
      s++;
    } else if (star >= 0) {
      p = star + 1;
      s = ++resume;
    } else {
      return false;
    }
  }
  while (p < patterns.length && patterns[p] === "**") p++;
  return p === patterns.length;
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
  const matches = patterns.includes("**")
    ? matchSegments(patterns, segments, steps)
    : patterns.length === segments.length &&
      patterns.every((p, i) => matchSegment(p, segments[i], steps));
  return { matches, steps: steps.count };
}

/**
 * Tests an id against a `--fixture` pattern: exact; `*` within one segment
 * (never across `/`); a whole segment `**` for any number of segments,
 * none included (`web/**`, `**` + `/terms`, `api/**` + `/health`). Every other
 * character is literal. Linear-ish in the input, whatever the pattern (see
 * {@linkcode globMatch}).
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
 * assert.equal(matchesPattern("api/**", "api/v2/health"), true);
 * assert.equal(matchesPattern("**" + "/health", "api/v2/health"), true);
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
      throw new UserError(`Unknown fixture "${displayName(pattern)}": no fixture id matches it`, {
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
  return selection.filter((fixture) => shardIndexOf(fixture.id, shard.total) === shard.index);
}

/**
 * The shard of `total` an id belongs to, as {@linkcode shardOf} places it.
 *
 * @param id The fixture id.
 * @param total How many shards there are.
 * @returns Its shard, 1 to `total`.
 *
 * @example
 * ```ts
 * import { shardIndexOf, shardOf } from "./select.ts";
 * import assert from "node:assert/strict";
 *
 * const index = shardIndexOf("api/health", 4);
 * assert.deepEqual(shardOf([{ id: "api/health" }], { index, total: 4 }), [{ id: "api/health" }]);
 * ```
 */
export function shardIndexOf(id: string, total: number): number {
  return avalanche(hashId(id)) % total + 1;
}

/**
 * A digest of one split of a selection: how it was split, into how many
 * shards, and which shard each fixture went to. Every runner given the same
 * selection (and, for a duration split, the same timings) computes the same
 * digest; shards that carry different ones are of different splits, so
 * together they need not cover the selection.
 *
 * @param by How the selection was split.
 * @param total How many shards.
 * @param placed Each fixture's id and its shard, in any order.
 * @returns The SHA-256 digest, in lowercase hex.
 *
 * @example
 * ```ts
 * import { splitDigest } from "./select.ts";
 * import assert from "node:assert/strict";
 *
 * const a = await splitDigest("hash", 2, [["a", 1], ["b", 2]]);
 * assert.equal(a, await splitDigest("hash", 2, [["b", 2], ["a", 1]]));
 * assert.notEqual(a, await splitDigest("hash", 2, [["a", 2], ["b", 2]]));
 * assert.match(a, /^[0-9a-f]{64}$/);
 * ```
 */
export async function splitDigest(
  by: "hash" | "duration",
  total: number,
  placed: Iterable<readonly [string, number]>,
): Promise<string> {
  const lines = [...placed].map(([id, index]) => `${id}\t${index}\n`).sort();
  const text = `smoke split 1\n${by}\n${total}\n${lines.join("")}`;
  return await sha256Hex(new TextEncoder().encode(text));
}

/**
 * The shards of a split that got fixtures, ascending, when some got none: a
 * merge of just those shards is then every shard that ran. Undefined when
 * every shard got a fixture.
 *
 * @param indexes Each fixture's shard (1 to `total`), in any order.
 * @param total How many shards there are.
 * @returns The shards with fixtures, or undefined when that is all of them.
 *
 * @example
 * ```ts
 * import { shardsWithFixtures } from "./select.ts";
 * import assert from "node:assert/strict";
 *
 * assert.deepEqual(shardsWithFixtures([3, 1, 3], 4), [1, 3]);
 * assert.equal(shardsWithFixtures([2, 1], 2), undefined);
 * ```
 */
export function shardsWithFixtures(indexes: Iterable<number>, total: number): number[] | undefined {
  const filled = [...new Set(indexes)].sort((a, b) => a - b);
  return filled.length < total ? filled : undefined;
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

/**
 * A suite's name, as the durations summary keeps its shared split timings under it: a digest of
 * its catalog's ids, sorted (a split's timings hold every id of its catalog). The same
 * wherever the suite is checked out and whatever the paths (CI runners restore one summary at
 * different paths, into their own artifact directories or one outside the checkouts, and must
 * split alike); another fixtures directory sharing the artifact directory, with other ids, is
 * another suite. No id is written. Only compared.
 *
 * @param catalogIds The catalog's ids.
 * @returns The name: `sha256:` and 64 hex digits.
 *
 * @example
 * ```ts
 * import { suiteKey } from "./select.ts";
 * import assert from "node:assert/strict";
 *
 * assert.match(await suiteKey(["a", "b"]), /^sha256:[0-9a-f]{64}$/);
 * assert.equal(await suiteKey(["b", "a"]), await suiteKey(["a", "b"]));
 * assert.notEqual(await suiteKey(["a", "b"]), await suiteKey(["a", "b", "c"]));
 * ```
 */
export async function suiteKey(catalogIds: readonly string[]): Promise<string> {
  // Ids hold no newline (see FIXTURE_ID_PATTERN): one per line is unambiguous. The first line
  // keeps it apart from any name of the former kind (a path).
  const ids = [...catalogIds].sort((a, b) => a < b ? -1 : a > b ? 1 : 0);
  const text = ["catalog", ...ids].join("\n");
  return `sha256:${await sha256Hex(new TextEncoder().encode(text))}`;
}

/**
 * The name an earlier smoke gave a suite's shared split timings: a digest of its fixtures
 * directory's real path. Read so that a split begun then is still found, and dropped as the
 * suite's own (see {@linkcode suiteKey}).
 *
 * @param fixturesDir The fixtures directory's real path.
 * @returns The name: `sha256:` and 64 hex digits.
 *
 * @example
 * ```ts
 * import { formerSuiteKey, suiteKey } from "./select.ts";
 * import assert from "node:assert/strict";
 *
 * assert.notEqual(await formerSuiteKey("/p/fixtures"), await suiteKey(["/p/fixtures"]));
 * ```
 */
export async function formerSuiteKey(fixturesDir: string): Promise<string> {
  return `sha256:${await sha256Hex(new TextEncoder().encode(fixturesDir))}`;
}
