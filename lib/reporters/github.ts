/**
 * GitHub Actions mode, on when `GITHUB_ACTIONS=true`: the annotations (see
 * `github_annotations.ts`), the fixture output of failures echoed in
 * collapsible groups where it can never act as a workflow command, and a
 * Markdown step summary (see `github_summary.ts`). The renderers are pure;
 * {@linkcode createGitHubReporter} does the writing.
 *
 * @module
 */
import { resolve } from "../base/path.ts";
import type { FixtureEnd, Reporter, RunEnd } from "./reporter.ts";
import { dispatchCommand, renderStepSummary, STEP_SUMMARY_LIMIT_BYTES } from "./github_summary.ts";
import { neutralizeLegacyCommands } from "../base/safe_output.ts";
import { type InertOptions, newStopToken, renderInert } from "./github_inert.ts";
import { keptFromStarting } from "../artifact/not_run.ts";
import { isQuarantinedFailure } from "../artifact/quarantined.ts";
import {
  ANNOTATION_LIMIT,
  escapeCommandData,
  renderAnnotations,
  renderBlockedWarnings,
  renderQuarantineWarnings,
  renderServiceAnnotations,
} from "./github_annotations.ts";

// The annotations' renderers and escaping, and the inert blocks, where they were before they
// had modules of their own.
export { type InertOptions, neutralizeLegacyCommands, newStopToken, renderInert };
export {
  ANNOTATION_LIMIT,
  type AnnotationOptions,
  escapeCommandData,
  escapeCommandProperty,
  renderAnnotations,
  renderBlockedWarnings,
  renderQuarantineWarnings,
  renderServiceAnnotations,
  type ServiceAnnotationOptions,
} from "./github_annotations.ts";

function block(label: string, text: string): string[] {
  const body = text.endsWith("\n") ? text.slice(0, -1) : text;
  return [`--- ${label} ---`, ...body.split("\n")];
}

/**
 * Renders a failed fixture's output for the log: a `::group::` named after
 * the fixture, and inside it the failure and the stdout and stderr tails,
 * made inert by {@linkcode renderInert}.
 *
 * @param end The fixture's end.
 * @param options The stop-commands token.
 * @returns The text, ending with a newline.
 * @throws {TypeError} When the token is not 16 or more letters and digits.
 *
 * @example
 * ```ts
 * import { renderOutputGroup } from "./github.ts";
 * import assert from "node:assert/strict";
 *
 * const result = {
 *   id: "a", status: "failed" as const, durationMs: 1, attempts: 1, exitCode: 1, signal: null,
 *   timedOut: false, failure: { kind: "exit-code" as const, message: "Exited with code 1, expected 0" },
 *   stderrTail: "::add-mask::secret\n",
 * };
 * const text = renderOutputGroup({ result, failedAttempts: [], outputLeaked: false }, {
 *   token: "0123456789abcdef",
 * });
 * assert.equal(text, [
 *   "::group::a (exit-code)",
 *   "::stop-commands::0123456789abcdef",
 *   "exit-code: Exited with code 1, expected 0",
 *   "--- stderr ---",
 *   "::add-mask::secret",
 *   "::0123456789abcdef::",
 *   "::endgroup::",
 *   "",
 * ].join("\n"));
 * ```
 */
export function renderOutputGroup(end: FixtureEnd, options: InertOptions): string {
  const { result } = end;
  const kind = result.failure?.kind ?? "failed";
  const label = `${result.id} (${kind}${isQuarantinedFailure(result) ? ", quarantined" : ""})`;
  const inner = [
    result.failure ? `${kind}: ${result.failure.message}` : "failed",
    ...(result.stdoutTail ? block("stdout", result.stdoutTail) : []),
    ...(result.stderrTail ? block("stderr", result.stderrTail) : []),
  ].join("\n");
  const command = options.command ?? ((line: string) => line);
  return `${command(`::group::${escapeCommandData(label)}`)}\n` +
    renderInert(inner, options) + `${command("::endgroup::")}\n`;
}

/** Options for {@linkcode createGitHubReporter}. */
export interface GitHubReporterOptions {
  /** The environment smoke runs in (`GITHUB_WORKSPACE`, `GITHUB_STEP_SUMMARY`, ...). */
  env: Readonly<Record<string, string>>;
  /** Absolute working directory. */
  cwd: string;
  /** Writes to standard output (the log). */
  write(text: string): void;
  /** Makes stop-commands tokens (default {@linkcode newStopToken}). */
  token?: () => string;
  /** Marks each command line for the output edge (default: as is); see `markCommand`. */
  command?: (line: string) => string;
  /** The run's other outputs (JUnit, the HTML report), absolute: never the step summary. */
  outputs?: readonly string[];
}

