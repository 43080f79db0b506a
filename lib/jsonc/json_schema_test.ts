import assert from "node:assert/strict";
// Test-only: locked in deno.test.lock, so that running smoke never fetches it.
// deno-lint-ignore no-import-prefix
import fc from "npm:fast-check@4.11.0";
import { compileSchema } from "./json_schema.ts";

const schema = compileSchema({
  type: "object",
  properties: {
    name: { type: "string", minLength: 1 },
    count: { type: "integer", exclusiveMinimum: 0, maximum: 10 },
    flags: { type: "array", minItems: 1, items: { type: "string", pattern: "^--" } },
    mode: { type: ["boolean", "string"], errorMessage: "expected true, false or a name" },
    env: {
      type: "object",
      propertyNames: { type: "string", pattern: "^[A-Z]+$", errorMessage: "upper case only" },
      additionalProperties: { type: "string" },
    },
    nested: {
      type: "object",
      properties: { deep: { type: "number" } },
      additionalProperties: false,
    },
  },
  additionalProperties: false,
});

Deno.test("compileSchema() accepts a valid value", () => {
  assert.deepEqual(
    schema.validate({
      name: "a",
      count: 10,
      flags: ["--x"],
      mode: false,
      env: { A: "b" },
      nested: { deep: 1.5 },
    }),
    [],
  );
});

Deno.test("compileSchema() reports each problem with its path and a readable message", () => {
  const problems = (value: unknown) =>
    schema.validate(value).map((issue) => [issue.path.join("."), issue.message, issue.code]);
  assert.deepEqual(problems({ name: "" }), [[
    "name",
    "expected a non-empty string",
    "invalid-value",
  ]]);
  assert.deepEqual(problems({ count: "4" }), [[
    "count",
    "expected number, received string",
    "invalid-value",
  ]]);
  assert.deepEqual(problems({ count: 1.5 }), [[
    "count",
    "expected an integer, received 1.5",
    "invalid-value",
  ]]);
  assert.deepEqual(problems({ count: 0 }), [[
    "count",
    "expected > 0, received 0",
    "invalid-value",
  ]]);
  assert.deepEqual(problems({ count: 11 }), [[
    "count",
    "expected <= 10, received 11",
    "invalid-value",
  ]]);
  assert.deepEqual(problems({ flags: [] }), [[
    "flags",
    "expected at least 1 item",
    "invalid-value",
  ]]);
  assert.deepEqual(problems({ flags: ["--a", "b", 3] }), [
    ["flags.1", "expected a string matching /^--/", "invalid-value"],
    ["flags.2", "expected string, received number", "invalid-value"],
  ]);
  assert.deepEqual(problems({ mode: 1 }), [[
    "mode",
    "expected true, false or a name",
    "invalid-value",
  ]]);
  assert.deepEqual(problems({ env: { a: "b", B: 2 } }), [
    ["env.a", "upper case only", "invalid-key"],
    ["env.B", "expected string, received number", "invalid-value"],
  ]);
  assert.deepEqual(problems({ nested: { deeep: 1 }, extra: null }), [
    ["nested.deeep", "unknown key", "unknown-key"],
    ["extra", "unknown key", "unknown-key"],
  ]);
  assert.deepEqual(problems([]), [["", "expected object, received array", "invalid-value"]]);
  assert.deepEqual(problems(null), [["", "expected object, received null", "invalid-value"]]);
});

Deno.test("compileSchema() lists the keys allowed at a path", () => {
  assert.deepEqual(schema.keysAt([]), ["name", "count", "flags", "mode", "env", "nested"]);
  assert.deepEqual(schema.keysAt(["nested"]), ["deep"]);
  assert.deepEqual(schema.keysAt(["env"]), []);
  assert.deepEqual(schema.keysAt(["missing", "x"]), []);
});

Deno.test("compileSchema() refuses keywords and types it does not check", () => {
  assert.throws(
    () => compileSchema({ type: "object", properties: { a: { type: "string", format: "email" } } }),
    /Unsupported JSON Schema keyword "format" at #\.properties\.a/,
  );
  assert.throws(() => compileSchema({ anyOf: [] }), /Unsupported JSON Schema keyword "anyOf"/);
  assert.throws(() => compileSchema({ type: "date" }), /Unsupported JSON Schema type "date"/);
});

