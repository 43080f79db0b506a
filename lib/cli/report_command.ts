/**
 * `smoke report` and `--report`: the disk edge of the HTML report. It reads
 * the run history, checks every artifact, builds the view model, renders the
 * page and writes it atomically.
 *
 * @module
 */
import { resultLine } from "../base/safe_output.ts";
import { join, resolve } from "../base/path.ts";
import { pathToFileURL } from "node:url";
import { writeOutputFile } from "../artifact/atomic_write.ts";
import { checkOutputFile } from "../artifact/own_files.ts";
import { readCatalog } from "../catalog/catalog.ts";
import { resolveOptions } from "../config/config.ts";
import { loadConfig } from "../config/config_file.ts";
import { ExitCode, formatWarning, stopIfInterrupted, UserError } from "../base/errors.ts";
import type { Flags } from "./flags.ts";
import { smokeCommand } from "../selection/resolve_selection.ts";
import { displayPath } from "./runtime.ts";
import { readHistory } from "../artifact/run_history.ts";
import type { SmokeIo } from "./smoke_io.ts";
import {
  buildReportModel,
  type FixtureFile,
  type InvalidArtifact,
} from "../html_report/history_model.ts";
import { renderReportHtml } from "../html_report/html.ts";
import { reportSuggestions, type SuggestOptions } from "./report_suggestions.ts";
import { renderSuggestions, type Suggestions } from "../html_report/suggestions.ts";
import { loadQuarantine } from "../config/quarantine_file.ts";
import type { Reporter } from "../reporters/reporter.ts";
import { REPORT_FILE } from "../html_report/report_file.ts";
import type { RunReporterContext } from "./smoke_io.ts";

/**
 * How many runs the report covers unless `--last` says otherwise.
 *
 * @example
 * ```ts
 * import { DEFAULT_LAST } from "./report_command.ts";
 * import assert from "node:assert/strict";
 *
 * assert.equal(DEFAULT_LAST, 50);
 * ```
 */
export const DEFAULT_LAST = 50;
export { REPORT_FILE };

export { readHistory };

/** Options for {@linkcode writeReport}. */
export interface WriteReportOptions {
  /** The artifact directory (absolute, or relative to the process). */
  artifactDir: string;
  /** The artifact directory as the user names it. */
  shownDir: string;
  /** Where the page goes (default `<artifactDir>/report.html`). */
  out?: string;
  /** How many runs (default 50). */
  last?: number;
  /** The time of the report. */
  now: Date;
  /** The command that starts smoke with the user's location flags. */
  command: string;
  /** Fixture files by id, when known. */
  fixtureFiles?: Record<string, FixtureFile>;
  /** Make the suggestions (`smoke report`): the quarantine and the catalog's ids. */
  suggest?: SuggestOptions;
  /** Aborted (with the signal's name) on SIGINT, SIGTERM or SIGHUP: nothing is written. */
  signal?: AbortSignal;
}

/** What {@linkcode writeReport} did. */
export interface WrittenReport {
  /** The page's path. */
  path: string;
  /** Valid runs shown. */
  runs: number;
  /** Files left out, with the reason. */
  invalid: InvalidArtifact[];
  /** Size of the page in bytes. */
  bytes: number;
  /** What the report suggests, when asked for. */
  suggestions?: Suggestions;
}

/**
 * Reads the history, renders the page and writes it atomically.
 *
 * @param options Directories, output, window, clock, command, fixture files.
 * @returns Where the page went, and what it holds.
 * @throws {UserError} When there is no run history (exit 2), or
 * `OUTPUT_WRITE_FAILED` when the page cannot be written.
 *
 * @example
 * ```ts
 * import { writeReport } from "./report_command.ts";
 * import assert from "node:assert/strict";
 *
 * const dir = await Deno.makeTempDir();
 * await Deno.mkdir(`${dir}/runs`);
 * await Deno.writeTextFile(`${dir}/runs/x.json`, "{}");
 * const written = await writeReport({
 *   artifactDir: dir, shownDir: dir, now: new Date(), command: "deno task smoke",
 * });
 * assert.equal(written.invalid.length, 1);
 * assert.match(await Deno.readTextFile(written.path), /Invalid artifacts/);
 * await Deno.remove(dir, { recursive: true });
 * ```
 */
export async function writeReport(options: WriteReportOptions): Promise<WrittenReport> {
  const last = options.last ?? DEFAULT_LAST;
  const history = await readHistory(options.artifactDir, { last, shownDir: options.shownDir });
  const model = buildReportModel(
    { ...history, ...(options.fixtureFiles ? { fixtureFiles: options.fixtureFiles } : {}) },
    { last, now: options.now, command: options.command },
  );
  const suggestions = options.suggest &&
    reportSuggestions(model, history, { last, now: options.now, ...options.suggest });
  const html = new TextEncoder().encode(renderReportHtml(model, suggestions));
  // Interrupted while reading the history and building the page: nothing is written.
  await stopIfInterrupted(options.signal, "the HTML report was not written");
  const path = options.out ?? join(options.artifactDir, REPORT_FILE);
  await writeOutputFile(path, html, { what: "the HTML report", shown: path });
  return {
    path,
    runs: history.runs.length,
    invalid: history.invalid,
    bytes: html.length,
    ...(suggestions ? { suggestions } : {}),
  };
}

