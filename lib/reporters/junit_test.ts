import assert from "node:assert/strict";
// Test-only: locked in deno.test.lock, so that running smoke never fetches it.
// deno-lint-ignore no-import-prefix
import { XMLParser, XMLValidator } from "npm:fast-xml-parser@5.12.1";
import { createArtifact, type FixtureResult } from "../artifact/artifact.ts";
import type { FailedAttempt, FixtureEnd } from "./reporter.ts";
import {
  createJUnitReporter,
  escapeXmlAttribute,
  escapeXmlText,
  renderJUnit,
  stripInvalidXmlChars,
} from "./junit.ts";
import type { ServiceRecord } from "../artifact/artifact.ts";
import { HOSTILE_TAIL, serviceRecords } from "../../e2e/_services.ts";

const base = { durationMs: 1234, attempts: 1, exitCode: 0, signal: null, timedOut: false };

function end(result: FixtureResult, failedAttempts: FailedAttempt[] = []): FixtureEnd {
  return {
    result,
    failedAttempts,
    outputLeaked: false,
    planned: {
      fixture: { id: result.id, file: `fixtures/${result.id}.smoke.ts` },
    } as FixtureEnd["planned"],
  };
}

function run(
  ends: FixtureEnd[],
  extra: { interrupted?: boolean; services?: ServiceRecord[] } = {},
) {
  const artifact = createArtifact({
    runId: "20260101T000000000Z-abc",
    mode: "full",
    startedAt: new Date("2026-01-01T10:00:00.250Z"),
    finishedAt: new Date("2026-01-01T10:00:02.750Z"),
    version: "0.1.0",
    environment: { deno: "2.9.6", os: "linux", arch: "x86_64", ci: false, hostname: "h" },
    selection: { fixtureIds: ends.map((e) => e.result.id) },
    fixtures: ends.map((e) => e.result),
    interrupted: extra.interrupted,
    services: extra.services,
  });
  return { ends, artifact };
}

const parser = new XMLParser({
  ignoreAttributes: false,
  attributeNamePrefix: "",
  parseAttributeValue: false,
  parseTagValue: false,
  trimValues: false,
  htmlEntities: true,
  isArray: (name) => ["testcase", "flakyFailure", "rerunFailure", "property"].includes(name),
});

// deno-lint-ignore no-explicit-any
function parse(xml: string): any {
  assert.equal(XMLValidator.validate(xml), true);
  return parser.parse(xml);
}

Deno.test("stripInvalidXmlChars() drops what XML 1.0 forbids and keeps the rest", () => {
  const forbidden = "\x00\x01\x08\x0B\x0C\x0E\x1F\x1b\uFFFE\uFFFF\uDFFF\uD800";
  assert.equal(stripInvalidXmlChars(`a${forbidden}b`), "ab");
  const allowed = "\t\n\r x~\x7f\u00e9\u20ac\uD7FF\uE000\uFFFD\u{1F600}";
  assert.equal(stripInvalidXmlChars(allowed), allowed);
  assert.equal(stripInvalidXmlChars("\x1b[1;31mred\x1b[0m \x1b]0;title\x07t"), "red t");
});

Deno.test("escapeXmlText() and escapeXmlAttribute() escape markup", () => {
  assert.equal(escapeXmlText(`<a href="x">&</a> ]]>`), `&lt;a href="x"&gt;&amp;&lt;/a&gt; ]]&gt;`);
  assert.equal(escapeXmlText("a\r\nb"), "a&#13;\nb");
  assert.equal(escapeXmlAttribute(`"<&>'\t\n\r`), `&quot;&lt;&amp;&gt;'&#9;&#10;&#13;`);
});

Deno.test("renderJUnit() counts fixtures and writes one testcase each", () => {
  const ends = [
    end({ ...base, id: "a/pass", status: "passed", stdoutTail: "hello\n" }),
    end({
      ...base,
      id: "b/fail",
      status: "failed",
      exitCode: 3,
      failure: { kind: "exit-code", message: "Exited with code 3, expected 0" },
      stderrTail: "bad thing\n",
    }),
    end({ ...base, id: "c/skip", status: "skipped", attempts: 0, skipReason: "not today" }),
  ];
  const doc = parse(renderJUnit(run(ends), { now: new Date("2026-01-01T10:00:03Z") }));
  const root = doc.testsuites;
  assert.deepEqual(
    [root.tests, root.failures, root.errors, root.skipped, root.time],
    ["3", "1", "0", "1", "2.500"],
  );
  const suite = root.testsuite;
  assert.equal(suite.name, "smoke");
  assert.equal(suite.timestamp, "2026-01-01T10:00:00");
  assert.deepEqual([suite.tests, suite.failures, suite.skipped], ["3", "1", "1"]);
  assert.deepEqual(suite.testcase.map((t: { name: string }) => t.name), [
    "a/pass",
    "b/fail",
    "c/skip",
  ]);
  const [pass, fail, skip] = suite.testcase;
  assert.equal(pass.time, "1.234");
  assert.equal(pass.file, "fixtures/a/pass.smoke.ts");
  assert.equal(pass["system-out"], "hello\n");
  assert.equal(pass.failure, undefined);
  assert.equal(fail.failure.type, "exit-code");
  assert.equal(fail.failure.message, "Exited with code 3, expected 0");
  assert.equal(fail.failure["#text"], "stderr (last lines):\nbad thing\n");
  assert.equal(fail["system-err"], "bad thing\n");
  assert.equal(skip.skipped.message, "not today");
  const props = Object.fromEntries(
    suite.properties.property.map((p: { name: string; value: string }) => [p.name, p.value]),
  );
  assert.equal(props["smoke.writtenAt"], "2026-01-01T10:00:03.000Z");
  assert.equal(props["smoke.result"], "fail");
});

