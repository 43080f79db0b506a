/**
 * Fixtures that need other fixtures (issue 15): setup order, honest
 * blocking, reruns and spot checks that bring their setup, shards that run
 * their own, teardown after success, failure and Ctrl-C, and the graph's
 * errors.
 */
import assert from "node:assert/strict";
import { join } from "node:path";
import { ArtifactSchema } from "../lib/artifact/artifact_schema.ts";
import { runSmoke, spawnSmoke, tempProject, waitFor } from "./_project.ts";

const cmd = (script: string, extra: Record<string, unknown> = {}) =>
  JSON.stringify({ command: ["sh", "-c", script], ...extra });

/** setup/db writes db.txt (unless `broken` exists); two API checks read it; a teardown cleans up. */
function suiteFiles(): Record<string, string> {
  return {
    "fixtures/setup/db.smoke.jsonc": cmd(
      "echo setup >> ran.log; test -f broken && exit 1; echo seeded > db.txt",
    ),
    "fixtures/api/orders.smoke.jsonc": cmd("echo orders >> ran.log; grep -q seeded db.txt", {
      needs: ["setup/db"],
    }),
    "fixtures/api/users.smoke.jsonc": cmd("echo users >> ran.log; grep -q seeded db.txt", {
      needs: ["setup/db"],
    }),
    "fixtures/teardown/db.smoke.jsonc": cmd("echo teardown >> ran.log; rm -f db.txt", {
      needs: ["setup/db"],
      teardown: true,
    }),
    "fixtures/other.smoke.jsonc": cmd("echo other >> ran.log"),
  };
}

async function ranLog(
  p: { read(path: string): Promise<string>; exists(path: string): Promise<boolean> },
) {
  if (!(await p.exists("ran.log"))) return [];
  return (await p.read("ran.log")).trim().split("\n");
}

Deno.test("needs: setup runs first and its file is there for the dependants; teardown runs last", async () => {
  await using p = await tempProject(suiteFiles());
  const run = await runSmoke(p.dir, ["--concurrency", "4"]);
  assert.equal(run.code, 0, run.stderr + run.stdout);
  const log = await ranLog(p);
  assert.ok(
    log.indexOf("setup") < log.indexOf("orders") && log.indexOf("setup") < log.indexOf("users"),
  );
  assert.equal(log.at(-1), "teardown", log.join(","));
  assert.ok(!(await p.exists("db.txt")), "the teardown cleaned up");
});

Deno.test("needs: a failed setup blocks its dependants (counted, owed, exit 1); fixed, --rerun-failed runs setup and dependants", async () => {
  await using p = await tempProject({ ...suiteFiles(), broken: "" });
  const run = await runSmoke(p.dir, []);
  assert.equal(run.code, 1);
  assert.equal(run.resultLine, "RESULT: fail");
  const log = await ranLog(p);
  assert.ok(!log.includes("orders") && !log.includes("users"), "dependants did not run");
  assert.ok(log.includes("teardown"), "the teardown ran after a failure too");
  const artifact = ArtifactSchema.parse(await p.latest());
  const byId = Object.fromEntries(artifact.fixtures.map((f) => [f.id, f]));
  for (const id of ["api/orders", "api/users"]) {
    assert.equal(byId[id].status, "failed");
    assert.equal(byId[id].failure?.kind, "blocked");
    assert.equal(byId[id].blockedBy, "setup/db");
    assert.equal(byId[id].attempts, 0);
  }
  assert.equal(artifact.summary.failed, 3);
  assert.deepEqual(
    artifact.suite?.outstanding.map((o) => o.id).sort(),
    ["api/orders", "api/users", "setup/db"],
  );

  await Deno.remove(`${p.dir}/broken`);
  await Deno.remove(`${p.dir}/ran.log`);
  const rerun = await runSmoke(p.dir, ["--rerun-failed"]);
  assert.equal(rerun.code, 0, rerun.stderr + rerun.stdout);
  assert.match(
    rerun.stdout,
    /Rerunning 3 outstanding fixtures .*, with 1 pulled in \(their needs and teardowns\)/,
  );
  assert.deepEqual((await ranLog(p)).sort(), ["orders", "setup", "teardown", "users"]);
});

