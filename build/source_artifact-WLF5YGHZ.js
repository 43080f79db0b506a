import {
  MAX_ARTIFACT_BYTES,
  checkSource,
  checkSourceValue,
  readSourceFile,
  salvageFailedIds
} from "./chunk-URNA5CV7.js";
import "./chunk-4SYLYQRO.js";
import "./chunk-IEQXTUCM.js";
import "./chunk-UXUXC4ZF.js";
import "./chunk-PBQEZ4VD.js";
import "./chunk-VPM3V57A.js";
import "./chunk-6MYH7WWL.js";
import "./chunk-XRBLM22N.js";
import "./chunk-WBZQOSKS.js";
import "./chunk-ANYOMBVL.js";
export {
  MAX_ARTIFACT_BYTES,
  checkSource,
  checkSourceValue,
  readSourceFile,
  salvageFailedIds
};
//# sourceMappingURL=source_artifact-WLF5YGHZ.js.map
