/**
 * Throughput: 120 trivial script fixtures at concurrency 2. smoke's wall
 * time divided by `xargs -P2` running the same `deno run --no-prompt <file>`
 * commands in the same project. Target: at most 1.10.
 *
 * For reference it also times the floor for any runner written on
 * `Deno.Command` that gives each fixture its own session: a 20-line loop
 * spawning the same commands two at a time the way smoke does (through
 * setsid(1) where there is one, else `detached: true`), output piped and
 * drained, nothing else.
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

/** How many fixtures. */
const FIXTURES = 120;
/** Timed rounds (after warm-up), each one run of xargs, the floor loop and smoke. */
const ROUNDS = 10;
/** The target ratio. */
const TARGET = 1.10;

const BODIES = [
  `console.log("ok");`,
  `if (1 + 1 !== 2) throw new Error("math");`,
  `console.log(JSON.stringify({ ok: true }));`,
  `console.error("a line on stderr");`,
];

/**
 * The floor: the least a Deno runner with a session per fixture does, started
 * the way smoke starts them (through setsid(1) where there is one, else
 * Deno's \`detached\`).
 */
const FLOOR_LOOP = `const [deno, list, setsid] = Deno.args;
const paths = (await Deno.readTextFile(list)).trim().split("\\n");
let next = 0;
async function slot() {
  while (next < paths.length) {
    const args = ["run", "--no-prompt", paths[next++]];
    const child = new Deno.Command(setsid || deno, {
      args: setsid ? [deno, ...args] : args,
      stdin: "null", stdout: "piped", stderr: "piped", detached: !setsid,
    }).spawn();
    const drain = (s) => s.pipeTo(new WritableStream());
    await Promise.all([drain(child.stdout), drain(child.stderr), child.status]);
  }
}
await Promise.all([slot(), slot()]);
`;

/**
 * Runs the case.
 *
 * @returns The ratio against xargs, with the raw times.
 *
 * @example
 * ```ts ignore
 * const result = await run(); // takes a few minutes
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
  files["floor.js"] = FLOOR_LOOP;
  await using project = await tempTree(files);
  const oks = paths.filter((_, i) => i % BODIES.length !== 1 && i % BODIES.length !== 3).length;

  // smoke starts each fixture in its own session (its own process group). With
  // autogroup scheduling (Linux's default on desktops and many VMs) each session
  // gets its own fair share of the CPU, so on a busy machine smoke's fixtures
  // would win CPU that xargs' children, all in one session, do not: `setsid`
  // (which execs, without a fork) puts the baseline on the same footing.
  const setsid = findSetsid() ? [findSetsid()!] : [];
  const xargs = {
    argv: ["xargs", "-P2", "-n1", "-a", "paths.txt", ...setsid, DENO, "run", "--no-prompt"],
    cwd: project.dir,
    cpu: true,
  };
  const floor = {
    argv: [DENO, "run", "-A", "floor.js", DENO, "paths.txt", findSetsid() ?? ""],
    cwd: project.dir,
  };
  const smoke = { argv: [DENO, "run", "-A", SMOKE_ENTRY, "--concurrency", "2"], cwd: project.dir };
  const times = await interleave({
    rounds: ROUNDS,
    // One xargs run transpiles and caches the fixtures; `--list` loads smoke's modules.
    warmup: [xargs, floor, { ...smoke, argv: [...smoke.argv, "--list"] }],
    commands: { xargs, floor, smoke: { ...smoke, cpu: true } },
    check: {
      xargs: (o) =>
        expectRun("xargs", o, o.code === 0 && o.stdout.trim().split("\n").length === oks),
      floor: (o) => expectRun("the floor loop", o, o.code === 0),
      smoke: (o) =>
        expectRun(
          "smoke",
          o,
          o.code === 0 && o.stdout.includes(`${FIXTURES} passed`) &&
            o.stdout.endsWith("RESULT: pass\n"),
        ),
    },
  });
  const ratios = (wall: number[]) => wall.map((m, i) => m / times.xargs.wall[i]);
  const smokeRatios = ratios(times.smoke.wall);
  const floorRatios = ratios(times.floor.wall);
  const ratio = median(smokeRatios);
  const ok = ratio <= TARGET;
  const fixed = (values: number[]) => `[${values.map((r) => r.toFixed(3)).join(", ")}]`;
  const cpu = times.smoke.cpu.length && times.xargs.cpu.length
    ? [
      `CPU (user+sys, whole tree) xargs: median ${ms(median(times.xargs.cpu))}  raw ${
        raw(times.xargs.cpu)
      }`,
      `CPU (user+sys, whole tree) smoke: median ${ms(median(times.smoke.cpu))}  raw ${
        raw(times.smoke.cpu)
      }`,
      `CPU ratio (less sensitive to other load; not the target): ${
        (median(times.smoke.cpu) / median(times.xargs.cpu)).toFixed(3)
      }, smoke's own share ${
        ms((median(times.smoke.cpu) - median(times.xargs.cpu)) / FIXTURES)
      } CPU per fixture`,
    ]
    : [];
  return {
    name: "throughput",
    ok,
    summary: `${ratio.toFixed(2)}x xargs (target <= ${TARGET.toFixed(2)}x; floor ${
      median(floorRatios).toFixed(2)
    }x)`,
    lines: [
      `${FIXTURES} trivial script fixtures, concurrency 2, ${ROUNDS} rounds (rotating order) after a warm-up`,
      `baseline: xargs -P2 -n1 -a paths.txt ${setsid.join(" ")} deno run --no-prompt <file>`,
      `xargs -P2  : median ${ms(median(times.xargs.wall))}  raw ${raw(times.xargs.wall)}`,
      `floor loop : median ${ms(median(times.floor.wall))}  raw ${raw(times.floor.wall)}`,
      `smoke      : median ${ms(median(times.smoke.wall))}  raw ${raw(times.smoke.wall)}`,
      `per-round ratios smoke/xargs: ${fixed(smokeRatios)}`,
      `per-round ratios floor/xargs: ${fixed(floorRatios)} (a bare Deno.Command loop ` +
      `${findSetsid() ? "through setsid(1)" : "with detached: true"}: the floor for a runner ` +
      `with a session per fixture)`,
      ...cpu,
      `median per-round ratio: ${ratio.toFixed(3)} (target <= ${TARGET.toFixed(2)}) ${
        ok ? "ok" : "OVER TARGET"
      }; floor ${median(floorRatios).toFixed(3)}`,
    ],
  };
}
