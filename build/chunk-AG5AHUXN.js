import {
  dependenciesFirst,
  needIndices
} from "./chunk-XTNGIA6P.js";
import {
  usableDurationMs
} from "./chunk-6LNJXCP2.js";

// lib/selection/durations.ts
var DURATION_SAMPLES = 10;
var DEFAULT_DURATION_MS = 1e3;
var median = (function median(values) {
  const sorted = [
    ...values
  ].sort(((a, b) => a - b));
  const mid = sorted.length >> 1;
  return sorted.length % 2 === 1 ? sorted[mid] : (sorted[mid - 1] + sorted[mid]) / 2;
});
var expectedDurations = (function expectedDurations(runs, ids, options = {}) {
  const k = options.samples ?? DURATION_SAMPLES;
  const seen = /* @__PURE__ */ new Map();
  for (const run of runs) {
    for (const result of run.fixtures) {
      if (result.attempts <= 0) continue;
      if (!usableDurationMs(result.durationMs)) continue;
      const list = seen.get(result.id) ?? [];
      if (list.length < k) list.push(result.durationMs);
      seen.set(result.id, list);
    }
  }
  return estimatesFrom(seen, ids, options);
});
var estimatesFrom = (function estimatesFrom(byId, ids, options = {}) {
  const k = options.samples ?? DURATION_SAMPLES;
  const estimateOf = ((id) => {
    const list = byId.get(id)?.slice(0, k) ?? [];
    return list.length ? {
      ms: median(list),
      samples: list.length
    } : void 0;
  });
  const known = /* @__PURE__ */ new Map();
  for (const id of new Set(ids)) {
    const estimate = estimateOf(id);
    if (estimate) known.set(id, estimate);
  }
  const others = options.defaultFrom ? [
    ...new Set(options.defaultFrom)
  ].flatMap(((id) => estimateOf(id)?.ms ?? [])) : [
    ...known.values()
  ].map(((e) => e.ms));
  const defaultMs = others.length > 0 ? median(others) : DEFAULT_DURATION_MS;
  const defaultOf = others.length;
  const estimates = /* @__PURE__ */ new Map();
  for (const id of ids) {
    const estimate = known.get(id) ?? {
      ms: defaultMs,
      samples: 0
    };
    const cap = options.capMs?.(id);
    const cut = cap !== void 0 && estimate.ms > cap ? {
      ms: cap,
      ...estimate.ms > cap * 1.1 ? {
        capped: true
      } : {}
    } : {};
    estimates.set(id, {
      ...estimate,
      ...cut
    });
  }
  return {
    byId: estimates,
    defaultMs,
    defaultOf
  };
});
var longestFirst = (function longestFirst(ids, expectedMs) {
  return ids.map(((_, i) => i)).sort(((i, j) => expectedMs[j] - expectedMs[i] || (ids[i] < ids[j] ? -1 : ids[i] > ids[j] ? 1 : i - j)));
});
var longestChainFirst = (function longestChainFirst(fixtures, expectedMs) {
  if (fixtures.every(((f) => f.needs.length === 0))) {
    return longestFirst(fixtures.map(((f) => f.id)), expectedMs);
  }
  const dependants = fixtures.map((() => []));
  needIndices(fixtures).forEach(((needs, j) => needs.forEach(((i) => dependants[i].push(j)))));
  const chain = new Array(fixtures.length).fill(-1);
  for (const i of dependenciesFirst(fixtures.map(((_, i2) => i2)), ((i2) => dependants[i2]))) {
    let longest = 0;
    for (const j of dependants[i]) if (chain[j] > longest) longest = chain[j];
    chain[i] = expectedMs[i] + longest;
  }
  return longestFirst(fixtures.map(((f) => f.id)), chain);
});
var longestOf = (function longestOf(fixtures) {
  const byId = new Map(fixtures.map(((p) => [
    p.fixture.id,
    p.timeoutMs * (p.retries + 1)
  ])));
  return ((id) => byId.get(id));
});
var planSchedule = (function planSchedule(planned, history, options = {}) {
  const { order, askedIn = "flag" } = options;
  const runs = history?.runs ?? 0;
  const mode = order ?? (runs > 0 ? "duration" : "id");
  const base = {
    mode,
    runs,
    ...order ? {
      askedIn
    } : {}
  };
  if (history === void 0 || runs === 0 && !order) return base;
  const ids = planned.map(((p) => p.fixture.id));
  const estimates = estimatesFrom(history.byId, ids, {
    ...options.catalogIds ? {
      defaultFrom: options.catalogIds
    } : {},
    capMs: longestOf(planned)
  });
  if (mode === "id") return {
    ...base,
    estimates
  };
  const ms = planned.map(((p) => p.fixture.skipReason ? 0 : estimates.byId.get(p.fixture.id).ms));
  const startOrder = longestChainFirst(planned.map(((p) => p.fixture)), ms);
  return {
    ...base,
    estimates,
    startOrder
  };
});
var readSchedule = (async function readSchedule(planned, where) {
  const options = {
    ...where.order ? {
      order: where.order
    } : {},
    askedIn: where.orderFromConfig ? "config" : "flag",
    ...where.catalogIds ? {
      catalogIds: where.catalogIds
    } : {}
  };
  const { readDurationsFile } = await import("./durations_file-7BUTDGKF.js");
  const read = await readDurationsFile(where.paths.dir);
  if (where.order === "id") return {
    ...planSchedule(planned, void 0, options),
    read
  };
  const none = where.order ? {
    runs: 0,
    byId: /* @__PURE__ */ new Map()
  } : void 0;
  return {
    ...planSchedule(planned, read.samples ?? none, options),
    read
  };
});
var formatExpected = (function formatExpected(ms) {
  return ms >= 1e3 ? `${(ms / 1e3).toFixed(1)}s` : `${Math.round(ms)}ms`;
});
var SHOWN_START_IDS = 20;
var expectedLine = (function expectedLine(schedule, planned) {
  const estimate = schedule.estimates?.byId.get(planned.fixture.id);
  if (!estimate || planned.fixture.skipReason) return void 0;
  const why = (estimate.samples > 0 ? `median of ${estimate.samples} run${estimate.samples === 1 ? "" : "s"}` : schedule.estimates.defaultOf > 0 ? "no history: the suite's median" : "no history: default") + (estimate.capped ? ", cut to its timeout" : "");
  return `  expected: ${formatExpected(estimate.ms)} (${why})`;
});
var startOrderLine = (function startOrderLine(schedule, planned) {
  if (schedule.mode === "id") {
    if (schedule.askedIn === void 0) {
      return schedule.read?.problem ? "Start order: by id (the durations summary cannot be read)" : "Start order: by id (no history yet: a run records the durations)";
    }
    return schedule.askedIn === "config" ? 'Start order: by id ("order": "id" in the config)' : "Start order: by id (--order id)";
  }
  const order = schedule.startOrder ?? planned.map(((_, i) => i));
  const ids = order.slice(0, SHOWN_START_IDS).map(((i) => planned[i].fixture.id));
  const more = order.length - ids.length;
  const runs = Math.min(schedule.runs, DURATION_SAMPLES);
  const source = runs > 0 ? `from the newest ${runs} run${runs === 1 ? "" : "s"}` : schedule.read?.problem ? "the durations summary cannot be read: every fixture at the default" : "no history yet: every fixture at the default";
  const chained = planned.some(((p) => p.fixture.needs?.length));
  return `Start order: ${chained ? "longest chain" : "longest expected"} first (${source}): ${ids.join(", ")}` + (more > 0 ? `, and ${more} more` : "");
});

export {
  DURATION_SAMPLES,
  DEFAULT_DURATION_MS,
  median,
  expectedDurations,
  estimatesFrom,
  longestFirst,
  longestChainFirst,
  longestOf,
  planSchedule,
  readSchedule,
  formatExpected,
  expectedLine,
  startOrderLine
};
//# sourceMappingURL=chunk-AG5AHUXN.js.map
