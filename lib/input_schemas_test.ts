import assert from "node:assert/strict";
import type { z } from "zod";
import { ConfigSchema, inputJsonSchemas, ManifestSchema } from "./input_schemas.ts";
import { compileSchema, type JsonSchema } from "./json_schema.ts";

Deno.test("the committed manifest and config JSON Schemas are generated from the zod schemas", async () => {
  for (const [name, schema] of Object.entries(inputJsonSchemas())) {
    const committed = await Deno.readTextFile(new URL(`../schema/${name}`, import.meta.url));
    assert.equal(
      committed,
      JSON.stringify(schema, null, 2) + "\n",
      `schema/${name} is out of date: run deno task schema`,
    );
  }
});

/** Candidate values for any key: right and wrong types, edges of every bound. */
const CANDIDATES: unknown[] = [
  "",
  "x",
  "--allow-read",
  "--allow-net=example.com",
  "-A",
  "read",
  0,
  1,
  -1,
  1.5,
  100,
  101,
  255,
  256,
  2_147_483_647,
  2_147_483_648,
  Number.MAX_SAFE_INTEGER,
  Number.MAX_SAFE_INTEGER + 2,
  true,
  false,
  null,
  [],
  [""],
  ["echo"],
  ["echo", "hi"],
  [1],
  ["--allow-env", "nope"],
  {},
  { A: "b" },
  { A: 1 },
  { "A=B": "c" },
  { "": "c" },
  { exitCode: 0 },
  { exitCode: 256 },
  { stdoutIncludes: ["a"] },
  { stdoutIncludes: "a" },
  { exitcode: 1 },
  // What no process can receive, and needles over the limit.
  "a\0b",
  ["a\0b"],
  ["echo", "a\0b"],
  "--allow-read=a\0b",
  ["--allow-read=a\0b"],
  { A: "a\0b" },
  { "A\0": "b" },
  "x".repeat(4096),
  "x".repeat(4097),
  { stdoutIncludes: ["x".repeat(4096)] },
  { stdoutIncludes: ["x".repeat(4097)] },
  { stderrExcludes: ["ok", "x".repeat(4097)] },
  // A "__proto__" key is data (as JSON.parse makes it), not a prototype.
  JSON.parse('{ "__proto__": "x" }'),
  JSON.parse('{ "__proto__": 1 }'),
];

/** zod's issues as paths, the way the validator reports them. */
function zodPaths(issues: z.core.$ZodIssue[]): string[] {
  const paths = new Set<string>();
  for (const issue of issues) {
    if (issue.code === "unrecognized_keys") {
      for (const key of issue.keys) paths.add(JSON.stringify([...issue.path, key]));
    } else {
      paths.add(JSON.stringify(issue.path));
    }
  }
  return [...paths].sort();
}

/** Whether the value's one member is an object with its own "__proto__" key. */
function hasProtoKeyBelow(value: unknown): boolean {
  if (typeof value !== "object" || value === null) return false;
  const [member] = Object.values(value);
  return typeof member === "object" && member !== null && Object.hasOwn(member, "__proto__");
}

function checkAgreement(name: string, zodSchema: z.ZodType, keys: string[]): number {
  const json = inputJsonSchemas()[name] as JsonSchema;
  const compiled = compileSchema(json);
  let rejected = 0;
  const values: unknown[] = [{}, { unknown: 1 }, [], "x", null];
  for (const key of keys) {
    for (const candidate of CANDIDATES) values.push({ [key]: candidate });
  }
  for (const value of values) {
    const expected = zodSchema.safeParse(value);
    if (expected.success && hasProtoKeyBelow(value)) {
      // zod drops a "__proto__" key from a record; the validator refuses it by name.
      const [issue] = compiled.validate(value);
      assert.equal(issue?.message, '"__proto__" is not allowed', JSON.stringify(value));
      continue;
    }
    const issues = compiled.validate(value);
    const where = `${name}: ${JSON.stringify(value)}`;
    assert.equal(issues.length === 0, expected.success, where);
    if (!expected.success) {
      rejected++;
      const paths = [...new Set(issues.map((issue) => JSON.stringify(issue.path)))].sort();
      assert.deepEqual(paths, zodPaths(expected.error.issues), where);
    }
  }
  return rejected;
}

Deno.test("the manifest JSON Schema accepts and refuses exactly what the zod schema does", () => {
  const rejected = checkAgreement("manifest.v1.json", ManifestSchema, [
    ...Object.keys(ManifestSchema.shape),
    "timeoutMS",
  ]);
  assert.ok(rejected > 300, `only ${rejected} values were refused`);
});

Deno.test("the config JSON Schema accepts and refuses exactly what the zod schema does", () => {
  const rejected = checkAgreement("config.v1.json", ConfigSchema, [
    ...Object.keys(ConfigSchema.shape),
    "fixtureDir",
  ]);
  assert.ok(rejected > 200, `only ${rejected} values were refused`);
});
