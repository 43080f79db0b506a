/**
 * A smoke run from flags to exit code: config, selection (with rerun-failed),
 * list, dry run, or the run itself (see `execute_run.ts`). Every edge (clock,
 * terminal, processes, environment) comes in through {@linkcode SmokeIo}.
 *
 * @module
 */
import { resultLine } from "../base/safe_output.ts";
import { loadQuarantine } from "../config/quarantine_file.ts";
import { dayOf } from "../selection/quarantine.ts";
import { serviceDryRunLines } from "../config/services.ts";
import type { SmokeIo } from "./smoke_io.ts";
import { resolve } from "../base/path.ts";
import type { Diagnostic } from "../artifact/artifact.ts";
import { resolveOptions } from "../config/config.ts";
import { loadConfig } from "../config/config_file.ts";
import { requireDeno } from "../run/deno_check.ts";
import { ExitCode, formatWarning, PreflightError, UserError } from "../base/errors.ts";
import type {
  executeRun as ExecuteRun,
  writeDiagnostics as WriteDiagnostics,
} from "./execute_run.ts";
import type { Flags } from "./flags.ts";
import { historyPaths, newRunId } from "../artifact/history.ts";
import { shardPlanLine, shardRunLine } from "../selection/shard_plan_lines.ts";
import {
  filtersOf,
  resolveSelection,
  type Selection,
  smokeCommand,
} from "../selection/resolve_selection.ts";
import { renderDryRun, renderRerunPlan } from "../selection/render_dry_run.ts";
// Loaded with the dry run's listing (render_dry_run.ts) already.
import { readSchedule } from "../selection/schedule.ts";

/**
 * The run machinery (processes, reporters, artifact writing), loaded only when
 * something runs or writes: `--list` and `--dry-run` start faster without it.
 */
function runModule(): Promise<
  { executeRun: typeof ExecuteRun; writeDiagnostics: typeof WriteDiagnostics }
> {
  return import("./execute_run.ts");
}

/**
 * The error of an empty selection: which filters left nothing (positive
 * filters that match nothing together, or excludes that take out what the
 * others select), or an empty catalog.
 */
function emptySelection(
  filters: readonly string[],
  context: { catalogEmpty: boolean; fixturesDir: string; rerun: boolean; listing: boolean },
): UserError {
  const last = "A run never reports success when nothing ran.";
  if (context.catalogEmpty || context.rerun || filters.length === 0) {
    return new UserError(`No fixtures to run in "${context.fixturesDir}"`, {
      kind: "catalog",
      code: "NO_FIXTURES",
      hints: [
        `Add a fixture such as "${context.fixturesDir}/hello.smoke.ts", or pass --fixtures-dir DIR.`,
        last,
      ],
    });
  }
  const excludes = filters.filter((f) => f.startsWith("--exclude"));
  const others = filters.length - excludes.length;
  const list = context.listing ? "" : " --list shows what a set of filters selects.";
  const [message, hint] = excludes.length === 0
    ? [
      `No fixture matches ${filters.join(" ")} together`,
      `Each filter matches some fixtures, but none matches them all: drop or change one.${list}`,
    ]
    : [
      `No fixture is left after ${filters.join(" ")}`,
      `${
        others
          ? "The excludes take out every fixture the other filters select"
          : excludes.length > 1
          ? "They take out every fixture"
          : "It takes out every fixture"
      }: drop or change one.${list}`,
    ];
  return new UserError(message, { kind: "usage", code: "NO_FIXTURES", hints: [hint, last] });
}

/** The warning of a shard with nothing to run (`--list` and a run alike). */
function emptyShardWarning(
  shard: { index: number; total: number },
  rerun: { owed?: number },
): string {
  // A rerun's shard is empty when none of what is owed falls in it: the other shards rerun it.
  const owed = rerun.owed;
  return formatWarning({
    code: "EMPTY_SHARD",
    message: owed === undefined
      ? `Shard ${shard.index}/${shard.total} has no fixtures`
      : `Shard ${shard.index}/${shard.total} has none of the ${owed} outstanding fixture${
        owed === 1 ? "" : "s"
      }`,
    hint: owed === undefined
      ? "Nothing to do here; the merged run judges the whole selection."
      : "Nothing to rerun here; the other shards rerun the rest.",
  });
}

/** Prints the warnings among diagnostics to standard error, with their codes. */
function warn(io: SmokeIo, diagnostics: readonly Diagnostic[]): void {
  for (const d of diagnostics) {
    if (d.level !== "warning") continue;
    io.stderr(formatWarning(d));
  }
}

