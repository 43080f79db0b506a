import {
  formatDuration,
  palette,
  renderRepeat
} from "./chunk-JXGFLTXX.js";
import {
  isBlocked
} from "./chunk-25NTBGEA.js";
import {
  idList
} from "./chunk-2N47EPJ5.js";
import {
  notReadyService
} from "./chunk-VPM3V57A.js";
import {
  resultLine
} from "./chunk-XRBLM22N.js";

// lib/reporters/console_summary.ts
var suiteLine = (function suiteLine(suite, colors) {
  const since = suite.since ? `since run ${suite.since}` : "(no full run on record)";
  const n = suite.outstanding.length;
  const gone = suite.notInCatalog ? `; ${suite.notInCatalog} more owed, not in the catalog now` : "";
  if (n === 0) {
    return gone ? colors.yellow(`Suite: nothing outstanding in the catalog ${since}${gone}`) : colors.green(`Suite: nothing outstanding ${since}`);
  }
  const why = new Map([
    ...suite.unfinished.map(((id) => [
      id,
      "unfinished"
    ])),
    ...(suite.notRun ?? []).map(((id) => [
      id,
      "not run"
    ])),
    ...(suite.blocked ?? []).map(((id) => [
      id,
      "blocked"
    ]))
  ]);
  const ids = idList(suite.outstanding.map(((id) => why.has(id) ? `${id} (${why.get(id)})` : id)));
  const neverStarted = (suite.notRun?.length ?? 0) + (suite.blocked?.length ?? 0);
  const what = neverStarted === 0 ? "still failing" : `still owed (${n - neverStarted} failing, ${neverStarted} never started)`;
  return colors.red(`Suite: ${n} ${what} ${since}: ${ids}${gone}`);
});
var unstartedCounts = (function unstartedCounts(fixtures) {
  const kept = fixtures.filter(((f) => f.failure?.kind === "not-run"));
  const blocked = fixtures.filter(isBlocked).length;
  const services = /* @__PURE__ */ new Set();
  let byLimit = 0;
  for (const f of kept) {
    const service = notReadyService(f.failure.message);
    if (service) services.add(service);
    else byLimit++;
  }
  const named = [
    ...services
  ].sort().map(((name) => `"${name}"`)).join(", ");
  const notRunReason = services.size === 0 ? void 0 : (services.size === 1 ? `service ${named} was not ready` : `services ${named} were not ready`) + (byLimit ? ", or the failure limit was reached" : "");
  return {
    ...kept.length ? {
      notRun: kept.length,
      notRunIds: kept.map(((f) => f.id))
    } : {},
    ...blocked ? {
      blocked
    } : {},
    ...notRunReason ? {
      notRunReason
    } : {}
  };
});
var suiteSummary = (function suiteSummary(suite, catalogIds) {
  const known = catalogIds ? new Set(catalogIds) : void 0;
  const here = suite.outstanding.filter(((e) => !known || known.has(e.id)));
  const elsewhere = suite.outstanding.length - here.length;
  const ids = ((kind) => here.filter(((e) => e.kind === kind)).map(((e) => e.id)));
  const notRun = ids("not-run");
  const blocked = ids("blocked");
  return {
    ...suite.since ? {
      since: suite.since
    } : {},
    outstanding: here.map(((e) => e.id)),
    unfinished: ids("interrupted"),
    ...notRun.length ? {
      notRun
    } : {},
    ...blocked.length ? {
      blocked
    } : {},
    ...elsewhere ? {
      notInCatalog: elsewhere
    } : {}
  };
});
var outcomeCounts = (function outcomeCounts(summary, unstarted, colors) {
  const quarantined = summary.quarantined ?? 0;
  const failed = summary.failed - (unstarted.notRun ?? 0) - (unstarted.blocked ?? 0) - quarantined;
  return [
    summary.passed ? colors.green(`${summary.passed} passed`) : `${summary.passed} passed`,
    failed ? colors.red(`${failed} failed`) : `${failed} failed`,
    ...quarantined ? [
      colors.yellow(`${quarantined} quarantined failure${quarantined === 1 ? "" : "s"}`)
    ] : [],
    ...unstarted.blocked ? [
      colors.yellow(`${unstarted.blocked} blocked`)
    ] : [],
    ...unstarted.notRun ? [
      colors.yellow(`${unstarted.notRun} not run`)
    ] : []
  ];
});
var combinedCounts = (function combinedCounts(summary, unstarted = {}) {
  return `${outcomeCounts(summary, unstarted, palette(false)).join(", ")} of ${summary.total}` + (summary.skipped ? `, ${summary.skipped} skipped` : "");
});
var renderSummary = (function renderSummary(view, colors) {
  const s = view.summary;
  const counts = [
    ...outcomeCounts(s, view, colors),
    `${s.skipped} skipped`,
    s.flaky ? colors.yellow(`${s.flaky} flaky`) : `${s.flaky} flaky`
  ].join(", ");
  const lines = [
    `Summary: ${counts} (${s.total} fixture${s.total === 1 ? "" : "s"}, ${formatDuration(view.durationMs)})`
  ];
  if (s.total > 0 && s.passed === 0 && s.failed === 0 && !view.interrupted) {
    lines.push(colors.yellow("Nothing ran: every selected fixture was skipped, and a run never passes empty."));
  }
  if (view.flakyFailures?.length) {
    lines.push(colors.yellow(`Flaky: ${view.flakyFailures.join(", ")} passed only on a retry; --fail-on-flaky fails the run.`));
  }
  for (const service of view.servicesDown ?? []) {
    const how = service.signal ? ` (signal ${service.signal})` : service.exitCode !== void 0 ? ` (code ${service.exitCode})` : "";
    lines.push(colors.red(`Services: "${service.name}" exited during the run${how}, so the run fails.`));
  }
  if (view.interrupted) {
    lines.push(colors.yellow("Interrupted: unfinished fixtures are recorded as failed (interrupted)."));
  }
  if (view.notRun) {
    const fixtures = `${view.notRun} fixture${view.notRun === 1 ? "" : "s"}`;
    const shown = view.notRunIds?.length ? `${idList(view.notRunIds)}; ` : "";
    lines.push(colors.yellow(view.notRunReason ? `Not run: ${fixtures} (${shown}${view.notRunReason}); they are owed, and --rerun-failed runs them.` : `Not run: ${fixtures} (${shown}the failure limit, --max-failures or maxFailures, was reached); they are owed, and --rerun-failed runs them with the failures.`));
  }
  lines.push(...renderRepeat(view.repeat ?? [], colors));
  if (view.slowest?.length) {
    lines.push(`Slowest: ${view.slowest.map(((f) => `${f.id} ${formatDuration(f.durationMs)}`)).join(", ")}`);
  }
  if (view.shard) {
    const { index, total, predictedMs, actualMs, pulledIn, unfinished, runs } = view.shard;
    const notes = [
      ...runs ? [
        `one run of each, of --repeat ${runs}`
      ] : [],
      // Needs too many to follow: the split left them out of the prediction.
      ...pulledIn ? [
        `${pulledIn} pulled in, not counted`
      ] : [],
      // What a stop left unmeasured (as durations.json leaves it out).
      ...unfinished ? [
        `${unfinished} not run to the end, not counted`
      ] : []
    ];
    lines.push(`Shard ${index}/${total} by duration: predicted ${formatDuration(predictedMs)} of fixture time, took ${formatDuration(actualMs)}${notes.length ? ` (${notes.join("; ")})` : ""}`);
  }
  if (view.recovered?.length) {
    const separator = view.recovered.some(((r) => r.includes(","))) ? "; " : ", ";
    lines.push(`Recovered: ${view.recovered.length} (${view.recovered.join(separator)})`);
  }
  if (view.combined) {
    lines.push(`${view.combinedLabel ?? "After rerun"}: ${combinedCounts(view.combined.summary, {
      blocked: view.suite?.blocked?.length,
      notRun: view.suite?.notRun?.length
    })} -> ${view.combined.result}`);
  }
  if (view.suite) lines.push(suiteLine(view.suite, colors));
  if (view.artifactPath) lines.push(`Artifact: ${view.artifactPath}`);
  if (view.rerunCommand) lines.push(`Rerun failures: ${view.rerunCommand}`);
  if (view.fullRunCommand) {
    lines.push(`All rerun failures pass now; confirm with a full run: ${view.fullRunCommand}`);
  }
  lines.push(resultLine(view.result));
  return lines;
});

export {
  unstartedCounts,
  suiteSummary,
  outcomeCounts,
  combinedCounts,
  renderSummary
};
//# sourceMappingURL=chunk-2YEAZSI3.js.map
