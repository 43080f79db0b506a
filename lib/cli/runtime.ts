/**
 * How smoke is running: as a script, a bundle or a compiled binary, and
 * what follows for printed commands and the Deno used for script fixtures.
 *
 * @module
 */
import { dirname, fromFileUrl, join, relative } from "../base/path.ts";
import { shellQuote } from "../selection/plan.ts";
import { UserError } from "../base/errors.ts";
import type { Artifact } from "../artifact/artifact.ts";
import { parseJsonc } from "../jsonc/jsonc.ts";
import { MAX_INPUT_BYTES, readRegularTextFileSync } from "../base/read_input.ts";

/** How smoke runs. */
export interface RuntimeInfo {
  /** `script` (smoke.ts), `bundle` (dist/smoke.js) or `binary` (deno compile). */
  kind: "script" | "bundle" | "binary";
  /** How a user starts this smoke, for printed commands. */
  invocation: string;
  /** The Deno for script fixtures: this Deno, or `deno` on PATH for a binary. */
  deno: string;
}

/** What {@linkcode runtimeInfo} looks at. */
export interface RuntimeFacts {
  /** The running executable. */
  execPath: string;
  /** Whether this is a `deno compile` binary. */
  compiled: boolean;
  /** The working directory. */
  cwd?: string;
  /** Whether the working directory's deno.json(c) defines a `smoke` task. */
  smokeTask?: boolean;
}

/**
 * Whether a directory's `deno.json` or `deno.jsonc` defines a `smoke` task.
 *
 * @param dir The directory.
 * @returns True when `deno task smoke` would find a task there.
 *
 * @example
 * ```ts
 * import { hasSmokeTask } from "./runtime.ts";
 * import assert from "node:assert/strict";
 *
 * const dir = Deno.makeTempDirSync();
 * assert.equal(hasSmokeTask(dir), false);
 * Deno.writeTextFileSync(`${dir}/deno.jsonc`, '{ "tasks": { "smoke": "smoke" } } // mine');
 * assert.equal(hasSmokeTask(dir), true);
 * Deno.removeSync(dir, { recursive: true });
 * ```
 */
export function hasSmokeTask(dir: string): boolean {
  for (const name of ["deno.json", "deno.jsonc"]) {
    // A FIFO or device named deno.json must not block or flood start-up: it has no task.
    const read = readRegularTextFileSync(join(dir, name), {
      maxBytes: MAX_INPUT_BYTES,
      what: name,
    });
    if (!read.ok) continue;
    const parsed = parseJsonc(read.value);
    const tasks = parsed.ok ? (parsed.value as { tasks?: unknown })?.tasks : undefined;
    if (tasks && typeof tasks === "object" && "smoke" in tasks) return true;
  }
  return false;
}

/**
 * Tells how smoke runs from its entry module's URL.
 *
 * @param entryUrl `import.meta.url` of the entry module.
 * @param facts The executable path, whether this is a compiled binary, and the
 * working directory (a script run from elsewhere is shown as `deno run -A <entry>`).
 * @returns The kind, invocation and Deno path.
 *
 * @example
 * ```ts
 * import { runtimeInfo } from "./runtime.ts";
 * import assert from "node:assert/strict";
 *
 * const info = runtimeInfo("file:///p/dist/smoke.js", { execPath: "/usr/bin/deno", compiled: false });
 * assert.equal(info.kind, "bundle");
 * assert.equal(info.invocation, "deno run -A /p/dist/smoke.js");
 * const elsewhere = runtimeInfo("file:///p/smoke.ts", { execPath: "deno", compiled: false, cwd: "/other" });
 * assert.equal(elsewhere.invocation, "deno run -A /p/smoke.ts");
 * const spaced = runtimeInfo("file:///my%20tools/jos%C3%A9/smoke.ts", { execPath: "deno", compiled: false, cwd: "/other" });
 * assert.equal(spaced.invocation, "deno run -A '/my tools/josé/smoke.ts'");
 * const remote = runtimeInfo("https://jsr.io/@smoke/smoke/0.1.0/smoke.ts", { execPath: "deno", compiled: false, cwd: "/p" });
 * assert.equal(remote.invocation, "deno run -A https://jsr.io/@smoke/smoke/0.1.0/smoke.ts");
 * const home = runtimeInfo("file:///p/smoke.ts", { execPath: "deno", compiled: false, cwd: "/p" });
 * assert.equal(home.invocation, "deno task smoke");
 * ```
 */
