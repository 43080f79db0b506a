import {
  sha256Hex
} from "./chunk-4SYLYQRO.js";
import {
  formatPath,
  jsonSyntax
} from "./chunk-IEQXTUCM.js";
import {
  formatBytes,
  readRegularFile
} from "./chunk-UXUXC4ZF.js";
import {
  failedEntries
} from "./chunk-PBQEZ4VD.js";
import {
  FIXTURE_ID_PATTERN,
  READABLE_SCHEMA_VERSIONS,
  RUN_ID_PATTERN,
  SCHEMA_VERSION,
  hasBadSegment,
  isFixtureId,
  runIdClearlyAfter
} from "./chunk-6MYH7WWL.js";
import {
  displayName
} from "./chunk-XRBLM22N.js";

// lib/artifact/artifact_schema.ts
import { z } from "zod";
var FixtureIdSchema = z.string().min(1).max(512).regex(FIXTURE_ID_PATTERN, {
  message: "a fixture id may contain only A-Z a-z 0-9 . _ - /"
}).refine(((id) => !hasBadSegment(id)), {
  message: 'a fixture id has no empty, "." or ".." segments'
});
var RunIdSchema = z.string().regex(RUN_ID_PATTERN, {
  message: "a run id may contain only A-Z a-z 0-9 . _ -"
});
var StatusSchema = z.enum([
  "passed",
  "failed",
  "skipped"
]);
var FailureKindSchema = z.enum([
  "exit-code",
  "timeout",
  "expectation",
  "spawn",
  "permission",
  "interrupted",
  "not-run",
  "blocked"
]);
var FingerprintSchema = z.string().regex(/^[0-9a-f]{64}$/, {
  message: "a fingerprint is 64 lowercase hex digits (SHA-256)"
});
var FixtureResultSchema = z.object({
  id: FixtureIdSchema,
  status: StatusSchema,
  durationMs: z.number().nonnegative(),
  attempts: z.number().int().nonnegative(),
  exitCode: z.number().int().nullable(),
  signal: z.string().nullable(),
  timedOut: z.boolean(),
  failure: z.object({
    kind: FailureKindSchema,
    message: z.string()
  }).optional(),
  /** A quarantine entry protects it: its failure does not fail the run (since version 1.1). */
  quarantined: z.object({
    reason: z.string(),
    owner: z.string(),
    until: z.string()
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
      message: "outcomes are letters P, R, F or I, one per run"
    })
  }).optional(),
  /** The manifest's tags, when it has any (one word each, as manifests allow). */
  tags: z.array(z.string().regex(/^[A-Za-z0-9][A-Za-z0-9._:-]{0,63}$/, {
    message: 'a tag is one word of letters, digits, ".", "_", ":" or "-"'
  })).optional()
});
var OutstandingSchema = z.object({
  id: FixtureIdSchema,
  /** The run the failing result came from. */
  runId: RunIdSchema,
  kind: FailureKindSchema,
  message: z.string(),
  fingerprint: FingerprintSchema.optional()
});
var SuiteSchema = z.object({
  /** The last full run this state counts from; absent when none is known. */
  since: RunIdSchema.optional(),
  outstanding: z.array(OutstandingSchema),
  passed: z.array(FixtureIdSchema),
  skipped: z.array(FixtureIdSchema),
  /** Passed only on a retry: a subset of `passed`. */
  flaky: z.array(FixtureIdSchema)
});
var SummarySchema = z.object({
  total: z.number().int().nonnegative(),
  passed: z.number().int().nonnegative(),
  failed: z.number().int().nonnegative(),
  skipped: z.number().int().nonnegative(),
  flaky: z.number().int().nonnegative(),
  /** Failed fixtures a quarantine entry protects (they do not fail the run); absent when none. */
  quarantined: z.number().int().nonnegative().optional(),
  /** Flaky passes of quarantined fixtures (`--fail-on-flaky` leaves them out); absent when none. */
  quarantinedFlaky: z.number().int().nonnegative().optional()
});
var ResultSchema = z.enum([
  "pass",
  "fail"
]);
var DiagnosticSchema = z.object({
  code: z.string(),
  level: z.enum([
    "error",
    "warning"
  ]),
  message: z.string(),
  hint: z.string().optional()
});
var SourceSchema = z.object({
  path: z.string(),
  runId: RunIdSchema,
  sha256: z.string().regex(/^[0-9a-f]{64}$/)
});
var ServiceRecordSchema = z.object({
  name: z.string().min(1).max(64),
  status: z.enum([
    "ready",
    "reused",
    "not-ready",
    "exited",
    "not-started",
    "interrupted"
  ]),
  /** The ready check in words. */
  check: z.string(),
  /** From its start to its first passing check. */
  readyMs: z.number().nonnegative().optional(),
  exitCode: z.number().int().nullable().optional(),
  signal: z.string().nullable().optional(),
  /** Why it is not ready, exited or not started. */
  reason: z.string().optional(),
  stdoutTail: z.string().optional(),
  stderrTail: z.string().optional()
});
var ArtifactSchema = z.object({
  schemaVersion: z.literal(SCHEMA_VERSION),
  runId: RunIdSchema,
  mode: z.enum([
    "full",
    "selected",
    "rerun-failed",
    "merged"
  ]),
  startedAt: z.iso.datetime(),
  finishedAt: z.iso.datetime(),
  durationMs: z.number().nonnegative(),
  tool: z.object({
    name: z.literal("smoke"),
    version: z.string()
  }),
  environment: z.looseObject({
    deno: z.string(),
    os: z.string(),
    arch: z.string(),
    ci: z.boolean()
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
      split: z.string().regex(/^[0-9a-f]{64}$/).optional()
    }).refine((({ index, total }) => index <= total), {
      message: "index must be at most total",
      path: [
        "index"
      ]
    }).refine((({ index, total, withFixtures }) => withFixtures === void 0 || withFixtures.length < total && withFixtures.every(((n, i) => n <= total && (i === 0 || n > withFixtures[i - 1]))) && withFixtures.includes(index)), {
      message: "withFixtures must list some of the split's shards in ascending order, this one among them",
      path: [
        "withFixtures"
      ]
    }).optional()
  }),
  fixtures: z.array(FixtureResultSchema),
  summary: SummarySchema,
  result: ResultSchema,
  interrupted: z.literal(true).optional(),
  combined: z.object({
    summary: SummarySchema,
    result: ResultSchema
  }).optional(),
  /** Merged only: the artifacts combined, in the order given. */
  inputs: z.array(SourceSchema).optional(),
  /** The suite's state after this run (written since version 1.1). */
  suite: SuiteSchema.optional(),
  /** The config's services, in their order (written since version 1.1, when there are any). */
  services: z.array(ServiceRecordSchema).optional(),
  diagnostics: z.array(DiagnosticSchema)
}).superRefine(((artifact, context) => {
  const firstAt = /* @__PURE__ */ new Map();
  artifact.fixtures.forEach(((fixture, i) => {
    const first = firstAt.get(fixture.id);
    if (first === void 0) firstAt.set(fixture.id, i);
    else {
      context.addIssue({
        code: "custom",
        path: [
          "fixtures",
          i,
          "id"
        ],
        message: `fixture "${fixture.id}" has a result at fixtures[${first}] already`
      });
    }
  }));
  const suite = artifact.suite;
  if (!suite) return;
  const issue = ((path, message) => context.addIssue({
    code: "custom",
    path: [
      "suite",
      ...path
    ],
    message
  }));
  if (suite.since !== void 0 && runIdClearlyAfter(suite.since, artifact.runId)) {
    issue([
      "since"
    ], `names run ${suite.since}, newer than this artifact's run ${artifact.runId}`);
  }
  const seen = /* @__PURE__ */ new Set();
  const once = ((id, path) => {
    if (seen.has(id)) issue(path, `fixture "${id}" appears twice in the suite's state`);
    seen.add(id);
  });
  suite.outstanding.forEach(((entry, i) => {
    if (runIdClearlyAfter(entry.runId, artifact.runId)) {
      issue([
        "outstanding",
        i,
        "runId"
      ], `names run ${entry.runId}, newer than this artifact's run ${artifact.runId}`);
    } else if (suite.since !== void 0 && runIdClearlyAfter(suite.since, entry.runId)) {
      issue([
        "outstanding",
        i,
        "runId"
      ], `names run ${entry.runId}, older than the full run ${suite.since} the state counts from`);
    }
    once(entry.id, [
      "outstanding",
      i,
      "id"
    ]);
  }));
  suite.passed.forEach(((id, i) => once(id, [
    "passed",
    i
  ])));
  suite.skipped.forEach(((id, i) => once(id, [
    "skipped",
    i
  ])));
  const passed = new Set(suite.passed);
  suite.flaky.forEach(((id, i) => {
    if (!passed.has(id)) issue([
      "flaky",
      i
    ], `fixture "${id}" is flaky but not among the passed`);
  }));
  const owed = new Map(suite.outstanding.map(((e) => [
    e.id,
    e.runId
  ])));
  const skipped = new Set(suite.skipped);
  artifact.fixtures.forEach(((fixture, i) => {
    const held = fixture.status === "passed" ? passed.has(fixture.id) : fixture.status === "skipped" ? skipped.has(fixture.id) : owed.get(fixture.id) === artifact.runId;
    if (!held) {
      context.addIssue({
        code: "custom",
        path: [
          "fixtures",
          i,
          "status"
        ],
        message: `"${fixture.status}" for "${fixture.id}" disagrees with the suite's state this artifact records`
      });
    }
  }));
}));

