/**
 * End-to-end tests of GitHub Actions mode on errors (exit 2): smoke as a
 * subprocess with `GITHUB_ACTIONS=true` and `GITHUB_STEP_SUMMARY` in a temporary
 * project, its log read line by line as the runner reads it; and the dispatch
 * line of the step summary, which names the running workflow's own file.
 */
import assert from "node:assert/strict";
import { join } from "node:path";
import { INVOKE, runSmoke, type SmokeRun, tempProject } from "./_project.ts";

const sh = (script: string) => JSON.stringify({ command: ["sh", "-c", script] });

function githubEnv(dir: string, extra: Record<string, string> = {}) {
  return {
    GITHUB_ACTIONS: "true",
    GITHUB_STEP_SUMMARY: join(dir, "step-summary.md"),
    GITHUB_WORKSPACE: dir,
    ...extra,
  };
}

/**
 * The workflow commands the runner would process in a log (both streams): a line
 * ends at `\n`, `\r\n` or a lone `\r`; a command starts a line after white space.
 */
function liveCommands(run: SmokeRun): string[] {
  const lines = `${run.stdout}\n${run.stderr}`.split(/\r\n|\r|\n/);
  return lines.filter((line) => /^\s*::/.test(line) || line.includes("##["));
}

/** The runner's decoding of a command's data: `%0D`, `%0A`, then `%25`. */
const decodeData = (data: string) =>
  data.replaceAll("%0D", "\r").replaceAll("%0A", "\n").replaceAll("%25", "%");

/** The one `::error` of an exit-2 run: its title and its decoded message. */
function oneError(run: SmokeRun): { title: string; message: string } {
  const commands = liveCommands(run);
  assert.equal(commands.length, 1, `one command, not:\n${commands.join("\n")}\n${run.stderr}`);
  const match = /^::error title=([^:,]*)::(.*)$/.exec(commands[0]);
  assert.ok(match, commands[0]);
  return { title: match[1], message: decodeData(match[2]) };
}

Deno.test("GitHub mode: a failed rerun preflight emits one ::error and a step summary section", async () => {
  await using p = await tempProject({ "fixtures/ok.smoke.jsonc": sh("true") });
  const env = githubEnv(p.dir);
  await Deno.writeTextFile(env.GITHUB_STEP_SUMMARY, "# an earlier step\n");
  const run = await runSmoke(p.dir, ["--rerun-failed"], { env });
  assert.equal(run.code, 2, run.stdout + run.stderr);
  assert.equal(run.resultLine, "RESULT: fail");
  const message =
    'Cannot read artifact ".planning/artifacts/smoke/latest.json": no file at that path';
  assert.deepEqual(oneError(run), { title: "smoke ARTIFACT_NOT_FOUND", message });
  // The console's text is unchanged.
  assert.match(run.stderr, /^error: Cannot read artifact .* \[ARTIFACT_NOT_FOUND\]$/m);
  const diagnostics = /^hint: Diagnostics artifact: (.+)$/m.exec(run.stderr)?.[1];
  assert.ok(diagnostics && await p.exists(diagnostics), run.stderr);

  const summary = await Deno.readTextFile(env.GITHUB_STEP_SUMMARY);
  assert.ok(
    summary.startsWith("# an earlier step\n## smoke: error `ARTIFACT_NOT_FOUND`\n"),
    summary,
  );
  assert.ok(summary.includes(`\n**Error:** ${message}\n`), summary);
  assert.match(summary, /^- hint: Run the suite first \(.*\), or pass --artifact PATH/m);
  assert.match(
    summary,
    new RegExp(`^- hint: Manual fallback: ${INVOKE} --fixture &lt;id&gt; \\.\\.\\.$`, "m"),
  );
  assert.ok(summary.includes(`\nDiagnostics artifact: \`${diagnostics}\`\n`), summary);
});

