/**
 * The suite's state a run starts from, read once the run holds the artifact
 * directory's lock (so two runs never both start from the same state): the
 * one `latest.json` records (or, for an artifact from before smoke recorded
 * it, its chain of reruns). When `latest.json` is missing or cannot be read
 * and `runs/` holds a real run, the newest one stands in, with a warning;
 * with no run at all, this run's results start a new state.
 *
 * @module
 */
import type { Artifact, Diagnostic } from "../artifact/artifact.ts";
import type { HistoryPaths } from "../artifact/history.ts";
import { checkSource, readSourceFile } from "../artifact/source_artifact.ts";
import { newestRealRun, readHistoryRun } from "../artifact/run_history.ts";
import type { SuiteState } from "../artifact/suite_state.ts";
import { stateOfArtifact } from "./rerun.ts";
import { idList } from "../base/id_list.ts";

/** The state a run starts from, and what was said about it. */
export interface PriorState {
  /** The state (fixtures gone from the catalog kept: only a full run drops them). */
  state?: SuiteState;
  /** The run id of the artifact it came from. */
  runId?: string;
  /** When that artifact's results began: its `startedAt` (a merged run's, its first input's). */
  startedAt?: string;
  /** Warnings: an unreadable or missing `latest.json`, outstanding fixtures not in the catalog. */
  diagnostics: Diagnostic[];
}

/**
 * Reads the state a run that is not a full run starts from.
 *
 * @param paths The artifact directory's paths.
 * @param options The catalog's ids (outstanding fixtures not in it are warned about; none
 *   without it) and the artifact directory as the user names it.
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
  options: { catalogIds?: readonly string[]; shownDir: string },
): Promise<PriorState> {
  const shown = `${options.shownDir}/latest.json`;
  const file = await readSourceFile(paths.latest);
  const missing = !file.ok && file.message === "no file at that path";
  let artifact: Artifact | undefined;
  const diagnostics: Diagnostic[] = [];
  const checked = file.ok ? checkSource(file.text) : undefined;
  if (checked?.ok) {
    artifact = checked.artifact;
  } else {
    // Nothing is lost: the newest real run in runs/ holds the state as of that run.
    const newest = await newestRealRun(paths, { shownDir: options.shownDir });
    artifact = newest ? await readHistoryRun(paths, newest.runId) : undefined;
    if (!missing || artifact) {
      const why = checked && !checked.ok
        ? checked.message.split("\n")[0]
        : file.ok
        ? ""
        : file.message;
      diagnostics.push({
        code: missing ? "LATEST_MISSING" : "INVALID_ARTIFACT",
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
  const { state } = await stateOfArtifact(artifact, (id) => readHistoryRun(paths, id));
  // Without the catalog (a merge), every fixture it holds stays as it is.
  if (options.catalogIds) diagnostics.push(...notInCatalog(state, options.catalogIds));
  return { state, runId: artifact.runId, startedAt: artifact.startedAt, diagnostics };
}

/**
 * A warning for outstanding fixtures the catalog does not have now: they stay
 * owed (a branch switch or a rename may bring them back) until a full run,
 * and are left out of the suite's verdict.
 *
 * @param state The state.
 * @param catalogIds The catalog's ids.
 * @returns The warning, or none.
 *
 * @example
 * ```ts
 * import { notInCatalog } from "./prior_state.ts";
 * import assert from "node:assert/strict";
 *
 * const entries = new Map([["gone", { id: "gone", status: "failed" as const, runId: "r1" }]]);
 * assert.equal(notInCatalog({ entries }, ["a"])[0].code, "STALE_FIXTURE");
 * ```
 */
export function notInCatalog(state: SuiteState, catalogIds: readonly string[]): Diagnostic[] {
  const known = new Set(catalogIds);
  const stale = [...state.entries.values()]
    .filter((e) => e.status === "failed" && !known.has(e.id)).map((e) => e.id).sort();
  if (stale.length === 0) return [];
  return [{
    code: "STALE_FIXTURE",
    level: "warning",
    message: `${stale.length} outstanding fixture${stale.length === 1 ? " is" : "s are"} not ` +
      `in the catalog: ${idList(stale.map((id) => JSON.stringify(id)))}`,
    hint: "They stay owed until a full run (a rename or another branch may bring them back), " +
      "and are left out of the suite's verdict.",
  }];
}
