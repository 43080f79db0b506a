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
} from "../chunk-PZ427C22.js";
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
