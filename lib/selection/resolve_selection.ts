/**
 * Resolving a run's selection from flags: the catalog on disk, `--fixture`,
 * the rerun-failed preflight and `--shard` (its listing: `render_dry_run.ts`).
 *
 * @module
 */
import type { PlacedEntry } from "../config/quarantine_file.ts";
import { dayOf, type QuarantineMark, resolveQuarantine } from "./quarantine.ts";
import { closeOverNeeds, skippedAnyway, skippedWhatever } from "../catalog/needs.ts";
import { resolve } from "../base/path.ts";
import type { Artifact, Diagnostic } from "../artifact/artifact.ts";
import type { DurationsRead } from "../artifact/durations_file.ts";
import { type Fixture, scanCatalog } from "../catalog/catalog.ts";
import type { Options } from "../config/config.ts";
import { PreflightError } from "../base/errors.ts";
import { historyPaths } from "../artifact/history.ts";
import { realPath, sameFile } from "../artifact/same_file.ts";
import { fixtureLimits, planFixture, type PlannedFixture, shellQuote } from "./plan.ts";
import type { IfNone, Preflight } from "./rerun_preflight.ts";
import {
  excludeFixtures,
  filterByPatterns,
  filterByTags,
  formerSuiteKey,
  type Shard,
  shardIndexOf,
  shardsWithFixtures,
  splitDigest,
  suiteKey,
} from "./select.ts";
import { fingerprintFixtures } from "../catalog/fingerprint.ts";
import { idList } from "../base/id_list.ts";
import { longestOf } from "./durations.ts";
import type { ShardBy } from "./duration_shards.ts";
import { durationShardOf, type ShardPlan } from "./shard_plan.ts";
import { noTimingsWarning } from "./shard_plan_lines.ts";

export { idList };

/** A rerun's outstanding fixtures by whether their files changed since they failed. */
export interface RerunChanges {
  /** Changed since they failed: a rerun tests a fix. */
  changed: string[];
  /** Unchanged: a pass on a rerun points to a flake, not a fix. */
  unchanged: string[];
  /** No fingerprint recorded when they failed (or the files cannot be read now). */
  unknown: string[];
}

/** What a shard's artifact records of its split, so that a merge can tell it is every shard. */
export interface ShardRecord {
  /** The digest of the split (see {@linkcode splitDigest}): the same in every shard of it. */
  split: string;
  /** The shards that got fixtures, ascending, when some got none (those write nothing). */
  withFixtures?: number[];
}

/** A resolved selection and what the run records about it. */
export interface Selection {
  /** The fixtures to run, planned, in catalog order. */
  planned: PlannedFixture[];
  /** The artifact's mode. */
  mode: Artifact["mode"];
  /** Warnings found while selecting (stale fixtures). */
  diagnostics: Diagnostic[];
  /** The rerun-failed preflight, for a rerun. */
  rerun?: Preflight;
  /** The catalog's ids (the suite's verdict leaves out fixtures it no longer has). */
  catalogIds?: readonly string[];
  /** For a rerun: which outstanding fixtures changed since they failed. */
  changes?: RerunChanges;
  /** Nothing was outstanding (`--if-none pass` or `all`): why. */
  none?: string;
  /** For `--shard-by duration`: each shard's predicted total. */
  shardPlan?: ShardPlan;
  /** With `--shard`: which shard. */
  shard?: Shard;
  /** With `--shard`: what the artifact records of the split beside the shard's number. */
  shardRecord?: ShardRecord;
  /** Fixtures run because a selected fixture needs them, or as teardowns: id -> why. */
  pulledIn?: ReadonlyMap<string, string>;
  /** The fixtures a quarantine entry protects today, by id. */
  quarantine?: ReadonlyMap<string, QuarantineMark>;
  /** A rerun shard: how many fixtures the rerun owes in all, before the shard kept its part. */
  owed?: number;
  /** The suite (see {@linkcode suiteKey}): whose shared split timings the durations summary keeps. */
  suite?: string;
  /** The suite's name as an earlier smoke wrote it (a digest of the real path): its own too. */
  formerSuite?: string;
  /**
   * The artifact directory's durations summary as a split by duration read it: the start order
   * takes it rather than reading the file again (see `readDurationsFile`).
   */
  durationsRead?: DurationsRead;
}

