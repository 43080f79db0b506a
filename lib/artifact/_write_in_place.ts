/**
 * Writing in place, for `atomic_write.ts`: output paths that name a device, a
 * FIFO or one of smoke's own descriptors are appended to, never replaced.
 *
 * @module
 */
import { readEnv } from "../base/env.ts";
import { flushBatches } from "../base/batched_writer.ts";
import { createSafeWriter } from "../base/safe_output.ts";
import { sleep } from "../base/timer.ts";

/**
 * An output path that names something smoke does not write: a directory, a
 * socket, a block device, or a FIFO no process reads.
 *
 * @example
 * ```ts
 * import { UnwritableTargetError } from "./_write_in_place.ts";
 * import assert from "node:assert/strict";
 *
 * const error = new UnwritableTargetError("/tmp", "is a directory");
 * assert.equal(error.message, '"/tmp" is a directory');
 * assert.equal(error.reason, "is a directory");
 * ```
 */
export class UnwritableTargetError extends Error {
  /** The path, as resolved. */
  readonly path: string;
  /** What is wrong, e.g. `is a directory`. */
  readonly reason: string;

  /**
   * Creates the error.
   *
   * @param path The path.
   * @param reason What is wrong, e.g. `is a directory`.
   */
  constructor(path: string, reason: string) {
    super(`"${path}" ${reason}`);
    this.name = "UnwritableTargetError";
    this.path = path;
    this.reason = reason;
  }
}

/** Paths that name a process's descriptor: `/dev/stdout`, `/dev/fd/N`, `/proc/self/fd/N`. */
const DESCRIPTOR = /^\/(?:dev\/(stdout|stderr|fd\/(\d+))|proc\/(self|thread-self|\d+)\/fd\/(\d+))$/;

/**
 * The descriptor a chain of symlinks names, when one of its hops is a
 * descriptor path: this process's own number, or -1 for another process's.
 *
 * @param hops The path and each symlink target after it, absolute.
 * @returns The descriptor number, -1, or undefined when none is one.
 *
 * @example
 * ```ts
 * import { descriptorOf } from "./_write_in_place.ts";
 * import assert from "node:assert/strict";
 *
 * assert.equal(descriptorOf(["/dev/stdout"]), 1);
 * assert.equal(descriptorOf(["/tmp/link", "/proc/self/fd/2"]), 2);
 * assert.equal(descriptorOf(["/tmp/report.xml"]), undefined);
 * ```
 */
export function descriptorOf(hops: readonly string[]): number | undefined {
  for (const hop of hops) {
    const match = DESCRIPTOR.exec(hop);
    if (!match) continue;
    const [, dev, devFd, owner, procFd] = match;
    if (dev === "stdout") return 1;
    if (dev === "stderr") return 2;
    if (devFd !== undefined) return Number(devFd);
    const own = owner === "self" || owner === "thread-self" || Number(owner) === Deno.pid;
    return own ? Number(procFd) : -1;
  }
  return undefined;
}

/**
 * Appends bytes to an in-place target: smoke's own standard output or error
 * through its descriptor (so the text lands where smoke's lines do, at their
 * offset), made safe for it as smoke's own lines are (`createSafeWriter`), anything else through a new descriptor opened with `O_APPEND` and
 * `O_NONBLOCK`: a FIFO without a reader is an error, not a hang, and writes
 * that would block are retried.
 *
 * @param target The path, and the descriptor when it is smoke's own 1 or 2.
 * @param bytes What to write.
 * @returns Nothing.
 * @throws {UnwritableTargetError} For a FIFO that no process reads.
 *
 * @example
 * ```ts
 * import { writeInPlace } from "./_write_in_place.ts";
 *
 * await writeInPlace({ path: "/dev/null" }, new TextEncoder().encode("gone"));
 * ```
 */
export async function writeInPlace(
  target: { path: string; fd?: 1 | 2 },
  bytes: Uint8Array,
): Promise<void> {
  // After smoke's own lines held back for a batch (see batched_writer.ts): the target may be
  // smoke's standard output, or a copy of it (`--junit /dev/fd/5 5>&1`), or where it goes.
  flushBatches();
  if (target.fd !== undefined) {
    // smoke's own stream is a terminal or a CI log: the bytes pass the same output edge as
    // smoke's lines, so fixture output inside (JUnit, a report, an artifact) cannot act there.
    const stream = target.fd === 1 ? Deno.stdout : Deno.stderr;
    const write = createSafeWriter((text) => {
      const out = new TextEncoder().encode(text);
      for (let written = 0; written < out.length;) {
        written += stream.writeSync(out.subarray(written));
      }
    }, { terminal: stream.isTerminal(), github: readEnv("GITHUB_ACTIONS") === "true" });
    write(new TextDecoder().decode(bytes));
    return;
  }
  // node:fs is loaded only here: opening with O_NONBLOCK needs it, and start-up stays light.
  const fs = await import("node:fs");
  const { O_WRONLY, O_APPEND, O_NONBLOCK } = fs.constants;
  let fd: number;
  try {
    fd = fs.openSync(target.path, O_WRONLY | O_APPEND | (O_NONBLOCK ?? 0));
  } catch (error) {
    if ((error as { code?: string }).code === "ENXIO") {
      throw new UnwritableTargetError(target.path, "is a FIFO and no process is reading it");
    }
    throw error;
  }
  try {
    let written = 0;
    while (written < bytes.length) {
      try {
        written += fs.writeSync(fd, bytes, written, bytes.length - written);
      } catch (error) {
        if ((error as { code?: string }).code !== "EAGAIN") throw error;
        await sleep(5); // the reader is behind
      }
    }
  } finally {
    fs.closeSync(fd);
  }
}
