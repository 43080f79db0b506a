/**
 * Reporters: optional hooks called as a run goes, and a multiplexer that
 * keeps one broken reporter from stopping the run.
 *
 * @module
 */

export type { BeginInfo, FailedAttempt, FixtureEnd, Reporter, RunEnd } from "../run/events.ts";
import type { Reporter } from "../run/events.ts";

/**
 * Combines reporters. A reporter that throws is reported once through
 * `onError` and skipped from then on; the run goes on.
 *
 * @param reporters The reporters, called in order.
 * @param onError Told of a reporter's first error.
 * @returns One reporter that calls them all.
 *
 * @example
 * ```ts
 * import { multiplexReporters } from "./reporter.ts";
 * import assert from "node:assert/strict";
 *
 * const seen: string[] = [];
 * const reporter = multiplexReporters([
 *   { onEnd: () => { throw new Error("broken"); } },
 *   { onEnd: () => { seen.push("second"); } },
 * ], (error) => seen.push(String(error)));
 * await reporter.onEnd!({ ends: [], artifact: {} as never, artifactPath: "x.json" });
 * assert.deepEqual(seen, ["Error: broken", "second"]);
 * ```
 */
export function multiplexReporters(
  reporters: readonly Reporter[],
  onError: (error: unknown, index: number) => void,
): Required<Omit<Reporter, "name" | "fix">> {
  const broken = new Set<number>();
  type Hook = Exclude<keyof Reporter, "name" | "fix">;
  const call = async <K extends Hook>(hook: K, args: Parameters<Required<Reporter>[K]>) => {
    for (const [index, reporter] of reporters.entries()) {
      const fn = reporter[hook] as ((...a: unknown[]) => void | Promise<void>) | undefined;
      if (!fn || broken.has(index)) continue;
      try {
        await fn.apply(reporter, args);
      } catch (error) {
        broken.add(index);
        onError(error, index);
      }
    }
  };
  return {
    onBegin: (info) => call("onBegin", [info]),
    onFixtureBegin: (planned, attempt) => call("onFixtureBegin", [planned, attempt]),
    onFixtureEnd: (end) => call("onFixtureEnd", [end]),
    onEnd: (run) => call("onEnd", [run]),
  };
}
