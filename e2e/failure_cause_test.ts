/// <reference lib="dom" />
/**
 * End to end: a real `deno test` command fixture whose assertion fails. `deno test` writes the
 * cause (`AssertionError: ...`, the `=> file:line` location, the diff) to stdout and only
 * `error: Test failed` to stderr; every output that shows a failure must carry the cause.
 */
import assert from "node:assert/strict";
import { join } from "node:path";
// Test-only: locked in deno.test.lock, so that running smoke never fetches it.
// deno-lint-ignore no-import-prefix
import { XMLParser } from "npm:fast-xml-parser@5.12.1";
// Test-only: locked in deno.test.lock, so that running smoke never fetches it.
// deno-lint-ignore no-import-prefix
import { parseHTML } from "npm:linkedom@0.18.15";
import { runSmoke, tempProject } from "./_project.ts";

/** A test file that needs no network: it imports only Deno's built-in `node:assert/strict`. */
const TEST_FILE = `import assert from "node:assert/strict";

Deno.test("adds", () => {
  assert.equal(1 + 1, 3);
});

Deno.test("still fine", () => {});
`;

/** A project whose one fixture runs `deno test` on {@linkcode TEST_FILE}. */
function denoTestProject() {
  return tempProject({
    "tests/math_test.ts": TEST_FILE,
    "fixtures/unit/math.smoke.jsonc": JSON.stringify({
      command: [Deno.execPath(), "test", "--no-check", "--no-config", "tests/math_test.ts"],
      timeoutMs: 60_000,
    }),
  });
}

const ASSERTION = /error: AssertionError: Expected values to be strictly equal:/;
const LOCATION = /adds => \.\/tests\/math_test\.ts:3:6/;

Deno.test("a failing deno test fixture: the console and JUnit show the AssertionError and its location", async () => {
  await using p = await denoTestProject();
  const run = await runSmoke(p.dir, ["--junit", "junit.xml", "--report"]);
  assert.equal(run.code, 1, run.stdout + run.stderr);
  assert.equal(run.resultLine, "RESULT: fail");
  const artifact = await p.latest();
  const tails = artifact.fixtures[0] as { stdoutTail?: string; stderrTail?: string };
  assert.match(tails.stdoutTail ?? "", ASSERTION, "deno test writes the cause to stdout");
  assert.doesNotMatch(tails.stderrTail ?? "", /AssertionError/, "and not to stderr");

  const block = run.stdout.slice(run.stdout.indexOf("Failures:"), run.stdout.indexOf("Summary:"));
  assert.match(block, /1\) unit\/math {2}\[exit-code\]/);
  assert.match(block, ASSERTION, block);
  assert.match(block, LOCATION, block);
  assert.match(block, /^ {5}stdout \(/m, "the stdout lines are labelled");
  assert.match(block, /^ {5}stderr \(.*\n {7}error: Test failed$/m, "stderr is shown too");
  assert.ok(
    block.search(ASSERTION) < block.search(/error: Test failed/),
    `the cause comes before deno's own summary:\n${block}`,
  );

  const parser = new XMLParser({
    ignoreAttributes: false,
    attributeNamePrefix: "",
    parseTagValue: false,
    trimValues: false,
  });
  const testcase = parser.parse(await p.read("junit.xml")).testsuites.testsuite.testcase;
  const failure: string = testcase.failure["#text"];
  assert.match(failure, ASSERTION, failure);
  assert.match(failure, LOCATION, failure);
  assert.equal(testcase["system-out"], tails.stdoutTail, "the whole tail stays in system-out");

  const doc = parseHTML(await p.read(".planning/artifacts/smoke/report.html")).document;
  const article = doc.getElementById("failure-unit/math")!;
  const excerpt = Array.from(
    article.querySelectorAll("pre"),
    (pre) => pre.closest("details") ? "" : pre.textContent!,
  ).join("\n");
  assert.match(excerpt, ASSERTION, "the report shows the cause outside the collapsed tails");
  assert.match(excerpt, LOCATION);
});

Deno.test("a failing deno test fixture: the GitHub annotation and step summary name the AssertionError", async () => {
  await using p = await denoTestProject();
  const env = {
    GITHUB_ACTIONS: "true",
    GITHUB_STEP_SUMMARY: join(p.dir, "step-summary.md"),
    GITHUB_WORKSPACE: p.dir,
  };
  const run = await runSmoke(p.dir, [], { env });
  assert.equal(run.code, 1, run.stdout + run.stderr);
  const annotation = run.stdout.split("\n").find((line) => line.startsWith("::error "));
  assert.ok(annotation, run.stdout);
  assert.match(annotation, /::exit-code: Exited with code 1, expected 0%0A/);
  assert.match(annotation, ASSERTION);
  const summary = await Deno.readTextFile(env.GITHUB_STEP_SUMMARY);
  const row = summary.split("\n").find((line) => line.startsWith("| `unit/math` |"));
  assert.ok(row, summary);
  assert.match(row, ASSERTION);
});
