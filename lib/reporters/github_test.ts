import assert from "node:assert/strict";
import { join } from "node:path";
import { createArtifact, type FixtureResult, type ServiceRecord } from "../artifact/artifact.ts";
import { serviceRecords } from "../../e2e/_services.ts";
import type { FixtureEnd } from "./reporter.ts";
import {
  ANNOTATION_LIMIT,
  createGitHubReporter,
  escapeCommandData,
  escapeCommandProperty,
  neutralizeLegacyCommands,
  renderAnnotations,
  renderOutputGroup,
  renderServiceAnnotations,
} from "./github.ts";

const base = { durationMs: 10, attempts: 1, exitCode: 1, signal: null, timedOut: false };

function failed(id: string, extra: Partial<FixtureResult> = {}): FixtureEnd {
  return {
    result: {
      ...base,
      id,
      status: "failed",
      failure: { kind: "exit-code", message: "Exited with code 1, expected 0" },
      ...extra,
    },
    planned: { fixture: { id, file: `fixtures/${id}.smoke.ts` } } as FixtureEnd["planned"],
    failedAttempts: [],
    outputLeaked: false,
  };
}

function artifactOf(ends: FixtureEnd[], services?: ServiceRecord[]) {
  return createArtifact({
    runId: "r1",
    mode: "full",
    startedAt: new Date(0),
    finishedAt: new Date(100),
    version: "0.1.0",
    environment: { deno: "2.9.6", os: "linux", arch: "x86_64", ci: true },
    selection: { fixtureIds: ends.map((e) => e.result.id) },
    fixtures: ends.map((e) => e.result),
    services,
  });
}

/** Splits a log as the runner does: `\n`, `\r\n` and a lone `\r` all end a line. */
function logLines(text: string): string[] {
  return text.split(/\r\n|\r|\n/);
}

Deno.test("escapeCommandData() and escapeCommandProperty() follow the runner's rules", () => {
  assert.equal(escapeCommandData("%0A is not \n, 50%\r"), "%250A is not %0A, 50%25%0D");
  assert.equal(escapeCommandData("a:b,c"), "a:b,c");
  assert.equal(escapeCommandProperty("C:\\a,b%\r\n"), "C%3A\\a%2Cb%25%0D%0A");
});

Deno.test("neutralizeLegacyCommands() leaves no raw ##[ anywhere in a line", () => {
  const out = neutralizeLegacyCommands("##[error]a ##[warning]b ###[x] ##[");
  assert.ok(!out.includes("##["));
  assert.equal(out.replaceAll("\u200b", ""), "##[error]a ##[warning]b ###[x] ##[");
});

Deno.test("renderAnnotations() makes one escaped ::error per failed fixture", () => {
  const passed: FixtureEnd = {
    ...failed("ok"),
    result: { ...base, id: "ok", status: "passed", exitCode: 0 },
  };
  const lines = renderAnnotations([
    passed,
    failed("a/b", { failure: { kind: "expectation", message: 'stdout lacks "x"\nand 100%' } }),
    failed("c", { failure: { kind: "timeout", message: "##[error]t" } }),
  ], { cwd: "/w/p", workspace: "/w" });
  assert.deepEqual(lines, [
    '::error file=p/fixtures/a/b.smoke.ts,title=a/b::expectation: stdout lacks "x"%0Aand 100%25',
    "::error file=p/fixtures/c.smoke.ts,title=c::timeout: ##\u200b[error]t",
  ]);
});

Deno.test("renderAnnotations() adds the output line that explains the failure, escaped", () => {
  const lines = renderAnnotations([
    failed("a", {
      stdoutTail:
        "log\nerror: AssertionError: 100% off\r::error::x ##[error]y\nFAILED | 0 passed\n",
      stderrTail: "error: Test failed\n",
    }),
    failed("b", { stderrTail: "just a log line\n" }),
    failed("c", {
      failure: { kind: "exit-code", message: "TypeError: boom" },
      stderrTail: "TypeError: boom\n",
    }),
  ], { cwd: "/p" });
  assert.deepEqual(lines, [
    "::error file=fixtures/a.smoke.ts,title=a::exit-code: Exited with code 1, expected 0" +
    "%0Aerror: AssertionError: 100%25 off%0D::error::x ##\u200b[error]y",
    "::error file=fixtures/b.smoke.ts,title=b::exit-code: Exited with code 1, expected 0",
    "::error file=fixtures/c.smoke.ts,title=c::exit-code: TypeError: boom",
  ]);
});

