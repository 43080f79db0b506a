/**
 * The artifact directory: `runs/<runId>.json` for every run, `latest.json`
 * for the last real run (pruning is in `prune.ts`).
 *
 * @module
 */
import { join } from "../base/path.ts";
import type { Artifact } from "./artifact.ts";
import { UserError } from "../base/errors.ts";
import {
  checkOutputPath,
  describeWriteFailure,
  isWriteFailure,
  removeStrayTemps,
  writeFileAtomic,
} from "./atomic_write.ts";
import { entryOf, realPath, sameFile } from "./same_file.ts";

/** Paths inside an artifact directory. */
export interface HistoryPaths {
  /** The directory. */
  dir: string;
  /** `runs/`. */
  runs: string;
  /** `latest.json`. */
  latest: string;
}

/**
 * The paths of an artifact directory.
 *
 * @param dir The artifact directory.
 * @returns Its `runs/` folder and `latest.json`.
 *
 * @example
 * ```ts
 * import { historyPaths } from "./history.ts";
 * import assert from "node:assert/strict";
 *
 * assert.equal(historyPaths("/a").latest, "/a/latest.json");
 * ```
 */
export function historyPaths(dir: string): HistoryPaths {
  return { dir, runs: join(dir, "runs"), latest: join(dir, "latest.json") };
}

/**
 * Makes a run id: UTC start time to the millisecond, then random hex. It is
 * safe as a file name and sorts by start time.
 *
 * @param now The start time.
 * @param random Six hex digits; random by default.
 * @returns The run id, e.g. `20261125T144407123Z-3fa9c1`.
 *
 * @example
 * ```ts
 * import { newRunId } from "./history.ts";
 * import assert from "node:assert/strict";
 *
 * assert.equal(newRunId(new Date("2026-11-25T14:44:07.123Z"), "abcdef"), "20261125T144407123Z-abcdef");
 * ```
 */
export function newRunId(now: Date, random?: string): string {
  const stamp = now.toISOString().replace(/[-:]/g, "").replace(".", "");
  const suffix = random ??
    Array.from(crypto.getRandomValues(new Uint8Array(3)), (b) => b.toString(16).padStart(2, "0"))
      .join("");
  return `${stamp}-${suffix}`;
}

/**
 * The suffix of a diagnostics artifact's run id (a failed rerun preflight):
 * `20261129T212311123Z-3fa9c1-preflight`. It keeps the id's time prefix, so
 * file names still sort by time.
 */
export const DIAGNOSTICS_SUFFIX = "-preflight";

/** The shape of the ids {@linkcode newRunId} makes (years 0 to 9999), or their diagnostics form. */
const RUN_ID = /^\d{8}T\d{9}Z-[0-9a-f]{6}(?:-preflight)?$/;

/**
 * Whether a string is a run id of smoke's own format (see
 * {@linkcode newRunId} and {@linkcode diagnosticsRunId}): pruning deletes
 * only files named like that.
 *
 * @param text The candidate.
 * @returns True for `20261125T144407123Z-3fa9c1`,
 * `20261125T144407123Z-3fa9c1-preflight` and the like.
 *
 * @example
 * ```ts
 * import { diagnosticsRunId, isRunId, newRunId } from "./history.ts";
 * import assert from "node:assert/strict";
 *
 * assert.equal(isRunId(newRunId(new Date())), true);
 * assert.equal(isRunId(diagnosticsRunId(newRunId(new Date()))), true);
 * assert.equal(isRunId("notes"), false);
 * ```
 */
export function isRunId(text: string): boolean {
  return RUN_ID.test(text);
}

