/**
 * Signalling a process or a process group, the cheap way where there is one.
 *
 * After every fixture smoke signals the fixture's group, which by then is
 * nearly always empty. `Deno.kill` reports that by throwing, and building the
 * error costs ~12 us: 60 ms of a 5,000-fixture run. On Linux, where smoke has
 * the FFI permission (`deno run -A`, `deno task smoke` and the compiled binary
 * have it), kill(2) is called in libc directly and its errno read back: ~1 us.
 * Elsewhere, without the permission, or without a glibc to open, `Deno.kill`.
 * Both say the same (a test holds them to it).
 *
 * @module
 */

/** What became of a signal. */
export type SignalOutcome =
  /** Delivered. */
  | "sent"
  /** No such process or group (ESRCH). */
  | "gone"
  /** It exists but is not ours to signal (EPERM: it runs as another user). */
  | "denied";

/** Options for {@linkcode sendSignal}. */
export interface SendSignalOptions {
  /** `false` to use `Deno.kill` even where libc could be called (for tests). Default true. */
  libc?: boolean;
}

/** Linux's numbers for the signals smoke sends. */
const LINUX_SIGNALS: Partial<Record<Deno.Signal, number>> = {
  SIGHUP: 1,
  SIGINT: 2,
  SIGKILL: 9,
  SIGTERM: 15,
  SIGCONT: 18,
};
/** Linux's errno values kill(2) sets for a missing target and for one not ours. */
const ESRCH = 3;
const EPERM = 1;

/** kill(2), and the calling thread's errno. */
interface Libc {
  kill(pid: number, signal: number): number;
  errno(): number;
}

/** Opened on first use; null where it cannot be (then never tried again). */
let libc: Libc | null | undefined;

function libcOnce(): Libc | null {
  if (libc === undefined) libc = openLibc();
  return libc;
}

/** How many signals each route answered (see {@linkcode signalRoutes}). */
const routes = { libc: 0, deno: 0 };

function openLibc(): Libc | null {
  if (Deno.build.os !== "linux") return null;
  if (Deno.permissions.querySync({ name: "ffi" }).state !== "granted") return null;
  let lib;
  try {
    lib = Deno.dlopen("libc.so.6", {
      kill: { parameters: ["i32", "i32"], result: "i32" },
      __errno_location: { parameters: [], result: "pointer" },
    });
  } catch (error) {
    // No glibc here (musl, a static build): Deno.kill.
    if (error instanceof Error) return null;
    throw error;
  }
  // errno lives in the calling thread's storage; smoke signals from its main thread only.
  const errnoAt = lib.symbols.__errno_location();
  if (errnoAt === null) {
    lib.close();
    return null;
  }
  const errno = new Deno.UnsafePointerView(errnoAt);
  const { kill } = lib.symbols;
  return { kill: (pid, signal) => kill(pid, signal), errno: () => errno.getInt32() };
}

/**
 * Whether {@linkcode sendSignal} calls kill(2) in libc here (else `Deno.kill`).
 *
 * @returns True on Linux with glibc and the FFI permission.
 *
 * @example
 * ```ts
 * import { signalsThroughLibc } from "./send_signal.ts";
 * import assert from "node:assert/strict";
 *
 * assert.equal(typeof signalsThroughLibc(), "boolean");
 * ```
 */
export function signalsThroughLibc(): boolean {
  return libcOnce() !== null;
}

/**
 * How many signals each route has answered in this process: libc's kill(2)
 * with its errno, or `Deno.kill` (elsewhere, or when libc's errno was not one
 * smoke knows). For tests and diagnosis.
 *
 * @returns The counts so far.
 *
 * @example
 * ```ts
 * import { signalRoutes } from "./send_signal.ts";
 * import assert from "node:assert/strict";
 *
 * const { libc, deno } = signalRoutes();
 * assert.ok(libc >= 0 && deno >= 0);
 * ```
 */
export function signalRoutes(): { libc: number; deno: number } {
  return { ...routes };
}

function denoKill(target: number, signal: Deno.Signal): SignalOutcome {
  try {
    Deno.kill(target, signal);
    return "sent";
  } catch (error) {
    if (error instanceof Deno.errors.NotFound) return "gone";
    if (error instanceof Deno.errors.PermissionDenied) return "denied";
    throw error;
  }
}

/**
 * Sends a signal to a process (a positive pid) or a process group (a
 * negative pgid), as kill(2) does.
 *
 * @param target The pid, or minus the process group id.
 * @param signal The signal.
 * @param options `libc: false` to use `Deno.kill` only.
 * @returns Whether it was sent, or the target is gone, or not ours.
 * @throws {RangeError} For a target that is not one process or one group (0, 1, -1, a fraction):
 * kill(2) would take 0 for smoke's own group and -1 for every process it may signal.
 * @throws {Error} What `Deno.kill` throws for anything else.
 *
 * @example
 * ```ts
 * import { sendSignal } from "./send_signal.ts";
 * import assert from "node:assert/strict";
 *
 * const child = new Deno.Command("sleep", { args: ["30"] }).spawn();
 * assert.equal(sendSignal(child.pid, "SIGKILL"), "sent");
 * assert.equal((await child.status).signal, "SIGKILL");
 * assert.equal(sendSignal(child.pid, "SIGKILL"), "gone");
 * ```
 */
export function sendSignal(
  target: number,
  signal: Deno.Signal,
  options: SendSignalOptions = {},
): SignalOutcome {
  if (!Number.isSafeInteger(target) || Math.abs(target) <= 1 || Math.abs(target) > 2 ** 31 - 1) {
    throw new RangeError(`sendSignal() takes one process or one group, got ${target}`);
  }
  const number = LINUX_SIGNALS[signal];
  const lib = options.libc === false || number === undefined ? null : libcOnce();
  if (lib !== null && number !== undefined) {
    const answer = lib.kill(target, number) === 0 ? "sent" : errnoOutcome(lib.errno());
    if (answer !== undefined) {
      routes.libc++;
      return answer;
    }
    // Anything else (EINVAL; or errno changed by the runtime before it was read: seen, rarely)
    // is asked again the way Deno asks.
  }
  routes.deno++;
  return denoKill(target, signal);
}

function errnoOutcome(errno: number): SignalOutcome | undefined {
  return errno === ESRCH ? "gone" : errno === EPERM ? "denied" : undefined;
}