Deno.test("GitHub mode: a config error emits one ::error and a step summary section", async () => {
  await using p = await tempProject({
    "fixtures/ok.smoke.jsonc": sh("true"),
    "smoke.jsonc": "{",
  });
  const env = githubEnv(p.dir);
  const run = await runSmoke(p.dir, [], { env });
  assert.equal(run.code, 2, run.stdout + run.stderr);
  assert.equal(run.resultLine, "RESULT: fail");
  const { title, message } = oneError(run);
  assert.equal(title, "smoke config error");
  assert.match(message, /^Cannot parse config "smoke\.jsonc": .* at line \d+, column \d+$/);
  const summary = await Deno.readTextFile(env.GITHUB_STEP_SUMMARY);
  assert.ok(summary.startsWith("## smoke: config error\n"), summary);
  assert.match(summary, /^\*\*Error:\*\* Cannot parse config "smoke\.jsonc": /m);
  assert.match(summary, /^- hint: Fix the JSONC syntax\.$/m);
  assert.doesNotMatch(summary, /Diagnostics artifact/);
});

Deno.test("GitHub mode: merge and report errors take the same path", async () => {
  await using p = await tempProject({ "fixtures/ok.smoke.jsonc": sh("true") });
  const env = githubEnv(p.dir);
  const merge = await runSmoke(p.dir, ["merge"], { env });
  assert.equal(merge.code, 2, merge.stdout + merge.stderr);
  assert.deepEqual(oneError(merge), {
    title: "smoke usage error",
    message: "Cannot merge: no artifacts given",
  });
  const report = await runSmoke(p.dir, ["report"], { env });
  assert.equal(report.code, 2, report.stdout + report.stderr);
  assert.equal(oneError(report).title, "smoke NO_HISTORY");
  const summary = await Deno.readTextFile(env.GITHUB_STEP_SUMMARY);
  assert.match(
    summary,
    /^## smoke: usage error\n\n\*\*Error:\*\* Cannot merge: no artifacts given\n/m,
  );
  assert.match(summary, /^## smoke: error `NO_HISTORY`$/m);
});

Deno.test("GitHub mode: a hostile file name or artifact cannot add a workflow command", async () => {
  await using p = await tempProject({ "fixtures/ok.smoke.jsonc": sh("true") });
  const env = githubEnv(p.dir);
  // A path flag refuses control characters outright (a "\r" would forge a line), without
  // echoing the value.
  const forged = await runSmoke(p.dir, ["--rerun-failed", "--artifact", "evil\r::error::x"], {
    env,
  });
  assert.equal(forged.code, 2, forged.stdout + forged.stderr);
  assert.deepEqual(oneError(forged), {
    title: "smoke usage error",
    message:
      'Invalid value for "--artifact": the path holds a control character (a newline, a tab)',
  });
  const hostile = "evil ::error::forged%0A::warning::x ##[error]y <img src=x>|`.json";
  const named = await runSmoke(p.dir, ["--rerun-failed", "--artifact", hostile], { env });
  assert.equal(named.code, 2, named.stdout + named.stderr);
  assert.deepEqual(oneError(named), {
    title: "smoke ARTIFACT_NOT_FOUND",
    // The writer makes the legacy `##[` form inert everywhere; the rest comes back exactly.
    message: `Cannot read artifact "${hostile.replace("##[", "##\u200b[")}": no file at that path`,
  });

  await p.write("bad.json", JSON.stringify({ schemaVersion: "1%0A::error::forged\r::notice::z" }));
  const read = await runSmoke(p.dir, ["--rerun-failed", "--artifact", "bad.json"], { env });
  assert.equal(read.code, 2, read.stdout + read.stderr);
  const { title, message } = oneError(read);
  assert.equal(title, "smoke ARTIFACT_SCHEMA_MISMATCH");
  assert.ok(message.includes('got "1%0A::error::forged\\r::notice::z"'), message);

  const summary = await Deno.readTextFile(env.GITHUB_STEP_SUMMARY);
  assert.doesNotMatch(summary, /<img|\r/);
  assert.ok(
    summary.includes(
      "evil ::error::forged%0A::warning::x ##\\[error\\]y &lt;img src=x&gt;\\|\\`.json",
    ),
  );
});

Deno.test("GitHub mode: an unwritable step summary is a warning; the error stays exit 2", async () => {
  await using p = await tempProject({ "fixtures/ok.smoke.jsonc": sh("true") });
  await Deno.mkdir(join(p.dir, "summary-dir"));
  const env = githubEnv(p.dir, { GITHUB_STEP_SUMMARY: join(p.dir, "summary-dir") });
  const run = await runSmoke(p.dir, ["--rerun-failed"], { env });
  assert.equal(run.code, 2, run.stdout + run.stderr);
  assert.equal(run.resultLine, "RESULT: fail");
  assert.equal(oneError(run).title, "smoke ARTIFACT_NOT_FOUND");
  assert.match(
    run.stderr,
    /^warning: Cannot append to the step summary ".*summary-dir": it is a directory \[STEP_SUMMARY_WRITE_FAILED\]$/m,
  );
});

Deno.test("GitHub mode: a FIFO as the step summary is refused unopened on an error: a warning, no hang", async () => {
  await using p = await tempProject({ "fixtures/ok.smoke.jsonc": sh("true") });
  const fifo = join(p.dir, "summary-fifo");
  assert.ok((await new Deno.Command("mkfifo", { args: [fifo] }).output()).success);
  const run = await runSmoke(p.dir, ["--bogus"], {
    env: githubEnv(p.dir, { GITHUB_STEP_SUMMARY: fifo }),
    // A hang must fail the test, not stall the suite; the guard is far above a normal exit.
    guardMs: 30_000,
  });
  assert.equal(run.hung, false, "smoke blocked on the FIFO");
  assert.equal(run.code, 2, run.stdout + run.stderr);
  assert.equal(run.resultLine, "RESULT: fail");
  assert.match(
    run.stderr,
    /^warning: Cannot append to the step summary ".*summary-fifo": it is a FIFO \[STEP_SUMMARY_WRITE_FAILED\]$/m,
  );
});

Deno.test("without GITHUB_ACTIONS=true an error writes no command and no step summary", async () => {
  await using p = await tempProject({ "fixtures/ok.smoke.jsonc": sh("true") });
  const env = { ...githubEnv(p.dir), GITHUB_ACTIONS: "false" };
  const run = await runSmoke(p.dir, ["--rerun-failed"], { env });
  assert.equal(run.code, 2, run.stdout + run.stderr);
  assert.deepEqual(liveCommands(run), []);
  assert.equal(await p.exists("step-summary.md"), false);
  assert.match(run.stderr, /^error: Cannot read artifact .* \[ARTIFACT_NOT_FOUND\]$/m);
});

Deno.test("GitHub mode: the dispatch line names the running workflow's file, else smoke.yml", async () => {
  await using p = await tempProject({ "fixtures/bad.smoke.jsonc": sh("exit 1") });
  const refs: [string, string][] = [
    ["octo/app/.github/workflows/nightly-smoke.yml@refs/heads/main", "nightly-smoke.yml"],
    ["octo/app/.github/workflows/x;rm -rf ~.yml@refs/heads/main", "smoke.yml"],
    ["octo/app/.github/workflows/-o.yml@refs/heads/main", "smoke.yml"],
    ["octo/app/.github/workflows/ci.json@refs/heads/main", "smoke.yml"],
  ];
  for (const [i, [ref, file]] of refs.entries()) {
    const env = githubEnv(p.dir, {
      GITHUB_WORKFLOW_REF: ref,
      GITHUB_STEP_SUMMARY: join(p.dir, `step-summary-${i}.md`),
    });
    const run = await runSmoke(p.dir, [], { env });
    assert.equal(run.code, 1, run.stdout + run.stderr);
    const summary = await Deno.readTextFile(env.GITHUB_STEP_SUMMARY);
    const dispatch = summary.split("\n").filter((l) => l.startsWith("gh workflow run"));
    assert.deepEqual(dispatch, [`gh workflow run ${file} -f mode=rerun-failed`], ref);
  }
});
