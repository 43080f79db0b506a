import {
  DURATION_SAMPLES,
  estimatesFrom,
  formatExpected,
  longestChainFirst,
  longestOf
} from "./chunk-RT5VOQMR.js";

// lib/selection/schedule.ts
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
  const { readDurationsFile } = await import("./durations_file-2TNGUGM2.js");
  const read = await readDurationsFile(where.paths.dir, where.earlier);
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
  const { estimates } = schedule;
  const running = planned.filter(((p) => !p.fixture.skipReason));
  const measured = running.length === 0 || running.some(((p) => (estimates?.byId.get(p.fixture.id)?.samples ?? 0) > 0));
  const source = runs > 0 && !measured && estimates ? `no durations recorded for these fixtures: every fixture at ${estimates.defaultOf > 0 ? "the suite's median" : "the default"}` : runs > 0 ? `from the newest ${runs} run${runs === 1 ? "" : "s"}` : schedule.read?.problem ? "the durations summary cannot be read: every fixture at the default" : "no history yet: every fixture at the default";
  const chained = planned.some(((p) => p.fixture.needs?.length));
  return `Start order: ${chained ? "longest chain" : "longest expected"} first (${source}): ${ids.join(", ")}` + (more > 0 ? `, and ${more} more` : "");
});

export {
  planSchedule,
  readSchedule,
  expectedLine,
  startOrderLine
};
//# sourceMappingURL=chunk-FZ6GXYCF.js.map
