/**
 * The HTML report's charts and grid: the SVG timeline of runs, the
 * fixture-by-run grid with flakiness, and the slowest fixtures as bars.
 * Pure: view model in, HTML text out; every text from a run is escaped.
 *
 * @module
 */
import { formatDuration } from "../reporters/console_render.ts";
import { CELL, escapeHtml, formatTime, ownFailures, runAnchor, verdictMark } from "./_html.ts";
import type { CellCode, GridRow, ReportModel, RunView, TimelineMark } from "./history_model.ts";

const PAD = 10;
const WIDTH = 1200;
const TOP = 40;
const HEIGHT = 110;

function runTitle(run: RunView): string {
  const mark = verdictMark(run);
  const parts = [
    run.runId,
    `${mark.word} · ${run.mode}${run.shard ? ` shard ${run.shard.index}/${run.shard.total}` : ""}`,
    formatTime(run.startedAt),
    run.diagnosticsOnly
      ? `nothing ran: ${run.error ?? "see the diagnostics"}`
      : `${run.summary.passed} passed, ${ownFailures(run)} failed, ` +
        (run.summary.quarantined ? `${run.summary.quarantined} quarantined, ` : "") +
        (run.unstarted.blocked ? `${run.unstarted.blocked} blocked, ` : "") +
        (run.unstarted.notRun ? `${run.unstarted.notRun} not run, ` : "") +
        `${run.summary.skipped} skipped in ${formatDuration(run.durationMs)}`,
  ];
  if (run.rerun) {
    parts.push(`rerun of ${run.rerun.sourceRunId}`);
    if (run.rerun.combined) parts.push(`combined verdict: ${run.rerun.combined.result}`);
  }
  if (run.interrupted) parts.push("interrupted");
  return escapeHtml(parts.join("\n"));
}

function foldTitle(mark: Extract<TimelineMark, { kind: "nothing-ran" }>): string {
  const newest = mark.runs.at(-1)!;
  return escapeHtml([
    `${mark.label}: nothing ran`,
    `${formatTime(mark.from)} to ${formatTime(mark.to)}`,
    `newest: ${newest.runId}`,
    newest.error ?? "see the diagnostics",
  ].join("\n"));
}

/**
 * Renders the timeline: one SVG bar per run (height by duration, colour and
 * symbol by verdict), reruns marked with `↻` and an arc to their source;
 * consecutive runs where nothing ran share one mark (`!×3`, the span of times
 * in its title) linking to the newest of them.
 *
 * @param model The view model.
 * @returns An HTML fragment (a `<div>` holding the SVG, and a legend).
 *
 * @example
 * ```ts
 * import { renderTimeline } from "./html_charts.ts";
 * import { buildReportModel } from "./history_model.ts";
 * import assert from "node:assert/strict";
 *
 * const html = renderTimeline(buildReportModel({ runs: [] }, { last: 50, now: new Date(0) }));
 * assert.match(html, /No runs/);
 * ```
 */
