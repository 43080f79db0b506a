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
} from "./chunk-47BIZLWV.js";
import {
  newStopToken,
  renderInert
} from "./chunk-5EPMVDCW.js";
import "./chunk-IIATXMG4.js";
import "./chunk-3HXT6EQT.js";
import "./chunk-JEDHTE3D.js";
import "./chunk-RCPM2MYS.js";
import "./chunk-HP5CIMTB.js";
import "./chunk-2N47EPJ5.js";
import "./chunk-PQ4TRTNA.js";
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
//# sourceMappingURL=github-5MTDLETL.js.map
