import {
  DURATIONS_FILE,
  MAX_SAMPLES,
  addRun,
  durationsStamp,
  durationsText,
  parseDurations,
  readDurationsFile,
  samplesNow,
  usableDurationMs,
  writeDurations
} from "./chunk-5CDFVK3M.js";
import "./chunk-XO22FQN4.js";
import "./chunk-TKR4AKXV.js";
import "./chunk-H32P5R3O.js";
import "./chunk-ZXG6X34Z.js";
import "./chunk-UZCZWFUL.js";
import "./chunk-VTBD4O6O.js";
import "./chunk-GTHP53V7.js";
export {
  DURATIONS_FILE,
  MAX_SAMPLES,
  addRun,
  durationsStamp,
  durationsText,
  parseDurations,
  readDurationsFile,
  samplesNow,
  usableDurationMs,
  writeDurations
};
//# sourceMappingURL=durations_file-6QHKMIV3.js.map
