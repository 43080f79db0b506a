/**
 * End-to-end tests of interrupts, crashes and loud fixtures: smoke as a
 * subprocess, signalled or killed from outside.
 */
import assert from "node:assert/strict";
import { ArtifactSchema } from "../lib/artifact/artifact_schema.ts";
import { isAlive, runSmoke, spawnSmoke, tempProject, waitFor } from "./_project.ts";

const sh = (script: string, extra: Record<string, unknown> = {}) =>
  JSON.stringify({ command: ["sh", "-c", script], ...extra });
const decode = (bytes: Uint8Array) => new TextDecoder().decode(bytes);

/** A project with two long fixtures that record their pids, and quick ones queued behind. */
function longProject() {
  return tempProject({
    "fixtures/long1.smoke.jsonc": sh("sleep 300 & echo $! > long1.pid; wait"),
    "fixtures/long2.smoke.jsonc": sh("sleep 300 & echo $! > long2.pid; wait"),
    "fixtures/quick1.smoke.ts": "",
    "fixtures/quick2.smoke.ts": "",
  });
}

for (const [signal, code] of [["SIGINT", 130], ["SIGTERM", 143], ["SIGHUP", 129]] as const) {
  Deno.test(`${signal} stops every fixture, writes a valid artifact marked interrupted, exits ${code}`, async () => {
    await using p = await longProject();
    const child = spawnSmoke(p.dir, ["--concurrency", "2"]);
    await waitFor(async () => (await p.exists("long1.pid")) && (await p.exists("long2.pid")));
    const started = Date.now();
    child.kill(signal);
    const out = await child.output();
    const elapsed = Date.now() - started;
    assert.equal(out.code, code, decode(out.stdout) + decode(out.stderr));
    assert.ok(elapsed < 5000, `took ${elapsed} ms to stop`);
    const stdout = decode(out.stdout);
    assert.equal(stdout.trimEnd().split("\n").at(-1), "RESULT: fail");
    const artifact = ArtifactSchema.parse(await p.latest());
    assert.equal(artifact.interrupted, true);
    assert.equal(artifact.result, "fail");
    assert.equal(artifact.fixtures.length, 4, "every selected fixture is recorded");
    for (const fixture of artifact.fixtures) {
      assert.equal(fixture.status, "failed", fixture.id);
      assert.equal(fixture.failure?.kind, "interrupted", fixture.id);
    }
    for (const name of ["long1.pid", "long2.pid"]) {
      const pid = Number(await p.read(name));
      assert.equal(await isAlive(pid), false, `${name}: ${pid} survived`);
    }
    assert.equal(await p.exists(".planning/artifacts/smoke/.lock"), false);
  });
}

Deno.test("a second SIGINT stops at once, and leaves no fixture process behind", async () => {
  await using p = await tempProject({
    // Ignores TERM, so the first interrupt has to wait for the 2 s grace.
    "fixtures/stubborn.smoke.jsonc": sh(
      "trap '' TERM INT; sleep 300 & echo $! > child.pid; while :; do sleep 1; done",
    ),
  });
  const child = spawnSmoke(p.dir, []);
  await waitFor(() => p.exists("child.pid"));
  child.kill("SIGINT");
  // Well apart: the same signal within 100 ms is taken for one delivered twice.
  await new Promise((r) => setTimeout(r, 500));
  const started = Date.now();
  child.kill("SIGINT");
  const out = await child.output();
  assert.equal(out.code, 130);
  assert.ok(Date.now() - started < 1500, "the second interrupt does not wait for the grace");
  assert.match(decode(out.stderr), /again: stopped at once/);
  assert.equal(decode(out.stdout).trimEnd().split("\n").at(-1), "RESULT: fail");
  await waitFor(async () => !(await isAlive(Number(await p.read("child.pid")))), 3000);
});

