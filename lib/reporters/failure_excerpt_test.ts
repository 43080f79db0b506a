import assert from "node:assert/strict";
// Test-only: locked in deno.test.lock, so that running smoke never fetches it.
// deno-lint-ignore no-import-prefix
import fc from "npm:fast-check@4.11.0";
import {
  type ExcerptInput,
  excerptLines,
  type FailureExcerpt,
  failureExcerpt,
  type Stream,
} from "./failure_excerpt.ts";

/** What `deno test` (2.x) printed for two failing tests, colours stripped as smoke records it. */
const DENO_TEST_STDOUT = `running 3 tests from ./a_test.ts
adds ... FAILED (1ms)
objects ... FAILED (1ms)
passes ... ok (95µs)

 ERRORS 

adds => ./a_test.ts:2:6
error: AssertionError: Expected values to be strictly equal:

2 !== 3

  assert.equal(1 + 1, 3);
         ^
    at file:///tmp/cause/a_test.ts:3:10

objects => ./a_test.ts:5:6
error: AssertionError: Expected values to be strictly deep-equal:
+ actual - expected

  {
    a: 1,
    b: [
      1,
+     2
-     3
    ]
  }

  assert.deepEqual({ a: 1, b: [1, 2] }, { a: 1, b: [1, 3] });
         ^
    at file:///tmp/cause/a_test.ts:6:10

 FAILURES 

adds => ./a_test.ts:2:6
objects => ./a_test.ts:5:6

FAILED | 1 passed | 2 failed (18ms)

`;
const DENO_TEST_STDERR = "error: Test failed\n\nStack backtrace:\n   0: <unknown>\n";
const denoTest = { stdoutTail: DENO_TEST_STDOUT, stderrTail: DENO_TEST_STDERR };

const numbered = (n: number, prefix = "line") =>
  Array.from({ length: n }, (_, i) => `${prefix} ${i}`).join("\n") + "\n";

Deno.test("failureExcerpt() shows deno test's cause from stdout before its own summary", () => {
  const excerpt = failureExcerpt(denoTest, { maxLines: 30, maxBytes: 8192 });
  assert.equal(excerpt.cause, "error: AssertionError: Expected values to be strictly equal:");
  assert.deepEqual(excerpt.blocks.map((b) => b.stream), ["stdout", "stderr"]);
  const [stdout, stderr] = excerpt.blocks;
  assert.equal(stdout.lines[0], "adds => ./a_test.ts:2:6", "the location first");
  assert.equal(stdout.lines[1], excerpt.cause);
  assert.ok(stdout.lines.includes("2 !== 3"), "the lines after the error come with it");
  assert.ok(stdout.lines.includes("+     2") && stdout.lines.includes("-     3"), "the diff");
  assert.ok(
    stdout.lines.includes("error: AssertionError: Expected values to be strictly deep-equal:"),
  );
  assert.deepEqual(stderr.lines, ["error: Test failed"], "deno's noise only with what is left");
  assert.ok(!stdout.lines.some((l) => l.startsWith("FAILED |") || l.includes("... ok (")));
  assert.match(stdout.heading, /^stdout \(error lines, \d+ lines left out\):$/);
  const shown = excerpt.blocks.reduce((n, b) => n + b.lines.filter((l) => !isGap(l)).length, 0);
  assert.equal(excerpt.leftOut, lines(DENO_TEST_STDOUT).length + 4 - shown);
});

Deno.test("failureExcerpt() ranks the cause above deno's summary under any budget", () => {
  for (let maxLines = 4; maxLines <= 60; maxLines++) {
    const all = excerptLines(failureExcerpt(denoTest, { maxLines, maxBytes: 64_000 }));
    const cause = all.indexOf("error: AssertionError: Expected values to be strictly equal:");
    assert.ok(cause > 0, `${maxLines}: ${all.join("\n")}`);
    const noise = all.findIndex((l) => l.startsWith("FAILED |") || l === " FAILURES ");
    if (noise !== -1) {
      assert.ok(all.length > 30, `noise only once the causes are in (${maxLines} lines)`);
    }
  }
  const everything = excerptLines(
    failureExcerpt(denoTest, { maxLines: 200, maxBytes: 64_000, lastLines: 100 }),
  );
  assert.equal(everything[0], "stdout (last lines):");
  assert.ok(everything.includes("FAILED | 1 passed | 2 failed (18ms)"), "all of it when it fits");
});

