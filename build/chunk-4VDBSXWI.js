import {
  checkOutputPath,
  describeWriteFailure,
  isWriteFailure,
  removeStrayTemps,
  writeFileAtomic
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

// lib/artifact/same_file.ts
var entryOf = (function entryOf(path) {
  const parent = dirname(path);
  try {
    return join(Deno.realPathSync(parent), basename(path));
  } catch (error) {
    if (parent === path || !isIoError(error)) return path;
    return join(entryOf(parent), basename(path));
  }
});
var realPath = (function realPath(path) {
  try {
    return Deno.realPathSync(path);
  } catch {
    let current = entryOf(path);
    for (let hops = 0; hops < 40; hops++) {
      let link;
      try {
        link = Deno.readLinkSync(current);
      } catch {
        return current;
      }
      current = entryOf(resolve(dirname(current), link));
    }
    return current;
  }
});
var sameFile = (function sameFile(a, b) {
  if (entryOf(a) === entryOf(b)) return true;
  try {
    return Deno.realPathSync(a) === Deno.realPathSync(b);
  } catch {
    return false;
  }
});

// lib/artifact/history.ts
var historyPaths = (function historyPaths(dir) {
  return {
    dir,
    runs: join(dir, "runs"),
    latest: join(dir, "latest.json")
  };
});
var newRunId = (function newRunId(now, random) {
  const stamp = now.toISOString().replace(/[-:]/g, "").replace(".", "");
  const suffix = random ?? Array.from(crypto.getRandomValues(new Uint8Array(3)), ((b) => b.toString(16).padStart(2, "0"))).join("");
  return `${stamp}-${suffix}`;
});
var DIAGNOSTICS_SUFFIX = "-preflight";
var RUN_ID = /^\d{8}T\d{9}Z-[0-9a-f]{6}(?:-preflight)?$/;
var isRunId = (function isRunId(text) {
  return RUN_ID.test(text);
});
var diagnosticsRunId = (function diagnosticsRunId(runId) {
  return runId.endsWith(DIAGNOSTICS_SUFFIX) ? runId : `${runId}${DIAGNOSTICS_SUFFIX}`;
});
var isDiagnosticsRunId = (function isDiagnosticsRunId(text) {
  return isRunId(text) && text.endsWith(DIAGNOSTICS_SUFFIX);
});
var ensureHistoryDir = (async function ensureHistoryDir(paths, shownDir) {
  try {
    await Deno.mkdir(paths.dir, {
      recursive: true
    });
  } catch (error) {
    const notDir = error instanceof Deno.errors.AlreadyExists || error instanceof Deno.errors.NotADirectory;
    if (!notDir && !isWriteFailure(error)) throw error;
    const loops = statLoops(paths.dir);
    const reason = loops ? "its symbolic links loop" : notDir ? "it, or a folder above it, is not a directory" : error.message;
    throw new UserError(`Cannot use artifact directory "${shownDir}": ${reason}`, {
      kind: "config",
      code: "ARTIFACT_DIR_UNUSABLE",
      hints: [
        "Pass --artifact-dir DIR (or config artifactDir) naming a directory smoke can write (a writable file system with free space). Nothing ran."
      ],
      cause: error
    });
  }
});
var prepareHistory = (function prepareHistory(paths, options) {
  const { shownDir } = options;
  const shownRuns = join(shownDir, "runs");
  try {
    Deno.mkdirSync(paths.runs, {
      recursive: true
    });
    const info = Deno.statSync(paths.runs);
    if (!info.isDirectory) throw new Deno.errors.AlreadyExists("not a directory");
  } catch (error) {
    const notDir = error instanceof Deno.errors.AlreadyExists || error instanceof Deno.errors.NotADirectory;
    if (!notDir && !isWriteFailure(error)) throw error;
    throw new UserError(`Cannot use "${shownRuns}": ${notDir ? "it is not a directory" : describeWriteFailure(error)}`, {
      kind: "artifact",
      code: "ARTIFACT_DIR_UNUSABLE",
      hints: [
        `smoke keeps one file per run in "${shownRuns}/": move what is there away, or pass --artifact-dir DIR. Nothing ran.`
      ],
      cause: error
    });
  }
  if (options.replacesLatest) checkLatest(paths, shownDir);
  removeStrayTemps(paths.dir);
  if (!Deno.lstatSync(paths.runs).isSymlink) removeStrayTemps(paths.runs);
});
var checkLatest = (function checkLatest(paths, shownDir) {
  const target = realPath(paths.latest);
  const runs = realPath(paths.runs);
  if (target !== entryOf(paths.latest) && (target.startsWith(join(runs, "")) || sameFile(target, join(paths.dir, "durations.json")))) {
    throw new UserError(`Cannot use "${join(shownDir, "latest.json")}": it is a symlink to smoke's own ${target.startsWith(join(runs, "")) ? "run file" : "durations summary"}, which a run would overwrite`, {
      kind: "artifact",
      code: "ARTIFACT_DIR_UNUSABLE",
      hints: [
        "smoke writes latest.json itself after every run: remove the symlink. To rerun from another run, pass --artifact PATH. Nothing ran."
      ]
    });
  }
  try {
    checkOutputPath(paths.latest, {
      shown: join(shownDir, "latest.json"),
      label: "the artifact",
      fileOnly: true
    });
  } catch (error) {
    if (!(error instanceof UserError)) throw error;
    throw new UserError(error.message, {
      kind: "artifact",
      code: "ARTIFACT_DIR_UNUSABLE",
      hints: [
        `smoke replaces "${join(shownDir, "latest.json")}" with each run: move what is there away, or pass --artifact-dir DIR. Nothing ran.`
      ],
      cause: error.cause
    });
  }
});
var serializeArtifact = (function serializeArtifact(artifact) {
  return JSON.stringify(artifact, null, 2) + "\n";
});
var SaveRunError = class extends Error {
  /** The file that could not be written. */
  path;
  /** The run file (`runs/<runId>.json`). */
  runFile;
  /** Whether the run file was written (then only `latest.json` failed). */
  runFileWritten;
  /**
   * Creates the error.
   *
   * @param path The file that could not be written.
   * @param runFile The run file.
   * @param cause The write failure.
   */
  constructor(path, runFile, cause) {
    super(describeWriteFailure(cause), {
      cause
    });
    this.name = "SaveRunError";
    this.path = path;
    this.runFile = runFile;
    this.runFileWritten = path !== runFile;
  }
};
var saveRun = (async function saveRun(paths, artifact, options) {
  const text = serializeArtifact(artifact);
  const file = join(paths.runs, `${artifact.runId}.json`);
  const write = (async (path) => {
    try {
      await writeFileAtomic(path, text, {
        fileOnly: true,
        ownFile: path === file
      });
    } catch (error) {
      if (!isWriteFailure(error)) throw error;
      throw new SaveRunError(path, file, error);
    }
  });
  await write(file);
  if (options.updateLatest) await write(paths.latest);
  return file;
});
var statLoops = (function statLoops(path) {
  try {
    Deno.statSync(path);
    return false;
  } catch (error) {
    return error instanceof Deno.errors.FilesystemLoop;
  }
});

export {
  entryOf,
  realPath,
  sameFile,
  historyPaths,
  newRunId,
  isRunId,
  diagnosticsRunId,
  isDiagnosticsRunId,
  ensureHistoryDir,
  prepareHistory,
  serializeArtifact,
  SaveRunError,
  saveRun
};
//# sourceMappingURL=chunk-4VDBSXWI.js.map
