/**
 * End-to-end tests of GitHub Actions mode: smoke as a subprocess with
 * `GITHUB_ACTIONS=true`, its log read line by line as the runner reads it.
 */
import assert from "node:assert/strict";
import { basename, dirname, join } from "node:path";
import { INVOKE, runSmoke, tempProject } from "./_project.ts";

const sh = (script: string, extra: Record<string, unknown> = {}) =>
  JSON.stringify({ command: ["sh", "-c", script], ...extra });

/** The lines a fixture prints that would be workflow commands if they reached the log raw. */
const HOSTILE = [
  "::add-mask::secret",
  "::error::boom",
  "::set-output name=x::y",
  "::stop-commands::abc",
  "prefix ##[error]bad",
];

/** The runner ends a line at `\n`, `\r\n` or a lone `\r`. */
const logLines = (text: string) => text.split(/\r\n|\r|\n/);

/** Marks, for each log line, whether the runner would process it (false while commands are stopped). */
function commandsLive(lines: readonly string[]): boolean[] {
  let token: string | undefined;
  return lines.map((line) => {
    if (token === undefined) {
      token = /^\s*::stop-commands::(.+)$/.exec(line)?.[1];
      return true;
    }
    if (line.trim() === `::${token}::`) token = undefined;
    return false;
  });
}

function githubEnv(dir: string, workspace: string) {
  return {
    GITHUB_ACTIONS: "true",
    GITHUB_STEP_SUMMARY: join(dir, "step-summary.md"),
    GITHUB_WORKSPACE: workspace,
  };
}

Deno.test("GitHub mode annotates failures, groups their output and appends the step summary", async () => {
  await using p = await tempProject({
    "fixtures/api/broken.smoke.jsonc": sh("echo 'db down' >&2; exit 3"),
    "fixtures/ok.smoke.jsonc": sh("echo fine"),
    "fixtures/odd.smoke.jsonc": sh("echo nope", {
      expect: { stdoutIncludes: ["a|b"] },
    }),
  });
  const env = githubEnv(p.dir, dirname(p.dir));
  await Deno.writeTextFile(env.GITHUB_STEP_SUMMARY, "# an earlier step\n");
  const run = await runSmoke(p.dir, [], { env });
  assert.equal(run.code, 1, run.stdout + run.stderr);
  assert.equal(run.resultLine, "RESULT: fail");
  const lines = logLines(run.stdout);
  const project = basename(p.dir);

  const annotations = lines.filter((l) => l.startsWith("::error"));
  assert.deepEqual(annotations, [
    `::error file=${project}/fixtures/api/broken.smoke.jsonc,title=api/broken::` +
    "exit-code: Exited with code 3, expected 0",
    `::error file=${project}/fixtures/odd.smoke.jsonc,title=odd::` +
    'expectation: stdout does not include "a|b"',
  ]);
  assert.ok(lines.includes("::group::api/broken (exit-code)"));
  const group = lines.indexOf("::group::api/broken (exit-code)");
  assert.match(lines[group + 1], /^::stop-commands::[0-9a-f]{32}$/);
  assert.ok(lines.slice(group, group + 8).includes("db down"));
  assert.equal(lines.filter((l) => l === "::endgroup::").length, 2, "one group per failure");

  const summary = await Deno.readTextFile(env.GITHUB_STEP_SUMMARY);
  assert.ok(summary.startsWith("# an earlier step\n## smoke: FAIL\n"), summary);
  assert.match(summary, /\*\*1 passed, 2 failed, 0 skipped, 0 flaky\*\* of 3 fixtures/);
  assert.match(summary, /^\| `api\/broken` \| exit-code \| Exited with code 3, expected 0 \|$/m);
  assert.match(summary, /^\| `odd` \| expectation \| stdout does not include "a\\\|b" \|$/m);
  assert.match(summary, new RegExp(`^${INVOKE} --rerun-failed$`, "m"));
  assert.match(summary, /^gh workflow run smoke\.yml -f mode=rerun-failed$/m);
  assert.equal(run.resultLine, "RESULT: fail", "the RESULT line stays last");
});

