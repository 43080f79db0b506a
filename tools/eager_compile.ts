/**
 * Marks a bundled chunk's functions for eager compilation, so that Deno's
 * code cache holds their bytecode.
 *
 * V8 compiles a function lazily, on its first call, unless the function is
 * wrapped in parentheses (a "PIFE"). Deno takes a module's code cache right
 * after compiling it, so a lazily compiled function is compiled again on every
 * start: smoke's first run of a fixture spent ~13 ms compiling the same
 * functions each time. This rewrites, in the JavaScript of `build/` only:
 *
 * - each function and arrow expression `f(() => x)` as `f((() => x))`, which
 *   changes nothing but the hint;
 * - each top-level `function name(...) {...}` as `var name = (function
 *   name(...) {...});`, unless something may read `name` before that
 *   statement runs (a `var` is not hoisted with its value). Judged
 *   conservatively, from the names code mentions, not from what it does: the
 *   declaration stays when `name` is mentioned by an earlier statement, or by
 *   any top-level function (parameters and body, exported or not) that such a
 *   statement mentions, and so on; when `name` is ever written (`name = `,
 *   `[name] = `, `name++`, `for (name of ...)`), since inside the function it
 *   then names the function itself; when the chunk mentions `eval`; and, for a
 *   chunk in an import cycle, when an exported function may reach it.
 *
 * The rewrite is checked: the output is parsed again and must be the input
 * with exactly those changes, or the build fails. That proves the edit is the
 * one intended (no line joined to the next, no operator bound otherwise), not
 * that the judgement above is right: the tests run generated modules both
 * ways and compare. The source map's columns are moved by what was inserted,
 * so a stack still names the right `lib/` lines.
 *
 * acorn (`npm:acorn`) parses: the JavaScript parser of webpack, Rollup and
 * ESLint's espree, small and without dependencies. It runs only here, when
 * `deno task build` writes `build/`; smoke does not load it.
 *
 * @module
 */
// Build-only: locked in deno.test.lock (`deno task build` runs with it); smoke never loads it.
// deno-lint-ignore no-import-prefix
import { parse } from "npm:acorn@8.15.0";
import { decodeMappings, encodeMappings, type SourceMap } from "./source_map.ts";

export type { SourceMap };

/** An ESTree node as acorn gives it. */
// deno-lint-ignore no-explicit-any
type Node = any;

/** Options of {@linkcode eagerCompile}. */
export interface EagerCompileOptions {
  /** The chunk's source map, to move with the code. */
  map?: SourceMap;
  /**
   * Keep the functions the chunk exports as declarations: for a chunk in an
   * import cycle, where another module may call them before this one runs.
   */
  keepExports?: boolean;
}

/** What {@linkcode eagerCompile} made. */
export interface EagerCompiled {
  /** The rewritten JavaScript. */
  code: string;
  /** The source map, its columns moved; present when one was given. */
  map?: SourceMap;
  /** How many top-level function declarations became eager expressions. */
  declarations: number;
  /** How many top-level function declarations stayed (maybe read early, or written). */
  kept: number;
  /** How many function and arrow expressions were wrapped. */
  expressions: number;
}

/** One insertion into the code. */
interface Insertion {
  at: number;
  text: string;
}

/**
 * Parses a JavaScript module, any syntax Deno runs (acorn's ESTree).
 *
 * @param code A JavaScript module.
 * @returns Its program node.
 * @throws {SyntaxError} When the code does not parse.
 *
 * @example
 * ```ts
 * import { parseModule } from "./eager_compile.ts";
 * import assert from "node:assert/strict";
 *
 * assert.equal(parseModule("export const a = 1;").body[0].type, "ExportNamedDeclaration");
 * ```
 */
export function parseModule(code: string): ReturnType<typeof parse> {
  return parse(code, { ecmaVersion: "latest", sourceType: "module" });
}

