import {
  appendStepSummary,
  openForAppend
} from "./chunk-VSA5MPWG.js";
import "./chunk-XRNQ5Z2N.js";
import "./chunk-PZ427C22.js";
export {
  appendStepSummary,
  openForAppend
};
