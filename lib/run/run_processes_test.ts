import assert from "node:assert/strict";
// Test-only: locked in deno.test.lock, so that running smoke never fetches it.
// deno-lint-ignore no-import-prefix
import fc from "npm:fast-check@4.11.0";
import { isAlive } from "../../e2e/_project.ts";
import {
  findRunProcesses,
  killRunProcessesSync,
  parseStat,
  sessionGroups,
  stopOrphans,
} from "./run_processes.ts";

const linux = Deno.build.os === "linux";

/** A fake run id, unique per test. */
function runId(name: string): string {
  return `20260101T000000000Z-${name}-${crypto.randomUUID().slice(0, 8)}`;
}

async function waitFor(check: () => boolean | Promise<boolean>, ms = 5000): Promise<void> {
  const deadline = Date.now() + ms;
  while (!(await check())) {
    if (Date.now() > deadline) throw new Error("timed out waiting");
    await new Promise((r) => setTimeout(r, 20));
  }
}

/**
 * Starts `bash -c script` in a session of its own with a run's environment,
 * as smoke would a fixture; the script writes pids into `dir`. Bash, because
 * its `set -m` gives jobs groups of their own without a terminal (dash's does not).
 */
function fixture(script: string, env: Record<string, string>, dir: string): Deno.ChildProcess {
  return new Deno.Command("setsid", {
    args: ["bash", "-c", script],
    cwd: dir,
    env,
    stdin: "null",
    stdout: "null",
    stderr: "null",
  }).spawn();
}

/** Field 5 (pgrp) and 6 (session) of `/proc/<pid>/stat`. */
async function groupAndSession(pid: number): Promise<[number, number]> {
  const fields = (await Deno.readTextFile(`/proc/${pid}/stat`)).split(") ")[1].split(" ");
  return [Number(fields[2]), Number(fields[3])];
}

async function readPid(dir: string, name: string): Promise<number> {
  await waitFor(async () => (await Deno.readTextFile(`${dir}/${name}`).catch(() => "")) !== "");
  return Number((await Deno.readTextFile(`${dir}/${name}`)).trim());
}

function killQuietly(pid: number): void {
  try {
    Deno.kill(pid, "SIGKILL");
  } catch (error) {
    if (!(error instanceof Deno.errors.NotFound)) throw error;
  }
}

Deno.test("property: parseStat() never throws, and what it returns is checked", () => {
  const field = fc.oneof(fc.integer(), fc.string({ maxLength: 4 }), fc.constant("-1"));
  fc.assert(
    fc.property(
      fc.string({ maxLength: 20 }),
      fc.array(field, { maxLength: 24 }),
      (name, fields) => {
        const stat = parseStat(`123 (${name}) ${fields.join(" ")}`);
        if (stat === undefined) return;
        // 0: a leader outside this pid namespace; never negative.
        assert.ok(Number.isSafeInteger(stat.pgid) && stat.pgid >= 0);
        assert.ok(Number.isSafeInteger(stat.sid) && stat.sid >= 0);
        assert.match(stat.state, /^[A-Za-z]$/);
      },
    ),
  );
  // A name that looks like fields is skipped whole.
  const tricky = "7 (x) Z 1 1 1 0 0 0) S 1 50 60 0 -1 64 0 0 0 0 0 0 0 0 20 0 1 0 99";
  assert.deepEqual(parseStat(tricky), { state: "S", pgid: 50, sid: 60, flags: 64, startTime: 99 });
  // In a container or CI sandbox, smoke's own session and group leaders are
  // outside its pid namespace: the kernel shows them as 0, and the process is
  // still one to read (CI failed on exactly this).
  const inNamespace = "9 (deno) S 1 0 0 0 -1 4194560 0 0 0 0 0 0 0 0 20 0 1 0 5 0 0";
  assert.deepEqual(parseStat(inNamespace), {
    state: "S",
    pgid: 0,
    sid: 0,
    flags: 4194560,
    startTime: 5,
  });
  assert.equal(parseStat("9 (deno) S 1 -3 0 0 -1 0 0 0 0 0 0 0 0 0 20 0 1 0 5 0 0"), undefined);
});

Deno.test("findRunProcesses() and stopOrphans() refuse ids that are not run ids", async () => {
  for (const id of ["", "a b", "x\0y", "-rf", "SMOKE_RUN_ID=", "a".repeat(200)]) {
    assert.deepEqual(findRunProcesses(id), [], JSON.stringify(id));
    assert.deepEqual(await stopOrphans(id), [], JSON.stringify(id));
  }
});

