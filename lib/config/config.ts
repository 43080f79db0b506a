/**
 * The optional `smoke.jsonc` config file, and the resolved options that
 * merge it with flags.
 *
 * @module
 */
import configJsonSchema from "../../schema/config.v1.json" with { type: "json" };
import type { Config } from "./input_schemas.ts";
import { compileSchemaOnce } from "../jsonc/json_schema.ts";
import { memberOf, parseJsoncAs } from "./parse_jsonc_as.ts";
import { type Service, serviceIssues } from "./services.ts";
import { quarantineIssues } from "./quarantine_file.ts";

export type { Config };

export { MAX_TIMEOUT_MS } from "./limits.ts";

/** The committed JSON Schema of `smoke.jsonc` (generated from `ConfigSchema`). */
/** The schema, compiled on first use: a run without this file does not pay for it. */
const configSchema = compileSchemaOnce(configJsonSchema);

/** Default values of the contract. */
export const DEFAULTS = {
  fixturesDir: "fixtures",
  artifactDir: ".planning/artifacts/smoke",
  timeoutMs: 60_000,
  retries: 0,
  historyLimit: 100,
  configFile: "smoke.jsonc",
} as const;

/**
 * Parses a config file's text.
 *
 * @param text The JSONC text.
 * @param file The file name for messages.
 * @returns The config.
 * @throws {UserError} On a syntax error, an unknown key or a wrong type (exit 2).
 *
 * @example
 * ```ts
 * import { parseConfig } from "./config.ts";
 * import assert from "node:assert/strict";
 *
 * assert.deepEqual(parseConfig('{ "retries": 1 } // one retry', "smoke.jsonc"), { retries: 1 });
 * assert.throws(() => parseConfig('{ "retries": "1" }', "smoke.jsonc"), /retries/);
 * ```
 */
export function parseConfig(text: string, file: string): Config {
  return parseJsoncAs<Config>(configSchema(), text, {
    file,
    what: "config",
    refine: (value) => serviceIssues(value as Config),
    valueChecks: (value) => quarantineIssues(memberOf(value, "quarantine"), ["quarantine"]),
  });
}

/** Options after flags, config and defaults are merged. */
export interface Options {
  /** Fixtures directory, as given (relative to the working directory). */
  fixturesDir: string;
  /** Artifact directory, as given. */
  artifactDir: string;
  /** How many fixtures run at once. */
  concurrency: number;
  /** Default per-fixture timeout. */
  timeoutMs: number;
  /** Default retries. */
  retries: number;
  /** Default Deno permission flags for script fixtures. */
  permissions: string[];
  /** Extra environment for every fixture. */
  env: Record<string, string>;
  /** How many runs to keep in `runs/`. */
  historyLimit: number;
  /** Whether to write the HTML report after the run. */
  report: boolean;
  /** Start no new fixture once this many have failed; undefined: run them all. */
  maxFailures?: number;
  /** Services to start before the fixtures, in order. */
  services: Service[];
  /**
   * The start order asked for (`--order`, else the config's `order`); undefined: longest
   * expected first once `durations.json` exists, else id order.
   */
  order?: "id" | "duration";
}

/** What the command line overrides of the config: plain values, whatever parsed them. */
export interface OptionOverrides {
  /** Fixtures directory. */
  fixturesDir?: string;
  /** Artifact directory. */
  artifactDir?: string;
  /** Fixtures at once. */
  concurrency?: number;
  /** Per-fixture timeout. */
  timeoutMs?: number;
  /** Retries. */
  retries?: number;
  /** Write the HTML report after the run. */
  report?: boolean;
  /** Stop starting fixtures after this many failures. */
  maxFailures?: number;
  /** The start order. */
  order?: "id" | "duration";
}

/**
 * Merges flags over config over defaults.
 *
 * @param flags What the command line overrides (parsed flags fit).
 * @param config The config file, or `{}` when there is none.
 * @param cpus The number of CPUs, the default concurrency.
 * @returns The options a run uses.
 *
 * @example
 * ```ts
 * import { resolveOptions } from "./config.ts";
 * import assert from "node:assert/strict";
 *
 * const options = resolveOptions({ retries: 2 }, { retries: 1, timeoutMs: 5 }, 4);
 * assert.equal(options.retries, 2);
 * assert.equal(options.timeoutMs, 5);
 * assert.equal(options.concurrency, 4);
 * ```
 */
export function resolveOptions(flags: OptionOverrides, config: Config, cpus: number): Options {
  return {
    fixturesDir: flags.fixturesDir ?? config.fixturesDir ?? DEFAULTS.fixturesDir,
    artifactDir: flags.artifactDir ?? config.artifactDir ?? DEFAULTS.artifactDir,
    concurrency: flags.concurrency ?? config.concurrency ?? Math.max(1, cpus),
    timeoutMs: flags.timeoutMs ?? config.timeoutMs ?? DEFAULTS.timeoutMs,
    retries: flags.retries ?? config.retries ?? DEFAULTS.retries,
    permissions: config.permissions ?? [],
    env: config.env ?? {},
    historyLimit: config.historyLimit ?? DEFAULTS.historyLimit,
    report: flags.report === true || (config.report ?? false),
    services: config.services ?? [],
    ...(flags.maxFailures ?? config.maxFailures
      ? { maxFailures: (flags.maxFailures ?? config.maxFailures)! }
      : {}),
    ...(flags.order ?? config.order ? { order: (flags.order ?? config.order)! } : {}),
  };
}
