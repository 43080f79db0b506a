// @ts-self-types="../../lib/cli/report_command.ts"
import {
  REPORT_FILE
} from "../chunk-YQLOCLU5.js";
import {
  readHistory
} from "../chunk-ECHKGFOV.js";
import {
  dayOf,
  loadConfig,
  loadQuarantine,
  readCatalog,
  resolveOptions,
  resolveQuarantine,
  smokeCommand
} from "../chunk-EYJ7RDVV.js";
import {
  displayPath
} from "../chunk-6G3CJ2FL.js";
import "../chunk-YHN6PYAE.js";
import {
  checkOutputFile
} from "../chunk-2LNRIRNY.js";
import {
  formatDuration
} from "../chunk-JXGFLTXX.js";
import {
  failureExcerpt,
  groupBlocked,
  isBlocked
} from "../chunk-25NTBGEA.js";
import "../chunk-4VDBSXWI.js";
import {
  writeOutputFile
} from "../chunk-YGD3FBYJ.js";
import "../chunk-VB43T7UN.js";
import "../chunk-JEDHTE3D.js";
import {
  fixtureArgument,
  shellQuote
} from "../chunk-DBSKOPQR.js";
import "../chunk-2N47EPJ5.js";
import {
  join,
  resolve
} from "../chunk-UZCZWFUL.js";
import "../chunk-URNA5CV7.js";
import "../chunk-4SYLYQRO.js";
import "../chunk-IEQXTUCM.js";
import "../chunk-UXUXC4ZF.js";
import {
  isQuarantinedFailure,
  quarantinedFailure,
  servicesFailed
} from "../chunk-PBQEZ4VD.js";
import {
  interruptedWithoutResult,
  keptFromStarting,
  owedMark,
  owedUnstarted
} from "../chunk-VPM3V57A.js";
import "../chunk-6MYH7WWL.js";
import {
  escapeControls,
  resultLine
} from "../chunk-XRBLM22N.js";
import {
  ExitCode,
  UserError,
  formatWarning,
  stopIfInterrupted
} from "../chunk-WBZQOSKS.js";
import {
  MAX_TIMER_MS
} from "../chunk-ANYOMBVL.js";

// lib/cli/report_command.ts
import { pathToFileURL } from "node:url";

// lib/html_report/history_stats.ts
var median = (function median(values) {
  if (values.length === 0) return 0;
  const sorted = [
    ...values
  ].sort(((a, b) => a - b));
  const mid = sorted.length >> 1;
  return sorted.length % 2 ? sorted[mid] : (sorted[mid - 1] + sorted[mid]) / 2;
});
var percentile = (function percentile(values, p) {
  if (values.length === 0) return 0;
  const sorted = [
    ...values
  ].sort(((a, b) => a - b));
  const rank = Math.max(1, Math.ceil(p / 100 * sorted.length));
  return sorted[Math.min(rank, sorted.length) - 1];
});
var flakiness = (function flakiness(cells) {
  let flips = 0;
  let observed = 0;
  let steps = 0;
  let previous = "";
  const step = ((outcome) => {
    if (previous && outcome !== previous) flips++;
    previous = outcome;
    steps++;
  });
  for (const cell of cells) {
    if (cell !== "p" && cell !== "r" && cell !== "f") continue;
    observed++;
    if (cell === "r") step("f");
    step(cell === "f" ? "f" : "p");
  }
  return {
    flips,
    observed,
    score: steps > 1 ? flips / (steps - 1) : 0
  };
});
var timeAgo = (function timeAgo(then, now) {
  const s = Math.max(0, (now.getTime() - then.getTime()) / 1e3);
  if (s < 60) return "just now";
  if (s < 3600) return `${Math.floor(s / 60)} min ago`;
  if (s < 86400) return `${Math.floor(s / 3600)} h ago`;
  const days = Math.floor(s / 86400);
  return `${days} day${days === 1 ? "" : "s"} ago`;
});

