import {
  DURATIONS_FILE,
  KEEP_OTHER_IDS,
  MAX_COUNTED,
  MAX_SAMPLES,
  MAX_SPLITS,
  addRun,
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
} from "./chunk-L6MCXCCI.js";
import "./chunk-X254MOJK.js";
import "./chunk-UJ3DNAZI.js";
import "./chunk-KBS467BX.js";
import "./chunk-ZXG6X34Z.js";
import "./chunk-UZCZWFUL.js";
import "./chunk-LB2RVQEI.js";
import "./chunk-GTHP53V7.js";
export {
  DURATIONS_FILE,
  KEEP_OTHER_IDS,
  MAX_COUNTED,
  MAX_SAMPLES,
  MAX_SPLITS,
  addRun,
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
//# sourceMappingURL=durations_file-O4GTC53X.js.map
