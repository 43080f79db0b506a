import {
  MAX_ARTIFACT_BYTES,
  checkSource,
  checkSourceValue,
  readSourceFile,
  salvageFailedIds
} from "./chunk-JIB3WQ2Y.js";
import "./chunk-ABES4YHD.js";
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
//# sourceMappingURL=source_artifact-4ULVWYNV.js.map
