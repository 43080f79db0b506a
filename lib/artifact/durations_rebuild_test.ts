import assert from "node:assert/strict";
import { join } from "node:path";
import { createArtifact } from "./artifact.ts";
import { historyPaths } from "./history.ts";
import { rebuildDurations } from "./durations_rebuild.ts";
import { fixtureResult as r, makeRun, writeHistory } from "../../e2e/_history.ts";

const hour = (h: number) => new Date(Date.UTC(2026, 10, 25, h));

Deno.test("rebuildDurations: each run once, oldest first; a merged run adds only what its inputs here did not (nothing, when all are here); invalid files, failed preflights, other files in runs/ and the excluded run are left out", async () => {
  const dir = await Deno.makeTempDir({ prefix: "smoke-rebuild-" });
  try {
    const first = makeRun({
      startedAt: hour(1),
      suffix: "aaaaa1",
      fixtures: [r({ id: "a", status: "passed", durationMs: 5 })],
    });
    const second = makeRun({
      startedAt: hour(2),
      suffix: "aaaaa2",
      fixtures: [
        r({ id: "a", status: "failed", durationMs: 7 }),
        r({ id: "b", status: "passed", durationMs: 3 }),
      ],
    });
    // A merge of the two, saved here: its results are theirs.
    const merged = {
      ...makeRun({
        startedAt: hour(3),
        suffix: "aaaaa3",
        mode: "merged",
        fixtures: [
          r({ id: "a", status: "failed", durationMs: 7 }),
          r({ id: "b", status: "passed", durationMs: 3 }),
        ],
      }),
      inputs: [first, second].map((run) => ({
        path: `runs/${run.runId}.json`,
        runId: run.runId,
        sha256: "0".repeat(64),
      })),
    };
    // A merge of shards run elsewhere (not in runs/): its results count.
    const fromCi = {
      ...makeRun({
        startedAt: hour(4),
        suffix: "aaaaa4",
        mode: "merged",
        fixtures: [r({ id: "c", status: "passed", durationMs: 11 })],
      }),
      inputs: [{
        path: "shard-1/latest.json",
        runId: "20261125T035900000Z-ci0001",
        sha256: "1".repeat(64),
      }],
    };
    // A merge of a run here and a shard from elsewhere: only the other shard's results count.
    const mixed = {
      ...makeRun({
        startedAt: hour(4),
        suffix: "aaaaa7",
        mode: "merged",
        fixtures: [
          r({ id: "a", status: "passed", durationMs: 5 }),
          r({ id: "d", status: "passed", durationMs: 13 }),
        ],
      }),
      inputs: [
        { path: `runs/${first.runId}.json`, runId: first.runId, sha256: "2".repeat(64) },
        {
          path: "shard-2/latest.json",
          runId: "20261125T035900000Z-ci0002",
          sha256: "3".repeat(64),
        },
      ],
    };
    const preflight = createArtifact({
      runId: "20261125T050000000Z-aaaaa5-preflight",
      mode: "rerun-failed",
      startedAt: hour(5),
      finishedAt: hour(5),
      version: "0.1.0",
      environment: { deno: "2", os: "linux", arch: "x86_64", ci: false },
      selection: { fixtureIds: [] },
      fixtures: [],
      diagnostics: [{ code: "NO_RERUNNABLE_FAILURES", level: "error", message: "x" }],
    });
    const now = makeRun({
      startedAt: hour(6),
      suffix: "aaaaa6",
      fixtures: [r({ id: "a", status: "passed", durationMs: 99 })],
    });
    await writeHistory(dir, [first, second, merged, fromCi, mixed, preflight, now]);
    const runs = historyPaths(dir).runs;
    await Deno.writeTextFile(join(runs, "20261125T000000000Z-broken.json"), "{");
    // Anything else in runs/ is left alone, and never takes a run's place among the newest.
    for (let i = 0; i < 120; i++) await Deno.writeTextFile(join(runs, `zz-junk-${i}.json`), "{}");

    const rebuilt = await rebuildDurations(dir, { exclude: now.runId });
    assert.equal(rebuilt?.runs, 4);
    assert.deepEqual(Object.fromEntries(rebuilt!.byId), {
      a: [7, 5],
      b: [3],
      c: [11],
      d: [13],
    });
    assert.deepEqual(Object.fromEntries(rebuilt!.outcomes!), {
      a: "FP",
      b: "P",
      c: "P",
      d: "P",
    });
    // Each run remembered as counted: a merge of them again adds nothing.
    for (const run of [first, second, merged, fromCi, mixed]) {
      assert.ok(rebuilt!.counted!.includes(run.runId), run.runId);
    }
    assert.ok(rebuilt!.counted!.includes("20261125T035900000Z-ci0001"));
    assert.ok(rebuilt!.counted!.includes("20261125T035900000Z-ci0002"));
    assert.ok(!rebuilt!.counted!.includes(now.runId));
  } finally {
    await Deno.remove(dir, { recursive: true });
  }
});

Deno.test("rebuildDurations: no runs/ (or none with a result) is no summary", async () => {
  const dir = await Deno.makeTempDir({ prefix: "smoke-rebuild-" });
  try {
    assert.equal(await rebuildDurations(dir), undefined);
    await writeHistory(dir, [
      // A skipped fixture never started: no duration, no outcome.
      makeRun({
        startedAt: hour(1),
        fixtures: [{ ...r({ id: "a", status: "skipped" }), attempts: 0, durationMs: 0 }],
      }),
    ]);
    assert.equal(await rebuildDurations(dir), undefined);
  } finally {
    await Deno.remove(dir, { recursive: true });
  }
});
