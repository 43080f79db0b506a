/**
 * Reporters: optional hooks called as a run goes, and a multiplexer that
 * keeps one broken reporter from stopping the run.
 *
 * @module
 */
import type { Artifact, FixtureResult } from "../artifact/artifact.ts";
import type { PlannedFixture } from "../selection/plan.ts";

/** What a reporter hears at the start. */
export interface BeginInfo {
  /** The run id. */
  runId: string;
  /** The fixtures that will run, in order. */
  fixtures: readonly PlannedFixture[];
  /** How many run at once. */
  concurrency: number;
}

/** An attempt that failed before a later one passed or the fixture gave up. */
export interface FailedAttempt {
  /** 1-based attempt number. */
  attempt: number;
  /** The failure. */
  failure: NonNullable<FixtureResult["failure"]>;
  /** The stderr tail of that attempt. */
  stderrTail: string;
  /** The stdout tail of that attempt. */
  stdoutTail: string;
  /** How long it took. */
  durationMs: number;
}

/** A fixture's end, with what the artifact does not keep. */
export interface FixtureEnd {
  /** The result, as the artifact records it. */
  result: FixtureResult;
  /** The planned fixture. */
  planned?: PlannedFixture;
  /** Earlier failed attempts (retries). */
  failedAttempts: FailedAttempt[];
  /** An escaped process held its output open past the grace. */
  outputLeaked: boolean;
}

/** What a reporter hears at the end of a run. */
export interface RunEnd {
  /** Every fixture's end, in selection order. */
  ends: readonly FixtureEnd[];
  /** The artifact as written. */
  artifact: Artifact;
  /** Where the artifact was written (`runs/<runId>.json`), relative to the working directory when inside it. */
  artifactPath: string;
  /** The command that reruns the failures, when anything failed. */
  rerunCommand?: string;
}

/**
 * A reporter: every hook optional. Hooks may be async; errors are caught by
 * {@linkcode multiplexReporters}.
 */
export interface Reporter {
  /** A short name for messages, e.g. `junit`. */
  name?: string;
  /** Before the first fixture starts. */
  onBegin?(info: BeginInfo): void | Promise<void>;
  /** A fixture attempt started. */
  onFixtureBegin?(planned: PlannedFixture, attempt: number): void | Promise<void>;
  /** A fixture finished (after its last attempt). */
  onFixtureEnd?(end: FixtureEnd): void | Promise<void>;
  /** The run ended and its artifact was written. */
  onEnd?(run: RunEnd): void | Promise<void>;
}

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
): Required<Omit<Reporter, "name">> {
  const broken = new Set<number>();
  type Hook = Exclude<keyof Reporter, "name">;
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
