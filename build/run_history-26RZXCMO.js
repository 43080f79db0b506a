import {
  NEWEST_RUN_READS,
  newestRealRun,
  readHistory,
  readHistoryRun
} from "./chunk-U34CSEWP.js";
import "./chunk-5GAJWDNB.js";
import "./chunk-I6OP5QHC.js";
import "./chunk-ABES4YHD.js";
import "./chunk-SDGNAE2V.js";
import "./chunk-AYTCNA3K.js";
import "./chunk-KBS467BX.js";
import "./chunk-ZXG6X34Z.js";
import "./chunk-UZCZWFUL.js";
import "./chunk-Z7FRQMOA.js";
import "./chunk-GTHP53V7.js";
export {
  NEWEST_RUN_READS,
  newestRealRun,
  readHistory,
  readHistoryRun
};
//# sourceMappingURL=run_history-26RZXCMO.js.map
