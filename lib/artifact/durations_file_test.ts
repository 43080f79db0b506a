import assert from "node:assert/strict";
// Test-only: locked in deno.test.lock, so that running smoke never fetches it.
// deno-lint-ignore no-import-prefix
import fc from "npm:fast-check@4.11.0";
import {
  addRun,
  durationsLeftOut,
  durationsOfValue,
  durationsText,
  MAX_SAMPLES,
  parseDurations,
  readDurationsFile,
  recordedResults,
  samplesNow,
  summaryOfValue,
  writeDurations,
} from "./durations_file.ts";
import { FIXTURE_ID_PATTERN, isFixtureId } from "./artifact_format.ts";

Deno.test("property: parseDurations() never throws, and keeps only checked ids and finite numbers", () => {
  fc.assert(
    fc.property(fc.oneof(fc.json(), fc.string()), (text) => {
      const parsed = parseDurations(text);
      if (!parsed) return;
      for (const [id, list] of parsed.byId) {
        assert.ok(FIXTURE_ID_PATTERN.test(id) && !id.split("/").includes(".."), id);
        assert.ok(list.length > 0 && list.length <= MAX_SAMPLES);
        assert.ok(list.every((n) => Number.isFinite(n) && n >= 0));
      }
    }),
    { numRuns: 500 },
  );
  const hostile = JSON.stringify({
    version: 1,
    runs: -3,
    fixtures: { "../x": [1], "a": [1e300, -1, "5", 7], "__proto__": [1], "b": "no" },
  });
  assert.deepEqual([...parseDurations(hostile)!.byId], [["a", [7]]]);
});

Deno.test("property: durationsText() is the summary as JSON, ids in order, and reads back as it was", () => {
  const id = fc.stringMatching(
    /^[A-Za-z0-9_][A-Za-z0-9._-]{0,6}(\/[A-Za-z0-9_][A-Za-z0-9._-]{0,6}){0,2}$/,
  );
  const samples = fc.record({
    runs: fc.integer({ min: 1, max: 1e6 }),
    byId: fc.array(
      fc.tuple(
        id,
        fc.array(fc.nat({ max: 2_147_483_647 }), { minLength: 1, maxLength: MAX_SAMPLES }),
      ),
      { maxLength: 30 },
    ).map((e) => new Map(e)),
    outcomes: fc.array(fc.tuple(id, fc.stringMatching(/^[PF]{1,10}$/)), { maxLength: 30 }).map((
      e,
    ) => new Map(e)),
  });
  fc.assert(
    fc.property(samples, (s) => {
      const text = durationsText(s);
      assert.ok(text.endsWith("}\n") && !text.slice(0, -1).includes("\n"));
      const sortedObject = (map: Map<string, unknown>) =>
        Object.fromEntries([...map].sort(([a], [b]) => a < b ? -1 : 1));
      assert.deepEqual(JSON.parse(text), {
        version: 1,
        runs: s.runs,
        fixtures: sortedObject(s.byId),
        ...(s.outcomes.size ? { outcomes: sortedObject(s.outcomes) } : {}),
      });
      // The ids come in order in the file, whatever order the maps held them in.
      const ids = [...s.byId.keys()].sort();
      const at = ids.map((k) => text.indexOf(`${JSON.stringify(k)}:[`));
      assert.deepEqual(at, [...at].sort((a, b) => a - b));
      const back = parseDurations(text)!;
      assert.deepEqual(back.byId, new Map(ids.map((k) => [k, s.byId.get(k)!])));
      assert.equal(back.runs, s.runs);
    }),
    { numRuns: 300 },
  );
});

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

Deno.test("the summary keeps each fixture's newest outcomes, and an older file still reads", async () => {
  let samples = undefined;
  const statuses = ["passed", "failed", "passed", "passed", "skipped", "failed"];
  for (const status of statuses) samples = addRun(samples, [{ id: "a", durationMs: 1, status }]);
  // Newest first; a skipped run is not an outcome.
  assert.equal(samples!.outcomes?.get("a"), "FPPFP");
  const dir = await Deno.makeTempDir();
  try {
    await writeDurations(dir, samples!);
    const text = await Deno.readTextFile(`${dir}/durations.json`);
    assert.equal(JSON.parse(text).version, 1);
    assert.deepEqual((await readDurationsFile(dir)).samples, samples);
  } finally {
    await Deno.remove(dir, { recursive: true });
  }
  // A file written before outcomes were kept: durations read, no outcomes.
  const old = parseDurations('{"version":1,"runs":3,"fixtures":{"a":[5]}}')!;
  assert.deepEqual([...old.byId], [["a", [5]]]);
  assert.equal(old.outcomes, undefined);
  assert.equal(addRun(old, [{ id: "a", durationMs: 2, status: "failed" }]).outcomes?.get("a"), "F");
  // Untrusted outcomes: bad ids and strings are left out, and the durations still read.
  const hostile = parseDurations(JSON.stringify({
    version: 1,
    runs: 2,
    fixtures: { a: [1] },
    outcomes: { "../x": "PF", a: "PXF", b: "FFP", c: 7 },
  }))!;
  assert.deepEqual([...hostile.outcomes!], [["b", "FFP"]]);
  assert.deepEqual([
    ...parseDurations(
      JSON.stringify({ version: 1, fixtures: { a: [1] }, outcomes: "PF" }),
    )!.byId,
  ], [["a", [1]]]);
});

