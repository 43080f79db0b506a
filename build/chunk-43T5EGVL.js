import {
  durationsProblemOfValue,
  durationsText,
  jsonValue,
  summaryOfValue
} from "./chunk-YHN6PYAE.js";
import {
  describeWriteFailure,
  writeFileAtomic
} from "./chunk-YGD3FBYJ.js";
import {
  join
} from "./chunk-UZCZWFUL.js";
import {
  jsonSyntax
} from "./chunk-IEQXTUCM.js";
import {
  readRegularFile
} from "./chunk-UXUXC4ZF.js";
import {
  isIoError
} from "./chunk-WBZQOSKS.js";

// lib/artifact/durations_file.ts
var DURATIONS_FILE = "durations.json";
var MAX_BYTES = 16 * 1024 * 1024;
var durationsUnreadable = (function durationsUnreadable(shown, problem, options) {
  return {
    code: "DURATIONS_UNREADABLE",
    level: "warning",
    message: `Cannot read "${shown}": ${problem}${options.consequence ?? ""}`,
    // A directory or another non-regular file is removed as a damaged file is.
    hint: `${options.before ? `${options.before} ` : ""}${options.instead} (replacing what is there; the timings kept for the splits start again). Remove what is there to silence this${options.orElse ? `, or ${options.orElse}` : ""}.`
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
var notASummary = (function notASummary(text, value) {
  if (value === void 0) return `it is not JSON: ${jsonSyntax(text)}`;
  const problem = durationsProblemOfValue(value);
  if (problem) return `it is ${problem}`;
  const version = value?.version;
  return typeof version === "number" ? `it is a durations summary of version ${version} (this smoke reads version 1)` : 'it is not a durations summary this smoke can read (no "version": 1 with "fixtures")';
});
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
var readDurationsFile = (async function readDurationsFile(dir, earlier) {
  const stamp = await durationsStamp(dir);
  if (earlier && earlier.stamp === stamp) return earlier;
  return await readStamped(dir, stamp);
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
  const text = new TextDecoder().decode(read.value);
  const value = jsonValue(text);
  const { samples, leftOut } = summaryOfValue(value, {
    lines: 3
  });
  if (!samples) return {
    stamp,
    problem: notASummary(text, value)
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
var summaryToAddTo = (async function summaryToAddTo(dir, read, options) {
  if (read.samples || !read.problem) return read.samples;
  const { rebuildDurations } = await import("./durations_rebuild-NERSBUXL.js");
  return await rebuildDurations(dir, options);
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
  durationsUnreadable,
  durationsLeftOut,
  durationsStamp,
  readDurationsFile,
  summaryToAddTo,
  durationsNotSaved,
  writeDurations
};
//# sourceMappingURL=chunk-43T5EGVL.js.map
