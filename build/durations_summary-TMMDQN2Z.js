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
  usableDurationMs
} from "./chunk-WOKH3AFD.js";
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
  usableDurationMs
};
//# sourceMappingURL=durations_summary-TMMDQN2Z.js.map
