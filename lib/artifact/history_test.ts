import assert from "node:assert/strict";
import { join } from "node:path";
// Test-only: locked in deno.test.lock, so that running smoke never fetches it.
// deno-lint-ignore no-import-prefix
import fc from "npm:fast-check@4.11.0";
import { inTempDir, runIds, thrown } from "./_testing.ts";
import { UserError } from "../base/errors.ts";
import { RUN_ID_PATTERN } from "./artifact_format.ts";
import {
  diagnosticsRunId,
  ensureHistoryDir,
  historyPaths,
  isDiagnosticsRunId,
  isRunId,
  newRunId,
  prepareHistory,
  saveRun,
  SaveRunError,
} from "./history.ts";

Deno.test("isRunId accepts exactly what newRunId makes", () => {
  fc.assert(fc.property(runIds, (id) => isRunId(id)));
  for (const text of ["", "r1", "20261125T144407123Z-3FA9C1", "20261125T144407123Z-3fa9c1.json"]) {
    assert.equal(isRunId(text), false, text);
  }
});

Deno.test("diagnostics run ids are run ids, told apart by name, and sort by time (generated)", () => {
  fc.assert(fc.property(runIds, runIds, (a, b) => {
    const diagnostics = diagnosticsRunId(a);
    assert.ok(isRunId(diagnostics) && RUN_ID_PATTERN.test(diagnostics), diagnostics);
    assert.ok(isDiagnosticsRunId(diagnostics), diagnostics);
    assert.equal(isDiagnosticsRunId(a), false, a);
    assert.equal(diagnosticsRunId(diagnostics), diagnostics, "already one");
    // File names sort by start time, whichever kind each is.
    if (a.slice(0, 19) !== b.slice(0, 19)) {
      assert.equal(`${diagnostics}.json` < `${b}.json`, a < b, `${diagnostics} vs ${b}`);
      assert.equal(`${b}.json` < `${diagnostics}.json`, b < a, `${b} vs ${diagnostics}`);
    }
  }));
  for (const text of ["notes-preflight", "20261125T144407123Z-3fa9c1-preflight-preflight"]) {
    assert.equal(isDiagnosticsRunId(text), false, text);
  }
});

Deno.test("the artifact directory's wrong-typed parts are exit-2 errors naming them", async () => {
  await inTempDir(async (dir) => {
    const paths = historyPaths(join(dir, "arts"));
    await Deno.writeTextFile(join(dir, "plain"), "x");
    const underFile = await ensureHistoryDir(historyPaths(join(dir, "plain/arts")), "plain/arts")
      .catch((e) => e);
    assert.ok(underFile instanceof UserError);
    assert.equal(underFile.code, "ARTIFACT_DIR_UNUSABLE");

    await ensureHistoryDir(paths, "arts");
    await Deno.writeTextFile(paths.runs, "a file");
    const runs = thrown(() => prepareHistory(paths, { shownDir: "arts", replacesLatest: true }));
    assert.ok(runs instanceof UserError);
    assert.match(runs.message, /^Cannot use "arts\/runs": it is not a directory$/);
    assert.equal(runs.exitCode, 2);
    await Deno.remove(paths.runs);

    await Deno.mkdir(paths.latest);
    const latest = thrown(() => prepareHistory(paths, { shownDir: "arts", replacesLatest: true }));
    assert.ok(latest instanceof UserError);
    assert.match(latest.message, /"arts\/latest\.json": it is a directory/);
    // A diagnostics artifact does not replace latest.json: it does not care.
    prepareHistory(paths, { shownDir: "arts", replacesLatest: false });
  });
});

Deno.test("saveRun says which file failed: only latest.json, after the run file", async () => {
  await inTempDir(async (dir) => {
    const paths = historyPaths(dir);
    prepareHistory(paths, { shownDir: dir, replacesLatest: true });
    await Deno.mkdir(paths.latest); // appears after the check, as if during the run
    const runId = newRunId(new Date());
    const error = await saveRun(paths, { runId } as never, { updateLatest: true }).catch((e) => e);
    assert.ok(error instanceof SaveRunError, String(error));
    assert.equal(error.path, paths.latest);
    assert.equal(error.runFileWritten, true);
    assert.equal(error.message, "it is a directory");
    await Deno.stat(join(paths.runs, `${runId}.json`));
  });
});

Deno.test("saveRun replaces a symlink in the run file's place, and writes through latest.json's", async () => {
  await inTempDir(async (dir) => {
    const paths = historyPaths(join(dir, "arts"));
    await ensureHistoryDir(paths, "arts");
    prepareHistory(paths, { shownDir: "arts", replacesLatest: true });
    const runId = newRunId(new Date());
    await Deno.writeTextFile(join(dir, "notes.txt"), "mine\n");
    await Deno.writeTextFile(join(dir, "kept.json"), "{}");
    await Deno.symlink(join(dir, "notes.txt"), join(paths.runs, `${runId}.json`));
    await Deno.symlink(join(dir, "kept.json"), paths.latest);
    await saveRun(paths, { runId } as never, { updateLatest: true });
    assert.equal(await Deno.readTextFile(join(dir, "notes.txt")), "mine\n");
    assert.ok((await Deno.lstat(join(paths.runs, `${runId}.json`))).isFile);
    // latest.json's symlink stays, and the file it points to holds the run.
    assert.ok((await Deno.lstat(paths.latest)).isSymlink);
    assert.match(await Deno.readTextFile(join(dir, "kept.json")), new RegExp(runId));
  });
});
