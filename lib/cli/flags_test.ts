import assert from "node:assert/strict";
// Test-only: locked in deno.test.lock, so that running smoke never fetches it.
// deno-lint-ignore no-import-prefix
import fc from "npm:fast-check@4.11.0";
import { flagHelp, FLAGS, parseFlags } from "./flags.ts";
import { UserError } from "../base/errors.ts";

function usageError(args: string[]): UserError {
  try {
    parseFlags(args);
  } catch (error) {
    assert.ok(error instanceof UserError, `expected a UserError, got ${error}`);
    assert.equal(error.exitCode, 2);
    return error;
  }
  assert.fail(`parseFlags(${JSON.stringify(args)}) did not throw`);
}

Deno.test("parseFlags() reads every run flag", () => {
  const flags = parseFlags([
    "--fixture=a",
    "--fixture",
    "api/*",
    "--rerun-failed",
    "--artifact",
    "x.json",
    "--concurrency",
    "3",
    "--timeout",
    "500",
    "--retries",
    "0",
    "--fixtures-dir",
    "fx",
    "--artifact-dir",
    "out",
    "--config",
    "c.jsonc",
    "--junit",
    "j.xml",
    "--shard",
    "1/2",
    "--fail-on-flaky",
    "--rerun-max-failures",
    "5",
    "--report",
    "--deno",
    "/bin/deno",
    "--no-color",
    "--dry-run",
  ]);
  assert.deepEqual(flags.fixtures, ["a", "api/*"]);
  assert.equal(flags.rerunFailed, true);
  assert.equal(flags.artifact, "x.json");
  assert.equal(flags.concurrency, 3);
  assert.equal(flags.timeoutMs, 500);
  assert.equal(flags.retries, 0);
  assert.equal(flags.fixturesDir, "fx");
  assert.equal(flags.artifactDir, "out");
  assert.equal(flags.config, "c.jsonc");
  assert.equal(flags.junit, "j.xml");
  assert.deepEqual(flags.shard, { index: 1, total: 2 });
  assert.equal(flags.failOnFlaky, true);
  assert.equal(flags.rerunMaxFailures, 5);
  assert.equal(flags.report, true);
  assert.equal(flags.deno, "/bin/deno");
  assert.equal(flags.noColor, true);
  assert.equal(flags.dryRun, true);
  assert.equal(flags.command, "run");
});

Deno.test("parseFlags() defaults leave overrides undefined", () => {
  const flags = parseFlags([]);
  assert.equal(flags.concurrency, undefined);
  assert.equal(flags.timeoutMs, undefined);
  assert.deepEqual(flags.fixtures, []);
  assert.equal(flags.rerunFailed, false);
});

Deno.test("parseFlags() suggests the closest flag for a typo", () => {
  const error = usageError(["--rerun-faild"]);
  assert.match(error.message, /Unknown flag "--rerun-faild"/);
  assert.ok(error.hints.includes('Did you mean "--rerun-failed"?'), error.hints.join("|"));
});

Deno.test("parseFlags() names a missing value", () => {
  assert.match(usageError(["--timeout"]).message, /Missing value for "--timeout"/);
  assert.match(usageError(["--fixture"]).message, /Missing value for "--fixture"/);
});

Deno.test('parseFlags() says how to pass a value that starts with "-"', () => {
  const error = usageError(["--fixture", "-rf"]);
  assert.match(error.message, /Missing value for "--fixture"/);
  assert.ok(
    error.hints.includes('A value that starts with "-" goes after "=": "--fixture=-rf".'),
    error.hints.join("|"),
  );
  assert.deepEqual(parseFlags(["--fixture=-rf"]).fixtures, ["-rf"]);
  // A flag after a flag that takes a value is still just a missing value, as is a mistyped one
  // or "--".
  for (const next of ["--tag", "--lis", "--", "-h"]) {
    assert.deepEqual(usageError(["--fixture", next, "a"]).hints, [
      'Write it as "--fixture VALUE".',
      "Run with --help for the flags and examples.",
    ], next);
  }
});

