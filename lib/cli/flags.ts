/**
 * Command-line flags: a pure parser from `string[]` to {@linkcode Flags}.
 *
 * @module
 */
import { parseArgs } from "node:util";
import type { Shard } from "../selection/select.ts";
import { UserError } from "../base/errors.ts";
import { closest } from "../base/_suggest.ts";
import { MAX_TIMEOUT_MS } from "../config/config.ts";

export type { Shard };

/** The parsed command line. */
export interface Flags {
  /** `run` (default), `merge` or `report`. */
  command: "run" | "merge" | "report";
  /** Positional arguments after the subcommand (artifact paths for `merge`). */
  positionals: string[];
  /** `--fixture` patterns, in order. */
  fixtures: string[];
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
  /** `--fail-on-flaky`. */
  failOnFlaky: boolean;
  /** `--rerun-max-failures N`. */
  rerunMaxFailures?: number;
  /** `--report`. */
  report: boolean;
  /** `--deno PATH`. */
  deno?: string;
  /** `--no-color`. */
  noColor: boolean;
  /** `--out PATH` (merge, report). */
  out?: string;
  /** `--last N` (report). */
  last?: number;
  /** `-h`, `--help`. */
  help: boolean;
  /** `--version`. */
  version: boolean;
}

const options = {
  fixture: { type: "string", multiple: true },
  "rerun-failed": { type: "boolean" },
  artifact: { type: "string" },
  "dry-run": { type: "boolean" },
  list: { type: "boolean" },
  concurrency: { type: "string" },
  timeout: { type: "string" },
  retries: { type: "string" },
  "fixtures-dir": { type: "string" },
  "artifact-dir": { type: "string" },
  config: { type: "string" },
  junit: { type: "string" },
  shard: { type: "string" },
  "fail-on-flaky": { type: "boolean" },
  "rerun-max-failures": { type: "string" },
  report: { type: "boolean" },
  deno: { type: "string" },
  "no-color": { type: "boolean" },
  out: { type: "string" },
  last: { type: "string" },
  help: { type: "boolean", short: "h" },
  version: { type: "boolean" },
} as const;

const SUBCOMMANDS = ["merge", "report"] as const;
/** Flags only `merge` and `report` take: not suggested for a mistyped run flag. */
const SUBCOMMAND_FLAGS = ["out", "last"];
const HELP_HINT = "Run with --help for the flags and examples.";

function usage(message: string, ...hints: string[]): UserError {
  return new UserError(message, { kind: "usage", hints: [...hints, HELP_HINT] });
}

function integer(
  flag: string,
  value: string | undefined,
  min: number,
  max = Number.MAX_SAFE_INTEGER,
): number | undefined {
  if (value === undefined) return undefined;
  if (!/^\d+$/.test(value) || Number(value) < min || Number(value) > max) {
    const range = max === Number.MAX_SAFE_INTEGER ? `of at least ${min}` : `from ${min} to ${max}`;
    throw usage(
      `Invalid value for "--${flag}": "${value}" is not a whole number ${range}`,
      `Pass a number, e.g. "--${flag} ${Math.max(min, 2)}".`,
    );
  }
  return Number(value);
}

function shard(value: string | undefined): Shard | undefined {
  if (value === undefined) return undefined;
  const match = /^(\d+)\/(\d+)$/.exec(value);
  const index = Number(match?.[1]);
  const total = Number(match?.[2]);
  if (!match || index < 1 || total < 1 || index > total) {
    throw usage(
      `Invalid value for "--shard": "${value}" is not I/N with 1 <= I <= N`,
      'Pass e.g. "--shard 1/3" for the first of three shards.',
    );
  }
  return { index, total };
}

function text(flag: string, value: string | undefined): string | undefined {
  if (value === "") throw usage(`Invalid value for "--${flag}": the value is empty`);
  return value;
}