/**
 * The run id of the diagnostics artifact a failed rerun preflight writes:
 * the run's own id with {@linkcode DIAGNOSTICS_SUFFIX}, so such files are
 * told from real runs by name alone (pruning reads no file).
 *
 * @param runId A run id made by {@linkcode newRunId}.
 * @returns The diagnostics id; unchanged when it already is one.
 *
 * @example
 * ```ts
 * import { diagnosticsRunId } from "./history.ts";
 * import assert from "node:assert/strict";
 *
 * assert.equal(diagnosticsRunId("20261129T212311123Z-3fa9c1"), "20261129T212311123Z-3fa9c1-preflight");
 * ```
 */
export function diagnosticsRunId(runId: string): string {
  return runId.endsWith(DIAGNOSTICS_SUFFIX) ? runId : `${runId}${DIAGNOSTICS_SUFFIX}`;
}

/**
 * Whether a run id names a diagnostics artifact (see
 * {@linkcode diagnosticsRunId}), by its name alone. Diagnostics artifacts
 * written before the suffix existed are told by content instead
 * (`isDiagnosticsArtifact` in `artifact.ts`).
 *
 * @param text The candidate.
 * @returns True for smoke's run ids that end in `-preflight`.
 *
 * @example
 * ```ts
 * import { isDiagnosticsRunId } from "./history.ts";
 * import assert from "node:assert/strict";
 *
 * assert.equal(isDiagnosticsRunId("20261129T212311123Z-3fa9c1-preflight"), true);
 * assert.equal(isDiagnosticsRunId("20261129T212311123Z-3fa9c1"), false);
 * assert.equal(isDiagnosticsRunId("notes-preflight"), false);
 * ```
 */
export function isDiagnosticsRunId(text: string): boolean {
  return isRunId(text) && text.endsWith(DIAGNOSTICS_SUFFIX);
}

/**
 * Creates the artifact directory, or explains why it cannot be one.
 *
 * @param paths The artifact directory's paths.
 * @param shownDir The directory as the user named it, for messages.
 * @returns Nothing.
 * @throws {UserError} When the path is a file, or cannot be created (exit 2).
 *
 * @example
 * ```ts
 * import { ensureHistoryDir, historyPaths } from "./history.ts";
 * import assert from "node:assert/strict";
 *
 * const file = await Deno.makeTempFile();
 * await assert.rejects(() => ensureHistoryDir(historyPaths(file), "out"), /is not a directory/);
 * await Deno.remove(file);
 * ```
 */
export async function ensureHistoryDir(paths: HistoryPaths, shownDir: string): Promise<void> {
  try {
    // Asynchronous, the first call of a run on the directory: a hung network mount stops it
    // here, where Ctrl-C is still heard (the calls after it are synchronous, see atomic_write.ts).
    await Deno.mkdir(paths.dir, { recursive: true });
  } catch (error) {
    const notDir = error instanceof Deno.errors.AlreadyExists ||
      error instanceof Deno.errors.NotADirectory;
    if (!notDir && !isWriteFailure(error)) throw error;
    const loops = statLoops(paths.dir);
    const reason = loops
      ? "its symbolic links loop"
      : notDir
      ? "it, or a folder above it, is not a directory"
      : (error as Error).message;
    throw new UserError(
      `Cannot use artifact directory "${shownDir}": ${reason}`,
      {
        kind: "config",
        code: "ARTIFACT_DIR_UNUSABLE",
        hints: [
          "Pass --artifact-dir DIR (or config artifactDir) naming a directory smoke can write " +
          "(a writable file system with free space). Nothing ran.",
        ],
        cause: error,
      },
    );
  }
}

/** Options for {@linkcode prepareHistory}. */
export interface PrepareOptions {
  /** The artifact directory as the user named it, for messages. */
  shownDir: string;
  /** Whether this run replaces `latest.json` (a diagnostics artifact does not). */
  replacesLatest: boolean;
}

