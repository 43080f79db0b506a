/**
 * The run artifact: its types (schema version 1, defined in zod in
 * `artifact_schema.ts`), the id patterns, and {@linkcode createArtifact},
 * which assembles one with its counts and verdict. Free of zod, so a run that
 * writes an artifact without reading one never loads it.
 *
 * @module
 */
import type { z } from "zod";
import type {
  ArtifactSchema,
  FailureKindSchema,
  FixtureResultSchema,
  OutstandingSchema,
  ResultSchema,
  ServiceRecordSchema,
  SourceSchema,
  StatusSchema,
  SuiteSchema,
  SummarySchema,
} from "./artifact_schema.ts";

export {
  FIXTURE_ID_PATTERN,
  isFixtureId,
  READABLE_SCHEMA_VERSIONS,
  RUN_ID_PATTERN,
  runIdClearlyAfter,
  SCHEMA_VERSION,
} from "./artifact_format.ts";
import { SCHEMA_VERSION } from "./artifact_format.ts";
import { isQuarantinedFailure } from "./quarantined.ts";

/** Fixture status. */
export type Status = z.infer<typeof StatusSchema>;
/** Why a fixture failed. */
export type FailureKind = z.infer<typeof FailureKindSchema>;
/** The result of one fixture in a run. */
export type FixtureResult = z.infer<typeof FixtureResultSchema>;
/** Counts over a run's fixtures. */
export type Summary = z.infer<typeof SummarySchema>;
/** A run's verdict. */
export type Result = z.infer<typeof ResultSchema>;
/** A diagnostic: an error or warning found before or during the run. */
export type { Diagnostic } from "../base/errors.ts";
import type { Diagnostic } from "../base/errors.ts";
/** Where a rerun's failures came from. */
export type Source = z.infer<typeof SourceSchema>;
/** The artifact, schema version 1. */
export type Artifact = z.infer<typeof ArtifactSchema>;
/** The suite's state an artifact records: every fixture's latest result since the last full run. */
export type SuiteRecord = z.infer<typeof SuiteSchema>;
/** How a service of the run fared. */
export type ServiceRecord = z.infer<typeof ServiceRecordSchema>;
/** A fixture the suite still owes. */
export type OutstandingEntry = z.infer<typeof OutstandingSchema>;
/** The mode a run was made in. */
export type Mode = Artifact["mode"];

/**
 * Counts a run's fixtures.
 *
 * @param fixtures The fixture results.
 * @returns Totals by status, plus flaky passes.
 *
 * @example
 * ```ts
 * import { summarize } from "./artifact.ts";
 * import assert from "node:assert/strict";
 *
 * const base = { durationMs: 1, attempts: 1, exitCode: 0, signal: null, timedOut: false };
 * const summary = summarize([
 *   { ...base, status: "passed", flaky: true },
 *   { ...base, status: "failed" },
 * ]);
 * assert.deepEqual(summary, { total: 2, passed: 1, failed: 1, skipped: 0, flaky: 1 });
 * ```
 */
export function summarize(
  fixtures: readonly (
    & Pick<FixtureResult, "status" | "flaky">
    & { failure?: { kind: string; message: string }; quarantined?: unknown }
  )[],
): Summary {
  const summary: Summary = { total: fixtures.length, passed: 0, failed: 0, skipped: 0, flaky: 0 };
  let quarantined = 0;
  let quarantinedFlaky = 0;
  for (const fixture of fixtures) {
    summary[fixture.status]++;
    if (fixture.flaky) summary.flaky++;
    // The same rule the reports count by: a fixture that never started is no quarantined failure.
    if (isQuarantinedFailure(fixture)) quarantined++;
    if (fixture.quarantined && fixture.flaky) quarantinedFlaky++;
  }
  // Written only when there are any: artifacts without quarantine keep their shape.
  if (quarantined) summary.quarantined = quarantined;
  if (quarantinedFlaky) summary.quarantinedFlaky = quarantinedFlaky;
  return summary;
}

/** Options for {@linkcode verdict}. */
export interface VerdictOptions {
  /** A flaky pass fails the run. */
  failOnFlaky?: boolean;
}

