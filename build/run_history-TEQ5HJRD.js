import {
  NEWEST_RUN_READS,
  newestRealRun,
  readHistory,
  readHistoryRun
} from "./chunk-CSBB2TTZ.js";
import "./chunk-PVKZ4G26.js";
import "./chunk-YCSGJDQT.js";
import "./chunk-K55XNACF.js";
import "./chunk-7AEJRI6V.js";
import "./chunk-UKED4ASC.js";
import "./chunk-H32P5R3O.js";
import "./chunk-ZXG6X34Z.js";
import "./chunk-IRQBML7B.js";
import "./chunk-6MYH7WWL.js";
import "./chunk-GTHP53V7.js";
export {
  NEWEST_RUN_READS,
  newestRealRun,
  readHistory,
  readHistoryRun
};
//# sourceMappingURL=run_history-TEQ5HJRD.js.map
