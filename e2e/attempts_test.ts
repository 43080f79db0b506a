/**
 * End-to-end: a fixture that took more than one attempt says so, on its line
 * and in its failure block.
 */
import assert from "node:assert/strict";
import { runSmoke, tempProject } from "./_project.ts";

const command = (script: string, retries: number) =>
  JSON.stringify({ command: ["sh", "-c", script], retries });

Deno.test("attempts: 'after 3 attempts' on the line and the failure block; a pass on the second attempt says so", async () => {
  await using p = await tempProject({
    "fixtures/always.smoke.jsonc": command("echo broken >&2; exit 1", 2),
    "fixtures/once.smoke.jsonc": command("exit 1", 0),
    "fixtures/wobbly.smoke.jsonc": command(
      'n=$(cat count 2>/dev/null || echo 0); echo $((n+1)) > count; [ "$n" -ge 1 ]',
      2,
    ),
  });
  const run = await runSmoke(p.dir, ["--concurrency", "1"]);
  assert.equal(run.code, 1, run.stdout + run.stderr);
  const lines = run.stdout.split("\n");
  const line = (status: string, id: string) =>
    lines.find((l) => l.startsWith(`${status}  ${id}  `)) ?? run.stdout;
  assert.match(
    line("FAIL", "always"),
    /^FAIL {2}always {2}\S+ {2}after 3 attempts {2}exit-code: Exited with code 1, expected 0$/,
  );
  assert.match(
    line("PASS", "wobbly"),
    /^PASS {2}wobbly {2}\S+ {2}flaky: passed after 2 attempts$/,
  );
  assert.match(line("FAIL", "once"), /^FAIL {2}once {2}\S+ {2}exit-code: /);
  assert.doesNotMatch(line("FAIL", "once"), /attempt/, "one attempt: nothing to say");
  assert.match(run.stdout, /^ {2}\d\) always {2}\[exit-code\] {2}failed after 3 attempts$/m);
  assert.match(run.stdout, /^ {2}\d\) once {2}\[exit-code\]$/m);
  assert.doesNotMatch(run.stdout, /^ {2}\d\) wobbly/m, "a flaky pass has no failure block");
  const attempts = Object.fromEntries(
    (await p.latest()).fixtures.map((f) => [f.id as string, f.attempts as number]),
  );
  assert.deepEqual(attempts, { always: 3, once: 1, wobbly: 2 });
});