Deno.test("needs: --rerun-failed brings the needs that passed last time", async () => {
  await using p = await tempProject(suiteFiles());
  await p.write(
    "fixtures/api/users.smoke.jsonc",
    cmd("echo users >> ran.log; test -f ok", { needs: ["setup/db"] }),
  );
  assert.equal((await runSmoke(p.dir, [])).code, 1);
  await p.write("ok", "");
  await Deno.remove(`${p.dir}/ran.log`);
  const rerun = await runSmoke(p.dir, ["--rerun-failed"]);
  assert.equal(rerun.code, 0, rerun.stderr + rerun.stdout);
  assert.deepEqual((await ranLog(p)).sort(), ["setup", "teardown", "users"]);
});

Deno.test("needs: --fixture on a dependant pulls in its setup and teardown (dry run and --list say so)", async () => {
  await using p = await tempProject(suiteFiles());
  const dry = await runSmoke(p.dir, ["--fixture", "api/orders", "--dry-run"]);
  assert.equal(dry.code, 0, dry.stderr);
  assert.match(dry.stdout, /^setup\/db {2}\(pulled in: needed by api\/orders\)$/m);
  assert.match(dry.stdout, /^teardown\/db {2}\(pulled in: teardown of setup\/db\)$/m);
  const list = await runSmoke(p.dir, ["--fixture", "api/orders", "--list"]);
  assert.deepEqual(list.stdout.trim().split("\n"), ["api/orders", "setup/db", "teardown/db"]);
  assert.match(list.stderr, /setup\/db: pulled in \(needed by api\/orders\)/);
  const run = await runSmoke(p.dir, ["--fixture", "api/orders"]);
  assert.equal(run.code, 0, run.stderr + run.stdout);
  assert.deepEqual(await ranLog(p), ["setup", "orders", "teardown"]);
});

Deno.test("needs: a fixture its manifest skips pulls in nothing: --fixture on it runs no setup and no teardown", async () => {
  await using p = await tempProject({
    ...suiteFiles(),
    "fixtures/api/orders.smoke.jsonc": cmd("echo orders >> ran.log", {
      needs: ["setup/db"],
      skip: "waiting for the staging DB",
    }),
    "fixtures/api/report.smoke.jsonc": cmd("echo report >> ran.log", {
      needs: ["api/orders", "other"],
    }),
  });
  const dry = await runSmoke(p.dir, ["--fixture", "api/orders", "--dry-run"]);
  assert.doesNotMatch(dry.stdout, /pulled in/);
  const list = await runSmoke(p.dir, ["--fixture", "api/orders", "--list"]);
  assert.deepEqual(list.stdout.trim().split("\n"), ["api/orders"]);
  // Nothing ran (as for any selection its manifests skip whole): the setup did not either.
  const run = await runSmoke(p.dir, ["--fixture", "api/orders"]);
  assert.equal(run.code, 1, run.stderr + run.stdout);
  assert.match(run.stdout, /^Nothing ran: every selected fixture was skipped/m);
  assert.deepEqual(await ranLog(p), []);
  // Skipped through that need, a fixture brings it (the run says why), not its other needs; the
  // dry run says so and counts it skipped.
  const reportDry = await runSmoke(p.dir, ["--fixture", "api/report", "--dry-run"]);
  assert.match(
    reportDry.stdout,
    /^api\/report {2}\(skip: needs "api\/orders", which is skipped\)$/m,
  );
  assert.match(reportDry.stdout, /^Dry run: 0 fixtures would run \(2 skipped\)/m);
  // Excluding the skipped need keeps it, skipped: the warning says so, not that it runs.
  const excluded = await runSmoke(p.dir, ["--fixture", "api/report", "--exclude", "api/orders"]);
  assert.match(
    excluded.stderr,
    /"api\/orders" is excluded, but it stays in the run, skipped \(waiting for the staging DB\): needed by api\/report/,
  );
  const report = await runSmoke(p.dir, ["--fixture", "api/report"]);
  assert.equal(report.code, 1, report.stderr + report.stdout);
  assert.match(report.stdout, /^SKIP {2}api\/report {2}needs "api\/orders", which is skipped$/m);
  assert.deepEqual(await ranLog(p), []);
  // The other dependant, which runs, still brings the setup and its teardown.
  const users = await runSmoke(p.dir, ["--fixture", "api/users"]);
  assert.equal(users.code, 0, users.stderr + users.stdout);
  assert.deepEqual(await ranLog(p), ["setup", "users", "teardown"]);
});