Deno.test("renderJUnit() escapes hostile output into well-formed XML", () => {
  const hostile = `\x1b[31m\x00<&>"]]>\x07 caf\u00e9 \u20ac \u{1F600}\uFFFF\uD800`;
  const ends = [end({
    ...base,
    id: "x",
    status: "failed",
    failure: { kind: "expectation", message: `stdout lacks "<&>" ]]>` },
    stdoutTail: hostile,
    stderrTail: hostile,
  })];
  const xml = renderJUnit(run(ends), { now: new Date(0) });
  // deno-lint-ignore no-control-regex
  assert.doesNotMatch(xml, /[\x00-\x08\x0B\x0C\x0E-\x1F\uFFFE\uFFFF]/);
  assert.ok(!xml.includes("]]>"));
  const testcase = parse(xml).testsuites.testsuite.testcase[0];
  const expected = `<&>"]]> caf\u00e9 \u20ac \u{1F600}`;
  assert.equal(testcase["system-out"], expected);
  assert.equal(
    testcase.failure["#text"],
    `stdout (last lines):\n${expected}\nstderr (last lines):\n${expected}\n`,
  );
  assert.equal(testcase.failure.message, `stdout lacks "<&>" ]]>`);
  assert.equal(testcase.failure.type, "expectation");
});

Deno.test("renderJUnit() keeps newlines, tabs and carriage returns in attributes", () => {
  const message = "line 1\nline 2\tcol\r";
  const ends = [end({
    ...base,
    id: "x",
    status: "failed",
    failure: { kind: "expectation", message },
  })];
  const testcase = parse(renderJUnit(run(ends), { now: new Date(0) })).testsuites.testsuite
    .testcase[0];
  assert.equal(testcase.failure.message, message);
  assert.equal(testcase.failure["#text"], message);
});

Deno.test("renderJUnit() writes earlier attempts of a flaky fixture as flakyFailure", () => {
  const attempt: FailedAttempt = {
    attempt: 1,
    failure: { kind: "exit-code", message: "Exited with code 1, expected 0" },
    stderrTail: "first try <failed>\n",
    stdoutTail: "out 1\n",
    durationMs: 20,
  };
  const flaky = end({ ...base, id: "f", status: "passed", attempts: 2, flaky: true }, [attempt]);
  const failed = end({
    ...base,
    id: "g",
    status: "failed",
    attempts: 2,
    failure: { kind: "timeout", message: "Timed out" },
  }, [{ ...attempt, failure: { kind: "timeout", message: "Timed out" } }]);
  const cases = parse(renderJUnit(run([flaky, failed]), { now: new Date(0) })).testsuites
    .testsuite.testcase;
  assert.equal(cases.length, 2);
  const [f, g] = cases;
  assert.equal(f.failure, undefined);
  assert.equal(f.flakyFailure.length, 1);
  assert.equal(f.flakyFailure[0].type, "exit-code");
  assert.equal(f.flakyFailure[0].message, "Exited with code 1, expected 0");
  assert.equal(f.flakyFailure[0].stackTrace, "Attempt 1: Exited with code 1, expected 0");
  assert.equal(f.flakyFailure[0]["system-err"], "first try <failed>\n");
  assert.equal(f.flakyFailure[0]["system-out"], "out 1\n");
  assert.equal(g.flakyFailure, undefined);
  assert.equal(g.rerunFailure.length, 1);
  assert.equal(g.failure.type, "timeout");
});

Deno.test("renderJUnit() marks an interrupted run and its unfinished fixtures", () => {
  const ends = [end({
    ...base,
    id: "late",
    status: "failed",
    attempts: 0,
    durationMs: 0,
    failure: { kind: "interrupted", message: "Interrupted before it started" },
  })];
  const suite = parse(renderJUnit(run(ends, { interrupted: true }), { now: new Date(0) }))
    .testsuites.testsuite;
  assert.equal(suite.testcase[0].failure.type, "interrupted");
  assert.ok(
    suite.properties.property.some((p: { name: string; value: string }) =>
      p.name === "smoke.interrupted" && p.value === "true"
    ),
  );
});

