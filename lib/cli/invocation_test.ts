import assert from "node:assert/strict";
// Test-only: locked in deno.test.lock, so that running smoke never fetches it.
// deno-lint-ignore no-import-prefix
import fc from "npm:fast-check@4.11.0";
import { type InvocationContext, userInvocation } from "./invocation.ts";

const NPX_DENO = "/home/u/.npm/_npx/7a40be787520bede/node_modules/deno/deno";
const PROJECT_DENO = "/w/app/node_modules/deno/deno";
const OWN_DENO = "/usr/local/bin/deno";
const NPM_AGENT = "npm/11.19.1 node/v20.20.2 linux x64 workspaces/false";

function context(env: InvocationContext["env"], execPath = OWN_DENO): InvocationContext {
  return { env, execPath, denoVersion: "2.9.6" };
}

/** What npm sets for a script run with `npm run <event>`. */
function npmRun(event: string, script: string): Record<string, string> {
  return {
    npm_command: "run-script",
    npm_lifecycle_event: event,
    npm_lifecycle_script: script,
    npm_config_user_agent: NPM_AGENT,
  };
}

/** What npx sets (seen with npm 11: the event is "npx", the script the package's bin). */
const NPX = {
  npm_command: "exec",
  npm_lifecycle_event: "npx",
  npm_lifecycle_script: "'deno'",
  npm_config_user_agent: NPM_AGENT,
};

const base = fc.constantFrom(
  "deno task smoke",
  "deno run -A /p/smoke.ts",
  "deno run -A /p/dist/smoke.js",
  "/p/dist/smoke",
);
const eventName = fc.stringMatching(/^[a-z][a-z0-9:._-]{0,20}$/).filter((e) => e !== "npx");
/** One command with its arguments: no shell control operator. */
const simpleScript = fc.stringMatching(/^[a-z][a-zA-Z0-9 ._/=-]{0,30}$/);
const controlOperator = fc.constantFrom("&&", "||", ";", "|", "&", "\n", "`x`", "$(x)");

Deno.test("userInvocation: with nothing from npm or SMOKE_INVOCATION, smoke's own invocation", () => {
  fc.assert(fc.property(base, fc.constantFrom(OWN_DENO, NPX_DENO, PROJECT_DENO), (b, exec) => {
    assert.equal(userInvocation(b, context({ HOME: "/home/u", PATH: "/usr/bin" }, exec)), b);
  }));
});

Deno.test("userInvocation: an npm script of one command is rerun as `npm run <script> --`", () => {
  fc.assert(fc.property(base, eventName, simpleScript, (b, event, script) => {
    const env = { ...npmRun(event, script), SMOKE_INVOCATION: "npx smoke" };
    assert.equal(userInvocation(b, context(env, PROJECT_DENO)), `npm run ${event} --`);
  }));
  assert.equal(
    userInvocation("deno run -A /p/smoke.js", context(npmRun("smoke:reliability", "smoke"))),
    "npm run smoke:reliability --",
  );
});

Deno.test("userInvocation: a script with shell control operators is not rerun through npm run", () => {
  fc.assert(
    fc.property(base, eventName, simpleScript, controlOperator, simpleScript, (b, e, x, op, y) => {
      const env = npmRun(e, `${x} ${op} ${y}`);
      assert.doesNotMatch(userInvocation(b, context(env)), /^npm run/);
      assert.equal(
        userInvocation(b, context({ ...env, SMOKE_INVOCATION: "npx smoke" })),
        "npx smoke",
      );
    }),
  );
});

Deno.test("userInvocation: npx, another package manager or an odd script name is no npm script", () => {
  const invocation = (env: Record<string, string>) =>
    userInvocation("deno run -A /p/smoke.js", context({ ...env, SMOKE_INVOCATION: "npx smoke" }));
  assert.equal(invocation(NPX), "npx smoke");
  assert.equal(invocation({ ...npmRun("smoke", "smoke"), npm_command: "exec" }), "npx smoke");
  assert.equal(
    invocation({ ...npmRun("smoke", "smoke"), npm_config_user_agent: "pnpm/9.0.0 npm/? node/v20" }),
    "npx smoke",
  );
  assert.equal(invocation(npmRun("it's", "smoke")), "npx smoke");
  const { npm_lifecycle_script: _, ...noScript } = npmRun("smoke", "smoke");
  assert.equal(invocation(noScript), "npx smoke");
});

Deno.test("userInvocation: SMOKE_INVOCATION is used when printable, ignored otherwise", () => {
  fc.assert(fc.property(base, fc.string({ minLength: 1, maxLength: 40 }), (b, value) => {
    const got = userInvocation(b, context({ SMOKE_INVOCATION: value }));
    const printable = value.trim() !== "" && !/\p{Cc}/u.test(value.trim());
    assert.equal(got, printable ? value.trim() : b);
    assert.doesNotMatch(got, /\p{Cc}/u, "never a control character in a printed command");
  }));
});

Deno.test("userInvocation: after npx, a Deno that npm fetched is started through npx", () => {
  const rest = fc.stringMatching(/^ [a-zA-Z0-9 ._/-]{1,30}$/);
  fc.assert(fc.property(rest, (r) => {
    assert.equal(userInvocation(`deno${r}`, context(NPX, NPX_DENO)), `npx --yes deno@2.9.6${r}`);
    assert.equal(userInvocation(`deno${r}`, context(NPX, PROJECT_DENO)), `npx deno${r}`);
    // A Deno of the user's own is on their PATH: `deno` works as printed.
    assert.equal(userInvocation(`deno${r}`, context(NPX, OWN_DENO)), `deno${r}`);
  }));
  // The README's first command, as seen from inside it.
  assert.equal(
    userInvocation("deno task smoke", context(NPX, NPX_DENO)),
    "npx --yes deno@2.9.6 task smoke",
  );
  // Windows paths, and a compiled binary (its invocation is its own path) is left alone.
  assert.equal(
    userInvocation(
      "deno task smoke",
      context(NPX, "C:\\Users\\u\\AppData\\npm-cache\\_npx\\1\\node_modules\\deno\\deno.exe"),
    ),
    "npx --yes deno@2.9.6 task smoke",
  );
  assert.equal(userInvocation("/p/dist/smoke", context(NPX, NPX_DENO)), "/p/dist/smoke");
  // An npm script that is not one command, on the project's Deno: npx finds that Deno.
  assert.equal(
    userInvocation(
      "deno task smoke",
      context(npmRun("ci", "deno task smoke && echo done"), PROJECT_DENO),
    ),
    "npx deno task smoke",
  );
});
