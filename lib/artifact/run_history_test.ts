import assert from "node:assert/strict";
import { join } from "node:path";
import { fixtureResult, makeRun } from "../../e2e/_history.ts";
import { inTempDir } from "./_testing.ts";
import { diagnosticsRunId, historyPaths, newRunId, serializeArtifact } from "./history.ts";
import { NEWEST_RUN_READS, newestRealRun } from "./run_history.ts";
import type { Artifact } from "./artifact.ts";

const at = (minute: number) => new Date(Date.UTC(2026, 10, 29, 21, minute));

/** A real run (one failed fixture) started at a minute. */
const real = (minute: number) =>
  makeRun({ startedAt: at(minute), fixtures: [fixtureResult({ id: "a", status: "failed" })] });

/** A failed preflight's record, as writeDiagnostics writes it; `legacy`: without the suffix. */
function preflightRecord(minute: number, options: { legacy: boolean }): Artifact {
  const run = makeRun({ startedAt: at(minute), fixtures: [], mode: "rerun-failed" });
  const runId = options.legacy ? run.runId : diagnosticsRunId(run.runId);
  return {
    ...run,
    runId,
    diagnostics: [{ code: "ARTIFACT_INVALID_JSON", level: "error", message: "damaged" }],
  };
}

async function write(dir: string, name: string, text: string): Promise<string> {
  const path = join(historyPaths(dir).runs, name);
  await Deno.mkdir(historyPaths(dir).runs, { recursive: true });
  await Deno.writeTextFile(path, text);
  return path;
}

const save = (dir: string, run: Artifact) =>
  write(dir, `${run.runId}.json`, serializeArtifact(run));

Deno.test("newestRealRun(): the newest valid real run, past diagnostics (by name and content), damaged files and the excluded one", async () => {
  await inTempDir(async (dir) => {
    const paths = historyPaths(dir);
    assert.equal(await newestRealRun(paths, { shownDir: "arts" }), undefined, "no runs/");
    await save(dir, real(1));
    const newest = real(2);
    await save(dir, newest);
    const excluded = await save(dir, real(3));
    await save(dir, preflightRecord(4, { legacy: true }));
    await write(dir, `${newRunId(at(5), "eeeeee")}.json`, "{ damaged");
    await write(dir, `${newRunId(at(6), "ffffff")}.json`, '{ "schemaVersion": 2 }');
    await save(dir, preflightRecord(7, { legacy: false }));
    await write(dir, "zzz-not-a-run-id.json", serializeArtifact(real(8)));
    const found = await newestRealRun(paths, { shownDir: "arts", exclude: excluded });
    assert.deepEqual(found, { runId: newest.runId, shown: `arts/runs/${newest.runId}.json` });
    const withoutExclude = await newestRealRun(paths, { shownDir: "./arts/" });
    assert.equal(withoutExclude?.runId, real(3).runId);
    assert.equal(withoutExclude?.shown, `arts/runs/${real(3).runId}.json`);
  });
});

Deno.test("newestRealRun(): reads at most NEWEST_RUN_READS files", async () => {
  await inTempDir(async (dir) => {
    const old = real(0);
    await save(dir, old);
    for (let i = 1; i <= NEWEST_RUN_READS; i++) {
      await write(dir, `${newRunId(at(i), "0000aa")}.json`, "{ damaged");
    }
    const paths = historyPaths(dir);
    assert.equal(await newestRealRun(paths, { shownDir: "arts" }), undefined);
    const further = await newestRealRun(paths, {
      shownDir: "arts",
      maxReads: NEWEST_RUN_READS + 1,
    });
    assert.equal(further?.runId, old.runId);
  });
});
