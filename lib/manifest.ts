/**
 * Fixture manifests: `X.smoke.jsonc` files.
 *
 * @module
 */
import { z } from "zod";
import { EnvSchema, PermissionSchema, RetriesSchema, TimeoutSchema } from "./_schemas.ts";
import { parseJsoncAs } from "./jsonc.ts";

const Strings = z.array(z.string());

/** The manifest's schema: every key optional, unknown keys are errors. */
export const ManifestSchema = z.strictObject({
  description: z.string().optional(),
  script: z.string().min(1).optional(),
  command: z.array(z.string()).min(1, { message: "command needs at least the program" }).optional(),
  args: Strings.optional(),
  cwd: z.string().min(1).optional(),
  env: EnvSchema.optional(),
  permissions: z.array(PermissionSchema).optional(),
  timeoutMs: TimeoutSchema.optional(),
  retries: RetriesSchema.optional(),
  tags: Strings.optional(),
  skip: z.union([z.boolean(), z.string()], {
    message: 'expected true, false or a reason such as "waiting for staging"',
  }).optional(),
  expect: z.strictObject({
    exitCode: z.number().int().min(0).max(255).optional(),
    stdoutIncludes: Strings.optional(),
    stderrIncludes: Strings.optional(),
    stdoutExcludes: Strings.optional(),
    stderrExcludes: Strings.optional(),
  }).optional(),
});
/** A manifest's contents. */
export type Manifest = z.infer<typeof ManifestSchema>;

/**
 * Parses a manifest's text.
 *
 * @param text The JSONC text.
 * @param file The file name for messages.
 * @returns The manifest.
 * @throws {UserError} On a syntax error, an unknown key or a wrong type (exit 2).
 *
 * @example
 * ```ts
 * import { parseManifest } from "./manifest.ts";
 * import assert from "node:assert/strict";
 *
 * const manifest = parseManifest('{ "command": ["echo", "hi"], "expect": { "stdoutIncludes": ["hi"] } }', "a.smoke.jsonc");
 * assert.deepEqual(manifest.command, ["echo", "hi"]);
 * assert.throws(() => parseManifest('{ "expect": { "exitcode": 1 } }', "a.smoke.jsonc"), /did you mean "exitCode"/);
 * ```
 */
export function parseManifest(text: string, file: string): Manifest {
  return parseJsoncAs(ManifestSchema, text, { file, what: "manifest" });
}
