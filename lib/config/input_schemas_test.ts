import assert from "node:assert/strict";
// Test-only: locked in deno.test.lock, so that running smoke never fetches it.
// deno-lint-ignore no-import-prefix
import fc from "npm:fast-check@4.11.0";
import type { z } from "zod";
import { buildCatalog } from "../catalog/catalog.ts";
import { parseConfig, resolveOptions } from "./config.ts";
import { UserError } from "../base/errors.ts";
import { parseFlags } from "../cli/flags.ts";
import { ConfigSchema, inputJsonSchemas, ManifestSchema } from "./input_schemas.ts";
import { compileSchema, type JsonSchema } from "../jsonc/json_schema.ts";
import { planFixture } from "../selection/plan.ts";
import { ProcessGroups, runProcess } from "../run/process.ts";
import { runFixtures } from "../run/run.ts";

Deno.test("the committed manifest and config JSON Schemas are generated from the zod schemas", async () => {
  for (const [name, schema] of Object.entries(inputJsonSchemas())) {
    const committed = await Deno.readTextFile(new URL(`../../schema/${name}`, import.meta.url));
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

/** Strings that make spawns fail: NUL, `=`, control characters, lone surrogates, huge values. */
const nasty: fc.Arbitrary<string> = fc.oneof(
  {
    arbitrary: fc.string({
      unit: fc.constantFrom(
        "=",
        "\n",
        "\r",
        "\t",
        "\x1b",
        "\x7f",
        "\ud800",
        "\udfff",
        "a",
        "-",
        "/",
      ),
      maxLength: 8,
    }),
    weight: 6,
  },
  { arbitrary: fc.string({ unit: "binary", maxLength: 8 }), weight: 2 },
  { arbitrary: fc.constantFrom("", "=", "a=b", "\0", "a\0b", "--allow-read", "."), weight: 2 },
  // Over Linux's 128 KiB per argument or variable.
  { arbitrary: fc.integer({ min: 100_000, max: 300_000 }).map((n) => "x".repeat(n)), weight: 1 },
);

const manifests = fc.record({
  program: fc.oneof(fc.constant("true"), nasty.map((s) => `no-such-program-${s}`)),
  script: fc.option(nasty, { nil: undefined, freq: 2 }),
  args: fc.option(fc.array(nasty, { maxLength: 3 }), { nil: undefined, freq: 2 }),
  env: fc.option(fc.dictionary(nasty, nasty, { maxKeys: 3 }), { nil: undefined, freq: 2 }),
  cwd: fc.option(fc.oneof(fc.constant("."), nasty), { nil: undefined, freq: 3 }),
  permissions: fc.option(fc.array(fc.oneof(nasty, nasty.map((s) => `--allow-read=${s}`))), {
    nil: undefined,
    freq: 2,
  }),
  configEnv: fc.option(fc.dictionary(nasty, nasty, { maxKeys: 2 }), { nil: undefined, freq: 2 }),
  configPermissions: fc.option(fc.array(nasty.map((s) => `--allow-env=${s}`), { maxLength: 2 }), {
    nil: undefined,
    freq: 2,
  }),
});

Deno.test("property: every manifest and config that pass validation spawn without throwing", async () => {
  const cwd = await Deno.makeTempDir();
  let spawned = 0;
  await fc.assert(
    fc.asyncProperty(manifests, async (m) => {
      const manifest = {
        ...(m.script !== undefined ? { script: m.script } : { command: [m.program] }),
        ...(m.args ? { args: m.args } : {}),
        ...(m.env ? { env: m.env } : {}),
        ...(m.cwd !== undefined ? { cwd: m.cwd } : {}),
        ...(m.script !== undefined && m.permissions ? { permissions: m.permissions } : {}),
      };
      const config = {
        ...(m.configEnv ? { env: m.configEnv } : {}),
        ...(m.configPermissions ? { permissions: m.configPermissions } : {}),
      };
      let planned;
      try {
        const options = resolveOptions(
          parseFlags(["--timeout", "5000"]),
          parseConfig(JSON.stringify(config), "smoke.jsonc"),
          1,
        );
        const catalog = buildCatalog(
          [{ path: "f.smoke.jsonc", text: JSON.stringify(manifest) }],
          { cwd, fixturesDir: `${cwd}/fixtures` },
        );
        // "deno" here is true(1): the script's argv reaches a real spawn all the same.
        planned = catalog.map((fixture) => planFixture(fixture, { options, deno: "true" }));
      } catch (error) {
        if (error instanceof UserError) return; // refused before anything runs: exit 2
        throw error;
      }
      const groups = new ProcessGroups();
      const ends = await runFixtures(planned, {
        runId: "property",
        concurrency: 1,
        baseEnv: { PATH: Deno.env.get("PATH") ?? "/usr/bin:/bin" },
        graceMs: 100,
        tailBytes: 1024,
      }, {
        spawn: (spec, signal) => runProcess(spec, { groups, signal }),
        reporter: {},
        signal: new AbortController().signal,
      });
      spawned++;
      for (const { result } of ends) {
        assert.ok(
          result.status === "passed" ||
            (result.failure !== undefined && ["spawn", "exit-code"].includes(result.failure.kind)),
          JSON.stringify(result),
        );
      }
      assert.equal(groups.size, 0);
    }),
    { numRuns: 150 },
  );
  await Deno.remove(cwd, { recursive: true });
  assert.ok(spawned > 30, `only ${spawned} inputs passed validation`);
});
