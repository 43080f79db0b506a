/**
 * Shared helpers for `deno task bench`: the case result shape, temporary
 * projects, timed subprocesses, peak-memory sampling, statistics and tables.
 *
 * The machine a bench runs on is usually shared, so cases interleave the
 * baseline and the measured command (ABAB...) and report medians together
 * with the raw numbers.
 *
 * @module
 */
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";

/** What every module in `bench/cases/` returns from its `run()`. */
export interface CaseResult {
  /** A short name for the table. */
  name: string;
  /** Human-readable lines: what was measured, the raw numbers, the verdict. */
  lines: string[];
  /** Whether the target was met. */
  ok: boolean;
  /** The headline figure for the summary table, e.g. `1.04x (target <= 1.10x)`. */
  summary?: string;
}

/** The entry file of this checkout. */
export const SMOKE_ENTRY: string = fileURLToPath(new URL("../smoke.ts", import.meta.url));

/** The Deno running the bench: smoke and the baselines use the same one. */
export const DENO: string = Deno.execPath();

/** A temporary directory tree, removed on dispose. */
export interface TempTree extends AsyncDisposable {
  /** Absolute path of the directory. */
  dir: string;
}

/**
 * Creates a temporary directory holding the given files.
 *
 * @param files Paths relative to the directory, and their text.
 * @returns The directory; dispose it (`await using`) to remove it.
 *
 * @example
 * ```ts
 * import { tempTree } from "./_util.ts";
 * import assert from "node:assert/strict";
 *
 * await using tree = await tempTree({ "a/b.txt": "hi" });
 * assert.equal(await Deno.readTextFile(`${tree.dir}/a/b.txt`), "hi");
 * ```
 */
export async function tempTree(files: Record<string, string>): Promise<TempTree> {
  const dir = await Deno.makeTempDir({ prefix: "smoke-bench-" });
  const made = new Set<string>();
  for (const [path, text] of Object.entries(files)) {
    const full = join(dir, path);
    const parent = dirname(full);
    if (!made.has(parent)) {
      await Deno.mkdir(parent, { recursive: true });
      made.add(parent);
    }
    await Deno.writeTextFile(full, text);
  }
  return {
    dir,
    async [Symbol.asyncDispose]() {
      await Deno.remove(dir, { recursive: true }).catch((error) => {
        if (!(error instanceof Deno.errors.NotFound)) throw error;
      });
    },
  };
}

/** A command to time. */
export interface TimedCommand {
  /** Program and arguments. */
  argv: string[];
  /** Working directory. */
  cwd: string;
  /** Extra environment (on top of the bench's own). */
  env?: Record<string, string>;
  /** Text written to standard input, which is closed after it. */
  stdin?: string;
  /**
   * Also measure the CPU time of the command and every descendant it waited
   * for, through `/usr/bin/time` (skipped where it is missing). CPU time is
   * far less sensitive to other load on the machine than wall time.
   */
  cpu?: boolean;
}

/** How a timed command ended. */
export interface TimedOutcome {
  /** Wall time in milliseconds, spawn to exit. */
  ms: number;
  /** Exit code. */
  code: number;
  /** Standard output. */
  stdout: string;
  /** Standard error. */
  stderr: string;
  /** User plus system CPU milliseconds, when asked for and available. */
  cpuMs?: number;
}

const GNU_TIME = "/usr/bin/time";
let gnuTime: boolean | undefined;
function hasGnuTime(): boolean {
  if (gnuTime === undefined) {
    try {
      gnuTime = Deno.statSync(GNU_TIME).isFile;
    } catch (error) {
      if (!(error instanceof Deno.errors.NotFound)) throw error;
      gnuTime = false;
    }
  }
  return gnuTime;
}

/**
 * Runs a command to the end and times it. Output is piped and drained.
 *
 * @param command What to run.
 * @returns Wall time, exit code and output.
 *
 * @example
 * ```ts
 * import { timeCommand } from "./_util.ts";
 * import assert from "node:assert/strict";
 *
 * const outcome = await timeCommand({ argv: ["sh", "-c", "echo hi"], cwd: Deno.cwd() });
 * assert.equal(outcome.code, 0);
 * assert.equal(outcome.stdout, "hi\n");
 * assert.ok(outcome.ms > 0);
 * ```
 */
