/**
 * The rerun-failed preflight: everything checked before a rerun runs
 * anything, each failure with its contract code, message and a hint that
 * includes the manual fallback. What a rerun reruns is the suite's
 * outstanding set as the source artifact records it (see
 * `../artifact/suite_state.ts`).
 *
 * @module
 */
import {
  type Artifact,
  type Diagnostic,
  type FailureKind,
  isDiagnosticsArtifact,
  type Source,
} from "../artifact/artifact.ts";
import { PreflightError } from "../base/errors.ts";
import { type ReadRun, stateOfArtifact } from "./rerun.ts";
import { checkSource, readSourceFile } from "../artifact/source_artifact.ts";
import { dropStale, isFullRun, outstandingOf, type SuiteState } from "../artifact/suite_state.ts";
import type { NewestRun } from "../artifact/run_history.ts";
import { fixtureArgument, shellQuote } from "./plan.ts";
import { idList } from "../base/id_list.ts";
import { type CauseInput, groupCauses } from "../artifact/failure_causes.ts";

/** What `--if-none` does when nothing is outstanding. */
export type IfNone = "fail" | "pass" | "all";

/** An outstanding fixture of the source. */
export interface FailedEntry {
  /** The fixture id (checked against the id characters). */
  id: string;
  /** Its failure kind, when recorded. */
  kind?: FailureKind;
  /** The run its failing result came from, when recorded. */
  runId?: string;
  /** The content hash of its files when it failed, when recorded. */
  fingerprint?: string;
}

/** What the preflight needs. */
export interface PreflightInput {
  /** Absolute path of the source artifact. */
  path: string;
  /** The path as the user gave it (or the default), for messages and the record. */
  shownPath: string;
  /** The catalog's ids, in catalog order. */
  catalogIds: readonly string[];
  /** Ids left after `--fixture`, in catalog order. */
  selectedIds: readonly string[];
  /** The `--fixture` patterns. */
  patterns: readonly string[];
  /** Every filter given, as flags (`--fixture a`, `--tag api`, `--exclude x`), for messages. */
  filters?: readonly string[];
  /** `--rerun-max-failures`. */
  maxFailures?: number;
  /** The command that starts smoke with the user's location flags. */
  fallback: string;
  /** Reads a run of the history by id, to follow a chain of reruns. */
  readRun?: ReadRun;
  /** What to do when nothing is outstanding (default `fail`: `NO_RERUNNABLE_FAILURES`). */
  ifNone?: IfNone;
  /**
   * Finds the newest real run file to name in recovery hints (called only
   * when the preflight fails on the artifact; never the file that failed).
   */
  newestRun?: () => Promise<NewestRun | undefined>;
}

/** A passed preflight. */
export interface Preflight {
  /** The source artifact (validated). */
  source: Artifact;
  /** What the new artifact records as `selection.source`. */
  sourceRef: Source;
  /** The outstanding fixtures of the source, by id (stale ones included). */
  failed: FailedEntry[];
  /** The suite's state the source stands for (fixtures gone from the catalog included). */
  state: SuiteState;
  /** Ids to rerun, in catalog order. */
  rerunIds: string[];
  /** Outstanding ids no longer in the catalog. */
  stale: string[];
  /** Warnings (stale fixtures). */
  diagnostics: Diagnostic[];
  /** Nothing is outstanding and `--if-none` is `pass` or `all`: why there is nothing. */
  none?: string;
}

/**
 * The manual fallback: run the ids by hand with `--fixture`.
 *
 * @param fallback The command that starts smoke.
 * @param ids The ids, when known.
 * @returns The hint line.
 *
 * @example
 * ```ts
 * import { manualFallback } from "./rerun_preflight.ts";
 * import assert from "node:assert/strict";
 *
 * assert.equal(manualFallback("deno task smoke", ["a", "b"]),
 *   "Manual fallback: deno task smoke --fixture a --fixture b");
 * assert.equal(manualFallback("deno task smoke", []),
 *   "Manual fallback: deno task smoke --fixture <id> ...");
 * assert.equal(manualFallback("deno task smoke", ["-x"]),
 *   "Manual fallback: deno task smoke --fixture=-x");
 * ```
 */
