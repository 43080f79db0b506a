import {
  NEWEST_RUN_READS,
  newestRealRun,
  readHistory,
  readHistoryRun
} from "./chunk-DMEJFDKT.js";
import "./chunk-YTDIJCR7.js";
import "./chunk-PF2WMHEW.js";
import "./chunk-ABES4YHD.js";
import "./chunk-X2S7COPC.js";
import "./chunk-UJ3DNAZI.js";
import "./chunk-KBS467BX.js";
import "./chunk-ZXG6X34Z.js";
import "./chunk-UZCZWFUL.js";
import "./chunk-LB2RVQEI.js";
import "./chunk-GTHP53V7.js";
export {
  NEWEST_RUN_READS,
  newestRealRun,
  readHistory,
  readHistoryRun
};
//# sourceMappingURL=run_history-WROKOAV2.js.map
