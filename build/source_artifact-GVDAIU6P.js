import {
  MAX_ARTIFACT_BYTES,
  checkSource,
  readSourceFile,
  salvageFailedIds
} from "./chunk-5KSTSI43.js";
import "./chunk-YXV7QXU4.js";
import "./chunk-PDZM46OB.js";
import "./chunk-XRNQ5Z2N.js";
import "./chunk-PZVWHH52.js";
import "./chunk-PZ427C22.js";
export {
  MAX_ARTIFACT_BYTES,
  checkSource,
  readSourceFile,
  salvageFailedIds
};
