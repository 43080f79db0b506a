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
import { envUnreadable, readEnv } from "../base/env.ts";
import { resolve } from "../base/path.ts";
import { displayName } from "../base/safe_output.ts";
import { findExecutable } from "./find_executable.ts";
import { pause } from "./_wait.ts";

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
  /** The whole environment; with `inheritEnv`, what is set on top of smoke's own. */
  env: Record<string, string>;
  /**
   * The child starts from smoke's own environment and `env` is set on top (see
   * {@linkcode envOverProcess}): a run does not copy a hundred variables per fixture.
   */
  inheritEnv?: boolean;
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
    clearEnv: !options.inheritEnv,
    stdin: "null",
    stdout: "piped",
    stderr: "piped",
  } as const;
  if (!options.setsid) {
    return new Deno.Command(argv[0], { ...piped, args: argv.slice(1), detached: true }).spawn();
  }
  // PATH as Deno takes it: the child's, else smoke's own.
  const path = options.env.PATH ?? readEnv("PATH");
  if (path === undefined && !argv[0].includes("/") && envUnreadable("PATH")) {
    // smoke cannot read its own PATH (not UTF-8): setsid(1) searches it as the system holds it
    // (a missing program is then setsid's exit 127).
    return new Deno.Command(options.setsid, { ...piped, args: [...argv] }).spawn();
  }
  const key = `${argv[0]}\0${options.cwd}\0${path}`;
  const program = found.get(key) ??
    findExecutable(argv[0], { cwd: options.cwd, path, home: readEnv("HOME") });
  if (program !== undefined) found.set(key, program);
  if (program === undefined) {
    throw argv[0].includes("/") && exists(resolve(options.cwd, argv[0]))
      ? new Deno.errors.PermissionDenied(`Failed to spawn '${argv[0]}': not executable`)
      : new Deno.errors.NotFound(`Failed to spawn '${argv[0]}': not found`);
  }
  return new Deno.Command(options.setsid, { ...piped, args: [program, ...argv.slice(1)] })
    .spawn();
}

/** A fixture's environment as {@linkcode envOverProcess} puts it. */
export interface EnvOverProcess {
  /** What to set: all of it, or only what differs from smoke's own environment. */
  env: Record<string, string>;
  /** Whether the child starts from smoke's own environment (`env` on top). */
  inheritEnv: boolean;
}

/**
 * The environment every fixture starts from, as little as needs passing:
 * when it holds every variable of smoke's own environment (the usual case:
 * smoke's environment plus the services' variables), only the variables that
 * are new or different, for the child to inherit the rest. Copying a whole
 * environment costs ~10 us per fixture at 35 variables and ~45 us at 200 (a
 * CI runner's); the child's environment is the same either way. When a
 * variable of smoke's would have to be left out, or on Windows (names there
 * are case-insensitive), the whole environment is passed.
 *
 * @param base The environment fixtures get (smoke's, plus what the run adds).
 * @param own Smoke's own environment now (default: `Deno.env.toObject()`).
 * @returns What to pass, and whether the child inherits the rest.
 *
 * @example
 * ```ts
 * import { envOverProcess } from "./_spawn.ts";
 * import assert from "node:assert/strict";
 *
 * const own = { PATH: "/bin", HOME: "/root" };
 * assert.deepEqual(envOverProcess({ PATH: "/bin", HOME: "/root", API: "x" }, own), {
 *   env: { API: "x" },
 *   inheritEnv: true,
 * });
 * assert.equal(envOverProcess({ PATH: "/bin" }, own).inheritEnv, false);
 * ```
 */
export function envOverProcess(
  base: Readonly<Record<string, string>>,
  own: Readonly<Record<string, string>> = Deno.env.toObject(),
): EnvOverProcess {
  const whole = { env: { ...base }, inheritEnv: false };
  if (Deno.build.os === "windows") return whole;
  const env: Record<string, string> = {};
  for (const name of Object.keys(own)) {
    if (!Object.hasOwn(base, name)) return whole;
  }
  for (const [name, value] of Object.entries(base)) {
    if (!Object.hasOwn(own, name) || own[name] !== value) env[name] = value;
  }
  return { env, inheritEnv: true };
}

/** Error codes of a system short of descriptors or processes: worth waiting out. */
const TRANSIENT_CODES = new Set(["EMFILE", "ENFILE", "EAGAIN"]);

/** The waits before each new try of a spawn that hit a transient error (1.55 s in all). */
const SPAWN_RETRY_DELAYS_MS: readonly number[] = [50, 100, 200, 400, 800];

