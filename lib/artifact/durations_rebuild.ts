/**
 * The durations summary made again from the run files in `runs/`, when the
 * one there cannot be read (damaged, a newer smoke's): each run's durations
 * and outcomes, oldest first, as each run added its own, so that a damaged
 * `durations.json` loses nothing the history still holds. Only checked run
 * files count (an invalid one is left out, as the HTML report leaves it out),
 * each run once: a merged run adds only what its inputs here did not (its
 * inputs from elsewhere). The timings the splits share are not in any run
 * file: they start again.
 *
 * @module
 */
import { type Artifact, isDiagnosticsArtifact } from "./artifact.ts";
import { type HistoryPaths, historyPaths } from "./history.ts";
import type { DurationSamples } from "./durations_summary.ts";
import { addRun, recordedResults, runsOf } from "./durations_update.ts";
import { readHistoryRun, realRunIds } from "./run_history.ts";

/** At most this many run files are read, the newest (the history keeps 100 by default). */
export const REBUILD_RUNS = 100;

/**
 * Makes the durations summary again from the artifact directory's run files.
 *
 * @param dir The artifact directory.
 * @param options `exclude`: a run left out (the run now saving, which adds itself after);
 *   `catalog`: the catalog's ids, to thin ids gone from it as a run does.
 * @returns The summary (its `runs`, how many runs it counts); undefined when no run file holds a
 *   result.
 *
 * @example
 * ```ts
 * import { rebuildDurations } from "./durations_rebuild.ts";
 * import { createArtifact } from "./artifact.ts";
 * import { historyPaths, serializeArtifact } from "./history.ts";
 * import assert from "node:assert/strict";
 *
 * const dir = await Deno.makeTempDir();
 * await Deno.mkdir(`${dir}/runs`);
 * const run = (runId: string, durationMs: number) =>
 *   createArtifact({
 *     runId, mode: "full", startedAt: new Date(0), finishedAt: new Date(1), version: "0.1.0",
 *     environment: { deno: "2", os: "linux", arch: "x86_64", ci: false },
 *     selection: { fixtureIds: ["a"] },
 *     fixtures: [{ id: "a", status: "passed", durationMs, attempts: 1, exitCode: 0, signal: null, timedOut: false }],
 *   });
 * for (const [id, ms] of [["20261125T100000000Z-aaaaaa", 5], ["20261125T110000000Z-bbbbbb", 7]] as const) {
 *   await Deno.writeTextFile(`${historyPaths(dir).runs}/${id}.json`, serializeArtifact(run(id, ms)));
 * }
 * const rebuilt = await rebuildDurations(dir);
 * assert.deepEqual(rebuilt?.byId.get("a"), [7, 5]);
 * assert.equal(rebuilt?.runs, 2);
 * await Deno.remove(dir, { recursive: true });
 * ```
 */
export async function rebuildDurations(
  dir: string,
  options: { exclude?: string; catalog?: ReadonlySet<string> } = {},
): Promise<DurationSamples | undefined> {
  const paths = historyPaths(dir);
  // The newest real runs' files, read one at a time, oldest first: only one run is held at
  // once, however large the suite.
  const ids = (await realRunIds(paths))?.filter((id) => id !== options.exclude);
  if (!ids) return undefined;
  let samples: DurationSamples | undefined;
  const counted = new Set<string>();
  // Oldest first: each run's durations go in front of those before it, as it added them.
  for (const runId of ids.slice(-REBUILD_RUNS)) {
    const run = await readHistoryRun(paths, runId);
    // Not a valid run file (as the HTML report leaves it out), or one of another name.
    if (!run || run.runId !== runId || isDiagnosticsArtifact(run) || counted.has(runId)) continue;
    const runs = runsOf(run);
    const ran = recordedResults(await notCountedYet(run, runs.slice(1), counted, paths));
    for (const id of runs) counted.add(id);
    // Remembered even when it adds nothing, so that a merge of it adds nothing either.
    if (!samples && ran.length === 0) continue;
    samples = addRun(samples, ran, {
      runIds: runs,
      count: ran.length > 0,
      ...(options.catalog ? { catalog: options.catalog } : {}),
    });
  }
  return samples;
}

/**
 * A run's results the summary does not hold yet: all of a run's own; of a merged run, those of
 * the fixtures none of its inputs counted already had (as a merge into the directory adds only
 * the inputs it does not hold), or none when such an input cannot be read to say which (a part
 * left to the run files is better than a part counted twice).
 */
async function notCountedYet(
  run: Artifact,
  inputs: readonly string[],
  counted: ReadonlySet<string>,
  paths: HistoryPaths,
): Promise<Artifact["fixtures"]> {
  const held = inputs.filter((id) => counted.has(id));
  if (held.length === 0) return run.fixtures;
  const theirs = new Set<string>();
  for (const id of held) {
    const input = await readHistoryRun(paths, id);
    if (!input) return [];
    for (const fixture of input.fixtures) theirs.add(fixture.id);
  }
  return run.fixtures.filter((fixture) => !theirs.has(fixture.id));
}
