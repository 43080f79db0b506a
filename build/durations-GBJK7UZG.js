import {
  DEFAULT_DURATION_MS,
  DURATION_SAMPLES,
  estimatesFrom,
  expectedDurations,
  expectedLine,
  formatExpected,
  longestFirst,
  median,
  planSchedule,
  readSchedule,
  startOrderLine
} from "./chunk-P65HMGS6.js";
import "./chunk-WDUQQ6ES.js";
import "./chunk-XO22FQN4.js";
import "./chunk-MO55WK7U.js";
import "./chunk-KBS467BX.js";
import "./chunk-ZXG6X34Z.js";
import "./chunk-UZCZWFUL.js";
import "./chunk-VTBD4O6O.js";
import "./chunk-GTHP53V7.js";
export {
  DEFAULT_DURATION_MS,
  DURATION_SAMPLES,
  estimatesFrom,
  expectedDurations,
  expectedLine,
  formatExpected,
  longestFirst,
  median,
  planSchedule,
  readSchedule,
  startOrderLine
};
//# sourceMappingURL=durations-GBJK7UZG.js.map