// lib/html_report/history_model.ts
var SLOWEST = 20;
var MESSAGE_CHARS = 2e3;
var REPORT_EXCERPT = {
  maxLines: 40,
  maxBytes: 8192,
  lastLines: 12
};
var cutTail = (function cutTail(text, max) {
  if (!text) return void 0;
  if (text.length <= max) return {
    text,
    cutChars: 0
  };
  let start = text.length - max;
  const newline = text.indexOf("\n", start);
  if (newline !== -1 && newline < text.length - 1 && newline - start < 200) start = newline + 1;
  return {
    text: text.slice(start),
    cutChars: start
  };
});
var blockedLast = (function blockedLast(failed) {
  const own = failed.filter(((f) => !isBlocked(f)));
  return [
    ...own.filter(((f) => !isQuarantinedFailure(f))),
    ...own.filter(isQuarantinedFailure),
    ...failed.filter(isBlocked)
  ];
});
var blockedMap = (function blockedMap(fixtures) {
  return new Map(groupBlocked(fixtures).flatMap(((g) => g.ids.map(((id) => [
    id,
    {
      by: g.by,
      ended: g.ended
    }
  ])))));
});
var NEUTRAL_CELLS = /* @__PURE__ */ new Set([
  ".",
  "s",
  "n",
  "i"
]);
var cellOf = (function cellOf(f) {
  if (f.failure?.kind === "not-run" || isBlocked(f)) return "n";
  if (interruptedWithoutResult(f)) return "i";
  if (f.status === "failed") return "f";
  if (f.status === "skipped") return "s";
  return f.flaky ? "r" : "p";
});
var shownMs = (function shownMs(ms) {
  return Number.isFinite(ms) ? Math.min(Math.max(ms, 0), MAX_TIMER_MS) : 0;
});
var runView = (function runView(a, inWindow) {
  const env = a.environment;
  const error = a.diagnostics.find(((d) => d.level === "error"));
  const source = a.mode === "rerun-failed" ? a.selection.source : void 0;
  return {
    runId: a.runId,
    mode: a.mode,
    result: a.result,
    startedAt: a.startedAt,
    durationMs: shownMs(a.durationMs),
    summary: a.summary,
    unstarted: {
      blocked: a.fixtures.filter(isBlocked).length,
      notRun: a.fixtures.filter(((f) => f.failure?.kind === "not-run")).length
    },
    interrupted: a.interrupted === true,
    diagnosticsOnly: a.fixtures.length === 0 && a.diagnostics.length > 0,
    ...error ? {
      error: error.message
    } : {},
    ...source ? {
      rerun: {
        sourceRunId: source.runId,
        sourceInWindow: inWindow.has(source.runId),
        ...a.combined ? {
          combined: a.combined
        } : {}
      }
    } : {},
    ...a.selection.shard ? {
      shard: a.selection.shard
    } : {},
    deno: a.environment.deno,
    platform: `${a.environment.os} ${a.environment.arch}`,
    ...typeof env.hostname === "string" && env.hostname ? {
      host: env.hostname
    } : {},
    ci: a.environment.ci,
    ...servicesFailed(a.services) ? {
      servicesDown: a.services.filter(((s) => servicesFailed([
        s
      ]))).map((({ name, status }) => ({
        name,
        status
      })))
    } : {}
  };
});
var serviceView = (function serviceView(s, tailChars) {
  const exit = typeof s.exitCode === "number" ? `exit code ${s.exitCode}` : s.signal ? `killed by ${s.signal}` : void 0;
  const stdout = cutTail(s.stdoutTail, tailChars);
  const stderr = cutTail(s.stderrTail, tailChars);
  return {
    name: s.name,
    status: s.status,
    failed: servicesFailed([
      s
    ]),
    check: s.check,
    ...s.readyMs !== void 0 ? {
      readyMs: shownMs(s.readyMs)
    } : {},
    ...exit ? {
      exit
    } : {},
    ...s.reason ? {
      reason: s.reason
    } : {},
    ...stdout ? {
      stdout
    } : {},
    ...stderr ? {
      stderr
    } : {}
  };
});
var foldTimeline = (function foldTimeline(timeline) {
  const marks = [];
  let i = 0;
  while (i < timeline.length) {
    let end = i;
    while (end < timeline.length && timeline[end].diagnosticsOnly) end++;
    if (end - i < 2) {
      marks.push({
        kind: "run",
        run: timeline[i]
      });
      i++;
      continue;
    }
    const runs = timeline.slice(i, end);
    const preflights = runs.every(((run) => run.mode === "rerun-failed"));
    marks.push({
      kind: "nothing-ran",
      runs,
      label: `${runs.length} ${preflights ? "failed preflights" : "runs where nothing ran"}`,
      from: runs[0].startedAt,
      to: runs.at(-1).startedAt
    });
    i = end;
  }
  return marks;
});
var suiteOf = (function suiteOf(combined, record, inWindow) {
  if (!record) return {
    combined
  };
  return {
    combined,
    owed: {
      ...record.since ? {
        since: record.since
      } : {},
      sinceInWindow: record.since !== void 0 && inWindow.has(record.since),
      ids: record.outstanding.map(((o) => o.id)),
      unfinished: record.outstanding.filter(((o) => o.kind === "interrupted")).map(((o) => o.id)),
      unstarted: owedUnstarted(record.outstanding, combined.summary),
      neverStarted: Object.fromEntries(record.outstanding.flatMap(((o) => {
        const mark = owedMark(o.kind);
        return mark === "not run" || mark === "blocked" ? [
          [
            o.id,
            mark
          ]
        ] : [];
      })))
    }
  };
});
var exitText = (function exitText(f) {
  if (f.timedOut) return "timed out";
  if (f.signal) return `killed by ${f.signal}`;
  return f.exitCode === null ? "no exit code" : `exit code ${f.exitCode}`;
});
var buildReportModel = (function buildReportModel(history, options) {
  const command = options.command ?? "deno task smoke";
  const key = ((a) => `${a.startedAt}\0${a.runId}`);
  const sorted = [
    ...history.runs
  ].sort(((a, b) => key(a) < key(b) ? -1 : key(a) > key(b) ? 1 : 0));
  const window = sorted.slice(-Math.max(1, options.last));
  const inWindow = new Set(window.map(((a) => a.runId)));
  const totalRuns = Math.max(history.totalRuns ?? 0, sorted.length);
  const timeline = window.map(((a) => runView(a, inWindow)));
  const gridArtifacts = window.filter(((a) => a.fixtures.length > 0));
  const gridRuns = timeline.filter(((_, i) => window[i].fixtures.length > 0));
  const latestArtifact = gridArtifacts.at(-1);
  const cellsById = /* @__PURE__ */ new Map();
  const durations = /* @__PURE__ */ new Map();
  const tagsById = /* @__PURE__ */ new Map();
  gridArtifacts.forEach(((a, column) => {
    for (const f of a.fixtures) {
      tagsById.set(f.id, f.tags ?? []);
      let cells = cellsById.get(f.id);
      if (!cells) {
        cells = new Array(gridArtifacts.length).fill(".");
        cellsById.set(f.id, cells);
      }
      cells[column] = cellOf(f);
      if (f.status !== "skipped" && f.failure?.kind !== "interrupted" && !keptFromStarting(f)) {
        let list = durations.get(f.id);
        if (!list) durations.set(f.id, list = []);
        list.push(shownMs(f.durationMs));
      }
    }
  }));
  const grid = [];
  for (const [id, list] of cellsById) {
    const cells = list.join("");
    let failures2 = 0;
    let retryPasses = 0;
    for (const c of list) {
      if (c === "f") failures2++;
      else if (c === "r") retryPasses++;
    }
    grid.push({
      id,
      cells,
      ...flakiness(cells),
      failures: failures2,
      retryPasses,
      tags: tagsById.get(id) ?? []
    });
  }
  grid.sort(((a, b) => b.score - a.score || b.flips - a.flips || b.retryPasses - a.retryPasses || b.failures - a.failures || (a.id < b.id ? -1 : a.id > b.id ? 1 : 0)));
  const slowest = [
    ...durations
  ].map((([id, list]) => ({
    id,
    medianMs: median(list),
    p95Ms: percentile(list, 95),
    maxMs: Math.max(...list),
    samples: list.length
  }))).sort(((a, b) => b.p95Ms - a.p95Ms || b.medianMs - a.medianMs || (a.id < b.id ? -1 : 1))).slice(0, SLOWEST);
  let latest;
  const failures = [];
  if (latestArtifact) {
    const view = gridRuns.at(-1);
    const failed = blockedLast(latestArtifact.fixtures.filter(((f) => f.status === "failed")));
    const blockedOf = blockedMap(latestArtifact.fixtures);
    const dir = history.artifactDir ?? ".planning/artifacts/smoke";
    const artifactFlag = latestArtifact.runId === history.latestRunId ? "" : ` --artifact ${shellQuote([
      `${dir}/runs/${latestArtifact.runId}.json`
    ])}`;
    latest = {
      ...view,
      ago: timeAgo(new Date(view.startedAt), options.now),
      diagnostics: latestArtifact.diagnostics,
      recovered: latestArtifact.fixtures.filter(((f) => f.previousStatus === "failed" && f.status === "passed")).map(((f) => f.id)),
      ...latestArtifact.suite?.outstanding.length ?? failed.length ? {
        rerunCommand: `${command} --rerun-failed${artifactFlag}`
      } : {},
      ...latestArtifact.combined ? {
        suite: suiteOf(latestArtifact.combined, latestArtifact.suite, inWindow)
      } : {},
      ...latestArtifact.services?.length ? {
        services: latestArtifact.services.map(((s) => serviceView(s, options.tailChars ?? 4e3)))
      } : {}
    };
    const tailChars = options.tailChars ?? 4e3;
    let budget = options.tailBudget ?? 1e6;
    const last = gridArtifacts.length - 1;
    for (const f of failed) {
      const cells = cellsById.get(f.id);
      const interrupted = cells[last] === "i";
      let start = interrupted ? -1 : last;
      let ended = false;
      for (let i = last - 1; i >= 0 && !ended; i--) {
        if (cells[i] === "f") start = i;
        else if (!NEUTRAL_CELLS.has(cells[i])) ended = true;
      }
      if (start < 0) start = last;
      const excerpt2 = budget > 0 ? failureExcerpt(f, REPORT_EXCERPT).blocks : [];
      const stdout = budget > 0 ? cutTail(f.stdoutTail, tailChars) : void 0;
      const stderr = budget > 0 ? cutTail(f.stderrTail, tailChars) : void 0;
      budget -= (stdout?.text.length ?? 0) + (stderr?.text.length ?? 0) + excerpt2.reduce(((n, b) => n + b.lines.join("\n").length), 0);
      const message = f.failure?.message ?? "";
      failures.push({
        id: f.id,
        kind: f.failure?.kind ?? "unknown",
        message: message.length > MESSAGE_CHARS ? `${message.slice(0, MESSAGE_CHARS)}\u2026 (${message.length - MESSAGE_CHARS} more characters)` : message,
        attempts: f.attempts,
        durationMs: shownMs(f.durationMs),
        exit: exitText(f),
        ...excerpt2.length ? {
          excerpt: excerpt2
        } : {},
        ...stdout ? {
          stdout
        } : {},
        ...stderr ? {
          stderr
        } : {},
        tailsOmitted: !stdout && !stderr && Boolean(f.stdoutTail || f.stderrTail),
        ...history.fixtureFiles?.[f.id] ? {
          file: history.fixtureFiles[f.id]
        } : {},
        command: `${command} ${fixtureArgument(f.id)}`,
        failingSince: {
          runId: gridArtifacts[start].runId,
          startedAt: gridArtifacts[start].startedAt,
          runs: cells.slice(start).filter(((c) => c === "f")).length,
          maybeOlder: !ended && totalRuns > window.length,
          ...interrupted ? {
            interrupted: true
          } : {}
        },
        ...f.previousStatus ? {
          previousStatus: f.previousStatus
        } : {},
        ...blockedOf.has(f.id) ? {
          blocked: blockedOf.get(f.id)
        } : {},
        ...quarantinedFailure(f) ? {
          quarantined: {
            ...quarantinedFailure(f)
          }
        } : {}
      });
    }
  }
  const newest = timeline.at(-1);
  const newerError = newest && latest && newest.runId !== latest.runId && newest.diagnosticsOnly ? newest : void 0;
  return {
    generatedAt: options.now.toISOString(),
    ...history.artifactDir ? {
      artifactDir: history.artifactDir
    } : {},
    totalRuns,
    last: options.last,
    ...latest ? {
      latest
    } : {},
    ...newerError ? {
      newerError
    } : {},
    failures,
    timeline,
    marks: foldTimeline(timeline),
    gridRuns,
    grid,
    slowest,
    invalid: [
      ...history.invalid ?? []
    ]
  };
});

