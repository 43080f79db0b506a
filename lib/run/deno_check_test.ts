import assert from "node:assert/strict";
import { basename, dirname } from "node:path";
import type { PlannedFixture } from "../selection/plan.ts";
import { requireDeno } from "./deno_check.ts";
import { UserError } from "../base/errors.ts";

function planned(id: string, kind: "script" | "command", skipReason?: string): PlannedFixture {
  return { fixture: { id, kind, ...(skipReason ? { skipReason } : {}) } } as PlannedFixture;
}

Deno.test("requireDeno() refuses a missing Deno only when a script fixture would run", () => {
  const base = { env: { PATH: "/nonexistent" }, cwd: "/", invocation: "deno task smoke" };
  const missing = { ...base, deno: "deno", from: "default" as const };
  requireDeno([planned("cmd", "command")], missing);
  requireDeno([planned("s", "script", "not today")], missing);
  let error: unknown;
  try {
    requireDeno([planned("s", "script"), planned("cmd", "command")], missing);
  } catch (thrown) {
    error = thrown;
  }
  assert.ok(error instanceof UserError);
  assert.equal(error.code, "DENO_NOT_FOUND");
  assert.equal(error.exitCode, 2);
  assert.match(error.message, /"deno" is not on PATH; 1 selected script fixture needs it \("s"\)/);
  assert.match(error.hints.join("\n"), /SMOKE_DENO/);
  assert.match(error.hints.join("\n"), /deno task smoke --fixture cmd/);
  requireDeno([planned("s", "script")], { ...base, deno: Deno.execPath(), from: "--deno" });
});

Deno.test('requireDeno() says a Deno path that is a directory is one, and names a "-" id as --fixture=ID', async () => {
  const dir = await Deno.makeTempDir();
  try {
    const options = {
      env: {},
      cwd: "/",
      invocation: "deno task smoke",
      deno: dir,
      from: "SMOKE_DENO" as const,
    };
    let error: unknown;
    try {
      requireDeno([planned("s", "script"), planned("-rf", "command")], options);
    } catch (thrown) {
      error = thrown;
    }
    assert.ok(error instanceof UserError);
    assert.match(
      error.message,
      new RegExp(`"${dir}" \\(from SMOKE_DENO\\) is a directory, not an executable`),
    );
    // "--fixture -rf" would read "-rf" as a flag.
    assert.match(error.hints.join("\n"), /deno task smoke --fixture=-rf$/m);
    // A bare name is looked for on PATH only: a folder of that name here is not what was meant.
    assert.throws(
      () =>
        requireDeno([planned("s", "script")], {
          ...options,
          cwd: dirname(dir),
          deno: basename(dir),
        }),
      new RegExp(`"${basename(dir)}" \\(from SMOKE_DENO\\) was not found`),
    );
  } finally {
    await Deno.remove(dir);
  }
});
