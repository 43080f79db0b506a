/**
 * What a run tells as it goes: the hooks a reporter implements and the
 * values they receive. The scheduler (`run.ts`) calls them; the reporters
 * (`lib/reporters/`) implement them.
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
  /** What a user can check when it fails, e.g. `Check the --junit path.` */
  fix?: string;
  /** Before the first fixture starts. */
  onBegin?(info: BeginInfo): void | Promise<void>;
  /** A fixture attempt started. */
  onFixtureBegin?(planned: PlannedFixture, attempt: number): void | Promise<void>;
  /** A fixture finished (after its last attempt). */
  onFixtureEnd?(end: FixtureEnd): void | Promise<void>;
  /** The run ended and its artifact was written. */
  onEnd?(run: RunEnd): void | Promise<void>;
}
