import {
  NEWEST_RUN_READS,
  newestRealRun,
  readHistory,
  readHistoryRun
} from "./chunk-URFYTOQL.js";
import "./chunk-DQYHFHSR.js";
import "./chunk-724LJFTI.js";
import "./chunk-K55XNACF.js";
import "./chunk-PQ4TRTNA.js";
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
//# sourceMappingURL=run_history-FMQ6EHKL.js.map
