/**
 * Expected durations from smoke's own history, and the longest-first start
 * order they give (LPT). Pure: `schedule.ts` reads the durations summary and
 * plans a run's start order with them. Only ids and numbers are taken from the
 * history (already checked); nothing from it names a file or a command.
 *
 * Fingerprints are not consulted: a fixture whose files changed keeps its
 * estimate (fingerprints are recorded for failed results only).
 *
 * @module
 */
import type { Artifact } from "../artifact/artifact.ts";
import { usableDurationMs } from "../artifact/durations_summary.ts";
import { dependenciesFirst, needIndices } from "../catalog/needs.ts";

/** A fixture's estimate is the median of at most this many of its newest finished attempts. */
export const DURATION_SAMPLES = 10;
/** The expected duration when no fixture has any history. */
export const DEFAULT_DURATION_MS = 1000;

/** `--order`: start in id order, or longest expected first. */
export type StartOrderMode = "id" | "duration";

/** One fixture's expected duration. */
export interface Estimate {
  /** Milliseconds. */
  ms: number;
  /** How many recorded results it is the median of; 0 for the default. */
  samples: number;
  /**
   * Cut to the longest the fixture can take now (its timeout, times its attempts) from well over
   * it (over 10%: the timeout was lowered since).
   */
  capped?: boolean;
}

/** Expected durations of some fixtures. */
export interface Estimates {
  /** By fixture id; every id asked for has one. */
  byId: Map<string, Estimate>;
  /** The default given to fixtures with no history. */
  defaultMs: number;
  /** How many fixtures' estimates the default is the median of (0: {@linkcode DEFAULT_DURATION_MS}). */
  defaultOf: number;
}

/** Options for {@linkcode expectedDurations}. */
export interface EstimateOptions {
  /** Results per fixture (default {@linkcode DURATION_SAMPLES}). */
  samples?: number;
  /**
   * The fixtures whose estimates give the default (the catalog's: then a shard, a rerun and
   * a whole run give a fixture with no history the same default); default the ids estimated.
   */
  defaultFrom?: readonly string[];
  /**
   * The longest a fixture can take now, by id (its timeout times its attempts): an estimate
   * from longer durations (recorded before its timeout was lowered) is cut to it.
   */
  capMs?: (id: string) => number | undefined;
}

/**
 * The median of some numbers (the mean of the middle two for an even count).
 *
 * @param values At least one number.
 * @returns The median.
 *
 * @example
 * ```ts
 * import { median } from "./durations.ts";
 * import assert from "node:assert/strict";
 *
 * assert.equal(median([5, 1, 3]), 3);
 * assert.equal(median([4, 1, 3, 2]), 2.5);
 * ```
 */
export function median(values: readonly number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  const mid = sorted.length >> 1;
  return sorted.length % 2 === 1 ? sorted[mid] : (sorted[mid - 1] + sorted[mid]) / 2;
}

/**
 * Each fixture's expected duration: the median of the `durationMs` of its
 * newest `samples` results that ran (`attempts` > 0: passed and failed, a
 * timeout at the time it took, retries included in the total; skipped,
 * not-run and interrupted-before-start results are left out). A fixture with
 * none gets the default: the median of the other estimates, or
 * {@linkcode DEFAULT_DURATION_MS} when there are none.
 *
 * @param runs Artifacts, newest first.
 * @param ids The fixtures to estimate.
 * @param options How many results per fixture.
 * @returns An estimate for every id, and the default used.
 *
 * @example
 * ```ts
 * import { expectedDurations } from "./durations.ts";
 * import type { Artifact } from "../artifact/artifact.ts";
 * import assert from "node:assert/strict";
 *
 * const run = (ms: number) => ({
 *   fixtures: [{ id: "a", durationMs: ms, attempts: 1 }],
 * }) as unknown as Artifact;
 * const { byId, defaultMs } = expectedDurations([run(300), run(100), run(200)], ["a", "b"]);
 * assert.deepEqual(byId.get("a"), { ms: 200, samples: 3 });
 * assert.deepEqual(byId.get("b"), { ms: 200, samples: 0 });
 * assert.equal(defaultMs, 200);
 * ```
 */
