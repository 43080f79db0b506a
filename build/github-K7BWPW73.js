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
} from "./chunk-ULG3UHYV.js";
import {
  newStopToken,
  renderInert
} from "./chunk-NQKOQMI4.js";
import "./chunk-D6L5L4HD.js";
import "./chunk-6YTO24JL.js";
import "./chunk-JEDHTE3D.js";
import "./chunk-4GMUGUIA.js";
import "./chunk-4PYW76IS.js";
import "./chunk-2N47EPJ5.js";
import "./chunk-X2S7COPC.js";
import "./chunk-UZCZWFUL.js";
import {
  neutralizeLegacyCommands
} from "./chunk-LB2RVQEI.js";
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
//# sourceMappingURL=github-K7BWPW73.js.map
