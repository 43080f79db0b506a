import assert from "node:assert/strict";
// Test-only: locked in deno.test.lock, so that running smoke never fetches it.
// deno-lint-ignore no-import-prefix
import fc from "npm:fast-check@4.11.0";
import { sendSignal, type SignalOutcome, signalRoutes, signalsThroughLibc } from "./send_signal.ts";
import { findSetsid, spawnInSession } from "./_spawn.ts";

const linux = Deno.build.os === "linux";
const ROUTES = [{ libc: true }, { libc: false }];

/** A `sleep` leading its own session, once its session exists. */
async function sessionLeader(): Promise<Deno.ChildProcess> {
  const child = spawnInSession(["sh", "-c", "echo ready; exec sleep 30"], {
    cwd: "/",
    env: { PATH: "/usr/bin:/bin" },
    setsid: findSetsid(),
  });
  const reader = child.stdout.getReader();
  const { value } = await reader.read();
  assert.equal(new TextDecoder().decode(value), "ready\n");
  reader.releaseLock();
  child.stderr.cancel();
  return child;
}

Deno.test({
  name: "sendSignal() calls libc where smoke runs with -A on Linux",
  ignore: !linux,
  fn() {
    assert.equal(signalsThroughLibc(), true);
  },
});

Deno.test({
  name:
    "sendSignal() says sent, then gone, for a group and its leader, the same through libc and Deno.kill",
  ignore: !linux,
  async fn() {
    for (const route of ROUTES) {
      const child = await sessionLeader();
      const seen: SignalOutcome[] = [
        sendSignal(child.pid, "SIGCONT", route),
        sendSignal(-child.pid, "SIGCONT", route),
        sendSignal(-child.pid, "SIGKILL", route),
      ];
      assert.equal((await child.status).signal, "SIGKILL", JSON.stringify(route));
      await child.stdout.cancel();
      seen.push(sendSignal(-child.pid, "SIGTERM", route), sendSignal(child.pid, "SIGTERM", route));
      assert.deepEqual(seen, ["sent", "sent", "sent", "gone", "gone"], JSON.stringify(route));
    }
  },
});

Deno.test("property: sendSignal() says gone for any pid or group above pid_max, through either route", () => {
  const pidMax = linux ? Number(Deno.readTextFileSync("/proc/sys/kernel/pid_max")) : 4_194_304;
  fc.assert(
    fc.property(
      fc.integer({ min: pidMax + 1, max: 2 ** 31 - 1 }),
      fc.boolean(),
      fc.constantFrom<Deno.Signal>("SIGTERM", "SIGKILL", "SIGCONT"),
      (pid, group, signal) => {
        const target = group ? -pid : pid;
        for (const route of ROUTES) assert.equal(sendSignal(target, signal, route), "gone");
      },
    ),
    { numRuns: 200 },
  );
});

Deno.test({
  name:
    "sendSignal(): libc's errno answers a gone target itself, nearly always (Deno.kill only asked again)",
  ignore: !linux,
  fn() {
    const before = signalRoutes();
    for (let i = 0; i < 500; i++) assert.equal(sendSignal(-(4_194_305 + i), "SIGTERM"), "gone");
    const after = signalRoutes();
    const byLibc = after.libc - before.libc;
    // errno read back wrong (a runtime call between kill and the read) falls back: rare, not never.
    assert.ok(byLibc >= 475, `libc answered ${byLibc} of 500`);
    assert.equal(byLibc + after.deno - before.deno, 500);
  },
});

Deno.test("sendSignal() refuses what is not one process or one group", () => {
  for (const target of [0, 1, -1, 1.5, Number.NaN, 2 ** 31]) {
    assert.throws(() => sendSignal(target, "SIGKILL"), RangeError, String(target));
  }
});