/** Where and how the selection is resolved. */
export interface SelectionContext {
  /** Absolute working directory. */
  cwd: string;
  /** The Deno executable for script fixtures. */
  deno: string;
  /** The command that starts smoke, location flags included (for hints). */
  command: string;
  /** The quarantine entries (config and `quarantineFile`), with where each is written. */
  quarantine?: readonly PlacedEntry[];
  /** Today, `YYYY-MM-DD` (UTC): a quarantine entry protects through its `until` day. */
  today?: string;
}

/** The location flags a printed command repeats, as the user gave them. */
export interface LocationFlags {
  /** `--config PATH`. */
  config?: string;
  /** `--fixtures-dir DIR`. */
  fixturesDir?: string;
  /** `--artifact-dir DIR`. */
  artifactDir?: string;
}

/**
 * Flags a printed command must keep to find the same files.
 *
 * @param flags The parsed flags.
 * @returns `--config`, `--fixtures-dir` and `--artifact-dir` with their values, when given.
 *
 * @example
 * ```ts
 * import { locationFlags } from "./resolve_selection.ts";
 * import { parseFlags } from "../cli/flags.ts";
 * import assert from "node:assert/strict";
 *
 * assert.deepEqual(locationFlags(parseFlags(["--artifact-dir", "out", "--retries", "1"])), [
 *   "--artifact-dir",
 *   "out",
 * ]);
 * ```
 */
export function locationFlags(flags: LocationFlags): string[] {
  const out: string[] = [];
  if (flags.config) out.push("--config", flags.config);
  if (flags.fixturesDir) out.push("--fixtures-dir", flags.fixturesDir);
  if (flags.artifactDir) out.push("--artifact-dir", flags.artifactDir);
  return out;
}

/**
 * The command that starts smoke again on the same files: the invocation with
 * the user's location flags.
 *
 * @param invocation How smoke was started, e.g. `deno task smoke`.
 * @param flags The parsed flags.
 * @returns One line a user can paste.
 *
 * @example
 * ```ts
 * import { smokeCommand } from "./resolve_selection.ts";
 * import { parseFlags } from "../cli/flags.ts";
 * import assert from "node:assert/strict";
 *
 * assert.equal(
 *   smokeCommand("deno task smoke", parseFlags(["--config", "ci smoke.jsonc"])),
 *   "deno task smoke --config 'ci smoke.jsonc'",
 * );
 * ```
 */
export function smokeCommand(invocation: string, flags: LocationFlags): string {
  const location = locationFlags(flags);
  return location.length ? `${invocation} ${shellQuote(location)}` : invocation;
}

/** What to select, as plain values (the CLI's flags fit). */
export interface SelectionRequest {
  /** `--fixture` patterns, in order. */
  fixtures: string[];
  /** `--tag` names: fixtures with any of them. */
  tags?: string[];
  /** `--exclude` patterns. */
  excludes?: string[];
  /** `--exclude-tag` names. */
  excludeTags?: string[];
  /** Only what failed in the artifact. */
  rerunFailed: boolean;
  /** The artifact a rerun reads (default `<artifactDir>/latest.json`). */
  artifact?: string;
  /** Refuse a rerun of more failures than this. */
  rerunMaxFailures?: number;
  /** Only this shard of the selection. */
  shard?: Shard;
  /** How shards are split (default `hash`). */
  shardBy?: ShardBy;
  /** The timings file for `shardBy: "duration"` (default `<artifactDir>/durations.json`). */
  timings?: string;
  /** With `rerunFailed`: what to do when nothing is outstanding (default `fail`). */
  ifNone?: IfNone;
}

