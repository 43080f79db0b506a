/**
 * The artifact loader under generated corrupt and hostile artifacts: the
 * rerun preflight (read, JSON, schema, chain, selection) must end in a
 * preflight error with a contract code, or a selection of catalog ids that
 * failed in the artifact; never in another exception.
 */
import assert from "node:assert/strict";
// Test-only: locked in deno.test.lock, so that running smoke never fetches it.
// deno-lint-ignore no-import-prefix
import fc from "npm:fast-check@4.11.0";
import { fixtureResult } from "../../e2e/_history.ts";
import { createArtifact, type FixtureResult } from "../artifact/artifact.ts";
import { PreflightError } from "../base/errors.ts";
import { historyPaths } from "../artifact/history.ts";
import { preflight } from "./rerun_preflight.ts";
import { readHistoryRun } from "../artifact/run_history.ts";

const CONTRACT_CODES = [
  "ARTIFACT_NOT_FOUND",
  "ARTIFACT_INVALID_JSON",
  "ARTIFACT_SCHEMA_MISMATCH",
  "ARTIFACT_UNSUPPORTED_VERSION",
  "ARTIFACT_TOO_LARGE",
  "NO_RERUNNABLE_FAILURES",
  "RERUN_LIMIT_EXCEEDED",
  "ARTIFACT_NOT_A_RUN",
];

const CATALOG = ["a", "b", "api/health", "api/login", "web/home"];

const HOSTILE_STRINGS = [
  "../../x",
  "/abs",
  "..",
  ".",
  "",
  "a\u0000b",
  "$(rm -rf ~)",
  "ok; touch pwned",
  "x".repeat(10_000),
  "\u202e\u0007\r\n::error::x",
  "__proto__",
  "constructor",
  "-rf",
  "a//b",
];

const hostileId = fc.oneof(fc.constantFrom(...HOSTILE_STRINGS), fc.string());
const status = fc.constantFrom<FixtureResult["status"]>("passed", "failed", "skipped");
const runId = fc.oneof(
  fc.constant("20261125T000000000Z-abcdef"),
  fc.constant("20261124T000000000Z-012345"),
  fc.constantFrom(...HOSTILE_STRINGS),
);

/** A valid artifact (as a JSON value), possibly a rerun pointing at another run. */
const validArtifact = fc.record({
  fixtures: fc.array(fc.record({ id: fc.constantFrom(...CATALOG, "gone"), status }), {
    maxLength: 8,
  }),
  rerunOf: fc.option(runId, { nil: undefined }),
}).map(({ fixtures, rerunOf }) => {
  const unique = [...new Map(fixtures.map((f) => [f.id, f])).values()];
  const results = unique.map((f) => fixtureResult(f));
  return JSON.parse(JSON.stringify(createArtifact({
    runId: "20261125T000000000Z-abcdef",
    mode: rerunOf === undefined ? "full" : "rerun-failed",
    startedAt: new Date(0),
    finishedAt: new Date(10),
    version: "0.1.0",
    environment: { deno: "2.9.6", os: "linux", arch: "x86_64", ci: false },
    selection: {
      fixtureIds: results.map((f) => f.id),
      ...(rerunOf === undefined
        ? {}
        : { source: { path: "latest.json", runId: rerunOf, sha256: "0".repeat(64) } }),
    },
    fixtures: results,
  }))) as Record<string, unknown>;
});

/** Something to put where a field was. */
const hostileValue: fc.Arbitrary<unknown> = fc.oneof(
  fc.constantFrom(...HOSTILE_STRINGS),
  fc.jsonValue({ maxDepth: 3 }),
  fc.constantFrom(null, true, 0, -1, 1e308, 4294967295, 2, 1.5, [], {}),
  fc.integer({ min: 1, max: 3000 }).map((depth) => {
    let value: unknown = "deep";
    for (let i = 0; i < depth; i++) value = [value];
    return value;
  }),
);

/** Every path into a JSON value (objects and arrays), up to a depth. */
function pathsOf(
  value: unknown,
  depth = 4,
  prefix: (string | number)[] = [],
): (string | number)[][] {
  const out: (string | number)[][] = [prefix];
  if (depth === 0 || value === null || typeof value !== "object") return out;
  const keys = Array.isArray(value) ? value.map((_, i) => i) : Object.keys(value);
  for (const key of keys) {
    out.push(...pathsOf((value as Record<string, unknown>)[key], depth - 1, [...prefix, key]));
  }
  return out;
}

