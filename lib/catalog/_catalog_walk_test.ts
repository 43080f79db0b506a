import assert from "node:assert/strict";
// Test-only: locked in deno.test.lock, so that running smoke never fetches it.
// deno-lint-ignore no-import-prefix
import fc from "npm:fast-check@4.11.0";
import { scanCatalog } from "./catalog.ts";
import { UserError } from "../base/errors.ts";

/** A temporary project: `<dir>/fixtures` is the fixtures directory. */
function project(): { dir: string; fixtures: string; [Symbol.dispose](): void } {
  const dir = Deno.makeTempDirSync();
  Deno.mkdirSync(`${dir}/fixtures`);
  return {
    dir,
    fixtures: `${dir}/fixtures`,
    [Symbol.dispose]: () => Deno.removeSync(dir, { recursive: true }),
  };
}

function scan(dir: string) {
  return scanCatalog({ cwd: dir, fixturesDir: `${dir}/fixtures` });
}

function scanError(dir: string): UserError {
  try {
    scan(dir);
  } catch (error) {
    assert.ok(error instanceof UserError, String(error));
    assert.equal(error.exitCode, 2);
    assert.equal(error.kind, "catalog");
    assert.ok(error.hints.length > 0);
    return error;
  }
  assert.fail("scanCatalog did not throw");
}

async function sh(cwd: string, script: string): Promise<void> {
  const out = await new Deno.Command("sh", { args: ["-c", script], cwd, stderr: "piped" }).output();
  assert.ok(out.success, new TextDecoder().decode(out.stderr));
}

Deno.test("scanCatalog() follows directory symlinks out of the folder, ids through the link's name; a second way in is skipped", () => {
  using p = project();
  Deno.mkdirSync(`${p.fixtures}/real/deep`, { recursive: true });
  Deno.writeTextFileSync(`${p.fixtures}/real/deep/a.smoke.ts`, "");
  Deno.mkdirSync(`${p.dir}/outside`);
  Deno.writeTextFileSync(`${p.dir}/outside/b.smoke.jsonc`, '{ "command": ["true"] }');
  Deno.symlinkSync("real", `${p.fixtures}/alias`);
  Deno.symlinkSync("../outside", `${p.fixtures}/ext`);
  Deno.symlinkSync("real/deep/a.smoke.ts", `${p.fixtures}/linked.smoke.ts`);
  Deno.symlinkSync("nowhere", `${p.fixtures}/dangling.txt`);
  Deno.symlinkSync("..", `${p.fixtures}/.dot-link`);
  Deno.symlinkSync("..", `${p.fixtures}/node_modules`);
  const { fixtures, diagnostics } = scan(p.dir);
  assert.deepEqual(fixtures.map((f) => f.id), ["ext/b", "linked", "real/deep/a"]);
  assert.equal(fixtures[0].manifestFile, "fixtures/ext/b.smoke.jsonc");
  assert.deepEqual(diagnostics.map((d) => [d.code, d.level, d.message]), [[
    "SYMLINK_OUTSIDE",
    "warning",
    `Followed symlink "fixtures/ext" out of the fixtures directory to "${
      Deno.realPathSync(`${p.dir}/outside`)
    }"`,
  ], [
    "SYMLINK_DUPLICATE",
    "warning",
    'Skipped symlink "fixtures/alias": its folder is in the catalog already, as "fixtures/real"',
  ]]);
});

Deno.test("scanCatalog() skips links back to a folder it is in, and cycles of links, with warnings", () => {
  using p = project();
  Deno.mkdirSync(`${p.fixtures}/a/b`, { recursive: true });
  Deno.writeTextFileSync(`${p.fixtures}/a/b/x.smoke.ts`, "");
  Deno.symlinkSync(".", `${p.fixtures}/a/b/self`);
  Deno.symlinkSync("..", `${p.fixtures}/a/b/top`);
  Deno.symlinkSync(p.fixtures, `${p.fixtures}/a/abs`);
  Deno.symlinkSync("c2", `${p.fixtures}/c1`);
  Deno.symlinkSync("c1", `${p.fixtures}/c2`);
  const { fixtures, diagnostics } = scan(p.dir);
  assert.deepEqual(fixtures.map((f) => f.id), ["a/b/x"]);
  assert.deepEqual(diagnostics.map((d) => d.message), [
    'Skipped symlink "fixtures/a/abs": it leads back to "fixtures", a folder it is in',
    'Skipped symlink "fixtures/a/b/self": it leads back to "fixtures/a/b", a folder it is in',
    'Skipped symlink "fixtures/a/b/top": it leads back to "fixtures/a", a folder it is in',
    'Skipped symlink "fixtures/c1": it is a loop of symlinks',
    'Skipped symlink "fixtures/c2": it is a loop of symlinks',
  ]);
  assert.ok(diagnostics.every((d) => d.code === "SYMLINK_LOOP" && d.level === "warning"));
});

