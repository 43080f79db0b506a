/**
 * Command-line flags: a pure parser from `string[]` to {@linkcode Flags}.
 *
 * @module
 */
import type { Shard } from "../selection/select.ts";
import { UserError } from "../base/errors.ts";
import { closest } from "../base/_suggest.ts";
import { displayName, hasControlCharacter } from "../base/safe_output.ts";
import { type Command, COMMANDS, FLAGS, type FlagSection, type FlagSpec } from "./flag_table.ts";
import { ArgvError, type ArgvOption, parseArgv } from "./_parse_argv.ts";

export type { Shard };
export { type Command, FLAGS, type FlagSection, type FlagSpec } from "./flag_table.ts";

/** The parsed command line. */
export interface Flags {
  /** `run` (default), `merge` or `report`. */
  command: "run" | "merge" | "report";
  /** Positional arguments after the subcommand (artifact paths for `merge`). */
  positionals: string[];
  /** `--fixture` patterns, in order. */
  fixtures: string[];
  /** `--tag` names. */
  tags: string[];
  /** `--exclude` patterns. */
  excludes: string[];
  /** `--exclude-tag` names. */
  excludeTags: string[];
  /** `--max-failures N`. */
  maxFailures?: number;
  /** `--rerun-failed`. */
  rerunFailed: boolean;
  /** `--artifact PATH`. */
  artifact?: string;
  /** `--dry-run`. */
  dryRun: boolean;
  /** `--list`. */
  list: boolean;
  /** `--concurrency N`. */
  concurrency?: number;
  /** `--timeout MS`. */
  timeoutMs?: number;
  /** `--retries N`. */
  retries?: number;
  /** `--repeat N`: each fixture runs N times (flake hunting). */
  repeat?: number;
  /** `--fixtures-dir DIR`. */
  fixturesDir?: string;
  /** `--artifact-dir DIR`. */
  artifactDir?: string;
  /** `--config PATH`. */
  config?: string;
  /** `--junit PATH`. */
  junit?: string;
  /** `--shard I/N`. */
  shard?: Shard;
  /** `--shard-by hash|duration`. */
  shardBy?: "hash" | "duration";
  /** `--timings PATH`. */
  timings?: string;
  /** `--fail-on-flaky`. */
  failOnFlaky: boolean;
  /** `--rerun-max-failures N`. */
  rerunMaxFailures?: number;
  /** `--if-none fail|pass|all`. */
  ifNone?: "fail" | "pass" | "all";
  /** `--order id|duration`. */
  order?: "id" | "duration";
  /** `--report`. */
  report: boolean;
  /** `--deno PATH`. */
  deno?: string;
  /** `--no-color`. */
  noColor: boolean;
  /** `--no-services`. */
  noServices: boolean;
  /** `--out PATH` (merge, report). */
  out?: string;
  /** `--last N` (report). */
  last?: number;
  /** `-h`, `--help`. */
  help: boolean;
  /** `--version`. */
  version: boolean;
}

const SPECS = new Map(FLAGS.map((spec) => [spec.name, spec]));

/** How each flag is read from the command line. */
const ARGV_OPTIONS: ReadonlyMap<string, ArgvOption> = new Map(
  FLAGS.map((spec) => [spec.name, {
    type: spec.type === "boolean" ? "boolean" as const : "string" as const,
    ...(spec.multiple ? { multiple: true } : {}),
    ...(spec.short ? { short: spec.short } : {}),
  }]),
);

const SUBCOMMANDS = ["merge", "report"] as const;

