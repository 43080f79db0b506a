/**
 * Reading smoke's own environment without crashing on a value Deno cannot
 * hold as text (bytes that are not UTF-8): `Deno.env.get` throws for one.
 *
 * @module
 */
import { UserError } from "./errors.ts";

/** Options for {@linkcode readEnv}. */
export interface ReadEnvOptions {
  /**
   * Refuse a value that is not valid UTF-8 (exit 2, naming the variable)
   * instead of reading it as unset: for a variable that names what smoke runs.
   */
  strict?: boolean;
}

/**
 * An environment variable's value: undefined when it is unset, or (unless
 * `strict`) when its value is not valid UTF-8, as `Deno.env.toObject()`
 * leaves such a variable out. Fixtures still inherit it as it is.
 *
 * @param name The variable.
 * @param options `strict` to refuse a value that is not UTF-8.
 * @returns The value, or undefined.
 * @throws {UserError} With `strict`, for a value that is not valid UTF-8 (exit 2).
 *
 * @example
 * ```ts
 * import { readEnv } from "./env.ts";
 * import assert from "node:assert/strict";
 *
 * Deno.env.set("SMOKE_EXAMPLE", "yes");
 * assert.equal(readEnv("SMOKE_EXAMPLE"), "yes");
 * Deno.env.delete("SMOKE_EXAMPLE");
 * assert.equal(readEnv("SMOKE_EXAMPLE"), undefined);
 * ```
 */
export function readEnv(name: string, options: ReadEnvOptions = {}): string | undefined {
  try {
    return Deno.env.get(name);
  } catch (error) {
    if (!(error instanceof Deno.errors.InvalidData)) throw error;
    if (!options.strict) return undefined;
    throw new UserError(`Cannot use ${name}: its value is not valid UTF-8`, {
      kind: "usage",
      hints: [`Set ${name} to a UTF-8 value, or unset it.`],
    });
  }
}

/**
 * Whether a variable is set to a value that is not valid UTF-8 (so that
 * {@linkcode readEnv} reads it as unset).
 *
 * @param name The variable.
 * @returns True only for such a value.
 *
 * @example
 * ```ts
 * import { envUnreadable } from "./env.ts";
 * import assert from "node:assert/strict";
 *
 * assert.equal(envUnreadable("SMOKE_SURELY_UNSET"), false);
 * ```
 */
export function envUnreadable(name: string): boolean {
  try {
    Deno.env.get(name);
    return false;
  } catch (error) {
    if (error instanceof Deno.errors.InvalidData) return true;
    throw error;
  }
}
