import assert from "node:assert/strict";
// Test-only: locked in deno.test.lock, so that running smoke never fetches it.
// deno-lint-ignore no-import-prefix
import fc from "npm:fast-check@4.11.0";
import { shardIndexOf, shardsWithFixtures, splitDigest } from "../selection/select.ts";
import { createArtifact, type FixtureResult } from "../artifact/artifact.ts";
import { ArtifactSchema } from "../artifact/artifact_schema.ts";
import { mergeArtifacts, type MergeInput, shardCoverage } from "./merge_artifacts.ts";

const environment = { deno: "2.9.6", os: "linux", arch: "x86_64", ci: true };
const options = { runId: "20261125T120000000Z-aaaaaa", version: "0.1.0", environment };

function result(
  id: string,
  status: FixtureResult["status"],
  extra: Partial<FixtureResult> = {},
): FixtureResult {
  return {
    id,
    status,
    durationMs: 5,
    attempts: 1,
    exitCode: status === "failed" ? 1 : 0,
    signal: null,
    timedOut: false,
    ...(status === "failed" ? { failure: { kind: "exit-code" as const, message: "exit 1" } } : {}),
    ...extra,
  };
}

function input(
  path: string,
  runId: string,
  at: number,
  fixtures: FixtureResult[],
  extra: Partial<Parameters<typeof createArtifact>[0]> = {},
): MergeInput {
  const artifact = createArtifact({
    runId,
    mode: "full",
    startedAt: new Date(at),
    finishedAt: new Date(at + 1000),
    version: "0.1.0",
    environment,
    selection: { fixtureIds: fixtures.map((f) => f.id) },
    fixtures,
    ...extra,
  });
  return { path, sha256: runId.slice(-1).repeat(64), artifact };
}

Deno.test("mergeArtifacts() takes the union of shard artifacts and recomputes the summary", () => {
  const merged = mergeArtifacts([
    input("s1.json", "r1", 0, [result("b", "passed"), result("d", "failed")], {
      selection: { fixtureIds: ["b", "d"], shard: { index: 1, total: 2 } },
    }),
    input("s2.json", "r2", 500, [result("a", "passed"), result("c", "skipped")], {
      selection: { fixtureIds: ["a", "c"], shard: { index: 2, total: 2 } },
    }),
  ], options);
  assert.equal(merged.mode, "merged");
  assert.equal(merged.runId, options.runId);
  assert.deepEqual(merged.fixtures.map((f) => f.id), ["a", "b", "c", "d"]);
  assert.deepEqual(merged.selection, { fixtureIds: ["a", "b", "c", "d"] });
  assert.deepEqual(merged.summary, { total: 4, passed: 2, failed: 1, skipped: 1, flaky: 0 });
  assert.equal(merged.result, "fail");
  assert.equal(merged.startedAt, new Date(0).toISOString());
  assert.equal(merged.finishedAt, new Date(1500).toISOString());
  assert.equal(merged.durationMs, 1500);
  assert.deepEqual(merged.inputs, [
    { path: "s1.json", runId: "r1", sha256: "1".repeat(64) },
    { path: "s2.json", runId: "r2", sha256: "2".repeat(64) },
  ]);
  assert.equal(merged.interrupted, undefined);
  ArtifactSchema.parse(merged);
});

Deno.test("mergeArtifacts() lets later inputs replace earlier results: a run and its rerun", () => {
  const run = input("run.json", "r1", 0, [result("a", "passed"), result("b", "failed")]);
  const rerun = input("rerun.json", "r2", 5000, [
    result("b", "passed", { previousStatus: "failed", attempts: 2, flaky: true }),
  ], { mode: "rerun-failed" });
  const merged = mergeArtifacts([run, rerun], options);
  assert.deepEqual(merged.summary, { total: 2, passed: 2, failed: 0, skipped: 0, flaky: 1 });
  assert.equal(merged.result, "pass");
  assert.equal(merged.fixtures[1].previousStatus, "failed");
  assert.deepEqual(merged.diagnostics, []);
  assert.equal(mergeArtifacts([run, rerun], { ...options, failOnFlaky: true }).result, "fail");
  // Reversed, the old failure wins again, and the order is flagged.
  const reversed = mergeArtifacts([rerun, run], options);
  assert.equal(reversed.result, "fail");
  assert.deepEqual(reversed.diagnostics.map((d) => d.code), ["MERGE_ORDER"]);
});

