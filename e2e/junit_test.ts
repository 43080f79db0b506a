/**
 * End-to-end tests of `--junit PATH`: real fixtures, smoke as a subprocess,
 * the written file read back with an XML parser.
 */
import assert from "node:assert/strict";
// Test-only: locked in deno.test.lock, so that running smoke never fetches it.
// deno-lint-ignore no-import-prefix
import { XMLParser, XMLValidator } from "npm:fast-xml-parser@5.12.1";
import { runSmoke, spawnSmoke, tempProject } from "./_project.ts";

const sh = (script: string, extra: Record<string, unknown> = {}) =>
  JSON.stringify({ command: ["sh", "-c", script], ...extra });

const parser = new XMLParser({
  ignoreAttributes: false,
  attributeNamePrefix: "",
  parseAttributeValue: false,
  parseTagValue: false,
  trimValues: false,
  htmlEntities: true,
  isArray: (name) => ["testcase", "flakyFailure", "rerunFailure", "property"].includes(name),
});

interface Case {
  name: string;
  classname: string;
  file?: string;
  time: string;
  // deno-lint-ignore no-explicit-any
  [child: string]: any;
}

/** Checks the document is well formed and holds only XML 1.0 characters, then parses it. */
function parseJUnit(xml: string) {
  assert.equal(XMLValidator.validate(xml), true, xml);
  // deno-lint-ignore no-control-regex
  const bad = /[\x00-\x08\x0B\x0C\x0E-\x1F\uFFFE\uFFFF]|[\uD800-\uDBFF](?![\uDC00-\uDFFF])/.exec(
    xml,
  );
  assert.equal(bad, null, `a character XML 1.0 forbids: ${JSON.stringify(bad?.[0])}`);
  const doc = parser.parse(xml);
  const suite = doc.testsuites.testsuite;
  const cases: Case[] = suite.testcase;
  return { root: doc.testsuites, suite, cases, byName: new Map(cases.map((c) => [c.name, c])) };
}

Deno.test("--junit writes one testcase per fixture with counts, failure types and escaping", async () => {
  await using p = await tempProject({
    "fixtures/api/ok.smoke.jsonc": sh("echo fine"),
    "fixtures/api/broken.smoke.jsonc": sh("echo 'db down' >&2; exit 3"),
    "fixtures/slow.smoke.jsonc": sh("sleep 30", { timeoutMs: 300 }),
    "fixtures/expects.smoke.jsonc": sh("echo nope", { expect: { stdoutIncludes: ["ready"] } }),
    "fixtures/later.smoke.jsonc": sh("true", { skip: "waiting <for> the API & more" }),
    // ESC sequences, a lone ESC, NUL, SOH, VT, markup, a CDATA end, é (2 bytes), € (3 bytes).
    "fixtures/hostile.smoke.jsonc": sh(
      `printf '\\033[31m\\033 \\000\\001\\013<&>"]]>caf\\303\\251 \\342\\202\\254\\n' >&2; exit 1`,
    ),
  });
  const run = await runSmoke(p.dir, ["--junit", "reports/deep/junit.xml"]);
  assert.equal(run.code, 1, run.stdout + run.stderr);
  assert.equal(run.resultLine, "RESULT: fail");
  const artifact = await p.latest();

  const { root, suite, cases, byName } = parseJUnit(await p.read("reports/deep/junit.xml"));
  assert.deepEqual(
    [root.tests, root.failures, root.errors, root.skipped],
    ["6", "4", "0", "1"],
  );
  assert.deepEqual([suite.tests, suite.failures, suite.skipped], ["6", "4", "1"]);
  assert.match(suite.timestamp, /^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d$/);
  assert.equal(
    suite.timestamp,
    String(artifact.startedAt).replace(/\.\d+Z$/, ""),
    "the suite starts when the run did",
  );
  assert.deepEqual(
    cases.map((c) => c.name),
    (artifact.fixtures as { id: string }[]).map((f) => f.id),
    "one testcase per fixture, in artifact order",
  );
  for (const c of cases) {
    assert.equal(c.classname, "smoke");
    assert.match(c.time, /^\d+\.\d{3}$/);
  }
  assert.equal(byName.get("api/ok")!.file, "fixtures/api/ok.smoke.jsonc");
  assert.equal(byName.get("api/ok")!["system-out"], "fine\n");
  assert.equal(byName.get("api/ok")!.failure, undefined);

  const broken = byName.get("api/broken")!.failure;
  assert.equal(broken.type, "exit-code");
  assert.equal(broken.message, "Exited with code 3, expected 0");
  assert.equal(broken["#text"], "stderr (last lines):\ndb down\n");
  assert.equal(byName.get("slow")!.failure.type, "timeout");
  assert.equal(byName.get("expects")!.failure.type, "expectation");
  assert.equal(byName.get("later")!.skipped.message, "waiting <for> the API & more");

  const raw = (artifact.fixtures as { id: string; stderrTail?: string }[])
    .find((f) => f.id === "hostile")?.stderrTail ?? "";
  assert.ok(raw.includes("\x00") && raw.includes("\x1b"), "the hostile bytes reach the report");
  const hostile = byName.get("hostile")!;
  assert.equal(hostile["system-err"], ` <&>"]]>caf\u00e9 \u20ac\n`);
  assert.equal(hostile.failure["#text"], `stderr (last lines):\n <&>"]]>caf\u00e9 \u20ac\n`);
});

