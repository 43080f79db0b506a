/**
 * The HTML report page: one self-contained file (inline CSS and SVG, no
 * network, readable without JavaScript), most urgent first: the latest
 * verdict, its failures, the timeline and runs, the fixture grid, the
 * slowest fixtures. Pure: view model in, HTML text out.
 *
 * @module
 */
import { REPORT_CSP, REPORT_CSS, REPORT_JS } from "./_assets.ts";
import {
  CELL,
  escapeHtml,
  formatTime,
  ownFailures,
  renderTail as tail,
  runAnchor,
  verdictMark,
} from "./_html.ts";
import { renderServices, serviceBadges } from "./html_services.ts";
import { formatDuration } from "../reporters/console_render.ts";
import type { FailureView, LatestView, ReportModel, RunView } from "./history_model.ts";
import { renderGrid, renderSlowest, renderTimeline } from "./html_charts.ts";
import type { Summary } from "../artifact/artifact.ts";
import type { Suggestions } from "./suggestions.ts";
import { renderSuggestionsHtml } from "./html_suggestions.ts";

export { REPORT_FILE } from "./report_file.ts";

const e = escapeHtml;

/**
 * Quarantined failures are counted apart (they do not fail the run), and so are the fixtures that
 * never started (blocked, not run), when they are known, as the console does.
 */
function counts(
  summary: Summary,
  unstarted: { blocked: number; notRun: number } = { blocked: 0, notRun: 0 },
): string {
  const quarantined = summary.quarantined ?? 0;
  const { blocked, notRun } = unstarted;
  return `<span class="t-pass">✓ ${summary.passed} passed</span>` +
    `<span class="t-fail">✗ ${ownFailures({ summary, unstarted })} failed</span>` +
    (quarantined
      ? `<span class="t-quarantined">⚑ ${quarantined} quarantined failure${
        quarantined === 1 ? "" : "s"
      }</span>`
      : "") +
    (blocked ? `<span class="t-skip">⊘ ${blocked} blocked</span>` : "") +
    (notRun ? `<span class="t-skip">⊘ ${notRun} not run</span>` : "") +
    `<span class="t-skip">○ ${summary.skipped} skipped</span>` +
    `<span class="t-flaky">◐ ${summary.flaky} flaky</span>`;
}

function runLink(runId: string, inWindow: boolean): string {
  return inWindow
    ? `<a href="#${runAnchor(runId)}"><code>${e(runId)}</code></a>`
    : `<code>${e(runId)}</code> <span class="muted">(outside the report window)</span>`;
}

function fact(term: string, value: string): string {
  return `<dt>${term}</dt><dd>${value}</dd>`;
}

/** At most this many ids on the Suite fact; the rest are counted. */
const MAX_OWED_IDS = 50;

function owedText(owed: NonNullable<NonNullable<LatestView["suite"]>["owed"]>): string {
  const since = owed.since
    ? `since run ${runLink(owed.since, owed.sinceInWindow)}`
    : `<span class="muted">(no full run on record)</span>`;
  const n = owed.ids.length;
  if (n === 0) return `<span class="t-pass">nothing outstanding</span> ${since}`;
  const unfinished = new Set(owed.unfinished);
  const why = (id: string) =>
    unfinished.has(id)
      ? "unfinished"
      : Object.hasOwn(owed.neverStarted, id)
      ? owed.neverStarted[id]
      : undefined;
  const ids = owed.ids.slice(0, MAX_OWED_IDS).map((id) => {
    const mark = why(id);
    return `<code>${e(id)}</code>${mark ? ` <span class="muted">(${mark})</span>` : ""}`;
  }).join(" ") + (n > MAX_OWED_IDS ? ` … and ${n - MAX_OWED_IDS} more` : "");
  const never = Object.keys(owed.neverStarted).length;
  const what = never
    ? `${n} still owed (${n - never} failing, ${never} never started)`
    : `${n} still failing`;
  return `<span class="t-fail">${what}</span> ${since}: ${ids}`;
}

