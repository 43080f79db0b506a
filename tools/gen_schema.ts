/**
 * Writes the JSON Schemas under `schema/` from the zod schemas: the artifact
 * (`lib/artifact.ts`), manifests and the config file (`lib/input_schemas.ts`).
 *
 * Run with `deno task schema`.
 *
 * @module
 */
import { artifactJsonSchema } from "../lib/artifact/artifact_schema.ts";
import { inputJsonSchemas } from "../lib/config/input_schemas.ts";

const schemas = { "artifact.v1.json": artifactJsonSchema(), ...inputJsonSchemas() };
for (const [name, schema] of Object.entries(schemas)) {
  const url = new URL(`../schema/${name}`, import.meta.url);
  await Deno.writeTextFile(url, JSON.stringify(schema, null, 2) + "\n");
  console.log(`Wrote ${url.pathname}`);
}
