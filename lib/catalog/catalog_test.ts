import assert from "node:assert/strict";
import { buildCatalog } from "./catalog.ts";
import { UserError } from "../base/errors.ts";

const where = { cwd: "/p", fixturesDir: "/p/fixtures" };

function catalogError(files: Parameters<typeof buildCatalog>[0]): UserError {
  try {
    buildCatalog(files, where);
  } catch (error) {
    assert.ok(error instanceof UserError, String(error));
    assert.equal(error.exitCode, 2);
    return error;
  }
  assert.fail("buildCatalog did not throw");
}

Deno.test("buildCatalog() derives ids from paths and sorts them", () => {
  const catalog = buildCatalog([
    { path: "z.smoke.ts" },
    { path: "api/health.smoke.ts" },
    { path: "readme.md" },
    { path: "api/cmd.smoke.jsonc", text: '{ "command": ["echo"] }' },
  ], where);
  assert.deepEqual(catalog.map((f) => f.id), ["api/cmd", "api/health", "z"]);
  assert.equal(catalog[1].script, "/p/fixtures/api/health.smoke.ts");
  assert.equal(catalog[1].file, "fixtures/api/health.smoke.ts");
  assert.equal(catalog[0].file, "fixtures/api/cmd.smoke.jsonc");
  assert.equal(catalog[0].cwd, "/p");
});

Deno.test("buildCatalog() shows files relative to the working directory, wherever it is", () => {
  const files = [{ path: "sub/a.smoke.ts" }, {
    path: "b.smoke.jsonc",
    text: '{ "command": ["x"] }',
  }];
  const shown = (cwd: string, fixturesDir: string) =>
    buildCatalog(files, { cwd, fixturesDir }).map((f) => [f.file, f.script ?? f.command]);
  assert.deepEqual(shown("/p", "/p"), [["b.smoke.jsonc", ["x"]], [
    "sub/a.smoke.ts",
    "/p/sub/a.smoke.ts",
  ]]);
  assert.deepEqual(shown("/p/app", "/p/fixtures"), [["../fixtures/b.smoke.jsonc", ["x"]], [
    "../fixtures/sub/a.smoke.ts",
    "/p/fixtures/sub/a.smoke.ts",
  ]]);
  // Run from inside the fixtures directory.
  assert.deepEqual(shown("/p/fixtures/sub", "/p/fixtures"), [["../b.smoke.jsonc", ["x"]], [
    "a.smoke.ts",
    "/p/fixtures/sub/a.smoke.ts",
  ]]);
  assert.deepEqual(shown("/", "/")[1], ["sub/a.smoke.ts", "/sub/a.smoke.ts"]);
});

Deno.test("buildCatalog() applies every manifest key", () => {
  const [fixture] = buildCatalog([
    { path: "a.smoke.ts" },
    {
      path: "a.smoke.jsonc",
      text: `{
        // every key
        "description": "d", "args": ["--x"], "cwd": "sub", "env": { "A": "1" },
        "permissions": ["--allow-net=example.com"], "timeoutMs": 5, "retries": 2,
        "tags": ["t"], "skip": "later",
        "expect": { "exitCode": 3, "stdoutIncludes": ["o"], "stderrIncludes": ["e"],
                    "stdoutExcludes": ["no"], "stderrExcludes": ["ne"] },
      }`,
    },
  ], where);
  assert.equal(fixture.kind, "script");
  assert.equal(fixture.manifestFile, "fixtures/a.smoke.jsonc");
  assert.deepEqual(fixture.args, ["--x"]);
  assert.equal(fixture.cwd, "/p/sub");
  assert.deepEqual(fixture.env, { A: "1" });
  assert.deepEqual(fixture.permissions, ["--allow-net=example.com"]);
  assert.equal(fixture.timeoutMs, 5);
  assert.equal(fixture.retries, 2);
  assert.deepEqual(fixture.tags, ["t"]);
  assert.equal(fixture.description, "d");
  assert.equal(fixture.skipReason, "later");
  assert.deepEqual(fixture.expect, {
    exitCode: 3,
    stdoutIncludes: ["o"],
    stderrIncludes: ["e"],
    stdoutExcludes: ["no"],
    stderrExcludes: ["ne"],
  });
});

