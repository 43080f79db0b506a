/**
 * smoke: the command-line entry. It parses flags, calls the library, and is
 * the only place that turns errors into exit codes and calls `Deno.exit`.
 *
 * The signal handlers come first, before the library loads, and the exit code
 * always agrees with the `RESULT:` line: a signal after that line is printed
 * changes nothing.
 *
 * The library runs from `build/`, `lib/` bundled into a few JavaScript chunks
 * (`deno task build`, see `tools/build.ts`): it starts ~25 ms sooner than ~75
 * TypeScript modules. Each entry file of the build names its `lib/` module as
 * its types (`@ts-self-types`): this file is checked against `lib/`.
 *
 * @module
 */
import { ExitCode, SIGNAL_EXIT_CODES } from "./build/base/errors.js";
import { batchedWriter } from "./build/base/batched_writer.js";

const encoder = new TextEncoder();
function writer(stream: { writeSync(p: Uint8Array): number }) {
  let closed = false;
  return (text: string) => {
    if (closed) return;
    const bytes = encoder.encode(text);
    let written = 0;
    try {
      while (written < bytes.length) written += stream.writeSync(bytes.subarray(written));
    } catch (error) {
      // A reader that went away (`smoke | head -1`) is not a failure of the run.
      if (!(error instanceof Deno.errors.BrokenPipe)) throw error;
      closed = true;
    }
  };
}
/** The verdict of the `RESULT:` line once printed: the exit code must agree with it. */
let verdict: "pass" | "fail" | undefined;
/** The longest a line written to a pipe or a file waits before it goes out. */
const BATCH_MS = 100;
const directStdout = writer(Deno.stdout);
// A pipe or a file gets its lines in batches (see batched_writer.ts); a terminal at once.
const rawStdout = Deno.stdout.isTerminal()
  ? Object.assign(directStdout, { flush() {} })
  : batchedWriter(directStdout, { flushMs: BATCH_MS, maxChars: 64 * 1024 });
const directStderr = writer(Deno.stderr);
// Both streams often end up in one log (CI, 2>&1): stderr goes out after what stdout holds.
const rawStderr = (text: string) => {
  // A failure to write stdout is kept for stdout's next writer (see batched_writer.ts).
  rawStdout.flush({ quiet: true });
  directStderr(text);
};
/** smoke's exits go through here: what is held back goes out first. */
function exit(code: number): never {
  try {
    rawStdout.flush();
  } catch (error) {
    // The last lines (the RESULT line among them) never reached standard output: as for any
    // other write that fails, an I/O error, exit 2.
    directStderr(
      `error: Cannot write to standard output: ${(error as Error)?.message ?? error}\n` +
        "hint: Free disk space, or send smoke's output somewhere it can be written.\n",
    );
    Deno.exit(ExitCode.Usage);
  }
  Deno.exit(code);
}
// Until the library (and its safe writer) has loaded, only constant text is written.
let stdout = (text: string) => {
  const result = /(?:^|\n)RESULT: (pass|fail)\n$/.exec(text);
  if (result) verdict = result[1] as "pass" | "fail";
  rawStdout(text);
};
let stderr = rawStderr;
/** The RESULT line: marked as smoke's own once the safe writer is in place (see resultLine). */
let result = (verdict: "pass" | "fail") => `RESULT: ${verdict}`;
/** The run's process groups, once the library has loaded. */
const live: { groups?: { killAll(): void } } = {};

// Deno does not kill children when it exits: no exit path may leave a fixture behind.
globalThis.addEventListener("unload", () => {
  live.groups?.killAll();
  rawStdout.flush({ quiet: true });
});
// An uncaught error ends Deno without "unload": the lines held back go out before its report.
for (const event of ["error", "unhandledrejection"]) {
  globalThis.addEventListener(event, () => rawStdout.flush({ quiet: true }));
}

const interrupt = new AbortController();
/** What the first signal stops (said when it comes): a run's fixtures, or a merge or a report. */
let stopping = "stopping fixtures and writing the artifact";
/** The interrupt that started the stop, and when. */
let firstSignal: { name: Deno.Signal; at: number } | undefined;
/** The same signal again within this long is the same interrupt, delivered twice. */
const SAME_SIGNAL_MS = 100;
const signals: Deno.Signal[] = Deno.build.os === "windows"
  ? ["SIGINT"]
  : ["SIGINT", "SIGTERM", "SIGHUP"];
for (const name of signals) {
  Deno.addSignalListener(name, () => {
    // The run is decided and its RESULT line printed: it ends as printed.
    if (verdict !== undefined) return;
    const code = SIGNAL_EXIT_CODES[name] ?? ExitCode.Interrupted;
    // One signal delivered twice (to smoke's process group and forwarded by a wrapper such as
    // npx) is one interrupt, not a second one.
    if (
      interrupt.signal.aborted && name === firstSignal?.name &&
      performance.now() - firstSignal.at < SAME_SIGNAL_MS
    ) return;
    if (interrupt.signal.aborted) {
      // A second signal: stop at once.
      live.groups?.killAll();
      stderr(`\nerror: ${name} again: stopped at once\n`);
      stdout(`\n${result("fail")}\n`);
      exit(code);
    }
    stderr(`\nwarning: ${name}: ${stopping} (again to stop at once)\n`);
    firstSignal = { name, at: performance.now() };
    interrupt.abort(name);
  });
}

