import assert from "node:assert/strict";
// Test-only: locked in deno.test.lock, so that running smoke never fetches it.
// deno-lint-ignore no-import-prefix
import fc from "npm:fast-check@4.11.0";
import type { FixtureResult } from "../artifact/artifact.ts";
import type { FixtureEnd } from "./events.ts";
import { foldRuns, repeatRuns, repeatVerdict, type RunLetter } from "./repeat.ts";

/** One run's end that reads as the letter given. */
function end(letter: RunLetter, durationMs = 10, extra: Partial<FixtureResult> = {}): FixtureEnd {
  const base = { id: "a", durationMs, signal: null, timedOut: false };
  const result: FixtureResult = letter === "P"
    ? { ...base, status: "passed", attempts: 1, exitCode: 0 }
    : letter === "R"
    ? { ...base, status: "passed", attempts: 2, exitCode: 0, flaky: true }
    : letter === "F"
    ? {
      ...base,
      status: "failed",
      attempts: 1,
      exitCode: 1,
      failure: { kind: "exit-code", message: `Exited with code 1, expected 0` },
    }
    : {
      ...base,
      status: "failed",
      attempts: 1,
      exitCode: null,
      failure: { kind: "interrupted", message: "Interrupted before it finished" },
    };
  return { result: { ...result, ...extra }, failedAttempts: [], outputLeaked: false };
}

const runs = (letters: string) => [...letters].map((l) => end(l as RunLetter));

Deno.test("foldRuns(): all passed on the first attempt is a pass, a steady pass", () => {
  const { result } = foldRuns(runs("PPPP"), 4);
  assert.equal(result.status, "passed");
  assert.equal(result.failure, undefined);
  assert.equal(result.flaky, undefined);
  assert.deepEqual(result.repeat, { runs: 4, passed: 4, firstAttemptPassed: 4, outcomes: "PPPP" });
  assert.equal(repeatVerdict(result.repeat!), "steady pass");
});

Deno.test("foldRuns(): all failed is a failure of the first failed run, a steady fail", () => {
  const ends = runs("FFF");
  ends[0] = end("F", 10, { stderrTail: "first\n" });
  ends[1] = end("F", 10, { stderrTail: "second\n" });
  const { result } = foldRuns(ends, 3);
  assert.equal(result.status, "failed");
  assert.equal(result.failure?.message, "Failed 3 of 3 runs: Exited with code 1, expected 0");
  assert.equal(result.stderrTail, "first\n", "the first failed run speaks");
  assert.equal(repeatVerdict(result.repeat!), "steady fail");
});

Deno.test("foldRuns(): mixed runs fail the fixture with the count, a flaky verdict", () => {
  const ends = runs("PPFPF");
  ends[2] = end("F", 10, { failure: { kind: "timeout", message: "Timed out after 5 ms" } });
  const { result } = foldRuns(ends, 5);
  assert.equal(result.status, "failed");
  assert.deepEqual(result.failure, {
    kind: "timeout",
    message: "Failed 2 of 5 runs: Timed out after 5 ms",
  });
  assert.deepEqual(result.repeat, { runs: 5, passed: 3, firstAttemptPassed: 3, outcomes: "PPFPF" });
  assert.equal(repeatVerdict(result.repeat!), "flaky");
});

Deno.test("foldRuns(): a pass on a retry is R, the fixture passes flaky with that run's attempts", () => {
  const { result } = foldRuns(runs("PRP"), 3);
  assert.equal(result.status, "passed");
  assert.equal(result.flaky, true);
  assert.equal(result.attempts, 2);
  assert.deepEqual(result.repeat, { runs: 3, passed: 3, firstAttemptPassed: 2, outcomes: "PRP" });
  assert.equal(repeatVerdict(result.repeat!), "flaky");
});

