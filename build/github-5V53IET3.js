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
} from "./chunk-SELLP6TF.js";
import {
  newStopToken,
  renderInert
} from "./chunk-7ZTGSOHQ.js";
import "./chunk-X6Q6Y623.js";
import "./chunk-FLN45ZZK.js";
import "./chunk-JEDHTE3D.js";
import "./chunk-RCPM2MYS.js";
import "./chunk-P3UVFILO.js";
import "./chunk-2N47EPJ5.js";
import "./chunk-7AEJRI6V.js";
import {
  neutralizeLegacyCommands
} from "./chunk-IRQBML7B.js";
import "./chunk-6MYH7WWL.js";
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
//# sourceMappingURL=github-5V53IET3.js.map
