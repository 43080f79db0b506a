/**
 * The user-error family: mistakes a user can fix (usage, config, catalog,
 * rerun preflight). Anything else thrown inside smoke is a bug and keeps its
 * stack.
 *
 * @module
 */
import { sleep } from "./timer.ts";
/** A warning or error recorded in an artifact's `diagnostics` and printed to standard error. */
export interface Diagnostic {
  /** A machine-readable code such as `STALE_FIXTURE`. */
  code: string;
  /** Whether it stopped the run. */
  level: "error" | "warning";
  /** What happened. */
  message: string;
  /** What a user can do about it. */
  hint?: string;
}

/** Exit codes of the contract. */
export const ExitCode = {
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
  Terminated: 143,
} as const;

/** Exit codes of runs stopped by a signal: 128 plus the signal number. */
export const SIGNAL_EXIT_CODES: Readonly<Record<string, number>> = {
  SIGHUP: 129,
  SIGINT: ExitCode.Interrupted,
  SIGTERM: ExitCode.Terminated,
};

/** The kind of a user error, used in messages and tests. */
export type UserErrorKind =
  | "usage"
  | "config"
  | "catalog"
  | "preflight"
  | "lock"
  | "artifact"
  | "interrupted";

/** Options for {@linkcode UserError}. */
export interface UserErrorOptions {
  /** What kind of mistake this is. */
  kind: UserErrorKind;
  /** A machine-readable code such as `NO_FIXTURES` or `ARTIFACT_NOT_FOUND`. */
  code?: string;
  /** Lines a user can act on, printed as `hint: ...`. */
  hints?: string[];
  /** The exit code; defaults to 2. */
  exitCode?: number;
  /** The underlying error, if any. */
  cause?: unknown;
  /** Where the diagnostics artifact of a failed rerun preflight was written, if it was. */
  diagnosticsPath?: string;
}

/**
 * An error the user can fix. It carries its exit code and hints; `smoke.ts`
 * prints it as `error: ...` plus `hint: ...` lines, without a stack.
 *
 * @example Throw a usage error with a hint
 * ```ts
 * import { UserError } from "./errors.ts";
 * import assert from "node:assert/strict";
 *
 * const error = new UserError('Unknown flag "--fixtur"', {
 *   kind: "usage",
 *   hints: ['Did you mean "--fixture"?'],
 * });
 * assert.equal(error.exitCode, 2);
 * assert.deepEqual(error.hints, ['Did you mean "--fixture"?']);
 * ```
 */
export class UserError extends Error {
  /** What kind of mistake this is. */
  readonly kind: UserErrorKind;
  /** A machine-readable code, when there is one. */
  readonly code: string | undefined;
  /** Lines a user can act on. */
  readonly hints: string[];
  /** The exit code to end with. */
  readonly exitCode: number;
  /** Where the diagnostics artifact was written, when one was (printed as the last hint). */
  readonly diagnosticsPath: string | undefined;

  /**
   * Creates a user error.
   *
   * @param message The failing action first, values quoted.
   * @param options Kind, code, hints and exit code.
   */
  constructor(message: string, options: UserErrorOptions) {
    super(message, { cause: options.cause });
    this.name = "UserError";
    this.kind = options.kind;
    this.code = options.code;
    this.hints = options.hints ?? [];
    this.exitCode = options.exitCode ?? ExitCode.Usage;
    this.diagnosticsPath = options.diagnosticsPath;
  }
}

/**
 * A checkpoint of a command that writes once (`smoke merge`, `smoke report`):
 * when SIGINT, SIGTERM or SIGHUP came (the entry aborts the signal with its
 * name), it stops there with the signal's exit code, so an interrupted command
 * never prints `RESULT: pass`.
 *
 * @param signal The entry's interrupt, aborted with the signal's name.
 * @param what What was, or was not, written when it stopped.
 * @returns Once the event loop has turned (a signal that came is delivered), when none came.
 * @throws {UserError} When the signal is aborted: kind `interrupted`, exit code 128 + the signal.
 *
 * @example
 * ```ts
 * import { stopIfInterrupted } from "./errors.ts";
 * import assert from "node:assert/strict";
 *
 * const interrupt = new AbortController();
 * await stopIfInterrupted(interrupt.signal, "nothing was written"); // not aborted: goes on
 * interrupt.abort("SIGTERM");
 * await assert.rejects(
 *   () => stopIfInterrupted(interrupt.signal, "nothing was written"),
 *   { message: "Stopped by SIGTERM: nothing was written", exitCode: 143 },
 * );
 * ```
 */
