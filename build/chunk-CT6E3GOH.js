import {
  advanceState,
  stateFromRecord
} from "./chunk-GJW5UQ5D.js";

// lib/selection/rerun.ts
var chainFixtures = (async function chainFixtures(source, readRun, maxDepth = 100) {
  const chain = [
    source
  ];
  const seen = /* @__PURE__ */ new Set([
    source.runId
  ]);
  let current = source;
  let missingRunId;
  while (current.mode === "rerun-failed" && current.selection.source && chain.length < maxDepth) {
    const parentId = current.selection.source.runId;
    if (seen.has(parentId)) break;
    const parent = await readRun(parentId);
    if (!parent) {
      missingRunId = parentId;
      break;
    }
    seen.add(parentId);
    chain.unshift(parent);
    current = parent;
  }
  const byId = /* @__PURE__ */ new Map();
  for (const artifact of chain) {
    for (const fixture of artifact.fixtures) byId.set(fixture.id, fixture);
  }
  return {
    runs: chain,
    fixtures: [
      ...byId.values()
    ],
    ...missingRunId ? {
      missingRunId
    } : {}
  };
});
var stateOfArtifact = (async function stateOfArtifact(artifact, readRun) {
  if (artifact.suite) return {
    state: stateFromRecord(artifact.suite)
  };
  const chain = readRun ? await chainFixtures(artifact, readRun) : {
    runs: [
      artifact
    ],
    missingRunId: void 0
  };
  let state;
  for (const run of chain.runs) {
    state = advanceState(state, {
      ...run,
      shard: run.selection.shard
    });
  }
  return {
    state,
    ...chain.missingRunId ? {
      missingRunId: chain.missingRunId
    } : {}
  };
});

export {
  stateOfArtifact
};
//# sourceMappingURL=chunk-CT6E3GOH.js.map
