import assert from "node:assert/strict";
// Test-only: locked in deno.test.lock, so that running smoke never fetches it.
// deno-lint-ignore no-import-prefix
import fc from "npm:fast-check@4.11.0";
import {
  formatBytes,
  MAX_INPUT_BYTES,
  readRegularFile,
  readRegularFileSync,
  readRegularTextFile,
  readRegularTextFileSync,
} from "./read_input.ts";

const options = { maxBytes: MAX_INPUT_BYTES, what: "manifest" };

async function mkfifo(path: string): Promise<void> {
  const out = await new Deno.Command("mkfifo", { args: [path] }).output();
  assert.ok(out.success, "mkfifo failed");
}

Deno.test("special files are refused by their type, without being opened", async () => {
  const dir = await Deno.makeTempDir();
  try {
    await mkfifo(`${dir}/pipe`);
    await Deno.symlink(`${dir}/pipe`, `${dir}/link`);
    for (const path of [`${dir}/pipe`, `${dir}/link`]) {
      // A sync read that opened the FIFO would block this thread for good; the e2e
      // tests run that case under a guard. The async read is raced against a timer.
      const sync = readRegularTextFileSync(path, options);
      assert.equal(sync.ok ? "" : sync.reason, "it is a FIFO, not a regular file");
      let timer: ReturnType<typeof setTimeout> | undefined;
      const read = await Promise.race([
        readRegularTextFile(path, options),
        new Promise<"hung">((resolve) => (timer = setTimeout(() => resolve("hung"), 10_000))),
      ]);
      clearTimeout(timer);
      assert.notEqual(read, "hung", "the async read opened the FIFO");
      assert.equal(
        read !== "hung" && !read.ok ? read.reason : "",
        "it is a FIFO, not a regular file",
      );
    }
    const zero = readRegularFileSync("/dev/zero", options);
    assert.equal(zero.ok ? "" : zero.reason, "it is a character device, not a regular file");
    const folder = await readRegularFile(dir, options);
    assert.equal(folder.ok ? "" : folder.reason, "it is a directory");
  } finally {
    await Deno.remove(dir, { recursive: true });
  }
});

Deno.test("missing paths, loops and long names are problems, never throws", async () => {
  const dir = await Deno.makeTempDir();
  try {
    await Deno.writeTextFile(`${dir}/file`, "x");
    await Deno.symlink(`${dir}/b`, `${dir}/a`);
    await Deno.symlink(`${dir}/a`, `${dir}/b`);
    const cases: [string, string, string][] = [
      [`${dir}/none`, "missing", "it does not exist"],
      [`${dir}/file/below`, "missing", "it does not exist"],
      [`${dir}/a`, "io", "too many levels of symbolic links (a symlink loop)"],
      [`${dir}/${"x".repeat(5000)}`, "io", "the path is too long (ENAMETOOLONG)"],
    ];
    for (const [path, kind, reason] of cases) {
      for (
        const read of [readRegularFileSync(path, options), await readRegularFile(path, options)]
      ) {
        assert.ok(!read.ok);
        assert.equal(read.problem.kind, kind, path.slice(0, 80));
        assert.equal(read.reason, reason);
      }
    }
  } finally {
    await Deno.remove(dir, { recursive: true });
  }
});

Deno.test({
  name: "a file larger than its stat said is cut at the limit plus one byte",
  ignore: Deno.build.os !== "linux",
  fn: async () => {
    // /proc files report size 0 and hold more: the stat cannot be trusted.
    const limited = { maxBytes: 16, what: "manifest" };
    const sync = readRegularFileSync("/proc/self/status", limited);
    assert.ok(!sync.ok && sync.problem.kind === "too-large");
    assert.equal(sync.problem.size, 17);
    assert.equal(sync.problem.atLeast, true);
    assert.equal(sync.reason, "it is over the 16 bytes limit for a manifest");
    const whole = await readRegularTextFile("/proc/self/status", options);
    assert.ok(whole.ok);
    assert.match(whole.value, /^Name:/);
  },
});