function renderLatest(model: ReportModel): string {
  const out: string[] = [`<section id="latest"><h2>Latest run</h2>`];
  if (model.newerError) {
    const run = model.newerError;
    out.push(
      `<p class="note bad"><strong class="t-error">! Nothing ran</strong> in the newest run ` +
        `${runLink(run.runId, true)} (${e(formatTime(run.startedAt))}): ${
          e(run.error ?? "see its diagnostics")
        }</p>`,
    );
  }
  const latest: LatestView | undefined = model.latest;
  if (!latest) {
    out.push(`<p class="muted">No run in the window ran any fixture.</p></section>`);
    return out.join("");
  }
  const mark = verdictMark(latest);
  const facts = [
    fact("Run", runLink(latest.runId, true)),
    fact(
      "Mode",
      e(latest.mode) + (latest.shard ? ` (shard ${latest.shard.index}/${latest.shard.total})` : ""),
    ),
    fact(
      "When",
      `${e(formatTime(latest.startedAt))} <span class="muted">(${e(latest.ago)})</span>`,
    ),
    fact("Duration", formatDuration(latest.durationMs)),
    fact("Deno", `${e(latest.deno)} <span class="muted">${e(latest.platform)}</span>`),
    fact(
      "Host",
      `${latest.host ? e(latest.host) : `<span class="muted">unknown</span>`}${
        latest.ci ? " (CI)" : ""
      }`,
    ),
  ];
  if (latest.rerun) {
    facts.push(fact("Rerun of", runLink(latest.rerun.sourceRunId, latest.rerun.sourceInWindow)));
    const combined = latest.rerun.combined;
    if (combined) {
      const c = verdictMark({ result: combined.result, diagnosticsOnly: false });
      facts.push(fact(
        "Combined",
        `<strong class="t-${c.cls}">${c.symbol} ${c.word}</strong> over the source run with ` +
          `this rerun's results in place: <span class="counts">${
            counts(combined.summary, latest.suite?.owed?.unstarted)
          }</span>`,
      ));
    }
    if (latest.recovered.length) {
      facts.push(fact(
        "Recovered",
        latest.recovered.map((id) => `<code>${e(id)}</code>`).join(" "),
      ));
    }
  }
  const suite = latest.suite;
  if (suite && !latest.rerun) {
    const c = verdictMark({ result: suite.combined.result, diagnosticsOnly: false });
    facts.push(fact(
      "Suite verdict",
      `<strong class="t-${c.cls}">${c.symbol} ${c.word}</strong> with this run's results in ` +
        `place: <span class="counts">${
          counts(suite.combined.summary, suite.owed?.unstarted)
        }</span>`,
    ));
  }
  if (suite?.owed) facts.push(fact("Suite", owedText(suite.owed)));
  if (latest.services) facts.push(fact("Services", serviceBadges(latest.services)));
  out.push(
    `<div class="verdict ${mark.cls}"><div class="big">${mark.symbol} ${mark.word}</div><div>`,
    `<p class="counts">${counts(latest.summary, latest.unstarted)}</p><dl class="facts">${
      facts.join("")
    }</dl>`,
    `</div></div>`,
  );
  // A partial run's own pass is not the suite's: the page says so next to the headline.
  if (latest.result === "pass" && suite?.combined.result === "fail") {
    const n = suite.owed?.ids.length ?? suite.combined.summary.failed;
    out.push(
      `<p class="note bad"><strong class="t-fail">✗ The suite still fails</strong>: this run ` +
        `passed, but ${n} fixture${n === 1 ? " is" : "s are"} still failing.${
          latest.rerunCommand
            ? ` Rerun ${n === 1 ? "it" : "them"}: <code>${e(latest.rerunCommand)}</code>`
            : ""
        }</p>`,
    );
  }
  if (latest.interrupted) {
    out.push(
      `<p class="note bad">The run was interrupted: the fixtures it stopped are recorded as ` +
        `failed (kind <code>interrupted</code>) and still owed, but the grid marks them ` +
        `${CELL.i.symbol} and does not count them as results.</p>`,
    );
  }
  for (const d of latest.diagnostics) {
    out.push(
      `<p class="note${d.level === "error" ? " bad" : ""}"><strong>${e(d.level)}</strong> ` +
        `<code>${e(d.code)}</code>: ${e(d.message)}${
          d.hint ? `<br><span class="muted">${e(d.hint)}</span>` : ""
        }</p>`,
    );
  }
  out.push(`</section>`);
  return out.join("");
}

