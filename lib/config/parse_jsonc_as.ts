/**
 * Reading smoke's JSONC inputs (`smoke.jsonc`, manifests): parse, check
 * against the JSON Schema, and turn every problem into one user error that
 * names the file, line, column and key path.
 *
 * @module
 */
import { closest } from "../base/_suggest.ts";
import { UserError } from "../base/errors.ts";
import { displayName } from "../base/safe_output.ts";
import type { CompiledSchema, SchemaIssue } from "../jsonc/json_schema.ts";
import { formatPath, locateIssues, parseJsonc } from "../jsonc/jsonc.ts";

/**
 * The hint of an invalid file: the keys allowed where its unknown keys are (`Allowed config keys
 * at services[0]: name, command, ...`), else the top level's; without an unknown key, a pointer
 * to the README.
 */
function allowedKeysHint(
  schema: CompiledSchema,
  issues: readonly SchemaIssue[],
  what: string,
): string {
  const unknown = issues.filter((i) => i.code === "unknown-key");
  // A wrong value or a missing key: the list of keys would not help.
  if (unknown.length === 0) return `Fix what is named above: the README says what each key takes.`;
  const parents = new Set(unknown.map((i) => JSON.stringify(i.path.slice(0, -1))));
  const parent = parents.size === 1 ? unknown[0].path.slice(0, -1) : [];
  const keys = schema.keysAt(parent);
  if (keys.length === 0) return "See the README.";
  const where = parent.length ? ` at ${displayName(formatPath(parent))}` : "";
  return `Allowed ${what} keys${where}: ${keys.join(", ")}. See the README.`;
}

/**
 * A member of a parsed value, for the checks beside a schema (which may see a
 * value of any shape): undefined unless the value is an object that has it.
 *
 * @param value Any parsed JSON value.
 * @param key The member's name.
 * @returns Its value, or undefined.
 *
 * @example
 * ```ts
 * import { memberOf } from "./parse_jsonc_as.ts";
 * import assert from "node:assert/strict";
 *
 * assert.equal(memberOf({ skip: "" }, "skip"), "");
 * assert.equal(memberOf([1], "skip"), undefined);
 * assert.equal(memberOf(null, "skip"), undefined);
 * ```
 */
export function memberOf(value: unknown, key: string): unknown {
  return typeof value === "object" && value !== null && !Array.isArray(value)
    ? (value as Record<string, unknown>)[key]
    : undefined;
}

/** Options for {@linkcode parseJsoncAs}. */
export interface ParseJsoncAsOptions {
  /** The file name to put in messages. */
  file: string;
  /** What the file is, for the message: `config`, `manifest`. */
  what: "config" | "manifest" | "quarantine file";
  /**
   * Checks a schema cannot say (one key of several, names unique), on a value
   * the schema accepted: its issues are reported like the schema's, with
   * line, column and key path.
   */
  refine?: (value: unknown) => SchemaIssue[];
  /**
   * Checks of single values a schema cannot make (a real calendar day), run
   * beside the schema's however the rest of the file stands, so that every
   * problem of the file is listed at once. They must look only at values of
   * the right shape; an issue at a path the schema already faults is dropped.
   */
  valueChecks?: (value: unknown) => SchemaIssue[];
}

/**
 * Parses a JSONC file's text and validates it against a schema. Problems
 * become a {@linkcode UserError} naming the file, line, column and key path.
 *
 * @param schema The compiled schema the value must match.
 * @param text The JSONC text.
 * @param options The file name and what it is.
 * @returns The validated value, typed as the caller's schema promises.
 * @throws {UserError} On a syntax error or a schema problem (exit 2).
 *
 * @example
 * ```ts
 * import { parseJsoncAs } from "./parse_jsonc_as.ts";
 * import { compileSchema } from "../jsonc/json_schema.ts";
 * import assert from "node:assert/strict";
 *
 * const schema = compileSchema({
 *   type: "object",
 *   properties: { retries: { type: "number" } },
 *   additionalProperties: false,
 * });
 * assert.deepEqual(parseJsoncAs(schema, '{ "retries": 2 }', { file: "a.jsonc", what: "config" }), {
 *   retries: 2,
 * });
 * assert.throws(
 *   () => parseJsoncAs(schema, '{ "retrys": 2 }', { file: "a.jsonc", what: "config" }),
 *   /line 1, column 3: retrys: unknown key \(did you mean "retries"\?\)/,
 * );
 * ```
 */
export function parseJsoncAs<T>(
  schema: CompiledSchema,
  text: string,
  options: ParseJsoncAsOptions,
): T {
  const kind = options.what === "manifest" ? "catalog" : "config";
  const parsed = parseJsonc(text);
  if (!parsed.ok) {
    const { line, column, message } = parsed.error;
    throw new UserError(
      `Cannot parse ${options.what} "${options.file}": ${message} at line ${line}, column ${column}`,
      { kind, hints: [`Fix the JSONC syntax.`] },
    );
  }
  const schemaIssues = schema.validate(parsed.value);
  // The checks between keys need the known keys well formed; unknown keys beside them do not
  // hide their problems (every problem of the file at once).
  const refinable = options.refine && schemaIssues.every((i) => i.code === "unknown-key");
  const faulted = new Set(schemaIssues.map((issue) => JSON.stringify(issue.path)));
  const valueIssues = (options.valueChecks?.(parsed.value) ?? []).filter((issue) =>
    !faulted.has(JSON.stringify(issue.path))
  );
  const issues = [
    ...schemaIssues,
    ...valueIssues,
    ...(refinable ? options.refine!(parsed.value) : []),
  ];
  if (issues.length === 0) return parsed.value as T;
  const located = locateIssues(text, issues).map((where, index) => {
    const issue = issues[index];
    let message = issue.message;
    if (issue.code === "unknown-key") {
      const key = String(issue.path.at(-1));
      const suggestion = closest(key, schema.keysAt(issue.path.slice(0, -1)));
      if (suggestion) message += ` (did you mean "${suggestion}"?)`;
    }
    return { ...where, message };
  });
  // In the order they stand in the file.
  located.sort((a, b) => a.line - b.line || a.column - b.column);
  // Keys and values come from the file: one issue is one line, whatever they hold.
  const lines = located.map(({ line, column, path, message }) =>
    `  line ${line}, column ${column}: ${displayName(`${path}: ${message}`)}`
  );
  throw new UserError(
    `Invalid ${options.what} "${options.file}":\n${lines.join("\n")}`,
    {
      kind,
      hints: [allowedKeysHint(schema, issues, options.what)],
    },
  );
}
