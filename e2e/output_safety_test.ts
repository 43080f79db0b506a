/**
 * End-to-end tests of the output edge (lib/safe_output.ts): untrusted text (fixture output,
 * file names, messages copied from stderr) reaches neither the terminal nor the CI log raw.
 */
import assert from "node:assert/strict";
import { runSmoke, tempProject } from "./_project.ts";

/** The runner ends a line at `\n`, `\r\n` or a lone `\r`. */
const logLines = (text: string) => text.split(/\r\n|\r|\n/);
// deno-lint-ignore no-control-regex
const CONTROLS = /[\x00-\x08\x0b-\x1f\x7f-\x9f]/;

Deno.test("a permission message copied from stderr cannot inject a workflow command through \\r", async () => {
  await using p = await tempProject({
    "fixtures/denied.smoke.ts":
      `console.error('NotCapable: Requires read access to "/x\\r::error title=INJECTED::y\\r"');\n` +
      "Deno.exit(1);\n",
  });
  const run = await runSmoke(p.dir, [], { env: { GITHUB_ACTIONS: "true" } });
  assert.equal(run.code, 1, run.stdout + run.stderr);
  const artifact = await p.latest();
  const failure = artifact.fixtures[0].failure as { kind: string } | undefined;
  assert.equal(failure?.kind, "permission", "the message is copied");
  for (const [name, text] of [["stdout", run.stdout], ["stderr", run.stderr]]) {
    for (const line of logLines(text)) {
      assert.doesNotMatch(line, /^\s*::error title=INJECTED/, `${name}: ${JSON.stringify(line)}`);
    }
    assert.doesNotMatch(text, /\r/, `${name} holds a raw \\r`);
  }
  assert.match(run.stdout, /\\r::error title=INJECTED::y\\r/, "shown, escaped");
});

Deno.test("a file name with a newline and a command cannot make an error line a command", async () => {
  await using p = await tempProject({});
  await Deno.mkdir(`${p.dir}/fixtures`, { recursive: true });
  await Deno.writeTextFile(`${p.dir}/fixtures/a\n::error::x\r.smoke.ts`, "");
  const run = await runSmoke(p.dir, [], { env: { GITHUB_ACTIONS: "true" } });
  assert.equal(run.code, 2, run.stdout + run.stderr);
  assert.match(run.stderr, /^error: /m);
  for (const line of logLines(run.stderr + run.stdout)) {
    assert.doesNotMatch(line, /^\s*::error::x/, JSON.stringify(line));
  }
  assert.equal(run.resultLine, "RESULT: fail");
});

Deno.test("terminal escapes in fixture output and file names are shown escaped in a plain log", async () => {
  await using p = await tempProject({
    "fixtures/loud.smoke.jsonc": JSON.stringify({
      command: ["sh", "-c", "printf 'a\\033]0;pwned\\007b\\033[2Jc\\r\\n' >&2; exit 1"],
    }),
  });
  const run = await runSmoke(p.dir, []);
  assert.equal(run.code, 1, run.stdout + run.stderr);
  assert.doesNotMatch(run.stdout, CONTROLS, JSON.stringify(run.stdout));
  assert.doesNotMatch(run.stderr, CONTROLS, JSON.stringify(run.stderr));
});

Deno.test("an output written to smoke's own stdout passes the same edge (GitHub mode)", async () => {
  await using p = await tempProject({
    "fixtures/bad.smoke.ts":
      'console.log("x\\n::error title=X::out1\\n##[error]legacy\\r::warning::cr");\n' +
      "Deno.exit(1);\n",
  });
  // A private link to smoke's own standard output (never /dev/stdout itself, as root).
  await Deno.symlink("/proc/self/fd/1", `${p.dir}/out1`);
  const junit = await runSmoke(p.dir, ["--junit", "out1"], { env: { GITHUB_ACTIONS: "true" } });
  assert.equal(junit.code, 1, junit.stdout + junit.stderr);
  assert.match(junit.stdout, /<testsuites/, "the XML went to stdout");
  const merged = await runSmoke(p.dir, ["merge", `${p.artifactDir}/latest.json`, "--out", "out1"], {
    env: { GITHUB_ACTIONS: "true" },
  });
  assert.match(merged.stdout, /"stdoutTail"/, "the merged artifact went to stdout");
  for (const run of [junit, merged]) {
    // Outside smoke's own stop-commands blocks, no line is a command.
    let token: string | undefined;
    for (const line of logLines(run.stdout)) {
      assert.ok(!line.includes("##["), JSON.stringify(line));
      if (token === undefined) {
        token = /^::stop-commands::(\S+)$/.exec(line)?.[1];
        assert.doesNotMatch(line, /^\s*::(error title=X|warning::cr)/, JSON.stringify(line));
      } else if (line === `::${token}::`) token = undefined;
    }
  }
});

