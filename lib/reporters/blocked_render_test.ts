/**
 * Blocked fixtures (a need did not pass, so they never started) in every
 * reporter: named as blocked by their need, never as failures of their own,
 * and never hidden.
 */
import { resultLine } from "../base/safe_output.ts";
import assert from "node:assert/strict";
import { createArtifact, type FixtureResult } from "../artifact/artifact.ts";
import { runSummary } from "../cli/run_outcome.ts";
import { palette, renderFailures, renderFixtureLine } from "./console_render.ts";
import { renderSummary } from "./console_summary.ts";
import { renderJUnit } from "./junit.ts";
import { createGitHubReporter, renderAnnotations } from "./github.ts";
import { renderStepSummary } from "./github_summary.ts";

const plain = palette(false);
const base = { durationMs: 0, exitCode: null, signal: null, timedOut: false };
const setup: FixtureResult = {
  ...base,
  id: "setup/db",
  status: "failed",
  attempts: 1,
  exitCode: 1,
  durationMs: 40,
  failure: { kind: "exit-code", message: "Exited with code 1, expected 0" },
  stderrTail: "cannot seed\n",
};
const blocked = (id: string, by = "setup/db", which = "failed"): FixtureResult => ({
  ...base,
  id,
  status: "failed",
  attempts: 0,
  blockedBy: by,
  failure: { kind: "blocked", message: `Blocked by ${by}: it needs "${by}", which ${which}` },
});
const passed: FixtureResult = { ...base, id: "health", status: "passed", attempts: 1, exitCode: 0 };
const fixtures = [passed, setup, blocked("api/orders"), blocked("api/users")];
const ends = fixtures.map((result) => ({
  result,
  planned: { fixture: { file: `fixtures/${result.id}.smoke.jsonc` } } as never,
  failedAttempts: [],
  outputLeaked: false,
}));
const artifact = createArtifact({
  runId: "r1",
  mode: "full",
  startedAt: new Date(0),
  finishedAt: new Date(100),
  version: "0.1.0",
  environment: { deno: "2.9.6", os: "linux", arch: "x86_64", ci: true },
  selection: { fixtureIds: fixtures.map((f) => f.id) },
  fixtures,
});

Deno.test("console: a blocked fixture's line says BLOCK and its need, not FAIL", () => {
  assert.equal(renderFixtureLine(ends[2], plain), "BLOCK  api/orders  blocked by setup/db");
  // Yellow, like a skip: it is not a failure of its own.
  const marked = { ...plain, yellow: (t: string) => `<y>${t}</y>` };
  assert.equal(renderFixtureLine(ends[2], marked), "<y>BLOCK</y>  api/orders  blocked by setup/db");
  // The need's own line is still a failure.
  assert.match(renderFixtureLine(ends[1], plain), /^FAIL {2}setup\/db/);
});

Deno.test("console: failures list the real failure, then one line per blocking need", () => {
  const lines = renderFailures(ends, plain);
  assert.equal(lines.filter((l) => /^ {2}\d+\) /.test(l)).length, 1, lines.join("\n"));
  assert.equal(lines.some((l) => l.includes("1) setup/db")), true);
  assert.equal(lines.some((l) => /\d\) api\//.test(l)), false, lines.join("\n"));
  const grouped = lines.filter((l) => l.startsWith("Blocked by"));
  assert.deepEqual(grouped, ["Blocked by setup/db (failed): api/orders, api/users"]);
  // After the real failures.
  assert.ok(lines.indexOf(grouped[0]) > lines.findIndex((l) => l.includes("1) setup/db")));
});