Deno.test("buildCatalog() resolves a standalone script relative to the manifest", () => {
  const [fixture] = buildCatalog(
    [{ path: "deep/x.smoke.jsonc", text: '{ "script": "../scripts/check.ts", "skip": true }' }],
    where,
  );
  assert.equal(fixture.script, "/p/fixtures/scripts/check.ts");
  assert.equal(fixture.skipReason, "skipped in manifest");
});

Deno.test("buildCatalog() refuses both or neither of script and command", () => {
  assert.match(
    catalogError([{ path: "x.smoke.jsonc", text: '{ "script": "a.ts", "command": ["a"] }' }])
      .message,
    /exactly one of "script" or "command", not both/,
  );
  assert.match(
    catalogError([{ path: "x.smoke.jsonc", text: '{ "description": "nothing" }' }]).message,
    /exactly one of "script" or "command"/,
  );
});

Deno.test("buildCatalog() refuses permissions on a command and script beside a script", () => {
  assert.match(
    catalogError([{
      path: "x.smoke.jsonc",
      text: '{ "command": ["a"], "permissions": ["--allow-read"] }',
    }]).message,
    /"permissions" applies to Deno scripts/,
  );
  assert.match(
    catalogError([{ path: "x.smoke.ts" }, { path: "x.smoke.jsonc", text: '{ "command": ["a"] }' }])
      .message,
    /configures that script and cannot name "command"/,
  );
});

Deno.test("buildCatalog() names the file, line and column of manifest errors", () => {
  const error = catalogError([{
    path: "api/x.smoke.jsonc",
    text: '{\n  "command": ["a"],\n  "timeoutMS": 5\n}',
  }]);
  assert.match(error.message, /"fixtures\/api\/x\.smoke\.jsonc"/);
  assert.match(
    error.message,
    /line 3, column 3: timeoutMS: unknown key \(did you mean "timeoutMs"\?\)/,
  );
  const syntax = catalogError([{ path: "y.smoke.jsonc", text: '{\n  "command": ["a"\n}' }]);
  assert.match(
    syntax.message,
    /Cannot parse manifest "fixtures\/y\.smoke\.jsonc": .* at line 3, column 1/,
  );
  const types = catalogError([{
    path: "z.smoke.jsonc",
    text: '{ "command": ["a"], "expect": { "exitCode": "0" } }',
  }]);
  assert.match(types.message, /line 1, column 45: expect\.exitCode: .*expected number/);
});

Deno.test("buildCatalog() refuses a timeout no timer can hold, and reads a manifest with a BOM", () => {
  assert.match(
    catalogError([{ path: "x.smoke.jsonc", text: '{ "command": ["a"], "timeoutMs": 1e10 }' }])
      .message,
    /timeoutMs: a timeout is a whole number of milliseconds from 1 to 2147483647/,
  );
  const [fixture] = buildCatalog(
    [{ path: "bom.smoke.jsonc", text: '\uFEFF{ "command": ["a"] }' }],
    where,
  );
  assert.deepEqual(fixture.command, ["a"]);
});

Deno.test("buildCatalog() refuses invalid id characters and case-folded duplicates", () => {
  assert.match(
    catalogError([{ path: "has space.smoke.ts" }]).message,
    /Invalid fixture id "has space"/,
  );
  assert.match(
    catalogError([{ path: "Api.smoke.ts" }, { path: "api.smoke.ts" }]).message,
    /Duplicate fixture id/,
  );
});

Deno.test("buildCatalog() explains skip and env key mistakes", () => {
  assert.match(
    catalogError([{ path: "x.smoke.jsonc", text: '{ "command": ["a"], "skip": 1 }' }]).message,
    /skip: expected true, false or a reason/,
  );
  assert.match(
    catalogError([{ path: "x.smoke.jsonc", text: '{ "command": ["a"], "env": { "A=B": "x" } }' }])
      .message,
    /line 1, column 30: env\.A=B: an environment variable name has no = or NUL/,
  );
});