function fixtureFiles(cwd: string, fixturesDir: string): Record<string, FixtureFile> {
  try {
    const catalog = readCatalog({ cwd, fixturesDir: resolve(cwd, fixturesDir) });
    return Object.fromEntries(catalog.map((f) => [
      f.id,
      { file: f.file, ...(f.manifestFile ? { manifest: f.manifestFile } : {}) },
    ]));
  } catch (error) {
    // A broken or missing catalog only means the page cannot name the files.
    if (error instanceof UserError) return {};
    throw error;
  }
}

function warnInvalid(io: Pick<SmokeIo, "stderr">, invalid: readonly InvalidArtifact[]): void {
  for (const i of invalid) {
    io.stderr(formatWarning({
      code: "INVALID_ARTIFACT",
      message: `Left "${i.file}" out of the report: ${i.reason.split("\n").join("; ")}`,
    }));
  }
}

/**
 * Runs `smoke report`: writes the page and prints its path, then `RESULT: pass`.
 *
 * @param flags The parsed flags (`--artifact-dir`, `--out`, `--last`, `--config`).
 * @param io The edges: working directory, output, clock, invocation.
 * @returns The exit code (0).
 * @throws {UserError} On a config error or when there is no run history (exit 2).
 *
 * @example
 * ```ts ignore
 * const code = await runReport(parseFlags(["report", "--last", "20"]), io);
 * ```
 */
export async function runReport(
  flags: Flags,
  io: Pick<SmokeIo, "cwd" | "stdout" | "stderr" | "now" | "invocation"> & {
    signal?: AbortSignal;
  },
): Promise<number> {
  const config = await loadConfig(flags, io.cwd);
  const options = resolveOptions(flags, config, 1);
  // A directory, a socket or a block device is refused before the history is read (exit 2),
  // and so is a file of the history itself.
  // The default page too: a report.html symlink onto the history is refused.
  const page = flags.out ?? join(options.artifactDir, REPORT_FILE);
  checkOutputFile(resolve(io.cwd, page), {
    artifactDir: resolve(io.cwd, options.artifactDir),
    shown: page,
    label: "the HTML report",
  });
  const files = fixtureFiles(io.cwd, options.fixturesDir);
  const quarantine = await loadQuarantine(config, {
    cwd: io.cwd,
    configShown: flags.config ?? "smoke.jsonc",
  });
  const written = await writeReport({
    artifactDir: resolve(io.cwd, options.artifactDir),
    shownDir: options.artifactDir,
    ...(flags.out ? { out: resolve(io.cwd, flags.out) } : {}),
    last: flags.last ?? DEFAULT_LAST,
    now: io.now(),
    command: smokeCommand(io.invocation, flags),
    fixtureFiles: files,
    suggest: { quarantine, catalogIds: Object.keys(files) },
    ...(io.signal ? { signal: io.signal } : {}),
  });
  warnInvalid(io, written.invalid);
  const invalid = written.invalid.length ? `, ${written.invalid.length} invalid left out` : "";
  // The page's path first (scripts read it), then what the history suggests.
  const suggested = written.suggestions
    ? renderSuggestions(written.suggestions, io.now()).map((line) => line + "\n").join("")
    : "";
  // Interrupted while writing it: the page is whole (written atomically), but the command failed.
  await stopIfInterrupted(
    io.signal,
    `the HTML report was written (${displayPath(written.path, io.cwd)})`,
  );
  io.stdout(
    `HTML report: ${displayPath(written.path, io.cwd)} (${written.runs} run${
      written.runs === 1 ? "" : "s"
    }${invalid})\nOpen: ${pathToFileURL(written.path).href}\n${suggested}${resultLine("pass")}\n`,
  );
  return ExitCode.Pass;
}

/**
 * A reporter that writes the HTML report when a run ends (`--report`, or
 * `report: true` in the config), and prints its path.
 *
 * @param context The run's flags, options and edges.
 * @returns The reporter.
 *
 * @example
 * ```ts ignore
 * if (context.options.report) reporters.push(createReportReporter(context));
 * ```
 */
export function createReportReporter(context: RunReporterContext): Reporter {
  const { flags, options, io } = context;
  return {
    async onEnd(run) {
      const files: Record<string, FixtureFile> = {};
      for (const end of run.ends) {
        const f = end.planned?.fixture;
        if (f) {
          files[f.id] = { file: f.file, ...(f.manifestFile ? { manifest: f.manifestFile } : {}) };
        }
      }
      const written = await writeReport({
        artifactDir: resolve(io.cwd, options.artifactDir),
        shownDir: options.artifactDir,
        now: io.now(),
        command: smokeCommand(io.invocation, flags),
        fixtureFiles: files,
      });
      warnInvalid(io, written.invalid);
      io.stdout(`HTML report: ${displayPath(written.path, io.cwd)}\n`);
    },
  };
}
