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
} from "./chunk-AG5AHUXN.js";
import "./chunk-XTNGIA6P.js";
import "./chunk-6LNJXCP2.js";
import "./chunk-XO22FQN4.js";
import "./chunk-KXVKIEF5.js";
import "./chunk-ANYOMBVL.js";
import "./chunk-6MYH7WWL.js";
import "./chunk-XRBLM22N.js";
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
//# sourceMappingURL=durations-PH32QHNE.js.map
