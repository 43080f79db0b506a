import assert from "node:assert/strict";
import { createConsoleReporter } from "./console.ts";
import { palette } from "./console_render.ts";
import { terminalControl } from "../base/safe_output.ts";
import type { FixtureEnd } from "./reporter.ts";

function end(id: string, over: Partial<FixtureEnd["result"]> = {}): FixtureEnd {
  return {
    result: {
      id,
      status: "failed",
      durationMs: 1,
      attempts: 1,
      exitCode: 1,
      signal: null,
      timedOut: false,
      failure: { kind: "exit-code", message: "exited with code 1" },
      ...over,
    },
    failedAttempts: [],
    outputLeaked: false,
  };
}

Deno.test("the live status line counts quarantined and blocked fixtures apart from failed ones", () => {
  let out = "";
  const reporter = createConsoleReporter({
    write: (text) => (out += text),
    colors: palette(false),
    live: true,
    columns: () => 200,
    now: () => 0,
    refreshMs: 60_000,
  });
  reporter.onBegin?.({ runId: "r", fixtures: [], concurrency: 2 } as never);
  reporter.onFixtureEnd?.(end("a", { status: "passed", exitCode: 0, failure: undefined }));
  reporter.onFixtureEnd?.(end("b"));
  reporter.onFixtureEnd?.(
    end("c", {
      attempts: 0,
      failure: { kind: "blocked", message: "Blocked by b" },
      blockedBy: "b",
    }),
  );
  reporter.onFixtureEnd?.(
    end("d", {
      quarantined: { reason: "flaky upstream", owner: "@qa", until: "2099-01-01" },
    }),
  );
  reporter.close();
  // The last status line drawn, which close() then cleared.
  const last = out.split(terminalControl("\r\x1b[2K")).at(-2)?.split("\n").at(-1);
  assert.equal(last, "[4/0] 1 passed, 1 failed, 1 quarantined, 1 blocked");
});
