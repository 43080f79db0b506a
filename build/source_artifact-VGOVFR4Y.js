import {
  MAX_ARTIFACT_BYTES,
  checkSource,
  readSourceFile,
  salvageFailedIds
} from "./chunk-PVKZ4G26.js";
import "./chunk-K55XNACF.js";
import "./chunk-7AEJRI6V.js";
import "./chunk-ZXG6X34Z.js";
import "./chunk-6MYH7WWL.js";
import "./chunk-GTHP53V7.js";
export {
  MAX_ARTIFACT_BYTES,
  checkSource,
  readSourceFile,
  salvageFailedIds
};
//# sourceMappingURL=source_artifact-VGOVFR4Y.js.map
