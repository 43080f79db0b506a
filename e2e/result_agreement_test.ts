/**
 * End-to-end tests that the exit code and the `RESULT:` line always agree, whenever a signal
 * arrives: while smoke loads, while it waits for a fixture's output, or never.
 */
import assert from "node:assert/strict";
import { spawnSmoke, tempProject, waitFor } from "./_project.ts";

const decode = (bytes: Uint8Array) => new TextDecoder().decode(bytes);

/** Stops a leftover process, if it is still there. */
function killQuietly(pid: number): void {
  if (!(pid > 1)) return;
  try {
    Deno.kill(pid, "SIGKILL");
  } catch (error) {
    if (!(error instanceof Deno.errors.NotFound)) throw error;
  }
}

Deno.test("SIGTERM while smoke waits for a passed fixture's output: RESULT: fail and exit 143", async () => {
  // The fixture passes, but a process that escaped its group holds stdout open, so smoke waits
  // (up to the 2 s grace) for the output to end: the signal comes after the last fixture ended.
  await using p = await tempProject({
    "fixtures/held.smoke.jsonc": JSON.stringify({
      command: ["sh", "-c", "setsid sleep 3 & echo $! > held.pid; touch ready; exit 0"],
    }),
  });
  // Under load the test may look too late (the 2 s wait over): then it tries again.
  for (let attempt = 1;; attempt++) {
    await Deno.remove(`${p.dir}/ready`).catch(() => {});
    const child = spawnSmoke(p.dir, []);
    try {
      await waitFor(() => p.exists("ready"));
      await new Promise((r) => setTimeout(r, 200));
      try {
        child.kill("SIGTERM");
      } catch (error) {
        if (!(error instanceof TypeError) || attempt >= 3) throw error;
        await child.output();
        continue; // smoke had finished already: not the moment this test is about
      }
      const out = await child.output();
      const stdout = decode(out.stdout);
      assert.equal(out.code, 143, stdout + decode(out.stderr));
      assert.equal(stdout.trimEnd().split("\n").at(-1), "RESULT: fail", stdout);
      const artifact = await p.latest();
      assert.equal(artifact.interrupted, true);
      assert.equal(artifact.result, "fail", "an interrupted run never passes");
      return;
    } finally {
      killQuietly(await p.read("held.pid").then(Number, () => 0));
    }
  }
});

Deno.test("a signal at any early moment ends with a RESULT line that agrees with the exit code", async () => {
  await using p = await tempProject({
    "fixtures/a.smoke.jsonc": JSON.stringify({ command: ["sleep", "0.3"] }),
  });
  let handled = 0;
  for (let round = 0; round < 16; round++) {
    const child = spawnSmoke(p.dir, []);
    await new Promise((r) => setTimeout(r, round * 6));
    child.kill("SIGTERM");
    const out = await child.output();
    const stdout = decode(out.stdout);
    const last = stdout.trimEnd().split("\n").at(-1);
    if (out.signal === "SIGTERM") {
      // Killed by the signal itself: before Deno ran any of smoke (nothing printed).
      assert.equal(stdout, "", `round ${round}: output without a RESULT line`);
      continue;
    }
    handled++;
    if (out.code === 0) {
      assert.equal(last, "RESULT: pass", `round ${round}: exit 0 with ${last}`);
    } else {
      assert.equal(out.code, 143, `round ${round}: ${stdout}${decode(out.stderr)}`);
      assert.equal(last, "RESULT: fail", `round ${round}: exit 143 with ${last}`);
    }
  }
  assert.ok(handled > 0, "some signals arrived after smoke started");
});
