/**
 * Loop: smoke's own work per fixture, without the processes. The host's
 * spawn noise (a few hundred microseconds a spawn, moving by tens of per
 * cent) hides a per-fixture cost of tens of microseconds in `overhead`; here
 * every child is a stand-in (a pid that is gone, two empty output streams, a
 * status already known), so what is measured is JavaScript and the calls
 * smoke makes per fixture (the failed group kill among them):
 *
 * - floor: the bare loop of `overhead`, two slots, output drained;
 * - smoke: `runFixtures` with the console reporter, `runProcess` and the run's
 *   environment (`envOverProcess`), as a run drives them.
 *
 * Both run in a subprocess whose environment has 150 variables, a CI
 * runner's size (a copy of the whole environment per fixture cost ~45 us
 * there). Microseconds per fixture, and the median of 7 per-round ratios
 * (alternating rounds of 20,000 fixtures, after a warm-up round). Not a target of an issue: a guard that
 * smoke's loop stays within 2.5x the bare loop's.
 *
 * @module
 */
import { type CaseResult, DENO, median } from "../_util.ts";
import { envOverProcess, ProcessGroups, runProcess } from "../../lib/run/process.ts";
import { runFixtures } from "../../lib/run/run.ts";
import { buildCatalog } from "../../lib/catalog/catalog.ts";
import { planFixture } from "../../lib/selection/plan.ts";
import { createConsoleReporter } from "../../lib/reporters/console.ts";
import { multiplexReporters } from "../../lib/reporters/reporter.ts";
import { palette } from "../../lib/reporters/console_render.ts";
import { fileURLToPath } from "node:url";

/** Fixtures per round: enough for a round to take about a second (shorter ones are noise). */
const FIXTURES = 20_000;
/** Timed rounds, after one warm-up round of each. */
const ROUNDS = 7;
/** Variables in the measuring process's environment. */
const ENV_SIZE = 150;
/** The guard: smoke's loop within this many times the bare loop's. */
const GUARD = 2.5;

let nextPid = 4_000_000;

/** A child that has already exited: a pid that is gone, no output. */
function standIn(): Deno.ChildProcess {
  const empty = () =>
    new ReadableStream<Uint8Array>({
      type: "bytes",
      start(controller) {
        controller.close();
      },
    });
  return {
    pid: nextPid++,
    stdout: empty(),
    stderr: empty(),
    status: Promise.resolve({ success: true, code: 0, signal: null }),
  } as unknown as Deno.ChildProcess;
}

async function floorLoop(): Promise<void> {
  let left = FIXTURES;
  const slot = async () => {
    while (left-- > 0) {
      const child = standIn();
      await Promise.all([
        child.stdout.pipeTo(new WritableStream()),
        child.stderr.pipeTo(new WritableStream()),
        child.status,
      ]);
    }
  };
  await Promise.all([slot(), slot()]);
}

async function smokeLoop(): Promise<void> {
  const files = Array.from({ length: FIXTURES }, (_, i) => ({
    path: `g${Math.floor(i / 100)}/t${i}.smoke.jsonc`,
    text: '{ "command": ["true"] }',
  }));
  const catalog = buildCatalog(files, { cwd: "/tmp", fixturesDir: "/tmp/fixtures" });
  const options = { timeoutMs: 60_000, retries: 0, permissions: [], env: {} };
  const planned = catalog.map((f) => planFixture(f, { options, deno: "deno" }));
  const groups = new ProcessGroups();
  let written = 0;
  const reporter = multiplexReporters([
    createConsoleReporter({
      write: (text: string) => void (written += text.length),
      colors: palette(false),
      live: false,
      columns: () => 80,
      now: () => performance.now(),
    }),
  ], () => {});
  await reporter.onBegin?.({ runId: "r", fixtures: planned, concurrency: 2 });
  const env = envOverProcess(Deno.env.toObject());
  const t = performance.now();
  await runFixtures(planned, {
    runId: "r",
    concurrency: 2,
    baseEnv: env.env,
    inheritEnv: env.inheritEnv,
    graceMs: 500,
    tailBytes: 65_536,
    settleMs: 0,
  }, {
    spawn: (spec, signal) => runProcess(spec, { groups, signal, spawn: standIn }),
    reporter,
    signal: new AbortController().signal,
  });
  if (written === 0) throw new Error("the console reporter wrote nothing");
  timed = performance.now() - t;
}

