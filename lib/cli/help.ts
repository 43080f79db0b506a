/**
 * The `--help` text.
 *
 * @module
 */
import { flagHelp } from "./flags.ts";

/**
 * Renders the help text.
 *
 * @param invocation How users start smoke, e.g. `deno task smoke`.
 * @returns The text, ending with a newline.
 *
 * @example
 * ```ts
 * import { helpText } from "./help.ts";
 * import assert from "node:assert/strict";
 *
 * assert.match(helpText("deno task smoke"), /--rerun-failed/);
 * ```
 */
export function helpText(invocation: string): string {
  const s = invocation;
  return `smoke: run a folder of smoke checks, keep a JSON artifact, rerun what failed.

Usage:
  ${s} [flags]                   run every fixture under fixtures/
  ${s} --rerun-failed [flags]    run only what failed in the last run
  ${s} merge A.json B.json... [--out PATH]
                                 combine shard or rerun artifacts into one
                                 (default --out: <artifact-dir>/latest.json)
  ${s} report [--out PATH] [--last N]
                                 write the HTML history report of the last N runs
                                 (default: <artifact-dir>/report.html, 50 runs)

Fixtures (under fixtures/, or --fixtures-dir):
  X.smoke.ts      a Deno script; passes when it exits 0 in time
  X.smoke.jsonc   a manifest: beside X.smoke.ts it configures it; alone it names
                  "command": ["prog", "arg"] or "script": "path.ts"
  The id is the path without the suffix: fixtures/api/health.smoke.ts is api/health.

${flagHelp()}

Exit codes:
  0 every selected fixture passed   1 at least one failed
  2 usage, config, catalog or rerun-preflight error (nothing ran)
  130 interrupted (SIGINT)          143 terminated (SIGTERM)

Examples:
  ${s}                                  run everything
  ${s} --fixture 'api/*' --retries 1    the api fixtures, one retry each
  ${s} --rerun-failed                   rerun the failures of the last run
  ${s} --rerun-failed --dry-run         show what would rerun, run nothing
  ${s} --rerun-failed --artifact ci/latest.json
                                        rerun the failures a CI run left behind
`;
}
