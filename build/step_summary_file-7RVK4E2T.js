import {
  appendStepSummary,
  notMarkdown,
  openForAppend
} from "./chunk-MV4BLJIL.js";
import "./chunk-4Z5474H4.js";
import "./chunk-22KVHWG3.js";
import "./chunk-F3HFUYG6.js";
import "./chunk-VB43T7UN.js";
import "./chunk-UZCZWFUL.js";
import "./chunk-LZ3R4KLX.js";
import "./chunk-XRBLM22N.js";
import "./chunk-HKPNVSMW.js";
import "./chunk-ANYOMBVL.js";
export {
  appendStepSummary,
  notMarkdown,
  openForAppend
};
//# sourceMappingURL=step_summary_file-7RVK4E2T.js.map
