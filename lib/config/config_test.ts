import assert from "node:assert/strict";
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
