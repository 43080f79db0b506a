import {
  NEWEST_RUN_READS,
  newestRealRun,
  readHistory,
  readHistoryRun
} from "./chunk-ZYI5X6Y6.js";
import "./chunk-2UDCJE44.js";
import "./chunk-KFNAC4YO.js";
import "./chunk-K55XNACF.js";
import "./chunk-4SYLYQRO.js";
import "./chunk-5345R35B.js";
import "./chunk-MO55WK7U.js";
import "./chunk-KBS467BX.js";
import "./chunk-ZXG6X34Z.js";
import "./chunk-UZCZWFUL.js";
import "./chunk-VTBD4O6O.js";
import "./chunk-GTHP53V7.js";
export {
  NEWEST_RUN_READS,
  newestRealRun,
  readHistory,
  readHistoryRun
};
//# sourceMappingURL=run_history-SLWRJTML.js.map
