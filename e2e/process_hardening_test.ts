/**
 * End-to-end tests of the process hardening: inputs a process cannot receive
 * are refused before anything runs, a spawn that fails mid-run is that
 * fixture's failure (never a crash), the descriptor limit caps concurrency,
 * and processes that escaped their fixture's group are stopped and reported.
 */
import assert from "node:assert/strict";
import { ArtifactSchema } from "../lib/artifact/artifact_schema.ts";
import { isAlive, runSmoke, SMOKE_ENTRY, spawnSmoke, tempProject, waitFor } from "./_project.ts";

const sh = (script: string, extra: Record<string, unknown> = {}) =>
  JSON.stringify({ command: ["sh", "-c", script], ...extra });

Deno.test("a NUL or an unusable env name in any input that reaches a process is a config error (exit 2)", async () => {
  const nul = "a\0b";
  const cases: Array<[Record<string, string>, RegExp]> = [
    [
      { "fixtures/a.smoke.jsonc": JSON.stringify({ command: ["true"], env: { X: nul } }) },
      /Invalid manifest "fixtures\/a\.smoke\.jsonc":\n {2}line 1, column \d+: env\.X: .*NUL/,
    ],
    [
      { "fixtures/a.smoke.jsonc": JSON.stringify({ command: ["tr", nul] }) },
      /line 1, column \d+: command\[1\]: .*NUL/,
    ],
    [
      { "fixtures/a.smoke.jsonc": JSON.stringify({ command: ["true"], args: ["x", nul] }) },
      /line 1, column \d+: args\[1\]: .*NUL/,
    ],
    [
      { "fixtures/a.smoke.jsonc": JSON.stringify({ command: ["true"], cwd: nul }) },
      /line 1, column \d+: cwd: .*NUL/,
    ],
    [
      { "fixtures/a.smoke.jsonc": JSON.stringify({ script: `x${nul}.ts` }) },
      /line 1, column \d+: script: .*NUL/,
    ],
    [
      {
        "fixtures/a.smoke.ts": "",
        "fixtures/a.smoke.jsonc": JSON.stringify({ permissions: [`--allow-read=${nul}`] }),
      },
      /line 1, column \d+: permissions\[0\]: /,
    ],
    [
      { "fixtures/a.smoke.jsonc": JSON.stringify({ command: ["true"], env: { "A=B": "x" } }) },
      /line 1, column \d+: env\.A=B: /,
    ],
    [
      { "fixtures/a.smoke.jsonc": JSON.stringify({ command: ["true"], env: { "": "x" } }) },
      /line 1, column \d+: env\.: /,
    ],
    [
      {
        "fixtures/a.smoke.ts": "",
        "smoke.jsonc": JSON.stringify({ env: { X: nul } }, null, 2),
      },
      /Invalid config "smoke\.jsonc":\n {2}line 3, column \d+: env\.X: .*NUL/,
    ],
    [
      {
        "fixtures/a.smoke.ts": "",
        "smoke.jsonc": JSON.stringify({ permissions: [`--allow-env=${nul}`] }, null, 2),
      },
      /Invalid config "smoke\.jsonc":\n {2}line 3, column \d+: permissions\[0\]: /,
    ],
    [
      { "fixtures/a.smoke.ts": "", "smoke.jsonc": JSON.stringify({ fixturesDir: nul }) },
      /Invalid config "smoke\.jsonc":\n {2}line 1, column \d+: fixturesDir: .*NUL/,
    ],
  ];
  for (const [files, error] of cases) {
    await using p = await tempProject({ "fixtures/ok.smoke.jsonc": sh("true"), ...files });
    const run = await runSmoke(p.dir, []);
    const where = `${JSON.stringify(files)}: ${run.stdout}${run.stderr}`;
    assert.equal(run.code, 2, where);
    assert.equal(run.resultLine, "RESULT: fail", where);
    assert.match(run.stderr, error, where);
    assert.match(run.stderr, /^hint: /m, where);
    assert.equal(await p.exists(".planning"), false, `nothing ran: ${where}`);
  }
});

