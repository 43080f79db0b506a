import assert from "node:assert/strict";
// Test-only: locked in deno.test.lock, so that running smoke never fetches it.
// deno-lint-ignore no-import-prefix
import fc from "npm:fast-check@4.11.0";
import {
  buildSuggestions,
  CANDIDATE_THRESHOLD,
  daysLeftText,
  formatSpan,
  latestRed,
  quarantineCandidates,
  quarantineStatus,
  redText,
  renderSuggestions,
} from "./suggestions.ts";
import { flakiness } from "./history_stats.ts";

type Verdict = "pass" | "fail";
const MIN = 60_000;

/** A run at a minute, with its own verdict and, for a rerun, the suite's. */
function run(
  i: number,
  result: Verdict,
  extra: { combined?: Verdict; empty?: boolean; interrupted?: "before" | "after" | "need" } = {},
) {
  // Interrupted: a signal stopped a fixture before it had a result, after another failed or not.
  const stopped = { status: "failed", attempts: 1, failure: { kind: "interrupted" } };
  const failed = { status: "failed", attempts: 1, failure: { kind: "exit-code" } };
  return {
    runId: `r${String(i).padStart(3, "0")}`,
    result,
    fixtures: extra.empty
      ? []
      : extra.interrupted === "before"
      ? [stopped]
      : extra.interrupted === "after"
      ? [failed, stopped]
      : extra.interrupted === "need"
      ? [stopped, { status: "failed", attempts: 0, failure: { kind: "blocked" } }]
      : [{}],
    ...(extra.interrupted ? { interrupted: true } : {}),
    startedAt: new Date(i * 10 * MIN).toISOString(),
    finishedAt: new Date(i * 10 * MIN + MIN).toISOString(),
    ...(extra.combined ? { combined: { result: extra.combined } } : {}),
  } as never;
}

Deno.test("latestRed(): a red full run turned green by a rerun's combined verdict", () => {
  const runs = [
    run(0, "pass"),
    run(1, "fail"),
    run(2, "fail", { combined: "fail" }), // a rerun that did not fix it
    run(3, "pass", { combined: "pass" }), // a rerun that did
    run(4, "pass"),
  ];
  const red = latestRed(runs, { last: 50, now: new Date(100 * MIN) })!;
  assert.equal(red.firstRed.runId, "r001");
  assert.equal(red.green?.runId, "r003");
  assert.equal(red.runs, 3);
  assert.equal(red.ms, 20 * MIN);
  assert.equal(
    redText(red, new Date()),
    "Time to green of the latest red: 20m (run r001 failed ... run r003 green, 3 runs)",
  );
  // A rerun's own pass with the suite still owing something is not green.
  const owing = [run(0, "fail"), run(1, "pass", { combined: "fail" })];
  const still = latestRed(owing, { last: 50, now: new Date(3 * 3600_000) })!;
  assert.equal(still.green, undefined);
  assert.equal(still.runs, 2);
  assert.equal(redText(still, new Date(3 * 3600_000)), "Red since run r000 (2 h ago, 2 runs)");
});

Deno.test("latestRed(): only the latest streak counts, nothing-ran runs are left out, the window can cut a streak", () => {
  const runs = [
    run(0, "fail"),
    run(1, "pass"),
    run(2, "fail"),
    run(3, "fail", { empty: true }),
    run(4, "pass"),
  ];
  const red = latestRed(runs, { last: 50, now: new Date() })!;
  assert.equal(red.firstRed.runId, "r002");
  assert.equal(red.green?.runId, "r004");
  assert.equal(red.runs, 2);
  assert.equal(
    latestRed([run(0, "pass"), run(1, "pass")], { last: 50, now: new Date() }),
    undefined,
  );
  // The window starts red and older runs exist: the streak may be longer.
  const cut = latestRed(
    [run(0, "fail"), run(1, "fail"), run(2, "pass")],
    { last: 2, now: new Date() },
  )!;
  assert.equal(cut.firstRed.runId, "r001");
  assert.equal(cut.maybeOlder, true);
  assert.match(redText(cut, new Date()), /: at least 10m \(.*, at least 2 runs\)$/);
});

Deno.test("property: latestRed() starts at the first red of the newest red streak and ends at the next green", () => {
  fc.assert(
    fc.property(
      fc.array(fc.constantFrom<Verdict>("pass", "fail"), { maxLength: 30 }),
      (verdicts) => {
        const runs = [...verdicts.map((v, i) => run(i, v))].reverse(); // any order in
        const red = latestRed(runs, { last: 100, now: new Date(1000 * MIN) });
        const last = verdicts.lastIndexOf("fail");
        if (last < 0) return assert.equal(red, undefined);
        let first = last;
        while (first > 0 && verdicts[first - 1] === "fail") first--;
        assert.equal(red!.firstRed.runId, `r${String(first).padStart(3, "0")}`);
        const green = last + 1 < verdicts.length ? last + 1 : undefined;
        assert.equal(
          red!.green?.runId,
          green === undefined ? undefined : `r${String(green).padStart(3, "0")}`,
        );
        assert.equal(red!.runs, (green ?? verdicts.length - 1) - first + 1);
        assert.ok(red!.ms >= 0);
        assert.equal(red!.maybeOlder, false);
      },
    ),
  );
});

