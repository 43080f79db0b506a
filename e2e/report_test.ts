/// <reference lib="dom" />
/**
 * End to end: `smoke report` on generated histories and on real runs, the
 * page parsed with an HTML parser; `--report` and `report: true`.
 */
import assert from "node:assert/strict";
import { join } from "node:path";
// Test-only: locked in deno.test.lock, so that running smoke never fetches it.
// deno-lint-ignore no-import-prefix
import { parseHTML } from "npm:linkedom@0.18.15";
import { INVOKE, runSmoke, tempProject } from "./_project.ts";
import { fixtureResult as r, INJECTION, makeRun, writeHistory } from "./_history.ts";

const hour = (h: number) => new Date(Date.UTC(2026, 10, 20, h));

function page(html: string): Document {
  return parseHTML(html).document;
}

function texts(doc: ParentNode, selector: string): string[] {
  return Array.from(doc.querySelectorAll(selector), (e) => e.textContent!.trim());
}

/** A flaky fixture, a broken one, a rerun chain, an injection. */
function history() {
  const r0 = makeRun({
    startedAt: hour(0),
    fixtures: [r({ id: "steady", status: "passed" }), r({ id: "flaky", status: "passed" })],
  });
  const r1 = makeRun({
    startedAt: hour(1),
    fixtures: [r({ id: "steady", status: "passed" }), r({ id: "flaky", status: "failed" })],
  });
  const r1b = makeRun({
    startedAt: hour(2),
    mode: "rerun-failed",
    source: r1,
    fixtures: [r({ id: "flaky", status: "passed", previousStatus: "failed" })],
    combined: { summary: { total: 2, passed: 2, failed: 0, skipped: 0, flaky: 0 }, result: "pass" },
    suffix: "bbbbbb",
  });
  const r2 = makeRun({
    startedAt: hour(3),
    fixtures: [
      r({ id: "steady", status: "passed" }),
      r({ id: "flaky", status: "failed", kind: "timeout", message: "Timed out after 5000ms" }),
      r({
        id: "evil",
        status: "failed",
        message: INJECTION.script,
        stdoutTail: `${INJECTION.script}\n`,
        stderrTail: `${INJECTION.img}\n`,
      }),
    ],
  });
  return { r0, r1, r1b, r2, runs: [r0, r1, r1b, r2] };
}

