import assert from "node:assert/strict";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
// Test-only: locked in deno.test.lock with the rest of the test dependencies.
// deno-lint-ignore no-import-prefix
import fc from "npm:fast-check@4.11.0";
import { eagerCompile } from "./eager_compile.ts";
import { decodeMappings, encodeMappings, type SourceMap } from "./source_map.ts";
import { filesUnder } from "./build.ts";

const BUILD = fileURLToPath(new URL("../build", import.meta.url));
const ROOT = fileURLToPath(new URL("..", import.meta.url));

/** Imports a module from its text and returns its `out` export, or the error it threw. */
async function evaluate(code: string): Promise<unknown> {
  const bytes = new TextEncoder().encode(code);
  const url = `data:text/javascript;base64,${btoa(String.fromCharCode(...bytes))}`;
  try {
    return (await import(url)).out;
  } catch (error) {
    return `threw ${(error as Error).name}: ${(error as Error).message}`;
  }
}

/**
 * A generated module: top-level functions and constants in any order, which
 * call each other before and after their definitions (hoisting), through
 * arrows and callbacks, and an `out` that shows every value.
 */
const program = fc.integer({ min: 1, max: 6 }).chain((functions) =>
  fc.tuple(
    fc.shuffledSubarray([...Array(functions).keys()], { minLength: functions }),
    fc.array(fc.integer({ min: 0, max: functions - 1 }), { minLength: 1, maxLength: 6 }),
    fc.array(fc.integer({ min: 0, max: 6 }), { minLength: functions, maxLength: functions }),
    fc.array(fc.integer({ min: 0, max: 10 }), { minLength: 7, maxLength: 7 }),
    fc.array(fc.constantFrom("no", "list", "inline"), {
      minLength: functions,
      maxLength: functions,
    }),
  ).map(([order, consts, forms, positions, exported]) => {
    // Function i calls only functions with a greater index (no recursion) in one of a few forms.
    const body = (i: number) => {
      const next = i + 1 < functions ? `f${i + 1}()` : `${i}`;
      switch (forms[i]) {
        case 0:
          return `return ${next} + 1;`;
        case 1:
          return `return [${i}].map((x) => x + ${next})[0];`;
        case 2:
          return `const g = () => ${next}; return g() * 2;`;
        case 3:
          return `return (function inner(n) { return n + ${next}; })(${i});`;
        case 4:
          return `return { get v() { return ${next}; }, m() { return 1; } }.v + 3;`;
        case 5:
          return `class K { static s = () => ${next}; f = () => 4; } return K.s() + new K().f();`;
        default:
          return `return x + 1;`;
      }
    };
    // Form 6 reads the next function in a default parameter value.
    const params = (i: number) =>
      forms[i] === 6 ? `(x = ${i + 1 < functions ? `f${i + 1}()` : "0"})` : "()";
    // Exported in an export list, or as `export function` (hoisted all the same).
    const statements = order.map((i) =>
      `${exported[i] === "inline" ? "export " : ""}${
        forms[i] === 5 && i % 2 ? "async " : ""
      }function f${i}${params(i)} { ${forms[i] === 5 && i % 2 ? `return 0;` : body(i)} }`
    );
    // Constants read functions defined before or after them.
    consts.forEach((f, n) => {
      const at = Math.min(positions[n] ?? 0, statements.length);
      statements.splice(
        at,
        0,
        `const c${n} = typeof f${f} === "function" ? String(f${f}()) : "x";`,
      );
    });
    const names = consts.map((_, n) => `c${n}`);
    const exports = order.filter((i) => exported[i] === "list").map((i) => `f${i}`);
    return [
      ...statements,
      `export const out = [${names.join(", ")}];`,
      ...(exports.length ? [`export { ${exports.join(", ")} };`] : []),
    ].join("\n") + "\n";
  })
);