Deno.test("console: a chain names each need and how it ended; many ids are capped", () => {
  const chain = [setup, blocked("api/login"), blocked("api/orders", "api/login", "was blocked")];
  const lines = renderFailures(
    chain.map((result) => ({ result, failedAttempts: [], outputLeaked: false })),
    plain,
  );
  assert.deepEqual(lines.filter((l) => l.startsWith("Blocked by")), [
    "Blocked by setup/db (failed): api/login",
    "Blocked by api/login (blocked by setup/db): api/orders",
  ]);
  const many = Array.from({ length: 13 }, (_, i) => blocked(`api/f${i}`));
  const capped = renderFailures(
    [setup, ...many].map((result) => ({ result, failedAttempts: [], outputLeaked: false })),
    plain,
  ).find((l) => l.startsWith("Blocked by"));
  assert.match(capped!, /api\/f9, \.\.\. and 3 more$/);
});

Deno.test("console: the summary counts blocked fixtures apart from failures", () => {
  const { view, exitCode } = runSummary({
    artifact,
    saved: { runFileWritten: true, latestWritten: true },
    reporterFailed: false,
    runFile: "runs/r1.json",
    command: "deno task smoke",
    rerun: false,
    failOnFlaky: false,
  });
  assert.equal(exitCode, 1);
  const lines = renderSummary(view, plain);
  assert.match(
    lines[0],
    /^Summary: 1 passed, 1 failed, 2 blocked, 0 skipped, 0 flaky \(4 fixtures/,
  );
  assert.equal(lines.at(-1), resultLine("fail"));
});

Deno.test("junit: a blocked fixture is skipped with the reason, and the run is not green", () => {
  const xml = renderJUnit({ ends, artifact }, { now: new Date(0) });
  assert.match(
    xml,
    /<testcase classname="smoke" name="api\/orders"[^>]*>\n\s*<skipped message="blocked by setup\/db"\/>/,
  );
  assert.equal(/name="api\/orders"[^]*?<failure/.test(xml.split("</testcase>")[2] ?? ""), false);
  // Elements and counts agree: the need is the one <failure>, the dependants are <skipped>.
  assert.match(xml, /<testsuite name="smoke" tests="4" failures="1" errors="0" skipped="2"/);
  assert.equal((xml.match(/<failure /g) ?? []).length, 1);
  assert.equal((xml.match(/<skipped /g) ?? []).length, 2);
  assert.match(xml, /<property name="smoke.result" value="fail"\/>/);
  assert.match(xml, /<property name="smoke.blocked" value="2"\/>/);
});

Deno.test("github: no ::error per blocked fixture, one ::warning per need naming its dependants", async () => {
  const annotations = renderAnnotations(ends, { cwd: "/w" });
  assert.deepEqual(annotations.map((l) => l.split("::")[1]), [
    "error file=fixtures/setup/db.smoke.jsonc,title=setup/db",
  ]);
  let log = "";
  const reporter = createGitHubReporter({ env: {}, cwd: "/w", write: (t) => (log += t) });
  for (const end of ends) await reporter.onFixtureEnd!(end);
  await reporter.onEnd!({ ends, artifact, artifactPath: "runs/r1.json" });
  assert.doesNotMatch(log, /^::error.*api\//m);
  assert.doesNotMatch(log, /^::group::api\//m);
  assert.deepEqual(log.split("\n").filter((l) => l.startsWith("::warning")), [
    "::warning file=fixtures/setup/db.smoke.jsonc,title=blocked by setup/db::" +
    "Blocked by setup/db (failed): api/orders, api/users",
  ]);
});

Deno.test("github: the step summary shows blocked fixtures by their need, not as failure rows", () => {
  const markdown = renderStepSummary({ ends, artifact, artifactPath: "runs/r1.json" });
  assert.match(markdown, /\*\*1 passed, 1 failed, 2 blocked, 0 skipped, 0 flaky\*\*/);
  assert.match(markdown, /blocked by setup\/db\*\* \(failed\): `api\/orders`, `api\/users`/);
  assert.match(markdown, /\| `setup\/db` \| exit-code \|/);
  assert.doesNotMatch(markdown, /\| `api\/(orders|users)` \|/);
});
