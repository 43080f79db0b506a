/**
 * Quarantined failures (a fixture failed while a quarantine entry protects
 * it, so the run passes) in JUnit and GitHub mode: shown with their owner
 * and last day, never as failures that would turn CI red.
 */
import assert from "node:assert/strict";
// Test-only: locked in deno.test.lock, so that running smoke never fetches it.
// deno-lint-ignore no-import-prefix
import fc from "npm:fast-check@4.11.0";
import { createArtifact, type FixtureResult } from "../artifact/artifact.ts";
import { renderJUnit } from "./junit.ts";
import { createGitHubReporter, renderAnnotations, renderQuarantineWarnings } from "./github.ts";
import { renderStepSummary } from "./github_summary.ts";
import type { FixtureEnd } from "./reporter.ts";

const base = { durationMs: 10, signal: null, timedOut: false };
const quarantine = {
  reason: "login races the session store",
  owner: "@alice",
  until: "2026-12-31",
};
const failed = (id: string, extra: Partial<FixtureResult> = {}): FixtureResult => ({
  ...base,
  id,
  status: "failed",
  attempts: 1,
  exitCode: 1,
  failure: { kind: "exit-code", message: "Exited with code 1, expected 0" },
  stderrTail: "Error: session store raced\n",
  ...extra,
});
const passed = (id: string, extra: Partial<FixtureResult> = {}): FixtureResult => ({
  ...base,
  id,
  status: "passed",
  attempts: 1,
  exitCode: 0,
  ...extra,
});
const endOf = (result: FixtureResult): FixtureEnd => ({
  result,
  planned: { fixture: { file: `fixtures/${result.id}.smoke.jsonc` } } as never,
  failedAttempts: [],
  outputLeaked: false,
});
const artifactOf = (fixtures: FixtureResult[]) =>
  createArtifact({
    runId: "r1",
    mode: "full",
    startedAt: new Date(0),
    finishedAt: new Date(100),
    version: "0.1.0",
    environment: { deno: "2.9.6", os: "linux", arch: "x86_64", ci: true },
    selection: { fixtureIds: fixtures.map((f) => f.id) },
    fixtures,
  });

const login = failed("flaky/login", { quarantined: quarantine });
const health = passed("health");
const fixtures = [health, login];
const ends = fixtures.map(endOf);
const artifact = artifactOf(fixtures);

/** The `<testcase>` element of one fixture. */
function testcaseOf(xml: string, id: string): string {
  const start = xml.indexOf(`name="${id}"`);
  assert.notEqual(start, -1, xml);
  const open = xml.lastIndexOf("<testcase", start);
  const selfClosing = xml.indexOf("/>", start);
  const close = xml.indexOf("</testcase>", start);
  const nextOpen = xml.indexOf("<testcase", start);
  return close !== -1 && (nextOpen === -1 || close < nextOpen)
    ? xml.slice(open, close + "</testcase>".length)
    : xml.slice(open, selfClosing + 2);
}

Deno.test("JUnit: a quarantined failure is skipped with its quarantine, its output kept, counted apart", () => {
  assert.equal(artifact.result, "pass");
  const xml = renderJUnit({ ends, artifact }, { now: new Date(0) });
  assert.match(xml, /<testsuites name="smoke" tests="2" failures="0" errors="0" skipped="1"/);
  assert.match(xml, /<property name="smoke.quarantined" value="1"\/>/);
  assert.match(xml, /<property name="smoke.result" value="pass"\/>/);
  const testcase = testcaseOf(xml, "flaky/login");
  assert.doesNotMatch(testcase, /<failure/);
  assert.match(
    testcase,
    /<skipped message="quarantined until 2026-12-31 \(@alice\): login races the session store">exit-code: Exited with code 1, expected 0<\/skipped>/,
  );
  assert.match(testcase, /<property name="smoke.quarantine.owner" value="@alice"\/>/);
  assert.match(testcase, /<property name="smoke.quarantine.until" value="2026-12-31"\/>/);
  assert.match(
    testcase,
    /<property name="smoke.quarantine.reason" value="login races the session store"\/>/,
  );
  assert.match(testcase, /<system-err>Error: session store raced\n<\/system-err>/);
});