/** Asserts that no hostile line of a log is live and that `##[` never appears raw. */
function assertInert(lines: readonly string[], log: string): void {
  const live = commandsLive(lines);
  for (const hostile of HOSTILE.filter((l) => l.startsWith("::"))) {
    const at = lines.flatMap((line, i) => line.trim() === hostile ? [i] : []);
    assert.ok(at.length >= 2, `${hostile} is echoed (stdout and stderr)`);
    for (const i of at) {
      assert.equal(live[i], false, `line ${i} "${hostile}" is outside stop-commands:\n${log}`);
    }
  }
  const raw = lines.findIndex((line) => line.includes("##["));
  assert.equal(raw, -1, `a raw "##[" reached the log on line ${raw}:\n${log}`);
  assert.ok(lines.includes("prefix ##\u200b[error]bad"), "the legacy line is still readable");
  assert.equal(live.at(-1), true, "command processing is back on after the groups");
}

/** Runs a project whose failing fixture prints {@linkcode HOSTILE} on stdout and stderr. */
async function hostileRun() {
  const printf = HOSTILE.map((l) => `printf '%s\\n' '${l}'`).join("; ");
  const p = await tempProject({
    "fixtures/hostile.smoke.jsonc": sh(`${printf}; (${printf}) >&2; exit 1`),
    "fixtures/ok.smoke.jsonc": sh("true"),
  });
  const run = await runSmoke(p.dir, [], { env: githubEnv(p.dir, p.dir) });
  assert.equal(run.code, 1, run.stdout + run.stderr);
  assert.equal(run.resultLine, "RESULT: fail");
  const artifact = await p.latest();
  assert.equal(artifact.fixtures[0].stdoutTail, HOSTILE.join("\n") + "\n", "the output is real");
  return { p, run, lines: logLines(run.stdout) };
}

Deno.test("GitHub mode echoes hostile fixture output where no line of it is a command", async () => {
  const { p, run, lines } = await hostileRun();
  await using _ = p;
  // What smoke's GitHub reporter writes: everything above the console's failures section.
  const failures = lines.indexOf("Failures:");
  assert.ok(failures > 0, run.stdout);
  const reporter = lines.slice(0, failures);
  assertInert(reporter, run.stdout);
  const live = commandsLive(reporter);
  assert.deepEqual(
    reporter.filter((l, i) => live[i] && l.startsWith("::error")),
    [
      // The cause line of the output comes second, as data: escaped, never a command.
      "::error file=fixtures/hostile.smoke.jsonc,title=hostile::" +
      "exit-code: Exited with code 1, expected 0%0A::error::boom",
    ],
  );
});

Deno.test({
  name: "GitHub mode keeps hostile fixture output inert in the whole log",
  async fn() {
    const { p, run, lines } = await hostileRun();
    await using _ = p;
    assertInert(lines, run.stdout);
  },
});

Deno.test("GitHub mode emits at most 10 annotations and says how many more", async () => {
  const files: Record<string, string> = {};
  for (let i = 1; i <= 12; i++) {
    files[`fixtures/f${String(i).padStart(2, "0")}.smoke.jsonc`] = sh("exit 1");
  }
  await using p = await tempProject(files);
  const env = githubEnv(p.dir, p.dir);
  const run = await runSmoke(p.dir, ["--concurrency", "4"], { env });
  assert.equal(run.code, 1, run.stdout + run.stderr);
  const lines = logLines(run.stdout);
  const annotations = lines.filter((l) => l.startsWith("::error "));
  assert.equal(annotations.length, 10);
  assert.deepEqual(
    annotations.map((l) => /title=([^:]+)::/.exec(l)?.[1]),
    ["f01", "f02", "f03", "f04", "f05", "f06", "f07", "f08", "f09", "f10"],
  );
  assert.ok(
    lines.some((l) => /^2 more failed fixtures are not annotated .*step summary/.test(l)),
    run.stdout,
  );
  const summary = await Deno.readTextFile(env.GITHUB_STEP_SUMMARY);
  assert.equal(summary.split("\n").filter((l) => /^\| `f\d\d` \|/.test(l)).length, 12);
});