export function renderTimeline(model: ReportModel): string {
  const runs = model.timeline;
  if (runs.length === 0) return `<p class="muted">No runs in the window.</p>`;
  const marks = model.marks;
  const slot = Math.max(10, Math.min(40, Math.floor((WIDTH - PAD * 2) / marks.length)));
  const GAP = Math.max(2, Math.round(slot / 4));
  const BAR = slot - GAP;
  const width = Math.max(320, PAD * 2 + marks.length * slot);
  const base = TOP + HEIGHT;
  const max = Math.max(1, ...runs.map((r) => r.durationMs));
  const x = (i: number) => PAD + i * slot;
  const index = new Map<string, number>();
  marks.forEach((mark, i) => {
    for (const run of mark.kind === "run" ? [mark.run] : mark.runs) index.set(run.runId, i);
  });
  const out: string[] = [];
  out.push(
    `<svg width="${width}" height="${base + 36}" viewBox="0 0 ${width} ${base + 36}" ` +
      `role="img" aria-label="Timeline of the last ${runs.length} runs">`,
    `<line class="axis" x1="0" x2="${width}" y1="${base + 0.5}" y2="${base + 0.5}"/>`,
  );
  marks.forEach((m, i) => {
    const cx = x(i) + BAR / 2;
    if (m.kind === "nothing-ran") {
      const newest = m.runs.at(-1)!;
      const mark = verdictMark(newest);
      out.push(
        `<a href="#${runAnchor(newest.runId)}" class="bar fold" data-runs="${m.runs.length}">` +
          `<title>${foldTitle(m)}</title>` +
          `<rect class="b-${mark.cls}" x="${x(i)}" y="${base - 6}" width="${BAR}" height="6" ` +
          `rx="2"/><text class="s-${mark.cls}" x="${cx}" y="${base + 14}" ` +
          `text-anchor="middle">${mark.symbol}×${m.runs.length}</text></a>`,
      );
      return;
    }
    const { run } = m;
    const mark = verdictMark(run);
    const h = run.diagnosticsOnly ? 6 : Math.max(4, Math.round((HEIGHT * run.durationMs) / max));
    out.push(
      `<a href="#${runAnchor(run.runId)}" class="bar" data-run="${escapeHtml(run.runId)}">` +
        `<title>${runTitle(run)}</title>` +
        `<rect class="b-${mark.cls}${run.rerun ? " rr" : ""}" x="${x(i)}" y="${
          base - h
        }" width="${BAR}" height="${h}" rx="2"/>` +
        `<text class="s-${mark.cls}" x="${cx}" y="${base + 14}" text-anchor="middle">` +
        `${mark.symbol}</text></a>`,
    );
    if (!run.rerun) return;
    const source = index.get(run.rerun.sourceRunId);
    if (source !== undefined) {
      const sx = x(source) + BAR / 2;
      const lift = Math.min(TOP - 6, 10 + (cx - sx) / 4);
      out.push(
        `<path class="link" d="M${sx},${TOP + 12} Q${(sx + cx) / 2},${TOP + 12 - lift * 2} ` +
          `${cx},${TOP + 4}"/>`,
      );
    }
    out.push(
      `<a href="#${runAnchor(run.rerun.sourceRunId)}" class="rerun-mark">` +
        `<title>Rerun of ${escapeHtml(run.rerun.sourceRunId)}${
          source === undefined ? " (outside the window)" : ""
        }</title>` +
        `<text class="mark" x="${cx}" y="${TOP + 16}" text-anchor="middle">↻</text></a>`,
    );
  });
  const first = runs[0];
  const last = runs.at(-1)!;
  out.push(
    `<text x="${PAD}" y="${base + 30}">${escapeHtml(formatTime(first.startedAt))}</text>`,
    `<text x="${width - PAD}" y="${base + 30}" text-anchor="end">` +
      `${escapeHtml(formatTime(last.startedAt))}</text>`,
    `</svg>`,
  );
  return `<div class="scroll timeline">${out.join("")}</div>` +
    `<p class="legend muted"><span class="t-pass">✓ pass</span><span class="t-fail">✗ fail</span>` +
    `<span class="t-error">! nothing ran (preflight error; !×3: three in a row)</span><span>↻ rerun, arc from its ` +
    `source run</span><span>bar height: duration (longest ${formatDuration(max)})</span></p>`;
}

/** The tag filter, when any fixture of the grid has tags. */
function tagSelect(grid: readonly GridRow[]): string {
  const tags = [...new Set(grid.flatMap((row) => row.tags))].sort();
  if (tags.length === 0) return "";
  return `<label>Tag <select id="grid-tag"><option value="">all tags</option>` +
    tags.map((tag) => `<option value="${escapeHtml(tag)}">${escapeHtml(tag)}</option>`).join("") +
    `</select></label>`;
}

/**
 * Renders the fixture-by-run grid: one row per fixture, one column per run
 * (oldest first), the flakiness score, flips, retry passes and failures. The
 * rows come most flaky first; the script adds sorting and filtering.
 *
 * @param model The view model.
 * @returns An HTML fragment (controls, hidden until the script runs, and the table).
 *
 * @example
 * ```ts
 * import { renderGrid } from "./html_charts.ts";
 * import { buildReportModel } from "./history_model.ts";
 * import assert from "node:assert/strict";
 *
 * const html = renderGrid(buildReportModel({ runs: [] }, { last: 50, now: new Date(0) }));
 * assert.match(html, /No fixtures/);
 * ```
 */