Deno.test("samplesNow() adds to what the start read while the summary is unchanged, and reads it again once another run replaced it", async () => {
  const dir = await Deno.makeTempDir();
  try {
    assert.deepEqual(await readDurationsFile(dir), { stamp: "none" });
    await writeDurations(dir, addRun(undefined, [{ id: "a", durationMs: 5 }]));
    const earlier = await readDurationsFile(dir);
    assert.deepEqual(earlier.samples?.byId.get("a"), [5]);
    // Unchanged: the very summary the start read, not a second read of the file.
    assert.equal(await samplesNow(dir, earlier), earlier.samples);
    // Another run wrote its summary meanwhile: its samples are not lost.
    await writeDurations(dir, addRun(earlier.samples, [{ id: "a", durationMs: 7 }]));
    const now = await samplesNow(dir, earlier);
    assert.notEqual(now, earlier.samples);
    assert.deepEqual(now?.byId.get("a"), [7, 5]);
    // Gone since: nothing to add to.
    await Deno.remove(`${dir}/durations.json`);
    assert.equal(await samplesNow(dir, earlier), undefined);
    // No summary at the start, one since: read.
    await writeDurations(dir, addRun(undefined, [{ id: "b", durationMs: 3 }]));
    assert.deepEqual((await samplesNow(dir, { stamp: "none" }))?.byId.get("b"), [3]);
  } finally {
    await Deno.remove(dir, { recursive: true });
  }
});

Deno.test("readDurationsFile(): a symlink loop at durations.json is a summary that cannot be read, not none", async () => {
  const dir = await Deno.makeTempDir();
  try {
    await Deno.symlink("durations.json", `${dir}/durations.json`);
    const read = await readDurationsFile(dir);
    assert.equal(read.samples, undefined);
    assert.ok(read.problem, "the loop is said, not taken for no history");
    assert.notEqual(read.stamp, "none");
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

Deno.test("summaryOfValue() names every entry a reader leaves out, one line each, and none of the others", () => {
  const entry = fc.oneof(
    fc.array(fc.oneof(fc.integer({ min: 0, max: 2 ** 31 - 1 }), fc.jsonValue()), { maxLength: 12 }),
    fc.jsonValue(),
  );
  const id = fc.oneof(fc.stringMatching(/^[a-z][a-z0-9/]{0,8}$/), fc.string({ maxLength: 12 }));
  fc.assert(fc.property(fc.dictionary(id, entry, { maxKeys: 8 }), (fixtures) => {
    const value = { version: 1, fixtures };
    const summary = summaryOfValue(value, { lines: 1000 });
    const issues = summary.leftOut?.lines ?? [];
    const read = durationsOfValue(value)!;
    assert.deepEqual(summary.samples, read);
    // What the reader keeps of each entry, against what it holds.
    let left = 0;
    for (const [key, list] of Object.entries(fixtures)) {
      const held = Array.isArray(list) ? list.slice(0, MAX_SAMPLES) : undefined;
      const kept = read.byId.get(key) ?? [];
      left += held === undefined || !isFixtureId(key) ? 1 : held.length - kept.length;
    }
    assert.equal(issues.length, left, issues.join("\n"));
    assert.equal(summary.leftOut?.count ?? 0, left);
    // Fewer lines asked: the count is whole, the lines the first ones.
    const short = summaryOfValue(value, { lines: 2 }).leftOut;
    assert.equal(short?.count ?? 0, left);
    assert.deepEqual(short?.lines ?? [], issues.slice(0, 2));
    for (const line of issues) {
      assert.match(line, /^fixtures\./);
      assert.doesNotMatch(line, /\p{Cc}/u, "one line, no control character");
    }
  }));
});

Deno.test("readDurationsFile() counts the entries it leaves out and names the first three; the warning says how many more", async () => {
  const dir = await Deno.makeTempDir();
  try {
    const fixtures = { a: ["x", 5], b: 7, c: [-1], d: [null], e: [1, 2] };
    await Deno.writeTextFile(`${dir}/durations.json`, JSON.stringify({ version: 1, fixtures }));
    const read = await readDurationsFile(dir);
    assert.deepEqual([...read.samples!.byId.keys()], ["a", "e"]);
    assert.equal(read.leftOut?.count, 4);
    const warning = durationsLeftOut("d/durations.json", read.leftOut!);
    assert.match(warning.message, /^Cannot read 4 entries of "d\/durations\.json", left out: /);
    assert.match(
      warning.message,
      /fixtures\.a\[0\]: .*; fixtures\.b: .*; fixtures\.c\[0\]: .*; and 1 more$/,
    );
    // A summary with nothing left out says nothing.
    await Deno.writeTextFile(
      `${dir}/durations.json`,
      JSON.stringify({ version: 1, fixtures: { e: [1] } }),
    );
    assert.equal((await readDurationsFile(dir)).leftOut, undefined);
  } finally {
    await Deno.remove(dir, { recursive: true });
  }
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