const smoke = await import("./build/cli/entry.js");
// GitHub Actions reads the log for workflow commands: decided once, for the edge and the run.
const github = smoke.readEnv("GITHUB_ACTIONS") === "true";
{
  const trackVerdict = stdout;
  stdout = smoke.createSafeWriter(trackVerdict, { terminal: Deno.stdout.isTerminal(), github });
  result = smoke.resultLine;
  stderr = smoke.createSafeWriter(rawStderr, { terminal: Deno.stderr.isTerminal(), github });
}
const processGroups = new smoke.ProcessGroups();
live.groups = processGroups;
/** The working directory, once main has read it (a path that is not UTF-8 is a user error). */
let knownCwd: string | undefined;

async function main(args: string[]): Promise<number> {
  const cwd = smoke.workingDirectory();
  knownCwd = cwd;
  if (github && smoke.envUnreadable("GITHUB_STEP_SUMMARY")) {
    // Read as unset, it would be skipped without a word.
    stderr(
      smoke.formatWarning({
        code: "STEP_SUMMARY_WRITE_FAILED",
        message: "Cannot write the step summary: GITHUB_STEP_SUMMARY is not valid UTF-8",
        hint: "The runner sets it to a UTF-8 path; check what changed it.",
      }),
    );
  }
  const runtime = smoke.runtimeInfo(import.meta.url, smoke.runtimeFacts(cwd));
  // What the user types to start smoke again: their npm script, `npx smoke`, or npx's Deno.
  const invocation = smoke.userInvocation(runtime.invocation, {
    env: Deno.env.toObject(),
    execPath: Deno.execPath(),
    denoVersion: Deno.version.deno,
  });
  const flags = smoke.parseFlags(args);
  // A merge or a report stops before it writes, or fails once it has written.
  if (flags.command !== "run") stopping = `stopping the ${flags.command}`;
  if (flags.help) {
    // The directories and settings in effect; a broken config never fails --help.
    stdout(smoke.helpText(invocation, await smoke.helpSettings(flags, cwd)));
    return ExitCode.Pass;
  }
  if (flags.version) {
    stdout(`smoke ${smoke.VERSION} (${runtime.kind}; deno ${Deno.version.deno})\n`);
    return ExitCode.Pass;
  }
  if (interrupt.signal.aborted) {
    // Stopped while starting: nothing ran, nothing is written.
    stdout(`${result("fail")}\n`);
    return SIGNAL_EXIT_CODES[String(interrupt.signal.reason)] ?? ExitCode.Interrupted;
  }
  const smokeDeno = (value: string | undefined) =>
    value === undefined ? undefined : smoke.checkPath("SMOKE_DENO", value);
  const io: import("./build/cli/entry.js").SmokeIo = {
    cwd,
    env: Deno.env.toObject(),
    stdout,
    stderr,
    isTerminal: Deno.stdout.isTerminal(),
    github,
    columns: () => {
      // A pty without a window size reports 0 columns: fall back to COLUMNS, then 80.
      let columns = 0;
      try {
        columns = Deno.consoleSize().columns;
      } catch (error) {
        if (!(error instanceof Error)) throw error;
      }
      return columns > 0 ? columns : Number(smoke.readEnv("COLUMNS")) || 80;
    },
    signal: interrupt.signal,
    groups: processGroups,
    // A relative path means relative to here, not to each fixture's cwd. SMOKE_DENO obeys the
    // rule of --deno: no control characters.
    deno: smoke.absoluteIfPath(
      flags.deno ?? smokeDeno(smoke.readEnv("SMOKE_DENO", { strict: true })) ?? runtime.deno,
      cwd,
    ),
    invocation,
    now: () => new Date(),
  };
  switch (flags.command) {
    case "run":
      return await smoke.runSmoke(flags, io);
    // Subcommands load their modules only when used, to keep runs starting fast.
    case "merge":
      return await (await import("./build/cli/merge_command.js")).runMerge(flags, io);
    case "report":
      return await (await import("./build/cli/report_command.js")).runReport(flags, io);
  }
}

let code: number;
try {
  code = await main(Deno.args).catch(async (error) => {
    // An I/O error that no read or write site turned into a user error names its path in
    // Deno's message: still the user's to fix (exit 2), not a crash. Bugs stay crashes.
    const user = error instanceof smoke.UserError ? error : smoke.ioFallbackError(error);
    if (!user) throw error;
    stderr(smoke.formatUserError(user) + "\n");
    if (github && user.exitCode === ExitCode.Usage) {
      // GitHub Actions also gets it as an annotation and in the step summary.
      const { reportErrorToGitHub } = await import("./build/cli/github_error_report.js");
      await reportErrorToGitHub(user, { cwd: knownCwd ?? "/", env: Deno.env.toObject(), stderr });
    }
    if (verdict === undefined) stdout(`${result("fail")}\n`);
    return user.exitCode;
  });
} catch (error) {
  stderr(`error: smoke crashed; this is a bug, please report it with the stack below\n`);
  stderr(`${(error as Error)?.stack ?? error}\n`);
  code = ExitCode.Internal;
  if (verdict === undefined) stdout(`${result("fail")}\n`);
} finally {
  processGroups.killAll();
}
// The exit code agrees with the RESULT line: a run that printed "pass" never exits non-zero.
if (verdict === "pass" && code! !== ExitCode.Pass) code = ExitCode.Pass;
exit(code!);
