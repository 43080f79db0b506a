/**
 * Loading the config file from disk: `smoke.jsonc` in the working directory
 * when present, or the file named by `--config`, which must exist. Shared by
 * every command that needs the config (runs, `smoke merge`).
 *
 * @module
 */
import { resolve } from "../base/path.ts";
import { type Config, DEFAULTS, parseConfig } from "./config.ts";
import { UserError } from "../base/errors.ts";
import { inputError, MAX_INPUT_BYTES, readRegularTextFile } from "../base/read_input.ts";

/** Where to look for the config file. */
export interface LoadConfigOptions {
  /** `--config PATH`, when given. */
  config?: string;
}

/**
 * Reads and parses the config file.
 *
 * @param flags The `--config` flag, when given.
 * @param cwd The working directory relative paths start from.
 * @returns The config, or `{}` when there is no `smoke.jsonc` and no `--config`.
 * @throws {UserError} When `--config` names a missing file, or the file is
 * not a regular file, over 1 MiB, not UTF-8, unreadable or invalid (exit 2).
 *
 * @example
 * ```ts
 * import { loadConfig } from "./config_file.ts";
 * import assert from "node:assert/strict";
 *
 * const dir = await Deno.makeTempDir();
 * assert.deepEqual(await loadConfig({}, dir), {});
 * await Deno.writeTextFile(`${dir}/smoke.jsonc`, '{ "artifactDir": "out" }');
 * assert.deepEqual(await loadConfig({}, dir), { artifactDir: "out" });
 * await assert.rejects(() => loadConfig({ config: "nope.jsonc" }, dir), /does not exist/);
 * await Deno.remove(dir, { recursive: true });
 * ```
 */
export async function loadConfig(flags: LoadConfigOptions, cwd: string): Promise<Config> {
  const shown = flags.config ?? DEFAULTS.configFile;
  const read = await readRegularTextFile(resolve(cwd, shown), {
    maxBytes: MAX_INPUT_BYTES,
    what: "config",
  });
  if (read.ok) return parseConfig(read.value, shown);
  if (read.problem.kind === "missing") {
    if (flags.config === undefined) return {};
    throw new UserError(`Cannot read config "${shown}": the file does not exist`, {
      kind: "config",
      hints: ["Check the path given to --config, or leave it out to use smoke.jsonc if present."],
    });
  }
  const error = inputError(read, { action: "read config", shown, kind: "config" });
  if (read.problem.kind === "special" && read.problem.type === "a directory") {
    throw new UserError(error.message, {
      kind: "config",
      hints: ["Pass --config PATH naming a smoke.jsonc file."],
    });
  }
  throw error;
}
