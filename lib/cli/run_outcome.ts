/**
 * The pure core of a run's end: the fixtures' results become the artifact,
 * and, once it is known what was written, the summary view and the exit code.
 * `execute_run.ts` is the edge around it (processes, files, terminal).
 *
 * @module
 */
import {
  type Artifact,
  createArtifact,
  type Diagnostic,
  type FixtureResult,
  type ServiceRecord,
} from "../artifact/artifact.ts";
import { ExitCode, SIGNAL_EXIT_CODES } from "../base/errors.ts";
import { interruptedWithoutResult, keptFromStarting } from "../artifact/not_run.ts";
import { unchangedRecoveryNote } from "../artifact/outcome_history.ts";
import { suiteSummary, type SummaryView, unstartedCounts } from "../reporters/console_summary.ts";
import type { FixtureEnd } from "../run/events.ts";
import {
  advanceState,
  dropStale,
  isFullRun,
  suiteRecord,
  type SuiteState,
  suiteVerdict,
} from "../artifact/suite_state.ts";
import type { Selection } from "../selection/resolve_selection.ts";
import type { Shard } from "../selection/select.ts";

/** What {@linkcode runArtifact} turns into the artifact. */
export interface RunArtifactInput {
  /** The run id. */
  runId: string;
  /** The resolved selection (mode, planned fixtures, rerun source, the catalog's ids). */
  selection: Pick<
    Selection,
    | "mode"
    | "planned"
    | "rerun"
    | "catalogIds"
    | "quarantine"
    | "shardRecord"
  >;
  /** The suite's state the run starts from (read under the lock); none for a full run. */
  prior?: SuiteState;
  /** Every fixture's end, in selection order. */
  ends: readonly FixtureEnd[];
  /** When the run started and finished. */
  startedAt: Date;
  /** When the run finished. */
  finishedAt: Date;
  /** smoke's version. */
  version: string;
  /** Where it ran. */
  environment: Artifact["environment"];
  /** The shard run, if any. */
  shard?: Shard;
  /** A flaky pass fails the run. */
  failOnFlaky: boolean;
  /** A signal stopped the run. */
  interrupted: boolean;
  /** Warnings of the whole run, in the order to record them. */
  diagnostics: Diagnostic[];
  /** Each fixture's fingerprint, by id, where its files could be read. */
  fingerprints?: ReadonlyMap<string, string>;
  /** The config's services and how they fared. */
  services?: ServiceRecord[];
}

/** The fixture results, with fingerprints and, for a rerun, each one's status in its source. */
function withPrevious(
  ends: readonly FixtureEnd[],
  input: Pick<RunArtifactInput, "selection" | "fingerprints">,
): FixtureResult[] {
  const rerun = input.selection.rerun;
  return ends.map(({ result, planned }) => {
    const before = rerun?.state.entries.get(result.id)?.status;
    const fingerprint = input.fingerprints?.get(result.id);
    const quarantined = input.selection.quarantine?.get(result.id);
    const { tags = [], description } = planned?.fixture ?? {};
    return {
      ...result,
      ...(description ? { description } : {}),
      ...(tags.length ? { tags: [...tags] } : {}),
      ...(fingerprint ? { fingerprint } : {}),
      ...(before ? { previousStatus: before } : {}),
      ...(quarantined ? { quarantined: { ...quarantined } } : {}),
    };
  });
}

