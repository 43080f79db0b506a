import assert from "node:assert/strict";
import { join } from "node:path";
import { createArtifact } from "../artifact/artifact.ts";
import { ArtifactSchema } from "../artifact/artifact_schema.ts";
import { UserError } from "../base/errors.ts";
import { parseFlags } from "./flags.ts";
import { runMerge } from "./merge_command.ts";

const passed = {
  id: "a",
  status: "passed" as const,
  durationMs: 1,
  attempts: 1,
  exitCode: 0,
  signal: null,
  timedOut: false,
};

/** An interrupt that comes after its first `checks` checks (a signal while the merge goes on). */
function signalAfter(checks: number, reason: string): AbortSignal {
  let seen = 0;
  return {
    get aborted() {
      return ++seen > checks;
    },
    reason,
  } as AbortSignal;
}

async function withShard(fn: (cwd: string) => Promise<void>): Promise<void> {
  const cwd = await Deno.makeTempDir({ prefix: "smoke-merge-" });
  try {
    await Deno.writeTextFile(
      join(cwd, "shard-1.json"),
      JSON.stringify(createArtifact({
        runId: "20261125T100000000Z-aaaaaa",
        mode: "full",
        startedAt: new Date(0),
        finishedAt: new Date(1),
        version: "0.1.0",
        environment: { deno: "2.9.6", os: "linux", arch: "x86_64", ci: false },
        selection: { fixtureIds: ["a"] },
        fixtures: [passed],
      })),
    );
    await fn(cwd);
  } finally {
    await Deno.remove(cwd, { recursive: true });
  }
}

function io(cwd: string, signal: AbortSignal) {
  const out: string[] = [];
  return {
    out,
    io: {
      cwd,
      env: {},
      stdout: (text: string) => out.push(text),
      stderr: () => {},
      isTerminal: false,
      invocation: "deno task smoke",
      now: () => new Date(Date.UTC(2026, 10, 25, 12)),
      signal,
    },
  };
}

Deno.test("runMerge: a signal before it writes writes nothing; one while it writes lets the files be written whole and fails with the signal's code, naming the file; nothing printed either way", async () => {
  for (const [name, code] of [["SIGINT", 130], ["SIGTERM", 143], ["SIGHUP", 129]] as const) {
    // Before: the first check stops it.
    await withShard(async (cwd) => {
      const edges = io(cwd, signalAfter(0, name));
      await assert.rejects(
        () => runMerge(parseFlags(["merge", "shard-1.json"]), edges.io),
        (error: unknown) =>
          error instanceof UserError && error.exitCode === code &&
          error.message === `Stopped by ${name}: the merge wrote nothing`,
      );
      assert.deepEqual(edges.out, []);
      await assert.rejects(() => Deno.stat(join(cwd, ".planning")), Deno.errors.NotFound);
    });
    // While writing (after the first check): into the artifact directory, then to --out.
    for (const out of [undefined, "merged.json"]) {
      await withShard(async (cwd) => {
        const edges = io(cwd, signalAfter(1, name));
        const args = ["merge", "shard-1.json", ...(out ? ["--out", out] : [])];
        let message = "";
        await assert.rejects(
          () => runMerge(parseFlags(args), edges.io),
          (error: unknown) => {
            message = (error as Error).message;
            return error instanceof UserError && error.exitCode === code;
          },
        );
        const written = out ?? ".planning/artifacts/smoke/latest.json";
        const merged = ArtifactSchema.parse(
          JSON.parse(await Deno.readTextFile(join(cwd, written))),
        );
        const shown = out ??
          `.planning/artifacts/smoke/runs/${merged.runId}.json, and ` +
            ".planning/artifacts/smoke/latest.json with it";
        assert.equal(
          message,
          `Stopped by ${name}: the merged artifact was written (${shown}), but the merge does ` +
            "not pass",
        );
        assert.deepEqual(edges.out, []);
        // The lock is released.
        await assert.rejects(
          () => Deno.stat(join(cwd, ".planning/artifacts/smoke/.lock")),
          Deno.errors.NotFound,
        );
      });
    }
  }
});
