import assert from "node:assert/strict";
import {
  describeIoError,
  formatUserError,
  ioErrorToUserError,
  ioFallbackError,
  isIoError,
  UserError,
} from "./errors.ts";

/** The error a real file-system call throws. */
function thrownBy(call: () => unknown): unknown {
  try {
    call();
  } catch (error) {
    return error;
  }
  throw new Error("expected the call to throw");
}

Deno.test("isIoError() accepts what Deno's file-system calls throw", () => {
  const dir = Deno.makeTempDirSync();
  try {
    Deno.writeTextFileSync(`${dir}/file`, "x");
    Deno.symlinkSync(`${dir}/b`, `${dir}/a`);
    Deno.symlinkSync(`${dir}/a`, `${dir}/b`);
    const cases: [() => unknown, string][] = [
      [() => Deno.readTextFileSync(`${dir}/none`), "it does not exist"],
      [() => Deno.readDirSync(`${dir}/file`), "a folder on the path is a file"],
      [() => Deno.readTextFileSync(dir), "it is a directory"],
      [() => Deno.statSync(`${dir}/a`), "too many levels of symbolic links (a symlink loop)"],
      [() => Deno.readDirSync(`${dir}/${"x".repeat(5000)}`), "the path is too long (ENAMETOOLONG)"],
      [() => Deno.mkdirSync(`${dir}/file`), "file exists (EEXIST)"],
    ];
    for (const [call, reason] of cases) {
      const error = thrownBy(call);
      assert.ok(isIoError(error), String(error));
      assert.equal(describeIoError(error).reason, reason);
      assert.ok(ioFallbackError(error), String(error));
    }
  } finally {
    Deno.removeSync(dir, { recursive: true });
  }
});

Deno.test("isIoError() refuses bugs, whatever code they carry", () => {
  const bugs: unknown[] = [
    new TypeError("Cannot read properties of undefined"),
    Object.assign(new TypeError("x"), { code: "ENOENT" }),
    Object.assign(new RangeError("Invalid array length"), { code: "EACCES" }),
    new SyntaxError("Unexpected token"),
    new Error("plain"),
    Object.assign(new Error("odd"), { code: "ERR_INVALID_ARG_TYPE" }),
    Object.assign(new Error("odd"), { code: 13 }),
    new UserError("x", { kind: "usage" }),
    "a string",
    undefined,
    null,
  ];
  for (const bug of bugs) {
    assert.equal(isIoError(bug), false, String(bug));
    assert.equal(ioFallbackError(bug), undefined);
  }
});

Deno.test("ioErrorToUserError() names the path, the reason and a hint", () => {
  const error = ioErrorToUserError(
    Object.assign(new Error("File name too long (os error 36): stat 'x'"), {
      code: "ENAMETOOLONG",
    }),
    { path: "xx", action: "read artifact", kind: "preflight", code: "ARTIFACT_NOT_FOUND" },
  );
  assert.equal(error.exitCode, 2);
  assert.equal(
    formatUserError(error),
    'error: Cannot read artifact "xx": the path is too long (ENAMETOOLONG) [ARTIFACT_NOT_FOUND]\n' +
      "hint: Use a shorter path.",
  );
});

Deno.test("ioFallbackError() keeps Deno's message, which names the path", () => {
  const error = ioFallbackError(
    new Deno.errors.PermissionDenied("Permission denied (os error 13): open '/x/.lock'"),
  );
  assert.ok(error);
  assert.equal(error.exitCode, 2);
  assert.match(formatUserError(error), /^error: Permission denied .*'\/x\/\.lock' \[IO_ERROR\]$/m);
  assert.match(formatUserError(error), /^hint: /m);
});