export function manualFallback(fallback: string, ids: readonly string[]): string {
  const shown = ids.slice(0, 50);
  const args = shown.length
    ? shown.map(fixtureArgument).join(" ") +
      (ids.length > shown.length ? ` ... (${ids.length - shown.length} more)` : "")
    : "--fixture <id> ...";
  return `Manual fallback: ${fallback} ${args}`;
}

/** The advice for an unusable artifact when no saved run can be named. */
const ADVICE: Record<string, (input: PreflightInput) => string> = {
  ARTIFACT_NOT_FOUND: (i) =>
    `Run the suite first (${i.fallback}), or pass --artifact PATH to an artifact to rerun.`,
  ARTIFACT_INVALID_JSON: (i) =>
    `The file is damaged, and no earlier run is saved in runs/ to rerun from: run the suite (${i.fallback}).`,
  ARTIFACT_SCHEMA_MISMATCH: () =>
    "The file is not a smoke artifact (or was edited). Pass a file smoke wrote with --artifact PATH.",
  ARTIFACT_UNSUPPORTED_VERSION: () =>
    "It was written by another smoke version: rerun with that version, or run the suite again.",
  ARTIFACT_TOO_LARGE: () =>
    "A smoke artifact is far smaller; check that --artifact names the right file.",
  ARTIFACT_NOT_A_RUN: (i) => `No saved run to rerun from: run the suite (${i.fallback}).`,
};

/** What is wrong, when a saved run can be named to rerun from instead. */
const DIAGNOSIS: Record<string, string | undefined> = {
  ARTIFACT_NOT_FOUND: undefined,
  ARTIFACT_INVALID_JSON: "The file is damaged.",
  ARTIFACT_SCHEMA_MISMATCH: "The file is not a smoke artifact (or was edited).",
  ARTIFACT_UNSUPPORTED_VERSION:
    "It was written by another smoke version: rerun with that version, or use a run this one wrote.",
  ARTIFACT_TOO_LARGE:
    "A smoke artifact is far smaller; check that --artifact names the right file.",
  ARTIFACT_NOT_A_RUN: undefined,
};

/**
 * The command that reruns the failures of a saved run file.
 *
 * @param fallback The command that starts smoke, location flags included.
 * @param run The run file, as shown to the user.
 * @returns The hint line naming the file and the exact command.
 *
 * @example
 * ```ts
 * import { rerunFromHint } from "./rerun_preflight.ts";
 * import assert from "node:assert/strict";
 *
 * assert.equal(
 *   rerunFromHint("deno task smoke", { runId: "r1", shown: "out dir/runs/r1.json" }),
 *   "Rerun from the newest saved run: deno task smoke --rerun-failed --artifact 'out dir/runs/r1.json'",
 * );
 * ```
 */
export function rerunFromHint(fallback: string, run: NewestRun): string {
  return `Rerun from the newest saved run: ${fallback} --rerun-failed --artifact ${
    shellQuote([run.shown])
  }`;
}

/**
 * The recovery hints for an unusable artifact: the newest real run to rerun
 * from, with the exact command, when one exists; today's general advice
 * otherwise. The history is looked up only here, on the error path.
 */
async function recoveryHints(code: string, input: PreflightInput): Promise<string[]> {
  const newest = await input.newestRun?.();
  if (!newest) return [ADVICE[code](input)];
  const diagnosis = DIAGNOSIS[code];
  return [...(diagnosis ? [diagnosis] : []), rerunFromHint(input.fallback, newest)];
}

/**
 * The refusal of an artifact that records a failed preflight (nothing ran),
 * not a run: there is nothing in it to rerun.
 */
async function notARun(input: PreflightInput, artifact: Artifact): Promise<PreflightError> {
  return new PreflightError(
    "ARTIFACT_NOT_A_RUN",
    `Cannot rerun from "${input.shownPath}": it records a failed preflight ` +
      `(run ${artifact.runId} ran nothing), not a run`,
    [
      ...(await recoveryHints("ARTIFACT_NOT_A_RUN", input)),
      manualFallback(input.fallback, []),
    ],
  );
}

