import {
  appendStepSummary,
  openForAppend
} from "./chunk-SLT7CNZL.js";
import "./chunk-IXBMMCNU.js";
import "./chunk-THX6NA7T.js";
export {
  appendStepSummary,
  openForAppend
};
//# sourceMappingURL=step_summary_file-BKOIRL3L.js.map