export async function stopIfInterrupted(
  signal: AbortSignal | undefined,
  what: string,
): Promise<void> {
  if (!signal) return;
  // A signal that came during synchronous work (parsing, checking a large artifact) is only
  // delivered once the event loop turns: let it, so that it is seen here and not after the end.
  await sleep(0);
  await sleep(0);
  if (!signal.aborted) return;
  const name = String(signal.reason);
  throw new UserError(`Stopped by ${SIGNAL_EXIT_CODES[name] ? name : "a signal"}: ${what}`, {
    kind: "interrupted",
    exitCode: SIGNAL_EXIT_CODES[name] ?? ExitCode.Interrupted,
  });
}

/**
 * Formats a user error for standard error: `error: ...` (with its code, when it
 * has one, closing the first line) then `hint: ...` lines, the last one naming
 * the diagnostics artifact when one was written.
 *
 * @param error The user error.
 * @returns The lines, joined with newlines, without a trailing newline.
 *
 * @example
 * ```ts
 * import { formatUserError, UserError } from "./errors.ts";
 * import assert from "node:assert/strict";
 *
 * const text = formatUserError(new UserError("Cannot run", { kind: "usage", hints: ["Try x"] }));
 * assert.equal(text, "error: Cannot run\nhint: Try x");
 * const coded = new UserError("Nothing to run", { kind: "catalog", code: "NO_FIXTURES" });
 * assert.equal(formatUserError(coded), "error: Nothing to run [NO_FIXTURES]");
 * const listed = new UserError("Invalid artifact:\n  a: missing", { kind: "preflight", code: "X" });
 * assert.equal(formatUserError(listed), "error: Invalid artifact [X]:\n  a: missing");
 * const written = new UserError("No artifact", { kind: "preflight", diagnosticsPath: "runs/r.json" });
 * assert.equal(formatUserError(written), "error: No artifact\nhint: Diagnostics artifact: runs/r.json");
 * ```
 */
export function formatUserError(error: UserError): string {
  const [first, ...rest] = error.message.split("\n");
  const code = error.code ? ` [${error.code}]` : "";
  // The code closes the first line, before a colon that introduces the lines below.
  const head = first.endsWith(":") ? `${first.slice(0, -1)}${code}:` : `${first}${code}`;
  const lines = [`error: ${head}`, ...rest];
  for (const hint of error.hints) lines.push(`hint: ${hint}`);
  if (error.diagnosticsPath !== undefined) {
    lines.push(`hint: Diagnostics artifact: ${error.diagnosticsPath}`);
  }
  return lines.join("\n");
}

/**
 * Formats a warning for standard error: `warning: ... [CODE]`, then its hint.
 *
 * @param warning The code, message and optional hint (a diagnostic).
 * @returns The lines, each ending with a newline.
 *
 * @example
 * ```ts
 * import { formatWarning } from "./errors.ts";
 * import assert from "node:assert/strict";
 *
 * assert.equal(
 *   formatWarning({ code: "STALE_FIXTURE", message: "1 is gone", hint: "Renamed?" }),
 *   "warning: 1 is gone [STALE_FIXTURE]\nhint: Renamed?\n",
 * );
 * ```
 */
export function formatWarning(warning: { code: string; message: string; hint?: string }): string {
  return `warning: ${warning.message} [${warning.code}]\n` +
    (warning.hint ? `hint: ${warning.hint}\n` : "");
}

/**
 * A failed rerun preflight (`rerun_preflight.ts`): exit 2, with a diagnostics
 * artifact. The caller turns it into a {@linkcode UserError} once the
 * diagnostics are written.
 *
 * @example
 * ```ts
 * import { PreflightError } from "./errors.ts";
 * import assert from "node:assert/strict";
 *
 * const error = new PreflightError("ARTIFACT_NOT_FOUND", "Cannot read artifact", ["Run the suite first."]);
 * assert.deepEqual(error.diagnostics, [
 *   { code: "ARTIFACT_NOT_FOUND", level: "error", message: "Cannot read artifact", hint: "Run the suite first." },
 * ]);
 * ```
 */
export class PreflightError extends Error {
  /** The contract code. */
  readonly code: string;
  /** Lines a user can act on, the manual fallback among them. */
  readonly hints: string[];
  /** What the diagnostics artifact records. */
  readonly diagnostics: Diagnostic[];

  /**
   * Creates a preflight error.
   *
   * @param code The contract code.
   * @param message The message.
   * @param hints Hints, fallback included.
   * @param warnings Warnings found before the error.
   */
  constructor(code: string, message: string, hints: string[], warnings: Diagnostic[] = []) {
    super(message);
    this.name = "PreflightError";
    this.code = code;
    this.hints = hints;
    this.diagnostics = [
      ...warnings,
      { code, level: "error", message, hint: hints.join("\n") },
    ];
  }
}

