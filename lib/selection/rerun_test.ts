import assert from "node:assert/strict";
import { fixtureResult } from "../../e2e/_history.ts";
import { createArtifact, type FixtureResult } from "../artifact/artifact.ts";
import { advanceState, dropStale, suiteVerdict } from "../artifact/suite_state.ts";
import { stateOfArtifact } from "./rerun.ts";

const r = (id: string, status: FixtureResult["status"], over: { flaky?: boolean } = {}) =>
  fixtureResult({ id, status, ...over });

const environment = { deno: "2.9.6", os: "linux", arch: "x86_64", ci: false };
const run = (
  runId: string,
  mode: "full" | "rerun-failed",
  fixtures: FixtureResult[],
  of?: string,
) =>
  createArtifact({
    runId,
    mode,
    startedAt: new Date(0),
    finishedAt: new Date(1),
    version: "0.1.0",
    environment,
    selection: {
      fixtureIds: fixtures.map((f) => f.id),
      ...(of ? { source: { path: "latest.json", runId: of, sha256: "0".repeat(64) } } : {}),
    },
    fixtures,
  });

Deno.test("the suite's verdict leaves stale ids out and counts flaky passes", () => {
  const full = advanceState(undefined, {
    runId: "r1",
    mode: "full",
    fixtures: [r("a", "passed"), r("b", "failed"), r("gone", "failed")],
  });
  const after = advanceState(full, {
    runId: "r2",
    mode: "rerun-failed",
    fixtures: [r("b", "passed", { flaky: true })],
  });
  const { state, stale } = dropStale(after, ["a", "b"]);
  assert.deepEqual(stale, ["gone"]);
  assert.deepEqual(suiteVerdict(state).summary, {
    total: 2,
    passed: 2,
    failed: 0,
    skipped: 0,
    flaky: 1,
  });
  assert.equal(suiteVerdict(state).result, "pass");
  assert.equal(suiteVerdict(state, { failOnFlaky: true }).result, "fail");
});

Deno.test("stateOfArtifact(): an artifact from before 1.1 stands for its chain back to the full run", async () => {
  const full = run("r1", "full", [r("a", "failed"), r("b", "failed"), r("c", "passed")]);
  const rerun = run("r2", "rerun-failed", [r("a", "passed")], "r1");
  const { state, missingRunId } = await stateOfArtifact(
    rerun,
    (id) => Promise.resolve(id === "r1" ? full : undefined),
  );
  assert.equal(missingRunId, undefined);
  assert.equal(state.since, "r1");
  assert.deepEqual(
    [...state.entries.values()].map((e) => [e.id, e.status, e.runId]).sort(),
    [["a", "passed", "r2"], ["b", "failed", "r1"], ["c", "passed", "r1"]],
  );
  // Without its parent, only what the rerun itself knows.
  const alone = await stateOfArtifact(rerun, () => Promise.resolve(undefined));
  assert.equal(alone.missingRunId, "r1");
  assert.deepEqual([...alone.state.entries.keys()], ["a"]);
});