Deno.test("parseFlags() refuses a path flag holding a control character (it would forge lines)", () => {
  const paths = FLAGS.filter((spec) => spec.type === "path");
  // Every flag that names a file or directory is a path.
  assert.deepEqual(paths.map((spec) => spec.name).sort(), [
    "artifact",
    "artifact-dir",
    "config",
    "deno",
    "fixtures-dir",
    "junit",
    "out",
    "timings",
  ]);
  fc.assert(fc.property(
    fc.constantFrom(...paths),
    fc.string(),
    fc.integer({ min: 0, max: 0x1f }).chain((c) => fc.constantFrom(c, 0x7f)),
    fc.string(),
    (spec, before, code, after) => {
      const value = `x${before}${String.fromCharCode(code)}${after}`;
      const args = [
        ...(spec.commands.includes("run") ? [] : [spec.commands[0]]),
        `--${spec.name}=${value}`,
      ];
      const error = usageError(args);
      assert.match(error.message, new RegExp(`^Invalid value for "--${spec.name}": `));
      assert.match(error.message, /control character/);
    },
  ));
  assert.equal(parseFlags(["--artifact-dir", "out dir/é"]).artifactDir, "out dir/é");
  // Bytes that are not UTF-8 reach Deno.args as U+FFFD: another path than the user's.
  for (const spec of paths) {
    const args = [
      ...(spec.commands.includes("run") ? [] : [spec.commands[0]]),
      `--${spec.name}=ok\uFFFDx`,
    ];
    assert.match(usageError(args).message, /the path is not valid UTF-8/, spec.name);
  }
  // merge's inputs are paths too.
  assert.match(
    usageError(["merge", "a.json", "b\uFFFD.json"]).message,
    /^Invalid value for "merge input": the path is not valid UTF-8/,
  );
});

Deno.test("parseFlags() rejects malformed numbers and shards", () => {
  assert.match(
    usageError(["--concurrency", "0"]).message,
    /"0" is not a whole number of at least 1/,
  );
  assert.match(usageError(["--timeout", "1.5"]).message, /"1.5"/);
  assert.match(usageError(["--retries", "-1"]).message, /retries/);
  assert.match(
    usageError(["--timeout", "3000000000"]).message,
    /"3000000000" is not a whole number from 1 to 2147483647/,
  );
  assert.match(usageError(["--shard", "0/2"]).message, /"0\/2" is not I\/N/);
  assert.match(usageError(["--shard", "3/2"]).message, /"3\/2"/);
  assert.match(usageError(["--shard", "x"]).message, /"x"/);
});

Deno.test("parseFlags() rejects a value on a boolean flag", () => {
  assert.match(usageError(["--list=yes"]).message, /"--list" takes no value/);
});

Deno.test("parseFlags() treats a stray argument as a usage error with advice", () => {
  const error = usageError(["api/health"]);
  assert.match(error.message, /Unexpected argument "api\/health"/);
  assert.ok(error.hints.some((h) => h.includes("--fixture api/health")));
  assert.ok(usageError(["mrege"]).hints.some((h) => h.includes('"merge"')));
});

Deno.test("parseFlags() reads subcommands and their flags", () => {
  const merge = parseFlags(["merge", "a.json", "b.json", "--out", "m.json"]);
  assert.equal(merge.command, "merge");
  assert.deepEqual(merge.positionals, ["a.json", "b.json"]);
  assert.equal(merge.out, "m.json");
  const report = parseFlags(["report", "--last", "10"]);
  assert.equal(report.command, "report");
  assert.equal(report.last, 10);
  assert.match(usageError(["--out", "x"]).message, /belongs to a subcommand/);
});

Deno.test("parseFlags() refuses rerun-only flags without --rerun-failed, and --list with --dry-run", () => {
  assert.match(
    usageError(["--artifact", "x.json"]).message,
    /"--artifact" works only with "--rerun-failed"/,
  );
  assert.match(
    usageError(["--rerun-max-failures", "3"]).message,
    /"--rerun-max-failures" works only with "--rerun-failed"/,
  );
  assert.match(usageError(["--list", "--dry-run"]).message, /do not go together/);
  // --timings needs --shard-by duration, and says so whatever else is missing.
  const cases: [string[], string][] = [
    [["--timings", "t.json"], "Add --shard I/N --shard-by duration, or leave out --timings."],
    [
      ["--shard", "1/2", "--timings", "t.json"],
      "Hash shards need no timings: add --shard-by duration, or leave out --timings.",
    ],
    [
      ["--shard", "1/2", "--shard-by", "hash", "--timings", "t.json"],
      "Hash shards need no timings: add --shard-by duration, or leave out --timings.",
    ],
  ];
  for (const [args, hint] of cases) {
    const error = usageError(args);
    assert.match(error.message, /"--timings" works only with "--shard-by duration"/);
    assert.equal(error.hints[0], hint);
  }
  assert.equal(parseFlags(["--rerun-failed", "--artifact", "x.json"]).artifact, "x.json");
});

Deno.test("parseFlags() does not suggest a subcommand's flag for a run flag typo", () => {
  const error = usageError(["--ot"]);
  assert.ok(!error.hints.some((h) => h.includes('"--out"')), error.hints.join("|"));
});

