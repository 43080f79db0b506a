/**
 * The timings a split by duration reads (`--timings PATH`, else the artifact
 * directory's `durations.json`): a smoke artifact, whose finished results
 * count, or a durations summary. Untrusted like every artifact: only fixture
 * ids and usable durations are taken from it, and a file the user names that
 * cannot be read whole is refused, naming what is wrong.
 *
 * @module
 */
import { resolve } from "../base/path.ts";
import { jsonValue } from "../base/json_value.ts";
import { UserError } from "../base/errors.ts";
import { historyPaths } from "../artifact/history.ts";
import { namesLatest } from "../artifact/own_files.ts";
import { sameFile } from "../artifact/same_file.ts";
import type { Diagnostic } from "../artifact/artifact.ts";
import type { DurationsRead } from "../artifact/durations_file.ts";
import {
  durationsProblemOfValue,
  summaryOfValue,
  unusableDurationLine,
  usableDurationMs,
} from "../artifact/durations_summary.ts";

/** Durations read for sharding: newest first, by fixture id. */
export interface Timings {
  /** Milliseconds by fixture id, newest first. */
  byId: Map<string, number[]>;
  /** The file's name as the output shows it. */
  shown: string;
  /** Read from `--timings` (not the artifact directory's durations summary). */
  given?: boolean;
  /**
   * The summary's timings the splits here share since the last run that was not one (its
   * `split`), not its newest durations.
   */
  shared?: boolean;
}

/**
 * Reads the timings for `--shard-by duration`: the file `--timings` names (a
 * smoke artifact, whose finished results count, or a `durations.json`), else
 * the artifact directory's `durations.json`. A file given but unreadable is a
 * usage error (exit 2) naming it; the default missing is a warning, and every
 * fixture gets the default duration.
 *
 * @param where The working directory, `--timings` as given, and the artifact directory as shown.
 * @returns The timings (undefined when the default is missing), any warning, and the artifact
 *   directory's durations summary as read when the timings came from it (the start order reads
 *   it again only if it changed).
 *
 * @example
 * ```ts
 * import { readTimings } from "./read_timings.ts";
 * import assert from "node:assert/strict";
 *
 * const read = await readTimings({ cwd: "/nonexistent", artifactDir: ".smoke" });
 * assert.equal(read.timings, undefined);
 * assert.equal(read.warning?.code, "SHARD_TIMINGS_MISSING");
 * ```
 */
