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
} from "./chunk-7NJXKYSX.js";
import {
  newStopToken,
  renderInert
} from "./chunk-5EPMVDCW.js";
import "./chunk-3LCQ77WM.js";
import "./chunk-IJGDTOEM.js";
import "./chunk-JEDHTE3D.js";
import "./chunk-5C2G76YF.js";
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
//# sourceMappingURL=github-7PPKIKIK.js.map