Deno.test("renderAnnotations() escapes properties and leaves out files outside the workspace", () => {
  const end = failed("x");
  end.planned = { fixture: { file: "dir:1,2/x.smoke.ts" } } as FixtureEnd["planned"];
  assert.deepEqual(renderAnnotations([end], { cwd: "/p" }), [
    "::error file=dir%3A1%2C2/x.smoke.ts,title=x::exit-code: Exited with code 1, expected 0",
  ]);
  assert.deepEqual(renderAnnotations([failed("x")], { cwd: "/elsewhere", workspace: "/w" }), [
    "::error title=x::exit-code: Exited with code 1, expected 0",
  ]);
});

Deno.test("renderAnnotations() stops at the limit and says how many more", () => {
  const ends = Array.from({ length: 12 }, (_, i) => failed(`f${String(i).padStart(2, "0")}`));
  const lines = renderAnnotations(ends, { cwd: "/p" });
  assert.equal(lines.length, 11);
  assert.equal(lines.filter((l) => l.startsWith("::error ")).length, 10);
  assert.match(lines[9], /title=f09::/);
  assert.match(lines[10], /^2 more failed fixtures are not annotated .*step summary/);
  assert.doesNotMatch(lines[10], /^::/);
  assert.match(
    renderAnnotations(ends.slice(0, 11), { cwd: "/p" })[10],
    /^1 more failed fixture is not /,
  );
});

Deno.test("renderOutputGroup() keeps every hostile line inside stop-commands", () => {
  const hostile = [
    "::add-mask::secret",
    "::error::boom",
    "::set-output name=x::y",
    "::stop-commands::abc",
    "::abc::",
    "  ::endgroup::",
    "prefix ##[error]bad",
    "cr\r::error::after-cr",
  ].join("\n");
  const token = "A".repeat(32);
  const text = renderOutputGroup(failed("h", { stdoutTail: hostile, stderrTail: hostile }), {
    token,
  });
  const lines = logLines(text);
  assert.equal(lines[0], "::group::h (exit-code)");
  assert.equal(lines[1], `::stop-commands::${token}`);
  const resume = lines.indexOf(`::${token}::`);
  assert.deepEqual(lines.slice(resume), [`::${token}::`, "::endgroup::", ""]);
  const inside = lines.slice(2, resume);
  for (const line of ["::add-mask::secret", "::error::boom", "::error::after-cr"]) {
    assert.equal(inside.filter((l) => l === line).length, 2, line);
  }
  assert.ok(!text.includes("##["));
  assert.equal(inside.filter((l) => l.trim().startsWith("::")).length, 2 * 7);
  assert.equal(lines.length, inside.length + 5);
});

Deno.test("renderOutputGroup() refuses a guessable token", () => {
  assert.throws(() => renderOutputGroup(failed("h"), { token: "abc" }), TypeError);
});

Deno.test("createGitHubReporter() echoes groups, annotates and appends the summary", async () => {
  const dir = await Deno.makeTempDir();
  try {
    const summary = join(dir, "summary.md");
    await Deno.writeTextFile(summary, "earlier step\n");
    let log = "";
    let n = 0;
    const reporter = createGitHubReporter({
      env: { GITHUB_STEP_SUMMARY: summary, GITHUB_WORKSPACE: dir, GITHUB_RUN_ID: "7" },
      cwd: dir,
      write: (text) => (log += text),
      token: () => `token${String(++n).padStart(12, "0")}`,
    });
    const ends = [failed("a", { stderrTail: "::error::x\n" }), failed("b")];
    for (const end of ends) await reporter.onFixtureEnd!(end);
    await reporter.onEnd!({
      ends,
      artifact: artifactOf(ends),
      artifactPath: "runs/r1.json",
      rerunCommand: "deno task smoke --rerun-failed",
    });
    assert.match(log, /::stop-commands::token000000000001\n[^]*::token000000000001::/);
    assert.match(log, /::stop-commands::token000000000002\n[^]*::token000000000002::/);
    assert.match(log, /^::error file=fixtures\/a.smoke.ts,title=a::exit-code: /m);
    const written = await Deno.readTextFile(summary);
    assert.ok(written.startsWith("earlier step\n## smoke: FAIL\n"));
    assert.match(written, /gh workflow run smoke.yml -f mode=rerun-failed -f source_run_id=7/);
  } finally {
    await Deno.remove(dir, { recursive: true });
  }
});

