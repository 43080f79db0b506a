import assert from "node:assert/strict";
// Test-only: locked in deno.test.lock, so that running smoke never fetches it.
// deno-lint-ignore no-import-prefix
import fc from "npm:fast-check@4.11.0";
import {
  addOutcome,
  flipRate,
  MAX_OUTCOMES,
  parseOutcomes,
  unchangedRecoveryNote,
} from "./outcome_history.ts";

const outcomeString = fc.array(fc.constantFrom("P", "F"), { maxLength: 40 }).map((a) => a.join(""));

Deno.test("property: flipRate() counts the changes between neighbours, over the runs", () => {
  fc.assert(
    fc.property(outcomeString, (outcomes) => {
      const { flips, runs } = flipRate(outcomes);
      assert.equal(runs, outcomes.length);
      assert.ok(flips <= Math.max(0, runs - 1));
      let expected = 0;
      for (let i = 1; i < outcomes.length; i++) if (outcomes[i] !== outcomes[i - 1]) expected++;
      assert.equal(flips, expected);
      // Order does not matter to the count, and one outcome more adds at most one flip.
      assert.deepEqual(flipRate([...outcomes].reverse().join("")), { flips, runs });
      for (const next of ["P", "F"]) {
        const more = flipRate(next + outcomes);
        assert.ok(more.flips - flips === 0 || more.flips - flips === 1);
      }
    }),
    { numRuns: 300 },
  );
});

Deno.test("property: flipRate() ignores letters that are not outcomes", () => {
  fc.assert(
    fc.property(outcomeString, fc.string(), (outcomes, noise) => {
      const clean = noise.replace(/[PF]/g, "");
      const mixed = [...outcomes].map((o, i) => o + clean.slice(i, i + 1)).join("");
      assert.deepEqual(flipRate(mixed), flipRate(outcomes));
    }),
    { numRuns: 200 },
  );
});

Deno.test("flipRate(): a steady fixture has no flips, an alternating one flips every run", () => {
  assert.deepEqual(flipRate("PPPP"), { flips: 0, runs: 4 });
  assert.deepEqual(flipRate("FFF"), { flips: 0, runs: 3 });
  assert.deepEqual(flipRate("PFPFPF"), { flips: 5, runs: 6 });
  assert.deepEqual(flipRate("P"), { flips: 0, runs: 1 });
});

Deno.test("property: addOutcome() puts the newest first and keeps at most MAX_OUTCOMES", () => {
  fc.assert(
    fc.property(fc.array(fc.constantFrom("passed" as const, "failed" as const)), (statuses) => {
      let outcomes: string | undefined;
      for (const s of statuses) outcomes = addOutcome(outcomes, s);
      const expected = statuses.map((s) => s === "passed" ? "P" : "F").reverse().join("")
        .slice(0, MAX_OUTCOMES);
      assert.equal(outcomes ?? "", expected);
    }),
  );
});

Deno.test("property: parseOutcomes() never throws and keeps only checked ids and P/F strings", () => {
  fc.assert(
    fc.property(fc.jsonValue(), (value) => {
      const parsed = parseOutcomes(value, (id) => /^[a-z]+$/.test(id));
      for (const [id, text] of parsed) {
        assert.match(id, /^[a-z]+$/);
        assert.match(text, /^[PF]+$/);
        assert.ok(text.length <= MAX_OUTCOMES);
      }
    }),
    { numRuns: 300 },
  );
  const hostile = { a: "PFPFPFPFPFPFPF", b: "", c: "pf", d: ["P"], e: "P F", f: "FP" };
  assert.deepEqual([...parseOutcomes(hostile, (id) => id !== "f")], [["a", "PFPFPFPFPF"]]);
  assert.equal(parseOutcomes(["P"], () => true).size, 0);
  assert.equal(parseOutcomes("PF", () => true).size, 0);
});

Deno.test("unchangedRecoveryNote(): says likely flaky, with the flips on record", () => {
  assert.equal(
    unchangedRecoveryNote("api/b", "PFPFPPPPFP"),
    "api/b passed unchanged: likely flaky, it flipped 6 times in its last 10 runs",
  );
  assert.equal(
    unchangedRecoveryNote("api/b", "PF"),
    "api/b passed unchanged: a flake or a fix outside its files, its first flip in its last 2 runs",
  );
  // No flips on record (only this pass): nothing to show but the note.
  assert.equal(
    unchangedRecoveryNote("api/b", "P"),
    "api/b passed unchanged: a flake or a fix outside its files",
  );
});
