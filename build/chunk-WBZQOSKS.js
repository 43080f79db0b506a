import {
  sleep
} from "./chunk-ANYOMBVL.js";

// lib/base/errors.ts
var ExitCode = {
  /** Every selected fixture passed. */
  Pass: 0,
  /** At least one fixture failed. */
  Fail: 1,
  /** Usage, config, catalog or rerun-preflight error: nothing ran. */
  Usage: 2,
  /** An internal error: a bug in smoke. */
  Internal: 3,
  /** Interrupted by SIGINT. */
  Interrupted: 130,
  /** Stopped by SIGTERM. */
  Terminated: 143
};
var SIGNAL_EXIT_CODES = {
  SIGHUP: 129,
  SIGINT: ExitCode.Interrupted,
  SIGTERM: ExitCode.Terminated
};
var UserError = class extends Error {
  /** What kind of mistake this is. */
  kind;
  /** A machine-readable code, when there is one. */
  code;
  /** Lines a user can act on. */
  hints;
  /** The exit code to end with. */
  exitCode;
  /** Where the diagnostics artifact was written, when one was (printed as the last hint). */
  diagnosticsPath;
  /**
   * Creates a user error.
   *
   * @param message The failing action first, values quoted.
   * @param options Kind, code, hints and exit code.
   */
  constructor(message, options) {
    super(message, {
      cause: options.cause
    });
    this.name = "UserError";
    this.kind = options.kind;
    this.code = options.code;
    this.hints = options.hints ?? [];
    this.exitCode = options.exitCode ?? ExitCode.Usage;
    this.diagnosticsPath = options.diagnosticsPath;
  }
};
var stopIfInterrupted = (async function stopIfInterrupted(signal, what) {
  if (!signal) return;
  await sleep(0);
  await sleep(0);
  if (!signal.aborted) return;
  const name = String(signal.reason);
  throw new UserError(`Stopped by ${SIGNAL_EXIT_CODES[name] ? name : "a signal"}: ${what}`, {
    kind: "interrupted",
    exitCode: SIGNAL_EXIT_CODES[name] ?? ExitCode.Interrupted
  });
});
var formatUserError = (function formatUserError(error) {
  const [first, ...rest] = error.message.split("\n");
  const code = error.code ? ` [${error.code}]` : "";
  const head = first.endsWith(":") ? `${first.slice(0, -1)}${code}:` : `${first}${code}`;
  const lines = [
    `error: ${head}`,
    ...rest
  ];
  for (const hint of error.hints) lines.push(`hint: ${hint}`);
  if (error.diagnosticsPath !== void 0) {
    lines.push(`hint: Diagnostics artifact: ${error.diagnosticsPath}`);
  }
  return lines.join("\n");
});
var formatWarning = (function formatWarning(warning) {
  return `warning: ${warning.message} [${warning.code}]
` + (warning.hint ? `hint: ${warning.hint}
` : "");
});
var PreflightError = class extends Error {
  /** The contract code. */
  code;
  /** Lines a user can act on, the manual fallback among them. */
  hints;
  /** What the diagnostics artifact records. */
  diagnostics;
  /**
   * Creates a preflight error.
   *
   * @param code The contract code.
   * @param message The message.
   * @param hints Hints, fallback included.
   * @param warnings Warnings found before the error.
   */
  constructor(code, message, hints, warnings = []) {
    super(message);
    this.name = "PreflightError";
    this.code = code;
    this.hints = hints;
    this.diagnostics = [
      ...warnings,
      {
        code,
        level: "error",
        message,
        hint: hints.join("\n")
      }
    ];
  }
};
var IO_ERRNOS = /* @__PURE__ */ new Set([
  "EACCES",
  "EPERM",
  "ENOENT",
  "ENOTDIR",
  "EISDIR",
  "EEXIST",
  "ENOTEMPTY",
  "ELOOP",
  "ENAMETOOLONG",
  "EROFS",
  "ENOSPC",
  "EDQUOT",
  "EFBIG",
  "EMFILE",
  "ENFILE",
  "EIO",
  "EBUSY",
  "ETXTBSY",
  "EXDEV",
  "ENXIO",
  "EPIPE",
  "ENODEV",
  "EMLINK",
  "ESTALE",
  "EOVERFLOW"
]);
var IO_CLASSES = [
  Deno.errors.PermissionDenied,
  Deno.errors.NotFound,
  Deno.errors.NotADirectory,
  Deno.errors.IsADirectory,
  Deno.errors.FilesystemLoop,
  Deno.errors.AlreadyExists,
  Deno.errors.InvalidData,
  Deno.errors.Busy,
  Deno.errors.NotCapable
];
var isIoError = (function isIoError(error) {
  if (IO_CLASSES.some(((kind) => error instanceof kind))) return true;
  if (!(error instanceof Error) || Object.getPrototypeOf(error) !== Error.prototype) return false;
  return IO_ERRNOS.has(errnoOf(error));
});
var ERRNO_NAMES = {
  1: "EPERM",
  2: "ENOENT",
  3: "ESRCH",
  5: "EIO",
  7: "E2BIG",
  11: "EAGAIN",
  12: "ENOMEM",
  13: "EACCES",
  16: "EBUSY",
  17: "EEXIST",
  18: "EXDEV",
  20: "ENOTDIR",
  21: "EISDIR",
  22: "EINVAL",
  23: "ENFILE",
  24: "EMFILE",
  26: "ETXTBSY",
  27: "EFBIG",
  28: "ENOSPC",
  30: "EROFS"
};
if (Deno.build.os === "linux") {
  Object.assign(ERRNO_NAMES, {
    36: "ENAMETOOLONG",
    40: "ELOOP",
    122: "EDQUOT"
  });
}
var errnoOf = (function errnoOf(error) {
  if (!(error instanceof Error)) return "";
  const code = error.code;
  if (typeof code === "string") return code;
  if (error instanceof Deno.errors.PermissionDenied) return "EACCES";
  if (error instanceof Deno.errors.NotFound) return "ENOENT";
  if (error instanceof Deno.errors.NotADirectory) return "ENOTDIR";
  if (error instanceof Deno.errors.IsADirectory) return "EISDIR";
  if (error instanceof Deno.errors.FilesystemLoop) return "ELOOP";
  if (error instanceof Deno.errors.AlreadyExists) return "EEXIST";
  if (error.name !== "Error" && !(error instanceof Deno.errors.Busy)) return "";
  const number = /\(os error (\d+)\)/.exec(error.message)?.[1];
  return number ? ERRNO_NAMES[Number(number)] ?? "" : "";
});
var IO_REASONS = {
  EACCES: [
    "permission denied",
    "Check the permissions of the path and of the folders above it."
  ],
  EPERM: [
    "operation not permitted",
    "Check the permissions of the path and its owner."
  ],
  ENOENT: [
    "it does not exist",
    "Check the path."
  ],
  ENOTDIR: [
    "a folder on the path is a file",
    "Check the path: one of its folders is a file."
  ],
  EISDIR: [
    "it is a directory",
    "Name a file, not a directory."
  ],
  ELOOP: [
    "too many levels of symbolic links (a symlink loop)",
    "A symlink on the path leads back to itself: fix or remove it."
  ],
  ENAMETOOLONG: [
    "the path is too long (ENAMETOOLONG)",
    "Use a shorter path."
  ],
  EROFS: [
    "the file system is read-only",
    "Use a path on a writable file system."
  ],
  ENOSPC: [
    "no space left on the device",
    "Free disk space, or use a path on another disk."
  ],
  EDQUOT: [
    "the disk quota is exceeded",
    "Free space within your quota, or use another path."
  ],
  EMFILE: [
    "too many open files",
    "Raise the open-file limit (ulimit -n), or run less at once."
  ],
  ENFILE: [
    "too many open files in the system",
    "Close other programs, or run less at once."
  ],
  EIO: [
    "an I/O error (EIO)",
    "Check the disk or the network file system."
  ]
};
var describeIoError = (function describeIoError(error) {
  const errno = errnoOf(error);
  const known = IO_REASONS[errno];
  if (known) return {
    reason: known[0],
    hint: known[1]
  };
  if (error instanceof Deno.errors.NotCapable) {
    return {
      reason: error.message,
      hint: "Run smoke with -A (deno run -A smoke.ts), as deno task smoke does."
    };
  }
  const words = error.message.replace(/ \(os error \d+\).*$/s, "");
  const reason = words.charAt(0).toLowerCase() + words.slice(1);
  return {
    reason: errno ? `${reason} (${errno})` : reason,
    hint: "Check the path and its permissions."
  };
});
var ioErrorToUserError = (function ioErrorToUserError(error, context) {
  const { reason, hint } = describeIoError(error);
  return new UserError(`Cannot ${context.action} "${context.path}": ${reason}`, {
    kind: context.kind ?? "usage",
    ...context.code ? {
      code: context.code
    } : {},
    hints: [
      ...context.hints ?? [],
      hint
    ],
    cause: error
  });
});
var ioFallbackError = (function ioFallbackError(error) {
  if (!isIoError(error)) return void 0;
  return new UserError(error.message, {
    kind: "usage",
    code: "IO_ERROR",
    hints: [
      describeIoError(error).hint,
      "smoke could not read or write the path above; fix it, or pass another path."
    ],
    cause: error
  });
});

export {
  ExitCode,
  SIGNAL_EXIT_CODES,
  UserError,
  stopIfInterrupted,
  formatUserError,
  formatWarning,
  PreflightError,
  isIoError,
  errnoOf,
  describeIoError,
  ioErrorToUserError,
  ioFallbackError
};
//# sourceMappingURL=chunk-WBZQOSKS.js.map