Deno.test("needs: every shard that holds a dependant runs its setup", async () => {
  const files: Record<string, string> = {
    "fixtures/setup/db.smoke.jsonc": cmd("true"),
  };
  for (let i = 0; i < 8; i++) {
    files[`fixtures/api/check${i}.smoke.jsonc`] = cmd("true", { needs: ["setup/db"] });
  }
  await using p = await tempProject(files);
  const checks: string[] = [];
  for (const index of [1, 2, 3]) {
    const list = await runSmoke(p.dir, ["--list", "--shard", `${index}/3`]);
    assert.equal(list.code, 0, list.stderr);
    const ids = list.stdout.trim().split("\n").filter(Boolean);
    checks.push(...ids.filter((id) => id.startsWith("api/")));
    if (ids.some((id) => id.startsWith("api/"))) {
      assert.ok(ids.includes("setup/db"), `shard ${index}: ${ids.join(", ")}`);
    }
  }
  assert.equal(checks.length, 8, "the shards hold every check once");
});

Deno.test("needs: Ctrl-C mid-run still runs the teardown of a setup that ran", async () => {
  await using p = await tempProject({
    "fixtures/setup/db.smoke.jsonc": cmd("echo setup >> ran.log"),
    "fixtures/api/slow.smoke.jsonc": cmd("touch slow.started; sleep 30", { needs: ["setup/db"] }),
    "fixtures/teardown/db.smoke.jsonc": cmd("echo teardown >> ran.log", {
      needs: ["setup/db"],
      teardown: true,
    }),
  });
  const child = spawnSmoke(p.dir, []);
  await waitFor(() => p.exists("slow.started"));
  child.kill("SIGINT");
  const out = await child.output();
  assert.equal(out.code, 130);
  assert.deepEqual(await ranLog(p), ["setup", "teardown"]);
  const artifact = ArtifactSchema.parse(await p.latest());
  const byId = Object.fromEntries(artifact.fixtures.map((f) => [f.id, f]));
  assert.equal(byId["api/slow"].failure?.kind, "interrupted");
  assert.equal(byId["teardown/db"].status, "passed");
});

Deno.test("needs: a need Ctrl-C stopped is said to be interrupted, not failed, wherever its dependants are listed", async () => {
  await using p = await tempProject({
    "fixtures/setup/db.smoke.jsonc": cmd("touch setup.started; sleep 30"),
    "fixtures/api/orders.smoke.jsonc": cmd("true", { needs: ["setup/db"] }),
  });
  const child = spawnSmoke(p.dir, []);
  await waitFor(() => p.exists("setup.started"));
  child.kill("SIGINT");
  const out = await child.output();
  assert.equal(out.code, 130);
  const artifact = ArtifactSchema.parse(await p.latest());
  const orders = artifact.fixtures.find((f) => f.id === "api/orders")!;
  assert.equal(orders.failure?.kind, "blocked");
  assert.equal(
    orders.failure?.message,
    'Blocked by setup/db: it needs "setup/db", which was interrupted',
  );
  assert.match(
    new TextDecoder().decode(out.stdout),
    /Blocked by setup\/db \(interrupted\): api\/orders/,
  );
});

