/**
 * smoke: the command-line entry. It parses flags, calls the library, and is
 * the only place that turns errors into exit codes and calls `Deno.exit`.
 *
 * @module
 */
import { isAbsolute, resolve } from "node:path";
import { runSmoke, type SmokeIo } from "./lib/app.ts";
import { ExitCode, formatUserError, SIGNAL_EXIT_CODES, UserError } from "./lib/errors.ts";
import { ioFallbackError } from "./lib/errors.ts";
import { parseFlags } from "./lib/flags.ts";
import { helpText } from "./lib/help.ts";
import { ProcessGroups } from "./lib/process.ts";
import { runtimeInfo } from "./lib/runtime.ts";
import { VERSION } from "./lib/version.ts";

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
const stdout = writer(Deno.stdout);
const stderr = writer(Deno.stderr);
const groups = new ProcessGroups();
const runtime = runtimeInfo(import.meta.url);
const cwd = Deno.cwd();

// Deno does not kill children when it exits: no exit path may leave a fixture behind.
globalThis.addEventListener("unload", () => groups.killAll());

const interrupt = new AbortController();
const signals: Deno.Signal[] = Deno.build.os === "windows"
  ? ["SIGINT"]
  : ["SIGINT", "SIGTERM", "SIGHUP"];
for (const name of signals) {
  Deno.addSignalListener(name, () => {
    if (interrupt.signal.aborted) {
      // A second signal: stop at once.
      groups.killAll();
      stderr(`\nerror: ${name} again: stopped at once\n`);
      stdout("\nRESULT: fail\n");
      Deno.exit(SIGNAL_EXIT_CODES[name] ?? ExitCode.Interrupted);
    }
    stderr(
      `\nwarning: ${name}: stopping fixtures and writing the artifact (again to stop at once)\n`,
    );
    interrupt.abort(name);
  });
}

/** A program given as a relative path is made absolute; a bare name stays for PATH lookup. */
function absoluteIfPath(program: string, from: string): string {
  return /[\\/]/.test(program) && !isAbsolute(program) ? resolve(from, program) : program;
}

async function main(args: string[]): Promise<number> {
  const flags = parseFlags(args);
  if (flags.help) {
    stdout(helpText(runtime.invocation));
    return ExitCode.Pass;
  }
  if (flags.version) {
    stdout(`smoke ${VERSION} (${runtime.kind}; deno ${Deno.version.deno})\n`);
    return ExitCode.Pass;
  }
  const io: SmokeIo = {
    cwd,
    env: Deno.env.toObject(),
    stdout,
    stderr,
    isTerminal: Deno.stdout.isTerminal(),
    columns: () => {
      // A pty without a window size reports 0 columns: fall back to COLUMNS, then 80.
      let columns = 0;
      try {
        columns = Deno.consoleSize().columns;
      } catch (error) {
        if (!(error instanceof Error)) throw error;
      }
      return columns > 0 ? columns : Number(Deno.env.get("COLUMNS")) || 80;
    },
    signal: interrupt.signal,
    groups,
    // A relative path means relative to here, not to each fixture's cwd.
    deno: absoluteIfPath(flags.deno ?? Deno.env.get("SMOKE_DENO") ?? runtime.deno, cwd),
    invocation: runtime.invocation,
    now: () => new Date(),
  };
  switch (flags.command) {
    case "run":
      return await runSmoke(flags, io);
    // Subcommands load their modules only when used, to keep runs starting fast.
    case "merge":
      return await (await import("./lib/merge.ts")).runMerge(flags, io);
    case "report":
      return await (await import("./lib/report/report_command.ts")).runReport(flags, io);
  }
}

let code: number;
try {
  code = await main(Deno.args);
} catch (error) {
  // An I/O error that no read or write site turned into a user error names its path in
  // Deno's message: still the user's to fix (exit 2), not a crash. Bugs stay crashes.
  const user = error instanceof UserError ? error : ioFallbackError(error);
  if (user) {
    stderr(formatUserError(user) + "\n");
    code = user.exitCode;
  } else {
    stderr(`error: smoke crashed; this is a bug, please report it with the stack below\n`);
    stderr(`${(error as Error)?.stack ?? error}\n`);
    code = ExitCode.Internal;
  }
  stdout("RESULT: fail\n");
} finally {
  groups.killAll();
}
Deno.exit(code!);