export type { SmokeIo };

/**
 * Runs `smoke` (the default command) to its exit code.
 *
 * @param flags The parsed flags.
 * @param io The edges: directories, output, signals, processes, clock.
 * @returns The exit code: 0 pass, 1 fail, 130/143 interrupted.
 * @throws {UserError} On usage, config, catalog, lock or preflight errors (exit 2).
 *
 * @example Run a one-fixture project
 * ```ts
 * import { runSmoke } from "./run_command.ts";
 * import { parseFlags } from "./flags.ts";
 * import { ProcessGroups } from "../run/process.ts";
 * import assert from "node:assert/strict";
 *
 * const cwd = await Deno.makeTempDir();
 * await Deno.mkdir(`${cwd}/fixtures`);
 * await Deno.writeTextFile(`${cwd}/fixtures/ok.smoke.jsonc`, '{ "command": ["true"] }');
 * let out = "";
 * const code = await runSmoke(parseFlags([]), {
 *   cwd,
 *   env: { PATH: Deno.env.get("PATH") ?? "" },
 *   stdout: (text) => (out += text),
 *   stderr: () => {},
 *   isTerminal: false,
 *   columns: () => 80,
 *   signal: new AbortController().signal,
 *   groups: new ProcessGroups(),
 *   deno: Deno.execPath(),
 *   invocation: "deno task smoke",
 *   now: () => new Date(),
 * });
 * assert.equal(code, 0);
 * assert.match(out, /^PASS {2}ok /m);
 * assert.ok(out.endsWith("RESULT: pass\n"));
 * await Deno.remove(cwd, { recursive: true });
 * ```
 */
