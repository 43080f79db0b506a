import {
  entryOf,
  historyPaths,
  isRunId,
  realPath,
  sameFile
} from "./chunk-4VDBSXWI.js";
import {
  checkOutputPath
} from "./chunk-YGD3FBYJ.js";
import {
  basename,
  dirname,
  join,
  resolve
} from "./chunk-UZCZWFUL.js";
import {
  UserError,
  isIoError
} from "./chunk-WBZQOSKS.js";

// lib/artifact/own_files.ts
var namesLatest = (function namesLatest(path, paths) {
  return sameFile(resolve(path), paths.latest);
});
var isHistoryFile = (function isHistoryFile(path) {
  const target = realPath(path);
  const dir = dirname(target);
  const kind = ((p) => {
    try {
      return Deno.statSync(p).isDirectory ? "directory" : "file";
    } catch (error) {
      if (!isIoError(error)) throw error;
      return void 0;
    }
  });
  const name = basename(target);
  const beside = [
    "latest.json",
    "durations.json",
    ".lock"
  ].includes(name) && kind(join(dir, "runs")) === "directory";
  if (beside || basename(dir) !== "runs") return beside;
  return name.endsWith(".json") && isRunId(name.slice(0, -".json".length)) || [
    "latest.json",
    "durations.json"
  ].some(((file) => kind(join(dirname(dir), file)) === "file"));
});
var refuseArtifactFile = (function refuseArtifactFile(path, options) {
  const target = realPath(path);
  const paths = historyPaths(realPath(options.artifactDir));
  const runs = ((p) => p === paths.runs || p.startsWith(join(paths.runs, "")));
  const durations = join(paths.dir, "durations.json");
  const own = namesLatest(path, paths) || sameFile(path, durations) || runs(target) || runs(entryOf(path)) || [
    paths.latest,
    durations
  ].some(((file) => target === entryOf(file) || target === realPath(file)));
  if (!own) return;
  throw new UserError(`Cannot write ${options.label} to "${options.shown}": it is smoke's own artifact file`, {
    kind: "usage",
    code: "OUTPUT_PATH_INVALID",
    hints: [
      "Writing there would replace the run history that --rerun-failed reads; name another file.",
      "Nothing was run or written."
    ]
  });
});
var checkOutputFile = (function checkOutputFile(path, options) {
  refuseArtifactFile(path, options);
  checkOutputPath(path, {
    shown: options.shown,
    label: options.label
  });
});

export {
  namesLatest,
  isHistoryFile,
  checkOutputFile
};
//# sourceMappingURL=chunk-2LNRIRNY.js.map