Deno.test("smoke report: a generated history with a flaky fixture, a rerun chain and invalid files", async () => {
  await using project = await tempProject({ "fixtures/steady.smoke.ts": "" });
  const { r1, r1b, runs } = history();
  await writeHistory(project.artifactDir, runs);
  await project.write(".planning/artifacts/smoke/runs/zz-broken.json", '{ "schemaVersion": 1,');
  await project.write(".planning/artifacts/smoke/runs/zz-other.json", '{ "schemaVersion": 2 }');

  const run = await runSmoke(project.dir, ["report"]);
  assert.equal(run.code, 0, run.stderr);
  assert.equal(run.resultLine, "RESULT: pass");
  assert.match(
    run.stdout,
    /^HTML report: \.planning\/artifacts\/smoke\/report\.html \(4 runs, 2 invalid left out\)$/m,
  );
  assert.match(
    run.stderr,
    /^warning: Left ".*zz-broken\.json" out .*line 1.* \[INVALID_ARTIFACT\]$/m,
  );
  assert.match(
    run.stderr,
    /^warning: Left ".*zz-other\.json" out .*schemaVersion 2 is not supported.* \[INVALID_ARTIFACT\]$/m,
  );

  const doc = page(await project.read(".planning/artifacts/smoke/report.html"));
  // Latest verdict.
  assert.match(doc.querySelector("#latest .big")!.textContent!, /✗ FAIL/);
  assert.match(doc.querySelector("#latest .counts")!.textContent!, /1 passed.*2 failed/);
  assert.match(doc.querySelector("#latest")!.textContent!, /ci-runner-7 \(CI\)/);
  // Failures: kind, message, tails, file, command.
  assert.deepEqual(texts(doc, "#failures article h3"), ["✗ flaky timeout", "✗ evil exit-code"]);
  const evil = doc.getElementById("failure-evil")!;
  assert.deepEqual(texts(evil, "details pre"), [INJECTION.img, INJECTION.script]);
  assert.match(evil.textContent!, new RegExp(`${INVOKE} --fixture evil`));
  assert.equal(doc.querySelectorAll("img, [onerror]").length, 0);
  assert.equal(doc.querySelectorAll("script").length, 1);
  const flaky = doc.getElementById("failure-flaky")!;
  assert.match(flaky.textContent!, /Timed out after 5000ms/);
  assert.match(flaky.textContent!, /this run \(it did not fail in the run before\)/);
  // Timeline: four bars, the rerun marked and linked to its source.
  assert.equal(doc.querySelectorAll("#timeline svg a.bar").length, 4);
  const mark = doc.querySelector("#timeline a.rerun-mark")!;
  assert.equal(mark.getAttribute("href"), `#run-${r1.runId}`);
  const rerunRow = doc.getElementById(`run-${r1b.runId}`)!;
  assert.match(rerunRow.textContent!, new RegExp(`rerun-failed.*${r1.runId}.*combined ✓ PASS`));
  // Grid: the flaky fixture first, its cells across the runs, flips counted.
  const rows = doc.querySelectorAll("#grid-table tbody tr");
  assert.equal(rows[0].getAttribute("data-id"), "flaky");
  assert.equal(rows[0].getAttribute("data-flips"), "3");
  assert.deepEqual(
    Array.from(rows[0].querySelectorAll("td"), (td) => td.textContent).slice(4),
    ["✓", "✗", "✓", "✗"],
  );
  assert.equal(
    doc.querySelector('#grid-table tr[data-id="steady"]')!.getAttribute("data-score"),
    "0.0000",
  );
  // Invalid files, listed with the reason.
  assert.deepEqual(
    texts(doc, "#invalid li code"),
    [
      ".planning/artifacts/smoke/runs/zz-other.json",
      ".planning/artifacts/smoke/runs/zz-broken.json",
    ],
  );
  assert.match(doc.querySelector("#invalid")!.textContent!, /schemaVersion 2 is not supported/);
  // The latest run is latest.json: the plain rerun command.
  assert.match(
    doc.querySelector("#failures > p")!.textContent!,
    new RegExp(`${INVOKE} --rerun-failed$`),
  );
});

Deno.test("smoke report: --out, --last and --artifact-dir", async () => {
  await using project = await tempProject();
  const { runs } = history();
  await writeHistory(join(project.dir, "arts"), runs);
  const run = await runSmoke(project.dir, [
    "report",
    "--artifact-dir",
    "arts",
    "--out",
    "site/smoke.html",
    "--last",
    "2",
  ]);
  assert.equal(run.code, 0, run.stderr);
  assert.match(run.stdout, /^HTML report: site\/smoke\.html \(2 runs\)$/m);
  assert.match(run.stdout, /^Open: file:\/\/.*\/site\/smoke\.html$/m);
  assert.equal(await project.exists("arts/report.html"), false);
  const doc = page(await project.read("site/smoke.html"));
  assert.equal(doc.querySelectorAll("#timeline svg a.bar").length, 2);
  assert.match(doc.querySelector("header")!.textContent!, /the last 2 of 4 runs from arts/);
  assert.match(
    doc.getElementById("failure-evil")!.textContent!,
    /--artifact-dir arts --fixture evil/,
  );
});

Deno.test("smoke report: no history is a usage error that writes nothing", async () => {
  await using project = await tempProject();
  const run = await runSmoke(project.dir, ["report"]);
  assert.equal(run.code, 2);
  assert.equal(run.resultLine, "RESULT: fail");
  assert.match(
    run.stderr,
    /^error: Cannot make the report: no run artifacts in ".planning\/artifacts\/smoke\/runs"/,
  );
  assert.match(run.stderr, /hint: Run the suite first/);
  assert.equal(await project.exists(".planning/artifacts/smoke/report.html"), false);
});

