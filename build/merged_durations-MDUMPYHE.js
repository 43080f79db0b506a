import {
  DURATIONS_FILE,
  addRun,
  readDurationsFile,
  recordedResults,
  writeDurations
} from "./chunk-TF33GGYP.js";
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
  const ran = inputs.filter(((input) => !options.counted.has(input.runId))).flatMap(((input) => recordedResults(input.fixtures)));
  if (ran.length === 0 && !options.full) return [];
  const shown = `${options.shownDir}/${DURATIONS_FILE}`;
  const warnings = [];
  const read = await readDurationsFile(dir);
  if (read.problem) {
    warnings.push({
      code: "DURATIONS_UNREADABLE",
      level: "warning",
      message: `Cannot read "${shown}": ${read.problem}`,
      hint: "The merge starts the summary again from the merged durations (the run files in runs/ keep every duration). Remove what is there to silence this."
    });
  }
  const catalog = options.full ? new Set(inputs.flatMap(((i) => i.fixtures.map(((f) => f.id))))) : void 0;
  const samples = addRun(read.samples, ran, {
    ...catalog ? {
      catalog,
      split: null
    } : {}
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
//# sourceMappingURL=merged_durations-MDUMPYHE.js.map
