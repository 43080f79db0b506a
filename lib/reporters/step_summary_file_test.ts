import assert from "node:assert/strict";
import { closeSync, constants, openSync } from "node:fs";
import { join } from "node:path";
// Test-only: locked in deno.test.lock, so that running smoke never fetches it.
// deno-lint-ignore no-import-prefix
import fc from "npm:fast-check@4.11.0";
import { appendStepSummary, openForAppend } from "./step_summary_file.ts";

async function mkfifo(path: string): Promise<void> {
  assert.ok((await new Deno.Command("mkfifo", { args: [path] }).output()).success);
}

/** What can stand at the step summary's path. */
const KINDS = [
  "missing",
  "file",
  "directory",
  "fifo",
  "fifo with a reader",
  "link to fifo",
] as const;
type Kind = (typeof KINDS)[number];

/** Makes `kind` at `path`; returns what to close afterwards. */
async function make(kind: Kind, path: string, before: string): Promise<() => void> {
  switch (kind) {
    case "missing":
      return () => {};
    case "file":
      await Deno.writeTextFile(path, before);
      return () => {};
    case "directory":
      await Deno.mkdir(path);
      return () => {};
    case "fifo":
      await mkfifo(path);
      return () => {};
    case "fifo with a reader": {
      await mkfifo(path);
      const reader = openSync(path, constants.O_RDONLY | constants.O_NONBLOCK);
      return () => closeSync(reader);
    }
    case "link to fifo":
      await mkfifo(`${path}.target`);
      await Deno.symlink(`${path}.target`, path);
      return () => {};
  }
}

Deno.test("appendStepSummary() appends to a regular or missing file only, and never blocks", async () => {
  const dir = await Deno.makeTempDir();
  try {
    let n = 0;
    await fc.assert(
      fc.asyncProperty(
        fc.constantFrom(...KINDS),
        fc.string({ unit: "grapheme", maxLength: 40 }),
        fc.string({ unit: "grapheme", minLength: 1, maxLength: 40 }),
        async (kind, before, text) => {
          const path = join(dir, `summary-${n++}`);
          const close = await make(kind, path, before);
          try {
            let seen: number | undefined;
            const result = await appendStepSummary(path, (used) => {
              seen = used;
              return text;
            });
            if (kind === "missing" || kind === "file") {
              const prior = kind === "file" ? before : "";
              assert.equal(seen, new TextEncoder().encode(prior).length, "the bytes already there");
              assert.deepEqual(result, {
                ok: true,
                written: new TextEncoder().encode(text).length,
              });
              assert.equal(await Deno.readTextFile(path), prior + text);
            } else {
              assert.equal(seen, undefined, "nothing is rendered for a refused file");
              assert.deepEqual(result, {
                ok: false,
                reason: kind === "directory" ? "it is a directory" : "it is a FIFO",
              });
            }
          } finally {
            close();
          }
        },
      ),
      { numRuns: 60 },
    );
  } finally {
    await Deno.remove(dir, { recursive: true });
  }
});

Deno.test("openForAppend() checks again after the open: a FIFO that replaced the file is refused", async () => {
  const dir = await Deno.makeTempDir();
  try {
    // What the stat saw was a file; by the open it is a FIFO (with and without a reader).
    const fifo = join(dir, "summary.md");
    await mkfifo(fifo);
    assert.deepEqual(openForAppend(fifo), { ok: false, reason: "it is a FIFO" }, "no reader");
    const reader = openSync(fifo, constants.O_RDONLY | constants.O_NONBLOCK);
    try {
      assert.deepEqual(openForAppend(fifo), { ok: false, reason: "it is a FIFO" }, "a reader");
    } finally {
      closeSync(reader);
    }
    // A folder on the path that is missing: the reason a user can act on.
    const missing = await appendStepSummary(join(dir, "no/such/summary.md"), () => "x");
    assert.deepEqual(missing, { ok: false, reason: "its folder does not exist" });
  } finally {
    await Deno.remove(dir, { recursive: true });
  }
});

Deno.test("appendStepSummary(): /dev/null (a character device) is written as it is, never refused", async () => {
  if (Deno.build.os !== "linux") return;
  const before = await Deno.stat("/dev/null");
  const done = await appendStepSummary("/dev/null", () => "## smoke\n");
  assert.deepEqual(done, { ok: true, written: 9 });
  const after = await Deno.stat("/dev/null");
  assert.ok(after.isCharDevice, "still the device");
  assert.equal(after.ino, before.ino);
});
