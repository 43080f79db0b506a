import assert from "node:assert/strict";
// Test-only: locked in deno.test.lock, so that running smoke never fetches it.
// deno-lint-ignore no-import-prefix
import fc from "npm:fast-check@4.11.0";
import { filterByPatterns, globMatch, hashId, matchesPattern, shardOf } from "./select.ts";
import { UserError } from "../base/errors.ts";

const catalog = ["api/health", "api/login", "api/v2/users", "web/home", "web.assets"].map((id) => ({
  id,
}));

Deno.test("matchesPattern() globs within one segment only", () => {
  assert.equal(matchesPattern("api/*", "api/health"), true);
  assert.equal(matchesPattern("api/*", "api/v2/users"), false);
  assert.equal(matchesPattern("api/*/users", "api/v2/users"), true);
  assert.equal(matchesPattern("*", "web.assets"), true);
  assert.equal(matchesPattern("*", "web/home"), false);
  assert.equal(matchesPattern("web.assets", "webXassets"), false, "dots are literal");
  assert.equal(matchesPattern("api/h*h", "api/health"), true);
});

/** One segment the way smoke once matched it: a regular expression (backtracks exponentially). */
function referenceSegment(pattern: string, segment: string): boolean {
  const source = pattern.split("*").map((part) => part.replace(/[.+?^${}()|[\]\\]/g, "\\$&"))
    .join("[^/]*");
  return new RegExp(`^${source}$`).test(segment);
}

/** The grammar written the obvious way: a `**` segment takes none or more segments (exponential). */
function referenceMatch(pattern: string, id: string): boolean {
  if (!pattern.includes("*")) return pattern === id;
  const match = (p: string[], s: string[]): boolean => {
    if (p.length === 0) return s.length === 0;
    if (p[0] === "**") return match(p.slice(1), s) || (s.length > 0 && match(p, s.slice(1)));
    return s.length > 0 && referenceSegment(p[0], s[0]) && match(p.slice(1), s.slice(1));
  };
  return match(pattern.split("/"), id.split("/"));
}

Deno.test("matchesPattern(): ** crosses segments, at the start, middle and end", () => {
  const ids = ["web", "web/home", "web/a/terms", "terms", "api/health", "api/v2/health", "api/x"];
  const picks = (pattern: string) => ids.filter((id) => matchesPattern(pattern, id));
  assert.deepEqual(picks("web/**"), ["web", "web/home", "web/a/terms"]);
  assert.deepEqual(picks("**/terms"), ["web/a/terms", "terms"]);
  assert.deepEqual(picks("api/**/health"), ["api/health", "api/v2/health"]);
  assert.deepEqual(picks("**"), ids);
  assert.deepEqual(picks("a**"), [], "** inside a segment is two *: within the segment");
  assert.deepEqual(picks("**/h*"), ["web/home", "api/health", "api/v2/health"]);
  assert.equal(matchesPattern("web.**", "webX/a"), false, "dots stay literal");
});

Deno.test("matchesPattern() treats regex-special characters as literal", () => {
  for (const special of [".", "+", "?", "^", "$", "{", "}", "(", ")", "|", "[", "]", "\\"]) {
    assert.equal(matchesPattern(`a${special}*`, `a${special}b`), true, special);
    assert.equal(matchesPattern(`a${special}*`, "axb"), special === "x", special);
  }
  assert.equal(matchesPattern("a.*", "a.b/c"), false);
  assert.equal(matchesPattern("**", ""), true);
  assert.equal(matchesPattern("*", ""), true);
  assert.equal(matchesPattern("a/*", "a/"), true);
  assert.equal(matchesPattern("a/**/b", "a/x/y/b"), true, "a ** segment crosses /");
  assert.equal(matchesPattern("a/x**/b", "a/x/y/b"), false, "** inside a segment does not");
});

const patternChar = fc.constantFrom("a", "b", ".", "/", "*", "*", "(", "+", "?", "[", "\\", "$");
const idChar = fc.constantFrom("a", "b", ".", "/", "(", "+", "?", "[", "\\", "$");
const text = (char: fc.Arbitrary<string>, maxLength: number) =>
  fc.array(char, { maxLength }).map((chars) => chars.join(""));

