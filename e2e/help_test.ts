/**
 * End-to-end tests of `--help` with a config file, and of the values usage hints suggest.
 */
import assert from "node:assert/strict";
import { runSmoke, tempProject } from "./_project.ts";

/** The `--help` line of a flag. */
function helpLine(help: string, flag: string): string {
  return help.split("\n").find((line) => line.startsWith(`  ${flag} `)) ?? `(no ${flag} line)`;
}

Deno.test("--help shows the directories smoke.jsonc sets, and where they come from", async () => {
  await using p = await tempProject({
    "smoke.jsonc": '{ "fixturesDir": "tests/smoke", "artifactDir": "out/smoke" }',
  });
  const help = await runSmoke(p.dir, ["--help"]);
  assert.equal(help.code, 0, help.stderr);
  assert.match(
    helpLine(help.stdout, "--fixtures-dir DIR"),
    / {2}fixtures directory \(here: tests\/smoke, from smoke\.jsonc; default fixtures\/\)$/,
  );
  assert.match(
    helpLine(help.stdout, "--artifact-dir DIR"),
    / {2}artifact directory \(here: out\/smoke, from smoke\.jsonc; default \.planning\/artifacts\/smoke\/\)$/,
  );
  assert.match(help.stdout, /run every fixture under tests\/smoke\//);
  assert.doesNotMatch(help.stdout, /could not be read/);

  // A flag wins over the config, in --help as in a run; --config names another file.
  await p.write("ci.jsonc", '{ "artifactDir": "ci-out" }');
  const flagged = await runSmoke(p.dir, ["--help", "--config", "ci.jsonc", "--fixtures-dir", "fx"]);
  assert.match(helpLine(flagged.stdout, "--fixtures-dir DIR"), /\(here: fx, from --fixtures-dir; /);
  assert.match(helpLine(flagged.stdout, "--artifact-dir DIR"), /\(here: ci-out, from ci\.jsonc; /);

  // Without a config: the defaults, no "here".
  await Deno.remove(`${p.dir}/smoke.jsonc`);
  const plain = await runSmoke(p.dir, ["--help"]);
  assert.match(
    helpLine(plain.stdout, "--fixtures-dir DIR"),
    / {2}fixtures directory \(default fixtures\/\)$/,
  );
  assert.doesNotMatch(plain.stdout, /here:/);
});

Deno.test("--help still works with a broken config: the defaults, and one line saying so", async () => {
  await using p = await tempProject({ "smoke.jsonc": '{ "fixturesDir": 1, "nope": true' });
  const help = await runSmoke(p.dir, ["--help"]);
  assert.equal(help.code, 0, help.stderr);
  assert.equal(help.stderr, "");
  assert.match(helpLine(help.stdout, "--fixtures-dir DIR"), /\(default fixtures\/\)$/);
  const notes = help.stdout.split("\n").filter((line) => line.includes("could not be read"));
  assert.deepEqual(notes, [
    'Config "smoke.jsonc" could not be read, so the defaults are shown; run without --help for why.',
  ]);
  const missing = await runSmoke(p.dir, ["--help", "--config", "gone.jsonc"]);
  assert.equal(missing.code, 0);
  assert.match(missing.stdout, /^Config "gone\.jsonc" could not be read/m);
});

Deno.test("a bad integer value gets a hint with a sensible value, never the lowest valid one", async () => {
  await using p = await tempProject({ "fixtures/a.smoke.ts": "" });
  const cases: Array<[string[], string]> = [
    [["--timeout", "0"], "--timeout 30000"],
    [["--concurrency", "0"], "--concurrency 4"],
    [["--retries", "-1"], "--retries 2"],
    [["--rerun-failed", "--rerun-max-failures", "x"], "--rerun-max-failures 20"],
    [["report", "--last", "0"], "--last 10"],
  ];
  for (const [args, suggested] of cases) {
    const run = await runSmoke(p.dir, args);
    assert.equal(run.code, 2, run.stderr);
    assert.ok(run.stderr.includes(`hint: Pass a number, e.g. "${suggested}".`), run.stderr);
  }
});
