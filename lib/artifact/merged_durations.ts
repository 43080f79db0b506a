/**
 * What `smoke merge` does to the artifact directory's durations summary when
 * it saves the merged run there: the durations of the inputs that are not in
 * this directory's history yet (shards run elsewhere, downloaded), so a CI
 * merge job leaves a summary the next run orders and splits by; and, when the
 * inputs are every shard of one split of a full run, what a full run does to
 * the timings the splits share (they are dropped: the next split reads the
 * newest durations).
 *
 * @module
 */
import type { Diagnostic } from "./artifact.ts";
import { join } from "../base/path.ts";
import {
  DURATIONS_FILE,
  durationsNotSaved,
  durationsUnreadable,
  readDurationsFile,
  summaryToAddTo,
  writeDurations,
} from "./durations_file.ts";
import { addRun, recordedResults, type RunResult, runsOf } from "./durations_update.ts";

export { runsOf };
import { isWriteFailure } from "./atomic_write.ts";
import type { HistoryPaths } from "./history.ts";
import { isIoError } from "../base/errors.ts";

/** One merged input, as far as the summary reads it. */
export interface MergedRun {
  /** The input's run id. */
  runId: string;
  /** A merged input's own inputs (their results are its results). */
  inputs?: readonly { runId: string }[];
  /** Its results. */
  fixtures: readonly RunResult[];
}

/**
 * Adds a merge's inputs to the artifact directory's `durations.json`, under
 * the caller's lock: the results of each input the summary does not hold yet (not in `runs/`
 * before the merge, `counted`, see {@linkcode runsInHistory}, nor among the runs the summary
 * remembers counting: a shard run here added its own, an earlier merge its inputs), once;
 * with `full` (every shard of one split of a full run), the merged run
 * is a full run: the shared split timings of the suite it is (those holding exactly the ids
 * merged) are dropped. A summary that cannot be read starts again,
 * as a run starts it; one that cannot be written is a warning.
 *
 * @param dir The artifact directory.
 * @param inputs The merged runs.
 * @param options `full`: the merge is a full run that ran to its end; `shownDir`: the
 * directory as the user named it; `counted`: the runs already in its history; `runId`: the
 * merged run's.
 * @returns The warnings to print.
 *
 * @example
 * ```ts
 * import { addMergedDurations } from "./merged_durations.ts";
 * import { readDurationsFile } from "./durations_file.ts";
 * import assert from "node:assert/strict";
 *
 * const dir = await Deno.makeTempDir();
 * const shard = (runId: string, id: string, durationMs: number) => ({
 *   runId,
 *   fixtures: [{ id, durationMs, attempts: 1, status: "passed" }],
 * });
 * const warnings = await addMergedDurations(dir, [shard("r1", "a", 5), shard("r2", "b", 7)], {
 *   full: true,
 *   shownDir: ".smoke",
 *   counted: new Set(),
 *   runId: "m1",
 * });
 * assert.deepEqual(warnings, []);
 * const read = await readDurationsFile(dir);
 * assert.deepEqual([...read.samples!.byId], [["a", [5]], ["b", [7]]]);
 * await Deno.remove(dir, { recursive: true });
 * ```
 */
export async function addMergedDurations(
  dir: string,
  inputs: readonly MergedRun[],
  options: { full: boolean; shownDir: string; counted: ReadonlySet<string>; runId: string },
): Promise<Diagnostic[]> {
  // A merge that could add nothing leaves the summary as it is, readable or not.
  if (!options.full && inputs.every((input) => recordedResults(input.fixtures).length === 0)) {
    return [];
  }
  const read = await readDurationsFile(dir);
  // One that cannot be read is made again from the run files (the merged run's own left out:
  // what it adds comes after).
  const base = await summaryToAddTo(dir, read, { exclude: options.runId });
  // What this summary holds already: runs in its history, and runs it remembers counting (a
  // shard that ran here, or an input an earlier merge added). A merged input holds its own
  // inputs' results: held already when any of them is (a part left to the run files is better
  // than a part counted twice); inputs of this merge are checked against each other too.
  const counted = new Set([...options.counted, ...base?.counted ?? []]);
  const added: MergedRun[] = [];
  for (const input of inputs) {
    const runs = runsOf(input);
    if (runs.some((runId) => counted.has(runId))) continue;
    added.push(input);
    for (const runId of runs) counted.add(runId);
  }
  const ran = added.flatMap((input) => recordedResults(input.fixtures));
  if (ran.length === 0 && !options.full) return [];
  const shown = `${options.shownDir}/${DURATIONS_FILE}`;
  const warnings: Diagnostic[] = [];
  if (read.problem) {
    warnings.push(durationsUnreadable(shown, read.problem, {
      instead: "The merge makes the summary again from the run files in runs/ and the merged " +
        "durations",
    }));
  }
  // A full run of one suite: its shared split timings are dropped, those holding exactly the
  // fixtures merged (they hold every id of their suite's catalog, as a full run runs them).
  const ids = new Set(inputs.flatMap((input) => input.fixtures.map((f) => f.id)));
  const suite = options.full
    ? base?.splits?.find((split) =>
      split.timings.size === ids.size && [...ids].every((id) => split.timings.has(id))
    )?.suite
    : undefined;
  const samples = addRun(base, ran, {
    ...(suite !== undefined ? { suite, split: null } : {}),
    // The merged run holds what was added: merging it again adds nothing either.
    runIds: [options.runId, ...added.flatMap(runsOf)],
    count: ran.length > 0,
  });
  try {
    await writeDurations(dir, samples);
  } catch (error) {
    if (!isWriteFailure(error)) throw error;
    warnings.push(durationsNotSaved(options.shownDir, error, "merged run"));
  }
  return warnings;
}

/**
 * Which of some runs are in the artifact directory's history: their run file is in `runs/`
 * (the ids are checked run ids). One that cannot be looked at counts as not there.
 *
 * @param paths The artifact directory's paths.
 * @param runIds The run ids.
 * @returns Those whose run file is there.
 *
 * @example
 * ```ts
 * import { runsInHistory } from "./merged_durations.ts";
 * import { historyPaths } from "./history.ts";
 * import assert from "node:assert/strict";
 *
 * const dir = await Deno.makeTempDir();
 * await Deno.mkdir(`${dir}/runs`);
 * await Deno.writeTextFile(`${dir}/runs/r1.json`, "{}");
 * assert.deepEqual(runsInHistory(historyPaths(dir), ["r1", "r2"]), new Set(["r1"]));
 * await Deno.remove(dir, { recursive: true });
 * ```
 */
export function runsInHistory(paths: HistoryPaths, runIds: readonly string[]): Set<string> {
  return new Set(runIds.filter((runId) => {
    try {
      Deno.lstatSync(join(paths.runs, `${runId}.json`));
      return true;
    } catch (error) {
      if (isIoError(error)) return false;
      throw error;
    }
  }));
}
