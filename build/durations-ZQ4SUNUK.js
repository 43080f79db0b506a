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
} from "./chunk-M2SULWKM.js";
import "./chunk-5YS2GWRP.js";
import "./chunk-L6MCXCCI.js";
import "./chunk-X254MOJK.js";
import "./chunk-UJ3DNAZI.js";
import "./chunk-KBS467BX.js";
import "./chunk-ZXG6X34Z.js";
import "./chunk-UZCZWFUL.js";
import "./chunk-LB2RVQEI.js";
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
//# sourceMappingURL=durations-ZQ4SUNUK.js.map
