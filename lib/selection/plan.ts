/**
 * Planning: how each selected fixture will run (argv, environment, limits).
 * Pure: the dry run prints exactly this.
 *
 * @module
 */
import { relative, sep as SEP } from "../base/path.ts";
import type { Fixture } from "../catalog/catalog.ts";
import type { Options } from "../config/config.ts";
import { hasControlCharacter } from "../base/safe_output.ts";

/** A fixture with everything needed to run it. */
export interface PlannedFixture {
  /** The catalog entry. */
  fixture: Fixture;
  /** Program and arguments. */
  argv: string[];
  /** Absolute working directory. */
  cwd: string;
  /** Environment on top of the inherited one, without the per-attempt variables. */
  env: Record<string, string>;
  /** The timeout that applies. */
  timeoutMs: number;
  /** How many retries. */
  retries: number;
  /** Permission flags (script fixtures). */
  permissions: string[];
  /** The quarantine entry that protects it today: its failure does not fail the run. */
  quarantine?: { reason: string; owner: string; until: string };
}

/** What planning needs besides the fixture. */
export interface PlanContext {
  /** Merged options. */
  options: Pick<Options, "timeoutMs" | "retries" | "permissions" | "env">;
  /** The Deno executable for script fixtures. */
  deno: string;
}

/**
 * A fixture's timeout and retries: its manifest's, else the options'.
 *
 * @param fixture The fixture.
 * @param options The merged options.
 * @returns The timeout (ms) and retries that apply.
 *
 * @example
 * ```ts
 * import { fixtureLimits } from "./plan.ts";
 * import assert from "node:assert/strict";
 *
 * const options = { timeoutMs: 1000, retries: 0 };
 * assert.deepEqual(fixtureLimits({ timeoutMs: 500 } as never, options), { timeoutMs: 500, retries: 0 });
 * ```
 */
export function fixtureLimits(
  fixture: Pick<Fixture, "timeoutMs" | "retries">,
  options: Pick<Options, "timeoutMs" | "retries">,
): { timeoutMs: number; retries: number } {
  return {
    timeoutMs: fixture.timeoutMs ?? options.timeoutMs,
    retries: fixture.retries ?? options.retries,
  };
}

/** The script as the command line names it: relative to the fixture's cwd. */
function scriptPath(script: string, cwd: string): string {
  // Most scripts lie under the working directory: no path operation for those.
  const prefix = cwd.endsWith(SEP) ? cwd : cwd + SEP;
  if (script.startsWith(prefix) && !script.includes(`${SEP}..`)) return script.slice(prefix.length);
  return relative(cwd, script) || script;
}

/**
 * Plans one fixture. Manifest values win over flags, flags over config.
 * Script fixtures run as `deno run --no-prompt <permissions> <script> <args>`.
 *
 * @param fixture The catalog entry.
 * @param context Options and the Deno executable.
 * @returns The planned fixture.
 *
 * @example
 * ```ts
 * import { planFixture } from "./plan.ts";
 * import { buildCatalog } from "../catalog/catalog.ts";
 * import assert from "node:assert/strict";
 *
 * const [fixture] = buildCatalog([{ path: "a.smoke.ts" }], { cwd: "/p", fixturesDir: "/p/fixtures" });
 * const planned = planFixture(fixture, {
 *   options: { timeoutMs: 1000, retries: 0, permissions: ["--allow-read"], env: {} },
 *   deno: "deno",
 * });
 * assert.deepEqual(planned.argv, ["deno", "run", "--no-prompt", "--allow-read", "fixtures/a.smoke.ts"]);
 * ```
 */
export function planFixture(fixture: Fixture, context: PlanContext): PlannedFixture {
  const { options } = context;
  const permissions = fixture.permissions ?? options.permissions;
  const argv = fixture.script
    ? [
      context.deno,
      "run",
      "--no-prompt",
      ...permissions,
      scriptPath(fixture.script, fixture.cwd),
      ...fixture.args,
    ]
    : [...fixture.command!, ...fixture.args];
  return {
    fixture,
    argv,
    cwd: fixture.cwd,
    env: { ...options.env, ...fixture.env },
    ...fixtureLimits(fixture, options),
    permissions: fixture.script ? permissions : [],
  };
}

/** Arguments printed as they are. */
const PLAIN = /^[A-Za-z0-9_\/.,:=@%+-]+$/;
// deno-lint-ignore no-control-regex
const ESCAPED = /[\\'\u0000-\u001f\u007f]/g;
const ESCAPES: Readonly<Record<string, string>> = {
  "\\": "\\\\",
  "'": "\\'",
  "\n": "\\n",
  "\t": "\\t",
  "\r": "\\r",
};

function quoteOne(arg: string): string {
  if (PLAIN.test(arg)) return arg;
  if (!hasControlCharacter(arg)) return `'${arg.replaceAll("'", `'\\''`)}'`;
  // ANSI-C quoting (POSIX.1-2024; bash, zsh, ksh): a control character is printed as an escape,
  // so a newline in an argument cannot start a line of smoke's output.
  return `$'${
    arg.replace(ESCAPED, (c) => ESCAPES[c] ?? `\\x${c.charCodeAt(0).toString(16).padStart(2, "0")}`)
  }'`;
}

/**
 * Quotes an argv for a POSIX shell, for display: one line a user can paste,
 * whatever the arguments hold (a control character is printed as an escape
 * inside `$'...'`).
 *
 * @param argv Program and arguments.
 * @returns One line a user can paste.
 *
 * @example
 * ```ts
 * import { shellQuote } from "./plan.ts";
 * import assert from "node:assert/strict";
 *
 * assert.equal(shellQuote(["echo", "a b", "it's"]), `echo 'a b' 'it'\\''s'`);
 * assert.equal(shellQuote(["printf", "a\nb"]), `printf $'a\\nb'`);
 * ```
 */
export function shellQuote(argv: readonly string[]): string {
  return argv.map(quoteOne).join(" ");
}

/**
 * The arguments that select one fixture, for a command smoke prints: an id
 * that starts with `-` would read as a flag after `--fixture `, so it goes as
 * `--fixture=ID`.
 *
 * @param id The fixture id.
 * @returns `--fixture ID`, or `--fixture=ID`, quoted for a POSIX shell.
 *
 * @example
 * ```ts
 * import { fixtureArgument } from "./plan.ts";
 * import assert from "node:assert/strict";
 *
 * assert.equal(fixtureArgument("api/health"), "--fixture api/health");
 * assert.equal(fixtureArgument("-rf"), "--fixture=-rf");
 * ```
 */
export function fixtureArgument(id: string): string {
  return id.startsWith("-") ? shellQuote([`--fixture=${id}`]) : `--fixture ${shellQuote([id])}`;
}