/**
 * Creates the GitHub Actions reporter: it echoes each failed fixture's output
 * in a group as the fixture ends, and when the run ends writes the
 * annotations and appends the step summary to `$GITHUB_STEP_SUMMARY` (when
 * set), within the 1 MiB GitHub allows a step.
 *
 * @param options The environment, working directory, output and token maker.
 * @returns The reporter; its `onEnd` rejects, naming the file and why, when
 * the summary file cannot be written or is not a regular file (a FIFO is
 * never opened; the annotations are out by then).
 *
 * @example
 * ```ts
 * import { createGitHubReporter } from "./github.ts";
 * import { createArtifact } from "../artifact/artifact.ts";
 * import assert from "node:assert/strict";
 *
 * let log = "";
 * const reporter = createGitHubReporter({ env: {}, cwd: "/p", write: (t) => (log += t) });
 * const result = {
 *   id: "a", status: "failed" as const, durationMs: 1, attempts: 1, exitCode: 1, signal: null,
 *   timedOut: false, failure: { kind: "exit-code" as const, message: "Exited with code 1, expected 0" },
 * };
 * const end = { result, failedAttempts: [], outputLeaked: false };
 * await reporter.onFixtureEnd!(end);
 * const artifact = createArtifact({
 *   runId: "r1", mode: "full", startedAt: new Date(0), finishedAt: new Date(1), version: "0.1.0",
 *   environment: { deno: "2", os: "linux", arch: "x86_64", ci: true },
 *   selection: { fixtureIds: ["a"] }, fixtures: [result],
 * });
 * await reporter.onEnd!({ ends: [end], artifact, artifactPath: "runs/r1.json" });
 * assert.match(log, /^::group::a \(exit-code\)$/m);
 * assert.match(log, /^::error title=a::exit-code: Exited with code 1, expected 0$/m);
 * ```
 */
export function createGitHubReporter(options: GitHubReporterOptions): Reporter {
  const token = options.token ?? newStopToken;
  const summaryFile = options.env.GITHUB_STEP_SUMMARY || undefined;
  return {
    onFixtureEnd(end: FixtureEnd) {
      // A fixture kept from starting (blocked, not run) has no output to show.
      if (end.result.status !== "failed" || keptFromStarting(end.result)) return;
      options.write(renderOutputGroup(end, { token: token(), command: options.command }));
    },
    async onEnd(run: RunEnd) {
      // The services first: a service down is the cause of the failures after it.
      const services = renderServiceAnnotations(run.artifact.services ?? [], options)
        .slice(0, ANNOTATION_LIMIT);
      const annotations = [
        ...services,
        ...renderAnnotations(run.ends, {
          cwd: options.cwd,
          workspace: options.env.GITHUB_WORKSPACE || undefined,
          limit: ANNOTATION_LIMIT - services.length,
          restListedIn: summaryFile ? "the step summary" : "the failures list below",
          command: options.command,
        }),
      ];
      if (annotations.length) options.write(annotations.join("\n") + "\n");
      const warnings = renderBlockedWarnings(run.ends, {
        cwd: options.cwd,
        workspace: options.env.GITHUB_WORKSPACE || undefined,
        command: options.command,
      });
      // Quarantined failures share GitHub's warning budget with the blocked warnings.
      const quarantined = renderQuarantineWarnings(run.ends, {
        cwd: options.cwd,
        workspace: options.env.GITHUB_WORKSPACE || undefined,
        limit: ANNOTATION_LIMIT - warnings.length,
        restListedIn: summaryFile ? "the step summary" : "the failures list below",
        command: options.command,
      });
      warnings.push(...quarantined);
      if (warnings.length) options.write(warnings.join("\n") + "\n");
      if (!summaryFile) return;
      // Loaded here, in GitHub mode only: it brings node:fs, which a plain run does without.
      const { appendStepSummary } = await import("./step_summary_file.ts");
      const appended = await appendStepSummary(
        resolve(options.cwd, summaryFile),
        (used) =>
          renderStepSummary(run, {
            maxBytes: STEP_SUMMARY_LIMIT_BYTES - used,
            dispatch: dispatchCommand(options.env),
          }),
        { outputs: options.outputs ?? [] },
      );
      if (!appended.ok) {
        throw new Error(`Cannot append to the step summary "${summaryFile}": ${appended.reason}`);
      }
    },
  };
}