/** Errno codes of file-system failures a user can act on (Deno reports some as a plain `Error`). */
const IO_ERRNOS: ReadonlySet<string> = new Set([
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
  "EOVERFLOW",
]);

/** Deno's error classes for file-system failures. */
const IO_CLASSES: readonly (new (...args: never[]) => Error)[] = [
  Deno.errors.PermissionDenied,
  Deno.errors.NotFound,
  Deno.errors.NotADirectory,
  Deno.errors.IsADirectory,
  Deno.errors.FilesystemLoop,
  Deno.errors.AlreadyExists,
  Deno.errors.InvalidData,
  Deno.errors.Busy,
  Deno.errors.NotCapable,
];

/**
 * Whether an error is a file-system failure (a path that is missing, denied,
 * too long, a loop, a full or read-only disk...), as opposed to a bug. Only
 * Deno's I/O error classes and plain `Error`s carrying a file-system errno
 * qualify; a `TypeError` or `RangeError` never does.
 *
 * @param error Anything thrown.
 * @returns True for an I/O error a user can act on.
 *
 * @example
 * ```ts
 * import { isIoError } from "./errors.ts";
 * import assert from "node:assert/strict";
 *
 * assert.equal(isIoError(new Deno.errors.PermissionDenied("Permission denied")), true);
 * assert.equal(isIoError(Object.assign(new Error("File name too long"), { code: "ENAMETOOLONG" })), true);
 * assert.equal(isIoError(Object.assign(new TypeError("x"), { code: "ENOENT" })), false);
 * assert.equal(isIoError(new RangeError("bug")), false);
 * ```
 */
export function isIoError(error: unknown): error is Error {
  if (IO_CLASSES.some((kind) => error instanceof kind)) return true;
  if (!(error instanceof Error) || Object.getPrototypeOf(error) !== Error.prototype) return false;
  return IO_ERRNOS.has(errnoOf(error));
}

/** POSIX errno numbers that Linux and macOS share (1 to 34), and Linux's own above them. */
const ERRNO_NAMES: Record<number, string> = {
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
  30: "EROFS",
};
if (Deno.build.os === "linux") {
  Object.assign(ERRNO_NAMES, { 36: "ENAMETOOLONG", 40: "ELOOP", 122: "EDQUOT" });
}

/**
 * The errno name of a system error, however Deno reported it: a `code`
 * property, one of Deno's error classes, or a plain `Error` whose message
 * ends in "(os error N)" (Deno gives some failures no class and no code, e.g.
 * reading the `/proc` file of a process that just exited).
 *
 * @param error Anything thrown.
 * @returns The name, such as `ESRCH`, or "" when the error says none.
 *
 * @example
 * ```ts
 * import { errnoOf } from "./errors.ts";
 * import assert from "node:assert/strict";
 *
 * assert.equal(errnoOf(new Error("No such process (os error 3)")), "ESRCH");
 * assert.equal(errnoOf(new Deno.errors.NotFound("gone")), "ENOENT");
 * assert.equal(errnoOf(Object.assign(new Error("x"), { code: "EROFS" })), "EROFS");
 * assert.equal(errnoOf(new TypeError("a bug")), "");
 * ```
 */
export function errnoOf(error: unknown): string {
  if (!(error instanceof Error)) return "";
  const code = (error as { code?: unknown }).code;
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
}

const IO_REASONS: Readonly<Record<string, [reason: string, hint: string]>> = {
  EACCES: ["permission denied", "Check the permissions of the path and of the folders above it."],
  EPERM: ["operation not permitted", "Check the permissions of the path and its owner."],
  ENOENT: ["it does not exist", "Check the path."],
  ENOTDIR: ["a folder on the path is a file", "Check the path: one of its folders is a file."],
  EISDIR: ["it is a directory", "Name a file, not a directory."],
  ELOOP: [
    "too many levels of symbolic links (a symlink loop)",
    "A symlink on the path leads back to itself: fix or remove it.",
  ],
  ENAMETOOLONG: ["the path is too long (ENAMETOOLONG)", "Use a shorter path."],
  EROFS: ["the file system is read-only", "Use a path on a writable file system."],
  ENOSPC: ["no space left on the device", "Free disk space, or use a path on another disk."],
  EDQUOT: ["the disk quota is exceeded", "Free space within your quota, or use another path."],
  EMFILE: ["too many open files", "Raise the open-file limit (ulimit -n), or run less at once."],
  ENFILE: ["too many open files in the system", "Close other programs, or run less at once."],
  EIO: ["an I/O error (EIO)", "Check the disk or the network file system."],
};

