/**
 * Golden files for rendered output (gotestsum's `testdata/format` style): the console's failures
 * and summary, the dry run, JUnit and the GitHub step summary, each rendered from one fixed run
 * (and the step summary of an error), and compared byte for byte with `testdata/format/<name>`. After a deliberate change of output,
 * update them and review the diff:
 *
 *     UPDATE_GOLDEN=1 deno test -A --lock=deno.test.lock e2e/golden_test.ts
 */
import assert from "node:assert/strict";
import { createArtifact, type FixtureResult } from "../lib/artifact/artifact.ts";
import { buildCatalog } from "../lib/catalog/catalog.ts";
import { formatUserError, UserError } from "../lib/base/errors.ts";
import { palette, renderFailures, renderFixtureLine } from "../lib/reporters/console_render.ts";
import { renderSummary } from "../lib/reporters/console_summary.ts";
import { renderErrorSummary } from "../lib/reporters/github_error.ts";
import { renderStepSummary } from "../lib/reporters/github_summary.ts";
import { renderJUnit } from "../lib/reporters/junit.ts";
import type { FixtureEnd } from "../lib/run/events.ts";
import { planFixture } from "../lib/selection/plan.ts";
import { renderDryRun } from "../lib/selection/render_dry_run.ts";
import { createSafeWriter } from "../lib/base/safe_output.ts";

/** Text as the output edge writes it to a log (no terminal, not GitHub): what a user reads. */
function asLogged(text: string): string {
  let log = "";
  createSafeWriter((t) => (log += t), { terminal: false, github: false })(text);
  return log;
}

const FORMAT = new URL("../testdata/format/", import.meta.url);

async function assertGolden(name: string, actual: string): Promise<void> {
  const file = new URL(name, FORMAT);
  if (Deno.env.get("UPDATE_GOLDEN") === "1") {
    await Deno.writeTextFile(file, actual);
    return;
  }
  const expected = await Deno.readTextFile(file).catch((error) => {
    if (error instanceof Deno.errors.NotFound) {
      throw new Error(`No golden file ${name}: run with UPDATE_GOLDEN=1 to write it`);
    }
    throw error;
  });
  assert.equal(actual, expected, `${name} differs; UPDATE_GOLDEN=1 rewrites it after a change`);
}

const cwd = "/work/app";
const catalog = buildCatalog([
  { path: "api/health.smoke.ts" },
  { path: "api/health.smoke.jsonc", text: '{ "timeoutMs": 5000, "retries": 1 }' },
  { path: "cli/version.smoke.jsonc", text: '{ "command": ["my-cli", "--version"] }' },
  { path: "home.smoke.ts" },
  { path: "nightly.smoke.jsonc", text: '{ "command": ["true"], "skip": "runs at night" }' },
], { cwd, fixturesDir: `${cwd}/fixtures` });
const planned = catalog.map((fixture) =>
  planFixture(fixture, {
    options: { timeoutMs: 60_000, retries: 0, permissions: [], env: {} },
    deno: "/usr/bin/deno",
  })
);

const base = { signal: null, timedOut: false };
const results: FixtureResult[] = [
  {
    ...base,
    id: "api/health",
    status: "failed",
    durationMs: 305,
    attempts: 2,
    exitCode: 1,
    failure: { kind: "exit-code", message: "Exited with code 1, expected 0" },
    stderrTail: "error: Uncaught (in promise) Error: API not reachable on :9\n",
  },
  {
    ...base,
    id: "cli/version",
    status: "passed",
    durationMs: 47,
    attempts: 2,
    exitCode: 0,
    flaky: true,
  },
  { ...base, id: "home", status: "passed", durationMs: 225, attempts: 1, exitCode: 0 },
  {
    ...base,
    id: "nightly",
    status: "skipped",
    durationMs: 0,
    attempts: 0,
    exitCode: null,
    skipReason: "runs at night",
  },
];
const ends: FixtureEnd[] = results.map((result, i) => ({
  result,
  planned: planned[i],
  failedAttempts: result.attempts > 1
    ? [{
      attempt: 1,
      durationMs: 20,
      failure: { kind: "exit-code", message: "Exited with code 1, expected 0" },
      stderrTail: "flake\n",
      stdoutTail: "",
    }]
    : [],
  outputLeaked: false,
}));
const artifact = createArtifact({
  runId: "20261125T151000959Z-973b1d",
  mode: "full",
  startedAt: new Date("2026-11-25T15:10:00.959Z"),
  finishedAt: new Date("2026-11-25T15:10:01.321Z"),
  version: "0.1.0",
  environment: { deno: "2.9.6", os: "linux", arch: "x86_64", ci: true },
  selection: { fixtureIds: results.map((r) => r.id) },
  fixtures: results,
});
const artifactPath = ".planning/artifacts/smoke/runs/20261125T151000959Z-973b1d.json";
const rerunCommand = "deno task smoke --rerun-failed";

