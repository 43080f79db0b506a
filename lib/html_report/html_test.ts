/// <reference lib="dom" />
import assert from "node:assert/strict";
import { createHash } from "node:crypto";
// Test-only: locked in deno.test.lock, so that running smoke never fetches it.
// deno-lint-ignore no-import-prefix
import { parseHTML } from "npm:linkedom@0.18.15";
// Test-only: locked in deno.test.lock, so that running smoke never fetches it.
// deno-lint-ignore no-import-prefix
import fc from "npm:fast-check@4.11.0";
import type { Artifact } from "../artifact/artifact.ts";
import { buildReportModel } from "./history_model.ts";
import { renderReportHtml } from "./html.ts";
import { formatTime } from "./_html.ts";
import { fixtureResult as r, INJECTION, makeRun, realisticHistory } from "../../e2e/_history.ts";
import { serviceRecords } from "../../e2e/_services.ts";

const now = new Date("2026-11-23T00:00:00Z");

function page(html: string) {
  return parseHTML(html).document;
}

Deno.test("renderReportHtml: sections in order of urgency", () => {
  const doc = page(
    renderReportHtml(buildReportModel({ runs: realisticHistory() }, { last: 50, now })),
  );
  const ids = Array.from(doc.querySelectorAll("main > section"), (s) => s.id);
  assert.deepEqual(ids, ["latest", "failures", "timeline", "grid", "slowest"]);
  assert.match(doc.querySelector("#latest .big")!.textContent!, /✗ FAIL/);
  assert.match(doc.title, /FAIL, 3 failed/);
});

Deno.test("renderReportHtml: output from fixtures injects nothing", () => {
  const payload = `${INJECTION.script}${INJECTION.img}<a href="javascript:x">`;
  const run = {
    ...makeRun({
      startedAt: now,
      fixtures: [
        r({
          id: "evil",
          status: "failed",
          message: payload,
          stdoutTail: payload,
          stderrTail: payload,
        }),
      ],
    }),
    diagnostics: [{ code: "X", level: "warning" as const, message: payload, hint: payload }],
  };
  run.environment = { ...run.environment, hostname: payload };
  const html = renderReportHtml(buildReportModel(
    { runs: [run], invalid: [{ file: `runs/${payload}.json`, reason: payload }] },
    { last: 50, now },
  ));
  const doc = page(html);
  assert.equal(doc.querySelectorAll("script").length, 1, "only the report's own script");
  assert.equal(doc.querySelectorAll("img").length, 0);
  assert.equal(doc.querySelectorAll("[onerror]").length, 0);
  assert.equal(doc.querySelectorAll('a[href^="javascript"]').length, 0);
  const text = doc.querySelector("#failure-evil")!.textContent!;
  assert.ok(text.includes(INJECTION.script), "the payload is shown as text");
  assert.ok(doc.querySelector("#invalid")!.textContent!.includes(INJECTION.img));
  assert.ok(
    doc.querySelector("#latest")!.textContent!.includes(INJECTION.img),
    "host and diagnostics",
  );
});

