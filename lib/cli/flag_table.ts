/**
 * The flags table: every flag smoke takes, with its type, bounds, the
 * subcommands that take it and its `--help` line. Parsing, bounds checks,
 * subcommand checks and `--help` all read this one table (`flags.ts`,
 * `help.ts`).
 *
 * @example
 * ```ts
 * import { FLAGS } from "./flag_table.ts";
 * import assert from "node:assert/strict";
 *
 * const retries = FLAGS.find((spec) => spec.name === "retries");
 * assert.equal(retries?.type, "integer");
 * ```
 *
 * @module
 */
import { MAX_TIMEOUT_MS, type OptionOverrides } from "../config/config.ts";
import { MAX_RETRIES } from "../config/limits.ts";

/** A subcommand: `run` is smoke without one. */
export type Command = "run" | "merge" | "report";

/** Where a flag's line goes in `--help`. */
export type FlagSection = "Selecting" | "Running" | "Locations and output";

/** One flag: everything parsing, checking and `--help` need to know of it. */
export interface FlagSpec {
  /** The long name, without `--`. */
  name: string;
  /** A one-letter alias. */
  short?: string;
  /**
   * `boolean`, a `string`, a `path` (a file or directory: no control characters, which would
   * forge lines where smoke prints it), a whole number (`integer`, with bounds), a `shard` (I/N)
   * or one of `choices`.
   */
  type: "boolean" | "string" | "path" | "integer" | "shard" | "choice";
  /** The values a `choice` takes. */
  choices?: readonly string[];
  /** May be given more than once (the values are kept in order). */
  multiple?: boolean;
  /** Bounds of an integer. */
  min?: number;
  /** Upper bound of an integer. */
  max?: number;
  /** The value's name in `--help`, e.g. `ID`. */
  value?: string;
  /**
   * A sensible value, suggested by hints and shown in `--help` examples: never merely the
   * lowest valid one (`--timeout 30000`, not `--timeout 1`). Every integer flag has one.
   */
  example?: string;
  /** The subcommands that take it. */
  commands: readonly Command[];
  /** Its `--help` section; none for flags shown elsewhere (`--help`, `--version`, `--out`). */
  section?: FlagSection;
  /** Its `--help` line (then `(default ...)` when it has a `default`). */
  help: string;
  /** The setting it overrides, named alike in the config file and in {@linkcode Flags}. */
  option?: keyof OptionOverrides;
  /** What applies when neither the flag nor the config sets it, as `--help` shows it. */
  default?: string;
  /** Another flag it needs (`--artifact` needs `--rerun-failed`). */
  requires?: string;
}

/**
 * Every command: `run` (smoke without a subcommand), `merge` and `report`.
 *
 * @example
 * ```ts
 * import { COMMANDS } from "./flag_table.ts";
 * import assert from "node:assert/strict";
 *
 * assert.deepEqual(COMMANDS, ["run", "merge", "report"]);
 * ```
 */
export const COMMANDS: readonly Command[] = ["run", "merge", "report"];

/**
 * Every flag, in `--help` order. The one table that parsing, number bounds,
 * which subcommand takes which flag, and the flag sections of `--help` read.
 */
