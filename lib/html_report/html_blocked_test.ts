/// <reference lib="dom" />
/**
 * The HTML report shows blocked fixtures (a need did not pass) as blocked by
 * their need, with their own badge, after the failures of their own.
 */
import assert from "node:assert/strict";
// Test-only: locked in deno.test.lock, so that running smoke never fetches it.
// deno-lint-ignore no-import-prefix
import { parseHTML } from "npm:linkedom@0.18.15";
import type { FixtureResult } from "../artifact/artifact.ts";
import { buildReportModel } from "./history_model.ts";
import { renderReportHtml } from "./html.ts";
import { fixtureResult as r, makeRun } from "../../e2e/_history.ts";

const now = new Date("2026-11-23T00:00:00Z");

function blocked(id: string): FixtureResult {
  return {
    id,
    status: "failed",
    durationMs: 0,
    attempts: 0,
    exitCode: null,
    signal: null,
    timedOut: false,
    failure: { kind: "blocked", message: `Blocked by setup/db: it needs "setup/db", which failed` },
    blockedBy: "setup/db",
  };
}

Deno.test("renderReportHtml: blocked fixtures say blocked by their need, with their own badge", () => {
  const run = makeRun({
    startedAt: new Date("2026-11-22T10:00:00Z"),
    fixtures: [
      blocked("api/orders"),
      r({ id: "setup/db", status: "failed", stderrTail: "cannot seed\n" }),
      blocked("api/users"),
      r({ id: "health", status: "passed" }),
    ],
  });
  const model = buildReportModel({ runs: [run] }, { last: 50, now });
  const html = renderReportHtml(model);
  const doc = parseHTML(html).document;
  const articles = Array.from(doc.querySelectorAll("#failures article"));
  // The failure of its own first, then the blocked ones; none hidden.
  assert.deepEqual(articles.map((a) => a.getAttribute("data-fixture")), [
    "setup/db",
    "api/orders",
    "api/users",
  ]);
  assert.equal(articles[0].className, "failure");
  for (const article of articles.slice(1)) {
    assert.equal(article.className, "failure blocked");
    assert.equal(article.querySelector(".kind.blocked")!.textContent, "blocked by setup/db");
    // Not shown as failed: no failure kind, no "Failing since".
    assert.doesNotMatch(article.textContent!, /Failing since/);
    assert.match(article.textContent!, /setup\/db, which failed in this run/);
  }
  assert.match(doc.querySelector("#failures h2")!.textContent!, /\(1, and 2 blocked\)/);
  // The grid does not count a blocked fixture as a failure (it never ran): it shows it as never
  // started, apart from "not in that run".
  const cells = new Map(model.grid.map((row) => [row.id, row.cells]));
  assert.deepEqual([cells.get("setup/db"), cells.get("api/orders")], ["f", "n"]);
  assert.equal(model.grid.find((row) => row.id === "api/orders")?.failures, 0);
});

Deno.test("renderReportHtml: a blocked card says how its need ended in words (interrupted, skipped)", () => {
  const card = (need: FixtureResult) => {
    const run = makeRun({ startedAt: now, fixtures: [need, blocked("api/orders")] });
    const doc = parseHTML(renderReportHtml(buildReportModel({ runs: [run] }, { last: 50, now })))
      .document;
    return doc.querySelector('#failures article[data-fixture="api/orders"]')!.textContent!;
  };
  const stopped = r({ id: "setup/db", status: "failed", kind: "interrupted" });
  assert.match(card(stopped), /setup\/db, which was interrupted in this run/);
  assert.match(card(r({ id: "setup/db", status: "skipped" })), /which was skipped in this run/);
});
