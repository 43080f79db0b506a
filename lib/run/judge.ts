/**
 * Judging: turns how a process ended into a pass or a failure with a kind
 * and a message a user can act on. Pure.
 *
 * @module
 */
import type { FailureKind } from "../artifact/artifact.ts";
import type { Expectations } from "../catalog/catalog.ts";
import type { ProcessOutcome } from "./process.ts";

/** A judged attempt. */
export interface Judgement {
  /** Whether the attempt passed. */
  passed: boolean;
  /** Why it failed. */
  failure?: { kind: FailureKind; message: string };
}

/** What the judge needs to know of the fixture. */
export interface JudgedFixture {
  /** What a pass looks like. */
  expect: Expectations;
  /** Script or command. */
  kind: "script" | "command";
  /** The manifest, when there is one (relative to the working directory). */
  manifestFile?: string;
  /** The main file (relative to the working directory). */
  file: string;
  /** The timeout that applied. */
  timeoutMs: number;
  /** The permission flags the script ran with. */
  permissions: string[];
}

const PERMISSION = /NotCapable: Requires (\w+) access(?: to "?([^",]*)"?)?/;

function permissionFailure(stderr: string, fixture: JudgedFixture): Judgement["failure"] {
  const match = PERMISSION.exec(stderr);
  if (!match) return undefined;
  const [, permission, target] = match;
  const flag = `--allow-${permission}${target ? `=${target}` : ""}`;
  const granted = JSON.stringify([...fixture.permissions, flag]);
  const where = fixture.manifestFile
    ? `add it in "${fixture.manifestFile}": "permissions": ${granted}`
    : `grant it in a manifest "${
      fixture.file.replace(/\.ts$/, ".jsonc")
    }": { "permissions": ${granted} }`;
  return {
    kind: "permission",
    message: `Deno denied ${permission} access${target ? ` to "${target}"` : ""}; ${where}`,
  };
}

function quoteList(items: string[]): string {
  return items.map((item) => JSON.stringify(item)).join(", ");
}

/**
 * Judges one attempt.
 *
 * @param outcome How the process ended.
 * @param fixture The fixture's expectations and files.
 * @returns Pass, or the failure with its kind and message.
 *
 * @example
 * ```ts
 * import { judge } from "./judge.ts";
 * import assert from "node:assert/strict";
 *
 * const stream = { tail: "", bytes: 0, found: [] };
 * const outcome = {
 *   exitCode: 1, signal: null, timedOut: false, interrupted: false, durationMs: 5,
 *   stdout: stream, stderr: stream, outputLeaked: false,
 * };
 * const expect = { exitCode: 0, stdoutIncludes: [], stderrIncludes: [], stdoutExcludes: [], stderrExcludes: [] };
 * const fixture = { expect, kind: "command" as const, file: "a.smoke.jsonc", timeoutMs: 1000, permissions: [] };
 * assert.deepEqual(judge(outcome, fixture).failure, { kind: "exit-code", message: "Exited with code 1, expected 0" });
 * ```
 */
export function judge(outcome: ProcessOutcome, fixture: JudgedFixture): Judgement {
  if (outcome.spawnError) {
    return { passed: false, failure: { kind: "spawn", message: outcome.spawnError } };
  }
  if (outcome.interrupted) {
    return {
      passed: false,
      failure: { kind: "interrupted", message: "Interrupted before it finished" },
    };
  }
  if (outcome.timedOut) {
    return {
      passed: false,
      failure: {
        kind: "timeout",
        message: `Timed out after ${fixture.timeoutMs} ms; its process group was stopped` +
          (outcome.signal ? ` (${outcome.signal})` : ""),
      },
    };
  }
  const { expect } = fixture;
  if (outcome.exitCode !== expect.exitCode) {
    if (fixture.kind === "script" && outcome.exitCode !== 0) {
      const denied = permissionFailure(outcome.stderr.tail, fixture);
      if (denied) return { passed: false, failure: denied };
    }
    const ended = outcome.signal
      ? `Killed by ${outcome.signal}`
      : `Exited with code ${outcome.exitCode}`;
    return {
      passed: false,
      failure: { kind: "exit-code", message: `${ended}, expected ${expect.exitCode}` },
    };
  }
  const problems: string[] = [];
  const check = (stream: "stdout" | "stderr") => {
    const includes = expect[`${stream}Includes`];
    const excludes = expect[`${stream}Excludes`];
    const found = outcome[stream].found;
    const missing = includes.filter((_, i) => !found[i]);
    const present = excludes.filter((_, i) => found[includes.length + i]);
    if (missing.length) problems.push(`${stream} does not include ${quoteList(missing)}`);
    if (present.length) problems.push(`${stream} includes ${quoteList(present)}`);
  };
  check("stdout");
  check("stderr");
  if (problems.length > 0) {
    return { passed: false, failure: { kind: "expectation", message: problems.join("; ") } };
  }
  return { passed: true };
}
