/**
 * The reporters a run adds beside the console: chosen from flags, config and
 * environment.
 *
 * @module
 */
import { markCommand } from "../safe_output.ts";
import type { Options } from "../config.ts";
import type { Flags } from "../flags.ts";
import type { Reporter } from "./reporter.ts";
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
 * const reporters = await createRunReporters({ flags, options, io, runId });
 * ```
 */
export async function createRunReporters(context: RunReporterContext): Promise<Reporter[]> {
  // Each reporter's module is loaded only when the run asks for it, to keep runs starting fast.
  const reporters: Reporter[] = [];
  const { flags, io } = context;
  if (flags.junit !== undefined) {
    const { createJUnitReporter } = await import("./junit.ts");
    reporters.push({
      name: "junit",
      ...createJUnitReporter({ path: flags.junit, cwd: io.cwd, now: () => io.now() }),
    });
  }
  if (io.env.GITHUB_ACTIONS === "true") {
    const { createGitHubReporter } = await import("./github.ts");
    reporters.push({
      name: "GitHub Actions",
      ...createGitHubReporter({ env: io.env, cwd: io.cwd, write: io.stdout, command: markCommand }),
    });
  }
  if (context.options.report) {
    const { createReportReporter } = await import("./report_command.ts");
    reporters.push({ name: "HTML report", ...createReportReporter(context) });
  }
  return reporters;
}