/** The lines that explain a failure, open: one labelled block per stream. */
function excerpt(blocks: FailureView["excerpt"]): string {
  return (blocks ?? []).map((b) =>
    `<p class="excerpt-head muted">${e(b.heading)}</p><pre class="excerpt">${
      e(b.lines.join("\n"))
    }</pre>`
  ).join("");
}

/** How a need ended (`groupBlocked`'s word) as a verb phrase: "was skipped", "did not run". */
function endedPhrase(ended: string): string {
  return ended === "failed" || ended === "did not pass"
    ? ended
    : ended === "not run"
    ? "did not run"
    : `was ${ended}`;
}

/** A blocked fixture never started: its need, a badge and how to rerun it, no output. */
function renderBlocked(f: FailureView, blocked: NonNullable<FailureView["blocked"]>): string {
  const facts = [
    fact(
      "Needs",
      `<code>${e(blocked.by)}</code>, which ${e(endedPhrase(blocked.ended))} in this run`,
    ),
    fact("Rerun it", `<code>${e(f.command)}</code> (runs its needs first)`),
  ];
  return `<article class="failure blocked" id="failure-${e(f.id)}" data-fixture="${e(f.id)}">` +
    `<h3><span class="sym">⊘</span> ${e(f.id)} <span class="kind blocked">blocked by ${
      e(blocked.by)
    }</span></h3>` +
    `<dl class="facts">${facts.join("")}</dl></article>`;
}

/** A quarantined failure's badge: until when, and who owns it; the reason as its title. */
function quarantineBadge(q: NonNullable<FailureView["quarantined"]>): string {
  return `<span class="kind quarantined" title="${e(q.reason)}">quarantined until ${
    e(q.until)
  }, owner ${e(q.owner)}</span>`;
}

function renderFailure(f: FailureView, model: ReportModel): string {
  if (f.blocked) return renderBlocked(f, f.blocked);
  const q = f.quarantined;
  const since = f.failingSince;
  const stopped = since.interrupted ? "; this run was interrupted before it had a result" : "";
  const sinceText = since.runs === 0
    ? "no failure of its own: this run was interrupted before it had a result"
    : since.runs <= 1 && !since.maybeOlder && !since.interrupted
    ? "this run (it did not fail in the run before)"
    : `${runLink(since.runId, true)} (${
      e(formatTime(since.startedAt))
    }): failed in ${since.runs} ` +
      `run${since.runs === 1 ? "" : "s"} in a row${
        since.maybeOlder ? ", maybe longer" : ""
      }${stopped}`;
  const facts = [
    fact(
      "Exit",
      `${e(f.exit)} · ${f.attempts} attempt${f.attempts === 1 ? "" : "s"} · ${
        formatDuration(f.durationMs)
      }`,
    ),
    fact("Failing since", sinceText),
  ];
  if (f.previousStatus) facts.push(fact("In the source run", e(f.previousStatus)));
  if (f.file) {
    facts.push(fact(
      "File",
      `<code>${e(f.file.file)}</code>${
        f.file.manifest && f.file.manifest !== f.file.file
          ? ` · manifest <code>${e(f.file.manifest)}</code>`
          : ""
      }`,
    ));
  }
  if (q) {
    facts.push(fact(
      "Quarantined",
      `until ${e(q.until)}, owner ${e(q.owner)}: ${e(q.reason)} (does not fail the run)`,
    ));
  }
  facts.push(fact("Rerun it", `<code>${e(f.command)}</code>`));
  const omitted = f.tailsOmitted
    ? `<p class="muted">Output tails left out to keep the page small; they are in ` +
      `<code>runs/${e(model.latest?.runId ?? "")}.json</code>.</p>`
    : "";
  return `<article class="failure${q ? " quarantined" : ""}" id="failure-${e(f.id)}" ` +
    `data-fixture="${e(f.id)}">` +
    `<h3><span class="sym">${q ? "⚑" : "✗"}</span> ${e(f.id)} <span class="kind">${
      e(f.kind)
    }</span>${q ? ` ${quarantineBadge(q)}` : ""}</h3>` +
    (f.message ? `<pre class="msg">${e(f.message)}</pre>` : "") +
    `<dl class="facts">${facts.join("")}</dl>${excerpt(f.excerpt)}` +
    `${tail("stderr", f.stderr)}${tail("stdout", f.stdout)}${omitted}</article>`;
}

