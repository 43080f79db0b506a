/**
 * Executing a selection: take the artifact directory's lock, run the
 * fixtures through the reporters, write the artifact, print the failures and
 * the summary. Also writes the diagnostics artifact of a failed preflight.
 *
 * @module
 */
import { join } from "../base/path.ts";
import { createArtifact, type Diagnostic } from "../artifact/artifact.ts";
import { rerunCommandOf, runArtifact, runSummary } from "./run_outcome.ts";
import type { SmokeIo } from "./smoke_io.ts";
import type { Options } from "../config/config.ts";
import { capConcurrency, readDescriptorBudget } from "../run/descriptor_limit.ts";
import { formatUserError, formatWarning, type PreflightError, UserError } from "../base/errors.ts";
import type { Flags } from "./flags.ts";
import {
  diagnosticsRunId,
  ensureHistoryDir,
  type HistoryPaths,
  prepareHistory,
  saveRun,
  SaveRunError,
} from "../artifact/history.ts";
import { pruneHistory } from "../artifact/prune.ts";
import { isWriteFailure } from "../artifact/atomic_write.ts";
import type { Lock } from "../artifact/lock.ts";
import { acquireRunLock } from "../run/run_lock.ts";
import { envOverProcess, runProcess } from "../run/process.ts";
import {
  leftoverDiagnostics,
  ownStartTime,
  sessionLimits,
  stopRunProcesses,
} from "../run/run_processes.ts";
import type { Selection } from "../selection/resolve_selection.ts";
import type { SuiteState } from "../artifact/suite_state.ts";
import type { DurationsRead } from "../artifact/durations_file.ts";
import { addRun, recordedResults, type RunResult } from "../artifact/durations_update.ts";
import { createConsoleReporter } from "../reporters/console.ts";
import { colorWanted, palette, renderFailures } from "../reporters/console_render.ts";
import { renderSummary } from "../reporters/console_summary.ts";
import { newStopToken, renderInert } from "../reporters/github_inert.ts";
import { markCommand } from "../base/safe_output.ts";
import { type FixtureEnd, multiplexReporters } from "../reporters/reporter.ts";
import { checkRunOutputs, createRunReporters } from "./run_reporters.ts";
import { runFixtures, unstartedEnds } from "../run/run.ts";
import { serviceEnvironment } from "../config/services.ts";
import {
  markServiceDown,
  serviceDiagnostics,
  serviceOutputLines,
  startRunServices,
} from "./run_services.ts";
import { fingerprintFixtures } from "../catalog/fingerprint.ts";
import { displayPath, runEnvironment } from "./runtime.ts";
import { VERSION } from "../base/version.ts";
import { cutShort, serviceNotReadyMessage } from "../artifact/not_run.ts";

/** Between SIGTERM and SIGKILL, and the longest wait for output after a fixture exits. */
const GRACE_MS = 2000;
/** Bytes kept of each output stream. */
const TAIL_BYTES = 64 * 1024;
/** Bytes kept of each output stream of a service (its tail is in every artifact). */
const SERVICE_TAIL_BYTES = 8 * 1024;

/** What a run needs besides the selection. */
export interface RunContext {
  /** The parsed flags. */
  flags: Flags;
  /** The merged options. */
  options: Options;
  /** The edges. */
  io: SmokeIo;
  /** The artifact directory. */
  paths: HistoryPaths;
  /** The run id. */
  runId: string;
  /** When the run started. */
  startedAt: Date;
  /** The command that starts smoke, location flags included. */
  command: string;
  /** Indices into the selection's planned fixtures, in start order (see `durations.ts`). */
  startOrder?: readonly number[];
  /** The durations summary the start order was read from, for the end to add this run to. */
  durations?: DurationsRead;
  /**
   * What the run says it is about to do (the rerun plan, the shard's line): printed once the
   * lock is held, so a run another one keeps out (`LOCKED`) says only that.
   */
  preamble?: readonly string[];
}

function leakDiagnostics(ends: readonly FixtureEnd[]): Diagnostic[] {
  const leaked = ends.filter((e) => e.outputLeaked).map((e) => e.result.id);
  if (leaked.length === 0) return [];
  return [{
    code: "OUTPUT_LEAK",
    level: "warning",
    message: `A process outlived its fixture and held its output open: ${leaked.join(", ")}`,
    hint: "A child kept running after the fixture exited (it ignored SIGTERM until the SIGKILL, " +
      "or escaped the process group with setsid); output after the 2 s grace was dropped.",
  }];
}