/** Flags users bring from peers (pytest, Playwright Test, jest), and what smoke says instead. */
const PEER_FLAGS: Readonly<Record<string, string>> = {
  bail: '"--max-failures 1"',
  x: '"--max-failures 1"',
  exitfirst: '"--max-failures 1"',
  maxfail: '"--max-failures N"',
  lf: '"--rerun-failed"',
  "last-failed": '"--rerun-failed"',
  grep: '"--fixture PATTERN" or "--tag NAME"',
  k: '"--fixture PATTERN" or "--tag NAME"',
  m: '"--tag NAME"',
  "grep-invert": '"--exclude PATTERN" or "--exclude-tag NAME"',
  deselect: '"--exclude PATTERN"',
  ignore: '"--exclude PATTERN"',
  workers: '"--concurrency N"',
  j: '"--concurrency N"',
};
const HELP_HINT = "Run with --help for the flags and examples.";

function usage(message: string, ...hints: string[]): UserError {
  return new UserError(message, { kind: "usage", hints: [...hints, HELP_HINT] });
}

function integer(spec: FlagSpec, value: string): number {
  const min = spec.min ?? 0;
  const max = spec.max ?? Number.MAX_SAFE_INTEGER;
  if (!/^\d+$/.test(value) || Number(value) < min || Number(value) > max) {
    const range = max === Number.MAX_SAFE_INTEGER ? `of at least ${min}` : `from ${min} to ${max}`;
    throw usage(
      `Invalid value for "--${spec.name}": "${displayName(value)}" is not a whole number ${range}`,
      spec.example === undefined
        ? `Pass a whole number ${range}.`
        : `Pass a number, e.g. "--${spec.name} ${spec.example}".`,
    );
  }
  return Number(value);
}

function shard(value: string): Shard {
  const match = /^(\d+)\/(\d+)$/.exec(value);
  const index = Number(match?.[1]);
  const total = Number(match?.[2]);
  // Past 2^53 a number is not exact: "1/99999999999999999999" would be shown as another N.
  if (match && !Number.isSafeInteger(total)) {
    throw usage(
      `Invalid value for "--shard": "${displayName(value)}": N is over ${Number.MAX_SAFE_INTEGER}`,
      'Pass e.g. "--shard 1/3" for the first of three shards.',
    );
  }
  if (!match || index < 1 || total < 1 || index > total) {
    throw usage(
      `Invalid value for "--shard": "${displayName(value)}" is not I/N with 1 <= I <= N`,
      'Pass e.g. "--shard 1/3" for the first of three shards.',
    );
  }
  return { index, total };
}

/**
 * Refuses a path that holds a control character (a newline would forge lines
 * where smoke prints it): the rule of every flag that names a file or
 * directory, and of `SMOKE_DENO`.
 *
 * @param name What gave it, as the message names it: `--junit`, `SMOKE_DENO`.
 * @param value The path.
 * @returns The path.
 * @throws {UserError} A usage error (exit 2) naming `name`.
 *
 * @example
 * ```ts
 * import { checkPath } from "./flags.ts";
 * import assert from "node:assert/strict";
 *
 * assert.equal(checkPath("SMOKE_DENO", "/opt/deno"), "/opt/deno");
 * assert.throws(() => checkPath("SMOKE_DENO", "a\nb"), /Invalid value for "SMOKE_DENO"/);
 * ```
 */
export function checkPath(name: string, value: string): string {
  if (hasControlCharacter(value)) {
    throw usage(
      `Invalid value for "${name}": the path holds a control character (a newline, a tab)`,
      "Pass a path without control characters: smoke prints paths, and a newline in one would " +
        "forge lines of its output.",
    );
  }
  if (value.includes("\uFFFD")) {
    throw usage(
      `Invalid value for "${name}": the path is not valid UTF-8 (or holds U+FFFD)`,
      "Deno reads bytes that are not UTF-8 as U+FFFD, which would name another path: pass a " +
        "UTF-8 path.",
    );
  }
  return value;
}

function choice(spec: FlagSpec, value: string): string {
  const choices = spec.choices ?? [];
  if (choices.includes(value)) return value;
  const suggestion = closest(value, choices);
  throw usage(
    `Invalid value for "--${spec.name}": "${displayName(value)}" is not one of ${
      choices.join(", ")
    }`,
    suggestion
      ? `Did you mean "--${spec.name} ${suggestion}"?`
      : `Pass one of: ${choices.map((c) => `--${spec.name} ${c}`).join(", ")}.`,
  );
}

