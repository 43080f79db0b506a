import {
  historyPaths,
  namesLatest,
  sameFile
} from "./chunk-I6OP5QHC.js";
import {
  estimatesFrom,
  formatExpected,
  longestFirst
} from "./chunk-43PD62QX.js";
import {
  broughtBy
} from "./chunk-XTNGIA6P.js";
import {
  jsonValue
} from "./chunk-X254MOJK.js";
import {
  resolve
} from "./chunk-UZCZWFUL.js";
import {
  UserError
} from "./chunk-GTHP53V7.js";

// lib/selection/duration_shards.ts
var durationShards = (function durationShards(ids, expectedMs, total, options = {}) {
  const number = new Map(ids.map(((id, i) => [
    id,
    i
  ])));
  const msOfNumber = [
    ...expectedMs
  ];
  const brings = ids.map(((_, i) => (options.brings?.[i] ?? []).map(((b) => {
    let n = number.get(b.id);
    if (n === void 0) {
      n = msOfNumber.push(b.ms) - 1;
      number.set(b.id, n);
    }
    return n;
  }))));
  const follows = ((i) => expectedMs[i] > 0 && options.follows?.[i] === true);
  const fullOf = ids.map(((_, i) => brings[i].reduce(((sum, n) => sum + msOfNumber[n]), expectedMs[i])));
  const first = place(longestFirst(ids, expectedMs));
  if (!first.duplicated) return first.split;
  const longest = Math.max(...first.split.totals);
  const { split } = place(longestFirst(ids, fullOf), {
    cap: longest
  });
  const most = Math.max(0, ...fullOf);
  const led = new Set(split.shardOf.filter(((_, i) => expectedMs[i] > 0 && !follows(i))));
  const balanced = led.size < split.totals.length || Math.max(...split.totals) - Math.min(...split.totals) <= most;
  return Math.max(...split.totals) < longest && balanced ? split : first.split;
  function place(order, options2 = {}) {
    const totals = Array.from({
      length: Math.max(1, Math.min(total, ids.length))
    }, (() => 0));
    const counts = totals.map((() => 0));
    const leaders = totals.map((() => 0));
    const shardOf = ids.map((() => 0));
    const runsOn = msOfNumber.map((() => []));
    const saved = totals.map((() => 0));
    let top = 0;
    for (const i of [
      ...order.filter(((i2) => !follows(i2))),
      ...order.filter(follows)
    ]) {
      const among = follows(i) && leaders[0] > 0 ? leaders : expectedMs[i] === 0 && counts[0] > 0 ? counts : void 0;
      const runs = brings[i].length ? [
        i,
        ...brings[i]
      ] : [
        i
      ];
      const full = fullOf[i];
      for (const n of runs) for (const s of runsOn[n]) saved[s] += msOfNumber[n];
      let least = 0;
      if (runs.length === 1 && runsOn[i].length === 0) {
        for (let s = 1; s < totals.length; s++) {
          if ((!among || among[s] > 0) && totals[s] < totals[least]) least = s;
        }
        totals[least] += full;
      } else {
        const cap = options2.cap;
        let leastCost = totals[0] + full - saved[0];
        let leastLongest = Math.max(leastCost, top);
        let within = cap !== void 0 && leastCost <= cap;
        for (let s = 1; s < totals.length; s++) {
          if (among && among[s] === 0) continue;
          const cost = totals[s] + full - saved[s];
          const longest2 = Math.max(cost, top);
          const fits = cap !== void 0 && cost <= cap;
          const better = within || fits ? fits && (!within || saved[s] > saved[least] || saved[s] === saved[least] && cost < leastCost) : longest2 < leastLongest || longest2 === leastLongest && (saved[s] > saved[least] || saved[s] === saved[least] && cost < leastCost);
          if (better) {
            least = s;
            leastCost = cost;
            leastLongest = longest2;
            within = fits;
          }
        }
        totals[least] = leastCost;
      }
      top = Math.max(top, totals[least]);
      for (const n of runs) {
        for (const s of runsOn[n]) saved[s] = 0;
        if (!runsOn[n].includes(least)) runsOn[n].push(least);
      }
      counts[least]++;
      if (expectedMs[i] > 0 && !follows(i)) leaders[least]++;
      shardOf[i] = least + 1;
    }
    return {
      split: {
        shardOf,
        totals
      },
      duplicated: runsOn.some(((on) => on.length > 1))
    };
  }
});
var durationShardOf = (function durationShardOf(selection, shard, timings, options = {}) {
  if (options.placeBy) {
    return placedBy(selection, shard, timings, {
      ...options,
      placeBy: options.placeBy
    });
  }
  return splitOf(selection, shard, timings, options);
});
var splitOf = (function splitOf(selection, shard, timings, options, needs) {
  const { ids, ms, missing, fixtures, brings, needsLeftOut } = predicted(selection, timings, options, needs);
  const follows = selection.map(((f) => f.teardown === true && (f.needs?.length ?? 0) === 0));
  const split = durationShards(ids, ms, shard.total, {
    follows,
    ...brings ? {
      brings
    } : {}
  });
  const kept = selection.filter(((_, i) => split.shardOf[i] === shard.index));
  return {
    kept,
    shardOf: split.shardOf,
    plan: {
      shard,
      totals: split.totals,
      ...timings ? {
        source: timings.shown
      } : {},
      ...timings?.given ? {
        timingsGiven: true
      } : {},
      ...timings?.shared ? {
        timingsShared: true
      } : {},
      ...timings?.given ? {} : {
        ownTimings: catalogTimings(timings?.byId, options.catalogIds)
      },
      missing,
      fixtures,
      ...needsLeftOut ? {
        needsLeftOut
      } : {}
    }
  };
});
var predicted = (function predicted(selection, timings, options, needs = graphNeeds(options.graph ?? selection.map(((f) => ({
  ...f,
  needs: f.needs ?? [],
  teardown: f.teardown === true
}))), options.skipped)) {
  const ids = selection.map(((f) => f.id));
  const { graph, hasNeeds, brought } = needs;
  const broughtIds = brought ? ids.map(((id) => [
    ...brought.get(id) ?? []
  ])) : void 0;
  const selected = new Set(ids);
  const extra = [
    ...new Set(broughtIds?.flat() ?? [])
  ].filter(((id) => !selected.has(id)));
  const estimates = estimatesFrom(timings?.byId ?? /* @__PURE__ */ new Map(), [
    ...ids,
    ...extra
  ], {
    defaultFrom: options.catalogIds ?? ids,
    ...options.capMs ? {
      capMs: options.capMs
    } : {}
  });
  const skipReasons = new Map(graph.map(((node) => [
    node.id,
    node.skipReason
  ])));
  for (const f of selection) skipReasons.set(f.id, f.skipReason);
  const idle = ((id) => skipReasons.get(id) !== void 0 || !!options.skipped?.has(id));
  const msOf = ((id) => idle(id) ? 0 : Math.max(1, Math.round(estimates.byId.get(id).ms)));
  const ms = ids.map(msOf);
  const broughtObjects = /* @__PURE__ */ new Map();
  const broughtOf = ((id) => {
    let object = broughtObjects.get(id);
    if (!object) broughtObjects.set(id, object = {
      id,
      ms: msOf(id)
    });
    return object;
  });
  const running = [
    ...ids,
    ...extra
  ].filter(((id) => !idle(id)));
  return {
    ids,
    ms,
    missing: running.filter(((id) => estimates.byId.get(id).samples === 0)).length,
    fixtures: running.length,
    ...broughtIds ? {
      brings: broughtIds.map(((list) => list.map(broughtOf)))
    } : {},
    ...hasNeeds && !brought ? {
      needsLeftOut: true
    } : {}
  };
});
var graphNeeds = (function graphNeeds(graph, skipped) {
  const hasNeeds = graph.some(((node) => node.needs.length > 0));
  const brought = hasNeeds ? broughtBy(graph, skipped) : void 0;
  return {
    graph,
    hasNeeds,
    ...brought ? {
      brought
    } : {}
  };
});
var placedBy = (function placedBy(selection, shard, timings, options) {
  const { placeBy, ...rest } = options;
  const needs = rest.graph ? graphNeeds(rest.graph, rest.skipped) : void 0;
  const whole = splitOf(placeBy, shard, timings, rest, needs);
  const at = new Map(placeBy.map(((f, i) => [
    f.id,
    i
  ])));
  const shardOf = selection.map(((f) => whole.shardOf[at.get(f.id)]));
  const { ms, missing, fixtures, brings } = predicted(selection, timings, rest, needs);
  const runs = whole.plan.totals.map((() => /* @__PURE__ */ new Map()));
  shardOf.forEach(((s, i) => {
    for (const r of [
      {
        id: selection[i].id,
        ms: ms[i]
      },
      ...brings?.[i] ?? []
    ]) {
      runs[s - 1].set(r.id, r.ms);
    }
  }));
  const totals = runs.map(((shardRuns) => [
    ...shardRuns.values()
  ].reduce(((a, b) => a + b), 0)));
  return {
    kept: selection.filter(((_, i) => shardOf[i] === shard.index)),
    shardOf,
    plan: {
      ...whole.plan,
      totals,
      missing,
      fixtures,
      placedByWhole: true
    }
  };
});
var catalogTimings = (function catalogTimings(byId, catalogIds) {
  if (catalogIds === void 0) return new Map(byId ?? []);
  return new Map(catalogIds.map(((id) => [
    id,
    byId?.get(id) ?? []
  ])));
});
var shardPlanLine = (function shardPlanLine(plan) {
  const { total, index } = plan.shard;
  let reached = plan.totals.length;
  while (reached > 1 && plan.totals[reached - 1] === 0) reached--;
  const parts = plan.totals.slice(0, reached).map(((ms, i) => `${i + 1}/${total} ${formatExpected(ms)}${i + 1 === index ? " (this shard)" : ""}`));
  const first = reached + 1;
  if (first <= total) {
    const mark = index < first ? "" : first === total ? " (this shard)" : ` (this shard: ${index}/${total})`;
    const range = first === total ? `${total}/${total}` : `${first}/${total} to ${total}/${total}`;
    parts.push(`${range} 0ms${mark}`);
  }
  return `Shards by duration (${timingsSource(plan)}): ${parts.join(", ")}`;
});
var timingsSource = (function timingsSource(plan) {
  if (plan.fixtures === 0) {
    return `${plan.source === void 0 ? "no timings" : `from ${plan.source}`}; every fixture skipped`;
  }
  const count = `${plan.missing} of ${plan.fixtures} fixture${plan.fixtures === 1 ? "" : "s"}`;
  const shared = plan.timingsShared ? ", kept for the splits until a full run" : "";
  const placed = plan.placedByWhole ? ", placed as the whole selection splits" : "";
  const needs = plan.needsLeftOut ? "; needs too many to follow, not counted" : "";
  return plan.source === void 0 ? `no timings: ${count} at the default${placed}${needs}` : `from ${plan.source}${shared}${placed}, ${count} without timings${needs}`;
});
var shardRunLine = (function shardRunLine(plan) {
  const { index, total } = plan.shard;
  const missing = plan.missing > 0 || plan.needsLeftOut ? ` (${timingsSource(plan)})` : "";
  return `Shard ${index}/${total} by duration: predicted ${formatExpected(plan.totals[index - 1] ?? 0)}${missing}`;
});
var readTimings = (async function readTimings(where) {
  const { durationsUnreadable, durationsProblemOfValue, readDurationsFile, summaryOfValue, DURATIONS_FILE, usableDurationMs } = await import("./durations_file-FEVCHXNZ.js");
  const dir = resolve(where.cwd, where.artifactDir);
  const path = where.timings === void 0 ? void 0 : resolve(where.cwd, where.timings);
  if (path === void 0 || sameFile(path, resolve(dir, DURATIONS_FILE))) {
    const read = await readDurationsFile(dir);
    const shown2 = where.timings ?? `${where.artifactDir}/${DURATIONS_FILE}`;
    if (read.samples) return {
      timings: ownTimings(read.samples, shown2, where.suite ?? ".")
    };
    const named = where.timings === void 0 ? void 0 : "--timings naming the artifact directory's own summary is the same as leaving it out.";
    if (read.problem) {
      return {
        warning: durationsUnreadable(shown2, read.problem, {
          consequence: ": every fixture gets the default duration",
          ...named ? {
            before: named
          } : {},
          instead: "The start order is by id too, and a run starts the summary again where it can write it",
          orElse: "pass --timings with a previous run's artifact"
        })
      };
    }
    return {
      warning: {
        code: "SHARD_TIMINGS_MISSING",
        level: "warning",
        message: `No timings in "${shown2}": every fixture gets the default duration`,
        hint: (named ? `${named} ` : "") + "Pass --timings with a previous run's artifact, or run the suite once (not split by duration) to record durations."
      }
    };
  }
  const { checkSource, checkSourceValue, readSourceFile } = await import("./source_artifact-CWDMPORT.js");
  const shown = where.timings;
  const fail = ((reason, hint) => {
    const lines = reason.split("\n");
    const message = lines.length > 1 ? `Cannot read timings "${shown}":
  ${lines.join("\n  ")}` : `Cannot read timings "${shown}": ${reason}`;
    throw new UserError(message, {
      kind: "usage",
      code: "SHARD_TIMINGS_INVALID",
      hints: [
        hint ?? "Pass a smoke artifact (e.g. a previous run's file in runs/, or a copy of its latest.json) or a durations.json, or leave out --timings to use the artifact directory's durations.json."
      ]
    });
  });
  if (namesLatest(path, historyPaths(dir))) {
    throw new UserError(`Cannot split by timings "${shown}": every run replaces it, so the shards run after this one would split by other timings (and could run a fixture twice or not at all)`, {
      kind: "usage",
      code: "SHARD_TIMINGS_INVALID",
      hints: [
        "Copy it first and give the copy to every shard (cp latest.json timings.json), pass the run file it came from (runs/<runId>.json), or leave out --timings to split by the artifact directory's durations.json."
      ]
    });
  }
  const file = await readSourceFile(path);
  if (!file.ok) return fail(file.message);
  const value = jsonValue(file.text);
  if (value === void 0) {
    const checked2 = checkSource(file.text);
    return fail(checked2.ok ? "it is not JSON" : checked2.message);
  }
  const { samples: summary, leftOut } = summaryOfValue(value);
  if (summary) {
    if (leftOut) {
      const more = leftOut.count - leftOut.lines.length;
      return fail([
        ...leftOut.lines,
        ...more ? [
          `... and ${more} more`
        ] : []
      ].join("\n"), `Fix or remove these entries: each id's durations are a list of milliseconds, newest first (e.g. "api/health": [1200, 1150]).`);
    }
    return {
      timings: {
        byId: summary.byId,
        shown,
        given: true
      }
    };
  }
  const unread = durationsProblemOfValue(value);
  if (unread) return fail(unread);
  const checked = checkSourceValue(value);
  if (!checked.ok) return fail(checked.message);
  const byId = /* @__PURE__ */ new Map();
  for (const result of checked.artifact.fixtures) {
    const finished = result.attempts > 0 && result.failure?.kind !== "interrupted";
    if (finished && usableDurationMs(result.durationMs)) {
      byId.set(result.id, [
        result.durationMs
      ]);
    }
  }
  return {
    timings: {
      byId,
      shown,
      given: true
    }
  };
});
var ownTimings = (function ownTimings(samples, shown, suite) {
  const ours = samples.splits?.find(((split) => split.suite === suite));
  return ours ? {
    byId: ours.timings,
    shown,
    shared: true
  } : {
    byId: samples.byId,
    shown
  };
});

export {
  durationShards,
  durationShardOf,
  shardPlanLine,
  shardRunLine,
  readTimings
};
//# sourceMappingURL=chunk-BRQLOGDW.js.map
