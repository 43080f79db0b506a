import {
  RUN_ID_PATTERN,
  isFixtureId
} from "./chunk-6MYH7WWL.js";
import {
  displayName
} from "./chunk-XRBLM22N.js";
import {
  MAX_TIMER_MS
} from "./chunk-ANYOMBVL.js";

// lib/base/json_value.ts
var jsonValue = (function jsonValue(text) {
  try {
    return JSON.parse(text);
  } catch (error) {
    if (error instanceof SyntaxError) return void 0;
    throw error;
  }
});

// lib/artifact/outcome_history.ts
var MAX_OUTCOMES = 10;
var OUTCOMES_PATTERN = /^[PF]{1,10}$/;
var flipRate = (function flipRate(outcomes) {
  let flips = 0;
  let runs = 0;
  let previous = "";
  for (const outcome of outcomes) {
    if (outcome !== "P" && outcome !== "F") continue;
    if (previous && outcome !== previous) flips++;
    previous = outcome;
    runs++;
  }
  return {
    flips,
    runs
  };
});
var addOutcome = (function addOutcome(before, status) {
  return `${status === "passed" ? "P" : "F"}${before ?? ""}`.slice(0, MAX_OUTCOMES);
});
var parseOutcomes = (function parseOutcomes(value, validId) {
  const outcomes = /* @__PURE__ */ new Map();
  if (typeof value !== "object" || value === null || Array.isArray(value)) return outcomes;
  for (const [id, text] of Object.entries(value)) {
    if (!validId(id) || typeof text !== "string") continue;
    const newest = text.slice(0, MAX_OUTCOMES);
    if (OUTCOMES_PATTERN.test(newest)) outcomes.set(id, newest);
  }
  return outcomes;
});
var LIKELY_FLAKY_FLIPS = 2;
var unchangedRecoveryNote = (function unchangedRecoveryNote(id, outcomes) {
  const { flips, runs } = flipRate(outcomes ?? "");
  if (flips >= LIKELY_FLAKY_FLIPS) {
    return `${id} passed unchanged: likely flaky, it flipped ${flips} times in its last ${runs} runs`;
  }
  const first = flips === 1 ? `, its first flip in its last ${runs} runs` : "";
  return `${id} passed unchanged: a flake or a fix outside its files${first}`;
});

