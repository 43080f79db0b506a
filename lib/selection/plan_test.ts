import assert from "node:assert/strict";
// Test-only: locked in deno.test.lock, so that running smoke never fetches it.
// deno-lint-ignore no-import-prefix
import fc from "npm:fast-check@4.11.0";
import { fixtureArgument, shellQuote } from "./plan.ts";

/** What a POSIX shell makes of one quoted word: single quotes, `\'`, and `$'...'` escapes. */
function unquote(word: string): string {
  let out = "";
  let i = 0;
  while (i < word.length) {
    if (word.startsWith("$'", i)) {
      i += 2;
      while (word[i] !== "'") {
        if (word[i] === "\\") {
          const next = word[i + 1];
          if (next === "x") {
            out += String.fromCharCode(parseInt(word.slice(i + 2, i + 4), 16));
            i += 4;
          } else {
            out += ({ n: "\n", t: "\t", r: "\r", "\\": "\\", "'": "'" } as Record<string, string>)[
              next
            ];
            i += 2;
          }
        } else out += word[i++];
      }
      i++;
    } else if (word[i] === "'") {
      const end = word.indexOf("'", i + 1);
      out += word.slice(i + 1, end);
      i = end + 1;
    } else if (word[i] === "\\") {
      out += word[i + 1];
      i += 2;
    } else out += word[i++];
  }
  return out;
}

Deno.test("shellQuote() never prints a control character, and the shell reads back each argument", () => {
  const arg = fc.string({
    unit: fc.constantFrom("a", " ", "'", "\n", "\t", "\r", "\x1b", "\x7f", "$", "\\", "é"),
  });
  fc.assert(
    fc.property(fc.array(arg, { minLength: 1, maxLength: 4 }), (argv) => {
      const quoted = shellQuote(argv);
      // deno-lint-ignore no-control-regex
      assert.doesNotMatch(quoted, /[\u0000-\u001f\u007f]/);
      // One word per argument (no argument here holds a space outside quotes once quoted).
      const words = argv.map((a) => shellQuote([a]));
      assert.equal(words.join(" "), quoted);
      for (const [i, word] of words.entries()) assert.equal(unquote(word), argv[i]);
    }),
    { numRuns: 2000 },
  );
  // Plain arguments are printed as before.
  assert.equal(shellQuote(["echo", "a b", "it's"]), `echo 'a b' 'it'\\''s'`);
  assert.equal(shellQuote(["d\nRESULT: pass"]), `$'d\\nRESULT: pass'`);
});

Deno.test("shellQuote(): bash reads the printed line back as the same arguments", async () => {
  const arg = fc.string({
    unit: fc.constantFrom("a", " ", "'", "\n", "\t", "\r", "\x1b", "\x01", "$", "\\", '"', "é"),
  });
  await fc.assert(
    fc.asyncProperty(fc.array(arg, { minLength: 1, maxLength: 3 }), async (argv) => {
      const { stdout } = await new Deno.Command("bash", {
        args: ["-c", `printf '%s\\0' ${shellQuote(argv)}`],
        stdout: "piped",
      }).output();
      assert.deepEqual(new TextDecoder().decode(stdout).split("\0").slice(0, -1), argv);
    }),
    { numRuns: 40 },
  );
});

Deno.test('fixtureArgument() passes an id that starts with "-" after =', () => {
  assert.equal(fixtureArgument("api/health"), "--fixture api/health");
  assert.equal(fixtureArgument("-rf"), "--fixture=-rf");
});