function scanFailed(error: unknown): Diagnostic {
  return {
    code: "PROCESS_SCAN_FAILED",
    level: "warning",
    message: `Cannot look for processes that outlived their fixtures: ${
      error instanceof Error ? error.message : String(error)
    }`,
    hint: "Processes that left their fixture's group may still run; look for SMOKE_RUN_ID " +
      "in their environment.",
  };
}

/**
 * The suite's state a run continues. A full run continues none. A rerun
 * continues its source's state, unless `latest.json` holds a newer state of
 * the same lineage (the same full run: a spot-check or another run since the
 * source was written), which then wins; a run from a source of another
 * lineage (an artifact from CI) continues the source's. Any other run
 * continues `latest.json`'s.
 */
async function priorState(
  selection: Selection,
  where: { paths: HistoryPaths; shownDir: string; full: boolean },
): Promise<{ state?: SuiteState; diagnostics: Diagnostic[] }> {
  if (where.full) return { diagnostics: [] };
  const { readPriorState, notInCatalog } = await import("../selection/prior_state.ts");
  const catalogIds = selection.catalogIds ?? [];
  const rerun = selection.rerun;
  if (!rerun) return await readPriorState(where.paths, { catalogIds, shownDir: where.shownDir });
  const latest = await readPriorState(where.paths, { catalogIds, shownDir: where.shownDir });
  const newer = latest.state !== undefined && latest.runId !== undefined &&
    latest.runId > rerun.source.runId && latest.state.since !== undefined &&
    latest.state.since === rerun.state.since;
  // The preflight already warned about the source's state; only a newer state speaks again.
  return newer
    ? { state: latest.state, diagnostics: notInCatalog(latest.state!, catalogIds) }
    : { state: rerun.state, diagnostics: [] };
}

/**
 * Lays the durations and outcomes of the fixtures that ran over the artifact directory's
 * summary; returns each fixture's newest outcomes, this run's first. `split`: what the run
 * does to the timings the splits here share (see {@linkcode splitTimings}).
 */
async function saveDurations(
  dir: string,
  fixtures: readonly RunResult[],
  earlier: DurationsRead | undefined,
  options: {
    catalogIds?: readonly string[];
    split: ReadonlyMap<string, number[]> | null | undefined;
    runId: string;
    suite?: string;
    formerSuite?: string;
  },
): Promise<ReadonlyMap<string, string> | undefined> {
  const { readDurationsFile, summaryToAddTo, writeDurations } = await import(
    "../artifact/durations_file.ts"
  );
  const ran = recordedResults(fixtures);
  if (ran.length === 0) return undefined;
  // What the start read, unless another run replaced the summary since.
  // One that cannot be read is made again from the run files (this run's own comes after).
  const catalog = options.catalogIds ? new Set(options.catalogIds) : undefined;
  const before = await summaryToAddTo(dir, await readDurationsFile(dir, earlier), {
    exclude: options.runId,
    ...(catalog ? { catalog } : {}),
  });
  // Ids gone from the catalog (deleted, renamed) leave the summary once they are many.
  const samples = addRun(before, ran, {
    ...(catalog ? { catalog } : {}),
    ...(options.split !== undefined ? { split: options.split } : {}),
    ...(options.suite !== undefined ? { suite: options.suite } : {}),
    ...(options.formerSuite !== undefined ? { formerSuite: options.formerSuite } : {}),
    // Remembered: a merge of this run's artifact into this directory does not add it again.
    runIds: [options.runId],
  });
  await writeDurations(dir, samples);
  return samples.outcomes;
}

/**
 * What the run does to the timings the splits by duration from the artifact directory's own
 * summary share (see `DurationSamples.split`): a shard of such a split, of more than one
 * shard, keeps what it split by; a full run that ran to its end drops them (`null`), so the
 * next split reads the newest durations; any other run leaves them (`undefined`), so that a
 * rerun, a spot check or a stopped full run between the shards of a split does not move it.
 */