/**
 * The verdict over a summary: `pass` only when something passed and nothing
 * failed (a run never reports success when zero fixtures ran).
 *
 * @param summary The counts.
 * @param options Whether flaky passes fail the run.
 * @returns `pass` or `fail`.
 *
 * @example
 * ```ts
 * import { verdict } from "./artifact.ts";
 * import assert from "node:assert/strict";
 *
 * assert.equal(verdict({ total: 1, passed: 0, failed: 0, skipped: 1, flaky: 0 }), "fail");
 * assert.equal(verdict({ total: 1, passed: 1, failed: 0, skipped: 0, flaky: 1 }), "pass");
 * assert.equal(
 *   verdict({ total: 1, passed: 1, failed: 0, skipped: 0, flaky: 1 }, { failOnFlaky: true }),
 *   "fail",
 * );
 * // A quarantined failure does not fail the run.
 * assert.equal(verdict({ total: 2, passed: 1, failed: 1, skipped: 0, flaky: 0, quarantined: 1 }), "pass");
 * ```
 */
export function verdict(summary: Summary, options: VerdictOptions = {}): Result {
  // A quarantined failure does not fail the run; a run of nothing but quarantined failures passes
  // (it ran, and what failed is known and owned).
  const quarantined = summary.quarantined ?? 0;
  if (summary.failed - quarantined > 0) return "fail";
  if (summary.passed === 0 && quarantined === 0) return "fail";
  if (options.failOnFlaky && summary.flaky - (summary.quarantinedFlaky ?? 0) > 0) return "fail";
  return "pass";
}

/** What {@linkcode createArtifact} needs. */
export interface ArtifactInput {
  /** The run id. */
  runId: string;
  /** The mode. */
  mode: Mode;
  /** Start time. */
  startedAt: Date;
  /** End time. */
  finishedAt: Date;
  /** Tool version. */
  version: string;
  /** Environment facts. */
  environment: Artifact["environment"];
  /** The selection. */
  selection: Artifact["selection"];
  /** Fixture results, in selection order. */
  fixtures: FixtureResult[];
  /** Flaky passes fail the run. */
  failOnFlaky?: boolean;
  /** The run was interrupted. */
  interrupted?: boolean;
  /** Every run but a full one: the suite's verdict with this run's results in place. */
  combined?: Artifact["combined"];
  /** The suite's state after this run. */
  suite?: SuiteRecord;
  /** Diagnostics. */
  diagnostics?: Diagnostic[];
  /** The config's services; one not ready or exited during the run fails the run. */
  services?: ServiceRecord[];
}

/**
 * Assembles an artifact: counts and verdict are computed, never passed in.
 *
 * @param input Run facts and results.
 * @returns The artifact, valid against `ArtifactSchema` (`artifact_schema.ts`).
 *
 * @example
 * ```ts
 * import { createArtifact } from "./artifact.ts";
 * import { ArtifactSchema } from "./artifact_schema.ts";
 * import assert from "node:assert/strict";
 *
 * const artifact = createArtifact({
 *   runId: "20261125T000000000Z-abcdef", mode: "full",
 *   startedAt: new Date(0), finishedAt: new Date(5), version: "0.1.0",
 *   environment: { deno: "2.9.6", os: "linux", arch: "x86_64", ci: false },
 *   selection: { fixtureIds: [] }, fixtures: [],
 * });
 * assert.equal(artifact.result, "fail");
 * ArtifactSchema.parse(artifact);
 * ```
 */
export function createArtifact(input: ArtifactInput): Artifact {
  const summary = summarize(input.fixtures);
  return {
    schemaVersion: SCHEMA_VERSION,
    runId: input.runId,
    mode: input.mode,
    startedAt: input.startedAt.toISOString(),
    finishedAt: input.finishedAt.toISOString(),
    durationMs: Math.max(0, input.finishedAt.getTime() - input.startedAt.getTime()),
    tool: { name: "smoke", version: input.version },
    environment: input.environment,
    selection: input.selection,
    fixtures: input.fixtures,
    summary,
    // An interrupted run never passes, even when the signal came after the last fixture ended;
    // nor does one whose services were not ready or went down.
    result: input.interrupted || servicesFailed(input.services)
      ? "fail"
      : verdict(summary, { failOnFlaky: input.failOnFlaky }),
    ...(input.interrupted ? { interrupted: true as const } : {}),
    ...(input.combined ? { combined: input.combined } : {}),
    ...(input.suite ? { suite: input.suite } : {}),
    ...(input.services?.length ? { services: input.services } : {}),
    diagnostics: input.diagnostics ?? [],
  };
}

