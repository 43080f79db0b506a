/**
 * A run's services, from the CLI's side: start them (unless `--no-services`),
 * say what happened on the console, turn a failure into its diagnostic, and
 * mark the fixtures that failed while a service was down.
 *
 * @module
 */
import type { Diagnostic, ServiceRecord } from "../artifact/artifact.ts";
import type { Options } from "../config/config.ts";
import { describeReady } from "../config/services.ts";
import type { FixtureEnd } from "../run/events.ts";
import { type RunningServices, startServices } from "../run/services.ts";
import type { SmokeIo } from "./smoke_io.ts";

/** How many lines of a service's output an error shows, per stream. */
const TAIL_LINES = 10;

/** The services of a run, started or not. */
export interface RunServices {
  /** The running services, when any were started. */
  running?: RunningServices;
  /** Every service's record, for the artifact. */
  records: ServiceRecord[];
}

/** What {@linkcode startRunServices} needs. */
export interface RunServicesContext {
  /** The options (their `services`). */
  options: Options;
  /** `--no-services`: start none, record them `not-started`. */
  noServices: boolean;
  /** Every selected fixture is skipped: nothing would use a service, so none is started. */
  nothingRuns?: boolean;
  /** The edges: groups, signal, cwd, output. */
  io: SmokeIo;
  /** The environment services start with. */
  env: Record<string, string>;
  /** The run id (services carry it as `SMOKE_RUN_ID`). */
  runId: string;
  /** Between SIGTERM and SIGKILL. */
  graceMs: number;
  /** Bytes kept of each output stream. */
  tailBytes: number;
}

/**
 * Starts the run's services, or records them not started under `--no-services` or when every
 * selected fixture is skipped.
 *
 * @param context Options, flag, edges, environment and limits.
 * @returns The running services and their records.
 *
 * @example
 * ```ts ignore
 * const services = await startRunServices({ options, noServices: false, io, env, graceMs, tailBytes });
 * ```
 */
export async function startRunServices(context: RunServicesContext): Promise<RunServices> {
  const { options, io } = context;
  if (options.services.length === 0) return { records: [] };
  if (context.noServices || context.nothingRuns) {
    const why = context.noServices ? "--no-services" : "every selected fixture is skipped";
    io.stdout(
      `Services: none started (${why}): ${options.services.map((s) => s.name).join(", ")}\n`,
    );
    return {
      records: options.services.map((service) => ({
        name: service.name,
        status: "not-started",
        check: describeReady(service.ready),
        reason: `not started: ${why}`,
      })),
    };
  }
  const running = await startServices(options.services, {
    groups: io.groups,
    signal: io.signal,
    cwd: io.cwd,
    env: context.env,
    runId: context.runId,
    graceMs: context.graceMs,
    tailBytes: context.tailBytes,
    onProgress: (line) => io.stdout(line + "\n"),
  });
  return { running, records: running.records };
}

function lastLines(text: string | undefined): string[] {
  if (!text) return [];
  const lines = text.replace(/\n$/, "").split("\n");
  return lines.slice(-TAIL_LINES);
}

/**
 * The output lines an error about a service shows: the last lines of each
 * stream it printed on, under a heading.
 *
 * @param record The service's record.
 * @returns Indented lines; none when it printed nothing.
 *
 * @example
 * ```ts
 * import { serviceOutputLines } from "./run_services.ts";
 * import assert from "node:assert/strict";
 *
 * assert.deepEqual(
 *   serviceOutputLines({ name: "api", status: "not-ready", check: "...", stderrTail: "boom\n" }),
 *   ["  last lines of its stderr:", "    boom"],
 * );
 * ```
 */
export function serviceOutputLines(record: ServiceRecord): string[] {
  const lines: string[] = [];
  for (const [stream, tail] of [["stdout", record.stdoutTail], ["stderr", record.stderrTail]]) {
    const shown = lastLines(tail);
    if (shown.length === 0) continue;
    lines.push(`  last lines of its ${stream}:`, ...shown.map((line) => `    ${line}`));
  }
  return lines;
}

/**
 * The diagnostics of a run's services: `SERVICE_NOT_READY` for the one that
 * kept the fixtures from running, `SERVICE_EXITED` for each that went down
 * during the run.
 *
 * @param records The services' records after the run.
 * @param fixtures How many fixtures the run had selected (for the message).
 * @returns Error diagnostics, in service order.
 *
 * @example
 * ```ts
 * import { serviceDiagnostics } from "./run_services.ts";
 * import assert from "node:assert/strict";
 *
 * const [d] = serviceDiagnostics([
 *   { name: "api", status: "not-ready", check: "GET http://127.0.0.1:1/ answers 2xx or 3xx", reason: "exited with code 1 before it was ready", exitCode: 1 },
 * ], 3);
 * assert.equal(d.code, "SERVICE_NOT_READY");
 * assert.match(d.message, /Service "api" was not ready: exited with code 1 before it was ready; none of the 3 fixtures ran/);
 * ```
 */
export function serviceDiagnostics(
  records: readonly ServiceRecord[],
  fixtures: number,
): Diagnostic[] {
  const diagnostics: Diagnostic[] = [];
  for (const record of records) {
    if (record.status === "not-ready") {
      diagnostics.push({
        code: "SERVICE_NOT_READY",
        level: "error",
        message: `Service "${record.name}" was not ready: ${record.reason ?? record.check}; ` +
          `none of the ${fixtures} fixture${fixtures === 1 ? "" : "s"} ran`,
        hint: `It is ready when ${record.check}: check its command, cwd and ready check in ` +
          "smoke.jsonc. The fixtures are owed: --rerun-failed runs them once it starts. " +
          "--no-services runs them against what is already there.",
      });
    } else if (record.status === "exited") {
      diagnostics.push({
        code: "SERVICE_EXITED",
        level: "error",
        message: `Service "${record.name}" ${record.reason ?? "exited during the run"}`,
        hint: "Fixtures that failed after it went down say so. Its output's last lines are " +
          "in the artifact (services).",
      });
    }
  }
  return diagnostics;
}

/**
 * Marks the failures of fixtures that ended while a service was down: their
 * message says which service had exited.
 *
 * @param ends The run's ends.
 * @param down For each fixture id that ended after a service went down, the services down then.
 * @returns The ends, with those failures' messages extended.
 *
 * @example
 * ```ts
 * import { markServiceDown } from "./run_services.ts";
 * import assert from "node:assert/strict";
 *
 * const result = {
 *   id: "a", status: "failed" as const, durationMs: 1, attempts: 1, exitCode: 1, signal: null,
 *   timedOut: false, failure: { kind: "exit-code" as const, message: "Exited with code 1" },
 * };
 * const [end] = markServiceDown(
 *   [{ result, failedAttempts: [], outputLeaked: false }],
 *   new Map([["a", ["api"]]]),
 * );
 * assert.equal(end.result.failure?.message, 'Exited with code 1 (service "api" had exited)');
 * ```
 */
export function markServiceDown(
  ends: readonly FixtureEnd[],
  down: ReadonlyMap<string, readonly string[]>,
): FixtureEnd[] {
  return ends.map((end) => {
    const names = down.get(end.result.id);
    const failure = end.result.failure;
    if (!names?.length || end.result.status !== "failed" || !failure) return end;
    const which = names.map((name) => `"${name}"`).join(", ");
    const message = `${failure.message} (service${
      names.length === 1 ? "" : "s"
    } ${which} had exited)`;
    return { ...end, result: { ...end.result, failure: { ...failure, message } } };
  });
}
