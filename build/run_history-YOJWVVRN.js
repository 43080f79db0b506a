import {
  NEWEST_RUN_READS,
  newestRealRun,
  readHistory,
  readHistoryRun
} from "./chunk-ZROIPU5Q.js";
import "./chunk-BXFQQNLU.js";
import "./chunk-KOCYHWYE.js";
import "./chunk-KBS467BX.js";
import "./chunk-UZCZWFUL.js";
import "./chunk-ARLK2BAX.js";
import "./chunk-4SYLYQRO.js";
import "./chunk-IEQXTUCM.js";
import "./chunk-IXBMMCNU.js";
import "./chunk-PBQEZ4VD.js";
import "./chunk-VPM3V57A.js";
import "./chunk-6MYH7WWL.js";
import "./chunk-XRBLM22N.js";
import "./chunk-THX6NA7T.js";
export {
  NEWEST_RUN_READS,
  newestRealRun,
  readHistory,
  readHistoryRun
};
//# sourceMappingURL=run_history-YOJWVVRN.js.map
