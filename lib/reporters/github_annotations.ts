/**
 * GitHub Actions annotations: one `::error` per service not ready or exited
 * and per failed fixture (at most 10 in all), one `::warning` per need that
 * blocked fixtures and per quarantined failure, and the escaping of workflow
 * command data and properties. Pure: the reporter in `github.ts` writes them.
 *
 * @module
 */
import { isAbsolute, relative, resolve } from "../base/path.ts";
import type { FixtureEnd } from "./reporter.ts";
import { type ServiceRecord, servicesFailed } from "../artifact/artifact.ts";
import { neutralizeLegacyCommands } from "../base/safe_output.ts";
import { keptFromStarting } from "../artifact/not_run.ts";
import { failureCause } from "./failure_excerpt.ts";
import { blockedGroupLine, groupBlocked } from "../artifact/blocked.ts";
import { serviceCause } from "./service_cause.ts";
import { isQuarantinedFailure, quarantinedFailure } from "../artifact/quarantined.ts";

const same = (line: string) => line;

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
 * import { escapeCommandData } from "./github_annotations.ts";
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
 * import { escapeCommandProperty } from "./github_annotations.ts";
 * import assert from "node:assert/strict";
 *
 * assert.equal(escapeCommandProperty("a:b,c%\n"), "a%3Ab%2Cc%25%0A");
 * ```
 */
export function escapeCommandProperty(text: string): string {
  return escapeCommandData(text).replaceAll(":", "%3A").replaceAll(",", "%2C");
}

/**
 * One annotation line, `::LEVEL file=F,title=T::MESSAGE`: the properties and
 * the message escaped, the legacy `##[` form in the message made inert, and
 * the line marked as a command (`command`, default as is). Every annotation
 * of this module goes through here.
 */
function annotation(
  level: "error" | "warning",
  where: { file?: string | undefined; title: string },
  message: string,
  command: (line: string) => string = same,
): string {
  const properties = [
    ...(where.file ? [`file=${escapeCommandProperty(where.file)}`] : []),
    `title=${escapeCommandProperty(where.title)}`,
  ].join(",");
  return command(
    `::${level} ${properties}::${escapeCommandData(neutralizeLegacyCommands(message))}`,
  );
}

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
 * quarantined: those get warnings; not one that was kept from starting,
 * `not-run`: what kept it, a service not ready or the failure limit, has its
 * own), in order, at most
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
 * import { renderAnnotations } from "./github_annotations.ts";
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
  // A fixture kept from starting did not fail itself: the service's ::error or the failures that
  // reached --max-failures say why; one ::error per such fixture would bury them.
  const failed = ends.filter((end) =>
    end.result.status === "failed" && !keptFromStarting(end.result) &&
    !isQuarantinedFailure(end.result)
  );
  const lines = failed.slice(0, limit).map((end) => {
    const failure = end.result.failure;
    const cause = failureCause(end.result);
    const message = (failure ? `${failure.kind}: ${failure.message}` : "failed") +
      (cause ? `\n${cause}` : "");
    const where = { file: annotationFile(end, options), title: end.result.id };
    return annotation("error", where, message, options.command);
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
 * import { renderBlockedWarnings } from "./github_annotations.ts";
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
      const where = {
        file: need ? annotationFile(need, options) : undefined,
        title: `blocked by ${group.by}`,
      };
      return annotation("warning", where, blockedGroupLine(group), options.command);
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
 * import { renderQuarantineWarnings } from "./github_annotations.ts";
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
    const failure = end.result.failure;
    const first = failure ? `${failure.kind}: ${failure.message.split(/\r\n?|\n/)[0]}` : "failed";
    const cause = failureCause(end.result);
    const message = `Quarantined until ${q.until}, owner ${q.owner} (${q.reason}): ${first}` +
      (cause ? `\n${cause}` : "");
    const where = { file: annotationFile(end, options), title: `quarantined: ${end.result.id}` };
    return annotation("warning", where, message, options.command);
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
 * import { renderServiceAnnotations } from "./github_annotations.ts";
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
    return annotation("error", { title }, message + (cause ? `\n${cause}` : ""), options.command);
  });
}