/**
 * Reads and checks the source artifact and picks the ids to rerun.
 *
 * @param input The path, the catalog and selection, the limits.
 * @returns The source and the ids to rerun.
 * @throws {PreflightError} With a contract code when the rerun cannot go ahead.
 *
 * @example
 * ```ts
 * import { preflight } from "./rerun_preflight.ts";
 * import assert from "node:assert/strict";
 *
 * await assert.rejects(() => preflight({
 *   path: "/nonexistent/latest.json", shownPath: "latest.json", catalogIds: [], selectedIds: [],
 *   patterns: [], fallback: "deno task smoke",
 * }), /Cannot read artifact "latest.json": no file at that path/);
 * ```
 */
export async function preflight(input: PreflightInput): Promise<Preflight> {
  const subject = `Cannot read artifact "${input.shownPath}"`;
  const file = await readSourceFile(input.path);
  if (!file.ok) {
    throw new PreflightError(file.code, `${subject}: ${file.message}`, [
      ...(await recoveryHints(file.code, input)),
      manualFallback(input.fallback, []),
    ]);
  }
  const checked = checkSource(file.text);
  if (!checked.ok) {
    const message = checked.message.includes("\n")
      ? `${subject}:\n  ${checked.message.split("\n").join("\n  ")}`
      : `${subject}: ${checked.message}`;
    throw new PreflightError(checked.code, message, [
      ...(await recoveryHints(checked.code, input)),
      manualFallback(input.fallback, checked.salvagedIds),
    ]);
  }
  const { artifact } = checked;
  // A failed preflight's record has nothing to rerun: name a real run instead.
  if (isDiagnosticsArtifact(artifact)) throw await notARun(input, artifact);
  // The suite's state the source stands for: recorded in it, or (written before smoke
  // recorded it) the chain of reruns back to the full run.
  const source = await stateOfArtifact(artifact, input.readRun);
  const outstanding = outstandingOf(source.state);
  const failed: FailedEntry[] = outstanding.map((entry) => ({
    id: entry.id,
    ...(entry.failure ? { kind: entry.failure.kind } : {}),
    ...(entry.runId ? { runId: entry.runId } : {}),
    ...(entry.fingerprint ? { fingerprint: entry.fingerprint } : {}),
  }));
  // Fixtures gone from the catalog stay in the state (owed until a full run); they are left
  // out of the rerun and of the suite's verdict.
  const state = source.state;
  const { stale } = dropStale(state, input.catalogIds);
  const owed = new Set(failed.map((f) => f.id));
  const rerun = input.catalogIds.filter((id) => owed.has(id));
  const warnings: Diagnostic[] = [];
  if (stale.length) {
    warnings.push({
      code: "STALE_FIXTURE",
      level: "warning",
      message:
        `${stale.length} failed fixture${stale.length === 1 ? " is" : "s are"} no longer in ` +
        `the catalog and will not rerun: ${idList(stale.map((id) => JSON.stringify(id)))}`,
      hint: "They were renamed or removed since that run; they are left out of the suite's " +
        "verdict, and stay owed until a full run.",
    });
  }
  if (source.missingRunId) {
    warnings.push({
      code: "RERUN_CHAIN_INCOMPLETE",
      level: "warning",
      message: `Run ${artifact.runId} reran run ${source.missingRunId}, which is not in runs/ ` +
        "(pruned, or made elsewhere): the rerun and its combined verdict cover only what is known",
      hint: "Rerun from the full run's artifact with --artifact PATH, or run the full suite.",
    });
  }
  if (input.maxFailures !== undefined && failed.length > input.maxFailures) {
    // What is owed without having failed on its own: say so, and do not diagnose the environment.
    const unstarted = (["not-run", "blocked", "interrupted"] as const)
      .map((kind) => ({ kind, count: failed.filter((f) => f.kind === kind).length }))
      .filter((part) => part.count > 0);
    const ranAndFailed = failed.length - unstarted.reduce((sum, part) => sum + part.count, 0);
    const breakdown = unstarted.length
      ? ` (${
        [
          `${ranAndFailed} failed`,
          ...unstarted.map((p) => `${p.count} ${p.kind.replace("-", " ")}`),
        ]
          .join(", ")
      })`
      : "";
    const fixtures = `${failed.length} fixture${failed.length === 1 ? "" : "s"}`;
    const owed = unstarted.length
      ? `${fixtures} ${failed.length === 1 ? "is" : "are"} outstanding`
      : `${fixtures} failed`;
    throw new PreflightError(
      "RERUN_LIMIT_EXCEEDED",
      `Refusing to rerun: ${owed} ${sinceText(artifact, state, "in")}${breakdown}, ` +
        `more than --rerun-max-failures ${input.maxFailures}`,
      [
        ...sharedCauses(artifact, outstanding),
        ranAndFailed > input.maxFailures
          ? "So many failures usually mean a broken environment (network, credentials, a service down): fix that, then run the full suite."
          : `Only ${ranAndFailed} of them failed on their own; the rest never ran or were ` +
            "stopped: run the full suite, or raise --rerun-max-failures.",
        manualFallback(input.fallback, failed.map((f) => f.id)),
      ],
      warnings,
    );
  }
  const selected = new Set(input.selectedIds);
  const rerunIds = rerun.filter((id) => selected.has(id));
  const result = {
    source: artifact,
    sourceRef: { path: input.shownPath, runId: artifact.runId, sha256: file.sha256 },
    failed,
    state,
    rerunIds,
    stale,
    diagnostics: warnings,
  };
  if (rerunIds.length > 0) return result;
  const why = failed.length === 0
    ? nothingOwed(artifact, state)
    : rerun.length === 0
    ? `every failed fixture ${sinceText(artifact, state, "of")} is gone from the catalog`
    : `no failed fixture ${sinceText(artifact, state, "of")} matches ${
      (input.filters ?? input.patterns.map((p) => `--fixture ${p}`)).join(" ")
    }`;
  if ((input.ifNone ?? "fail") !== "fail") return { ...result, none: `Nothing to rerun: ${why}` };
  throw new PreflightError(
    "NO_RERUNNABLE_FAILURES",
    `Nothing to rerun: ${why}`,
    [
      failed.length === 0 || rerun.length === 0
        ? `Run the full suite to check again: ${input.fallback}`
        : `Run the full suite (${input.fallback}), or change the filters (--fixture, --tag, ` +
          "--exclude, --exclude-tag).",
      "In CI, --if-none pass ends green when nothing is owed, and --if-none all runs the suite instead.",
      manualFallback(input.fallback, rerun),
    ],
    warnings,
  );
}

