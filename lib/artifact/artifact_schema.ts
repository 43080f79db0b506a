/**
 * The run artifact, schema version 1: defined once here in zod. The JSON
 * Schema in `schema/artifact.v1.json` is generated from it (`deno task
 * schema`), and a test fails if the two drift apart. Only code that reads
 * artifacts (rerun, merge, report) loads this module: writing one needs
 * only the types and `createArtifact()` from `artifact.ts`.
 *
 * @module
 */
import { z } from "zod";
import { FIXTURE_ID_PATTERN, RUN_ID_PATTERN, SCHEMA_VERSION } from "./artifact_format.ts";

/** A fixture id: path-like, at most 512 characters, no `.`/`..` segments. */
export const FixtureIdSchema = z.string().min(1).max(512).regex(FIXTURE_ID_PATTERN, {
  message: "a fixture id may contain only A-Z a-z 0-9 . _ - /",
}).refine((id) => id.split("/").every((s) => s !== "" && s !== "." && s !== ".."), {
  message: 'a fixture id has no empty, "." or ".." segments',
});

/** A run id: unique, safe as a file name, sorts by start time. */
export const RunIdSchema = z.string().regex(RUN_ID_PATTERN, {
  message: "a run id may contain only A-Z a-z 0-9 . _ -",
});

/** Fixture statuses. */
export const StatusSchema = z.enum(["passed", "failed", "skipped"]);

/** Why a fixture failed. */
export const FailureKindSchema = z.enum([
  "exit-code",
  "timeout",
  "expectation",
  "spawn",
  "permission",
  "interrupted",
]);

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

/** Counts over a run's fixtures. */
export const SummarySchema = z.object({
  total: z.number().int().nonnegative(),
  passed: z.number().int().nonnegative(),
  failed: z.number().int().nonnegative(),
  skipped: z.number().int().nonnegative(),
  flaky: z.number().int().nonnegative(),
});

/** A run's verdict. */
export const ResultSchema = z.enum(["pass", "fail"]);

/** A diagnostic: an error or warning found before or during the run. */
export const DiagnosticSchema = z.object({
  code: z.string(),
  level: z.enum(["error", "warning"]),
  message: z.string(),
  hint: z.string().optional(),
});

/** Where a rerun's failures came from. */
export const SourceSchema = z.object({
  path: z.string(),
  runId: RunIdSchema,
  sha256: z.string().regex(/^[0-9a-f]{64}$/),
});

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
/**
 * Generates the JSON Schema of the artifact from the zod schema.
 *
 * @returns A JSON Schema (draft 2020-12) object.
 *
 * @example
 * ```ts
 * import { artifactJsonSchema } from "./artifact_schema.ts";
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