/**
 * Prepares the directory for writing, before anything runs: creates `runs/`,
 * checks that `latest.json` can be replaced (when the caller will), removes
 * stray temporary files. Call while holding the lock.
 *
 * @param paths The artifact directory's paths.
 * @param options The directory as the user named it, for messages; whether
 * `latest.json` will be replaced.
 * @returns Nothing.
 * @throws {UserError} `ARTIFACT_DIR_UNUSABLE` (exit 2) when `runs` is not a
 * directory or cannot be made, or `latest.json` is a directory (or another
 * thing smoke does not replace).
 *
 * @example
 * ```ts
 * import { historyPaths, prepareHistory } from "./history.ts";
 * import assert from "node:assert/strict";
 *
 * const dir = await Deno.makeTempDir();
 * const options = { shownDir: "out", replacesLatest: true };
 * prepareHistory(historyPaths(dir), options);
 * await Deno.stat(`${dir}/runs`);
 * await Deno.mkdir(`${dir}/latest.json`);
 * assert.throws(
 *   () => prepareHistory(historyPaths(dir), options),
 *   /latest\.json": it is a directory/,
 * );
 * await Deno.remove(dir, { recursive: true });
 * ```
 */
export function prepareHistory(
  paths: HistoryPaths,
  options: PrepareOptions,
): void {
  const { shownDir } = options;
  const shownRuns = join(shownDir, "runs");
  try {
    Deno.mkdirSync(paths.runs, { recursive: true });
    const info = Deno.statSync(paths.runs);
    if (!info.isDirectory) throw new Deno.errors.AlreadyExists("not a directory");
  } catch (error) {
    const notDir = error instanceof Deno.errors.AlreadyExists ||
      error instanceof Deno.errors.NotADirectory;
    if (!notDir && !isWriteFailure(error)) throw error;
    throw new UserError(
      `Cannot use "${shownRuns}": ${
        notDir ? "it is not a directory" : describeWriteFailure(error as Error)
      }`,
      {
        kind: "artifact",
        code: "ARTIFACT_DIR_UNUSABLE",
        hints: [
          `smoke keeps one file per run in "${shownRuns}/": move what is there away, or pass ` +
          "--artifact-dir DIR. Nothing ran.",
        ],
        cause: error,
      },
    );
  }
  if (options.replacesLatest) checkLatest(paths, shownDir);
  removeStrayTemps(paths.dir);
  // Nothing is deleted through a symlinked runs/ (see prune.ts), not even stray temps.
  if (!Deno.lstatSync(paths.runs).isSymlink) removeStrayTemps(paths.runs);
}

function checkLatest(paths: HistoryPaths, shownDir: string): void {
  // Through a symlink latest.json is written where it points: never over a run file or the
  // durations summary (files in runs/ are never rewritten).
  const target = realPath(paths.latest);
  const runs = realPath(paths.runs);
  if (
    target !== entryOf(paths.latest) &&
    (target.startsWith(join(runs, "")) || sameFile(target, join(paths.dir, "durations.json")))
  ) {
    throw new UserError(
      `Cannot use "${join(shownDir, "latest.json")}": it is a symlink to smoke's own ${
        target.startsWith(join(runs, "")) ? "run file" : "durations summary"
      }, which a run would overwrite`,
      {
        kind: "artifact",
        code: "ARTIFACT_DIR_UNUSABLE",
        hints: [
          "smoke writes latest.json itself after every run: remove the symlink. To rerun from " +
          "another run, pass --artifact PATH. Nothing ran.",
        ],
      },
    );
  }
  try {
    checkOutputPath(paths.latest, {
      shown: join(shownDir, "latest.json"),
      label: "the artifact",
      fileOnly: true,
    });
  } catch (error) {
    if (!(error instanceof UserError)) throw error;
    throw new UserError(error.message, {
      kind: "artifact",
      code: "ARTIFACT_DIR_UNUSABLE",
      hints: [
        `smoke replaces "${join(shownDir, "latest.json")}" with each run: move what is there ` +
        "away, or pass --artifact-dir DIR. Nothing ran.",
      ],
      cause: error.cause,
    });
  }
}

