import assert from "node:assert/strict";
// Test-only: locked in deno.test.lock, so that running smoke never fetches it.
// deno-lint-ignore no-import-prefix
import { parse, type ParseError, printParseErrorCode } from "npm:jsonc-parser@3.3.1";
import { parseJsonc, positionOfPath } from "./jsonc.ts";

Deno.test("parseJsonc() reads JSONC: comments, trailing commas, escapes, BOM", () => {
  const text =
    '\ufeff// head\n{ "a": [1, -2.5e3, 0,], /* mid */ "b": { "c": "x\\ny\\u00e9\\/", }, }';
  assert.deepEqual(parseJsonc(text), {
    ok: true,
    value: { a: [1, -2500, 0], b: { c: "x\ny\u00e9/" } },
  });
  assert.deepEqual(parseJsonc("[true, false, null]"), { ok: true, value: [true, false, null] });
});

Deno.test("parseJsonc() keeps __proto__ as data, as JSON.parse does", () => {
  const parsed = parseJsonc('{ "__proto__": { "polluted": true } }');
  assert.ok(parsed.ok);
  const value = parsed.value as Record<string, unknown>;
  assert.equal(Object.getPrototypeOf(value), Object.prototype);
  assert.deepEqual(Object.keys(value), ["__proto__"]);
  assert.equal(({} as Record<string, unknown>).polluted, undefined);
});

Deno.test("parseJsonc() names the problem, the token and the position", () => {
  const cases: [string, string, number, number][] = [
    ['{\n  "a": 1\n  "b": 2\n}', 'comma expected near "b"', 3, 3],
    ['{ "a": }', 'value expected near "}"', 1, 8],
    ["{ 'a': 1 }", `property name expected near "'a'"`, 1, 3],
    ['{ "a": tru }', 'invalid symbol near "tru"', 1, 8],
    ['{ "a": 01 }', 'comma expected near "1"', 1, 9],
    ['{ "a": 1', 'closing "}" expected at end of input', 1, 9],
    ["[1, 2", 'closing "]" expected at end of input', 1, 6],
    ['{ "a": "x', 'unexpected end of string near "x', 1, 8],
    ['{ "a": "\\q" }', 'invalid escape character near "\\q"', 1, 9],
    ["{} /* open", "unexpected end of comment at end of input", 1, 11],
    ["{} x", 'end of file expected near "x"', 1, 4],
    ['{ "a": -x }', 'invalid number near "-x"', 1, 8],
  ];
  for (const [text, message, line, column] of cases) {
    const parsed = parseJsonc(text);
    assert.ok(!parsed.ok, text);
    assert.deepEqual(
      { message: parsed.error.message, line: parsed.error.line, column: parsed.error.column },
      { message, line, column },
      text,
    );
  }
  assert.deepEqual(parseJsonc(" // only a comment\n"), {
    ok: false,
    error: { line: 1, column: 1, offset: 0, message: "the file is empty" },
  });
});

Deno.test("parseJsonc() allows JSON's whitespace only, and a leading byte order mark", () => {
  for (const text of ['{"a":\u00a01}', "[1,\f2]", "[1,\u20282]", "{}\ufeff", "[1,\v2]"]) {
    assert.equal(parseJsonc(text).ok, false, JSON.stringify(text));
  }
  assert.deepEqual(parseJsonc("\ufeff{}"), { ok: true, value: {} });
  assert.equal(parseJsonc("\ufeff{}", { strict: true }).ok, false);
});

Deno.test("parseJsonc() in strict mode is plain JSON", () => {
  assert.equal(parseJsonc("[1,]", { strict: true }).ok, false);
  assert.equal(parseJsonc('{"a":1,}', { strict: true }).ok, false);
  assert.equal(parseJsonc("// c\n1", { strict: true }).ok, false);
  assert.deepEqual(parseJsonc('{"a":[1]}', { strict: true }), { ok: true, value: { a: [1] } });
});

