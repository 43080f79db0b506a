/**
 * Overhead: 5,000 `true` command fixtures at concurrency 2, smoke's wall
 * against the floor for any runner written on `Deno.Command` that gives each
 * fixture its own session: a bare Deno loop spawning the same `true` two at a
 * time the way smoke does (through setsid(1) where there is one, else
 * `detached: true`), output piped and drained, nothing else. The ratio of the
 * walls, median of 5 interleaved rounds. Target: at most 1.10.
 *
 * `SMOKE_BENCH_OVERHEAD_FIXTURES=N` sets the fixture count (default 5,000),
 * for a quick run.
 *
 * @module
 */
import {
  type CaseResult,
  DENO,
  expectRun,
  interleave,
  median,
  ms,
  raw,
  SMOKE_ENTRY,
  tempTree,
} from "../_util.ts";
import { findSetsid } from "../../lib/run/_spawn.ts";

/** The default fixture count. */
const DEFAULT_FIXTURES = 5000;
/** The variable that overrides it. */
const FIXTURES_ENV = "SMOKE_BENCH_OVERHEAD_FIXTURES";
/** Timed rounds (after warm-up), each one run of the floor loop and of smoke. */
const ROUNDS = 5;
/** The target ratio. */
const TARGET = 1.10;

/**
 * The floor: spawn `true` N times, two at a time, each in its own session,
 * output piped and drained.
 */
const FLOOR_LOOP = `const [count, setsid] = Deno.args;
let left = Number(count);
async function slot() {
  while (left > 0) {
    left--;
    const child = new Deno.Command(setsid || "true", {
      args: setsid ? ["true"] : [],
      stdin: "null", stdout: "piped", stderr: "piped", detached: !setsid,
    }).spawn();
    const drain = (s) => s.pipeTo(new WritableStream());
    await Promise.all([drain(child.stdout), drain(child.stderr), child.status]);
  }
}
await Promise.all([slot(), slot()]);
`;

/**
 * The fixture count: `SMOKE_BENCH_OVERHEAD_FIXTURES` when set, else 5,000.
 *
 * @param value The variable's value, if any.
 * @returns A positive integer.
 * @throws {Error} When the value is not a positive integer.
 *
 * @example
 * ```ts
 * import { fixtureCount } from "./overhead.ts";
 * import assert from "node:assert/strict";
 *
 * assert.equal(fixtureCount(undefined), 5000);
 * assert.equal(fixtureCount("200"), 200);
 * assert.throws(() => fixtureCount("lots"), /SMOKE_BENCH_OVERHEAD_FIXTURES/);
 * ```
 */
export function fixtureCount(value: string | undefined): number {
  if (value === undefined || value === "") return DEFAULT_FIXTURES;
  const count = Number(value);
  if (!Number.isSafeInteger(count) || count < 1) {
    throw new Error(`${FIXTURES_ENV} must be a positive integer, got "${value}"`);
  }
  return count;
}

/**
 * Runs the case.
 *
 * @returns The ratio against the floor loop, with the raw times.
 *
 * @example
 * ```ts ignore
 * const result = await run(); // takes a few minutes at 5,000 fixtures
 * ```
 */
export async function run(): Promise<CaseResult> {
  const fixtures = fixtureCount(Deno.env.get(FIXTURES_ENV));
  const files: Record<string, string> = { "floor.js": FLOOR_LOOP };
  for (let i = 0; i < fixtures; i++) {
    const folder = `g${String(Math.floor(i / 100)).padStart(3, "0")}`;
    files[`fixtures/${folder}/t${String(i).padStart(5, "0")}.smoke.jsonc`] =
      `{ "command": ["true"] }\n`;
  }
  await using project = await tempTree(files);
  const setsid = findSetsid();
  const floor = {
    argv: [DENO, "run", "-A", "floor.js", String(fixtures), setsid ?? ""],
    cwd: project.dir,
  };
  const smoke = { argv: [DENO, "run", "-A", SMOKE_ENTRY, "--concurrency", "2"], cwd: project.dir };
  const times = await interleave({
    rounds: ROUNDS,
    // `--list` loads smoke's modules and walks the catalog once.
    warmup: [floor, { ...smoke, argv: [...smoke.argv, "--list"] }],
    commands: { floor, smoke },
    check: {
      floor: (o) => expectRun("the floor loop", o, o.code === 0),
      smoke: (o) =>
        expectRun(
          "smoke",
          o,
          o.code === 0 && o.stdout.includes(`${fixtures} passed`) &&
            o.stdout.endsWith("RESULT: pass\n"),
        ),
    },
  });
  const ratios = times.smoke.wall.map((m, i) => m / times.floor.wall[i]);
  const ratio = median(ratios);
  const ok = ratio <= TARGET;
  const perFixture = (median(times.smoke.wall) - median(times.floor.wall)) / fixtures;
  return {
    name: "overhead",
    ok,
    summary: `${ratio.toFixed(2)}x floor (target <= ${TARGET.toFixed(2)}x)`,
    lines: [
      `${fixtures} \`true\` command fixtures, concurrency 2, ${ROUNDS} rounds (alternating order) after a warm-up`,
      `floor: a bare Deno.Command loop, two at a time, ${
        setsid ? "through setsid(1)" : "with detached: true"
      }, output piped and drained`,
      `floor loop : median ${ms(median(times.floor.wall))}  raw ${raw(times.floor.wall)}`,
      `smoke      : median ${ms(median(times.smoke.wall))}  raw ${raw(times.smoke.wall)}`,
      `per-round ratios smoke/floor: [${ratios.map((r) => r.toFixed(3)).join(", ")}]`,
      `smoke's own share: ${perFixture.toFixed(2)} ms wall per fixture`,
      `median per-round ratio: ${ratio.toFixed(3)} (target <= ${TARGET.toFixed(2)}) ${
        ok ? "ok" : "OVER TARGET"
      }`,
    ],
  };
}
