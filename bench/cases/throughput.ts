/**
 * Throughput: 120 trivial script fixtures at concurrency 2. smoke's wall
 * time divided by `xargs -P2` running the same `deno run --no-prompt <file>`
 * commands in the same project. Target: at most 1.10.
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

/** How many fixtures. */
const FIXTURES = 120;
/** Timed rounds (after warm-up), each one xargs run and one smoke run. */
const ROUNDS = 6;
/** The target ratio. */
const TARGET = 1.10;

const BODIES = [
  `console.log("ok");`,
  `if (1 + 1 !== 2) throw new Error("math");`,
  `console.log(JSON.stringify({ ok: true }));`,
  `console.error("a line on stderr");`,
];

function hasSetsid(): boolean {
  try {
    return new Deno.Command("setsid", { args: ["true"], stdout: "null", stderr: "null" })
      .outputSync().success;
  } catch (error) {
    if (error instanceof Deno.errors.NotFound) return false;
    throw error;
  }
}

/**
 * Runs the case.
 *
 * @returns The ratio against xargs, with the raw times.
 *
 * @example
 * ```ts ignore
 * const result = await run(); // takes about a minute
 * ```
 */
export async function run(): Promise<CaseResult> {
  const files: Record<string, string> = {};
  const paths: string[] = [];
  for (let i = 0; i < FIXTURES; i++) {
    const path = `fixtures/f${String(i).padStart(3, "0")}.smoke.ts`;
    files[path] = BODIES[i % BODIES.length] + "\n";
    paths.push(path);
  }
  files["paths.txt"] = paths.join("\n") + "\n";
  await using project = await tempTree(files);
  const oks = paths.filter((_, i) => i % BODIES.length !== 1 && i % BODIES.length !== 3).length;

  // smoke starts each fixture in its own session (its own process group). With
  // autogroup scheduling (Linux's default on desktops and many VMs) each session
  // gets its own fair share of the CPU, so on a busy machine smoke's fixtures
  // would win CPU that xargs' children, all in one session, do not: `setsid`
  // (which execs, without a fork) puts the baseline on the same footing.
  const setsid = hasSetsid() ? ["setsid"] : [];
  const xargs = {
    argv: ["xargs", "-P2", "-n1", "-a", "paths.txt", ...setsid, DENO, "run", "--no-prompt"],
    cwd: project.dir,
    cpu: true,
  };
  const smoke = { argv: [DENO, "run", "-A", SMOKE_ENTRY, "--concurrency", "2"], cwd: project.dir };
  const times = await interleave({
    rounds: ROUNDS,
    // One xargs run transpiles and caches the fixtures; `--list` loads smoke's modules.
    warmup: [xargs, { ...smoke, argv: [...smoke.argv, "--list"] }],
    baseline: xargs,
    measured: { ...smoke, cpu: true },
    checkBaseline: (o) =>
      expectRun("xargs", o, o.code === 0 && o.stdout.trim().split("\n").length === oks),
    checkMeasured: (o) =>
      expectRun(
        "smoke",
        o,
        o.code === 0 && o.stdout.includes(`${FIXTURES} passed`) &&
          o.stdout.endsWith("RESULT: pass\n"),
      ),
  });
  const ratios = times.measured.map((m, i) => m / times.baseline[i]);
  const ratio = median(ratios);
  const ok = ratio <= TARGET;
  const cpu = times.measuredCpu.length
    ? [
      `CPU (user+sys, whole tree) xargs: median ${ms(median(times.baselineCpu))}  raw ${
        raw(times.baselineCpu)
      }`,
      `CPU (user+sys, whole tree) smoke: median ${ms(median(times.measuredCpu))}  raw ${
        raw(times.measuredCpu)
      }`,
      `CPU ratio (less sensitive to other load; not the target): ${
        (median(times.measuredCpu) / median(times.baselineCpu)).toFixed(3)
      }, smoke's own share ${
        ms((median(times.measuredCpu) - median(times.baselineCpu)) / FIXTURES)
      } CPU per fixture`,
    ]
    : [];
  return {
    name: "throughput",
    ok,
    summary: `${ratio.toFixed(2)}x xargs (target <= ${TARGET.toFixed(2)}x)`,
    lines: [
      `${FIXTURES} trivial script fixtures, concurrency 2, ${ROUNDS} rounds (ABBA order) after a warm-up`,
      `baseline: ${xargs.argv.slice(0, 6 + setsid.length).join(" ")} run --no-prompt <file>`,
      `xargs -P2: median ${ms(median(times.baseline))}  raw ${raw(times.baseline)}`,
      `smoke    : median ${ms(median(times.measured))}  raw ${raw(times.measured)}`,
      `per-round ratios smoke/xargs: [${ratios.map((r) => r.toFixed(3)).join(", ")}]`,
      `ratio of medians: ${(median(times.measured) / median(times.baseline)).toFixed(3)}`,
      ...cpu,
      `median per-round ratio: ${ratio.toFixed(3)} (target <= ${TARGET.toFixed(2)}) ${
        ok ? "ok" : "OVER TARGET"
      }`,
    ],
  };
}
