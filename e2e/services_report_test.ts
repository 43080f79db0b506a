/**
 * A service that never gets ready, as the run's other outputs show it
 * (issue 14, item 5): the JUnit file's services testsuite, the HTML report,
 * GitHub mode's annotation and its step summary's Services table.
 */
import assert from "node:assert/strict";
import { join } from "node:path";
import { closedPort, runSmoke, tempProject } from "./_project.ts";

Deno.test("services report: one never ready is in the JUnit file, the report, the annotations and the step summary", async () => {
  const port = closedPort();
  await using p = await tempProject({
    "smoke.jsonc": JSON.stringify({
      services: [{
        name: "api",
        command: ["sh", "-c", "echo boot; sleep 30"],
        ready: { port, timeoutMs: 500 },
      }],
    }),
    "fixtures/a.smoke.jsonc": JSON.stringify({ command: ["true"] }),
    "fixtures/b.smoke.jsonc": JSON.stringify({ command: ["true"] }),
  });
  const summaryFile = join(p.dir, "step-summary.md");
  const run = await runSmoke(p.dir, ["--junit", "out/junit.xml", "--report"], {
    env: { GITHUB_ACTIONS: "true", GITHUB_STEP_SUMMARY: summaryFile, GITHUB_WORKSPACE: p.dir },
  });
  assert.equal(run.code, 1, run.stdout + run.stderr);
  assert.equal(run.resultLine, "RESULT: fail");

  const junit = await p.read("out/junit.xml");
  const suite = /<testsuite name="services"[^>]*>[^]*?<\/testsuite>/.exec(junit)?.[0];
  assert.ok(suite, `a services testsuite:\n${junit}`);
  assert.match(suite, /tests="1" failures="1" errors="0" skipped="0"/);
  assert.match(suite, /<testcase classname="services" name="api" time="0\.000">/);
  assert.match(suite, /<failure message="not ready within 500ms: [^"]*" type="SERVICE_NOT_READY">/);
  assert.match(suite, /stdout \(last lines\):\nboot\n/);
  assert.match(junit, /<testsuite name="smoke" tests="2" failures="0" errors="0" skipped="2"/);

  const report = await p.read(".planning/artifacts/smoke/report.html");
  const services = /<section id="services">[^]*?<\/section>/.exec(report)?.[0];
  assert.ok(services, "a Services section");
  assert.match(services, /<td>api<\/td>/);
  assert.match(services, /not-ready/);
  assert.match(services, /<pre>boot\n<\/pre>/);

  const annotations = run.stdout.split("\n").filter((line) => line.startsWith("::error"));
  assert.match(
    annotations[0] ?? "",
    /^::error title=Service api not ready::SERVICE_NOT_READY: Service "api" was not ready: not ready within 500ms: /,
    run.stdout,
  );

  const summary = await Deno.readTextFile(summaryFile);
  assert.match(summary, /^### Services$/m);
  assert.match(summary, /^\| Service \| Status \| Ready in \| Detail \|$/m);
  assert.match(
    summary,
    /^\| `api` \| ✗ \*\*not-ready\*\* \| {2}\| not ready within 500ms: .*<br>/m,
  );
});

Deno.test("services report: a merge of shards, one whose service was not ready, says why its fixtures did not run", async () => {
  await using p = await tempProject({
    "smoke.jsonc": JSON.stringify({
      services: [{
        name: "api",
        command: ["sh", "-c", 'test "$SHARD" = 1 || echo up; sleep 30'],
        ready: { stdoutIncludes: "up", timeoutMs: 800 },
      }],
    }),
    "fixtures/f1.smoke.jsonc": '{ "command": ["true"] }',
    "fixtures/f2.smoke.jsonc": '{ "command": ["true"] }',
    "fixtures/f3.smoke.jsonc": '{ "command": ["true"] }',
    "fixtures/f4.smoke.jsonc": '{ "command": ["true"] }',
  });
  for (const shard of ["1", "2"]) {
    await runSmoke(p.dir, ["--shard", `${shard}/2`, "--artifact-dir", `s${shard}`], {
      env: { SHARD: shard },
    });
  }
  const merged = await runSmoke(p.dir, [
    "merge",
    join(p.dir, "s1/latest.json"),
    join(p.dir, "s2/latest.json"),
    "--out",
    "merged.json",
  ]);
  assert.equal(merged.code, 1, merged.stderr);
  assert.match(merged.stdout, /Not run: 2 fixtures \(f2, f3; service "api" was not ready\)/);
  assert.doesNotMatch(merged.stdout, /failure limit/);
});
