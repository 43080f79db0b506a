import {
  MAX_COUNTED,
  MAX_SAMPLES,
  MAX_SPLITS,
  durationsOfValue,
  durationsProblem,
  durationsProblemOfValue,
  durationsText,
  parseDurations,
  summaryOfValue,
  unusableDurationLine,
  usableDurationMs
} from "./chunk-6XRGET65.js";
import "./chunk-XO22FQN4.js";
import "./chunk-KXVKIEF5.js";
import "./chunk-ANYOMBVL.js";
import "./chunk-6MYH7WWL.js";
import "./chunk-XRBLM22N.js";
export {
  MAX_COUNTED,
  MAX_SAMPLES,
  MAX_SPLITS,
  durationsOfValue,
  durationsProblem,
  durationsProblemOfValue,
  durationsText,
  parseDurations,
  summaryOfValue,
  unusableDurationLine,
  usableDurationMs
};
//# sourceMappingURL=durations_summary-KBMPNV6D.js.map
