import {
  addRun,
  recordedResults
} from "./chunk-TAM7KGII.js";
import {
  readHistoryRun
} from "./chunk-ZROIPU5Q.js";
import "./chunk-2K6FZ4NB.js";
import {
  historyPaths
} from "./chunk-BXFQQNLU.js";
import "./chunk-KOCYHWYE.js";
import "./chunk-KBS467BX.js";
import "./chunk-UZCZWFUL.js";
import "./chunk-ARLK2BAX.js";
import "./chunk-4SYLYQRO.js";
import "./chunk-IEQXTUCM.js";
import "./chunk-IXBMMCNU.js";
import {
  isDiagnosticsArtifact
} from "./chunk-PBQEZ4VD.js";
import "./chunk-VPM3V57A.js";
import "./chunk-6MYH7WWL.js";
import "./chunk-XRBLM22N.js";
import {
  isIoError
} from "./chunk-THX6NA7T.js";

// lib/artifact/durations_rebuild.ts
var REBUILD_RUNS = 100;
var rebuildDurations = (async function rebuildDurations(dir, options = {}) {
  const paths = historyPaths(dir);
  const names = [];
  try {
    for (const entry of Deno.readDirSync(paths.runs)) {
      if (entry.isFile && entry.name.endsWith(".json") && !entry.name.startsWith(".")) {
        names.push(entry.name.slice(0, -".json".length));
      }
    }
  } catch (error) {
    if (!isIoError(error)) throw error;
    return {
      runs: 0
    };
  }
  const newest = names.filter(((runId) => runId !== options.exclude)).sort().slice(-REBUILD_RUNS);
  let samples;
  const counted = /* @__PURE__ */ new Set();
  let runs = 0;
  for (const runId of newest) {
    const run = await readHistoryRun(paths, runId);
    if (!run || run.runId !== runId || isDiagnosticsArtifact(run)) continue;
    const ids = [
      run.runId,
      ...(run.inputs ?? []).map(((input) => input.runId))
    ];
    const fresh = !ids.some(((id) => counted.has(id)));
    for (const id of ids) counted.add(id);
    const ran = fresh ? recordedResults(run.fixtures) : [];
    if (!samples && ran.length === 0) continue;
    samples = addRun(samples, ran, {
      runIds: ids,
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
export {
  REBUILD_RUNS,
  rebuildDurations
};
//# sourceMappingURL=durations_rebuild-677ZU2S2.js.map