Deno.test("a fixture printing over 100 MB costs the runner little memory, and the tail is kept", async () => {
  await using p = await tempProject({
    "fixtures/loud.smoke.jsonc": sh(
      "head -c 120000000 /dev/zero | tr '\\0' 'x'; echo; echo the-end; head -c 20000000 /dev/zero | tr '\\0' 'y' >&2; exit 1",
    ),
  });
  const child = spawnSmoke(p.dir, []);
  let peakKiB = 0;
  const status = `/proc/${child.pid}/status`;
  const poll = setInterval(() => {
    try {
      const match = /VmHWM:\s+(\d+) kB/.exec(Deno.readTextFileSync(status));
      if (match) peakKiB = Math.max(peakKiB, Number(match[1]));
    } catch { /* gone */ }
  }, 20);
  const out = await child.output();
  clearInterval(poll);
  assert.equal(out.code, 1, decode(out.stderr));
  assert.ok(peakKiB > 0, "measured the runner");
  console.log(`runner peak RSS: ${Math.round(peakKiB / 1024)} MiB`);
  assert.ok(peakKiB < 150 * 1024, `runner peak RSS ${Math.round(peakKiB / 1024)} MiB`);
  const [fixture] = (await p.latest()).fixtures;
  const stdoutTail = String(fixture.stdoutTail);
  assert.ok(stdoutTail.endsWith("x\nthe-end\n"), stdoutTail.slice(-50));
  assert.match(stdoutTail, /^\[\.\.\. \d+ earlier bytes of 120000009 not kept \.\.\.\]\n/);
  assert.ok(stdoutTail.length < 70 * 1024);
  assert.match(String(fixture.stderrTail), /of 20000000 not kept/);
});

Deno.test("kill -9 of the runner at random moments never leaves a partial latest.json", async () => {
  await using p = await tempProject({
    "fixtures/a.smoke.jsonc": sh("echo a"),
    "fixtures/b.smoke.jsonc": sh("echo b"),
    "fixtures/c.smoke.ts": "console.log('c');",
  });
  const first = await spawnSmoke(p.dir, []).output();
  assert.equal(first.code, 0);
  const seen = new Set<string>([(await p.latest()).runId]);
  const iterations = 24;
  for (let i = 0; i < iterations; i++) {
    const before = await p.read(".planning/artifacts/smoke/latest.json");
    const child = spawnSmoke(p.dir, []);
    await new Promise((r) => setTimeout(r, 150 + Math.random() * 900));
    try {
      child.kill("SIGKILL");
    } catch (error) {
      if (!(error instanceof TypeError)) throw error; // it finished first
    }
    const out = await child.output();
    const after = await p.read(".planning/artifacts/smoke/latest.json");
    const artifact = ArtifactSchema.parse(JSON.parse(after));
    if (after !== before) {
      assert.equal(out.code === 0 || out.signal === "SIGKILL", true);
      assert.ok(!seen.has(artifact.runId), "a new run replaced the old one whole");
      seen.add(artifact.runId);
      assert.equal(artifact.result, "pass");
    }
    // A lock or temporary file this kill left is taken over and cleaned by the next start.
  }
  const last = await spawnSmoke(p.dir, []).output();
  assert.equal(last.code, 0, decode(last.stderr));
  const strays = [...Deno.readDirSync(p.artifactDir), ...Deno.readDirSync(`${p.artifactDir}/runs`)]
    .filter((e) => e.name.startsWith(".smoke-tmp-"));
  assert.deepEqual(strays, [], "stray temporary files are removed at the next start");
});