function errorCode(error: Error): string | undefined {
  const code = (error as { code?: unknown }).code;
  return typeof code === "string" ? code : undefined;
}

/**
 * Whether a spawn failed because the system is short of descriptors
 * (`EMFILE`, `ENFILE`) or processes (`EAGAIN`): a later try may succeed.
 *
 * @param error What the spawn threw.
 * @returns True for those errors.
 *
 * @example
 * ```ts
 * import { isTransientSpawnError } from "./_spawn.ts";
 * import assert from "node:assert/strict";
 *
 * const emfile = Object.assign(new Error("Too many open files (os error 24)"), { code: "EMFILE" });
 * assert.equal(isTransientSpawnError(emfile), true);
 * assert.equal(isTransientSpawnError(new Deno.errors.NotFound("gone")), false);
 * ```
 */
export function isTransientSpawnError(error: unknown): boolean {
  return error instanceof Error && TRANSIENT_CODES.has(errorCode(error) ?? "");
}

/** How {@linkcode startInSession} went. */
export type Started =
  | { child: Deno.ChildProcess }
  | { failure: string }
  | { interrupted: true };

/** Options of {@linkcode startInSession}. */
export interface StartOptions extends SessionSpawnOptions {
  /** Stops the waits between tries: the outcome is then `interrupted`. */
  signal?: AbortSignal;
  /** The waits before each new try after a transient error (default 50, 100, 200, 400, 800 ms). */
  retryDelaysMs?: readonly number[];
  /** The spawn itself (default {@linkcode spawnInSession}); tests pass a failing one. */
  spawn?: (argv: readonly string[], options: SessionSpawnOptions) => Deno.ChildProcess;
}

/** Why a program could not start, for the fixture's `spawn` failure. */
async function describe(error: Error, argv: readonly string[], cwd: string, tries: number) {
  // The program and the directory come from a manifest or the config: shown on one line.
  const program = `Cannot start "${displayName(argv[0])}"`;
  if (error instanceof Deno.errors.NotFound || error instanceof Deno.errors.PermissionDenied) {
    const cwdExists = await Deno.stat(cwd).then((info) => info.isDirectory, () => false);
    const reason = !cwdExists
      ? `its working directory "${displayName(cwd)}" does not exist`
      : error instanceof Deno.errors.NotFound
      ? "it was not found (check the name, or PATH)"
      : "it is not executable";
    return `${program}: ${reason}`;
  }
  // Deno names the program it spawned (setsid(1)); the fixture's is named above.
  const detail = displayName(error.message.replace(/^Failed to spawn '[^']*': /, ""));
  if (isTransientSpawnError(error)) {
    const short = errorCode(error) === "EAGAIN" ? "processes" : "file descriptors";
    return `${program}: the system is out of ${short} (${detail}), ${tries} tries; ` +
      "lower --concurrency, or raise the limit (ulimit -n, ulimit -u)";
  }
  return `${program}: ${detail}`;
}

/**
 * Starts a process in its own session (see {@linkcode spawnInSession}) and
 * never throws for a spawn the system refused: a shortage of descriptors or
 * processes is waited out and tried again a few times, and every refusal
 * becomes a message for the fixture's `spawn` failure.
 *
 * @param argv Program and arguments.
 * @param options Working directory, environment, setsid(1), interrupt signal, retries.
 * @returns The child; or why it could not start; or that an interrupt came while waiting.
 *
 * @example
 * ```ts
 * import { startInSession } from "./_spawn.ts";
 * import assert from "node:assert/strict";
 *
 * const started = await startInSession(["no-such-program-here"], {
 *   cwd: "/",
 *   env: { PATH: "/nonexistent" },
 * });
 * assert.ok("failure" in started);
 * assert.match(started.failure, /Cannot start "no-such-program-here": it was not found/);
 * ```
 */
export async function startInSession(
  argv: readonly string[],
  options: StartOptions,
): Promise<Started> {
  const delays = options.retryDelaysMs ?? SPAWN_RETRY_DELAYS_MS;
  const spawn = options.spawn ?? spawnInSession;
  for (let tries = 1;; tries++) {
    try {
      return { child: spawn(argv, options) };
    } catch (error) {
      if (!(error instanceof Error)) throw error;
      if (!isTransientSpawnError(error) || tries > delays.length || options.signal?.aborted) {
        return { failure: await describe(error, argv, options.cwd, tries) };
      }
      await pause(delays[tries - 1], { signal: options.signal });
      if (options.signal?.aborted) return { interrupted: true };
    }
  }
}