function renderFailures(model: ReportModel): string {
  const blocked = model.failures.filter((f) => f.blocked).length;
  const quarantined = model.failures.filter((f) => f.quarantined).length;
  const apart = [
    ...(quarantined ? [`${quarantined} quarantined`] : []),
    ...(blocked ? [`${blocked} blocked`] : []),
  ];
  const own = model.failures.length - blocked - quarantined;
  const out = [
    `<section id="failures"><h2>Failures of the latest run (${
      apart.length ? `${own}, ${apart.length === 2 ? `${apart[0]}, ` : ""}and ${apart.at(-1)}` : own
    })</h2>`,
  ];
  if (!model.latest) out.push(`<p class="muted">No run yet.</p>`);
  else if (model.failures.length === 0) {
    out.push(`<p class="t-pass">✓ Nothing failed in the latest run.</p>`);
  } else {
    if (model.latest.rerunCommand) {
      out.push(`<p>Rerun them all: <code>${e(model.latest.rerunCommand)}</code></p>`);
    }
    for (const f of model.failures) out.push(renderFailure(f, model));
  }
  out.push(`</section>`);
  return out.join("");
}

function renderRuns(runs: readonly RunView[]): string {
  const rows = [...runs].reverse().map((run) => {
    const mark = verdictMark(run);
    const source = run.rerun
      ? `${runLink(run.rerun.sourceRunId, run.rerun.sourceInWindow)}${
        run.rerun.combined
          ? ((c) => ` · combined <span class="t-${c.cls}">${c.symbol} ${c.word}</span>`)(
            verdictMark({ result: run.rerun.combined.result, diagnosticsOnly: false }),
          )
          : ""
      }`
      : "";
    const mode = e(run.mode) + (run.shard ? ` ${run.shard.index}/${run.shard.total}` : "") +
      (run.interrupted ? " (interrupted)" : "");
    return `<tr id="${runAnchor(run.runId)}"><td><code>${e(run.runId)}</code></td>` +
      `<td>${e(formatTime(run.startedAt))}</td><td>${mode}</td>` +
      `<td class="t-${mark.cls}">${mark.symbol} ${mark.word}${
        run.servicesDown ? ` ${serviceBadges(run.servicesDown)}` : ""
      }</td>` +
      (run.diagnosticsOnly
        ? `<td class="wrap" colspan="5">${e(run.error ?? "nothing ran")}</td>`
        : `<td class="num">${run.summary.passed}</td><td class="num">${ownFailures(run)}</td>` +
          `<td class="num">${run.summary.skipped}</td><td class="num">${run.summary.flaky}</td>` +
          `<td class="num">${formatDuration(run.durationMs)}</td>`) +
      `<td>${e(run.host ?? "")}</td><td>${source}</td></tr>`;
  });
  return `<div class="scroll runs"><table class="list"><thead><tr><th>Run</th><th>Started</th>` +
    `<th>Mode</th><th>Result</th><th class="num" title="passed">✓</th>` +
    `<th class="num" title="failed (quarantined, blocked and not-run fixtures apart)">✗</th><th class="num" title="skipped">○</th>` +
    `<th class="num" title="passed on retry">◐</th><th class="num">Duration</th>` +
    `<th>Host</th><th>Rerun of</th></tr></thead><tbody>${rows.join("")}</tbody></table></div>`;
}

function renderInvalid(model: ReportModel): string {
  if (model.invalid.length === 0) return "";
  const items = model.invalid.map((i) =>
    `<li><code>${e(i.file)}</code><pre>${e(i.reason)}</pre></li>`
  );
  return `<section id="invalid"><h2>Invalid artifacts (${model.invalid.length})</h2>` +
    `<p>These files in <code>runs/</code> are not valid smoke artifacts and were left out:</p>` +
    `<ul>${items.join("")}</ul></section>`;
}