function splitTimings(
  selection: Selection,
  fixtures: readonly { failure?: { kind: string } }[],
): ReadonlyMap<string, number[]> | null | undefined {
  const { shard, shardPlan, mode } = selection;
  if (shard) return shard.total > 1 ? shardPlan?.ownTimings : undefined;
  // Only a full run that ran to its end: one cut short (Ctrl-C, --max-failures, a service
  // not ready) measured too little to split by.
  return mode === "full" && !cutShort(fixtures) ? null : undefined;
}

/** What {@linkcode saveArtifact} managed to write. */
interface Saved {
  /** `runs/<runId>.json` is on disk. */
  runFileWritten: boolean;
  /** `latest.json` holds this run too. */
  latestWritten: boolean;
}

/**
 * Writes the run file and `latest.json`; on a write failure, says exactly
 * which file failed (and, when only `latest.json` did, where the run is).
 */
async function saveArtifact(
  paths: HistoryPaths,
  artifact: ReturnType<typeof createArtifact>,
  context: { io: SmokeIo; command: string },
): Promise<Saved> {
  const { io } = context;
  try {
    await saveRun(paths, artifact, { updateLatest: true });
    return { runFileWritten: true, latestWritten: true };
  } catch (error) {
    if (!(error instanceof SaveRunError)) throw error;
    const runFile = displayPath(error.runFile, io.cwd);
    const message = `Cannot write ${error.runFileWritten ? "" : "artifact "}"${
      displayPath(error.path, io.cwd)
    }": ${error.message}`;
    const hints = error.runFileWritten
      ? [
        `This run is saved in ${runFile}; latest.json was not replaced and still holds the ` +
        "previous run.",
        ...(artifact.summary.failed > 0
          ? [`Rerun its failures with: ${context.command} --rerun-failed --artifact ${runFile}`]
          : []),
        "Move what is in the way, free disk space or fix permissions; this run is reported " +
        "as failed.",
      ]
      : [
        "Free disk space or fix permissions, or pass --artifact-dir DIR.",
        "latest.json still holds the previous run; this run is reported as failed.",
      ];
    io.stderr(
      formatUserError(
        new UserError(message, { kind: "artifact", code: "ARTIFACT_WRITE_FAILED", hints }),
      ) + "\n",
    );
    return { runFileWritten: error.runFileWritten, latestWritten: false };
  }
}

/**
 * Runs the selection and records it: lock, reporters, fixtures, artifact
 * (`runs/<runId>.json` then `latest.json`), pruning, failures and summary.
 *
 * @param selection The resolved, non-empty selection.
 * @param context Flags, options, edges, artifact directory and run facts.
 * @returns The exit code: 0 pass, 1 fail (or artifact not written), 130/143 interrupted.
 * @throws {UserError} When another run holds the lock (exit 2).
 *
 * @example
 * ```ts ignore
 * const code = await executeRun(selection, { flags, options, io, paths, runId, startedAt, command });
 * ```
 */
