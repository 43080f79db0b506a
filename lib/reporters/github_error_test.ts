import assert from "node:assert/strict";
// Test-only: locked in deno.test.lock, so that running smoke never fetches it.
// deno-lint-ignore no-import-prefix
import fc from "npm:fast-check@4.11.0";
import { createSafeWriter, markCommand } from "../base/safe_output.ts";
import {
  errorTitle,
  renderErrorAnnotation,
  renderErrorSummary,
  type ReportedError,
} from "./github_error.ts";

/** Hostile text: command syntax, escapes, line breaks, Markdown and HTML mixed with any text. */
const hostile = fc.array(
  fc.oneof(
    fc.string({ unit: "grapheme", maxLength: 8 }),
    fc.string({ unit: "binary", maxLength: 8 }),
    fc.constantFrom(
      "\r",
      "\n",
      "\r\n",
      "%",
      "%0A",
      "%0D",
      "%25",
      "%3A",
      "%2C",
      "::",
      ":",
      ",",
      "::error::x",
      "\r::error::x",
      "::add-mask::s",
      "::stop-commands::abc",
      "##[error]",
      "# heading",
      "- item",
      "> quote",
      "<img src=x>",
      "|",
      "`",
      "```",
    ),
  ),
  { maxLength: 12 },
).map((parts) => parts.join(""));

/** The runner's decoding of a command's data: `%0D`, `%0A`, then `%25`. */
const decodeData = (data: string) =>
  data.replaceAll("%0D", "\r").replaceAll("%0A", "\n").replaceAll("%25", "%");

/** The runner's decoding of a property value: as data, plus `%3A` and `%2C` (before `%25`). */
const decodeProperty = (value: string) =>
  value.replaceAll("%0D", "\r").replaceAll("%0A", "\n").replaceAll("%3A", ":")
    .replaceAll("%2C", ",").replaceAll("%25", "%");

/** Splits an annotation as the runner does: `::error <properties>::<data>`. */
function parseAnnotation(line: string): { properties: string; data: string } {
  const match = /^::error (.*?)::(.*)$/s.exec(line);
  assert.ok(match, line);
  return { properties: match[1], data: match[2] };
}

const preflight: ReportedError = {
  message: 'Cannot read artifact "latest.json": no file at that path',
  code: "ARTIFACT_NOT_FOUND",
  kind: "preflight",
  hints: ["Run the suite first.", "Manual fallback: deno task smoke --fixture <id> ..."],
  diagnosticsPath: ".planning/artifacts/smoke/runs/r1.json",
};

Deno.test("errorTitle() names the code, else the kind; nothing else reaches it", () => {
  assert.equal(errorTitle(preflight), "smoke ARTIFACT_NOT_FOUND");
  assert.equal(errorTitle({ message: "x", kind: "usage", hints: [] }), "smoke usage error");
  // Codes and kinds are smoke's own; anything that is not one is not shown.
  assert.equal(
    errorTitle({ message: "x", code: "A::B,c", kind: "usage", hints: [] }),
    "smoke usage error",
  );
  assert.equal(errorTitle({ message: "x", kind: "a\r::error::b", hints: [] }), "smoke user error");
});

Deno.test("renderErrorAnnotation() puts the title in a property and the message in the data", () => {
  assert.equal(
    renderErrorAnnotation(preflight),
    '::error title=smoke ARTIFACT_NOT_FOUND::Cannot read artifact "latest.json": no file at that path',
  );
  assert.equal(
    renderErrorAnnotation({
      message: "Invalid artifact:\n  a: 100% wrong\r::error::x",
      code: "ARTIFACT_SCHEMA_MISMATCH",
      kind: "preflight",
      hints: ["not in the annotation"],
    }),
    "::error title=smoke ARTIFACT_SCHEMA_MISMATCH::" +
      "Invalid artifact:%0A  a: 100%25 wrong%0D::error::x",
  );
});

Deno.test("renderErrorAnnotation(): any message gives one line that decodes back to it", () => {
  fc.assert(
    fc.property(hostile, fc.option(hostile, { nil: undefined }), hostile, (message, code, kind) => {
      const line = renderErrorAnnotation({ message, code, kind, hints: [] });
      assert.ok(line.startsWith("::error "), line);
      assert.doesNotMatch(line, /[\r\n]/);
      const { properties, data } = parseAnnotation(line);
      assert.equal(decodeData(data), message);
      assert.match(properties, /^title=[^:,]*$/);
      assert.equal(
        decodeProperty(properties.slice("title=".length)),
        errorTitle({
          message,
          code,
          kind,
          hints: [],
        }),
      );
    }),
  );
});

