/**
 * What `--help` shows as in effect: the settings the config file or the
 * command line set (directories, timeout...), read here so that rendering
 * the help stays pure. A config that cannot be read never fails `--help`:
 * the defaults are shown, with one line saying so.
 *
 * @module
 */
import { DEFAULTS } from "../config/config.ts";
import type { Config } from "../config/config.ts";
import { loadConfig } from "../config/config_file.ts";
import { isIoError, UserError } from "../base/errors.ts";
import { type EffectiveValue, FLAGS, type Flags } from "./flags.ts";
import type { HelpSettings } from "./help.ts";

function shown(value: unknown): string {
  return typeof value === "boolean" ? (value ? "on" : "off") : String(value);
}

/**
 * Reads the config (as a run would) and works out, for every flag that
 * overrides a setting, the value in effect when it is not the default.
 *
 * @param flags The parsed flags (`--config`, and the settings given with `--help`).
 * @param cwd The working directory.
 * @returns The values in effect, or the config that could not be read.
 *
 * @example
 * ```ts
 * import { helpSettings } from "./help_settings.ts";
 * import { parseFlags } from "./flags.ts";
 * import assert from "node:assert/strict";
 *
 * const cwd = await Deno.makeTempDir();
 * await Deno.writeTextFile(`${cwd}/smoke.jsonc`, '{ "fixturesDir": "e2e" }');
 * const settings = await helpSettings(parseFlags(["--help", "--retries", "2"]), cwd);
 * assert.deepEqual(settings.effective, {
 *   "fixtures-dir": { value: "e2e", from: "smoke.jsonc" },
 *   retries: { value: "2", from: "--retries" },
 * });
 * await Deno.writeTextFile(`${cwd}/smoke.jsonc`, "{ broken");
 * assert.equal((await helpSettings(parseFlags(["--help"]), cwd)).unreadableConfig, "smoke.jsonc");
 * await Deno.remove(cwd, { recursive: true });
 * ```
 */
export async function helpSettings(flags: Flags, cwd: string): Promise<HelpSettings> {
  const configFile = flags.config ?? DEFAULTS.configFile;
  let config: Config = {};
  let unreadableConfig: string | undefined;
  try {
    config = await loadConfig(flags, cwd);
  } catch (error) {
    if (!(error instanceof UserError) && !isIoError(error)) throw error;
    unreadableConfig = configFile;
  }
  const effective: Record<string, EffectiveValue> = {};
  for (const spec of FLAGS) {
    if (!spec.option) continue;
    const given = flags[spec.option];
    // A boolean flag left out is false, not "not given".
    if (given !== undefined && given !== false) {
      effective[spec.name] = { value: shown(given), from: `--${spec.name}` };
    } else if (config[spec.option] !== undefined) {
      effective[spec.name] = { value: shown(config[spec.option]), from: configFile };
    }
  }
  return { effective, ...(unreadableConfig !== undefined ? { unreadableConfig } : {}) };
}
