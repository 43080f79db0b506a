import {
  summarize,
  verdict
} from "./chunk-PBQEZ4VD.js";
import {
  runIdClearlyAfter
} from "./chunk-6MYH7WWL.js";

// lib/artifact/suite_state.ts
var isFullRun = (function isFullRun(run) {
  return run.mode === "full" && run.shard === void 0;
});
var entryOf = (function entryOf(result, runId) {
  return {
    id: result.id,
    status: result.status,
    runId,
    ...result.flaky ? {
      flaky: true
    } : {},
    ...result.status === "failed" ? {
      failure: result.failure ?? {
        kind: "exit-code",
        message: "failed"
      }
    } : {},
    ...result.fingerprint ? {
      fingerprint: result.fingerprint
    } : {}
  };
});
var advanceState = (function advanceState(prior, run) {
  const full = isFullRun(run);
  const entries = new Map(full ? [] : prior?.entries ?? []);
  for (const result of run.fixtures) entries.set(result.id, entryOf(result, run.runId));
  const since = full ? run.runId : prior?.since;
  return {
    ...since !== void 0 ? {
      since
    } : {},
    entries
  };
});
var stateFromRecord = (function stateFromRecord(record) {
  const entries = /* @__PURE__ */ new Map();
  const flaky = new Set(record.flaky);
  for (const id of record.passed) {
    entries.set(id, {
      id,
      status: "passed",
      ...flaky.has(id) ? {
        flaky: true
      } : {}
    });
  }
  for (const id of record.skipped) entries.set(id, {
    id,
    status: "skipped"
  });
  for (const entry of record.outstanding) {
    entries.set(entry.id, {
      id: entry.id,
      status: "failed",
      runId: entry.runId,
      failure: {
        kind: entry.kind,
        message: entry.message
      },
      ...entry.fingerprint ? {
        fingerprint: entry.fingerprint
      } : {}
    });
  }
  return {
    ...record.since !== void 0 ? {
      since: record.since
    } : {},
    entries
  };
});
var byId = (function byId(a, b) {
  return a < b ? -1 : a > b ? 1 : 0;
});
var suiteRecord = (function suiteRecord(state, ownRunId) {
  const clamp = ((runId) => runIdClearlyAfter(runId, ownRunId) ? ownRunId : runId);
  const outstanding = [];
  const passed = [];
  const skipped = [];
  const flaky = [];
  const since = state.since === void 0 ? void 0 : clamp(state.since);
  for (const id of [
    ...state.entries.keys()
  ].sort(byId)) {
    const entry = state.entries.get(id);
    if (entry.status === "passed") {
      passed.push(id);
      if (entry.flaky) flaky.push(id);
    } else if (entry.status === "skipped") {
      skipped.push(id);
    } else {
      const failure = entry.failure ?? {
        kind: "exit-code",
        message: "failed"
      };
      let runId = clamp(entry.runId ?? ownRunId);
      if (since !== void 0 && runIdClearlyAfter(since, runId)) runId = since;
      outstanding.push({
        id,
        runId,
        kind: failure.kind,
        message: failure.message,
        ...entry.fingerprint ? {
          fingerprint: entry.fingerprint
        } : {}
      });
    }
  }
  return {
    ...since !== void 0 ? {
      since
    } : {},
    outstanding,
    passed,
    skipped,
    flaky
  };
});
var outstandingOf = (function outstandingOf(state) {
  return [
    ...state.entries.values()
  ].filter(((e) => e.status === "failed")).sort(((a, b) => byId(a.id, b.id)));
});
var suiteVerdict = (function suiteVerdict(state, options = {}) {
  const entries = [
    ...state.entries.values()
  ];
  const quarantined = options.quarantined;
  const summary = summarize(quarantined ? entries.map(((e) => ({
    ...e,
    quarantined: quarantined.has(e.id)
  }))) : entries);
  return {
    summary,
    result: verdict(summary, options)
  };
});
var dropStale = (function dropStale(state, catalogIds) {
  const known = new Set(catalogIds);
  const entries = /* @__PURE__ */ new Map();
  const stale = [];
  for (const [id, entry] of state.entries) {
    if (known.has(id)) entries.set(id, entry);
    else if (entry.status === "failed") stale.push(id);
  }
  return {
    state: {
      ...state,
      entries
    },
    stale: stale.sort(byId)
  };
});

export {
  isFullRun,
  advanceState,
  stateFromRecord,
  suiteRecord,
  outstandingOf,
  suiteVerdict,
  dropStale
};
//# sourceMappingURL=chunk-GJW5UQ5D.js.map