/**
 * Reads the catalog and resolves the selection: `--fixture` patterns, then
 * the failed ids of the rerun source, then `--shard`.
 *
 * @param flags The parsed flags.
 * @param options The merged options.
 * @param context Working directory, Deno, and the smoke command for hints.
 * @returns The planned selection.
 * @throws {UserError} On catalog errors or an unknown `--fixture` (exit 2).
 * @throws {PreflightError} When a rerun cannot go ahead.
 *
 * @example
 * ```ts
 * import { resolveSelection } from "./resolve_selection.ts";
 * import { resolveOptions } from "../config/config.ts";
 * import { parseFlags } from "../cli/flags.ts";
 * import assert from "node:assert/strict";
 *
 * const cwd = await Deno.makeTempDir();
 * await Deno.mkdir(`${cwd}/fixtures`);
 * await Deno.writeTextFile(`${cwd}/fixtures/a.smoke.ts`, "");
 * const flags = parseFlags(["--fixture", "a"]);
 * const selection = await resolveSelection(flags, resolveOptions(flags, {}, 1), {
 *   cwd, deno: "deno", command: "deno task smoke",
 * });
 * assert.equal(selection.mode, "selected");
 * assert.deepEqual(selection.planned.map((p) => p.fixture.id), ["a"]);
 * await Deno.remove(cwd, { recursive: true });
 * ```
 */
