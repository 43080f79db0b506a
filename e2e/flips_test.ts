/**
 * Flaky evidence and the report's suggestions (issue 16, items 3 and 4): a
 * rerun's recovery of an unchanged fixture says it is likely flaky, with the
 * flips the durations summary keeps; `smoke report` lists quarantine
 * candidates with their numbers, the quarantine entries with owner and days
 * left, and the time to green of the latest red.
 */
import assert from "node:assert/strict";
import { join } from "node:path";
import { escapeRegExp, runSmoke, tempProject } from "./_project.ts";

/** A command fixture that passes on even calls and fails on odd ones, counting in a file. */
function alternating(counter: string): string {
  return JSON.stringify({
    command: [
      "sh",
      "-c",
      `n=$(cat ${counter} 2>/dev/null || echo 0); echo $((n + 1)) > ${counter}; ` +
      `[ $((n % 2)) -eq 0 ] || { echo "odd call $n" >&2; exit 1; }`,
    ],
  });
}

function dayFromToday(days: number): string {
  return new Date(Date.now() + days * 864e5).toISOString().slice(0, 10);
}

Deno.test("flips: report suggests a flapping fixture, shows the quarantine and the time to green; a rerun's unchanged recovery is likely flaky", async () => {
  await using p = await tempProject({
    "fixtures/steady.smoke.jsonc": JSON.stringify({ command: ["true"] }),
    "fixtures/api/alt.smoke.jsonc": alternating(".alt-count"),
    "fixtures/flaky/login.smoke.jsonc": alternating(".login-count"),
    "smoke.jsonc": JSON.stringify({
      quarantine: [
        { id: "flaky/login", reason: "login races", owner: "@alice", until: dayFromToday(12) },
        { id: "steady", reason: "was slow", owner: "@bob", until: dayFromToday(-3) },
      ],
    }),
  });
  // Six full runs: api/alt passes, fails, passes, ... and the suite is red after the sixth.
  let sixth = "";
  for (let i = 0; i < 6; i++) {
    const run = await runSmoke(p.dir, []);
    assert.equal(run.code, i % 2 === 0 ? 0 : 1, `run ${i + 1}: ${run.stderr}${run.stdout}`);
    sixth = (await p.latest()).runId;
  }
  const red = await runSmoke(p.dir, ["report"]);
  assert.equal(red.code, 0, red.stderr);
  assert.match(
    red.stdout,
    /^Quarantine candidates \(2\+ flips, on 20%\+ of the chances to flip, in the last 6 runs\):\n {2}api\/alt flipped 5 times in 6 runs \(100%\)$/m,
  );
  // flaky/login flaps as much, but is quarantined already.
  assert.doesNotMatch(red.stdout, /flaky\/login flipped/);
  assert.match(red.stdout, /^ {2}flaky\/login: @alice, 12 days left \(login races\)$/m);
  assert.match(red.stdout, /^ {2}steady: @bob, expired 3 days ago \(was slow\)$/m);
  assert.match(
    red.stdout,
    new RegExp(`^Red since run ${escapeRegExp(sixth)} \\((?:just now|.+ ago), 1 run\\)$`, "m"),
  );
  assert.equal(red.resultLine, "RESULT: pass");

  // The durations summary keeps the outcomes, newest first.
  const summary = JSON.parse(await p.read(".planning/artifacts/smoke/durations.json"));
  assert.equal(summary.outcomes["api/alt"], "FPFPFP");

  // The rerun recovers both, unchanged since they failed: likely flaky, with the flips.
  const rerun = await runSmoke(p.dir, ["--rerun-failed"]);
  assert.equal(rerun.code, 0, rerun.stderr + rerun.stdout);
  assert.match(
    rerun.stdout,
    /^Recovered: 2 \(api\/alt passed unchanged: likely flaky, it flipped 6 times in its last 7 runs; flaky\/login passed unchanged: likely flaky, it flipped 6 times in its last 7 runs\)$/m,
  );
  const green = (await p.latest()).runId;

  const after = await runSmoke(p.dir, ["report"]);
  assert.equal(after.code, 0, after.stderr);
  assert.match(after.stdout, /^ {2}api\/alt flipped 6 times in 7 runs \(100%\)$/m);
  assert.match(
    after.stdout,
    new RegExp(
      `^Time to green of the latest red: \\d+s \\(run ${escapeRegExp(sixth)} failed \\.\\.\\. ` +
        `run ${escapeRegExp(green)} green, 2 runs\\)$`,
      "m",
    ),
  );
  const html = await Deno.readTextFile(join(p.artifactDir, "report.html"));
  assert.match(html, /<section id="suggestions">/);
  assert.match(html, /api\/alt flipped 6 times in 7 runs \(100%\)/);
  assert.match(html, /@alice, <span class="muted">12 days left<\/span>/);
});

Deno.test("flips: a report of green runs suggests nothing and says there was no red", async () => {
  await using p = await tempProject({
    "fixtures/steady.smoke.jsonc": JSON.stringify({ command: ["true"] }),
  });
  for (let i = 0; i < 2; i++) assert.equal((await runSmoke(p.dir, [])).code, 0);
  const report = await runSmoke(p.dir, ["report"]);
  assert.equal(report.code, 0, report.stderr);
  assert.match(report.stdout, /^Quarantine candidates: none \(.*in the last 2 runs\)$/m);
  assert.match(report.stdout, /^No red run in the last 2 runs\.$/m);
  assert.doesNotMatch(report.stdout, /Quarantined/);
});
