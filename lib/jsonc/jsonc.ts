/**
 * JSONC parsing with errors that name the file, line and column, and schema
 * problems mapped back to the line and column of their key path.
 *
 * @module
 */
import { JsoncScanError, type NodeOffsets, pathKey, scanJsonc } from "./_jsonc_parser.ts";
import type { SchemaIssue } from "./json_schema.ts";

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
  /** The offset of the problem in the text. */
  offset: number;
  /** A readable description, e.g. `comma expected near "b"`. */
  message: string;
}

/** The offending token at an offset: a word, a quoted string, or one character. */
function tokenAt(text: string, offset: number): string {
  const word = /^(?:"(?:[^"\\\n]|\\.)*"?|[^\s{}[\],:"/]+|[^])/.exec(
    text.slice(offset, offset + 40),
  );
  return (word?.[0] ?? "").slice(0, 20);
}

/** Options for {@linkcode parseJsonc}. */
export interface ParseJsoncOptions {
  /** Plain JSON: no comments, no trailing commas. */
  strict?: boolean;
}

/**
 * Parses JSONC (comments and trailing commas allowed), or strict JSON.
 *
 * @param text The text to parse.
 * @param options `strict` for plain JSON.
 * @returns The value, or the first syntax error with its position.
 *
 * @example
 * ```ts
 * import { parseJsonc } from "./jsonc.ts";
 * import assert from "node:assert/strict";
 *
 * assert.deepEqual(parseJsonc('{ "a": 1, // note\n }'), { ok: true, value: { a: 1 } });
 * const bad = parseJsonc('{\n  "a": 1\n  "b": 2\n}');
 * assert.equal(bad.ok ? "" : bad.error.message, 'comma expected near "b"');
 * assert.equal(bad.ok ? 0 : bad.error.line, 3);
 * ```
 */
export function parseJsonc(
  text: string,
  options: ParseJsoncOptions = {},
): { ok: true; value: unknown } | { ok: false; error: JsoncSyntaxError } {
  try {
    return { ok: true, value: scanJsonc(text, { strict: options.strict }) };
  } catch (error) {
    if (!(error instanceof JsoncScanError)) throw error;
    const { offset } = error;
    if (error.message === "empty") {
      return { ok: false, error: { line: 1, column: 1, offset: 0, message: "the file is empty" } };
    }
    const token = tokenAt(text, offset);
    const near = offset >= text.length
      ? "at end of input"
      : `near ${token.startsWith('"') ? token : `"${token}"`}`;
    return {
      ok: false,
      error: { ...positionAt(text, offset), offset, message: `${error.message} ${near}` },
    };
  }
}

/**
 * Finds where a key path sits in a JSONC text.
 *
 * @param text The JSONC text.
 * @param path The key path, e.g. `["expect", "exitCode"]`.
 * @param options `atKey`: the position of the key rather than its value.
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
  path: readonly (string | number)[],
  options: { atKey?: boolean } = {},
): Position {
  return positionIn(text, nodeOffsets(text), path, options);
}

/** The offsets of every node, found in one scan (up to a syntax error, if any). */
function nodeOffsets(text: string): Map<string, NodeOffsets> {
  const offsets = new Map<string, NodeOffsets>();
  try {
    scanJsonc(text, { offsets });
  } catch (error) {
    // The offsets found before a syntax error still place the nodes before it.
    if (!(error instanceof JsoncScanError)) throw error;
  }
  return offsets;
}

function positionIn(
  text: string,
  offsets: Map<string, NodeOffsets>,
  path: readonly (string | number)[],
  options: { atKey?: boolean },
): Position {
  for (let depth = path.length; depth >= 0; depth--) {
    const node = offsets.get(pathKey(path.slice(0, depth)));
    if (!node) continue;
    const atKey = options.atKey && depth === path.length && node.key !== undefined;
    return positionAt(text, atKey ? node.key! : node.value);
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
}

/**
 * Locates schema problems in the JSONC text they came from. Problems with a
 * key (unknown, or an invalid name) point at the key itself.
 *
 * @param text The JSONC text that was validated.
 * @param issues The problems, from {@linkcode CompiledSchema.validate}.
 * @returns One located issue per problem.
 *
 * @example
 * ```ts
 * import { locateIssues } from "./jsonc.ts";
 * import assert from "node:assert/strict";
 *
 * const [issue] = locateIssues('{\n  "tiemoutMs": 5\n}', [
 *   { path: ["tiemoutMs"], message: "unknown key", code: "unknown-key" },
 * ]);
 * assert.deepEqual(issue, { line: 2, column: 3, path: "tiemoutMs", message: "unknown key" });
 * ```
 */
export function locateIssues(text: string, issues: readonly SchemaIssue[]): LocatedIssue[] {
  const offsets = nodeOffsets(text);
  return issues.map((issue) => ({
    ...positionIn(text, offsets, issue.path, { atKey: issue.code !== "invalid-value" }),
    path: formatPath(issue.path),
    message: issue.message,
  }));
}

/**
 * Where JSON that `JSON.parse` refused goes wrong, by line and column:
 * `unexpected token "}" at line 3, column 1`.
 *
 * @param text The text that did not parse.
 * @param error `JSON.parse`'s error, whose message is the fallback.
 * @returns The description.
 *
 * @example
 * ```ts
 * import { jsonSyntax } from "./jsonc.ts";
 * import assert from "node:assert/strict";
 *
 * const text = '{\n  "a": 1,\n}';
 * let error = new SyntaxError("");
 * try {
 *   JSON.parse(text);
 * } catch (e) {
 *   error = e as SyntaxError;
 * }
 * assert.equal(jsonSyntax(text, error), 'unexpected token "}" at line 3, column 1');
 * assert.equal(jsonSyntax("{", error), "unexpected end of input at line 1, column 2");
 * ```
 */
export function jsonSyntax(text: string, error?: SyntaxError): string {
  const parsed = parseJsonc(text, { strict: true });
  const offset = !parsed.ok
    ? parsed.error.offset
    : Number(/position (\d+)/.exec(error?.message ?? "")?.[1] ?? NaN);
  if (Number.isNaN(offset)) return error?.message ?? "it is not JSON";
  const { line, column } = positionAt(text, offset);
  const token = offset >= text.length ? "end of input" : `token ${JSON.stringify(text[offset])}`;
  return `unexpected ${token} at line ${line}, column ${column}`;
}