export async function timeCommand(command: TimedCommand): Promise<TimedOutcome> {
  const cpuFile = command.cpu && hasGnuTime() ? await Deno.makeTempFile() : undefined;
  const argv = cpuFile
    ? [GNU_TIME, "-q", "-o", cpuFile, "-f", "%U %S", ...command.argv]
    : command.argv;
  const started = performance.now();
  const child = new Deno.Command(argv[0], {
    args: argv.slice(1),
    cwd: command.cwd,
    env: { NO_COLOR: "1", ...command.env },
    stdin: command.stdin === undefined ? "null" : "piped",
    stdout: "piped",
    stderr: "piped",
  }).spawn();
  if (command.stdin !== undefined) {
    const writer = child.stdin.getWriter();
    await writer.write(new TextEncoder().encode(command.stdin));
    await writer.close();
  }
  const output = await child.output();
  const ms = performance.now() - started;
  const decoder = new TextDecoder();
  let cpuMs: number | undefined;
  if (cpuFile) {
    const text = await Deno.readTextFile(cpuFile);
    await Deno.remove(cpuFile);
    const [user, system] = text.trim().split("\n").at(-1)!.split(" ").map(Number);
    cpuMs = (user + system) * 1000;
  }
  return {
    ms,
    code: output.code,
    stdout: decoder.decode(output.stdout),
    stderr: decoder.decode(output.stderr),
    ...(cpuMs === undefined ? {} : { cpuMs }),
  };
}

/**
 * Reads a process's peak resident set size (`VmHWM`) from `/proc`.
 *
 * @param pid The process id.
 * @returns Bytes, or undefined when the process is gone (or has no memory
 * map any more: a zombie) or this is not Linux.
 *
 * @example
 * ```ts
 * import { peakRssBytes } from "./_util.ts";
 * import assert from "node:assert/strict";
 *
 * if (Deno.build.os === "linux") assert.ok(peakRssBytes(Deno.pid)! > 0);
 * ```
 */
export function peakRssBytes(pid: number): number | undefined {
  let status: string;
  try {
    status = Deno.readTextFileSync(`/proc/${pid}/status`);
  } catch (error) {
    if (error instanceof Deno.errors.NotFound) return undefined;
    throw error;
  }
  const match = /^VmHWM:\s+(\d+)\s+kB$/m.exec(status);
  return match ? Number(match[1]) * 1024 : undefined;
}

/**
 * The median of some numbers (the mean of the middle two for an even count).
 *
 * @param values The numbers; at least one.
 * @returns The median.
 *
 * @example
 * ```ts
 * import { median } from "./_util.ts";
 * import assert from "node:assert/strict";
 *
 * assert.equal(median([3, 1, 2]), 2);
 * assert.equal(median([4, 1, 3, 2]), 2.5);
 * ```
 */
export function median(values: readonly number[]): number {
  if (values.length === 0) throw new RangeError("median of no values");
  const sorted = [...values].sort((a, b) => a - b);
  const mid = Math.floor(sorted.length / 2);
  return sorted.length % 2 ? sorted[mid] : (sorted[mid - 1] + sorted[mid]) / 2;
}

/**
 * Formats milliseconds for a report line.
 *
 * @param value Milliseconds.
 * @returns E.g. `1234 ms`.
 *
 * @example
 * ```ts
 * import { ms } from "./_util.ts";
 * import assert from "node:assert/strict";
 *
 * assert.equal(ms(1234.4), "1234 ms");
 * ```
 */
export function ms(value: number): string {
  return `${Math.round(value)} ms`;
}

/**
 * Formats a list of raw measurements, for the "raw" line of a case.
 *
 * @param values Milliseconds.
 * @returns E.g. `[812, 799, 840]`.
 *
 * @example
 * ```ts
 * import { raw } from "./_util.ts";
 * import assert from "node:assert/strict";
 *
 * assert.equal(raw([812.2, 799.7]), "[812, 800]");
 * ```
 */
export function raw(values: readonly number[]): string {
  return `[${values.map((v) => Math.round(v)).join(", ")}]`;
}

/**
 * Formats bytes as MiB.
 *
 * @param bytes Bytes.
 * @returns E.g. `61.2 MiB`.
 *
 * @example
 * ```ts
 * import { mib } from "./_util.ts";
 * import assert from "node:assert/strict";
 *
 * assert.equal(mib(1.5 * 1024 * 1024), "1.5 MiB");
 * ```
 */
