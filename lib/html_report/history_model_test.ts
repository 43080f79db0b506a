import assert from "node:assert/strict";
import type { Artifact } from "../artifact/artifact.ts";
import { buildReportModel } from "./history_model.ts";
import { fixtureResult as r, makeRun } from "../../e2e/_history.ts";

const hour = (h: number) => new Date(Date.UTC(2026, 10, 20, h));
const now = hour(30);

Deno.test("buildReportModel: the window is the newest `last` runs, oldest first", () => {
  const runs = [3, 1, 4, 2, 0].map((h) =>
    makeRun({ startedAt: hour(h), fixtures: [r({ id: "a", status: "passed" })] })
  );
  const model = buildReportModel({ runs }, { last: 3, now });
  assert.deepEqual(
    model.timeline.map((run) => run.startedAt),
    [2, 3, 4].map((h) => hour(h).toISOString()),
  );
  assert.equal(model.totalRuns, 5);
  assert.equal(model.latest?.runId, runs[2].runId);
  assert.equal(model.latest?.ago, "1 day ago");
  assert.equal(model.grid[0].cells, "ppp");
});

Deno.test("buildReportModel: grid cells line up with runs; most flaky first", () => {
  const runs = [
    makeRun({
      startedAt: hour(0),
      fixtures: [r({ id: "steady", status: "passed" }), r({ id: "flaky", status: "passed" })],
    }),
    makeRun({
      startedAt: hour(1),
      fixtures: [r({ id: "steady", status: "failed" }), r({ id: "flaky", status: "failed" })],
    }),
    makeRun({
      startedAt: hour(2),
      fixtures: [r({ id: "flaky", status: "passed" }), r({ id: "new", status: "skipped" })],
    }),
    makeRun({
      startedAt: hour(3),
      fixtures: [
        r({ id: "steady", status: "failed" }),
        r({ id: "flaky", status: "passed", flaky: true }),
      ],
    }),
  ];
  const { grid } = buildReportModel({ runs }, { last: 50, now });
  assert.deepEqual(
    grid.map((row) => [row.id, row.cells, row.flips, row.failures, row.retryPasses]),
    [
      ["flaky", "pfpr", 4, 1, 1],
      ["steady", "pf.f", 1, 2, 0],
      ["new", "..s.", 0, 0, 0],
    ],
  );
  assert.equal(grid[0].score, 4 / 4);
  assert.equal(grid[1].score, 1 / 2);
});

Deno.test("buildReportModel: median and p95 over the window, without skips and interruptions", () => {
  const durations = [100, 300, 200, 900, 400];
  const runs = durations.map((ms, i) =>
    makeRun({
      startedAt: hour(i),
      fixtures: [
        r({ id: "slow", status: "passed", durationMs: ms }),
        r({ id: "fast", status: "passed", durationMs: 10 }),
      ],
    })
  );
  runs.push(
    makeRun({
      startedAt: hour(8),
      fixtures: [r({ id: "slow", status: "skipped", durationMs: 99_999 })],
    }),
  );
  runs.push(makeRun({
    startedAt: hour(9),
    fixtures: [r({ id: "slow", status: "failed", kind: "interrupted", durationMs: 99_999 })],
  }));
  const model = buildReportModel({
    runs: [
      makeRun({
        startedAt: hour(-5),
        fixtures: [r({ id: "slow", status: "passed", durationMs: 50_000 })],
      }),
      ...runs,
    ],
  }, {
    last: 7,
    now,
  });
  assert.deepEqual(model.slowest.map((s) => [s.id, s.medianMs, s.p95Ms, s.maxMs, s.samples]), [
    ["slow", 300, 900, 900, 5],
    ["fast", 10, 10, 10, 5],
  ]);
});