Deno.test("property: quarantineCandidates() keeps exactly the unquarantined rows at the threshold, most flaky first", () => {
  const cells = fc.array(fc.constantFrom("p", "f", "r", "s", "."), { maxLength: 30 })
    .map((a) => a.join(""));
  fc.assert(
    fc.property(fc.array(cells, { maxLength: 12 }), fc.array(fc.nat(11)), (rows, q) => {
      const grid = rows.map((c, i) => ({ id: `f${i}`, ...flakiness(c) }));
      const quarantined = new Set(q.map((i) => `f${i}`));
      const got = quarantineCandidates(grid, quarantined);
      const expected = grid.filter((r) => !quarantined.has(r.id) && r.flips >= 2 && r.score >= 0.2)
        .map((r) => r.id).sort();
      assert.deepEqual(got.map((c) => c.id).sort(), expected);
      for (let i = 1; i < got.length; i++) assert.ok(got[i - 1].rate >= got[i].rate);
    }),
  );
});

Deno.test("quarantineStatus() and daysLeftText(): days left, the last day, expired", () => {
  const placed = (until: string) => ({
    entry: { id: "x", reason: "r", owner: "@o", until },
    where: "smoke.jsonc: quarantine[0]",
  });
  const status = quarantineStatus(
    [placed("2026-12-13"), placed("2026-12-01"), placed("2026-11-28"), placed("2026-12-02")],
    "2026-12-01",
  );
  assert.deepEqual(status.map((s) => daysLeftText(s.daysLeft)), [
    "12 days left",
    "last day today",
    "expired 3 days ago",
    "1 day left",
  ]);
});

Deno.test("formatSpan(): seconds, minutes, hours and minutes, days and hours", () => {
  assert.equal(formatSpan(0), "0s");
  assert.equal(formatSpan(59_999), "59s");
  assert.equal(formatSpan(60_000), "1m");
  assert.equal(formatSpan((2 * 60 + 14) * MIN), "2h 14m");
  assert.equal(formatSpan((27 * 60 + 5) * MIN), "1d 3h");
});

Deno.test("renderSuggestions(): candidates with their numbers, entries with owner and days, the red", () => {
  // Two days after the red run (r001 ends at minute 11 of 1970-01-01).
  const now = new Date(2 * 864e5 + 11 * MIN);
  const s = buildSuggestions({
    grid: [
      { id: "api/a", ...flakiness("pfpfppfpffpppfpfppfp") },
      { id: "api/steady", ...flakiness("pppppppppppppppppppp") },
      { id: "flaky/login", ...flakiness("pfpfpfpfpf") },
    ],
    runs: [run(0, "pass"), run(1, "fail")],
    last: 20,
    now,
    quarantine: {
      entries: [{
        entry: { id: "flaky/login", reason: "race", owner: "@alice", until: "1970-01-15" },
        where: "smoke.jsonc: quarantine[0]",
      }],
      protects: new Set(["flaky/login"]),
    },
  });
  assert.equal(s.threshold, CANDIDATE_THRESHOLD);
  assert.deepEqual(renderSuggestions(s, now), [
    "Quarantine candidates (2+ flips, on 20%+ of the chances to flip, in the last 2 runs):",
    "  api/a flipped 14 times in 20 runs (74%)",
    "Quarantined (1 entry):",
    "  flaky/login: @alice, 12 days left (race)",
    "Red since run r001 (2 days ago, 1 run)",
  ]);
});

Deno.test("latestRed(): a run Ctrl-C stopped before anything failed is no verdict; one after a failure is red", () => {
  // Green, then a run stopped at once: still green, no red streak.
  assert.equal(
    latestRed([run(0, "pass"), run(1, "fail", { interrupted: "before" })], {
      last: 50,
      now: new Date(100 * MIN),
    }),
    undefined,
  );
  // A red streak through a stopped run ends at the next green, and the stopped run is not counted.
  const runs = [
    run(0, "fail"),
    run(1, "fail", { interrupted: "before" }),
    run(2, "pass"),
  ];
  const red = latestRed(runs, { last: 50, now: new Date(100 * MIN) })!;
  assert.equal(red.firstRed.runId, "r000");
  assert.equal(red.green?.runId, "r002");
  assert.equal(red.runs, 2);
  // What a stopped need blocked failed on no account of its own either.
  assert.equal(
    latestRed([run(0, "pass"), run(1, "fail", { interrupted: "need" })], {
      last: 50,
      now: new Date(100 * MIN),
    }),
    undefined,
  );
  // Not exempt: a fixture a service kept from starting, a service that exited; exempt: a
  // quarantined failure.
  const stopped = { status: "failed", attempts: 1, failure: { kind: "interrupted" } };
  const notReady = {
    status: "failed",
    attempts: 0,
    failure: { kind: "not-run", message: 'service "api" was not ready' },
  };
  const variant = (i: number, extra: Record<string, unknown>) =>
    ({ ...(run(i, "fail") as object), interrupted: true, ...extra }) as never;
  const redAfter = (last: unknown) =>
    latestRed([run(0, "pass"), last as never], { last: 50, now: new Date(100 * MIN) });
  assert.equal(redAfter(variant(1, { fixtures: [stopped, notReady] }))?.firstRed.runId, "r001");
  assert.equal(
    redAfter(variant(1, { fixtures: [stopped], services: [{ name: "api", status: "exited" }] }))
      ?.firstRed.runId,
    "r001",
  );
  const quarantined = {
    status: "failed",
    attempts: 1,
    failure: { kind: "exit-code" },
    quarantined: {},
  };
  assert.equal(redAfter(variant(1, { fixtures: [stopped, quarantined] })), undefined);
  // A fixture that failed before the signal makes the run red.
  const real = latestRed([run(0, "pass"), run(1, "fail", { interrupted: "after" })], {
    last: 50,
    now: new Date(100 * MIN),
  })!;
  assert.equal(real.firstRed.runId, "r001");
});
