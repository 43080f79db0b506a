/**
 * The suite's state a partial run starts from: the one `latest.json` records
 * (or, for an artifact from before smoke recorded it, its chain of reruns).
 * A missing `latest.json` is a first run; one that cannot be read is a
 * warning, and the state comes from the newest real run in `runs/` instead
 * (or, without one, this run's results start a new state).
 *
 * @module
 */
import type { Diagnostic } from "../artifact/artifact.ts";
import type { HistoryPaths } from "../artifact/history.ts";
import { checkSource, readSourceFile } from "../artifact/source_artifact.ts";
import { newestRealRun, readHistoryRun } from "../artifact/run_history.ts";
import type { Artifact } from "../artifact/artifact.ts";
import { dropStale, type SuiteState } from "../artifact/suite_state.ts";
import { stateOfArtifact } from "./rerun.ts";

/** The state a partial run starts from, and what was said about it. */
export interface PriorState {
  /** The state, fixtures gone from the catalog left out; undefined when none is known. */
  state?: SuiteState;
  /** Warnings: an unreadable `latest.json`, outstanding fixtures gone from the catalog. */
  diagnostics: Diagnostic[];
}

/**
 * Reads the state a partial run starts from.
 *
 * @param paths The artifact directory's paths.
 * @param options The catalog's ids and the artifact directory as the user names it.
 * @returns The state, when one is known, and warnings.
 *
 * @example
 * ```ts
 * import { readPriorState } from "./prior_state.ts";
 * import { historyPaths } from "../artifact/history.ts";
 * import assert from "node:assert/strict";
 *
 * const prior = await readPriorState(historyPaths("/nonexistent"), { catalogIds: [], shownDir: "x" });
 * assert.deepEqual(prior, { diagnostics: [] });
 * ```
 */
export async function readPriorState(
  paths: HistoryPaths,
  options: { catalogIds: readonly string[]; shownDir: string },
): Promise<PriorState> {
  const shown = `${options.shownDir}/latest.json`;
  const file = await readSourceFile(paths.latest);
  let artifact: Artifact | undefined;
  const diagnostics: Diagnostic[] = [];
  if (file.ok || file.message !== "no file at that path") {
    const checked = file.ok ? checkSource(file.text) : undefined;
    if (checked?.ok) {
      artifact = checked.artifact;
    } else {
      const why = checked ? checked.message.split("\n")[0] : file.ok ? "" : file.message;
      // Nothing is lost: the newest real run in runs/ holds the state as of that run.
      const newest = await newestRealRun(paths, { shownDir: options.shownDir });
      artifact = newest ? await readHistoryRun(paths, newest.runId) : undefined;
      diagnostics.push({
        code: "INVALID_ARTIFACT",
        level: "warning",
        message: `Cannot read the suite's state from "${shown}": ${why}`,
        hint: artifact
          ? `The state comes from the newest saved run instead: ${newest!.shown}.`
          : "This run's results start a new state: failures recorded before it are not " +
            "carried on. A full run records the whole suite again.",
      });
    }
  }
  if (!artifact) return { diagnostics };
  const source = await stateOfArtifact(artifact, (id) => readHistoryRun(paths, id));
  const { state, stale } = dropStale(source.state, options.catalogIds);
  if (stale.length) {
    diagnostics.push({
      code: "STALE_FIXTURE",
      level: "warning",
      message: `${stale.length} outstanding fixture${stale.length === 1 ? " is" : "s are"} no ` +
        `longer in the catalog and no longer owed: ${
          stale.map((id) => JSON.stringify(id)).join(", ")
        }`,
      hint: "They were renamed or removed since they failed.",
    });
  }
  return { state, diagnostics };
}
