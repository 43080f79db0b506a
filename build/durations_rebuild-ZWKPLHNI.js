import {
  addRun,
  recordedResults
} from "./chunk-5XA6HKID.js";
import {
  readHistoryRun
} from "./chunk-KNBSAU5L.js";
import "./chunk-YHN6PYAE.js";
import {
  historyPaths,
  isDiagnosticsRunId,
  isRunId
} from "./chunk-22KVHWG3.js";
import "./chunk-F3HFUYG6.js";
import "./chunk-VB43T7UN.js";
import "./chunk-UZCZWFUL.js";
import "./chunk-DGMPFSEX.js";
import "./chunk-4SYLYQRO.js";
import "./chunk-IEQXTUCM.js";
import "./chunk-LZ3R4KLX.js";
import {
  isDiagnosticsArtifact
} from "./chunk-PBQEZ4VD.js";
import "./chunk-VPM3V57A.js";
import "./chunk-6MYH7WWL.js";
import "./chunk-XRBLM22N.js";
import {
  isIoError
} from "./chunk-HKPNVSMW.js";
import "./chunk-ANYOMBVL.js";

// lib/artifact/durations_rebuild.ts
var REBUILD_RUNS = 100;
var rebuildDurations = (async function rebuildDurations(dir, options = {}) {
  const paths = historyPaths(dir);
  const names = [];
  try {
    for await (const entry of Deno.readDir(paths.runs)) {
      const runId = entry.name.slice(0, -".json".length);
      if (!entry.isDirectory && entry.name.endsWith(".json") && isRunId(runId) && !isDiagnosticsRunId(runId) && runId !== options.exclude) names.push(runId);
    }
  } catch (error) {
    if (!isIoError(error)) throw error;
    return {
      runs: 0
    };
  }
  let samples;
  const counted = /* @__PURE__ */ new Set();
  let runs = 0;
  for (const runId of names.sort().slice(-REBUILD_RUNS)) {
    const run = await readHistoryRun(paths, runId);
    if (!run || run.runId !== runId || isDiagnosticsArtifact(run) || counted.has(runId)) continue;
    const inputs = (run.inputs ?? []).map(((input) => input.runId));
    const ran = recordedResults(await notCountedYet(run, inputs, counted, paths));
    for (const id of [
      runId,
      ...inputs
    ]) counted.add(id);
    if (!samples && ran.length === 0) continue;
    samples = addRun(samples, ran, {
      runIds: [
        runId,
        ...inputs
      ],
      count: ran.length > 0,
      ...options.catalog ? {
        catalog: options.catalog
      } : {}
    });
    if (ran.length > 0) runs++;
  }
  return samples ? {
    samples,
    runs
  } : {
    runs
  };
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
//# sourceMappingURL=durations_rebuild-ZWKPLHNI.js.map
