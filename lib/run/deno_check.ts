/**
 * Finding the Deno that script fixtures run with. A compiled smoke binary
 * carries no Deno of its own, so before a run starts, smoke checks that the
 * Deno it will use exists when any selected script fixture needs it.
 *
 * @module
 */
import { resolve } from "../base/path.ts";
import { UserError } from "../base/errors.ts";
import { findExecutable } from "./find_executable.ts";
import { fixtureArgument, type PlannedFixture } from "../selection/plan.ts";

/** Options for {@linkcode requireDeno}. */
export interface RequireDenoOptions {
  /** The Deno that script fixtures run with. */
  deno: string;
  /** Where that came from, for the message. */
  from: "--deno" | "SMOKE_DENO" | "default";
  /** The environment (`PATH`, `PATHEXT`). */
  env: Record<string, string>;
  /** The working directory. */
  cwd: string;
  /** How users start smoke, for the printed fallback. */
  invocation: string;
}

/** Why a Deno named by a path cannot run: missing, a directory, or not executable. */
function whyNot(options: RequireDenoOptions): string {
  // A bare name is looked for on PATH only, never in the working directory.
  if (!options.deno.includes("/") && !options.deno.includes("\\")) return "was not found";
  try {
    const info = Deno.statSync(resolve(options.cwd, options.deno));
    return info.isDirectory
      ? "is a directory, not an executable"
      : "is not an executable file (check its mode, or point to the deno binary)";
  } catch (error) {
    if (error instanceof Deno.errors.NotFound || error instanceof Deno.errors.NotADirectory) {
      return "was not found";
    }
    throw error;
  }
}

/**
 * Checks, before anything runs, that the Deno for script fixtures exists
 * when a selected script fixture (not skipped) needs it. Command fixtures
 * need no Deno.
 *
 * @param planned The planned fixtures of the run.
 * @param options The Deno, where it came from, the environment.
 * @returns Nothing; it throws when Deno is needed and missing.
 * @throws {UserError} `DENO_NOT_FOUND` (exit 2), naming the Deno looked for and the
 * ways to provide one.
 *
 * @example
 * ```ts
 * import { requireDeno } from "./deno_check.ts";
 * import assert from "node:assert/strict";
 *
 * const options = { deno: "/nonexistent/deno", from: "--deno" as const, env: {}, cwd: "/", invocation: "smoke" };
 * requireDeno([], options);
 * const script = { fixture: { id: "a", kind: "script" } } as never;
 * assert.throws(() => requireDeno([script], options), /Cannot run script fixtures/);
 * ```
 */
export function requireDeno(
  planned: readonly PlannedFixture[],
  options: RequireDenoOptions,
): void {
  const scripts = planned.filter((p) => p.fixture.kind === "script" && !p.fixture.skipReason);
  if (scripts.length === 0) return;
  const found = findExecutable(options.deno, {
    cwd: options.cwd,
    path: options.env.PATH ?? options.env.Path,
    pathExt: options.env.PATHEXT,
    home: options.env.HOME,
  });
  if (found) return;
  const ids = scripts.map((p) => p.fixture.id);
  const bare = !options.deno.includes("/") && !options.deno.includes("\\");
  const where = options.from === "default" && bare
    ? `"${options.deno}" is not on PATH`
    : `the Deno executable "${options.deno}" (from ${options.from}) ${whyNot(options)}`;
  const commands = planned.filter((p) => p.fixture.kind === "command" && !p.fixture.skipReason);
  throw new UserError(
    `Cannot run script fixtures: ${where}; ${ids.length} selected script fixture` +
      `${ids.length === 1 ? " needs" : "s need"} it (${
        ids.slice(0, 5).map((id) => `"${id}"`).join(", ")
      }${ids.length > 5 ? ", ..." : ""})`,
    {
      kind: "config",
      code: "DENO_NOT_FOUND",
      hints: [
        "Script fixtures run with Deno: put deno on PATH, set SMOKE_DENO=/path/to/deno, or pass --deno PATH.",
        commands.length
          ? `Command fixtures need no Deno: ${options.invocation} ${
            commands.slice(0, 10).map((p) => fixtureArgument(p.fixture.id)).join(" ")
          }`
          : "Nothing ran.",
      ],
    },
  );
}
