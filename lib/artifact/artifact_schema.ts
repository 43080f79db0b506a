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
import {
  FIXTURE_ID_PATTERN,
  hasBadSegment,
  RUN_ID_PATTERN,
  runIdClearlyAfter,
  SCHEMA_VERSION,
} from "./artifact_format.ts";

/** A fixture id: path-like, at most 512 characters, no `.`/`..` segments. */
export const FixtureIdSchema = z.string().min(1).max(512).regex(FIXTURE_ID_PATTERN, {
  message: "a fixture id may contain only A-Z a-z 0-9 . _ - /",
}).refine((id) => !hasBadSegment(id), {
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
  "not-run",
  "blocked",
]);

/** A content hash of a fixture's own files (script and manifest): SHA-256, hex. */
export const FingerprintSchema = z.string().regex(/^[0-9a-f]{64}$/, {
  message: "a fingerprint is 64 lowercase hex digits (SHA-256)",
});

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
  /** A quarantine entry protects it: its failure does not fail the run (since version 1.1). */
  quarantined: z.object({
    reason: z.string(),
    owner: z.string(),
    until: z.string(),
  }).optional(),
  /** Kind `blocked`: the needed fixture that did not pass (written since version 1.1). */
  blockedBy: FixtureIdSchema.optional(),
  skipReason: z.string().optional(),
  stdoutTail: z.string().optional(),
  stderrTail: z.string().optional(),
  flaky: z.boolean().optional(),
  previousStatus: StatusSchema.optional(),
  fingerprint: FingerprintSchema.optional(),
  /** The manifest's description, when it has one. */
  description: z.string().optional(),
  /**
   * `--repeat N` only (written since version 1.1): the fixture ran N times (`runs`), one run
   * after another; `passed` of them passed, `firstAttemptPassed` on their first attempt.
   * `outcomes` has one letter per run made, in order: `P` passed on its first attempt, `R`
   * passed on a retry, `F` failed, `I` interrupted; it is shorter than `runs` when an
   * interrupt stopped the runs. The fixture's `status` is `passed` only if every run passed;
   * its `failure` is that of the first failed run, and its `durationMs` the mean of its runs.
   */
  repeat: z.object({
    runs: z.number().int().positive(),
    passed: z.number().int().nonnegative(),
    firstAttemptPassed: z.number().int().nonnegative(),
    outcomes: z.string().regex(/^[PRFI]+$/, {
      message: "outcomes are letters P, R, F or I, one per run",
    }),
  }).optional(),
  /** The manifest's tags, when it has any (one word each, as manifests allow). */
  tags: z.array(
    z.string().regex(/^[A-Za-z0-9][A-Za-z0-9._:-]{0,63}$/, {
      message: 'a tag is one word of letters, digits, ".", "_", ":" or "-"',
    }),
  ).optional(),
});

/** A fixture the suite still owes: its latest result since the last full run failed, or it never finished. */
export const OutstandingSchema = z.object({
  id: FixtureIdSchema,
  /** The run the failing result came from. */
  runId: RunIdSchema,
  kind: FailureKindSchema,
  message: z.string(),
  fingerprint: FingerprintSchema.optional(),
});

/**
 * The suite's state after this run: every fixture's latest result since the
 * last full run (`since`), so that one artifact is enough to rerun what is owed.
 */
export const SuiteSchema = z.object({
  /** The last full run this state counts from; absent when none is known. */
  since: RunIdSchema.optional(),
  outstanding: z.array(OutstandingSchema),
  passed: z.array(FixtureIdSchema),
  skipped: z.array(FixtureIdSchema),
  /** Passed only on a retry: a subset of `passed`. */
  flaky: z.array(FixtureIdSchema),
});

