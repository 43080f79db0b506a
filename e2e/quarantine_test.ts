/**
 * Quarantine kept in the repository (issue 16, item 1): a quarantined
 * failure does not fail the run until its entry expires; entries are
 * checked (owner, a real date, no unknown key, no pattern that swallows the
 * suite); quarantined failures stay owed.
 */
import assert from "node:assert/strict";
import { ArtifactSchema } from "../lib/artifact/artifact_schema.ts";
import { runSmoke, tempProject } from "./_project.ts";

const FIXTURES = {
  "fixtures/ok.smoke.jsonc": JSON.stringify({ command: ["true"] }),
  "fixtures/flaky/login.smoke.jsonc": JSON.stringify({
    command: ["sh", "-c", "echo 'login raced' >&2; exit 1"],
  }),
};

const entry = (extra: Record<string, unknown> = {}) => ({
  id: "flaky/login",
  reason: "login races the session store",
  owner: "@alice",
  until: "2999-12-31",
  ...extra,
});

Deno.test("quarantine: a quarantined failure does not fail the run, is recorded, and stays owed", async () => {
  await using p = await tempProject({
    ...FIXTURES,
    "smoke.jsonc": JSON.stringify({ quarantine: [entry()] }),
  });
  const run = await runSmoke(p.dir, []);
  assert.equal(run.code, 0, run.stderr + run.stdout);
  assert.equal(run.resultLine, "RESULT: pass");
  assert.match(
    run.stdout,
    /^FAIL {2}flaky\/login .*\(quarantined until 2999-12-31, owner @alice: does not fail the run\)$/m,
  );
  assert.match(run.stdout, /Summary: 1 passed, 0 failed, 1 quarantined failure, /);
  const artifact = ArtifactSchema.parse(await p.latest());
  const login = artifact.fixtures.find((f) => f.id === "flaky/login")!;
  assert.equal(login.status, "failed");
  assert.deepEqual(login.quarantined, {
    reason: "login races the session store",
    owner: "@alice",
    until: "2999-12-31",
  });
  assert.equal(artifact.summary.quarantined, 1);
  assert.equal(artifact.result, "pass");
  assert.deepEqual(artifact.suite?.outstanding.map((o) => o.id), ["flaky/login"]);
  // The rerun reruns it (still failing, still quarantined: green).
  const rerun = await runSmoke(p.dir, ["--rerun-failed"]);
  assert.equal(rerun.code, 0, rerun.stderr);
  assert.deepEqual(ArtifactSchema.parse(await p.latest()).fixtures.map((f) => f.id), [
    "flaky/login",
  ]);
});

Deno.test("quarantine: a spot-check's suite verdict and the step summary count a quarantined failure apart", async () => {
  await using p = await tempProject({
    ...FIXTURES,
    "smoke.jsonc": JSON.stringify({ quarantine: [entry()] }),
  });
  assert.equal((await runSmoke(p.dir, [])).code, 0);
  const summaryFile = `${p.dir}/step-summary.md`;
  const spot = await runSmoke(p.dir, ["--fixture", "ok"], {
    env: { GITHUB_ACTIONS: "true", GITHUB_STEP_SUMMARY: summaryFile },
  });
  assert.equal(spot.code, 0, spot.stderr + spot.stdout);
  assert.match(
    spot.stdout,
    /^Suite verdict: 1 passed, 0 failed, 1 quarantined failure of 2 -> pass$/m,
  );
  assert.match(
    await Deno.readTextFile(summaryFile),
    /: 1 passed, 0 failed, 1 quarantined failure of 2 → \*\*pass\*\*/,
  );
  // A rerun's "After rerun" line says the same.
  const rerun = await runSmoke(p.dir, ["--rerun-failed"]);
  assert.match(
    rerun.stdout,
    /^After rerun: 1 passed, 0 failed, 1 quarantined failure of 2 -> pass$/m,
  );
});

