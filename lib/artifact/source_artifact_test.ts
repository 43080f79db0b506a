import assert from "node:assert/strict";
import { fixtureResult } from "../../e2e/_history.ts";
import { createArtifact, type FixtureResult } from "./artifact.ts";
import { checkSource, salvageFailedIds } from "./source_artifact.ts";
import { displayName } from "../base/safe_output.ts";
// Test-only: locked in deno.test.lock, so that running smoke never fetches it.
// deno-lint-ignore no-import-prefix
import fc from "npm:fast-check@4.11.0";

const r = (id: string, status: FixtureResult["status"]) => fixtureResult({ id, status });
const artifact = (fixtures: FixtureResult[]) =>
  createArtifact({
    runId: "20261125T000000000Z-abcdef",
    mode: "full",
    startedAt: new Date(0),
    finishedAt: new Date(10),
    version: "0.1.0",
    environment: { deno: "2.9.6", os: "linux", arch: "x86_64", ci: false },
    selection: { fixtureIds: fixtures.map((f) => f.id) },
    fixtures,
  });

Deno.test("checkSource() picks exactly the failed ids, with their kinds", () => {
  const text = JSON.stringify(artifact([
    r("a", "passed"),
    fixtureResult({ id: "b", status: "failed", kind: "timeout" }),
    r("c", "skipped"),
    fixtureResult({ id: "d", status: "failed", kind: "interrupted" }),
  ]));
  const checked = checkSource(text);
  assert.ok(checked.ok);
  assert.deepEqual(checked.failed, [{ id: "b", kind: "timeout" }, {
    id: "d",
    kind: "interrupted",
  }]);
});

Deno.test("checkSource() gives line and column of a JSON syntax error", () => {
  const checked = checkSource('{\n  "schemaVersion": 1,\n  "runId": "x",\n }');
  assert.ok(!checked.ok);
  assert.equal(checked.code, "ARTIFACT_INVALID_JSON");
  assert.equal(checked.message, 'unexpected token "}" at line 4, column 2');
  const truncated = checkSource('{ "schemaVersion": 1, "fix');
  assert.ok(!truncated.ok);
  assert.match(truncated.message, /at line 1, column \d+/);
});

Deno.test("checkSource() checks schemaVersion before the rest", () => {
  const codeOf = (value: unknown) => {
    const checked = checkSource(JSON.stringify(value));
    return checked.ok ? "ok" : checked.code;
  };
  assert.equal(codeOf({}), "ARTIFACT_SCHEMA_MISMATCH");
  assert.equal(codeOf({ schemaVersion: "1" }), "ARTIFACT_SCHEMA_MISMATCH");
  assert.equal(codeOf({ schemaVersion: 1.5 }), "ARTIFACT_SCHEMA_MISMATCH");
  assert.equal(codeOf({ schemaVersion: 2 }), "ARTIFACT_UNSUPPORTED_VERSION");
  assert.equal(codeOf([1]), "ARTIFACT_SCHEMA_MISMATCH");
  assert.equal(codeOf(null), "ARTIFACT_SCHEMA_MISMATCH");
  assert.equal(codeOf({ schemaVersion: 1 }), "ARTIFACT_SCHEMA_MISMATCH");
});

Deno.test("checkSource() names key paths, at most ten lines, and salvages good ids", () => {
  const value = JSON.parse(JSON.stringify(artifact([r("a", "failed"), r("b", "failed")])));
  value.fixtures[1].status = "exploded";
  value.fixtures.push({ id: "../../etc/passwd", status: "failed" });
  const checked = checkSource(JSON.stringify(value));
  assert.ok(!checked.ok);
  assert.equal(checked.code, "ARTIFACT_SCHEMA_MISMATCH");
  assert.match(checked.message, /fixtures\[1\]\.status: /);
  assert.match(checked.message, /fixtures\[2\]\.id: /);
  assert.ok(checked.message.split("\n").length <= 11);
  assert.deepEqual(checked.salvagedIds, ["a"]);
});

Deno.test("checkSource() ignores extra fields such as command or env", () => {
  const value = JSON.parse(JSON.stringify(artifact([r("a", "failed")])));
  value.fixtures[0].command = ["rm", "-rf", "/"];
  value.fixtures[0].env = { X: "1" };
  value.command = "evil";
  const checked = checkSource(JSON.stringify(value));
  assert.ok(checked.ok);
  assert.equal("command" in checked.artifact.fixtures[0], false);
  assert.equal("command" in checked.artifact, false);
});

Deno.test("salvageFailedIds() keeps only well-formed ids", () => {
  const ids = salvageFailedIds({
    fixtures: [
      { id: "ok/one", status: "failed" },
      { id: "ok; touch x", status: "failed" },
      { id: "/abs", status: "failed" },
      { id: "..", status: "failed" },
      { id: "a\u0000b", status: "failed" },
      { id: "x".repeat(10_000), status: "failed" },
      { id: "$(rm -rf ~)", status: "failed" },
      null,
      "string",
    ],
  });
  assert.deepEqual(ids, ["ok/one"]);
  assert.deepEqual(salvageFailedIds("nope"), []);
});

Deno.test("checkSource() property: each problem is one line, whatever an id or key holds", () => {
  // Ids and keys come from the file: a newline in one must not start a line of its own (a forged
  // `error:` or `RESULT:` line) when the problems are printed.
  const unit = fc.constantFrom("a", "/", "\n", "\r", "\t", "\x1b", "\u2028", "\u202e", " ", ":");
  fc.assert(
    fc.property(
      fc.string({ unit, minLength: 1, maxLength: 12 }),
      fc.string({ unit, minLength: 1, maxLength: 12 }),
      (id, key) => {
        const value = JSON.parse(JSON.stringify(artifact([r("a", "passed"), r("b", "failed")])));
        value.fixtures[0].id = id;
        value.fixtures[1][key] = 1;
        // A suite state that disagrees with the results: its message names the id.
        value.suite = { outstanding: [], passed: [], skipped: [], flaky: ["zz"] };
        const checked = checkSource(JSON.stringify(value));
        if (checked.ok) return;
        for (const line of checked.message.split("\n")) {
          assert.equal(displayName(line), line, `a problem line holds raw text: ${line}`);
        }
      },
    ),
    { numRuns: 300 },
  );
});

Deno.test("checkSource() property: an artifact holds one result per fixture; a second result for an id is refused, naming where", () => {
  const idArb = fc.stringMatching(/^[a-z][a-z0-9]{0,3}$/);
  fc.assert(
    fc.property(fc.uniqueArray(idArb, { minLength: 1, maxLength: 8 }), fc.nat(), fc.nat(), (
      ids,
      from,
      at,
    ) => {
      const fixtures = ids.map((id) => r(id, "passed"));
      assert.ok(checkSource(JSON.stringify(artifact(fixtures))).ok);
      // The same id again, anywhere after its first result.
      const first = from % ids.length;
      const position = first + 1 + (at % (ids.length - first));
      const twice = [...fixtures];
      twice.splice(position, 0, r(ids[first], "failed"));
      const checked = checkSource(JSON.stringify(artifact(twice)));
      assert.ok(!checked.ok);
      assert.equal(checked.code, "ARTIFACT_SCHEMA_MISMATCH");
      assert.ok(
        checked.message.includes(
          `fixtures[${position}].id: fixture "${
            ids[first]
          }" has a result at fixtures[${first}] already`,
        ),
        checked.message,
      );
    }),
  );
});
