import {
  appendStepSummary,
  openForAppend
} from "./chunk-IEXY4KF2.js";
import "./chunk-ANEYCLY6.js";
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
//# sourceMappingURL=step_summary_file-C5OCLJSS.js.map