/**
 * Rewrites a chunk's functions for eager compilation (see the module
 * documentation).
 *
 * @param code A JavaScript module.
 * @param options The source map, and whether exports must stay declarations.
 * @returns The code, the moved map and what was rewritten.
 * @throws {SyntaxError} When the code does not parse.
 * @throws {Error} When the rewrite would change more than the hints (a bug here).
 *
 * @example
 * ```ts
 * import { eagerCompile } from "./eager_compile.ts";
 * import assert from "node:assert/strict";
 *
 * const early = eagerCompile("const x = f();\nfunction f() { return [1].map((n) => n); }\n");
 * assert.equal(early.code, "const x = f();\nfunction f() { return [1].map(((n) => n)); }\n");
 * assert.equal(early.kept, 1);
 *
 * const later = eagerCompile("function g() { return 1; }\nexport { g };\n");
 * assert.equal(later.code, "var g = (function g() { return 1; });\nexport { g };\n");
 * ```
 */
export function eagerCompile(code: string, options: EagerCompileOptions = {}): EagerCompiled {
  const program = parseModule(code) as Node;
  const insertions: Insertion[] = [];
  const converted = new Set<string>();
  let kept = 0;
  let expressions = 0;

  const assigned = assignedNames(program);
  // Every hoisted function: the top-level declarations, exported or not.
  const declared = new Map<string, Node>();
  for (const statement of program.body) {
    const declaration = statement.type === "FunctionDeclaration"
      ? statement
      : statement.type.startsWith("Export") && statement.declaration?.type === "FunctionDeclaration"
      ? statement.declaration
      : undefined;
    if (declaration?.id) declared.set(declaration.id.name, declaration);
  }
  // Names that code run before the current statement may read: those its statements mention,
  // and, through hoisting, those a top-level function they mention mentions (parameters too).
  const early = new Set<string>();
  const expanded = new Set<string>();
  const mention = (names: Iterable<string>) => {
    const queue = [...names];
    while (queue.length) {
      const name = queue.pop()!;
      early.add(name);
      const declaration = declared.get(name);
      if (declaration && !expanded.has(name)) {
        expanded.add(name);
        queue.push(...mentionedNames({ ...declaration, id: null }));
      }
    }
  };
  // Another module of an import cycle may call what this one exports before this one runs.
  if (options.keepExports) mention(exportedNames(program));
  // A direct eval can read any name at any time: then no declaration is rewritten.
  const evaluates = mentionedNames(program).has("eval");
  for (const statement of program.body) {
    if (statement.type === "FunctionDeclaration") {
      const name: string = statement.id.name;
      if (evaluates || early.has(name) || assigned.has(name)) kept++;
      else {
        converted.add(name);
        insertions.push({ at: statement.start, text: `var ${name} = (` });
        insertions.push({ at: statement.end, text: ");" });
      }
    } else {
      mention(mentionedNames(statement));
    }
  }
  visit(program, undefined, (node, parent) => {
    const method = parent?.type === "MethodDefinition" ||
      (parent?.type === "Property" && (parent.method || parent.kind !== "init") &&
        parent.value === node);
    if (
      !method && (node.type === "FunctionExpression" || node.type === "ArrowFunctionExpression")
    ) {
      insertions.push({ at: node.start, text: "(" }, { at: node.end, text: ")" });
      expressions++;
    }
  });

  const out = insert(code, insertions);
  const want = JSON.stringify(shape(program, converted));
  const got = JSON.stringify(shape(parseModule(out) as Node, new Set()));
  if (want !== got) {
    throw new Error("Cannot mark functions for eager compilation: the rewrite changed the code");
  }
  return {
    code: out,
    map: options.map && { ...options.map, mappings: moveColumns(code, options.map, insertions) },
    declarations: converted.size,
    kept,
    expressions,
  };
}

/** Calls `fn` on every node under `node`, with its parent. */
function visit(node: Node, parent: Node, fn: (node: Node, parent: Node) => void): void {
  fn(node, parent);
  for (const key of Object.keys(node)) {
    const value = node[key];
    if (Array.isArray(value)) {
      for (const item of value) if (item && typeof item.type === "string") visit(item, node, fn);
    } else if (value && typeof value.type === "string") visit(value, node, fn);
  }
}

/** Nodes whose non-computed `key` is a property name, not a binding. */
const KEYED = new Set(["Property", "PropertyDefinition", "MethodDefinition"]);

/** The identifiers under `node` that may refer to a binding (not property names). */
function mentionedNames(node: Node): Set<string> {
  const names = new Set<string>();
  visit(node, undefined, (child, parent) => {
    if (child.type !== "Identifier") return;
    const propertyName = !parent?.computed && (
      (parent?.type === "MemberExpression" && parent.property === child) ||
      (KEYED.has(parent?.type) && parent.key === child && !parent.shorthand)
    );
    if (!propertyName) names.add(child.name);
  });
  return names;
}

