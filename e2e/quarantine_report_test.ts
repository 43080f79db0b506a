/**
 * Quarantined failures in the machine-read outputs (issue 16, item 1): with
 * `--junit` and in GitHub Actions mode, a failing quarantined fixture leaves
 * the run green: JUnit `<skipped>` with its quarantine as properties, a
 * `::warning` (never an `::error`), and a step summary section of its own.
 */
import assert from "node:assert/strict";
import { join } from "node:path";
// Test-only: locked in deno.test.lock, so that running smoke never fetches it.
// deno-lint-ignore no-import-prefix
import { XMLParser, XMLValidator } from "npm:fast-xml-parser@5.12.1";
import { runSmoke, tempProject } from "./_project.ts";

const parser = new XMLParser({
  ignoreAttributes: false,
  attributeNamePrefix: "",
  parseAttributeValue: false,
  parseTagValue: false,
  trimValues: false,
  isArray: (name) => ["testcase", "property"].includes(name),
});

type Props = { property: { name: string; value: string }[] };
const propsOf = (node: { properties?: Props }) =>
  Object.fromEntries((node.properties?.property ?? []).map((p) => [p.name, p.value]));

Deno.test("quarantine: a failing quarantined fixture is JUnit skipped, a GitHub warning and a summary section; exit 0", async () => {
  await using p = await tempProject({
    "fixtures/ok.smoke.jsonc": JSON.stringify({ command: ["true"] }),
    "fixtures/flaky/login.smoke.jsonc": JSON.stringify({
      command: ["sh", "-c", "echo 'session store raced' >&2; exit 1"],
    }),
    "smoke.jsonc": JSON.stringify({
      quarantine: [{ id: "flaky/login", reason: "r", owner: "@alice", until: "2999-12-31" }],
    }),
  });
  const summaryFile = join(p.dir, "step-summary.md");
  const run = await runSmoke(p.dir, ["--junit", "out/junit.xml"], {
    env: { GITHUB_ACTIONS: "true", GITHUB_STEP_SUMMARY: summaryFile, GITHUB_WORKSPACE: p.dir },
  });
  assert.equal(run.code, 0, run.stdout + run.stderr);
  assert.equal(run.resultLine, "RESULT: pass");

  // JUnit: skipped with the quarantine, never a failure; the output tails kept.
  const xml = await Deno.readTextFile(join(p.dir, "out/junit.xml"));
  assert.equal(XMLValidator.validate(xml), true, xml);
  const doc = parser.parse(xml);
  const suite = doc.testsuites.testsuite;
  assert.equal(doc.testsuites.failures, "0", xml);
  assert.equal(suite.failures, "0", xml);
  assert.equal(suite.skipped, "1", xml);
  assert.equal(propsOf(suite)["smoke.quarantined"], "1");
  assert.equal(propsOf(suite)["smoke.result"], "pass");
  const login = suite.testcase.find((c: { name: string }) => c.name === "flaky/login");
  assert.equal(login.failure, undefined, xml);
  assert.equal(login.skipped.message, "quarantined until 2999-12-31 (@alice): r");
  assert.deepEqual(
    [
      propsOf(login)["smoke.quarantine.owner"],
      propsOf(login)["smoke.quarantine.until"],
      propsOf(login)["smoke.quarantine.reason"],
    ],
    ["@alice", "2999-12-31", "r"],
  );
  assert.match(login["system-err"], /session store raced/);

  // GitHub: a warning titled for the quarantine, no error annotation at all.
  assert.doesNotMatch(run.stdout, /^::error/m, run.stdout);
  assert.match(
    run.stdout,
    /^::warning file=fixtures\/flaky\/login\.smoke\.jsonc,title=quarantined%3A flaky\/login::Quarantined until 2999-12-31, owner @alice \(r\): exit-code: Exited with code 1, expected 0/m,
  );

  // Step summary: a section of its own, no failure row, the count said apart.
  const summary = await Deno.readTextFile(summaryFile);
  assert.match(summary, /^## smoke: pass$/m);
  assert.match(summary, /\*\*1 passed, 0 failed, 1 quarantined failure, 0 skipped, 0 flaky\*\*/);
  assert.match(summary, /^### Quarantined failures \(do not fail the run\)$/m);
  assert.match(
    summary,
    /^\| `flaky\/login` \| @alice \| 2999-12-31 \| r \| exit-code: Exited with code 1, expected 0/m,
  );
  assert.doesNotMatch(summary, /\| Fixture \| Kind \| Message \|/);
});