Deno.test("golden: the console's failures and summary", async () => {
  const colors = palette(false);
  const text = [
    ...renderFailures(ends, colors),
    ...renderSummary({
      summary: artifact.summary,
      result: artifact.result,
      durationMs: artifact.durationMs,
      artifactPath,
      interrupted: false,
      rerunCommand,
    }, colors),
  ].join("\n") + "\n";
  await assertGolden("console_summary.out", asLogged(text));
});

Deno.test("golden: the console's fixture lines", async () => {
  const colors = palette(false);
  const text = ends.map((end) => renderFixtureLine(end, colors)).join("\n") + "\n";
  await assertGolden("console_lines.out", text);
});

Deno.test("golden: the dry run", async () => {
  const lines = renderDryRun({ planned, mode: "full", diagnostics: [] }, cwd);
  await assertGolden("dry_run.out", asLogged(lines.join("\n") + "\n"));
});

Deno.test("golden: catalog problems, all in one error", async () => {
  let text = "";
  try {
    buildCatalog([
      { path: "api/health.smoke.jsonc", text: '{\n  "command": ["true"],,\n}' },
      { path: "bad id.smoke.ts" },
      { path: "ops/deploy.smoke.jsonc", text: '{\n  "command": ["true"],\n  "retry": 1\n}' },
      { path: "web/home.smoke.ts" },
      { path: "web/home.smoke.jsonc", text: '{ "command": ["true"] }' },
    ], { cwd, fixturesDir: `${cwd}/fixtures` });
  } catch (error) {
    if (!(error instanceof UserError)) throw error;
    text = formatUserError(error) + "\n";
  }
  await assertGolden("catalog_problems.out", text);
});

Deno.test("golden: JUnit", async () => {
  const xml = renderJUnit({ ends, artifact }, { now: new Date("2026-11-25T15:10:02.000Z") });
  await assertGolden("junit.xml.out", xml);
});

Deno.test("golden: the GitHub step summary", async () => {
  const markdown = renderStepSummary({ ends, artifact, artifactPath, rerunCommand }, {
    dispatch: "gh workflow run smoke.yml -f mode=rerun-failed",
  });
  await assertGolden("github_step_summary.md.out", markdown);
});

Deno.test("golden: the GitHub step summary of an error", async () => {
  const markdown = renderErrorSummary({
    message: "Nothing to rerun: no failed fixture of run 20261125T151000959Z-973b1d matches " +
      "--fixture web/*",
    code: "NO_RERUNNABLE_FAILURES",
    kind: "preflight",
    hints: [
      "Run the full suite (deno task smoke), or change --fixture.",
      "Manual fallback: deno task smoke --fixture api/health --fixture api/login",
    ],
    diagnosticsPath: ".planning/artifacts/smoke/runs/20261125T151210007Z-1c0f3e.json",
  });
  await assertGolden("github_error_summary.md.out", markdown);
});

/** A `deno test` command fixture whose assertion failed: the cause is on stdout, not stderr. */
const denoTestEnd: FixtureEnd = {
  result: {
    ...base,
    id: "unit/math",
    status: "failed",
    durationMs: 412,
    attempts: 1,
    exitCode: 1,
    failure: { kind: "exit-code", message: "Exited with code 1, expected 0" },
    stdoutTail: [
      "running 2 tests from ./tests/math_test.ts",
      "adds ... FAILED (1ms)",
      "objects ... ok (1ms)",
      "",
      " ERRORS ",
      "",
      "adds => ./tests/math_test.ts:3:6",
      "error: AssertionError: Expected values to be strictly deep-equal:",
      "+ actual - expected",
      "",
      "  {",
      "+   sum: 2,",
      "-   sum: 3,",
      "  }",
      "",
      "  assert.deepEqual({ sum: 1 + 1 }, { sum: 3 });",
      "         ^",
      "    at file:///work/app/tests/math_test.ts:4:10",
      "",
      " FAILURES ",
      "",
      "adds => ./tests/math_test.ts:3:6",
      "",
      "FAILED | 1 passed | 1 failed (14ms)",
      "",
    ].join("\n"),
    stderrTail: "error: Test failed\n",
  },
  failedAttempts: [],
  outputLeaked: false,
};

Deno.test("golden: the cause of a failing deno test in the console's failure block", async () => {
  await assertGolden(
    "console_failure_cause.out",
    renderFailures([denoTestEnd], palette(false)).join("\n") + "\n",
  );
});
