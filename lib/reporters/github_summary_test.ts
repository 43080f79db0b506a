import assert from "node:assert/strict";
// Test-only: locked in deno.test.lock, so that running smoke never fetches it.
// deno-lint-ignore no-import-prefix
import fc from "npm:fast-check@4.11.0";
import { createArtifact, type FixtureResult, type ServiceRecord } from "../artifact/artifact.ts";
import { serviceRecords } from "../../e2e/_services.ts";
import type { RunEnd } from "./reporter.ts";
import {
  dispatchCommand,
  escapeMarkdownCell,
  renderStepSummary,
  STEP_SUMMARY_LIMIT_BYTES,
} from "./github_summary.ts";

const base = { durationMs: 10, attempts: 1, exitCode: 1, signal: null, timedOut: false };

function runOf(
  fixtures: FixtureResult[],
  extra: Partial<RunEnd> = {},
  services?: ServiceRecord[],
): RunEnd {
  const artifact = createArtifact({
    runId: "r1",
    mode: "rerun-failed",
    startedAt: new Date(0),
    finishedAt: new Date(2500),
    version: "0.1.0",
    environment: { deno: "2.9.6", os: "linux", arch: "x86_64", ci: true },
    selection: { fixtureIds: fixtures.map((f) => f.id) },
    fixtures,
    combined: {
      summary: { total: 5, passed: 4, failed: 1, skipped: 0, flaky: 0 },
      result: "fail",
    },
    services,
  });
  return {
    ends: [],
    artifact,
    artifactPath: "runs/r1.json",
    rerunCommand: "deno task smoke --rerun-failed",
    ...extra,
  };
}

function failure(id: string, message = "Exited with code 1, expected 0"): FixtureResult {
  return { ...base, id, status: "failed", failure: { kind: "exit-code", message } };
}

/** A fixture kept from starting because a service was not ready. */
function notRun(id: string): FixtureResult {
  return {
    ...base,
    id,
    attempts: 0,
    exitCode: null,
    status: "failed",
    failure: { kind: "not-run", message: 'Not run: service "api" was not ready' },
  };
}

Deno.test("escapeMarkdownCell() keeps a cell in its row", () => {
  assert.equal(escapeMarkdownCell("a|b\r\nc\rd\n"), "a\\|b<br>c<br>d");
  // Line and paragraph separators, and C1 controls (a CI run's property test found U+2028 passing).
  assert.equal(escapeMarkdownCell("a\u2028b\u2029c\u0085d"), "a<br>b<br>cd");
  assert.equal(escapeMarkdownCell("<img src=x> & \x1b[31m"), "&lt;img src=x&gt; &amp; \\[31m");
  assert.equal(escapeMarkdownCell("x".repeat(600)).length, 500);
});

Deno.test("dispatchCommand() pins the run and the pull request's branch", () => {
  assert.equal(
    dispatchCommand({
      GITHUB_RUN_ID: "99",
      GITHUB_HEAD_REF: "feature/a b",
      GITHUB_REF_NAME: "12/merge",
    }),
    "gh workflow run smoke.yml -f mode=rerun-failed -f source_run_id=99 --ref 'feature/a b'",
  );
  assert.equal(
    dispatchCommand({ GITHUB_RUN_ID: "x; rm", GITHUB_REF_TYPE: "tag", GITHUB_REF_NAME: "v1" }),
    "gh workflow run smoke.yml -f mode=rerun-failed",
  );
});