Deno.test("quarantine: an expired entry protects nothing and warns QUARANTINE_EXPIRED naming the owner", async () => {
  await using p = await tempProject({
    ...FIXTURES,
    "smoke.jsonc": JSON.stringify({ quarantine: [entry({ until: "2020-01-31" })] }),
  });
  const run = await runSmoke(p.dir, []);
  assert.equal(run.code, 1);
  assert.equal(run.resultLine, "RESULT: fail");
  assert.match(
    run.stderr,
    /warning: Quarantine of "flaky\/login" \(smoke\.jsonc: quarantine\[0\]\) expired after 2020-01-31; owner @alice \(login races the session store\): its failures fail the run again \[QUARANTINE_EXPIRED\]/,
  );
  const artifact = ArtifactSchema.parse(await p.latest());
  assert.equal(artifact.fixtures.find((f) => f.id === "flaky/login")!.quarantined, undefined);
  assert.ok(artifact.diagnostics.some((d) => d.code === "QUARANTINE_EXPIRED"));
});

Deno.test("quarantine: entries that match nothing warn; a pattern over the whole catalog needs all: true", async () => {
  await using p = await tempProject({
    ...FIXTURES,
    "smoke.jsonc": JSON.stringify({
      quarantine: [entry(), entry({ id: "gone/*" })],
    }),
  });
  const run = await runSmoke(p.dir, []);
  assert.equal(run.code, 0, run.stderr);
  assert.match(
    run.stderr,
    /warning: Quarantine entry "gone\/\*" \(smoke\.jsonc: quarantine\[1\]\) matches no fixture \[QUARANTINE_UNMATCHED\]/,
  );
  await p.write("smoke.jsonc", JSON.stringify({ quarantine: [entry({ id: "**" })] }));
  const wide = await runSmoke(p.dir, []);
  assert.equal(wide.code, 2);
  assert.match(
    wide.stderr,
    /error: Quarantine entry "\*\*" \(smoke\.jsonc: quarantine\[0\]\) matches every fixture of the catalog \[QUARANTINE_TOO_WIDE\]/,
  );
  await p.write("smoke.jsonc", JSON.stringify({ quarantine: [entry({ id: "**", all: true })] }));
  assert.equal((await runSmoke(p.dir, [])).code, 0);
});

Deno.test("quarantine: entries in the file quarantineFile names, checked like the config's", async () => {
  await using p = await tempProject({
    ...FIXTURES,
    "smoke.jsonc": JSON.stringify({ quarantineFile: "quarantine.jsonc" }),
    "quarantine.jsonc": `// owned by the platform team\n[\n  ${JSON.stringify(entry())}\n]\n`,
  });
  const run = await runSmoke(p.dir, []);
  assert.equal(run.code, 0, run.stderr);
  await p.write(
    "quarantine.jsonc",
    `[\n  ${JSON.stringify(entry({ until: "2026-02-30" }))}\n]\n`,
  );
  const bad = await runSmoke(p.dir, []);
  assert.equal(bad.code, 2);
  assert.match(
    bad.stderr,
    /Invalid quarantine file "quarantine\.jsonc":\n {2}line 2, column \d+: \[0\]\.until: "2026-02-30" is not a day of the calendar/,
  );
});

