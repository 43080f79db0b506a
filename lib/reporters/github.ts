/**
 * GitHub Actions mode, on when `GITHUB_ACTIONS=true`: one `::error`
 * annotation per service not ready or exited and per failed fixture (at most
 * 10 in all), the fixture output of failures
 * echoed in collapsible groups where it can never act as a workflow command,
 * and a Markdown step summary (see `github_summary.ts`). The renderers are
 * pure; {@linkcode createGitHubReporter} does the writing.
 *
 * @module
 */
import { isAbsolute, relative, resolve } from "node:path";
import type { FixtureEnd, Reporter, RunEnd } from "./reporter.ts";
import { type ServiceRecord, servicesFailed } from "../artifact/artifact.ts";
import { dispatchCommand, renderStepSummary, STEP_SUMMARY_LIMIT_BYTES } from "./github_summary.ts";
import { neutralizeLegacyCommands } from "../base/safe_output.ts";
import { failureCause } from "./failure_excerpt.ts";
import { blockedGroupLine, groupBlocked, isBlocked } from "../artifact/blocked.ts";
import { serviceCause } from "./service_cause.ts";
import { isQuarantinedFailure, quarantinedFailure } from "../artifact/quarantined.ts";

/** GitHub shows at most this many error annotations per step. */
export const ANNOTATION_LIMIT = 10;

/**
 * Escapes the data part of a workflow command (after the second `::`), as
 * the runner unescapes it: `%`, `\r` and `\n`.
 *
 * @param text Any text.
 * @returns The escaped text, on one line.
 *
 * @example
 * ```ts
 * import { escapeCommandData } from "./github.ts";
 * import assert from "node:assert/strict";
 *
 * assert.equal(escapeCommandData("100%\r\nok"), "100%25%0D%0Aok");
 * ```
 */
export function escapeCommandData(text: string): string {
  return text.replaceAll("%", "%25").replaceAll("\r", "%0D").replaceAll("\n", "%0A");
}

/**
 * Escapes a property value of a workflow command (`file=`, `title=`): as
 * data, plus `:` and `,`.
 *
 * @param text Any text.
 * @returns The escaped value.
 *
 * @example
 * ```ts
 * import { escapeCommandProperty } from "./github.ts";
 * import assert from "node:assert/strict";
 *
 * assert.equal(escapeCommandProperty("a:b,c%\n"), "a%3Ab%2Cc%25%0A");
 * ```
 */
export function escapeCommandProperty(text: string): string {
  return escapeCommandData(text).replaceAll(":", "%3A").replaceAll(",", "%2C");
}

export { neutralizeLegacyCommands };

/** Where annotation paths are taken from. */
export interface AnnotationOptions {
  /** Absolute working directory: fixture files are relative to it. */
  cwd: string;
  /** `GITHUB_WORKSPACE`, when set: annotation paths are relative to it. */
  workspace?: string;
  /** The most annotations (default {@linkcode ANNOTATION_LIMIT}). */
  limit?: number;
  /** Where the rest are listed, for the closing line (default "the step summary"). */
  restListedIn?: string;
  /** Marks each command line for the output edge (default: as is); see `markCommand`. */
  command?: (line: string) => string;
}

function annotationFile(end: FixtureEnd, options: AnnotationOptions): string | undefined {
  const file = end.planned?.fixture.file;
  if (!file) return undefined;
  const base = options.workspace ? resolve(options.cwd, options.workspace) : options.cwd;
  const path = relative(base, resolve(options.cwd, file));
  if (path === "" || path.startsWith("..") || isAbsolute(path)) return undefined;
  return path.replaceAll("\\", "/");
}

