/**
 * Fixture manifests: `X.smoke.jsonc` files.
 *
 * @module
 */
import manifestJsonSchema from "../../schema/manifest.v1.json" with { type: "json" };
import type { Manifest } from "./input_schemas.ts";
import { compileSchemaOnce, type SchemaIssue } from "../jsonc/json_schema.ts";
import { memberOf, parseJsoncAs } from "./parse_jsonc_as.ts";

export type { Manifest };

/** The committed JSON Schema of manifests (generated from `ManifestSchema`). */
/** The schema, compiled on first use: a run without this file does not pay for it. */
const manifestSchema = compileSchemaOnce(manifestJsonSchema);

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
  return parseJsoncAs<Manifest>(manifestSchema(), text, {
    file,
    what: "manifest",
    valueChecks: emptySkipReason,
  });
}

/** `"skip": ""`: a reason that says nothing is refused, not read as `false`. */
function emptySkipReason(value: unknown): SchemaIssue[] {
  const skip = memberOf(value, "skip");
  if (typeof skip !== "string" || skip.trim() !== "") return [];
  return [{
    path: ["skip"],
    message: 'expected a reason such as "waiting for staging", or true: an empty one says nothing',
    code: "invalid-value",
  }];
}
