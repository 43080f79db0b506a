import {
  NEWEST_RUN_READS,
  newestRealRun,
  readHistory,
  readHistoryRun,
  realRunIds
} from "./chunk-ECHKGFOV.js";
import "./chunk-4VDBSXWI.js";
import "./chunk-YGD3FBYJ.js";
import "./chunk-VB43T7UN.js";
import "./chunk-UZCZWFUL.js";
import "./chunk-URNA5CV7.js";
import "./chunk-4SYLYQRO.js";
import "./chunk-IEQXTUCM.js";
import "./chunk-UXUXC4ZF.js";
import "./chunk-PBQEZ4VD.js";
import "./chunk-VPM3V57A.js";
import "./chunk-6MYH7WWL.js";
import "./chunk-XRBLM22N.js";
import "./chunk-WBZQOSKS.js";
import "./chunk-ANYOMBVL.js";
export {
  NEWEST_RUN_READS,
  newestRealRun,
  readHistory,
  readHistoryRun,
  realRunIds
};
//# sourceMappingURL=run_history-72L5AMRL.js.map
