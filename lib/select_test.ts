import assert from "node:assert/strict";
import { filterByPatterns, hashId, matchesPattern, shardOf } from "./select.ts";
import { UserError } from "./errors.ts";

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