Deno.test("an expect string over the limit is a manifest error naming the key path and the limit", async () => {
  await using p = await tempProject({
    "fixtures/a.smoke.jsonc": JSON.stringify({
      command: ["true"],
      expect: { stdoutIncludes: ["ok", "x".repeat(4097)] },
    }),
  });
  const run = await runSmoke(p.dir, []);
  assert.equal(run.code, 2, run.stdout + run.stderr);
  assert.match(run.stderr, /line 1, column \d+: expect\.stdoutIncludes\[1\]: .*at most 4096/);
  assert.equal(run.resultLine, "RESULT: fail");
});

Deno.test("a fixture the system refuses to start is a spawn failure; the others' results and the artifact are kept", async () => {
  await using p = await tempProject({
    "fixtures/a_first.smoke.jsonc": sh("echo first"),
    // One argument over Linux's 128 KiB limit: execve fails with E2BIG.
    "fixtures/b_huge.smoke.jsonc": JSON.stringify({
      command: ["echo"],
      args: ["x".repeat(200_000)],
    }),
    "fixtures/c_last.smoke.jsonc": sh("echo last"),
  });
  const run = await runSmoke(p.dir, ["--concurrency", "1"]);
  assert.equal(run.code, 1, run.stdout + run.stderr);
  assert.equal(run.resultLine, "RESULT: fail");
  assert.doesNotMatch(run.stderr, /crashed/);
  const artifact = ArtifactSchema.parse(await p.latest());
  const byId = Object.fromEntries(artifact.fixtures.map((f) => [f.id, f]));
  assert.equal(byId.a_first.status, "passed");
  assert.equal(byId.c_last.status, "passed");
  assert.equal(byId.b_huge.status, "failed");
  assert.equal(byId.b_huge.failure?.kind, "spawn");
  assert.match(byId.b_huge.failure?.message ?? "", /Cannot start "echo": .*Argument list too long/);
});

Deno.test({
  name:
    "--concurrency 800 under ulimit -n 128 is capped with a warning; the run passes and writes its artifact",
  ignore: Deno.build.os !== "linux", // the limit is read from /proc
}, async () => {
  const files: Record<string, string> = {};
  for (let i = 0; i < 40; i++) {
    files[`fixtures/s${String(i).padStart(2, "0")}.smoke.jsonc`] = sh("sleep 0.3");
  }
  await using p = await tempProject(files);
  const env = Deno.env.toObject();
  delete env.GITHUB_ACTIONS;
  delete env.CI;
  const out = await new Deno.Command("sh", {
    args: [
      "-c",
      'ulimit -n 128 && exec "$0" run -A "$1" --concurrency 800',
      Deno.execPath(),
      SMOKE_ENTRY,
    ],
    cwd: p.dir,
    env: { ...env, NO_COLOR: "1" },
    clearEnv: true,
    stdin: "null",
  }).output();
  const stdout = new TextDecoder().decode(out.stdout);
  const stderr = new TextDecoder().decode(out.stderr);
  assert.equal(out.code, 0, stdout + stderr);
  assert.match(
    stderr,
    /^warning: Concurrency 800 lowered to \d+: the limit of open files is 128 .*\[CONCURRENCY_CAPPED\]$/m,
  );
  assert.match(stderr, /^hint: .*ulimit -n/m);
  const artifact = ArtifactSchema.parse(await p.latest());
  assert.equal(artifact.summary.passed, 40);
  assert.ok(artifact.diagnostics.some((d) => d.code === "CONCURRENCY_CAPPED"));
});

const bashSh = (script: string, extra: Record<string, unknown> = {}) =>
  JSON.stringify({ command: ["bash", "-c", script], ...extra });

/** Waits until a file holds a pid, and returns it. */
async function pidIn(p: { read(path: string): Promise<string> }, path: string): Promise<number> {
  const pid = Number((await p.read(path)).trim());
  assert.ok(Number.isInteger(pid) && pid > 1, `${path}: ${pid}`);
  return pid;
}

