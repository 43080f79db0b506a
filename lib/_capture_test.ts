import assert from "node:assert/strict";
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
