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
 *   name(...) {...});`, when nothing can read `name` before that statement
 *   runs (a `var` is not hoisted with its value): the name is not mentioned
 *   in an earlier statement, nor in any top-level function such a statement
 *   may call, and never assigned; and, for a chunk in an import cycle, the
 *   function is not exported.
 *
 * The rewrite is checked: the output is parsed again and must be the input
 * with exactly those changes, or the build fails. The source map's columns are
 * moved by what was inserted, so a stack still names the right `lib/` lines.
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

/** An ESTree node as acorn gives it. */
// deno-lint-ignore no-explicit-any
type Node = any;

/** A source map (version 3) as `deno bundle` writes it. */
export interface SourceMap {
  /** The format's version: 3. */
  version: number;
  /** Where each generated segment came from, VLQ-encoded. */
  mappings: string;
  /** The rest of the map, kept as it is. */
  [key: string]: unknown;
}

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
  /** How many top-level function declarations stayed (read too early, assigned or exported). */
  kept: number;
  /** How many function and arrow expressions were wrapped. */
  expressions: number;
}

/** One insertion into the code. */
interface Insertion {
  at: number;
  text: string;
}

/** Options for acorn: a module, any syntax Deno runs. */
const PARSE = { ecmaVersion: "latest", sourceType: "module" } as const;

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
  const program = parse(code, PARSE) as Node;
  const insertions: Insertion[] = [];
  const converted = new Set<string>();
  let kept = 0;
  let expressions = 0;

  const assigned = assignedNames(program);
  const exported = options.keepExports ? exportedNames(program) : new Set<string>();
  const declared = new Map<string, Node>();
  for (const statement of program.body) {
    if (statement.type === "FunctionDeclaration") declared.set(statement.id.name, statement);
  }
  // Names that code run before the current statement may read: those its statements mention,
  // and, through hoisting, those in the bodies of top-level functions they mention.
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
        queue.push(...mentionedNames(declaration.body));
      }
    }
  };
  for (const statement of program.body) {
    if (statement.type === "FunctionDeclaration") {
      const name: string = statement.id.name;
      if (early.has(name) || assigned.has(name) || exported.has(name)) kept++;
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
  const got = JSON.stringify(shape(parse(out, PARSE) as Node, new Set()));
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

/**
 * The modules a chunk imports statically (`import ... from`, `export ...
 * from`), as written: what runs before it.
 *
 * @param code A JavaScript module.
 * @returns The import specifiers.
 *
 * @example
 * ```ts
 * import { staticImports } from "./eager_compile.ts";
 * import assert from "node:assert/strict";
 *
 * const code = `import { a } from "./a.js";\nexport { b } from "./b.js";\nawait import("./c.js");\n`;
 * assert.deepEqual(staticImports(code), ["./a.js", "./b.js"]);
 * ```
 */
export function staticImports(code: string): string[] {
  const program = parse(code, PARSE) as Node;
  return program.body
    .filter((s: Node) =>
      (s.type === "ImportDeclaration" || s.type === "ExportNamedDeclaration" ||
        s.type === "ExportAllDeclaration") && s.source
    )
    .map((s: Node) => s.source.value as string);
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

/** The names assigned anywhere (`x = ...`, `x++`): a function's own name must stay assignable. */
function assignedNames(program: Node): Set<string> {
  const names = new Set<string>();
  visit(program, undefined, (node) => {
    const target = node.type === "AssignmentExpression"
      ? node.left
      : node.type === "UpdateExpression"
      ? node.argument
      : undefined;
    if (target?.type === "Identifier") names.add(target.name);
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
    if (statement.type === "ExportDefaultDeclaration" && statement.declaration.id) {
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

const BASE64 = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";

/**
 * A source map's `mappings`, decoded: per generated line, its segments as
 * absolute numbers `[column, source, sourceLine, sourceColumn, name?]`.
 *
 * @param mappings The map's `mappings` string.
 * @returns The segments of each generated line.
 *
 * @example
 * ```ts
 * import { decodeMappings } from "./eager_compile.ts";
 * import assert from "node:assert/strict";
 *
 * assert.deepEqual(decodeMappings(";AAAA,IAAI;AACA"), [[], [[0, 0, 0, 0], [4, 0, 0, 4]], [[0, 0, 1, 4]]]);
 * ```
 */
export function decodeMappings(mappings: string): number[][][] {
  const state = [0, 0, 0, 0];
  return mappings.split(";").map((line) => {
    let column = 0;
    return decodeLine(line).map(([delta, ...rest]) => {
      column += delta;
      return [column, ...rest.map((value, i) => (state[i] += value))];
    });
  });
}

/** Decodes one line of VLQ segments into arrays of numbers (fields relative, as stored). */
function decodeLine(line: string): number[][] {
  const segments: number[][] = [];
  for (const segment of line.split(",")) {
    if (!segment) continue;
    const fields: number[] = [];
    let value = 0;
    let shift = 0;
    for (const char of segment) {
      const digit = BASE64.indexOf(char);
      if (digit < 0) throw new Error(`Cannot read source map: "${char}" is not base64`);
      value += (digit & 31) * 2 ** shift;
      if (digit & 32) shift += 5;
      else {
        fields.push(value % 2 ? -(value - 1) / 2 : value / 2);
        value = 0;
        shift = 0;
      }
    }
    segments.push(fields);
  }
  return segments;
}

/** Encodes one VLQ number. */
function encode(n: number): string {
  let value = n < 0 ? -n * 2 + 1 : n * 2;
  let out = "";
  do {
    const digit = value % 32;
    value = Math.floor(value / 32);
    out += BASE64[digit | (value > 0 ? 32 : 0)];
  } while (value > 0);
  return out;
}

/**
 * The map's `mappings` with each generated column moved by the text
 * inserted before it on its line (an insertion has no newline, so lines stay).
 */
function moveColumns(code: string, map: SourceMap, insertions: readonly Insertion[]): string {
  const lineStarts = [0];
  for (let i = code.indexOf("\n"); i >= 0; i = code.indexOf("\n", i + 1)) lineStarts.push(i + 1);
  // Per line, the inserted lengths by column, sorted.
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
  return map.mappings.split(";").map((line, index) => {
    const moves = byLine.get(index)?.sort((a, b) => a.column - b.column);
    if (!moves) return line;
    let column = 0;
    let previous = 0;
    return decodeLine(line).map(([delta, ...rest]) => {
      column += delta;
      const moved = column + moves.filter((m) => m.column <= column)
        .reduce((n, m) => n + m.length, 0);
      const out = [moved - previous, ...rest].map(encode).join("");
      previous = moved;
      return out;
    }).join(",");
  }).join(";");
}
