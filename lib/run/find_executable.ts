/**
 * Finding an executable the way Deno's spawn does, before spawning: for the
 * Deno that script fixtures need (`deno_check.ts`), and for every fixture
 * started through setsid(1) (`_spawn.ts`), where a missing program would
 * otherwise show up only as setsid's exit code.
 *
 * @module
 */
import { delimiter, isAbsolute, join, resolve } from "../base/path.ts";

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
  /** The home directory, for `PATH` entries that start with `~`. */
  home?: string;
}

/** Whether this user may run the file; group membership beyond the primary is not known. */
function mayExecute(info: Deno.FileInfo): boolean {
  if (info.mode === null) return true;
  const uid = Deno.uid();
  if (uid === null || uid === 0) return (info.mode & 0o111) !== 0;
  if (info.uid === uid) return (info.mode & 0o100) !== 0;
  return (info.mode & 0o011) !== 0;
}

function isExecutableFile(path: string, os: typeof Deno.build.os): boolean {
  try {
    const info = Deno.statSync(path);
    if (!info.isFile) return false;
    return os === "windows" || mayExecute(info);
  } catch (error) {
    if (error instanceof Deno.errors.NotFound || error instanceof Deno.errors.NotADirectory) {
      return false;
    }
    if (error instanceof Deno.errors.PermissionDenied) return false;
    throw error;
  }
}

/**
 * Finds an executable the way Deno's spawn does: a name with a path separator
 * is checked as a path (relative to `cwd`); a bare name is searched on `PATH`,
 * whose relative and empty entries (POSIX: the current directory) start from
 * `cwd` and whose `~` is the home directory. Files this user may not execute
 * are passed over.
 *
 * @param program A path or a bare name such as `deno`.
 * @param options `PATH`, working directory, operating system.
 * @returns The absolute path of the executable, or `undefined` when there is none.
 *
 * @example
 * ```ts
 * import { findExecutable } from "./find_executable.ts";
 * import assert from "node:assert/strict";
 *
 * assert.equal(findExecutable("/nonexistent/deno", { cwd: "/" }), undefined);
 * assert.equal(findExecutable(Deno.execPath(), { cwd: "/" }), Deno.execPath());
 * assert.equal(findExecutable("no-such-program-here", { cwd: "/", path: "/nonexistent" }), undefined);
 * ```
 */
export function findExecutable(
  program: string,
  options: FindExecutableOptions,
): string | undefined {
  const os = options.os ?? Deno.build.os;
  const hasSeparator = program.includes("/") || (os === "windows" && program.includes("\\"));
  const extensions = os === "windows"
    ? ["", ...(options.pathExt ?? ".COM;.EXE;.BAT;.CMD").split(";").filter(Boolean)]
    : [""];
  const candidates = hasSeparator || isAbsolute(program)
    ? [resolve(options.cwd, program)]
    : (options.path ?? "").split(os === "windows" ? ";" : delimiter)
      .map((dir) => (options.home && /^~(\/|$)/.test(dir) ? options.home + dir.slice(1) : dir))
      .map((dir) => join(resolve(options.cwd, dir), program));
  for (const candidate of candidates) {
    for (const extension of extensions) {
      if (isExecutableFile(candidate + extension, os)) return candidate + extension;
    }
  }
  return undefined;
}
