import assert from "node:assert/strict";
import { resultLine } from "../base/safe_output.ts";
import type { FixtureResult } from "../artifact/artifact.ts";
import { palette, renderFailures, renderFixtureLine, renderStatusLine } from "./console_render.ts";
import { renderSummary } from "./console_summary.ts";

const plain = palette(false);
const result = (over: Partial<FixtureResult>): FixtureResult => ({
  id: "a",
  status: "passed",
  durationMs: 12,
  attempts: 1,
  exitCode: 0,
  signal: null,
  timedOut: false,
  ...over,
});
const end = (over: Partial<FixtureResult>, outputLeaked = false) => ({
  result: result(over),
  failedAttempts: [],
  outputLeaked,
});

Deno.test("renderFixtureLine() marks each status in words", () => {
  assert.equal(renderFixtureLine(end({}), plain), "PASS  a  12ms");
  assert.equal(
    renderFixtureLine(end({ flaky: true, attempts: 2 }), plain),
    "PASS  a  12ms  flaky: passed after 2 attempts",
  );
  assert.equal(
    renderFixtureLine(end({ status: "skipped", skipReason: "later", attempts: 0 }), plain),
    "SKIP  a  later",
  );
  assert.equal(
    renderFixtureLine(
      end({ status: "failed", failure: { kind: "exit-code", message: "Exited 1\nmore" } }),
      plain,
    ),
    "FAIL  a  12ms  exit-code: Exited 1",
  );
  assert.match(renderFixtureLine(end({}, true), plain), /escaped process/);
});

Deno.test("a fixture that took more than one attempt says so on its line and in its failure block", () => {
  const failed = {
    status: "failed" as const,
    failure: { kind: "exit-code" as const, message: "x" },
  };
  for (const attempts of [1, 2, 3, 17]) {
    const words = attempts > 1 ? `  after ${attempts} attempts` : "";
    assert.equal(
      renderFixtureLine(end({ ...failed, attempts }), plain),
      `FAIL  a  12ms${words}  exit-code: x`,
    );
    assert.equal(
      renderFailures([end({ ...failed, attempts })], plain)[2],
      `  1) a  [exit-code]${attempts > 1 ? `  failed after ${attempts} attempts` : ""}`,
    );
    if (attempts > 1) {
      assert.equal(
        renderFixtureLine(end({ flaky: true, attempts }), plain),
        `PASS  a  12ms  flaky: passed after ${attempts} attempts`,
      );
    }
  }
});

Deno.test("renderStatusLine() fits the terminal", () => {
  const running = new Map(Array.from({ length: 20 }, (_, i) => [`fixture-${i}`, 0]));
  const line = renderStatusLine({ done: 1, total: 30, passed: 1, failed: 0, running }, 2000, 60);
  assert.ok(line.length <= 59, `${line.length}: ${line}`);
  assert.ok(line.startsWith("[1/30] 1 passed, 0 failed | running: fixture-0 2.0s"));
});

Deno.test("renderFailures() shows kind, message, file and the last stderr lines", () => {
  const lines = renderFailures([
    end({}),
    {
      ...end({
        id: "b",
        status: "failed",
        failure: { kind: "timeout", message: "Timed out" },
        stderrTail: Array.from({ length: 30 }, (_, i) => `line ${i}`).join("\n") + "\n",
      }),
      planned: { fixture: { file: "fixtures/b.smoke.ts" } } as never,
    },
  ], plain);
  assert.equal(lines[2], "  1) b  [timeout]");
  assert.ok(lines.includes("     file: fixtures/b.smoke.ts"));
  assert.ok(lines.includes("       line 29"));
  assert.ok(!lines.includes("       line 17"), "only the last 12 lines");
  assert.deepEqual(renderFailures([end({})], plain), []);
});

Deno.test("renderSummary() ends with the RESULT line and shows rerun facts", () => {
  const lines = renderSummary({
    summary: { total: 3, passed: 1, failed: 1, skipped: 1, flaky: 0 },
    result: "fail",
    durationMs: 100,
    artifactPath: "runs/x.json",
    rerunCommand: "deno task smoke --rerun-failed",
    combined: {
      summary: { total: 42, passed: 41, failed: 1, skipped: 0, flaky: 0 },
      result: "fail",
    },
    recovered: ["b"],
  }, plain);
  assert.equal(lines.at(-1), resultLine("fail"));
  assert.ok(lines[0].startsWith("Summary: 1 passed, 1 failed, 1 skipped, 0 flaky"));
  assert.ok(lines.includes("After rerun: 41 passed, 1 failed of 42 -> fail"));
  assert.ok(lines.includes("Recovered: 1 (b)"));
  assert.ok(lines.includes("Rerun failures: deno task smoke --rerun-failed"));
});

Deno.test("renderSummary(): the fixtures not run are named, the first ten", () => {
  const ids = Array.from({ length: 12 }, (_, i) => `api/f${i}`);
  const render = (notRunIds: string[], extra = {}) =>
    renderSummary({
      summary: { total: 14, passed: 0, failed: 14, skipped: 0, flaky: 0 },
      result: "fail",
      durationMs: 100,
      notRun: notRunIds.length,
      notRunIds,
      ...extra,
    }, plain).find((line) => line.startsWith("Not run:"));
  assert.equal(
    render(ids.slice(0, 2)),
    "Not run: 2 fixtures (api/f0, api/f1; the failure limit, --max-failures or maxFailures, was " +
      "reached); they are owed, and --rerun-failed runs them with the failures.",
  );
  assert.equal(
    render(ids),
    "Not run: 12 fixtures (api/f0, api/f1, api/f2, api/f3, api/f4, api/f5, api/f6, api/f7, " +
      "api/f8, api/f9, ... and 2 more; the failure limit, --max-failures or maxFailures, was " +
      "reached); they are owed, and --rerun-failed runs them with the failures.",
  );
  assert.equal(
    render(["a"], { notRunReason: 'service "api" was not ready' }),
    'Not run: 1 fixture (a; service "api" was not ready); they are owed, and --rerun-failed ' +
      "runs them.",
  );
});

