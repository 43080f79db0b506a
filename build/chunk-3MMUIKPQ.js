import {
  MAX_COUNTED,
  MAX_SAMPLES,
  MAX_SPLITS,
  addOutcome,
  usableDurationMs
} from "./chunk-YHN6PYAE.js";
import {
  interruptedWithoutResult
} from "./chunk-VPM3V57A.js";

// lib/artifact/durations_update.ts
var KEEP_OTHER_IDS = 1e3;
var addRun = (function addRun(before, ran, options = {}) {
  const { catalog } = options;
  const ids = /* @__PURE__ */ new Set([
    ...before?.byId.keys() ?? [],
    ...before?.outcomes?.keys() ?? []
  ]);
  const full = catalog !== void 0 && ids.size > Math.max(KEEP_OTHER_IDS, 4 * catalog.size);
  const kept = ((entries) => full ? [
    ...entries
  ].filter((([id]) => catalog.has(id))) : entries);
  const suite = options.suite ?? ".";
  const others = (before?.splits ?? []).filter(((split) => split.suite !== suite && split.suite !== options.formerSuite));
  const splits = options.split === null ? others : options.split ? [
    {
      suite,
      timings: new Map(options.split)
    },
    ...others
  ].slice(0, MAX_SPLITS) : before?.splits ?? [];
  const counted = [
    .../* @__PURE__ */ new Set([
      ...options.runIds ?? [],
      ...before?.counted ?? []
    ])
  ].slice(0, MAX_COUNTED);
  const byId = new Map(kept(before?.byId ?? []));
  const outcomes = new Map(kept(before?.outcomes ?? []));
  for (const { id, durationMs, status } of ran) {
    if (durationMs !== void 0) {
      byId.set(id, [
        durationMs,
        ...byId.get(id) ?? []
      ].slice(0, MAX_SAMPLES));
    }
    if (status === "passed" || status === "failed") {
      outcomes.set(id, addOutcome(outcomes.get(id), status));
    }
  }
  return {
    runs: (before?.runs ?? 0) + (options.count === false ? 0 : 1),
    byId,
    ...outcomes.size ? {
      outcomes
    } : {},
    ...splits.length ? {
      splits
    } : {},
    ...counted.length ? {
      counted
    } : {}
  };
});
var recordedResults = (function recordedResults(fixtures) {
  return fixtures.filter(((f) => f.attempts > 0 && !interruptedWithoutResult(f))).map(((f) => f.failure?.kind === "interrupted" ? {
    id: f.id,
    status: "failed"
  } : usableDurationMs(f.durationMs) ? {
    id: f.id,
    durationMs: f.durationMs,
    status: f.status
  } : {
    id: f.id,
    status: f.status
  }));
});
var runsOf = (function runsOf(input) {
  return [
    input.runId,
    ...(input.inputs ?? []).map(((i) => i.runId))
  ];
});

export {
  addRun,
  recordedResults,
  runsOf
};
//# sourceMappingURL=chunk-3MMUIKPQ.js.map