/**
 * Renders one `::error` annotation per failed fixture (not blocked, not
 * quarantined: those get warnings), in order, at most
 * `limit`, then a line saying how many more there are. `file` is the
 * fixture's file relative to the workspace (left out when the file lies
 * outside it), `title` the fixture id, the message the failure kind and
 * message, then, on a second line, the output line that best explains the
 * failure (see `failureCause`), when there is one.
 *
 * @param ends Every fixture's end.
 * @param options The directories and the limit.
 * @returns The lines, without newlines.
 *
 * @example
 * ```ts
 * import { renderAnnotations } from "./github.ts";
 * import assert from "node:assert/strict";
 *
 * const result = {
 *   id: "api/health", status: "failed" as const, durationMs: 1, attempts: 1, exitCode: 1,
 *   signal: null, timedOut: false,
 *   failure: { kind: "exit-code" as const, message: "Exited with code 1, expected 0" },
 * };
 * const planned = { fixture: { file: "fixtures/api/health.smoke.ts" } } as never;
 * assert.deepEqual(
 *   renderAnnotations([{ result, planned, failedAttempts: [], outputLeaked: false }], {
 *     cwd: "/w/app", workspace: "/w",
 *   }),
 *   ["::error file=app/fixtures/api/health.smoke.ts,title=api/health::exit-code: Exited with code 1, expected 0"],
 * );
 * ```
 */
export function renderAnnotations(
  ends: readonly FixtureEnd[],
  options: AnnotationOptions,
): string[] {
  const limit = options.limit ?? ANNOTATION_LIMIT;
  // Blocked fixtures have no failure of their own: renderBlockedWarnings names them per need.
  // Quarantined failures do not fail the run: renderQuarantineWarnings gives each a warning.
  const failed = ends.filter((end) =>
    end.result.status === "failed" && !isBlocked(end.result) && !isQuarantinedFailure(end.result)
  );
  const lines = failed.slice(0, limit).map((end) => {
    const file = annotationFile(end, options);
    const properties = [
      ...(file ? [`file=${escapeCommandProperty(file)}`] : []),
      `title=${escapeCommandProperty(end.result.id)}`,
    ].join(",");
    const failure = end.result.failure;
    const cause = failureCause(end.result);
    const message = (failure ? `${failure.kind}: ${failure.message}` : "failed") +
      (cause ? `\n${cause}` : "");
    return (options.command ?? same)(
      `::error ${properties}::${escapeCommandData(neutralizeLegacyCommands(message))}`,
    );
  });
  const rest = failed.length - lines.length;
  if (rest > 0) {
    lines.push(
      `${rest} more failed fixture${rest === 1 ? " is" : "s are"} not annotated ` +
        `(GitHub shows at most ${limit} errors per step); ` +
        `${options.restListedIn ?? "the step summary"} lists every failure.`,
    );
  }
  return lines;
}

/**
 * Renders one `::warning` annotation per need that blocked fixtures (a need
 * that did not pass, so they never started), naming the need, how it ended
 * and its dependants, at most `limit`; the annotation sits on the need's
 * file when it lies in the workspace. Blocked fixtures get no `::error` of
 * their own (see {@linkcode renderAnnotations}): the need's failure is the
 * one to fix.
 *
 * @param ends Every fixture's end.
 * @param options The directories and the limit.
 * @returns The lines, without newlines.
 *
 * @example
 * ```ts
 * import { renderBlockedWarnings } from "./github.ts";
 * import assert from "node:assert/strict";
 *
 * const base = { durationMs: 0, exitCode: null, signal: null, timedOut: false };
 * const setup = {
 *   ...base, id: "setup/db", status: "failed" as const, attempts: 1,
 *   failure: { kind: "exit-code" as const, message: "Exited with code 1, expected 0" },
 * };
 * const blocked = (id: string) => ({
 *   ...base, id, status: "failed" as const, attempts: 0, blockedBy: "setup/db",
 *   failure: { kind: "blocked" as const, message: 'Blocked by setup/db: it needs "setup/db", which failed' },
 * });
 * const ends = [setup, blocked("api/orders"), blocked("api/users")]
 *   .map((result) => ({ result, failedAttempts: [], outputLeaked: false }));
 * assert.deepEqual(renderBlockedWarnings(ends, { cwd: "/w" }), [
 *   "::warning title=blocked by setup/db::Blocked by setup/db (failed): api/orders, api/users",
 * ]);
 * ```
 */
