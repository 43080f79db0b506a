/**
 * The reporters a run adds beside the console: chosen from flags, config and
 * environment.
 *
 * @module
 */
import { join, resolve } from "../base/path.ts";
import { checkOutputFile } from "../artifact/own_files.ts";
import { markCommand } from "../base/safe_output.ts";
import type { Reporter } from "../reporters/reporter.ts";
import type { RunReporterContext } from "./smoke_io.ts";
import { REPORT_FILE } from "../html_report/report_file.ts";

export { REPORT_FILE };
export type { RunReporterContext };

/**
 * Checks, before anything runs, the files the run's reporters will write
 * (`--junit PATH`, the HTML report): a path smoke would refuse at the end (a
 * directory, a socket, a block device, a folder on the path that is a file)
 * is a usage error now.
 *
 * @param context Flags, options, edges and run id.
 * @returns Nothing.
 * @throws {UserError} `OUTPUT_PATH_INVALID` (exit 2), naming the path.
 *
 * @example
 * ```ts
 * import { checkRunOutputs } from "./run_reporters.ts";
 * import assert from "node:assert/strict";
 *
 * const cwd = await Deno.makeTempDir();
 * assert.throws(
 *   () => checkRunOutputs({
 *     flags: { junit: "." }, options: { report: false, artifactDir: "out" }, io: { cwd },
 *   } as never),
 *   /Cannot write the JUnit XML to ".": it is a directory/,
 * );
 * await Deno.remove(cwd);
 * ```
 */
export function checkRunOutputs(context: RunReporterContext): void {
  const { flags, options, io } = context;
  const artifactDir = resolve(io.cwd, options.artifactDir);
  if (flags.junit !== undefined) {
    checkOutputFile(resolve(io.cwd, flags.junit), {
      artifactDir,
      shown: flags.junit,
      label: "the JUnit XML",
    });
  }
  if (options.report) {
    // The page's own path too: a report.html symlink onto the history is refused.
    checkOutputFile(resolve(artifactDir, REPORT_FILE), {
      artifactDir,
      shown: join(options.artifactDir, REPORT_FILE),
      label: "the HTML report",
    });
  }
}

/**
 * Creates the run's extra reporters (JUnit, GitHub Actions, ...).
 *
 * @param context Flags, options, edges and run id.
 * @returns The reporters, possibly none.
 *
 * @example
 * ```ts ignore
 * const reporters = await createRunReporters({ flags, options, io, runId });
 * ```
 */
export async function createRunReporters(context: RunReporterContext): Promise<Reporter[]> {
  // Each reporter's module is loaded only when the run asks for it, to keep runs starting fast.
  const reporters: Reporter[] = [];
  const { flags, io } = context;
  if (flags.junit !== undefined) {
    const { createJUnitReporter } = await import("../reporters/junit.ts");
    reporters.push({
      name: "junit",
      fix: "Check the --junit path: smoke writes the XML there whole.",
      ...createJUnitReporter({ path: flags.junit, cwd: io.cwd, now: () => io.now() }),
    });
  }
  if (io.github) {
    const { createGitHubReporter } = await import("../reporters/github.ts");
    // What this run writes besides: the step summary is never appended to one of them.
    const outputs = [
      ...(flags.junit !== undefined ? [resolve(io.cwd, flags.junit)] : []),
      ...(context.options.report
        ? [resolve(io.cwd, context.options.artifactDir, REPORT_FILE)]
        : []),
    ];
    reporters.push({
      name: "GitHub Actions",
      fix: "Check GITHUB_STEP_SUMMARY: it names a Markdown file smoke appends the run's summary " +
        "to (the runner sets it).",
      ...createGitHubReporter({
        env: io.env,
        cwd: io.cwd,
        write: io.stdout,
        command: markCommand,
        outputs,
      }),
    });
  }
  if (context.options.report) {
    const { createReportReporter } = await import("./report_command.ts");
    reporters.push({
      name: "HTML report",
      fix: "Check report.html in the artifact directory: smoke writes the page there whole.",
      ...createReportReporter(context),
    });
  }
  return reporters;
}