/** A flag's value as its type says: checked, bounded, never an empty string. */
function convert(spec: FlagSpec, value: unknown): unknown {
  if (value === undefined || spec.type === "boolean") return value;
  const one = (text: string) => {
    if (text === "") throw usage(`Invalid value for "--${spec.name}": the value is empty`);
    return spec.type === "integer"
      ? integer(spec, text)
      : spec.type === "shard"
      ? shard(text)
      : spec.type === "choice"
      ? choice(spec, text)
      : spec.type === "path"
      ? checkPath(`--${spec.name}`, text)
      : text;
  };
  return Array.isArray(value) ? value.map(one) : one(value as string);
}

/** The command a command line names, read before parsing (for suggestions and messages). */
function commandOf(args: readonly string[]): Command {
  for (let i = 0; i < args.length; i++) {
    const arg = args[i];
    if (arg === "--") break;
    if (arg.startsWith("-")) {
      const spec = SPECS.get(arg.replace(/^--?/, "").split("=")[0]);
      if (spec && spec.type !== "boolean" && !arg.includes("=")) i++;
      continue;
    }
    return (SUBCOMMANDS as readonly string[]).includes(arg) ? arg as Command : "run";
  }
  return "run";
}

function translate(error: ArgvError, command: Command): UserError {
  const name = error.option;
  switch (error.code) {
    case "ERR_PARSE_ARGS_UNKNOWN_OPTION": {
      const flag = name.replace(/^-+/, "");
      const peer = PEER_FLAGS[flag];
      if (peer && command === "run") {
        return usage(`Unknown flag "${displayName(name)}"`, `smoke says ${peer}.`);
      }
      const candidates = FLAGS.filter((s) => s.commands.includes(command)).map((s) => s.name);
      const suggestion = closest(flag, candidates);
      return usage(
        `Unknown flag "${displayName(name)}"`,
        ...(suggestion ? [`Did you mean "--${suggestion}"?`] : []),
      );
    }
    case "ERR_PARSE_ARGS_INVALID_OPTION_VALUE": {
      const flag = name.replace(/^-+/, "");
      const takesValue = SPECS.get(flag)?.type !== "boolean";
      return takesValue
        ? usage(`Missing value for "--${flag}"`, `Write it as "--${flag} VALUE".`)
        : usage(`The flag "--${flag}" takes no value`, `Write it as "--${flag}" alone.`);
    }
  }
}

/** A flag given to a command that does not take it. */
function notForCommand(spec: FlagSpec, command: Command): UserError {
  const takers = spec.commands.map((c) => c === "run" ? "a run" : `"smoke ${c}"`);
  if (command === "run") {
    return usage(
      `The flag "--${spec.name}" belongs to a subcommand`,
      `Use "--${spec.name}" with ${takers.join(" or ")}.`,
    );
  }
  const own = FLAGS.filter((s) =>
    s.commands.includes(command) && s.commands.length < COMMANDS.length
  )
    .map((s) => `--${s.name}`);
  const shared = FLAGS.filter((s) =>
    s.commands.length === COMMANDS.length && s.name !== "help" && s.name !== "version"
  ).map((s) => `--${s.name}`);
  const what = command === "merge" ? "artifact paths and " : "";
  return usage(
    `The flag "--${spec.name}" does not apply to "smoke ${command}"`,
    `smoke ${command} takes ${what}${[...own, ...shared].join(", ")}.`,
  );
}

