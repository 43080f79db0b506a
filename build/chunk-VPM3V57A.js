import {
  SERVICE_NAME_PATTERN
} from "./chunk-6MYH7WWL.js";

// lib/artifact/not_run.ts
var SERVICE_NOT_READY = new RegExp(`^Not run: service "(${SERVICE_NAME_PATTERN.source.slice(1, -1)})" was not ready$`);
var serviceNotReadyMessage = (function serviceNotReadyMessage(service) {
  return `Not run: service "${service}" was not ready`;
});
var notReadyService = (function notReadyService(message) {
  return SERVICE_NOT_READY.exec(message)?.[1];
});
var keptFromStarting = (function keptFromStarting(result) {
  const kind = result.failure?.kind;
  return result.status === "failed" && (kind === "not-run" || kind === "blocked");
});
var owedUnstarted = (function owedUnstarted(outstanding, combined) {
  const room = Math.max(0, combined.failed - (combined.quarantined ?? 0));
  const blocked = Math.min(room, outstanding.filter(((e) => e.kind === "blocked")).length);
  const notRun = Math.min(room - blocked, outstanding.filter(((e) => e.kind === "not-run")).length);
  return {
    blocked,
    notRun
  };
});
var owedMark = (function owedMark(kind) {
  return kind === "interrupted" ? "unfinished" : kind === "not-run" ? "not run" : kind === "blocked" ? "blocked" : void 0;
});
var interruptedWithoutResult = (function interruptedWithoutResult(result) {
  return result.failure?.kind === "interrupted" && result.attempts <= 1 && !(result.repeat?.outcomes.includes("F") ?? false);
});
var cutShort = (function cutShort(fixtures) {
  return fixtures.some(((f) => f.failure?.kind === "interrupted" || f.failure?.kind === "not-run"));
});

export {
  serviceNotReadyMessage,
  notReadyService,
  keptFromStarting,
  owedUnstarted,
  owedMark,
  interruptedWithoutResult,
  cutShort
};
//# sourceMappingURL=chunk-VPM3V57A.js.map
