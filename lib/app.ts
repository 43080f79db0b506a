/**
 * A smoke run from flags to exit code: config, catalog, selection (with
 * rerun-failed), dry run or list, the run itself, artifacts and the console
 * summary. Every edge (clock, terminal, processes, environment) comes in
 * through {@linkcode SmokeIo}.
 *
 * @module
 */
import { resolve } from "node:path";
import { type Artifact, createArtifact, type Diagnostic, type FixtureResult } from "./artifact.ts";
import { readCatalog } from "./catalog.ts";
import { type Options, resolveOptions } from "./config.ts";
import { loadConfig } from "./config_file.ts";
import { requireDeno } from "./deno_check.ts";
import { ExitCode, UserError } from "./errors.ts";
import type { Flags } from "./flags.ts";
import {
  historyPaths,
  newRunId,
  prepareHistory,
  pruneHistory,
  readHistoryRun,
  saveRun,
} from "./history.ts";
import { acquireLock } from "./lock.ts";
import { planFixture, type PlannedFixture, shellQuote } from "./plan.ts";
import { type ProcessGroups, runProcess } from "./process.ts";
import { createConsoleReporter } from "./report/console.ts";
import {
  palette,
  renderFailures,
  renderSummary,
  type SummaryView,
} from "./report/console_render.ts";
import { multiplexReporters } from "./report/reporter.ts";
import { neutralizeLegacyCommands, newStopToken, renderInert } from "./report/github.ts";
import { createRunReporters } from "./report/run_reporters.ts";
import { runFixtures } from "./run.ts";
import { filterByPatterns, shardOf } from "./select.ts";
import { combine } from "./rerun.ts";
import { type Preflight, preflight, PreflightError } from "./rerun_preflight.ts";
import { VERSION } from "./version.ts";

/** The edges a run uses. */
export interface SmokeIo {
  /** Absolute working directory. */
  cwd: string;
  /** The environment smoke runs in. */
  env: Record<string, string>;
  /** Writes to standard output. */
  stdout(text: string): void;
  /** Writes to standard error. */
  stderr(text: string): void;
  /** Whether standard output is a terminal. */
  isTerminal: boolean;
  /** Terminal width. */
  columns(): number;
  /** Aborted on SIGINT or SIGTERM, with the signal name as reason. */
  signal: AbortSignal;
  /** The run's live process groups. */
  groups: ProcessGroups;
  /** The Deno executable for script fixtures. */
  deno: string;
  /** How users start smoke, for printed commands: `deno task smoke`. */
  invocation: string;
  /** The wall clock. */
  now(): Date;
}

const GRACE_MS = 2000;
const TAIL_BYTES = 64 * 1024;

/** Flags a printed command must keep to find the same files. */
function locationFlags(flags: Flags): string[] {
  const out: string[] = [];
  if (flags.config) out.push("--config", flags.config);
  if (flags.fixturesDir) out.push("--fixtures-dir", flags.fixturesDir);
  if (flags.artifactDir) out.push("--artifact-dir", flags.artifactDir);
  return out;
}

function environment(io: SmokeIo): Artifact["environment"] {
  return {
    deno: Deno.version.deno,
    os: Deno.build.os,
    arch: Deno.build.arch,
    ci: Boolean(io.env.CI && io.env.CI !== "false"),
    hostname: Deno.hostname(),
  };
}

function warn(io: SmokeIo, diagnostics: readonly Diagnostic[]): void {
  for (const d of diagnostics) {
    if (d.level !== "warning") continue;
    io.stderr(`warning: ${d.message}\n${d.hint ? `hint: ${d.hint}\n` : ""}`);
  }
}

/** Selection plus what the run records about it. */
interface Selection {
  planned: PlannedFixture[];
  mode: Artifact["mode"];
  diagnostics: Diagnostic[];
  rerun?: Preflight;
}

async function select(
  flags: Flags,
  options: Options,
  io: SmokeIo,
  fixturesDir: string,
): Promise<Selection> {
  const catalog = await readCatalog({ cwd: io.cwd, fixturesDir });
  let chosen = filterByPatterns(catalog, flags.fixtures);
  let rerun: Preflight | undefined;
  const diagnostics: Diagnostic[] = [];
  if (flags.rerunFailed) {
    rerun = await preflight({
      path: resolve(io.cwd, flags.artifact ?? resolve(options.artifactDir, "latest.json")),
      shownPath: flags.artifact ?? `${options.artifactDir}/latest.json`,
      catalogIds: catalog.map((f) => f.id),
      selectedIds: chosen.map((f) => f.id),
      patterns: flags.fixtures,
      maxFailures: flags.rerunMaxFailures,
      fallback: `${io.invocation}${
        locationFlags(flags).map((f) => ` ${shellQuote([f])}`).join("")
      }`,
      readRun: (runId) => readHistoryRun(historyPaths(resolve(io.cwd, options.artifactDir)), runId),
    });
    const ids = new Set(rerun.rerunIds);
    chosen = chosen.filter((f) => ids.has(f.id));
    diagnostics.push(...rerun.diagnostics);
  }
  if (flags.shard) chosen = shardOf(chosen, flags.shard);
  const planned = chosen.map((fixture) => planFixture(fixture, { options, deno: io.deno }));
  const mode = flags.rerunFailed ? "rerun-failed" : flags.fixtures.length ? "selected" : "full";
  return { planned, mode, diagnostics, rerun };
}

