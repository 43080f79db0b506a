import {
  DURATIONS_FILE,
  durationsNotSaved,
  durationsUnreadable,
  readDurationsFile,
  summaryToAddTo,
  writeDurations
} from "./chunk-43T5EGVL.js";
import {
  addRun,
  recordedResults,
  runsOf
} from "./chunk-3MMUIKPQ.js";
import "./chunk-YHN6PYAE.js";
import {
  isWriteFailure
} from "./chunk-YGD3FBYJ.js";
import "./chunk-VB43T7UN.js";
import {
  join
} from "./chunk-UZCZWFUL.js";
import "./chunk-IEQXTUCM.js";
import "./chunk-UXUXC4ZF.js";
import "./chunk-VPM3V57A.js";
import "./chunk-6MYH7WWL.js";
import "./chunk-XRBLM22N.js";
import {
  isIoError
} from "./chunk-WBZQOSKS.js";
import "./chunk-ANYOMBVL.js";

// lib/artifact/merged_durations.ts
var addMergedDurations = (async function addMergedDurations(dir, inputs, options) {
  if (!options.full && inputs.every(((input) => recordedResults(input.fixtures).length === 0))) {
    return [];
  }
  const read = await readDurationsFile(dir);
  const base = await summaryToAddTo(dir, read, {
    exclude: options.runId
  });
  const counted = /* @__PURE__ */ new Set([
    ...options.counted,
    ...base?.counted ?? []
  ]);
  const added = [];
  for (const input of inputs) {
    const runs = runsOf(input);
    if (runs.some(((runId) => counted.has(runId)))) continue;
    added.push(input);
    for (const runId of runs) counted.add(runId);
  }
  const ran = added.flatMap(((input) => recordedResults(input.fixtures)));
  if (ran.length === 0 && !options.full) return [];
  const shown = `${options.shownDir}/${DURATIONS_FILE}`;
  const warnings = [];
  if (read.problem) {
    warnings.push(durationsUnreadable(shown, read.problem, {
      instead: "The merge makes the summary again from the run files in runs/ and the merged durations"
    }));
  }
  const ids = new Set(inputs.flatMap(((input) => input.fixtures.map(((f) => f.id)))));
  const suite = options.full ? base?.splits?.find(((split) => split.timings.size === ids.size && [
    ...ids
  ].every(((id) => split.timings.has(id)))))?.suite : void 0;
  const samples = addRun(base, ran, {
    ...suite !== void 0 ? {
      suite,
      split: null
    } : {},
    // The merged run holds what was added: merging it again adds nothing either.
    runIds: [
      options.runId,
      ...added.flatMap(runsOf)
    ],
    count: ran.length > 0
  });
  try {
    await writeDurations(dir, samples);
  } catch (error) {
    if (!isWriteFailure(error)) throw error;
    warnings.push(durationsNotSaved(options.shownDir, error, "merged run"));
  }
  return warnings;
});
var runsInHistory = (function runsInHistory(paths, runIds) {
  return new Set(runIds.filter(((runId) => {
    try {
      Deno.lstatSync(join(paths.runs, `${runId}.json`));
      return true;
    } catch (error) {
      if (isIoError(error)) return false;
      throw error;
    }
  })));
});
export {
  addMergedDurations,
  runsInHistory,
  runsOf
};
//# sourceMappingURL=merged_durations-LIHCERSH.js.map