export function expectedDurations(
  runs: readonly Pick<Artifact, "fixtures">[],
  ids: readonly string[],
  options: EstimateOptions = {},
): Estimates {
  const k = options.samples ?? DURATION_SAMPLES;
  const seen = new Map<string, number[]>();
  for (const run of runs) {
    for (const result of run.fixtures) {
      if (result.attempts <= 0) continue;
      if (!usableDurationMs(result.durationMs)) continue;
      const list = seen.get(result.id) ?? [];
      if (list.length < k) list.push(result.durationMs);
      seen.set(result.id, list);
    }
  }
  return estimatesFrom(seen, ids, options);
}

/**
 * Each fixture's expected duration from its newest durations (a summary's,
 * or those {@linkcode expectedDurations} gathers from runs): the median of at
 * most `samples` of them; a fixture with none gets the default, the median
 * of the other estimates (of `defaultFrom`, when given), or
 * {@linkcode DEFAULT_DURATION_MS} when there are none.
 *
 * @param byId Milliseconds by fixture id, newest first.
 * @param ids The fixtures to estimate.
 * @param options How many durations per fixture; whose estimates give the default; the
 * longest each fixture can take now.
 * @returns An estimate for every id, and the default used.
 *
 * @example
 * ```ts
 * import { estimatesFrom } from "./durations.ts";
 * import assert from "node:assert/strict";
 *
 * const { byId } = estimatesFrom(new Map([["a", [5, 7, 9]]]), ["a", "b"]);
 * assert.deepEqual(byId.get("a"), { ms: 7, samples: 3 });
 * assert.deepEqual(byId.get("b"), { ms: 7, samples: 0 });
 * // The default from the whole catalog's estimates, whichever fixtures are estimated.
 * const durations = new Map([["a", [5]], ["c", [1000]], ["d", [2000]]]);
 * const shard = estimatesFrom(durations, ["b"], { defaultFrom: ["a", "b", "c", "d"] });
 * assert.equal(shard.byId.get("b")?.ms, 1000);
 * // A fixture whose timeout is now shorter than what it took is expected to take its timeout.
 * const cut = estimatesFrom(durations, ["d"], { capMs: () => 500 });
 * assert.deepEqual(cut.byId.get("d"), { ms: 500, samples: 1, capped: true });
 * // One that timed out: a little over its timeout, cut to it without a word.
 * const out = estimatesFrom(new Map([["t", [606]]]), ["t"], { capMs: () => 600 });
 * assert.deepEqual(out.byId.get("t"), { ms: 600, samples: 1 });
 * ```
 */
export function estimatesFrom(
  byId: ReadonlyMap<string, readonly number[]>,
  ids: readonly string[],
  options: EstimateOptions = {},
): Estimates {
  const k = options.samples ?? DURATION_SAMPLES;
  const estimateOf = (id: string): Estimate | undefined => {
    const list = byId.get(id)?.slice(0, k) ?? [];
    return list.length ? { ms: median(list), samples: list.length } : undefined;
  };
  const known = new Map<string, Estimate>();
  for (const id of new Set(ids)) {
    const estimate = estimateOf(id);
    if (estimate) known.set(id, estimate);
  }
  const others = options.defaultFrom
    ? [...new Set(options.defaultFrom)].flatMap((id) => estimateOf(id)?.ms ?? [])
    : [...known.values()].map((e) => e.ms);
  const defaultMs = others.length > 0 ? median(others) : DEFAULT_DURATION_MS;
  const defaultOf = others.length;
  const estimates = new Map<string, Estimate>();
  for (const id of ids) {
    const estimate = known.get(id) ?? { ms: defaultMs, samples: 0 };
    const cap = options.capMs?.(id);
    // A timed-out attempt is recorded a little over its timeout (the time to stop it): said
    // only when the estimate was well over it (the timeout was lowered since).
    const cut = cap !== undefined && estimate.ms > cap
      ? { ms: cap, ...(estimate.ms > cap * 1.1 ? { capped: true } : {}) }
      : {};
    estimates.set(id, { ...estimate, ...cut });
  }
  return { byId: estimates, defaultMs, defaultOf };
}

