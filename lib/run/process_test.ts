import assert from "node:assert/strict";
// Test-only: locked in deno.test.lock, so that running smoke never fetches it.
// deno-lint-ignore no-import-prefix
import fc from "npm:fast-check@4.11.0";
import { isAlive } from "../../e2e/_project.ts";
import { findSetsid, spawnInSession } from "./_spawn.ts";
import { envOverProcess, ProcessGroups, type ProcessSpec, runProcess } from "./process.ts";

const SETSID = findSetsid();
/** Both ways of giving a fixture its own session, where this system has both. */
const LAUNCHERS: [string, string | null][] = [
  ["detached", null],
  ...(SETSID ? [["setsid(1)", SETSID] as [string, string]] : []),
];

function spec(argv: string[], over: Partial<ProcessSpec> = {}): ProcessSpec {
  return {
    argv,
    cwd: Deno.cwd(),
    env: { PATH: Deno.env.get("PATH") ?? "/usr/bin:/bin" },
    timeoutMs: 10_000,
    graceMs: 500,
    tailBytes: 4096,
    ...over,
  };
}

Deno.test("setsid(1) is found on Linux", () => {
  if (Deno.build.os === "linux") assert.ok(SETSID, "no setsid at /usr/bin or /bin");
});

for (const [name, setsid] of LAUNCHERS) {
  Deno.test({
    name: `runProcess() through ${name}: the fixture leads its own session`,
    ignore: Deno.build.os !== "linux", // reads /proc
  }, async () => {
    const groups = new ProcessGroups();
    const outcome = await runProcess(
      spec(["sh", "-c", 'cut -d" " -f6 /proc/$$/stat; echo $$']),
      { groups, setsid },
    );
    assert.equal(outcome.exitCode, 0);
    const [session, pid] = outcome.stdout.tail.trim().split("\n");
    assert.equal(session, pid);
    assert.equal(groups.size, 0);
  });

  Deno.test({
    name: `runProcess() through ${name}: a timeout stops the grandchildren too`,
    ignore: Deno.build.os !== "linux", // reads /proc
  }, async () => {
    const dir = await Deno.makeTempDir();
    const groups = new ProcessGroups();
    const outcome = await runProcess(
      spec(["sh", "-c", `sleep 30 & echo $! > ${dir}/pid; wait`], { timeoutMs: 300 }),
      { groups, setsid },
    );
    assert.equal(outcome.timedOut, true);
    assert.equal(outcome.signal, "SIGTERM");
    const grandchild = Number(await Deno.readTextFile(`${dir}/pid`));
    await new Promise((resolve) => setTimeout(resolve, 100));
    assert.equal(await isAlive(grandchild), false, `grandchild ${grandchild} outlived the timeout`);
    await Deno.remove(dir, { recursive: true });
  });

  Deno.test(`runProcess() through ${name}: a program that cannot start is a spawn error`, async () => {
    const dir = await Deno.makeTempDir();
    await Deno.writeTextFile(`${dir}/not-executable`, "#!/bin/sh\n");
    const groups = new ProcessGroups();
    const error = async (argv: string[], cwd = dir) =>
      (await runProcess(spec(argv, { cwd }), { groups, setsid })).spawnError;
    assert.equal(
      await error(["no-such-program-smoke"]),
      'Cannot start "no-such-program-smoke": it was not found (check the name, or PATH)',
    );
    assert.equal(
      await error(["./not-executable"]),
      'Cannot start "./not-executable": it is not executable',
    );
    await Deno.mkdir(`${dir}/a-directory`);
    assert.equal(
      await error(["./a-directory"]),
      'Cannot start "./a-directory": it is not executable',
    );
    assert.equal(
      await error(["./missing"]),
      'Cannot start "./missing": it was not found (check the name, or PATH)',
    );
    assert.equal(
      await error(["sh", "-c", "true"], `${dir}/gone`),
      `Cannot start "sh": its working directory "${dir}/gone" does not exist`,
    );
    await Deno.remove(dir, { recursive: true });
  });

  Deno.test(`runProcess() through ${name}: a relative program runs from the fixture's cwd`, async () => {
    const dir = await Deno.makeTempDir();
    await Deno.mkdir(`${dir}/bin`);
    await Deno.writeTextFile(`${dir}/bin/hello`, "#!/bin/sh\necho hello from bin\n", {
      mode: 0o755,
    });
    const outcome = await runProcess(spec(["bin/hello"], { cwd: dir }), {
      groups: new ProcessGroups(),
      setsid,
    });
    assert.equal(outcome.stdout.tail, "hello from bin\n");
    await Deno.remove(dir, { recursive: true });
  });
}

Deno.test("ProcessGroups signals a leader that has not made its group yet, until it is reaped", async () => {
  // A child in smoke's own group stands for a fixture between spawn and setsid().
  const child = new Deno.Command("sleep", { args: ["30"], stdin: "null" }).spawn();
  const groups = new ProcessGroups();
  groups.add(child.pid);
  assert.equal(groups.signal(child.pid, "SIGTERM"), true);
  const status = await child.status;
  assert.equal(status.signal, "SIGTERM");
  groups.leaderExited(child.pid);
  assert.equal(groups.signal(child.pid, "SIGTERM"), false);
  assert.equal(groups.size, 0);
});