Deno.test("a full disk leaves the old latest.json untouched and fails the run", async (t) => {
  await using p = await tempProject({ "fixtures/ok.smoke.ts": "" });
  const mount = `${p.dir}/tiny`;
  await Deno.mkdir(mount);
  const mounted = await new Deno.Command("mount", {
    args: ["-t", "tmpfs", "-o", "size=64k", "tmpfs", mount],
    stdout: "null",
    stderr: "piped",
  }).output().catch((error) => ({
    success: false,
    stderr: new TextEncoder().encode(String(error)),
  }));
  if (!mounted.success) {
    console.log(`skipped: cannot mount a tiny tmpfs here: ${decode(mounted.stderr).trim()}`);
    await t.step({ name: "disk full (skipped: no tmpfs)", ignore: true, fn: () => {} });
    return;
  }
  try {
    const args = ["--artifact-dir", "tiny/artifacts"];
    const first = await spawnSmoke(p.dir, args).output();
    assert.equal(first.code, 0, decode(first.stderr));
    const before = await p.read("tiny/artifacts/latest.json");
    // Fill the file system block by block, then free one block: room for the lock, not the artifact.
    for (let i = 0;; i++) {
      try {
        await Deno.writeFile(`${mount}/filler-${i}`, new Uint8Array(4096));
      } catch {
        await Deno.remove(`${mount}/filler-${i}`).catch(() => {});
        await Deno.remove(`${mount}/filler-0`);
        break;
      }
    }
    const full = await spawnSmoke(p.dir, args).output();
    const stdout = decode(full.stdout);
    assert.equal(full.code, 1, stdout + decode(full.stderr));
    assert.match(
      decode(full.stderr),
      /Cannot write artifact ".*": .*No space left on device.* \[ARTIFACT_WRITE_FAILED\]/,
    );
    assert.equal(stdout.trimEnd().split("\n").at(-1), "RESULT: fail");
    assert.equal(
      await p.read("tiny/artifacts/latest.json"),
      before,
      "the old latest.json is untouched",
    );
    const strays = [
      ...Deno.readDirSync(`${mount}/artifacts`),
      ...Deno.readDirSync(`${mount}/artifacts/runs`),
    ]
      .filter((e) => e.name.startsWith(".smoke-tmp-"));
    assert.deepEqual(strays, []);
  } finally {
    await new Deno.Command("umount", { args: [mount] }).output();
  }
});

Deno.test("one signal delivered twice at once (a group signal and a wrapper forwarding it) is one interrupt", async () => {
  await using p = await tempProject({
    // Ignores TERM: the graceful stop waits out the grace, so the copy arrives during it.
    "fixtures/slow.smoke.jsonc": sh("trap '' TERM; touch started; while :; do sleep 1; done"),
  });
  const child = spawnSmoke(p.dir, []);
  await waitFor(() => p.exists("started"));
  child.kill("SIGINT");
  // The copy arrives a moment later (two signals at the same instant merge in the kernel).
  await new Promise((r) => setTimeout(r, 30));
  child.kill("SIGINT");
  const out = await child.output();
  assert.equal(out.code, 130);
  assert.doesNotMatch(decode(out.stderr), /again: stopped at once/);
  // The artifact is written: the run stopped the graceful way.
  const failure = (await p.latest()).fixtures[0].failure as { kind?: string } | undefined;
  assert.equal(failure?.kind, "interrupted");
});

/** Whether a process catches SIGINT yet (Linux: the SigCgt mask of /proc/<pid>/status). */
async function catchesSigint(pid: number): Promise<boolean> {
  const status = await Deno.readTextFile(`/proc/${pid}/status`);
  const mask = /^SigCgt:\s*([0-9a-f]+)$/m.exec(status)?.[1];
  return mask !== undefined && (BigInt(`0x${mask}`) & 2n) !== 0n;
}