/** Counts over a run's fixtures. */
export const SummarySchema = z.object({
  total: z.number().int().nonnegative(),
  passed: z.number().int().nonnegative(),
  failed: z.number().int().nonnegative(),
  skipped: z.number().int().nonnegative(),
  flaky: z.number().int().nonnegative(),
  /** Failed fixtures a quarantine entry protects (they do not fail the run); absent when none. */
  quarantined: z.number().int().nonnegative().optional(),
  /** Flaky passes of quarantined fixtures (`--fail-on-flaky` leaves them out); absent when none. */
  quarantinedFlaky: z.number().int().nonnegative().optional(),
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

/**
 * How a service of the run fared: `ready` (started and answered), `reused`
 * (already answering: `reuseExisting`), `not-ready` (not ready in time, or
 * it exited or could not start first: no fixture ran), `exited` (ready, then
 * exited during the run), `not-started` (`--no-services`, or an earlier
 * service was not ready), `interrupted` (an interrupt came while it started).
 */
export const ServiceRecordSchema = z.object({
  name: z.string().min(1).max(64),
  status: z.enum(["ready", "reused", "not-ready", "exited", "not-started", "interrupted"]),
  /** The ready check in words. */
  check: z.string(),
  /** From its start to its first passing check. */
  readyMs: z.number().nonnegative().optional(),
  exitCode: z.number().int().nullable().optional(),
  signal: z.string().nullable().optional(),
  /** Why it is not ready, exited or not started. */
  reason: z.string().optional(),
  stdoutTail: z.string().optional(),
  stderrTail: z.string().optional(),
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
      /**
       * The shards of this split that got fixtures, ascending, when some got none (so a merge
       * of those shards is every shard that ran); this shard among them.
       */
      withFixtures: z.array(z.number().int().positive()).optional(),
      /**
       * A digest of the split (how, into how many shards, each fixture's shard): shards of one
       * split carry the same, so a merge can tell shards of different splits apart.
       */
      split: z.string().regex(/^[0-9a-f]{64}$/).optional(),
    }).refine(({ index, total }) => index <= total, {
      message: "index must be at most total",
      path: ["index"],
    }).refine(
      ({ index, total, withFixtures }) =>
        withFixtures === undefined ||
        (withFixtures.length < total &&
          withFixtures.every((n, i) => n <= total && (i === 0 || n > withFixtures[i - 1])) &&
          withFixtures.includes(index)),
      {
        message: "withFixtures must list some of the split's shards in ascending order, this " +
          "one among them",
        path: ["withFixtures"],
      },
    ).optional(),
  }),
  fixtures: z.array(FixtureResultSchema),
  summary: SummarySchema,
  result: ResultSchema,
  interrupted: z.literal(true).optional(),
  combined: z.object({ summary: SummarySchema, result: ResultSchema }).optional(),
  /** Merged only: the artifacts combined, in the order given. */
  inputs: z.array(SourceSchema).optional(),
  /** The suite's state after this run (written since version 1.1). */
  suite: SuiteSchema.optional(),
  /** The config's services, in their order (written since version 1.1, when there are any). */
  services: z.array(ServiceRecordSchema).optional(),
  diagnostics: z.array(DiagnosticSchema),
}).superRefine((artifact, context) => {
  // One result per fixture: a second result for an id (a hand-edited or forged file) would
  // count twice in merge, and quietly replace the first in a rerun or in timings.
  const firstAt = new Map<string, number>();
  artifact.fixtures.forEach((fixture, i) => {
    const first = firstAt.get(fixture.id);
    if (first === undefined) firstAt.set(fixture.id, i);
    else {
      context.addIssue({
        code: "custom",
        path: ["fixtures", i, "id"],
        message: `fixture "${fixture.id}" has a result at fixtures[${first}] already`,
      });
    }
  });
  // A state that contradicts its own artifact is refused, never trusted.
  const suite = artifact.suite;
  if (!suite) return;
  const issue = (path: (string | number)[], message: string) =>
    context.addIssue({ code: "custom", path: ["suite", ...path], message });
  // Two machines' clocks may disagree: only a run clearly later than this one contradicts it.
  if (suite.since !== undefined && runIdClearlyAfter(suite.since, artifact.runId)) {
    issue(["since"], `names run ${suite.since}, newer than this artifact's run ${artifact.runId}`);
  }
  const seen = new Set<string>();
  const once = (id: string, path: (string | number)[]) => {
    if (seen.has(id)) issue(path, `fixture "${id}" appears twice in the suite's state`);
    seen.add(id);
  };
  suite.outstanding.forEach((entry, i) => {
    if (runIdClearlyAfter(entry.runId, artifact.runId)) {
      issue(
        ["outstanding", i, "runId"],
        `names run ${entry.runId}, newer than this artifact's run ${artifact.runId}`,
      );
    } else if (suite.since !== undefined && runIdClearlyAfter(suite.since, entry.runId)) {
      issue(
        ["outstanding", i, "runId"],
        `names run ${entry.runId}, older than the full run ${suite.since} the state counts from`,
      );
    }
    once(entry.id, ["outstanding", i, "id"]);
  });
  suite.passed.forEach((id, i) => once(id, ["passed", i]));
  suite.skipped.forEach((id, i) => once(id, ["skipped", i]));
  const passed = new Set(suite.passed);
  suite.flaky.forEach((id, i) => {
    if (!passed.has(id)) issue(["flaky", i], `fixture "${id}" is flaky but not among the passed`);
  });
  // This run's own results are the latest: the state must hold each as it is.
  const owed = new Map(suite.outstanding.map((e) => [e.id, e.runId]));
  const skipped = new Set(suite.skipped);
  artifact.fixtures.forEach((fixture, i) => {
    const held = fixture.status === "passed"
      ? passed.has(fixture.id)
      : fixture.status === "skipped"
      ? skipped.has(fixture.id)
      : owed.get(fixture.id) === artifact.runId;
    if (!held) {
      context.addIssue({
        code: "custom",
        path: ["fixtures", i, "status"],
        message: `"${fixture.status}" for "${fixture.id}" disagrees with the suite's state ` +
          "this artifact records",
      });
    }
  });
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
