import {
  DURATIONS_FILE,
  KEEP_OTHER_IDS,
  MAX_SAMPLES,
  addRun,
  durationsOfValue,
  durationsProblem,
  durationsProblemOfValue,
  durationsStamp,
  durationsText,
  parseDurations,
  readDurationsFile,
  samplesNow,
  usableDurationMs,
  writeDurations
} from "./chunk-6WXWT4VZ.js";
import "./chunk-X254MOJK.js";
import "./chunk-MO55WK7U.js";
import "./chunk-KBS467BX.js";
import "./chunk-ZXG6X34Z.js";
import "./chunk-UZCZWFUL.js";
import "./chunk-VTBD4O6O.js";
import "./chunk-GTHP53V7.js";
export {
  DURATIONS_FILE,
  KEEP_OTHER_IDS,
  MAX_SAMPLES,
  addRun,
  durationsOfValue,
  durationsProblem,
  durationsProblemOfValue,
  durationsStamp,
  durationsText,
  parseDurations,
  readDurationsFile,
  samplesNow,
  usableDurationMs,
  writeDurations
};
//# sourceMappingURL=durations_file-FTXJIGFR.js.map