export async function readTimings(
  where: {
    cwd: string;
    timings?: string;
    artifactDir: string;
    suite?: string;
    formerSuite?: string;
  },
): Promise<{ timings?: Timings; warning?: Diagnostic; read?: DurationsRead }> {
  const { durationsLeftOut, durationsUnreadable, readDurationsFile, DURATIONS_FILE } = await import(
    "../artifact/durations_file.ts"
  );
  const dir = resolve(where.cwd, where.artifactDir);
  const path = where.timings === undefined ? undefined : resolve(where.cwd, where.timings);
  // --timings naming the artifact directory's own summary is the same as leaving it out.
  if (path === undefined || sameFile(path, resolve(dir, DURATIONS_FILE))) {
    const read = await readDurationsFile(dir);
    const shown = where.timings ?? `${where.artifactDir}/${DURATIONS_FILE}`;
    // What the splits here share since the last run that was not one (see durations_summary.ts).
    if (read.samples) {
      const timings = ownTimings(read.samples, shown, where.suite ?? ".", where.formerSuite);
      // Entries it left out are said here too: --list reads no start order to say it.
      return read.leftOut
        ? { timings, read, warning: durationsLeftOut(shown, read.leftOut) }
        : { timings, read };
    }
    // The user named it: say why that is not "a file given".
    const named = where.timings === undefined
      ? undefined
      : "--timings naming the artifact directory's own summary is the same as leaving it out.";
    // There but unreadable is the start order's warning too: a run says it once, and says why,
    // not that there is none.
    if (read.problem) {
      return {
        warning: durationsUnreadable(shown, read.problem, {
          consequence: ": every fixture gets the default duration",
          ...(named ? { before: named } : {}),
          instead: "The start order is by id too; a run that can write the summary makes it " +
            "again from the run files in runs/",
          orElse: "pass --timings with a previous run's artifact",
        }),
        read,
      };
    }
    return {
      warning: {
        code: "SHARD_TIMINGS_MISSING",
        level: "warning",
        message: `No timings in "${shown}": every fixture gets the default duration`,
        hint: (named ? `${named} ` : "") +
          "Pass --timings with a previous run's artifact, or run the suite once (not split by " +
          "duration) to record durations.",
      },
      read,
    };
  }
  const { checkSource, checkSourceValue, readSourceFile } = await import(
    "../artifact/source_artifact.ts"
  );
  const shown = where.timings!;
  const fail = (reason: string, hint?: string): never => {
    // A list of problems (an artifact's), one indented line each, as the rerun preflight does.
    const lines = reason.split("\n");
    const message = lines.length > 1
      ? `Cannot read timings "${shown}":\n  ${lines.join("\n  ")}`
      : `Cannot read timings "${shown}": ${reason}`;
    throw new UserError(message, {
      kind: "usage",
      code: "SHARD_TIMINGS_INVALID",
      hints: [
        hint ??
          "Pass a smoke artifact (e.g. a previous run's file in runs/, or a copy of its " +
            "latest.json) or a durations.json, or leave out --timings to use the artifact " +
            "directory's durations.json.",
      ],
    });
  };
  // latest.json moves with every run: the next shard here would split by this one's results.
  if (namesLatest(path, historyPaths(dir))) {
    throw new UserError(
      `Cannot split by timings "${shown}": every run replaces it, so the shards run after ` +
        "this one would split by other timings (and could run a fixture twice or not at all)",
      {
        kind: "usage",
        code: "SHARD_TIMINGS_INVALID",
        hints: [
          "Copy it first and give the copy to every shard (cp latest.json timings.json), pass " +
          "the run file it came from (runs/<runId>.json), or leave out --timings to split by " +
          "the artifact directory's durations.json.",
        ],
      },
    );
  }
  const file = await readSourceFile(path);
  if (!file.ok) return fail(file.message);
  // Parsed once, then read as a durations summary or else as an artifact (a previous run's
  // artifact can be megabytes).
  const value = jsonValue(file.text);
  if (value === undefined) {
    // Not JSON: the artifact check says where, by line and column.
    const checked = checkSource(file.text);
    return fail(checked.ok ? "it is not JSON" : checked.message);
  }
  // A file a user names is read whole or refused: an entry left out would get the default.
  const refuse = (left: { count: number; lines: string[] }, hint: string): never => {
    const more = left.count - left.lines.length;
    return fail([...left.lines, ...(more ? [`... and ${more} more`] : [])].join("\n"), hint);
  };
  const { samples: summary, leftOut } = summaryOfValue(value);
  if (summary) {
    if (leftOut) {
      return refuse(
        leftOut,
        "Fix or remove these entries: each id's durations are a list of milliseconds, newest " +
          'first (e.g. "api/health": [1200, 1150]).',
      );
    }
    return { timings: { byId: summary.byId, shown, given: true } };
  }
  const unread = durationsProblemOfValue(value);
  if (unread) return fail(unread);
  // Neither kind (`{}`, a package.json): said as such, not only as what an artifact lacks.
  if (typeof value !== "object" || value === null || !("schemaVersion" in value)) {
    return fail(
      'it is neither a smoke artifact (no "schemaVersion") nor a durations summary (no ' +
        '"version": 1 with "fixtures")',
    );
  }
  const checked = checkSourceValue(value);
  if (!checked.ok) return fail(checked.message);
  const byId = new Map<string, number[]>();
  const unusable = { count: 0, lines: [] as string[] };
  checked.artifact.fixtures.forEach((result, i) => {
    // Finished results only, as in durations.json: an interrupted one was cut short, not measured.
    if (result.attempts === 0 || result.failure?.kind === "interrupted") return;
    if (usableDurationMs(result.durationMs)) byId.set(result.id, [result.durationMs]);
    else if (unusable.count++ < 10) {
      unusable.lines.push(unusableDurationLine(`fixtures[${i}].durationMs`, result.durationMs));
    }
  });
  if (unusable.count) {
    // No smoke run records such a duration: a hand edit, or a damaged or crafted file.
    return refuse(
      unusable,
      "Pass a previous run's artifact as smoke wrote it (a file in runs/), or a durations.json.",
    );
  }
  return { timings: { byId, shown, given: true } };
}

/**
 * The timings a split reads from the artifact directory's own summary: what the splits here
 * share since the last run of another kind (its `split`), else its newest durations.
 */
function ownTimings(
  samples: {
    byId: Map<string, number[]>;
    splits?: { suite: string; timings: Map<string, number[]> }[];
  },
  shown: string,
  suite: string,
  formerSuite?: string,
): Timings {
  // This suite's shared timings; another suite's sharing the artifact directory are left to it.
  // Under the suite's former name when a split began before this smoke named suites as it does.
  const ours = samples.splits?.find((split) => split.suite === suite) ??
    (formerSuite ? samples.splits?.find((split) => split.suite === formerSuite) : undefined);
  return ours ? { byId: ours.timings, shown, shared: true } : { byId: samples.byId, shown };
}
