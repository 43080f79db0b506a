import {
  blockedBy,
  blockedGroupLine,
  failureExcerpt,
  groupBlocked,
  isBlocked
} from "./chunk-25NTBGEA.js";
import {
  causeGroupLine,
  groupCauses
} from "./chunk-JEDHTE3D.js";
import {
  keptFromStarting
} from "./chunk-VPM3V57A.js";
import {
  displayName,
  terminalControl
} from "./chunk-XRBLM22N.js";

// lib/run/repeat.ts
var runLetter = (function runLetter(result) {
  if (result.status === "passed") return result.attempts > 1 ? "R" : "P";
  return result.failure?.kind === "interrupted" ? "I" : "F";
});
var foldRuns = (function foldRuns(ends, times) {
  if (ends.length === 0) throw new RangeError("foldRuns() needs at least one run");
  if (ends[0].result.status === "skipped") return ends[0];
  const letters = ends.map(((end) => runLetter(end.result)));
  const outcomes = letters.join("");
  const passed = letters.filter(((l) => l === "P" || l === "R")).length;
  const failed = letters.filter(((l) => l === "F")).length;
  const repeat = {
    runs: times,
    passed,
    firstAttemptPassed: letters.filter(((l) => l === "P")).length,
    outcomes
  };
  const durationMs = Math.round(ends.reduce(((sum, end) => sum + end.result.durationMs), 0) / ends.length);
  const outputLeaked = ends.some(((end) => end.outputLeaked));
  const cut = ends.length < times;
  const at = letters.includes("I") ? letters.indexOf("I") : cut ? ends.length - 1 : failed ? letters.indexOf("F") : letters.includes("R") ? letters.lastIndexOf("R") : ends.length - 1;
  const speaker = ends[at];
  const base = speaker.result;
  let result = base;
  if (cut && letters[at] !== "I") {
    const { flaky: _flaky, ...rest } = base;
    result = {
      ...rest,
      status: "failed",
      failure: {
        kind: "interrupted",
        message: `Interrupted after ${ends.length} of ${times} runs` + (failed ? ` (${failed} failed)` : "")
      }
    };
  } else if (letters[at] === "F") {
    result = {
      ...base,
      failure: {
        kind: base.failure.kind,
        message: `Failed ${failed} of ${times} runs: ${base.failure.message}`
      }
    };
  }
  return {
    ...speaker,
    result: {
      ...result,
      durationMs,
      repeat
    },
    outputLeaked
  };
});
var repeatVerdict = (function repeatVerdict(repeat) {
  if (repeat.outcomes.includes("I") || repeat.outcomes.length < repeat.runs) return "interrupted";
  if (repeat.firstAttemptPassed === repeat.runs) return "steady pass";
  if (repeat.passed === 0) return "steady fail";
  return "flaky";
});
var repeatRuns = (async function repeatRuns(options, runOnce) {
  const ends = [];
  for (let run = 1; run <= options.times; run++) {
    const end = await runOnce();
    ends.push(end);
    if (end.result.status === "skipped" || options.signal.aborted) break;
  }
  return foldRuns(ends, options.times);
});