/** A valid artifact with fields deleted or replaced by hostile values. */
const mutatedArtifact = fc.tuple(
  validArtifact,
  fc.array(fc.tuple(fc.nat(), fc.boolean(), hostileValue), { minLength: 1, maxLength: 4 }),
).map(([artifact, mutations]) => {
  for (const [pick, remove, replacement] of mutations) {
    const paths = pathsOf(artifact).filter((p) => p.length > 0);
    if (paths.length === 0) break;
    const path = paths[pick % paths.length];
    let parent = artifact as Record<string | number, unknown>;
    for (const key of path.slice(0, -1)) parent = parent[key] as Record<string | number, unknown>;
    const last = path.at(-1)!;
    if (remove && !Array.isArray(parent)) delete parent[last];
    else parent[last] = replacement;
  }
  return artifact;
});

const encoder = new TextEncoder();
const toBytes = (value: unknown) => encoder.encode(JSON.stringify(value));

/** The bytes of a source artifact: valid and mutated artifacts weigh most. */
const artifactBytes: fc.Arbitrary<Uint8Array> = fc.oneof(
  { arbitrary: validArtifact.map(toBytes), weight: 4 },
  { arbitrary: mutatedArtifact.map(toBytes), weight: 4 },
  {
    arbitrary: fc.tuple(validArtifact, fc.oneof(fc.integer(), hostileValue)).map((
      [value, version],
    ) => toBytes({ ...value, schemaVersion: version })),
    weight: 1,
  },
  {
    // Hostile ids in place of good ones, some of them kept.
    arbitrary: fc.tuple(validArtifact, fc.array(fc.option(hostileId), { maxLength: 8 })).map((
      [value, ids],
    ) => {
      const fixtures = value.fixtures as { id: string }[];
      ids.forEach((id, i) => {
        if (id !== null && fixtures[i]) fixtures[i].id = id;
      });
      return toBytes(value);
    }),
    weight: 2,
  },
  { arbitrary: fc.jsonValue().map(toBytes), weight: 1 },
  {
    // Truncated at any byte, a multi-byte character cut included.
    arbitrary: fc.tuple(mutatedArtifact, fc.nat()).map(([value, cut]) => {
      const bytes = encoder.encode(JSON.stringify({ ...value, note: "é€😀" }));
      return bytes.subarray(0, cut % (bytes.length + 1));
    }),
    weight: 1,
  },
  { arbitrary: fc.uint8Array({ maxLength: 200 }), weight: 1 },
  {
    arbitrary: fc.tuple(fc.integer({ min: 1, max: 20_000 }), fc.constantFrom("[", '{"a":'))
      .map(([depth, open]) => encoder.encode(open.repeat(depth))),
    weight: 1,
  },
);

Deno.test("preflight(): generated corrupt and hostile artifacts give a contract code or a valid selection", async () => {
  const dir = await Deno.makeTempDir();
  const history = historyPaths(dir);
  await Deno.mkdir(history.runs, { recursive: true });
  const path = `${dir}/source.json`;
  const seen = new Map<string, number>();
  const count = (outcome: string) => seen.set(outcome, (seen.get(outcome) ?? 0) + 1);
  try {
    await fc.assert(
      fc.asyncProperty(
        artifactBytes,
        fc.option(artifactBytes, { nil: undefined }),
        fc.subarray(CATALOG),
        fc.option(fc.integer({ min: 0, max: 5 }), { nil: undefined }),
        async (bytes, parent, selectedIds, maxFailures) => {
          await Deno.writeFile(path, bytes);
          // A parent run in the history, for a source that is a rerun.
          for (const entry of Deno.readDirSync(history.runs)) {
            Deno.removeSync(`${history.runs}/${entry.name}`);
          }
          if (parent) {
            await Deno.writeFile(`${history.runs}/20261124T000000000Z-012345.json`, parent);
          }
          let outcome;
          try {
            outcome = await preflight({
              path,
              shownPath: "source.json",
              catalogIds: CATALOG,
              selectedIds,
              patterns: [],
              maxFailures,
              fallback: "deno task smoke",
              readRun: (id) => readHistoryRun(history, id),
            });
          } catch (error) {
            if (!(error instanceof PreflightError)) throw error;
            assert.ok(CONTRACT_CODES.includes(error.code), error.code);
            assert.ok(error.hints.some((hint) => hint.startsWith("Manual fallback: ")));
            count(error.code);
            return;
          }
          const failed = new Set(outcome.failed.map((f) => f.id));
          const owed = new Set(
            [...outcome.state.entries.values()].filter((e) => e.status === "failed").map((e) =>
              e.id
            ),
          );
          assert.ok(outcome.rerunIds.length > 0);
          for (const rerunId of outcome.rerunIds) {
            assert.ok(selectedIds.includes(rerunId), rerunId);
            assert.ok(CATALOG.includes(rerunId), rerunId);
            assert.ok(failed.has(rerunId) && owed.has(rerunId), rerunId);
          }
          count("selection");
        },
      ),
      { numRuns: 300 },
    );
    // The generators reach every outcome, or the property would hold vacuously.
    for (const outcome of ["selection", ...CONTRACT_CODES.slice(1, 4), "NO_RERUNNABLE_FAILURES"]) {
      assert.ok((seen.get(outcome) ?? 0) > 0, `never saw ${outcome}: ${[...seen]}`);
    }
  } finally {
    await Deno.remove(dir, { recursive: true });
  }
});