Deno.test("--dry-run prints a manifest's newlines as escapes: its values cannot forge a RESULT line", async () => {
  const forged = "x\nRESULT: pass";
  await using p = await tempProject({
    "fixtures/args.smoke.jsonc": JSON.stringify({ command: ["printf", forged] }),
    "fixtures/described.smoke.jsonc": JSON.stringify({ command: ["true"], description: forged }),
    "fixtures/skipped.smoke.jsonc": JSON.stringify({ command: ["true"], skip: forged }),
    "fixtures/where.smoke.jsonc": JSON.stringify({
      command: ["true"],
      cwd: "../odd\nRESULT: pass",
    }),
    "fixtures/script.smoke.ts": "",
  });
  await Deno.mkdir(`${p.dir}/odd\nRESULT: pass`);
  const dry = await runSmoke(p.dir, ["--dry-run"], {
    env: { SMOKE_DENO: "/opt/deno\nRESULT: pass" },
  });
  // SMOKE_DENO obeys the rule of --deno: refused (exit 2), one RESULT line.
  assert.equal(dry.code, 2, dry.stdout + dry.stderr);
  assert.match(dry.stderr, /Invalid value for "SMOKE_DENO": the path holds a control character/);
  assert.equal(dry.stdout, "RESULT: fail\n");
  // The manifests' values: escaped, one line each.
  const plain = await runSmoke(p.dir, ["--dry-run"]);
  assert.equal(plain.code, 0, plain.stderr);
  const results = plain.stdout.split("\n").filter((line) => line.startsWith("RESULT:"));
  assert.deepEqual(results, ["RESULT: pass"], plain.stdout);
  // deno-lint-ignore no-control-regex
  assert.doesNotMatch(plain.stdout, /[\x00-\x08\x0b-\x1f\x7f]/);
  assert.match(plain.stdout, /^ {2}printf \$'x\\nRESULT: pass'$/m);
  assert.match(plain.stdout, /^ {2}description: x\\nRESULT: pass$/m);
});

Deno.test("a fixture cannot start a line of standard output with RESULT: (console, GitHub mode, --junit /dev/stdout)", async () => {
  await using p = await tempProject({
    "fixtures/forge.smoke.ts": 'console.log("RESULT: pass");\n' +
      'console.log("RE\\u200bSULT: pass\\n\\u2061RESULT: pass");\n' +
      'console.error("RESULT: pass");\nDeno.exit(1);\n',
    // A skip reason is a manifest's text: it cannot print lines of its own.
    "fixtures/skipped.smoke.jsonc": JSON.stringify({
      command: ["true"],
      skip: "flaky upstream\n\nSummary: 2 passed, 0 failed\nRE\u200bSULT: pass",
    }),
    "fixtures/ok.smoke.jsonc": JSON.stringify({ command: ["sh", "-c", "echo 'RESULT: pass'"] }),
  });
  for (
    const [name, args, env] of [
      ["console", [], {}],
      ["GitHub mode", [], { GITHUB_ACTIONS: "true" }],
      ["--junit /dev/stdout", ["--junit", "/dev/stdout"], {}],
    ] as const
  ) {
    const run = await runSmoke(p.dir, [...args], { env: { ...env } });
    assert.equal(run.code, 1, name + run.stderr);
    const verdicts = run.stdout.split("\n").filter((line) =>
      line.replace(/[\p{Default_Ignorable_Code_Point}\u00ad]/gu, "").startsWith("RESULT:")
    );
    assert.doesNotMatch(run.stdout, /^Summary: 2 passed/m, name);
    assert.deepEqual(verdicts, ["RESULT: fail"], `${name}:\n${run.stdout}`);
    assert.ok(run.stdout.endsWith("RESULT: fail\n"), name);
    // The forged line is still shown: indented, or as the same text to an XML reader.
    assert.match(run.stdout, /RESULT: pass|&#82;ESULT: pass/, name);
  }
});

Deno.test("a newline in a value from a manifest, the config or a flag never starts a line of its own", async () => {
  // Each case puts "\nerror: FORGED" in one value that passes the schema and reaches a message.
  const forged = "x\nerror: FORGED";
  const cases: { files: Record<string, string>; args?: string[]; env?: Record<string, string> }[] =
    [
      { files: { "fixtures/p.smoke.jsonc": JSON.stringify({ command: [forged] }) } },
      { files: { "fixtures/c.smoke.jsonc": JSON.stringify({ command: ["true"], cwd: forged }) } },
      { files: { "fixtures/s.smoke.jsonc": JSON.stringify({ script: `${forged}.ts` }) } },
      {
        files: {
          "fixtures/a.smoke.jsonc": JSON.stringify({ command: ["true"] }),
          "smoke.jsonc": JSON.stringify({
            services: [{
              name: "svc",
              command: [forged],
              ready: { stdoutIncludes: "up", timeoutMs: 500 },
            }],
          }),
        },
      },
      { files: { "fixtures/a.smoke.ts": "" }, args: ["--fixture", forged] },
      { files: { "fixtures/a.smoke.ts": "" }, args: ["--tag", forged] },
      { files: { "fixtures/a.smoke.ts": "" }, args: ["--retries", forged] },
      { files: { "fixtures/a.smoke.ts": "" }, args: ["--shard", forged] },
      { files: { "fixtures/a.smoke.ts": "" }, args: ["--order", forged] },
      { files: { "fixtures/a.smoke.ts": "" }, args: [`--${forged}`] },
      { files: { "fixtures/a.smoke.ts": "" }, args: ["report", forged] },
      {
        files: { "fixtures/p.smoke.jsonc": JSON.stringify({ command: [forged] }) },
        env: { GITHUB_ACTIONS: "true" },
      },
    ];
  for (const { files, args = [], env = {} } of cases) {
    await using p = await tempProject(files);
    const run = await runSmoke(p.dir, args, { env });
    const lines = `${run.stdout}\n${run.stderr}`.split("\n");
    const shown = JSON.stringify({ files, args });
    assert.ok(run.code !== 3, `${shown}: ${run.stderr}`);
    assert.deepEqual(lines.filter((line) => /^\s*error: FORGED/.test(line)), [], shown);
    assert.ok(
      lines.some((line) => line.includes("FORGED")) || run.code === 0,
      `${shown}: not shown`,
    );
  }
});
