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
} from "./chunk-KB3BLDOY.js";
import "./chunk-TN5NKFJG.js";
import "./chunk-RHJFCKRE.js";
import "./chunk-OWLOY6LL.js";
import "./chunk-XRNQ5Z2N.js";
import "./chunk-5YSORA25.js";
import "./chunk-PZVWHH52.js";
import "./chunk-PZ427C22.js";
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