export const FLAGS: readonly FlagSpec[] = [
  {
    name: "fixture",
    type: "string",
    multiple: true,
    value: "ID",
    commands: ["run"],
    section: "Selecting",
    help: "run only this fixture; repeatable; * globs in a segment (api/*), ** across (web/**)",
  },
  {
    name: "tag",
    type: "string",
    multiple: true,
    value: "NAME",
    commands: ["run"],
    section: "Selecting",
    help: "run only fixtures with this manifest tag; repeatable (any of them)",
  },
  {
    name: "exclude",
    type: "string",
    multiple: true,
    value: "PATTERN",
    commands: ["run"],
    section: "Selecting",
    help: "leave out fixtures matching this pattern (the --fixture syntax); repeatable",
  },
  {
    name: "exclude-tag",
    type: "string",
    multiple: true,
    value: "NAME",
    commands: ["run"],
    section: "Selecting",
    help: "leave out fixtures with this tag; repeatable",
  },
  {
    name: "rerun-failed",
    type: "boolean",
    commands: ["run"],
    section: "Selecting",
    help: "run only what is still failing (the outstanding set in the artifact)",
  },
  {
    name: "artifact",
    type: "path",
    value: "PATH",
    commands: ["run"],
    section: "Selecting",
    help: "the artifact --rerun-failed reads (default <artifact-dir>/latest.json)",
    requires: "rerun-failed",
  },
  {
    name: "rerun-max-failures",
    type: "integer",
    min: 0,
    value: "N",
    example: "20",
    commands: ["run"],
    section: "Selecting",
    help: "refuse to rerun when more than N failed (a broken environment)",
    requires: "rerun-failed",
  },
  {
    name: "if-none",
    type: "choice",
    choices: ["fail", "pass", "all"],
    value: "WHAT",
    commands: ["run"],
    section: "Selecting",
    help: "when nothing is outstanding: fail (exit 2, default), pass, or all (run the suite)",
    requires: "rerun-failed",
  },
  {
    name: "shard",
    type: "shard",
    value: "I/N",
    commands: ["run"],
    section: "Selecting",
    help: "run only shard I of N (by id hash, stable; or see --shard-by)",
  },
  {
    name: "shard-by",
    type: "choice",
    choices: ["hash", "duration"],
    value: "HOW",
    example: "duration",
    commands: ["run"],
    section: "Selecting",
    help: "split shards by id hash (stable placement) or by expected duration (balanced)",
    default: "hash",
    requires: "shard",
  },
  {
    name: "timings",
    type: "path",
    value: "PATH",
    commands: ["run"],
    section: "Selecting",
    help: "durations for --shard-by duration: a smoke artifact or a durations.json",
    default: "the artifact directory's durations.json",
    requires: "shard-by",
  },
  {
    name: "list",
    type: "boolean",
    commands: ["run"],
    section: "Selecting",
    help: "print the selected ids, one a line, and exit",
  },
  {
    name: "dry-run",
    type: "boolean",
    commands: ["run"],
    section: "Selecting",
    help: "print how each selected fixture would run; run and write nothing",
  },
  {
    name: "concurrency",
    type: "integer",
    min: 1,
    value: "N",
    example: "4",
    commands: ["run"],
    section: "Running",
    help: "fixtures at once",
    option: "concurrency",
    default: "one per CPU",
  },
  {
    name: "timeout",
    type: "integer",
    min: 1,
    max: MAX_TIMEOUT_MS,
    value: "MS",
    example: "30000",
    commands: ["run"],
    section: "Running",
    help: "per-fixture timeout; a manifest's timeoutMs wins",
    option: "timeoutMs",
    default: "60000",
  },
  {
    name: "retries",
    type: "integer",
    min: 0,
    max: MAX_RETRIES,
    value: "N",
    example: "2",
    commands: ["run"],
    section: "Running",
    help: "retries of a failing fixture",
    option: "retries",
    default: "0",
  },
  {
    name: "repeat",
    type: "integer",
    min: 2,
    max: 1000,
    value: "N",
    example: "10",
    commands: ["run"],
    section: "Running",
    help: "flake hunting: run each fixture N times in a row; pass rate and verdict per fixture " +
      "(no retries unless --retries)",
  },
  {
    name: "max-failures",
    type: "integer",
    min: 1,
    value: "N",
    commands: ["run"],
    section: "Running",
    example: "5",
    help: "start no new fixture once N have failed; the rest are not run, and owed",
    option: "maxFailures",
    default: "no limit",
  },
  {
    name: "no-services",
    type: "boolean",
    commands: ["run"],
    section: "Running",
    help: "start none of smoke.jsonc's services: run the fixtures against what is already there",
  },
  {
    name: "order",
    type: "choice",
    choices: ["id", "duration"],
    value: "HOW",
    example: "id",
    commands: ["run"],
    section: "Running",
    option: "order",
    help: "start order: id, or duration (longest expected first, from the newest runs)",
    default: "duration when there are runs, else id",
  },
  {
    name: "fail-on-flaky",
    type: "boolean",
    commands: ["run", "merge"],
    section: "Running",
    help: "a fixture that passed only on a retry fails the run",
  },
  {
    name: "deno",
    type: "path",
    value: "PATH",
    commands: ["run"],
    section: "Running",
    help: "the Deno for script fixtures (also SMOKE_DENO)",
  },
  {
    name: "fixtures-dir",
    type: "path",
    value: "DIR",
    commands: ["run"],
    section: "Locations and output",
    help: "fixtures directory",
    option: "fixturesDir",
    default: "fixtures/",
  },
  {
    name: "artifact-dir",
    type: "path",
    value: "DIR",
    commands: COMMANDS,
    section: "Locations and output",
    help: "artifact directory",
    option: "artifactDir",
    default: ".planning/artifacts/smoke/",
  },
  {
    name: "config",
    type: "path",
    value: "PATH",
    commands: COMMANDS,
    section: "Locations and output",
    help: "default smoke.jsonc, when present",
  },
  {
    name: "junit",
    type: "path",
    value: "PATH",
    commands: ["run"],
    section: "Locations and output",
    help: "also write JUnit XML",
  },
  {
    name: "report",
    type: "boolean",
    commands: ["run"],
    section: "Locations and output",
    help: "also write the HTML report after the run",
    option: "report",
    default: "off",
  },
  {
    name: "no-color",
    type: "boolean",
    commands: COMMANDS,
    section: "Locations and output",
    help: "no ANSI colour (also NO_COLOR, or when not a terminal)",
  },
  {
    name: "out",
    type: "path",
    value: "PATH",
    commands: ["merge", "report"],
    help: "where merge or report writes",
  },
  {
    name: "last",
    type: "integer",
    min: 1,
    value: "N",
    example: "10",
    commands: ["report"],
    help: "the newest N runs in the report",
  },
  {
    name: "help",
    short: "h",
    type: "boolean",
    commands: COMMANDS,
    section: "Locations and output",
    help: "this help",
  },
  {
    name: "version",
    type: "boolean",
    commands: COMMANDS,
    section: "Locations and output",
    help: "the version and how smoke runs (script, bundle or binary)",
  },
];
