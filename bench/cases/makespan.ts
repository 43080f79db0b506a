/**
 * Makespan: a heterogeneous suite of `sleep` command fixtures (eight 1 s
 * fixtures and one 4 s fixture whose id sorts last) at concurrency 2. The
 * first run has no history (no `durations.json` in the artifact directory),
 * so smoke starts fixtures in id order and the long one starts last; the
 * second run has history and starts the longest first. Both walls are
 * reported against the lower bound max(sum / concurrency, longest) =
 * max(12 / 2, 4) = 6 s. Target: the second run within 10% of the bound.
 *
 * Each round starts from an empty artifact directory. Slow by nature (about
 * 15 s a round), so only a few rounds.
 *
 * @module
 */
import { join } from "node:path";
import {
  type CaseResult,
  DENO,
  expectRun,
  median,
  ms,
  raw,
  SMOKE_ENTRY,
  tempTree,
  timeCommand,
} from "../_util.ts";

/** Timed rounds, each a first (no history) and a second (history) run. */
const ROUNDS = 2;
/** The runner's concurrency. */
const CONCURRENCY = 2;
/** The target: the second run's wall over the lower bound. */
const TARGET = 1.10;
/** The short fixtures' seconds, and how many. */
const SHORT_S = 1;
const SHORTS = 8;
/** The long fixture's seconds. */
const LONG_S = 4;
/** The artifact directory, relative to the project. */
const ARTIFACT_DIR = "artifacts";

/**
 * The suite's files: `fixtures/a_N.smoke.jsonc` (short) and
 * `fixtures/z_long.smoke.jsonc` (long), each a `sleep` command.
 *
 * @returns Paths relative to the project, and their text.
 *
 * @example
 * ```ts
 * import { suiteFiles } from "./makespan.ts";
 * import assert from "node:assert/strict";
 *
 * const paths = Object.keys(suiteFiles()).sort();
 * assert.equal(paths.length, 9);
 * assert.equal(paths.at(-1), "fixtures/z_long.smoke.jsonc");
 * ```
 */
export function suiteFiles(): Record<string, string> {
  const files: Record<string, string> = {};
  for (let i = 1; i <= SHORTS; i++) {
    files[`fixtures/a_${i}.smoke.jsonc`] = `{ "command": ["sleep", "${SHORT_S}"] }\n`;
  }
  files["fixtures/z_long.smoke.jsonc"] = `{ "command": ["sleep", "${LONG_S}"] }\n`;
  return files;
}

async function exists(path: string): Promise<boolean> {
  try {
    await Deno.stat(path);
    return true;
  } catch (error) {
    if (error instanceof Deno.errors.NotFound) return false;
    throw error;
  }
}

/**
 * Runs the case.
 *
 * @returns Both walls against the lower bound.
 *
 * @example
 * ```ts ignore
 * const result = await run(); // takes about half a minute
 * ```
 */
export async function run(): Promise<CaseResult> {
  await using project = await tempTree(suiteFiles());
  const artifacts = join(project.dir, ARTIFACT_DIR);
  const smoke = {
    argv: [
      DENO,
      "run",
      "-A",
      SMOKE_ENTRY,
      "--concurrency",
      String(CONCURRENCY),
      "--artifact-dir",
      ARTIFACT_DIR,
    ],
    cwd: project.dir,
  };
  const passed = (what: string) => (o: Awaited<ReturnType<typeof timeCommand>>) =>
    expectRun(
      what,
      o,
      o.code === 0 && o.stdout.includes(`${SHORTS + 1} passed`) &&
        o.stdout.endsWith("RESULT: pass\n"),
    );
  // Loads and caches smoke's modules; writes nothing.
  await timeCommand({ ...smoke, argv: [...smoke.argv, "--list"] });
  const first: number[] = [];
  const second: number[] = [];
  for (let round = 0; round < ROUNDS; round++) {
    await Deno.remove(artifacts, { recursive: true }).catch((error) => {
      if (!(error instanceof Deno.errors.NotFound)) throw error;
    });
    const cold = await timeCommand(smoke);
    passed("smoke (first run)")(cold);
    if (!await exists(join(artifacts, "durations.json"))) {
      throw new Error(`the first run wrote no ${ARTIFACT_DIR}/durations.json`);
    }
    const warm = await timeCommand(smoke);
    passed("smoke (second run)")(warm);
    first.push(cold.ms);
    second.push(warm.ms);
  }
  const sum = SHORTS * SHORT_S + LONG_S;
  const boundMs = Math.max(sum / CONCURRENCY, LONG_S) * 1000;
  const firstRatio = median(first) / boundMs;
  const secondRatio = median(second) / boundMs;
  const ok = secondRatio <= TARGET;
  return {
    name: "makespan",
    ok,
    summary: `second run ${secondRatio.toFixed(2)}x bound, first ${firstRatio.toFixed(2)}x ` +
      `(target <= ${TARGET.toFixed(2)}x)`,
    lines: [
      `${SHORTS} x sleep ${SHORT_S} + 1 x sleep ${LONG_S} (id sorts last), concurrency ` +
      `${CONCURRENCY}, ${ROUNDS} rounds, each from an empty artifact directory`,
      `lower bound max(${sum}/${CONCURRENCY}, ${LONG_S}) s = ${ms(boundMs)}`,
      `first run (no history, id order): median ${ms(median(first))}  raw ${raw(first)}  ` +
      `ratio ${firstRatio.toFixed(3)}`,
      `second run (history, longest first): median ${ms(median(second))}  raw ${raw(second)}  ` +
      `ratio ${secondRatio.toFixed(3)}`,
      `second run / lower bound: ${secondRatio.toFixed(3)} (target <= ${TARGET.toFixed(2)}) ${
        ok ? "ok" : "OVER TARGET"
      }`,
    ],
  };
}
