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
  isIoError
} from "../chunk-GTHP53V7.js";
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
  isIoError
};
//# sourceMappingURL=errors.js.map