Deno.test("needs: a cycle, an unknown id, a glob and a needed teardown are catalog errors (exit 2, file named)", async () => {
  const cases: [Record<string, string>, RegExp][] = [
    [
      {
        "fixtures/a.smoke.jsonc": cmd("true", { needs: ["b"] }),
        "fixtures/b.smoke.jsonc": cmd("true", { needs: ["a"] }),
      },
      /Invalid manifest "fixtures\/a\.smoke\.jsonc": its needs form a cycle: a -> b -> a/,
    ],
    [
      {
        "fixtures/a.smoke.jsonc": cmd("true", { needs: ["setup/dbb"] }),
        "fixtures/setup/db.smoke.jsonc": cmd("true"),
      },
      /Invalid manifest "fixtures\/a\.smoke\.jsonc": needs "setup\/dbb", which is not a fixture \(did you mean "setup\/db"\?\)/,
    ],
    [
      { "fixtures/a.smoke.jsonc": cmd("true", { needs: ["setup/*"] }) },
      /needs\[0\]: expected a fixture id such as "setup\/db" \(needs takes ids, not patterns\)/,
    ],
    [
      { "fixtures/a.smoke.jsonc": cmd("true", { needs: ["a"] }) },
      /Invalid manifest "fixtures\/a\.smoke\.jsonc": needs itself/,
    ],
    [
      {
        "fixtures/a.smoke.jsonc": cmd("true", { needs: ["clean"] }),
        "fixtures/clean.smoke.jsonc": cmd("true", { teardown: true }),
      },
      /needs "clean", a teardown/,
    ],
  ];
  for (const [files, expected] of cases) {
    await using p = await tempProject(files);
    const run = await runSmoke(p.dir, []);
    assert.equal(run.code, 2, run.stderr);
    assert.match(run.stderr, expected);
  }
});

Deno.test("needs: merging shards keeps a need's failure from either shard", async () => {
  const files: Record<string, string> = {
    "fixtures/setup/db.smoke.jsonc": cmd('test "$SHARD_FAILS" != "$SHARD" '),
  };
  for (let i = 0; i < 6; i++) {
    files[`fixtures/api/check${i}.smoke.jsonc`] = cmd("true", { needs: ["setup/db"] });
  }
  await using p = await tempProject(files);
  for (const failing of ["1", "2"]) {
    for (const shard of ["1", "2"]) {
      await runSmoke(p.dir, ["--shard", `${shard}/2`, "--artifact-dir", `s${shard}`], {
        env: { SHARD: shard, SHARD_FAILS: failing },
      });
    }
    for (const order of [["s1", "s2"], ["s2", "s1"]]) {
      const merged = await runSmoke(p.dir, [
        "merge",
        ...order.map((d) => `${d}/latest.json`),
        "--out",
        "merged.json",
      ]);
      assert.equal(
        merged.code,
        1,
        `shard ${failing} failed setup; merged ${order}: ${merged.stdout}`,
      );
      const artifact = ArtifactSchema.parse(JSON.parse(await p.read("merged.json")));
      assert.equal(artifact.fixtures.find((f) => f.id === "setup/db")?.status, "failed");
      // The merged summary counts the blocked dependants apart from the failure, as a run does.
      const blocked = artifact.fixtures.filter((f) => f.failure?.kind === "blocked").length;
      assert.ok(blocked > 0);
      assert.match(merged.stdout, new RegExp(`\\b1 failed\\b.*\\b${blocked} blocked\\b`));
      // So does the line of the shard where setup failed.
      assert.match(
        merged.stdout,
        /^ {2}\S+ {2}run \S+ {2}\d+ fixtures \(0 passed, 1 failed, \d+ blocked\)$/m,
      );
    }
  }
});

