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
} from "./chunk-CQEMXYXK.js";
import {
  newStopToken,
  renderInert
} from "./chunk-5EPMVDCW.js";
import "./chunk-T5PGPTT6.js";
import "./chunk-ORG5E3PZ.js";
import "./chunk-JEDHTE3D.js";
import "./chunk-WRAEBG6M.js";
import "./chunk-HP5CIMTB.js";
import "./chunk-2N47EPJ5.js";
import "./chunk-5345R35B.js";
import "./chunk-UZCZWFUL.js";
import {
  neutralizeLegacyCommands
} from "./chunk-VTBD4O6O.js";
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
//# sourceMappingURL=github-VFYVDHDC.js.map
