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
} from "../chunk-IQ2VACTL.js";
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
