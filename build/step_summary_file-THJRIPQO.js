import {
  appendStepSummary,
  openForAppend
} from "./chunk-WZEID4YR.js";
import "./chunk-ZXG6X34Z.js";
import "./chunk-GTHP53V7.js";
export {
  appendStepSummary,
  openForAppend
};
//# sourceMappingURL=step_summary_file-THJRIPQO.js.map
