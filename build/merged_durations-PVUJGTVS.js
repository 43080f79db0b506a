import {
  DURATIONS_FILE,
  addRun,
  readDurationsFile,
  recordedResults,
  writeDurations
} from "./chunk-TRPOQS4B.js";
import "./chunk-X254MOJK.js";
import {
  describeWriteFailure,
  isWriteFailure
} from "./chunk-UJ3DNAZI.js";
import "./chunk-KBS467BX.js";
import "./chunk-ZXG6X34Z.js";
import {
  join
} from "./chunk-UZCZWFUL.js";
import "./chunk-LB2RVQEI.js";
import {
  isIoError
} from "./chunk-GTHP53V7.js";

// lib/artifact/merged_durations.ts
var addMergedDurations = (async function addMergedDurations(dir, inputs, options) {
  const read = await readDurationsFile(dir);
  const counted = /* @__PURE__ */ new Set([
    ...options.counted,
    ...read.samples?.counted ?? []
  ]);
  const runsOf = ((input) => [
    input.runId,
    ...(input.inputs ?? []).map(((i) => i.runId))
  ]);
  const added = inputs.filter(((input) => !runsOf(input).some(((runId) => counted.has(runId)))));
  const ran = added.flatMap(((input) => recordedResults(input.fixtures)));
  if (ran.length === 0 && !options.full) return [];
  const shown = `${options.shownDir}/${DURATIONS_FILE}`;
  const warnings = [];
  if (read.problem) {
    warnings.push({
      code: "DURATIONS_UNREADABLE",
      level: "warning",
      message: `Cannot read "${shown}": ${read.problem}`,
      hint: "The merge starts the summary again from the merged durations (the run files in runs/ keep every duration). Remove what is there to silence this."
    });
  }
  const samples = addRun(read.samples, ran, {
    // A full run of the suite: its shared split timings are dropped.
    ...options.full ? {
      split: null
    } : {},
    ...options.suite !== void 0 ? {
      suite: options.suite
    } : {},
    // The merged run holds the inputs' results: merging it again adds nothing either.
    runIds: [
      options.runId,
      ...inputs.flatMap(runsOf)
    ],
    count: ran.length > 0
  });
  try {
    await writeDurations(dir, samples);
  } catch (error) {
    if (!isWriteFailure(error)) throw error;
    warnings.push({
      code: "DURATIONS_NOT_SAVED",
      level: "warning",
      message: `Cannot write "${shown}": ${describeWriteFailure(error)}`,
      hint: "The merged run is saved; the next run starts its fixtures in id order instead of longest first."
    });
  }
  return warnings;
});
var runsInHistory = (function runsInHistory(dir, runIds) {
  return new Set(runIds.filter(((runId) => {
    try {
      Deno.lstatSync(join(dir, "runs", `${runId}.json`));
      return true;
    } catch (error) {
      if (isIoError(error)) return false;
      throw error;
    }
  })));
});
export {
  addMergedDurations,
  runsInHistory
};
//# sourceMappingURL=merged_durations-PVUJGTVS.js.map