function killQuietly(pid: number): void {
  try {
    Deno.kill(pid, "SIGKILL");
  } catch (error) {
    if (!(error instanceof Deno.errors.NotFound)) throw error;
  }
}

async function hasPython311(): Promise<boolean> {
  try {
    const out = await new Deno.Command("python3", {
      args: ["-c", "import sys; sys.exit(0 if sys.version_info >= (3, 11) else 1)"],
      stdout: "null",
      stderr: "null",
    }).output();
    return out.success;
  } catch (error) {
    if (error instanceof Deno.errors.NotFound) return false;
    throw error;
  }
}

Deno.test({
  name:
    "processes that left their fixture's group or session are stopped after the run and reported as LEFTOVER_PROCESS",
  ignore: Deno.build.os !== "linux", // processes are found through /proc
}, async () => {
  const python = await hasPython311();
  await using p = await tempProject({
    // Job control: the background job leads a process group of its own.
    "fixtures/jobs.smoke.jsonc": bashSh(
      "set -m; sleep 300 >/dev/null 2>&1 & echo $! > jobs.pid; echo started",
    ),
    // A Deno script's detached child: a session of its own.
    "fixtures/daemon.smoke.ts": `
      const child = new Deno.Command("sleep", { args: ["300"], detached: true, stdout: "null", stderr: "null" }).spawn();
      Deno.writeTextFileSync("daemon.pid", String(child.pid));
      child.unref();
    `,
    "fixtures/daemon.smoke.jsonc": JSON.stringify({
      permissions: ["--allow-run", "--allow-write"],
    }),
    ...(python
      ? {
        "fixtures/py.smoke.jsonc": JSON.stringify({
          command: [
            "python3",
            "-c",
            "import subprocess; p = subprocess.Popen(['sleep', '300'], process_group=0, " +
            "stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL); open('py.pid', 'w').write(str(p.pid))",
          ],
        }),
      }
      : {}),
    "fixtures/tidy.smoke.jsonc": sh("true"),
  });
  const run = await runSmoke(p.dir, []);
  const names = ["jobs.pid", "daemon.pid", ...(python ? ["py.pid"] : [])];
  const pids = await Promise.all(names.map((name) => pidIn(p, name).catch(() => 0)));
  try {
    assert.equal(run.code, 0, run.stdout + run.stderr);
    assert.equal(run.resultLine, "RESULT: pass");
    for (const [i, pid] of pids.entries()) {
      assert.ok(pid > 1, `${names[i]} was not written`);
      assert.equal(await isAlive(pid), false, `${names[i]}: ${pid} outlived the run`);
    }
    const warning =
      /^warning: Processes outlived their fixtures \(or services\) and were stopped at the end of the run: (.*) \[LEFTOVER_PROCESS\]$/m
        .exec(run.stderr);
    assert.ok(warning, run.stderr);
    assert.match(warning[1], new RegExp(`jobs \\(pid ${pids[0]}\\)`));
    assert.match(warning[1], new RegExp(`daemon \\(pid ${pids[1]}\\)`));
    if (python) assert.match(warning[1], new RegExp(`py \\(pid ${pids[2]}\\)`));
    assert.doesNotMatch(warning[1], /tidy/);
    const artifact = ArtifactSchema.parse(await p.latest());
    assert.equal(artifact.result, "pass", "the fixtures decide the result");
    assert.ok(artifact.diagnostics.some((d) => d.code === "LEFTOVER_PROCESS"));
  } finally {
    for (const pid of pids) if (pid > 1) killQuietly(pid);
  }
});

