/**
 * Starting a fixture in a session (and so a process group) of its own, the
 * cheap way where there is one. Deno's `detached: true` forks the whole
 * runtime and blocks the event loop until the child has exec'd: ~3 ms a
 * spawn in smoke, whose heap is larger than a bare loop's. Spawning
 * setsid(1), which calls setsid() and execs the fixture, goes through
 * posix_spawn instead (~0.8 ms). Linux has setsid(1) (util-linux, busybox);
 * elsewhere smoke falls back to `detached`.
 *
 * Through setsid(1), Deno would report a missing program as setsid's exit
 * 127, so the program is looked up first, the way Deno does
 * (`find_executable.ts`), and Deno's errors are thrown for it.
 *
 * @module
 */
import { resolve } from "node:path";
import { findExecutable } from "./find_executable.ts";

let setsidPath: string | null | undefined;

/**
 * Programs found, by name, cwd and PATH: a PATH search costs a failed stat per
 * entry, for every attempt of every fixture. Only hits are kept, so a missing
 * program is looked for again; one removed mid-run fails as setsid's exit 127.
 */
const found = new Map<string, string>();

/**
 * Finds setsid(1) once: on Linux at `/usr/bin/setsid` or `/bin/setsid`.
 *
 * @returns Its path, or undefined where there is none (then `detached` is used).
 *
 * @example
 * ```ts
 * import { findSetsid } from "./_spawn.ts";
 * import assert from "node:assert/strict";
 *
 * const setsid = findSetsid();
 * assert.ok(setsid === undefined || setsid.endsWith("/setsid"));
 * ```
 */
export function findSetsid(): string | undefined {
  if (setsidPath === undefined) {
    setsidPath = Deno.build.os === "linux"
      ? findExecutable("setsid", { cwd: "/", path: "/usr/bin:/bin" }) ?? null
      : null;
  }
  return setsidPath ?? undefined;
}

function exists(path: string): boolean {
  try {
    Deno.statSync(path);
    return true;
  } catch (error) {
    if (error instanceof Deno.errors.NotFound || error instanceof Deno.errors.NotADirectory) {
      return false;
    }
    throw error;
  }
}

/** How to start the process. */
export interface SessionSpawnOptions {
  /** Absolute working directory. */
  cwd: string;
  /** The whole environment. */
  env: Record<string, string>;
  /** setsid(1)'s path; undefined to use Deno's `detached`. */
  setsid?: string;
}

/**
 * Starts a process in a session of its own, output piped, no stdin.
 *
 * @param argv Program and arguments.
 * @param options Working directory, environment, and setsid(1) if used.
 * @returns The child; its pid is its process group id once it has started.
 * @throws {Deno.errors.NotFound} When the program or the working directory is missing.
 * @throws {Deno.errors.PermissionDenied} When the program is not executable.
 *
 * @example
 * ```ts
 * import { findSetsid, spawnInSession } from "./_spawn.ts";
 * import assert from "node:assert/strict";
 *
 * // Field 6 of /proc/PID/stat is the session id: the child leads its own.
 * const child = spawnInSession(["sh", "-c", 'cut -d" " -f6 /proc/$$/stat'], {
 *   cwd: "/",
 *   env: { PATH: "/usr/bin:/bin" },
 *   setsid: findSetsid(),
 * });
 * const { stdout } = await child.output();
 * assert.equal(Number(new TextDecoder().decode(stdout)), child.pid);
 * ```
 */
export function spawnInSession(
  argv: readonly string[],
  options: SessionSpawnOptions,
): Deno.ChildProcess {
  const piped = {
    cwd: options.cwd,
    env: options.env,
    clearEnv: true,
    stdin: "null",
    stdout: "piped",
    stderr: "piped",
  } as const;
  if (!options.setsid) {
    return new Deno.Command(argv[0], { ...piped, args: argv.slice(1), detached: true }).spawn();
  }
  // PATH as Deno takes it: the child's, else smoke's own.
  const path = options.env.PATH ?? Deno.env.get("PATH");
  const key = `${argv[0]}\0${options.cwd}\0${path}`;
  const program = found.get(key) ??
    findExecutable(argv[0], { cwd: options.cwd, path, home: Deno.env.get("HOME") });
  if (program !== undefined) found.set(key, program);
  if (program === undefined) {
    throw argv[0].includes("/") && exists(resolve(options.cwd, argv[0]))
      ? new Deno.errors.PermissionDenied(`Failed to spawn '${argv[0]}': not executable`)
      : new Deno.errors.NotFound(`Failed to spawn '${argv[0]}': not found`);
  }
  return new Deno.Command(options.setsid, { ...piped, args: [program, ...argv.slice(1)] })
    .spawn();
}
