import {
  NEWEST_RUN_READS,
  newestRealRun,
  readHistory,
  readHistoryRun
} from "./chunk-D37JF3EW.js";
import "./chunk-TJHWGRUB.js";
import "./chunk-UFL2JPTG.js";
import "./chunk-VB43T7UN.js";
import "./chunk-UZCZWFUL.js";
import "./chunk-ANYOMBVL.js";
import "./chunk-MQSVCWXQ.js";
import "./chunk-ABES4YHD.js";
import "./chunk-ZXG6X34Z.js";
import "./chunk-PBQEZ4VD.js";
import "./chunk-VPM3V57A.js";
import "./chunk-GTHP53V7.js";
import "./chunk-6MYH7WWL.js";
import "./chunk-XRBLM22N.js";
export {
  NEWEST_RUN_READS,
  newestRealRun,
  readHistory,
  readHistoryRun
};
//# sourceMappingURL=run_history-DWCHCWGJ.js.map