function renderDryRun(selection: Selection, io: SmokeIo, flags: Flags): string[] {
  const lines: string[] = [];
  const kinds = new Map(selection.rerun?.failed.map((f) => [f.id, f.kind]) ?? []);
  for (const p of selection.planned) {
    const kind = kinds.get(p.fixture.id);
    lines.push(
      `${p.fixture.id}${kind ? `  (failed: ${kind})` : ""}${
        p.fixture.skipReason ? `  (skip: ${p.fixture.skipReason})` : ""
      }`,
    );
    lines.push(`  ${shellQuote(p.argv)}`);
    lines.push(
      `  cwd: ${p.cwd === io.cwd ? "." : p.cwd}, timeout: ${p.timeoutMs}ms, retries: ${p.retries}`,
    );
  }
  const n = selection.planned.length;
  lines.push(
    `Dry run: ${n} fixture${n === 1 ? "" : "s"} would ${
      flags.rerunFailed ? "rerun" : "run"
    }; nothing was run or written.`,
  );
  lines.push("RESULT: pass");
  return lines;
}

/**
 * Runs `smoke` (the default command) to its exit code.
 *
 * @param flags The parsed flags.
 * @param io The edges: directories, output, signals, processes, clock.
 * @returns The exit code: 0 pass, 1 fail, 130/143 interrupted.
 * @throws {UserError} On usage, config, catalog, lock or preflight errors (exit 2).
 *
 * @example
 * ```ts ignore
 * const code = await runSmoke(parseFlags(Deno.args), io);
 * ```
 */
