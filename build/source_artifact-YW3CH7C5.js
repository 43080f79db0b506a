import {
  MAX_ARTIFACT_BYTES,
  checkSource,
  checkSourceValue,
  readSourceFile,
  salvageFailedIds
} from "./chunk-ZDKKZU43.js";
import "./chunk-4SYLYQRO.js";
import "./chunk-IEQXTUCM.js";
import "./chunk-ZXG6X34Z.js";
import "./chunk-IF2ETGSY.js";
import "./chunk-ULAWJS6M.js";
import "./chunk-VTBD4O6O.js";
import "./chunk-GTHP53V7.js";
export {
  MAX_ARTIFACT_BYTES,
  checkSource,
  checkSourceValue,
  readSourceFile,
  salvageFailedIds
};
//# sourceMappingURL=source_artifact-YW3CH7C5.js.map
