import {
  ANNOTATION_LIMIT,
  createGitHubReporter,
  escapeCommandData,
  escapeCommandProperty,
  renderAnnotations,
  renderBlockedWarnings,
  renderOutputGroup,
  renderQuarantineWarnings,
  renderServiceAnnotations
} from "./chunk-WBTKSZSP.js";
import {
  newStopToken,
  renderInert
} from "./chunk-K5XJV32C.js";
import "./chunk-BECV6QK5.js";
import "./chunk-HFCGPWIF.js";
import "./chunk-3T2ABUOP.js";
import "./chunk-ZVUGH23E.js";
import "./chunk-AVW5BMAN.js";
import "./chunk-2NV4QZLJ.js";
import "./chunk-PDZM46OB.js";
import {
  neutralizeLegacyCommands
} from "./chunk-5YSORA25.js";
import "./chunk-PZVWHH52.js";
export {
  ANNOTATION_LIMIT,
  createGitHubReporter,
  escapeCommandData,
  escapeCommandProperty,
  neutralizeLegacyCommands,
  newStopToken,
  renderAnnotations,
  renderBlockedWarnings,
  renderInert,
  renderOutputGroup,
  renderQuarantineWarnings,
  renderServiceAnnotations
};
