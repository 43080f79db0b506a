import assert from "node:assert/strict";
import { join } from "node:path";
import { findExecutable } from "./find_executable.ts";

Deno.test("findExecutable() searches PATH for a bare name and checks paths as given", async () => {
  const dir = await Deno.makeTempDir();
  try {
    const tool = join(dir, "tool");
    await Deno.writeTextFile(tool, "#!/bin/sh\n");
    await Deno.chmod(tool, 0o755);
    await Deno.writeTextFile(join(dir, "plain"), "not executable");
    await Deno.chmod(join(dir, "plain"), 0o644);
    assert.equal(findExecutable("tool", { cwd: "/", path: `/nonexistent:${dir}` }), tool);
    assert.equal(findExecutable("./tool", { cwd: dir }), tool);
    assert.equal(findExecutable("tool", { cwd: dir, path: "/nonexistent" }), undefined);
    // An empty PATH entry is the working directory (POSIX), as in Deno's own spawn.
    assert.equal(findExecutable("tool", { cwd: dir, path: "" }), tool);
    assert.equal(findExecutable("tool", { cwd: dir, path: "bin:" }), tool);
    assert.equal(findExecutable("plain", { cwd: "/", path: dir }), undefined);
    assert.equal(findExecutable(dir, { cwd: "/" }), undefined);
    // A leading ~ in a PATH entry is the home directory, as shells and Deno take it.
    assert.equal(findExecutable("tool", { cwd: "/", path: "~", home: dir }), tool);
    assert.equal(findExecutable("tool", { cwd: "/", path: `/x:~/`, home: dir }), tool);
    assert.equal(findExecutable("tool", { cwd: "/", path: "~other", home: dir }), undefined);
  } finally {
    await Deno.remove(dir, { recursive: true });
  }
});