Deno.test("eagerCompile: a rewritten module computes what the original does (generated modules)", async () => {
  await fc.assert(
    fc.asyncProperty(program, fc.boolean(), async (code, keepExports) => {
      const eager = eagerCompile(code, { keepExports });
      assert.deepEqual(await evaluate(eager.code), await evaluate(code), eager.code);
    }),
    { numRuns: 200 },
  );
});

Deno.test("eagerCompile: a function read before its statement stays a declaration", () => {
  const direct = eagerCompile("const a = f();\nfunction f() { return 1; }\nexport { a };\n");
  assert.equal(direct.kept, 1);
  assert.match(direct.code, /^function f\(\)/m);
  // Through a hoisted function that an earlier statement calls.
  const hoisted = eagerCompile(
    "const a = g();\nfunction f() { return 1; }\nfunction g() { return f(); }\nexport { a };\n",
  );
  assert.equal(hoisted.declarations, 0);
  assert.equal(hoisted.kept, 2);
  // A property named like it is not a read.
  const property = eagerCompile("const o = { f: 1 };\no.f;\nfunction f() { return 1; }\n");
  assert.equal(property.declarations, 1);
  // Assigned: a named function expression's own name cannot be assigned.
  const assigned = eagerCompile("function f() { f = 2; }\nf();\n");
  assert.equal(assigned.kept, 1);
});

