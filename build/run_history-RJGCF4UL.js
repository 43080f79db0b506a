import {
  NEWEST_RUN_READS,
  newestRealRun,
  readHistory,
  readHistoryRun
} from "./chunk-VS7CLAPD.js";
import "./chunk-BCYQYPMR.js";
import "./chunk-MO55WK7U.js";
import "./chunk-KBS467BX.js";
import "./chunk-UZCZWFUL.js";
import "./chunk-ZDKKZU43.js";
import "./chunk-4SYLYQRO.js";
import "./chunk-IEQXTUCM.js";
import "./chunk-ZXG6X34Z.js";
import "./chunk-IF2ETGSY.js";
import "./chunk-ULAWJS6M.js";
import "./chunk-VTBD4O6O.js";
import "./chunk-GTHP53V7.js";
export {
  NEWEST_RUN_READS,
  newestRealRun,
  readHistory,
  readHistoryRun
};
//# sourceMappingURL=run_history-RJGCF4UL.js.map
