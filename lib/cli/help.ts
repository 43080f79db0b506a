/**
 * The `--help` text. Pure: the settings in effect are passed in (see
 * `help_settings.ts`).
 *
 * @module
 */
import { type EffectiveValue, flagHelp, FLAGS } from "./flags.ts";

/** What `--help` shows as in effect. */
export interface HelpSettings {
  /** Values in effect that are not the defaults, by flag name (`fixtures-dir`). */
  effective?: Readonly<Record<string, EffectiveValue>>;
  /** The config file that could not be read, when one could not: the defaults are shown. */
  unreadableConfig?: string;
}

/** The example value the flag table gives a flag: `30000` for `timeout`. */
function example(name: string): string {
  const spec = FLAGS.find((s) => s.name === name);
  return spec?.example ?? spec?.value ?? "";
}

/** An example line: the command, then what it does in a column. */
function exampleLine(invocation: string, args: string, what: string): string {
  return `  ${invocation}${` ${args} `.padEnd(34)}${what}`;
}

/**
 * Renders the help text.
 *
 * @param invocation How users start smoke, e.g. `deno task smoke`.
 * @param settings The settings in effect (from the config and the command line), when known.
 * @returns The text, ending with a newline.
 *
 * @example
 * ```ts
 * import { helpText } from "./help.ts";
 * import assert from "node:assert/strict";
 *
 * assert.match(helpText("deno task smoke"), /--rerun-failed/);
 * const moved = helpText("deno task smoke", {
 *   effective: { "fixtures-dir": { value: "tests/smoke", from: "smoke.jsonc" } },
 * });
 * assert.match(moved, /run every fixture under tests\/smoke\//);
 * assert.match(helpText("smoke", { unreadableConfig: "smoke.jsonc" }), /^Config "smoke\.jsonc" could not be read/m);
 * ```
 */
export function helpText(invocation: string, settings: HelpSettings = {}): string {
  const s = invocation;
  const fixtures = `${
    (settings.effective?.["fixtures-dir"]?.value ?? "fixtures").replace(/\/+$/, "")
  }/`;
  const unreadable = settings.unreadableConfig === undefined
    ? ""
    : `\nConfig "${settings.unreadableConfig}" could not be read, so the defaults are shown; ` +
      "run without --help for why.\n";
  return `smoke: run a folder of smoke checks, keep a JSON artifact, rerun what failed.
${unreadable}
Usage:
  ${s} [flags]                   run every fixture under ${fixtures}
  ${s} --rerun-failed [flags]    run only what failed in the last run
  ${s} merge A.json B.json... [--out PATH]
                                 combine shard or rerun artifacts into one
                                 (default --out: <artifact-dir>/latest.json)
  ${s} report [--out PATH] [--last N]
                                 write the HTML history report of the last N runs
                                 (default: <artifact-dir>/report.html, 50 runs)

Fixtures (under ${fixtures}, or --fixtures-dir):
  X.smoke.ts      a Deno script; passes when it exits 0 in time
  X.smoke.jsonc   a manifest: beside X.smoke.ts it configures it; alone it names
                  "command": ["prog", "arg"] or "script": "path.ts"
  The id is the path without the suffix: ${fixtures}api/health.smoke.ts is api/health.

${flagHelp(settings)}

Exit codes:
  0 every selected fixture passed   1 at least one failed
  2 usage, config, catalog or rerun-preflight error (nothing ran)
  3 smoke crashed (a bug)           129 hung up (SIGHUP)
  130 interrupted (SIGINT)          143 terminated (SIGTERM)

Examples:
  ${s}                                  run everything
  ${s} --fixture 'api/*' --retries 1    the api fixtures, one retry each
  ${s} --fixture 'web/**' --exclude-tag slow
                                        everything under web/ but the slow ones
  ${s} --tag api --max-failures 1       the api-tagged ones; stop at the first failure
  ${s} --rerun-failed                   rerun what is still failing
  ${s} --rerun-failed --if-none pass    the same, and pass when nothing is owed
  ${s} --rerun-failed --dry-run         show what would rerun, run nothing
  ${s} --rerun-failed --artifact ci/latest.json
                                        rerun the failures a CI run left behind
${
    exampleLine(
      s,
      `--timeout ${example("timeout")} --concurrency ${example("concurrency")}`,
      `${example("timeout")} ms per fixture, ${example("concurrency")} at once`,
    )
  }
${
    exampleLine(
      s,
      `report --last ${example("last")}`,
      `the report of the newest ${example("last")} runs`,
    )
  }
`;
}
