import assert from "node:assert/strict";
import { parseArgs } from "node:util";
// Test-only: locked in deno.test.lock, so that running smoke never fetches it.
// deno-lint-ignore no-import-prefix
import fc from "npm:fast-check@4.11.0";
import { type ArgvOption, parseArgv } from "./_parse_argv.ts";
import { FLAGS } from "./flags.ts";

/** smoke's flags as both parsers take them. */
const OPTIONS = new Map<string, ArgvOption>(FLAGS.map((spec) => [spec.name, {
  type: spec.type === "boolean" ? "boolean" : "string",
  ...(spec.multiple ? { multiple: true } : {}),
  ...(spec.short ? { short: spec.short } : {}),
}]));

/** What a parser made of a command line: its result, or its error's code and the option named. */
function outcome(parse: () => { values: object; positionals: string[] }) {
  try {
    const { values, positionals } = parse();
    return { values: { ...values }, positionals };
  } catch (error) {
    const { code, message } = error as { code?: string; message: string };
    // The option named: the one unknown as given; for a bad value, the long name.
    const option = code === "ERR_PARSE_ARGS_UNKNOWN_OPTION"
      ? /'([^' ]+)/.exec(message)?.[1]
      : /--([a-z0-9-]+)/.exec(message)?.[1];
    return { code, option };
  }
}

const names = FLAGS.map((spec) => spec.name);
/** Arguments as users type them: flags right and wrong, values, dashes, groups, positionals. */
const arg = fc.oneof(
  fc.constantFrom(...names).map((name) => `--${name}`),
  fc.tuple(fc.constantFrom(...names), fc.constantFrom("", "x", "-1", "a=b", "--list")).map((
    [name, value],
  ) => `--${name}=${value}`),
  fc.constantFrom(
    "--",
    "-",
    "-h",
    "-hh",
    "-hx",
    "-h-",
    "-h-x",
    "-hh-",
    "-h--",
    "-h😀",
    "-x",
    "-h=1",
    "--=x",
    "---list",
    "--lis",
    "--__proto__",
    "--constructor",
    "--no-colour",
    "",
    "a",
    "merge",
    "report",
    "-1",
    "--1",
    "api/*",
  ),
  fc.string({ maxLength: 6 }),
);

Deno.test("parseArgv: what node:util's parseArgs makes of generated command lines", () => {
  fc.assert(
    fc.property(fc.array(arg, { maxLength: 8 }), (args) => {
      const ours = outcome(() => parseArgv(args, OPTIONS));
      const node = outcome(() =>
        parseArgs({
          args,
          options: Object.fromEntries(OPTIONS),
          allowPositionals: true,
          strict: true,
        })
      );
      assert.deepEqual(ours, node, JSON.stringify(args));
    }),
    { numRuns: 5000 },
  );
});

Deno.test("parseArgv: an option named like an Object member is unknown", () => {
  assert.throws(() => parseArgv(["--toString"], OPTIONS), /Unknown option '--toString'/);
  assert.throws(() => parseArgv(["--__proto__=1"], OPTIONS), /Unknown option '--__proto__'/);
});