Deno.test("eagerCompile: exports stay declarations in a chunk in an import cycle", () => {
  const code = "function f() { return 1; }\nfunction g() { return 2; }\nexport { f };\n";
  assert.equal(eagerCompile(code).declarations, 2);
  const cyclic = eagerCompile(code, { keepExports: true });
  assert.equal(cyclic.declarations, 1);
  assert.match(cyclic.code, /^function f\(\)/m);
  assert.match(cyclic.code, /^var g = \(function g\(\)/m);
});

Deno.test("eagerCompile: methods, getters and setters are left as they are; arrows in fields are wrapped", () => {
  const code =
    `class A {\n  constructor(x) { this.x = x; }\n  m() { return 1; }\n  get g() { return 2; }\n` +
    `  set s(v) {}\n  static f = () => 3;\n}\nconst o = { m() {}, get g() { return 1; }, p: function () {} };\n`;
  const eager = eagerCompile(code);
  assert.equal(eager.expressions, 2);
  assert.match(eager.code, /static f = \(\(\) => 3\);/);
  assert.match(eager.code, /p: \(function \(\) \{\}\)/);
  assert.match(eager.code, /constructor\(x\)/);
});

Deno.test("eagerCompile: code that does not parse is an error", () => {
  assert.throws(() => eagerCompile("function ("), SyntaxError);
});

Deno.test("eagerCompile: each source map segment still points at its token (generated modules)", () => {
  fc.assert(
    fc.property(program, (code) => {
      // A map with a segment at the start of every word: word at (line, column) came from there.
      const segments = code.split("\n").map((line, l) =>
        [...line.matchAll(/[A-Za-z_$][\w$]*|\d+/g)].map((m) => [m.index!, 0, l, m.index!])
      );
      const map: SourceMap = {
        version: 3,
        sources: ["x.js"],
        names: [],
        mappings: encodeMappings(segments),
      };
      const eager = eagerCompile(code, { map });
      const before = code.split("\n");
      const after = eager.code.split("\n");
      const word = (line: string, column: number) =>
        /^[A-Za-z_$][\w$]*|^\d+/.exec(line.slice(column))?.[0];
      decodeMappings(eager.map!.mappings).forEach((line, l) => {
        for (const [column, , sourceLine, sourceColumn] of line) {
          assert.equal(word(after[l], column), word(before[sourceLine], sourceColumn));
        }
      });
    }),
    { numRuns: 300 },
  );
});

Deno.test("eagerCompile: cases found in review run the same both ways", async () => {
  const cases = [
    // A parameter default of a hoisted function called early.
    "const a = g();\nfunction g(x = f()) { return x; }\nfunction f() { return 1; }\nexport const out = a;\n",
    "const a = g();\nfunction g({ x } = { x: f() }) { return x; }\nfunction f() { return 2; }\nexport const out = a;\n",
    // An exported function called early, or the default export.
    "const a = d();\nfunction f() { return 1; }\nexport function d() { return f(); }\nexport const out = a;\n",
    "const a = d();\nfunction f() { return 1; }\nexport default function d() { return f(); }\nexport const out = a;\n",
    "export default f;\nfunction f() { return 1; }\nexport const out = 1;\n",
    // A function that writes its own name, by destructuring or a for-of.
    "function f() { [f] = [() => 2]; return 1; }\nexport const out = [f(), f()];\n",
    "function f() { for (f of [() => 3]); return 1; }\nexport const out = [f(), f()];\n",
    "function f() { return typeof f; }\nconst g = f;\n[f] = [1];\nexport const out = g();\n",
    "function f() { ({ f } = { f: () => 4 }); return 1; }\nexport const out = [f(), f()];\n",
    // A direct eval.
    'const a = eval("f()");\nfunction f() { return 1; }\nexport const out = a;\n',
    // A BigInt literal.
    "function f() { return 1n; }\nexport const out = String(f());\n",
  ];
  for (const code of cases) {
    const eager = eagerCompile(code);
    assert.deepEqual(await evaluate(eager.code), await evaluate(code), eager.code);
  }
});

Deno.test("eagerCompile: in an import cycle, what the exports reach stays hoisted", async () => {
  const dir = await Deno.makeTempDir();
  try {
    const a = `import { b } from "./b.js";\nfunction helper() { return 1; }\n` +
      `function g() { return helper(); }\nexport { g };\nexport const out = b;\n`;
    await Deno.writeTextFile(
      join(dir, "b.js"),
      `import { g } from "./a.js";\nexport const b = g();\n`,
    );
    await Deno.writeTextFile(join(dir, "a.js"), eagerCompile(a, { keepExports: true }).code);
    assert.equal((await import(`file://${dir}/a.js`)).out, 1);
  } finally {
    await Deno.remove(dir, { recursive: true });
  }
});

Deno.test("eagerCompile: a rewrite that would change the parse is refused", () => {
  // Without semicolons, a wrapped arrow would join the next line: the check catches it.
  assert.throws(() => eagerCompile("f = () => {}\n[1].map(g)\n"), /changed the code/);
  assert.throws(() => eagerCompile("a\nx => x\n"), /changed the code/);
});

Deno.test("build/: every eager function's source map entry names its lib/ line", () => {
  let checked = 0;
  for (const chunk of filesUnder(BUILD).filter((f) => f.endsWith(".js"))) {
    const code = Deno.readTextFileSync(join(BUILD, chunk)).split("\n");
    const map = JSON.parse(Deno.readTextFileSync(join(BUILD, `${chunk}.map`)));
    const mappings = decodeMappings(map.mappings);
    code.forEach((text, l) => {
      const m = /^var (\w+) = \((?:async )?function\*? ?(\w+)\(/.exec(text);
      if (!m) return;
      const column = text.indexOf("(") + 1;
      // The entry covering the `function` keyword (the bundler leaves a few lines unmapped).
      const segment = mappings[l].findLast(([c]) => c <= column);
      if (!segment) return;
      const source = join(BUILD, dirname(chunk), map.sources[segment[1]]);
      assert.ok(source.startsWith(join(ROOT, "lib")), source);
      const line = Deno.readTextFileSync(source).split("\n")[segment[2]];
      // The bundler renames a name two modules share (catalogError2).
      const name = `(?:${m[1]}|${m[1].replace(/\d+$/, "")})`;
      assert.match(line, new RegExp(`function\\*? ?${name}\\b`), `${chunk}:${l + 1} -> ${source}`);
      checked++;
    });
  }
  assert.ok(checked > 100, `only ${checked} functions checked`);
});
