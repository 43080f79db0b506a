/**
 * End to end: fixtures that each `fetch` a closed localhost port fail with one cause. With four
 * of them, the console's failures section, the GitHub step summary and the rerun guard lead
 * with one line naming the cause, its address and the count; with two, nothing is grouped.
 */
import assert from "node:assert/strict";
import { join } from "node:path";
import { closedPort, runSmoke, tempProject } from "./_project.ts";

const FETCHER = `await fetch(\`http://127.0.0.1:\${Deno.args[0]}/health\`);\n`;

/** A project of `n` fixtures, each fetching the closed port. */
function refusedProject(n: number, port: number) {
  const files: Record<string, string> = { "fetcher.ts": FETCHER };
  for (let i = 0; i < n; i++) {
    files[`fixtures/api/f${i}.smoke.jsonc`] = JSON.stringify({
      command: [Deno.execPath(), "run", "--no-config", "--allow-net", "fetcher.ts", String(port)],
      timeoutMs: 60_000,
    });
  }
  return tempProject(files);
}

/** The console's failures section. */
function failuresOf(stdout: string): string[] {
  return stdout.slice(stdout.indexOf("Failures:"), stdout.indexOf("Summary:")).split("\n");
}

Deno.test("4 fixtures refused on one port: the console, the step summary and the rerun guard name the cause once", async () => {
  const port = closedPort();
  await using p = await refusedProject(4, port);
  const env = { GITHUB_ACTIONS: "true", GITHUB_STEP_SUMMARY: join(p.dir, "step-summary.md") };
  const run = await runSmoke(p.dir, [], { env });
  assert.equal(run.code, 1, run.stdout + run.stderr);
  const cause = `connection refused on 127.0.0.1:${port}`;
  const ids = "api/f0, api/f1, api/f2, api/f3";

  const section = failuresOf(run.stdout);
  assert.equal(section[0], "Failures:", run.stdout);
  assert.equal(section[2], `4 failures share one cause: ${cause} (${ids})`, section.join("\n"));
  assert.match(section[4], /^ {2}1\) api\/f0 {2}\[exit-code\]/);
  // The first fixture shows its output; the other three point at it.
  assert.equal(section.filter((l) => l.includes("os error 111")).length, 1, section.join("\n"));
  assert.equal(
    section.filter((l) => l === `     (same cause as api/f0: ${cause})`).length,
    3,
    section.join("\n"),
  );

  const summary = await Deno.readTextFile(env.GITHUB_STEP_SUMMARY);
  const lines = summary.split("\n");
  const group = lines.indexOf(
    `**4 failures share one cause:** ${cause} (\`api/f0\`, \`api/f1\`, \`api/f2\`, \`api/f3\`)`,
  );
  assert.ok(group > 0, summary);
  assert.ok(group < lines.indexOf("| Fixture | Kind | Message |"), summary);

  const guard = await runSmoke(p.dir, ["--rerun-failed", "--rerun-max-failures", "2"]);
  assert.equal(guard.code, 2, guard.stdout + guard.stderr);
  assert.match(guard.stderr, /RERUN_LIMIT_EXCEEDED|Refusing to rerun/);
  assert.ok(
    guard.stderr.includes(`4 of them share one cause: ${cause}; fix that first.`),
    guard.stderr,
  );
});

Deno.test("2 fixtures refused on one port: no grouped line, each shows its output", async () => {
  const port = closedPort();
  await using p = await refusedProject(2, port);
  const env = { GITHUB_ACTIONS: "true", GITHUB_STEP_SUMMARY: join(p.dir, "step-summary.md") };
  const run = await runSmoke(p.dir, [], { env });
  assert.equal(run.code, 1, run.stdout + run.stderr);
  const section = failuresOf(run.stdout);
  assert.match(section[2], /^ {2}1\) api\/f0 {2}\[exit-code\]/, section.join("\n"));
  assert.ok(!section.some((l) => /share one cause|same cause as/.test(l)), section.join("\n"));
  assert.equal(section.filter((l) => l.includes("os error 111")).length, 2, section.join("\n"));
  const summary = await Deno.readTextFile(env.GITHUB_STEP_SUMMARY);
  assert.ok(!summary.includes("share one cause"), summary);
});