Deno.test("buildReportModel: a rerun links to its source, with the combined verdict", () => {
  const full = makeRun({
    startedAt: hour(0),
    fixtures: [
      r({ id: "a", status: "failed" }),
      r({ id: "b", status: "failed" }),
      r({ id: "c", status: "passed" }),
    ],
  });
  const rerun = makeRun({
    startedAt: hour(1),
    mode: "rerun-failed",
    source: full,
    fixtures: [
      r({ id: "a", status: "passed", previousStatus: "failed" }),
      r({ id: "b", status: "failed", previousStatus: "failed" }),
    ],
    combined: { summary: { total: 3, passed: 2, failed: 1, skipped: 0, flaky: 0 }, result: "fail" },
    suffix: "cccccc",
  });
  const model = buildReportModel({ runs: [full, rerun], latestRunId: rerun.runId }, {
    last: 50,
    now,
  });
  const latest = model.latest!;
  assert.equal(latest.runId, rerun.runId);
  assert.deepEqual(latest.rerun, {
    sourceRunId: full.runId,
    sourceInWindow: true,
    combined: { summary: { total: 3, passed: 2, failed: 1, skipped: 0, flaky: 0 }, result: "fail" },
  });
  assert.deepEqual(latest.recovered, ["a"]);
  assert.equal(latest.rerunCommand, "deno task smoke --rerun-failed");
  assert.equal(model.timeline[0].rerun, undefined);
  assert.deepEqual(
    model.failures.map((f) => [f.id, f.previousStatus, f.failingSince.runId, f.failingSince.runs]),
    [
      ["b", "failed", full.runId, 2],
    ],
  );
  // Outside the window, the link says so.
  const narrow = buildReportModel({ runs: [full, rerun] }, { last: 1, now });
  assert.equal(narrow.latest?.rerun?.sourceInWindow, false);
});

Deno.test("buildReportModel: commands, files and the artifact the rerun reads", () => {
  const run = makeRun({ startedAt: hour(0), fixtures: [r({ id: "x/it's", status: "failed" })] });
  const files = { "x/it's": { file: "fixtures/x/it's.smoke.ts" } };
  const model = buildReportModel(
    { runs: [run], latestRunId: "another", fixtureFiles: files, artifactDir: "out dir" },
    { last: 50, now, command: "deno task smoke --artifact-dir 'out dir'" },
  );
  assert.equal(
    model.latest?.rerunCommand,
    `deno task smoke --artifact-dir 'out dir' --rerun-failed --artifact 'out dir/runs/${run.runId}.json'`,
  );
  assert.equal(
    model.failures[0].command,
    `deno task smoke --artifact-dir 'out dir' --fixture 'x/it'\\''s'`,
  );
  assert.deepEqual(model.failures[0].file, files["x/it's"]);
  assert.equal(model.failures[0].failingSince.maybeOlder, false);
});

Deno.test('buildReportModel: a failure whose id starts with "-" is rerun as --fixture=ID', () => {
  // "--fixture -rf" would read "-rf" as a flag: the command must run as printed.
  const run = makeRun({ startedAt: hour(0), fixtures: [r({ id: "-rf", status: "failed" })] });
  const model = buildReportModel({ runs: [run] }, { last: 50, now, command: "deno task smoke" });
  assert.equal(model.failures[0].command, "deno task smoke --fixture=-rf");
});

Deno.test("buildReportModel: failing since the start of a streak, maybe older beyond the window", () => {
  const statuses = ["failed", "passed", "failed", "failed", "failed"] as const;
  const runs = statuses.map((status, i) =>
    makeRun({ startedAt: hour(i), fixtures: [r({ id: "a", status })], suffix: `00000${i}` })
  );
  // A rerun of another fixture in between does not break the streak.
  runs.push(makeRun({
    startedAt: new Date(hour(3).getTime() + 1800_000),
    fixtures: [r({ id: "b", status: "passed" })],
  }));
  const all = buildReportModel({ runs }, { last: 50, now }).failures[0].failingSince;
  assert.deepEqual(all, {
    runId: runs[2].runId,
    startedAt: runs[2].startedAt,
    runs: 3,
    maybeOlder: false,
  });
  const cut = buildReportModel({ runs }, { last: 2, now }).failures[0].failingSince;
  assert.equal(cut.runId, runs[4].runId);
  assert.equal(cut.maybeOlder, true, "the window's first run does not hold a");
  const cut3 = buildReportModel({ runs }, { last: 3, now }).failures[0].failingSince;
  assert.deepEqual([cut3.runId, cut3.runs, cut3.maybeOlder], [runs[3].runId, 2, true]);
});