/**
 * Serializes an artifact the way it is stored.
 *
 * @param artifact The artifact.
 * @returns Pretty JSON with a final newline.
 *
 * @example
 * ```ts
 * import { serializeArtifact } from "./history.ts";
 * import assert from "node:assert/strict";
 *
 * assert.ok(serializeArtifact({ schemaVersion: 1 } as never).endsWith("}\n"));
 * ```
 */
export function serializeArtifact(artifact: Artifact): string {
  return JSON.stringify(artifact, null, 2) + "\n";
}

/** Options for {@linkcode saveRun}. */
export interface SaveRunOptions {
  /** Also replace `latest.json` (false for diagnostics artifacts). */
  updateLatest: boolean;
}

/**
 * A failed {@linkcode saveRun}: which file could not be written, and whether
 * the run file was written before it (only `latest.json` failed).
 *
 * @example
 * ```ts
 * import { SaveRunError } from "./history.ts";
 * import assert from "node:assert/strict";
 *
 * const error = new SaveRunError("/a/latest.json", "/a/runs/r.json", new Error("No space left"));
 * assert.equal(error.runFileWritten, true);
 * ```
 */
export class SaveRunError extends Error {
  /** The file that could not be written. */
  readonly path: string;
  /** The run file (`runs/<runId>.json`). */
  readonly runFile: string;
  /** Whether the run file was written (then only `latest.json` failed). */
  readonly runFileWritten: boolean;

  /**
   * Creates the error.
   *
   * @param path The file that could not be written.
   * @param runFile The run file.
   * @param cause The write failure.
   */
  constructor(path: string, runFile: string, cause: Error) {
    super(describeWriteFailure(cause), { cause });
    this.name = "SaveRunError";
    this.path = path;
    this.runFile = runFile;
    this.runFileWritten = path !== runFile;
  }
}

/**
 * Writes `runs/<runId>.json`, then (optionally) replaces `latest.json`, both
 * atomically. The file name comes from the run id this process made.
 *
 * @param paths The artifact directory's paths (prepared).
 * @param artifact The artifact.
 * @param options Whether to replace `latest.json`.
 * @returns The path of the run file.
 * @throws {SaveRunError} When a file cannot be written (disk full, a
 * directory in the way...), naming which.
 *
 * @example
 * ```ts
 * import { historyPaths, prepareHistory, saveRun } from "./history.ts";
 * import assert from "node:assert/strict";
 *
 * const dir = await Deno.makeTempDir();
 * const paths = historyPaths(dir);
 * prepareHistory(paths, { shownDir: dir, replacesLatest: false });
 * const runId = "20261125T144407123Z-3fa9c1";
 * const file = await saveRun(paths, { runId } as never, { updateLatest: false });
 * assert.equal(file, `${dir}/runs/${runId}.json`);
 * await Deno.remove(dir, { recursive: true });
 * ```
 */
export async function saveRun(
  paths: HistoryPaths,
  artifact: Artifact,
  options: SaveRunOptions,
): Promise<string> {
  const text = serializeArtifact(artifact);
  const file = join(paths.runs, `${artifact.runId}.json`);
  const write = async (path: string) => {
    try {
      // Both are read back (a rerun, the report): never written into a device or a FIFO. The
      // run file is smoke's own (a symlink there is replaced); latest.json follows its symlink.
      await writeFileAtomic(path, text, { fileOnly: true, ownFile: path === file });
    } catch (error) {
      if (!isWriteFailure(error)) throw error;
      throw new SaveRunError(path, file, error);
    }
  };
  await write(file);
  if (options.updateLatest) await write(paths.latest);
  return file;
}

/** Whether a path's symbolic links loop (its stat says so). */
function statLoops(path: string): boolean {
  try {
    Deno.statSync(path);
    return false;
  } catch (error) {
    return error instanceof Deno.errors.FilesystemLoop;
  }
}
