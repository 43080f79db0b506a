import assert from "node:assert/strict";
import { join } from "node:path";
import { UserError } from "../base/errors.ts";
import { createSafeWriter } from "../base/safe_output.ts";
import { STEP_SUMMARY_LIMIT_BYTES } from "../reporters/github_summary.ts";
import { reportErrorToGitHub } from "./github_error_report.ts";

const error = new UserError('Cannot read artifact "x.json": no file at that path', {
  kind: "preflight",
  code: "ARTIFACT_NOT_FOUND",
  hints: ["Manual fallback: deno task smoke --fixture <id> ..."],
  diagnosticsPath: "runs/r1.json",
});

async function report(env: Record<string, string>, cwd: string) {
  let log = "";
  const stderr = createSafeWriter((t) => (log += t), { terminal: false, github: true });
  await reportErrorToGitHub(error, { cwd, env, stderr });
  return log;
}

Deno.test("reportErrorToGitHub() writes one annotation and appends the section", async () => {
  const cwd = await Deno.makeTempDir();
  try {
    await Deno.writeTextFile(join(cwd, "summary.md"), "# before\n");
    const log = await report({ GITHUB_STEP_SUMMARY: "summary.md" }, cwd);
    assert.equal(
      log,
      '::error title=smoke ARTIFACT_NOT_FOUND::Cannot read artifact "x.json": no file at that path\n',
    );
    const summary = await Deno.readTextFile(join(cwd, "summary.md"));
    assert.ok(summary.startsWith("# before\n## smoke: error `ARTIFACT_NOT_FOUND`\n"), summary);
    assert.ok(summary.endsWith("Diagnostics artifact: `runs/r1.json`\n"), summary);
  } finally {
    await Deno.remove(cwd, { recursive: true });
  }
});

Deno.test("reportErrorToGitHub() without GITHUB_STEP_SUMMARY writes the annotation only", async () => {
  const cwd = await Deno.makeTempDir();
  try {
    const log = await report({}, cwd);
    assert.match(log, /^::error title=smoke ARTIFACT_NOT_FOUND::/);
    assert.deepEqual([...Deno.readDirSync(cwd)], []);
  } finally {
    await Deno.remove(cwd, { recursive: true });
  }
});

Deno.test("reportErrorToGitHub() keeps a full step summary within 1 MiB", async () => {
  const cwd = await Deno.makeTempDir();
  try {
    const path = join(cwd, "summary.md");
    await Deno.writeTextFile(path, "x".repeat(STEP_SUMMARY_LIMIT_BYTES - 50));
    await report({ GITHUB_STEP_SUMMARY: path }, cwd);
    assert.equal((await Deno.stat(path)).size, STEP_SUMMARY_LIMIT_BYTES - 50, "nothing fits");
  } finally {
    await Deno.remove(cwd, { recursive: true });
  }
});

Deno.test("reportErrorToGitHub(): an unwritable step summary is a warning", async () => {
  const cwd = await Deno.makeTempDir();
  try {
    const log = await report({ GITHUB_STEP_SUMMARY: cwd }, cwd);
    const lines = log.split("\n");
    assert.match(lines[0], /^::error title=smoke ARTIFACT_NOT_FOUND::/);
    assert.equal(
      lines[1],
      `warning: Cannot append to the step summary "${cwd}": it is a directory ` +
        "[STEP_SUMMARY_WRITE_FAILED]",
    );
    assert.equal(
      lines[2],
      "hint: Check GITHUB_STEP_SUMMARY; the error above is what stopped smoke.",
    );
  } finally {
    await Deno.remove(cwd, { recursive: true });
  }
});
