import {
  MAX_ARTIFACT_BYTES,
  checkSource,
  checkSourceValue,
  readSourceFile,
  salvageFailedIds
} from "./chunk-ARLK2BAX.js";
import "./chunk-4SYLYQRO.js";
import "./chunk-IEQXTUCM.js";
import "./chunk-IXBMMCNU.js";
import "./chunk-PBQEZ4VD.js";
import "./chunk-VPM3V57A.js";
import "./chunk-6MYH7WWL.js";
import "./chunk-XRBLM22N.js";
import "./chunk-THX6NA7T.js";
export {
  MAX_ARTIFACT_BYTES,
  checkSource,
  checkSourceValue,
  readSourceFile,
  salvageFailedIds
};
//# sourceMappingURL=source_artifact-6X467SQT.js.map
