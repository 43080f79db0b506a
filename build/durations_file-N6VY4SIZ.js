import {
  DURATIONS_FILE,
  KEEP_OTHER_IDS,
  MAX_SAMPLES,
  addRun,
  durationsProblem,
  durationsStamp,
  durationsText,
  parseDurations,
  readDurationsFile,
  samplesNow,
  usableDurationMs,
  writeDurations
} from "./chunk-4NPYDZPR.js";
import "./chunk-XO22FQN4.js";
import "./chunk-TKR4AKXV.js";
import "./chunk-H32P5R3O.js";
import "./chunk-ZXG6X34Z.js";
import "./chunk-UZCZWFUL.js";
import "./chunk-VTBD4O6O.js";
import "./chunk-GTHP53V7.js";
export {
  DURATIONS_FILE,
  KEEP_OTHER_IDS,
  MAX_SAMPLES,
  addRun,
  durationsProblem,
  durationsStamp,
  durationsText,
  parseDurations,
  readDurationsFile,
  samplesNow,
  usableDurationMs,
  writeDurations
};
//# sourceMappingURL=durations_file-N6VY4SIZ.js.map