/**
 * Builds a run's artifact from its fixtures' ends: statuses in the rerun's
 * source, the combined verdict of a rerun, the counts and the verdict.
 *
 * @param input The run's facts and results.
 * @returns The artifact to write.
 *
 * @example
 * ```ts
 * import { runArtifact } from "./run_outcome.ts";
 * import assert from "node:assert/strict";
 *
 * const result = {
 *   id: "a", status: "passed" as const, durationMs: 1, attempts: 1, exitCode: 0, signal: null,
 *   timedOut: false,
 * };
 * const artifact = runArtifact({
 *   runId: "20261129T000000000Z-abcdef", selection: { mode: "full", planned: [] },
 *   ends: [{ result, failedAttempts: [], outputLeaked: false }],
 *   startedAt: new Date(0), finishedAt: new Date(5), version: "0.1.0",
 *   environment: { deno: "2.9.6", os: "linux", arch: "x86_64", ci: false },
 *   failOnFlaky: false, interrupted: false, diagnostics: [],
 * });
 * assert.equal(artifact.result, "pass");
 * assert.deepEqual(artifact.summary, { total: 1, passed: 1, failed: 0, skipped: 0, flaky: 0 });
 * ```
 */
export function runArtifact(input: RunArtifactInput): Artifact {
  const { selection } = input;
  const fixtures = withPrevious(input.ends, input);
  // The suite's state after this run: a full run starts it again, any other lays its results
  // over the state it started from. Every run but a full one records the suite's verdict.
  const run = { runId: input.runId, mode: selection.mode, shard: input.shard, fixtures };
  const state = advanceState(isFullRun(run) ? undefined : input.prior, run);
  // Fixtures the catalog no longer has stay owed, but the verdict is over the suite as it is.
  const counted = selection.catalogIds ? dropStale(state, selection.catalogIds).state : state;
  const quarantine = selection.quarantine;
  const combined = isFullRun(run) ? undefined : suiteVerdict(counted, {
    ...input,
    ...(quarantine ? { quarantined: new Set(quarantine.keys()) } : {}),
  });
  return createArtifact({
    runId: input.runId,
    mode: selection.mode,
    startedAt: input.startedAt,
    finishedAt: input.finishedAt,
    version: input.version,
    environment: input.environment,
    selection: {
      fixtureIds: selection.planned.map((p) => p.fixture.id),
      ...(selection.rerun ? { source: selection.rerun.sourceRef } : {}),
      ...(input.shard
        ? {
          shard: { ...input.shard, ...selection.shardRecord },
        }
        : {}),
    },
    fixtures,
    failOnFlaky: input.failOnFlaky,
    interrupted: input.interrupted,
    combined,
    suite: suiteRecord(state, input.runId),
    diagnostics: input.diagnostics,
    ...(input.services?.length ? { services: input.services } : {}),
  });
}

/** The services that exited during the run, for the summary. */
function servicesDownOf(artifact: Artifact): Pick<SummaryView, "servicesDown"> {
  const down = (artifact.services ?? []).filter((s) => s.status === "exited");
  return down.length
    ? {
      servicesDown: down.map((s) => ({
        name: s.name,
        ...(s.exitCode != null ? { exitCode: s.exitCode } : {}),
        ...(s.signal ? { signal: s.signal } : {}),
      })),
    }
    : {};
}

/** What {@linkcode runSummary} needs besides the artifact. */
export interface RunSummaryInput {
  /** The artifact as built by {@linkcode runArtifact}. */
  artifact: Artifact;
  /** Whether `runs/<runId>.json` and `latest.json` were written. */
  saved: { runFileWritten: boolean; latestWritten: boolean };
  /** A reporter failed, so an output CI relies on is missing. */
  reporterFailed: boolean;
  /** The run file as shown to the user. */
  runFile: string;
  /** The command that starts smoke, location flags included. */
  command: string;
  /** The run was a `--rerun-failed`. */
  rerun: boolean;
  /** A flaky pass fails the run. */
  failOnFlaky: boolean;
  /** The signal that stopped the run, if one did. */
  signal?: string;
  /** For a rerun: the fixtures whose files did not change since they failed. */
  unchanged?: readonly string[];
  /** Each fixture's newest outcomes, this run's first (`P`/`F`, newest first). */
  outcomes?: ReadonlyMap<string, string>;
  /** The catalog's ids: outstanding fixtures it no longer has are counted apart. */
  catalogIds?: readonly string[];
  /**
   * For `--shard-by duration`: the shard and its predicted total of fixture time (of all it
   * runs, the needs it pulls in and their teardowns included), and what the run pulled in that
   * the prediction left out (needs too many to follow).
   */
  shard?: {
    index: number;
    total: number;
    predictedMs: number;
    notPredicted?: readonly string[];
  };
}