Deno.test("matchesPattern() agrees with the grammar written the obvious way (generated)", () => {
  fc.assert(
    fc.property(text(patternChar, 10), text(idChar, 12), (pattern, id) => {
      assert.equal(matchesPattern(pattern, id), referenceMatch(pattern, id), `${pattern} ${id}`);
    }),
    { numRuns: 5000 },
  );
  // Ids built to match: a pattern with parts of the id replaced by "*".
  fc.assert(
    fc.property(text(idChar, 16), fc.array(fc.nat(16), { maxLength: 4 }), (id, cuts) => {
      let pattern = id;
      for (const cut of cuts) {
        const at = Math.min(cut, pattern.length);
        const end = Math.min(at + (cut % 3), pattern.length);
        if (pattern.slice(at, end).includes("/")) continue;
        pattern = pattern.slice(0, at) + "*" + pattern.slice(end);
      }
      assert.equal(matchesPattern(pattern, id), referenceMatch(pattern, id), `${pattern} ${id}`);
      assert.equal(matchesPattern(pattern, id), true, `${pattern} ${id}`);
    }),
    { numRuns: 2000 },
  );
});

Deno.test("glob matching takes at most (pattern + 1) x (id + 1) steps (generated)", () => {
  const bound = (pattern: string, id: string) => (pattern.length + 1) * (id.length + 1);
  fc.assert(
    fc.property(text(patternChar, 40), text(idChar, 200), (pattern, id) => {
      assert.ok(globMatch(pattern, id).steps <= bound(pattern, id), `${pattern} ${id}`);
    }),
    { numRuns: 2000 },
  );
  // The hostile family: "a*" k times, then a character the id lacks.
  fc.assert(
    fc.property(
      fc.integer({ min: 1, max: 40 }),
      fc.integer({ min: 1, max: 512 }),
      fc.constantFrom("b", "a"),
      (k, n, last) => {
        const pattern = "a*".repeat(k) + last;
        const id = "a".repeat(n);
        const { matches, steps } = globMatch(pattern, id);
        assert.equal(matches, last === "a" && n >= k + 1);
        assert.ok(steps <= bound(pattern, id), `k=${k} n=${n}: ${steps} steps`);
      },
    ),
    { numRuns: 500 },
  );
  // The same family one level up: "**/a/" k times, then a segment the id lacks.
  fc.assert(
    fc.property(
      fc.integer({ min: 1, max: 20 }),
      fc.integer({ min: 1, max: 100 }),
      (k, n) => {
        const pattern = "**/a*/".repeat(k) + "b";
        const id = Array.from({ length: n }, () => "a").join("/");
        const { matches, steps } = globMatch(pattern, id);
        assert.equal(matches, false);
        assert.ok(steps <= bound(pattern, id), `k=${k} n=${n}: ${steps} steps`);
      },
    ),
    { numRuns: 300 },
  );
});

Deno.test("filterByPatterns() keeps catalog order and unions patterns", () => {
  const ids = filterByPatterns(catalog, ["web/home", "api/*"]).map((f) => f.id);
  assert.deepEqual(ids, ["api/health", "api/login", "web/home"]);
});

Deno.test("filterByPatterns() names an unknown id and suggests the closest", () => {
  try {
    filterByPatterns(catalog, ["api/helth"]);
    assert.fail("no error");
  } catch (error) {
    assert.ok(error instanceof UserError);
    assert.match(error.message, /Unknown fixture "api\/helth"/);
    assert.ok(error.hints.includes('Did you mean "api/health"?'), error.hints.join("|"));
  }
  assert.throws(() => filterByPatterns(catalog, ["nothing/*"]), /Unknown fixture "nothing\/\*"/);
});

Deno.test("shardOf() partitions disjointly, covers, and is stable when fixtures are added", () => {
  const ids = Array.from({ length: 200 }, (_, i) => ({ id: `suite/f${i}` }));
  const total = 3;
  const parts = Array.from({ length: total }, (_, i) => shardOf(ids, { index: i + 1, total }));
  const all = parts.flat().map((f) => f.id);
  assert.equal(all.length, ids.length);
  assert.equal(new Set(all).size, ids.length);
  for (const part of parts) assert.ok(part.length > 30, `unbalanced shard: ${part.length}`);
  const grown = [...ids, { id: "suite/new" }];
  const before = shardOf(ids, { index: 2, total }).map((f) => f.id);
  const after = shardOf(grown, { index: 2, total }).map((f) => f.id).filter((id) =>
    id !== "suite/new"
  );
  assert.deepEqual(after, before);
});

Deno.test("hashId() is FNV-1a", () => {
  assert.equal(hashId(""), 0x811c9dc5);
  assert.equal(hashId("a"), 0xe40c292c);
});
