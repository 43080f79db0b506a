/**
 * The edges the CLI's commands use (clock, terminal, processes, environment),
 * and what choosing a run's reporters looks at.
 *
 * @module
 */
import type { Options } from "../config/config.ts";
import type { ProcessGroups } from "../run/process.ts";
import type { Flags } from "./flags.ts";

/** The edges a run uses. */
export interface SmokeIo {
  /** Absolute working directory. */
  cwd: string;
  /** The environment smoke runs in. */
  env: Record<string, string>;
  /** Writes to standard output. */
  stdout(text: string): void;
  /** Writes to standard error. */
  stderr(text: string): void;
  /** Whether standard output is a terminal. */
  isTerminal: boolean;
  /**
   * GitHub Actions reads the output (`GITHUB_ACTIONS=true`): decided once, by the entry, which
   * also sets its output edge for it. Absent means no.
   */
  github?: boolean;
  /** Terminal width. */
  columns(): number;
  /** Aborted on SIGINT or SIGTERM, with the signal name as reason. */
  signal: AbortSignal;
  /** The run's live process groups. */
  groups: ProcessGroups;
  /** The Deno executable for script fixtures. */
  deno: string;
  /** How users start smoke, for printed commands: `deno task smoke`. */
  invocation: string;
  /** The wall clock. */
  now(): Date;
}

/** What choosing the run's reporters may look at. */
export interface RunReporterContext {
  /** The parsed flags. */
  flags: Flags;
  /** The merged options. */
  options: Options;
  /** The edges: cwd, env, output. */
  io: SmokeIo;
  /** The run id. */
  runId: string;
}
