import assert from "node:assert/strict";
import { addMergedDurations } from "./merged_durations.ts";
import { readDurationsFile, writeDurations } from "./durations_file.ts";
import { addRun } from "./durations_update.ts";

const run = (runId: string, ids: string[], inputs?: string[]) => ({
  runId,
  fixtures: ids.map((id) => ({ id, durationMs: 5, attempts: 1, status: "passed" })),
  ...(inputs ? { inputs: inputs.map((r) => ({ runId: r })) } : {}),
});

async function merged(
  before: Parameters<typeof addRun>[0],
  inputs: ReturnType<typeof run>[],
  options: { full?: boolean; counted?: string[] } = {},
) {
  const dir = await Deno.makeTempDir();
  try {
    if (before) await writeDurations(dir, before);
    await addMergedDurations(dir, inputs, {
      full: options.full ?? false,
      shownDir: ".smoke",
      counted: new Set(options.counted ?? []),
      runId: "m9",
    });
    return (await readDurationsFile(dir)).samples;
  } finally {
    await Deno.remove(dir, { recursive: true });
  }
}

Deno.test("addMergedDurations() adds each run's results once: an input and a merge holding it, in one merge or two; one held in part is left out and not remembered", async () => {
  // s2 and m (s1 + s2) in one merge: s2 once, m left out (it holds s2).
  const one = (await merged(undefined, [run("s2", ["c"]), run("m", ["a", "c"], ["s1", "s2"])]))!;
  assert.deepEqual(one.byId.get("c"), [5]);
  assert.equal(one.byId.get("a"), undefined);
  // m left out: s1 is not remembered, so s1 merged later still counts.
  assert.ok(!one.counted?.includes("s1"));
  const later = (await merged(one, [run("s1", ["a"])]))!;
  assert.deepEqual(later.byId.get("a"), [5]);
  assert.deepEqual(later.byId.get("c"), [5]);
  // A merge holding a run in the directory's history (counted from runs/) is left out: nothing
  // to add, nothing written.
  const history = await merged(undefined, [run("m", ["a"], ["s1"])], { counted: ["s1"] });
  assert.equal(history, undefined);
});

Deno.test("addMergedDurations() of every shard of one split drops the shared timings of the suite holding what it merged, not another suite's", async () => {
  const before = addRun(
    addRun(undefined, [{ id: "a", durationMs: 1 }], {
      suite: "../fixtures",
      split: new Map([["a", [1]], ["b", []]]),
    }),
    [{ id: "p", durationMs: 1 }],
    { suite: "../other", split: new Map([["p", [1]], ["q", []]]) },
  );
  const after = await merged(before, [run("o1", ["p"]), run("o2", ["q"])], { full: true });
  assert.deepEqual(after?.splits?.map((split) => split.suite), ["../fixtures"]);
  // A suite whose catalog holds another's (b, c and a), and shards of a suite with no shared
  // timings (a hash split): only exactly the fixtures merged is a suite's.
  const wide = addRun(before, [], {
    suite: "../wide",
    split: new Map([["a", [1]], ["b", []], ["c", []]]),
  });
  const narrow = await merged(wide, [run("n1", ["a"]), run("n2", ["b"])], { full: true });
  assert.deepEqual(narrow?.splits?.map((split) => split.suite), ["../wide", "../other"]);
  const hashed = await merged(wide, [run("h1", ["a", "c"]), run("h2", ["b", "x"])], {
    full: true,
  });
  assert.deepEqual(hashed?.splits?.map((split) => split.suite), [
    "../wide",
    "../other",
    "../fixtures",
  ]);
  // Not every shard: nothing dropped.
  const partial = await merged(before, [run("o1", ["p"])]);
  assert.deepEqual(partial?.splits?.map((split) => split.suite), ["../other", "../fixtures"]);
});
