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
} from "./chunk-BPHJBW3W.js";
import "./chunk-5YS2GWRP.js";
import "./chunk-BKNARBRF.js";
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
//# sourceMappingURL=durations-AI4KJXTH.js.map
