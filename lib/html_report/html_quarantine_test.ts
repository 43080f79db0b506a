/// <reference lib="dom" />
/**
 * The HTML report shows quarantined failures (they failed while a quarantine
 * entry protects them, so the run passed) with a "quarantined" badge naming
 * the last day and the owner, in a style of their own, after the failures
 * that fail the run; the latest verdict's counts say them apart.
 */
import assert from "node:assert/strict";
// Test-only: locked in deno.test.lock, so that running smoke never fetches it.
// deno-lint-ignore no-import-prefix
import { parseHTML } from "npm:linkedom@0.18.15";
import { buildReportModel } from "./history_model.ts";
import { renderReportHtml } from "./html.ts";
import { fixtureResult as r, makeRun } from "../../e2e/_history.ts";

const now = new Date("2026-11-23T00:00:00Z");
const quarantined = { reason: "login <races>", owner: "@alice", until: "2026-12-31" };

Deno.test("renderReportHtml: a quarantined failure has its badge and style; the verdict counts it apart", () => {
  const run = makeRun({
    startedAt: new Date("2026-11-22T10:00:00Z"),
    fixtures: [
      { ...r({ id: "flaky/login", status: "failed", stderrTail: "raced\n" }), quarantined },
      r({ id: "api/broken", status: "failed" }),
      r({ id: "health", status: "passed" }),
      { ...r({ id: "flaky/ok", status: "passed" }), quarantined },
    ],
  });
  const model = buildReportModel({ runs: [run] }, { last: 50, now });
  const doc = parseHTML(renderReportHtml(model)).document;
  const articles = Array.from(doc.querySelectorAll("#failures article"));
  // The failure that fails the run first, then the quarantined one; a quarantined pass is no failure.
  assert.deepEqual(articles.map((a) => a.getAttribute("data-fixture")), [
    "api/broken",
    "flaky/login",
  ]);
  assert.equal(articles[0].className, "failure");
  assert.equal(articles[1].className, "failure quarantined");
  const badge = articles[1].querySelector(".kind.quarantined")!;
  assert.equal(badge.textContent, "quarantined until 2026-12-31, owner @alice");
  assert.equal(badge.getAttribute("title"), "login <races>");
  assert.match(articles[1].textContent!, /does not fail the run/);
  assert.match(articles[1].textContent!, /raced/);
  assert.match(doc.querySelector("#failures h2")!.textContent!, /\(1, and 1 quarantined\)/);
  const counts = doc.querySelector("#latest .counts")!.textContent!;
  assert.match(counts, /✗ 1 failed/);
  assert.match(counts, /⚑ 1 quarantined failure/);
  assert.match(doc.querySelector("title")!.textContent!, /1 failed, 1 quarantined/);
});