export async function resolveSelection(
  flags: SelectionRequest,
  options: Options,
  context: SelectionContext,
): Promise<Selection> {
  const { cwd } = context;
  const scan = scanCatalog({ cwd, fixturesDir: resolve(cwd, options.fixturesDir) });
  const catalog = scan.fixtures;
  const catalogIds = catalog.map((f) => f.id);
  // Catalog, --fixture, --tag, the excludes; then the rerun, then the shard.
  let chosen = filterByTags(filterByPatterns(catalog, flags.fixtures), flags.tags ?? [], catalog);
  const excluded = excludeFixtures(chosen, {
    patterns: flags.excludes ?? [],
    tags: flags.excludeTags ?? [],
  }, catalog);
  chosen = excluded.kept;
  /** The selection before the rerun keeps what is owed (a rerun shard may be placed by it). */
  const beforeRerun = chosen;
  /** The rerun reads the artifact directory's own latest.json, which every run rewrites. */
  let rerunOfLatest = false;
  let rerun: Preflight | undefined;
  let none: string | undefined;
  const diagnostics: Diagnostic[] = [...scan.diagnostics, ...unmatchedWarnings(excluded.unmatched)];
  // The quarantine, against the whole catalog and today's date.
  const quarantine = context.quarantine?.length
    ? resolveQuarantine(context.quarantine, catalogIds, context.today ?? dayOf(new Date()))
    : undefined;
  if (quarantine) diagnostics.push(...quarantine.diagnostics);
  // Only a run that reads an artifact loads zod: a full run starts without it.
  const history = historyPaths(resolve(cwd, options.artifactDir));
  // Whose shared split timings the durations summary keeps for this run: its catalog's (the
  // same suite wherever it is checked out, whatever the paths, as a split's timings hold every
  // id of its catalog).
  const suite = await suiteKey(catalogIds);
  // Its name before (a digest of the fixtures directory's real path), under which a summary
  // written by an earlier smoke keeps a split begun then: still found, and replaced or dropped
  // as the suite's own.
  const formerSuite = await formerSuiteKey(realPath(resolve(cwd, options.fixturesDir)));
  if (flags.rerunFailed) {
    const [{ preflight }, { newestRealRun, readHistoryRun }] = await Promise.all([
      import("./rerun_preflight.ts"),
      import("../artifact/run_history.ts"),
    ]);
    const path = flags.artifact ? resolve(cwd, flags.artifact) : history.latest;
    rerunOfLatest = !flags.artifact || sameFile(path, history.latest);
    try {
      rerun = await preflight({
        path,
        shownPath: flags.artifact ?? `${options.artifactDir}/latest.json`,
        catalogIds,
        selectedIds: chosen.map((f) => f.id),
        patterns: flags.fixtures,
        filters: filtersOf(flags),
        maxFailures: flags.rerunMaxFailures,
        fallback: context.command,
        readRun: (runId) => readHistoryRun(history, runId),
        ...(flags.ifNone ? { ifNone: flags.ifNone } : {}),
        newestRun: () => newestRealRun(history, { shownDir: options.artifactDir, exclude: path }),
      });
    } catch (error) {
      if (!(error instanceof PreflightError) || diagnostics.length === 0) throw error;
      // The catalog's warnings belong in the diagnostics artifact too.
      const warnings = error.diagnostics.filter((d) => d.level === "warning");
      throw new PreflightError(error.code, error.message, error.hints, [
        ...diagnostics,
        ...warnings,
      ]);
    }
    diagnostics.push(...rerun.diagnostics);
    none = rerun.none;
    if (none !== undefined && flags.ifNone === "all") {
      // Nothing is owed: --if-none all runs the selection instead, as a run without --rerun-failed.
      rerun = undefined;
    } else {
      const ids = new Set(rerun.rerunIds);
      chosen = chosen.filter((f) => ids.has(f.id));
    }
  }
  const filtered = flags.fixtures.length > 0 || (flags.tags ?? []).length > 0 ||
    (flags.excludes ?? []).length > 0 || (flags.excludeTags ?? []).length > 0;
  let shardPlan: ShardPlan | undefined;
  let durationsRead: DurationsRead | undefined;
  let shardRecord: ShardRecord | undefined;
  const owed = rerun && flags.shard ? chosen.length : undefined;
  // What the run skips whatever happens (its own skip, or a need's): a duration split expects no
  // time of it, and it brings only the needs that skip it.
  const skipped = skippedWhatever(catalog);
  if (flags.shard) {
    // Each fixture's shard, by hash or by duration; then what the artifact records of the split.
    let placed: number[];
    if (flags.shardBy === "duration") {
      const { readTimings } = await import("./read_timings.ts");
      const read = await readTimings({
        cwd,
        artifactDir: options.artifactDir,
        suite,
        formerSuite,
        ...(flags.timings !== undefined ? { timings: flags.timings } : {}),
      });
      if (read.warning) diagnostics.push(read.warning);
      durationsRead = read.read;
      const split = durationShardOf(chosen, flags.shard, read.timings, {
        skipped,
        catalogIds,
        // A shard runs the needs of its fixtures: they count in its total, wherever they are.
        graph: catalog,
        // The longest each can take with its timeout now.
        capMs: longestOf(
          catalog.map((fixture) => ({ fixture, ...fixtureLimits(fixture, options) })),
        ),
        // What is owed changes with each shard's rerun when they read the folder's latest.json:
        // placed as the whole selection splits, every shard finds its fixtures where they were.
        ...(rerun && rerunOfLatest ? { placeBy: beforeRerun } : {}),
      });
      placed = split.shardOf;
      shardPlan = split.plan;
      // Timings read, but none of the fixtures': a split by count, said as such.
      const noTimings = noTimingsWarning(split.plan);
      if (noTimings) diagnostics.push(noTimings);
    } else placed = chosen.map((f) => shardIndexOf(f.id, flags.shard!.total));
    const { index, total } = flags.shard;
    const withFixtures = shardsWithFixtures(placed, total);
    const by = flags.shardBy === "duration" ? "duration" : "hash";
    shardRecord = {
      ...(withFixtures ? { withFixtures } : {}),
      split: await splitDigest(by, total, chosen.map((f, i) => [f.id, placed[i]])),
    };
    chosen = chosen.filter((_, i) => placed[i] === index);
  }
  // A fixture runs with what it needs and with the teardowns that clean up after its needs,
  // whatever the filters, the rerun or the shard kept (a shard runs its own setup).
  const closed = closeOverNeeds(chosen.map((f) => f.id), catalog, skipped);
  if (closed.pulledIn.size) chosen = catalog.filter((f) => closed.ids.has(f.id));
  // An exclude does not take a fixture's needs away: say so when it tried.
  const excludes = { patterns: flags.excludes ?? [], tags: flags.excludeTags ?? [] };
  if ((excludes.patterns.length || excludes.tags.length) && closed.pulledIn.size) {
    const pulled = catalog.filter((f) => closed.pulledIn.has(f.id));
    const kept = new Set(excludeFixtures(pulled, excludes, catalog).kept.map((f) => f.id));
    const skips = skippedAnyway(chosen);
    for (const f of pulled) {
      if (kept.has(f.id)) continue;
      const why = closed.pulledIn.get(f.id);
      const skip = skips.get(f.id);
      diagnostics.push({
        code: "NEED_EXCLUDED",
        level: "warning",
        message: skip === undefined
          ? `"${f.id}" is excluded, but it runs: ${why}`
          : `"${f.id}" is excluded, but it stays in the run, skipped (${skip}): ${why}`,
        hint: (skip === undefined
          ? "A fixture runs with what it needs and with its teardowns."
          : "It does not run; it is listed so that what needs it says why it is skipped.") +
          " To leave it out, leave out (or exclude) the fixtures that need it too.",
      });
    }
  }
  const planned = chosen.map((fixture) => {
    const plan = planFixture(fixture, { options, deno: context.deno });
    const mark = quarantine?.protects.get(fixture.id);
    return mark ? { ...plan, quarantine: mark } : plan;
  });
  const mode = rerun ? "rerun-failed" : filtered ? "selected" : "full";
  const changes = rerun ? await rerunChanges(rerun, chosen, cwd) : undefined;
  return {
    planned,
    mode,
    diagnostics,
    ...(rerun ? { rerun } : {}),
    catalogIds,
    ...(changes ? { changes } : {}),
    ...(none !== undefined ? { none } : {}),
    ...(shardPlan ? { shardPlan } : {}),
    ...(flags.shard ? { shard: flags.shard } : {}),
    ...(shardRecord ? { shardRecord } : {}),
    ...(closed.pulledIn.size ? { pulledIn: closed.pulledIn } : {}),
    ...(quarantine?.protects.size ? { quarantine: quarantine.protects } : {}),
    ...(owed !== undefined ? { owed } : {}),
    suite,
    formerSuite,
    ...(durationsRead ? { durationsRead } : {}),
  };
}

