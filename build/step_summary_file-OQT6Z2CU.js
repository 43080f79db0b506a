import {
  appendStepSummary,
  notMarkdown,
  openForAppend
} from "./chunk-44LHIEWE.js";
import "./chunk-4FZHHZYI.js";
import "./chunk-TK5WZBUX.js";
import "./chunk-OEDVE5RY.js";
import "./chunk-KBS467BX.js";
import "./chunk-UZCZWFUL.js";
import "./chunk-MOYOHQN6.js";
import "./chunk-XRBLM22N.js";
import "./chunk-IQ2VACTL.js";
export {
  appendStepSummary,
  notMarkdown,
  openForAppend
};
//# sourceMappingURL=step_summary_file-OQT6Z2CU.js.map
