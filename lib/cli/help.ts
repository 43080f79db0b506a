/**
 * The `--help` text.
 *
 * @module
 */

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

Selecting:
  --fixture ID            run only this fixture; repeatable; * globs in a segment (api/*)
  --rerun-failed          run only the fixtures that failed in the artifact
  --artifact PATH         the artifact --rerun-failed reads (default <artifact-dir>/latest.json)
  --rerun-max-failures N  refuse to rerun when more than N failed (a broken environment)
  --shard I/N             run only shard I of N (stable by id)
  --list                  print the selected ids, one a line, and exit
  --dry-run               print how each selected fixture would run; run and write nothing

Running:
  --concurrency N         fixtures at once (default: the number of CPUs)
  --timeout MS            per-fixture timeout (default 60000; a manifest's timeoutMs wins)
  --retries N             retries of a failing fixture (default 0)
  --fail-on-flaky         a fixture that passed only on a retry fails the run
  --deno PATH             the Deno for script fixtures (also SMOKE_DENO)

Locations and output:
  --fixtures-dir DIR      default fixtures/
  --artifact-dir DIR      default .planning/artifacts/smoke/
  --config PATH           default smoke.jsonc, when present
  --junit PATH            also write JUnit XML
  --report                also write the HTML report after the run
  --no-color              no ANSI colour (also NO_COLOR, or when not a terminal)
  -h, --help              this help
  --version               the version and how smoke runs (script, bundle or binary)

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