/**
 * The names written anywhere (`x = ...`, `[x] = ...`, `x++`, `for (x of ...)`): a function's
 * own name must stay writable. Over-counts (a computed key in a pattern), never under-counts.
 */
function assignedNames(program: Node): Set<string> {
  const names = new Set<string>();
  visit(program, undefined, (node) => {
    const target = node.type === "AssignmentExpression"
      ? node.left
      : node.type === "UpdateExpression"
      ? node.argument
      : (node.type === "ForInStatement" || node.type === "ForOfStatement") &&
          node.left.type !== "VariableDeclaration"
      ? node.left
      : undefined;
    if (target) { for (const name of mentionedNames(target)) names.add(name); }
  });
  return names;
}

/** The local names the module exports. */
function exportedNames(program: Node): Set<string> {
  const names = new Set<string>();
  for (const statement of program.body) {
    if (statement.type === "ExportNamedDeclaration" && !statement.source) {
      for (const specifier of statement.specifiers) names.add(specifier.local.name);
    }
    if (statement.type === "ExportDefaultDeclaration") {
      const declaration = statement.declaration;
      if (declaration.type === "Identifier") names.add(declaration.name);
      else if (declaration.id) names.add(declaration.id.name);
    }
    if (statement.type === "ExportNamedDeclaration" && statement.declaration?.id) {
      names.add(statement.declaration.id.name);
    }
  }
  return names;
}

/** `code` with the insertions made (at equal offsets, in the order given). */
function insert(code: string, insertions: readonly Insertion[]): string {
  const sorted = insertions.map((x, i) => ({ ...x, i })).sort((a, b) => a.at - b.at || a.i - b.i);
  let out = "";
  let from = 0;
  for (const { at, text } of sorted) {
    out += code.slice(from, at) + text;
    from = at;
  }
  return out + code.slice(from);
}

/**
 * The AST without positions, with the converted declarations written as the
 * `var`s they become: two programs with the same shape run the same.
 */
function shape(node: Node, converted: ReadonlySet<string>): unknown {
  const strip = (value: Node): unknown => {
    if (Array.isArray(value)) return value.map(strip);
    if (typeof value === "bigint") return `${value}n`;
    if (!value || typeof value !== "object") return value;
    const out: Record<string, unknown> = {};
    for (const key of Object.keys(value).sort()) {
      if (key === "start" || key === "end" || key === "raw") continue;
      out[key] = strip(value[key]);
    }
    return out;
  };
  return {
    ...node,
    body: node.body.map((statement: Node) =>
      statement.type === "FunctionDeclaration" && converted.has(statement.id.name)
        ? strip({
          type: "VariableDeclaration",
          kind: "var",
          declarations: [{
            type: "VariableDeclarator",
            id: statement.id,
            init: { ...statement, type: "FunctionExpression" },
          }],
        })
        : strip(statement)
    ),
    start: undefined,
    end: undefined,
  };
}

/**
 * The map's `mappings` with each generated column moved by the text
 * inserted before it on its line (an insertion has no newline, so lines stay).
 */
function moveColumns(code: string, map: SourceMap, insertions: readonly Insertion[]): string {
  const lineStarts = [0];
  for (let i = code.indexOf("\n"); i >= 0; i = code.indexOf("\n", i + 1)) lineStarts.push(i + 1);
  // Per line, the inserted lengths by column.
  const byLine = new Map<number, { column: number; length: number }[]>();
  for (const { at, text } of insertions) {
    let line = lineStarts.length - 1;
    let low = 0;
    while (low < line) {
      const mid = (low + line + 1) >> 1;
      if (lineStarts[mid] <= at) low = mid;
      else line = mid - 1;
    }
    const list = byLine.get(line) ?? [];
    list.push({ column: at - lineStarts[line], length: text.length });
    byLine.set(line, list);
  }
  return encodeMappings(
    decodeMappings(map.mappings).map((segments, line) => {
      const moves = byLine.get(line);
      if (!moves) return segments;
      return segments.map(([column, ...rest]) => [
        column + moves.filter((m) => m.column <= column).reduce((n, m) => n + m.length, 0),
        ...rest,
      ]);
    }),
  );
}