Deno.test("scanCatalog() refuses fixtures that are dangling or looping links, or not regular files", async () => {
  using p = project();
  Deno.writeTextFileSync(`${p.fixtures}/ok.smoke.ts`, "");
  const cases: [string, RegExp][] = [
    [
      "ln -s gone fixtures/x.smoke.ts",
      /^Cannot read fixture "fixtures\/x\.smoke\.ts": it is a symlink to "gone", which does not exist$/,
    ],
    [
      "ln -s x.smoke.jsonc fixtures/x.smoke.jsonc",
      /^Cannot read fixture "fixtures\/x\.smoke\.jsonc": it is a symlink loop$/,
    ],
    ["mkfifo fixtures/x.smoke.ts", /^Cannot use script "fixtures\/x\.smoke\.ts": it is a FIFO/],
    ["ln -s /dev/null fixtures/x.smoke.ts", /^Cannot use script .*: it is a character device/],
    [
      "mkfifo fixtures/x.smoke.jsonc",
      /^Cannot read manifest .*: it is a FIFO, not a regular file$/,
    ],
    [
      "ln -s /dev/zero fixtures/x.smoke.jsonc",
      /^Cannot read manifest "fixtures\/x\.smoke\.jsonc": it is a character device, not a regular file$/,
    ],
    [
      `printf '{"command":["true"]}' > fixtures/x.smoke.jsonc && truncate -s 2M fixtures/x.smoke.jsonc`,
      /^Cannot read manifest .*: it is 2 MiB, over the 1 MiB limit for a manifest$/,
    ],
    [
      `printf '{"command":["true"],"description":"\\351"}' > fixtures/x.smoke.jsonc`,
      /^Cannot read manifest .*: it is not valid UTF-8 text$/,
    ],
    [
      `mkfifo fixtures/p.ts && printf '{"script":"p.ts"}' > fixtures/x.smoke.jsonc`,
      /^Cannot use script "fixtures\/p\.ts" named by manifest "fixtures\/x\.smoke\.jsonc": it is a FIFO, not a regular file$/,
    ],
    [
      `mkdir fixtures/d.ts && printf '{"script":"d.ts"}' > fixtures/x.smoke.jsonc`,
      /^Cannot use script "fixtures\/d\.ts" named by manifest .*: it is a directory$/,
    ],
  ];
  for (const [setup, message] of cases) {
    await sh(p.dir, `rm -rf fixtures/x.* fixtures/p.ts fixtures/d.ts; ${setup}`);
    assert.match(scanError(p.dir).message, message, setup);
  }
});

Deno.test("scanCatalog(): a name that is not UTF-8 is an error for a fixture, a warning for a folder", async () => {
  using p = project();
  Deno.writeTextFileSync(`${p.fixtures}/ok.smoke.ts`, "");
  await sh(
    p.dir,
    "mkdir \"fixtures/$(printf 'd\\377')\" && touch \"fixtures/$(printf 'd\\377')/a.smoke.ts\"",
  );
  await sh(p.dir, "touch \"fixtures/$(printf 'notes\\377').txt\"");
  const { fixtures, diagnostics } = scan(p.dir);
  assert.deepEqual(fixtures.map((f) => f.id), ["ok"]);
  assert.deepEqual(diagnostics.map((d) => [d.code, d.message]), [[
    "NON_UTF8_NAME",
    'Skipped folder "d\\ufffd" in "fixtures": its name is not valid UTF-8',
  ]]);
  await sh(p.dir, "mkdir fixtures/sub && touch \"fixtures/sub/$(printf 'x\\n\\377').smoke.ts\"");
  assert.equal(
    scanError(p.dir).message,
    'Cannot read fixture "x\\u000a\\ufffd.smoke.ts" in "fixtures/sub": its name is not valid UTF-8',
  );
});