// lib/artifact/durations_summary.ts
var MAX_SAMPLES = 10;
var MAX_SUITE_CHARS = 4096;
var MAX_SPLITS = 8;
var MAX_COUNTED = 1e3;
var usableDurationMs = (function usableDurationMs(ms) {
  return typeof ms === "number" && Number.isFinite(ms) && ms >= 0 && ms <= MAX_TIMER_MS;
});
var summaryOfValue = (function summaryOfValue(value, options = {}) {
  const max = options.lines ?? 10;
  const left = {
    count: 0,
    lines: []
  };
  const samples = samplesOfValue(value, ((id, index, entry) => {
    if (left.count++ < max) left.lines.push(leftOutLine(id, index, entry));
  }));
  return {
    ...samples ? {
      samples
    } : {},
    ...left.count ? {
      leftOut: left
    } : {}
  };
});
var samplesOfValue = (function samplesOfValue(value, leftOut) {
  const record = value;
  if (typeof value !== "object" || value === null || record.version !== 1) return void 0;
  const fixtures = record.fixtures;
  if (typeof fixtures !== "object" || fixtures === null || Array.isArray(fixtures)) {
    return void 0;
  }
  const byId = samplesOf(fixtures, {
    ...leftOut ? {
      leftOut
    } : {}
  });
  const runs = Number.isSafeInteger(record.runs) && record.runs > 0 ? record.runs : 1;
  const outcomes = parseOutcomes(record.outcomes, isFixtureId);
  const isObject = ((v) => typeof v === "object" && v !== null && !Array.isArray(v));
  const splits = [];
  for (const entry of Array.isArray(record.splits) ? record.splits.slice(0, 1e3) : []) {
    if (splits.length === MAX_SPLITS) break;
    if (!isObject(entry) || !isObject(entry.timings)) continue;
    const { suite } = entry;
    if (typeof suite !== "string" || !suite || suite.length > MAX_SUITE_CHARS) continue;
    if (splits.some(((kept) => kept.suite === suite))) continue;
    const timings = samplesOf(entry.timings, {
      keepEmpty: true
    });
    if (timings.size) splits.push({
      suite,
      timings
    });
  }
  const counted = Array.isArray(record.counted) ? [
    ...new Set(record.counted.slice(0, MAX_COUNTED).filter(isRunId))
  ] : [];
  return {
    runs,
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
var isRunId = (function isRunId(value) {
  return typeof value === "string" && RUN_ID_PATTERN.test(value);
});
var samplesOf = (function samplesOf(fixtures, options = {}) {
  const byId = /* @__PURE__ */ new Map();
  for (const [id, list] of Object.entries(fixtures)) {
    if (!isFixtureId(id) || !Array.isArray(list)) {
      options.leftOut?.(id, void 0, list);
      continue;
    }
    const held = list.length > MAX_SAMPLES ? list.slice(0, MAX_SAMPLES) : list;
    const ms = held.filter(usableDurationMs);
    if (options.leftOut && ms.length < held.length) {
      held.forEach(((entry, index) => {
        if (!usableDurationMs(entry)) options.leftOut(id, index, entry);
      }));
    }
    if (ms.length || options.keepEmpty) byId.set(id, ms);
  }
  return byId;
});
var leftOutLine = (function leftOutLine(id, index, entry) {
  const at = `fixtures.${cut(id)}`;
  if (index !== void 0) return unusableDurationLine(`${at}[${index}]`, entry);
  return displayName(!isFixtureId(id) ? `${at}: not a fixture id` : `${at}: expected a list of durations in milliseconds, got ${kindOf(entry)}`);
});
var unusableDurationLine = (function unusableDurationLine(at, value) {
  return displayName(`${at}: expected a duration in milliseconds (a number from 0 to ${MAX_TIMER_MS}), got ${typeof value === "string" ? cut(JSON.stringify(value)) : kindOf(value)}`);
});
var cut = (function cut(text) {
  const points = [
    ...text
  ];
  return points.length > 80 ? `${points.slice(0, 80).join("")}...` : text;
});
var kindOf = (function kindOf(value) {
  if (typeof value === "number") return String(value);
  if (value === null) return "null";
  return Array.isArray(value) ? "a list" : typeof value === "object" ? "an object" : typeof value;
});
var durationsProblemOfValue = (function durationsProblemOfValue(value) {
  if (typeof value !== "object" || value === null || Array.isArray(value)) return void 0;
  const record = value;
  if ("schemaVersion" in record) return void 0;
  const summaryFixtures = typeof record.fixtures === "object" && record.fixtures !== null && !Array.isArray(record.fixtures);
  if (!("version" in record)) {
    return summaryFixtures ? 'a durations summary without "version": 1' : void 0;
  }
  if (!("fixtures" in record)) {
    return record.version === 1 ? 'a durations summary without "fixtures" (an object of ids and durations)' : void 0;
  }
  if (record.version !== 1) {
    const version = typeof record.version === "number" ? `version ${record.version}` : "a version that is not a number";
    return `a durations summary of ${version} (this smoke reads version 1)`;
  }
  return 'a durations summary whose "fixtures" is not an object of ids and durations';
});
var durationsText = (function durationsText(samples) {
  const fixtures = jsonObject(samples.byId);
  const outcomes = samples.outcomes?.size ? `,"outcomes":${jsonObject(samples.outcomes)}` : "";
  const splits = samples.splits?.length ? `,"splits":[${samples.splits.map(((split) => `{"suite":${JSON.stringify(split.suite)},"timings":${jsonObject(split.timings)}}`)).join(",")}]` : "";
  const counted = samples.counted?.length ? `,"counted":${JSON.stringify(samples.counted)}` : "";
  return `{"version":1,"runs":${JSON.stringify(samples.runs)},"fixtures":${fixtures}${outcomes}${splits}${counted}}
`;
});
var jsonObject = (function jsonObject(map) {
  const entries = [
    ...map
  ];
  for (let i = 1; i < entries.length; i++) {
    if (entries[i - 1][0] >= entries[i][0]) {
      entries.sort((([a], [b]) => a < b ? -1 : 1));
      break;
    }
  }
  const members = entries.map((([key, value]) => `${JSON.stringify(key)}:${JSON.stringify(value)}`));
  return `{${members.join(",")}}`;
});

export {
  jsonValue,
  addOutcome,
  unchangedRecoveryNote,
  MAX_SAMPLES,
  MAX_SPLITS,
  MAX_COUNTED,
  usableDurationMs,
  summaryOfValue,
  unusableDurationLine,
  durationsProblemOfValue,
  durationsText
};
//# sourceMappingURL=chunk-YHN6PYAE.js.map