Deno.test("--junit writes earlier failed attempts of a flaky fixture as flakyFailure", async () => {
  await using p = await tempProject({
    "fixtures/flaky.smoke.jsonc": sh(
      "n=$(cat count 2>/dev/null || echo 0); echo $((n+1)) > count; " +
        'if [ "$n" -lt 1 ]; then echo "attempt $n failed" >&2; exit 4; fi; echo ok',
    ),
    "fixtures/steady.smoke.jsonc": sh("true"),
  });
  const run = await runSmoke(p.dir, ["--retries", "1", "--junit", "junit.xml"]);
  assert.equal(run.code, 0, run.stdout + run.stderr);
  const { root, cases, byName } = parseJUnit(await p.read("junit.xml"));
  assert.equal(root.tests, "2");
  assert.equal(root.failures, "0");
  assert.equal(cases.filter((c) => c.name === "flaky").length, 1, "a retry is no second testcase");
  const flaky = byName.get("flaky")!;
  assert.equal(flaky.failure, undefined);
  assert.equal(flaky.flakyFailure.length, 1);
  const [attempt] = flaky.flakyFailure;
  assert.equal(attempt.type, "exit-code");
  assert.equal(attempt.message, "Exited with code 4, expected 0");
  assert.equal(attempt["system-err"], "attempt 0 failed\n");
  assert.match(attempt.stackTrace, /^Attempt 1: Exited with code 4/);
  assert.equal(flaky["system-out"], "ok\n");
  assert.equal(byName.get("steady")!.flakyFailure, undefined);
});

Deno.test("--junit is written for an interrupted run, unfinished fixtures failed as interrupted", async () => {
  await using p = await tempProject({
    "fixtures/long.smoke.jsonc": sh("echo started > started; sleep 300"),
    "fixtures/queued.smoke.jsonc": sh("true"),
  });
  const child = spawnSmoke(p.dir, ["--concurrency", "1", "--junit", "out/junit.xml"]);
  const deadline = Date.now() + 15_000;
  while (!(await p.exists("started"))) {
    assert.ok(Date.now() < deadline, "the long fixture never started");
    await new Promise((r) => setTimeout(r, 25));
  }
  child.kill("SIGINT");
  const out = await child.output();
  assert.equal(out.code, 130, new TextDecoder().decode(out.stderr));
  const { root, suite, byName } = parseJUnit(await p.read("out/junit.xml"));
  assert.equal(root.tests, "2");
  assert.equal(root.failures, "2");
  for (const id of ["long", "queued"]) {
    assert.equal(byName.get(id)!.failure.type, "interrupted", id);
  }
  const props = new Map(
    suite.properties.property.map((q: { name: string; value: string }) => [q.name, q.value]),
  );
  assert.equal(props.get("smoke.interrupted"), "true");
});

Deno.test("without --junit no JUnit file is written", async () => {
  await using p = await tempProject({ "fixtures/ok.smoke.jsonc": sh("true") });
  const run = await runSmoke(p.dir, []);
  assert.equal(run.code, 0, run.stdout + run.stderr);
  const names = [];
  for await (const entry of Deno.readDir(p.dir)) names.push(entry.name);
  assert.deepEqual(names.filter((n) => n.endsWith(".xml")), []);
});

Deno.test("--junit to a path that cannot be written fails the run, which still goes on", async () => {
  await using p = await tempProject({
    // The obstacle appears during the run: one that is there before it is refused up front.
    "fixtures/ok.smoke.jsonc": JSON.stringify({
      command: ["sh", "-c", "echo 'not a directory' > afile"],
    }),
  });
  const run = await runSmoke(p.dir, ["--junit", "afile/junit.xml"]);
  assert.equal(run.code, 1, run.stdout + run.stderr);
  assert.equal(run.resultLine, "RESULT: fail");
  assert.match(run.stderr, /^error: The junit reporter failed and was turned off: /m);
  assert.match(run.stdout, /^PASS {2}ok /m);
  assert.equal((await p.latest()).result, "pass", "the artifact records the fixtures' verdict");
});
