/**
 * One look at whether a service is ready: an HTTP GET that answers 2xx or
 * 3xx, or a TCP port on a local host that accepts. (`stdoutIncludes` is
 * watched as the output streams, in `services.ts`.)
 *
 * @module
 */
import type { Service } from "../config/services.ts";
import { after, type Timer } from "../base/timer.ts";

/** What one check found. */
export interface Probe {
  /** Whether the service answered as the check asks. */
  ready: boolean;
  /** What was seen, for messages: `answered 200`, `connection refused`. */
  detail: string;
}

/** The longest one check may take. */
const PROBE_TIMEOUT_MS = 5_000;

function reason(error: unknown): string {
  if (error instanceof Deno.errors.ConnectionRefused) return "connection refused";
  if (error instanceof Deno.errors.ConnectionReset) return "connection reset";
  if (error instanceof DOMException && error.name === "TimeoutError") return "no answer in time";
  if (!(error instanceof Error)) return String(error);
  // fetch says "fetch failed"; its cause says why: `error sending request for url (...): client
  // error (Connect): tcp connect error: Connection refused (os error 111)`.
  const messages: string[] = [];
  for (let e: unknown = error; e instanceof Error && messages.length < 4; e = e.cause) {
    messages.push(e.message);
  }
  const text = messages.join(": ");
  if (/connection refused/i.test(text)) return "connection refused";
  if (/connection reset/i.test(text)) return "connection reset";
  if (/dns error|failed to lookup address/i.test(text)) return "the host name does not resolve";
  if (/timed? ?out/i.test(text)) return "no answer in time";
  return (messages.at(-1) ?? text).split("\n")[0].slice(0, 200);
}

async function probeUrl(url: string, signal: AbortSignal): Promise<Probe> {
  try {
    const response = await fetch(url, { redirect: "manual", signal });
    await response.body?.cancel();
    const ready = response.status >= 200 && response.status < 400;
    return { ready, detail: `answered ${response.status}` };
  } catch (error) {
    if (!(error instanceof Error || error instanceof DOMException)) throw error;
    return { ready: false, detail: reason(error) };
  }
}

async function probePort(hostname: string, port: number, signal: AbortSignal): Promise<Probe> {
  let timer: Timer | undefined;
  const connecting = Deno.connect({ hostname, port });
  try {
    const aborted = new Promise<never>((_, reject) => {
      const stop = () => reject(signal.reason ?? new DOMException("aborted", "AbortError"));
      if (signal.aborted) stop();
      signal.addEventListener("abort", stop, { once: true });
      timer = after(PROBE_TIMEOUT_MS + 1000, stop);
    });
    const connection = await Promise.race([connecting, aborted]);
    connection.close();
    return { ready: true, detail: "accepted a connection" };
  } catch (error) {
    // A connection made after the wait gave up is closed, not leaked.
    connecting.then((late) => late.close(), () => {});
    if (!(error instanceof Error || error instanceof DOMException)) throw error;
    return { ready: false, detail: reason(error) };
  } finally {
    timer?.clear();
  }
}

/**
 * Checks once whether a service answers as its `url` or `port` check asks.
 *
 * @param ready The service's ready check (`url` or `port`).
 * @param signal Stops the check (an interrupt); each check also gives up after 5 s.
 * @param options `timeoutMs`: give up sooner (the time left of the service's wait).
 * @returns Whether it is ready, and what was seen.
 *
 * @example
 * ```ts
 * import { probeReady } from "./ready_check.ts";
 * import assert from "node:assert/strict";
 *
 * const listener = Deno.listen({ hostname: "127.0.0.1", port: 0 });
 * const { port } = listener.addr as Deno.NetAddr;
 * assert.equal((await probeReady({ port }, new AbortController().signal)).ready, true);
 * // The same port on another loopback address, where nothing listens while this listener
 * // holds it (a port just closed could be taken by another process before the check).
 * const closed = await probeReady({ host: "127.0.0.2", port }, new AbortController().signal);
 * assert.deepEqual(closed, { ready: false, detail: "connection refused" });
 * listener.close();
 * ```
 */
export function probeReady(
  ready: Service["ready"],
  signal: AbortSignal,
  options: { timeoutMs?: number } = {},
): Promise<Probe> {
  const limit = Math.min(PROBE_TIMEOUT_MS, options.timeoutMs ?? PROBE_TIMEOUT_MS);
  const bounded = AbortSignal.any([signal, AbortSignal.timeout(limit)]);
  if (ready.url !== undefined) return probeUrl(ready.url, bounded);
  if (ready.port !== undefined) return probePort(ready.host ?? "127.0.0.1", ready.port, bounded);
  return Promise.resolve({ ready: false, detail: "this check reads the service's output" });
}
