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
} from "./chunk-2GBIOZJW.js";
import {
  newStopToken,
  renderInert
} from "./chunk-JYCNRUSB.js";
import "./chunk-CDDBYUVK.js";
import "./chunk-UGS3B7OI.js";
import "./chunk-JEDHTE3D.js";
import "./chunk-5FBXG7SH.js";
import "./chunk-S7OZCV32.js";
import "./chunk-2N47EPJ5.js";
import "./chunk-SDGNAE2V.js";
import "./chunk-UZCZWFUL.js";
import {
  neutralizeLegacyCommands
} from "./chunk-Z7FRQMOA.js";
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
//# sourceMappingURL=github-YVDOTASW.js.map
