import {
  NEWEST_RUN_READS,
  newestRealRun,
  readHistory,
  readHistoryRun
} from "./chunk-J3XTK5XE.js";
import "./chunk-BCYQYPMR.js";
import "./chunk-MO55WK7U.js";
import "./chunk-KBS467BX.js";
import "./chunk-UZCZWFUL.js";
import "./chunk-JIB3WQ2Y.js";
import "./chunk-ABES4YHD.js";
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
//# sourceMappingURL=run_history-PG5HAQUU.js.map