export function runtimeInfo(
  entryUrl: string,
  facts: RuntimeFacts = runtimeFacts(Deno.cwd()),
): RuntimeInfo {
  if (facts.compiled) return { kind: "binary", invocation: facts.execPath, deno: "deno" };
  // Run from a URL (`deno run -A jsr:@smoke/smoke`): the URL itself, quoted.
  if (!entryUrl.startsWith("file:")) {
    return {
      kind: entryUrl.endsWith(".js") ? "bundle" : "script",
      invocation: `deno run -A ${shellQuote([entryUrl])}`,
      deno: facts.execPath,
    };
  }
  // The path as the shell takes it: decoded (not `tools%20dir`), and quoted where it must be.
  const entry = fromFileUrl(entryUrl);
  if (entryUrl.endsWith(".js")) {
    return {
      kind: "bundle",
      invocation: `deno run -A ${shellQuote([entry])}`,
      deno: facts.execPath,
    };
  }
  // `deno task smoke` works in smoke's checkout, or where a deno.json defines the task.
  const local = facts.cwd === undefined || dirname(entry) === facts.cwd ||
    (facts.smokeTask ?? false);
  return {
    kind: "script",
    invocation: local ? "deno task smoke" : `deno run -A ${shellQuote([entry])}`,
    deno: facts.execPath,
  };
}

/**
 * The facts {@linkcode runtimeInfo} needs, read from this process.
 *
 * @param cwd The working directory.
 * @returns The executable path, whether this is a compiled binary, the
 * working directory and whether it defines a `smoke` task.
 *
 * @example
 * ```ts
 * import { runtimeFacts } from "./runtime.ts";
 * import assert from "node:assert/strict";
 *
 * assert.equal(runtimeFacts("/").cwd, "/");
 * ```
 */
export function runtimeFacts(cwd: string): RuntimeFacts {
  return { execPath: Deno.execPath(), compiled: isCompiled(), cwd, smokeTask: hasSmokeTask(cwd) };
}

function isCompiled(): boolean {
  // deno compile sets Deno.build.standalone (2.x); older builds: the exec path is not deno.
  const standalone = (Deno.build as { standalone?: boolean }).standalone;
  if (typeof standalone === "boolean") return standalone;
  return !/(^|[\\/])deno(\.exe)?$/.test(Deno.execPath());
}

/**
 * The environment an artifact records for a run made here and now.
 *
 * @param env The environment smoke runs in (`CI` marks a CI run).
 * @returns Deno version, operating system, architecture, CI flag and host name.
 *
 * @example
 * ```ts
 * import { runEnvironment } from "./runtime.ts";
 * import assert from "node:assert/strict";
 *
 * assert.equal(runEnvironment({ CI: "true" }).ci, true);
 * assert.equal(runEnvironment({ CI: "false" }).ci, false);
 * assert.equal(runEnvironment({}).deno, Deno.version.deno);
 * ```
 */
export function runEnvironment(env: Readonly<Record<string, string>>): Artifact["environment"] {
  return {
    deno: Deno.version.deno,
    os: Deno.build.os,
    arch: Deno.build.arch,
    ci: Boolean(env.CI && env.CI !== "false"),
    hostname: Deno.hostname(),
  };
}

/**
 * A path as a user would want to read it: relative to the working directory
 * when it lies inside it, absolute otherwise.
 *
 * @param path An absolute path.
 * @param cwd The working directory.
 * @returns The path to print.
 *
 * @example
 * ```ts
 * import { displayPath } from "./runtime.ts";
 * import assert from "node:assert/strict";
 *
 * assert.equal(displayPath("/p/out/latest.json", "/p"), "out/latest.json");
 * assert.equal(displayPath("/elsewhere/x.json", "/p"), "/elsewhere/x.json");
 * ```
 */
export function displayPath(path: string, cwd: string): string {
  const rel = relative(cwd, path);
  return rel && !rel.startsWith("..") ? rel : path;
}

/**
 * The working directory, as a path smoke can hold: one whose name is not
 * valid UTF-8, or that was removed, is a user error (exit 2), not a crash.
 *
 * @returns The absolute path.
 * @throws {UserError} When Deno cannot read it.
 *
 * @example
 * ```ts
 * import { workingDirectory } from "./runtime.ts";
 * import assert from "node:assert/strict";
 *
 * assert.equal(workingDirectory(), Deno.cwd());
 * ```
 */
export function workingDirectory(): string {
  try {
    return Deno.cwd();
  } catch (error) {
    const [why, hint] = error instanceof Deno.errors.InvalidData
      ? [
        "its path is not valid UTF-8",
        "Run smoke from a folder whose path is UTF-8 (rename the folder, or move the project).",
      ]
      : error instanceof Deno.errors.NotFound
      ? ["it no longer exists", "Change to an existing folder and run smoke again."]
      : [];
    if (why === undefined) throw error;
    throw new UserError(`Cannot use the working directory: ${why}`, {
      kind: "usage",
      hints: [hint!],
    });
  }
}
