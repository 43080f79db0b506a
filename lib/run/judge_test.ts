import assert from "node:assert/strict";
import { judge, type JudgedFixture } from "./judge.ts";
import type { ProcessOutcome } from "./process.ts";

const stream = (tail = "", found: boolean[] = []) => ({ tail, bytes: tail.length, found });
const outcome = (over: Partial<ProcessOutcome> = {}): ProcessOutcome => ({
  exitCode: 0,
  signal: null,
  timedOut: false,
  interrupted: false,
  durationMs: 1,
  stdout: stream(),
  stderr: stream(),
  outputLeaked: false,
  ...over,
});
const expect = {
  exitCode: 0,
  stdoutIncludes: [] as string[],
  stderrIncludes: [] as string[],
  stdoutExcludes: [] as string[],
  stderrExcludes: [] as string[],
};
const fixture = (over: Partial<JudgedFixture> = {}): JudgedFixture => ({
  expect,
  kind: "script",
  file: "fixtures/a.smoke.ts",
  timeoutMs: 1000,
  permissions: [],
  ...over,
});

Deno.test("judge() passes exit 0 with no expectations", () => {
  assert.deepEqual(judge(outcome(), fixture()), { passed: true });
});

Deno.test("judge() checks the expected exit code", () => {
  const f = fixture({ expect: { ...expect, exitCode: 3 } });
  assert.equal(judge(outcome({ exitCode: 3 }), f).passed, true);
  assert.deepEqual(judge(outcome({ exitCode: 0 }), f).failure, {
    kind: "exit-code",
    message: "Exited with code 0, expected 3",
  });
});

Deno.test("judge() reports a signal death", () => {
  const failure = judge(outcome({ exitCode: null, signal: "SIGKILL" }), fixture()).failure;
  assert.equal(failure?.kind, "exit-code");
  assert.match(failure!.message, /Killed by SIGKILL/);
});

Deno.test("judge() names timeouts, spawn errors and interrupts before the exit code", () => {
  assert.equal(
    judge(outcome({ timedOut: true, exitCode: null, signal: "SIGTERM" }), fixture()).failure?.kind,
    "timeout",
  );
  assert.equal(judge(outcome({ spawnError: "Cannot start" }), fixture()).failure?.kind, "spawn");
  assert.equal(
    judge(outcome({ interrupted: true, timedOut: true }), fixture()).failure?.kind,
    "interrupted",
  );
});

Deno.test("judge() turns a Deno permission denial into a permission failure with the grant", () => {
  const stderr = stream(
    'error: Uncaught NotCapable: Requires read access to "/etc/hostname", run again with the --allow-read flag',
  );
  const plain = judge(outcome({ exitCode: 1, stderr }), fixture()).failure!;
  assert.equal(plain.kind, "permission");
  assert.match(plain.message, /Deno denied read access to "\/etc\/hostname"/);
  assert.match(
    plain.message,
    /"fixtures\/a\.smoke\.jsonc": \{ "permissions": \["--allow-read=\/etc\/hostname"\] \}/,
  );
  const withManifest = judge(
    outcome({ exitCode: 1, stderr }),
    fixture({ manifestFile: "fixtures/a.smoke.jsonc", permissions: ["--allow-env"] }),
  ).failure!;
  assert.match(withManifest.message, /\["--allow-env","--allow-read=\/etc\/hostname"\]/);
  const command = judge(outcome({ exitCode: 1, stderr }), fixture({ kind: "command" })).failure!;
  assert.equal(command.kind, "exit-code", "a command's stderr is not Deno's");
});

Deno.test("judge() lists every unmet output expectation", () => {
  const f = fixture({
    expect: {
      ...expect,
      stdoutIncludes: ["ready", "ok"],
      stdoutExcludes: ["panic"],
      stderrIncludes: [],
      stderrExcludes: ["warn"],
    },
  });
  const failure = judge(
    outcome({ stdout: stream("", [true, false, true]), stderr: stream("", [true]) }),
    f,
  ).failure!;
  assert.equal(failure.kind, "expectation");
  assert.equal(
    failure.message,
    'stdout does not include "ok"; stdout includes "panic"; stderr includes "warn"',
  );
  assert.equal(
    judge(outcome({ stdout: stream("", [true, true, false]), stderr: stream("", [false]) }), f)
      .passed,
    true,
  );
});
