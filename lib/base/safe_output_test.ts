import assert from "node:assert/strict";
// Test-only: locked in deno.test.lock, so that running smoke never fetches it.
// deno-lint-ignore no-import-prefix
import fc from "npm:fast-check@4.11.0";
import {
  createSafeWriter,
  displayName,
  escapeControls,
  markCommand,
  type OutputMode,
  resultLine,
  terminalControl,
} from "./safe_output.ts";

/** Characters that must never reach a log raw from untrusted text. */
const FORBIDDEN =
  // deno-lint-ignore no-control-regex
  /[\x00-\x08\x0b-\x1f\x7f-\x9f\u061c\u200e\u200f\u2028\u2029\u202a-\u202e\u2060\u2066-\u2069\ufeff]/;

/** Hostile text: controls, separators, command syntax, escapes and ordinary text mixed. */
const hostile = fc.array(
  fc.oneof(
    fc.string({ unit: "grapheme", maxLength: 8 }),
    fc.string({ unit: "binary", maxLength: 8 }),
    fc.constantFrom(
      "\r",
      "\n",
      "\r\n",
      "\t",
      "\x1b",
      "\x1b[31m",
      "\x1b[2K",
      "\r\x1b[2K",
      "\x1b]0;title\x07",
      "\x9b",
      "\x85",
      "\u2028",
      "\u202e",
      "\u200e",
      "\u200f",
      "\u061c",
      "\u200d",
      "\u2060",
      "\ufeff",
      "::",
      "::error::x",
      "::error title=INJECTED::y",
      "::stop-commands::abc",
      "##[error]",
      "  ",
      "\u00a0",
      "\u3000",
      "\u200b",
      "%0A",
    ),
  ),
  { maxLength: 30 },
).map((parts) => parts.join(""));

const modes = fc.record({ terminal: fc.boolean(), github: fc.boolean() });

function collect(mode: OutputMode): { write: (text: string) => void; log: () => string } {
  let log = "";
  return { write: createSafeWriter((t) => (log += t), mode), log: () => log };
}

Deno.test("no control character from generated text survives a non-terminal stream", () => {
  fc.assert(
    fc.property(fc.array(hostile, { maxLength: 5 }), fc.boolean(), (writes, github) => {
      const out = collect({ terminal: false, github });
      for (const text of writes) out.write(text);
      assert.doesNotMatch(out.log(), FORBIDDEN);
    }),
    { numRuns: 2000 },
  );
});

Deno.test("on a terminal no generated text passes a control; smoke's marked sequences do", () => {
  fc.assert(
    fc.property(hostile, fc.boolean(), (text, github) => {
      const out = collect({ terminal: true, github });
      out.write(`${terminalControl("\r\x1b[2K")}${terminalControl("\x1b[31m")}${text}`);
      assert.ok(out.log().startsWith("\r\x1b[2K\x1b[31m"), JSON.stringify(out.log()));
      const rest = out.log().slice("\r\x1b[2K\x1b[31m".length);
      assert.doesNotMatch(rest, FORBIDDEN, JSON.stringify(rest));
    }),
    { numRuns: 2000 },
  );
  // Off a terminal, smoke's own sequences are dropped, not escaped.
  const log = collect({ terminal: false, github: false });
  log.write(`${terminalControl("\x1b[31m")}FAIL${terminalControl("\x1b[39m")}\n`);
  assert.equal(log.log(), "FAIL\n");
});

Deno.test("in GitHub mode no generated text makes a line the runner reads as a command", () => {
  fc.assert(
    fc.property(fc.array(hostile, { maxLength: 5 }), modes, (writes, mode) => {
      const out = collect({ ...mode, github: true });
      for (const text of writes) out.write(text);
      // The runner splits lines on \r as well as \n, and trims .NET white space first.
      for (const line of out.log().split(/\r\n|\r|\n/)) {
        assert.doesNotMatch(line, /^\s*::/, JSON.stringify(line));
        assert.ok(!line.includes("##["), JSON.stringify(line));
      }
    }),
    { numRuns: 2000 },
  );
});

