/**
 * Shards: the predicted makespan (the slowest shard's total) of 4 hash shards
 * (`--shard I/4`) against 4 duration shards (`--shard I/4 --shard-by
 * duration`) for a timings set of 200 fixtures whose durations follow a
 * skewed (log-normal) distribution, and the lower bound max(sum / 4,
 * longest). Pure and deterministic (a seeded PRNG); no processes run.
 * Target: duration shards within 10% of the lower bound.
 *
 * @module
 */
import { type CaseResult, ms, table } from "../_util.ts";
import { shardOf } from "../../lib/selection/select.ts";
import { durationShardOf } from "../../lib/selection/shard_plan.ts";
import { readTimings } from "../../lib/selection/read_timings.ts";
import { createArtifact } from "../../lib/artifact/artifact.ts";

/** How many fixtures. */
const FIXTURES = 200;
/** How many shards. */
const SHARDS = 4;
/** The target: duration shards' makespan over the lower bound. */
const TARGET = 1.10;
/** The PRNG seed. */
const SEED = 13;
/** The log-normal's median (ms) and the sigma of its logarithm. */
const MEDIAN_MS = 2000;
const SIGMA = 1.0;

/**
 * A seeded pseudo-random generator (mulberry32): the same seed gives the
 * same numbers in [0, 1) on every machine.
 *
 * @param seed Any 32-bit integer.
 * @returns A function returning the next number.
 *
 * @example
 * ```ts
 * import { mulberry32 } from "./shards.ts";
 * import assert from "node:assert/strict";
 *
 * const a = mulberry32(1), b = mulberry32(1);
 * assert.equal(a(), b());
 * ```
 */
