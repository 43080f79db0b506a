import assert from "node:assert/strict";
import { UserError } from "../base/errors.ts";
import { parseConfig, resolveOptions } from "./config.ts";
import { parseFlags } from "../cli/flags.ts";

Deno.test("parseConfig() accepts every key with comments and trailing commas", () => {
  const config = parseConfig(
    `{
      // all of them
      "fixturesDir": "checks", "artifactDir": "out", "concurrency": 4, "timeoutMs": 1000,
      "retries": 1, "permissions": ["--allow-net"], "env": { "A": "b" }, "historyLimit": 5,
      "report": true,
    }`,
    "smoke.jsonc",
  );
  assert.equal(config.concurrency, 4);
  assert.deepEqual(config.env, { A: "b" });
});

Deno.test("parseConfig() names the file, line, column and key path of a problem", () => {
  assert.throws(
    () => parseConfig('{\n  "concurrency": "4"\n}', "smoke.jsonc"),
    /Invalid config "smoke\.jsonc":\n {2}line 2, column 18: concurrency: .*expected number/,
  );
  assert.throws(
    () => parseConfig('{ "env": { "A": 1 } }', "cfg.jsonc"),
    /line 1, column 17: env\.A: /,
  );
  assert.throws(
    () => parseConfig('{ "permissions": ["read"] }', "c.jsonc"),
    /permissions\[0\]: expected a Deno permission flag/,
  );
  assert.throws(
    () => parseConfig("{ 'a': 1 }", "c.jsonc"),
    /Cannot parse config "c\.jsonc": .* at line 1, column 3/,
  );
  assert.throws(() => parseConfig("", "c.jsonc"), /the file is empty/);
});

Deno.test("parseConfig(): the allowed keys are the hint only of an unknown key; a config with one also gets its cross-key checks", () => {
  const hints = (text: string) => {
    try {
      parseConfig(text, "c.jsonc");
    } catch (error) {
      if (error instanceof UserError) return { message: error.message, hints: error.hints };
      throw error;
    }
    throw new Error("no error");
  };
  // A wrong value: the list of keys does not help.
  const value = hints('{ "retries": -1 }');
  assert.doesNotMatch(value.hints.join("\n"), /Allowed config keys/);
  assert.match(value.hints.join("\n"), /README/);
  const unknown = hints('{ "retrys": 1 }');
  assert.match(unknown.hints.join("\n"), /^Allowed config keys: /);
  // An unknown key does not hide the checks between keys (two services of one name).
  const both = hints(
    '{ "colour": 1, "services": [' +
      '{ "name": "a", "command": ["x"], "ready": { "port": 1 } }, ' +
      '{ "name": "a", "command": ["y"], "ready": { "port": 2 } }] }',
  );
  assert.match(both.message, /colour: unknown key/);
  assert.match(both.message, /services\[1\]\.name/);
});

Deno.test("parseConfig() lists a quarantine until that is no calendar day with the file's other problems", () => {
  const text = `{
  "quarantine": [
    { "id": "a", "reason": "r", "owner": "@o", "until": "2026-02-30" },
    { "id": "b", "reason": "r", "until": "2026-04-31" },
    { "id": "c", "reason": "r", "owner": "@o", "until": "soon" }
  ],
  "retries": -1
}`;
  let message = "";
  assert.throws(() => parseConfig(text, "smoke.jsonc"), (error: unknown) => {
    message = (error as UserError).message;
    return error instanceof UserError;
  });
  const lines = message.split("\n").slice(1).map((line) =>
    line.replace(/^ +line \d+, column \d+: /, "")
  );
  assert.deepEqual(lines, [
    'quarantine[0].until: "2026-02-30" is not a day of the calendar',
    'quarantine[1]: missing "owner"',
    'quarantine[1].until: "2026-04-31" is not a day of the calendar',
    'quarantine[2].until: expected a date such as "2026-12-31" (YYYY-MM-DD)',
    "retries: expected >= 0, received -1",
  ]);
});

Deno.test("resolveOptions() lets flags win over config over defaults", () => {
  const options = resolveOptions(
    parseFlags(["--concurrency", "1", "--artifact-dir", "flag-out"]),
    { concurrency: 8, artifactDir: "cfg-out", fixturesDir: "cfg-fx", report: true },
    2,
  );
  assert.equal(options.concurrency, 1);
  assert.equal(options.artifactDir, "flag-out");
  assert.equal(options.fixturesDir, "cfg-fx");
  assert.equal(options.timeoutMs, 60_000);
  assert.equal(options.historyLimit, 100);
  assert.equal(options.report, true);
  assert.equal(resolveOptions(parseFlags([]), {}, 3).concurrency, 3);
});
