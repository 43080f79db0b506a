/**
 * End-to-end test helpers: temporary projects with real fixture files, and
 * smoke run as a subprocess in them.
 *
 * @module
 */
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import { recordedDigest, sourcesDigest } from "../tools/build.ts";

/** The entry file of this checkout. */
export const SMOKE_ENTRY: string = fileURLToPath(new URL("../smoke.ts", import.meta.url));

/** How smoke names itself when run from a project without a `smoke` task. */
export const INVOCATION: string = `deno run -A ${SMOKE_ENTRY}`;

/**
 * Escapes text for use inside a regular expression.
 *
 * @param text Literal text.
 * @returns The pattern source matching exactly that text.
 */
export function escapeRegExp(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\/]/g, "\\$&");
}

/** {@linkcode INVOCATION} as a regular-expression source. */
export const INVOKE: string = escapeRegExp(INVOCATION);

/** A temporary project directory, removed by `[Symbol.asyncDispose]`. */
export interface TempProject extends AsyncDisposable {
  /** Absolute path. */
  dir: string;
  /** Writes a file (creating folders) relative to the project. */
  write(path: string, text: string): Promise<void>;
  /** Reads a file relative to the project. */
  read(path: string): Promise<string>;
  /** Whether a file exists relative to the project. */
  exists(path: string): Promise<boolean>;
  /** The artifact directory (default location). */
  artifactDir: string;
  /** Parses `latest.json` in the default artifact directory. */
  latest(): Promise<
    Record<string, unknown> & { runId: string; fixtures: Array<Record<string, unknown>> }
  >;
}

/**
 * Creates a temporary project holding the given files.
 *
 * @param files Paths relative to the project, and their text.
 * @returns The project; dispose it to remove it.
 */
export async function tempProject(files: Record<string, string> = {}): Promise<TempProject> {
  const dir = await Deno.makeTempDir({ prefix: "smoke-e2e-" });
  const project: TempProject = {
    dir,
    artifactDir: join(dir, ".planning/artifacts/smoke"),
    async write(path, text) {
      await Deno.mkdir(dirname(join(dir, path)), { recursive: true });
      await Deno.writeTextFile(join(dir, path), text);
    },
    read: (path) => Deno.readTextFile(join(dir, path)),
    async exists(path) {
      try {
        await Deno.lstat(join(dir, path));
        return true;
      } catch (error) {
        if (error instanceof Deno.errors.NotFound) return false;
        throw error;
      }
    },
    async latest() {
      return JSON.parse(
        await Deno.readTextFile(join(dir, ".planning/artifacts/smoke/latest.json")),
      );
    },
    async [Symbol.asyncDispose]() {
      await Deno.remove(dir, { recursive: true }).catch(() => {});
    },
  };
  for (const [path, text] of Object.entries(files)) await project.write(path, text);
  return project;
}

/** What a smoke subprocess did. */
export interface SmokeRun {
  /** Exit code. */
  code: number;
  /** Standard output. */
  stdout: string;
  /** Standard error. */
  stderr: string;
  /** The last line of standard output. */
  resultLine: string;
  /** True when the guard had to kill it: smoke hung. */
  hung: boolean;
}

/** Options for {@linkcode runSmoke}. */
export interface RunSmokeOptions {
  /** Extra environment (NO_COLOR is set; GITHUB_ACTIONS and CI are cleared unless given). */
  env?: Record<string, string>;
  /** The entry to run (default smoke.ts of this checkout). */
  entry?: string;
  /**
   * Kill smoke after this long (default 120 s): a hang must fail the test, not stall the
   * suite. Not a speed check: the guard is far above any normal run.
   */
  guardMs?: number;
  /** A command to run smoke under, such as `["sh", "-c", "ulimit -n 128; exec \"$@\"", "sh"]`. */
  prefix?: string[];
}

let buildChecked: Promise<void> | undefined;

/**
 * smoke.ts runs build/: with a build older than lib/, a test would test old code and fail (or
 * pass) for reasons nowhere in sight. Checked once per test process, by the sources' digest.
 */
