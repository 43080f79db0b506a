import {
  appendStepSummary,
  openForAppend
} from "./chunk-6ORH7UY7.js";
import "./chunk-OBV7HMYD.js";
import "./chunk-BXFQQNLU.js";
import "./chunk-KOCYHWYE.js";
import "./chunk-KBS467BX.js";
import "./chunk-UZCZWFUL.js";
import "./chunk-IXBMMCNU.js";
import "./chunk-XRBLM22N.js";
import "./chunk-THX6NA7T.js";
export {
  appendStepSummary,
  openForAppend
};
//# sourceMappingURL=step_summary_file-LJWSSROS.js.map