Deno.test("needs: teardowns undo setups in reverse: the cleanup of what needs a setup runs before the setup's own cleanup", async () => {
  await using p = await tempProject({
    "fixtures/setup/db.smoke.jsonc": cmd("mkdir -p db"),
    "fixtures/setup/seed.smoke.jsonc": cmd("touch db/seed", { needs: ["setup/db"] }),
    "fixtures/api/orders.smoke.jsonc": cmd("test -f db/seed", { needs: ["setup/seed"] }),
    // Listed first and quick: it would run at once beside the slow seed cleanup.
    "fixtures/teardown/a_db.smoke.jsonc": cmd("echo drop >> ran.log; rm -rf db", {
      needs: ["setup/db"],
      teardown: true,
    }),
    "fixtures/teardown/seed.smoke.jsonc": cmd(
      "sleep 0.3; test -d db || { echo db gone; exit 1; }; rm db/seed; echo unseed >> ran.log",
      { needs: ["setup/seed"], teardown: true },
    ),
  });
  const run = await runSmoke(p.dir, ["--concurrency", "4"]);
  assert.equal(run.code, 0, run.stdout);
  assert.deepEqual(await ranLog(p), ["unseed", "drop"]);
  const dry = await runSmoke(p.dir, ["--dry-run", "--fixture", "teardown/a_db"]);
  assert.match(
    dry.stdout,
    /^ {2}teardown: runs after what needs its needs, and after their teardowns$/m,
  );
  // The same after a stop, when the teardowns run one at a time.
  await p.write(
    "fixtures/api/orders.smoke.jsonc",
    cmd("touch orders.started; sleep 30", {
      needs: ["setup/seed"],
    }),
  );
  const child = spawnSmoke(p.dir, []);
  await waitFor(() => p.exists("orders.started"));
  child.kill("SIGINT");
  assert.equal((await child.output()).code, 130);
  assert.deepEqual(await ranLog(p), ["unseed", "drop", "unseed", "drop"]);
});

Deno.test("needs: a teardown without needs runs after every other fixture, teardowns included", async () => {
  await using p = await tempProject({
    "fixtures/setup.smoke.jsonc": cmd("true"),
    "fixtures/dep.smoke.jsonc": cmd("true", { needs: ["setup"] }),
    "fixtures/td_setup.smoke.jsonc": cmd("sleep 1; touch td_setup.done", {
      needs: ["setup"],
      teardown: true,
    }),
    "fixtures/td_all.smoke.jsonc": cmd("test -f td_setup.done", { teardown: true }),
  });
  const run = await runSmoke(p.dir, ["--concurrency", "4", "--order", "id"]);
  assert.equal(run.code, 0, run.stdout);
});

Deno.test("needs: a teardown without needs chosen alone runs: --fixture, and the rerun of its failure, which stays owed until it passes", async () => {
  await using p = await tempProject({
    "fixtures/api.smoke.jsonc": cmd("echo api >> ran.log"),
    "fixtures/teardown/clean.smoke.jsonc": cmd("echo clean >> ran.log; test -f ok", {
      teardown: true,
    }),
    "fixtures/off.smoke.jsonc": cmd("echo off >> ran.log", { skip: "retired" }),
  });
  const full = await runSmoke(p.dir, []);
  assert.equal(full.code, 1, full.stdout);
  assert.deepEqual(await ranLog(p), ["api", "clean"]);
  // Still failing: the rerun runs it (it was skipped as "teardown: nothing ran", and the rerun
  // counted that skip as its recovery).
  const still = await runSmoke(p.dir, ["--rerun-failed"]);
  assert.equal(still.code, 1, still.stdout);
  assert.deepEqual(await ranLog(p), ["api", "clean", "clean"]);
  assert.match(still.stdout, /^Suite: 1 still failing since run \S+: teardown\/clean$/m);
  await p.write("ok", "");
  const fixed = await runSmoke(p.dir, ["--rerun-failed"]);
  assert.equal(fixed.code, 0, fixed.stdout);
  assert.match(fixed.stdout, /^Suite: nothing outstanding since run \S+$/m);
  const spot = await runSmoke(p.dir, ["--fixture", "teardown/clean"]);
  assert.equal(spot.code, 0, spot.stdout);
  assert.deepEqual(await ranLog(p), ["api", "clean", "clean", "clean", "clean"]);
  // Chosen with a fixture skipped in its manifest, it runs too: a skip does not hold it back (it
  // was skipped, "teardown: nothing ran", and that skip cleared its failure).
  await Deno.remove(join(p.dir, "ok"));
  const withSkipped = await runSmoke(p.dir, ["--fixture", "off", "--fixture", "teardown/clean"]);
  assert.equal(withSkipped.code, 1, withSkipped.stdout);
  assert.match(withSkipped.stdout, /^Suite: 1 still failing since run \S+: teardown\/clean$/m);
  assert.deepEqual(await ranLog(p), ["api", "clean", "clean", "clean", "clean", "clean"]);
  // --dry-run says when it runs.
  const dry = await runSmoke(p.dir, ["--dry-run", "--fixture", "teardown/clean"]);
  assert.match(dry.stdout, /^ {2}teardown: runs after every other fixture$/m);
});

