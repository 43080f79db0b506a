import assert from "node:assert/strict";
import { createArtifact, isDiagnosticsArtifact, summarize, verdict } from "./artifact.ts";
import { artifactJsonSchema, ArtifactSchema } from "./artifact_schema.ts";

Deno.test("the committed JSON Schema is generated from the zod schema", async () => {
  const committed = await Deno.readTextFile(
    new URL("../../schema/artifact.v1.json", import.meta.url),
  );
  assert.equal(
    committed,
    JSON.stringify(artifactJsonSchema(), null, 2) + "\n",
    "schema/artifact.v1.json is stale: run `deno task schema`",
  );
});

Deno.test("createArtifact() computes counts and verdict, and the result validates", () => {
  const base = { durationMs: 1, attempts: 1, exitCode: 0, signal: null, timedOut: false };
  const artifact = createArtifact({
    runId: "20261125T000000000Z-abcdef",
    mode: "selected",
    startedAt: new Date("2026-11-25T00:00:00Z"),
    finishedAt: new Date("2026-11-25T00:00:01.5Z"),
    version: "0.1.0",
    environment: { deno: "2.9.6", os: "linux", arch: "x86_64", ci: true, hostname: "h" },
    selection: { fixtureIds: ["a", "b"] },
    fixtures: [
      { ...base, id: "a", status: "passed" },
      { ...base, id: "b", status: "failed", failure: { kind: "exit-code", message: "x" } },
    ],
    interrupted: true,
  });
  assert.equal(artifact.durationMs, 1500);
  assert.deepEqual(artifact.summary, { total: 2, passed: 1, failed: 1, skipped: 0, flaky: 0 });
  assert.equal(artifact.result, "fail");
  assert.equal(artifact.interrupted, true);
  assert.deepEqual(ArtifactSchema.parse(artifact), artifact);
});

Deno.test("verdict() never passes an empty or all-skipped run", () => {
  assert.equal(verdict({ total: 0, passed: 0, failed: 0, skipped: 0, flaky: 0 }), "fail");
  assert.equal(verdict({ total: 2, passed: 0, failed: 0, skipped: 2, flaky: 0 }), "fail");
  assert.equal(verdict({ total: 2, passed: 1, failed: 0, skipped: 1, flaky: 0 }), "pass");
});

Deno.test("ArtifactSchema refuses hostile ids and run ids", () => {
  const base = { durationMs: 1, attempts: 1, exitCode: 0, signal: null, timedOut: false };
  for (const id of ["../x", "/abs", "a b", "a//b", ".", "x".repeat(600)]) {
    const artifact = createArtifact({
      runId: "r",
      mode: "full",
      startedAt: new Date(0),
      finishedAt: new Date(0),
      version: "0",
      environment: { deno: "", os: "", arch: "", ci: false },
      selection: { fixtureIds: [] },
      fixtures: [{ ...base, id, status: "failed" }],
    });
    assert.equal(ArtifactSchema.safeParse(artifact).success, false, id);
  }
  const ok = ArtifactSchema.shape.runId.safeParse("../../etc/passwd");
  assert.equal(ok.success, false);
});

Deno.test("artifacts written by smoke 0.1.0 stay readable (backward compatibility)", async () => {
  const { checkSource } = await import("./source_artifact.ts");
  const read = (name: string) =>
    Deno.readTextFile(new URL(`../../testdata/artifacts/${name}`, import.meta.url));
  const full = checkSource(await read("v1_full.json"));
  assert.ok(full.ok, full.ok ? "" : full.message);
  assert.deepEqual(full.failed.map((f) => [f.id, f.kind]), [
    ["api/health", "exit-code"],
    ["expect", "expectation"],
    ["missing", "spawn"],
    ["reads", "permission"],
    ["slow", "timeout"],
  ]);
  assert.equal(full.artifact.fixtures.find((f) => f.id === "flaky")?.flaky, true);
  const rerun = checkSource(await read("v1_rerun.json"));
  assert.ok(rerun.ok, rerun.ok ? "" : rerun.message);
  assert.equal(rerun.artifact.mode, "rerun-failed");
  assert.equal(rerun.artifact.selection.source?.runId, full.artifact.runId);
  assert.equal(rerun.artifact.combined?.summary.total, 7);
});

Deno.test("isDiagnosticsArtifact() knows a failed preflight's record by content, nothing else", () => {
  const base = { durationMs: 1, attempts: 1, exitCode: 1, signal: null, timedOut: false };
  const failed = { ...base, id: "a", status: "failed" as const };
  const error = { code: "ARTIFACT_NOT_FOUND", level: "error" as const, message: "Cannot read" };
  const warning = { code: "STALE_FIXTURE", level: "warning" as const, message: "gone" };
  const make = (input: Partial<Parameters<typeof createArtifact>[0]>) =>
    createArtifact({
      // The run id does not matter: records written before the -preflight suffix count too.
      runId: "20261125T000000000Z-abcdef",
      mode: "rerun-failed",
      startedAt: new Date(0),
      finishedAt: new Date(0),
      version: "0.1.0",
      environment: { deno: "2.9.6", os: "linux", arch: "x86_64", ci: false },
      selection: { fixtureIds: [] },
      fixtures: [],
      diagnostics: [warning, error],
      ...input,
    });
  assert.equal(isDiagnosticsArtifact(make({})), true);
  assert.equal(
    isDiagnosticsArtifact(make({ runId: "20261125T000000000Z-abcdef-preflight" })),
    true,
  );
  const notOne: Array<[string, Partial<Parameters<typeof createArtifact>[0]>]> = [
    ["a full run", { mode: "full" }],
    ["a merged run", { mode: "merged" }],
    ["a rerun that ran a fixture", { fixtures: [failed], selection: { fixtureIds: ["a"] } }],
    ["a selection without results", { selection: { fixtureIds: ["a"] } }],
    ["only warnings", { diagnostics: [warning] }],
    ["no diagnostics", { diagnostics: [] }],
  ];
  for (const [what, input] of notOne) assert.equal(isDiagnosticsArtifact(make(input)), false, what);
});

Deno.test("summarize(): only a quarantined fixture that ran and failed counts as a quarantined failure (the reports' rule)", () => {
  const quarantined = { reason: "races", owner: "@alice", until: "2999-12-31" };
  const base = { durationMs: 0, exitCode: null, signal: null, timedOut: false };
  const ran = {
    ...base,
    id: "a",
    status: "failed" as const,
    attempts: 1,
    failure: { kind: "exit-code" as const, message: "Exited with code 1, expected 0" },
    quarantined,
  };
  const blocked = {
    ...base,
    id: "b",
    status: "failed" as const,
    attempts: 0,
    failure: { kind: "blocked" as const, message: 'Blocked by s: it needs "s", which failed' },
    quarantined,
  };
  const summary = summarize([ran, blocked]);
  assert.equal(summary.quarantined, 1);
  // The blocked one never ran: it still fails the run, as JUnit and GitHub report it.
  assert.equal(verdict(summary), "fail");
});
