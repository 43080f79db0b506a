import assert from "node:assert/strict";
import { join } from "node:path";
// Test-only: locked in deno.test.lock, so that running smoke never fetches it.
// deno-lint-ignore no-import-prefix
import fc from "npm:fast-check@4.11.0";
import {
  checkOutputPath,
  isWriteFailure,
  resolveOutputTarget,
  TEMP_PREFIX,
  UnwritableTargetError,
  writeFileAtomic,
} from "./atomic_write.ts";
import { UserError } from "../base/errors.ts";
import { thrown } from "./_testing.ts";

/** What an output path can name, built in a fresh directory as `out`. */
const KINDS = [
  "missing",
  "file",
  "link-to-file",
  "link-to-link-to-file",
  "dangling-link",
  "directory",
  "link-to-directory",
  "socket",
  "lonely-fifo",
  "link-to-dev-null",
  "link-loop",
  "under-a-file",
] as const;
type Kind = typeof KINDS[number];

/** Kinds smoke refuses: the write throws a write failure and changes nothing. */
const REFUSED: ReadonlySet<Kind> = new Set([
  "directory",
  "link-to-directory",
  "socket",
  "lonely-fifo",
  "link-loop",
  "under-a-file",
]);

interface Built {
  out: string;
  close(): void;
}

async function build(dir: string, kind: Kind): Promise<Built> {
  const out = join(dir, kind === "under-a-file" ? "afile/out" : "out");
  let close = () => {};
  switch (kind) {
    case "missing":
      break;
    case "file":
      await Deno.writeTextFile(out, "old");
      break;
    case "link-to-file":
      await Deno.writeTextFile(join(dir, "target"), "old");
      await Deno.symlink("target", out);
      break;
    case "link-to-link-to-file":
      await Deno.writeTextFile(join(dir, "target"), "old");
      await Deno.symlink("target", join(dir, "middle"));
      await Deno.symlink("middle", out);
      break;
    case "dangling-link":
      await Deno.symlink("sub/target", out);
      await Deno.mkdir(join(dir, "sub"));
      break;
    case "directory":
      await Deno.mkdir(out);
      break;
    case "link-to-directory":
      await Deno.mkdir(join(dir, "target"));
      await Deno.symlink("target", out);
      break;
    case "socket": {
      const listener = Deno.listen({ transport: "unix", path: out });
      close = () => listener.close();
      break;
    }
    case "lonely-fifo":
      await new Deno.Command("mkfifo", { args: [out] }).output();
      break;
    case "link-to-dev-null":
      await Deno.symlink("/dev/null", out);
      break;
    case "link-loop":
      await Deno.symlink("out", out);
      break;
    case "under-a-file":
      await Deno.writeTextFile(join(dir, "afile"), "a file");
      break;
  }
  return { out, close };
}

/** Type and inode of every entry in a directory, without following links. */
async function snapshot(dir: string): Promise<Map<string, string>> {
  const entries = new Map<string, string>();
  for await (const entry of Deno.readDir(dir)) {
    const info = await Deno.lstat(join(dir, entry.name));
    const type = info.isSymlink
      ? `link:${await Deno.readLink(join(dir, entry.name))}`
      : info.isFile
      ? "file"
      : info.isDirectory
      ? "dir"
      : info.isFifo
      ? "fifo"
      : info.isSocket
      ? "socket"
      : "other";
    entries.set(entry.name, `${type}@${info.ino}`);
  }
  return entries;
}

const withoutInode = (map: Map<string, string>) =>
  new Map([...map].map(([name, value]) => [name, value.replace(/@\d+$/, "")]));

Deno.test("writeFileAtomic never replaces what is not a regular file (generated targets)", async () => {
  await fc.assert(
    fc.asyncProperty(
      fc.constantFrom(...KINDS),
      fc.uint8Array({ maxLength: 2048 }),
      async (kind, data) => {
        const dir = await Deno.makeTempDir();
        const built = await build(dir, kind);
        try {
          const before = await snapshot(dir);
          if (REFUSED.has(kind)) {
            const error = await writeFileAtomic(built.out, data).then(
              () => undefined,
              (e) => e,
            );
            assert.ok(error !== undefined, `${kind}: written`);
            assert.ok(isWriteFailure(error), `${kind}: ${error}`);
            assert.deepEqual(await snapshot(dir), before, `${kind}: something changed`);
            return;
          }
          const target = await writeFileAtomic(built.out, data);
          const after = await snapshot(dir);
          // Every entry keeps its type (a link stays the same link); only files are replaced.
          for (const [name, value] of withoutInode(before)) {
            assert.equal(withoutInode(after).get(name), value, `${kind}: ${name} changed type`);
          }
          assert.deepEqual(
            [...after.keys()].filter((n) => n.startsWith(TEMP_PREFIX)),
            [],
            "no temporary file is left",
          );
          if (kind === "link-to-dev-null") {
            assert.equal(target.mode, "in-place");
          } else {
            assert.equal(target.mode, "atomic");
            assert.deepEqual(await Deno.readFile(built.out), data);
          }
        } finally {
          built.close();
          await Deno.remove(dir, { recursive: true });
        }
      },
    ),
    { numRuns: 60 },
  );
});

