/**
 * The edge of GitHub Actions mode on errors: the entry (`smoke.ts`) calls
 * {@linkcode reportErrorToGitHub} for an exit-2 error when `GITHUB_ACTIONS=true`.
 * Loaded only then.
 *
 * @module
 */
import { resolve } from "../base/path.ts";
import { formatWarning } from "../base/errors.ts";
import { markCommand } from "../base/safe_output.ts";
import {
  renderErrorAnnotation,
  renderErrorSummary,
  type ReportedError,
} from "../reporters/github_error.ts";
import { STEP_SUMMARY_LIMIT_BYTES } from "../reporters/github_summary.ts";
import { appendStepSummary } from "../reporters/step_summary_file.ts";

/** The edges {@linkcode reportErrorToGitHub} writes through. */
export interface GitHubErrorIo {
  /** Absolute working directory: a relative `GITHUB_STEP_SUMMARY` is relative to it. */
  cwd: string;
  /** The environment smoke runs in (`GITHUB_STEP_SUMMARY`). */
  env: Readonly<Record<string, string>>;
  /** Writes to standard error: the safe writer of GitHub mode, which passes marked commands. */
  stderr(text: string): void;
}

/**
 * Reports an error to GitHub Actions: one `::error` annotation on standard
 * error (marked as smoke's own command), then the error's section appended to
 * `$GITHUB_STEP_SUMMARY` when it is set, within the 1 MiB a step allows. A
 * summary file that cannot be written, or is not a regular file (a FIFO is
 * never opened), is a `STEP_SUMMARY_WRITE_FAILED` warning: the error stays
 * the error.
 *
 * @param error The error the entry printed.
 * @param io Working directory, environment and standard error.
 * @returns Nothing.
 *
 * @example
 * ```ts
 * import { reportErrorToGitHub } from "./github_error_report.ts";
 * import { createSafeWriter } from "../base/safe_output.ts";
 * import { UserError } from "../base/errors.ts";
 * import assert from "node:assert/strict";
 *
 * const cwd = await Deno.makeTempDir();
 * let log = "";
 * const stderr = createSafeWriter((t) => (log += t), { terminal: false, github: true });
 * const error = new UserError("Cannot merge: no artifacts given", { kind: "usage" });
 * await reportErrorToGitHub(error, { cwd, env: { GITHUB_STEP_SUMMARY: "summary.md" }, stderr });
 * assert.equal(log, "::error title=smoke usage error::Cannot merge: no artifacts given\n");
 * assert.match(await Deno.readTextFile(`${cwd}/summary.md`), /^## smoke: usage error$/m);
 * await Deno.remove(cwd, { recursive: true });
 * ```
 */
export async function reportErrorToGitHub(error: ReportedError, io: GitHubErrorIo): Promise<void> {
  io.stderr(markCommand(renderErrorAnnotation(error)) + "\n");
  const file = io.env.GITHUB_STEP_SUMMARY;
  if (!file) return;
  const appended = await appendStepSummary(
    resolve(io.cwd, file),
    (used) => renderErrorSummary(error, { maxBytes: STEP_SUMMARY_LIMIT_BYTES - used }),
  );
  if (!appended.ok) {
    io.stderr(formatWarning({
      code: "STEP_SUMMARY_WRITE_FAILED",
      message: `Cannot append to the step summary "${file}": ${appended.reason}`,
      hint: "Check GITHUB_STEP_SUMMARY; the error above is what stopped smoke.",
    }));
  }
}