Deno.test("renderSummary(): a duration shard's line says how many fixtures pulled in it left out, when the split did", () => {
  const lines = renderSummary({
    summary: { total: 3, passed: 3, failed: 0, skipped: 0, flaky: 0 },
    result: "pass",
    durationMs: 100,
    shard: { index: 2, total: 3, predictedMs: 1200, actualMs: 1300, pulledIn: 2 },
  }, plain);
  assert.ok(
    lines.includes(
      "Shard 2/3 by duration: predicted 1.2s of fixture time, took 1.3s (2 pulled in, not counted)",
    ),
    lines.join("\n"),
  );
});

Deno.test("renderSummary(): a duration shard's line: the prediction against what the shard's fixtures took", () => {
  const lines = renderSummary({
    summary: { total: 3, passed: 3, failed: 0, skipped: 0, flaky: 0 },
    result: "pass",
    durationMs: 100,
    shard: { index: 2, total: 3, predictedMs: 1200, actualMs: 1300 },
  }, plain);
  assert.ok(
    lines.includes(
      "Shard 2/3 by duration: predicted 1.2s of fixture time, took 1.3s",
    ),
    lines.join("\n"),
  );
});

Deno.test("renderSummary() separates recoveries with semicolons when a note holds a comma", () => {
  const view = {
    summary: { total: 2, passed: 2, failed: 0, skipped: 0, flaky: 0 },
    result: "pass" as const,
    durationMs: 100,
  };
  const noted = renderSummary({
    ...view,
    recovered: ["a", "b passed unchanged: likely flaky, it flipped 4 times in its last 10 runs"],
  }, plain);
  assert.ok(
    noted.includes(
      "Recovered: 2 (a; b passed unchanged: likely flaky, it flipped 4 times in its last 10 runs)",
    ),
    noted.join("\n"),
  );
  assert.ok(
    renderSummary({ ...view, recovered: ["a", "b"] }, plain).includes("Recovered: 2 (a, b)"),
  );
});

Deno.test("renderFailures() shows both streams, the one with the error first, each labelled", () => {
  const lines = renderFailures([end({
    status: "failed",
    failure: { kind: "exit-code", message: "Exited with code 1, expected 0" },
    stdoutTail: "running 1 test from ./a_test.ts\nadds => ./a_test.ts:2:6\n" +
      "error: AssertionError: 2 !== 3\n\nFAILED | 0 passed | 1 failed (1ms)\n",
    stderrTail: "error: Test failed\n",
  })], plain);
  const stdout = lines.findIndex((l) => /^ {5}stdout \(.*\):$/.test(l));
  const stderr = lines.findIndex((l) => /^ {5}stderr \(.*\):$/.test(l));
  assert.ok(stdout > 0 && stderr > stdout, lines.join("\n"));
  const cause = lines.indexOf("       error: AssertionError: 2 !== 3");
  assert.ok(cause > stdout && cause < stderr, lines.join("\n"));
  assert.ok(lines.includes("       adds => ./a_test.ts:2:6"));
  assert.equal(lines[stderr + 1], "       error: Test failed");
});

const refused = (id: string, port = 8000) =>
  end({
    id,
    status: "failed",
    failure: { kind: "exit-code", message: "Exited with code 1, expected 0" },
    stderrTail: "error: Uncaught (in promise) TypeError: fetch failed\n" +
      `Caused by: Error: error sending request for url (http://127.0.0.1:${port}/health): ` +
      "client error (Connect): tcp connect error: Connection refused (os error 111)\n" +
      "    at mainFetch (ext:deno_fetch/26_fetch.js:2:3477)\n",
  });

Deno.test("renderFailures() leads with one line for 3+ failures of one cause; the rest show no output", () => {
  const lines = renderFailures(
    [refused("api/a"), refused("api/b"), end({}), refused("api/c"), refused("api/d")],
    plain,
  );
  assert.equal(
    lines[2],
    "4 failures share one cause: connection refused on 127.0.0.1:8000 (api/a, api/b, api/c, api/d)",
  );
  assert.equal(lines[3], "");
  assert.equal(lines[4], "  1) api/a  [exit-code]");
  // The first fixture of the group keeps its excerpt; the others point at it.
  const first = lines.slice(4, lines.indexOf("  2) api/b  [exit-code]"));
  assert.ok(first.some((l) => l.includes("Connection refused (os error 111)")), first.join("\n"));
  const second = lines.slice(lines.indexOf("  2) api/b  [exit-code]"));
  assert.deepEqual(second.slice(0, 4), [
    "  2) api/b  [exit-code]",
    "     Exited with code 1, expected 0",
    "     (same cause as api/a: connection refused on 127.0.0.1:8000)",
    "",
  ]);
  assert.equal(lines.filter((l) => l.includes("os error 111")).length, 1, lines.join("\n"));
});

Deno.test("renderFailures() has no group line for two failures of one cause, or causes that differ", () => {
  for (
    const ends of [
      [refused("a"), refused("b")],
      [refused("a", 1), refused("b", 2), refused("c", 3)],
    ]
  ) {
    const lines = renderFailures(ends, plain);
    assert.ok(!lines.some((l) => l.includes("share one cause")), lines.join("\n"));
    assert.ok(!lines.some((l) => l.includes("same cause as")), lines.join("\n"));
    assert.equal(lines.filter((l) => l.includes("os error 111")).length, ends.length);
  }
});