Deno.test("preflight(): the source artifact is read only as a regular file", async () => {
  const dir = await Deno.makeTempDir();
  try {
    const fifo = `${dir}/latest.json`;
    const made = await new Deno.Command("mkfifo", { args: [fifo] }).output();
    assert.ok(made.success);
    const cases: [string, string, RegExp][] = [
      [fifo, "ARTIFACT_NOT_FOUND", /: it is a FIFO, not a regular file$/],
      ["/dev/zero", "ARTIFACT_NOT_FOUND", /: it is a character device, not a regular file$/],
      [dir, "ARTIFACT_NOT_FOUND", /: it is a directory$/],
      [`${dir}/${"x".repeat(5000)}`, "ARTIFACT_NOT_FOUND", /: the path is too long/],
    ];
    for (const [path, code, message] of cases) {
      await assert.rejects(
        () =>
          preflight({
            path,
            shownPath: "latest.json",
            catalogIds: CATALOG,
            selectedIds: CATALOG,
            patterns: [],
            fallback: "deno task smoke",
          }),
        (error: unknown) => {
          assert.ok(error instanceof PreflightError, String(error));
          assert.equal(error.code, code);
          assert.match(error.message, message);
          return true;
        },
      );
    }
  } finally {
    await Deno.remove(dir, { recursive: true });
  }
});

Deno.test("preflight(): every unusable-artifact hint names the newest real run with the exact command; none without one", async () => {
  const dir = await Deno.makeTempDir();
  try {
    const run = (mode: "full" | "rerun-failed", fixtures: FixtureResult[]) =>
      createArtifact({
        runId: "20261129T212311123Z-3fa9c1-preflight",
        mode,
        startedAt: new Date(0),
        finishedAt: new Date(10),
        version: "0.1.0",
        environment: { deno: "2.9.6", os: "linux", arch: "x86_64", ci: false },
        selection: { fixtureIds: fixtures.map((f) => f.id) },
        fixtures,
        diagnostics: [{ code: "ARTIFACT_INVALID_JSON", level: "error", message: "damaged" }],
      });
    const diagnostics = run("rerun-failed", []);
    const valid = {
      ...run("full", [fixtureResult({ id: "a", status: "failed" })]),
      runId: "20261129T200000000Z-aaaaaa",
    };
    const files: Record<string, string> = {
      "damaged.json": "{ damaged",
      "other.json": JSON.stringify({ schemaVersion: 1, runId: 7 }),
      "future.json": JSON.stringify({ ...valid, schemaVersion: 2 }),
      "preflight.json": JSON.stringify(diagnostics),
    };
    for (const [name, text] of Object.entries(files)) {
      await Deno.writeTextFile(`${dir}/${name}`, text);
    }
    const huge = await Deno.open(`${dir}/huge.json`, { create: true, write: true });
    await huge.truncate(65 * 1024 * 1024);
    huge.close();
    const cases: Array<[string, string]> = [
      ["missing.json", "ARTIFACT_NOT_FOUND"],
      ["damaged.json", "ARTIFACT_INVALID_JSON"],
      ["other.json", "ARTIFACT_SCHEMA_MISMATCH"],
      ["future.json", "ARTIFACT_UNSUPPORTED_VERSION"],
      ["huge.json", "ARTIFACT_TOO_LARGE"],
      ["preflight.json", "ARTIFACT_NOT_A_RUN"],
    ];
    const fallback = "deno task smoke --artifact-dir 'my arts'";
    const newest = { runId: "20261129T200000000Z-aaaaaa", shown: "my arts/runs/r.json" };
    const exact = "Rerun from the newest saved run: deno task smoke --artifact-dir 'my arts' " +
      "--rerun-failed --artifact 'my arts/runs/r.json'";
    for (const [name, code] of cases) {
      for (const saved of [newest, undefined]) {
        let lookups = 0;
        const error = await preflight({
          path: `${dir}/${name}`,
          shownPath: name,
          catalogIds: CATALOG,
          selectedIds: CATALOG,
          patterns: [],
          fallback,
          newestRun: () => (lookups++, Promise.resolve(saved)),
        }).then(() => undefined, (e) => e);
        const context = `${name} (${saved ? "a saved run" : "no saved run"})`;
        assert.ok(error instanceof PreflightError, `${context}: ${error}`);
        assert.equal(error.code, code, context);
        assert.equal(lookups, 1, `${context}: looked up once`);
        assert.equal(
          error.hints.includes(exact),
          saved !== undefined,
          `${context}: ${error.hints}`,
        );
        assert.ok(error.hints.at(-1)!.startsWith("Manual fallback: "), context);
        if (!saved) assert.ok(!error.hints.some((h) => h.includes("newest saved run")), context);
      }
    }
    // What it is, in the message.
    const refused = await preflight({
      path: `${dir}/preflight.json`,
      shownPath: "preflight.json",
      catalogIds: CATALOG,
      selectedIds: CATALOG,
      patterns: [],
      fallback,
    }).then(() => undefined, (e) => e);
    assert.equal(
      refused?.message,
      'Cannot rerun from "preflight.json": it records a failed preflight ' +
        `(run ${diagnostics.runId} ran nothing), not a run`,
    );
    // A usable artifact never looks the history up.
    await Deno.writeTextFile(`${dir}/valid.json`, JSON.stringify(valid));
    let lookups = 0;
    const passed = await preflight({
      path: `${dir}/valid.json`,
      shownPath: "valid.json",
      catalogIds: CATALOG,
      selectedIds: CATALOG,
      patterns: [],
      fallback,
      newestRun: () => (lookups++, Promise.resolve(newest)),
    });
    assert.deepEqual(passed.rerunIds, ["a"]);
    assert.equal(lookups, 0);
  } finally {
    await Deno.remove(dir, { recursive: true });
  }
});

