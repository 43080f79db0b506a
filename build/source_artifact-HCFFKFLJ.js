import {
  MAX_ARTIFACT_BYTES,
  checkSource,
  checkSourceValue,
  readSourceFile,
  salvageFailedIds
} from "./chunk-MQSVCWXQ.js";
import "./chunk-ABES4YHD.js";
import "./chunk-ZXG6X34Z.js";
import "./chunk-PBQEZ4VD.js";
import "./chunk-VPM3V57A.js";
import "./chunk-GTHP53V7.js";
import "./chunk-6MYH7WWL.js";
import "./chunk-XRBLM22N.js";
export {
  MAX_ARTIFACT_BYTES,
  checkSource,
  checkSourceValue,
  readSourceFile,
  salvageFailedIds
};
//# sourceMappingURL=source_artifact-HCFFKFLJ.js.map