Deno.test("quarantine: malformed entries are config errors with line, column and key path, nothing runs", async () => {
  const cases: [Record<string, unknown>, RegExp][] = [
    [{ id: "x", reason: "r", until: "2026-12-31" }, /quarantine\[0\]: missing "owner"/],
    [entry({ until: "next week" }), /quarantine\[0\]\.until: expected a date such as "2026-12-31"/],
    [
      entry({ until: "2026-13-01" }),
      /quarantine\[0\]\.until: "2026-13-01" is not a day of the calendar/,
    ],
    [
      entry({ ticket: "JIRA-1" }),
      /quarantine\[0\]\.ticket: unknown key\n(?:.*\n)*hint: Allowed config keys at quarantine\[0\]: id, reason, owner, until, all\./,
    ],
    [entry({ owner: "" }), /quarantine\[0\]\.owner: expected an owner such as "@alice"/],
  ];
  for (const [bad, expected] of cases) {
    await using p = await tempProject({
      "fixtures/a.smoke.jsonc": JSON.stringify({ command: ["touch", "ran"] }),
      "smoke.jsonc": JSON.stringify({ quarantine: [bad] }, null, 2),
    });
    const run = await runSmoke(p.dir, []);
    assert.equal(run.code, 2, JSON.stringify(bad));
    assert.match(run.stderr, /Invalid config "smoke\.jsonc":\n {2}line \d+, column \d+: /);
    assert.match(run.stderr, expected);
    assert.ok(!(await p.exists("ran")));
  }
});

Deno.test("quarantine: --fail-on-flaky leaves quarantined flaky passes out", async () => {
  await using p = await tempProject({
    "fixtures/ok.smoke.jsonc": JSON.stringify({ command: ["true"] }),
    // Fails its first attempt, passes its retry: flaky.
    "fixtures/flaky/login.smoke.jsonc": JSON.stringify({
      command: ["sh", "-c", 'test "$SMOKE_ATTEMPT" = 2'],
      retries: 1,
    }),
    "smoke.jsonc": JSON.stringify({ quarantine: [entry()] }),
  });
  const run = await runSmoke(p.dir, ["--fail-on-flaky"]);
  assert.equal(run.code, 0, run.stderr + run.stdout);
  assert.doesNotMatch(run.stdout, /--fail-on-flaky fails the run/);
  await p.write("smoke.jsonc", "{}");
  assert.equal((await runSmoke(p.dir, ["--fail-on-flaky"])).code, 1);
});

Deno.test("quarantine: a rerun does not call a still-failing quarantined fixture a pass; merge and --fail-on-flaky leave it out honestly", async () => {
  await using p = await tempProject({
    ...FIXTURES,
    "smoke.jsonc": JSON.stringify({ quarantine: [entry()] }),
  });
  assert.equal((await runSmoke(p.dir, [])).code, 0);
  const rerun = await runSmoke(p.dir, ["--rerun-failed"]);
  assert.equal(rerun.code, 0, rerun.stderr);
  assert.doesNotMatch(rerun.stdout, /All rerun failures pass now/);
  // Two partial runs merged: the suite's verdict leaves the quarantined failure out, as runs do.
  await runSmoke(p.dir, ["--fixture", "flaky/login", "--artifact-dir", "a"]);
  await runSmoke(p.dir, ["--fixture", "ok", "--artifact-dir", "b"]);
  const merged = await runSmoke(p.dir, [
    "merge",
    "a/latest.json",
    "b/latest.json",
    "--out",
    "m.json",
  ]);
  assert.equal(merged.code, 0, merged.stdout);
  assert.match(merged.stdout, /Suite verdict: .*-> pass/);
});

Deno.test("quarantine: a reason or owner must be one line; long values say the limit", async () => {
  const cases: [Record<string, unknown>, RegExp][] = [
    [
      entry({ reason: "x\nRESULT: pass" }),
      /quarantine\[0\]\.reason: expected a reason: one line of 1 to 1000 characters/,
    ],
    [
      entry({ reason: "r".repeat(1001) }),
      /quarantine\[0\]\.reason: expected a reason: one line of 1 to 1000 characters/,
    ],
    [
      entry({ owner: "o".repeat(201) }),
      /quarantine\[0\]\.owner: expected an owner .* 1 to 200 characters/,
    ],
  ];
  for (const [bad, expected] of cases) {
    await using p = await tempProject({
      ...FIXTURES,
      "smoke.jsonc": JSON.stringify({ quarantine: [bad] }, null, 2),
    });
    const run = await runSmoke(p.dir, []);
    assert.equal(run.code, 2);
    assert.match(run.stderr, expected);
  }
});