Deno.test("preflight(): RERUN_LIMIT_EXCEEDED names the cause 3+ outstanding failures share", async () => {
  const dir = await Deno.makeTempDir();
  try {
    const runId = "20261125T000000000Z-abcdef";
    const refused = (id: string): FixtureResult => ({
      ...fixtureResult({ id, status: "failed" }),
      stderrTail: "error: Uncaught (in promise) TypeError: fetch failed\nCaused by: Error: " +
        "error sending request for url (http://127.0.0.1:8000/health): client error (Connect): " +
        "tcp connect error: Connection refused (os error 111)\n",
    });
    const write = async (fixtures: FixtureResult[]) => {
      const artifact = createArtifact({
        runId,
        mode: "full",
        startedAt: new Date(0),
        finishedAt: new Date(1),
        version: "0.1.0",
        environment: { deno: "2.9.6", os: "linux", arch: "x86_64", ci: false },
        selection: { fixtureIds: fixtures.map((f) => f.id) },
        fixtures,
      });
      await Deno.writeTextFile(`${dir}/latest.json`, JSON.stringify(artifact));
    };
    const hints = async () => {
      try {
        await preflight({
          path: `${dir}/latest.json`,
          shownPath: "latest.json",
          catalogIds: CATALOG,
          selectedIds: CATALOG,
          patterns: [],
          maxFailures: 1,
          fallback: "deno task smoke",
        });
      } catch (error) {
        if (!(error instanceof PreflightError)) throw error;
        assert.equal(error.code, "RERUN_LIMIT_EXCEEDED");
        return error.hints;
      }
      assert.fail("the preflight passed");
    };
    await write([
      refused("a"),
      refused("api/health"),
      fixtureResult({ id: "b", status: "failed" }),
      refused("api/login"),
    ]);
    const shared = await hints();
    assert.equal(
      shared[0],
      "3 of them share one cause: connection refused on 127.0.0.1:8000; fix that first.",
    );
    assert.match(shared[1], /broken environment/);
    // Two of one cause make no group: the hints are as before.
    await write([
      refused("a"),
      refused("api/health"),
      fixtureResult({ id: "b", status: "failed" }),
    ]);
    const none = await hints();
    assert.ok(!none.some((h) => h.includes("share one cause")), none.join("\n"));
    assert.match(none[0], /broken environment/);
  } finally {
    await Deno.remove(dir, { recursive: true });
  }
});