Deno.test("failureExcerpt() shows a plain stream's last lines and says how many were left out", () => {
  const excerpt = failureExcerpt({ stderrTail: numbered(30) }, { maxLines: 30, maxBytes: 8192 });
  assert.equal(excerpt.cause, undefined);
  assert.deepEqual(excerptLines(excerpt), [
    "stderr (last lines, 18 lines left out):",
    ...lines(numbered(30)).slice(-12),
  ]);
  assert.equal(excerpt.leftOut, 18);
  const short = failureExcerpt({ stderrTail: "db down\n" }, { maxLines: 30, maxBytes: 8192 });
  assert.deepEqual(excerptLines(short), ["stderr (last lines):", "db down"]);
  assert.deepEqual(
    failureExcerpt({ stdoutTail: "\n \n", stderrTail: "" }, {
      maxLines: 30,
      maxBytes: 8192,
    }),
    { blocks: [], leftOut: 0 },
  );
});

Deno.test("failureExcerpt() puts the stream with the error first, else an expectation's, else stderr", () => {
  const opts = { maxLines: 30, maxBytes: 8192 };
  const script = failureExcerpt({
    stdoutTail: numbered(5, "log"),
    stderrTail: "error: Uncaught (in promise) Error: API not reachable on :9\n" +
      "    at file:///app/fixtures/api.smoke.ts:3:9\n",
  }, opts);
  assert.deepEqual(script.blocks.map((b) => b.stream), ["stderr", "stdout"]);
  assert.equal(script.cause, "error: Uncaught (in promise) Error: API not reachable on :9");
  const expectation = failureExcerpt({
    stdoutTail: "nope\n",
    stderrTail: "warming up\n",
    failure: { kind: "expectation", message: 'stdout does not include "ready"' },
  }, opts);
  assert.deepEqual(expectation.blocks.map((b) => b.stream), ["stdout", "stderr"]);
  const plain = failureExcerpt({ stdoutTail: "a\n", stderrTail: "b\n" }, opts);
  assert.deepEqual(plain.blocks.map((b) => b.stream), ["stderr", "stdout"]);
});

Deno.test("failureExcerpt() marks gaps and cuts long lines", () => {
  const text = `${numbered(40)}TypeError: boom\n${numbered(40, "more")}`;
  const excerpt = failureExcerpt({ stderrTail: text }, { maxLines: 16, maxBytes: 8192 });
  assert.deepEqual(excerptLines(excerpt), [
    "stderr (error lines and last lines, 67 lines left out):",
    "line 39",
    "TypeError: boom",
    ...lines(numbered(10, "more")),
    "… (28 lines left out)",
    "more 38",
    "more 39",
  ]);
  assert.equal(excerpt.leftOut, 67);
  const long = failureExcerpt({ stderrTail: "x".repeat(5000) }, {
    maxLines: 4,
    maxBytes: 8192,
    maxLineChars: 100,
  });
  assert.equal(long.blocks[0].lines[0], "x".repeat(99) + "…");
});

// Generated inputs: lines a test runner prints, hostile and odd text, joined into tails.
const LINES = [
  "error: AssertionError: Expected values to be strictly equal:",
  "error: Test failed",
  "FAILED | 0 passed | 1 failed (1ms)",
  "ok | 1 passed | 0 failed (1ms)",
  "adds => ./a_test.ts:2:6",
  "adds ... FAILED (1ms)",
  "Expected 1, actual 2",
  "thread 'main' panicked at src/main.rs:2:5:",
  "Traceback (most recent call last):",
  "    at file:///x.ts:1:1",
  "+ 2",
  "- 3",
  "",
  "   ",
  "… (3 lines left out)",
  "stderr (last lines):",
  "x".repeat(3000),
  "😀".repeat(700),
  "\uD800 lone",
  "a\rb",
  "carriage\r",
  "\x1b[31mred\x1b[0m ::error::x <b>&",
];
const line = fc.oneof(fc.constantFrom(...LINES), fc.string({ unit: "binary", maxLength: 60 }));
const tail = fc.option(
  fc.tuple(fc.array(line, { maxLength: 80 }), fc.boolean())
    .map(([ls, newline]) => ls.join("\n") + (newline ? "\n" : "")),
  { nil: undefined },
);
const input: fc.Arbitrary<ExcerptInput> = fc.record({
  stdoutTail: tail,
  stderrTail: tail,
  failure: fc.option(
    fc.record({
      kind: fc.constantFrom("exit-code", "expectation"),
      message: fc.constantFrom("stdout does not include x", "stderr includes y", "Exited 1"),
    }),
    { nil: undefined },
  ),
});
const bounds = fc.record({
  maxLines: fc.integer({ min: 0, max: 60 }),
  maxBytes: fc.integer({ min: 0, max: 20_000 }),
  lastLines: fc.option(fc.integer({ min: 0, max: 40 }), { nil: undefined }),
  maxLineChars: fc.option(fc.integer({ min: 1, max: 800 }), { nil: undefined }),
});