Deno.test("SIGINT during smoke merge: it never passes; it stops before writing, or fails after", async () => {
  // Two shards of 100,000 results each: a merge of a second or two, long enough to interrupt.
  await using seed = await tempProject({ "fixtures/a.smoke.jsonc": sh("true") });
  assert.equal((await runSmoke(seed.dir, [])).code, 0);
  const base = await seed.latest();
  const shard = (index: number) => {
    const fixtures = Array.from({ length: 100_000 }, (_, i) => ({
      ...base.fixtures[0],
      id: `f${index}_${i}`,
    }));
    // The suite's state a full run records is of its own fixture: left out.
    const { combined: _c, suite: _s, prior: _p, ...run } = base;
    return JSON.stringify({
      ...run,
      runId: `${base.runId.slice(0, -6)}00000${index}`,
      selection: { fixtureIds: fixtures.map((f) => f.id) },
      fixtures,
      summary: { total: fixtures.length, passed: fixtures.length, failed: 0, skipped: 0, flaky: 0 },
    });
  };
  await using p = await tempProject({ "in1.json": shard(1), "in2.json": shard(2) });
  const child = spawnSmoke(p.dir, ["merge", "in1.json", "in2.json", "--artifact-dir", "out"]);
  await waitFor(() => catchesSigint(child.pid));
  child.kill("SIGINT");
  const out = await child.output();
  const stdout = decode(out.stdout);
  const stderr = decode(out.stderr);
  assert.equal(out.code, 130, stdout + stderr);
  assert.equal(stdout.trimEnd().split("\n").at(-1), "RESULT: fail");
  assert.match(stderr, /^warning: SIGINT: stopping the merge \(again to stop at once\)$/m);
  const written = await p.exists("out/latest.json");
  if (written) {
    assert.match(
      stderr,
      /^error: Stopped by SIGINT: the merged artifact was written \(out\/runs\/\S+\.json, and out\/latest\.json with it\), but the merge does not pass$/m,
    );
    assert.equal(
      ArtifactSchema.parse(JSON.parse(await p.read("out/latest.json"))).fixtures.length,
      200_000,
    );
  } else {
    assert.match(stderr, /^error: Stopped by SIGINT: the merge wrote nothing$/m);
    assert.equal(await p.exists("out"), false);
  }
});

Deno.test("a fixture an interrupt stopped is no outcome and no duration in durations.json", async () => {
  // Held open only while the file "hold" exists: the first run passes, the second is interrupted.
  await using p = await tempProject({
    "fixtures/quick.smoke.ts": `console.log("ok");\n`,
    "fixtures/slow.smoke.jsonc": sh("[ -e hold ] || exit 0; sleep 300 & echo $! > slow.pid; wait"),
  });
  const first = await runSmoke(p.dir, []);
  assert.equal(first.code, 0, first.stdout + first.stderr);
  const summary = async () =>
    JSON.parse(await p.read(".planning/artifacts/smoke/durations.json")) as {
      fixtures: Record<string, number[]>;
      outcomes: Record<string, string>;
    };
  const before = await summary();
  assert.equal(before.outcomes.slow, "P");
  await Deno.writeTextFile(`${p.dir}/hold`, "");
  const child = spawnSmoke(p.dir, ["--concurrency", "2"]);
  await waitFor(() => p.exists("slow.pid"));
  child.kill("SIGINT");
  const out = await child.output();
  assert.equal(out.code, 130, decode(out.stdout) + decode(out.stderr));
  const artifact = ArtifactSchema.parse(await p.latest());
  assert.equal(artifact.fixtures.find((f) => f.id === "slow")?.failure?.kind, "interrupted");
  const after = await summary();
  // The interrupted attempt left the fixture's outcomes and durations as they were.
  assert.equal(after.outcomes.slow, "P");
  assert.deepEqual(after.fixtures.slow, before.fixtures.slow);
});

Deno.test("a retry an interrupt stopped after a real failure records that failure, not its duration", async () => {
  await using p = await tempProject({
    "fixtures/r.smoke.jsonc": JSON.stringify({
      command: [
        "sh",
        "-c",
        '[ -e hold ] || exit 0; [ "$SMOKE_ATTEMPT" = 1 ] && exit 1; sleep 300 & echo $! > r.pid; wait',
      ],
      retries: 1,
    }),
  });
  assert.equal((await runSmoke(p.dir, [])).code, 0);
  const summary = async () =>
    JSON.parse(await p.read(".planning/artifacts/smoke/durations.json")) as {
      fixtures: Record<string, number[]>;
      outcomes: Record<string, string>;
    };
  const before = await summary();
  await Deno.writeTextFile(`${p.dir}/hold`, "");
  const child = spawnSmoke(p.dir, []);
  await waitFor(() => p.exists("r.pid"));
  child.kill("SIGINT");
  assert.equal((await child.output()).code, 130);
  const after = await summary();
  assert.equal(after.outcomes.r, "FP", "the first attempt's failure is recorded");
  assert.deepEqual(after.fixtures.r, before.fixtures.r, "the cut-off duration is not");
});
