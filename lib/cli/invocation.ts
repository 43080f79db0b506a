/**
 * How the user who started smoke starts it again: the command printed in rerun
 * and fallback hints, chosen from how smoke was started (an npm script, the npm
 * package's `smoke` bin, a Deno fetched by npx), so that it runs as printed.
 *
 * @module
 */

/** What {@linkcode userInvocation} looks at besides smoke's own invocation. */
export interface InvocationContext {
  /** The environment smoke runs in (npm's `npm_*` variables, `SMOKE_INVOCATION`). */
  env: Readonly<Record<string, string | undefined>>;
  /** The running Deno executable. */
  execPath: string;
  /** The running Deno's version, e.g. `2.9.6`. */
  denoVersion: string;
}

/** A script that is one command: arguments appended to it reach that command. */
const SHELL_CONTROL = /[;&|`\n\r]|\$\(/;
/** Names npm scripts can have that need no quoting in a shell. */
const PLAIN_WORD = /^[A-Za-z0-9_.:@%+=,/-]+$/;
/** A printable one-line value (no control characters). */
const PRINTABLE = /^[^\p{Cc}]+$/u;

/**
 * The command a user types to start smoke again, for printed commands.
 *
 * In order:
 * 1. Started by an npm script (`npm run smoke`, `npm test`; npm sets
 *    `npm_lifecycle_event` and `npm_lifecycle_script`) whose script is one
 *    command: `npm run <script> --`, so arguments appended reach smoke.
 * 2. `SMOKE_INVOCATION` set (the npm package's bin sets `npx smoke`): that.
 * 3. Started under npm (`npx --yes deno@2.9.6 task smoke`, npm sets
 *    `npm_command`), with a Deno that npm fetched (so `deno` may not be on the
 *    user's PATH): the leading `deno` becomes `npx --yes deno@<version>` (a Deno
 *    from npx's cache) or `npx deno` (the project's own `deno` dependency).
 * 4. Otherwise smoke's own invocation, unchanged.
 *
 * @param base smoke's own invocation (`deno task smoke`, `deno run -A /p/smoke.ts`).
 * @param context The environment, the running Deno and its version.
 * @returns One command line a user can paste.
 *
 * @example
 * ```ts
 * import { userInvocation } from "./invocation.ts";
 * import assert from "node:assert/strict";
 *
 * const deno = { execPath: "/home/u/.npm/_npx/1f/node_modules/deno/deno", denoVersion: "2.9.6" };
 * assert.equal(
 *   userInvocation("deno task smoke", { ...deno, env: { npm_command: "exec", npm_lifecycle_event: "npx" } }),
 *   "npx --yes deno@2.9.6 task smoke",
 * );
 * assert.equal(
 *   userInvocation("deno run -A /p/smoke.js", {
 *     ...deno,
 *     env: { npm_command: "run-script", npm_lifecycle_event: "smoke", npm_lifecycle_script: "smoke" },
 *   }),
 *   "npm run smoke --",
 * );
 * assert.equal(
 *   userInvocation("deno run -A /p/smoke.js", { ...deno, env: { SMOKE_INVOCATION: "npx smoke" } }),
 *   "npx smoke",
 * );
 * assert.equal(userInvocation("deno task smoke", { ...deno, env: {} }), "deno task smoke");
 * ```
 */
export function userInvocation(base: string, context: InvocationContext): string {
  const { env } = context;
  const script = npmScript(env);
  if (script !== undefined) return `npm run ${script} --`;
  const own = env.SMOKE_INVOCATION?.trim();
  if (own && PRINTABLE.test(own)) return own;
  if (/^deno\s/.test(base) && startedByNpm(env)) {
    const fetched = /[\\/]_npx[\\/]/.test(context.execPath);
    const inProject = /[\\/]node_modules[\\/]/.test(context.execPath);
    if (fetched && PLAIN_WORD.test(context.denoVersion)) {
      return `npx --yes deno@${context.denoVersion}${base.slice("deno".length)}`;
    }
    if (inProject) return `npx deno${base.slice("deno".length)}`;
  }
  return base;
}

/** The npm script that started smoke, when appending arguments to it reaches smoke. */
function npmScript(env: InvocationContext["env"]): string | undefined {
  const event = env.npm_lifecycle_event;
  const script = env.npm_lifecycle_script;
  // npx (npm exec) sets the event "npx": that is no script of the user's.
  if (!event || event === "npx" || env.npm_command === "exec" || script === undefined) {
    return undefined;
  }
  // Another package manager runs scripts its own way: its user agent says so.
  const agent = env.npm_config_user_agent;
  if (agent !== undefined && !agent.startsWith("npm/")) return undefined;
  if (SHELL_CONTROL.test(script) || !PLAIN_WORD.test(event)) return undefined;
  return event;
}

/** npx, `npm exec` and `npm run` set these for what they start. */
function startedByNpm(env: InvocationContext["env"]): boolean {
  return env.npm_command !== undefined || env.npm_lifecycle_event !== undefined;
}