/**
 * Parses the command line. Pure: no environment, no file system.
 *
 * @param args The arguments after the program name.
 * @returns The flags.
 * @throws {UserError} On an unknown flag (with the closest match), a missing or
 * malformed value, or an unexpected argument (exit 2).
 *
 * @example
 * ```ts
 * import { parseFlags } from "./flags.ts";
 * import assert from "node:assert/strict";
 *
 * const flags = parseFlags(["--fixture", "api/*", "--retries", "1", "--shard", "2/3"]);
 * assert.deepEqual(flags.fixtures, ["api/*"]);
 * assert.equal(flags.retries, 1);
 * assert.deepEqual(flags.shard, { index: 2, total: 3 });
 * assert.throws(() => parseFlags(["--fixtur", "a"]), /Unknown flag "--fixtur"/);
 * ```
 */
export function parseFlags(args: readonly string[]): Flags {
  const command = commandOf(args);
  // "--retries -1" and "--shard -1/2" read as a flag with no value; say what is wrong instead.
  args.forEach((arg, i) => {
    const spec = SPECS.get(arg.replace(/^--/, ""));
    const next = args[i + 1];
    const numeric = spec?.type === "integer" || spec?.type === "shard";
    if (arg.startsWith("--") && numeric && next && /^-\d/.test(next)) convert(spec, next);
    // "--fixture -rf": a value like "-rf" (a short flag smoke does not have) must follow "=";
    // "--fixture --lis" is a missing value and a mistyped flag, not a value.
    const dashValue = next !== undefined && /^-[^-]/.test(next);
    if (
      arg.startsWith("--") && (spec?.type === "string" || spec?.type === "path") && dashValue &&
      !SPECS.has(next.slice(1).split("=")[0]) && ![...SPECS.values()].some((s) =>
        s.short === next.slice(1)
      )
    ) {
      throw usage(
        `Missing value for "--${spec.name}"`,
        `A value that starts with "-" goes after "=": "--${spec.name}=${next}".`,
      );
    }
  });
  let parsed;
  try {
    parsed = parseArgv(args, ARGV_OPTIONS);
  } catch (error) {
    if (error instanceof ArgvError) throw translate(error, command);
    throw error;
  }
  const { values, positionals } = parsed;
  if (positionals.length > 0) {
    const first = positionals[0];
    if (command !== "run" && first === command) {
      positionals.shift();
    } else {
      const suggestion = closest(first, SUBCOMMANDS);
      throw usage(
        `Unexpected argument "${displayName(first)}"`,
        suggestion
          ? `Did you mean the subcommand "${suggestion}"?`
          : `To run one fixture, write "--fixture ${first}".`,
      );
    }
  }
  if (command === "report" && positionals.length > 0) {
    throw usage(`Unexpected argument "${displayName(positionals[0])}" after "report"`);
  }
  // merge's inputs are paths: held to the rules of a path flag.
  for (const input of positionals) checkPath(`${command} input`, input);
  const v: Record<string, unknown> = {};
  for (const spec of FLAGS) {
    const given = (values as Record<string, unknown>)[spec.name];
    if (given === undefined) continue;
    if (!spec.commands.includes(command)) throw notForCommand(spec, command);
    v[spec.name] = convert(spec, given);
  }
  // --timings needs a value of --shard-by, not only the flag: said before the general rule.
  if (v.timings !== undefined && v["shard-by"] !== "duration") {
    throw usage(
      'The flag "--timings" works only with "--shard-by duration"',
      v.shard === undefined
        ? "Add --shard I/N --shard-by duration, or leave out --timings."
        : "Hash shards need no timings: add --shard-by duration, or leave out --timings.",
    );
  }
  for (const spec of FLAGS) {
    if (spec.requires && v[spec.name] !== undefined && v[spec.requires] === undefined) {
      throw usage(
        `The flag "--${spec.name}" works only with "--${spec.requires}"`,
        `Add --${spec.requires}, or leave out --${spec.name}.`,
      );
    }
  }
  if (v.list && v["dry-run"]) {
    throw usage(
      'The flags "--list" and "--dry-run" do not go together',
      "Use --list for the ids alone, or --dry-run for how each would run.",
    );
  }
  return {
    command,
    positionals,
    fixtures: (v.fixture as string[] | undefined) ?? [],
    tags: (v.tag as string[] | undefined) ?? [],
    excludes: (v.exclude as string[] | undefined) ?? [],
    excludeTags: (v["exclude-tag"] as string[] | undefined) ?? [],
    maxFailures: v["max-failures"] as number | undefined,
    rerunFailed: v["rerun-failed"] === true,
    artifact: v.artifact as string | undefined,
    dryRun: v["dry-run"] === true,
    list: v.list === true,
    concurrency: v.concurrency as number | undefined,
    timeoutMs: v.timeout as number | undefined,
    retries: v.retries as number | undefined,
    repeat: v.repeat as number | undefined,
    fixturesDir: v["fixtures-dir"] as string | undefined,
    artifactDir: v["artifact-dir"] as string | undefined,
    config: v.config as string | undefined,
    junit: v.junit as string | undefined,
    shard: v.shard as Shard | undefined,
    shardBy: v["shard-by"] as Flags["shardBy"],
    timings: v.timings as string | undefined,
    failOnFlaky: v["fail-on-flaky"] === true,
    rerunMaxFailures: v["rerun-max-failures"] as number | undefined,
    ifNone: v["if-none"] as Flags["ifNone"],
    order: v.order as Flags["order"],
    report: v.report === true,
    deno: v.deno as string | undefined,
    noColor: v["no-color"] === true,
    noServices: v["no-services"] === true,
    out: v.out as string | undefined,
    last: v.last as number | undefined,
    help: v.help === true,
    version: v.version === true,
  };
}