export async function runSmoke(flags: Flags, io: SmokeIo): Promise<number> {
  const config = await loadConfig(flags, io.cwd);
  const options = resolveOptions(flags, config, navigator.hardwareConcurrency ?? 1);
  const fixturesDir = resolve(io.cwd, options.fixturesDir);
  const paths = historyPaths(resolve(io.cwd, options.artifactDir));
  const startedAt = io.now();
  const runId = newRunId(startedAt);

  let selection: Selection;
  try {
    selection = await select(flags, options, io, fixturesDir);
  } catch (error) {
    if (!(error instanceof PreflightError)) throw error;
    // A dry run or a listing writes nothing, not even a diagnostics artifact.
    const written = flags.dryRun || flags.list
      ? undefined
      : await writeDiagnostics(paths, { runId, startedAt, io, options, error });
    throw new UserError(error.message, {
      kind: "preflight",
      code: error.code,
      hints: [...error.hints, ...(written ? [`Diagnostics artifact: ${written}`] : [])],
    });
  }
  warn(io, selection.diagnostics);
  const { planned } = selection;

  if (flags.list) {
    io.stdout(planned.map((p) => p.fixture.id).join("\n") + (planned.length ? "\n" : ""));
    return ExitCode.Pass;
  }
  if (planned.length === 0) {
    if (flags.shard) {
      io.stderr(
        `warning: EMPTY_SHARD: shard ${flags.shard.index}/${flags.shard.total} has no fixtures\n` +
          "hint: Nothing to do here; the merged run judges the whole selection.\n",
      );
      io.stdout("RESULT: pass\n");
      return ExitCode.Pass;
    }
    throw new UserError(`No fixtures to run in "${options.fixturesDir}"`, {
      kind: "catalog",
      code: "NO_FIXTURES",
      hints: [
        `Add a fixture such as "${options.fixturesDir}/hello.smoke.ts", or pass --fixtures-dir DIR.`,
        "A run never reports success when nothing ran.",
      ],
    });
  }
  if (flags.dryRun) {
    io.stdout(renderDryRun(selection, io, flags).join("\n") + "\n");
    return ExitCode.Pass;
  }
  await requireDeno(planned, {
    deno: io.deno,
    from: flags.deno ? "--deno" : io.env.SMOKE_DENO ? "SMOKE_DENO" : "default",
    env: io.env,
    cwd: io.cwd,
    invocation: io.invocation,
  });

  await Deno.mkdir(paths.dir, { recursive: true });
  const lock = await acquireLock(paths.dir, options.artifactDir);
  try {
    await prepareHistory(paths);
    const colors = palette(
      io.isTerminal && !flags.noColor && !("NO_COLOR" in io.env && io.env.NO_COLOR !== ""),
    );
    const github = io.env.GITHUB_ACTIONS === "true";
    const consoleReporter = createConsoleReporter({
      write: github ? (text) => io.stdout(neutralizeLegacyCommands(text)) : io.stdout,
      colors,
      live: io.isTerminal,
      columns: io.columns,
      now: () => performance.now(),
    });
    const extra = createRunReporters({ flags, options, io, runId });
    const reporter = multiplexReporters([consoleReporter, ...extra], (error, i) => {
      io.stderr(
        `warning: reporter ${i} failed and was turned off: ${(error as Error)?.stack ?? error}\n`,
      );
    });
    await reporter.onBegin({ runId, fixtures: planned, concurrency: options.concurrency });
    const ends = await runFixtures(planned, {
      runId,
      concurrency: options.concurrency,
      baseEnv: io.env,
      graceMs: GRACE_MS,
      tailBytes: TAIL_BYTES,
    }, {
      spawn: (spec, signal) => runProcess(spec, { groups: io.groups, signal }),
      reporter,
      signal: io.signal,
    });
    consoleReporter.close();
    const interrupted = io.signal.aborted;
    const previous = new Map(selection.rerun?.source.fixtures.map((f) => [f.id, f.status]) ?? []);
    const fixtures: FixtureResult[] = ends.map(({ result }) => {
      const before = previous.get(result.id);
      return before ? { ...result, previousStatus: before } : result;
    });
    const diagnostics = [...selection.diagnostics];
    const leaked = ends.filter((e) => e.outputLeaked).map((e) => e.result.id);
    if (leaked.length) {
      diagnostics.push({
        code: "OUTPUT_LEAK",
        level: "warning",
        message: `A process outlived its fixture and held its output open: ${leaked.join(", ")}`,
        hint:
          "A grandchild escaped the process group (setsid?); its output past the grace was dropped.",
      });
    }
    const combined = selection.rerun
      ? combine(selection.rerun.baseFixtures, fixtures, selection.rerun.stale, flags)
      : undefined;
    const artifact = createArtifact({
      runId,
      mode: selection.mode,
      startedAt,
      finishedAt: io.now(),
      version: VERSION,
      environment: environment(io),
      selection: {
        fixtureIds: planned.map((p) => p.fixture.id),
        ...(selection.rerun ? { source: selection.rerun.sourceRef } : {}),
        ...(flags.shard ? { shard: flags.shard } : {}),
      },
      fixtures,
      failOnFlaky: flags.failOnFlaky,
      interrupted,
      combined,
      diagnostics,
    });
    const file = await saveRun(paths, artifact, { updateLatest: true });
    await pruneHistory(paths, options.historyLimit, [runId]);
    const relative = (p: string) => p.startsWith(io.cwd + "/") ? p.slice(io.cwd.length + 1) : p;
    const command = [io.invocation, ...locationFlags(flags).map((f) => shellQuote([f]))].join(" ");
    const rerunCommand = artifact.summary.failed > 0 ? `${command} --rerun-failed` : undefined;
    await reporter.onEnd({ ends, artifact, artifactPath: relative(file), rerunCommand });
    warn(io, diagnostics.filter((d) => d.code === "OUTPUT_LEAK"));

    const recovered = fixtures.filter((f) => f.previousStatus === "failed" && f.status === "passed")
      .map((f) => f.id);
    const view: SummaryView = {
      summary: artifact.summary,
      result: artifact.result,
      durationMs: artifact.durationMs,
      artifactPath: relative(file),
      interrupted,
      ...(rerunCommand ? { rerunCommand } : {}),
      ...(combined ? { combined, recovered } : {}),
      ...(selection.rerun && artifact.result === "pass" ? { fullRunCommand: command } : {}),
    };
    // In GitHub Actions, fixture output in the failures section must not act as workflow commands.
    const failures = renderFailures(ends, colors).join("\n");
    const failuresText = failures === ""
      ? ""
      : github
      ? renderInert(failures, { token: newStopToken() })
      : failures + "\n";
    io.stdout("\n" + failuresText + renderSummary(view, colors).join("\n") + "\n");
    if (interrupted) {
      return io.signal.reason === "SIGTERM" ? ExitCode.Terminated : ExitCode.Interrupted;
    }
    return artifact.result === "pass" ? ExitCode.Pass : ExitCode.Fail;
  } finally {
    await lock.release();
  }
}

async function writeDiagnostics(
  paths: ReturnType<typeof historyPaths>,
  context: { runId: string; startedAt: Date; io: SmokeIo; options: Options; error: PreflightError },
): Promise<string> {
  const { io, error } = context;
  await Deno.mkdir(paths.dir, { recursive: true });
  const lock = await acquireLock(paths.dir, context.options.artifactDir);
  try {
    await prepareHistory(paths);
    const artifact = createArtifact({
      runId: context.runId,
      mode: "rerun-failed",
      startedAt: context.startedAt,
      finishedAt: io.now(),
      version: VERSION,
      environment: environment(io),
      selection: { fixtureIds: [] },
      fixtures: [],
      diagnostics: [...error.diagnostics],
    });
    const file = await saveRun(paths, artifact, { updateLatest: false });
    return file.startsWith(io.cwd + "/") ? file.slice(io.cwd.length + 1) : file;
  } finally {
    await lock.release();
  }
}
