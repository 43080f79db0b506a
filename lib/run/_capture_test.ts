import assert from "node:assert/strict";
import { Buffer } from "node:buffer";
// Test-only: locked in deno.test.lock, so that running smoke never fetches it.
// deno-lint-ignore no-import-prefix
import fc from "npm:fast-check@4.11.0";
import { StreamCapture, stripAnsi } from "./_capture.ts";

const bytes = (text: string) => new TextEncoder().encode(text);

Deno.test("StreamCapture keeps everything under the limit", () => {
  const capture = new StreamCapture(100);
  capture.push(bytes("hello "));
  capture.push(bytes("world"));
  assert.equal(capture.tail(), "hello world");
  assert.equal(capture.bytes, 11);
});

Deno.test("StreamCapture keeps only the last bytes and says how many were left out", () => {
  const capture = new StreamCapture(10);
  for (let i = 0; i < 1000; i++) capture.push(bytes("0123456789"));
  assert.equal(capture.bytes, 10_000);
  assert.equal(capture.tail(), "[... 9990 earlier bytes of 10000 not kept ...]\n0123456789");
});

Deno.test("StreamCapture keeps a character split across chunks intact", () => {
  const euro = bytes("€"); // 3 bytes
  const capture = new StreamCapture(100);
  capture.push(bytes("a"));
  capture.push(euro.subarray(0, 1));
  capture.push(euro.subarray(1));
  capture.push(bytes("b"));
  assert.equal(capture.tail(), "a€b");
});

Deno.test("StreamCapture drops a character cut by the tail limit, and replaces invalid bytes", () => {
  const capture = new StreamCapture(4);
  capture.push(bytes("x€€")); // 7 bytes; the last 4 start inside the first €
  assert.match(capture.tail(), /\n€$/);
  const invalid = new StreamCapture(10);
  invalid.push(new Uint8Array([0x61, 0xff, 0x62]));
  assert.equal(invalid.tail(), "a\uFFFDb");
});

Deno.test("StreamCapture finds needles across chunk borders, in all the output", () => {
  const capture = new StreamCapture(8, ["needle", "absent"]);
  capture.push(bytes("xxxxnee"));
  capture.push(bytes("dlexxxx"));
  for (let i = 0; i < 100; i++) capture.push(bytes("filler-filler"));
  assert.deepEqual(capture.found, [true, false]);
});

Deno.test("stripAnsi() removes colours, cursor moves and OSC titles", () => {
  assert.equal(stripAnsi("\x1b[31mred\x1b[0m \x1b[2K\x1b]0;title\x07done"), "red done");
  assert.equal(
    stripAnsi("a\x1bcb\x1b7c\x1b8d\x1b=e\x1b(Bf\x1bP1$r\x1b\\g"),
    "abcdefg",
    "resets, saves, charsets, DCS",
  );
});

Deno.test("StreamCapture copies what it keeps: the caller may reuse its buffer", () => {
  const capture = new StreamCapture(8, ["cdef"]);
  const buffer = new Uint8Array(5);
  for (const text of ["abc", "defgh", "ij"]) {
    buffer.set(bytes(text));
    capture.push(buffer.subarray(0, text.length));
    buffer.fill(0x7a); // "z": scribble over the chunk after each push
  }
  assert.equal(capture.tail(), "[... 2 earlier bytes of 10 not kept ...]\ncdefghij");
  assert.deepEqual(capture.found, [true]);
});

/** Output cut into chunks at the given (sorted, deduplicated) offsets. */
function split(output: Uint8Array, cuts: number[]): Uint8Array[] {
  const points = [...new Set(cuts.map((c) => c % (output.length + 1)))].sort((a, b) => a - b);
  const chunks: Uint8Array[] = [];
  let from = 0;
  for (const to of [...points, output.length]) {
    chunks.push(output.subarray(from, to));
    from = to;
  }
  return chunks;
}

/** Bytes over a small alphabet, so that needles occur and nearly occur. */
const smallBytes = (maxLength: number) =>
  fc.uint8Array({ min: 0x61, max: 0x63, maxLength }).map((b) => new Uint8Array(b));

