import {
  DEFAULT_DURATION_MS,
  DURATION_SAMPLES,
  estimatesFrom,
  expectedDurations,
  expectedLine,
  formatExpected,
  longestChainFirst,
  longestFirst,
  longestOf,
  median,
  planSchedule,
  readSchedule,
  startOrderLine
} from "./chunk-43PD62QX.js";
import "./chunk-XTNGIA6P.js";
import "./chunk-LYNSEBNC.js";
import "./chunk-X254MOJK.js";
import "./chunk-AYTCNA3K.js";
import "./chunk-KBS467BX.js";
import "./chunk-ZXG6X34Z.js";
import "./chunk-UZCZWFUL.js";
import "./chunk-Z7FRQMOA.js";
import "./chunk-GTHP53V7.js";
export {
  DEFAULT_DURATION_MS,
  DURATION_SAMPLES,
  estimatesFrom,
  expectedDurations,
  expectedLine,
  formatExpected,
  longestChainFirst,
  longestFirst,
  longestOf,
  median,
  planSchedule,
  readSchedule,
  startOrderLine
};
//# sourceMappingURL=durations-MY56BLIL.js.map