Deno.test("a replaced file keeps its permissions; a long name still leaves room for the temp", async () => {
  const dir = await Deno.makeTempDir();
  try {
    const path = join(dir, "x".repeat(255));
    await Deno.writeTextFile(path, "old");
    await Deno.chmod(path, 0o600);
    await writeFileAtomic(path, "new");
    assert.equal(await Deno.readTextFile(path), "new");
    assert.equal((await Deno.stat(path)).mode! & 0o777, 0o600);
  } finally {
    await Deno.remove(dir, { recursive: true });
  }
});

Deno.test("a path naming smoke's own standard output is written in place, through links too", async () => {
  const dir = await Deno.makeTempDir();
  try {
    await Deno.symlink("/proc/self/fd/1", join(dir, "out"));
    for (const path of ["/dev/stdout", "/dev/fd/1", "/proc/self/fd/1", join(dir, "out")]) {
      // Resolving writes nothing: safe to ask about /dev/stdout itself.
      assert.deepEqual(resolveOutputTarget(path), { mode: "in-place", path, fd: 1 }, path);
    }
    assert.equal((resolveOutputTarget("/dev/stderr")).fd, 2);
  } finally {
    await Deno.remove(dir, { recursive: true });
  }
});

Deno.test("checkOutputPath names the path and what it is, as a usage error", async () => {
  const dir = await Deno.makeTempDir();
  try {
    await Deno.writeTextFile(join(dir, "afile"), "x");
    const cases: [string, RegExp][] = [
      [dir, /: it is a directory$/],
      [join(dir, "afile/junit.xml"), /: a folder on its path is not a directory/],
      [join(dir, "x".repeat(300)), /File name too long/],
    ];
    for (const [path, message] of cases) {
      const error = thrown(() => checkOutputPath(path, { shown: "shown", label: "the XML" }));
      assert.ok(error instanceof UserError, String(error));
      assert.equal(error.exitCode, 2);
      assert.equal(error.code, "OUTPUT_PATH_INVALID");
      assert.match(error.message, /^Cannot write the XML to "shown": /);
      assert.match(error.message, message);
    }
    assert.equal(
      (checkOutputPath(join(dir, "new/deeper/out.xml"), { shown: "s", label: "l" })).mode,
      "atomic",
      "missing parents are created when writing",
    );
  } finally {
    await Deno.remove(dir, { recursive: true });
  }
});

Deno.test("isWriteFailure: I/O refusals yes, bugs no", () => {
  for (const code of ["ENOSPC", "EROFS", "ENOTDIR", "EISDIR", "ENAMETOOLONG", "ELOOP", "EEXIST"]) {
    assert.equal(isWriteFailure(Object.assign(new Error(code), { code })), true, code);
  }
  assert.equal(isWriteFailure(new Deno.errors.NotADirectory("x")), true);
  assert.equal(isWriteFailure(new Deno.errors.FilesystemLoop("x")), true);
  assert.equal(isWriteFailure(new UnwritableTargetError("/x", "is a socket")), true);
  assert.equal(isWriteFailure(new TypeError("x")), false);
  assert.equal(isWriteFailure("ENOSPC"), false);
  assert.equal(isWriteFailure(undefined), false);
});

Deno.test("writeFileAtomic() with ownFile replaces a symlink in the file's place and leaves its target alone", async () => {
  const dir = await Deno.makeTempDir();
  try {
    await Deno.writeTextFile(`${dir}/notes.txt`, "my notes\n");
    await Deno.symlink(`${dir}/notes.txt`, `${dir}/durations.json`);
    await Deno.symlink(`${dir}/gone`, `${dir}/dangling.json`);
    await writeFileAtomic(`${dir}/durations.json`, "{}", { fileOnly: true, ownFile: true });
    await writeFileAtomic(`${dir}/dangling.json`, "{}", { fileOnly: true, ownFile: true });
    assert.equal(await Deno.readTextFile(`${dir}/notes.txt`), "my notes\n");
    for (const name of ["durations.json", "dangling.json"]) {
      const info = await Deno.lstat(`${dir}/${name}`);
      assert.ok(info.isFile && !info.isSymlink, name);
      assert.equal(await Deno.readTextFile(`${dir}/${name}`), "{}");
    }
    await assert.rejects(() => Deno.lstat(`${dir}/gone`), Deno.errors.NotFound);
    // Without ownFile a symlink is followed (latest.json's documented behaviour).
    await Deno.symlink(`${dir}/notes.txt`, `${dir}/latest.json`);
    await writeFileAtomic(`${dir}/latest.json`, "{}", { fileOnly: true });
    assert.equal(await Deno.readTextFile(`${dir}/notes.txt`), "{}");
  } finally {
    await Deno.remove(dir, { recursive: true });
  }
});
