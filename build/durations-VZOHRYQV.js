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
} from "./chunk-OKC2SKGY.js";
import "./chunk-KB3BLDOY.js";
import "./chunk-TN5NKFJG.js";
import "./chunk-RHJFCKRE.js";
import "./chunk-OWLOY6LL.js";
import "./chunk-XRNQ5Z2N.js";
import "./chunk-5YSORA25.js";
import "./chunk-PZVWHH52.js";
import "./chunk-PZ427C22.js";
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
