import assert from "node:assert/strict";
// Test-only: locked in deno.test.lock, so that running smoke never fetches it.
// deno-lint-ignore no-import-prefix
import fc from "npm:fast-check@4.11.0";
import {
  durationsOfValue,
  durationsText,
  MAX_SAMPLES,
  parseDurations,
  summaryOfValue,
} from "./durations_summary.ts";
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
