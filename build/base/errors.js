// @ts-self-types="../../lib/base/errors.ts"
import {
  ExitCode,
  PreflightError,
  SIGNAL_EXIT_CODES,
  UserError,
  describeIoError,
  errnoOf,
  formatUserError,
  formatWarning,
  ioErrorToUserError,
  ioFallbackError,
  isIoError,
  stopIfInterrupted
} from "../chunk-WBZQOSKS.js";
import "../chunk-ANYOMBVL.js";
export {
  ExitCode,
  PreflightError,
  SIGNAL_EXIT_CODES,
  UserError,
  describeIoError,
  errnoOf,
  formatUserError,
  formatWarning,
  ioErrorToUserError,
  ioFallbackError,
  isIoError,
  stopIfInterrupted
};
//# sourceMappingURL=errors.js.map