export async function executeRun(selection: Selection, context: RunContext): Promise<number> {
  const { flags, options, io, paths, runId } = context;
  const { planned } = selection;
  // Outputs smoke would refuse at the end are refused now, before anything runs (exit 2).
  checkRunOutputs({ flags, options, io, runId });
  await ensureHistoryDir(paths, options.artifactDir);
  const lock = await acquireRunLock(paths.dir, { shownDir: options.artifactDir, runId });
  try {
    if (context.preamble?.length) io.stdout(context.preamble.join("\n") + "\n");
    for (const warning of lock.warnings) io.stderr(formatWarning(warning));
    prepareHistory(paths, { shownDir: options.artifactDir, replacesLatest: true });
    // The state this run continues, read under the lock: no other run can change it until
    // this run's artifact replaces latest.json.
    const prior = await priorState(selection, {
      paths,
      shownDir: options.artifactDir,
      full: !flags.shard && selection.mode === "full",
    });
    for (const warning of prior.diagnostics) io.stderr(formatWarning(warning));
    const colors = palette(
      colorWanted({ isTerminal: io.isTerminal, noColor: flags.noColor, env: io.env }),
    );
    const consoleReporter = createConsoleReporter({
      write: io.stdout,
      colors,
      live: io.isTerminal,
      columns: io.columns,
      now: () => performance.now(),
    });
    const extra = await createRunReporters({ flags, options, io, runId });
    // A broken reporter does not stop the run, but an output CI relies on (a JUnit file, a
    // report) is missing, so the run cannot pass.
    let reporterFailed = false;
    const reporters = [consoleReporter, ...extra];
    const reporter = multiplexReporters(reporters, (error, i) => {
      reporterFailed = true;
      const detail = error instanceof Error ? error.message : String(error);
      io.stderr(
        `error: The ${
          reporters[i].name ?? `#${i}`
        } reporter failed and was turned off: ${detail}\n` +
          `hint: ${reporters[i].fix ? `${reporters[i].fix} ` : ""}The run went on; it is ` +
          "reported as failed because that output is missing.\n",
      );
    });
    // The fixtures that may start (a manifest's skip never does).
    const runnable = planned.filter((p) => !p.fixture.skipReason).length;
    const cap = capConcurrency(options.concurrency, readDescriptorBudget(), runnable);
    if (cap.warning) io.stderr(formatWarning(cap.warning));
    // Exit paths (a crash, a second interrupt) also kill what escaped the fixtures' groups, and
    // the services' (they carry the run id too).
    const startedAfter = ownStartTime();
    io.groups.watchRun({ runId, startedAfter });
    const baseEnv = { ...io.env, ...serviceEnvironment(options.services) };
    const services = await startRunServices({
      options,
      noServices: flags.noServices,
      nothingRuns: runnable === 0,
      io,
      env: baseEnv,
      runId,
      graceMs: GRACE_MS,
      tailBytes: SERVICE_TAIL_BYTES,
    });
    await reporter.onBegin({ runId, fixtures: planned, concurrency: cap.effective });
    const fixtureEnv = envOverProcess(baseEnv);
    // Which fixtures ended while a service was down, and which services.
    const down = new Map<string, string[]>();
    let ends = services.running?.failed
      ? unstartedEnds(planned, serviceNotReadyMessage(services.running.failed.name))
      : await runFixtures(planned, {
        runId,
        concurrency: cap.effective,
        // Only what differs from smoke's own environment, when the children can inherit the rest.
        baseEnv: fixtureEnv.env,
        inheritEnv: fixtureEnv.inheritEnv,
        graceMs: GRACE_MS,
        tailBytes: TAIL_BYTES,
        ...(options.maxFailures ? { maxFailures: options.maxFailures } : {}),
        ...(context.startOrder ? { startOrder: context.startOrder } : {}),
        ...(flags.repeat ? { repeat: flags.repeat } : {}),
      }, {
        spawn: async (spec, signal) => {
          const outcome = await runProcess(spec, { groups: io.groups, signal });
          const gone = services.running?.down() ?? [];
          if (gone.length && spec.env.SMOKE_FIXTURE_ID) down.set(spec.env.SMOKE_FIXTURE_ID, gone);
          return outcome;
        },
        reporter,
        signal: io.signal,
        onCleanup: (ids, budgetMs) =>
          io.stderr(
            `warning: running the teardowns of what ran${
              budgetMs ? `, within ${budgetMs / 1000}s` : ""
            }: ${ids.join(", ")}` +
              (budgetMs ? " (again to stop at once, without writing the artifact)" : "") + "\n",
          ),
      });
    // The live status line goes before anything else is printed (a service's error, warnings).
    consoleReporter.close();
    await services.running?.stop();
    ends = markServiceDown(ends, down);
    // A service not ready, or gone during the run: the error, with its output's last lines.
    const serviceProblems = services.records.flatMap((record) =>
      serviceDiagnostics([record], planned.length).map((diagnostic) => ({ record, diagnostic }))
    );
    for (const { record, diagnostic } of serviceProblems) {
      io.stderr(
        `error: ${diagnostic.message} [${diagnostic.code}]\n` +
          serviceOutputLines(record).map((line) => line + "\n").join("") +
          `hint: ${diagnostic.hint}\n`,
      );
    }
    // What outlived its fixture's group and session: one scan of /proc for the whole run.
    const sweep = await stopRunProcesses(runId, {
      graceMs: GRACE_MS,
      startedAfter,
      ...(startedAfter === undefined
        ? {}
        : { sessions: sessionLimits(io.groups.sessions(), startedAfter) }),
    }).then(
      (found) => ({ found, failed: [] as Diagnostic[] }),
      // The fixtures' results come first: a failed scan is a warning, not a lost run.
      (error: unknown) => ({ found: [], failed: [scanFailed(error)] }),
    );
    io.groups.watchRun(undefined);
    const interrupted = io.signal.aborted;
    const diagnostics = [
      ...serviceProblems.map((problem) => problem.diagnostic),
      ...selection.diagnostics,
      ...prior.diagnostics,
      ...lock.warnings,
      ...(cap.warning ? [cap.warning] : []),
      ...leakDiagnostics(ends),
      ...leftoverDiagnostics(sweep.found),
      ...sweep.failed,
    ];
    const artifact = runArtifact({
      runId,
      selection,
      ends,
      startedAt: context.startedAt,
      finishedAt: io.now(),
      version: VERSION,
      environment: runEnvironment(io.env),
      ...(flags.shard ? { shard: flags.shard } : {}),
      failOnFlaky: flags.failOnFlaky,
      interrupted,
      diagnostics,
      services: services.records,
      // A fingerprint serves to compare a failure with its rerun: only a fixture that ran and
      // failed gets one (hashing every file of a green suite costs ~0.3 ms a fixture).
      fingerprints: await fingerprintFixtures(
        ends.filter((e) => e.result.status === "failed" && e.result.attempts > 0 && e.planned)
          .map((e) => e.planned!.fixture),
        io.cwd,
      ),
      ...(prior.state ? { prior: prior.state } : {}),
    });
    const runFile = displayPath(join(paths.runs, `${runId}.json`), io.cwd);
    const saved = await saveArtifact(paths, artifact, { io, command: context.command });
    // Each fixture's newest outcomes, for the evidence of a rerun's recoveries.
    let outcomes: ReadonlyMap<string, string> | undefined;
    if (saved.latestWritten) {
      const pruned = pruneHistory(paths, {
        limit: options.historyLimit,
        keep: [runId],
        shownDir: options.artifactDir,
      });
      for (const warning of pruned.warnings) io.stderr(formatWarning(warning));
      // The durations summary the next run orders by (longest first): under the lock, after the
      // run's own record is safe. Losing it only costs the next run its order.
      outcomes = await saveDurations(paths.dir, artifact.fixtures, context.durations, {
        ...(selection.catalogIds ? { catalogIds: selection.catalogIds } : {}),
        split: splitTimings(selection, artifact.fixtures),
        runId,
        ...(selection.suite !== undefined ? { suite: selection.suite } : {}),
        ...(selection.formerSuite !== undefined ? { formerSuite: selection.formerSuite } : {}),
      }).catch(
        async (error: unknown) => {
          if (!isWriteFailure(error)) throw error;
          // Loaded already, by saveDurations.
          const { durationsNotSaved } = await import("../artifact/durations_file.ts");
          // On standard error only: the run's files are saved by now, and a file in runs/ is
          // never written again.
          io.stderr(formatWarning(durationsNotSaved(options.artifactDir, error, "run")));
          return undefined;
        },
      );
    }
    const rerunCommand = rerunCommandOf(artifact, context.command);
    await reporter.onEnd({ ends, artifact, artifactPath: runFile, rerunCommand });
    for (const d of diagnostics) {
      if (["OUTPUT_LEAK", "LEFTOVER_PROCESS", "PROCESS_SCAN_FAILED"].includes(d.code)) {
        io.stderr(formatWarning(d));
      }
    }
    // A reporter may fail in onEnd: the verdict is decided after it.
    const end = runSummary({
      artifact,
      saved,
      reporterFailed,
      runFile,
      command: context.command,
      rerun: selection.rerun !== undefined,
      failOnFlaky: flags.failOnFlaky,
      ...(selection.changes ? { unchanged: selection.changes.unchanged } : {}),
      ...(outcomes ? { outcomes } : {}),
      ...(interrupted ? { signal: String(io.signal.reason) } : {}),
      ...(selection.catalogIds ? { catalogIds: selection.catalogIds } : {}),
      ...(selection.shardPlan
        ? {
          shard: {
            ...selection.shardPlan.shard,
            predictedMs: selection.shardPlan.totals[selection.shardPlan.shard.index - 1] ?? 0,
            // Needs too many to follow were not predicted here: what they took is not counted.
            ...(selection.shardPlan.needsLeftOut && selection.pulledIn?.size
              ? { notPredicted: [...selection.pulledIn.keys()] }
              : {}),
          },
        }
        : {}),
    });
    // In GitHub Actions, fixture output in the failures section must not act as workflow commands.
    const failures = renderFailures(ends, colors).join("\n");
    const failuresText = failures === ""
      ? ""
      : io.github
      ? renderInert(failures, { token: newStopToken(), command: markCommand }) + "\n"
      : failures + "\n";
    io.stdout("\n" + failuresText + renderSummary(end.view, colors).join("\n") + "\n");
    return end.exitCode;
  } finally {
    lock.release();
  }
}

/** What {@linkcode writeDiagnostics} needs. */
export interface DiagnosticsContext {
  /** The edges. */
  io: SmokeIo;
  /** The artifact directory. */
  paths: HistoryPaths;
  /** The artifact directory as the user named it. */
  shownDir: string;
  /** The run id (the artifact gets its diagnostics form, `<runId>-preflight`). */
  runId: string;
  /** When the run started. */
  startedAt: Date;
}

/**
 * Writes the diagnostics artifact of a failed rerun preflight to
 * `runs/<runId>-preflight.json` only: `latest.json` keeps the last real run.
 * Then prunes diagnostics artifacts beyond the newest few (real runs are not
 * touched here: see `prune.ts`).
 *
 * @param error The preflight error.
 * @param context Edges, artifact directory and run facts.
 * @returns The path written, relative to the working directory when inside it;
 * undefined when it could not be written (a warning says why: the preflight
 * error stays the error).
 * @throws {UserError} When another run holds the lock (exit 2).
 *
 * @example
 * ```ts ignore
 * const path = await writeDiagnostics(error, { io, paths, shownDir, runId, startedAt });
 * ```
 */
export async function writeDiagnostics(
  error: PreflightError,
  context: DiagnosticsContext,
): Promise<string | undefined> {
  const { io, paths, shownDir } = context;
  // Named apart from real runs, so pruning and the rerun hints tell them by name.
  const runId = diagnosticsRunId(context.runId);
  const unwritten = (code: string, message: string) => {
    io.stderr(formatWarning({
      code,
      message: `The diagnostics artifact was not written: ${message}`,
      hint: "The error below is what stopped the run.",
    }));
    return undefined;
  };
  let lock: Lock;
  try {
    await ensureHistoryDir(paths, shownDir);
    lock = await acquireRunLock(paths.dir, { shownDir, runId });
  } catch (failure) {
    // Another run holding the directory stays the error (as before); a directory that cannot
    // take the diagnostics only loses them.
    if (!(failure instanceof UserError) || failure.code === "LOCKED") throw failure;
    return unwritten(failure.code ?? "ARTIFACT_DIR_UNUSABLE", failure.message);
  }
  try {
    for (const warning of lock.warnings) io.stderr(formatWarning(warning));
    prepareHistory(paths, { shownDir, replacesLatest: false });
    const artifact = createArtifact({
      runId,
      mode: "rerun-failed",
      startedAt: context.startedAt,
      finishedAt: io.now(),
      version: VERSION,
      environment: runEnvironment(io.env),
      selection: { fixtureIds: [] },
      fixtures: [],
      diagnostics: [...error.diagnostics],
    });
    const written = displayPath(await saveRun(paths, artifact, { updateLatest: false }), io.cwd);
    // Only diagnostics artifacts beyond the newest few go: real runs are pruned by real runs,
    // which know the run latest.json holds.
    const pruned = pruneHistory(paths, {
      limit: Number.POSITIVE_INFINITY,
      keep: [runId],
      shownDir,
    });
    for (const warning of pruned.warnings) io.stderr(formatWarning(warning));
    return written;
  } catch (failure) {
    if (failure instanceof SaveRunError) {
      return unwritten(
        "ARTIFACT_WRITE_FAILED",
        `"${displayPath(failure.path, io.cwd)}": ${failure.message}`,
      );
    }
    if (failure instanceof UserError && failure.code !== "LOCKED") {
      return unwritten(failure.code ?? "ARTIFACT_WRITE_FAILED", failure.message);
    }
    throw failure;
  } finally {
    lock.release();
  }
}