Deno.test("smoke --report and report: true write the page after real runs and reruns", async () => {
  // `flip` fails on its 1st and 3rd run and passes otherwise: a flaky fixture across runs.
  await using project = await tempProject({
    "fixtures/ok.smoke.ts": `console.log("ok");\n`,
    "fixtures/flip.smoke.ts": `const file = "state/count.txt";
let n = 0;
try { n = Number(await Deno.readTextFile(file)); } catch { /* first run */ }
n++;
await Deno.mkdir("state", { recursive: true });
await Deno.writeTextFile(file, String(n));
if (n === 1 || n === 3) { console.error("<b>flipped</b> on run " + n); Deno.exit(1); }
`,
    "smoke.jsonc": `{ "permissions": ["--allow-read=state", "--allow-write=state"] }`,
  });
  const reportPath = ".planning/artifacts/smoke/report.html";

  const first = await runSmoke(project.dir, ["--report"]);
  assert.equal(first.code, 1, first.stderr);
  assert.equal(first.resultLine, "RESULT: fail");
  assert.match(first.stdout, /^HTML report: \.planning\/artifacts\/smoke\/report\.html$/m);
  let doc = page(await project.read(reportPath));
  assert.deepEqual(texts(doc, "#failures article h3"), ["✗ flip exit-code"]);
  assert.match(doc.getElementById("failure-flip")!.textContent!, /fixtures\/flip\.smoke\.ts/);
  assert.deepEqual(texts(doc, "#failure-flip details pre"), ["<b>flipped</b> on run 1"]);

  // The config turns the report on for every run; a rerun links to its source.
  const source = (await project.latest()).runId;
  await project.write(
    "smoke.jsonc",
    `{ "report": true, "permissions": ["--allow-read=state", "--allow-write=state"] }`,
  );
  const rerun = await runSmoke(project.dir, ["--rerun-failed"]);
  assert.equal(rerun.code, 0, rerun.stderr);
  assert.match(rerun.stdout, /^HTML report: /m);
  doc = page(await project.read(reportPath));
  assert.match(doc.querySelector("#latest .big")!.textContent!, /✓ PASS/);
  const latest = doc.querySelector("#latest")!.textContent!;
  assert.match(latest, new RegExp(`Rerun of${source}`));
  assert.match(latest, /Combined✓ PASS/);
  assert.match(latest, /Recoveredflip/);

  const third = await runSmoke(project.dir, []);
  assert.equal(third.code, 1);
  doc = page(await project.read(reportPath));
  const row = doc.querySelector('#grid-table tr[data-id="flip"]')!;
  assert.equal(row.getAttribute("data-flips"), "2");
  assert.equal(doc.querySelector("#grid-table tbody tr")!.getAttribute("data-id"), "flip");
  assert.match(doc.getElementById("failure-flip")!.textContent!, /on run 3/);
});

Deno.test("smoke --report after a spot-check and after a merge: the page shows what the suite owes", async () => {
  const sh = (script: string) => JSON.stringify({ command: ["sh", "-c", script] });
  await using project = await tempProject({
    "fixtures/a.smoke.jsonc": sh("true"),
    "fixtures/f.smoke.jsonc": sh("exit 1"),
  });
  const reportPath = ".planning/artifacts/smoke/report.html";
  assert.equal((await runSmoke(project.dir, [])).code, 1);
  const fullId = (await project.latest()).runId;

  const spot = await runSmoke(project.dir, ["--fixture", "a", "--report"]);
  assert.equal(spot.code, 0, spot.stdout + spot.stderr);
  let doc = page(await project.read(reportPath));
  assert.match(doc.querySelector("#latest .big")!.textContent!, /✓ PASS/);
  let latest = doc.querySelector("#latest")!.textContent!;
  assert.match(latest, /Suite verdict✗ FAIL/);
  assert.ok(latest.includes(`Suite1 still failing since run ${fullId}: f`), latest);
  assert.match(latest, new RegExp(`The suite still fails.*Rerun it: ${INVOKE} --rerun-failed`));

  const merge = await runSmoke(project.dir, ["merge", ".planning/artifacts/smoke/latest.json"]);
  assert.equal(merge.code, 0, merge.stdout + merge.stderr);
  assert.equal((await runSmoke(project.dir, ["report"])).code, 0);
  doc = page(await project.read(reportPath));
  latest = doc.querySelector("#latest")!.textContent!;
  assert.match(latest, /Modemerged/);
  assert.match(latest, /Suite verdict✗ FAIL/);
  assert.ok(latest.includes(`Suite1 still failing since run ${fullId}: f`), latest);
});
