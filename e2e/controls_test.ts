/**
 * End-to-end tests of the selection and run controls: `--tag`,
 * `--exclude-tag`, `--exclude`, `**` in patterns, `--max-failures` (and the
 * rerun that follows it), tags and descriptions recorded, and the slowest
 * fixtures in the summary.
 */
import assert from "node:assert/strict";
import { ArtifactSchema } from "../lib/artifact/artifact_schema.ts";
import { runSmoke, spawnSmoke, type TempProject, tempProject, waitFor } from "./_project.ts";
import { logging, ran } from "./_logging.ts";

const project = () =>
  tempProject({
    "fixtures/web/home.smoke.jsonc": logging("web/home", {
      tags: ["web"],
      description: "the home page answers",
    }),
    "fixtures/web/legal/terms.smoke.jsonc": logging("web/legal/terms", { tags: ["web", "slow"] }),
    "fixtures/api/health.smoke.jsonc": logging("api/health", { tags: ["api"] }),
    "fixtures/api/v2/health.smoke.jsonc": logging("api/v2/health", { tags: ["api"] }),
    "fixtures/terms.smoke.jsonc": logging("terms"),
  });

const list = async (p: TempProject, args: string[]) => {
  const run = await runSmoke(p.dir, ["--list", ...args]);
  assert.equal(run.code, 0, run.stderr);
  return run.stdout.split("\n").filter(Boolean);
};

Deno.test("** crosses path segments in --fixture and --exclude; * stays within one", async () => {
  await using p = await project();
  assert.deepEqual(await list(p, ["--fixture", "web/**"]), ["web/home", "web/legal/terms"]);
  assert.deepEqual(await list(p, ["--fixture", "**/terms"]), ["terms", "web/legal/terms"]);
  assert.deepEqual(await list(p, ["--fixture", "api/**/health"]), ["api/health", "api/v2/health"]);
  assert.deepEqual(await list(p, ["--fixture", "web/*"]), ["web/home"]);
  assert.deepEqual(await list(p, ["--exclude", "web/**", "--exclude", "api/v2/*"]), [
    "api/health",
    "terms",
  ]);
});

Deno.test("--tag keeps any of the tags; --exclude-tag and --exclude come after; an unknown tag is a usage error", async () => {
  await using p = await project();
  assert.deepEqual(await list(p, ["--tag", "api", "--tag", "slow"]), [
    "api/health",
    "api/v2/health",
    "web/legal/terms",
  ]);
  assert.deepEqual(await list(p, ["--tag", "web", "--exclude-tag", "slow"]), ["web/home"]);
  assert.deepEqual(await list(p, ["--fixture", "api/**", "--exclude", "api/v2/**"]), [
    "api/health",
  ]);
  const unknown = await runSmoke(p.dir, ["--tag", "wbe"]);
  assert.equal(unknown.code, 2);
  assert.equal(unknown.resultLine, "RESULT: fail");
  assert.match(unknown.stderr, /^error: Unknown tag "wbe": no fixture has it$/m);
  assert.match(unknown.stderr, /^hint: Did you mean "--tag web"\?$/m);
  assert.deepEqual(await ran(p), []);
  const nothing = await runSmoke(p.dir, ["--list", "--exclude", "nope/**"]);
  assert.match(
    nothing.stderr,
    /--exclude nope\/\*\* matches no fixture \[EXCLUDE_MATCHES_NOTHING\]/,
  );
  const bad = await tempProject({
    "fixtures/a.smoke.jsonc": JSON.stringify({ command: ["true"], tags: ["two words"] }),
  });
  await using _bad = bad;
  const refused = await runSmoke(bad.dir, []);
  assert.equal(refused.code, 2);
  assert.match(refused.stderr, /tags\[0\]: a tag is one word/);
});

Deno.test("tags and descriptions are recorded, shown by --dry-run and written to JUnit; a filtered run is partial", async () => {
  await using p = await project();
  const dry = await runSmoke(p.dir, ["--dry-run", "--fixture", "web/home"]);
  assert.match(dry.stdout, /^web\/home\n {2}description: the home page answers\n {2}tags: web$/m);
  await runSmoke(p.dir, []);
  const run = await runSmoke(p.dir, ["--tag", "web", "--junit", "junit.xml"]);
  assert.equal(run.code, 0, run.stderr);
  const artifact = ArtifactSchema.parse(await p.latest());
  assert.equal(artifact.mode, "selected", "a --tag run does not reset the suite's state");
  const home = artifact.fixtures.find((f) => f.id === "web/home");
  assert.deepEqual(home?.tags, ["web"]);
  assert.equal(home?.description, "the home page answers");
  const xml = await p.read("junit.xml");
  assert.match(xml, /<property name="tag" value="slow"\/>/);
  assert.match(xml, /<property name="description" value="the home page answers"\/>/);
});

