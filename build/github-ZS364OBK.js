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
} from "./chunk-VLLNBSIF.js";
import {
  newStopToken,
  renderInert
} from "./chunk-5EPMVDCW.js";
import "./chunk-Z7M7AB3D.js";
import "./chunk-DRR5HVBR.js";
import "./chunk-QFLY5QC7.js";
import "./chunk-JEDHTE3D.js";
import "./chunk-UNIPN2WA.js";
import "./chunk-2N47EPJ5.js";
import "./chunk-UZCZWFUL.js";
import "./chunk-IF2ETGSY.js";
import "./chunk-ULAWJS6M.js";
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
//# sourceMappingURL=github-ZS364OBK.js.map