Deno.test("dispatchCommand() names the running workflow's file from GITHUB_WORKFLOW_REF", () => {
  const dispatch = (ref: string) => dispatchCommand({ GITHUB_WORKFLOW_REF: ref });
  const named: [string, string][] = [
    ["octo/app/.github/workflows/nightly-smoke.yml@refs/heads/main", "nightly-smoke.yml"],
    ["octo/app/.github/workflows/ci.yaml@refs/pull/12/merge", "ci.yaml"],
    ["octo/.github/.github/workflows/Smoke_2.v1.yml@refs/tags/v1", "Smoke_2.v1.yml"],
  ];
  for (const [ref, file] of named) {
    assert.equal(dispatch(ref), `gh workflow run ${file} -f mode=rerun-failed`, ref);
  }
  // Untrusted: anything but a plain file name of .github/workflows/ falls back, never echoed.
  const invalid = [
    "",
    "nightly-smoke.yml",
    "octo/app/.github/workflows/nightly-smoke.yml",
    "octo/app/.github/workflows/nightly-smoke.yml@",
    "octo/app/.github/workflows/x;rm -rf ~.yml@refs/heads/main",
    "octo/app/.github/workflows/$(id).yml@refs/heads/main",
    "octo/app/.github/workflows/-o.yml@refs/heads/main",
    "octo/app/.github/workflows/sub/a.yml@refs/heads/main",
    "octo/app/.github/workflows/a.json@refs/heads/main",
    "octo/app/.github/workflows/.yml@refs/heads/main",
    "octo/app/.github/workflows/a.yml\n@refs/heads/main",
    "octo/app/sub/.github/workflows/a.yml@refs/heads/main",
    "octo/app/.github/workflows/a.ymlx@refs/heads/main",
  ];
  for (const ref of invalid) {
    assert.equal(dispatch(ref), "gh workflow run smoke.yml -f mode=rerun-failed", ref);
  }
  assert.equal(
    dispatchCommand({
      GITHUB_WORKFLOW_REF: "octo/app/.github/workflows/nightly.yml@refs/heads/main",
      GITHUB_RUN_ID: "7",
      GITHUB_REF_TYPE: "branch",
      GITHUB_REF_NAME: "main",
    }),
    "gh workflow run nightly.yml -f mode=rerun-failed -f source_run_id=7 --ref main",
  );
});

Deno.test("renderStepSummary() has counts, failures, combined verdict and commands", () => {
  const markdown = renderStepSummary(
    runOf([
      { ...base, id: "ok", status: "passed", exitCode: 0, attempts: 2, flaky: true },
      failure("bad", "line | one\nline two"),
    ]),
    { dispatch: "gh workflow run smoke.yml -f mode=rerun-failed -f source_run_id=1" },
  );
  const lines = markdown.split("\n");
  assert.equal(lines[0], "## smoke: FAIL");
  assert.match(markdown, /\*\*1 passed, 1 failed, 0 skipped, 1 flaky\*\* of 2 fixtures in 2\.5s/);
  assert.match(markdown, /\*\*After rerun\*\*.*4 passed, 1 failed of 5 → \*\*fail\*\*/);
  assert.match(markdown, /Flaky \(passed on a retry\): `ok`/);
  assert.ok(lines.includes("| `bad` | exit-code | line \\| one<br>line two |"));
  assert.ok(lines.includes("deno task smoke --rerun-failed"));
  assert.ok(lines.includes("gh workflow run smoke.yml -f mode=rerun-failed -f source_run_id=1"));
  assert.ok(lines.includes("Artifact: `runs/r1.json`"));
});

Deno.test("renderStepSummary() puts the output line that explains a failure under its message", () => {
  const markdown = renderStepSummary(runOf([{
    ...failure("a"),
    stdoutTail: "adds => ./a_test.ts:2:6\nerror: AssertionError: <a|b>\n",
    stderrTail: "error: Test failed\n",
  }]));
  assert.match(
    markdown,
    /^\| `a` \| exit-code \| Exited with code 1, expected 0<br>error: AssertionError: &lt;a\\\|b&gt; \|$/m,
  );
});