/**
 * A short lowercase reason for an I/O error and a hint a user can act on.
 *
 * @param error An error for which {@linkcode isIoError} holds.
 * @returns The reason (e.g. `permission denied`) and the hint.
 *
 * @example
 * ```ts
 * import { describeIoError } from "./errors.ts";
 * import assert from "node:assert/strict";
 *
 * const error = new Deno.errors.FilesystemLoop("Too many levels of symbolic links (os error 40): stat 'x'");
 * assert.equal(describeIoError(error).reason, "too many levels of symbolic links (a symlink loop)");
 * const other = Object.assign(new Error("Text file busy (os error 26): open 'x'"), { code: "ETXTBSY" });
 * assert.equal(describeIoError(other).reason, "text file busy (ETXTBSY)");
 * ```
 */
export function describeIoError(error: Error): { reason: string; hint: string } {
  const errno = errnoOf(error);
  const known = IO_REASONS[errno];
  if (known) return { reason: known[0], hint: known[1] };
  if (error instanceof Deno.errors.NotCapable) {
    return {
      reason: error.message,
      hint: "Run smoke with -A (deno run -A smoke.ts), as deno task smoke does.",
    };
  }
  // Deno's messages read "Text file busy (os error 26): open 'x'": keep the OS's words.
  const words = error.message.replace(/ \(os error \d+\).*$/s, "");
  const reason = words.charAt(0).toLowerCase() + words.slice(1);
  return {
    reason: errno ? `${reason} (${errno})` : reason,
    hint: "Check the path and its permissions.",
  };
}

/** What an I/O error was about, for {@linkcode ioErrorToUserError}. */
export interface IoErrorContext {
  /** The path as the user named it. */
  path: string;
  /** What smoke tried, as in `Cannot <action> "<path>"`: e.g. `read manifest`. */
  action: string;
  /** The kind of user error (default `usage`). */
  kind?: UserErrorKind;
  /** A code, when the caller has a contract code for it. */
  code?: string;
  /** Hints before the generic one. */
  hints?: string[];
}

/**
 * Turns an I/O error into a user error naming the path: `Cannot read config
 * "x": permission denied`, with a hint (exit 2).
 *
 * @param error An error for which {@linkcode isIoError} holds.
 * @param context The path, the action, and the kind of user error.
 * @returns The user error, with the I/O error as its cause.
 *
 * @example
 * ```ts
 * import { formatUserError, ioErrorToUserError } from "./errors.ts";
 * import assert from "node:assert/strict";
 *
 * const error = ioErrorToUserError(new Deno.errors.PermissionDenied("Permission denied (os error 13)"), {
 *   path: "smoke.jsonc",
 *   action: "read config",
 *   kind: "config",
 * });
 * assert.equal(
 *   formatUserError(error),
 *   'error: Cannot read config "smoke.jsonc": permission denied\n' +
 *     "hint: Check the permissions of the path and of the folders above it.",
 * );
 * ```
 */
export function ioErrorToUserError(error: Error, context: IoErrorContext): UserError {
  const { reason, hint } = describeIoError(error);
  return new UserError(`Cannot ${context.action} "${context.path}": ${reason}`, {
    kind: context.kind ?? "usage",
    ...(context.code ? { code: context.code } : {}),
    hints: [...(context.hints ?? []), hint],
    cause: error,
  });
}

/**
 * The last line of defence for an I/O error no read or write site turned into
 * a user error: printed as `error: <Deno's message, which names the path>
 * [IO_ERROR]` with a generic hint, exit 2, instead of a crash. Anything that
 * is not an I/O error (a bug) gets undefined and stays a crash.
 *
 * @param error Anything that reached smoke's top level.
 * @returns The user error, or undefined for a bug.
 *
 * @example
 * ```ts
 * import { ioFallbackError } from "./errors.ts";
 * import assert from "node:assert/strict";
 *
 * const long = Object.assign(new Error("File name too long (os error 36): mkdir '/x'"), {
 *   code: "ENAMETOOLONG",
 * });
 * assert.equal(ioFallbackError(long)?.message, "File name too long (os error 36): mkdir '/x'");
 * assert.equal(ioFallbackError(long)?.code, "IO_ERROR");
 * assert.equal(ioFallbackError(new TypeError("undefined is not a function")), undefined);
 * ```
 */
export function ioFallbackError(error: unknown): UserError | undefined {
  if (!isIoError(error)) return undefined;
  return new UserError(error.message, {
    kind: "usage",
    code: "IO_ERROR",
    hints: [
      describeIoError(error).hint,
      "smoke could not read or write the path above; fix it, or pass another path.",
    ],
    cause: error,
  });
}
