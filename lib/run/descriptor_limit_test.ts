import assert from "node:assert/strict";
// Test-only: locked in deno.test.lock, so that running smoke never fetches it.
// deno-lint-ignore no-import-prefix
import fc from "npm:fast-check@4.11.0";
import {
  capConcurrency,
  DESCRIPTOR_RESERVE,
  DESCRIPTORS_PER_FIXTURE,
  parseOpenFileLimit,
  readDescriptorBudget,
} from "./descriptor_limit.ts";

Deno.test("parseOpenFileLimit() reads the soft limit of a real limits file", () => {
  const text = [
    "Limit                     Soft Limit           Hard Limit           Units     ",
    "Max cpu time              unlimited            unlimited            seconds   ",
    "Max open files            256                  524288               files     ",
    "Max locked memory         8388608              8388608              bytes     ",
  ].join("\n");
  assert.equal(parseOpenFileLimit(text), 256);
  assert.equal(parseOpenFileLimit(""), undefined);
});

Deno.test({
  name: "readDescriptorBudget() sees the descriptors this process opens",
  ignore: Deno.build.os !== "linux",
}, () => {
  // Tests run in parallel in this process and open and close their own descriptors meanwhile:
  // open many, so that what this test opened stands out from their coming and going.
  const before = readDescriptorBudget()!;
  const files = Array.from({ length: 300 }, () => Deno.openSync("/dev/null"));
  const after = readDescriptorBudget()!;
  for (const file of files) file.close();
  assert.equal(after.limit, before.limit);
  assert.ok(after.open >= before.open + 200, `${before.open} -> ${after.open}`);
});

Deno.test("property: the capped concurrency fits the limit with the reserve, or is 1, and never exceeds the request", () => {
  fc.assert(
    fc.property(
      fc.integer({ min: 1, max: 100_000 }),
      fc.integer({ min: 1, max: 1_000_000 }),
      fc.integer({ min: 0, max: 2000 }),
      fc.integer({ min: 0, max: 100_000 }),
      (requested, limit, open, fixtures) => {
        const { effective, warning } = capConcurrency(requested, { limit, open }, fixtures);
        assert.ok(effective >= 1 && effective <= requested);
        const used = open + DESCRIPTOR_RESERVE + effective * DESCRIPTORS_PER_FIXTURE;
        assert.ok(effective === 1 || used <= limit, `${used} > ${limit}`);
        // A warning exactly when the cap lowered what would have run at once.
        assert.equal(warning !== undefined, Math.min(requested, fixtures) > effective);
        if (warning) {
          assert.match(
            warning.message,
            new RegExp(`^Concurrency ${requested} lowered to ${effective}`),
          );
          assert.match(warning.hint ?? "", /ulimit -n \d+/);
        }
      },
    ),
  );
});
