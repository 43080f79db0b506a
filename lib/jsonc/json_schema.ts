/**
 * A validator for the small part of JSON Schema that smoke's input schemas
 * use. The schemas are defined in zod (`input_schemas.ts`) and committed as
 * JSON Schema under `schema/`; checking manifests and `smoke.jsonc` against
 * the committed files keeps zod off the start-up path. A keyword outside the
 * supported set is refused when the schema is compiled, never ignored.
 *
 * @module
 */

/** A JSON Schema object. */
export type JsonSchema = { readonly [keyword: string]: unknown };

/** One problem found in a value. */
export interface SchemaIssue {
  /** Keys and indexes from the root to the problem. */
  path: (string | number)[];
  /** What is wrong, e.g. `expected string, received number`. */
  message: string;
  /**
   * `unknown-key`: a key the schema does not allow (the path ends with it);
   * `invalid-key`: a key that breaks `propertyNames`; `invalid-value`: the rest.
   */
  code: "unknown-key" | "invalid-key" | "invalid-value";
}

type Check = (value: unknown, path: (string | number)[], issues: SchemaIssue[]) => void;

/** A compiled schema. */
export interface CompiledSchema {
  /**
   * Checks a value.
   *
   * @param value The value, e.g. parsed JSON.
   * @returns Every problem, in schema order; empty when the value is valid.
   */
  validate(value: unknown): SchemaIssue[];
  /**
   * The keys an object at a path may have, for "did you mean" suggestions.
   *
   * @param path Object keys from the root.
   * @returns The allowed keys, or none when the path holds no fixed-key object.
   */
  keysAt(path: readonly (string | number)[]): string[];
}

/** Keywords that only describe. */
const ANNOTATIONS = new Set(["$schema", "$id", "title", "description"]);
/** Keywords the validator checks. */
const KEYWORDS = new Set([
  "type",
  "enum",
  "properties",
  "additionalProperties",
  "propertyNames",
  "items",
  "minItems",
  "maxItems",
  "minLength",
  "maxLength",
  "pattern",
  "minimum",
  "maximum",
  "exclusiveMinimum",
  "exclusiveMaximum",
  "required",
  "errorMessage",
]);

function received(value: unknown): string {
  if (value === null) return "null";
  if (Array.isArray(value)) return "array";
  if (typeof value === "number" && !Number.isFinite(value)) return String(value);
  return typeof value;
}

function hasType(value: unknown, type: string): boolean {
  switch (type) {
    case "string":
      return typeof value === "string";
    case "boolean":
      return typeof value === "boolean";
    case "number":
      return typeof value === "number" && Number.isFinite(value);
    case "integer":
      return typeof value === "number" && Number.isFinite(value);
    case "null":
      return value === null;
    case "array":
      return Array.isArray(value);
    case "object":
      return typeof value === "object" && value !== null && !Array.isArray(value);
  }
  throw new Error(`Unsupported JSON Schema type "${type}"`);
}

