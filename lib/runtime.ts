/**
 * How smoke is running: as a script, a bundle or a compiled binary, and
 * what follows for printed commands and the Deno used for script fixtures.
 *
 * @module
 */

/** How smoke runs. */
export interface RuntimeInfo {
  /** `script` (smoke.ts), `bundle` (dist/smoke.js) or `binary` (deno compile). */
  kind: "script" | "bundle" | "binary";
  /** How a user starts this smoke, for printed commands. */
  invocation: string;
  /** The Deno for script fixtures: this Deno, or `deno` on PATH for a binary. */
  deno: string;
}

/**
 * Tells how smoke runs from its entry module's URL.
 *
 * @param entryUrl `import.meta.url` of the entry module.
 * @param facts The executable path and whether this is a compiled binary.
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
 * ```
 */
export function runtimeInfo(
  entryUrl: string,
  facts: { execPath: string; compiled: boolean } = {
    execPath: Deno.execPath(),
    compiled: isCompiled(),
  },
): RuntimeInfo {
  if (facts.compiled) return { kind: "binary", invocation: facts.execPath, deno: "deno" };
  if (entryUrl.endsWith(".js")) {
    return {
      kind: "bundle",
      invocation: `deno run -A ${new URL(entryUrl).pathname}`,
      deno: facts.execPath,
    };
  }
  return { kind: "script", invocation: "deno task smoke", deno: facts.execPath };
}

function isCompiled(): boolean {
  // deno compile sets Deno.build.standalone (2.x); older builds: the exec path is not deno.
  const standalone = (Deno.build as { standalone?: boolean }).standalone;
  if (typeof standalone === "boolean") return standalone;
  return !/(^|[\\/])deno(\.exe)?$/.test(Deno.execPath());
}
