/**
 * Memory: the runner's peak resident set size (VmHWM of the `deno run`
 * process running smoke) while one command fixture prints 1.5 GB to standard
 * output. Target: below 150 MiB. Also reports how long it took, against the
 * same command with its output read by `cat`, and smoke's peak on a trivial
 * fixture for reference.
 *
 * @module
 */
import {
  type CaseResult,
  DENO,
  expectRun,
  mib,
  ms,
  peakRssBytes,
  SMOKE_ENTRY,
  tempTree,
  timeCommand,
  type TimedOutcome,
} from "../_util.ts";

/** Bytes the fixture prints. */
const BYTES = 1_500_000_000;
/** The target, in bytes. */
const TARGET_BYTES = 150 * 1024 * 1024;
/** How often VmHWM is sampled. */
const SAMPLE_MS = 20;
const LOUD = `head -c ${BYTES} /dev/zero | tr '\\0' x`;

/** A smoke run and the highest VmHWM seen while it ran. */
interface Sampled {
  outcome: TimedOutcome;
  peakBytes: number;
  samples: number;
}

/**
 * Runs smoke in a project and samples its peak RSS until it exits. VmHWM
 * only grows, so the last sample is the peak up to that moment.
 */
async function sampledSmoke(cwd: string, args: string[]): Promise<Sampled> {
  const started = performance.now();
  const child = new Deno.Command(DENO, {
    args: ["run", "-A", SMOKE_ENTRY, ...args],
    cwd,
    env: { NO_COLOR: "1" },
    stdin: "null",
    stdout: "piped",
    stderr: "piped",
  }).spawn();
  let peakBytes = 0;
  let samples = 0;
  const sample = () => {
    const bytes = peakRssBytes(child.pid);
    if (bytes === undefined) return;
    samples++;
    peakBytes = Math.max(peakBytes, bytes);
  };
  const timer = setInterval(sample, SAMPLE_MS);
  let output: Deno.CommandOutput;
  try {
    output = await child.output();
  } finally {
    clearInterval(timer);
  }
  const decoder = new TextDecoder();
  return {
    outcome: {
      ms: performance.now() - started,
      code: output.code,
      stdout: decoder.decode(output.stdout),
      stderr: decoder.decode(output.stderr),
    },
    peakBytes,
    samples,
  };
}

/**
 * Runs the case.
 *
 * @returns The peak RSS against the target, and the time taken.
 *
 * @example
 * ```ts ignore
 * const result = await run(); // takes some seconds
 * ```
 */
export async function run(): Promise<CaseResult> {
  await using project = await tempTree({
    "loud/loud.smoke.jsonc": JSON.stringify({
      description: `prints ${BYTES} bytes`,
      command: ["sh", "-c", LOUD],
      timeoutMs: 600_000,
    }),
    "quiet/quiet.smoke.jsonc": JSON.stringify({ command: ["true"] }),
  });
  const quiet = await sampledSmoke(project.dir, ["--fixtures-dir", "quiet"]);
  expectRun("smoke (quiet)", quiet.outcome, quiet.outcome.code === 0);

  const bare = await timeCommand({
    argv: ["sh", "-c", `${LOUD} | cat > /dev/null`],
    cwd: project.dir,
  });
  const loud = await sampledSmoke(project.dir, ["--fixtures-dir", "loud"]);
  expectRun("smoke (loud)", loud.outcome, loud.outcome.code === 0);
  const latest = JSON.parse(
    await Deno.readTextFile(`${project.dir}/.planning/artifacts/smoke/latest.json`),
  );
  const tail: string = latest.fixtures[0].stdoutTail ?? "";
  const tailKept = tail.includes(`of ${BYTES} not kept`) && tail.endsWith("xxxx");
  if (!tailKept) throw new Error(`the artifact's stdout tail is not the expected bounded tail`);

  const ok = loud.peakBytes > 0 && loud.peakBytes < TARGET_BYTES;
  const seconds = loud.outcome.ms / 1000;
  return {
    name: "memory",
    ok,
    summary: `${mib(loud.peakBytes)} peak RSS (target < ${mib(TARGET_BYTES)})`,
    lines: [
      `one command fixture printing ${BYTES} bytes (${mib(BYTES)}) to stdout`,
      `smoke peak RSS (VmHWM, sampled every ${SAMPLE_MS} ms, ${loud.samples} samples): ${
        mib(loud.peakBytes)
      }`,
      `smoke peak RSS on a trivial fixture, for reference: ${mib(quiet.peakBytes)}`,
      `time: smoke ${ms(loud.outcome.ms)} (${(BYTES / 1e6 / seconds).toFixed(0)} MB/s); ` +
      `the same command into cat: ${ms(bare.ms)}`,
      `artifact stdout tail: ${tail.length} characters, bounded as expected`,
      `peak RSS ${mib(loud.peakBytes)} (target < ${mib(TARGET_BYTES)}) ${
        ok ? "ok" : "OVER TARGET"
      }`,
    ],
  };
}
