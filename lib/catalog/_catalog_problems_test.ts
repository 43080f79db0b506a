import assert from "node:assert/strict";
// Test-only: locked in deno.test.lock, so that running smoke never fetches it.
// deno-lint-ignore no-import-prefix
import fc from "npm:fast-check@4.11.0";
import { buildCatalog, MAX_LISTED_PROBLEMS, scanCatalog } from "./catalog.ts";
import { formatUserError, UserError } from "../base/errors.ts";

const where = { cwd: "/p", fixturesDir: "/p/fixtures" };

/** What can be wrong with a fixture's files, each with the words its problem is reported in. */
const KINDS = {
  good: undefined,
  syntax: /Cannot parse manifest/,
  unknownKey: /unknown key/,
  both: /exactly one of "script" or "command", not both/,
  badId: /Invalid fixture id/,
} as const;
type Kind = keyof typeof KINDS;

function filesOf(id: string, kind: Kind) {
  switch (kind) {
    case "good":
      return [{ path: `${id}.smoke.jsonc`, text: '{ "command": ["true"] }' }];
    case "syntax":
      return [{ path: `${id}.smoke.jsonc`, text: '{ "command": ["true"],, }' }];
    case "unknownKey":
      return [{ path: `${id}.smoke.jsonc`, text: '{ "command": ["true"], "retry": 1 }' }];
    case "both":
      return [{ path: `${id}.smoke.jsonc`, text: '{ "command": ["a"], "script": "a.ts" }' }];
    case "badId":
      return [{ path: `${id} x.smoke.ts` }];
  }
}

function thrown(run: () => unknown): UserError {
  try {
    run();
  } catch (error) {
    assert.ok(error instanceof UserError, String(error));
    return error;
  }
  assert.fail("did not throw");
}

Deno.test("buildCatalog() reports every broken fixture, in file order, up to the cap with a count", () => {
  const segment = fc.stringMatching(/^[a-z][a-z0-9_-]{0,5}$/);
  const fixtures = fc.uniqueArray(
    fc.tuple(
      fc.array(segment, { minLength: 1, maxLength: 3 }).map((s) => s.join("/")),
      fc.constantFrom(...Object.keys(KINDS) as Kind[]),
    ),
    { minLength: 1, maxLength: 30, selector: ([id]) => id.toLowerCase() },
  );
  fc.assert(
    fc.property(fixtures, fc.boolean(), (list, reversed) => {
      const files = list.flatMap(([id, kind]) => filesOf(id, kind));
      if (reversed) files.reverse();
      const broken = list.filter(([, kind]) => kind !== "good")
        .map(([id, kind]) => ({ path: filesOf(id, kind)[0].path, kind }))
        .sort((a, b) => {
          // File order: folder by folder, as the walk visits them.
          const x = a.path.split("/");
          const y = b.path.split("/");
          for (let i = 0; i < Math.min(x.length, y.length); i++) {
            if (x[i] !== y[i]) return x[i] < y[i] ? -1 : 1;
          }
          return x.length - y.length;
        });
      if (broken.length === 0) {
        assert.equal(buildCatalog(files, where).length, list.length);
        return;
      }
      const error = thrown(() => buildCatalog(files, where));
      assert.equal(error.exitCode, 2);
      assert.match(error.hints.at(-1)!, /^Every run checks the whole catalog/);
      if (broken.length === 1) {
        assert.equal(error.code, undefined, "one problem reads as it always did");
        assert.match(error.message, KINDS[broken[0].kind]!);
        return;
      }
      assert.equal(error.code, "CATALOG_INVALID");
      const text = formatUserError(error);
      const entries = text.split("\n").filter((line) => /^ {2}\d+\) /.test(line));
      const listed = broken.slice(0, MAX_LISTED_PROBLEMS);
      assert.equal(entries.length, listed.length, text);
      listed.forEach(({ path, kind }, i) => {
        assert.ok(entries[i].startsWith(`  ${i + 1}) `), entries[i]);
        assert.ok(entries[i].includes(`"fixtures/${path}"`), `${path}: ${entries[i]}`);
        // Unknown keys are listed on the lines below the entry's first.
        if (kind !== "unknownKey") assert.match(entries[i], KINDS[kind]!);
      });
      const more = broken.length - listed.length;
      assert.equal(
        text.includes(`  ... and ${more} more problem`),
        more > 0,
        `count of the rest: ${more}`,
      );
      assert.match(text, new RegExp(`: ${broken.length} problems, `));
    }),
  );
});

Deno.test("buildCatalog(): each problem keeps its lines and hints, indented under its number", () => {
  const error = thrown(() =>
    buildCatalog([
      { path: "a.smoke.jsonc", text: '{\n  "command": ["true"],\n  "retry": 1,\n  "tag": []\n}' },
      { path: "A.smoke.ts" },
      { path: "b.smoke.jsonc", text: "{" },
    ], where)
  );
  assert.equal(
    formatUserError(error),
    [
      'error: Cannot read catalog "fixtures": 3 problems, in file order [CATALOG_INVALID]:',
      // "A.smoke.ts" sorts before "a.smoke.jsonc"; the second of the two ids is the duplicate.
      '  1) Duplicate fixture id: "A" and "a" differ only in case',
      "     hint: Rename one of them: ids must stay distinct on case-insensitive file systems.",
      '  2) Invalid manifest "fixtures/a.smoke.jsonc":',
      '       line 3, column 3: retry: unknown key (did you mean "retries"?)',
      '       line 4, column 3: tag: unknown key (did you mean "tags"?)',
      "     hint: Allowed manifest keys: description, script, command, args, cwd, env, " +
      "permissions, timeoutMs, retries, tags, needs, teardown, skip, expect. See the README.",
      '  3) Cannot parse manifest "fixtures/b.smoke.jsonc": closing "}" expected at end of input ' +
      "at line 1, column 2",
      "     hint: Fix the JSONC syntax.",
      "hint: Every run checks the whole catalog, whatever --fixture selects: fix or remove them.",
    ].join("\n"),
  );
});

Deno.test("scanCatalog(): a fixture file that cannot be read holds back its id's other file", () => {
  const dir = Deno.makeTempDirSync();
  try {
    Deno.mkdirSync(`${dir}/fixtures`);
    // The manifest configures the script; with the script unusable, it is no lone manifest.
    Deno.symlinkSync("gone.ts", `${dir}/fixtures/x.smoke.ts`);
    Deno.writeTextFileSync(`${dir}/fixtures/x.smoke.jsonc`, '{ "timeoutMs": 5 }');
    Deno.writeTextFileSync(`${dir}/fixtures/y.smoke.jsonc`, "{ nope }");
    const error = thrown(() => scanCatalog({ cwd: dir, fixturesDir: `${dir}/fixtures` }));
    const text = formatUserError(error);
    assert.match(text, /: 2 problems, in file order/);
    assert.match(text, /^ {2}1\) Cannot read fixture "fixtures\/x\.smoke\.ts": it is a symlink/m);
    assert.match(text, /^ {2}2\) Cannot parse manifest "fixtures\/y\.smoke\.jsonc"/m);
  } finally {
    Deno.removeSync(dir, { recursive: true });
  }
});