Deno.test("without GITHUB_ACTIONS=true there are no workflow commands and no step summary", async () => {
  await using p = await tempProject({
    "fixtures/bad.smoke.jsonc": sh("echo '::error::x'; exit 1"),
  });
  const env = githubEnv(p.dir, p.dir);
  const run = await runSmoke(p.dir, [], {
    env: { GITHUB_STEP_SUMMARY: env.GITHUB_STEP_SUMMARY, GITHUB_ACTIONS: "false" },
  });
  assert.equal(run.code, 1, run.stdout + run.stderr);
  assert.doesNotMatch(run.stdout, /^::(error |group::|stop-commands::)/m);
  assert.equal(await p.exists("step-summary.md"), false);
});

Deno.test("GitHub mode: a FIFO as the step summary is refused unopened at the end of a run, no hang", async () => {
  await using p = await tempProject({ "fixtures/ok.smoke.jsonc": sh("true") });
  const fifo = join(p.dir, "summary-fifo");
  assert.ok((await new Deno.Command("mkfifo", { args: [fifo] }).output()).success);
  const run = await runSmoke(p.dir, [], {
    env: { ...githubEnv(p.dir, p.dir), GITHUB_STEP_SUMMARY: fifo },
    // A hang must fail the test, not stall the suite; the guard is far above a normal run.
    guardMs: 30_000,
  });
  assert.equal(run.hung, false, "smoke blocked on the FIFO");
  // As for any step summary that cannot be written: the reporter's output is missing, so the
  // run fails, and says why; the artifact is written.
  assert.equal(run.code, 1, run.stdout + run.stderr);
  assert.equal(run.resultLine, "RESULT: fail");
  assert.match(
    run.stderr,
    /^error: The GitHub Actions reporter failed and was turned off: Cannot append to the step summary ".*summary-fifo": it is a FIFO$/m,
  );
  assert.equal((await p.latest()).result, "pass");
});

Deno.test("GitHub mode: a step summary set to one of smoke's own files (durations.json, latest.json, a run file) is refused, in a run and in an error's report; the history stays readable", async () => {
  await using p = await tempProject({
    "fixtures/a.smoke.jsonc": sh("true"),
    "fixtures/b.smoke.jsonc": sh("true"),
  });
  assert.equal((await runSmoke(p.dir, [])).code, 0);
  const runFile = `runs/${(await p.latest()).runId}.json`;
  for (const name of ["durations.json", "latest.json", runFile]) {
    const path = join(p.artifactDir, name);
    const before = await Deno.readTextFile(path);
    const env = { ...githubEnv(p.dir, p.dir), GITHUB_STEP_SUMMARY: path };
    // A run: the reporter's output is missing, so the run fails, saying why (as for a FIFO).
    const run = await runSmoke(p.dir, ["--fixture", "a"], { env });
    assert.equal(run.code, 1, run.stdout + run.stderr);
    assert.match(
      run.stderr,
      /^error: The GitHub Actions reporter failed and was turned off: Cannot append to the step summary ".*": it is a file of smoke's artifact directory \(latest\.json, durations\.json, the lock or a run file\), which a summary would break$/m,
    );
    assert.match(
      run.stderr,
      /^hint: Check GITHUB_STEP_SUMMARY: it names a Markdown file smoke appends the run's summary to \(the runner sets it\)\. The run went on;/m,
    );
    // A usage error's report: a warning, the error stays what stopped smoke.
    const usage = await runSmoke(p.dir, ["--no-such-flag"], { env });
    assert.equal(usage.code, 2, usage.stdout + usage.stderr);
    assert.match(
      usage.stderr,
      /^warning: Cannot append to the step summary ".*": it is a file of smoke's artifact directory .*\[STEP_SUMMARY_WRITE_FAILED\]$/m,
    );
    // Nothing was appended: the run file is as it was, the others valid JSON with b's history.
    if (name === runFile) assert.equal(await Deno.readTextFile(path), before);
    else JSON.parse(await Deno.readTextFile(path));
  }
  const summary = JSON.parse(await p.read(".planning/artifacts/smoke/durations.json"));
  assert.ok(summary.fixtures.b, JSON.stringify(summary));
});