function checkBuild(): Promise<void> {
  buildChecked ??= (async () => {
    const recorded = recordedDigest();
    if (recorded !== await sourcesDigest()) {
      throw new Error(
        "build/ is out of date with lib/ and schema/ (smoke.ts runs build/): " +
          "run `deno task build` first",
      );
    }
  })();
  return buildChecked;
}

/**
 * Runs smoke in a directory and collects its output.
 *
 * @param cwd The working directory.
 * @param args Flags.
 * @param options Extra environment, another entry.
 * @returns Exit code, output and the last line.
 */
export async function runSmoke(
  cwd: string,
  args: string[],
  options: RunSmokeOptions = {},
): Promise<SmokeRun> {
  if (options.entry === undefined) await checkBuild();
  const env = Deno.env.toObject();
  delete env.GITHUB_ACTIONS;
  delete env.GITHUB_STEP_SUMMARY;
  delete env.CI;
  // npm's variables (the suite may run under npx) would change the printed commands.
  for (const name of Object.keys(env)) {
    if (name.startsWith("npm_") || name === "SMOKE_INVOCATION") delete env[name];
  }
  const argv = [
    ...options.prefix ?? [],
    Deno.execPath(),
    "run",
    "-A",
    options.entry ?? SMOKE_ENTRY,
    ...args,
  ];
  const child = new Deno.Command(argv[0], {
    args: argv.slice(1),
    cwd,
    env: { ...env, NO_COLOR: "1", ...options.env },
    clearEnv: true,
    stdin: "null",
    stdout: "piped",
    stderr: "piped",
  }).spawn();
  let hung = false;
  const guard = setTimeout(() => {
    hung = true;
    child.kill("SIGKILL");
  }, options.guardMs ?? 120_000);
  const out = await child.output();
  clearTimeout(guard);
  const decode = (b: Uint8Array) => new TextDecoder().decode(b);
  const stdout = decode(out.stdout);
  return {
    code: out.code,
    stdout,
    stderr: decode(out.stderr),
    resultLine: stdout.trimEnd().split("\n").at(-1) ?? "",
    hung,
  };
}

/**
 * Spawns smoke without waiting, for signal tests.
 *
 * @param cwd The working directory.
 * @param args Flags.
 * @returns The child process (stdout and stderr piped).
 */
export function spawnSmoke(cwd: string, args: string[]): Deno.ChildProcess {
  return new Deno.Command(Deno.execPath(), {
    args: ["run", "-A", SMOKE_ENTRY, ...args],
    cwd,
    env: { NO_COLOR: "1" },
    stdin: "null",
    stdout: "piped",
    stderr: "piped",
  }).spawn();
}

/**
 * Whether a process with this pid is alive (Linux: /proc).
 *
 * @param pid The pid.
 * @returns True while it runs (zombies count as gone).
 */
export async function isAlive(pid: number): Promise<boolean> {
  try {
    const stat = await Deno.readTextFile(`/proc/${pid}/stat`);
    return !/^\d+ \(.*\) Z /.test(stat);
  } catch (error) {
    if (error instanceof Deno.errors.NotFound) return false;
    throw error;
  }
}

/**
 * Waits until a check holds, polling every 10 ms.
 *
 * @param check What to wait for.
 * @param timeoutMs How long at most (default 15 s), then it throws.
 */
export async function waitFor(
  check: () => Promise<boolean>,
  timeoutMs = 15_000,
): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!(await check())) {
    if (Date.now() > deadline) throw new Error("timed out waiting");
    await new Promise((r) => setTimeout(r, 10));
  }
}

/**
 * A local TCP port nothing listens on, for checks that must be refused (or
 * for a server a test starts on it). It is taken below the ephemeral range (Linux 32768-60999, macOS 49152-65535),
 * so a parallel test's `listen({ port: 0 })` can never be handed it between
 * this check and the refusal (a port bound, then closed, could be: it once
 * made a fresh-clone CI red).
 *
 * @returns The port.
 */
export function closedPort(): number {
  for (;;) {
    const port = 20_000 + Math.floor(Math.random() * 10_000);
    try {
      Deno.listen({ hostname: "127.0.0.1", port }).close();
      return port;
    } catch (error) {
      if (!(error instanceof Deno.errors.AddrInUse)) throw error;
    }
  }
}
