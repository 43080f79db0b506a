/**
 * The reporters a run adds beside the console: chosen from flags, config and
 * environment.
 *
 * @module
 */
import type { Options } from "../config.ts";
import type { Flags } from "../flags.ts";
import type { Reporter } from "./reporter.ts";
import { createGitHubReporter } from "./github.ts";
import { createJUnitReporter } from "./junit.ts";
import { createReportReporter } from "./report_command.ts";
import type { SmokeIo } from "../app.ts";

/** What choosing the run's reporters may look at. */
export interface RunReporterContext {
  /** The parsed flags. */
  flags: Flags;
  /** The merged options. */
  options: Options;
  /** The edges: cwd, env, output. */
  io: SmokeIo;
  /** The run id. */
  runId: string;
}

/**
 * Creates the run's extra reporters (JUnit, GitHub Actions, ...).
 *
 * @param context Flags, options, edges and run id.
 * @returns The reporters, possibly none.
 *
 * @example
 * ```ts ignore
 * const reporters = createRunReporters({ flags, options, io, runId });
 * ```
 */
export function createRunReporters(context: RunReporterContext): Reporter[] {
  const reporters: Reporter[] = [];
  const { flags, io } = context;
  if (flags.junit !== undefined) {
    reporters.push({
      name: "junit",
      ...createJUnitReporter({ path: flags.junit, cwd: io.cwd, now: () => io.now() }),
    });
  }
  if (io.env.GITHUB_ACTIONS === "true") {
    reporters.push({
      name: "GitHub Actions",
      ...createGitHubReporter({ env: io.env, cwd: io.cwd, write: io.stdout }),
    });
  }
  if (context.options.report) {
    reporters.push({ name: "HTML report", ...createReportReporter(context) });
  }
  return reporters;
}
