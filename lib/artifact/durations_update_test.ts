import assert from "node:assert/strict";
// Test-only: locked in deno.test.lock, so that running smoke never fetches it.
// deno-lint-ignore no-import-prefix
import fc from "npm:fast-check@4.11.0";
import { durationsText, MAX_SAMPLES, parseDurations } from "./durations_summary.ts";
import { addRun, recordedResults } from "./durations_update.ts";
import { readDurationsFile, writeDurations } from "./durations_file.ts";

Deno.test("addRun() keeps the newest durations first, at most MAX_SAMPLES, and counts runs", async () => {
  let samples = undefined;
  for (let i = 0; i < MAX_SAMPLES + 3; i++) samples = addRun(samples, [{ id: "a", durationMs: i }]);
  assert.equal(samples!.byId.get("a")!.length, MAX_SAMPLES);
  assert.equal(samples!.byId.get("a")![0], MAX_SAMPLES + 2);
  assert.equal(samples!.runs, MAX_SAMPLES + 3);
  const dir = await Deno.makeTempDir();
  try {
    await writeDurations(dir, samples!);
    assert.deepEqual((await readDurationsFile(dir)).samples, samples);
  } finally {
    await Deno.remove(dir, { recursive: true });
  }
});

Deno.test("property: the splits by duration of two suites sharing the summary, run in any order, repeated or with other runs between them, each read their suite's timings until its full run; every run's durations count at once and its run is remembered", () => {
  // A run of suite A or B (they share an id, "c"): a split by duration from the summary, a full
  // run, or another run (a rerun, a selection, a hash shard); each records one of its fixtures'
  // duration.
  const catalogs = { A: ["a0", "a1", "c"], B: ["b0", "b1", "c"] };
  const step = fc.record({
    suite: fc.constantFrom("A" as const, "B" as const),
    kind: fc.constantFrom("split", "full", "other"),
    id: fc.integer({ min: 0, max: 2 }),
    ms: fc.nat({ max: 100_000 }),
  });
  fc.assert(
    fc.property(fc.option(fc.constant(1), { nil: undefined }), fc.array(step, { maxLength: 20 }), (
      seeded,
      steps,
    ) => {
      let summary = seeded ? addRun(undefined, [{ id: "a0", durationMs: 500 }]) : undefined;
      // What a split of a suite reads (as readTimings): its shared timings, else the newest;
      // and what it keeps: its catalog's ids (as durationShardOf).
      const reads = (s: typeof summary, suite: string, catalog: string[]) => {
        const from = s?.splits?.find((split) => split.suite === suite)?.timings ?? s?.byId;
        return new Map(catalog.map((id) => [id, from?.get(id) ?? []]));
      };
      const shared: Record<string, Map<string, number[]> | undefined> = {};
      let count = summary?.runs ?? 0;
      for (const [i, { suite, kind, id, ms }] of steps.entries()) {
        const catalog = catalogs[suite];
        const read = reads(summary, suite, catalog);
        if (kind === "split") {
          // Every split of the suite since its last full run reads what the first of them read.
          if (shared[suite]) assert.deepEqual(read, shared[suite]);
          else shared[suite] = new Map(read);
        } else if (kind === "full") shared[suite] = undefined;
        const split = kind === "split" ? read : kind === "full" ? null : undefined;
        const text = durationsText(
          addRun(summary, [{ id: catalog[id], durationMs: ms, status: "passed" }], {
            catalog: new Set(catalog),
            suite,
            runIds: [`r${i}`],
            ...(split !== undefined ? { split } : {}),
          }),
        );
        // It reads back as it was written.
        summary = parseDurations(text)!;
        assert.equal(durationsText(summary), text);
        // The run's duration counts at once for the start order, and the run is counted.
        assert.equal(summary.byId.get(catalog[id])![0], ms);
        assert.equal(summary.runs, ++count);
        assert.equal(summary.counted?.[0], `r${i}`);
        // One shared split per suite that has one.
        const kept = Object.values(shared).filter(Boolean).length;
        assert.equal(summary.splits?.length ?? 0, kept);
      }
    }),
  );
  // A split section that is not a list of suites' timings is left out; bad ids and values in one
  // are too; so is the one-object form of older summaries (no suite).
  for (const splits of ["x", [1], null, 5, [[1]], [{ suite: 5, timings: {} }], [{ suite: "s" }]]) {
    const text = JSON.stringify({ version: 1, runs: 1, fixtures: { a: [5] }, splits });
    assert.equal(parseDurations(text)!.splits, undefined, JSON.stringify(splits));
  }
  const odd = parseDurations(JSON.stringify({
    version: 1,
    fixtures: {},
    split: { a: [1] },
    splits: [
      { suite: "s", timings: { "../x": [1], b: [2, "x", -1], c: [], "\u001b[31m": [3] } },
      { suite: "s", timings: { b: [9] } },
    ],
    counted: ["r1", "../x", 5, "r1", "r2"],
  }))!;
  assert.deepEqual(odd.splits?.map((split) => [split.suite, [...split.timings]]), [
    ["s", [["b", [2]], ["c", []]]],
  ]);
  assert.deepEqual(odd.counted, ["r1", "r2"]);
});

Deno.test("recordedResults() keeps a duration no timer can wait out of the summary, and the outcome in it", () => {
  const base = { attempts: 1, exitCode: 0, signal: null, timedOut: false };
  const recorded = recordedResults(
    [
      { ...base, id: "a", status: "passed", durationMs: 3e9 },
      { ...base, id: "b", status: "passed", durationMs: 1200 },
    ] as Parameters<typeof recordedResults>[0],
  );
  // Before: 3e9 went into durations.json, and every later run warned about it as a hand edit.
  assert.deepEqual(recorded, [
    { id: "a", status: "passed" },
    { id: "b", durationMs: 1200, status: "passed" },
  ]);
});