/** The first of a node's own constraints that the value breaks, as a message. */
function ownProblem(
  schema: JsonSchema,
  types: string[],
  pattern: RegExp | undefined,
  value: unknown,
): string | undefined {
  if (types.length && !types.some((type) => hasType(value, type))) {
    // "integer" reads as a number to people; the integer part is checked next.
    const names = types.map((type) => (type === "integer" ? "number" : type));
    return `expected ${names.join(" or ")}, received ${received(value)}`;
  }
  const allowed = schema.enum as readonly unknown[] | undefined;
  if (allowed && !allowed.includes(value)) {
    const expected = `expected ${allowed.map((v) => JSON.stringify(v)).join(" or ")}`;
    if (typeof value !== "string") return `${expected}, received ${received(value)}`;
    const close = allowed.find((v) =>
      typeof v === "string" && v.toLowerCase() === value.toLowerCase()
    );
    const shown = JSON.stringify(value.length > 40 ? `${value.slice(0, 40)}…` : value);
    return `${expected}, received ${shown}` +
      (close === undefined ? "" : ` (did you mean ${JSON.stringify(close)}?)`);
  }
  if (typeof value === "number") {
    if (types.length && types.every((t) => t === "integer") && !Number.isInteger(value)) {
      return `expected an integer, received ${value}`;
    }
    const { minimum, exclusiveMinimum, maximum, exclusiveMaximum } = schema as Record<
      string,
      number | undefined
    >;
    if (minimum !== undefined && value < minimum) {
      return `expected >= ${minimum}, received ${value}`;
    }
    if (exclusiveMinimum !== undefined && value <= exclusiveMinimum) {
      return `expected > ${exclusiveMinimum}, received ${value}`;
    }
    if (maximum !== undefined && value > maximum) {
      return `expected <= ${maximum}, received ${value}`;
    }
    if (exclusiveMaximum !== undefined && value >= exclusiveMaximum) {
      return `expected < ${exclusiveMaximum}, received ${value}`;
    }
  }
  if (typeof value === "string") {
    const minLength = schema.minLength as number | undefined;
    if (minLength !== undefined && value.length < minLength) {
      return minLength === 1
        ? "expected a non-empty string"
        : `expected at least ${minLength} characters`;
    }
    const maxLength = schema.maxLength as number | undefined;
    if (maxLength !== undefined && value.length > maxLength) {
      return `expected at most ${maxLength} characters, received ${value.length}`;
    }
    if (pattern && !pattern.test(value)) {
      return `expected a string matching /${schema.pattern}/`;
    }
  }
  if (Array.isArray(value)) {
    const minItems = schema.minItems as number | undefined;
    if (minItems !== undefined && value.length < minItems) {
      return `expected at least ${minItems} item${minItems === 1 ? "" : "s"}`;
    }
    const maxItems = schema.maxItems as number | undefined;
    if (maxItems !== undefined && value.length > maxItems) {
      return `expected at most ${maxItems} items, received ${value.length}`;
    }
  }
  return undefined;
}

function compileNode(schema: JsonSchema, where: string): Check {
  for (const keyword of Object.keys(schema)) {
    if (!KEYWORDS.has(keyword) && !ANNOTATIONS.has(keyword)) {
      throw new Error(`Unsupported JSON Schema keyword "${keyword}" at ${where}`);
    }
  }
  const types = schema.type === undefined
    ? []
    : Array.isArray(schema.type)
    ? schema.type as string[]
    : [schema.type as string];
  for (const type of types) hasType(undefined, type); // refuses unknown types now
  const errorMessage = schema.errorMessage as string | undefined;
  const pattern = typeof schema.pattern === "string" ? new RegExp(schema.pattern) : undefined;
  const properties = Object.entries((schema.properties ?? {}) as Record<string, JsonSchema>)
    .map(([key, sub]) => [key, compileNode(sub, `${where}.properties.${key}`)] as const);
  /** Each property's check, and its place in the schema (issues come in that order). */
  const known = new Map(properties.map(([key, sub], index) => [key, { sub, index }]));
  const extra = schema.additionalProperties;
  const extraCheck = typeof extra === "object" && extra !== null
    ? compileNode(extra as JsonSchema, `${where}.additionalProperties`)
    : undefined;
  const names = schema.propertyNames
    ? compileNode(schema.propertyNames as JsonSchema, `${where}.propertyNames`)
    : undefined;
  const items = schema.items
    ? compileNode(schema.items as JsonSchema, `${where}.items`)
    : undefined;
  const required = (schema.required ?? []) as string[];

  // A value of the wrong type is told the type it needs; the node's message speaks of the
  // rest (its bounds, its pattern), unless the node takes several types: then it names them.
  const typeMessage = types.length > 1 ? errorMessage : undefined;
  const check: Check = (value, path, issues) => {
    const problem = ownProblem(schema, types, pattern, value);
    if (problem !== undefined) {
      const wrongType = types.length > 0 && !types.some((type) => hasType(value, type));
      const message = (wrongType ? typeMessage : errorMessage) ?? problem;
      issues.push({ path: [...path], message, code: "invalid-value" });
      return;
    }
    if (items && Array.isArray(value)) {
      value.forEach((item, index) => items(item, [...path, index], issues));
    }
    if (typeof value !== "object" || value === null || Array.isArray(value)) return;
    const object = value as Record<string, unknown>;
    for (const key of required) {
      if (!Object.hasOwn(object, key) || object[key] === undefined) {
        issues.push({ path: [...path], message: `missing "${key}"`, code: "invalid-value" });
      }
    }
    // The properties present, in the schema's order: a value's own keys are few, the schema's many.
    const keys = Object.keys(object);
    const present: { key: string; sub: Check; index: number }[] = [];
    for (const key of keys) {
      const property = known.get(key);
      if (property && object[key] !== undefined) present.push({ key, ...property });
    }
    if (present.length > 1) present.sort((a, b) => a.index - b.index);
    for (const { key, sub } of present) sub(object[key], [...path, key], issues);
    for (const key of keys) {
      if (names) {
        const keyIssues: SchemaIssue[] = [];
        names(key, [], keyIssues);
        if (keyIssues.length) {
          issues.push({ path: [...path, key], message: keyIssues[0].message, code: "invalid-key" });
          continue;
        }
      }
      if (known.has(key)) continue;
      if (extra === false) {
        issues.push({ path: [...path, key], message: "unknown key", code: "unknown-key" });
      } else if (extraCheck && key === "__proto__") {
        // zod drops this key from records without a word; a name is refused here instead.
        issues.push({
          path: [...path, key],
          message: '"__proto__" is not allowed',
          code: "invalid-key",
        });
      } else if (extraCheck) {
        extraCheck(object[key], [...path, key], issues);
      }
    }
  };
  return check;
}

