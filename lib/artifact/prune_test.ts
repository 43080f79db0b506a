import assert from "node:assert/strict";
import { join } from "node:path";
// Test-only: locked in deno.test.lock, so that running smoke never fetches it.
// deno-lint-ignore no-import-prefix
import fc from "npm:fast-check@4.11.0";
import { inTempDir, runIds } from "./_testing.ts";
import { diagnosticsRunId, historyPaths, isRunId, prepareHistory } from "./history.ts";
import { DIAGNOSTICS_KEPT, pruneHistory } from "./prune.ts";

const junkNames = fc.oneof(
  fc.stringMatching(/^[A-Za-z0-9._-]{1,30}$/).filter((n) => n !== "." && n !== ".."),
  fc.stringMatching(/^[A-Za-z0-9._-]{1,30}$/).map((n) => `${n}.json`),
  runIds.map((id) => `${id}.json.bak`),
  runIds.map((id) => `${id.toUpperCase()}.json`),
);

Deno.test("pruning deletes only smoke's own run files, oldest first (generated directories)", async () => {
  await fc.assert(
    fc.asyncProperty(
      fc.uniqueArray(runIds, { maxLength: 12 }),
      fc.uniqueArray(junkNames, { maxLength: 12 }),
      fc.uniqueArray(runIds, { maxLength: 3 }), // run ids present only as symlinks or folders
      fc.integer({ min: 1, max: 8 }),
      fc.nat(),
      async (ids, junk, others, limit, keepIndex) => {
        const dir = await Deno.makeTempDir();
        try {
          const paths = historyPaths(dir);
          await Deno.mkdir(paths.runs);
          await Deno.writeTextFile(join(dir, "theirs"), "precious");
          for (const id of ids) await Deno.writeTextFile(join(paths.runs, `${id}.json`), "{}");
          // A name that happens to be `<runId>.json` is smoke's by definition: not junk.
          const junkNames = junk.filter((n) => !(n.endsWith(".json") && isRunId(n.slice(0, -5))));
          for (const name of junkNames) {
            await Deno.writeTextFile(join(paths.runs, name), "junk");
          }
          const special = others.filter((id) => !ids.includes(id));
          for (const [i, id] of special.entries()) {
            const path = join(paths.runs, `${id}.json`);
            if (i % 2) await Deno.mkdir(path);
            else await Deno.symlink(join(dir, "theirs"), path);
          }
          const keep = ids.length ? [ids[keepIndex % ids.length]] : [];
          const pruned = pruneHistory(paths, { limit, keep, shownDir: "arts" });
          assert.deepEqual(pruned.warnings, []);

          const sorted = [...ids].sort();
          const expected = sorted.filter((id) => !keep.includes(id))
            .slice(0, Math.max(0, ids.length - limit));
          assert.deepEqual(pruned.removed, expected, "the oldest beyond the limit");
          const left = new Set([...Deno.readDirSync(paths.runs)].map((e) => e.name));
          for (const name of junkNames) assert.ok(left.has(name), `junk ${name} deleted`);
          for (const id of special) assert.ok(left.has(`${id}.json`), `${id} (not a file) deleted`);
          for (const id of ids) {
            assert.equal(left.has(`${id}.json`), !expected.includes(id), id);
          }
          assert.equal(await Deno.readTextFile(join(dir, "theirs")), "precious");
        } finally {
          await Deno.remove(dir, { recursive: true });
        }
      },
    ),
    { numRuns: 50 },
  );
});

Deno.test("real runs are pruned to the limit counting only real runs; diagnostics apart, the newest 10 (generated)", async () => {
  await fc.assert(
    fc.asyncProperty(
      fc.uniqueArray(runIds, { maxLength: 10 }),
      fc.uniqueArray(runIds.map(diagnosticsRunId), { maxLength: 25 }),
      fc.integer({ min: 1, max: 6 }),
      fc.nat(),
      async (real, diagnostics, limit, keepIndex) => {
        await inTempDir(async (dir) => {
          const paths = historyPaths(dir);
          await Deno.mkdir(paths.runs);
          for (const id of [...real, ...diagnostics]) {
            await Deno.writeTextFile(join(paths.runs, `${id}.json`), "{}");
          }
          const keep = real.length ? [real[keepIndex % real.length]] : [];
          const pruned = pruneHistory(paths, { limit, keep, shownDir: "arts" });
          assert.deepEqual(pruned.warnings, []);
          const oldest = (ids: string[], count: number) =>
            [...ids].sort().filter((id) => !keep.includes(id)).slice(0, Math.max(0, count));
          const expected = [
            ...oldest(real, real.length - limit),
            ...oldest(diagnostics, diagnostics.length - DIAGNOSTICS_KEPT),
          ].sort();
          assert.deepEqual(pruned.removed, expected);
          const left = [...Deno.readDirSync(paths.runs)].map((e) => e.name.slice(0, -5)).sort();
          const leftReal = left.filter((id) => real.includes(id));
          const leftDiagnostics = left.filter((id) => diagnostics.includes(id));
          assert.equal(leftReal.length, Math.min(real.length, Math.max(limit, 1)));
          assert.equal(leftDiagnostics.length, Math.min(diagnostics.length, DIAGNOSTICS_KEPT));
          for (const id of keep) assert.ok(leftReal.includes(id), `kept ${id}`);
          // The newest of each kind stay.
          assert.deepEqual(
            leftDiagnostics,
            [...diagnostics].sort().slice(-DIAGNOSTICS_KEPT),
          );
        });
      },
    ),
    { numRuns: 50 },
  );
});

Deno.test("a symlinked runs/ is written through but never pruned (HISTORY_NOT_PRUNED)", async () => {
  await inTempDir(async (dir) => {
    const theirs = join(dir, "theirs");
    await Deno.mkdir(theirs);
    const names = ["20200101T000000000Z-000000.json", "notes.json", ".smoke-tmp-mine"];
    for (const name of names) await Deno.writeTextFile(join(theirs, name), "precious");
    const paths = historyPaths(join(dir, "arts"));
    await Deno.mkdir(paths.dir);
    await Deno.symlink(theirs, paths.runs);
    prepareHistory(paths, { shownDir: "arts", replacesLatest: true });
    const pruned = pruneHistory(paths, { limit: 1, keep: [], shownDir: "arts" });
    assert.deepEqual(pruned.removed, []);
    assert.equal(pruned.warnings[0].code, "HISTORY_NOT_PRUNED");
    assert.match(pruned.warnings[0].message, /"arts\/runs".*symbolic link/);
    for (const name of names) assert.equal(await Deno.readTextFile(join(theirs, name)), "precious");
  });
});