/**
 * A duration shard's prediction against what it took, on the same measure:
 * every fixture the shard ran to its end (the needs it pulled in and their
 * teardowns included, as the split counts them, unless it left them out), one
 * run each (under `--repeat`, a fixture's duration is the mean of its runs).
 */
function shardTook(
  shard: NonNullable<RunSummaryInput["shard"]>,
  fixtures: Artifact["fixtures"],
): NonNullable<SummaryView["shard"]> {
  // A fixture a stop cut short, or something kept from starting (Ctrl-C, --max-failures, a
  // need that failed), was not measured: left out of what the shard took, and said.
  const unmeasured = (f: Artifact["fixtures"][number]) =>
    interruptedWithoutResult(f) || keptFromStarting(f);
  const notPredicted = new Set(shard.notPredicted ?? []);
  const predicted = fixtures.filter((f) => !notPredicted.has(f.id));
  const unfinished = predicted.filter(unmeasured).length;
  const runs = Math.max(...fixtures.map((f) => f.repeat?.runs ?? 1), 1);
  return {
    index: shard.index,
    total: shard.total,
    predictedMs: shard.predictedMs,
    actualMs: predicted.reduce((sum, f) => unmeasured(f) ? sum : sum + f.durationMs, 0),
    ...(notPredicted.size ? { pulledIn: notPredicted.size } : {}),
    ...(unfinished ? { unfinished } : {}),
    ...(runs > 1 ? { runs } : {}),
  };
}

/** The summary to print and the exit code. */
export interface RunSummary {
  /** What the console's summary shows. */
  view: SummaryView;
  /** The exit code, agreeing with `view.result`. */
  exitCode: number;
}

/**
 * The command that reruns what a run leaves owed (its failures, and a rerun's
 * combined failures), when something is.
 *
 * @param artifact The run's artifact.
 * @param command The command that starts smoke, location flags included.
 * @returns The rerun command, or undefined when nothing is owed.
 *
 * @example
 * ```ts
 * import { rerunCommandOf } from "./run_outcome.ts";
 * import assert from "node:assert/strict";
 *
 * const failed = { summary: { failed: 1 } } as never;
 * assert.equal(rerunCommandOf(failed, "deno task smoke"), "deno task smoke --rerun-failed");
 * assert.equal(rerunCommandOf({ summary: { failed: 0 } } as never, "deno task smoke"), undefined);
 * ```
 */
export function rerunCommandOf(artifact: Artifact, command: string): string | undefined {
  const owed = artifact.suite?.outstanding.length ??
    artifact.summary.failed + (artifact.combined?.summary.failed ?? 0);
  return owed > 0 ? `${command} --rerun-failed` : undefined;
}

/** A run shorter than this lists no slowest fixtures: nothing was slow. */
const SLOW_RUN_MS = 5000;
/** How many of the slowest fixtures the summary lists. */
const SLOWEST_SHOWN = 5;

/** The slowest fixtures of a run that took a while, slowest first. */
function slowestOf(artifact: Artifact): Pick<SummaryView, "slowest"> {
  if (artifact.durationMs < SLOW_RUN_MS) return {};
  const ran = artifact.fixtures.filter((f) => f.attempts > 0);
  if (ran.length < 2) return {};
  const slowest = [...ran].sort((a, b) => b.durationMs - a.durationMs || (a.id < b.id ? -1 : 1))
    .slice(0, SLOWEST_SHOWN).map((f) => ({ id: f.id, durationMs: f.durationMs }));
  return { slowest };
}

/**
 * The fixtures a rerun recovered, each with what its pass is worth: a pass on a retry is not a
 * clean recovery, and a pass of a check unchanged since it failed is likely a flake (with its
 * flips, from the outcomes on record).
 */