export function renderGrid(model: ReportModel): string {
  if (model.grid.length === 0) return `<p class="muted">No fixtures ran in the window.</p>`;
  const head = model.gridRuns.map((run) => {
    const mark = verdictMark(run);
    return `<th class="run"><a class="t-${mark.cls}" href="#${runAnchor(run.runId)}" title="${
      runTitle(run)
    }">${run.rerun ? "↻" : ""}${mark.symbol}</a></th>`;
  }).join("");
  const rows: string[] = [];
  for (const row of model.grid) {
    const id = escapeHtml(row.id);
    let cells = "";
    for (const code of row.cells) {
      cells += code === "."
        ? "<td></td>"
        : `<td class=${code}>${CELL[code as CellCode].symbol}</td>`;
    }
    const tags = row.tags.map(escapeHtml);
    rows.push(
      `<tr data-id="${id}" data-tags="${tags.length ? ` ${tags.join(" ")} ` : ""}" data-score="${
        row.score.toFixed(4)
      }" data-flips="${row.flips}" ` +
        `data-retries="${row.retryPasses}" data-failures="${row.failures}">` +
        `<th scope="row" title="${id}">${id}${
          tags.length ? ` <span class="muted tags">${tags.join(" ")}</span>` : ""
        }</th>` +
        `<td class="num">${Math.round(row.score * 100)}%</td><td class="num">${row.flips}</td>` +
        `<td class="num">${row.retryPasses}</td><td class="num">${row.failures}</td>${cells}</tr>`,
    );
  }
  return `<div id="grid-controls" class="controls" hidden>` +
    `<label>Filter <input id="grid-filter" type="search" placeholder="fixture id"></label>` +
    `<label>Show <select id="grid-only"><option value="all">all fixtures</option>` +
    `<option value="flaky">flaky (flips or retry passes)</option>` +
    `<option value="failed">failed at least once</option>` +
    `<option value="latest">failing in the latest run</option></select></label>` +
    tagSelect(model.grid) +
    `<span id="grid-count" class="muted"></span></div>` +
    `<p class="legend muted">` +
    (["p", "r", "f", "s", "n", "i"] as const).map((c) =>
      `<span class="t-${
        { p: "pass", r: "flaky", f: "fail", s: "skip", n: "skip", i: "skip" }[c]
      }">${CELL[c].symbol} ${CELL[c].label}</span>`
    ).join("") +
    `<span>blank: not in that run</span></p><p class="muted">Flips: status changes from run to ` +
    `run (a pass on retry counts as a fail, then a pass). Flakiness: flips over the chances to ` +
    `flip, from 0% (steady) to 100% (flips every time).</p>` +
    `<div class="scroll grid-wrap"><table id="grid-table" class="grid"><caption class="muted">` +
    `${model.grid.length} fixtures × ${model.gridRuns.length} runs, oldest run first</caption>` +
    `<thead><tr><th data-sort="id">Fixture</th><th class="num" data-sort="score" ` +
    `aria-sort="descending">Flakiness</th><th class="num" data-sort="flips">Flips</th>` +
    `<th class="num" data-sort="retries">Retry passes</th>` +
    `<th class="num" data-sort="failures">Failures</th>${head}</tr></thead>` +
    `<tbody>${rows.join("\n")}</tbody></table></div>`;
}

/**
 * Renders the slowest fixtures: median and p95 duration across the window,
 * as numbers and as SVG bars on one scale.
 *
 * @param model The view model.
 * @returns An HTML fragment (a table).
 *
 * @example
 * ```ts
 * import { renderSlowest } from "./html_charts.ts";
 * import { buildReportModel } from "./history_model.ts";
 * import assert from "node:assert/strict";
 *
 * const html = renderSlowest(buildReportModel({ runs: [] }, { last: 50, now: new Date(0) }));
 * assert.match(html, /No durations/);
 * ```
 */
export function renderSlowest(model: ReportModel): string {
  if (model.slowest.length === 0) return `<p class="muted">No durations in the window.</p>`;
  const max = Math.max(1, ...model.slowest.map((s) => s.p95Ms));
  const W = 400;
  const rows = model.slowest.map((s) => {
    const p95 = Math.max(1, Math.round((W * s.p95Ms) / max));
    const med = Math.max(1, Math.round((W * s.medianMs) / max));
    return `<tr><td class="wrap">${escapeHtml(s.id)}</td>` +
      `<td class="num">${formatDuration(s.medianMs)}</td><td class="num">${
        formatDuration(s.p95Ms)
      }</td>` +
      `<td class="num">${formatDuration(s.maxMs)}</td><td class="num">${s.samples}</td>` +
      `<td><svg width="${W}" height="14" viewBox="0 0 ${W} 14" role="img" aria-label="median ${
        formatDuration(s.medianMs)
      }, p95 ${formatDuration(s.p95Ms)}">` +
      `<rect class="p95" x="0" y="1" width="${p95}" height="12" rx="2"/>` +
      `<rect class="median" x="0" y="4" width="${med}" height="6" rx="1"/></svg></td></tr>`;
  });
  return `<div class="scroll bars"><table class="list"><thead><tr><th>Fixture</th>` +
    `<th class="num">Median</th><th class="num">p95</th><th class="num">Max</th>` +
    `<th class="num">Runs</th><th>Median (dark) and p95 (light)</th></tr></thead>` +
    `<tbody>${rows.join("")}</tbody></table></div>`;
}