Deno.test("renderJUnit() writes the services as their own testsuite after the fixtures", () => {
  const services = [
    ...serviceRecords(),
    {
      name: "cache",
      status: "not-started" as const,
      check: "x",
      reason: "not started: --no-services",
    },
    {
      name: "mail",
      status: "interrupted" as const,
      check: "y",
      reason: "interrupted while waiting for it to be ready",
    },
  ];
  const notRun = end({
    ...base,
    id: "a",
    status: "failed",
    attempts: 0,
    exitCode: null,
    failure: { kind: "not-run", message: 'Not run: service "queue" was not ready' },
  });
  const xml = renderJUnit(run([notRun], { services }), { now: new Date(0) });
  const root = parse(xml).testsuites;
  assert.ok(Array.isArray(root.testsuite), `two testsuites:\n${xml}`);
  const [fixtures, suite] = root.testsuite;
  assert.equal(fixtures.name, "smoke");
  assert.deepEqual([fixtures.tests, fixtures.failures, fixtures.skipped], ["1", "0", "1"]);
  assert.equal(suite.name, "services");
  assert.deepEqual(
    [suite.tests, suite.failures, suite.errors, suite.skipped],
    ["6", "2", "0", "2"],
  );
  assert.deepEqual([root.tests, root.failures, root.skipped], ["7", "2", "3"]);
  const byName = Object.fromEntries(
    suite.testcase.map((t: { name: string }) => [t.name, t]),
  );
  assert.deepEqual(Object.keys(byName), ["api", "db", "queue", "worker", "cache", "mail"]);
  for (const t of suite.testcase) assert.equal(t.classname, "services");
  const props = (t: { properties: { property: { name: string; value: string }[] } }) =>
    Object.fromEntries(t.properties.property.map((p) => [p.name, p.value]));
  assert.equal(byName.api.time, "1.234");
  assert.deepEqual(props(byName.api), {
    "smoke.service.status": "ready",
    "smoke.service.check": "GET http://127.0.0.1:8080/health answers 2xx or 3xx",
  });
  assert.equal(byName.api.failure, undefined);
  assert.equal(byName.api.skipped, undefined);
  assert.equal(props(byName.db)["smoke.service.status"], "reused");
  assert.equal(byName.db.failure, undefined);
  // Not ready: a failure with the reason, the output tails as its text, escaped as fixture output.
  const queue = byName.queue;
  assert.equal(queue.failure.type, "SERVICE_NOT_READY");
  assert.match(queue.failure.message, /^not ready within 500ms: /);
  assert.match(queue.failure["#text"], /stderr \(last lines\):\nError: bad QUEUE_URL <none>/);
  assert.match(queue.failure["#text"], /<script>alert\(1\)<\/script> ]]> & "q"/);
  assert.equal(queue["system-out"], "booting queue\n" + stripInvalidXmlChars(HOSTILE_TAIL));
  assert.doesNotMatch(xml, /<script>/);
  assert.equal(props(queue)["smoke.service.status"], "not-ready");
  const worker = byName.worker;
  assert.equal(worker.failure.type, "SERVICE_EXITED");
  assert.equal(worker.failure.message, "exited with code 7 during the run");
  assert.match(worker.failure["#text"], /worker crashed: out of memory/);
  assert.equal(props(worker)["smoke.service.exitCode"], "7");
  assert.equal(byName.cache.skipped.message, "not started: --no-services");
  assert.equal(byName.mail.skipped.message, "interrupted while waiting for it to be ready");
});

Deno.test("renderJUnit() writes one testsuite when the run has no services", () => {
  const xml = renderJUnit(run([end({ ...base, id: "a", status: "passed" })]), { now: new Date(0) });
  assert.equal(xml.match(/<testsuite /g)?.length, 1);
  assert.doesNotMatch(xml, /name="services"/);
});

Deno.test("createJUnitReporter() writes atomically and names the path when it cannot", async () => {
  const cwd = await Deno.makeTempDir();
  try {
    const runEnd = { ...run([end({ ...base, id: "a", status: "passed" })]), artifactPath: "x" };
    const reporter = createJUnitReporter({ path: "out/deep/j.xml", cwd, now: () => new Date(0) });
    await reporter.onEnd!(runEnd);
    assert.equal(parse(await Deno.readTextFile(`${cwd}/out/deep/j.xml`)).testsuites.tests, "1");
    assert.deepEqual([...Deno.readDirSync(`${cwd}/out/deep`)].map((e) => e.name), ["j.xml"]);

    await Deno.writeTextFile(`${cwd}/file`, "");
    const blocked = createJUnitReporter({ path: "file/j.xml", cwd, now: () => new Date(0) });
    await assert.rejects(
      async () => await blocked.onEnd!(runEnd),
      /Cannot write JUnit XML to "file\/j.xml"/,
    );
  } finally {
    await Deno.remove(cwd, { recursive: true });
  }
});