Deno.test("needs: a teardown without needs runs in a run whose other fixtures are all skipped, sharded or not", async () => {
  await using p = await tempProject({
    "fixtures/old.smoke.jsonc": cmd("echo old >> ran.log", { skip: "retired" }),
    "fixtures/teardown/t1.smoke.jsonc": cmd("echo t1 >> ran.log", { teardown: true }),
    "fixtures/teardown/t2.smoke.jsonc": cmd("echo t2 >> ran.log", { teardown: true }),
  });
  const run = await runSmoke(p.dir, []);
  assert.equal(run.code, 0, run.stdout);
  assert.deepEqual((await ranLog(p)).sort(), ["t1", "t2"]);
  // Every shard agrees with the run above: the teardowns run wherever they land.
  for (const index of [1, 2]) {
    const shard = await runSmoke(p.dir, ["--shard", `${index}/2`, "--artifact-dir", `s${index}`]);
    assert.ok(shard.code === 0, shard.stdout + shard.stderr);
  }
  assert.deepEqual((await ranLog(p)).sort(), ["t1", "t1", "t2", "t2"]);
});

Deno.test("needs: a skipped need skips its dependants and its teardown (a choice, not a failure)", async () => {
  await using p = await tempProject({
    ...suiteFiles(),
    "fixtures/setup/db.smoke.jsonc": cmd("echo setup >> ran.log", { skip: "no database here" }),
  });
  const run = await runSmoke(p.dir, []);
  assert.equal(run.code, 0, run.stdout + run.stderr);
  assert.deepEqual(await ranLog(p), ["other"]);
  const artifact = ArtifactSchema.parse(await p.latest());
  const byId = Object.fromEntries(artifact.fixtures.map((f) => [f.id, f]));
  assert.equal(byId["api/orders"].status, "skipped");
  assert.equal(byId["api/orders"].skipReason, 'needs "setup/db", which is skipped');
  assert.equal(byId["teardown/db"].skipReason, "teardown: none of its needs ran");
});

Deno.test("needs: a teardown whose needs a failure kept from running is blocked, not skipped: its owed failure stays owed", async () => {
  await using p = await tempProject({
    "fixtures/setup/base.smoke.jsonc": cmd("echo base >> ran.log; test ! -f broken"),
    "fixtures/setup/db.smoke.jsonc": cmd("echo db >> ran.log", { needs: ["setup/base"] }),
    "fixtures/teardown/db.smoke.jsonc": cmd("echo teardown >> ran.log; test ! -f leak", {
      needs: ["setup/db"],
      teardown: true,
    }),
    leak: "",
  });
  const outstanding = async () =>
    ArtifactSchema.parse(await p.latest()).suite?.outstanding.map((o) => o.id).sort();
  // The teardown fails: it is all the suite owes.
  assert.equal((await runSmoke(p.dir, [])).code, 1);
  assert.deepEqual(await outstanding(), ["teardown/db"]);
  // Its rerun brings its needs; the first fails, so the teardown cleans up nothing. It did not
  // pass, so it stays owed (it was skipped, and the skip cleared its failure).
  await p.write("broken", "");
  const blocked = await runSmoke(p.dir, ["--rerun-failed"]);
  assert.equal(blocked.code, 1, blocked.stdout);
  assert.deepEqual(await ranLog(p), ["base", "db", "teardown", "base"]);
  const byId = Object.fromEntries(
    ArtifactSchema.parse(await p.latest()).fixtures.map((f) => [f.id, f]),
  );
  assert.equal(byId["teardown/db"].failure?.kind, "blocked");
  assert.equal(byId["teardown/db"].blockedBy, "setup/db");
  assert.match(blocked.stdout, /^BLOCK +teardown\/db +blocked by setup\/db/m);
  assert.deepEqual(await outstanding(), ["setup/base", "setup/db", "teardown/db"]);
  // The setup fixed, the teardown runs and still fails; fixed too, nothing is owed.
  await Deno.remove(join(p.dir, "broken"));
  assert.equal((await runSmoke(p.dir, ["--rerun-failed"])).code, 1);
  assert.deepEqual(await outstanding(), ["teardown/db"]);
  await Deno.remove(join(p.dir, "leak"));
  const fixed = await runSmoke(p.dir, ["--rerun-failed"]);
  assert.equal(fixed.code, 0, fixed.stdout);
  assert.deepEqual(await outstanding(), []);
});

