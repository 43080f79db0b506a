/**
 * The user-error family: mistakes a user can fix (usage, config, catalog,
 * rerun preflight). Anything else thrown inside smoke is a bug and keeps its
 * stack.
 *
 * @module
 */
import type { Diagnostic } from "./artifact.ts";

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
export type UserErrorKind = "usage" | "config" | "catalog" | "preflight" | "lock" | "artifact";

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
  }
}

/**
 * Formats a user error for standard error: `error: ...` (with its code, when it
 * has one, closing the first line) then `hint: ...` lines.
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
 * ```
 */
export function formatUserError(error: UserError): string {
  const [first, ...rest] = error.message.split("\n");
  const code = error.code ? ` [${error.code}]` : "";
  // The code closes the first line, before a colon that introduces the lines below.
  const head = first.endsWith(":") ? `${first.slice(0, -1)}${code}:` : `${first}${code}`;
  const lines = [`error: ${head}`, ...rest];
  for (const hint of error.hints) lines.push(`hint: ${hint}`);
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