Deno.test("mergeArtifacts() with the state where it is saved (prior): a merge that is no full run changes it only for what it merged; every shard of one split starts it again", () => {
  const prior = {
    since: "20261125T100000000Z-ffffff",
    entries: new Map([
      ["bad", { id: "bad", status: "failed" as const, runId: "20261125T100000000Z-ffffff" }],
      ["ok", { id: "ok", status: "passed" as const, runId: "20261125T100000000Z-ffffff" }],
    ]),
  };
  const spot = input("a.json", "20261125T110000000Z-aaaaa1", 1000, [result("ok", "passed")], {
    mode: "selected",
  });
  const merged = mergeArtifacts([spot], { ...options, prior });
  assert.equal(merged.result, "pass");
  assert.deepEqual(merged.combined && [merged.combined.result, merged.combined.summary.failed], [
    "fail",
    1,
  ]);
  assert.deepEqual(merged.suite?.outstanding.map((o) => o.id), ["bad"]);
  // Without it, only the inputs' own states count (as for --out elsewhere).
  assert.deepEqual(mergeArtifacts([spot], options).suite?.outstanding, []);
  // Every shard of one split: a full run, whatever the state was.
  const shard = (index: number, id: string) =>
    input(`s${index}.json`, `20261125T11000000${index}Z-aaaaa${index}`, 1000 + index, [
      result(id, "passed"),
    ], {
      selection: { fixtureIds: [id], shard: { index, total: 2 } },
    });
  const full = mergeArtifacts([shard(1, "bad"), shard(2, "ok")], { ...options, prior });
  assert.deepEqual(full.suite?.outstanding, []);
  assert.equal(full.combined, undefined);
});

Deno.test("mergeArtifacts() keeps input warnings once and drops their errors", () => {
  const warning = { code: "STALE_FIXTURE", level: "warning" as const, message: "gone: x" };
  const error = { code: "ARTIFACT_NOT_FOUND", level: "error" as const, message: "missing" };
  const merged = mergeArtifacts([
    input("a.json", "r1", 0, [result("a", "passed")], { diagnostics: [warning] }),
    input("b.json", "r2", 10, [], { diagnostics: [warning, error] }),
  ], options);
  assert.deepEqual(merged.diagnostics, [warning]);
  assert.equal(merged.result, "pass");
});

Deno.test("mergeArtifacts() marks the merge interrupted while an interrupted failure stands", () => {
  const interrupted = result("a", "failed", {
    failure: { kind: "interrupted", message: "Interrupted by SIGINT" },
  });
  const first = input("a.json", "r1", 0, [interrupted], { interrupted: true });
  assert.equal(mergeArtifacts([first], options).interrupted, true);
  const resumed = input("b.json", "r2", 10, [result("a", "passed")]);
  assert.equal(mergeArtifacts([first, resumed], options).interrupted, undefined);
});

Deno.test("mergeArtifacts() of inputs without fixtures fails, and of nothing throws", () => {
  const empty = mergeArtifacts([input("a.json", "r1", 0, [])], options);
  assert.equal(empty.summary.total, 0);
  assert.equal(empty.result, "fail");
  assert.throws(() => mergeArtifacts([], options), RangeError);
});

Deno.test("mergeArtifacts() of two shards that both ran a need: what ran beats what never started, a failure beats a pass, in either order", () => {
  const unstarted = (id: string, kind: "not-run" | "blocked" | "interrupted") =>
    result(id, "failed", {
      attempts: 0,
      exitCode: null,
      failure: { kind, message: `${kind} before it started` },
    });
  const shard = (index: number, fixtures: FixtureResult[]) =>
    input(`s${index}.json`, `r${index}`, index * 100, fixtures, {
      selection: { fixtureIds: fixtures.map((f) => f.id), shard: { index, total: 2 } },
    });
  const cases: [FixtureResult, FixtureResult, string][] = [
    [result("db", "failed"), unstarted("db", "not-run"), "exit-code"],
    [result("db", "failed"), unstarted("db", "interrupted"), "exit-code"],
    [result("db", "failed"), result("db", "passed"), "exit-code"],
    [result("db", "passed"), unstarted("db", "not-run"), "passed"],
    [result("db", "passed"), unstarted("db", "blocked"), "passed"],
    // Stopped at its first attempt, after it started: no result of its own, below a failure.
    [
      result("db", "failed"),
      result("db", "failed", {
        exitCode: null,
        failure: { kind: "interrupted", message: "stopped" },
      }),
      "exit-code",
    ],
  ];
  for (const [a, b, expected] of cases) {
    for (const [first, second] of [[a, b], [b, a]]) {
      const merged = mergeArtifacts([shard(1, [first]), shard(2, [second])], options);
      const db = merged.fixtures[0];
      assert.equal(db.failure?.kind ?? db.status, expected, `${JSON.stringify([first, second])}`);
    }
  }
});

