import assert from "node:assert/strict";
// Test-only: locked in deno.test.lock with the rest of the test dependencies.
// deno-lint-ignore no-import-prefix
import fc from "npm:fast-check@4.11.0";
import { decodeMappings, encodeMappings } from "./source_map.ts";

Deno.test("encodeMappings and decodeMappings are inverses (generated maps)", () => {
  // Lines of segments in column order, with 4 or 5 fields, large and small numbers.
  const segment = fc.tuple(
    fc.nat({ max: 100_000 }),
    fc.nat({ max: 50 }),
    fc.nat({ max: 100_000 }),
    fc.nat({ max: 5_000 }),
    fc.option(fc.nat({ max: 1_000 }), { nil: undefined }),
  ).map(([c, s, l, sc, n]) => n === undefined ? [c, s, l, sc] : [c, s, l, sc, n]);
  const line = fc.array(segment, { maxLength: 8 }).map((segments) =>
    segments.sort((a, b) => a[0] - b[0])
  );
  fc.assert(
    fc.property(fc.array(line, { minLength: 1, maxLength: 10 }), (lines) => {
      assert.deepEqual(decodeMappings(encodeMappings(lines)), lines);
    }),
  );
});

Deno.test("decodeMappings refuses what is not base64", () => {
  assert.throws(() => decodeMappings("AA!A"), /"!" is not base64/);
});