/**
 * The longest-first start order: indices into `ids`, by descending expected
 * duration, ties by id (then by index). Deterministic.
 *
 * @param ids The fixture ids, in the order results are kept.
 * @param expectedMs Each one's expected duration.
 * @returns The indices in the order to start them.
 *
 * @example
 * ```ts
 * import { longestFirst } from "./durations.ts";
 * import assert from "node:assert/strict";
 *
 * assert.deepEqual(longestFirst(["a", "b", "z"], [300, 300, 1500]), [2, 0, 1]);
 * ```
 */
export function longestFirst(ids: readonly string[], expectedMs: readonly number[]): number[] {
  return ids.map((_, i) => i).sort((i, j) =>
    expectedMs[j] - expectedMs[i] || (ids[i] < ids[j] ? -1 : ids[i] > ids[j] ? 1 : i - j)
  );
}

/**
 * The start order with `needs`: longest first by each fixture's chain, its own
 * expected duration plus the longest chain of what needs it (a teardown
 * counts as one of what needs its needs), so a short setup that a long
 * fixture waits for starts before fixtures that wait for nothing (the
 * critical path first). Without `needs` it is {@linkcode longestFirst}.
 * Deterministic: equal chains by id.
 *
 * @param fixtures Each fixture's id and `needs`, in the order results are kept.
 * @param expectedMs Each one's expected duration.
 * @returns The indices in the order to start them.
 *
 * @example
 * ```ts
 * import { longestChainFirst } from "./durations.ts";
 * import assert from "node:assert/strict";
 *
 * const fixtures = [
 *   { id: "api/orders", needs: ["setup/db"] },
 *   { id: "cli/a", needs: [] },
 *   { id: "setup/db", needs: [] },
 * ];
 * // setup/db's chain is 500 + 1500 ms: it starts first, though cli/a takes longer itself.
 * assert.deepEqual(longestChainFirst(fixtures, [1500, 1800, 500]), [2, 1, 0]);
 * ```
 */
export function longestChainFirst(
  fixtures: readonly { id: string; needs: readonly string[] }[],
  expectedMs: readonly number[],
): number[] {
  if (fixtures.every((f) => f.needs.length === 0)) {
    return longestFirst(fixtures.map((f) => f.id), expectedMs);
  }
  const dependants: number[][] = fixtures.map(() => []);
  needIndices(fixtures).forEach((needs, j) => needs.forEach((i) => dependants[i].push(j)));
  // Each fixture after what needs it (a chain of 20,000 walked without recursion); on a cycle,
  // which the catalog refuses anyway, what is not known yet counts nothing.
  const chain = new Array<number>(fixtures.length).fill(-1);
  for (const i of dependenciesFirst(fixtures.map((_, i) => i), (i) => dependants[i])) {
    let longest = 0;
    for (const j of dependants[i]) if (chain[j] > longest) longest = chain[j];
    chain[i] = expectedMs[i] + longest;
  }
  return longestFirst(fixtures.map((f) => f.id), chain);
}

/**
 * The longest each planned fixture can take now, by id: its timeout times its attempts (a
 * timed-out attempt is recorded at about its timeout).
 *
 * @param fixtures The fixtures, with their timeout and retries.
 * @returns The longest, by id; undefined for an id not among them.
 *
 * @example
 * ```ts
 * import { longestOf } from "./durations.ts";
 * import assert from "node:assert/strict";
 *
 * const longest = longestOf([{ fixture: { id: "a" }, timeoutMs: 500, retries: 2 }]);
 * assert.equal(longest("a"), 1500);
 * assert.equal(longest("b"), undefined);
 * ```
 */
export function longestOf(
  fixtures: readonly { fixture: { id: string }; timeoutMs: number; retries: number }[],
): (id: string) => number | undefined {
  const byId = new Map(fixtures.map((p) => [p.fixture.id, p.timeoutMs * (p.retries + 1)]));
  return (id) => byId.get(id);
}

/**
 * A duration as the dry run shows it: `1.2s`, `350ms`.
 *
 * @param ms Milliseconds.
 * @returns The text.
 *
 * @example
 * ```ts
 * import { formatExpected } from "./durations.ts";
 * import assert from "node:assert/strict";
 *
 * assert.equal(formatExpected(1234), "1.2s");
 * assert.equal(formatExpected(350), "350ms");
 * ```
 */
export function formatExpected(ms: number): string {
  return ms >= 1000 ? `${(ms / 1000).toFixed(1)}s` : `${Math.round(ms)}ms`;
}
