/**
 * Pruning the run history: beyond the history limit the oldest run files go.
 * Real runs and the diagnostics artifacts of failed preflights (run ids
 * ending in `-preflight`) are counted apart: failed preflights never push real
 * runs out, and only the newest {@linkcode DIAGNOSTICS_KEPT} of them stay.
 * Only smoke's own files are candidates (regular files named `<runId>.json`
 * with a run id of smoke's format), and nothing is deleted through a
 * symlinked `runs/`.
 *
 * @module
 */
import { join } from "../base/path.ts";
import type { Diagnostic } from "./artifact.ts";
import { describeWriteFailure, isWriteFailure, lstatIfPresent } from "./atomic_write.ts";
import { type HistoryPaths, isDiagnosticsRunId, isRunId } from "./history.ts";

/**
 * How many diagnostics artifacts (failed rerun preflights) `runs/` keeps,
 * newest first, apart from `historyLimit`: enough to see a recent string of
 * errors, never so many that they crowd the history.
 */
export const DIAGNOSTICS_KEPT = 10;

/** Options for {@linkcode pruneHistory}. */
export interface PruneOptions {
  /**
   * How many real run files to keep (diagnostics artifacts are not counted:
   * the newest {@linkcode DIAGNOSTICS_KEPT} of them are kept apart).
   */
  limit: number;
  /** Run ids that must stay (the one `latest.json` holds). */
  keep: readonly string[];
  /** The artifact directory as the user named it, for messages. */
  shownDir: string;
}

/** What {@linkcode pruneHistory} did. */
export interface Pruned {
  /** The run ids removed. */
  removed: string[];
  /** `HISTORY_NOT_PRUNED` when it could not prune (or not all). */
  warnings: Diagnostic[];
}

/**
 * Removes the oldest real run files beyond the limit and the oldest
 * diagnostics artifacts beyond {@linkcode DIAGNOSTICS_KEPT}, each counted on
 * its own, never one of `keep`. Only
 * regular files named `<runId>.json` with a run id of smoke's own format are
 * candidates (never a symlink, never another file), and nothing is removed
 * through a symlinked `runs/`. It never throws for a file system that
 * refuses: that is a warning.
 *
 * @param paths The artifact directory's paths.
 * @param options The limit of real runs, the ids to keep, the directory's name for messages.
 * @returns The run ids removed, and warnings.
 *
 * @example
 * ```ts
 * import { historyPaths } from "./history.ts";
 * import { pruneHistory } from "./prune.ts";
 * import assert from "node:assert/strict";
 *
 * const dir = await Deno.makeTempDir();
 * await Deno.mkdir(`${dir}/runs`);
 * const ids = ["a", "b", "c"].map((c) => `20260101T000000000Z-00000${c}`);
 * const preflight = `${ids[0]}-preflight`; // a failed preflight's diagnostics
 * for (const name of [...ids, preflight, "notes"]) {
 *   await Deno.writeTextFile(`${dir}/runs/${name}.json`, "{}");
 * }
 * const pruned = pruneHistory(historyPaths(dir), { limit: 1, keep: [ids[2]], shownDir: dir });
 * assert.deepEqual(pruned.removed, ids.slice(0, 2));
 * await Deno.stat(`${dir}/runs/${preflight}.json`); // counted apart: kept
 * await Deno.stat(`${dir}/runs/notes.json`); // not smoke's: kept
 * await Deno.remove(dir, { recursive: true });
 * ```
 */
export function pruneHistory(paths: HistoryPaths, options: PruneOptions): Pruned {
  const shownRuns = join(options.shownDir, "runs");
  const removed: string[] = [];
  const notPruned = (why: string, hint: string): Pruned => ({
    removed,
    warnings: [{
      code: "HISTORY_NOT_PRUNED",
      level: "warning",
      message: `Old runs in "${shownRuns}" were not pruned: ${why}`,
      hint,
    }],
  });
  try {
    if (Deno.lstatSync(paths.runs).isSymlink) {
      return notPruned(
        "it is a symbolic link",
        "smoke deletes nothing through a symlink; make it a plain directory, or prune it yourself.",
      );
    }
    const ids: string[] = [];
    // readDir does not follow symlinks: isFile means a regular file.
    for (const entry of Deno.readDirSync(paths.runs)) {
      const id = entry.name.endsWith(".json") ? entry.name.slice(0, -".json".length) : "";
      if (entry.isFile && isRunId(id)) ids.push(id);
    }
    ids.sort();
    // Real runs and diagnostics artifacts are counted apart: how many of each may go.
    const diagnostics = ids.filter(isDiagnosticsRunId).length;
    const removable = {
      real: ids.length - diagnostics - options.limit,
      diagnostics: diagnostics - DIAGNOSTICS_KEPT,
    };
    for (const id of ids) {
      const kind = isDiagnosticsRunId(id) ? "diagnostics" : "real";
      if (removable[kind] <= 0 || options.keep.includes(id)) continue;
      const file = join(paths.runs, `${id}.json`);
      // Gone meanwhile, or not a regular file: nothing to remove.
      if (!lstatIfPresent(file)?.isFile) continue;
      try {
        Deno.removeSync(file);
      } catch (error) {
        if (!(error instanceof Deno.errors.NotFound)) throw error;
      }
      removed.push(id);
      removable[kind]--;
    }
  } catch (error) {
    if (!isWriteFailure(error)) throw error;
    return notPruned(
      describeWriteFailure(error),
      "The run was saved; fix the permissions of the directory to let smoke prune it.",
    );
  }
  return { removed, warnings: [] };
}