/** An error as Deno throws it when the process is out of descriptors. */
function emfile(): Error {
  return Object.assign(
    new Error("Failed to spawn '/usr/bin/setsid': Too many open files (os error 24)"),
    { code: "EMFILE" },
  );
}

Deno.test("runProcess(): a spawn short of descriptors is tried again, and runs once they are free", async () => {
  let tries = 0;
  const outcome = await runProcess(spec(["sh", "-c", "echo ran"]), {
    groups: new ProcessGroups(),
    retryDelaysMs: [1, 1, 1],
    spawn: (argv, options) => {
      if (++tries < 3) throw emfile();
      return spawnInSession(argv, options);
    },
  });
  assert.equal(tries, 3);
  assert.equal(outcome.spawnError, undefined);
  assert.equal(outcome.exitCode, 0);
  assert.equal(outcome.stdout.tail, "ran\n");
});

Deno.test("runProcess(): a spawn that stays short of descriptors is a spawn error after the tries, never a throw", async () => {
  let tries = 0;
  const outcome = await runProcess(spec(["my-check", "--fast"]), {
    groups: new ProcessGroups(),
    retryDelaysMs: [1, 2],
    spawn: () => {
      tries++;
      throw emfile();
    },
  });
  assert.equal(tries, 3);
  assert.equal(outcome.exitCode, null);
  assert.match(
    outcome.spawnError ?? "",
    /^Cannot start "my-check": the system is out of file descriptors \(Too many open files \(os error 24\)\), 3 tries; .*ulimit -n/,
  );
});

Deno.test("runProcess(): an interrupt while waiting to try a spawn again ends it as interrupted", async () => {
  const interrupt = new AbortController();
  const outcome = await runProcess(spec(["true"]), {
    groups: new ProcessGroups(),
    signal: interrupt.signal,
    retryDelaysMs: [60_000],
    spawn: () => {
      setTimeout(() => interrupt.abort("SIGINT"), 10);
      throw emfile();
    },
  });
  assert.equal(outcome.interrupted, true);
  assert.equal(outcome.spawnError, undefined);
});

Deno.test("runProcess(): any other refusal of the system is a spawn error naming the program", async () => {
  const outcome = await runProcess(spec(["echo", "x".repeat(200_000)]), {
    groups: new ProcessGroups(),
  });
  assert.match(outcome.spawnError ?? "", /^Cannot start "echo": Argument list too long/);
});

Deno.test({
  name: "runProcess(): a timeout also stops the groups job control made in the fixture's session",
  ignore: Deno.build.os !== "linux",
}, async () => {
  const dir = await Deno.makeTempDir();
  const outcome = await runProcess(
    spec(["bash", "-c", `set -m; sleep 30 >/dev/null 2>&1 & echo $! > ${dir}/job; sleep 30`], {
      timeoutMs: 300,
    }),
    { groups: new ProcessGroups() },
  );
  assert.equal(outcome.timedOut, true);
  const job = Number(await Deno.readTextFile(`${dir}/job`));
  const [group] = (await Deno.readTextFile(`/proc/${job}/stat`).catch(() => ") x 0 0 0"))
    .split(") ")[1].split(" ").slice(2);
  await new Promise((resolve) => setTimeout(resolve, 100));
  try {
    assert.equal(await isAlive(job), false, `the job ${job} (group ${group}) outlived the timeout`);
  } finally {
    try {
      Deno.kill(job, "SIGKILL");
    } catch (error) {
      if (!(error instanceof Deno.errors.NotFound)) console.error(error);
    }
    await Deno.remove(dir, { recursive: true });
  }
});

Deno.test("envOverProcess(): the child's environment is the base, whether passed whole or on top of smoke's", () => {
  const name = fc.stringMatching(/^[A-Z_]{1,6}$/);
  const env = fc.dictionary(name, fc.string({ maxLength: 4 }), {
    maxKeys: 12,
    noNullPrototype: true,
  });
  fc.assert(fc.property(env, env, env, (own, extra, changed) => {
    // The usual base: smoke's own environment, some values changed, some added.
    const base = { ...own, ...changed, ...extra };
    const made = envOverProcess(base, own);
    const child = made.inheritEnv ? { ...own, ...made.env } : made.env;
    assert.deepEqual(child, base);
    assert.equal(made.inheritEnv, Deno.build.os !== "windows");
    // Only what differs is passed.
    for (const [key, value] of Object.entries(made.env)) {
      assert.ok(own[key] !== value || !made.inheritEnv);
    }
  }));
  fc.assert(fc.property(env, env, (own, base) => {
    // Any base at all: what the child gets is exactly the base.
    const made = envOverProcess(base, own);
    assert.deepEqual(made.inheritEnv ? { ...own, ...made.env } : made.env, base);
  }));
});

Deno.test("runProcess() with inheritEnv: the child has smoke's environment with the spec's on top", async () => {
  const own = Deno.env.toObject();
  const outcome = await runProcess(
    {
      argv: ["sh", "-c", 'printf "%s|%s" "$PATH" "$SMOKE_TEST_ADDED"'],
      cwd: "/",
      env: { SMOKE_TEST_ADDED: "added" },
      inheritEnv: true,
      timeoutMs: 5000,
      graceMs: 500,
      tailBytes: 1024,
    },
    { groups: new ProcessGroups() },
  );
  assert.equal(outcome.exitCode, 0);
  assert.equal(outcome.stdout.tail, `${own.PATH}|added`);
});
