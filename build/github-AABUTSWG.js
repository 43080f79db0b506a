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
} from "./chunk-FDH5AN7P.js";
import {
  newStopToken,
  renderInert
} from "./chunk-ZNZJ6444.js";
import "./chunk-2YEAZSI3.js";
import "./chunk-JXGFLTXX.js";
import "./chunk-25NTBGEA.js";
import "./chunk-JEDHTE3D.js";
import "./chunk-DBSKOPQR.js";
import "./chunk-2N47EPJ5.js";
import "./chunk-UZCZWFUL.js";
import "./chunk-PBQEZ4VD.js";
import "./chunk-VPM3V57A.js";
import "./chunk-6MYH7WWL.js";
import {
  neutralizeLegacyCommands
} from "./chunk-XRBLM22N.js";
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
//# sourceMappingURL=github-AABUTSWG.js.map