Deno.test("foldRuns(): an interrupted run makes the fixture interrupted, keeping the runs so far", () => {
  const { result } = foldRuns(runs("PFI"), 10);
  assert.equal(result.status, "failed");
  assert.deepEqual(result.failure, {
    kind: "interrupted",
    message: "Interrupted before it finished",
  });
  assert.deepEqual(result.repeat, { runs: 10, passed: 1, firstAttemptPassed: 1, outcomes: "PFI" });
  assert.equal(repeatVerdict(result.repeat!), "interrupted");
});

Deno.test("foldRuns(): runs cut short between runs are interrupted too, never a pass", () => {
  const { result } = foldRuns(runs("PR"), 10);
  assert.equal(result.status, "failed");
  assert.equal(result.flaky, undefined);
  assert.deepEqual(result.failure, {
    kind: "interrupted",
    message: "Interrupted after 2 of 10 runs",
  });
  assert.equal(
    foldRuns(runs("PF"), 10).result.failure?.message,
    "Interrupted after 2 of 10 runs (1 failed)",
  );
});

Deno.test("foldRuns(): the duration is the mean of the runs; a leak in any run is kept", () => {
  const ends = [end("P", 10), end("P", 20), { ...end("P", 33), outputLeaked: true }];
  const folded = foldRuns(ends, 3);
  assert.equal(folded.result.durationMs, 21);
  assert.equal(folded.outputLeaked, true);
});

Deno.test("foldRuns(): a skipped fixture stays as it is, without a repeat record", () => {
  const skipped: FixtureEnd = {
    result: {
      id: "a",
      status: "skipped",
      durationMs: 0,
      attempts: 0,
      exitCode: null,
      signal: null,
      timedOut: false,
      skipReason: "not now",
    },
    failedAttempts: [],
    outputLeaked: false,
  };
  assert.deepEqual(foldRuns([skipped], 5), skipped);
  assert.throws(() => foldRuns([], 5), RangeError);
});

Deno.test("foldRuns() property: passed + failed runs = N, and the status is passed iff every run passed", () => {
  fc.assert(
    fc.property(
      fc.array(fc.constantFrom<RunLetter>("P", "R", "F"), { minLength: 1, maxLength: 60 }),
      fc.array(fc.integer({ min: 0, max: 10_000 }), { minLength: 60, maxLength: 60 }),
      (letters, durations) => {
        const ends = letters.map((l, i) => end(l, durations[i]));
        const { result } = foldRuns(ends, letters.length);
        const repeat = result.repeat!;
        const failed = letters.filter((l) => l === "F").length;
        assert.equal(repeat.passed + failed, repeat.runs);
        assert.equal(repeat.runs, letters.length);
        assert.equal(repeat.outcomes, letters.join(""));
        assert.equal(result.status === "passed", failed === 0);
        assert.ok(repeat.firstAttemptPassed <= repeat.passed);
        // The mean lies within the runs' durations.
        const own = durations.slice(0, letters.length);
        assert.ok(result.durationMs >= Math.min(...own) && result.durationMs <= Math.max(...own));
        const verdict = repeatVerdict(repeat);
        assert.equal(verdict === "steady pass", letters.every((l) => l === "P"));
        assert.equal(verdict === "steady fail", failed === letters.length);
        if (failed) assert.match(result.failure!.message, new RegExp(`^Failed ${failed} of `));
      },
    ),
  );
});

Deno.test("repeatRuns(): runs one after another and stops at an interrupt", async () => {
  const controller = new AbortController();
  let active = 0;
  let made = 0;
  const end1 = await repeatRuns({ times: 5, signal: controller.signal }, async () => {
    assert.equal(active, 0, "never two runs at once");
    active++;
    made++;
    await new Promise((resume) => setTimeout(resume, 1));
    active--;
    if (made === 2) controller.abort("SIGINT");
    return end("P");
  });
  assert.equal(made, 2);
  assert.equal(end1.result.failure?.kind, "interrupted");
  assert.equal(end1.result.repeat?.outcomes, "PP");
});