Deno.test("reads give back exactly the bytes within the limit, and refuse more (generated)", async () => {
  const dir = await Deno.makeTempDir();
  try {
    await fc.assert(
      fc.asyncProperty(
        fc.uint8Array({ maxLength: 300 }),
        fc.integer({ min: 0, max: 300 }),
        async (bytes, maxBytes) => {
          await Deno.writeFile(`${dir}/f`, bytes);
          const limited = { maxBytes, what: "config" };
          for (
            const read of [
              readRegularFileSync(`${dir}/f`, limited),
              await readRegularFile(`${dir}/f`, limited),
            ]
          ) {
            if (bytes.length <= maxBytes) {
              assert.ok(read.ok);
              assert.deepEqual(read.value, bytes);
            } else {
              assert.ok(!read.ok);
              assert.equal(read.problem.kind, "too-large");
            }
          }
          let expected: string | undefined;
          try {
            expected = new TextDecoder("utf-8", { fatal: true }).decode(bytes);
          } catch {
            expected = undefined;
          }
          const text = readRegularTextFileSync(`${dir}/f`, { maxBytes: 300, what: "config" });
          assert.equal(text.ok ? text.value : undefined, expected);
          if (!text.ok) assert.equal(text.reason, "it is not valid UTF-8 text");
        },
      ),
      { numRuns: 200 },
    );
  } finally {
    await Deno.remove(dir, { recursive: true });
  }
});

Deno.test("without a stat, a file over the limit is still refused, with its size", async () => {
  const dir = await Deno.makeTempDir();
  try {
    await Deno.writeFile(`${dir}/big.jsonc`, new Uint8Array(3 * 1024 * 1024));
    const known = { ...options, knownRegularFile: true };
    for (
      const read of [
        readRegularFileSync(`${dir}/big.jsonc`, known),
        await readRegularFile(`${dir}/big.jsonc`, known),
      ]
    ) {
      assert.equal(read.ok ? "" : read.reason, "it is 3 MiB, over the 1 MiB limit for a manifest");
    }
    // Just over: rounded, the size would read as the limit itself.
    await Deno.writeFile(`${dir}/edge.jsonc`, new Uint8Array(1024 * 1024 + 1));
    for (const opts of [options, known]) {
      const edge = readRegularFileSync(`${dir}/edge.jsonc`, opts);
      assert.equal(
        edge.ok ? "" : edge.reason,
        "it is 1048577 bytes, over the 1048576-byte limit for a manifest",
      );
    }
    await Deno.writeTextFile(`${dir}/small.jsonc`, "x".repeat(5000));
    const small = readRegularTextFileSync(`${dir}/small.jsonc`, known);
    assert.equal(small.ok ? small.value.length : 0, 5000, "grows past the first buffer");
  } finally {
    await Deno.remove(dir, { recursive: true });
  }
});

Deno.test("formatBytes() uses binary units", () => {
  assert.equal(formatBytes(0), "0 bytes");
  assert.equal(formatBytes(1), "1 byte");
  assert.equal(formatBytes(1024), "1 KiB");
  assert.equal(formatBytes(1536), "1.5 KiB");
  assert.equal(formatBytes(MAX_INPUT_BYTES), "1 MiB");
  assert.equal(formatBytes(64 * 1024 * 1024), "64 MiB");
});

Deno.test("without a stat, reads of any size around the first buffer give back exactly the bytes, and never share them (generated)", async () => {
  const dir = await Deno.makeTempDir();
  try {
    const size = fc.oneof(
      fc.integer({ min: 0, max: 300 }),
      fc.integer({ min: 65536 - 3, max: 65536 + 3 }),
      fc.integer({ min: 2 * 65536 - 2, max: 2 * 65536 + 70000 }),
    );
    fc.assert(
      fc.property(size, size, fc.integer({ min: 0, max: 200_000 }), (a, b, maxBytes) => {
        const first = new Uint8Array(a).map((_, i) => (i * 7 + 1) & 0xff);
        const second = new Uint8Array(b).map((_, i) => (i * 13 + 5) & 0xff);
        Deno.writeFileSync(`${dir}/a`, first);
        Deno.writeFileSync(`${dir}/b`, second);
        const known = { maxBytes, what: "manifest", knownRegularFile: true };
        const readA = readRegularFileSync(`${dir}/a`, known);
        const readB = readRegularFileSync(`${dir}/b`, known);
        for (const [read, bytes] of [[readA, first], [readB, second]] as const) {
          if (bytes.length <= maxBytes) {
            assert.ok(read.ok);
            assert.deepEqual(read.value, bytes, "a read's bytes stay its own");
          } else {
            assert.ok(!read.ok);
            assert.equal(read.problem.kind, "too-large");
            assert.equal(read.problem.kind === "too-large" && read.problem.size, bytes.length);
          }
        }
      }),
      { numRuns: 150 },
    );
  } finally {
    await Deno.remove(dir, { recursive: true });
  }
});