/** A setting's value in effect and where it comes from (`smoke.jsonc`, `--timeout`). */
export interface EffectiveValue {
  /** The value, as `--help` shows it. */
  value: string;
  /** Where it is set. */
  from: string;
}

/** Options for {@linkcode flagHelp}. */
export interface FlagHelpOptions {
  /** Values in effect that are not the defaults, by flag name (`fixtures-dir`). */
  effective?: Readonly<Record<string, EffectiveValue>>;
}

/**
 * The flag sections of `--help`, from {@linkcode FLAGS}: one line per flag
 * with its value's name, grouped by section. A flag with a default says it,
 * and, when another value is in effect, that value and where it is set.
 *
 * @param options The values in effect, when known.
 * @returns The lines, without a trailing newline.
 *
 * @example
 * ```ts
 * import { flagHelp } from "./flags.ts";
 * import assert from "node:assert/strict";
 *
 * assert.match(flagHelp(), /^  --fixture ID +run only this fixture/m);
 * assert.match(flagHelp(), /^Running:$/m);
 * assert.match(flagHelp(), /--fixtures-dir DIR +fixtures directory \(default fixtures\/\)$/m);
 * const here = flagHelp({ effective: { "fixtures-dir": { value: "e2e", from: "smoke.jsonc" } } });
 * assert.match(here, /fixtures directory \(here: e2e, from smoke\.jsonc; default fixtures\/\)$/m);
 * ```
 */
export function flagHelp(options: FlagHelpOptions = {}): string {
  const sections: FlagSection[] = ["Selecting", "Running", "Locations and output"];
  const blocks = sections.map((section) => {
    const lines = FLAGS.filter((s) => s.section === section).map((s) => {
      const left = `${s.short ? `-${s.short}, ` : ""}--${s.name}${s.value ? ` ${s.value}` : ""}`;
      const effective = options.effective?.[s.name];
      // A value in effect that is the default anyway needs no word.
      const bare = (text: string) => text.replace(/\/+$/, "");
      const here = effective && bare(effective.value) !== bare(s.default ?? "")
        ? effective
        : undefined;
      const note = s.default === undefined
        ? ""
        : here
        ? ` (here: ${here.value}, from ${here.from}; default ${s.default})`
        : ` (default ${s.default})`;
      return `  ${left.padEnd(22)}  ${s.help}${note}`;
    });
    return `${section}:\n${lines.join("\n")}`;
  });
  return blocks.join("\n\n");
}