Deno.test({
  name: "a timeout stops the fixture's whole session: a job in another group goes too, silently",
  ignore: Deno.build.os !== "linux",
}, async () => {
  await using p = await tempProject({
    "fixtures/slow.smoke.jsonc": bashSh(
      "set -m; sleep 300 >/dev/null 2>&1 & echo $! > job.pid; sleep 300",
      { timeoutMs: 500 },
    ),
  });
  const run = await runSmoke(p.dir, []);
  const job = await pidIn(p, "job.pid");
  try {
    assert.equal(run.code, 1, run.stdout + run.stderr);
    assert.equal(ArtifactSchema.parse(await p.latest()).fixtures[0].failure?.kind, "timeout");
    assert.equal(await isAlive(job), false, `the job ${job} outlived the timeout`);
    assert.doesNotMatch(run.stderr, /LEFTOVER_PROCESS/, "stopped with its fixture, not left over");
  } finally {
    killQuietly(job);
  }
});

Deno.test({
  name: "a second interrupt kills at once what left the fixture's group, too",
  ignore: Deno.build.os !== "linux",
}, async () => {
  await using p = await tempProject({
    // Everything ignores SIGTERM: only the kill of the second interrupt stops it.
    "fixtures/stubborn.smoke.jsonc": bashSh(
      "trap '' TERM INT; set -m; (exec sleep 300) >/dev/null 2>&1 & echo $! > job.pid; " +
        "while :; do sleep 0.1; done",
    ),
  });
  const child = spawnSmoke(p.dir, []);
  let job = 0;
  try {
    const deadline = Date.now() + 15_000;
    while (!(await p.exists("job.pid")) || (await p.read("job.pid")).trim() === "") {
      if (Date.now() > deadline) throw new Error("the fixture did not start");
      await new Promise((r) => setTimeout(r, 25));
    }
    job = await pidIn(p, "job.pid");
    child.kill("SIGINT");
    await new Promise((r) => setTimeout(r, 200));
    child.kill("SIGINT");
    const out = await child.output();
    assert.equal(out.code, 130);
    const deadline2 = Date.now() + 3000;
    while (await isAlive(job)) {
      if (Date.now() > deadline2) assert.fail(`the job ${job} outlived smoke`);
      await new Promise((r) => setTimeout(r, 25));
    }
  } finally {
    if (job > 1) killQuietly(job);
  }
});

Deno.test({
  name: "after kill -9 of smoke, the next run stops the dead run's fixtures and says so",
  ignore: Deno.build.os !== "linux",
  async fn() {
    await using p = await tempProject({
      "fixtures/hang.smoke.jsonc": sh("sleep 300 & echo $! > orphan.pid; wait"),
      "fixtures/quick.smoke.jsonc": sh("true"),
    });
    const dead = spawnSmoke(p.dir, ["--fixture", "hang"]);
    // The file is there before the shell has written the pid into it: wait for the pid.
    await waitFor(async () =>
      (await p.exists("orphan.pid")) && (await p.read("orphan.pid")).trim() !== ""
    );
    const orphan = await pidIn(p, "orphan.pid");
    dead.kill("SIGKILL");
    await dead.output();
    assert.equal(await isAlive(orphan), true, "kill -9 leaves the fixture running");

    const next = await runSmoke(p.dir, ["--fixture", "quick"]);
    assert.equal(next.code, 0, next.stdout + next.stderr);
    assert.match(next.stderr, /^warning: .*hang.*\[ORPHAN_PROCESS\]$/m, next.stderr);
    assert.equal(await isAlive(orphan), false, `the dead run's ${orphan} survived`);
    const artifact = ArtifactSchema.parse(await p.latest());
    assert.ok(artifact.diagnostics.some((d) => d.code === "ORPHAN_PROCESS"));
  },
});

