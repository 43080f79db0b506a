/**
 * Finding the Deno that script fixtures run with. A compiled smoke binary
 * carries no Deno of its own, so before a run starts, smoke checks that the
 * Deno it will use exists when any selected script fixture needs it.
 *
 * @module
 */
import { delimiter, isAbsolute, join, resolve } from "node:path";
import { UserError } from "./errors.ts";
import type { PlannedFixture } from "./plan.ts";

/** Options for {@linkcode findExecutable}. */
export interface FindExecutableOptions {
  /** The `PATH` to search for a bare name. */
  path?: string;
  /** The directory a relative path starts from. */
  cwd: string;
  /** The operating system (Windows also tries the `PATHEXT` extensions). */
  os?: typeof Deno.build.os;
  /** `PATHEXT` on Windows. */
  pathExt?: string;
}

async function isExecutableFile(path: string, os: typeof Deno.build.os): Promise<boolean> {
  try {
    const info = await Deno.stat(path);
    if (!info.isFile) return false;
    return os === "windows" || info.mode === null || (info.mode & 0o111) !== 0;
  } catch (error) {
    if (error instanceof Deno.errors.NotFound || error instanceof Deno.errors.NotADirectory) {
      return false;
    }
    if (error instanceof Deno.errors.PermissionDenied) return false;
    throw error;
  }
}

/**
 * Finds an executable the way a shell would: a name with a path separator is
 * checked as a path (relative to `cwd`); a bare name is searched on `PATH`.
 *
 * @param program A path or a bare name such as `deno`.
 * @param options `PATH`, working directory, operating system.
 * @returns The absolute path of the executable, or `undefined` when there is none.
 *
 * @example
 * ```ts
 * import { findExecutable } from "./deno_check.ts";
 * import assert from "node:assert/strict";
 *
 * assert.equal(await findExecutable("/nonexistent/deno", { cwd: "/" }), undefined);
 * assert.equal(await findExecutable(Deno.execPath(), { cwd: "/" }), Deno.execPath());
 * assert.equal(await findExecutable("no-such-program-here", { cwd: "/", path: "/nonexistent" }), undefined);
 * ```
 */
export async function findExecutable(
  program: string,
  options: FindExecutableOptions,
): Promise<string | undefined> {
  const os = options.os ?? Deno.build.os;
  const hasSeparator = program.includes("/") || (os === "windows" && program.includes("\\"));
  const extensions = os === "windows"
    ? ["", ...(options.pathExt ?? ".COM;.EXE;.BAT;.CMD").split(";").filter(Boolean)]
    : [""];
  const candidates = hasSeparator || isAbsolute(program)
    ? [resolve(options.cwd, program)]
    : (options.path ?? "").split(os === "windows" ? ";" : delimiter).filter(Boolean)
      .map((dir) => join(resolve(options.cwd, dir), program));
  for (const candidate of candidates) {
    for (const extension of extensions) {
      if (await isExecutableFile(candidate + extension, os)) return candidate + extension;
    }
  }
  return undefined;
}

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
 * await requireDeno([], options);
 * const script = { fixture: { id: "a", kind: "script" } } as never;
 * await assert.rejects(() => requireDeno([script], options), /Cannot run script fixtures/);
 * ```
 */
export async function requireDeno(
  planned: readonly PlannedFixture[],
  options: RequireDenoOptions,
): Promise<void> {
  const scripts = planned.filter((p) => p.fixture.kind === "script" && !p.fixture.skipReason);
  if (scripts.length === 0) return;
  const found = await findExecutable(options.deno, {
    cwd: options.cwd,
    path: options.env.PATH ?? options.env.Path,
    pathExt: options.env.PATHEXT,
  });
  if (found) return;
  const ids = scripts.map((p) => p.fixture.id);
  const bare = !options.deno.includes("/") && !options.deno.includes("\\");
  const where = options.from === "default" && bare
    ? `"${options.deno}" is not on PATH`
    : `the Deno executable "${options.deno}" (from ${options.from}) was not found`;
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
            commands.slice(0, 10).map((p) => `--fixture ${p.fixture.id}`).join(" ")
          }`
          : "Nothing ran.",
      ],
    },
  );
}
