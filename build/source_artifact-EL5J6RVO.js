import {
  MAX_ARTIFACT_BYTES,
  checkSource,
  readSourceFile,
  salvageFailedIds
} from "./chunk-DQYHFHSR.js";
import "./chunk-K55XNACF.js";
import "./chunk-PQ4TRTNA.js";
import "./chunk-ZXG6X34Z.js";
import "./chunk-VTBD4O6O.js";
import "./chunk-GTHP53V7.js";
export {
  MAX_ARTIFACT_BYTES,
  checkSource,
  readSourceFile,
  salvageFailedIds
};
//# sourceMappingURL=source_artifact-EL5J6RVO.js.map
