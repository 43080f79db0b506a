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
} from "./chunk-26MS6YQU.js";
import "./chunk-XO22FQN4.js";
import "./chunk-UKED4ASC.js";
import "./chunk-H32P5R3O.js";
import "./chunk-ZXG6X34Z.js";
import "./chunk-IRQBML7B.js";
import "./chunk-6MYH7WWL.js";
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
//# sourceMappingURL=durations_file-T2VVBU53.js.map
