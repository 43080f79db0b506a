import {
  relative,
  sep
} from "./chunk-UZCZWFUL.js";
import {
  hasControlCharacter
} from "./chunk-XRBLM22N.js";

// lib/selection/plan.ts
var fixtureLimits = (function fixtureLimits(fixture, options) {
  return {
    timeoutMs: fixture.timeoutMs ?? options.timeoutMs,
    retries: fixture.retries ?? options.retries
  };
});
var scriptPath = (function scriptPath(script, cwd) {
  const prefix = cwd.endsWith(sep) ? cwd : cwd + sep;
  if (script.startsWith(prefix) && !script.includes(`${sep}..`)) return script.slice(prefix.length);
  return relative(cwd, script) || script;
});
var planFixture = (function planFixture(fixture, context) {
  const { options } = context;
  const permissions = fixture.permissions ?? options.permissions;
  const argv = fixture.script ? [
    context.deno,
    "run",
    "--no-prompt",
    ...permissions,
    scriptPath(fixture.script, fixture.cwd),
    ...fixture.args
  ] : [
    ...fixture.command,
    ...fixture.args
  ];
  return {
    fixture,
    argv,
    cwd: fixture.cwd,
    env: {
      ...options.env,
      ...fixture.env
    },
    ...fixtureLimits(fixture, options),
    permissions: fixture.script ? permissions : []
  };
});
var PLAIN = /^[A-Za-z0-9_\/.,:=@%+-]+$/;
var ESCAPED = /[\\'\u0000-\u001f\u007f]/g;
var ESCAPES = {
  "\\": "\\\\",
  "'": "\\'",
  "\n": "\\n",
  "	": "\\t",
  "\r": "\\r"
};
var quoteOne = (function quoteOne(arg) {
  if (PLAIN.test(arg)) return arg;
  if (!hasControlCharacter(arg)) return `'${arg.replaceAll("'", `'\\''`)}'`;
  return `$'${arg.replace(ESCAPED, ((c) => ESCAPES[c] ?? `\\x${c.charCodeAt(0).toString(16).padStart(2, "0")}`))}'`;
});
var shellQuote = (function shellQuote(argv) {
  return argv.map(quoteOne).join(" ");
});
var fixtureArgument = (function fixtureArgument(id) {
  return id.startsWith("-") ? shellQuote([
    `--fixture=${id}`
  ]) : `--fixture ${shellQuote([
    id
  ])}`;
});

export {
  fixtureLimits,
  planFixture,
  shellQuote,
  fixtureArgument
};
//# sourceMappingURL=chunk-DBSKOPQR.js.map