// lib/html_report/_assets.ts
import { createHash } from "node:crypto";
var REPORT_CSS = `
:root{color-scheme:light dark;--bg:#fff;--fg:#1f2328;--muted:#59636e;--border:#d1d9e0;--panel:#f6f8fa;
--pass:#1a7f37;--fail:#cf222e;--skip:#6e7781;--flaky:#9a6700;--error:#bc4c00;--link:#0969da;
--pass-bg:#dafbe1;--fail-bg:#ffebe9;--flaky-bg:#fff8c5;--bar2:#afb8c1}
@media (prefers-color-scheme:dark){:root{--bg:#0d1117;--fg:#e6edf3;--muted:#9198a1;--border:#3d444d;
--panel:#151b23;--pass:#3fb950;--fail:#f85149;--skip:#8b949e;--flaky:#d29922;--error:#db6d28;
--link:#4493f8;--pass-bg:#12261e;--fail-bg:#3a1a1f;--flaky-bg:#2e2614;--bar2:#3d444d}}
*{box-sizing:border-box}
body{margin:0;background:var(--bg);color:var(--fg);font:14px/1.5 system-ui,-apple-system,"Segoe UI",Roboto,sans-serif}
header,main,footer{max-width:1280px;margin:0 auto;padding:0 20px}
header{padding-top:16px}
h1{font-size:22px;margin:0 0 4px}
h2{font-size:18px;margin:32px 0 8px;padding-bottom:4px;border-bottom:1px solid var(--border)}
h3{font-size:15px;margin:0 0 6px;word-break:break-all}
a{color:var(--link)}
nav a{margin-right:14px}
.muted,footer{color:var(--muted)}
footer{padding:24px 20px}
code,pre{font:12px/1.45 ui-monospace,SFMono-Regular,Menlo,Consolas,monospace}
code{background:var(--panel);padding:1px 4px;border-radius:4px}
pre{background:var(--panel);border:1px solid var(--border);border-radius:6px;padding:8px 10px;
overflow:auto;max-height:360px;white-space:pre-wrap;word-break:break-all;margin:6px 0}
.verdict{display:flex;gap:20px;align-items:center;flex-wrap:wrap;border:1px solid var(--border);
border-left:8px solid var(--muted);border-radius:8px;padding:14px 18px;background:var(--panel)}
.verdict.pass{border-left-color:var(--pass)}.verdict.fail{border-left-color:var(--fail)}
.big{font-size:28px;font-weight:700;white-space:nowrap}
.pass .big,.pass>.sym{color:var(--pass)}.fail .big,.fail>.sym{color:var(--fail)}
.error .big,.error>.sym{color:var(--error)}
dl.facts{display:grid;grid-template-columns:max-content 1fr;gap:2px 14px;margin:0}
dl.facts dt{color:var(--muted)}dl.facts dd{margin:0}
.counts span{margin-right:12px;white-space:nowrap}
.t-pass{color:var(--pass)}.t-fail{color:var(--fail)}.t-skip{color:var(--skip)}.t-flaky{color:var(--flaky)}
.t-error{color:var(--error)}
.note{border:1px solid var(--border);border-left:4px solid var(--flaky);border-radius:6px;padding:6px 12px;
margin:10px 0;background:var(--panel)}
.note.bad{border-left-color:var(--fail)}
.failure{border:1px solid var(--border);border-left:4px solid var(--fail);border-radius:6px;
padding:10px 14px;margin:10px 0}
.failure .sym{color:var(--fail)}
.kind{font:12px ui-monospace,monospace;font-weight:400;color:var(--fail);border:1px solid var(--fail);
border-radius:10px;padding:0 7px;margin-left:6px;vertical-align:2px}
pre.msg{max-height:160px}
.failure.blocked{border-left-color:var(--flaky)}
.failure.blocked .sym,.kind.blocked{color:var(--flaky);border-color:var(--flaky)}
.failure.quarantined{border-left-color:var(--flaky);border-left-style:dashed}
.failure.quarantined .sym,.kind.quarantined,.t-quarantined{color:var(--flaky);border-color:var(--flaky)}
.excerpt-head{margin:8px 0 0}
.runs{max-height:420px;margin-top:10px}
.runs thead th{position:sticky;top:0;background:var(--panel)}
details summary{cursor:pointer;color:var(--link)}
.scroll{overflow:auto;border:1px solid var(--border);border-radius:6px}
table{border-collapse:collapse}
table.list{width:100%}
table.list th,table.list td{text-align:left;padding:3px 10px;border-bottom:1px solid var(--border);
white-space:nowrap}
table.list td.wrap{white-space:normal;word-break:break-all}
table .num{text-align:right;font-variant-numeric:tabular-nums}
table.list th.num,table.list td.num{text-align:right}
.timeline svg,.bars svg{display:block}
svg text{fill:var(--muted);font:10px system-ui,sans-serif}
svg .b-pass{fill:var(--pass)}svg .b-fail{fill:var(--fail)}svg .b-error{fill:var(--error)}
svg .axis{stroke:var(--border)}svg .link{fill:none;stroke:var(--link);stroke-width:1.2;opacity:.75}
svg .mark{fill:var(--link);font-size:15px;font-weight:700}svg .rr{stroke:var(--link);stroke-width:2}
svg .s-pass{fill:var(--pass)}svg .s-fail{fill:var(--fail)}svg .s-error{fill:var(--error)}
svg .median{fill:var(--link)}svg .p95{fill:var(--bar2)}
.legend span{margin-right:14px;white-space:nowrap}
.grid-wrap{max-height:75vh}
table.grid{font-size:12px}
table.grid th,table.grid td{border-bottom:1px solid var(--border);padding:1px 3px}
table.grid thead th{position:sticky;top:0;background:var(--panel);z-index:1;white-space:nowrap}
table.grid tbody th{position:sticky;left:0;background:var(--bg);text-align:left;font-weight:400;
white-space:nowrap;max-width:360px;overflow:hidden;text-overflow:ellipsis;padding-right:10px}
table.grid td{text-align:center;min-width:15px}
table.grid th.run a{text-decoration:none}
table.grid td.p{color:var(--pass)}table.grid td.f{color:var(--fail);background:var(--fail-bg)}
table.grid td.r{color:var(--flaky);background:var(--flaky-bg)}table.grid td.s,table.grid td.n,table.grid td.i{color:var(--skip)}
table.grid td.num{padding:1px 8px}
th button{font:inherit;color:var(--link);background:none;border:0;padding:0;cursor:pointer}
th[aria-sort=descending] button::after{content:" \u25BC"}th[aria-sort=ascending] button::after{content:" \u25B2"}
.controls{margin:8px 0;display:flex;gap:12px;align-items:center;flex-wrap:wrap}
.controls input,.controls select{font:inherit;padding:3px 6px;background:var(--bg);color:var(--fg);
border:1px solid var(--border);border-radius:4px}
:target{outline:2px solid var(--link)}
`.trim();
var REPORT_JS = `
(() => {
  "use strict";
  const table = document.getElementById("grid-table");
  const controls = document.getElementById("grid-controls");
  if (!table || !controls) return;
  const body = table.tBodies[0];
  const rows = Array.from(body.rows);
  const filter = document.getElementById("grid-filter");
  const only = document.getElementById("grid-only");
  const tag = document.getElementById("grid-tag");
  const count = document.getElementById("grid-count");
  controls.hidden = false;
  const keep = (row) => {
    const mode = only.value;
    if (mode === "flaky") return Number(row.dataset.flips) > 0 || Number(row.dataset.retries) > 0;
    if (mode === "failed") return Number(row.dataset.failures) > 0;
    if (mode === "latest") return row.cells[row.cells.length - 1].classList.contains("f");
    return true;
  };
  const apply = () => {
    const query = filter.value.trim().toLowerCase();
    let shown = 0;
    for (const row of rows) {
      const tagged = !tag || !tag.value || (row.dataset.tags || "").split(" ").includes(tag.value);
      const ok = (!query || row.dataset.id.toLowerCase().includes(query)) && keep(row) && tagged;
      row.hidden = !ok;
      if (ok) shown++;
    }
    count.textContent = shown + " of " + rows.length + " fixtures shown";
  };
  filter.addEventListener("input", apply);
  only.addEventListener("change", apply);
  if (tag) tag.addEventListener("change", apply);
  const headers = Array.from(table.tHead.querySelectorAll("th[data-sort]"));
  for (const th of headers) {
    const button = document.createElement("button");
    button.type = "button";
    button.textContent = th.textContent;
    th.textContent = "";
    th.append(button);
    button.addEventListener("click", () => {
      const key = th.dataset.sort;
      const descending = key === "id"
        ? th.getAttribute("aria-sort") === "ascending"
        : th.getAttribute("aria-sort") !== "descending";
      for (const other of headers) other.removeAttribute("aria-sort");
      th.setAttribute("aria-sort", descending ? "descending" : "ascending");
      const sign = descending ? -1 : 1;
      const value = (row) => key === "id" ? row.dataset.id : Number(row.dataset[key]);
      rows.sort((a, b) => {
        const x = value(a), y = value(b);
        const order = x < y ? -1 : x > y ? 1 : 0;
        return sign * order || (a.dataset.id < b.dataset.id ? -1 : 1);
      });
      body.append(...rows);
    });
  }
  apply();
})();
`.trim();
var sha256 = (function sha256(text) {
  return createHash("sha256").update(text, "utf8").digest("base64");
});
var REPORT_CSP = `default-src 'none'; style-src 'sha256-${sha256(REPORT_CSS)}'; script-src 'sha256-${sha256(REPORT_JS)}'; img-src 'none'; base-uri 'none'; form-action 'none'`;

