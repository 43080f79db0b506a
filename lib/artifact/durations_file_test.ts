import assert from "node:assert/strict";
import { parseDurations } from "./durations_summary.ts";
import { addRun } from "./durations_update.ts";
import { durationsLeftOut, readDurationsFile, writeDurations } from "./durations_file.ts";

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

Deno.test("readDurationsFile(dir, earlier) gives what was read earlier while the summary is unchanged, and reads it again once another run replaced it", async () => {
  const dir = await Deno.makeTempDir();
  try {
    assert.deepEqual(await readDurationsFile(dir), { stamp: "none" });
    await writeDurations(dir, addRun(undefined, [{ id: "a", durationMs: 5 }]));
    const earlier = await readDurationsFile(dir);
    assert.deepEqual(earlier.samples?.byId.get("a"), [5]);
    // Unchanged: the very summary the start read, not a second read of the file.
    assert.equal(await readDurationsFile(dir, earlier), earlier);
    // Another run wrote its summary meanwhile: its samples are not lost.
    await writeDurations(dir, addRun(earlier.samples, [{ id: "a", durationMs: 7 }]));
    const now = (await readDurationsFile(dir, earlier)).samples;
    assert.notEqual(now, earlier.samples);
    assert.deepEqual(now?.byId.get("a"), [7, 5]);
    // Gone since: nothing to add to.
    await Deno.remove(`${dir}/durations.json`);
    assert.equal((await readDurationsFile(dir, earlier)).samples, undefined);
    // No summary at the start, one since: read.
    await writeDurations(dir, addRun(undefined, [{ id: "b", durationMs: 3 }]));
    assert.deepEqual((await readDurationsFile(dir, { stamp: "none" })).samples?.byId.get("b"), [3]);
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