Deno.test("parseFlags() calls a negative number what it is, not a missing value", () => {
  assert.match(usageError(["--retries", "-1"]).message, /"-1" is not a whole number from 0 to 100/);
  assert.equal(usageError(["--shard", "-1/2"]).message, usageError(["--shard=-1/2"]).message);
  assert.doesNotMatch(usageError(["--shard", "-1/2"]).message, /Missing value/);
  // The config's and a manifest's bound holds on the command line too.
  assert.match(
    usageError(["--retries", "101"]).message,
    /"101" is not a whole number from 0 to 100/,
  );
  assert.match(usageError(["--concurrency", "-2"]).message, /"-2" is not a whole number/);
  assert.deepEqual(parseFlags(["--fixture=-odd"]).fixtures, ["-odd"]);
});

Deno.test("parseFlags(): every subcommand refuses the flags it does not take", () => {
  const report = usageError(["report", "--fixture", "x", "--retries", "3", "--junit", "j.xml"]);
  assert.match(report.message, /^The flag "--fixture" does not apply to "smoke report"$/);
  assert.ok(report.hints[0].startsWith("smoke report takes --out, --last"), report.hints[0]);
  assert.match(usageError(["merge", "a.json", "--retries", "3"]).message, /"smoke merge"/);
  assert.match(usageError(["--last", "3"]).message, /"--last" belongs to a subcommand/);
  // Flags every command takes.
  assert.equal(parseFlags(["report", "--artifact-dir", "d", "--no-color"]).artifactDir, "d");
  assert.equal(parseFlags(["merge", "a.json", "--fail-on-flaky"]).failOnFlaky, true);
});

Deno.test("FLAGS drives parsing, bounds, subcommands and --help, one entry per flag", () => {
  const names = FLAGS.map((f) => f.name);
  assert.equal(new Set(names).size, names.length, "one entry per flag");
  const help = flagHelp();
  for (const spec of FLAGS.filter((f) => f.section)) {
    assert.ok(help.includes(`--${spec.name}`), `--help shows --${spec.name}`);
  }
  for (const spec of FLAGS.filter((f) => f.type === "integer")) {
    const below = String((spec.min ?? 0) - 1);
    const command = spec.commands.includes("run") ? [] : [spec.commands[0]];
    assert.match(
      usageError([...command, `--${spec.name}=${below}`]).message,
      new RegExp(`"--${spec.name}": "${below}" is not a whole number`),
    );
  }
  for (const spec of FLAGS) {
    for (const command of ["run", "merge", "report"] as const) {
      if (spec.commands.includes(command) || spec.type !== "boolean") continue;
      const args = command === "run" ? [`--${spec.name}`] : [command, "a.json", `--${spec.name}`];
      if (command === "report") args.splice(1, 1);
      assert.throws(() => parseFlags(args), UserError, `${command} refuses --${spec.name}`);
    }
  }
});

Deno.test("every integer flag's hint suggests its example, a value the flag accepts", () => {
  for (const spec of FLAGS.filter((f) => f.type === "integer")) {
    assert.ok(spec.example !== undefined, `--${spec.name} has an example in FLAGS`);
    const min = spec.min ?? 0;
    const max = spec.max ?? Number.MAX_SAFE_INTEGER;
    // What the flag needs around it: its subcommand, the flag it requires.
    const command = spec.commands.includes("run") ? [] : [spec.commands[0]];
    const required = spec.requires ? [`--${spec.requires}`] : [];
    const parse = (value: string) =>
      parseFlags([...command, `--${spec.name}=${value}`, ...required]);
    const accepted = Object.values(parse(spec.example!)).find((v) => typeof v === "number");
    assert.equal(accepted, Number(spec.example), `--${spec.name} ${spec.example} is accepted`);
    // Sensible: well inside the bounds, not the lowest or highest valid value.
    assert.ok(Number(spec.example) > min && Number(spec.example) < max, `--${spec.name}`);
    const bad = fc.oneof(
      fc.integer({ min: -1_000_000, max: min - 1 }).map(String),
      ...(max < Number.MAX_SAFE_INTEGER
        ? [fc.bigInt({ min: BigInt(max) + 1n, max: BigInt(max) * 10n }).map(String)]
        : []),
      fc.string({ minLength: 1, maxLength: 8 }).filter((s) => !/^\d+$/.test(s)),
      fc.tuple(fc.nat(), fc.nat()).map(([a, b]) => `${a}.${b}`),
    );
    fc.assert(fc.property(bad, (value) => {
      const error = usageError([...command, `--${spec.name}=${value}`, ...required]);
      assert.equal(error.hints[0], `Pass a number, e.g. "--${spec.name} ${spec.example}".`);
    }));
  }
});
