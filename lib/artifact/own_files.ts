/**
 * smoke's own artifact files as outputs: `latest.json`, `durations.json` and
 * the run files are never written over by a report, a JUnit file or a merge,
 * nor split by as timings that every run replaces.
 *
 * @module
 */
import { basename, dirname, join, resolve } from "../base/path.ts";
import { isIoError, UserError } from "../base/errors.ts";
import { checkOutputPath } from "./atomic_write.ts";
import { type HistoryPaths, historyPaths, isRunId } from "./history.ts";
import { entryOf, realPath, sameFile } from "./same_file.ts";

/**
 * Whether a path names the artifact directory's `latest.json`, by any
 * spelling: through a symlinked folder, `..`, or a symlink to the same file.
 *
 * @param path An absolute path.
 * @param paths The artifact directory's paths.
 * @returns True when writing `path` would write `latest.json`.
 *
 * @example
 * ```ts
 * import { historyPaths } from "./history.ts";
 * import { namesLatest } from "./own_files.ts";
 * import assert from "node:assert/strict";
 *
 * const dir = await Deno.makeTempDir();
 * const paths = historyPaths(dir);
 * assert.equal(namesLatest(`${dir}/runs/../latest.json`, paths), true);
 * assert.equal(namesLatest(`${dir}/merged.json`, paths), false);
 * await Deno.remove(dir, { recursive: true });
 * ```
 */
export function namesLatest(path: string, paths: HistoryPaths): boolean {
  return sameFile(resolve(path), paths.latest);
}

/**
 * Whether a path is a file of a smoke artifact directory, whichever it is (any
 * `--artifact-dir` or config): `latest.json`, `durations.json` or `.lock` beside
 * a `runs/` folder, a run file in a `runs/` folder (named by a run id), or any
 * file in one beside `latest.json` or `durations.json`; symlinks followed. For
 * the outputs whose path comes from the environment (`GITHUB_STEP_SUMMARY`),
 * where the run's own directory is not all there is to guard.
 *
 * @param path An absolute path.
 * @returns True when appending to it would break smoke's history.
 *
 * @example
 * ```ts
 * import { isHistoryFile } from "./own_files.ts";
 * import assert from "node:assert/strict";
 *
 * const dir = await Deno.makeTempDir();
 * await Deno.mkdir(`${dir}/runs`);
 * await Deno.writeTextFile(`${dir}/latest.json`, "{}");
 * assert.equal(isHistoryFile(`${dir}/durations.json`), true);
 * assert.equal(isHistoryFile(`${dir}/runs/r1.json`), true);
 * assert.equal(isHistoryFile(`${dir}/summary.md`), false);
 * await Deno.remove(dir, { recursive: true });
 * ```
 */
export function isHistoryFile(path: string): boolean {
  const target = realPath(path);
  const dir = dirname(target);
  const kind = (p: string) => {
    try {
      return Deno.statSync(p).isDirectory ? "directory" : "file";
    } catch (error) {
      if (!isIoError(error)) throw error;
      return undefined;
    }
  };
  const name = basename(target);
  const beside = ["latest.json", "durations.json", ".lock"].includes(name) &&
    kind(join(dir, "runs")) === "directory";
  if (beside || basename(dir) !== "runs") return beside;
  // In a runs/ folder: a run file by its name (a failed preflight's record too, which may be
  // all there is), or any file beside smoke's own.
  return (name.endsWith(".json") && isRunId(name.slice(0, -".json".length))) ||
    ["latest.json", "durations.json"].some((file) => kind(join(dirname(dir), file)) === "file");
}

/**
 * Refuses an output path (`--junit`, `report --out`) that names one of the
 * artifact directory's own files: `latest.json`, `durations.json` or anything
 * in `runs/`, which the output would replace, losing the failures to rerun
 * or the durations the next run orders by.
 *
 * @param path The absolute output path.
 * @param options The artifact directory, and how the path and the output are named.
 * @throws {UserError} `OUTPUT_PATH_INVALID` (exit 2), before anything runs.
 *
 * @example
 * ```ts
 * import { refuseArtifactFile } from "./own_files.ts";
 * import assert from "node:assert/strict";
 *
 * const dir = await Deno.makeTempDir();
 * const options = { artifactDir: dir, shown: "latest.json", label: "the JUnit XML" };
 * assert.throws(() => refuseArtifactFile(`${dir}/latest.json`, options), /OUTPUT_PATH_INVALID|latest\.json/);
 * refuseArtifactFile(`${dir}/junit.xml`, options);
 * await Deno.remove(dir, { recursive: true });
 * ```
 */
export function refuseArtifactFile(
  path: string,
  options: { artifactDir: string; shown: string; label: string },
): void {
  const target = realPath(path);
  const paths = historyPaths(realPath(options.artifactDir));
  const runs = (p: string) => p === paths.runs || p.startsWith(join(paths.runs, ""));
  const durations = join(paths.dir, "durations.json");
  // A symlink to one of them not written yet counts too (realPath follows it to the entry).
  const own = namesLatest(path, paths) || sameFile(path, durations) || runs(target) ||
    runs(entryOf(path)) ||
    [paths.latest, durations].some((file) => target === entryOf(file) || target === realPath(file));
  if (!own) return;
  throw new UserError(
    `Cannot write ${options.label} to "${options.shown}": it is smoke's own artifact file`,
    {
      kind: "usage",
      code: "OUTPUT_PATH_INVALID",
      hints: [
        "Writing there would replace the run history that --rerun-failed reads; name another file.",
        "Nothing was run or written.",
      ],
    },
  );
}

/**
 * Checks an output path beside the history before anything runs: never one
 * of smoke's own artifact files ({@linkcode refuseArtifactFile}), and a path
 * that can be written (`checkOutputPath`).
 *
 * @param path The absolute output path.
 * @param options The artifact directory, and how the path and the output are named.
 * @throws {UserError} `OUTPUT_PATH_INVALID` or the output path's own error (exit 2).
 *
 * @example
 * ```ts
 * import { checkOutputFile } from "./own_files.ts";
 * import assert from "node:assert/strict";
 *
 * const dir = await Deno.makeTempDir();
 * const options = { artifactDir: dir, shown: "latest.json", label: "the JUnit XML" };
 * assert.throws(() => checkOutputFile(`${dir}/latest.json`, options), /OUTPUT_PATH_INVALID|latest\.json/);
 * assert.throws(() => checkOutputFile(dir, { ...options, shown: "." }), /directory/);
 * checkOutputFile(`${dir}/junit.xml`, options);
 * await Deno.remove(dir, { recursive: true });
 * ```
 */
export function checkOutputFile(
  path: string,
  options: { artifactDir: string; shown: string; label: string },
): void {
  refuseArtifactFile(path, options);
  checkOutputPath(path, { shown: options.shown, label: options.label });
}
