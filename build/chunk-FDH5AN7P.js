import {
  newStopToken,
  renderInert
} from "./chunk-ZNZJ6444.js";
import {
  combinedCounts,
  outcomeCounts,
  unstartedCounts
} from "./chunk-2YEAZSI3.js";
import {
  formatDuration,
  palette
} from "./chunk-JXGFLTXX.js";
import {
  blockedGroupLine,
  failureCause,
  groupBlocked
} from "./chunk-25NTBGEA.js";
import {
  groupCauses
} from "./chunk-JEDHTE3D.js";
import {
  shellQuote
} from "./chunk-DBSKOPQR.js";
import {
  idList
} from "./chunk-2N47EPJ5.js";
import {
  isAbsolute,
  relative,
  resolve
} from "./chunk-UZCZWFUL.js";
import {
  isQuarantinedFailure,
  quarantinedFailure,
  servicesFailed
} from "./chunk-PBQEZ4VD.js";
import {
  keptFromStarting,
  owedMark,
  owedUnstarted
} from "./chunk-VPM3V57A.js";
import {
  escapeControls,
  escapeFormatCharacters,
  neutralizeLegacyCommands
} from "./chunk-XRBLM22N.js";

// lib/reporters/service_cause.ts
var lastLine = (function lastLine(text) {
  return text?.split(/\r?\n/).map(((line) => line.trim())).filter(Boolean).at(-1);
});
var serviceCause = (function serviceCause(service) {
  const cause = failureCause(service);
  if (cause) return cause;
  for (const stream of [
    "stderr",
    "stdout"
  ]) {
    const line = lastLine(service[`${stream}Tail`]);
    if (line) return `last line of its ${stream}: ${line}`;
  }
  return void 0;
});