Deno.test("the annotation, written marked through the safe writer, is the log's only command", () => {
  fc.assert(
    fc.property(hostile, (message) => {
      let log = "";
      const write = createSafeWriter((t) => (log += t), { terminal: false, github: true });
      write(`error: ${message}\n`);
      write(markCommand(renderErrorAnnotation({ message, kind: "usage", hints: [] })) + "\n");
      // The runner ends a line at \n, \r\n or a lone \r; a command starts a line.
      const commands = log.split(/\r\n|\r|\n/).filter((l) => /^\s*::/.test(l) || l.includes("##["));
      assert.equal(commands.length, 1, log);
      assert.ok(commands[0].startsWith("::error title=smoke usage error::"), log);
    }),
  );
});

Deno.test("renderErrorSummary() shows the error, each hint and the diagnostics artifact", () => {
  assert.equal(
    renderErrorSummary(preflight),
    [
      "## smoke: error `ARTIFACT_NOT_FOUND`",
      "",
      '**Error:** Cannot read artifact "latest.json": no file at that path',
      "",
      "- hint: Run the suite first.",
      "- hint: Manual fallback: deno task smoke --fixture &lt;id&gt; ...",
      "",
      "Diagnostics artifact: `.planning/artifacts/smoke/runs/r1.json`",
      "",
    ].join("\n"),
  );
  assert.equal(
    renderErrorSummary({ message: "Unknown flag", kind: "usage", hints: [] }),
    "## smoke: usage error\n\n**Error:** Unknown flag\n",
  );
});

Deno.test("renderErrorSummary() escapes hostile text as the run's summary does", () => {
  const markdown = renderErrorSummary({
    message: "# not a heading\n<script>x</script> | a",
    code: "X",
    kind: "preflight",
    hints: ["- not an item\r\n> nor a quote"],
    diagnosticsPath: "runs/a`b\n## c.json",
  });
  assert.equal(
    markdown,
    [
      "## smoke: error `X`",
      "",
      "**Error:** # not a heading<br>&lt;script&gt;x&lt;/script&gt; \\| a",
      "",
      "- hint: - not an item<br>&gt; nor a quote",
      "",
      "Diagnostics artifact: `runs/a'b ## c.json`",
      "",
    ].join("\n"),
  );
});

Deno.test("renderErrorSummary(): untrusted text never starts a line nor opens HTML", () => {
  const fixed =
    /^(?:## smoke: (?:error `[A-Z][A-Z0-9_]*`|[a-z]+ error)|\*\*Error:\*\* .*|- hint: .*|Diagnostics artifact: `[^`]*`|)$/;
  fc.assert(
    fc.property(
      hostile,
      fc.option(hostile, { nil: undefined }),
      hostile,
      fc.array(hostile, { maxLength: 3 }),
      fc.option(hostile, { nil: undefined }),
      (message, code, kind, hints, diagnosticsPath) => {
        const markdown = renderErrorSummary({ message, code, kind, hints, diagnosticsPath });
        for (const line of markdown.split("\n")) {
          assert.match(line, fixed);
          // A code span shows its text as it is: HTML in it is not HTML.
          const outsideCode = line.startsWith("Diagnostics artifact: ") ? "" : line;
          assert.doesNotMatch(outsideCode.replaceAll("<br>", ""), /</);
        }
        assert.equal(
          markdown.split("\n").filter((l) => l.startsWith("- hint: ")).length,
          hints.length,
        );
      },
    ),
  );
});

Deno.test("renderErrorSummary() fits its byte budget: long texts are cut, then it is left out", () => {
  const long: ReportedError = { ...preflight, hints: ["x".repeat(5000)] };
  const full = renderErrorSummary(long);
  assert.ok(full.includes("x".repeat(3999) + "…"), "a text is cut at 4000 characters");
  const cut = renderErrorSummary(long, { maxBytes: 1000 });
  assert.ok(cut.includes("- hint: " + "x".repeat(499) + "…\n"), cut);
  assert.ok(new TextEncoder().encode(cut).length <= 1000);
  assert.equal(renderErrorSummary(long, { maxBytes: 100 }), "");
  assert.equal(renderErrorSummary(preflight, { maxBytes: 0 }), "");
});
