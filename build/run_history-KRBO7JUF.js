import {
  NEWEST_RUN_READS,
  newestRealRun,
  readHistory,
  readHistoryRun
} from "./chunk-K5P3ATNA.js";
import "./chunk-HDXGFOGZ.js";
import "./chunk-724LJFTI.js";
import "./chunk-K55XNACF.js";
import "./chunk-5345R35B.js";
import "./chunk-TKR4AKXV.js";
import "./chunk-H32P5R3O.js";
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
//# sourceMappingURL=run_history-KRBO7JUF.js.map
