import {
  NEWEST_RUN_READS,
  newestRealRun,
  readHistory,
  readHistoryRun
} from "./chunk-KW23ODVI.js";
import "./chunk-5KSTSI43.js";
import "./chunk-KI6WXSFJ.js";
import "./chunk-YXV7QXU4.js";
import "./chunk-PDZM46OB.js";
import "./chunk-RHJFCKRE.js";
import "./chunk-OWLOY6LL.js";
import "./chunk-XRNQ5Z2N.js";
import "./chunk-5YSORA25.js";
import "./chunk-PZVWHH52.js";
import "./chunk-PZ427C22.js";
export {
  NEWEST_RUN_READS,
  newestRealRun,
  readHistory,
  readHistoryRun
};
