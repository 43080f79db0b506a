import {
  entryOf,
  historyPaths,
  realPath,
  sameFile
} from "./chunk-CTENIR25.js";
import {
  checkOutputPath
} from "./chunk-4KSUE2PB.js";
import {
  join,
  resolve
} from "./chunk-UZCZWFUL.js";
import {
  UserError
} from "./chunk-THX6NA7T.js";

// lib/artifact/own_files.ts
var namesLatest = (function namesLatest(path, paths) {
  return sameFile(resolve(path), paths.latest);
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
  checkOutputFile
};
//# sourceMappingURL=chunk-G6RB3LFQ.js.map