Deno.test("buildReportModel: tails and messages are cut for the page, within a budget", () => {
  const long = Array.from({ length: 500 }, (_, i) => `line ${i}`).join("\n");
  const run = makeRun({
    startedAt: hour(0),
    fixtures: ["a", "b", "c"].map((id) =>
      r({
        id,
        status: "failed",
        stdoutTail: long,
        stderrTail: "short\n",
        message: "m".repeat(3000),
      })
    ),
  });
  const model = buildReportModel({ runs: [run] }, {
    last: 50,
    now,
    tailChars: 1000,
    tailBudget: 1500,
  });
  const [a, b, c] = model.failures;
  assert.ok(a.stdout!.text.length <= 1000 && a.stdout!.text.startsWith("line "));
  assert.ok(a.stdout!.text.endsWith("line 499"));
  assert.equal(a.stdout!.cutChars + a.stdout!.text.length, long.length);
  assert.deepEqual(a.stderr, { text: "short\n", cutChars: 0 });
  assert.ok(b.stdout, "the budget is still positive after the first failure");
  assert.equal(c.stdout, undefined);
  assert.equal(c.tailsOmitted, true);
  assert.match(a.message, /^m{2000}… \(1000 more characters\)$/);
  assert.equal(run.fixtures[0].stdoutTail, long, "the artifact keeps its tails");
});

Deno.test("buildReportModel: a newer run that ran nothing is shown beside the latest real run", () => {
  const real = makeRun({ startedAt: hour(0), fixtures: [r({ id: "a", status: "passed" })] });
  const diag = {
    ...makeRun({ startedAt: hour(1), fixtures: [], mode: "rerun-failed", suffix: "dddddd" }),
    diagnostics: [{
      code: "NO_RERUNNABLE_FAILURES",
      level: "error" as const,
      message: "Nothing to rerun",
    }],
  };
  const model = buildReportModel({
    runs: [real, diag],
    invalid: [{ file: "runs/x.json", reason: "bad" }],
  }, { last: 50, now });
  assert.equal(model.latest?.runId, real.runId);
  assert.equal(model.newerError?.runId, diag.runId);
  assert.equal(model.newerError?.error, "Nothing to rerun");
  assert.equal(model.timeline.length, 2);
  assert.equal(model.gridRuns.length, 1);
  assert.deepEqual(model.invalid, [{ file: "runs/x.json", reason: "bad" }]);
});

Deno.test("buildReportModel: an empty history", () => {
  const model = buildReportModel({ runs: [] }, { last: 50, now });
  assert.equal(model.latest, undefined);
  assert.deepEqual([model.failures, model.grid, model.timeline, model.slowest], [[], [], [], []]);
});

Deno.test("buildReportModel: consecutive runs where nothing ran fold into one timeline mark", () => {
  const real = (h: number) =>
    makeRun({ startedAt: hour(h), fixtures: [r({ id: "a", status: "passed" })] });
  const preflight = (h: number) => ({
    ...makeRun({ startedAt: hour(h), fixtures: [], mode: "rerun-failed", suffix: "dddddd" }),
    diagnostics: [{ code: "ARTIFACT_NOT_FOUND", level: "error" as const, message: `at ${h}` }],
  });
  const runs = [real(0), preflight(1), preflight(2), preflight(3), real(4), preflight(5), real(6)];
  const model = buildReportModel({ runs }, { last: 50, now });
  assert.equal(model.timeline.length, 7, "every run stays in the list");
  assert.deepEqual(
    model.marks.map((m) => m.kind === "run" ? m.run.runId : `${m.label} ${m.from} ${m.to}`),
    [
      runs[0].runId,
      `3 failed preflights ${hour(1).toISOString()} ${hour(3).toISOString()}`,
      runs[4].runId,
      runs[5].runId, // a lone one stays a run
      runs[6].runId,
    ],
  );
  const fold = model.marks[1];
  assert.ok(fold.kind === "nothing-ran");
  assert.deepEqual(fold.runs.map((run) => run.error), ["at 1", "at 2", "at 3"]);
});