function lines(text: string | undefined): string[] {
  const all = (text ?? "").split("\n").map((l) => l.endsWith("\r") ? l.slice(0, -1) : l);
  while (all.length && all.at(-1)!.trim() === "") all.pop();
  return all;
}

function isGap(line: string): boolean {
  return /^… \(\d+ lines left out\)$/.test(line);
}

function hasText(text: string | undefined): boolean {
  return lines(text).length > 0;
}

const bytes = (text: string) => new TextEncoder().encode(text).length;

function check(result: ExcerptInput, options: Parameters<typeof failureExcerpt>[1]) {
  const excerpt: FailureExcerpt = failureExcerpt(result, options);
  const all = excerptLines(excerpt);
  assert.ok(all.length <= options.maxLines, `${all.length} lines > ${options.maxLines}`);
  assert.ok(bytes(all.join("\n")) <= options.maxBytes, `over ${options.maxBytes} bytes`);
  const streams = excerpt.blocks.map((b) => b.stream);
  assert.equal(new Set(streams).size, streams.length, "one block per stream");
  let shown = 0;
  for (const block of excerpt.blocks) {
    const input = lines(result[`${block.stream}Tail`]);
    assert.match(
      block.heading,
      /^(stdout|stderr) \((last lines|error lines( and last lines)?)(, \d+ lines? left out)?\):$/,
    );
    assert.ok(block.lines.length > 0, "no empty block");
    // An input line that reads like a gap mark makes marks ambiguous: then only the lines count.
    const ambiguous = input.some(isGap);
    const middleGap = (l: string, i: number) => i > 0 && i < block.lines.length - 1 && isGap(l);
    let next = 0;
    let content = 0;
    block.lines.forEach((l, i) => {
      if (middleGap(l, i)) return;
      content++;
      const match = (x: string) => x === l || (l.endsWith("…") && x.startsWith(l.slice(0, -1)));
      const at = input.findIndex((x, k) => k >= next && match(x));
      assert.ok(
        ambiguous ? input.some(match) : at !== -1,
        `${JSON.stringify(l)} is not a line of ${block.stream}, in order`,
      );
      if (at !== -1) next = at + 1;
    });
    if (!ambiguous) {
      assert.equal(block.leftOut + content, input.length, "the heading counts what is left out");
      shown += content;
    } else shown = NaN;
  }
  const total = lines(result.stdoutTail).length + lines(result.stderrTail).length;
  if (!Number.isNaN(shown)) {
    assert.equal(excerpt.leftOut, total - shown, "leftOut counts every line not shown");
  }
  if (options.maxLines >= 4 && options.maxBytes >= 512) {
    for (const stream of ["stdout", "stderr"] as Stream[]) {
      if (hasText(result[`${stream}Tail`])) {
        assert.ok(streams.includes(stream), `a ${stream} line is kept: ${all.join("\n")}`);
      }
    }
  }
  if (excerpt.cause !== undefined) assert.ok(!excerpt.cause.includes("\n"));
}

Deno.test("failureExcerpt() stays in bounds, never throws, keeps each stream and only its lines", () => {
  fc.assert(fc.property(input, bounds, check), { numRuns: 400 });
});

Deno.test("failureExcerpt() keeps the generated error line that stands out", () => {
  fc.assert(
    fc.property(
      fc.array(fc.constantFrom("log", "", "ok | 1 passed | 0 failed (1ms)"), { maxLength: 200 }),
      fc.array(fc.constantFrom("log", "", "error: Test failed"), { maxLength: 200 }),
      fc.nat(200),
      (before, afterLines, at) => {
        const out: string[] = [...before];
        out.splice(Math.min(at, out.length), 0, "error: NotFound: No such file: data.json");
        const text = [...out, ...afterLines].join("\n");
        const excerpt = failureExcerpt({ stdoutTail: text, stderrTail: "error: Test failed\n" }, {
          maxLines: 12,
          maxBytes: 4096,
        });
        assert.equal(excerpt.cause, "error: NotFound: No such file: data.json");
        assert.equal(excerpt.blocks[0].stream, "stdout");
        assert.ok(excerpt.blocks[0].lines.includes("error: NotFound: No such file: data.json"));
      },
    ),
  );
});
