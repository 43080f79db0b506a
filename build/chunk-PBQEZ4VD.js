import {
  keptFromStarting
} from "./chunk-VPM3V57A.js";
import {
  SCHEMA_VERSION
} from "./chunk-6MYH7WWL.js";

// lib/artifact/quarantined.ts
var quarantinedFailure = (function quarantinedFailure(result) {
  return isQuarantinedFailure(result) ? result.quarantined : void 0;
});
var isQuarantinedFailure = (function isQuarantinedFailure(result) {
  return result.status === "failed" && !!result.quarantined && !keptFromStarting(result);
});
var quarantineLine = (function quarantineLine(quarantine) {
  return `quarantined until ${quarantine.until} (${quarantine.owner}): ${quarantine.reason}`;
});

// lib/artifact/artifact.ts
var summarize = (function summarize(fixtures) {
  const summary = {
    total: fixtures.length,
    passed: 0,
    failed: 0,
    skipped: 0,
    flaky: 0
  };
  let quarantined = 0;
  let quarantinedFlaky = 0;
  for (const fixture of fixtures) {
    summary[fixture.status]++;
    if (fixture.flaky) summary.flaky++;
    if (isQuarantinedFailure(fixture)) quarantined++;
    if (fixture.quarantined && fixture.flaky) quarantinedFlaky++;
  }
  if (quarantined) summary.quarantined = quarantined;
  if (quarantinedFlaky) summary.quarantinedFlaky = quarantinedFlaky;
  return summary;
});
var verdict = (function verdict(summary, options = {}) {
  const quarantined = summary.quarantined ?? 0;
  if (summary.failed - quarantined > 0) return "fail";
  if (summary.passed === 0 && quarantined === 0) return "fail";
  if (options.failOnFlaky && summary.flaky - (summary.quarantinedFlaky ?? 0) > 0) return "fail";
  return "pass";
});
var createArtifact = (function createArtifact(input) {
  const summary = summarize(input.fixtures);
  return {
    schemaVersion: SCHEMA_VERSION,
    runId: input.runId,
    mode: input.mode,
    startedAt: input.startedAt.toISOString(),
    finishedAt: input.finishedAt.toISOString(),
    durationMs: Math.max(0, input.finishedAt.getTime() - input.startedAt.getTime()),
    tool: {
      name: "smoke",
      version: input.version
    },
    environment: input.environment,
    selection: input.selection,
    fixtures: input.fixtures,
    summary,
    // An interrupted run never passes, even when the signal came after the last fixture ended;
    // nor does one whose services were not ready or went down.
    result: input.interrupted || servicesFailed(input.services) ? "fail" : verdict(summary, {
      failOnFlaky: input.failOnFlaky
    }),
    ...input.interrupted ? {
      interrupted: true
    } : {},
    ...input.combined ? {
      combined: input.combined
    } : {},
    ...input.suite ? {
      suite: input.suite
    } : {},
    ...input.services?.length ? {
      services: input.services
    } : {},
    diagnostics: input.diagnostics ?? []
  };
});
var servicesFailed = (function servicesFailed(services) {
  return (services ?? []).some(((s) => s.status === "not-ready" || s.status === "exited"));
});
var failedEntries = (function failedEntries(fixtures) {
  const failed = [];
  const seen = /* @__PURE__ */ new Set();
  for (const fixture of fixtures) {
    if (fixture.status !== "failed" || seen.has(fixture.id)) continue;
    seen.add(fixture.id);
    failed.push({
      id: fixture.id,
      ...fixture.failure ? {
        kind: fixture.failure.kind
      } : {}
    });
  }
  return failed;
});
var isDiagnosticsArtifact = (function isDiagnosticsArtifact(artifact) {
  return artifact.mode === "rerun-failed" && artifact.fixtures.length === 0 && artifact.selection.fixtureIds.length === 0 && artifact.diagnostics.some(((d) => d.level === "error"));
});

export {
  quarantinedFailure,
  isQuarantinedFailure,
  quarantineLine,
  summarize,
  verdict,
  createArtifact,
  servicesFailed,
  failedEntries,
  isDiagnosticsArtifact
};
//# sourceMappingURL=chunk-PBQEZ4VD.js.map