Deno.test("--max-failures: no new fixture starts after N failures; the rest are owed and rerun", async () => {
  const ids = ["a", "b", "c", "d", "e"];
  const files: Record<string, string> = {};
  for (const id of ids) {
    files[`fixtures/${id}.smoke.jsonc`] = logging(id);
    files[`state/${id}`] = id === "a" || id === "b" ? "fail" : "pass";
  }
  await using p = await tempProject(files);
  const run = await runSmoke(p.dir, [
    "--max-failures",
    "1",
    "--concurrency",
    "1",
    "--junit",
    "j.xml",
  ]);
  assert.equal(run.code, 1);
  assert.equal(run.resultLine, "RESULT: fail");
  assert.deepEqual(await ran(p), ["a"], "nothing started after the first failure");
  assert.match(run.stdout, /^Summary: 0 passed, 1 failed, 4 not run, 0 skipped, 0 flaky/m);
  assert.match(
    run.stdout,
    /^Not run: 4 fixtures \([a-z0-9/]+(?:, [a-z0-9/]+){3}; the failure limit, --max-failures or maxFailures, was reached\)/m,
  );
  assert.doesNotMatch(run.stdout, /^PASS {2}/m, "a fixture that did not run is never passed");
  const artifact = ArtifactSchema.parse(await p.latest());
  assert.deepEqual(
    artifact.fixtures.map((f) => [f.id, f.status, f.failure?.kind]),
    [["a", "failed", "exit-code"], ...["b", "c", "d", "e"].map((id) => [id, "failed", "not-run"])],
  );
  assert.deepEqual(artifact.suite?.outstanding.map((e) => e.id), ids);
  const xml = await p.read("j.xml");
  assert.match(xml, /failures="1" errors="0" skipped="4"/);
  assert.match(
    xml,
    /<skipped message="Not run: the run started no more fixtures once 1 had failed/,
  );

  // A spot-check's suite lines count what never started apart from the failure.
  const spot = await runSmoke(p.dir, ["--fixture", "e", "--report"]);
  assert.equal(spot.code, 0, spot.stderr);
  const page = await p.read(".planning/artifacts/smoke/report.html");
  assert.match(page, /4 still owed \(1 failing, 3 never started\)/);
  assert.match(page, /1 failed<\/span>.*⊘ 3 not run<\/span>/);
  assert.match(spot.stdout, /^Suite verdict: 1 passed, 1 failed, 3 not run of 5 -> fail$/m);
  assert.match(
    spot.stdout,
    /^Suite: 4 still owed \(1 failing, 3 never started\) since run \S+: a, b \(not run\), c \(not run\), d \(not run\)$/m,
  );
  await ran(p);

  // The next rerun runs the failure and everything that did not run.
  const rerun = await runSmoke(p.dir, ["--rerun-failed"]);
  assert.equal(rerun.code, 1);
  assert.deepEqual(await ran(p), ["a", "b", "c", "d"]);
  assert.deepEqual(ArtifactSchema.parse(await p.latest()).suite?.outstanding.map((e) => e.id), [
    "a",
    "b",
  ], "the two real failures are still owed; the rest passed");

  // From the config too.
  await p.write("smoke.jsonc", JSON.stringify({ maxFailures: 1, concurrency: 1 }));
  // Id order: with history, the default starts the longest expected first (issue 13).
  await runSmoke(p.dir, ["--order", "id"]);
  assert.deepEqual(await ran(p), ["a"]);
});

Deno.test("peers' flags get smoke's spelling: --bail, --lf, --grep", async () => {
  await using p = await project();
  for (
    const [flag, says] of [
      ["--bail", '"--max-failures 1"'],
      ["--lf", '"--rerun-failed"'],
      ["--grep", '"--fixture PATTERN" or "--tag NAME"'],
    ]
  ) {
    const run = await runSmoke(p.dir, [flag]);
    assert.equal(run.code, 2, flag);
    assert.ok(run.stderr.includes(`hint: smoke says ${says}.`), run.stderr);
  }
});

Deno.test("a run that took a while lists its slowest fixtures", async () => {
  const files: Record<string, string> = {};
  for (const [id, seconds] of [["quick", 0], ["slow", 5.2], ["medium", 1]] as const) {
    files[`fixtures/${id}.smoke.jsonc`] = JSON.stringify({ command: ["sleep", String(seconds)] });
  }
  await using p = await tempProject(files);
  const run = await runSmoke(p.dir, []);
  assert.equal(run.code, 0, run.stderr);
  assert.match(run.stdout, /^Slowest: slow 5\.\ds, medium 1\.\ds, quick \d+ms$/m);
  await using q = await tempProject({
    "fixtures/a.smoke.jsonc": JSON.stringify({ command: ["true"] }),
  });
  assert.doesNotMatch((await runSmoke(q.dir, [])).stdout, /Slowest/);
});