Deno.test("mergeArtifacts() of the shards that got fixtures is a full run when they record it", () => {
  const shard = (index: number, ids: string[], withFixtures?: number[]) =>
    input(`s${index}.json`, `r${index}`, index * 100, ids.map((id) => result(id, "passed")), {
      selection: {
        fixtureIds: ids,
        shard: { index, total: 4, ...(withFixtures ? { withFixtures } : {}) },
      },
    });
  const full = (inputs: MergeInput[]) =>
    mergeArtifacts(inputs, options).suite?.since === options.runId;
  assert.equal(full([shard(1, ["a"], [1, 3]), shard(3, ["b"], [1, 3])]), true);
  assert.equal(full([shard(3, ["b"], [1, 3]), shard(1, ["a"], [1, 3])]), true, "in either order");
  assert.equal(full([shard(1, ["a"], [1, 3])]), false, "shard 3 is missing");
  assert.equal(
    full([shard(1, ["a"], [1, 3]), shard(3, ["b"], [1, 2, 3])]),
    false,
    "two splits that disagree are not one run",
  );
  assert.equal(full([shard(1, ["a"]), shard(3, ["b"])]), false, "without the record, every shard");
  assert.equal(full([shard(1, ["a"], [1, 3]), shard(3, ["b"])]), false);
});

Deno.test("mergeArtifacts(): shards of different splits are never a full run, whatever their lists say", () => {
  const shard = (index: number, ids: string[], split?: string) =>
    input(`s${index}.json`, `r${index}`, index * 100, ids.map((id) => result(id, "passed")), {
      selection: {
        fixtureIds: ids,
        shard: { index, total: 3, withFixtures: [1, 2], ...(split ? { split } : {}) },
      },
    });
  const full = (inputs: MergeInput[]) =>
    mergeArtifacts(inputs, options).suite?.since === options.runId;
  const [one, two] = ["a".repeat(64), "b".repeat(64)];
  assert.equal(full([shard(1, ["a"], one), shard(2, ["b"], one)]), true);
  // A hash split and a duration split (or two sets of timings) can leave the same shards empty.
  assert.equal(full([shard(1, ["a"], one), shard(2, ["a"], two)]), false);
  assert.equal(full([shard(1, ["a"], one), shard(2, ["b"])]), false, "one without a digest");
  assert.equal(full([shard(1, ["a"]), shard(2, ["b"])]), true, "artifacts from before the digest");
});

Deno.test("mergeArtifacts() property: every shard of a hash split that got fixtures merges into a full run; one fewer does not", async () => {
  await fc.assert(
    fc.asyncProperty(
      fc.uniqueArray(fc.stringMatching(/^[a-z][a-z0-9]{0,3}(\/[a-z][a-z0-9]{0,3})?$/), {
        minLength: 1,
        maxLength: 12,
      }),
      fc.integer({ min: 1, max: 9 }),
      async (ids, total) => {
        const placed = ids.map((id) => shardIndexOf(id, total));
        const withFixtures = shardsWithFixtures(placed, total);
        const split = await splitDigest("hash", total, ids.map((id, i) => [id, placed[i]]));
        const filled = withFixtures ?? Array.from({ length: total }, (_, i) => i + 1);
        const inputs = filled.map((index) => {
          const mine = ids.filter((_, i) => placed[i] === index);
          return input(
            `s${index}.json`,
            `r${index}`,
            index,
            mine.map((id) => result(id, "passed")),
            {
              selection: {
                fixtureIds: mine,
                shard: { index, total, split, ...(withFixtures ? { withFixtures } : {}) },
              },
            },
          );
        });
        for (const artifact of inputs) ArtifactSchema.parse(artifact.artifact);
        assert.equal(mergeArtifacts(inputs, options).suite?.since, options.runId);
        if (inputs.length > 1) {
          const fewer = mergeArtifacts(inputs.slice(1), options);
          assert.notEqual(fewer.suite?.since, options.runId);
        }
      },
    ),
  );
});