Deno.test("createGitHubReporter() writes nothing for passed fixtures and no summary file", async () => {
  let log = "";
  const reporter = createGitHubReporter({ env: {}, cwd: "/p", write: (t) => (log += t) });
  const end: FixtureEnd = {
    ...failed("ok"),
    result: { ...base, id: "ok", status: "passed", exitCode: 0, stdoutTail: "::error::x" },
  };
  await reporter.onFixtureEnd!(end);
  await reporter.onEnd!({ ends: [end], artifact: artifactOf([end]), artifactPath: "x" });
  assert.equal(log, "");
});

Deno.test("createGitHubReporter() annotates each service not ready or exited, escaped, first", async () => {
  let log = "";
  const reporter = createGitHubReporter({
    env: {},
    cwd: "/p",
    write: (t) => (log += t),
    command: (line) => `[cmd]${line}`,
  });
  const records = serviceRecords();
  records[2].reason += "\n::warning::x 100% ##[error]y";
  const ends = [
    failed("a", {
      failure: { kind: "not-run", message: 'Not run: service "queue" was not ready' },
    }),
  ];
  await reporter.onEnd!({ ends, artifact: artifactOf(ends, records), artifactPath: "x" });
  const errors = logLines(log).filter((line) => line.includes("::error"));
  // The services only: the fixture kept from starting by "queue" gets no ::error of its own.
  assert.equal(errors.length, 2, log);
  assert.equal(
    errors[0],
    '[cmd]::error title=Service queue not ready::SERVICE_NOT_READY: Service "queue" was not ' +
      "ready: not ready within 500ms: 127.0.0.1:9999 accepts a TCP connection (last check: " +
      "connection refused)%0A::warning::x 100%25 ##\u200b[error]y%0AError: bad QUEUE_URL <none>",
  );
  assert.equal(
    errors[1],
    '[cmd]::error title=Service worker exited::SERVICE_EXITED: Service "worker" exited with ' +
      "code 7 during the run%0Alast line of its stderr: worker crashed: out of memory",
  );
  assert.doesNotMatch(log, /title=a::not-run/);
});

Deno.test("renderServiceAnnotations() leaves ready, reused and not-started services alone", () => {
  const records: ServiceRecord[] = [
    ...serviceRecords().filter((s) => s.status === "ready" || s.status === "reused"),
    { name: "c", status: "not-started", check: "x", reason: "not started: --no-services" },
    { name: "d", status: "interrupted", check: "x", reason: "interrupted before it started" },
  ];
  assert.deepEqual(renderServiceAnnotations(records), []);
});

Deno.test("createGitHubReporter() keeps service and fixture annotations within the limit", async () => {
  let log = "";
  const reporter = createGitHubReporter({ env: {}, cwd: "/p", write: (t) => (log += t) });
  const ends = Array.from({ length: 12 }, (_, i) => failed(`f${i}`));
  await reporter.onEnd!({ ends, artifact: artifactOf(ends, serviceRecords()), artifactPath: "x" });
  const errors = logLines(log).filter((line) => line.startsWith("::error"));
  assert.equal(errors.length, ANNOTATION_LIMIT);
  assert.match(errors[0], /title=Service queue not ready/);
  assert.match(errors[1], /title=Service worker exited/);
  assert.match(log, /^4 more failed fixtures are not annotated/m);
});

Deno.test("renderAnnotations() gives no ::error to fixtures kept from starting (not-run): what kept them has its own", () => {
  const notRun = (id: string) =>
    failed(id, {
      attempts: 0,
      exitCode: null,
      failure: { kind: "not-run", message: 'Not run: service "api" was not ready' },
    });
  const ends = [failed("a"), ...Array.from({ length: 30 }, (_, i) => notRun(`n${i}`))];
  assert.deepEqual(renderAnnotations(ends, { cwd: "/w/p", workspace: "/w" }), [
    "::error file=p/fixtures/a.smoke.ts,title=a::exit-code: Exited with code 1, expected 0",
  ]);
  assert.deepEqual(renderAnnotations(ends.slice(1), { cwd: "/w/p", workspace: "/w" }), []);
});
