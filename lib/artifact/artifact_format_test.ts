import assert from "node:assert/strict";
// Test-only: locked in deno.test.lock, so that running smoke never fetches it.
// deno-lint-ignore no-import-prefix
import fc from "npm:fast-check@4.11.0";
import { FIXTURE_ID_PATTERN, isFixtureId, MAX_FIXTURE_ID_LENGTH } from "./artifact_format.ts";

/** The rule as the README states it, spelled out segment by segment. */
function reference(id: string): boolean {
  return id.length <= MAX_FIXTURE_ID_LENGTH && FIXTURE_ID_PATTERN.test(id) &&
    id.split("/").every((s) => s !== "" && s !== "." && s !== "..");
}

Deno.test("isFixtureId agrees with the segment rule on generated ids", () => {
  // Mostly dots and slashes, where the edge cases are; a few other characters.
  const char = fc.constantFrom("a", "Z", "0", ".", ".", "/", "/", "-", "_", " ", "é", "\\");
  fc.assert(
    fc.property(fc.array(char, { maxLength: 12 }).map((c) => c.join("")), (id) => {
      assert.equal(isFixtureId(id), reference(id), JSON.stringify(id));
    }),
    { numRuns: 5000 },
  );
});

Deno.test("isFixtureId: segments, length", () => {
  for (
    const good of ["a", "api/health", ".a/b", "a/..b", "a./b", "...", "a/...", "x".repeat(512)]
  ) {
    assert.equal(isFixtureId(good), true, good);
  }
  for (const bad of ["", "/a", "a/", "a//b", ".", "..", "a/.", "./a", "a/../b", "x".repeat(513)]) {
    assert.equal(isFixtureId(bad), false, bad);
  }
});