export function mulberry32(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/**
 * A deterministic timings set: `count` fixture ids with log-normal durations
 * (Box-Muller on a seeded PRNG), rounded to whole milliseconds.
 *
 * @param count How many fixtures.
 * @param seed The PRNG seed.
 * @returns Ids (`suite_NN/fixture_NNN`) and their durations, by position.
 *
 * @example
 * ```ts
 * import { lognormalTimings } from "./shards.ts";
 * import assert from "node:assert/strict";
 *
 * const timings = lognormalTimings(10, 1);
 * assert.equal(timings.ids.length, 10);
 * assert.deepEqual(timings, lognormalTimings(10, 1));
 * assert.ok(timings.ms.every((m) => m >= 1));
 * ```
 */
export function lognormalTimings(count: number, seed: number): { ids: string[]; ms: number[] } {
  const random = mulberry32(seed);
  const ids: string[] = [];
  const durations: number[] = [];
  for (let i = 0; i < count; i++) {
    const u1 = 1 - random(); // (0, 1]: log is finite
    const u2 = random();
    const z = Math.sqrt(-2 * Math.log(u1)) * Math.cos(2 * Math.PI * u2);
    ids.push(`suite_${String(i % 10).padStart(2, "0")}/fixture_${String(i).padStart(3, "0")}`);
    durations.push(Math.max(1, Math.round(MEDIAN_MS * Math.exp(SIGMA * z))));
  }
  return { ids, ms: durations };
}

/**
 * Runs the case.
 *
 * @returns Both makespans against the lower bound.
 *
 * @example
 * ```ts
 * import { run } from "./shards.ts";
 * import assert from "node:assert/strict";
 *
 * const result = await run();
 * assert.equal(result.name, "shards");
 * ```
 */
export async function run(): Promise<CaseResult> {
  const timings = lognormalTimings(FIXTURES, SEED);
  const byId = new Map(timings.ids.map((id, i) => [id, timings.ms[i]]));
  const sum = timings.ms.reduce((a, b) => a + b, 0);
  const longest = Math.max(...timings.ms);
  const bound = Math.max(sum / SHARDS, longest);

  // The timings come the way a runner gets them: a previous run's artifact, read by `--timings`.
  const dir = await Deno.makeTempDir({ prefix: "smoke-bench-shards-" });
  const read = await (async () => {
    try {
      const artifact = createArtifact({
        runId: "20261129T000000000Z-bench0",
        mode: "full",
        startedAt: new Date(0),
        finishedAt: new Date(sum),
        version: "bench",
        environment: { deno: Deno.version.deno, os: "linux", arch: "x86_64", ci: false },
        selection: { fixtureIds: timings.ids },
        fixtures: timings.ids.map((id, i) => ({
          id,
          status: "passed" as const,
          durationMs: timings.ms[i],
          attempts: 1,
          exitCode: 0,
          signal: null,
          timedOut: false,
        })),
      });
      await Deno.writeTextFile(`${dir}/latest.json`, JSON.stringify(artifact));
      return await readTimings({ cwd: dir, timings: "latest.json", artifactDir: ".smoke" });
    } finally {
      await Deno.remove(dir, { recursive: true });
    }
  })();
  if (!read.timings) throw new Error(`The timings artifact was not read: ${read.warning?.message}`);

  const selection = timings.ids.map((id) => ({ id }));
  const hashTotals = Array.from(
    { length: SHARDS },
    (_, s) =>
      shardOf(selection, { index: s + 1, total: SHARDS })
        .reduce((total, fixture) => total + byId.get(fixture.id)!, 0),
  );
  const hashCounts = Array.from(
    { length: SHARDS },
    (_, s) => shardOf(selection, { index: s + 1, total: SHARDS }).length,
  );
  const shards = Array.from(
    { length: SHARDS },
    (_, s) => durationShardOf(selection, { index: s + 1, total: SHARDS }, read.timings).kept,
  );
  const split = {
    totals: shards.map((kept) => kept.reduce((total, f) => total + byId.get(f.id)!, 0)),
  };
  const covered = shards.flat().map((f) => f.id).sort();
  if (covered.join() !== [...timings.ids].sort().join()) {
    throw new Error("The duration shards do not cover the fixtures exactly once");
  }
  const durationCounts = shards.map((kept) => kept.length);
  const hashSpan = Math.max(...hashTotals);
  const durationSpan = Math.max(...split.totals);
  const ratio = durationSpan / bound;
  const ok = ratio <= TARGET;
  const sorted = [...timings.ms].sort((a, b) => a - b);
  const pct = (p: number) => sorted[Math.min(sorted.length - 1, Math.floor(p * sorted.length))];
  const totals = (values: number[], counts: number[]) =>
    values.map((v, i) => `${ms(v)} (${counts[i]})`).join(", ");
  return {
    name: "shards",
    ok,
    summary: `duration ${ratio.toFixed(3)}x bound, hash ${(hashSpan / bound).toFixed(3)}x ` +
      `(target <= ${TARGET.toFixed(2)}x)`,
    lines: [
      `${FIXTURES} fixtures, log-normal durations (median ${MEDIAN_MS} ms, sigma ${SIGMA}, ` +
      `seed ${SEED}), ${SHARDS} shards, timings read from a smoke artifact; predicted, no processes run`,
      `durations: sum ${ms(sum)}, p50 ${ms(pct(0.5))}, p90 ${ms(pct(0.9))}, p99 ${
        ms(pct(0.99))
      }, longest ${ms(longest)}`,
      `lower bound max(sum/${SHARDS}, longest) = ${ms(bound)}`,
      ...table(["split", "makespan", "/ bound", "shard totals (fixtures)"], [
        ["hash", ms(hashSpan), (hashSpan / bound).toFixed(3), totals(hashTotals, hashCounts)],
        [
          "duration",
          ms(durationSpan),
          ratio.toFixed(3),
          totals(split.totals, durationCounts),
        ],
      ]),
      `duration shards / lower bound: ${ratio.toFixed(3)} (target <= ${TARGET.toFixed(2)}) ${
        ok ? "ok" : "OVER TARGET"
      }`,
    ],
  };
}