Deno.test("needs: what its manifests skip stays skipped whatever the needs did (a failure, --max-failures, Ctrl-C), with the same reason: it is never owed", async () => {
  await using p = await tempProject({
    "fixtures/setup/base.smoke.jsonc": cmd("echo base >> ran.log; test ! -f broken"),
    "fixtures/setup/db.smoke.jsonc": cmd("echo db >> ran.log", { needs: ["setup/base"] }),
    "fixtures/api/orders.smoke.jsonc": cmd("true", { needs: ["setup/db"] }),
    "fixtures/api/legacy.smoke.jsonc": cmd("true", { needs: ["setup/db"], skip: "retired" }),
    "fixtures/teardown/legacy.smoke.jsonc": cmd("true", {
      needs: ["setup/db"],
      teardown: true,
      skip: "retired",
    }),
    "fixtures/teardown/base.smoke.jsonc": cmd("true", {
      needs: ["setup/base"],
      teardown: true,
      skip: "retired too",
    }),
    "fixtures/setup/off.smoke.jsonc": cmd("true", { skip: "off" }),
    "fixtures/api/dep.smoke.jsonc": cmd("true", { needs: ["setup/off"] }),
    "fixtures/api/own.smoke.jsonc": cmd("true", { needs: ["setup/off"], skip: "my own reason" }),
    "fixtures/teardown/off.smoke.jsonc": cmd("true", { needs: ["setup/off"], teardown: true }),
    broken: "",
  });
  const skips = {
    "api/legacy": "retired",
    "teardown/legacy": "retired",
    "teardown/base": "retired too",
    "setup/off": "off",
    "api/dep": 'needs "setup/off", which is skipped',
    "api/own": "my own reason",
    "teardown/off": "teardown: none of its needs ran",
  };
  const check = async (what: string, owed: string[]) => {
    const artifact = ArtifactSchema.parse(await p.latest());
    const byId = Object.fromEntries(artifact.fixtures.map((f) => [f.id, f]));
    for (const [id, reason] of Object.entries(skips)) {
      assert.equal(byId[id].status, "skipped", `${what}: ${id}`);
      assert.equal(byId[id].skipReason, reason, `${what}: ${id}`);
    }
    assert.deepEqual(artifact.suite?.outstanding.map((o) => o.id).sort(), owed, what);
  };
  assert.equal((await runSmoke(p.dir, [])).code, 1);
  await check("full run", ["api/orders", "setup/base", "setup/db"]);
  // The failure limit stops the run at setup/base: what it kept from starting is owed, what
  // the manifests skip is not.
  const limited = await runSmoke(p.dir, [
    "--max-failures",
    "1",
    "--concurrency",
    "1",
    "--order",
    "id",
  ]);
  assert.equal(limited.code, 1, limited.stdout);
  assert.deepEqual(await ranLog(p), ["base", "base"]);
  await check("--max-failures", ["api/orders", "setup/base", "setup/db"]);
  // Ctrl-C while the need runs: the same.
  await p.write("fixtures/setup/base.smoke.jsonc", cmd("touch base.started; sleep 30"));
  const child = spawnSmoke(p.dir, ["--concurrency", "1", "--order", "id"]);
  await waitFor(() => p.exists("base.started"));
  child.kill("SIGINT");
  const stopped = await child.output();
  assert.equal(stopped.code, 130);
  await check("Ctrl-C", ["api/orders", "setup/base", "setup/db"]);
  // A teardown its manifest skips has nothing to run: the cleanup does not name it.
  const said = new TextDecoder().decode(stopped.stdout) + new TextDecoder().decode(stopped.stderr);
  assert.doesNotMatch(said, /running the teardowns/);
});