Deno.test("GitHub mode: nor is it appended to a hard link to a run file, the JUnit file, or the durations.json of a directory with no runs/ yet (what CI restores)", async () => {
  await using p = await tempProject({ "fixtures/a.smoke.jsonc": sh("true") });
  assert.equal((await runSmoke(p.dir, [])).code, 0);
  const runFile = join(p.artifactDir, "runs", `${(await p.latest()).runId}.json`);
  await Deno.link(runFile, join(p.dir, "summary.md"));
  await p.write("restored/durations.json", JSON.stringify({ version: 1, fixtures: { a: [5] } }));
  const cases = [
    { summary: join(p.dir, "summary.md"), args: [], reason: /it is a hard link to a JSON file/ },
    { summary: join(p.dir, "j.xml"), args: ["--junit", "j.xml"], reason: /it is a file this run/ },
    // The JUnit file by any name.
    {
      summary: join(p.dir, "reports/results"),
      args: ["--junit", "reports/results"],
      reason: /it is a file this run writes \(the JUnit XML or the HTML report\)/,
    },
    {
      summary: join(p.dir, "restored/durations.json"),
      args: ["--artifact-dir", "restored"],
      // By the end of the run, the directory has its runs/.
      reason: /it is a file of smoke's artifact directory/,
    },
  ];
  for (const c of cases) {
    const before = await Deno.readTextFile(c.summary).catch(() => undefined);
    const env = { ...githubEnv(p.dir, p.dir), GITHUB_STEP_SUMMARY: c.summary };
    const run = await runSmoke(p.dir, c.args, { env });
    assert.equal(run.code, 1, run.stdout + run.stderr);
    assert.match(run.stderr, c.reason);
    const after = await Deno.readTextFile(c.summary);
    if (c.args[0] === "--junit") assert.match(after, /<\/testsuites>\s*$/);
    else if (c.args[0] === "--artifact-dir") JSON.parse(after);
    else assert.equal(after, before);
  }
  // Before anything runs (a usage error's report), the restored directory has no runs/ yet.
  await Deno.remove(join(p.dir, "restored"), { recursive: true });
  await p.write("restored/durations.json", JSON.stringify({ version: 1, fixtures: { a: [5] } }));
  const summary = join(p.dir, "restored/durations.json");
  const env = { ...githubEnv(p.dir, p.dir), GITHUB_STEP_SUMMARY: summary };
  const usage = await runSmoke(p.dir, ["--artifact-dir", "restored", "--no-such-flag"], { env });
  assert.equal(usage.code, 2, usage.stdout + usage.stderr);
  assert.match(usage.stderr, /it is a \.json file, which a Markdown summary would break/);
  JSON.parse(await Deno.readTextFile(summary));
});

Deno.test("fixture output reaches the step summary, JUnit and the HTML report as text: no live Markdown, no raw bidi character", async () => {
  await using p = await tempProject({
    "fixtures/a.smoke.ts": "console.error(" +
      JSON.stringify(
        "error: see [the fix](https://evil.example/x) ![p](https://evil.example/p.png) **bold** \u202egnp.exe",
      ) + ");\nDeno.exit(1);\n",
  });
  const summary = join(p.dir, "summary.md");
  const run = await runSmoke(p.dir, ["--junit", "junit.xml", "--report"], {
    env: { GITHUB_ACTIONS: "true", GITHUB_STEP_SUMMARY: summary },
  });
  assert.equal(run.code, 1, run.stderr);
  const markdown = await Deno.readTextFile(summary);
  assert.ok(
    markdown.includes(
      "see \\[the fix\\](https://evil.example/x) !\\[p\\](https://evil.example/p.png) \\*\\*bold\\*\\* \\u202egnp.exe",
    ),
    markdown,
  );
  const report = await Deno.readTextFile(join(p.dir, ".planning/artifacts/smoke/report.html"));
  for (
    const [name, text] of [["summary", markdown], ["junit", await p.read("junit.xml")], [
      "report",
      report,
    ]]
  ) {
    assert.ok(!text.includes("\u202e"), `${name} holds a raw U+202E`);
    assert.ok(text.includes("\\u202egnp.exe"), `${name} shows it escaped`);
  }
});
