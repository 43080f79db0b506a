import {
  DURATIONS_FILE,
  KEEP_OTHER_IDS,
  MAX_COUNTED,
  MAX_SAMPLES,
  MAX_SPLITS,
  addRun,
  durationsLeftOut,
  durationsNotSaved,
  durationsOfValue,
  durationsProblem,
  durationsProblemOfValue,
  durationsStamp,
  durationsText,
  durationsUnreadable,
  parseDurations,
  readDurationsFile,
  recordedResults,
  samplesNow,
  summaryOfValue,
  usableDurationMs,
  writeDurations
} from "./chunk-LYNSEBNC.js";
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
  durationsLeftOut,
  durationsNotSaved,
  durationsOfValue,
  durationsProblem,
  durationsProblemOfValue,
  durationsStamp,
  durationsText,
  durationsUnreadable,
  parseDurations,
  readDurationsFile,
  recordedResults,
  samplesNow,
  summaryOfValue,
  usableDurationMs,
  writeDurations
};
//# sourceMappingURL=durations_file-FEVCHXNZ.js.map