/** The part of the last smoke loop that ran the fixtures (not building the catalog). */
let timed = 0;

/** Measures both loops in this process and prints the microseconds per fixture as JSON. */
async function measure(): Promise<void> {
  const us: Record<"floor" | "smoke", number[]> = { floor: [], smoke: [] };
  const once = async (name: "floor" | "smoke") => {
    const t = performance.now();
    if (name === "floor") await floorLoop();
    else await smokeLoop();
    return ((name === "floor" ? performance.now() - t : timed) * 1000) / FIXTURES;
  };
  await once("floor");
  await once("smoke");
  for (let round = 0; round < ROUNDS; round++) {
    const order: ("floor" | "smoke")[] = round % 2 ? ["smoke", "floor"] : ["floor", "smoke"];
    for (const name of order) us[name].push(await once(name));
  }
  console.log(JSON.stringify(us));
}

/**
 * Runs the case: the measurement in a subprocess with a CI-sized environment.
 *
 * @returns Smoke's microseconds per fixture against the bare loop's.
 *
 * @example
 * ```ts ignore
 * const result = await run(); // about 20 s
 * ```
 */
export async function run(): Promise<CaseResult> {
  // Deno's own variables (its cache lives under HOME or DENO_DIR), then made-up ones up to 150.
  const env: Record<string, string> = {};
  for (const name of ["PATH", "HOME", "DENO_DIR", "XDG_CACHE_HOME"]) {
    const value = Deno.env.get(name);
    if (value !== undefined) env[name] = value;
  }
  for (let i = 0; Object.keys(env).length < ENV_SIZE; i++) {
    env[`CI_VARIABLE_${i}`] = `value of variable ${i}`;
  }
  const output = await new Deno.Command(DENO, {
    args: ["run", "-A", fileURLToPath(new URL(import.meta.url)), "--measure"],
    env,
    clearEnv: true,
    stdout: "piped",
    stderr: "piped",
  }).output();
  const text = new TextDecoder().decode(output.stdout);
  if (!output.success) {
    throw new Error(`the measurement failed:\n${text}${new TextDecoder().decode(output.stderr)}`);
  }
  const us = JSON.parse(text) as Record<"floor" | "smoke", number[]>;
  const floor = median(us.floor);
  const smoke = median(us.smoke);
  // Each round's two loops ran back to back: their ratio is steadier than the ratio of medians.
  const ratio = median(us.smoke.map((value, i) => value / us.floor[i]));
  const ok = ratio <= GUARD;
  const list = (values: number[]) => `[${values.map((v) => v.toFixed(1)).join(", ")}]`;
  return {
    name: "loop",
    ok,
    summary: `${smoke.toFixed(1)} us/fixture vs ${floor.toFixed(1)} (${
      ratio.toFixed(2)
    }x, guard <= ${GUARD.toFixed(2)}x)`,
    lines: [
      `${FIXTURES} stand-in children (no processes), concurrency 2, ${ROUNDS} rounds (alternating) after a warm-up, ${ENV_SIZE} environment variables`,
      `floor (bare loop)      : median ${floor.toFixed(1)} us/fixture  raw ${list(us.floor)}`,
      `smoke (runFixtures...) : median ${smoke.toFixed(1)} us/fixture  raw ${list(us.smoke)}`,
      `smoke's own work: ${(smoke - floor).toFixed(1)} us a fixture over the bare loop (${
        ratio.toFixed(2)
      }x, guard <= ${GUARD.toFixed(2)}x) ${ok ? "ok" : "OVER GUARD"}`,
    ],
  };
}

if (import.meta.main && Deno.args[0] === "--measure") await measure();