Deno.test("JUnit: a quarantined fixture that passed is a plain testcase with the quarantine properties", () => {
  const ok = passed("flaky/login", { quarantined: quarantine });
  const xml = renderJUnit({ ends: [endOf(ok)], artifact: artifactOf([ok]) }, { now: new Date(0) });
  const testcase = testcaseOf(xml, "flaky/login");
  assert.doesNotMatch(testcase, /<skipped|<failure/);
  assert.match(testcase, /<property name="smoke.quarantine.owner" value="@alice"\/>/);
  assert.doesNotMatch(xml, /smoke\.quarantined/);
});

Deno.test("GitHub: a quarantined failure gets a ::warning titled for it, never an ::error", () => {
  assert.deepEqual(renderAnnotations(ends, { cwd: "/w" }), []);
  assert.deepEqual(renderQuarantineWarnings(ends, { cwd: "/w" }), [
    "::warning file=fixtures/flaky/login.smoke.jsonc,title=quarantined%3A flaky/login::" +
    "Quarantined until 2026-12-31, owner @alice (login races the session store): " +
    "exit-code: Exited with code 1, expected 0%0AError: session store raced",
  ]);
});

Deno.test("GitHub reporter: the log holds the warning and no error; the group says quarantined", async () => {
  let log = "";
  const reporter = createGitHubReporter({ env: {}, cwd: "/w", write: (t) => (log += t) });
  for (const end of ends) await reporter.onFixtureEnd!(end);
  await reporter.onEnd!({ ends, artifact, artifactPath: "runs/r1.json" });
  assert.doesNotMatch(log, /^::error/m);
  assert.match(log, /^::group::flaky\/login \(exit-code, quarantined\)$/m);
  assert.match(log, /^::warning file=fixtures\/flaky\/login\.smoke\.jsonc,title=quarantined%3A/m);
});

Deno.test("step summary: quarantined failures have their own section, no failure row, and are counted apart", () => {
  const markdown = renderStepSummary({
    ends,
    artifact,
    artifactPath: "runs/r1.json",
    rerunCommand: "deno task smoke --rerun-failed",
  });
  assert.match(markdown, /^## smoke: pass$/m);
  assert.match(markdown, /\*\*1 passed, 0 failed, 1 quarantined failure, 0 skipped, 0 flaky\*\*/);
  assert.match(markdown, /^### Quarantined failures \(do not fail the run\)$/m);
  assert.match(
    markdown,
    /^\| `flaky\/login` \| @alice \| 2026-12-31 \| login races the session store \| exit-code: Exited with code 1, expected 0<br>Error: session store raced \|$/m,
  );
  assert.doesNotMatch(markdown, /\| Fixture \| Kind \| Message \|/);
});

/** A run of failing and passing fixtures, some of them quarantined. */
const runArb = fc.uniqueArray(
  fc.record({
    id: fc.stringMatching(/^[a-z][a-z0-9_/-]{0,12}$/),
    fails: fc.boolean(),
    quarantined: fc.boolean(),
  }),
  { selector: (f) => f.id, minLength: 1, maxLength: 12 },
).map((specs) =>
  specs.map((s) => {
    const extra = s.quarantined ? { quarantined: quarantine } : {};
    return s.fails ? failed(s.id, extra) : passed(s.id, extra);
  })
);

Deno.test("property: every quarantined failure is a warning and JUnit skipped; only the others are errors and failures", () => {
  fc.assert(fc.property(runArb, (results) => {
    const runEnds = results.map(endOf);
    const run = artifactOf(results);
    const own = results.filter((r) => r.status === "failed" && !r.quarantined);
    const quarantined = results.filter((r) => r.status === "failed" && r.quarantined);
    const errors = renderAnnotations(runEnds, { cwd: "/w", limit: 100 });
    const warnings = renderQuarantineWarnings(runEnds, { cwd: "/w", limit: 100 });
    assert.deepEqual(
      errors.map((line) => /title=([^:]+)::/.exec(line)![1]),
      own.map((r) => r.id),
    );
    assert.deepEqual(
      warnings.map((line) => /title=quarantined%3A ([^:]+)::/.exec(line)![1]),
      quarantined.map((r) => r.id),
    );
    const xml = renderJUnit({ ends: runEnds, artifact: run }, { now: new Date(0) });
    assert.match(
      xml,
      new RegExp(
        `<testsuites name="smoke" tests="${results.length}" failures="${own.length}" ` +
          `errors="0" skipped="${quarantined.length}"`,
      ),
    );
    assert.equal((xml.match(/<failure /g) ?? []).length, own.length);
    // The run passes when only quarantined fixtures failed (and something passed or was quarantined).
    if (own.length === 0) assert.equal(run.result, "pass");
  }));
});
