/**
 * JSONC parsing with errors that name the file, line and column, and zod
 * validation errors mapped back to the line and column of the key path.
 *
 * @module
 */
import {
  findNodeAtLocation,
  parse,
  type ParseError,
  parseTree,
  printParseErrorCode,
} from "jsonc-parser";
import type { z } from "zod";
import { UserError } from "./errors.ts";
import { closest } from "./_suggest.ts";

/** A 1-based line and column. */
export interface Position {
  /** 1-based line. */
  line: number;
  /** 1-based column. */
  column: number;
}

/**
 * Converts a character offset into a 1-based line and column.
 *
 * @param text The whole text.
 * @param offset A character offset into it.
 * @returns The line and column.
 *
 * @example
 * ```ts
 * import { positionAt } from "./jsonc.ts";
 * import assert from "node:assert/strict";
 *
 * assert.deepEqual(positionAt("{\n  x", 4), { line: 2, column: 3 });
 * ```
 */
export function positionAt(text: string, offset: number): Position {
  let line = 1;
  let lineStart = 0;
  for (let i = 0; i < offset && i < text.length; i++) {
    if (text.charCodeAt(i) === 10) {
      line++;
      lineStart = i + 1;
    }
  }
  return { line, column: offset - lineStart + 1 };
}

/** A syntax problem found while parsing JSONC. */
export interface JsoncSyntaxError extends Position {
  /** A readable description, e.g. `unexpected token "}"`. */
  message: string;
}

const describe: Record<string, string> = {
  InvalidSymbol: "invalid symbol",
  InvalidNumberFormat: "invalid number",
  PropertyNameExpected: "property name expected",
  ValueExpected: "value expected",
  ColonExpected: "colon expected",
  CommaExpected: "comma expected",
  CloseBraceExpected: 'closing "}" expected',
  CloseBracketExpected: 'closing "]" expected',
  EndOfFileExpected: "end of file expected",
  InvalidCommentToken: "invalid comment",
  UnexpectedEndOfComment: "unexpected end of comment",
  UnexpectedEndOfString: "unexpected end of string",
  UnexpectedEndOfNumber: "unexpected end of number",
  InvalidUnicode: "invalid unicode escape",
  InvalidEscapeCharacter: "invalid escape character",
  InvalidCharacter: "invalid character",
};

function describeError(text: string, error: ParseError): JsoncSyntaxError {
  const code = printParseErrorCode(error.error);
  const token = text.slice(error.offset, error.offset + Math.max(1, error.length)).slice(0, 20);
  const what = describe[code] ?? code;
  const near = error.offset >= text.length ? "at end of input" : `near "${token}"`;
  return { ...positionAt(text, error.offset), message: `${what} ${near}` };
}

/**
 * Parses JSONC (comments and trailing commas allowed).
 *
 * @param text The text to parse.
 * @returns The value, or the first syntax error with its position.
 *
 * @example
 * ```ts
 * import { parseJsonc } from "./jsonc.ts";
 * import assert from "node:assert/strict";
 *
 * assert.deepEqual(parseJsonc('{ "a": 1, // note\n }'), { ok: true, value: { a: 1 } });
 * const bad = parseJsonc('{ "a": }');
 * assert.equal(bad.ok, false);
 * ```
 */
export function parseJsonc(
  text: string,
): { ok: true; value: unknown } | { ok: false; error: JsoncSyntaxError } {
  if (text.charCodeAt(0) === 0xfeff) text = " " + text.slice(1); // a BOM; keeps columns
  const errors: ParseError[] = [];
  const value = parse(text, errors, { allowTrailingComma: true, disallowComments: false });
  if (value === undefined && errors.length > 0 && errors[0].offset >= text.trimEnd().length) {
    return { ok: false, error: { line: 1, column: 1, message: "the file is empty" } };
  }
  if (errors.length > 0) return { ok: false, error: describeError(text, errors[0]) };
  return { ok: true, value };
}

/**
 * Finds where a key path sits in a JSONC text.
 *
 * @param text The JSONC text.
 * @param path The key path, e.g. `["expect", "exitCode"]`.
 * @returns The position of the deepest node found on the path.
 *
 * @example
 * ```ts
 * import { positionOfPath } from "./jsonc.ts";
 * import assert from "node:assert/strict";
 *
 * assert.deepEqual(positionOfPath('{\n "a": {\n  "b": 1 } }', ["a", "b"]), { line: 3, column: 8 });
 * ```
 */
export function positionOfPath(
  text: string,
  path: PropertyKey[],
  options: { atKey?: boolean } = {},
): Position {
  const tree = parseTree(text, [], { allowTrailingComma: true });
  if (!tree) return { line: 1, column: 1 };
  const segments = path.filter((p): p is string | number => typeof p !== "symbol");
  for (let depth = segments.length; depth >= 0; depth--) {
    const node = findNodeAtLocation(tree, segments.slice(0, depth));
    if (!node) continue;
    const atKey = options.atKey && depth === segments.length && node.parent?.type === "property";
    return positionAt(text, atKey ? node.parent!.offset : node.offset);
  }
  return { line: 1, column: 1 };
}

/**
 * Formats a key path the way users write it: `expect.exitCode`, `command[0]`.
 *
 * @param path The key path.
 * @returns The dotted path, or `(root)` for the empty path.
 *
 * @example
 * ```ts
 * import { formatPath } from "./jsonc.ts";
 * import assert from "node:assert/strict";
 *
 * assert.equal(formatPath(["command", 0]), "command[0]");
 * ```
 */
