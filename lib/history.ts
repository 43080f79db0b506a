/**
 * The artifact directory: `runs/<runId>.json` for every run, `latest.json`
 * for the last real run, pruning beyond the history limit.
 *
 * @module
 */
import { join } from "node:path";
import type { Artifact } from "./artifact.ts";
import { UserError } from "./errors.ts";
import { removeStrayTemps, writeFileAtomic } from "./atomic_write.ts";

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
    await Deno.mkdir(paths.dir, { recursive: true });
  } catch (error) {
    const notDir = error instanceof Deno.errors.AlreadyExists ||
      error instanceof Deno.errors.NotADirectory;
    if (!notDir && !(error instanceof Deno.errors.PermissionDenied)) throw error;
    throw new UserError(
      `Cannot use artifact directory "${shownDir}": ${
        notDir ? "it, or a folder above it, is not a directory" : (error as Error).message
      }`,
      {
        kind: "config",
        hints: [
          "Pass --artifact-dir DIR (or config artifactDir) naming a directory smoke can write.",
        ],
      },
    );
  }
}

/**
 * Prepares the directory for writing: creates `runs/`, removes stray
 * temporary files. Call while holding the lock.
 *
 * @param paths The artifact directory's paths.
 * @returns Nothing.
 *
 * @example
 * ```ts
 * import { historyPaths, prepareHistory } from "./history.ts";
 *
 * const dir = await Deno.makeTempDir();
 * await prepareHistory(historyPaths(dir));
 * await Deno.stat(`${dir}/runs`);
 * await Deno.remove(dir, { recursive: true });
 * ```
 */
export async function prepareHistory(paths: HistoryPaths): Promise<void> {
  await Deno.mkdir(paths.runs, { recursive: true });
  await removeStrayTemps(paths.dir);
  await removeStrayTemps(paths.runs);
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
 * Writes `runs/<runId>.json`, then (optionally) replaces `latest.json`, both
 * atomically. The file name comes from the run id this process made.
 *
 * @param paths The artifact directory's paths (prepared).
 * @param artifact The artifact.
 * @param options Whether to replace `latest.json`.
 * @returns The path of the run file.
 *
 * @example
 * ```ts
 * import { historyPaths, prepareHistory, saveRun } from "./history.ts";
 * import assert from "node:assert/strict";
 *
 * const dir = await Deno.makeTempDir();
 * const paths = historyPaths(dir);
 * await prepareHistory(paths);
 * const file = await saveRun(paths, { runId: "r1" } as never, { updateLatest: false });
 * assert.equal(file, `${dir}/runs/r1.json`);
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
  await writeFileAtomic(file, text);
  if (options.updateLatest) await writeFileAtomic(paths.latest, text);
  return file;
}

/**
 * Removes the oldest run files beyond the limit, never one of `keep`.
 *
 * @param paths The artifact directory's paths.
 * @param limit How many run files to keep.
 * @param keep Run ids that must stay (the one `latest.json` holds).
 * @returns The run ids removed.
 *
 * @example
 * ```ts
 * import { historyPaths, pruneHistory } from "./history.ts";
 * import assert from "node:assert/strict";
 *
 * const dir = await Deno.makeTempDir();
 * await Deno.mkdir(`${dir}/runs`);
 * for (const id of ["a", "b", "c"]) await Deno.writeTextFile(`${dir}/runs/${id}.json`, "{}");
 * assert.deepEqual(await pruneHistory(historyPaths(dir), 1, ["c"]), ["a", "b"]);
 * await Deno.remove(dir, { recursive: true });
 * ```
 */
export async function pruneHistory(
  paths: HistoryPaths,
  limit: number,
  keep: readonly string[],
): Promise<string[]> {
  const ids: string[] = [];
  for await (const entry of Deno.readDir(paths.runs)) {
    if (entry.isFile && entry.name.endsWith(".json") && !entry.name.startsWith(".")) {
      ids.push(entry.name.slice(0, -".json".length));
    }
  }
  ids.sort();
  const removable = ids.length - limit;
  const removed: string[] = [];
  for (const id of ids) {
    if (removed.length >= removable) break;
    if (keep.includes(id)) continue;
    await Deno.remove(join(paths.runs, `${id}.json`)).catch((error) => {
      if (!(error instanceof Deno.errors.NotFound)) throw error;
    });
    removed.push(id);
  }
  return removed;
}