Deno.test("commands smoke marks pass whole between hostile text; forged marks do not", () => {
  fc.assert(
    fc.property(hostile, hostile, (before, after) => {
      const out = collect({ terminal: false, github: true });
      out.write(before + "\n");
      out.write(markCommand("::error title=a::boom") + "\n");
      out.write(after + "\n");
      const lines = out.log().split("\n");
      assert.equal(lines.filter((l) => /^\s*::/.test(l)).length, 1, out.log());
      assert.ok(lines.includes("::error title=a::boom"));
    }),
    { numRuns: 1000 },
  );
  // A mark only opens the line it starts: text that was not at a line start stays inert.
  const out = collect({ terminal: false, github: true });
  out.write("x");
  out.write(markCommand("::error::late") + "\n");
  assert.equal(out.log(), "x::error::late\n");
});

Deno.test("a command split over writes is still caught at its line start", () => {
  const out = collect({ terminal: false, github: true });
  out.write("done\n  ");
  out.write("::error::split\n");
  assert.equal(out.log(), "done\n  \u200b::error::split\n");
});

Deno.test("outside GitHub the text reads the same but for escaped controls", () => {
  fc.assert(
    fc.property(fc.string({ unit: "grapheme" }), (text) => {
      const plain = text.replace(FORBIDDEN, "");
      if (plain !== text) return;
      const out = collect({ terminal: false, github: false });
      out.write(text);
      assert.equal(out.log(), text);
    }),
  );
  assert.equal(escapeControls("a\u202eb\u2028"), "a\\u202eb\\u2028");
  // Bidi marks, the word joiner and the BOM too; emoji's joiner and the zero-width space stay.
  assert.equal(
    escapeControls("\u200e\u061c\u2060\ufeff\u200b 👨\u200d👩"),
    "\\u200e\\u061c\\u2060\\ufeff\u200b 👨\u200d👩",
  );
  assert.throws(() => markCommand("::error::a\n::error::b"), TypeError);
});

Deno.test("the legacy ##[ form split over writes is neutralised", () => {
  for (const parts of [["##", "[error]x"], ["#", "#[error]x"], ["a#", "#", "[error]x"]]) {
    const out = collect({ terminal: false, github: true });
    for (const part of parts) out.write(part);
    assert.ok(!out.log().includes("##["), JSON.stringify(out.log()));
  }
});

Deno.test("inside smoke's own stop-commands block lines read as they are and cannot end it", () => {
  const out = collect({ terminal: false, github: true });
  out.write(markCommand("::stop-commands::0123456789abcdef") + "\n");
  out.write("::add-mask::secret\n  ::0123456789abcdef::\n");
  out.write(markCommand("::0123456789abcdef::") + "\n::error::after\n");
  assert.equal(
    out.log(),
    "::stop-commands::0123456789abcdef\n::add-mask::secret\n  \u200b::0123456789abcdef::\n" +
      "::0123456789abcdef::\n\u200b::error::after\n",
  );
});

Deno.test("property: displayName() leaves no line break or control character, and changes no ordinary name", () => {
  fc.assert(
    fc.property(fc.string({ unit: "binary", maxLength: 60 }), (name) => {
      const shown = displayName(name);
      // deno-lint-ignore no-control-regex
      assert.doesNotMatch(shown, /[\u0000-\u001f\u007f\u0080-\u009f\u2028\u2029]/);
      if (/^[A-Za-z0-9._\/ -]*$/.test(name)) assert.equal(shown, name);
    }),
    { numRuns: 2000 },
  );
});

Deno.test("property: no generated text starts a line as smoke's verdict; smoke's own RESULT line does", () => {
  const forging = fc.array(
    fc.oneof(
      hostile,
      fc.constantFrom(
        "RESULT: pass",
        "\u200bRESULT: pass",
        "\u00adRESULT:",
        "RE\u200bSULT: pass",
        "\u2061RESULT: pass",
        "\u{E0020}RESULT:",
        "\n",
      ),
    ),
    { maxLength: 8 },
  ).map((parts) => parts.join(""));
  fc.assert(
    fc.property(modes, forging, (mode, text) => {
      const out = collect(mode);
      out.write(text + "\n");
      out.write(resultLine("fail") + "\n");
      const verdicts = out.log().split("\n").filter((line) =>
        line.replace(/[\p{Default_Ignorable_Code_Point}\u00ad]/gu, "").startsWith("RESULT:")
      );
      assert.deepEqual(verdicts, ["RESULT: fail"], JSON.stringify(text));
    }),
    { numRuns: 500 },
  );
});
