import {
  KEEP_OTHER_IDS,
  addRun,
  recordedResults
} from "./chunk-2CEWQFRL.js";
import "./chunk-6XRGET65.js";
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
//# sourceMappingURL=durations_update-IDQK2WVY.js.map
