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
} from "./chunk-RH4CMWFB.js";
import "./chunk-5YS2GWRP.js";
import "./chunk-6WXWT4VZ.js";
import "./chunk-X254MOJK.js";
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
  longestChainFirst,
  longestFirst,
  longestOf,
  median,
  planSchedule,
  readSchedule,
  startOrderLine
};
//# sourceMappingURL=durations-YMDAGZ2R.js.map