Deno.test({
  name: "a lock file copied from a live run's directory stops none of that run's fixtures",
  ignore: Deno.build.os !== "linux",
  async fn() {
    await using live = await tempProject({
      "fixtures/slow.smoke.jsonc": sh("echo $$ > slow.pid; sleep 30"),
    });
    await using other = await tempProject({ "fixtures/a.smoke.jsonc": sh("true") });
    const running = spawnSmoke(live.dir, []);
    try {
      await waitFor(() => live.exists("slow.pid"));
      await Deno.mkdir(other.artifactDir, { recursive: true });
      await Deno.copyFile(`${live.artifactDir}/.lock`, `${other.artifactDir}/.lock`);
      const run = await runSmoke(other.dir, []);
      assert.equal(run.code, 0, run.stdout + run.stderr);
      assert.match(run.stderr, /is still running but did not hold it.*\[STALE_LOCK\]/);
      assert.doesNotMatch(run.stderr, /ORPHAN_PROCESS/);
      assert.equal(
        await isAlive(Number(await live.read("slow.pid"))),
        true,
        "the live run's fixture",
      );
    } finally {
      running.kill("SIGTERM");
      await running.output();
    }
  },
});

Deno.test({
  name:
    "a process left in a fixture's session with its environment scrubbed is stopped and reported",
  ignore: Deno.build.os !== "linux",
  async fn() {
    await using p = await tempProject({
      "fixtures/esc.smoke.jsonc": JSON.stringify({
        command: ["bash", "-c", "(set -m; env -i sleep 310 & echo $! > scrubbed.pid); echo hi"],
      }),
    });
    const run = await runSmoke(p.dir, []);
    assert.equal(run.code, 0, run.stdout + run.stderr);
    const pid = Number(await p.read("scrubbed.pid"));
    const alive = await isAlive(pid);
    if (alive) Deno.kill(pid, "SIGKILL");
    assert.equal(alive, false, `the scrubbed ${pid} outlived the run`);
    assert.match(run.stderr, /\[LEFTOVER_PROCESS\]/);
  },
});

/** Whether this machine lets smoke's tests make a pid namespace (Linux, as root). */
async function canUnshare(): Promise<string | undefined> {
  if (Deno.build.os !== "linux") return "not Linux";
  try {
    const out = await new Deno.Command("unshare", {
      args: ["-pf", "--mount-proc", "true"],
      stdout: "null",
      stderr: "piped",
    }).output();
    return out.success ? undefined : new TextDecoder().decode(out.stderr).trim();
  } catch (error) {
    if (error instanceof Deno.errors.NotFound) return "no unshare on PATH";
    throw error;
  }
}

Deno.test({
  name:
    "in a pid namespace whose session leader is outside it (containers, CI), leftovers are still found and stopped",
  ignore: Deno.build.os !== "linux",
  async fn() {
    const why = await canUnshare();
    if (why) {
      console.log(`skipped: cannot make a pid namespace here: ${why}`);
      return;
    }
    await using p = await tempProject({
      "fixtures/esc.smoke.jsonc": JSON.stringify({
        command: ["bash", "-c", "(set -m; env -i sleep 310 & echo $! > scrubbed.pid); echo hi"],
      }),
    });
    // sh is the namespace's pid 1 and outlives smoke, so a leftover would still be
    // there to see; smoke's own session and group read as 0 inside.
    const check = 'pid=$(cat scrubbed.pid); if grep -qv " Z " "/proc/$pid/stat" 2>/dev/null; ' +
      'then echo "LEFT ALIVE $pid"; kill -9 "$pid"; fi; exit $code';
    const script = `"$@"; code=$?; ${check}`;
    const run = await runSmoke(p.dir, [], {
      prefix: ["unshare", "-pf", "--mount-proc", "sh", "-c", script, "sh"],
    });
    assert.equal(run.code, 0, run.stdout + run.stderr);
    assert.doesNotMatch(run.stdout, /LEFT ALIVE/);
    assert.match(run.stderr, /\[LEFTOVER_PROCESS\]/);
  },
});

/** Whether this process may set the next pid (root in its pid namespace, on Linux). */
const canSteerPids = (() => {
  try {
    Deno.openSync("/proc/sys/kernel/ns_last_pid", { write: true }).close();
    return true;
  } catch {
    return false;
  }
})();