Deno.test("scanCatalog(): an I/O error on the fixtures directory or below names the path", async () => {
  using p = project();
  await sh(p.dir, "ln -s l2 l1 && ln -s l1 l2 && touch afile");
  const at = (fixturesDir: string) => {
    try {
      scanCatalog({ cwd: p.dir, fixturesDir: `${p.dir}/${fixturesDir}` });
    } catch (error) {
      assert.ok(error instanceof UserError, String(error));
      return error.message;
    }
    assert.fail("no error");
  };
  assert.equal(
    at("l1"),
    'Cannot read fixtures directory "l1": too many levels of symbolic links (a symlink loop)',
  );
  assert.equal(at("afile"), 'Cannot read fixtures directory "afile": it is not a directory');
  assert.equal(at("nope"), 'Cannot read fixtures directory "nope": it does not exist');
  assert.equal(
    at("x".repeat(5000)),
    `Cannot read fixtures directory "${"x".repeat(5000)}": the path is too long (ENAMETOOLONG)`,
  );
});

/**
 * A generated tree of folders (each holding `x.smoke.ts`), some outside the
 * fixtures directory, and symlinks between them, ancestors included; the
 * walk must match a model: every path through links that does not revisit a
 * folder it is in, one SYMLINK_LOOP per link into one, one SYMLINK_OUTSIDE
 * per link followed out.
 */
Deno.test("scanCatalog() walks generated symlink graphs like the model, and terminates", () => {
  const graph = fc.record({
    // Folder i > 0 hangs under folder parent[i] < i; folder 0 is the fixtures directory.
    parents: fc.array(fc.nat(), { minLength: 1, maxLength: 5 }),
    outside: fc.integer({ min: 0, max: 2 }),
    links: fc.array(fc.tuple(fc.nat(), fc.nat()), { maxLength: 4 }),
  });
  fc.assert(
    fc.property(graph, ({ parents, outside, links }) => {
      using p = project();
      const inside = parents.length + 1;
      const total = inside + outside;
      const parentOf = (i: number) => i < inside ? parents[i - 1] % i : -1;
      const pathOf = (i: number): string =>
        i === 0 ? p.fixtures : i < inside ? `${pathOf(parentOf(i))}/d${i}` : `${p.dir}/o${i}`;
      for (let i = 0; i < total; i++) {
        Deno.mkdirSync(pathOf(i), { recursive: true });
        Deno.writeTextFileSync(`${pathOf(i)}/x.smoke.ts`, "");
      }
      const linksIn = Array.from({ length: total }, () => [] as [string, number][]);
      links.forEach(([from, to], k) => {
        const source = from % total;
        linksIn[source].push([`l${k}`, to % total]);
        Deno.symlinkSync(pathOf(to % total), `${pathOf(source)}/l${k}`);
      });
      // The model.
      const ids: string[] = [];
      let loops = 0;
      let outsides = 0;
      let duplicates = 0;
      const walked = new Set<number>();
      const visit = (i: number, prefix: string, stack: number[]) => {
        if (ids.length > 2000) return;
        walked.add(i);
        ids.push(`${prefix}x`);
        const entries: [string, number, boolean][] = [
          ...Array.from({ length: inside }, (_, c) => c).filter((c) => c > 0 && parentOf(c) === i)
            .map((c): [string, number, boolean] => [`d${c}`, c, false]),
          ...linksIn[i].map(([name, to]): [string, number, boolean] => [name, to, true]),
        ].sort(([a], [b]) => a < b ? -1 : a > b ? 1 : 0);
        for (const [name, to, link] of entries) {
          if (link && stack.includes(to)) {
            loops++;
            continue;
          }
          // Each folder once: a link into the fixtures directory, or to a folder walked already.
          if (link && (to < inside || walked.has(to))) {
            duplicates++;
            continue;
          }
          if (link) outsides++;
          visit(to, `${prefix}${name}/`, [...stack, to]);
        }
      };
      visit(0, "", [0]);
      fc.pre(ids.length <= 2000);
      const { fixtures, diagnostics } = scan(p.dir);
      assert.deepEqual(fixtures.map((f) => f.id), ids.sort());
      const count = (code: string) => diagnostics.filter((d) => d.code === code).length;
      assert.equal(count("SYMLINK_LOOP"), loops);
      assert.equal(count("SYMLINK_OUTSIDE"), outsides);
      assert.equal(count("SYMLINK_DUPLICATE"), duplicates);
    }),
    { numRuns: 150 },
  );
});