/**
 * Renders the report page from its view model.
 *
 * @param model The view model from {@linkcode buildReportModel}.
 * @param suggestions What `smoke report` suggests (a section of its own), when made.
 * @returns The whole HTML document: inline style, SVG and one small script,
 * under a Content Security Policy that allows nothing else.
 *
 * @example
 * ```ts
 * import { renderReportHtml } from "./html.ts";
 * import { buildReportModel } from "./history_model.ts";
 * import { createArtifact } from "../artifact/artifact.ts";
 * import assert from "node:assert/strict";
 *
 * const run = createArtifact({
 *   runId: "r1", mode: "full", startedAt: new Date(0), finishedAt: new Date(10), version: "0.1.0",
 *   environment: { deno: "2.9.6", os: "linux", arch: "x86_64", ci: false },
 *   selection: { fixtureIds: ["a"] },
 *   fixtures: [{ id: "a", status: "failed", durationMs: 5, attempts: 1, exitCode: 1,
 *     signal: null, timedOut: false, failure: { kind: "exit-code", message: "<b>boom</b>" } }],
 * });
 * const html = renderReportHtml(buildReportModel({ runs: [run] }, { last: 50, now: new Date(0) }));
 * assert.match(html, /^<!doctype html>/);
 * assert.match(html, /&lt;b&gt;boom&lt;\/b&gt;/);
 * assert.doesNotMatch(html, /<b>boom/);
 * ```
 */
export function renderReportHtml(model: ReportModel, suggestions?: Suggestions): string {
  const latest = model.latest;
  const mark = latest ? verdictMark(latest) : undefined;
  const suiteMark = latest?.suite
    ? verdictMark({ result: latest.suite.combined.result, diagnosticsOnly: false })
    : undefined;
  const title = latest
    ? `smoke report: ${mark!.symbol} ${mark!.word}, ${ownFailures(latest)} failed${
      latest.summary.quarantined ? `, ${latest.summary.quarantined} quarantined` : ""
    }${latest.unstarted.blocked ? `, ${latest.unstarted.blocked} blocked` : ""}${
      latest.unstarted.notRun ? `, ${latest.unstarted.notRun} not run` : ""
    }${suiteMark ? ` · suite ${suiteMark.symbol} ${suiteMark.word}` : ""}`
    : "smoke report: no runs";
  const windowNote = model.totalRuns > model.timeline.length
    ? `the last ${model.timeline.length} of ${model.totalRuns} runs`
    : `${model.timeline.length} run${model.timeline.length === 1 ? "" : "s"}`;
  const invalidNote = model.invalid.length
    ? `<p class="note"><a href="#invalid">${model.invalid.length} artifact file${
      model.invalid.length === 1 ? " was" : "s were"
    } left out</a> as invalid.</p>`
    : "";
  return `<!doctype html>
<html lang="en"><head><meta charset="utf-8">
<meta http-equiv="Content-Security-Policy" content="${REPORT_CSP}">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta name="color-scheme" content="light dark">
<title>${e(title)}</title>
<style>${REPORT_CSS}</style></head>
<body><header><h1>smoke report</h1>
<p class="muted">${windowNote}${
    model.artifactDir ? ` from <code>${e(model.artifactDir)}</code>` : ""
  } · made ${e(formatTime(model.generatedAt))}</p>
<nav><a href="#latest">Latest</a>${
    latest?.services ? `<a href="#services">Services</a>` : ""
  }<a href="#failures">Failures</a><a href="#timeline">Timeline</a>` +
    `<a href="#grid">Fixtures × runs</a><a href="#slowest">Slowest</a>${
      model.invalid.length ? `<a href="#invalid">Invalid</a>` : ""
    }</nav>${invalidNote}</header>
<main>
${renderLatest(model)}
${renderServices(model.latest)}${renderFailures(model)}
<section id="timeline"><h2>Timeline</h2>${renderTimeline(model)}${
      model.timeline.length ? renderRuns(model.timeline) : ""
    }</section>
<section id="grid"><h2>Fixtures × runs</h2>${renderGrid(model)}</section>
<section id="slowest"><h2>Slowest fixtures</h2>${renderSlowest(model)}</section>
${suggestions ? renderSuggestionsHtml(suggestions, new Date(model.generatedAt)) : ""}
${renderInvalid(model)}
</main>
<footer>Made by smoke. Status symbols: ✓ pass, ✗ fail, ◐ passed on retry, ○ skipped, ! nothing ran.
</footer>
<script>${REPORT_JS}</script>
</body></html>
`;
}