// lib/reporters/github_summary.ts
var STEP_SUMMARY_LIMIT_BYTES = 1024 * 1024;
var DEFAULT_WORKFLOW_FILE = "smoke.yml";
var failedHere = (function failedHere(artifact) {
  return artifact.fixtures.some(((f) => f.status === "failed" && !keptFromStarting(f)));
});
var DISPATCH_BASE = `gh workflow run ${DEFAULT_WORKFLOW_FILE} -f mode=rerun-failed`;
var WORKFLOW_REF = /^[^/@]+\/[^/@]+\/\.github\/workflows\/([A-Za-z0-9._][A-Za-z0-9._-]*\.ya?ml)@./;
var workflowFile = (function workflowFile(env) {
  return WORKFLOW_REF.exec(env.GITHUB_WORKFLOW_REF ?? "")?.[1] ?? DEFAULT_WORKFLOW_FILE;
});
var CELL_MAX_CHARS = 500;
var encoder = new TextEncoder();
var size = ((text) => encoder.encode(text).length);
var escapeMarkdownCell = (function escapeMarkdownCell(text, options = {}) {
  const maxChars = options.maxChars ?? CELL_MAX_CHARS;
  let clean = text.replace(/\r\n?|[\u2028\u2029]/g, "\n").replace(/[\x00-\x09\x0B-\x1F\x7F-\x9F]/g, "").trimEnd();
  if (clean.length > maxChars) clean = clean.slice(0, maxChars - 1) + "\u2026";
  if (!options.inCode) clean = clean.replace(/[\\`*_~[\]]/g, "\\$&");
  clean = escapeControls(clean);
  return clean.replaceAll("&", "&amp;").replaceAll("<", "&lt;").replaceAll(">", "&gt;").replaceAll("|", "\\|").replaceAll("\n", "<br>");
});
var dispatchCommand = (function dispatchCommand(env) {
  const parts = [
    `gh workflow run ${workflowFile(env)} -f mode=rerun-failed`
  ];
  if (/^\d+$/.test(env.GITHUB_RUN_ID ?? "")) parts.push(`-f source_run_id=${env.GITHUB_RUN_ID}`);
  const branch = env.GITHUB_HEAD_REF || (env.GITHUB_REF_TYPE === "branch" ? env.GITHUB_REF_NAME : void 0);
  if (branch) parts.push(`--ref ${shellQuote([
    branch
  ])}`);
  return parts.join(" ");
});
var markdownCode = (function markdownCode(text) {
  const shown = escapeFormatCharacters(text);
  return `\`${shown.replaceAll("`", "'").replace(/[\x00-\x1F\x7F]/g, " ")}\``;
});
var fence = (function fence(text, info = "sh") {
  const shown = escapeFormatCharacters(text);
  const longest = Math.max(2, ...[
    ...shown.matchAll(/`+/g)
  ].map(((m) => m[0].length)));
  const marks = "`".repeat(longest + 1);
  return `${marks}${info}
${shown}
${marks}`;
});
var counts = (function counts(summary, unstarted) {
  return [
    ...outcomeCounts(summary, unstarted, palette(false)),
    `${summary.skipped} skipped`,
    `${summary.flaky} flaky`
  ].join(", ");
});
var MAX_QUARANTINED_ROWS = 50;
var quarantinedTable = (function quarantinedTable(fixtures) {
  const quarantined = fixtures.filter(isQuarantinedFailure);
  if (quarantined.length === 0) return [];
  const rows = quarantined.slice(0, MAX_QUARANTINED_ROWS).map(((f) => {
    const q = quarantinedFailure(f);
    const cause = failureCause(f);
    const message = f.failure ? `${f.failure.kind}: ${f.failure.message}` : "failed";
    return `| \`${f.id}\` | ${escapeMarkdownCell(q.owner)} | ${escapeMarkdownCell(q.until)} | ${escapeMarkdownCell(q.reason)} | ${escapeMarkdownCell(message + (cause ? `
${cause}` : ""))} |`;
  }));
  const rest = quarantined.length - rows.length;
  return [
    "### Quarantined failures (do not fail the run)",
    "",
    "| Fixture | Owner | Until | Reason | Message |",
    "| --- | --- | --- | --- | --- |",
    ...rows,
    ...rest > 0 ? [
      "",
      `_and ${rest} more; the artifact lists them all._`
    ] : [],
    ""
  ];
});
var blockedLines = (function blockedLines(artifact, unstarted) {
  const groups = groupBlocked(artifact.fixtures);
  const notRun = artifact.fixtures.filter(((f) => f.failure?.kind === "not-run"));
  if (groups.length === 0 && notRun.length === 0) return [];
  const why = unstarted.notRunReason ?? "the failure limit was reached";
  return [
    ...groups.map(((g) => `- **blocked by ${escapeMarkdownCell(g.by)}** (${escapeMarkdownCell(g.ended)}): ${idList(g.ids.map(((id) => `\`${id}\``)))}`)),
    ...notRun.length ? [
      `- **not run** (${escapeMarkdownCell(why)}; owed): ${idList(notRun.map(((f) => `\`${f.id}\``)))}`
    ] : [],
    ""
  ];
});
var statusCell = (function statusCell(service) {
  if (servicesFailed([
    service
  ])) return `\u2717 **${service.status}**`;
  return service.status === "ready" || service.status === "reused" ? `\u2713 ${service.status}` : `\u25CB ${service.status}`;
});
var detail = (function detail(service) {
  if (service.status === "reused") return "already running: not started";
  if (service.status === "ready") return "";
  const cause = servicesFailed([
    service
  ]) ? serviceCause(service) : void 0;
  return escapeMarkdownCell((service.reason ?? "") + (cause ? `
${cause}` : ""));
});
var servicesTable = (function servicesTable(services) {
  if (services.length === 0) return [];
  const rows = services.map(((service) => `| \`${escapeMarkdownCell(service.name, {
    inCode: true
  }).replaceAll("`", "'")}\` | ${statusCell(service)} | ${service.readyMs === void 0 ? "" : formatDuration(service.readyMs)} | ${detail(service)} |`));
  return [
    "### Services",
    "",
    "| Service | Status | Ready in | Detail |",
    "| --- | --- | --- | --- |",
    ...rows,
    ""
  ];
});
var renderStepSummary = (function renderStepSummary(run, options = {}) {
  const { artifact } = run;
  const maxBytes = options.maxBytes ?? STEP_SUMMARY_LIMIT_BYTES;
  const s = artifact.summary;
  const unstarted = unstartedCounts(artifact.fixtures);
  const shard = artifact.selection.shard;
  const head = [
    `## smoke: ${artifact.result === "pass" ? "pass" : "FAIL"}`,
    "",
    `**${counts(s, unstarted)}** of ${s.total} fixture${s.total === 1 ? "" : "s"} in ${formatDuration(artifact.durationMs)} (mode \`${artifact.mode}\`, run \`${artifact.runId}\`${shard ? `, shard ${shard.index}/${shard.total}` : ""})`,
    ""
  ];
  if (artifact.interrupted) {
    head.push("> **Interrupted:** fixtures that did not finish are recorded as failed (`interrupted`), so a rerun of the failures resumes the run.", "");
  }
  if (artifact.combined) {
    const label = artifact.mode === "rerun-failed" ? "**After rerun** (the source run with these results in place)" : "**Suite verdict** (the suite's latest results, this run's in place)";
    head.push(`${label}: ${combinedCounts(artifact.combined.summary, owedUnstarted(artifact.suite?.outstanding ?? [], artifact.combined.summary))} \u2192 **${artifact.combined.result}**`, "");
    const outstanding = artifact.suite?.outstanding ?? [];
    const owed = outstanding.map(((e) => {
      const mark = owedMark(e.kind);
      return `\`${e.id}\`${mark ? ` (${mark})` : ""}`;
    }));
    if (owed.length) {
      const shown2 = owed.slice(0, 20).join(", ") + (owed.length > 20 ? `, and ${owed.length - 20} more` : "");
      const neverStarted = outstanding.some(((e) => e.kind === "not-run" || e.kind === "blocked"));
      head.push(`${neverStarted ? "Still owed by" : "Still failing in"} the suite: ${shown2}`, "");
    }
  }
  const flaky = artifact.fixtures.filter(((f) => f.flaky)).map(((f) => `\`${f.id}\``));
  if (flaky.length) head.push(`Flaky (passed on a retry): ${flaky.join(", ")}`, "");
  for (const d of artifact.diagnostics.filter(((d2) => d2.level === "warning"))) {
    head.push(`- warning \`${d.code}\`: ${escapeMarkdownCell(d.message)}`);
  }
  if (artifact.diagnostics.some(((d) => d.level === "warning"))) head.push("");
  head.push(...servicesTable(artifact.services ?? []));
  head.push(...blockedLines(artifact, unstarted));
  head.push(...quarantinedTable(artifact.fixtures));
  const failed = artifact.fixtures.filter(((f) => f.status === "failed" && !keptFromStarting(f) && !isQuarantinedFailure(f)));
  const rows = failed.map(((f) => {
    const cause = failureCause(f);
    return `| \`${f.id}\` | ${f.failure?.kind ?? "failed"} | ${escapeMarkdownCell((f.failure?.message ?? "") + (cause ? `
${cause}` : ""))} |`;
  }));
  const grouped = groupCauses(failed).map(((g) => `**${g.ids.length} failures share one cause:** ${escapeMarkdownCell(g.cause.label, {
    maxChars: 300
  })} (${idList(g.ids.map(((id) => `\`${id}\``)))})`));
  const tableHead = rows.length ? [
    ...grouped.flatMap(((line) => [
      line,
      ""
    ])),
    "| Fixture | Kind | Message |",
    "| --- | --- | --- |"
  ] : [];
  const tail = [];
  if (run.rerunCommand) {
    tail.push("", failedHere(artifact) ? "Rerun the failures:" : "Rerun what the suite still owes:", "", fence(run.rerunCommand), "", "or dispatch a rerun of this workflow:", "", fence(options.dispatch ?? DISPATCH_BASE));
  }
  tail.push("", `Artifact: ${markdownCode(run.artifactPath)}`, "");
  const note = ((dropped) => `
_${dropped} more failure${dropped === 1 ? "" : "s"} not shown: a step summary is limited to 1 MiB. The artifact lists them all._`);
  const fixed = size([
    ...head,
    ...tableHead,
    ...tail
  ].join("\n") + "\n");
  const rowBytes = rows.map(((row) => size(row) + 1));
  let shown = rows.length;
  let budget = maxBytes - fixed - rowBytes.reduce(((a, b) => a + b), 0);
  if (budget < 0) {
    budget = maxBytes - fixed - size(note(rows.length));
    shown = 0;
    while (shown < rows.length && budget - rowBytes[shown] >= 0) budget -= rowBytes[shown++];
  }
  if (budget < 0) {
    const lone = `_smoke: the step summary was left out: it would exceed 1 MiB. ${counts(s, unstarted)}._
`;
    return size(lone) <= maxBytes ? lone : "";
  }
  const table = [
    ...tableHead,
    ...rows.slice(0, shown)
  ];
  const truncated = shown < rows.length ? [
    note(rows.length - shown)
  ] : [];
  return [
    ...head,
    ...table,
    ...truncated,
    ...tail
  ].join("\n") + "\n";
});

// lib/reporters/github_annotations.ts
var same = ((line) => line);
var ANNOTATION_LIMIT = 10;
var escapeCommandData = (function escapeCommandData(text) {
  return text.replaceAll("%", "%25").replaceAll("\r", "%0D").replaceAll("\n", "%0A");
});
var escapeCommandProperty = (function escapeCommandProperty(text) {
  return escapeCommandData(text).replaceAll(":", "%3A").replaceAll(",", "%2C");
});
var annotation = (function annotation(level, where, message, command = same) {
  const properties = [
    ...where.file ? [
      `file=${escapeCommandProperty(where.file)}`
    ] : [],
    `title=${escapeCommandProperty(where.title)}`
  ].join(",");
  return command(`::${level} ${properties}::${escapeCommandData(neutralizeLegacyCommands(message))}`);
});
var annotationFile = (function annotationFile(end, options) {
  const file = end.planned?.fixture.file;
  if (!file) return void 0;
  const base = options.workspace ? resolve(options.cwd, options.workspace) : options.cwd;
  const path = relative(base, resolve(options.cwd, file));
  if (path === "" || path.startsWith("..") || isAbsolute(path)) return void 0;
  return path.replaceAll("\\", "/");
});
var renderAnnotations = (function renderAnnotations(ends, options) {
  const limit = options.limit ?? ANNOTATION_LIMIT;
  const failed = ends.filter(((end) => end.result.status === "failed" && !keptFromStarting(end.result) && !isQuarantinedFailure(end.result)));
  const lines = failed.slice(0, limit).map(((end) => {
    const failure = end.result.failure;
    const cause = failureCause(end.result);
    const message = (failure ? `${failure.kind}: ${failure.message}` : "failed") + (cause ? `
${cause}` : "");
    const where = {
      file: annotationFile(end, options),
      title: end.result.id
    };
    return annotation("error", where, message, options.command);
  }));
  const rest = failed.length - lines.length;
  if (rest > 0) {
    lines.push(`${rest} more failed fixture${rest === 1 ? " is" : "s are"} not annotated (GitHub shows at most ${limit} errors per step); ${options.restListedIn ?? "the step summary"} lists every failure.`);
  }
  return lines;
});
var renderBlockedWarnings = (function renderBlockedWarnings(ends, options) {
  const byId = new Map(ends.map(((end) => [
    end.result.id,
    end
  ])));
  return groupBlocked(ends.map(((end) => end.result))).slice(0, options.limit ?? ANNOTATION_LIMIT).map(((group) => {
    const need = byId.get(group.by);
    const where = {
      file: need ? annotationFile(need, options) : void 0,
      title: `blocked by ${group.by}`
    };
    return annotation("warning", where, blockedGroupLine(group), options.command);
  }));
});
var renderQuarantineWarnings = (function renderQuarantineWarnings(ends, options) {
  const limit = options.limit ?? ANNOTATION_LIMIT;
  const quarantined = ends.filter(((end) => isQuarantinedFailure(end.result)));
  const lines = quarantined.slice(0, Math.max(0, limit)).map(((end) => {
    const q = quarantinedFailure(end.result);
    const failure = end.result.failure;
    const first = failure ? `${failure.kind}: ${failure.message.split(/\r\n?|\n/)[0]}` : "failed";
    const cause = failureCause(end.result);
    const message = `Quarantined until ${q.until}, owner ${q.owner} (${q.reason}): ${first}` + (cause ? `
${cause}` : "");
    const where = {
      file: annotationFile(end, options),
      title: `quarantined: ${end.result.id}`
    };
    return annotation("warning", where, message, options.command);
  }));
  const rest = quarantined.length - lines.length;
  if (rest > 0) {
    lines.push(`${rest} more quarantined failure${rest === 1 ? " is" : "s are"} not annotated (GitHub shows at most ${ANNOTATION_LIMIT} warnings per step); ${options.restListedIn ?? "the step summary"} lists them all.`);
  }
  return lines;
});
var renderServiceAnnotations = (function renderServiceAnnotations(services, options = {}) {
  return services.filter(((service) => servicesFailed([
    service
  ]))).map(((service) => {
    const exited = service.status === "exited";
    const title = `Service ${service.name} ${exited ? "exited" : "not ready"}`;
    const message = exited ? `SERVICE_EXITED: Service "${service.name}" ${service.reason ?? "exited during the run"}` : `SERVICE_NOT_READY: Service "${service.name}" was not ready: ` + (service.reason ?? service.check);
    const cause = serviceCause(service);
    return annotation("error", {
      title
    }, message + (cause ? `
${cause}` : ""), options.command);
  }));
});

// lib/reporters/github.ts
var block = (function block(label, text) {
  const body = text.endsWith("\n") ? text.slice(0, -1) : text;
  return [
    `--- ${label} ---`,
    ...body.split("\n")
  ];
});
var renderOutputGroup = (function renderOutputGroup(end, options) {
  const { result } = end;
  const kind = result.failure?.kind ?? "failed";
  const label = `${result.id} (${kind}${isQuarantinedFailure(result) ? ", quarantined" : ""})`;
  const inner = [
    result.failure ? `${kind}: ${result.failure.message}` : "failed",
    ...result.stdoutTail ? block("stdout", result.stdoutTail) : [],
    ...result.stderrTail ? block("stderr", result.stderrTail) : []
  ].join("\n");
  const command = options.command ?? (((line) => line));
  return `${command(`::group::${escapeCommandData(label)}`)}
` + renderInert(inner, options) + `${command("::endgroup::")}
`;
});
var createGitHubReporter = (function createGitHubReporter(options) {
  const token = options.token ?? newStopToken;
  const summaryFile = options.env.GITHUB_STEP_SUMMARY || void 0;
  return {
    onFixtureEnd(end) {
      if (end.result.status !== "failed" || keptFromStarting(end.result)) return;
      options.write(renderOutputGroup(end, {
        token: token(),
        command: options.command
      }));
    },
    async onEnd(run) {
      const services = renderServiceAnnotations(run.artifact.services ?? [], options).slice(0, ANNOTATION_LIMIT);
      const annotations = [
        ...services,
        ...renderAnnotations(run.ends, {
          cwd: options.cwd,
          workspace: options.env.GITHUB_WORKSPACE || void 0,
          limit: ANNOTATION_LIMIT - services.length,
          restListedIn: summaryFile ? "the step summary" : "the failures list below",
          command: options.command
        })
      ];
      if (annotations.length) options.write(annotations.join("\n") + "\n");
      const warnings = renderBlockedWarnings(run.ends, {
        cwd: options.cwd,
        workspace: options.env.GITHUB_WORKSPACE || void 0,
        command: options.command
      });
      const quarantined = renderQuarantineWarnings(run.ends, {
        cwd: options.cwd,
        workspace: options.env.GITHUB_WORKSPACE || void 0,
        limit: ANNOTATION_LIMIT - warnings.length,
        restListedIn: summaryFile ? "the step summary" : "the failures list below",
        command: options.command
      });
      warnings.push(...quarantined);
      if (warnings.length) options.write(warnings.join("\n") + "\n");
      if (!summaryFile) return;
      const { appendStepSummary } = await import("./step_summary_file-M6RDDY2R.js");
      const appended = await appendStepSummary(resolve(options.cwd, summaryFile), ((used) => renderStepSummary(run, {
        maxBytes: STEP_SUMMARY_LIMIT_BYTES - used,
        dispatch: dispatchCommand(options.env)
      })), {
        outputs: options.outputs ?? []
      });
      if (!appended.ok) {
        throw new Error(`Cannot append to the step summary "${summaryFile}": ${appended.reason}`);
      }
    }
  };
});

export {
  STEP_SUMMARY_LIMIT_BYTES,
  escapeMarkdownCell,
  markdownCode,
  ANNOTATION_LIMIT,
  escapeCommandData,
  escapeCommandProperty,
  renderAnnotations,
  renderBlockedWarnings,
  renderQuarantineWarnings,
  renderServiceAnnotations,
  renderOutputGroup,
  createGitHubReporter
};
//# sourceMappingURL=chunk-FDH5AN7P.js.map
