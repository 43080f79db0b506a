import {
  sha256Hex
} from "./chunk-4SYLYQRO.js";
import {
  estimatesFrom,
  formatExpected,
  longestFirst
} from "./chunk-P65HMGS6.js";
import {
  resolve
} from "./chunk-UZCZWFUL.js";
import {
  displayName
} from "./chunk-VTBD4O6O.js";
import {
  UserError
} from "./chunk-GTHP53V7.js";

// lib/base/_suggest.ts
var distance = (function distance(a, b) {
  const row = Array.from({
    length: b.length + 1
  }, ((_, i) => i));
  for (let i = 1; i <= a.length; i++) {
    let previous = row[0];
    row[0] = i;
    for (let j = 1; j <= b.length; j++) {
      const current = row[j];
      row[j] = Math.min(row[j] + 1, row[j - 1] + 1, previous + (a[i - 1] === b[j - 1] ? 0 : 1));
      previous = current;
    }
  }
  return row[b.length];
});
var MAX_SUGGESTED_LENGTH = 256;
var closest = (function closest(input, candidates) {
  if (input.length > MAX_SUGGESTED_LENGTH) return void 0;
  const limit = Math.max(2, Math.ceil(input.length / 2));
  let best;
  let bestScore = Infinity;
  for (const candidate of candidates) {
    const apart = Math.abs(candidate.length - input.length);
    if (apart > limit && !candidate.includes(input)) continue;
    const score = candidate.includes(input) || input.includes(candidate) ? apart / 2 : distance(input, candidate);
    if (score < bestScore) {
      best = candidate;
      bestScore = score;
    }
  }
  return bestScore <= limit ? best : void 0;
});

// lib/selection/select.ts
var filterByTags = (function filterByTags(fixtures, tags, catalog) {
  if (tags.length === 0) return [
    ...fixtures
  ];
  const known = new Set(catalog.flatMap(((f) => f.tags)));
  for (const tag of tags) {
    if (known.has(tag)) continue;
    const suggestion = closest(tag, [
      ...known
    ]);
    throw new UserError(`Unknown tag "${displayName(tag)}": no fixture has it`, {
      kind: "usage",
      hints: [
        suggestion ? `Did you mean "--tag ${suggestion}"?` : known.size ? `The tags in use: ${[
          ...known
        ].sort().join(", ")}.` : 'No fixture has tags yet: add "tags": ["api"] to a manifest.',
        "Run with --dry-run to see each fixture's tags."
      ]
    });
  }
  const wanted = new Set(tags);
  return fixtures.filter(((f) => f.tags.some(((tag) => wanted.has(tag)))));
});
var excludeFixtures = (function excludeFixtures(fixtures, exclusions, catalog) {
  const tags = new Set(exclusions.tags);
  const out = ((f) => f.tags.some(((tag) => tags.has(tag))) || exclusions.patterns.some(((p) => matchesPattern(p, f.id))));
  return {
    kept: fixtures.filter(((f) => !out(f))),
    unmatched: {
      patterns: exclusions.patterns.filter(((p) => !catalog.some(((f) => matchesPattern(p, f.id))))),
      tags: exclusions.tags.filter(((t) => !catalog.some(((f) => f.tags.includes(t)))))
    }
  };
});
var matchSegment = (function matchSegment(pattern, text, steps) {
  let p = 0;
  let t = 0;
  let star = -1;
  let resume = 0;
  while (t < text.length) {
    steps.count++;
    if (p < pattern.length && pattern[p] === "*") {
      star = p++;
      resume = t;
    } else if (p < pattern.length && pattern[p] === text[t]) {
      p++;
      t++;
    } else if (star >= 0) {
      p = star + 1;
      t = ++resume;
    } else {
      return false;
    }
  }
  while (p < pattern.length && pattern[p] === "*") {
    steps.count++;
    p++;
  }
  return p === pattern.length;
});
var matchSegments = (function matchSegments(patterns, segments, steps) {
  let p = 0;
  let s = 0;
  let star = -1;
  let resume = 0;
  while (s < segments.length) {
    steps.count++;
    if (p < patterns.length && patterns[p] === "**") {
      star = p++;
      resume = s;
    } else if (p < patterns.length && matchSegment(patterns[p], segments[s], steps)) {
      p++;
      s++;
    } else if (star >= 0) {
      p = star + 1;
      s = ++resume;
    } else {
      return false;
    }
  }
  while (p < patterns.length && patterns[p] === "**") p++;
  return p === patterns.length;
});
var globMatch = (function globMatch(pattern, id) {
  const steps = {
    count: 0
  };
  if (!pattern.includes("*")) return {
    matches: pattern === id,
    steps: 0
  };
  const patterns = pattern.split("/");
  const segments = id.split("/");
  const matches = patterns.includes("**") ? matchSegments(patterns, segments, steps) : patterns.length === segments.length && patterns.every(((p, i) => matchSegment(p, segments[i], steps)));
  return {
    matches,
    steps: steps.count
  };
});
var matchesPattern = (function matchesPattern(pattern, id) {
  return globMatch(pattern, id).matches;
});
var filterByPatterns = (function filterByPatterns(catalog, patterns) {
  if (patterns.length === 0) return [
    ...catalog
  ];
  for (const pattern of patterns) {
    if (!catalog.some(((fixture) => matchesPattern(pattern, fixture.id)))) {
      const suggestion = closest(pattern, catalog.map(((fixture) => fixture.id)));
      throw new UserError(`Unknown fixture "${displayName(pattern)}": no fixture id matches it`, {
        kind: "usage",
        hints: [
          suggestion ? `Did you mean "${suggestion}"?` : "Check the id spelling.",
          "Run with --list to see every id."
        ]
      });
    }
  }
  return catalog.filter(((fixture) => patterns.some(((p) => matchesPattern(p, fixture.id)))));
});
var hashId = (function hashId(text) {
  let hash = 2166136261;
  for (let i = 0; i < text.length; i++) {
    hash ^= text.charCodeAt(i);
    hash = Math.imul(hash, 16777619) >>> 0;
  }
  return hash;
});
var shardIndexOf = (function shardIndexOf(id, total) {
  return avalanche(hashId(id)) % total + 1;
});
var splitDigest = (async function splitDigest(by, total, placed) {
  const lines = [
    ...placed
  ].map((([id, index]) => `${id}	${index}
`)).sort();
  const text = `smoke split 1
${by}
${total}
${lines.join("")}`;
  return await sha256Hex(new TextEncoder().encode(text));
});
var shardsWithFixtures = (function shardsWithFixtures(indexes, total) {
  const filled = [
    ...new Set(indexes)
  ].sort(((a, b) => a - b));
  return filled.length < total ? filled : void 0;
});
var avalanche = (function avalanche(hash) {
  hash ^= hash >>> 16;
  hash = Math.imul(hash, 2246822507);
  hash ^= hash >>> 13;
  hash = Math.imul(hash, 3266489909);
  hash ^= hash >>> 16;
  return hash >>> 0;
});