Deno.test("parseJsonc() refuses nesting past 1000 levels instead of overflowing", () => {
  const parsed = parseJsonc("[".repeat(100_000));
  assert.ok(!parsed.ok);
  assert.match(parsed.error.message, /nesting deeper than 1000 levels/);
});

Deno.test("positionOfPath() finds values and keys, or the deepest node that exists", () => {
  const text = '{\n  "a": {\n    "b": [10, 20]\n  }\n}';
  assert.deepEqual(positionOfPath(text, ["a", "b", 1]), { line: 3, column: 15 });
  assert.deepEqual(positionOfPath(text, ["a", "b"], { atKey: true }), { line: 3, column: 5 });
  assert.deepEqual(positionOfPath(text, ["a", "missing"]), { line: 2, column: 8 });
  assert.deepEqual(positionOfPath(text, []), { line: 1, column: 1 });
});

/** A small seeded generator, so a failure can be replayed. */
function random(seed: number): (n: number) => number {
  let state = seed;
  return (n) => {
    state = (state * 1103515245 + 12345) & 0x7fffffff;
    return state % n;
  };
}

Deno.test("parseJsonc() agrees with jsonc-parser on 10,000 mutated documents", () => {
  const seeds = [
    '{ "a": 1, "b": [true, false, null], "c": { "d": "x\\ny\\u00e9" } }',
    '// comment\n{\n  "description": "a", /* block */\n  "args": ["--n", "1",],\n  "expect": { "exitCode": 0, },\n}\n',
    '[1, -2.5e3, 0, "s", {}, []]',
    '{"timeoutMs": 5000, "env": {"A": "b"}}',
  ];
  // JSON's own punctuation and whitespace, and whitespace JSON does not allow.
  const alphabet = [...'{}[],:"/*\n a1-.e\\tn0\f\v\u00a0\u2028\ufeff'];
  const next = random(42);
  // Inside a string, jsonc-parser points at the string; this parser at the bad character in
  // it, and at the first of several problems there (a bad escape before a missing quote).
  const inString = [
    "InvalidUnicode",
    "InvalidEscapeCharacter",
    "InvalidCharacter",
    "UnexpectedEndOfString",
  ];
  let invalid = 0;
  for (let k = 0; k < 5000; k++) {
    let text = seeds[next(seeds.length)];
    for (let edits = 1 + next(3); edits > 0; edits--) {
      const at = next(text.length + 1);
      const op = next(3);
      if (op === 0) text = text.slice(0, at) + text.slice(at + 1);
      else if (op === 1) {
        text = text.slice(0, at) + alphabet[next(alphabet.length)] + text.slice(at);
      } else text = text.slice(0, at) + text.slice(at, at + 2) + text.slice(at);
    }
    for (const strict of [false, true]) {
      const errors: ParseError[] = [];
      // A leading byte order mark is allowed in JSONC (as smoke always did), not by jsonc-parser.
      const value = parse(
        strict ? text : text.replace(/^\ufeff/, " "),
        errors,
        strict
          ? { disallowComments: true, allowTrailingComma: false }
          : { allowTrailingComma: true },
      );
      const mine = parseJsonc(text, { strict });
      const where = `${JSON.stringify(text)} (strict: ${strict})`;
      assert.equal(mine.ok, errors.length === 0, where);
      if (mine.ok) {
        assert.deepEqual(mine.value, value, where);
        continue;
      }
      invalid++;
      const theirs = errors[0];
      if (inString.includes(printParseErrorCode(theirs.error))) {
        assert.ok(mine.error.offset >= theirs.offset, where);
        assert.ok(mine.error.offset < theirs.offset + theirs.length, where);
      } else if (mine.error.message !== "the file is empty") {
        assert.equal(mine.error.offset, theirs.offset, where);
      }
    }
  }
  assert.ok(invalid > 5000, `the mutations made ${invalid} invalid documents`);
});
