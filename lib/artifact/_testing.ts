/**
 * Helpers shared by unit tests: a temporary directory around a test body,
 * generated run ids, and what a call threw. Imported by tests only (it loads fast-check).
 *
 * @module
 */
// Test-only: locked in deno.test.lock, so that running smoke never fetches it.
// deno-lint-ignore no-import-prefix
import fc from "npm:fast-check@4.11.0";
import { newRunId } from "./history.ts";

/**
 * Runs `fn` with a fresh temporary directory, removed afterwards whatever happens.
 *
 * @param fn The test body.
 *
 * @example
 * ```ts
 * import { inTempDir } from "./_testing.ts";
 * import assert from "node:assert/strict";
 *
 * let seen = "";
 * await inTempDir(async (dir) => void (seen = dir));
 * assert.equal(await Deno.stat(seen).then(() => true, () => false), false);
 * ```
 */
export async function inTempDir(fn: (dir: string) => Promise<void>): Promise<void> {
  const dir = await Deno.makeTempDir();
  try {
    await fn(dir);
  } finally {
    await Deno.remove(dir, { recursive: true });
  }
}

/** Run ids as smoke makes them, for any start time from 2000 to 2100. */
export const runIds: fc.Arbitrary<string> = fc.date({
  min: new Date("2000-01-01"),
  max: new Date("2100-01-01"),
  noInvalidDate: true,
}).chain((date) => fc.stringMatching(/^[0-9a-f]{6}$/).map((random) => newRunId(date, random)));

/**
 * What a call threw: for the errors of synchronous checks, looked at closely.
 *
 * @param call The call.
 * @returns What it threw; undefined when it returned.
 *
 * @example
 * ```ts
 * import { thrown } from "./_testing.ts";
 * import assert from "node:assert/strict";
 *
 * assert.equal((thrown(() => JSON.parse("{")) as Error).name, "SyntaxError");
 * assert.equal(thrown(() => 1), undefined);
 * ```
 */
export function thrown(call: () => unknown): unknown {
  try {
    call();
  } catch (error) {
    return error;
  }
  return undefined;
}