export function mib(bytes: number): string {
  return `${(bytes / 1024 / 1024).toFixed(1)} MiB`;
}

/** Options for {@linkcode interleave}. */
export interface InterleaveOptions<K extends string> {
  /** The commands to compare, by name. */
  commands: Record<K, TimedCommand>;
  /** How many timed rounds; each runs every command once. */
  rounds: number;
  /** Untimed commands run once first, to fill module and transpile caches. */
  warmup?: TimedCommand[];
  /** Checks a run of a command; throw to reject a run that did not do the work. */
  check?: Partial<Record<K, (outcome: TimedOutcome) => void>>;
}

/** The measurements of one command of {@linkcode interleave}, in round order. */
export interface Samples {
  /** Wall times. */
  wall: number[];
  /** CPU times (when the command asked for them and they could be measured). */
  cpu: number[];
}

/**
 * Runs some commands in turn, round after round, so that all see the same
 * background load. The order rotates each round (AB, BA, AB... for two), so
 * neither always runs first.
 *
 * @param options The commands, warm-up commands, how many rounds, checks.
 * @returns The wall (and CPU) times of each command, in round order.
 *
 * @example
 * ```ts
 * import { interleave } from "./_util.ts";
 * import assert from "node:assert/strict";
 *
 * const times = await interleave({
 *   commands: { a: { argv: ["true"], cwd: Deno.cwd() }, b: { argv: ["true"], cwd: Deno.cwd() } },
 *   rounds: 2,
 * });
 * assert.equal(times.a.wall.length, 2);
 * assert.equal(times.b.wall.length, 2);
 * ```
 */
export async function interleave<K extends string>(
  options: InterleaveOptions<K>,
): Promise<Record<K, Samples>> {
  for (const command of options.warmup ?? []) await timeCommand(command);
  const names = Object.keys(options.commands) as K[];
  const samples = {} as Record<K, Samples>;
  for (const name of names) samples[name] = { wall: [], cpu: [] };
  for (let round = 0; round < options.rounds; round++) {
    for (let i = 0; i < names.length; i++) {
      const name = names[(round + i) % names.length];
      const outcome = await timeCommand(options.commands[name]);
      options.check?.[name]?.(outcome);
      samples[name].wall.push(outcome.ms);
      if (outcome.cpuMs !== undefined) samples[name].cpu.push(outcome.cpuMs);
    }
  }
  return samples;
}

/**
 * Throws with the command's output when a run did not end as expected.
 *
 * @param what A name for the run.
 * @param outcome The run.
 * @param ok Whether it did what it should.
 * @throws {Error} When `ok` is false.
 *
 * @example
 * ```ts
 * import { expectRun } from "./_util.ts";
 * import assert from "node:assert/strict";
 *
 * const outcome = { ms: 1, code: 1, stdout: "", stderr: "boom" };
 * assert.throws(() => expectRun("x", outcome, outcome.code === 0), /boom/);
 * ```
 */
export function expectRun(what: string, outcome: TimedOutcome, ok: boolean): void {
  if (ok) return;
  const tail = (text: string) => text.split("\n").slice(-15).join("\n");
  throw new Error(
    `${what} did not run as expected (exit ${outcome.code})\n` +
      `--- stdout (tail) ---\n${tail(outcome.stdout)}\n--- stderr (tail) ---\n${
        tail(outcome.stderr)
      }`,
  );
}

/**
 * Renders rows as a Markdown-style table with padded columns.
 *
 * @param header Column titles.
 * @param rows Cells.
 * @returns The table lines.
 *
 * @example
 * ```ts
 * import { table } from "./_util.ts";
 * import assert from "node:assert/strict";
 *
 * assert.deepEqual(table(["a", "bb"], [["1", "2"]]), [
 *   "| a | bb |",
 *   "| - | -- |",
 *   "| 1 | 2  |",
 * ]);
 * ```
 */
export function table(header: readonly string[], rows: readonly (readonly string[])[]): string[] {
  const widths = header.map((h, i) => Math.max(h.length, ...rows.map((r) => (r[i] ?? "").length)));
  const line = (cells: readonly string[]) =>
    `| ${widths.map((w, i) => (cells[i] ?? "").padEnd(w)).join(" | ")} |`;
  return [line(header), line(widths.map((w) => "-".repeat(w))), ...rows.map(line)];
}