/**
 * Every selection filter given, as the flags that gave it, for messages.
 *
 * @param flags The selection request.
 * @returns E.g. `["--fixture api/**", "--tag slow"]`.
 *
 * @example
 * ```ts
 * import { filtersOf } from "./resolve_selection.ts";
 * import assert from "node:assert/strict";
 *
 * assert.deepEqual(filtersOf({ fixtures: ["a"], tags: ["api"], rerunFailed: false }), [
 *   "--fixture a",
 *   "--tag api",
 * ]);
 * ```
 */
export function filtersOf(
  flags: Pick<SelectionRequest, "fixtures" | "tags" | "excludes" | "excludeTags"> & {
    rerunFailed?: boolean;
  },
): string[] {
  return [
    ...flags.fixtures.map((p) => `--fixture ${p}`),
    ...(flags.tags ?? []).map((t) => `--tag ${t}`),
    ...(flags.excludes ?? []).map((p) => `--exclude ${p}`),
    ...(flags.excludeTags ?? []).map((t) => `--exclude-tag ${t}`),
  ];
}

/** Warnings for excludes that match no fixture of the catalog (a typo, or a fixture gone). */
function unmatchedWarnings(unmatched: { patterns: string[]; tags: string[] }): Diagnostic[] {
  const what = filtersOf({
    fixtures: [],
    excludes: unmatched.patterns,
    excludeTags: unmatched.tags,
  });
  if (what.length === 0) return [];
  return [{
    code: "EXCLUDE_MATCHES_NOTHING",
    level: "warning",
    message: `${what.join(", ")} match${what.length === 1 ? "es" : ""} no fixture`,
    hint: "Check the spelling; --list shows the ids and --dry-run each fixture's tags.",
  }];
}

async function rerunChanges(
  rerun: Preflight,
  chosen: readonly Fixture[],
  cwd: string,
): Promise<RerunChanges> {
  const now = await fingerprintFixtures(chosen, cwd);
  const then = new Map(rerun.failed.map((f) => [f.id, f.fingerprint]));
  // A fixture that never started (--max-failures, an interrupt) did not fail on its content.
  const neverRan = new Set(
    rerun.failed.filter((f) => f.kind === "not-run" || f.kind === "interrupted").map((f) => f.id),
  );
  const changes: RerunChanges = { changed: [], unchanged: [], unknown: [] };
  for (const fixture of chosen) {
    if (neverRan.has(fixture.id)) continue;
    const before = then.get(fixture.id);
    const after = now.get(fixture.id);
    if (before === undefined || after === undefined) changes.unknown.push(fixture.id);
    else if (before === after) changes.unchanged.push(fixture.id);
    else changes.changed.push(fixture.id);
  }
  return changes;
}