Deno.test("property: a needle planted in the output is found whatever the chunk borders", () => {
  fc.assert(
    fc.property(
      smallBytes(200),
      smallBytes(60).filter((n) => n.length > 0),
      smallBytes(200),
      fc.array(fc.nat(), { maxLength: 30 }),
      (before, needle, after, cuts) => {
        const output = new Uint8Array([...before, ...needle, ...after]);
        const capture = new StreamCapture(16, [new TextDecoder().decode(needle)]);
        for (const chunk of split(output, cuts)) capture.push(chunk);
        assert.deepEqual(capture.found, [true]);
      },
    ),
  );
});

Deno.test("property: each needle is found exactly when the whole output holds it", () => {
  fc.assert(
    fc.property(
      smallBytes(400),
      fc.array(smallBytes(12), { minLength: 1, maxLength: 4 }),
      fc.array(fc.nat(), { maxLength: 60 }),
      (output, needles, cuts) => {
        const texts = needles.map((n) => new TextDecoder().decode(n));
        const capture = new StreamCapture(8, texts);
        for (const chunk of split(output, cuts)) capture.push(chunk);
        const whole = Buffer.from(output);
        assert.deepEqual(capture.found, texts.map((t) => whole.includes(Buffer.from(t))));
      },
    ),
  );
});

Deno.test("property: the matcher's memory is set by the needles, and its work is linear in the output", () => {
  fc.assert(
    fc.property(
      fc.array(smallBytes(64), { minLength: 1, maxLength: 3 }),
      fc.array(smallBytes(300), { maxLength: 40 }),
      (needles, chunks) => {
        const texts = needles.map((n) => new TextDecoder().decode(n));
        const capture = new StreamCapture(8, texts);
        const needleBytes = needles.reduce((sum, n) => sum + n.length, 0);
        const held = capture.matcherBytes;
        assert.ok(held <= 5 * needleBytes, `${held} bytes held for ${needleBytes} of needles`);
        let output = 0;
        for (const chunk of chunks) {
          capture.push(chunk);
          output += chunk.length;
          assert.equal(capture.matcherBytes, held, "memory does not grow with the output");
          // However the output is cut: no needle-sized rescan per chunk.
          assert.ok(
            capture.matcherSteps <= needles.length * 2 * output,
            `${capture.matcherSteps} steps for ${output} bytes`,
          );
        }
      },
    ),
  );
});

Deno.test("StreamCapture: a 4096-byte needle costs steps in proportion to the output, in 1-byte or large chunks", () => {
  const needle = "ab".repeat(2048);
  const capture = new StreamCapture(8, [needle]);
  const one = new Uint8Array(1);
  for (let i = 0; i < 20_000; i++) {
    one[0] = i % 2 === 0 ? 0x61 : 0x62;
    capture.push(one);
    if (i === 4094) assert.deepEqual(capture.found, [false]);
  }
  assert.deepEqual(capture.found, [true]);
  assert.ok(capture.matcherSteps <= 2 * 20_000, `${capture.matcherSteps} steps`);
  // The worst case of a naive search: "x…xy" against "x…x", 64 KiB at a time.
  const worst = new StreamCapture(8, ["x".repeat(4095) + "y"]);
  const xs = new Uint8Array(64 * 1024).fill(0x78);
  for (let i = 0; i < 16; i++) worst.push(xs);
  assert.deepEqual(worst.found, [false]);
  assert.ok(worst.matcherSteps <= 2 * 16 * xs.length, `${worst.matcherSteps} steps`);
});

Deno.test("StreamCapture: a stream that printed nothing has an empty tail; a kept tail decodes the same each time", () => {
  assert.equal(new StreamCapture(1024).tail(), "");
  const capture = new StreamCapture(1024);
  capture.push(new TextEncoder().encode("a\u20ac"));
  assert.equal(capture.tail(), "a\u20ac");
  assert.equal(capture.tail(), "a\u20ac");
});
