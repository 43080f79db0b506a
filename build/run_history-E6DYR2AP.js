import {
  NEWEST_RUN_READS,
  newestRealRun,
  readHistory,
  readHistoryRun
} from "./chunk-4RWN7YGG.js";
import "./chunk-CTENIR25.js";
import "./chunk-4KSUE2PB.js";
import "./chunk-KBS467BX.js";
import "./chunk-UZCZWFUL.js";
import "./chunk-CCMSYE2Z.js";
import "./chunk-4SYLYQRO.js";
import "./chunk-IEQXTUCM.js";
import "./chunk-IXBMMCNU.js";
import "./chunk-IF2ETGSY.js";
import "./chunk-ULAWJS6M.js";
import "./chunk-VTBD4O6O.js";
import "./chunk-THX6NA7T.js";
export {
  NEWEST_RUN_READS,
  newestRealRun,
  readHistory,
  readHistoryRun
};
//# sourceMappingURL=run_history-E6DYR2AP.js.map