Deno.test("renderReportHtml: self-contained; the policy allows only its own style and script", () => {
  const html = renderReportHtml(buildReportModel({ runs: realisticHistory() }, { last: 50, now }));
  const doc = page(html);
  for (const element of doc.querySelectorAll("[src], link, iframe, object, embed")) {
    assert.fail(`external resource: ${element.outerHTML}`);
  }
  assert.doesNotMatch(html, /https?:\/\/(?!www\.w3\.org)/, "no network address");
  assert.doesNotMatch(html, /@import|url\(/);
  const csp = doc.querySelector('meta[http-equiv="Content-Security-Policy"]')!.getAttribute(
    "content",
  )!;
  const hash = (text: string) => createHash("sha256").update(text).digest("base64");
  assert.ok(csp.includes(`'sha256-${hash(doc.querySelector("script")!.textContent!)}'`));
  assert.ok(csp.includes(`'sha256-${hash(doc.querySelector("style")!.textContent!)}'`));
  assert.match(csp, /default-src 'none'/);
  assert.match(doc.querySelector("style")!.textContent!, /prefers-color-scheme:dark/);
  // Every in-page link has its target.
  for (const a of doc.querySelectorAll('a[href^="#"]')) {
    const id = a.getAttribute("href")!.slice(1);
    assert.ok(doc.getElementById(id), `link target #${id} exists`);
  }
});

Deno.test("renderReportHtml: timeline bars, rerun marks and their source links", () => {
  const runs = realisticHistory();
  const rerun = runs.find((run) => run.mode === "rerun-failed")!;
  const doc = page(renderReportHtml(buildReportModel({ runs }, { last: 50, now })));
  const bars = doc.querySelectorAll("#timeline svg a.bar");
  assert.equal(bars.length, runs.length);
  const fails = doc.querySelectorAll("#timeline svg rect.b-fail").length;
  assert.equal(fails, runs.filter((run) => run.result === "fail").length);
  const marks = doc.querySelectorAll("#timeline a.rerun-mark");
  assert.equal(marks.length, 1);
  assert.equal(marks[0].getAttribute("href"), `#run-${rerun.selection.source!.runId}`);
  assert.equal(doc.querySelectorAll("#timeline path.link").length, 1);
  const row = doc.getElementById(`run-${rerun.runId}`)!;
  assert.match(row.textContent!, /rerun-failed/);
  assert.ok(row.querySelector(`a[href="#run-${rerun.selection.source!.runId}"]`));
  assert.match(row.textContent!, /combined ✓ PASS/);
});

Deno.test("renderReportHtml: failures with kind, tails in details, file and commands", () => {
  const runs = realisticHistory();
  const model = buildReportModel({
    runs,
    latestRunId: runs.at(-1)!.runId,
    fixtureFiles: {
      "db/seed": { file: "fixtures/db/seed.smoke.ts", manifest: "fixtures/db/seed.smoke.jsonc" },
    },
  }, { last: 50, now });
  const doc = page(renderReportHtml(model));
  const failures = Array.from(
    doc.querySelectorAll("#failures article.failure"),
    (a) => a.getAttribute("data-fixture"),
  );
  assert.deepEqual(failures, ["api/search", "db/seed", "web/echo_html"]);
  const seed = doc.getElementById("failure-db/seed")!;
  assert.equal(seed.querySelector(".kind")!.textContent, "expectation");
  assert.deepEqual(
    Array.from(seed.querySelectorAll("details summary"), (s) => s.textContent!.split(" ")[0]),
    [
      "stderr",
      "stdout",
    ],
  );
  assert.match(seed.querySelector("details pre")!.textContent!, /table users is empty/);
  assert.match(
    seed.textContent!,
    /fixtures\/db\/seed\.smoke\.ts · manifest fixtures\/db\/seed\.smoke\.jsonc/,
  );
  assert.match(seed.textContent!, /deno task smoke --fixture db\/seed/);
  assert.match(seed.textContent!, /failed in 5 runs in a row/);
  assert.match(
    doc.querySelector("#failures")!.textContent!,
    /Rerun them all: deno task smoke --rerun-failed/,
  );
});

Deno.test("renderReportHtml: a failure shows the lines that explain it, open and escaped", () => {
  const run = makeRun({
    startedAt: now,
    fixtures: [r({
      id: "unit",
      status: "failed",
      stdoutTail:
        `running 1 test\nadds => ./a_test.ts:2:6\nerror: AssertionError: ${INJECTION.script}\n`,
      stderrTail: "error: Test failed\n",
    })],
  });
  const doc = page(renderReportHtml(buildReportModel({ runs: [run] }, { last: 50, now })));
  const article = doc.getElementById("failure-unit")!;
  const open = Array.from(article.querySelectorAll("pre.excerpt"), (p) => p.textContent!);
  assert.equal(open.length, 2, "one block per stream");
  assert.ok(open[0].includes(`error: AssertionError: ${INJECTION.script}`), open[0]);
  assert.ok(open[0].includes("adds => ./a_test.ts:2:6"));
  assert.equal(open[1], "error: Test failed");
  assert.deepEqual(
    Array.from(article.querySelectorAll(".excerpt-head"), (p) => p.textContent),
    ["stdout (last lines):", "stderr (last lines):"],
  );
  assert.equal(doc.querySelectorAll("script").length, 1, "only the report's own script");
  assert.ok(!article.querySelector("pre.excerpt")!.closest("details"), "not collapsed");
});

Deno.test("renderReportHtml: the grid has a row per fixture, a cell per run, symbols and scores", () => {
  const runs = realisticHistory();
  const model = buildReportModel({ runs }, { last: 50, now });
  const doc = page(renderReportHtml(model));
  const rows = doc.querySelectorAll("#grid-table tbody tr");
  assert.equal(rows.length, model.grid.length);
  const first = rows[0];
  assert.equal(first.getAttribute("data-id"), "api/search");
  assert.equal(first.querySelectorAll("td").length, 4 + model.gridRuns.length);
  const cells = Array.from(first.querySelectorAll("td")).slice(4).map((td) => td.textContent).join(
    "",
  );
  assert.equal(
    cells,
    model.grid[0].cells.replaceAll("p", "✓").replaceAll("f", "✗").replaceAll(".", ""),
  );
  assert.equal(doc.querySelector("#grid-table th[aria-sort]")!.getAttribute("data-sort"), "score");
  assert.ok(
    doc.getElementById("grid-controls")!.hasAttribute("hidden"),
    "controls need the script",
  );
  const slow = doc.querySelectorAll("#slowest tbody tr");
  assert.equal(slow[0].querySelector("td")!.textContent, model.slowest[0].id);
  assert.equal(slow[0].querySelectorAll("svg rect").length, 2);
});

Deno.test("renderReportHtml: consecutive failed preflights are one timeline mark with their span", () => {
  const runs = realisticHistory();
  const last = new Date(runs.at(-1)!.startedAt).getTime();
  const preflights = [1, 2, 3].map((i) => ({
    ...makeRun({
      startedAt: new Date(last + i * 60_000),
      fixtures: [],
      mode: "rerun-failed",
      suffix: `ddd00${i}`,
    }),
    diagnostics: [{ code: "ARTIFACT_INVALID_JSON", level: "error" as const, message: `bad ${i}` }],
  }));
  const doc = page(renderReportHtml(
    buildReportModel({ runs: [...runs, ...preflights] }, { last: 50, now }),
  ));
  const bars = doc.querySelectorAll("#timeline svg a.bar");
  assert.equal(bars.length, runs.length + 1, "three preflights, one mark");
  const fold = doc.querySelector("#timeline svg a.bar.fold")!;
  assert.equal(fold.getAttribute("data-runs"), "3");
  assert.equal(fold.getAttribute("href"), `#run-${preflights[2].runId}`);
  const title = fold.querySelector("title")!.textContent!;
  assert.match(title, /^3 failed preflights: nothing ran\n/);
  assert.ok(
    title.includes(
      `${formatTime(preflights[0].startedAt)} to ${formatTime(preflights[2].startedAt)}`,
    ),
    title,
  );
  assert.match(title, /bad 3/);
  assert.equal(fold.querySelector("text")!.textContent, "!×3");
  for (const run of preflights) assert.ok(doc.getElementById(`run-${run.runId}`), "rows stay");
});

/** A full run where `f` fails, then a passing partial run of `mode` that leaves `owed` outstanding. */
function partialAfterFull(mode: Artifact["mode"], owed: string[], unfinished: string[] = []) {
  const full = makeRun({
    startedAt: new Date(now.getTime() - 7_200_000),
    fixtures: [r({ id: "a", status: "passed" }), ...owed.map((id) => r({ id, status: "failed" }))],
  });
  const total = owed.length + 1;
  const partial: Artifact = {
    ...makeRun({
      startedAt: new Date(now.getTime() - 3_600_000),
      mode,
      ...(mode === "rerun-failed" ? { source: full } : {}),
      fixtures: [r({ id: "a", status: "passed" })],
      suffix: "dddddd",
    }),
    combined: {
      summary: { total, passed: 1, failed: owed.length, skipped: 0, flaky: 0 },
      result: owed.length ? "fail" : "pass",
    },
    suite: {
      since: full.runId,
      outstanding: owed.map((id) => ({
        id,
        runId: full.runId,
        kind: unfinished.includes(id) ? "interrupted" as const : "exit-code" as const,
        message: "Exited with code 1, expected 0",
      })),
      passed: ["a"],
      skipped: [],
      flaky: [],
    },
  };
  return { full, partial };
}

/** The `<dd>` of the latest run's fact named `term`. */
function factOf(doc: Document, term: string): Element | undefined {
  const dt = Array.from(doc.querySelectorAll("#latest dt")).find((d) => d.textContent === term);
  return dt?.nextElementSibling ?? undefined;
}

Deno.test("renderReportHtml: a passing spot-check shows the suite's verdict and what it still owes", () => {
  const { full, partial } = partialAfterFull("selected", ["f"]);
  const doc = page(renderReportHtml(buildReportModel(
    { runs: [full, partial], latestRunId: partial.runId },
    { last: 50, now },
  )));
  assert.match(doc.querySelector("#latest .big")!.textContent!, /✓ PASS/, "the run's own verdict");
  assert.match(factOf(doc, "Suite verdict")?.textContent ?? "", /^✗ FAIL .*1 passed.*1 failed/);
  assert.equal(factOf(doc, "Suite")?.textContent, `1 still failing since run ${full.runId}: f`);
  assert.ok(factOf(doc, "Suite")!.querySelector(`a[href="#run-${full.runId}"]`));
  const note = doc.querySelector("#latest .note.bad")?.textContent ?? "";
  assert.match(note, /The suite still fails.*1 fixture is still failing/);
  assert.match(note, /Rerun it: deno task smoke --rerun-failed$/);
  assert.match(doc.title, /✓ PASS, 0 failed · suite ✗ FAIL/);
});

Deno.test("renderReportHtml: every partial run shows the suite's verdict and its outstanding ids", () => {
  const id = fc.stringMatching(/^[a-z0-9_<>&"']{1,12}$/);
  fc.assert(
    fc.property(
      fc.constantFrom<Artifact["mode"]>("selected", "merged", "rerun-failed"),
      fc.uniqueArray(id, { maxLength: 60 }).filter((ids) => !ids.includes("a")),
      fc.array(fc.boolean(), { maxLength: 60 }),
      (mode, owed, marks) => {
        const unfinished = owed.filter((_, i) => marks[i]);
        const { full, partial } = partialAfterFull(mode, owed, unfinished);
        const doc = page(renderReportHtml(buildReportModel(
          { runs: [full, partial], latestRunId: partial.runId },
          { last: 50, now },
        )));
        // Reruns keep their "Combined" fact; every other partial run names it as the console does.
        const verdict = factOf(doc, mode === "rerun-failed" ? "Combined" : "Suite verdict");
        assert.match(verdict?.textContent ?? "", owed.length ? /^✗ FAIL/ : /^✓ PASS/);
        assert.equal(factOf(doc, "Suite verdict") !== undefined, mode !== "rerun-failed");
        const suite = factOf(doc, "Suite")!;
        assert.deepEqual(
          Array.from(suite.children).filter((c) => c.tagName === "CODE").map((c) => c.textContent),
          owed.slice(0, 50),
        );
        const text = suite.textContent!;
        if (owed.length === 0) assert.match(text, /^nothing outstanding since run /);
        else assert.ok(text.startsWith(`${owed.length} still failing since run ${full.runId}: `));
        assert.equal(text.includes(`and ${owed.length - 50} more`), owed.length > 50);
        assert.equal(
          (text.match(/\(unfinished\)/g) ?? []).length,
          unfinished.filter((u) => owed.indexOf(u) < 50).length,
        );
        assert.equal(
          doc.querySelector("#latest .note.bad") !== null,
          owed.length > 0,
          "a pass that leaves failures owed says so",
        );
      },
    ),
    { numRuns: 60 },
  );
});

Deno.test("renderReportHtml: the latest run's services, a failed one as a badge on its summary", () => {
  const before = makeRun({
    startedAt: new Date(now.getTime() - 7200_000),
    fixtures: [r({ id: "a", status: "passed" })],
  });
  const latest = {
    ...makeRun({
      startedAt: new Date(now.getTime() - 3600_000),
      suffix: "d4e5f6",
      fixtures: [r({ id: "a", status: "failed", kind: "not-run", message: "Not run" })],
    }),
    result: "fail" as const,
    services: serviceRecords(),
  };
  const doc = page(
    renderReportHtml(buildReportModel({ runs: [before, latest] }, { last: 50, now })),
  );
  const ids = Array.from(doc.querySelectorAll("main > section"), (s) => s.id);
  assert.deepEqual(ids.slice(0, 3), ["latest", "services", "failures"]);
  assert.ok(doc.querySelector('nav a[href="#services"]'));
  const rows = Array.from(doc.querySelectorAll("#services tbody tr"));
  assert.deepEqual(
    rows.map((row) =>
      Array.from(row.querySelectorAll("td"), (td) => td.textContent!.trim()).slice(0, 6)
    ),
    [
      ["api", "✓ ready", "GET http://127.0.0.1:8080/health answers 2xx or 3xx", "1.2s", "", ""],
      ["db", "✓ reused", "127.0.0.1:5432 accepts a TCP connection", "0ms", "", ""],
      [
        "queue",
        "✗ not-ready",
        "127.0.0.1:9999 accepts a TCP connection",
        "",
        "",
        "not ready within 500ms: 127.0.0.1:9999 accepts a TCP connection (last check: connection refused)",
      ],
      [
        "worker",
        "✗ exited",
        'its output includes "worker up"',
        "300ms",
        "exit code 7",
        "exited with code 7 during the run",
      ],
    ],
  );
  // The output of a failed service, escaped in the fixtures' <pre> style.
  const queue = doc.getElementById("service-queue")!;
  const tails = Array.from(queue.querySelectorAll("details"), (d) => [
    d.querySelector("summary")!.textContent!.split(" ")[0],
    d.querySelector("pre")!.textContent!,
  ]);
  assert.deepEqual(tails.map(([stream]) => stream), ["stderr", "stdout"]);
  assert.match(tails[1][1], /<script>alert\(1\)<\/script>/);
  assert.equal(doc.querySelectorAll("script").length, 1, "the service's output injects nothing");
  // The summary of the run says a service failed: in the verdict and in its row of the runs table.
  assert.match(doc.querySelector("#latest .verdict")!.textContent!, /queue not-ready/);
  assert.match(doc.querySelector("#latest .verdict")!.textContent!, /worker exited/);
  const row = doc.getElementById(`run-${latest.runId}`)!;
  assert.deepEqual(
    Array.from(row.querySelectorAll(".kind"), (b) => b.textContent),
    ["queue not-ready", "worker exited"],
  );
  assert.equal(doc.getElementById(`run-${before.runId}`)!.querySelectorAll(".kind").length, 0);
});

Deno.test("renderReportHtml: hostile service names and reasons stay text", () => {
  const latest = {
    ...makeRun({ startedAt: now, fixtures: [r({ id: "a", status: "failed" })] }),
    services: [{
      name: INJECTION.img,
      status: "not-ready" as const,
      check: INJECTION.script,
      reason: INJECTION.img,
      stderrTail: INJECTION.script,
    }],
  };
  const html = renderReportHtml(buildReportModel({ runs: [latest] }, { last: 50, now }));
  const doc = page(html);
  assert.equal(doc.querySelectorAll("script").length, 1);
  assert.equal(doc.querySelectorAll("img").length, 0);
  assert.ok(doc.querySelector("#services")!.textContent!.includes(INJECTION.script));
});

Deno.test("renderReportHtml: a fixture a signal stopped says whether it was failing before", () => {
  const hourly = (h: number) => new Date(now.getTime() - (10 - h) * 3600_000);
  const stopped = { ...r({ id: "a", status: "failed", kind: "interrupted" }), attempts: 1 };
  const text = (before: "passed" | "failed") => {
    const runs = [0, 1].map((h) =>
      makeRun({
        startedAt: hourly(h),
        fixtures: [r({ id: "a", status: before })],
        suffix: `0000${h}0`,
      })
    );
    runs.push(makeRun({ startedAt: hourly(5), fixtures: [stopped], suffix: "000050" }));
    const doc = page(renderReportHtml(buildReportModel({ runs }, { last: 50, now })));
    return doc.querySelector("#failures")!.textContent!.replace(/\s+/g, " ");
  };
  assert.match(text("passed"), /Failing since ?no failure of its own: this run was interrupted/);
  assert.match(
    text("failed"),
    /failed in 2 runs in a row; this run was interrupted before it had a result/,
  );
});

Deno.test("renderReportHtml: no raw control character from an artifact reaches the page (generated text)", () => {
  // Text with C0 controls (ESC, BEL, CR), DEL and C1 controls among printable characters.
  const hostile = fc.array(
    fc.oneof(
      fc.constantFrom("\x1b[2J", "\x1b]0;pwn\x07", "\r", "\x7f", "\x9b", "\x00", "\x08"),
      fc.string({ maxLength: 4 }),
    ),
    { minLength: 1, maxLength: 6 },
  ).map((parts) => parts.join(""));
  fc.assert(
    fc.property(hostile, hostile, hostile, (a, b, c) => {
      const base = makeRun({
        startedAt: now,
        fixtures: [r({ id: "x", status: "failed", message: a, stdoutTail: b, stderrTail: c })],
      });
      const run = {
        ...base,
        environment: { ...base.environment, deno: a, os: b, hostname: c },
        diagnostics: [{ code: a, level: "warning", message: b, hint: c }],
      } as Artifact;
      const html = renderReportHtml(buildReportModel({ runs: [run] }, { last: 50, now }));
      // deno-lint-ignore no-control-regex
      const raw = /[\x00-\x08\x0b-\x1f\x7f-\x9f]/.exec(html);
      assert.equal(raw, null, `raw ${JSON.stringify(raw?.[0])} in the page`);
    }),
    { numRuns: 100 },
  );
});

Deno.test("renderReportHtml: absurd durations from an edited artifact stay finite on the page", () => {
  const huge = 1.7976931348623157e308;
  const base = makeRun({ startedAt: now, fixtures: [r({ id: "x", status: "failed" })] });
  const run = {
    ...base,
    durationMs: huge,
    fixtures: base.fixtures.map((f) => ({ ...f, durationMs: huge })),
  } as Artifact;
  const earlier = makeRun({
    startedAt: new Date(now.getTime() - 3600_000),
    fixtures: [r({ id: "x", status: "passed" })],
  });
  const html = renderReportHtml(buildReportModel({ runs: [earlier, run] }, { last: 50, now }));
  assert.doesNotMatch(html, /Infinity|NaN|e\+\d/);
});