Deno.test({
  name: "stopOrphans() stops a dead run's processes in other groups and sessions, and only those",
  ignore: !linux,
}, async () => {
  const dir = await Deno.makeTempDir();
  const dead = runId("dead");
  const other = runId("other");
  const env = (id: string, fixture: string) => ({
    PATH: Deno.env.get("PATH") ?? "/usr/bin:/bin",
    SMOKE_RUN_ID: id,
    SMOKE_FIXTURE_ID: fixture,
  });
  // Job control moves the background job into a group of its own; setsid, a session.
  const a = fixture(
    "set -m; sleep 300 & echo $! > jobs.pid; setsid sh -c 'echo $$ > escaped.pid; exec sleep 300' & wait",
    env(dead, "api/a"),
    dir,
  );
  // It ignores SIGTERM: only the SIGKILL after the grace stops it.
  const b = fixture(
    "trap '' TERM; echo $$ > stubborn.pid; while :; do sleep 0.05; done",
    env(dead, "b"),
    dir,
  );
  const c = fixture("echo $$ > other.pid; exec sleep 300", env(other, "c"), dir);
  const pids = {
    jobs: await readPid(dir, "jobs.pid"),
    escaped: await readPid(dir, "escaped.pid"),
    stubborn: await readPid(dir, "stubborn.pid"),
    other: await readPid(dir, "other.pid"),
  };
  try {
    const [jobGroup, jobSession] = await groupAndSession(pids.jobs);
    assert.notEqual(jobGroup, jobSession, "the job left its fixture's group");
    const found = findRunProcesses(dead);
    const foundPids = new Set(found.map((p) => p.pid));
    for (const name of ["jobs", "escaped", "stubborn"] as const) {
      assert.ok(foundPids.has(pids[name]), `${name} (${pids[name]}) was not found`);
    }
    assert.ok(!foundPids.has(pids.other), "another run's process was found");
    assert.equal(found.find((p) => p.pid === pids.jobs)?.fixtureId, "api/a");
    assert.equal(found.find((p) => p.pid === pids.stubborn)?.fixtureId, "b");

    const stopped = await stopOrphans(dead, { graceMs: 300 });
    const stoppedPids = new Set(stopped.map((p) => p.pid));
    // The stubborn loop's short-lived `sleep 0.05` children come and go between two scans:
    // only the long-lived processes are sure to be in both.
    for (const name of ["jobs", "escaped", "stubborn"] as const) {
      assert.ok(stoppedPids.has(pids[name]), `it returns ${name} (${pids[name]}), found before`);
    }
    assert.ok(!stoppedPids.has(pids.other), "another run's process was stopped");
    await a.status;
    await b.status;
    for (const name of ["jobs", "escaped", "stubborn"] as const) {
      await waitFor(async () => !(await isAlive(pids[name])), 3000).catch(() => {
        throw new Error(`${name} (${pids[name]}) survived`);
      });
    }
    assert.equal(await isAlive(pids.other), true, "another run's process was left alone");
    // A `sleep 0.05` the stubborn loop forked just before its SIGKILL may outlive it by those
    // 50 ms: wait that out, then nothing of the dead run may be left.
    await waitFor(() => findRunProcesses(dead).length === 0, 2000).catch(() => {
      throw new Error(`left: ${JSON.stringify(findRunProcesses(dead))}`);
    });
  } finally {
    for (const pid of Object.values(pids)) killQuietly(pid);
    await c.status;
    await Deno.remove(dir, { recursive: true });
  }
});

Deno.test({
  name: "a process group that also holds a process of no run is never signalled as a group",
  ignore: !linux,
}, async () => {
  const dir = await Deno.makeTempDir();
  const id = runId("mixed");
  // The shell carries the run id; its child in the same group does not (env -u).
  const child = fixture(
    "env -u SMOKE_RUN_ID sh -c 'echo $$ > clean.pid; exec sleep 300' & echo $$ > marked.pid; wait",
    { PATH: Deno.env.get("PATH") ?? "/usr/bin:/bin", SMOKE_RUN_ID: id },
    dir,
  );
  const marked = await readPid(dir, "marked.pid");
  const clean = await readPid(dir, "clean.pid");
  try {
    assert.deepEqual(findRunProcesses(id).map((p) => p.pid), [marked]);
    assert.equal(killRunProcessesSync(id), 1);
    await child.status;
    assert.equal(await isAlive(clean), true, "the process of no run was signalled with its group");
  } finally {
    killQuietly(clean);
    await Deno.remove(dir, { recursive: true });
  }
});

Deno.test({
  name: "sessionGroups() finds the groups job control made inside a session",
  ignore: !linux,
}, async () => {
  const dir = await Deno.makeTempDir();
  const leader = fixture(
    "set -m; sleep 300 & echo $! > job.pid; wait",
    { PATH: Deno.env.get("PATH") ?? "/usr/bin:/bin" },
    dir,
  );
  const job = await readPid(dir, "job.pid");
  try {
    const [, sid] = await groupAndSession(job);
    assert.deepEqual(sessionGroups(sid), [job], "the job leads its own group in the session");
    assert.deepEqual(sessionGroups(0), []);
    assert.deepEqual(sessionGroups(1), []);
  } finally {
    killQuietly(job);
    await leader.status;
    await Deno.remove(dir, { recursive: true });
  }
});