/**
 * The causes 3+ outstanding failures share, one hint each: read from the source's own
 * results (message and output tails) where the failure is from that run, else from the
 * recorded message.
 */
function sharedCauses(
  artifact: Artifact,
  outstanding: readonly { id: string; runId?: string; failure?: { message: string } }[],
): string[] {
  const own = new Map(
    artifact.fixtures.filter((f) => f.status === "failed").map((f) => [f.id, f]),
  );
  const inputs: CauseInput[] = outstanding.map((entry) =>
    (entry.runId === undefined || entry.runId === artifact.runId ? own.get(entry.id) : undefined) ??
      { id: entry.id, ...(entry.failure ? { failure: entry.failure } : {}) }
  );
  return groupCauses(inputs).map((g) =>
    `${g.ids.length} of them share one cause: ${g.cause.label}; fix that first.`
  );
}

/** "in run X" (or "of run X") or "since full run S (as of run X)", for messages. */
function sinceText(artifact: Artifact, state: SuiteState, preposition: "in" | "of"): string {
  return state.since === undefined || state.since === artifact.runId
    ? `${preposition} run ${artifact.runId}`
    : `since full run ${state.since} (as of run ${artifact.runId})`;
}

/** Why nothing is owed, saying when the source was a partial run. */
function nothingOwed(artifact: Artifact, state: SuiteState): string {
  const partial = !isFullRun({ mode: artifact.mode, shard: artifact.selection.shard });
  if (!partial) return `nothing failed in run ${artifact.runId}`;
  const what = artifact.selection.shard
    ? `shard ${artifact.selection.shard.index}/${artifact.selection.shard.total}`
    : artifact.mode === "rerun-failed"
    ? "a rerun"
    : artifact.mode === "merged"
    ? "a merge"
    : "a partial run";
  return state.since === undefined
    ? `nothing failed in run ${artifact.runId}, which was ${what}; no full run is on record`
    : `nothing failed in run ${artifact.runId} (${what}), and nothing is outstanding since ` +
      `full run ${state.since}`;
}