/**
 * Compiles a JSON Schema for {@linkcode CompiledSchema.validate}.
 *
 * @param schema The schema (the supported subset: `type`, `enum`, `properties`,
 * `additionalProperties`, `propertyNames`, `items`, `minItems`, `maxItems`, `minLength`,
 * `maxLength` (both in UTF-16 code units, as zod counts), `pattern`, `minimum`, `maximum`, `exclusiveMinimum`, `exclusiveMaximum`, `required`, and
 * `errorMessage`, which replaces the message of a problem at its own node: of a value
 * of the right type that breaks a bound or a pattern, and of a value of the wrong
 * type only where the node takes several types; a single wrong type is said as
 * `expected array, received string`).
 * One difference from zod: a `__proto__` key of a record (an object checked
 * by `propertyNames` or `additionalProperties`) is refused, where zod drops it.
 * @returns The validator.
 * @throws {Error} On a keyword or type outside that subset (a bug, not a user error).
 *
 * @example
 * ```ts
 * import { compileSchema } from "./json_schema.ts";
 * import assert from "node:assert/strict";
 *
 * const schema = compileSchema({
 *   type: "object",
 *   properties: { retries: { type: "integer", minimum: 0 } },
 *   additionalProperties: false,
 * });
 * assert.deepEqual(schema.validate({ retries: 1 }), []);
 * assert.deepEqual(schema.validate({ retries: -1, retry: 1 }), [
 *   { path: ["retries"], message: "expected >= 0, received -1", code: "invalid-value" },
 *   { path: ["retry"], message: "unknown key", code: "unknown-key" },
 * ]);
 * assert.deepEqual(schema.keysAt([]), ["retries"]);
 * ```
 */
export function compileSchema(schema: JsonSchema): CompiledSchema {
  const root = compileNode(schema, "#");
  return {
    validate(value) {
      const issues: SchemaIssue[] = [];
      root(value, [], issues);
      return issues;
    },
    keysAt(path) {
      let node: JsonSchema | undefined = schema;
      for (const segment of path) {
        if (typeof segment === "number") {
          // An index walks into the array's items.
          node = node?.items as JsonSchema | undefined;
          continue;
        }
        const properties = node?.properties as Record<string, JsonSchema> | undefined;
        node = properties && Object.hasOwn(properties, segment) ? properties[segment] : undefined;
      }
      return node?.properties ? Object.keys(node.properties as object) : [];
    },
  };
}

/**
 * {@linkcode compileSchema}, done on the first call and kept: for a schema
 * that only some runs need (a run with no config file, no manifest, no
 * quarantine file does not compile theirs).
 *
 * @param schema The schema.
 * @returns A function that gives the compiled schema, compiling it once.
 *
 * @example
 * ```ts
 * import { compileSchemaOnce } from "./json_schema.ts";
 * import assert from "node:assert/strict";
 *
 * const schema = compileSchemaOnce({ type: "integer" });
 * assert.equal(schema(), schema());
 * assert.deepEqual(schema().validate(1), []);
 * ```
 */
export function compileSchemaOnce(schema: JsonSchema): () => CompiledSchema {
  let compiled: CompiledSchema | undefined;
  return () => compiled ??= compileSchema(schema);
}
