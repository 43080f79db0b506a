import {
  newestRealRun,
  readHistoryRun
} from "./chunk-ECHKGFOV.js";
import "./chunk-4VDBSXWI.js";
import "./chunk-YGD3FBYJ.js";
import "./chunk-VB43T7UN.js";
import {
  stateOfArtifact
} from "./chunk-CT6E3GOH.js";
import "./chunk-GJW5UQ5D.js";
import {
  idList
} from "./chunk-2N47EPJ5.js";
import "./chunk-UZCZWFUL.js";
import {
  checkSource,
  readSourceFile
} from "./chunk-URNA5CV7.js";
import "./chunk-4SYLYQRO.js";
import "./chunk-IEQXTUCM.js";
import "./chunk-UXUXC4ZF.js";
import "./chunk-PBQEZ4VD.js";
import "./chunk-VPM3V57A.js";
import "./chunk-6MYH7WWL.js";
import "./chunk-XRBLM22N.js";
import "./chunk-WBZQOSKS.js";
import "./chunk-ANYOMBVL.js";

// lib/selection/prior_state.ts
var readPriorState = (async function readPriorState(paths, options) {
  const shown = `${options.shownDir}/latest.json`;
  const file = await readSourceFile(paths.latest);
  const missing = !file.ok && file.message === "no file at that path";
  let artifact;
  const diagnostics = [];
  const checked = file.ok ? checkSource(file.text) : void 0;
  if (checked?.ok) {
    artifact = checked.artifact;
  } else {
    const newest = await newestRealRun(paths, {
      shownDir: options.shownDir
    });
    artifact = newest ? await readHistoryRun(paths, newest.runId) : void 0;
    if (!missing || artifact) {
      const why = checked && !checked.ok ? checked.message.split("\n")[0] : file.ok ? "" : file.message;
      diagnostics.push({
        code: missing ? "LATEST_MISSING" : "INVALID_ARTIFACT",
        level: "warning",
        message: `Cannot read the suite's state from "${shown}": ${why}`,
        hint: artifact ? `The state comes from the newest saved run instead: ${newest.shown}.` : "This run's results start a new state: failures recorded before it are not carried on. A full run records the whole suite again."
      });
    }
  }
  if (!artifact) return {
    diagnostics
  };
  const { state } = await stateOfArtifact(artifact, ((id) => readHistoryRun(paths, id)));
  if (options.catalogIds) diagnostics.push(...notInCatalog(state, options.catalogIds));
  return {
    state,
    runId: artifact.runId,
    startedAt: artifact.startedAt,
    diagnostics
  };
});
var notInCatalog = (function notInCatalog(state, catalogIds) {
  const known = new Set(catalogIds);
  const stale = [
    ...state.entries.values()
  ].filter(((e) => e.status === "failed" && !known.has(e.id))).map(((e) => e.id)).sort();
  if (stale.length === 0) return [];
  return [
    {
      code: "STALE_FIXTURE",
      level: "warning",
      message: `${stale.length} outstanding fixture${stale.length === 1 ? " is" : "s are"} not in the catalog: ${idList(stale.map(((id) => JSON.stringify(id))))}`,
      hint: "They stay owed until a full run (a rename or another branch may bring them back), and are left out of the suite's verdict."
    }
  ];
});
export {
  notInCatalog,
  readPriorState
};
//# sourceMappingURL=prior_state-76MDUFKA.js.map
