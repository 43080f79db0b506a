import {
  durationsProblemOfValue,
  jsonValue,
  summaryOfValue,
  unusableDurationLine,
  usableDurationMs
} from "./chunk-YHN6PYAE.js";
import {
  namesLatest
} from "./chunk-2LNRIRNY.js";
import {
  historyPaths,
  sameFile
} from "./chunk-4VDBSXWI.js";
import "./chunk-YGD3FBYJ.js";
import "./chunk-VB43T7UN.js";
import {
  resolve
} from "./chunk-UZCZWFUL.js";
import "./chunk-6MYH7WWL.js";
import "./chunk-XRBLM22N.js";
import {
  UserError
} from "./chunk-WBZQOSKS.js";
import "./chunk-ANYOMBVL.js";

// lib/selection/read_timings.ts
var readTimings = (async function readTimings(where) {
  const { durationsLeftOut, durationsUnreadable, readDurationsFile, DURATIONS_FILE } = await import("./durations_file-63SSKJO7.js");
  const dir = resolve(where.cwd, where.artifactDir);
  const path = where.timings === void 0 ? void 0 : resolve(where.cwd, where.timings);
  if (path === void 0 || sameFile(path, resolve(dir, DURATIONS_FILE))) {
    const read = await readDurationsFile(dir);
    const shown2 = where.timings ?? `${where.artifactDir}/${DURATIONS_FILE}`;
    if (read.samples) {
      const timings = ownTimings(read.samples, shown2, where.suite ?? ".", where.formerSuite);
      return read.leftOut ? {
        timings,
        read,
        warning: durationsLeftOut(shown2, read.leftOut)
      } : {
        timings,
        read
      };
    }
    const named = where.timings === void 0 ? void 0 : "--timings naming the artifact directory's own summary is the same as leaving it out.";
    if (read.problem) {
      return {
        warning: durationsUnreadable(shown2, read.problem, {
          consequence: ": every fixture gets the default duration",
          ...named ? {
            before: named
          } : {},
          instead: "The start order is by id too; a run that can write the summary makes it again from the run files in runs/",
          orElse: "pass --timings with a previous run's artifact"
        }),
        read
      };
    }
    return {
      warning: {
        code: "SHARD_TIMINGS_MISSING",
        level: "warning",
        message: `No timings in "${shown2}": every fixture gets the default duration`,
        hint: (named ? `${named} ` : "") + "Pass --timings with a previous run's artifact, or run the suite once (not split by duration) to record durations."
      },
      read
    };
  }
  const { checkSource, checkSourceValue, readSourceFile } = await import("./source_artifact-WLF5YGHZ.js");
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
  const refuse = ((left, hint) => {
    const more = left.count - left.lines.length;
    return fail([
      ...left.lines,
      ...more ? [
        `... and ${more} more`
      ] : []
    ].join("\n"), hint);
  });
  const { samples: summary, leftOut } = summaryOfValue(value);
  if (summary) {
    if (leftOut) {
      return refuse(leftOut, `Fix or remove these entries: each id's durations are a list of milliseconds, newest first (e.g. "api/health": [1200, 1150]).`);
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
  if (typeof value !== "object" || value === null || !("schemaVersion" in value)) {
    return fail('it is neither a smoke artifact (no "schemaVersion") nor a durations summary (no "version": 1 with "fixtures")');
  }
  const checked = checkSourceValue(value);
  if (!checked.ok) return fail(checked.message);
  const byId = /* @__PURE__ */ new Map();
  const unusable = {
    count: 0,
    lines: []
  };
  checked.artifact.fixtures.forEach(((result, i) => {
    if (result.attempts === 0 || result.failure?.kind === "interrupted") return;
    if (usableDurationMs(result.durationMs)) byId.set(result.id, [
      result.durationMs
    ]);
    else if (unusable.count++ < 10) {
      unusable.lines.push(unusableDurationLine(`fixtures[${i}].durationMs`, result.durationMs));
    }
  }));
  if (unusable.count) {
    return refuse(unusable, "Pass a previous run's artifact as smoke wrote it (a file in runs/), or a durations.json.");
  }
  return {
    timings: {
      byId,
      shown,
      given: true
    }
  };
});
var ownTimings = (function ownTimings(samples, shown, suite, formerSuite) {
  const ours = samples.splits?.find(((split) => split.suite === suite)) ?? (formerSuite ? samples.splits?.find(((split) => split.suite === formerSuite)) : void 0);
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
  readTimings
};
//# sourceMappingURL=read_timings-UT35PFB3.js.map
