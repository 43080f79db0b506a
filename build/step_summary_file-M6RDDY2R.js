import {
  appendStepSummary,
  notMarkdown,
  openForAppend
} from "./chunk-IFEENJLX.js";
import "./chunk-2LNRIRNY.js";
import "./chunk-4VDBSXWI.js";
import "./chunk-YGD3FBYJ.js";
import "./chunk-VB43T7UN.js";
import "./chunk-UZCZWFUL.js";
import "./chunk-UXUXC4ZF.js";
import "./chunk-XRBLM22N.js";
import "./chunk-WBZQOSKS.js";
import "./chunk-ANYOMBVL.js";
export {
  appendStepSummary,
  notMarkdown,
  openForAppend
};
//# sourceMappingURL=step_summary_file-M6RDDY2R.js.map