export function renderBlockedWarnings(
  ends: readonly FixtureEnd[],
  options: AnnotationOptions,
): string[] {
  const byId = new Map(ends.map((end) => [end.result.id, end]));
  return groupBlocked(ends.map((end) => end.result)).slice(0, options.limit ?? ANNOTATION_LIMIT)
    .map((group) => {
      const need = byId.get(group.by);
      const file = need ? annotationFile(need, options) : undefined;
      const properties = [
        ...(file ? [`file=${escapeCommandProperty(file)}`] : []),
        `title=${escapeCommandProperty(`blocked by ${group.by}`)}`,
      ].join(",");
      return (options.command ?? same)(
        `::warning ${properties}::${
          escapeCommandData(neutralizeLegacyCommands(blockedGroupLine(group)))
        }`,
      );
    });
}

/**
 * Renders one `::warning` annotation per quarantined failure (a fixture that
 * failed while a quarantine entry protects it: it does not fail the run, so
 * it never gets an `::error`), in order, at most `limit`, then a line saying
 * how many more there are. Titled `quarantined: <id>`, on the fixture's file
 * when it lies in the workspace; the message names the owner and the last
 * day of the quarantine, the reason, and the failure's first line, then, on
 * a second line, the output line that best explains it (see `failureCause`).
 *
 * @param ends Every fixture's end.
 * @param options The directories and the limit.
 * @returns The lines, without newlines; none without quarantined failures.
 *
 * @example
 * ```ts
 * import { renderQuarantineWarnings } from "./github.ts";
 * import assert from "node:assert/strict";
 *
 * const result = {
 *   id: "flaky/login", status: "failed" as const, durationMs: 1, attempts: 1, exitCode: 1,
 *   signal: null, timedOut: false,
 *   failure: { kind: "exit-code" as const, message: "Exited with code 1, expected 0" },
 *   quarantined: { reason: "races", owner: "@alice", until: "2026-12-31" },
 * };
 * assert.deepEqual(
 *   renderQuarantineWarnings([{ result, failedAttempts: [], outputLeaked: false }], { cwd: "/w" }),
 *   [
 *     "::warning title=quarantined%3A flaky/login::Quarantined until 2026-12-31, owner @alice " +
 *     "(races): exit-code: Exited with code 1, expected 0",
 *   ],
 * );
 * ```
 */
export function renderQuarantineWarnings(
  ends: readonly FixtureEnd[],
  options: AnnotationOptions,
): string[] {
  const limit = options.limit ?? ANNOTATION_LIMIT;
  const quarantined = ends.filter((end) => isQuarantinedFailure(end.result));
  const lines = quarantined.slice(0, Math.max(0, limit)).map((end) => {
    const q = quarantinedFailure(end.result)!;
    const file = annotationFile(end, options);
    const properties = [
      ...(file ? [`file=${escapeCommandProperty(file)}`] : []),
      `title=${escapeCommandProperty(`quarantined: ${end.result.id}`)}`,
    ].join(",");
    const failure = end.result.failure;
    const first = failure ? `${failure.kind}: ${failure.message.split(/\r\n?|\n/)[0]}` : "failed";
    const cause = failureCause(end.result);
    const message = `Quarantined until ${q.until}, owner ${q.owner} (${q.reason}): ${first}` +
      (cause ? `\n${cause}` : "");
    return (options.command ?? same)(
      `::warning ${properties}::${escapeCommandData(neutralizeLegacyCommands(message))}`,
    );
  });
  const rest = quarantined.length - lines.length;
  if (rest > 0) {
    lines.push(
      `${rest} more quarantined failure${rest === 1 ? " is" : "s are"} not annotated ` +
        `(GitHub shows at most ${ANNOTATION_LIMIT} warnings per step); ` +
        `${options.restListedIn ?? "the step summary"} lists them all.`,
    );
  }
  return lines;
}

/** Options for {@linkcode renderServiceAnnotations}. */
export interface ServiceAnnotationOptions {
  /** Marks each command line for the output edge (default: as is); see `markCommand`. */
  command?: (line: string) => string;
}