Deno.test("ArtifactSchema refuses a shard that contradicts itself: index past total, a withFixtures that is not some of the shards, this one among them", () => {
  const base = input("s.json", "r1", 0, [result("a", "passed")]).artifact;
  const withShard = (shard: unknown) => ({ ...base, selection: { fixtureIds: ["a"], shard } });
  assert.ok(
    ArtifactSchema.safeParse(withShard({ index: 2, total: 4, withFixtures: [1, 2] })).success,
  );
  for (const withFixtures of [[1, 3], [2, 1], [2, 2], [2, 5], [0, 2], [1, 2, 3, 4]]) {
    const parsed = ArtifactSchema.safeParse(withShard({ index: 2, total: 4, withFixtures }));
    assert.equal(parsed.success, false, JSON.stringify(withFixtures));
  }
  assert.equal(ArtifactSchema.safeParse(withShard({ index: 5, total: 4 })).success, false);
  assert.equal(
    ArtifactSchema.safeParse(withShard({ index: 1, total: 2, split: "x" })).success,
    false,
  );
});

Deno.test("shardCoverage() says whether the shards are a full run, and which are missing", () => {
  const shard = (
    index: number,
    total: number,
    extra: { withFixtures?: number[]; split?: string; mode?: "full" | "selected" } = {},
  ) =>
    input(`s${index}.json`, `r${index}`, index, [result(`f${index}`, "passed")], {
      ...(extra.mode ? { mode: extra.mode } : {}),
      selection: {
        fixtureIds: [`f${index}`],
        shard: {
          index,
          total,
          ...(extra.withFixtures ? { withFixtures: extra.withFixtures } : {}),
          ...(extra.split ? { split: extra.split } : {}),
        },
      },
    }).artifact;
  const split = "c".repeat(64);
  const cases: [ReturnType<typeof shard>[], ReturnType<typeof shardCoverage>][] = [
    [[shard(1, 2, { split }), shard(2, 2, { split })], {
      full: true,
      line: "Every shard of one split (2): a full run.",
    }],
    [[shard(1, 5, { withFixtures: [1, 4] }), shard(4, 5, { withFixtures: [1, 4] })], {
      full: true,
      line: "Every shard of one split that got fixtures (2 of 5): a full run.",
    }],
    [[shard(4, 5, { withFixtures: [1, 4] })], {
      full: false,
      line: "Not a full run: shard 1/5 is missing.",
    }],
    [[shard(2, 9)], {
      full: false,
      line: "Not a full run: 8 shards are missing (1/9, 3/9, 4/9, 5/9, 6/9, ...).",
    }],
    [[shard(1, 3, { split }), shard(2, 3, { split: "d".repeat(64) })], {
      full: false,
      line: "Not a full run: the shards are of different splits (another --shard-by, shard " +
        "count, catalog, selection or timings), so together they need not have run every fixture.",
      splitsDiffer: true,
    }],
    [[shard(1, 2, { split }), shard(2, 2)], {
      full: false,
      line: "Not a full run: some shards record no split (written by an older smoke), so they " +
        "cannot be matched with the others.",
    }],
    [[shard(1, 2, { split }), shard(2, 2, { split, mode: "selected" })], {
      full: false,
      line: "Not a full run: run r2 is a shard of a selected run, not a shard of a full run.",
    }],
    // A spot-check's shard, or inputs that are not shards: nothing to say.
    [[shard(1, 1, { mode: "selected" })], { full: false }],
    [[input("r.json", "r1", 0, [result("a", "passed")]).artifact], { full: false }],
  ];
  for (const [artifacts, expected] of cases) {
    assert.deepEqual(shardCoverage(artifacts), expected);
  }
});
