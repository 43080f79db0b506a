/**
 * Writes `schema/artifact.v1.json` from the zod schema in `lib/artifact.ts`.
 *
 * Run with `deno task schema`.
 *
 * @module
 */
import { artifactJsonSchema } from "../lib/artifact.ts";

const url = new URL("../schema/artifact.v1.json", import.meta.url);
await Deno.writeTextFile(url, JSON.stringify(artifactJsonSchema(), null, 2) + "\n");
console.log(`Wrote ${url.pathname}`);