/**
 * Renders one `::error` annotation per service that was not ready or exited
 * during the run, in start order: titled `Service NAME not ready` or
 * `Service NAME exited`, the message its code (`SERVICE_NOT_READY`,
 * `SERVICE_EXITED`) and reason, then, on a second line, the line of its
 * output that best explains it (see `serviceCause`), when there is one.
 * Escaped and neutralised like the fixtures' annotations.
 *
 * @param services The run's service records.
 * @param options How command lines are marked.
 * @returns The lines, without newlines; none when every service was fine.
 *
 * @example
 * ```ts
 * import { renderServiceAnnotations } from "./github.ts";
 * import assert from "node:assert/strict";
 *
 * assert.deepEqual(
 *   renderServiceAnnotations([
 *     { name: "api", status: "ready", check: "127.0.0.1:8080 accepts a TCP connection" },
 *     { name: "db", status: "exited", check: "...", reason: "exited with code 1 during the run" },
 *   ]),
 *   ['::error title=Service db exited::SERVICE_EXITED: Service "db" exited with code 1 during the run'],
 * );
 * ```
 */
export function renderServiceAnnotations(
  services: readonly ServiceRecord[],
  options: ServiceAnnotationOptions = {},
): string[] {
  return services.filter((service) => servicesFailed([service])).map((service) => {
    const exited = service.status === "exited";
    const title = `Service ${service.name} ${exited ? "exited" : "not ready"}`;
    const message = exited
      ? `SERVICE_EXITED: Service "${service.name}" ${service.reason ?? "exited during the run"}`
      : `SERVICE_NOT_READY: Service "${service.name}" was not ready: ` +
        (service.reason ?? service.check);
    const cause = serviceCause(service);
    return (options.command ?? same)(
      `::error title=${escapeCommandProperty(title)}::` +
        escapeCommandData(neutralizeLegacyCommands(message + (cause ? `\n${cause}` : ""))),
    );
  });
}

/** Options for {@linkcode renderInert} and {@linkcode renderOutputGroup}. */
export interface InertOptions {
  /** The `::stop-commands::` token: random, unguessable, fresh for each block. */
  token: string;
  /** Marks each command line for the output edge (default: as is); see `markCommand`. */
  command?: (line: string) => string;
}

const same = (line: string) => line;

/**
 * Makes a fresh stop-commands token: 128 random bits as hex.
 *
 * @returns 32 lowercase hex digits.
 *
 * @example
 * ```ts
 * import { newStopToken } from "./github.ts";
 * import assert from "node:assert/strict";
 *
 * assert.match(newStopToken(), /^[0-9a-f]{32}$/);
 * assert.notEqual(newStopToken(), newStopToken());
 * ```
 */
export function newStopToken(): string {
  return Array.from(crypto.getRandomValues(new Uint8Array(16)))
    .map((b) => b.toString(16).padStart(2, "0")).join("");
}

/**
 * Wraps text for the log so that none of it acts as a workflow command: it
 * goes between `::stop-commands::TOKEN` and `::TOKEN::` (which turns off both
 * the `::` and the legacy `##[` forms), and every `##[` is neutralised as
 * well (see {@linkcode neutralizeLegacyCommands}), so even a reader that
 * ignores stop-commands sees nothing to run.
 *
 * @param text Untrusted text, such as a fixture's output.
 * @param options The token.
 * @returns The wrapped text, ending with a newline.
 * @throws {TypeError} When the token is not 16 or more letters and digits.
 *
 * @example
 * ```ts
 * import { renderInert } from "./github.ts";
 * import assert from "node:assert/strict";
 *
 * assert.equal(
 *   renderInert("::error::boom\n", { token: "0123456789abcdef" }),
 *   "::stop-commands::0123456789abcdef\n::error::boom\n::0123456789abcdef::\n",
 * );
 * ```
 */
export function renderInert(text: string, options: InertOptions): string {
  if (!/^[A-Za-z0-9]{16,}$/.test(options.token)) {
    throw new TypeError(
      `Cannot stop workflow commands: token "${options.token}" is not 16 or more letters and digits`,
    );
  }
  const body = text.endsWith("\n") ? text.slice(0, -1) : text;
  const command = options.command ?? same;
  return `${command(`::stop-commands::${options.token}`)}\n${neutralizeLegacyCommands(body)}\n` +
    `${command(`::${options.token}::`)}\n`;
}

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
  const command = options.command ?? same;
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
      // A blocked fixture never started: it has no output to show.
      if (end.result.status !== "failed" || isBlocked(end.result)) return;
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
      );
      if (!appended.ok) {
        throw new Error(`Cannot append to the step summary "${summaryFile}": ${appended.reason}`);
      }
    },
  };
}