Deno.test("renderStepSummary() has no table or commands when nothing failed", () => {
  const markdown = renderStepSummary(
    runOf([{ ...base, id: "ok", status: "passed", exitCode: 0 }], { rerunCommand: undefined }),
  );
  assert.match(markdown, /^## smoke: pass\n/);
  assert.doesNotMatch(markdown, /\| Fixture \|/);
  assert.doesNotMatch(markdown, /gh workflow run/);
});

Deno.test("renderStepSummary() stays under the byte budget with a truncation note", () => {
  const many = Array.from({ length: 5000 }, (_, i) => failure(`f${i}`, "é".repeat(400)));
  const full = renderStepSummary(runOf(many), { maxBytes: Number.MAX_SAFE_INTEGER });
  const fullBytes = new TextEncoder().encode(full).length;
  assert.ok(fullBytes > STEP_SUMMARY_LIMIT_BYTES);

  const cut = renderStepSummary(runOf(many));
  const bytes = new TextEncoder().encode(cut).length;
  assert.ok(bytes <= STEP_SUMMARY_LIMIT_BYTES, `${bytes}`);
  assert.ok(bytes > STEP_SUMMARY_LIMIT_BYTES - 2000, `${bytes}`);
  const rows = cut.split("\n").filter((l) => l.startsWith("| `f")).length;
  assert.match(cut, new RegExp(`_${5000 - rows} more failures not shown: `));
  assert.ok(cut.includes("deno task smoke --rerun-failed"));

  const small = renderStepSummary(runOf(many), { maxBytes: 3000 });
  assert.ok(new TextEncoder().encode(small).length <= 3000);
  assert.equal(renderStepSummary(runOf(many), { maxBytes: 10 }), "");
});

Deno.test("renderStepSummary() leads the failures with one line per cause 3+ failures share", () => {
  const refused = (id: string, port: number) => ({
    ...failure(id),
    stderrTail: `Error: connect ECONNREFUSED 127.0.0.1:${port}\n`,
  });
  const markdown = renderStepSummary(runOf([
    refused("api/a", 8000),
    failure("other"),
    refused("api/b", 8000),
    refused("api/c", 8000),
    refused("db/a", 5432),
    refused("db/b", 5432),
  ]));
  const lines = markdown.split("\n");
  const group = lines.findIndex((l) => l.includes("share one cause"));
  assert.equal(
    lines[group],
    "**3 failures share one cause:** connection refused on 127.0.0.1:8000 (`api/a`, `api/b`, `api/c`)",
  );
  assert.ok(group < lines.indexOf("| Fixture | Kind | Message |"), markdown);
  assert.equal(
    lines.filter((l) => l.includes("share one cause")).length,
    1,
    "2 on :5432 make no group",
  );
});

Deno.test("renderStepSummary() escapes the cause it names", () => {
  const denied = (id: string) => ({
    ...failure(id),
    stderrTail: 'NotCapable: Requires read access to "/x/<b>|**"\n',
  });
  const markdown = renderStepSummary(runOf([denied("a"), denied("b"), denied("c")]));
  assert.match(
    markdown,
    /^\*\*3 failures share one cause:\*\* permission denied: read access to "\/x\/&lt;b&gt;\\\|\\\*\\\*" /m,
  );
});

Deno.test("renderStepSummary() has a Services table with each one's status, time to ready and failure", () => {
  const records = serviceRecords();
  records[2].reason += " | <b>";
  const markdown = renderStepSummary(runOf([failure("a")], {}, records));
  const lines = markdown.split("\n");
  const head = lines.indexOf("| Service | Status | Ready in | Detail |");
  assert.ok(head > 0, markdown);
  assert.equal(lines[head - 2], "### Services");
  assert.deepEqual(lines.slice(head + 1, head + 6), [
    "| --- | --- | --- | --- |",
    "| `api` | ✓ ready | 1.2s |  |",
    "| `db` | ✓ reused | 0ms | already running: not started |",
    "| `queue` | ✗ **not-ready** |  | not ready within 500ms: 127.0.0.1:9999 accepts a TCP " +
    "connection (last check: connection refused) \\| &lt;b&gt;<br>Error: bad QUEUE\\_URL &lt;none&gt; |",
    "| `worker` | ✗ **exited** | 300ms | exited with code 7 during the run<br>" +
    "last line of its stderr: worker crashed: out of memory |",
  ]);
  assert.ok(head < lines.indexOf("| Fixture | Kind | Message |"), "services before the failures");
});

Deno.test("renderStepSummary() has no Services table without services", () => {
  const markdown = renderStepSummary(runOf([failure("a")]));
  assert.doesNotMatch(markdown, /Services|\| Service \|/);
});

Deno.test("renderStepSummary() counts not-run fixtures apart, names them on one line with the reason, and gives them no rows", () => {
  const text = renderStepSummary(
    runOf([
      { ...base, id: "ok", status: "passed", exitCode: 0 },
      failure("a"),
      notRun("n1"),
      notRun("n2"),
    ]),
    {},
  );
  assert.match(text, /\*\*1 passed, 1 failed, 2 not run, 0 skipped, 0 flaky\*\* of 4 fixtures/);
  assert.match(text, /^- \*\*not run\*\* \(service "api" was not ready; owed\): `n1`, `n2`$/m);
  assert.match(text, /^\| `a` \| exit-code \|/m);
  assert.doesNotMatch(text, /^\| `n1` /m);
});

Deno.test("renderStepSummary() asks to rerun what is owed, not failures, when nothing ran to fail", () => {
  // A service that was never ready: every fixture is owed, none failed in its own right.
  const owed = renderStepSummary(runOf([notRun("n1"), notRun("n2")]), {});
  assert.match(owed, /^Rerun what the suite still owes:$/m);
  assert.doesNotMatch(owed, /Rerun the failures/);
  const failed = renderStepSummary(runOf([failure("a"), notRun("n1")]), {});
  assert.match(failed, /^Rerun the failures:$/m);
});

Deno.test("property: escapeMarkdownCell() leaves no link, image, emphasis, code, HTML, line break or bidi character live", () => {
  const parts = fc.constantFrom(
    "[",
    "]",
    "(",
    ")",
    "!",
    "*",
    "~",
    "`",
    "\\",
    "<",
    ">",
    "&",
    "|",
    "\n",
    "\r",
    "\u202e",
    "\u200f",
    "\ufeff",
    "https://x.example/p.png",
    "a",
    " ",
    "_",
  );
  fc.assert(
    fc.property(
      fc.array(fc.oneof(parts, fc.string({ maxLength: 4 })), { maxLength: 40 }),
      (list) => {
        const cell = escapeMarkdownCell(list.join(""), { maxChars: 10_000 });
        assert.doesNotMatch(
          cell.replaceAll("<br>", " "),
          /[<>\n\r\u202a-\u202e\u2066-\u2069\u200e\u200f\u061c\ufeff]/,
        );
        // Every [ ] * ~ ` follows an escaping backslash: count the backslashes before it.
        for (let i = 0; i < cell.length; i++) {
          if (!"[]*_~`".includes(cell[i])) continue;
          let slashes = 0;
          while (i - slashes - 1 >= 0 && cell[i - slashes - 1] === "\\") slashes++;
          assert.equal(slashes % 2, 1, `${JSON.stringify(cell)} at ${i}`);
        }
      },
    ),
    { numRuns: 500 },
  );
});

Deno.test("renderStepSummary(): the suite lines count and mark what never started apart from failures", () => {
  const run = runOf([failure("a")]);
  const owed = (id: string, kind: string) => ({ id, runId: "r0", kind, message: "m" });
  const artifact = {
    ...run.artifact,
    combined: { summary: { total: 5, passed: 1, failed: 4, skipped: 0, flaky: 0 }, result: "fail" },
    suite: {
      since: "r0",
      passed: ["e"],
      skipped: [],
      flaky: [],
      outstanding: [
        owed("a", "exit-code"),
        owed("b", "not-run"),
        owed("c", "not-run"),
        owed("d", "blocked"),
      ],
    },
  } as typeof run.artifact;
  const markdown = renderStepSummary({ ...run, artifact });
  assert.match(markdown, /: 1 passed, 1 failed, 1 blocked, 2 not run of 5 → \*\*fail\*\*/);
  assert.match(
    markdown,
    /^Still owed by the suite: `a`, `b` \(not run\), `c` \(not run\), `d` \(blocked\)$/m,
  );
  // An owed fixture gone from the catalog is not in the combined counts: never a negative count.
  const gone = {
    ...artifact,
    combined: {
      ...artifact.combined!,
      summary: { total: 2, passed: 1, failed: 1, skipped: 0, flaky: 0 },
    },
  } as typeof run.artifact;
  assert.doesNotMatch(renderStepSummary({ ...run, artifact: gone }), /-\d+ failed/);
});