function translate(error: TypeError & { code?: unknown }): UserError {
  const name = /'([^']+)'/.exec(error.message)?.[1] ?? "";
  switch (error.code) {
    case "ERR_PARSE_ARGS_UNKNOWN_OPTION": {
      const flag = name.replace(/^-+/, "");
      const subcommand = SUBCOMMAND_FLAGS.includes(flag);
      const candidates = Object.keys(options).filter((o) =>
        subcommand || !SUBCOMMAND_FLAGS.includes(o)
      );
      const suggestion = closest(flag, candidates);
      return usage(
        `Unknown flag "${name}"`,
        ...(suggestion ? [`Did you mean "--${suggestion}"?`] : []),
      );
    }
    case "ERR_PARSE_ARGS_INVALID_OPTION_VALUE": {
      const flag = /--([a-z-]+)/.exec(error.message)?.[1] ?? name;
      const takesValue = (options as Record<string, { type: string }>)[flag]?.type === "string";
      return takesValue
        ? usage(`Missing value for "--${flag}"`, `Write it as "--${flag} VALUE".`)
        : usage(`The flag "--${flag}" takes no value`, `Write it as "--${flag}" alone.`);
    }
    default:
      return usage(`Cannot parse the command line: ${error.message}`);
  }
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
  // parseArgs reads "--retries -1" as a flag with no value; say what is wrong with it instead.
  args.forEach((arg, i) => {
    const name = arg.replace(/^--/, "");
    const next = args[i + 1];
    const takesNumber = ["concurrency", "timeout", "retries", "rerun-max-failures", "last"];
    if (arg.startsWith("--") && takesNumber.includes(name) && next && /^-\d/.test(next)) {
      integer(name, next, name === "retries" || name === "rerun-max-failures" ? 0 : 1);
    }
  });
  let parsed;
  try {
    parsed = parseArgs({ args: [...args], options, allowPositionals: true, strict: true });
  } catch (error) {
    if (error instanceof TypeError && "code" in error) throw translate(error);
    throw error;
  }
  const { values: v, positionals } = parsed;
  let command: Flags["command"] = "run";
  if (positionals.length > 0) {
    const first = positionals[0];
    if ((SUBCOMMANDS as readonly string[]).includes(first)) {
      command = first as Flags["command"];
      positionals.shift();
    } else {
      const suggestion = closest(first, SUBCOMMANDS);
      throw usage(
        `Unexpected argument "${first}"`,
        suggestion
          ? `Did you mean the subcommand "${suggestion}"?`
          : `To run one fixture, write "--fixture ${first}".`,
      );
    }
  }
  if (command === "report" && positionals.length > 0) {
    throw usage(`Unexpected argument "${positionals[0]}" after "report"`);
  }
  if (command === "run" && (v.out !== undefined || v.last !== undefined)) {
    throw usage(
      `The flag "${v.out !== undefined ? "--out" : "--last"}" belongs to a subcommand`,
      'Use "--out" with "smoke merge" or "smoke report", "--last" with "smoke report".',
    );
  }
  if (command === "run") {
    for (
      const [flag, needs] of [["artifact", v.artifact], [
        "rerun-max-failures",
        v["rerun-max-failures"],
      ]]
    ) {
      if (needs !== undefined && !v["rerun-failed"]) {
        throw usage(
          `The flag "--${flag}" works only with "--rerun-failed"`,
          `Add --rerun-failed, or leave out --${flag}.`,
        );
      }
    }
    if (v.list && v["dry-run"]) {
      throw usage(
        'The flags "--list" and "--dry-run" do not go together',
        "Use --list for the ids alone, or --dry-run for how each would run.",
      );
    }
  }
  return {
    command,
    positionals,
    fixtures: v.fixture ?? [],
    rerunFailed: v["rerun-failed"] ?? false,
    artifact: text("artifact", v.artifact),
    dryRun: v["dry-run"] ?? false,
    list: v.list ?? false,
    concurrency: integer("concurrency", v.concurrency, 1),
    timeoutMs: integer("timeout", v.timeout, 1, MAX_TIMEOUT_MS),
    retries: integer("retries", v.retries, 0),
    fixturesDir: text("fixtures-dir", v["fixtures-dir"]),
    artifactDir: text("artifact-dir", v["artifact-dir"]),
    config: text("config", v.config),
    junit: text("junit", v.junit),
    shard: shard(v.shard),
    failOnFlaky: v["fail-on-flaky"] ?? false,
    rerunMaxFailures: integer("rerun-max-failures", v["rerun-max-failures"], 0),
    report: v.report ?? false,
    deno: text("deno", v.deno),
    noColor: v["no-color"] ?? false,
    out: text("out", v.out),
    last: integer("last", v.last, 1),
    help: v.help ?? false,
    version: v.version ?? false,
  };
}