/**
 * Whether a run's services fail it: one was not ready, or exited during the run.
 *
 * @param services The run's service records, if any.
 * @returns True when one is `not-ready` or `exited`.
 *
 * @example
 * ```ts
 * import { servicesFailed } from "./artifact.ts";
 * import assert from "node:assert/strict";
 *
 * assert.equal(servicesFailed([{ name: "api", status: "ready", check: "..." }]), false);
 * assert.equal(servicesFailed([{ name: "api", status: "exited", check: "..." }]), true);
 * assert.equal(servicesFailed(undefined), false);
 * ```
 */
export function servicesFailed(services: readonly ServiceRecord[] | undefined): boolean {
  return (services ?? []).some((s) => s.status === "not-ready" || s.status === "exited");
}

/** A failed fixture of the source artifact. */
export interface FailedEntry {
  /** The fixture id (checked against the id characters). */
  id: string;
  /** Its failure kind, when recorded. */
  kind?: FailureKind;
}

/**
 * The failed fixtures of a list of results, once each, in order.
 *
 * @param fixtures Fixture results.
 * @returns The id and failure kind of each failed one.
 *
 * @example
 * ```ts
 * import { failedEntries } from "./artifact.ts";
 * import assert from "node:assert/strict";
 *
 * const base = { durationMs: 1, attempts: 1, exitCode: 1, signal: null, timedOut: false };
 * assert.deepEqual(failedEntries([
 *   { ...base, id: "a", status: "failed", failure: { kind: "timeout", message: "t" } },
 *   { ...base, id: "b", status: "passed" },
 * ]), [{ id: "a", kind: "timeout" }]);
 * ```
 */
export function failedEntries(fixtures: readonly FixtureResult[]): FailedEntry[] {
  const failed: FailedEntry[] = [];
  const seen = new Set<string>();
  for (const fixture of fixtures) {
    if (fixture.status !== "failed" || seen.has(fixture.id)) continue;
    seen.add(fixture.id);
    failed.push({ id: fixture.id, ...(fixture.failure ? { kind: fixture.failure.kind } : {}) });
  }
  return failed;
}

/**
 * Whether an artifact records a failed rerun preflight rather than a run: mode
 * `rerun-failed`, no fixtures, no selected ids, and an error diagnostic (what
 * a failed `--rerun-failed` preflight writes). Its content says so, whatever
 * the file is called: diagnostics artifacts written before their run ids got
 * the `-preflight` suffix (`diagnosticsRunId` in `history.ts`) count too.
 *
 * @param artifact A valid artifact.
 * @returns True when nothing ran and a preflight error is recorded.
 *
 * @example
 * ```ts
 * import { createArtifact, isDiagnosticsArtifact } from "./artifact.ts";
 * import assert from "node:assert/strict";
 *
 * const input = {
 *   runId: "20261129T212311123Z-3fa9c1-preflight", mode: "rerun-failed" as const,
 *   startedAt: new Date(0), finishedAt: new Date(0), version: "0.1.0",
 *   environment: { deno: "2.9.6", os: "linux", arch: "x86_64", ci: false },
 *   selection: { fixtureIds: [] }, fixtures: [],
 * };
 * const error = { code: "ARTIFACT_NOT_FOUND", level: "error" as const, message: "Cannot read" };
 * assert.equal(isDiagnosticsArtifact(createArtifact({ ...input, diagnostics: [error] })), true);
 * assert.equal(isDiagnosticsArtifact(createArtifact(input)), false);
 * ```
 */
export function isDiagnosticsArtifact(
  artifact: Pick<Artifact, "mode" | "fixtures" | "selection" | "diagnostics">,
): boolean {
  return artifact.mode === "rerun-failed" && artifact.fixtures.length === 0 &&
    artifact.selection.fixtureIds.length === 0 &&
    artifact.diagnostics.some((d) => d.level === "error");
}