Deno.test({
  name:
    "the end-of-run sweep leaves alone a stranger whose session got a finished fixture's number",
  ignore: !canSteerPids,
  async fn() {
    await using p = await tempProject({
      "fixtures/a.smoke.jsonc": JSON.stringify({ command: ["sh", "-c", "echo $$ > a.pid"] }),
      "fixtures/b.smoke.jsonc": JSON.stringify({ command: ["sleep", "3"] }),
    });
    const smoke = spawnSmoke(p.dir, ["--concurrency", "2"]);
    await waitFor(async () => (await p.exists("a.pid")) && (await p.read("a.pid")).trim() !== "");
    const pid = Number((await p.read("a.pid")).trim());
    await waitFor(async () => !(await isAlive(pid)));
    // A stranger, started by hand (no SMOKE_RUN_ID) a little later, that leads a session numbered
    // as fixture a's (on a busy host the pid space wraps by itself; here it is steered).
    await new Promise((resolve) => setTimeout(resolve, 600));
    let stranger: Deno.ChildProcess | undefined;
    for (let attempt = 0; attempt < 50 && stranger?.pid !== pid; attempt++) {
      if (stranger) {
        if (await isAlive(stranger.pid)) stranger.kill("SIGKILL");
        await stranger.status;
      }
      Deno.writeTextFileSync("/proc/sys/kernel/ns_last_pid", String(pid - 1));
      stranger = new Deno.Command("setsid", {
        args: ["sleep", "30"],
        env: { PATH: "/usr/bin:/bin" },
        clearEnv: true,
      }).spawn();
    }
    try {
      assert.equal(stranger!.pid, pid, "the stranger got fixture a's number");
      const out = await smoke.output();
      const stderr = new TextDecoder().decode(out.stderr);
      assert.equal(out.code, 0, stderr);
      assert.doesNotMatch(stderr, /LEFTOVER_PROCESS/);
      assert.ok(await isAlive(pid), "the stranger still runs");
    } finally {
      if (await isAlive(stranger!.pid)) stranger!.kill("SIGKILL");
      await stranger!.status;
    }
  },
});

/** Whether perl is where the next test calls it (with a cleared environment, by its path). */
const hasPerl = (() => {
  try {
    return Deno.statSync("/usr/bin/perl").isFile;
  } catch {
    return false;
  }
})();

Deno.test({
  name: "the sweep stops a child that an env-scrubbed leftover starts after its fixture ended",
  ignore: Deno.build.os !== "linux" || !hasPerl,
  async fn() {
    // The leftover clears its environment, leads a group of its own in the fixture's session,
    // and starts a worker a second later, when its fixture has long ended.
    await using p = await tempProject({
      // It says when it has left the fixture's group: the fixture waits for that, or the group's
      // stop at the fixture's end could come first.
      "late.pl": "setpgrp(0, 0); open(my $g, '>', 'grouped'); close $g; sleep 1;\n" +
        "my $p = fork(); if ($p == 0) { exec '/bin/sleep', '300' }\n" +
        "open(my $f, '>', 'late.pid'); print $f $p; close $f; waitpid($p, 0);\n",
      "fixtures/a.smoke.jsonc": JSON.stringify({
        command: [
          "sh",
          "-c",
          "env -i /usr/bin/perl late.pl >/dev/null 2>&1 & " +
          "while [ ! -e grouped ]; do sleep 0.05; done; exit 0",
        ],
      }),
      "fixtures/b.smoke.jsonc": JSON.stringify({ command: ["sleep", "3"] }),
    });
    const run = await runSmoke(p.dir, ["--concurrency", "2"]);
    assert.equal(run.code, 0, run.stderr);
    assert.match(run.stderr, /\[LEFTOVER_PROCESS\]/);
    const late = Number((await p.read("late.pid")).trim());
    await waitFor(async () => !(await isAlive(late)), 5_000).catch(() => {});
    const alive = await isAlive(late);
    if (alive) Deno.kill(late, "SIGKILL");
    assert.equal(alive, false, "the worker started late was stopped too");
  },
});