// lib/reporters/console_render.ts
var colorWanted = (function colorWanted(facts) {
  const noColorEnv = "NO_COLOR" in facts.env && facts.env.NO_COLOR !== "";
  return facts.isTerminal && !facts.noColor && !noColorEnv;
});
var palette = (function palette(color) {
  const wrap = ((open, close) => {
    const start = terminalControl(`\x1B[${open}m`);
    const end = terminalControl(`\x1B[${close}m`);
    return ((text) => color ? `${start}${text}${end}` : text);
  });
  return {
    green: wrap(32, 39),
    red: wrap(31, 39),
    yellow: wrap(33, 39),
    dim: wrap(2, 22),
    bold: wrap(1, 22)
  };
});
var formatDuration = (function formatDuration(ms) {
  if (ms < 1e3) return `${Math.round(ms)}ms`;
  if (ms < 6e4) return `${(ms / 1e3).toFixed(1)}s`;
  const minutes = Math.floor(ms / 6e4);
  const seconds = Math.floor(ms % 6e4 / 1e3);
  return `${minutes}m${String(seconds).padStart(2, "0")}s`;
});
var afterAttempts = (function afterAttempts(attempts) {
  return attempts > 1 ? `after ${attempts} attempts` : "";
});
var renderFixtureLine = (function renderFixtureLine(end, colors) {
  const { result } = end;
  const time = colors.dim(formatDuration(result.durationMs));
  const leak = (end.outputLeaked ? colors.yellow("  (an escaped process held its output open)") : "") + (result.repeat ? `  ${result.repeat.passed}/${result.repeat.runs} passed` : "");
  switch (result.status) {
    case "passed": {
      const flaky = result.flaky ? `  ${colors.yellow(`flaky: passed ${afterAttempts(result.attempts)}`)}` : "";
      return `${colors.green("PASS")}  ${result.id}  ${time}${flaky}${leak}`;
    }
    case "failed": {
      if (isBlocked(result)) return blockedLine(result, colors);
      const failure = result.failure ? `  ${result.failure.kind}: ${firstLine(result.failure.message)}` : "";
      const attempts = afterAttempts(result.attempts);
      const q = result.quarantined;
      const label = q ? colors.yellow("FAIL") : colors.red("FAIL");
      const quarantined = q ? colors.yellow(`  (quarantined until ${displayName(q.until)}, owner ${displayName(q.owner)}: does not fail the run)`) : "";
      return `${label}  ${result.id}  ${time}${attempts ? `  ${attempts}` : ""}${failure}${quarantined}${leak}`;
    }
    case "skipped":
      return `${colors.yellow("SKIP")}  ${result.id}${result.skipReason ? `  ${displayName(result.skipReason)}` : ""}`;
  }
});
var blockedLine = (function blockedLine(result, colors) {
  return `${colors.yellow("BLOCK")}  ${result.id}  blocked by ${blockedBy(result)}`;
});
var firstLine = (function firstLine(text) {
  const index = text.indexOf("\n");
  return index === -1 ? text : text.slice(0, index);
});
var renderStatusLine = (function renderStatusLine(state, now, width) {
  const running = [
    ...state.running
  ].map((([id, start]) => `${id} ${formatDuration(now - start)}`));
  const line = `[${state.done}/${state.total}] ${state.passed} passed, ${state.failed} failed` + (state.quarantined ? `, ${state.quarantined} quarantined` : "") + (state.blocked ? `, ${state.blocked} blocked` : "") + (running.length ? ` | running: ${running.join(", ")}` : "");
  return line.length > width - 1 ? line.slice(0, Math.max(0, width - 2)) + "\u2026" : line;
});
var CONSOLE_EXCERPT = {
  maxLines: 30,
  maxBytes: 8192,
  lastLines: 12
};
var renderFailures = (function renderFailures(ends, colors) {
  const failed = ends.filter(((end) => end.result.status === "failed" && !keptFromStarting(end.result)));
  const blocked = groupBlocked(ends.map(((end) => end.result)));
  if (failed.length === 0 && blocked.length === 0) return [];
  const lines = [
    colors.bold("Failures:"),
    ""
  ];
  const groups = groupCauses(failed.map(((end) => end.result)));
  for (const group of groups) lines.push(colors.yellow(causeGroupLine(group)));
  if (groups.length) lines.push("");
  const firstOf = /* @__PURE__ */ new Map();
  for (const { cause, ids } of groups) {
    for (const id of ids.slice(1)) firstOf.set(id, {
      first: ids[0],
      label: cause.label
    });
  }
  failed.forEach((({ result, planned }, index) => {
    const attempts = afterAttempts(result.attempts);
    const q = result.quarantined;
    lines.push(`  ${index + 1}) ${q ? colors.yellow(result.id) : colors.red(result.id)}  [${result.failure?.kind ?? "failed"}]${attempts ? `  failed ${attempts}` : ""}${q ? colors.yellow(`  quarantined until ${q.until} (${q.owner}: ${q.reason})`) : ""}`);
    for (const line of (result.failure?.message ?? "").split("\n")) lines.push(`     ${line}`);
    if (planned?.fixture.file) lines.push(colors.dim(`     file: ${planned.fixture.file}`));
    const same = firstOf.get(result.id);
    if (same) {
      lines.push(colors.dim(`     (same cause as ${same.first}: ${same.label})`), "");
      return;
    }
    for (const block of failureExcerpt(result, CONSOLE_EXCERPT).blocks) {
      lines.push(`     ${block.heading}`);
      for (const line of block.lines) lines.push(colors.dim(`       ${line}`));
    }
    lines.push("");
  }));
  for (const group of blocked) lines.push(colors.yellow(blockedGroupLine(group)));
  if (blocked.length) lines.push("");
  return lines;
});
var VERDICT_ORDER = [
  "flaky",
  "steady fail",
  "interrupted",
  "steady pass"
];
var renderRepeat = (function renderRepeat(results, colors) {
  const rows = results.filter(((r) => r.repeat)).map(((r) => {
    const repeat = r.repeat;
    const made = repeat.outcomes.length;
    return {
      id: r.id,
      verdict: repeatVerdict(repeat),
      passes: `${repeat.passed}/${repeat.runs} passed`,
      rate: `first attempt ${made ? Math.round(100 * repeat.firstAttemptPassed / made) : 0}%`,
      cut: made < repeat.runs ? `  (stopped after ${made} of ${repeat.runs} runs)` : ""
    };
  })).sort(((a, b) => VERDICT_ORDER.indexOf(a.verdict) - VERDICT_ORDER.indexOf(b.verdict) || (a.id < b.id ? -1 : a.id > b.id ? 1 : 0)));
  if (rows.length === 0) return [];
  const width = ((key) => Math.max(...rows.map(((row) => row[key].length))));
  const runs = new Set(results.flatMap(((r) => r.repeat ? [
    r.repeat.runs
  ] : [])));
  const each = runs.size === 1 ? `, ${[
    ...runs
  ][0]} runs each` : "";
  const color = ((verdict) => verdict === "steady pass" ? colors.green : verdict === "steady fail" ? colors.red : colors.yellow);
  return [
    `Repeat: ${rows.length} fixture${rows.length === 1 ? "" : "s"}${each}`,
    ...rows.map(((row) => `  ${color(row.verdict)(row.verdict.padEnd(width("verdict")))}  ${row.id.padEnd(width("id"))}  ${row.passes.padEnd(width("passes"))}  ${row.rate}${row.cut}`))
  ];
});

export {
  repeatRuns,
  colorWanted,
  palette,
  formatDuration,
  renderFixtureLine,
  renderStatusLine,
  renderFailures,
  renderRepeat
};
//# sourceMappingURL=chunk-JXGFLTXX.js.map