// lib/artifact/source_artifact.ts
var MAX_ARTIFACT_BYTES = 64 * 1024 * 1024;
var MAX_PROBLEM_LINES = 10;
var validId = (function validId(id) {
  return typeof id === "string" && isFixtureId(id);
});
var salvageFailedIds = (function salvageFailedIds(value) {
  const fixtures = value?.fixtures;
  if (!Array.isArray(fixtures)) return [];
  const ids = /* @__PURE__ */ new Set();
  for (const entry of fixtures.slice(0, 1e5)) {
    const { id, status } = entry ?? {};
    if (status === "failed" && validId(id)) ids.add(id);
  }
  return [
    ...ids
  ];
});
var checkSource = (function checkSource(text) {
  let value;
  try {
    value = JSON.parse(text);
  } catch (error) {
    if (!(error instanceof SyntaxError)) throw error;
    return {
      ok: false,
      code: "ARTIFACT_INVALID_JSON",
      message: jsonSyntax(text, error),
      salvagedIds: []
    };
  }
  return checkSourceValue(value);
});
var checkSourceValue = (function checkSourceValue(value) {
  const salvagedIds = salvageFailedIds(value);
  const isObject = typeof value === "object" && value !== null && !Array.isArray(value);
  const version = isObject ? value.schemaVersion : void 0;
  if (!Number.isInteger(version)) {
    return {
      ok: false,
      code: "ARTIFACT_SCHEMA_MISMATCH",
      message: version === void 0 ? "schemaVersion: missing (is this a smoke artifact?)" : `schemaVersion: expected an integer, got ${JSON.stringify(version)}`,
      salvagedIds
    };
  }
  if (!READABLE_SCHEMA_VERSIONS.includes(version)) {
    return {
      ok: false,
      code: "ARTIFACT_UNSUPPORTED_VERSION",
      message: `schemaVersion ${version} is not supported; this build reads schema version ` + READABLE_SCHEMA_VERSIONS.join(", "),
      salvagedIds
    };
  }
  const parsed = ArtifactSchema.safeParse(value);
  if (!parsed.success) {
    const problems = parsed.error.issues.map(((issue) => displayName(`${formatPath(issue.path)}: ${issue.message}`)));
    const shown = problems.slice(0, MAX_PROBLEM_LINES);
    if (problems.length > shown.length) {
      shown.push(`... and ${problems.length - shown.length} more`);
    }
    return {
      ok: false,
      code: "ARTIFACT_SCHEMA_MISMATCH",
      message: shown.join("\n"),
      salvagedIds
    };
  }
  return {
    ok: true,
    artifact: parsed.data,
    failed: failedEntries(parsed.data.fixtures)
  };
});
var readSourceFile = (async function readSourceFile(path, maxBytes = MAX_ARTIFACT_BYTES) {
  const read = await readRegularFile(path, {
    maxBytes,
    what: "artifact"
  });
  if (!read.ok) {
    const { problem } = read;
    if (problem.kind === "too-large") {
      return {
        ok: false,
        code: "ARTIFACT_TOO_LARGE",
        message: `${problem.size} bytes is over the limit of ${maxBytes} bytes (${formatBytes(maxBytes)})`
      };
    }
    return {
      ok: false,
      code: "ARTIFACT_NOT_FOUND",
      message: problem.kind === "missing" ? "no file at that path" : read.reason
    };
  }
  const bytes = read.value;
  return {
    ok: true,
    text: new TextDecoder().decode(bytes),
    sha256: await sha256Hex(bytes)
  };
});

export {
  MAX_ARTIFACT_BYTES,
  salvageFailedIds,
  checkSource,
  checkSourceValue,
  readSourceFile
};
//# sourceMappingURL=chunk-URNA5CV7.js.map