Deno.test("buildReportModel: a partial run's suite verdict and outstanding set; the rerun command follows them", () => {
  const full = makeRun({
    startedAt: hour(0),
    fixtures: [r({ id: "a", status: "passed" }), r({ id: "f", status: "failed" })],
  });
  const spot = {
    ...makeRun({
      startedAt: hour(1),
      mode: "selected",
      fixtures: [r({ id: "a", status: "passed" })],
    }),
    combined: { summary: { total: 2, passed: 1, failed: 1, skipped: 0, flaky: 0 }, result: "fail" },
    suite: {
      since: full.runId,
      outstanding: [{ id: "f", runId: full.runId, kind: "interrupted", message: "stopped" }],
      passed: ["a"],
      skipped: [],
      flaky: [],
    },
  } satisfies Artifact;
  const model = buildReportModel({ runs: [full, spot] }, { last: 50, now });
  assert.deepEqual(model.latest?.suite, {
    combined: spot.combined,
    owed: {
      since: full.runId,
      sinceInWindow: true,
      ids: ["f"],
      unfinished: ["f"],
      unstarted: { blocked: 0, notRun: 0 },
      neverStarted: {},
    },
  });
  assert.equal(model.failures.length, 0, "the run itself failed nothing");
  // Not latest.json: the command names the run's own file, which holds the suite's state.
  assert.equal(
    model.latest?.rerunCommand,
    `deno task smoke --rerun-failed --artifact .planning/artifacts/smoke/runs/${spot.runId}.json`,
  );
  // A full run records no suite verdict.
  const fullOnly = buildReportModel({ runs: [full] }, { last: 50, now });
  assert.equal(fullOnly.latest?.suite, undefined);
  // Outside the window, the full run is not linked.
  assert.equal(
    buildReportModel({ runs: [full, spot] }, { last: 1, now }).latest?.suite?.owed?.sinceInWindow,
    false,
  );
});

Deno.test("buildReportModel: a fixture an interrupt stopped is no result: no flip, no failure", () => {
  const runs = [0, 1, 2, 3, 4].map((h) =>
    makeRun({
      startedAt: hour(h),
      fixtures: [
        h % 2 === 1
          ? r({ id: "a", status: "failed", kind: "interrupted" })
          : r({ id: "a", status: "passed" }),
      ],
    })
  );
  const [row] = buildReportModel({ runs }, { last: 50, now }).grid;
  assert.equal(row.cells, "pipip");
  assert.equal(row.flips, 0);
  assert.equal(row.failures, 0);
  assert.equal(row.observed, 3);
});

Deno.test("buildReportModel: an interrupted retry still failed its first attempt: a failure", () => {
  const runs = [0, 1].map((h) =>
    makeRun({
      startedAt: hour(h),
      fixtures: [
        h === 1
          ? { ...r({ id: "a", status: "failed", kind: "interrupted" }), attempts: 2 }
          : r({ id: "a", status: "passed" }),
      ],
    })
  );
  const [row] = buildReportModel({ runs }, { last: 50, now }).grid;
  assert.equal(row.cells, "pf");
  assert.equal(row.failures, 1);
});

Deno.test("buildReportModel: a fixture a signal stopped in the latest run is failing only if it failed before", () => {
  const interrupted = { ...r({ id: "a", status: "failed", kind: "interrupted" }), attempts: 1 };
  const since = (statuses: readonly ("passed" | "failed")[]) => {
    const runs = statuses.map((status, i) =>
      makeRun({ startedAt: hour(i), fixtures: [r({ id: "a", status })], suffix: `00000${i}` })
    );
    runs.push(makeRun({ startedAt: hour(9), fixtures: [interrupted], suffix: "000009" }));
    return { runs, since: buildReportModel({ runs }, { last: 50, now }).failures[0].failingSince };
  };
  // Passing before: no failure of its own.
  const green = since(["passed", "passed"]);
  assert.equal(green.since.runs, 0);
  assert.equal(green.since.interrupted, true);
  // Failing before: the streak of the runs before, the interrupted run not counted as a failure.
  const red = since(["passed", "failed", "failed"]);
  assert.deepEqual(
    [red.since.runId, red.since.runs, red.since.interrupted],
    [red.runs[1].runId, 2, true],
  );
});
