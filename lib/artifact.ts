/**
 * The run artifact, schema version 1: defined once here in zod. The JSON
 * Schema in `schema/artifact.v1.json` is generated from it (`deno task
 * schema`), and a test fails if the two drift apart.
 *
 * @module
 */
import { z } from "zod";

/** The schema version this build writes. */
export const SCHEMA_VERSION = 1;
/** The schema versions this build can read. */
export const READABLE_SCHEMA_VERSIONS: readonly number[] = [1];

/** Characters allowed in a fixture id. */
export const FIXTURE_ID_PATTERN = /^[A-Za-z0-9._\/-]+$/;

/** A fixture id: path-like, at most 512 characters, no `.`/`..` segments. */
export const FixtureIdSchema = z.string().min(1).max(512).regex(FIXTURE_ID_PATTERN, {
  message: "a fixture id may contain only A-Z a-z 0-9 . _ - /",
}).refine((id) => id.split("/").every((s) => s !== "" && s !== "." && s !== ".."), {
  message: 'a fixture id has no empty, "." or ".." segments',
});

/** A run id: unique, safe as a file name, sorts by start time. */
export const RunIdSchema = z.string().regex(/^[A-Za-z0-9][A-Za-z0-9._-]{0,127}$/, {
  message: "a run id may contain only A-Z a-z 0-9 . _ -",
});

/** Fixture statuses. */
export const StatusSchema = z.enum(["passed", "failed", "skipped"]);
/** Fixture status. */
export type Status = z.infer<typeof StatusSchema>;

/** Why a fixture failed. */
export const FailureKindSchema = z.enum([
  "exit-code",
  "timeout",
  "expectation",
  "spawn",
  "permission",
  "interrupted",
]);
/** Why a fixture failed. */
export type FailureKind = z.infer<typeof FailureKindSchema>;

/** The result of one fixture in a run. */
export const FixtureResultSchema = z.object({
  id: FixtureIdSchema,
  status: StatusSchema,
  durationMs: z.number().nonnegative(),
  attempts: z.number().int().nonnegative(),
  exitCode: z.number().int().nullable(),
  signal: z.string().nullable(),
  timedOut: z.boolean(),
  failure: z.object({ kind: FailureKindSchema, message: z.string() }).optional(),
  skipReason: z.string().optional(),
  stdoutTail: z.string().optional(),
  stderrTail: z.string().optional(),
  flaky: z.boolean().optional(),
  previousStatus: StatusSchema.optional(),
});
/** The result of one fixture in a run. */
export type FixtureResult = z.infer<typeof FixtureResultSchema>;

/** Counts over a run's fixtures. */
export const SummarySchema = z.object({
  total: z.number().int().nonnegative(),
  passed: z.number().int().nonnegative(),
  failed: z.number().int().nonnegative(),
  skipped: z.number().int().nonnegative(),
  flaky: z.number().int().nonnegative(),
});
/** Counts over a run's fixtures. */
export type Summary = z.infer<typeof SummarySchema>;

/** A run's verdict. */
export const ResultSchema = z.enum(["pass", "fail"]);
/** A run's verdict. */
export type Result = z.infer<typeof ResultSchema>;

/** A diagnostic: an error or warning found before or during the run. */
export const DiagnosticSchema = z.object({
  code: z.string(),
  level: z.enum(["error", "warning"]),
  message: z.string(),
  hint: z.string().optional(),
});
/** A diagnostic: an error or warning found before or during the run. */
export type Diagnostic = z.infer<typeof DiagnosticSchema>;

/** Where a rerun's failures came from. */
export const SourceSchema = z.object({
  path: z.string(),
  runId: RunIdSchema,
  sha256: z.string().regex(/^[0-9a-f]{64}$/),
});
/** Where a rerun's failures came from. */
export type Source = z.infer<typeof SourceSchema>;

/** The artifact, schema version 1. Unknown keys are ignored when reading. */
export const ArtifactSchema = z.object({
  schemaVersion: z.literal(SCHEMA_VERSION),
  runId: RunIdSchema,
  mode: z.enum(["full", "selected", "rerun-failed", "merged"]),
  startedAt: z.iso.datetime(),
  finishedAt: z.iso.datetime(),
  durationMs: z.number().nonnegative(),
  tool: z.object({ name: z.literal("smoke"), version: z.string() }),
  environment: z.looseObject({
    deno: z.string(),
    os: z.string(),
    arch: z.string(),
    ci: z.boolean(),
  }),
  selection: z.object({
    fixtureIds: z.array(FixtureIdSchema),
    source: SourceSchema.optional(),
    shard: z.object({
      index: z.number().int().positive(),
      total: z.number().int().positive(),
    }).optional(),
  }),
  fixtures: z.array(FixtureResultSchema),
  summary: SummarySchema,
  result: ResultSchema,
  interrupted: z.literal(true).optional(),
  combined: z.object({ summary: SummarySchema, result: ResultSchema }).optional(),
  /** Merged only: the artifacts combined, in the order given. */
  inputs: z.array(SourceSchema).optional(),
  diagnostics: z.array(DiagnosticSchema),
});
/** The artifact, schema version 1. */
export type Artifact = z.infer<typeof ArtifactSchema>;
/** The mode a run was made in. */
export type Mode = Artifact["mode"];

/**
 * Generates the JSON Schema of the artifact from the zod schema.
 *
 * @returns A JSON Schema (draft 2020-12) object.
 *
 * @example
 * ```ts
 * import { artifactJsonSchema } from "./artifact.ts";
 * import assert from "node:assert/strict";
 *
 * const schema = artifactJsonSchema();
 * assert.equal(schema.title, "smoke run artifact, schema version 1");
 * ```
 */
export function artifactJsonSchema(): Record<string, unknown> {
  const schema = z.toJSONSchema(ArtifactSchema, { io: "input" });
  return {
    $schema: schema.$schema,
    $id: "https://smoke.dev/schema/artifact.v1.json",
    title: "smoke run artifact, schema version 1",
    ...schema,
  };
}

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
export function summarize(fixtures: readonly Pick<FixtureResult, "status" | "flaky">[]): Summary {
  const summary = { total: fixtures.length, passed: 0, failed: 0, skipped: 0, flaky: 0 };
  for (const fixture of fixtures) {
    summary[fixture.status]++;
    if (fixture.flaky) summary.flaky++;
  }
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
 * ```
 */
export function verdict(summary: Summary, options: VerdictOptions = {}): Result {
  if (summary.failed > 0 || summary.passed === 0) return "fail";
  if (options.failOnFlaky && summary.flaky > 0) return "fail";
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
  /** Rerun only: the combined verdict. */
  combined?: Artifact["combined"];
  /** Diagnostics. */
  diagnostics?: Diagnostic[];
}

/**
 * Assembles an artifact: counts and verdict are computed, never passed in.
 *
 * @param input Run facts and results.
 * @returns The artifact, valid against {@linkcode ArtifactSchema}.
 *
 * @example
 * ```ts
 * import { ArtifactSchema, createArtifact } from "./artifact.ts";
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
    result: verdict(summary, { failOnFlaky: input.failOnFlaky }),
    ...(input.interrupted ? { interrupted: true as const } : {}),
    ...(input.combined ? { combined: input.combined } : {}),
    diagnostics: input.diagnostics ?? [],
  };
}
