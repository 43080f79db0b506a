/**
 * The suite's state against a model, over generated sequences of runs: a
 * fixture is outstanding exactly when its latest result since the last full
 * run failed, whatever partial runs came between; and the state survives the
 * round trip through the artifact (the schema accepts what smoke writes).
 */
import assert from "node:assert/strict";
// Test-only: locked in deno.test.lock, so that running smoke never fetches it.
// deno-lint-ignore no-import-prefix
import fc from "npm:fast-check@4.11.0";
import { createArtifact, type FixtureResult } from "./artifact.ts";
import { ArtifactSchema } from "./artifact_schema.ts";
import {
  advanceState,
  outstandingOf,
  stateFromRecord,
  suiteRecord,
  type SuiteState,
} from "./suite_state.ts";

const IDS = ["a", "b", "c", "api/x", "api/y"];
const status = fc.constantFrom<FixtureResult["status"]>("passed", "failed", "skipped");
const run = fc.record({
  mode: fc.constantFrom("full", "selected", "rerun-failed", "merged") as fc.Arbitrary<
    "full" | "selected" | "rerun-failed" | "merged"
  >,
  shard: fc.boolean(),
  results: fc.array(fc.tuple(fc.constantFrom(...IDS), status), { maxLength: 6 }),
});

function result(id: string, s: FixtureResult["status"]): FixtureResult {
  return {
    id,
    status: s,
    durationMs: 1,
    attempts: 1,
    exitCode: s === "failed" ? 1 : 0,
    signal: null,
    timedOut: false,
    ...(s === "failed"
      ? { failure: { kind: "exit-code" as const, message: "Exited with 1" } }
      : {}),
  };
}

const runId = (i: number) => `20261129T${String(i).padStart(9, "0")}Z-abcdef`;

Deno.test("property: outstanding is exactly what last failed since the last full run", () => {
  fc.assert(
    fc.property(fc.array(run, { minLength: 1, maxLength: 12 }), (runs) => {
      let state: SuiteState | undefined;
      // The model: the latest status per id since the last full run (shards are not full).
      let model = new Map<string, string>();
      runs.forEach((r, i) => {
        // A run's results, once per id (a run runs each fixture once).
        const fixtures = [...new Map(r.results).entries()].map(([id, s]) => result(id, s));
        const full = r.mode === "full" && !r.shard;
        if (full) model = new Map();
        for (const f of fixtures) model.set(f.id, f.status);
        state = advanceState(state, {
          runId: runId(i),
          mode: r.mode,
          ...(r.shard ? { shard: { index: 1, total: 2 } } : {}),
          fixtures,
        });
        // Round trip through the artifact a run writes: the schema takes it, the state is kept.
        const artifact = createArtifact({
          runId: runId(i),
          mode: r.mode,
          startedAt: new Date(0),
          finishedAt: new Date(1),
          version: "0.1.0",
          environment: { deno: "2.9.6", os: "linux", arch: "x86_64", ci: false },
          selection: { fixtureIds: fixtures.map((f) => f.id) },
          fixtures,
          suite: suiteRecord(state, runId(i)),
        });
        const parsed = ArtifactSchema.safeParse(JSON.parse(JSON.stringify(artifact)));
        assert.ok(parsed.success, JSON.stringify(parsed.error?.issues));
        state = stateFromRecord(parsed.data.suite!);
      });
      const expected = [...model].filter(([, s]) => s === "failed").map(([id]) => id).sort();
      assert.deepEqual(outstandingOf(state!).map((e) => e.id), expected);
      const counts = [...model.values()];
      assert.equal(state!.entries.size, counts.length);
    }),
    { numRuns: 300 },
  );
});

Deno.test("suiteRecord(): run ids from a clock that ran ahead are recorded as the artifact's own", () => {
  const ahead = advanceState(undefined, {
    runId: "29990101T000000000Z-ffffff",
    mode: "full",
    fixtures: [result("a", "failed")],
  });
  const record = suiteRecord(ahead, runId(5));
  assert.equal(record.since, runId(5));
  assert.equal(record.outstanding[0].runId, runId(5));
  // An hour ahead is two machines' clocks, not a contradiction: the ids are kept as they are.
  const hourAhead = "20261129T010000000Z-ffffff";
  const skewed = advanceState(undefined, {
    runId: hourAhead,
    mode: "full",
    fixtures: [result("a", "failed")],
  });
  const kept = suiteRecord(skewed, "20261129T000000000Z-aaaaaa");
  assert.equal(kept.since, hourAhead);
  assert.equal(kept.outstanding[0].runId, hourAhead);
});
