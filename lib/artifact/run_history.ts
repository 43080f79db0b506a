/**
 * The one reader of `<artifactDir>/runs/`: the history of runs, newest first,
 * for the HTML report, one run by id, for rerun chains, and the newest real
 * run, for the rerun preflight's recovery hints. Every file is read
 * as untrusted input (bounded, regular files only, schema-checked); a run id
 * names a file only when it has the run-id shape, so no path escapes `runs/`.
 *
 * @module
 */
import { join } from "../base/path.ts";
import { type Artifact, isDiagnosticsArtifact } from "./artifact.ts";
import { RUN_ID_PATTERN } from "./artifact_format.ts";
import { ioErrorToUserError, isIoError, UserError } from "../base/errors.ts";
import { readRegularFile } from "../base/read_input.ts";
import { type HistoryPaths, historyPaths, isDiagnosticsRunId, isRunId } from "./history.ts";
import { checkSource, MAX_ARTIFACT_BYTES, readSourceFile } from "./source_artifact.ts";

/** A file in `runs/` that is not a valid artifact. */
export interface InvalidArtifact {
  /** The file, as shown to the user. */
  file: string;
  /** Why it was left out. */
  reason: string;
}

/** What {@linkcode readHistory} found. */
export interface RunHistory {
  /** The valid artifacts, oldest first. */
  runs: Artifact[];
  /** The files left out, with the reason. */
  invalid: InvalidArtifact[];
  /** The run id `latest.json` holds, when it is valid. */
  latestRunId?: string;
  /** The artifact directory as the user names it. */
  artifactDir: string;
  /** How many valid runs `runs/` holds in all (as far as read). */
  totalRuns: number;
  /** How many run files there are. */
  files: number;
}

/**
 * Reads an artifact's text with the one input reader, or says why not (no
 * checksum: the report needs none). A FIFO or device is refused unopened.
 */
async function readArtifactText(path: string): Promise<string | { reason: string }> {
  const read = await readRegularFile(path, { maxBytes: MAX_ARTIFACT_BYTES, what: "artifact" });
  if (read.ok) return new TextDecoder().decode(read.value);
  const { problem } = read;
  if (problem.kind === "missing") return { reason: "no file at that path" };
  if (problem.kind === "too-large") {
    return { reason: `${problem.size} bytes is over the limit of ${MAX_ARTIFACT_BYTES} bytes` };
  }
  return { reason: read.reason };
}

/** Options for {@linkcode readHistory}. */
export interface ReadHistoryOptions {
  /** Stop after this many valid runs, newest first. */
  last: number;
  /** The artifact directory as the user names it, for messages. */
  shownDir?: string;
}

/**
 * Reads the newest valid artifacts of `<artifactDir>/runs/` (newest first by
 * file name, which sorts by start time) until `last` are found, noting every
 * invalid file met on the way with the reason.
 *
 * @param artifactDir The artifact directory.
 * @param options How many runs, and the directory's name for messages.
 * @returns The history, with the run id `latest.json` holds, and how many run files there are.
 * @throws {UserError} When `runs/` does not exist or holds no artifact file (exit 2).
 *
 * @example
 * ```ts
 * import { readHistory } from "./run_history.ts";
 * import assert from "node:assert/strict";
 *
 * const dir = await Deno.makeTempDir();
 * await Deno.mkdir(`${dir}/runs`);
 * await Deno.writeTextFile(`${dir}/runs/bad.json`, "{ nope");
 * const history = await readHistory(dir, { last: 50 });
 * assert.equal(history.runs.length, 0);
 * assert.match(history.invalid[0].reason, /line 1, column 3/);
 * await Deno.remove(dir, { recursive: true });
 * ```
 */
export async function readHistory(
  artifactDir: string,
  options: ReadHistoryOptions,
): Promise<RunHistory> {
  const paths = historyPaths(artifactDir);
  const shown = options.shownDir ?? artifactDir;
  const names: string[] = [];
  try {
    for await (const entry of Deno.readDir(paths.runs)) {
      // Not only regular files: a FIFO or a link named like a run is listed as invalid.
      if (!entry.isDirectory && entry.name.endsWith(".json") && !entry.name.startsWith(".")) {
        names.push(entry.name);
      }
    }
  } catch (error) {
    if (!(error instanceof Deno.errors.NotFound || error instanceof Deno.errors.NotADirectory)) {
      if (!isIoError(error)) throw error;
      throw ioErrorToUserError(error, { path: `${shown}/runs`, action: "read run history" });
    }
  }
  if (names.length === 0) {
    throw new UserError(`Cannot make the report: no run artifacts in "${shown}/runs"`, {
      kind: "usage",
      code: "NO_HISTORY",
      hints: [
        "Run the suite first, or pass --artifact-dir DIR where the runs are.",
      ],
    });
  }
  names.sort().reverse();
  const runs: Artifact[] = [];
  const invalid: InvalidArtifact[] = [];
  for (const name of names) {
    if (runs.length >= options.last) break;
    const file = `${shown}/runs/${name}`;
    const text = await readArtifactText(join(paths.runs, name));
    if (typeof text !== "string") {
      invalid.push({ file, reason: text.reason });
      continue;
    }
    const checked = checkSource(text);
    if (checked.ok) runs.push(checked.artifact);
    else invalid.push({ file, reason: checked.message });
  }
  let latestRunId: string | undefined;
  const latest = await readArtifactText(paths.latest);
  if (typeof latest === "string") {
    const checked = checkSource(latest);
    if (checked.ok) latestRunId = checked.artifact.runId;
  }
  return {
    runs: runs.reverse(),
    invalid,
    ...(latestRunId ? { latestRunId } : {}),
    artifactDir: shown,
    totalRuns: names.length - invalid.length,
    files: names.length,
  };
}

