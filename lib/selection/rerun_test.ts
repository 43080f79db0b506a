import assert from "node:assert/strict";
import { fixtureResult } from "../../e2e/_history.ts";
import type { FixtureResult } from "../artifact/artifact.ts";
import { combine, splitFailed } from "./rerun.ts";

const r = (id: string, status: FixtureResult["status"], over: { flaky?: boolean } = {}) =>
  fixtureResult({ id, status, ...over });

Deno.test("splitFailed() and combine() leave stale ids out", () => {
  const split = splitFailed([{ id: "b" }, { id: "gone" }], ["a", "b"]);
  assert.deepEqual(split, { rerun: ["b"], stale: ["gone"] });
  const combined = combine(
    [r("a", "passed"), r("b", "failed"), r("gone", "failed")],
    [r("b", "passed", { flaky: true })],
    ["gone"],
  );
  assert.deepEqual(combined.summary, { total: 2, passed: 2, failed: 0, skipped: 0, flaky: 1 });
  assert.equal(combined.result, "pass");
  assert.equal(
    combine([r("a", "passed")], [r("b", "passed", { flaky: true })], [], { failOnFlaky: true })
      .result,
    "fail",
  );
});
