import {
  addRun,
  recordedResults,
  runsOf
} from "./chunk-3MMUIKPQ.js";
import {
  readHistoryRun,
  realRunIds
} from "./chunk-ECHKGFOV.js";
import "./chunk-YHN6PYAE.js";
import {
  historyPaths
} from "./chunk-4VDBSXWI.js";
import "./chunk-YGD3FBYJ.js";
import "./chunk-VB43T7UN.js";
import "./chunk-UZCZWFUL.js";
import "./chunk-URNA5CV7.js";
import "./chunk-4SYLYQRO.js";
import "./chunk-IEQXTUCM.js";
import "./chunk-UXUXC4ZF.js";
import {
  isDiagnosticsArtifact
} from "./chunk-PBQEZ4VD.js";
import "./chunk-VPM3V57A.js";
import "./chunk-6MYH7WWL.js";
import "./chunk-XRBLM22N.js";
import "./chunk-WBZQOSKS.js";
import "./chunk-ANYOMBVL.js";

// lib/artifact/durations_rebuild.ts
var REBUILD_RUNS = 100;
var rebuildDurations = (async function rebuildDurations(dir, options = {}) {
  const paths = historyPaths(dir);
  const ids = (await realRunIds(paths))?.filter(((id) => id !== options.exclude));
  if (!ids) return void 0;
  let samples;
  const counted = /* @__PURE__ */ new Set();
  for (const runId of ids.slice(-REBUILD_RUNS)) {
    const run = await readHistoryRun(paths, runId);
    if (!run || run.runId !== runId || isDiagnosticsArtifact(run) || counted.has(runId)) continue;
    const runs = runsOf(run);
    const ran = recordedResults(await notCountedYet(run, runs.slice(1), counted, paths));
    for (const id of runs) counted.add(id);
    if (!samples && ran.length === 0) continue;
    samples = addRun(samples, ran, {
      runIds: runs,
      count: ran.length > 0,
      ...options.catalog ? {
        catalog: options.catalog
      } : {}
    });
  }
  return samples;
});
var notCountedYet = (async function notCountedYet(run, inputs, counted, paths) {
  const held = inputs.filter(((id) => counted.has(id)));
  if (held.length === 0) return run.fixtures;
  const theirs = /* @__PURE__ */ new Set();
  for (const id of held) {
    const input = await readHistoryRun(paths, id);
    if (!input) return [];
    for (const fixture of input.fixtures) theirs.add(fixture.id);
  }
  return run.fixtures.filter(((fixture) => !theirs.has(fixture.id)));
});
export {
  REBUILD_RUNS,
  rebuildDurations
};
//# sourceMappingURL=durations_rebuild-NERSBUXL.js.map
