import assert from "node:assert/strict";
import { parseManifest } from "./manifest.ts";
import { formatUserError, UserError } from "../base/errors.ts";
import { displayName } from "../base/safe_output.ts";
// Test-only: locked in deno.test.lock, so that running smoke never fetches it.
// deno-lint-ignore no-import-prefix
import fc from "npm:fast-check@4.11.0";

Deno.test('parseManifest() refuses an empty "skip" reason, listed with the file\'s other problems', () => {
  for (const skip of ['""', '"  "']) {
    assert.throws(
      () => parseManifest(`{ "command": "true", "skip": ${skip} }`, "a.smoke.jsonc"),
      (error: Error) => {
        assert.equal(
          error.message,
          'Invalid manifest "a.smoke.jsonc":\n' +
            "  line 1, column 14: command: expected array, received string\n" +
            `  line 1, column 30: skip: expected a reason such as "waiting for staging", or true: ` +
            "an empty one says nothing",
        );
        return true;
      },
    );
  }
  for (const skip of ["true", "false", '"waiting for staging"']) {
    assert.ok(parseManifest(`{ "command": ["true"], "skip": ${skip} }`, "a.smoke.jsonc"));
  }
});

Deno.test("parseManifest() property: each problem is one line, whatever a key or value holds", () => {
  // A manifest may come with a pull request: a newline in a key or a value must not start a line of
  // its own (a forged `error:` or `RESULT:` line) when the problems are printed.
  const unit = fc.constantFrom("a", "\n", "\r", "\t", "\x1b", "\u2028", "\u202e", " ", ":", "e");
  fc.assert(
    fc.property(
      fc.string({ unit, minLength: 1, maxLength: 12 }),
      fc.string({ unit, maxLength: 12 }),
      (key, value) => {
        const manifest = {
          command: ["true"],
          [key]: 1,
          env: { [key]: 5 },
          cwd: value,
          tags: [value],
        };
        let message = "";
        try {
          parseManifest(JSON.stringify(manifest), "a.smoke.jsonc");
        } catch (error) {
          if (!(error instanceof UserError)) throw error;
          message = formatUserError(error);
        }
        assert.notEqual(message, "", "the unknown key is refused");
        for (const line of message.split("\n")) {
          assert.equal(displayName(line), line, `a problem line holds raw text: ${line}`);
          assert.match(line, /^(error: |hint: | {2}line \d+, column \d+: )/, line);
        }
      },
    ),
    { numRuns: 300 },
  );
});
