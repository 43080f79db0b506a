import {
  DURATIONS_FILE,
  KEEP_OTHER_IDS,
  MAX_COUNTED,
  MAX_SAMPLES,
  MAX_SPLITS,
  addRun,
  durationsIssues,
  durationsNotSaved,
  durationsOfValue,
  durationsProblem,
  durationsProblemOfValue,
  durationsStamp,
  durationsText,
  parseDurations,
  readDurationsFile,
  recordedResults,
  samplesNow,
  usableDurationMs,
  writeDurations
} from "./chunk-R3D5U4G3.js";
import "./chunk-X254MOJK.js";
import "./chunk-AYTCNA3K.js";
import "./chunk-KBS467BX.js";
import "./chunk-ZXG6X34Z.js";
import "./chunk-UZCZWFUL.js";
import "./chunk-Z7FRQMOA.js";
import "./chunk-GTHP53V7.js";
export {
  DURATIONS_FILE,
  KEEP_OTHER_IDS,
  MAX_COUNTED,
  MAX_SAMPLES,
  MAX_SPLITS,
  addRun,
  durationsIssues,
  durationsNotSaved,
  durationsOfValue,
  durationsProblem,
  durationsProblemOfValue,
  durationsStamp,
  durationsText,
  parseDurations,
  readDurationsFile,
  recordedResults,
  samplesNow,
  usableDurationMs,
  writeDurations
};
//# sourceMappingURL=durations_file-XWVGP342.js.map
