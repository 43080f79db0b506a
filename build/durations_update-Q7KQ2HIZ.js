import {
  KEEP_OTHER_IDS,
  addRun,
  recordedResults
} from "./chunk-RC2GESGO.js";
import "./chunk-WOKH3AFD.js";
import "./chunk-XO22FQN4.js";
import "./chunk-KXVKIEF5.js";
import "./chunk-ANYOMBVL.js";
import "./chunk-VPM3V57A.js";
import "./chunk-6MYH7WWL.js";
import "./chunk-XRBLM22N.js";
export {
  KEEP_OTHER_IDS,
  addRun,
  recordedResults
};
//# sourceMappingURL=durations_update-Q7KQ2HIZ.js.map
