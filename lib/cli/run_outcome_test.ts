import assert from "node:assert/strict";
// Test-only: locked in deno.test.lock, so that running smoke never fetches it.
// deno-lint-ignore no-import-prefix
import fc from "npm:fast-check@4.11.0";
import type { FixtureResult } from "../artifact/artifact.ts";
import type { FixtureEnd } from "../run/events.ts";
import { advanceState } from "../artifact/suite_state.ts";
import { rerunCommandOf, runArtifact, type RunArtifactInput, runSummary } from "./run_outcome.ts";

const base = { durationMs: 1, attempts: 1, signal: null, timedOut: false };
const passed = (id: string, extra: Partial<FixtureResult> = {}): FixtureResult => ({
  ...base,
  id,
  status: "passed",
  exitCode: 0,
  ...extra,
});
const failed = (id: string): FixtureResult => ({
  ...base,
  id,
  status: "failed",
  exitCode: 1,
  failure: { kind: "exit-code", message: "Exited with code 1, expected 0" },
});
const end = (result: FixtureResult): FixtureEnd => ({
  result,
  failedAttempts: [],
  outputLeaked: false,
});

function input(results: FixtureResult[], extra: Partial<RunArtifactInput> = {}): RunArtifactInput {
  return {
    runId: "20261129T000000000Z-abcdef",
    selection: { mode: "full", planned: [] },
    ends: results.map(end),
    startedAt: new Date(0),
    finishedAt: new Date(10),
    version: "0.1.0",
    environment: { deno: "2.9.6", os: "linux", arch: "x86_64", ci: false },
    failOnFlaky: false,
    interrupted: false,
    diagnostics: [],
    ...extra,
  };
}

const written = { runFileWritten: true, latestWritten: true };
const facts = {
  runFile: "runs/r.json",
  command: "deno task smoke",
  rerun: false,
  failOnFlaky: false,
};

Deno.test("runArtifact(): a rerun records each fixture's status in its source and the combined verdict", () => {
  const artifact = runArtifact(input([passed("a")], {
    prior: advanceState(undefined, {
      runId: "20261128T000000000Z-000000",
      mode: "full",
      fixtures: [failed("a"), passed("b")],
    }),
    selection: {
      mode: "rerun-failed",
      planned: [],
      rerun: {
        state: advanceState(undefined, {
          runId: "20261128T000000000Z-000000",
          mode: "full",
          fixtures: [failed("a"), passed("b")],
        }),
        stale: [],
        sourceRef: { path: "latest.json", runId: "20261129T000000000Z-000000", sha256: "0" },
      } as never,
    },
  }));
  assert.equal(artifact.fixtures[0].previousStatus, "failed");
  assert.deepEqual(artifact.combined, {
    summary: { total: 2, passed: 2, failed: 0, skipped: 0, flaky: 0 },
    result: "pass",
  });
  const end = runSummary({
    artifact,
    saved: written,
    reporterFailed: false,
    ...facts,
    rerun: true,
  });
  assert.deepEqual(end.view.recovered, ["a"]);
  assert.equal(end.view.fullRunCommand, "deno task smoke");
});

Deno.test("runSummary(): what was not written fails the run, and no rerun command points at it", () => {
  const artifact = runArtifact(input([failed("a")]));
  const latestLost = runSummary({
    artifact,
    saved: { runFileWritten: true, latestWritten: false },
    reporterFailed: false,
    ...facts,
  });
  assert.equal(latestLost.view.result, "fail");
  assert.equal(latestLost.view.artifactPath, "runs/r.json");
  assert.equal(latestLost.view.rerunCommand, undefined);
  assert.equal(
    rerunCommandOf(artifact, "deno task smoke"),
    "deno task smoke --rerun-failed",
    "for the reporters",
  );
  const green = runArtifact(input([passed("a")]));
  const reporterBroke = runSummary({
    artifact: green,
    saved: written,
    reporterFailed: true,
    ...facts,
  });
  assert.equal(reporterBroke.view.result, "fail");
  assert.equal(reporterBroke.exitCode, 1);
});

Deno.test("runSummary(): --fail-on-flaky names the flaky passes", () => {
  const artifact = runArtifact(
    input([passed("a", { flaky: true, attempts: 2 })], { failOnFlaky: true }),
  );
  const end = runSummary({
    artifact,
    saved: written,
    reporterFailed: false,
    ...facts,
    failOnFlaky: true,
  });
  assert.deepEqual(end.view.flakyFailures, ["a"]);
  assert.equal(end.exitCode, 1);
});

