import {
  stateOfArtifact
} from "./chunk-CT6E3GOH.js";
import {
  dropStale,
  isFullRun,
  outstandingOf
} from "./chunk-GJW5UQ5D.js";
import {
  groupCauses
} from "./chunk-JEDHTE3D.js";
import {
  fixtureArgument,
  shellQuote
} from "./chunk-DBSKOPQR.js";
import {
  idList
} from "./chunk-2N47EPJ5.js";
import "./chunk-UZCZWFUL.js";
import {
  checkSource,
  readSourceFile
} from "./chunk-URNA5CV7.js";
import "./chunk-4SYLYQRO.js";
import "./chunk-IEQXTUCM.js";
import "./chunk-UXUXC4ZF.js";
import {
  isDiagnosticsArtifact
} from "./chunk-PBQEZ4VD.js";
import "./chunk-VPM3V57A.js";
import "./chunk-6MYH7WWL.js";
import "./chunk-XRBLM22N.js";
import {
  PreflightError
} from "./chunk-WBZQOSKS.js";
import "./chunk-ANYOMBVL.js";

// lib/selection/rerun_preflight.ts
var manualFallback = (function manualFallback(fallback, ids) {
  const shown = ids.slice(0, 50);
  const args = shown.length ? shown.map(fixtureArgument).join(" ") + (ids.length > shown.length ? ` ... (${ids.length - shown.length} more)` : "") : "--fixture <id> ...";
  return `Manual fallback: ${fallback} ${args}`;
});
var ADVICE = {
  ARTIFACT_NOT_FOUND: ((i) => `Run the suite first (${i.fallback}), or pass --artifact PATH to an artifact to rerun.`),
  ARTIFACT_INVALID_JSON: ((i) => `The file is damaged, and no earlier run is saved in runs/ to rerun from: run the suite (${i.fallback}).`),
  ARTIFACT_SCHEMA_MISMATCH: (() => "The file is not a smoke artifact (or was edited). Pass a file smoke wrote with --artifact PATH."),
  ARTIFACT_UNSUPPORTED_VERSION: (() => "It was written by another smoke version: rerun with that version, or run the suite again."),
  ARTIFACT_TOO_LARGE: (() => "A smoke artifact is far smaller; check that --artifact names the right file."),
  ARTIFACT_NOT_A_RUN: ((i) => `No saved run to rerun from: run the suite (${i.fallback}).`)
};
var DIAGNOSIS = {
  ARTIFACT_NOT_FOUND: void 0,
  ARTIFACT_INVALID_JSON: "The file is damaged.",
  ARTIFACT_SCHEMA_MISMATCH: "The file is not a smoke artifact (or was edited).",
  ARTIFACT_UNSUPPORTED_VERSION: "It was written by another smoke version: rerun with that version, or use a run this one wrote.",
  ARTIFACT_TOO_LARGE: "A smoke artifact is far smaller; check that --artifact names the right file.",
  ARTIFACT_NOT_A_RUN: void 0
};
var rerunFromHint = (function rerunFromHint(fallback, run) {
  return `Rerun from the newest saved run: ${fallback} --rerun-failed --artifact ${shellQuote([
    run.shown
  ])}`;
});
var recoveryHints = (async function recoveryHints(code, input) {
  const newest = await input.newestRun?.();
  if (!newest) return [
    ADVICE[code](input)
  ];
  const diagnosis = DIAGNOSIS[code];
  return [
    ...diagnosis ? [
      diagnosis
    ] : [],
    rerunFromHint(input.fallback, newest)
  ];
});
var notARun = (async function notARun(input, artifact) {
  return new PreflightError("ARTIFACT_NOT_A_RUN", `Cannot rerun from "${input.shownPath}": it records a failed preflight (run ${artifact.runId} ran nothing), not a run`, [
    ...await recoveryHints("ARTIFACT_NOT_A_RUN", input),
    manualFallback(input.fallback, [])
  ]);
});
var preflight = (async function preflight(input) {
  const subject = `Cannot read artifact "${input.shownPath}"`;
  const file = await readSourceFile(input.path);
  if (!file.ok) {
    throw new PreflightError(file.code, `${subject}: ${file.message}`, [
      ...await recoveryHints(file.code, input),
      manualFallback(input.fallback, [])
    ]);
  }
  const checked = checkSource(file.text);
  if (!checked.ok) {
    const message = checked.message.includes("\n") ? `${subject}:
  ${checked.message.split("\n").join("\n  ")}` : `${subject}: ${checked.message}`;
    throw new PreflightError(checked.code, message, [
      ...await recoveryHints(checked.code, input),
      manualFallback(input.fallback, checked.salvagedIds)
    ]);
  }
  const { artifact } = checked;
  if (isDiagnosticsArtifact(artifact)) throw await notARun(input, artifact);
  const source = await stateOfArtifact(artifact, input.readRun);
  const outstanding = outstandingOf(source.state);
  const failed = outstanding.map(((entry) => ({
    id: entry.id,
    ...entry.failure ? {
      kind: entry.failure.kind
    } : {},
    ...entry.runId ? {
      runId: entry.runId
    } : {},
    ...entry.fingerprint ? {
      fingerprint: entry.fingerprint
    } : {}
  })));
  const state = source.state;
  const { stale } = dropStale(state, input.catalogIds);
  const owed = new Set(failed.map(((f) => f.id)));
  const rerun = input.catalogIds.filter(((id) => owed.has(id)));
  const warnings = [];
  if (stale.length) {
    warnings.push({
      code: "STALE_FIXTURE",
      level: "warning",
      message: `${stale.length} failed fixture${stale.length === 1 ? " is" : "s are"} no longer in the catalog and will not rerun: ${idList(stale.map(((id) => JSON.stringify(id))))}`,
      hint: "They were renamed or removed since that run; they are left out of the suite's verdict, and stay owed until a full run."
    });
  }
  if (source.missingRunId) {
    warnings.push({
      code: "RERUN_CHAIN_INCOMPLETE",
      level: "warning",
      message: `Run ${artifact.runId} reran run ${source.missingRunId}, which is not in runs/ (pruned, or made elsewhere): the rerun and its combined verdict cover only what is known`,
      hint: "Rerun from the full run's artifact with --artifact PATH, or run the full suite."
    });
  }
  if (input.maxFailures !== void 0 && failed.length > input.maxFailures) {
    const unstarted = [
      "not-run",
      "blocked",
      "interrupted"
    ].map(((kind) => ({
      kind,
      count: failed.filter(((f) => f.kind === kind)).length
    }))).filter(((part) => part.count > 0));
    const ranAndFailed = failed.length - unstarted.reduce(((sum, part) => sum + part.count), 0);
    const breakdown = unstarted.length ? ` (${[
      `${ranAndFailed} failed`,
      ...unstarted.map(((p) => `${p.count} ${p.kind.replace("-", " ")}`))
    ].join(", ")})` : "";
    const fixtures = `${failed.length} fixture${failed.length === 1 ? "" : "s"}`;
    const owed2 = unstarted.length ? `${fixtures} ${failed.length === 1 ? "is" : "are"} outstanding` : `${fixtures} failed`;
    throw new PreflightError("RERUN_LIMIT_EXCEEDED", `Refusing to rerun: ${owed2} ${sinceText(artifact, state, "in")}${breakdown}, more than --rerun-max-failures ${input.maxFailures}`, [
      ...sharedCauses(artifact, outstanding),
      ranAndFailed > input.maxFailures ? "So many failures usually mean a broken environment (network, credentials, a service down): fix that, then run the full suite." : `Only ${ranAndFailed} of them failed on their own; the rest never ran or were stopped: run the full suite, or raise --rerun-max-failures.`,
      manualFallback(input.fallback, failed.map(((f) => f.id)))
    ], warnings);
  }
  const selected = new Set(input.selectedIds);
  const rerunIds = rerun.filter(((id) => selected.has(id)));
  const result = {
    source: artifact,
    sourceRef: {
      path: input.shownPath,
      runId: artifact.runId,
      sha256: file.sha256
    },
    failed,
    state,
    rerunIds,
    stale,
    diagnostics: warnings
  };
  if (rerunIds.length > 0) return result;
  const why = failed.length === 0 ? nothingOwed(artifact, state) : rerun.length === 0 ? `every failed fixture ${sinceText(artifact, state, "of")} is gone from the catalog` : `no failed fixture ${sinceText(artifact, state, "of")} matches ${(input.filters ?? input.patterns.map(((p) => `--fixture ${p}`))).join(" ")}`;
  if ((input.ifNone ?? "fail") !== "fail") return {
    ...result,
    none: `Nothing to rerun: ${why}`
  };
  throw new PreflightError("NO_RERUNNABLE_FAILURES", `Nothing to rerun: ${why}`, [
    failed.length === 0 || rerun.length === 0 ? `Run the full suite to check again: ${input.fallback}` : `Run the full suite (${input.fallback}), or change the filters (--fixture, --tag, --exclude, --exclude-tag).`,
    "In CI, --if-none pass ends green when nothing is owed, and --if-none all runs the suite instead.",
    manualFallback(input.fallback, rerun)
  ], warnings);
});
var sharedCauses = (function sharedCauses(artifact, outstanding) {
  const own = new Map(artifact.fixtures.filter(((f) => f.status === "failed")).map(((f) => [
    f.id,
    f
  ])));
  const inputs = outstanding.map(((entry) => (entry.runId === void 0 || entry.runId === artifact.runId ? own.get(entry.id) : void 0) ?? {
    id: entry.id,
    ...entry.failure ? {
      failure: entry.failure
    } : {}
  }));
  return groupCauses(inputs).map(((g) => `${g.ids.length} of them share one cause: ${g.cause.label}; fix that first.`));
});
var sinceText = (function sinceText(artifact, state, preposition) {
  return state.since === void 0 || state.since === artifact.runId ? `${preposition} run ${artifact.runId}` : `since full run ${state.since} (as of run ${artifact.runId})`;
});
var nothingOwed = (function nothingOwed(artifact, state) {
  const partial = !isFullRun({
    mode: artifact.mode,
    shard: artifact.selection.shard
  });
  if (!partial) return `nothing failed in run ${artifact.runId}`;
  const what = artifact.selection.shard ? `shard ${artifact.selection.shard.index}/${artifact.selection.shard.total}` : artifact.mode === "rerun-failed" ? "a rerun" : artifact.mode === "merged" ? "a merge" : "a partial run";
  return state.since === void 0 ? `nothing failed in run ${artifact.runId}, which was ${what}; no full run is on record` : `nothing failed in run ${artifact.runId} (${what}), and nothing is outstanding since full run ${state.since}`;
});
export {
  manualFallback,
  preflight,
  rerunFromHint
};
//# sourceMappingURL=rerun_preflight-Z66BBYAC.js.map