/**
 * Reads one run of the history by id. The id is checked against the run-id
 * pattern first, so it can never name a path outside `runs/`.
 *
 * @param paths The artifact directory's paths.
 * @param runId The run id (untrusted).
 * @returns The artifact, or undefined when missing, unreadable or invalid.
 *
 * @example
 * ```ts
 * import { historyPaths } from "./history.ts";
 * import { readHistoryRun } from "./run_history.ts";
 * import assert from "node:assert/strict";
 *
 * assert.equal(await readHistoryRun(historyPaths("/nonexistent"), "../../etc/passwd"), undefined);
 * ```
 */
export async function readHistoryRun(
  paths: HistoryPaths,
  runId: string,
): Promise<Artifact | undefined> {
  if (!RUN_ID_PATTERN.test(runId)) return undefined;
  const file = await readSourceFile(join(paths.runs, `${runId}.json`));
  if (!file.ok) return undefined;
  const checked = checkSource(file.text);
  return checked.ok ? checked.artifact : undefined;
}

/**
 * The run ids of the real runs' files in `runs/` by their names (a failed preflight's record and
 * anything else there left out), oldest first: run ids begin with their start time.
 *
 * @param paths The artifact directory's paths.
 * @returns The ids; undefined when `runs/` cannot be listed (none yet, or not a folder).
 *
 * @example
 * ```ts
 * import { historyPaths } from "./history.ts";
 * import { realRunIds } from "./run_history.ts";
 * import assert from "node:assert/strict";
 *
 * const dir = await Deno.makeTempDir();
 * assert.equal(await realRunIds(historyPaths(dir)), undefined);
 * await Deno.mkdir(`${dir}/runs`);
 * for (const name of ["20260102T000000000Z-bbbbbb", "20260101T000000000Z-aaaaaa", "notes"]) {
 *   await Deno.writeTextFile(`${dir}/runs/${name}.json`, "{}");
 * }
 * await Deno.writeTextFile(`${dir}/runs/20260103T000000000Z-cccccc-preflight.json`, "{}");
 * assert.deepEqual(await realRunIds(historyPaths(dir)), [
 *   "20260101T000000000Z-aaaaaa",
 *   "20260102T000000000Z-bbbbbb",
 * ]);
 * await Deno.remove(dir, { recursive: true });
 * ```
 */
export async function realRunIds(paths: HistoryPaths): Promise<string[] | undefined> {
  const ids: string[] = [];
  try {
    for await (const entry of Deno.readDir(paths.runs)) {
      if (entry.isDirectory || !entry.name.endsWith(".json")) continue;
      const id = entry.name.slice(0, -".json".length);
      if (isRunId(id) && !isDiagnosticsRunId(id)) ids.push(id);
    }
  } catch (error) {
    if (!isIoError(error)) throw error;
    return undefined;
  }
  return ids.sort();
}

/** At most this many run files are read looking for the newest real run. */
export const NEWEST_RUN_READS = 20;

/** Options for {@linkcode newestRealRun}. */
export interface NewestRunOptions {
  /** The artifact directory as the user names it, for the path shown. */
  shownDir: string;
  /** An absolute path never to name (the artifact that just failed). */
  exclude?: string;
  /** Read at most this many files (default {@linkcode NEWEST_RUN_READS}). */
  maxReads?: number;
}

/** A run file a user can rerun from. */
export interface NewestRun {
  /** Its run id. */
  runId: string;
  /** Its path as shown to the user: `<artifactDir>/runs/<runId>.json`. */
  shown: string;
}

/**
 * The newest real run file of `runs/`: named like smoke's run ids but not a
 * diagnostics artifact's (`-preflight`), a valid artifact this build reads,
 * and by content not a failed preflight's record. Files are read newest first
 * (names sort by time) until one qualifies, at most `maxReads` of them.
 *
 * @param paths The artifact directory's paths.
 * @param options The directory as the user names it, a path to pass over, the read bound.
 * @returns The run id and the path to show, or undefined when there is none
 * (no `runs/`, nothing valid among the newest files).
 *
 * @example
 * ```ts
 * import { historyPaths } from "./history.ts";
 * import { newestRealRun } from "./run_history.ts";
 * import assert from "node:assert/strict";
 *
 * const dir = await Deno.makeTempDir();
 * await Deno.mkdir(`${dir}/runs`);
 * await Deno.writeTextFile(`${dir}/runs/20260101T000000000Z-aaaaaa.json`, "{ damaged");
 * assert.equal(await newestRealRun(historyPaths(dir), { shownDir: "arts" }), undefined);
 * await Deno.remove(dir, { recursive: true });
 * ```
 */
export async function newestRealRun(
  paths: HistoryPaths,
  options: NewestRunOptions,
): Promise<NewestRun | undefined> {
  // No history to point at: the hint keeps its general advice.
  const ids = (await realRunIds(paths))?.reverse();
  if (!ids) return undefined;
  let reads = options.maxReads ?? NEWEST_RUN_READS;
  for (const runId of ids) {
    const path = join(paths.runs, `${runId}.json`);
    if (path === options.exclude) continue;
    if (reads-- <= 0) break;
    const file = await readSourceFile(path);
    if (!file.ok) continue;
    const checked = checkSource(file.text);
    if (!checked.ok || isDiagnosticsArtifact(checked.artifact)) continue;
    return { runId, shown: join(options.shownDir, "runs", `${runId}.json`) };
  }
  return undefined;
}