Deno.test("property: the exit code always agrees with the verdict, interrupted or not", () => {
  const status = fc.constantFrom("passed", "failed", "flaky");
  fc.assert(
    fc.property(
      fc.array(status, { maxLength: 6 }),
      fc.record({
        runFileWritten: fc.boolean(),
        latestWritten: fc.boolean(),
        reporterFailed: fc.boolean(),
        failOnFlaky: fc.boolean(),
        signal: fc.constantFrom(undefined, "SIGINT", "SIGTERM", "SIGHUP"),
      }),
      (statuses, o) => {
        const results = statuses.map((s, i) =>
          s === "failed" ? failed(`f${i}`) : passed(`f${i}`, s === "flaky" ? { flaky: true } : {})
        );
        const artifact = runArtifact(input(results, {
          failOnFlaky: o.failOnFlaky,
          interrupted: o.signal !== undefined,
        }));
        const end = runSummary({
          artifact,
          saved: { runFileWritten: o.runFileWritten, latestWritten: o.latestWritten },
          reporterFailed: o.reporterFailed,
          ...facts,
          failOnFlaky: o.failOnFlaky,
          ...(o.signal ? { signal: o.signal } : {}),
        });
        assert.equal(end.exitCode === 0, end.view.result === "pass");
        if (o.signal) {
          assert.equal(end.view.result, "fail", "an interrupted run never passes");
          assert.equal(end.exitCode, { SIGHUP: 129, SIGINT: 130, SIGTERM: 143 }[o.signal]);
        }
      },
    ),
    { numRuns: 500 },
  );
});

Deno.test("runSummary(): a recovery of a fixture unchanged since it failed is likely flaky, with its flips", () => {
  const prior = advanceState(undefined, {
    runId: "20261128T000000000Z-000000",
    mode: "full",
    fixtures: [failed("a"), failed("b"), failed("c"), failed("d")],
  });
  const artifact = runArtifact(input(
    [passed("a"), passed("b"), passed("c"), passed("d", { flaky: true, attempts: 2 })],
    {
      prior,
      selection: {
        mode: "rerun-failed",
        planned: [],
        rerun: { state: prior, stale: [] } as never,
      },
    },
  ));
  const end = runSummary({
    artifact,
    saved: written,
    reporterFailed: false,
    ...facts,
    rerun: true,
    unchanged: ["b", "c", "d"],
    outcomes: new Map([["b", "PFPFPPPPFP"], ["d", "PF"]]),
  });
  assert.deepEqual(end.view.recovered, [
    "a",
    "b passed unchanged: likely flaky, it flipped 6 times in its last 10 runs",
    "c passed unchanged: a flake or a fix outside its files",
    "d (flaky: passed on a retry)",
  ]);
});

Deno.test("runSummary(): a duration shard whose split left needs out (too many to follow) leaves them out of 'took' too, and says how many", () => {
  const artifact = runArtifact(input([
    passed("own", { durationMs: 1000 }),
    passed("need", { durationMs: 500 }),
  ]));
  const { view } = runSummary({
    artifact,
    saved: written,
    reporterFailed: false,
    ...facts,
    shard: { index: 1, total: 2, predictedMs: 900, notPredicted: ["need"] },
  });
  assert.deepEqual(view.shard, {
    index: 1,
    total: 2,
    predictedMs: 900,
    actualMs: 1000,
    pulledIn: 1,
  });
});

Deno.test("runSummary(): a duration shard's 'took' is of the prediction's measure: all it ran, needs pulled in included, one run each", () => {
  const repeat = { runs: 3, passed: 3, firstAttemptPassed: 3, outcomes: "PPP" };
  const artifact = runArtifact(input([
    passed("own", { durationMs: 1000, repeat }),
    passed("need", { durationMs: 500, repeat }),
  ]));
  const { view } = runSummary({
    artifact,
    saved: written,
    reporterFailed: false,
    ...facts,
    shard: { index: 1, total: 2, predictedMs: 1400 },
  });
  // The need pulled in ran here, and the split counted it here too; a run each of 3.
  assert.deepEqual(view.shard, {
    index: 1,
    total: 2,
    predictedMs: 1400,
    actualMs: 1500,
    runs: 3,
  });
});
