import {
  addOutcome,
  jsonValue,
  parseOutcomes
} from "./chunk-X254MOJK.js";
import {
  describeWriteFailure,
  writeFileAtomic
} from "./chunk-AYTCNA3K.js";
import {
  MAX_TIMER_MS
} from "./chunk-KBS467BX.js";
import {
  readRegularFile
} from "./chunk-ZXG6X34Z.js";
import {
  join
} from "./chunk-UZCZWFUL.js";
import {
  RUN_ID_PATTERN,
  displayName,
  interruptedWithoutResult,
  isFixtureId
} from "./chunk-Z7FRQMOA.js";
import {
  isIoError
} from "./chunk-GTHP53V7.js";

// lib/artifact/durations_file.ts
var DURATIONS_FILE = "durations.json";
var MAX_SAMPLES = 10;
var MAX_BYTES = 16 * 1024 * 1024;
var MAX_SUITE_CHARS = 4096;
var MAX_SPLITS = 8;
var MAX_COUNTED = 1e3;
var usableDurationMs = (function usableDurationMs(ms) {
  return typeof ms === "number" && Number.isFinite(ms) && ms >= 0 && ms <= MAX_TIMER_MS;
});
var parseDurations = (function parseDurations(text) {
  return durationsOfValue(jsonValue(text));
});
var durationsOfValue = (function durationsOfValue(value) {
  return summaryOfValue(value).samples;
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
var durationsUnreadable = (function durationsUnreadable(shown, problem, options) {
  return {
    code: "DURATIONS_UNREADABLE",
    level: "warning",
    message: `Cannot read "${shown}": ${problem}${options.consequence ?? ""}`,
    // A directory or another non-regular file is removed as a damaged file is.
    hint: `${options.before ? `${options.before} ` : ""}${options.instead} (the run files in runs/ keep every duration). Remove what is there to silence this${options.orElse ? `, or ${options.orElse}` : ""}.`
  };
});
var durationsLeftOut = (function durationsLeftOut(shown, leftOut) {
  const more = leftOut.count - leftOut.lines.length;
  return {
    code: "DURATIONS_UNREADABLE",
    level: "warning",
    message: `Cannot read ${leftOut.count} entr${leftOut.count === 1 ? "y" : "ies"} of "${shown}", left out: ${leftOut.lines.join("; ")}${more > 0 ? `; and ${more} more` : ""}`,
    // A run that records no duration (all skipped, stopped before any result) leaves the file.
    hint: `The next run that records durations rewrites the summary without ${leftOut.count === 1 ? "it" : "them"}. To keep ${leftOut.count === 1 ? "it" : "them"}, fix ${leftOut.count === 1 ? "it" : "them"}: each id's durations are a list of milliseconds, newest first (e.g. "api/health": [1200, 1150]).`
  };
});
var leftOutLine = (function leftOutLine(id, index, entry) {
  const shown = ((text) => {
    const points = [
      ...text
    ];
    return points.length > 80 ? `${points.slice(0, 80).join("")}...` : text;
  });
  const at = `fixtures.${shown(id)}`;
  return displayName(!isFixtureId(id) ? `${at}: not a fixture id` : index === void 0 ? `${at}: expected a list of durations in milliseconds, got ${kindOf(entry)}` : `${at}[${index}]: expected a duration in milliseconds (a number from 0 to ${MAX_TIMER_MS}), got ${typeof entry === "string" ? shown(JSON.stringify(entry)) : kindOf(entry)}`);
});
var kindOf = (function kindOf(value) {
  if (typeof value === "number") return String(value);
  if (value === null) return "null";
  return Array.isArray(value) ? "a list" : typeof value === "object" ? "an object" : typeof value;
});
var durationsProblem = (function durationsProblem(text) {
  return durationsProblemOfValue(jsonValue(text));
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
var NOT_A_SUMMARY = "it is not a durations summary this smoke can read (damaged, or of a newer version)";
var durationsStamp = (async function durationsStamp(dir) {
  try {
    const info = await Deno.stat(join(dir, DURATIONS_FILE));
    return `${info.ino}:${info.size}:${info.mtime?.getTime()}:${info.ctime?.getTime()}`;
  } catch (error) {
    if (error instanceof Deno.errors.NotFound || error instanceof Deno.errors.NotADirectory) {
      return "none";
    }
    if (!isIoError(error)) throw error;
    return "unreadable";
  }
});
var readDurationsFile = (async function readDurationsFile(dir) {
  return await readStamped(dir, await durationsStamp(dir));
});
var readStamped = (async function readStamped(dir, stamp) {
  if (stamp === "none") return {
    stamp
  };
  const read = await readRegularFile(join(dir, DURATIONS_FILE), {
    maxBytes: MAX_BYTES,
    what: "durations summary"
  });
  if (!read.ok && read.problem.kind === "missing") return {
    stamp: "none"
  };
  if (!read.ok) return {
    stamp,
    problem: read.reason
  };
  const value = jsonValue(new TextDecoder().decode(read.value));
  const { samples, leftOut } = summaryOfValue(value, {
    lines: 3
  });
  if (!samples) return {
    stamp,
    problem: NOT_A_SUMMARY
  };
  return leftOut ? {
    samples,
    stamp,
    leftOut
  } : {
    samples,
    stamp
  };
});
var samplesNow = (async function samplesNow(dir, earlier) {
  const stamp = await durationsStamp(dir);
  if (earlier && earlier.stamp === stamp) return earlier.samples;
  return (await readStamped(dir, stamp)).samples;
});
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
  const others = (before?.splits ?? []).filter(((split) => split.suite !== suite));
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
var durationsNotSaved = (function durationsNotSaved(shownDir, error, saved) {
  return {
    code: "DURATIONS_NOT_SAVED",
    level: "warning",
    message: `Cannot write "${shownDir}/${DURATIONS_FILE}": ${describeWriteFailure(error)}`,
    hint: `The ${saved} is saved; the next run starts its fixtures in id order instead of longest first.`
  };
});
var writeDurations = (async function writeDurations(dir, samples) {
  await writeFileAtomic(join(dir, DURATIONS_FILE), durationsText(samples), {
    fileOnly: true,
    ownFile: true
  });
});

export {
  DURATIONS_FILE,
  MAX_SAMPLES,
  MAX_SPLITS,
  MAX_COUNTED,
  usableDurationMs,
  parseDurations,
  durationsOfValue,
  summaryOfValue,
  durationsUnreadable,
  durationsLeftOut,
  durationsProblem,
  durationsProblemOfValue,
  durationsStamp,
  readDurationsFile,
  samplesNow,
  KEEP_OTHER_IDS,
  addRun,
  durationsText,
  recordedResults,
  durationsNotSaved,
  writeDurations
};
//# sourceMappingURL=chunk-LYNSEBNC.js.map