export function formatPath(path: readonly PropertyKey[]): string {
  let out = "";
  for (const segment of path) {
    if (typeof segment === "number") out += `[${segment}]`;
    else out += out === "" ? String(segment) : `.${String(segment)}`;
  }
  return out === "" ? "(root)" : out;
}

/** One schema problem, located in the file. */
export interface LocatedIssue extends Position {
  /** The dotted key path. */
  path: string;
  /** What is wrong. */
  message: string;
  /** For an unknown key: the key, and the path of the object holding it. */
  unknownKey?: { key: string; parent: PropertyKey[] };
}

/**
 * Locates every zod issue in the JSONC text it came from. Unknown keys are
 * reported one by one at the key itself.
 *
 * @param text The JSONC text that was validated.
 * @param issues The zod issues.
 * @returns One located issue per problem.
 *
 * @example
 * ```ts
 * import { locateIssues } from "./jsonc.ts";
 * import { z } from "zod";
 * import assert from "node:assert/strict";
 *
 * const text = '{\n  "tiemoutMs": 5\n}';
 * const result = z.strictObject({ timeoutMs: z.number().optional() }).safeParse(JSON.parse(text));
 * const [issue] = locateIssues(text, result.error!.issues);
 * assert.equal(issue.path, "tiemoutMs");
 * assert.equal(issue.line, 2);
 * ```
 */
export function locateIssues(text: string, issues: z.core.$ZodIssue[]): LocatedIssue[] {
  const out: LocatedIssue[] = [];
  for (const issue of issues) {
    if (issue.code === "unrecognized_keys") {
      for (const key of issue.keys) {
        const path = [...issue.path, key];
        out.push({
          ...positionOfPath(text, path, { atKey: true }),
          path: formatPath(path),
          message: "unknown key",
          unknownKey: { key, parent: issue.path },
        });
      }
      continue;
    }
    // A record key's own message (e.g. "no = in names") is more useful than zod's summary.
    const keyIssue = issue.code === "invalid_key" ? issue.issues[0] : undefined;
    out.push({
      ...positionOfPath(text, issue.path, { atKey: keyIssue !== undefined }),
      path: formatPath(issue.path),
      message: keyIssue?.message ?? issue.message,
    });
  }
  return out;
}

/** Options for {@linkcode parseJsoncAs}. */
export interface ParseJsoncAsOptions {
  /** The file name to put in messages. */
  file: string;
  /** What the file is, for the message: `config`, `manifest`. */
  what: string;
}

function unwrap(schema: z.ZodType | undefined): z.ZodType | undefined {
  let current = schema;
  while (current && "unwrap" in current && typeof current.unwrap === "function") {
    current = current.unwrap() as z.ZodType;
  }
  return current;
}

function keysAt(schema: z.ZodType, path: readonly PropertyKey[]): string[] {
  let current = unwrap(schema);
  for (const segment of path) {
    const shape = current && "shape" in current ? current.shape as Record<string, z.ZodType> : null;
    if (!shape || typeof segment !== "string") return [];
    current = unwrap(shape[segment]);
  }
  return current && "shape" in current ? Object.keys(current.shape as object) : [];
}

/**
 * Parses a JSONC file's text and validates it against a zod schema. Problems
 * become a {@linkcode UserError} naming the file, line, column and key path.
 *
 * @param schema The zod schema the value must match.
 * @param text The JSONC text.
 * @param options The file name and what it is.
 * @returns The validated value.
 * @throws {UserError} On a syntax error or a schema problem (exit 2).
 *
 * @example
 * ```ts
 * import { parseJsoncAs } from "./jsonc.ts";
 * import { z } from "zod";
 * import assert from "node:assert/strict";
 *
 * const schema = z.strictObject({ retries: z.number().optional() });
 * assert.deepEqual(parseJsoncAs(schema, '{ "retries": 2 }', { file: "a.jsonc", what: "config" }), {
 *   retries: 2,
 * });
 * assert.throws(
 *   () => parseJsoncAs(schema, '{ "retrys": 2 }', { file: "a.jsonc", what: "config" }),
 *   /line 1, column 3: retrys: unknown key \(did you mean "retries"\?\)/,
 * );
 * ```
 */
export function parseJsoncAs<T extends z.ZodType>(
  schema: T,
  text: string,
  options: ParseJsoncAsOptions,
): z.infer<T> {
  const parsed = parseJsonc(text);
  if (!parsed.ok) {
    const { line, column, message } = parsed.error;
    throw new UserError(
      `Cannot parse ${options.what} "${options.file}": ${message} at line ${line}, column ${column}`,
      { kind: options.what === "config" ? "config" : "catalog", hints: [`Fix the JSONC syntax.`] },
    );
  }
  const result = schema.safeParse(parsed.value);
  if (result.success) return result.data;
  const lines = locateIssues(text, result.error.issues).map((issue) => {
    let message = issue.message;
    if (issue.unknownKey) {
      const { key, parent } = issue.unknownKey;
      const suggestion = closest(key, keysAt(schema, parent));
      if (suggestion) message += ` (did you mean "${suggestion}"?)`;
    }
    return `  line ${issue.line}, column ${issue.column}: ${issue.path}: ${message}`;
  });
  const known = keysAt(schema, []);
  throw new UserError(
    `Invalid ${options.what} "${options.file}":\n${lines.join("\n")}`,
    {
      kind: options.what === "config" ? "config" : "catalog",
      hints: [`Allowed ${options.what} keys: ${known.join(", ")}. See the README.`],
    },
  );
}