Deno.test("filters that each match but together select nothing say so; a narrowed rerun names its filters", async () => {
  await using p = await project();
  const run = await runSmoke(p.dir, ["--fixture", "api/**", "--tag", "web"]);
  assert.equal(run.code, 2);
  assert.match(
    run.stderr,
    /^error: No fixture matches --fixture api\/\*\* --tag web together \[NO_FIXTURES\]$/m,
  );
  assert.doesNotMatch(run.stderr, /Add a fixture/);
  // --list exits 2 as the run does (and as it does for a filter that matches nothing).
  const list = await runSmoke(p.dir, ["--list", "--fixture", "api/**", "--tag", "web"]);
  assert.equal(list.code, 2);
  assert.match(list.stderr, /^error: No fixture matches .* together \[NO_FIXTURES\]$/m);
  assert.equal(list.stdout, "RESULT: fail\n", "no ids; the error's verdict line");
  assert.doesNotMatch(list.stderr, /--list shows/, "no advice to use what is in use");
  // One exclude that takes out everything: named, exit 2, for --list, --dry-run and a run alike.
  for (const mode of [["--list"], ["--dry-run"], []]) {
    const left = await runSmoke(p.dir, [...mode, "--exclude", "**"]);
    assert.equal(left.code, 2, `${mode}: ${left.stderr}`);
    assert.match(left.stderr, /^error: No fixture is left after --exclude \*\* \[NO_FIXTURES\]$/m);
  }
  // An exclude that takes out what a --fixture selects: not "none matches them all".
  const taken = await runSmoke(p.dir, ["--fixture", "api/**", "--exclude", "api/**"]);
  assert.equal(taken.code, 2, taken.stderr);
  assert.match(
    taken.stderr,
    /^error: No fixture is left after --fixture api\/\*\* --exclude api\/\*\* \[NO_FIXTURES\]$/m,
  );
  assert.match(
    taken.stderr,
    /^hint: The excludes take out every fixture the other filters select/m,
  );
  // An empty catalog: --list too.
  await using empty = await tempProject({ "fixtures/README.md": "nothing yet" });
  const none = await runSmoke(empty.dir, ["--list"]);
  assert.equal(none.code, 2, none.stderr);
  assert.match(none.stderr, /^error: No fixtures to run in "fixtures" \[NO_FIXTURES\]$/m);
  await p.write("state/api_health", "fail");
  await runSmoke(p.dir, []);
  const rerun = await runSmoke(p.dir, ["--rerun-failed", "--tag", "web"]);
  assert.equal(rerun.code, 2);
  assert.match(
    rerun.stderr,
    /no failed fixture of run \S+ matches --tag web \[NO_RERUNNABLE_FAILURES\]/,
  );
  assert.match(
    rerun.stderr,
    /or change the filters \(--fixture, --tag, --exclude, --exclude-tag\)/,
  );
});

Deno.test("a name from the disk or the config never forges a line: near misses, bad ids, --help", async () => {
  await using p = await tempProject({
    "fixtures/a.smoke.jsonc": JSON.stringify({ command: ["sh", "-c", "exit 1"] }),
    "fixtures/x\nRESULT: pass\ny.smoke.json": "{}",
  });
  const run = await runSmoke(p.dir, []);
  assert.equal(run.code, 1);
  assert.match(run.stderr, /Ignored "fixtures\/x\\nRESULT: pass\\ny\.smoke\.json"/);
  for (const out of [run.stdout, run.stderr]) {
    assert.equal(out.split("\n").filter((l) => l === "RESULT: pass").length, 0, out);
  }
  await p.write("smoke.jsonc", JSON.stringify({ fixturesDir: "fx\nRESULT: pass" }));
  const config = await runSmoke(p.dir, []);
  assert.equal(config.code, 2);
  assert.match(
    config.stderr,
    /fixturesDir: expected a non-empty path without NUL or other control characters/,
  );
  const help = await runSmoke(p.dir, ["--help"]);
  assert.equal(help.code, 0);
  assert.ok(!help.stdout.split("\n").includes("RESULT: pass"), help.stdout);
});

Deno.test("after --max-failures held fixtures back, an interrupt leaves them not-run, not interrupted", async () => {
  await using p = await tempProject({
    "fixtures/a.smoke.jsonc": JSON.stringify({ command: ["sh", "-c", "exit 1"] }),
    "fixtures/b.smoke.jsonc": JSON.stringify({
      command: ["sh", "-c", "touch b.started; sleep 20"],
    }),
    "fixtures/c.smoke.jsonc": JSON.stringify({ command: ["true"] }),
    "fixtures/d.smoke.jsonc": JSON.stringify({ command: ["true"] }),
  });
  const child = spawnSmoke(p.dir, ["--max-failures", "1", "--concurrency", "2"]);
  await waitFor(() => p.exists("b.started"));
  // a has failed by now (it exits at once): the limit holds c and d back.
  await new Promise((r) => setTimeout(r, 1000));
  child.kill("SIGINT");
  const out = await child.output();
  assert.equal(out.code, 130);
  const artifact = ArtifactSchema.parse(await p.latest());
  const kinds = Object.fromEntries(artifact.fixtures.map((f) => [f.id, f.failure?.kind]));
  assert.deepEqual(kinds, { a: "exit-code", b: "interrupted", c: "not-run", d: "not-run" });
});