Deno.test("needs: after --max-failures, the dependants of a failed need are blocked, not merely not run, in turn too", async () => {
  await using p = await tempProject({
    ...suiteFiles(),
    // A chain: blocked by a fixture that is blocked itself; a teardown none of whose needs ran.
    "fixtures/api/report.smoke.jsonc": cmd("true", { needs: ["api/orders"] }),
    "fixtures/teardown/orders.smoke.jsonc": cmd("true", { needs: ["api/orders"], teardown: true }),
    // A teardown of a blocked need and of a skipped one the run has not reached at the stop.
    "fixtures/zz/off.smoke.jsonc": cmd("true", { skip: "off" }),
    "fixtures/zz/teardown.smoke.jsonc": cmd("true", {
      needs: ["api/orders", "zz/off"],
      teardown: true,
    }),
    broken: "",
  });
  const run = await runSmoke(p.dir, ["--max-failures", "1", "--concurrency", "1", "--order", "id"]);
  assert.equal(run.code, 1);
  // The console says so, as in a run that was not stopped.
  for (const id of ["api/orders", "api/report", "teardown/orders", "zz/teardown"]) {
    assert.match(run.stdout, new RegExp(`^BLOCK +${id} +blocked by `, "m"), id);
  }
  assert.match(run.stdout, /^SKIP +zz\/off/m);
  const artifact = ArtifactSchema.parse(await p.latest());
  const byId = Object.fromEntries(artifact.fixtures.map((f) => [f.id, f]));
  for (const [id, by] of [["api/orders", "setup/db"], ["api/report", "api/orders"]]) {
    assert.equal(byId[id].failure?.kind, "blocked", id);
    assert.equal(byId[id].blockedBy, by, id);
  }
  assert.equal(
    byId["teardown/orders"].failure?.message,
    'Blocked by api/orders: it needs "api/orders", which was blocked itself',
  );
  // As a run that was not stopped records them.
  const full = await runSmoke(p.dir, []);
  assert.equal(full.code, 1);
  const unstopped = ArtifactSchema.parse(await p.latest());
  assert.equal(byId["zz/teardown"].failure?.kind, "blocked");
  for (const id of ["api/orders", "api/report", "teardown/orders", "zz/teardown"]) {
    const result = unstopped.fixtures.find((f) => f.id === id);
    assert.equal(result?.failure?.message, byId[id].failure?.message, id);
  }
});

Deno.test("needs: --exclude of a needed fixture warns that it runs anyway", async () => {
  await using p = await tempProject(suiteFiles());
  const run = await runSmoke(p.dir, ["--fixture", "api/orders", "--exclude", "setup/db"]);
  assert.equal(run.code, 0, run.stderr);
  assert.match(
    run.stderr,
    /warning: "setup\/db" is excluded, but it runs: needed by api\/orders \[NEED_EXCLUDED\]/,
  );
});

Deno.test("needs: a flaky setup that passes on its retry lets its dependants run", async () => {
  await using p = await tempProject({
    ...suiteFiles(),
    "fixtures/setup/db.smoke.jsonc": cmd(
      'echo setup >> ran.log; test "$SMOKE_ATTEMPT" = 2 && echo seeded > db.txt',
      { retries: 1 },
    ),
  });
  const run = await runSmoke(p.dir, []);
  assert.equal(run.code, 0, run.stdout + run.stderr);
  const artifact = ArtifactSchema.parse(await p.latest());
  const byId = Object.fromEntries(artifact.fixtures.map((f) => [f.id, f]));
  assert.equal(byId["setup/db"].flaky, true);
  assert.equal(byId["api/orders"].status, "passed");
  assert.equal(byId["api/users"].status, "passed");
});