// lib/selection/duration_shards.ts
var durationShards = (function durationShards(ids, expectedMs, total) {
  const totals = Array.from({
    length: Math.max(1, Math.min(total, ids.length))
  }, (() => 0));
  const counts = totals.map((() => 0));
  const shardOf = ids.map((() => 0));
  for (const i of longestFirst(ids, expectedMs)) {
    const used = expectedMs[i] === 0 && counts[0] > 0;
    let least = 0;
    for (let s = 1; s < totals.length; s++) {
      if ((!used || counts[s] > 0) && totals[s] < totals[least]) least = s;
    }
    totals[least] += expectedMs[i];
    counts[least]++;
    shardOf[i] = least + 1;
  }
  return {
    shardOf,
    totals
  };
});
var durationShardOf = (function durationShardOf(selection, shard, timings, options = {}) {
  const ids = selection.map(((f) => f.id));
  const estimates = estimatesFrom(timings?.byId ?? /* @__PURE__ */ new Map(), ids);
  const idle = selection.map(((f) => f.skipReason !== void 0 || !!options.skipped?.has(f.id)));
  const ms = selection.map(((f, i) => idle[i] ? 0 : Math.max(1, estimates.byId.get(f.id).ms)));
  const split = durationShards(ids, ms, shard.total);
  const kept = selection.filter(((_, i) => split.shardOf[i] === shard.index));
  const missing = ids.filter(((id, i) => !idle[i] && estimates.byId.get(id).samples === 0)).length;
  const withFixtures = shardsWithFixtures(split.shardOf, shard.total);
  return {
    kept,
    shardOf: split.shardOf,
    ...withFixtures ? {
      withFixtures
    } : {},
    plan: {
      shard,
      totals: split.totals,
      ...timings ? {
        source: timings.shown
      } : {},
      ...timings?.given ? {
        timingsGiven: true
      } : {},
      missing,
      fixtures: ids.length
    }
  };
});
var shardPlanLine = (function shardPlanLine(plan) {
  const { total, index } = plan.shard;
  const parts = plan.totals.map(((ms, i) => `${i + 1}/${total} ${formatExpected(ms)}${i + 1 === index ? " (this shard)" : ""}`));
  const first = plan.totals.length + 1;
  if (first <= total) {
    const mark = index < first ? "" : first === total ? " (this shard)" : ` (this shard: ${index}/${total})`;
    const range = first === total ? `${total}/${total}` : `${first}/${total} to ${total}/${total}`;
    parts.push(`${range} 0ms${mark}`);
  }
  return `Shards by duration (${timingsSource(plan)}): ${parts.join(", ")}`;
});
var timingsSource = (function timingsSource(plan) {
  const count = `${plan.missing} of ${plan.fixtures} fixture${plan.fixtures === 1 ? "" : "s"}`;
  return plan.source === void 0 ? `no timings: ${count} at the default` : `from ${plan.source}, ${count} without timings`;
});
var shardRunLine = (function shardRunLine(plan) {
  const { index, total } = plan.shard;
  const missing = plan.missing > 0 ? ` (${timingsSource(plan)})` : "";
  return `Shard ${index}/${total} by duration: predicted ${formatExpected(plan.totals[index - 1] ?? 0)}${missing}`;
});
var readTimings = (async function readTimings(where) {
  const { durationsOfValue, durationsProblemOfValue, readDurationsFile, DURATIONS_FILE, usableDurationMs } = await import("./durations_file-5AGNMYEW.js");
  if (where.timings === void 0) {
    const read = await readDurationsFile(resolve(where.cwd, where.artifactDir));
    const shown2 = `${where.artifactDir}/${DURATIONS_FILE}`;
    if (read.samples) return {
      timings: {
        byId: read.samples.byId,
        shown: shown2
      }
    };
    return {
      warning: {
        code: "SHARD_TIMINGS_MISSING",
        level: "warning",
        // A summary that is there but cannot be read says why, not that there is none.
        message: `${read.problem ? `Cannot read "${shown2}": ${read.problem}` : `No timings in "${shown2}"`}: every fixture gets the default duration`,
        hint: read.problem ? "A run starts the summary again where it can write it (remove what is there if it is not a regular file), or pass --timings with a previous run's artifact." : "Pass --timings with a previous run's artifact, or run the suite once to record durations."
      }
    };
  }
  const { checkSource, checkSourceValue, readSourceFile } = await import("./source_artifact-K74B3ZVR.js");
  const shown = where.timings;
  const given = resolve(where.cwd, shown) !== resolve(where.cwd, where.artifactDir, DURATIONS_FILE);
  const fail = ((reason) => {
    const lines = reason.split("\n");
    const message = lines.length > 1 ? `Cannot read timings "${shown}":
  ${lines.join("\n  ")}` : `Cannot read timings "${shown}": ${reason}`;
    throw new UserError(message, {
      kind: "usage",
      code: "SHARD_TIMINGS_INVALID",
      hints: [
        "Pass a smoke artifact (e.g. a previous run's latest.json) or a durations.json, or leave out --timings to use the artifact directory's durations.json."
      ]
    });
  });
  const file = await readSourceFile(resolve(where.cwd, shown));
  if (!file.ok) return fail(file.message);
  let value;
  try {
    value = JSON.parse(file.text);
  } catch (error) {
    if (!(error instanceof SyntaxError)) throw error;
    const checked2 = checkSource(file.text);
    return fail(checked2.ok ? error.message : checked2.message);
  }
  const summary = durationsOfValue(value);
  if (summary) return {
    timings: {
      byId: summary.byId,
      shown,
      ...given ? {
        given
      } : {}
    }
  };
  const unread = durationsProblemOfValue(value);
  if (unread) return fail(unread);
  const checked = checkSourceValue(value);
  if (!checked.ok) return fail(checked.message);
  const byId = /* @__PURE__ */ new Map();
  for (const result of checked.artifact.fixtures) {
    if (result.attempts > 0 && usableDurationMs(result.durationMs)) {
      byId.set(result.id, [
        result.durationMs
      ]);
    }
  }
  return {
    timings: {
      byId,
      shown,
      ...given ? {
        given
      } : {}
    }
  };
});

export {
  closest,
  filterByTags,
  excludeFixtures,
  matchesPattern,
  filterByPatterns,
  shardIndexOf,
  splitDigest,
  shardsWithFixtures,
  durationShards,
  durationShardOf,
  shardPlanLine,
  shardRunLine,
  readTimings
};
//# sourceMappingURL=chunk-7BBUP77E.js.map
