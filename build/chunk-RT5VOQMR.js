import {
  dependenciesFirst,
  needIndices
} from "./chunk-XTNGIA6P.js";

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
var formatExpected = (function formatExpected(ms) {
  return ms >= 1e3 ? `${(ms / 1e3).toFixed(1)}s` : `${Math.round(ms)}ms`;
});

export {
  DURATION_SAMPLES,
  estimatesFrom,
  longestFirst,
  longestChainFirst,
  longestOf,
  formatExpected
};
//# sourceMappingURL=chunk-RT5VOQMR.js.map
