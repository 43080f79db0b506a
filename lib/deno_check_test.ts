import assert from "node:assert/strict";
import { join } from "node:path";
import type { PlannedFixture } from "./plan.ts";
import { findExecutable, requireDeno } from "./deno_check.ts";
import { UserError } from "./errors.ts";

function planned(id: string, kind: "script" | "command", skipReason?: string): PlannedFixture {
  return { fixture: { id, kind, ...(skipReason ? { skipReason } : {}) } } as PlannedFixture;
}

Deno.test("findExecutable() searches PATH for a bare name and checks paths as given", async () => {
  const dir = await Deno.makeTempDir();
  try {
    const tool = join(dir, "tool");
    await Deno.writeTextFile(tool, "#!/bin/sh\n");
    await Deno.chmod(tool, 0o755);
    await Deno.writeTextFile(join(dir, "plain"), "not executable");
    await Deno.chmod(join(dir, "plain"), 0o644);
    assert.equal(await findExecutable("tool", { cwd: "/", path: `/nonexistent:${dir}` }), tool);
    assert.equal(await findExecutable("./tool", { cwd: dir }), tool);
    assert.equal(await findExecutable("tool", { cwd: dir, path: "" }), undefined);
    assert.equal(await findExecutable("plain", { cwd: "/", path: dir }), undefined);
    assert.equal(await findExecutable(dir, { cwd: "/" }), undefined);
  } finally {
    await Deno.remove(dir, { recursive: true });
  }
});

Deno.test("requireDeno() refuses a missing Deno only when a script fixture would run", async () => {
  const base = { env: { PATH: "/nonexistent" }, cwd: "/", invocation: "deno task smoke" };
  const missing = { ...base, deno: "deno", from: "default" as const };
  await requireDeno([planned("cmd", "command")], missing);
  await requireDeno([planned("s", "script", "not today")], missing);
  const error = await requireDeno([planned("s", "script"), planned("cmd", "command")], missing)
    .then(() => undefined, (e) => e);
  assert.ok(error instanceof UserError);
  assert.equal(error.code, "DENO_NOT_FOUND");
  assert.equal(error.exitCode, 2);
  assert.match(error.message, /"deno" is not on PATH; 1 selected script fixture needs it \("s"\)/);
  assert.match(error.hints.join("\n"), /SMOKE_DENO/);
  assert.match(error.hints.join("\n"), /deno task smoke --fixture cmd/);
  await requireDeno([planned("s", "script")], { ...base, deno: Deno.execPath(), from: "--deno" });
});
