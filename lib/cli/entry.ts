/**
 * What the entry (`smoke.ts`) loads once its signal handlers are in place: a
 * signal that arrives while these modules load still ends the run with a
 * `RESULT:` line and the signal's exit code.
 *
 * @module
 */
import { isAbsolute, resolve } from "../base/path.ts";

export { runSmoke } from "./run_command.ts";
export type { SmokeIo } from "./smoke_io.ts";
export { formatUserError, formatWarning, ioFallbackError, UserError } from "../base/errors.ts";
export { checkPath, parseFlags } from "./flags.ts";
export { helpText } from "./help.ts";
export { helpSettings } from "./help_settings.ts";
export { ProcessGroups } from "../run/process.ts";
export { runtimeFacts, runtimeInfo, workingDirectory } from "./runtime.ts";
export { envUnreadable, readEnv } from "../base/env.ts";
export { userInvocation } from "./invocation.ts";
export { createSafeWriter, resultLine } from "../base/safe_output.ts";
export { VERSION } from "../base/version.ts";

/**
 * Makes a program given as a relative path absolute; a bare name stays as it
 * is, for a lookup on `PATH`.
 *
 * @param program A program name or path.
 * @param from The directory a relative path is relative to.
 * @returns The program to run.
 *
 * @example
 * ```ts
 * import { absoluteIfPath } from "./entry.ts";
 * import assert from "node:assert/strict";
 *
 * assert.equal(absoluteIfPath("./bin/deno", "/w"), "/w/bin/deno");
 * assert.equal(absoluteIfPath("deno", "/w"), "deno");
 * ```
 */
export function absoluteIfPath(program: string, from: string): string {
  return /[\\/]/.test(program) && !isAbsolute(program) ? resolve(from, program) : program;
}
