import {
  historyPaths,
  isDiagnosticsRunId,
  isRunId
} from "./chunk-4VDBSXWI.js";
import {
  join
} from "./chunk-UZCZWFUL.js";
import {
  MAX_ARTIFACT_BYTES,
  checkSource,
  readSourceFile
} from "./chunk-URNA5CV7.js";
import {
  readRegularFile
} from "./chunk-UXUXC4ZF.js";
import {
  isDiagnosticsArtifact
} from "./chunk-PBQEZ4VD.js";
import {
  RUN_ID_PATTERN
} from "./chunk-6MYH7WWL.js";
import {
  UserError,
  ioErrorToUserError,
  isIoError
} from "./chunk-WBZQOSKS.js";

// lib/artifact/run_history.ts
var readArtifactText = (async function readArtifactText(path) {
  const read = await readRegularFile(path, {
    maxBytes: MAX_ARTIFACT_BYTES,
    what: "artifact"
  });
  if (read.ok) return new TextDecoder().decode(read.value);
  const { problem } = read;
  if (problem.kind === "missing") return {
    reason: "no file at that path"
  };
  if (problem.kind === "too-large") {
    return {
      reason: `${problem.size} bytes is over the limit of ${MAX_ARTIFACT_BYTES} bytes`
    };
  }
  return {
    reason: read.reason
  };
});
var readHistory = (async function readHistory(artifactDir, options) {
  const paths = historyPaths(artifactDir);
  const shown = options.shownDir ?? artifactDir;
  const names = [];
  try {
    for await (const entry of Deno.readDir(paths.runs)) {
      if (!entry.isDirectory && entry.name.endsWith(".json") && !entry.name.startsWith(".")) {
        names.push(entry.name);
      }
    }
  } catch (error) {
    if (!(error instanceof Deno.errors.NotFound || error instanceof Deno.errors.NotADirectory)) {
      if (!isIoError(error)) throw error;
      throw ioErrorToUserError(error, {
        path: `${shown}/runs`,
        action: "read run history"
      });
    }
  }
  if (names.length === 0) {
    throw new UserError(`Cannot make the report: no run artifacts in "${shown}/runs"`, {
      kind: "usage",
      code: "NO_HISTORY",
      hints: [
        "Run the suite first, or pass --artifact-dir DIR where the runs are."
      ]
    });
  }
  names.sort().reverse();
  const runs = [];
  const invalid = [];
  for (const name of names) {
    if (runs.length >= options.last) break;
    const file = `${shown}/runs/${name}`;
    const text = await readArtifactText(join(paths.runs, name));
    if (typeof text !== "string") {
      invalid.push({
        file,
        reason: text.reason
      });
      continue;
    }
    const checked = checkSource(text);
    if (checked.ok) runs.push(checked.artifact);
    else invalid.push({
      file,
      reason: checked.message
    });
  }
  let latestRunId;
  const latest = await readArtifactText(paths.latest);
  if (typeof latest === "string") {
    const checked = checkSource(latest);
    if (checked.ok) latestRunId = checked.artifact.runId;
  }
  return {
    runs: runs.reverse(),
    invalid,
    ...latestRunId ? {
      latestRunId
    } : {},
    artifactDir: shown,
    totalRuns: names.length - invalid.length,
    files: names.length
  };
});
var readHistoryRun = (async function readHistoryRun(paths, runId) {
  if (!RUN_ID_PATTERN.test(runId)) return void 0;
  const file = await readSourceFile(join(paths.runs, `${runId}.json`));
  if (!file.ok) return void 0;
  const checked = checkSource(file.text);
  return checked.ok ? checked.artifact : void 0;
});
var realRunIds = (async function realRunIds(paths) {
  const ids = [];
  try {
    for await (const entry of Deno.readDir(paths.runs)) {
      if (entry.isDirectory || !entry.name.endsWith(".json")) continue;
      const id = entry.name.slice(0, -".json".length);
      if (isRunId(id) && !isDiagnosticsRunId(id)) ids.push(id);
    }
  } catch (error) {
    if (!isIoError(error)) throw error;
    return void 0;
  }
  return ids.sort();
});
var NEWEST_RUN_READS = 20;
var newestRealRun = (async function newestRealRun(paths, options) {
  const ids = (await realRunIds(paths))?.reverse();
  if (!ids) return void 0;
  let reads = options.maxReads ?? NEWEST_RUN_READS;
  for (const runId of ids) {
    const path = join(paths.runs, `${runId}.json`);
    if (path === options.exclude) continue;
    if (reads-- <= 0) break;
    const file = await readSourceFile(path);
    if (!file.ok) continue;
    const checked = checkSource(file.text);
    if (!checked.ok || isDiagnosticsArtifact(checked.artifact)) continue;
    return {
      runId,
      shown: join(options.shownDir, "runs", `${runId}.json`)
    };
  }
  return void 0;
});

export {
  readHistory,
  readHistoryRun,
  realRunIds,
  NEWEST_RUN_READS,
  newestRealRun
};
//# sourceMappingURL=chunk-ECHKGFOV.js.map