Deno.test("compileSchema() checks maxLength in UTF-16 code units, as zod does", () => {
  const short = compileSchema({ type: "string", maxLength: 3 });
  assert.deepEqual(short.validate("abc"), []);
  assert.deepEqual(short.validate("\u{1F600}x"), [], "an emoji is two code units: 3 in all");
  assert.deepEqual(short.validate("abcd"), [
    { path: [], message: "expected at most 3 characters, received 4", code: "invalid-value" },
  ]);
});

Deno.test("compileSchema() checks enum: a value outside the list names the allowed ones", () => {
  const schema = compileSchema({
    type: "object",
    properties: { order: { type: "string", enum: ["id", "duration"] } },
  });
  assert.deepEqual(schema.validate({ order: "id" }), []);
  assert.deepEqual(schema.validate({ order: "random" }).map((i) => [i.path, i.message]), [
    [["order"], 'expected "id" or "duration", received "random"'],
  ]);
  assert.deepEqual(schema.validate({ order: "ID" }).map((i) => i.message), [
    'expected "id" or "duration", received "ID" (did you mean "id"?)',
  ]);
  assert.deepEqual(schema.validate({ order: 3 }).map((i) => i.message), [
    "expected string, received number",
  ]);
});

Deno.test("property: issues come in the schema's order, then unknown keys in the value's, whatever the value's key order", () => {
  // A wrong value for each property, and two unknown keys.
  const wrong: Record<string, unknown> = {
    name: "",
    count: 0,
    flags: [],
    mode: 3,
    env: { lower: "x" },
    nested: { deep: "no" },
    extra1: 1,
    extra2: 2,
  };
  const schemaOrder = ["name", "count", "flags", "mode", "env", "nested"];
  fc.assert(
    fc.property(fc.shuffledSubarray(Object.keys(wrong)), (keys) => {
      const value = Object.fromEntries(keys.map((key) => [key, wrong[key]]));
      const issues = schema.validate(value).map((issue) => String(issue.path[0]));
      const known = schemaOrder.filter((key) => keys.includes(key));
      const unknown = keys.filter((key) => !schemaOrder.includes(key));
      assert.deepEqual(issues, [...known, ...unknown]);
    }),
  );
});

Deno.test("property: a node's errorMessage speaks of its bounds; a wrong type is told its type, unless the node takes several", () => {
  const nodes = {
    string: { type: "string", minLength: 2, errorMessage: "custom" },
    number: { type: "number", minimum: 5, errorMessage: "custom" },
    array: { type: "array", minItems: 2, errorMessage: "custom" },
    boolean: { type: "boolean", errorMessage: "custom" },
    object: { type: "object", required: ["a"], errorMessage: "custom" },
  } as const;
  const typeOf = (v: unknown) =>
    Array.isArray(v) ? "array" : v === null ? "null" : typeof v as string;
  fc.assert(
    fc.property(
      fc.constantFrom(...Object.keys(nodes) as (keyof typeof nodes)[]),
      fc.jsonValue(),
      (type, value) => {
        const single = compileSchema({
          type: "object",
          properties: { x: nodes[type] },
        }).validate({ x: value });
        const union = compileSchema({
          type: "object",
          properties: { x: { type: [type, "null"], errorMessage: "custom" } },
        }).validate({ x: value });
        if (typeOf(value) !== type) {
          assert.equal(single.length, 1);
          assert.match(single[0].message, new RegExp(`^expected ${type}, received `));
          if (value !== null) assert.deepEqual(union.map((i) => i.message), ["custom"]);
        } else {
          // Right type: only the bound can be broken, and is said as the node says it.
          assert.ok(single.every((i) => i.message === "custom" || i.message.startsWith("missing")));
        }
      },
    ),
    { numRuns: 300 },
  );
});

Deno.test("compileSchema() tells a string given for a list that it must be a list, not the list's bound", () => {
  const needles = compileSchema({
    type: "object",
    properties: {
      command: {
        type: "array",
        minItems: 1,
        items: { type: "string" },
        errorMessage: "command needs at least the program",
      },
    },
  });
  assert.deepEqual(needles.validate({ command: "curl -f x" }).map((i) => i.message), [
    "expected array, received string",
  ]);
  assert.deepEqual(needles.validate({ command: [] }).map((i) => i.message), [
    "command needs at least the program",
  ]);
});