function recoveredOf(
  artifact: Artifact,
  input: Pick<RunSummaryInput, "unchanged" | "outcomes">,
): string[] {
  const unchanged = new Set(input.unchanged);
  return artifact.fixtures
    .filter((f) => f.previousStatus === "failed" && f.status === "passed")
    .map((f) =>
      f.flaky
        ? `${f.id} (flaky: passed on a retry)`
        : unchanged.has(f.id)
        ? unchangedRecoveryNote(f.id, input.outcomes?.get(f.id))
        : f.id
    );
}

/**
 * Decides how a run ends once its artifact is written (or not): the verdict
 * (a missing artifact or output fails the run), the summary view, and an
 * exit code that always agrees with the verdict.
 *
 * @param input The artifact, what was written, and the run's facts.
 * @returns The view and the exit code.
 *
 * @example
 * ```ts
 * import { runSummary } from "./run_outcome.ts";
 * import assert from "node:assert/strict";
 *
 * const artifact = {
 *   summary: { total: 1, passed: 0, failed: 1, skipped: 0, flaky: 0 }, result: "fail",
 *   durationMs: 5, fixtures: [],
 * } as never;
 * const end = runSummary({
 *   artifact, saved: { runFileWritten: true, latestWritten: true }, reporterFailed: false,
 *   runFile: "runs/r.json", command: "deno task smoke", rerun: false, failOnFlaky: false,
 * });
 * assert.equal(end.exitCode, 1);
 * assert.equal(end.view.rerunCommand, "deno task smoke --rerun-failed");
 * ```
 */
export function runSummary(input: RunSummaryInput): RunSummary {
  const { artifact, saved } = input;
  const interrupted = input.signal !== undefined;
  const rerunCommand = rerunCommandOf(artifact, input.command);
  const result = saved.latestWritten && !input.reporterFailed ? artifact.result : "fail";
  // A quarantined fixture's flaky pass does not fail the run: it is not listed as one that does.
  const flakyIds = artifact.fixtures.filter((f) => f.flaky && !f.quarantined).map((f) => f.id);
  const recovered = recoveredOf(artifact, input);
  const combined = artifact.combined;
  const view: SummaryView = {
    summary: artifact.summary,
    result,
    durationMs: artifact.durationMs,
    ...(saved.runFileWritten ? { artifactPath: input.runFile } : {}),
    interrupted,
    // Without latest.json the default rerun would read the previous run: no command is printed.
    ...(rerunCommand && saved.latestWritten ? { rerunCommand } : {}),
    ...(combined
      ? {
        combined,
        recovered,
        combinedLabel: input.rerun ? "After rerun" : "Suite verdict",
        ...(artifact.suite ? { suite: suiteSummary(artifact.suite, input.catalogIds) } : {}),
      }
      : {}),
    // "All rerun failures pass now" only when nothing failed, quarantined or not.
    ...(input.rerun && result === "pass" && combined?.result === "pass" &&
        artifact.summary.failed === 0
      ? { fullRunCommand: input.command }
      : {}),
    ...(input.failOnFlaky && flakyIds.length ? { flakyFailures: flakyIds } : {}),
    // A service that went down fails the run whatever its fixtures did: stdout says so too.
    ...servicesDownOf(artifact),
    // Why the kept fixtures did not start comes from their messages, as in a merge.
    ...unstartedCounts(artifact.fixtures),
    ...slowestOf(artifact),
    ...(artifact.fixtures.some((f) => f.repeat)
      ? { repeat: artifact.fixtures.filter((f) => f.repeat) }
      : {}),
    ...(input.shard ? { shard: shardTook(input.shard, artifact.fixtures) } : {}),
  };
  const exitCode = interrupted
    ? SIGNAL_EXIT_CODES[input.signal!] ?? ExitCode.Interrupted
    : result === "pass"
    ? ExitCode.Pass
    : ExitCode.Fail;
  return { view, exitCode };
}
