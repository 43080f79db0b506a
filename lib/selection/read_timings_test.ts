import assert from "node:assert/strict";
import { readTimings } from "./read_timings.ts";
import { UserError } from "../base/errors.ts";
import { createArtifact } from "../artifact/artifact.ts";

Deno.test("readTimings() names what is wrong with a durations summary it cannot read, and lists an artifact's problems indented", async () => {
  const dir = await Deno.makeTempDir();
  try {
    const refused = async (text: string) => {
      await Deno.writeTextFile(`${dir}/t.json`, text);
      const error = await readTimings({ cwd: dir, artifactDir: ".smoke", timings: "t.json" })
        .then(() => undefined, (e) => e);
      assert.ok(error instanceof UserError, String(error));
      assert.equal(error.code, "SHARD_TIMINGS_INVALID");
      return error.message;
    };
    assert.equal(
      await refused('{"version":2,"runs":1,"fixtures":{"a":[5]},"outcomes":{}}'),
      'Cannot read timings "t.json": a durations summary of version 2 (this smoke reads version 1)',
    );
    assert.match(await refused('{"version":1,"fixtures":[1,2]}'), /"fixtures" is not an object/);
    // Two problems of an artifact: one indented line each under the first.
    const listed = await refused(JSON.stringify({ schemaVersion: 1, runId: 5, fixtures: "x" }));
    const [first, ...rest] = listed.split("\n");
    assert.equal(first, 'Cannot read timings "t.json":');
    assert.ok(rest.length >= 2, listed);
    for (const line of rest) assert.match(line, /^ {2}\S/);
  } finally {
    await Deno.remove(dir, { recursive: true });
  }
});

Deno.test("readTimings() parses the file once, whether it holds a summary or an artifact; not JSON says where", async () => {
  const dir = await Deno.makeTempDir();
  const parse = JSON.parse;
  let parses = 0;
  try {
    const artifact = createArtifact({
      runId: "20261130T120000000Z-aaaaaa",
      mode: "full",
      startedAt: new Date(0),
      finishedAt: new Date(1000),
      version: "0.1.0",
      environment: { deno: "2.9.6", os: "linux", arch: "x86_64", ci: false },
      selection: { fixtureIds: ["a"] },
      fixtures: [{
        id: "a",
        status: "passed",
        durationMs: 1234,
        attempts: 1,
        exitCode: 0,
        signal: null,
        timedOut: false,
      }],
    });
    const texts = {
      summary: '{"version":1,"runs":1,"fixtures":{"a":[1234]}}',
      artifact: JSON.stringify(artifact),
    };
    JSON.parse = ((text: string, reviver?: Parameters<typeof parse>[1]) => {
      if (Object.values(texts).includes(text)) parses++;
      return parse(text, reviver);
    }) as typeof JSON.parse;
    for (const [kind, text] of Object.entries(texts)) {
      parses = 0;
      await Deno.writeTextFile(`${dir}/t.json`, text);
      const read = await readTimings({ cwd: dir, artifactDir: ".smoke", timings: "t.json" });
      assert.deepEqual([...read.timings!.byId], [["a", [1234]]], kind);
      assert.equal(parses, 1, `${kind}: parsed ${parses} times`);
    }
    JSON.parse = parse;
    await Deno.writeTextFile(`${dir}/t.json`, '{\n  "version": 1,\n}');
    const error = await readTimings({ cwd: dir, artifactDir: ".smoke", timings: "t.json" })
      .then(() => undefined, (e) => e);
    assert.ok(error instanceof UserError, String(error));
    assert.equal(
      error.message,
      'Cannot read timings "t.json": unexpected token "}" at line 3, column 1',
    );
  } finally {
    JSON.parse = parse;
    await Deno.remove(dir, { recursive: true });
  }
});

Deno.test("readTimings() from an artifact takes finished results only: an interrupted one was cut short, not measured", async () => {
  const dir = await Deno.makeTempDir();
  try {
    const base = { attempts: 1, signal: null, timedOut: false };
    const artifact = createArtifact({
      runId: "20261130T120000000Z-aaaaaa",
      mode: "full",
      startedAt: new Date(0),
      finishedAt: new Date(3000),
      version: "0.1.0",
      environment: { deno: "2.9.6", os: "linux", arch: "x86_64", ci: false },
      selection: { fixtureIds: ["cut", "done", "failed", "retried"] },
      interrupted: true,
      fixtures: [
        {
          ...base,
          id: "cut",
          status: "failed",
          durationMs: 1400,
          exitCode: null,
          failure: { kind: "interrupted", message: "Interrupted before it finished" },
        },
        { ...base, id: "done", status: "passed", durationMs: 200, exitCode: 0 },
        {
          ...base,
          id: "failed",
          status: "failed",
          durationMs: 300,
          exitCode: 1,
          failure: { kind: "exit-code", message: "Exited with code 1, expected 0" },
        },
        {
          ...base,
          id: "retried",
          status: "failed",
          durationMs: 900,
          attempts: 2,
          exitCode: null,
          failure: { kind: "interrupted", message: "Interrupted before it finished" },
        },
      ],
    });
    await Deno.writeTextFile(`${dir}/t.json`, JSON.stringify(artifact));
    const read = await readTimings({ cwd: dir, artifactDir: ".smoke", timings: "t.json" });
    assert.deepEqual([...read.timings!.byId], [["done", [200]], ["failed", [300]]]);
  } finally {
    await Deno.remove(dir, { recursive: true });
  }
});