export async function runSmoke(flags: Flags, io: SmokeIo): Promise<number> {
  const config = await loadConfig(flags, io.cwd);
  const options = resolveOptions(flags, config, navigator.hardwareConcurrency ?? 1);
  const paths = historyPaths(resolve(io.cwd, options.artifactDir));
  const startedAt = io.now();
  const runId = newRunId(startedAt);
  const command = smokeCommand(io.invocation, flags);

  let selection: Selection;
  try {
    const quarantine = await loadQuarantine(config, {
      cwd: io.cwd,
      configShown: flags.config ?? "smoke.jsonc",
    });
    selection = await resolveSelection(flags, options, {
      cwd: io.cwd,
      deno: io.deno,
      command,
      quarantine,
      today: dayOf(io.now()),
    });
  } catch (error) {
    if (!(error instanceof PreflightError)) throw error;
    warn(io, error.diagnostics);
    // A dry run or a listing writes nothing, not even a diagnostics artifact.
    const written = flags.dryRun || flags.list
      ? undefined
      : await (await runModule()).writeDiagnostics(error, {
        io,
        paths,
        shownDir: options.artifactDir,
        runId,
        startedAt,
      });
    throw new UserError(error.message, {
      kind: "preflight",
      code: error.code,
      hints: error.hints,
      diagnosticsPath: written,
    });
  }
  warn(io, selection.diagnostics);
  // --repeat measures first attempts: no retries (manifest or config) unless --retries is given,
  // and then that many for every fixture.
  if (flags.repeat) {
    const retries = flags.retries ?? 0;
    selection = { ...selection, planned: selection.planned.map((p) => ({ ...p, retries })) };
  }

  const { planned } = selection;
  /** What the run says it is about to do: printed once it holds the lock (see executeRun). */
  const preamble: string[] = [];
  if (selection.none !== undefined) {
    if (flags.ifNone === "pass") {
      // Nothing is owed, and the user said that is a pass: nothing runs, nothing is written.
      if (flags.list) {
        // No ids on stdout; why there are none, on stderr (as what is pulled in is said).
        io.stderr(`${selection.none}; --if-none pass: nothing to list.\n`);
      } else {
        io.stdout(`${selection.none}; --if-none pass: nothing ran.\n`);
        io.stdout(`${resultLine("pass")}\n`);
      }
      return ExitCode.Pass;
    }
    if (!flags.list) {
      const line = `${selection.none}\n--if-none all: ${
        flags.dryRun ? "the selection would run" : "running the selection"
      } instead.`;
      // A run says it once it holds the lock; a dry run, or a selection its filters emptied
      // (an error follows), at once.
      if (flags.dryRun || planned.length === 0) io.stdout(line + "\n");
      else preamble.push(line);
    }
  }

  if (planned.length === 0) {
    // An empty shard is a warning, for --list as for a run (the merged run judges the whole).
    if (flags.shard) {
      if (flags.list && selection.shardPlan) io.stderr(shardPlanLine(selection.shardPlan) + "\n");
      // A dry run shows every shard's predicted total too, this one's at 0.
      if (flags.dryRun && selection.shardPlan) io.stdout(shardPlanLine(selection.shardPlan) + "\n");
      io.stderr(
        emptyShardWarning(flags.shard, {
          ...(selection.owed !== undefined ? { owed: selection.owed } : {}),
        }),
      );
      if (flags.dryRun) io.stdout("Dry run: 0 fixtures would run; nothing was run or written.\n");
      if (!flags.list) io.stdout(`${resultLine("pass")}\n`);
      return ExitCode.Pass;
    }
    // Otherwise an empty selection is exit 2, for --list and --dry-run as for a run.
    throw emptySelection(filtersOf(flags), {
      catalogEmpty: (selection.catalogIds ?? []).length === 0,
      fixturesDir: options.fixturesDir,
      // --if-none all ran the selection instead of the rerun: its filters emptied it.
      rerun: flags.rerunFailed === true && selection.none === undefined,
      listing: flags.list === true,
    });
  }
  if (flags.list) {
    if (selection.shardPlan) io.stderr(shardPlanLine(selection.shardPlan) + "\n");
    // The ids stay one per line on stdout; what was pulled in is said on stderr.
    for (const [id, why] of selection.pulledIn ?? []) io.stderr(`${id}: pulled in (${why})\n`);
    io.stdout(planned.map((p) => p.fixture.id).join("\n") + "\n");
    return ExitCode.Pass;
  }
  // The start order: longest expected first from the durations summary, unless --order id.
  const schedule = await readSchedule(planned, {
    paths,
    ...(selection.catalogIds ? { catalogIds: selection.catalogIds } : {}),
    ...(options.order ? { order: options.order, orderFromConfig: !flags.order } : {}),
    // Read already by a split by duration: not read twice while unchanged.
    ...(selection.durationsRead ? { earlier: selection.durationsRead } : {}),
  });
  // A summary that is there but cannot be read is said (and kept in the artifact), not dropped
  // in silence, whatever the order: the run starts in id order, and its end starts the summary
  // again.
  // Said once: a split by duration from the same summary has said it already.
  const said = selection.diagnostics.some((d) => d.code === "DURATIONS_UNREADABLE");
  // So are the entries of one that reads that were left out (a hand edit that is no duration).
  if ((schedule.read?.problem || schedule.read?.leftOut) && !said) {
    const { durationsLeftOut, durationsUnreadable, DURATIONS_FILE } = await import(
      "../artifact/durations_file.ts"
    );
    const shown = `${options.artifactDir}/${DURATIONS_FILE}`;
    const unreadable = schedule.read.problem
      ? durationsUnreadable(shown, schedule.read.problem, {
        instead: `${
          flags.dryRun
            ? "A run now would start its fixtures in id order and make"
            : "This run starts its fixtures in id order and makes"
        } the summary again from the run files in runs/ and its own durations`,
      })
      : durationsLeftOut(shown, schedule.read.leftOut!);
    warn(io, [unreadable]);
    selection = { ...selection, diagnostics: [...selection.diagnostics, unreadable] };
  }
  if (flags.dryRun) {
    const dry = renderDryRun(selection, io.cwd, schedule);
    // The services go before the closing RESULT line.
    const services = serviceDryRunLines(options.services, { noServices: flags.noServices });
    const repeat = flags.repeat
      ? [
        `--repeat ${flags.repeat}: each fixture runs ${flags.repeat} times, one run after another ` +
        "(a teardown once)",
      ]
      : [];
    io.stdout(
      [...dry.slice(0, -1), ...repeat, ...services, ...dry.slice(-1)].join("\n") + "\n",
    );
    return ExitCode.Pass;
  }
  requireDeno(planned, {
    deno: io.deno,
    from: flags.deno ? "--deno" : io.env.SMOKE_DENO ? "SMOKE_DENO" : "default",
    env: io.env,
    cwd: io.cwd,
    invocation: io.invocation,
  });
  preamble.push(
    ...renderRerunPlan(selection),
    ...(selection.shardPlan ? [shardRunLine(selection.shardPlan)] : []),
  );
  const { executeRun } = await runModule();
  return await executeRun(selection, {
    flags,
    options,
    io,
    paths,
    runId,
    startedAt,
    command,
    ...(schedule.startOrder ? { startOrder: schedule.startOrder } : {}),
    ...(schedule.read ? { durations: schedule.read } : {}),
    ...(preamble.length ? { preamble } : {}),
  });
}
