import {
  NEWEST_RUN_READS,
  newestRealRun,
  readHistory,
  readHistoryRun
} from "./chunk-EF5FZ5OU.js";
import "./chunk-AYWXUSKK.js";
import "./chunk-ABES4YHD.js";
import "./chunk-FKNIVBA5.js";
import "./chunk-PBQEZ4VD.js";
import "./chunk-VPM3V57A.js";
import "./chunk-G65LK2VC.js";
import "./chunk-VB43T7UN.js";
import "./chunk-ZXG6X34Z.js";
import "./chunk-UZCZWFUL.js";
import "./chunk-GTHP53V7.js";
import "./chunk-ANYOMBVL.js";
import "./chunk-6MYH7WWL.js";
import "./chunk-XRBLM22N.js";
export {
  NEWEST_RUN_READS,
  newestRealRun,
  readHistory,
  readHistoryRun
};
//# sourceMappingURL=run_history-ENUA7SI7.js.map