// lib/html_report/_html.ts
var ESCAPES = {
  "&": "&amp;",
  "<": "&lt;",
  ">": "&gt;",
  '"': "&quot;",
  "'": "&#39;"
};
var escapeHtml = (function escapeHtml(text) {
  return escapeControls(text).replace(/[&<>"']/g, ((c) => ESCAPES[c]));
});
var CELL = {
  p: {
    symbol: "\u2713",
    label: "passed"
  },
  r: {
    symbol: "\u25D0",
    label: "passed on retry"
  },
  f: {
    symbol: "\u2717",
    label: "failed"
  },
  s: {
    symbol: "\u25CB",
    label: "skipped"
  },
  n: {
    symbol: "\u2298",
    label: "never started (blocked by a need, or not run)"
  },
  i: {
    symbol: "\u23F9",
    label: "interrupted (stopped by a signal: not counted as a result)"
  },
  ".": {
    symbol: "",
    label: "not in this run"
  }
};
var ownFailures = (function ownFailures(run) {
  return run.summary.failed - (run.summary.quarantined ?? 0) - run.unstarted.blocked - run.unstarted.notRun;
});
var verdictMark = (function verdictMark(run) {
  if (run.diagnosticsOnly) return {
    symbol: "!",
    cls: "error",
    word: "ERROR"
  };
  return run.result === "pass" ? {
    symbol: "\u2713",
    cls: "pass",
    word: "PASS"
  } : {
    symbol: "\u2717",
    cls: "fail",
    word: "FAIL"
  };
});
var formatTime = (function formatTime(iso) {
  const date = new Date(iso);
  if (Number.isNaN(date.getTime())) return iso;
  return `${date.toISOString().slice(0, 16).replace("T", " ")} UTC`;
});
var runAnchor = (function runAnchor(runId) {
  return `run-${escapeHtml(runId)}`;
});
var renderTail = (function renderTail(name, view) {
  if (!view) return "";
  const cut = view.cutChars ? `, ${view.cutChars.toLocaleString("en")} earlier characters cut` : "";
  return `<details><summary>${name} tail (${view.text.length.toLocaleString("en")} characters${cut})</summary><pre>${escapeHtml(view.text)}</pre></details>`;
});

// lib/html_report/html_services.ts
var serviceBadges = (function serviceBadges(services) {
  const down = services.filter(((s) => s.failed !== false));
  const fine = services.length - down.length;
  return [
    ...down.map(((s) => `<span class="kind" title="service ${escapeHtml(s.name)} ${escapeHtml(s.status)}">${escapeHtml(s.name)} ${escapeHtml(s.status)}</span>`)),
    ...fine ? [
      `<span class="t-pass">\u2713 ${fine} ready</span>`
    ] : []
  ].join(" ");
});
var statusCell = (function statusCell(s) {
  if (s.failed) return `<td class="t-fail">\u2717 ${escapeHtml(s.status)}</td>`;
  return s.status === "ready" || s.status === "reused" ? `<td class="t-pass">\u2713 ${escapeHtml(s.status)}</td>` : `<td class="t-skip">\u25CB ${escapeHtml(s.status)}</td>`;
});
var row = (function row(s) {
  return `<tr id="service-${escapeHtml(s.name)}"><td>${escapeHtml(s.name)}</td>${statusCell(s)}<td class="wrap">${escapeHtml(s.check)}</td><td class="num">${s.readyMs === void 0 ? "" : formatDuration(s.readyMs)}</td><td>${escapeHtml(s.exit ?? "")}</td><td class="wrap">${escapeHtml(s.reason ?? "")}</td><td class="wrap">${renderTail("stderr", s.stderr)}${renderTail("stdout", s.stdout)}</td></tr>`;
});
var renderServices = (function renderServices(latest) {
  const services = latest?.services;
  if (!services?.length) return "";
  const failed = services.filter(((s) => s.failed)).length;
  return `<section id="services"><h2>Services of the latest run (${services.length}${failed ? `, ${failed} failed` : ""})</h2><div class="scroll"><table class="list"><thead><tr><th>Service</th><th>Status</th><th>Ready check</th><th class="num">Ready in</th><th>Exit</th><th>Reason</th><th>Output</th></tr></thead><tbody>${services.map(row).join("")}</tbody></table></div></section>
`;
});

// lib/html_report/html_charts.ts
var PAD = 10;
var WIDTH = 1200;
var TOP = 40;
var HEIGHT = 110;
var runTitle = (function runTitle(run) {
  const mark = verdictMark(run);
  const parts = [
    run.runId,
    `${mark.word} \xB7 ${run.mode}${run.shard ? ` shard ${run.shard.index}/${run.shard.total}` : ""}`,
    formatTime(run.startedAt),
    run.diagnosticsOnly ? `nothing ran: ${run.error ?? "see the diagnostics"}` : `${run.summary.passed} passed, ${ownFailures(run)} failed, ` + (run.summary.quarantined ? `${run.summary.quarantined} quarantined, ` : "") + (run.unstarted.blocked ? `${run.unstarted.blocked} blocked, ` : "") + (run.unstarted.notRun ? `${run.unstarted.notRun} not run, ` : "") + `${run.summary.skipped} skipped in ${formatDuration(run.durationMs)}`
  ];
  if (run.rerun) {
    parts.push(`rerun of ${run.rerun.sourceRunId}`);
    if (run.rerun.combined) parts.push(`combined verdict: ${run.rerun.combined.result}`);
  }
  if (run.interrupted) parts.push("interrupted");
  return escapeHtml(parts.join("\n"));
});
var foldTitle = (function foldTitle(mark) {
  const newest = mark.runs.at(-1);
  return escapeHtml([
    `${mark.label}: nothing ran`,
    `${formatTime(mark.from)} to ${formatTime(mark.to)}`,
    `newest: ${newest.runId}`,
    newest.error ?? "see the diagnostics"
  ].join("\n"));
});
var renderTimeline = (function renderTimeline(model) {
  const runs = model.timeline;
  if (runs.length === 0) return `<p class="muted">No runs in the window.</p>`;
  const marks = model.marks;
  const slot = Math.max(10, Math.min(40, Math.floor((WIDTH - PAD * 2) / marks.length)));
  const GAP = Math.max(2, Math.round(slot / 4));
  const BAR = slot - GAP;
  const width = Math.max(320, PAD * 2 + marks.length * slot);
  const base = TOP + HEIGHT;
  const max = Math.max(1, ...runs.map(((r) => r.durationMs)));
  const x = ((i) => PAD + i * slot);
  const index = /* @__PURE__ */ new Map();
  marks.forEach(((mark, i) => {
    for (const run of mark.kind === "run" ? [
      mark.run
    ] : mark.runs) index.set(run.runId, i);
  }));
  const out = [];
  out.push(`<svg width="${width}" height="${base + 36}" viewBox="0 0 ${width} ${base + 36}" role="img" aria-label="Timeline of the last ${runs.length} runs">`, `<line class="axis" x1="0" x2="${width}" y1="${base + 0.5}" y2="${base + 0.5}"/>`);
  marks.forEach(((m, i) => {
    const cx = x(i) + BAR / 2;
    if (m.kind === "nothing-ran") {
      const newest = m.runs.at(-1);
      const mark2 = verdictMark(newest);
      out.push(`<a href="#${runAnchor(newest.runId)}" class="bar fold" data-runs="${m.runs.length}"><title>${foldTitle(m)}</title><rect class="b-${mark2.cls}" x="${x(i)}" y="${base - 6}" width="${BAR}" height="6" rx="2"/><text class="s-${mark2.cls}" x="${cx}" y="${base + 14}" text-anchor="middle">${mark2.symbol}\xD7${m.runs.length}</text></a>`);
      return;
    }
    const { run } = m;
    const mark = verdictMark(run);
    const h = run.diagnosticsOnly ? 6 : Math.max(4, Math.round(HEIGHT * run.durationMs / max));
    out.push(`<a href="#${runAnchor(run.runId)}" class="bar" data-run="${escapeHtml(run.runId)}"><title>${runTitle(run)}</title><rect class="b-${mark.cls}${run.rerun ? " rr" : ""}" x="${x(i)}" y="${base - h}" width="${BAR}" height="${h}" rx="2"/><text class="s-${mark.cls}" x="${cx}" y="${base + 14}" text-anchor="middle">${mark.symbol}</text></a>`);
    if (!run.rerun) return;
    const source = index.get(run.rerun.sourceRunId);
    if (source !== void 0) {
      const sx = x(source) + BAR / 2;
      const lift = Math.min(TOP - 6, 10 + (cx - sx) / 4);
      out.push(`<path class="link" d="M${sx},${TOP + 12} Q${(sx + cx) / 2},${TOP + 12 - lift * 2} ${cx},${TOP + 4}"/>`);
    }
    out.push(`<a href="#${runAnchor(run.rerun.sourceRunId)}" class="rerun-mark"><title>Rerun of ${escapeHtml(run.rerun.sourceRunId)}${source === void 0 ? " (outside the window)" : ""}</title><text class="mark" x="${cx}" y="${TOP + 16}" text-anchor="middle">\u21BB</text></a>`);
  }));
  const first = runs[0];
  const last = runs.at(-1);
  out.push(`<text x="${PAD}" y="${base + 30}">${escapeHtml(formatTime(first.startedAt))}</text>`, `<text x="${width - PAD}" y="${base + 30}" text-anchor="end">${escapeHtml(formatTime(last.startedAt))}</text>`, `</svg>`);
  return `<div class="scroll timeline">${out.join("")}</div><p class="legend muted"><span class="t-pass">\u2713 pass</span><span class="t-fail">\u2717 fail</span><span class="t-error">! nothing ran (preflight error; !\xD73: three in a row)</span><span>\u21BB rerun, arc from its source run</span><span>bar height: duration (longest ${formatDuration(max)})</span></p>`;
});
var tagSelect = (function tagSelect(grid) {
  const tags = [
    ...new Set(grid.flatMap(((row2) => row2.tags)))
  ].sort();
  if (tags.length === 0) return "";
  return `<label>Tag <select id="grid-tag"><option value="">all tags</option>` + tags.map(((tag) => `<option value="${escapeHtml(tag)}">${escapeHtml(tag)}</option>`)).join("") + `</select></label>`;
});
var renderGrid = (function renderGrid(model) {
  if (model.grid.length === 0) return `<p class="muted">No fixtures ran in the window.</p>`;
  const head = model.gridRuns.map(((run) => {
    const mark = verdictMark(run);
    return `<th class="run"><a class="t-${mark.cls}" href="#${runAnchor(run.runId)}" title="${runTitle(run)}">${run.rerun ? "\u21BB" : ""}${mark.symbol}</a></th>`;
  })).join("");
  const rows = [];
  for (const row2 of model.grid) {
    const id = escapeHtml(row2.id);
    let cells = "";
    for (const code of row2.cells) {
      cells += code === "." ? "<td></td>" : `<td class=${code}>${CELL[code].symbol}</td>`;
    }
    const tags = row2.tags.map(escapeHtml);
    rows.push(`<tr data-id="${id}" data-tags="${tags.length ? ` ${tags.join(" ")} ` : ""}" data-score="${row2.score.toFixed(4)}" data-flips="${row2.flips}" data-retries="${row2.retryPasses}" data-failures="${row2.failures}"><th scope="row" title="${id}">${id}${tags.length ? ` <span class="muted tags">${tags.join(" ")}</span>` : ""}</th><td class="num">${Math.round(row2.score * 100)}%</td><td class="num">${row2.flips}</td><td class="num">${row2.retryPasses}</td><td class="num">${row2.failures}</td>${cells}</tr>`);
  }
  return `<div id="grid-controls" class="controls" hidden><label>Filter <input id="grid-filter" type="search" placeholder="fixture id"></label><label>Show <select id="grid-only"><option value="all">all fixtures</option><option value="flaky">flaky (flips or retry passes)</option><option value="failed">failed at least once</option><option value="latest">failing in the latest run</option></select></label>` + tagSelect(model.grid) + `<span id="grid-count" class="muted"></span></div><p class="legend muted">` + [
    "p",
    "r",
    "f",
    "s",
    "n",
    "i"
  ].map(((c) => `<span class="t-${{
    p: "pass",
    r: "flaky",
    f: "fail",
    s: "skip",
    n: "skip",
    i: "skip"
  }[c]}">${CELL[c].symbol} ${CELL[c].label}</span>`)).join("") + `<span>blank: not in that run</span></p><p class="muted">Flips: status changes from run to run (a pass on retry counts as a fail, then a pass). Flakiness: flips over the chances to flip, from 0% (steady) to 100% (flips every time).</p><div class="scroll grid-wrap"><table id="grid-table" class="grid"><caption class="muted">${model.grid.length} fixtures \xD7 ${model.gridRuns.length} runs, oldest run first</caption><thead><tr><th data-sort="id">Fixture</th><th class="num" data-sort="score" aria-sort="descending">Flakiness</th><th class="num" data-sort="flips">Flips</th><th class="num" data-sort="retries">Retry passes</th><th class="num" data-sort="failures">Failures</th>${head}</tr></thead><tbody>${rows.join("\n")}</tbody></table></div>`;
});
var renderSlowest = (function renderSlowest(model) {
  if (model.slowest.length === 0) return `<p class="muted">No durations in the window.</p>`;
  const max = Math.max(1, ...model.slowest.map(((s) => s.p95Ms)));
  const W = 400;
  const rows = model.slowest.map(((s) => {
    const p95 = Math.max(1, Math.round(W * s.p95Ms / max));
    const med = Math.max(1, Math.round(W * s.medianMs / max));
    return `<tr><td class="wrap">${escapeHtml(s.id)}</td><td class="num">${formatDuration(s.medianMs)}</td><td class="num">${formatDuration(s.p95Ms)}</td><td class="num">${formatDuration(s.maxMs)}</td><td class="num">${s.samples}</td><td><svg width="${W}" height="14" viewBox="0 0 ${W} 14" role="img" aria-label="median ${formatDuration(s.medianMs)}, p95 ${formatDuration(s.p95Ms)}"><rect class="p95" x="0" y="1" width="${p95}" height="12" rx="2"/><rect class="median" x="0" y="4" width="${med}" height="6" rx="1"/></svg></td></tr>`;
  }));
  return `<div class="scroll bars"><table class="list"><thead><tr><th>Fixture</th><th class="num">Median</th><th class="num">p95</th><th class="num">Max</th><th class="num">Runs</th><th>Median (dark) and p95 (light)</th></tr></thead><tbody>${rows.join("")}</tbody></table></div>`;
});

// lib/html_report/suggestions.ts
var CANDIDATE_THRESHOLD = {
  minFlips: 2,
  minRate: 0.2
};
var quarantineCandidates = (function quarantineCandidates(grid, quarantined, threshold = CANDIDATE_THRESHOLD) {
  return grid.filter(((row2) => !quarantined.has(row2.id) && row2.flips >= threshold.minFlips && row2.score >= threshold.minRate)).map(((row2) => ({
    id: row2.id,
    flips: row2.flips,
    runs: row2.observed,
    rate: row2.score
  }))).sort(((a, b) => b.rate - a.rate || b.flips - a.flips || (a.id < b.id ? -1 : 1)));
});
var daysBetween = (function daysBetween(today, until) {
  return Math.round((Date.parse(`${until}T00:00:00Z`) - Date.parse(`${today}T00:00:00Z`)) / 864e5);
});
var quarantineStatus = (function quarantineStatus(entries, today) {
  return entries.map((({ entry }) => ({
    id: entry.id,
    owner: entry.owner,
    reason: entry.reason,
    until: entry.until,
    daysLeft: daysBetween(today, entry.until)
  })));
});
var daysLeftText = (function daysLeftText(daysLeft) {
  const days = ((n) => `${n} day${n === 1 ? "" : "s"}`);
  if (daysLeft > 0) return `${days(daysLeft)} left`;
  if (daysLeft === 0) return "last day today";
  return `expired ${days(-daysLeft)} ago`;
});
var suiteVerdict = (function suiteVerdict(run) {
  return (run.combined?.result ?? run.result) === "pass" ? "pass" : "fail";
});
var stoppedWithoutVerdict = (function stoppedWithoutVerdict(run) {
  return run.interrupted === true && !servicesFailed(run.services) && run.fixtures.every(((f) => f.status !== "failed" || interruptedWithoutResult(f) || isBlocked(f) || f.quarantined !== void 0));
});
var latestRed = (function latestRed(runs, options) {
  const key = ((a) => `${a.startedAt}\0${a.runId}`);
  const sorted = [
    ...runs
  ].sort(((a, b) => key(a) < key(b) ? -1 : key(a) > key(b) ? 1 : 0));
  const window = sorted.slice(-Math.max(1, options.last));
  const ran = window.filter(((a) => a.fixtures.length > 0 && !stoppedWithoutVerdict(a)));
  let lastRed = -1;
  for (let i = ran.length - 1; i >= 0 && lastRed < 0; i--) {
    if (suiteVerdict(ran[i]) === "fail") lastRed = i;
  }
  if (lastRed < 0) return void 0;
  let first = lastRed;
  while (first > 0 && suiteVerdict(ran[first - 1]) === "fail") first--;
  const firstRed = ran[first];
  const green = ran[lastRed + 1];
  const end = green ? Date.parse(green.finishedAt) : options.now.getTime();
  const older = Math.max(options.totalRuns ?? 0, sorted.length) > window.length;
  return {
    firstRed: {
      runId: firstRed.runId,
      finishedAt: firstRed.finishedAt
    },
    ...green ? {
      green: {
        runId: green.runId,
        finishedAt: green.finishedAt
      }
    } : {},
    runs: (green ? lastRed + 2 : ran.length) - first,
    ms: Math.max(0, end - Date.parse(firstRed.finishedAt)),
    maybeOlder: first === 0 && older
  };
});
var buildSuggestions = (function buildSuggestions(input) {
  const threshold = input.threshold ?? CANDIDATE_THRESHOLD;
  const red = latestRed(input.runs, input);
  return {
    window: Math.min(input.runs.length, Math.max(1, input.last)),
    threshold,
    candidates: quarantineCandidates(input.grid, input.quarantine?.protects ?? /* @__PURE__ */ new Set(), threshold),
    quarantine: quarantineStatus(input.quarantine?.entries ?? [], input.now.toISOString().slice(0, 10)),
    ...red ? {
      red
    } : {}
  };
});
var formatSpan = (function formatSpan(ms) {
  const s = Math.floor(Math.max(0, ms) / 1e3);
  if (s < 60) return `${s}s`;
  const m = Math.floor(s / 60);
  if (m < 60) return `${m}m`;
  const h = Math.floor(m / 60);
  if (h < 24) return `${h}h ${m % 60}m`;
  return `${Math.floor(h / 24)}d ${h % 24}h`;
});
var candidateText = (function candidateText(c) {
  return `${c.id} flipped ${c.flips} time${c.flips === 1 ? "" : "s"} in ${c.runs} runs (${Math.round(c.rate * 100)}%)`;
});
var redText = (function redText(red, now) {
  const runs = `${red.maybeOlder ? "at least " : ""}${red.runs} run${red.runs === 1 ? "" : "s"}`;
  if (!red.green) {
    return `Red since run ${red.firstRed.runId} (${timeAgo(new Date(red.firstRed.finishedAt), now)}, ${runs})`;
  }
  return `Time to green of the latest red: ${red.maybeOlder ? "at least " : ""}${formatSpan(red.ms)} (run ${red.firstRed.runId} failed ... run ${red.green.runId} green, ${runs})`;
});
var renderSuggestions = (function renderSuggestions(s, now) {
  const lastRuns = `the last ${s.window} run${s.window === 1 ? "" : "s"}`;
  const lines = [];
  const rule = `${s.threshold.minFlips}+ flips, on ${Math.round(s.threshold.minRate * 100)}%+ of the chances to flip`;
  if (s.candidates.length) {
    lines.push(`Quarantine candidates (${rule}, in ${lastRuns}):`);
    for (const c of s.candidates) lines.push(`  ${candidateText(c)}`);
  } else {
    lines.push(`Quarantine candidates: none (${rule}, in ${lastRuns})`);
  }
  if (s.quarantine.length) {
    lines.push(`Quarantined (${s.quarantine.length} entr${s.quarantine.length === 1 ? "y" : "ies"}):`);
    for (const q of s.quarantine) {
      lines.push(`  ${q.id}: ${q.owner}, ${daysLeftText(q.daysLeft)} (${q.reason})`);
    }
  }
  lines.push(s.red ? redText(s.red, now) : `No red run in ${lastRuns}.`);
  return lines;
});

// lib/html_report/html_suggestions.ts
var renderSuggestionsHtml = (function renderSuggestionsHtml(s, now) {
  const runs = `the last ${s.window} run${s.window === 1 ? "" : "s"}`;
  const rule = `${s.threshold.minFlips}+ flips, on ${Math.round(s.threshold.minRate * 100)}%+ of the chances to flip`;
  const out = [
    `<section id="suggestions"><h2>Suggestions</h2>`
  ];
  out.push(`<h3>Quarantine candidates</h3><p class="muted">${escapeHtml(rule)}, in ${escapeHtml(runs)}.</p>`);
  out.push(s.candidates.length ? `<ul>${s.candidates.map(((c) => `<li>${escapeHtml(candidateText(c))}</li>`)).join("")}</ul>` : `<p>None.</p>`);
  if (s.quarantine.length) {
    out.push(`<h3>Quarantined</h3><ul>${s.quarantine.map(((q) => `<li><code>${escapeHtml(q.id)}</code>: ${escapeHtml(q.owner)}, <span class="${q.daysLeft < 0 ? "t-fail" : "muted"}">${escapeHtml(daysLeftText(q.daysLeft))}</span> (${escapeHtml(q.reason)})</li>`)).join("")}</ul>`);
  }
  out.push(`<h3>Time to green</h3><p>${s.red ? escapeHtml(redText(s.red, now)) : `No red run in ${escapeHtml(runs)}.`}</p></section>`);
  return out.join("\n");
});

// lib/html_report/html.ts
var e = escapeHtml;
var counts = (function counts(summary, unstarted = {
  blocked: 0,
  notRun: 0
}) {
  const quarantined = summary.quarantined ?? 0;
  const { blocked, notRun } = unstarted;
  return `<span class="t-pass">\u2713 ${summary.passed} passed</span><span class="t-fail">\u2717 ${ownFailures({
    summary,
    unstarted
  })} failed</span>` + (quarantined ? `<span class="t-quarantined">\u2691 ${quarantined} quarantined failure${quarantined === 1 ? "" : "s"}</span>` : "") + (blocked ? `<span class="t-skip">\u2298 ${blocked} blocked</span>` : "") + (notRun ? `<span class="t-skip">\u2298 ${notRun} not run</span>` : "") + `<span class="t-skip">\u25CB ${summary.skipped} skipped</span><span class="t-flaky">\u25D0 ${summary.flaky} flaky</span>`;
});
var runLink = (function runLink(runId, inWindow) {
  return inWindow ? `<a href="#${runAnchor(runId)}"><code>${e(runId)}</code></a>` : `<code>${e(runId)}</code> <span class="muted">(outside the report window)</span>`;
});
var fact = (function fact(term, value) {
  return `<dt>${term}</dt><dd>${value}</dd>`;
});
var MAX_OWED_IDS = 50;
var owedText = (function owedText(owed) {
  const since = owed.since ? `since run ${runLink(owed.since, owed.sinceInWindow)}` : `<span class="muted">(no full run on record)</span>`;
  const n = owed.ids.length;
  if (n === 0) return `<span class="t-pass">nothing outstanding</span> ${since}`;
  const unfinished = new Set(owed.unfinished);
  const why = ((id) => unfinished.has(id) ? "unfinished" : Object.hasOwn(owed.neverStarted, id) ? owed.neverStarted[id] : void 0);
  const ids = owed.ids.slice(0, MAX_OWED_IDS).map(((id) => {
    const mark = why(id);
    return `<code>${e(id)}</code>${mark ? ` <span class="muted">(${mark})</span>` : ""}`;
  })).join(" ") + (n > MAX_OWED_IDS ? ` \u2026 and ${n - MAX_OWED_IDS} more` : "");
  const never = Object.keys(owed.neverStarted).length;
  const what = never ? `${n} still owed (${n - never} failing, ${never} never started)` : `${n} still failing`;
  return `<span class="t-fail">${what}</span> ${since}: ${ids}`;
});
var renderLatest = (function renderLatest(model) {
  const out = [
    `<section id="latest"><h2>Latest run</h2>`
  ];
  if (model.newerError) {
    const run = model.newerError;
    out.push(`<p class="note bad"><strong class="t-error">! Nothing ran</strong> in the newest run ${runLink(run.runId, true)} (${e(formatTime(run.startedAt))}): ${e(run.error ?? "see its diagnostics")}</p>`);
  }
  const latest = model.latest;
  if (!latest) {
    out.push(`<p class="muted">No run in the window ran any fixture.</p></section>`);
    return out.join("");
  }
  const mark = verdictMark(latest);
  const facts = [
    fact("Run", runLink(latest.runId, true)),
    fact("Mode", e(latest.mode) + (latest.shard ? ` (shard ${latest.shard.index}/${latest.shard.total})` : "")),
    fact("When", `${e(formatTime(latest.startedAt))} <span class="muted">(${e(latest.ago)})</span>`),
    fact("Duration", formatDuration(latest.durationMs)),
    fact("Deno", `${e(latest.deno)} <span class="muted">${e(latest.platform)}</span>`),
    fact("Host", `${latest.host ? e(latest.host) : `<span class="muted">unknown</span>`}${latest.ci ? " (CI)" : ""}`)
  ];
  if (latest.rerun) {
    facts.push(fact("Rerun of", runLink(latest.rerun.sourceRunId, latest.rerun.sourceInWindow)));
    const combined = latest.rerun.combined;
    if (combined) {
      const c = verdictMark({
        result: combined.result,
        diagnosticsOnly: false
      });
      facts.push(fact("Combined", `<strong class="t-${c.cls}">${c.symbol} ${c.word}</strong> over the source run with this rerun's results in place: <span class="counts">${counts(combined.summary, latest.suite?.owed?.unstarted)}</span>`));
    }
    if (latest.recovered.length) {
      facts.push(fact("Recovered", latest.recovered.map(((id) => `<code>${e(id)}</code>`)).join(" ")));
    }
  }
  const suite = latest.suite;
  if (suite && !latest.rerun) {
    const c = verdictMark({
      result: suite.combined.result,
      diagnosticsOnly: false
    });
    facts.push(fact("Suite verdict", `<strong class="t-${c.cls}">${c.symbol} ${c.word}</strong> with this run's results in place: <span class="counts">${counts(suite.combined.summary, suite.owed?.unstarted)}</span>`));
  }
  if (suite?.owed) facts.push(fact("Suite", owedText(suite.owed)));
  if (latest.services) facts.push(fact("Services", serviceBadges(latest.services)));
  out.push(`<div class="verdict ${mark.cls}"><div class="big">${mark.symbol} ${mark.word}</div><div>`, `<p class="counts">${counts(latest.summary, latest.unstarted)}</p><dl class="facts">${facts.join("")}</dl>`, `</div></div>`);
  if (latest.result === "pass" && suite?.combined.result === "fail") {
    const n = suite.owed?.ids.length ?? suite.combined.summary.failed;
    out.push(`<p class="note bad"><strong class="t-fail">\u2717 The suite still fails</strong>: this run passed, but ${n} fixture${n === 1 ? " is" : "s are"} still failing.${latest.rerunCommand ? ` Rerun ${n === 1 ? "it" : "them"}: <code>${e(latest.rerunCommand)}</code>` : ""}</p>`);
  }
  if (latest.interrupted) {
    out.push(`<p class="note bad">The run was interrupted: the fixtures it stopped are recorded as failed (kind <code>interrupted</code>) and still owed, but the grid marks them ${CELL.i.symbol} and does not count them as results.</p>`);
  }
  for (const d of latest.diagnostics) {
    out.push(`<p class="note${d.level === "error" ? " bad" : ""}"><strong>${e(d.level)}</strong> <code>${e(d.code)}</code>: ${e(d.message)}${d.hint ? `<br><span class="muted">${e(d.hint)}</span>` : ""}</p>`);
  }
  out.push(`</section>`);
  return out.join("");
});
var excerpt = (function excerpt(blocks) {
  return (blocks ?? []).map(((b) => `<p class="excerpt-head muted">${e(b.heading)}</p><pre class="excerpt">${e(b.lines.join("\n"))}</pre>`)).join("");
});
var endedPhrase = (function endedPhrase(ended) {
  return ended === "failed" || ended === "did not pass" ? ended : ended === "not run" ? "did not run" : `was ${ended}`;
});
var renderBlocked = (function renderBlocked(f, blocked) {
  const facts = [
    fact("Needs", `<code>${e(blocked.by)}</code>, which ${e(endedPhrase(blocked.ended))} in this run`),
    fact("Rerun it", `<code>${e(f.command)}</code> (runs its needs first)`)
  ];
  return `<article class="failure blocked" id="failure-${e(f.id)}" data-fixture="${e(f.id)}"><h3><span class="sym">\u2298</span> ${e(f.id)} <span class="kind blocked">blocked by ${e(blocked.by)}</span></h3><dl class="facts">${facts.join("")}</dl></article>`;
});
var quarantineBadge = (function quarantineBadge(q) {
  return `<span class="kind quarantined" title="${e(q.reason)}">quarantined until ${e(q.until)}, owner ${e(q.owner)}</span>`;
});
var renderFailure = (function renderFailure(f, model) {
  if (f.blocked) return renderBlocked(f, f.blocked);
  const q = f.quarantined;
  const since = f.failingSince;
  const stopped = since.interrupted ? "; this run was interrupted before it had a result" : "";
  const sinceText = since.runs === 0 ? "no failure of its own: this run was interrupted before it had a result" : since.runs <= 1 && !since.maybeOlder && !since.interrupted ? "this run (it did not fail in the run before)" : `${runLink(since.runId, true)} (${e(formatTime(since.startedAt))}): failed in ${since.runs} run${since.runs === 1 ? "" : "s"} in a row${since.maybeOlder ? ", maybe longer" : ""}${stopped}`;
  const facts = [
    fact("Exit", `${e(f.exit)} \xB7 ${f.attempts} attempt${f.attempts === 1 ? "" : "s"} \xB7 ${formatDuration(f.durationMs)}`),
    fact("Failing since", sinceText)
  ];
  if (f.previousStatus) facts.push(fact("In the source run", e(f.previousStatus)));
  if (f.file) {
    facts.push(fact("File", `<code>${e(f.file.file)}</code>${f.file.manifest && f.file.manifest !== f.file.file ? ` \xB7 manifest <code>${e(f.file.manifest)}</code>` : ""}`));
  }
  if (q) {
    facts.push(fact("Quarantined", `until ${e(q.until)}, owner ${e(q.owner)}: ${e(q.reason)} (does not fail the run)`));
  }
  facts.push(fact("Rerun it", `<code>${e(f.command)}</code>`));
  const omitted = f.tailsOmitted ? `<p class="muted">Output tails left out to keep the page small; they are in <code>runs/${e(model.latest?.runId ?? "")}.json</code>.</p>` : "";
  return `<article class="failure${q ? " quarantined" : ""}" id="failure-${e(f.id)}" data-fixture="${e(f.id)}"><h3><span class="sym">${q ? "\u2691" : "\u2717"}</span> ${e(f.id)} <span class="kind">${e(f.kind)}</span>${q ? ` ${quarantineBadge(q)}` : ""}</h3>` + (f.message ? `<pre class="msg">${e(f.message)}</pre>` : "") + `<dl class="facts">${facts.join("")}</dl>${excerpt(f.excerpt)}${renderTail("stderr", f.stderr)}${renderTail("stdout", f.stdout)}${omitted}</article>`;
});
var renderFailures = (function renderFailures(model) {
  const blocked = model.failures.filter(((f) => f.blocked)).length;
  const quarantined = model.failures.filter(((f) => f.quarantined)).length;
  const apart = [
    ...quarantined ? [
      `${quarantined} quarantined`
    ] : [],
    ...blocked ? [
      `${blocked} blocked`
    ] : []
  ];
  const own = model.failures.length - blocked - quarantined;
  const out = [
    `<section id="failures"><h2>Failures of the latest run (${apart.length ? `${own}, ${apart.length === 2 ? `${apart[0]}, ` : ""}and ${apart.at(-1)}` : own})</h2>`
  ];
  if (!model.latest) out.push(`<p class="muted">No run yet.</p>`);
  else if (model.failures.length === 0) {
    out.push(`<p class="t-pass">\u2713 Nothing failed in the latest run.</p>`);
  } else {
    if (model.latest.rerunCommand) {
      out.push(`<p>Rerun them all: <code>${e(model.latest.rerunCommand)}</code></p>`);
    }
    for (const f of model.failures) out.push(renderFailure(f, model));
  }
  out.push(`</section>`);
  return out.join("");
});
var renderRuns = (function renderRuns(runs) {
  const rows = [
    ...runs
  ].reverse().map(((run) => {
    const mark = verdictMark(run);
    const source = run.rerun ? `${runLink(run.rerun.sourceRunId, run.rerun.sourceInWindow)}${run.rerun.combined ? (((c) => ` \xB7 combined <span class="t-${c.cls}">${c.symbol} ${c.word}</span>`))(verdictMark({
      result: run.rerun.combined.result,
      diagnosticsOnly: false
    })) : ""}` : "";
    const mode = e(run.mode) + (run.shard ? ` ${run.shard.index}/${run.shard.total}` : "") + (run.interrupted ? " (interrupted)" : "");
    return `<tr id="${runAnchor(run.runId)}"><td><code>${e(run.runId)}</code></td><td>${e(formatTime(run.startedAt))}</td><td>${mode}</td><td class="t-${mark.cls}">${mark.symbol} ${mark.word}${run.servicesDown ? ` ${serviceBadges(run.servicesDown)}` : ""}</td>` + (run.diagnosticsOnly ? `<td class="wrap" colspan="5">${e(run.error ?? "nothing ran")}</td>` : `<td class="num">${run.summary.passed}</td><td class="num">${ownFailures(run)}</td><td class="num">${run.summary.skipped}</td><td class="num">${run.summary.flaky}</td><td class="num">${formatDuration(run.durationMs)}</td>`) + `<td>${e(run.host ?? "")}</td><td>${source}</td></tr>`;
  }));
  return `<div class="scroll runs"><table class="list"><thead><tr><th>Run</th><th>Started</th><th>Mode</th><th>Result</th><th class="num" title="passed">\u2713</th><th class="num" title="failed (quarantined, blocked and not-run fixtures apart)">\u2717</th><th class="num" title="skipped">\u25CB</th><th class="num" title="passed on retry">\u25D0</th><th class="num">Duration</th><th>Host</th><th>Rerun of</th></tr></thead><tbody>${rows.join("")}</tbody></table></div>`;
});
var renderInvalid = (function renderInvalid(model) {
  if (model.invalid.length === 0) return "";
  const items = model.invalid.map(((i) => `<li><code>${e(i.file)}</code><pre>${e(i.reason)}</pre></li>`));
  return `<section id="invalid"><h2>Invalid artifacts (${model.invalid.length})</h2><p>These files in <code>runs/</code> are not valid smoke artifacts and were left out:</p><ul>${items.join("")}</ul></section>`;
});
var renderReportHtml = (function renderReportHtml(model, suggestions) {
  const latest = model.latest;
  const mark = latest ? verdictMark(latest) : void 0;
  const suiteMark = latest?.suite ? verdictMark({
    result: latest.suite.combined.result,
    diagnosticsOnly: false
  }) : void 0;
  const title = latest ? `smoke report: ${mark.symbol} ${mark.word}, ${ownFailures(latest)} failed${latest.summary.quarantined ? `, ${latest.summary.quarantined} quarantined` : ""}${latest.unstarted.blocked ? `, ${latest.unstarted.blocked} blocked` : ""}${latest.unstarted.notRun ? `, ${latest.unstarted.notRun} not run` : ""}${suiteMark ? ` \xB7 suite ${suiteMark.symbol} ${suiteMark.word}` : ""}` : "smoke report: no runs";
  const windowNote = model.totalRuns > model.timeline.length ? `the last ${model.timeline.length} of ${model.totalRuns} runs` : `${model.timeline.length} run${model.timeline.length === 1 ? "" : "s"}`;
  const invalidNote = model.invalid.length ? `<p class="note"><a href="#invalid">${model.invalid.length} artifact file${model.invalid.length === 1 ? " was" : "s were"} left out</a> as invalid.</p>` : "";
  return `<!doctype html>
<html lang="en"><head><meta charset="utf-8">
<meta http-equiv="Content-Security-Policy" content="${REPORT_CSP}">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta name="color-scheme" content="light dark">
<title>${e(title)}</title>
<style>${REPORT_CSS}</style></head>
<body><header><h1>smoke report</h1>
<p class="muted">${windowNote}${model.artifactDir ? ` from <code>${e(model.artifactDir)}</code>` : ""} \xB7 made ${e(formatTime(model.generatedAt))}</p>
<nav><a href="#latest">Latest</a>${latest?.services ? `<a href="#services">Services</a>` : ""}<a href="#failures">Failures</a><a href="#timeline">Timeline</a><a href="#grid">Fixtures \xD7 runs</a><a href="#slowest">Slowest</a>${model.invalid.length ? `<a href="#invalid">Invalid</a>` : ""}</nav>${invalidNote}</header>
<main>
${renderLatest(model)}
${renderServices(model.latest)}${renderFailures(model)}
<section id="timeline"><h2>Timeline</h2>${renderTimeline(model)}${model.timeline.length ? renderRuns(model.timeline) : ""}</section>
<section id="grid"><h2>Fixtures \xD7 runs</h2>${renderGrid(model)}</section>
<section id="slowest"><h2>Slowest fixtures</h2>${renderSlowest(model)}</section>
${suggestions ? renderSuggestionsHtml(suggestions, new Date(model.generatedAt)) : ""}
${renderInvalid(model)}
</main>
<footer>Made by smoke. Status symbols: \u2713 pass, \u2717 fail, \u25D0 passed on retry, \u25CB skipped, ! nothing ran.
</footer>
<script>${REPORT_JS}<\/script>
</body></html>
`;
});

// lib/cli/report_suggestions.ts
var reportSuggestions = (function reportSuggestions(model, history, options) {
  const ids = [
    .../* @__PURE__ */ new Set([
      ...options.catalogIds,
      ...model.grid.map(((row2) => row2.id))
    ])
  ].sort();
  const { protects } = resolveQuarantine(options.quarantine, ids, dayOf(options.now));
  return buildSuggestions({
    grid: model.grid,
    runs: history.runs,
    last: options.last,
    ...model.totalRuns !== void 0 ? {
      totalRuns: model.totalRuns
    } : {},
    now: options.now,
    quarantine: {
      entries: options.quarantine,
      protects: new Set(protects.keys())
    }
  });
});

// lib/cli/report_command.ts
var DEFAULT_LAST = 50;
var writeReport = (async function writeReport(options) {
  const last = options.last ?? DEFAULT_LAST;
  const history = await readHistory(options.artifactDir, {
    last,
    shownDir: options.shownDir
  });
  const model = buildReportModel({
    ...history,
    ...options.fixtureFiles ? {
      fixtureFiles: options.fixtureFiles
    } : {}
  }, {
    last,
    now: options.now,
    command: options.command
  });
  const suggestions = options.suggest && reportSuggestions(model, history, {
    last,
    now: options.now,
    ...options.suggest
  });
  const html = new TextEncoder().encode(renderReportHtml(model, suggestions));
  await stopIfInterrupted(options.signal, "the HTML report was not written");
  const path = options.out ?? join(options.artifactDir, REPORT_FILE);
  await writeOutputFile(path, html, {
    what: "the HTML report",
    shown: path
  });
  return {
    path,
    runs: history.runs.length,
    invalid: history.invalid,
    bytes: html.length,
    ...suggestions ? {
      suggestions
    } : {}
  };
});
var fixtureFiles = (function fixtureFiles(cwd, fixturesDir) {
  try {
    const catalog = readCatalog({
      cwd,
      fixturesDir: resolve(cwd, fixturesDir)
    });
    return Object.fromEntries(catalog.map(((f) => [
      f.id,
      {
        file: f.file,
        ...f.manifestFile ? {
          manifest: f.manifestFile
        } : {}
      }
    ])));
  } catch (error) {
    if (error instanceof UserError) return {};
    throw error;
  }
});
var warnInvalid = (function warnInvalid(io, invalid) {
  for (const i of invalid) {
    io.stderr(formatWarning({
      code: "INVALID_ARTIFACT",
      message: `Left "${i.file}" out of the report: ${i.reason.split("\n").join("; ")}`
    }));
  }
});
var runReport = (async function runReport(flags, io) {
  const config = await loadConfig(flags, io.cwd);
  const options = resolveOptions(flags, config, 1);
  const page = flags.out ?? join(options.artifactDir, REPORT_FILE);
  checkOutputFile(resolve(io.cwd, page), {
    artifactDir: resolve(io.cwd, options.artifactDir),
    shown: page,
    label: "the HTML report"
  });
  const files = fixtureFiles(io.cwd, options.fixturesDir);
  const quarantine = await loadQuarantine(config, {
    cwd: io.cwd,
    configShown: flags.config ?? "smoke.jsonc"
  });
  const written = await writeReport({
    artifactDir: resolve(io.cwd, options.artifactDir),
    shownDir: options.artifactDir,
    ...flags.out ? {
      out: resolve(io.cwd, flags.out)
    } : {},
    last: flags.last ?? DEFAULT_LAST,
    now: io.now(),
    command: smokeCommand(io.invocation, flags),
    fixtureFiles: files,
    suggest: {
      quarantine,
      catalogIds: Object.keys(files)
    },
    ...io.signal ? {
      signal: io.signal
    } : {}
  });
  warnInvalid(io, written.invalid);
  const invalid = written.invalid.length ? `, ${written.invalid.length} invalid left out` : "";
  const suggested = written.suggestions ? renderSuggestions(written.suggestions, io.now()).map(((line) => line + "\n")).join("") : "";
  await stopIfInterrupted(io.signal, `the HTML report was written (${displayPath(written.path, io.cwd)})`);
  io.stdout(`HTML report: ${displayPath(written.path, io.cwd)} (${written.runs} run${written.runs === 1 ? "" : "s"}${invalid})
Open: ${pathToFileURL(written.path).href}
${suggested}${resultLine("pass")}
`);
  return ExitCode.Pass;
});
var createReportReporter = (function createReportReporter(context) {
  const { flags, options, io } = context;
  return {
    async onEnd(run) {
      const files = {};
      for (const end of run.ends) {
        const f = end.planned?.fixture;
        if (f) {
          files[f.id] = {
            file: f.file,
            ...f.manifestFile ? {
              manifest: f.manifestFile
            } : {}
          };
        }
      }
      const written = await writeReport({
        artifactDir: resolve(io.cwd, options.artifactDir),
        shownDir: options.artifactDir,
        now: io.now(),
        command: smokeCommand(io.invocation, flags),
        fixtureFiles: files
      });
      warnInvalid(io, written.invalid);
      io.stdout(`HTML report: ${displayPath(written.path, io.cwd)}
`);
    }
  };
});
export {
  DEFAULT_LAST,
  REPORT_FILE,
  createReportReporter,
  readHistory,
  runReport,
  writeReport
};
//# sourceMappingURL=report_command.js.map
