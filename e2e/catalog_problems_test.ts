/**
 * End-to-end tests of catalog and config problems reported all at once (exit 2, nothing ran),
 * and of the warnings about files named almost like fixtures.
 */
import assert from "node:assert/strict";
import { runSmoke, tempProject } from "./_project.ts";

/** A fixture that leaves a mark when it runs: nothing may run on a catalog error. */
const MARKS = JSON.stringify({ command: ["sh", "-c", "echo ran >> ran.log"] });

Deno.test("every broken manifest is reported in one error, in file order, and nothing runs", async () => {
  await using p = await tempProject({
    "fixtures/cli/version.smoke.jsonc": MARKS,
    "fixtures/ops/deploy.smoke.jsonc": '{\n  "command": ["true"],\n  "retry": 1\n}',
    "fixtures/api/health.smoke.jsonc": '{\n  "command": ["true"],,\n}',
    "fixtures/bad id.smoke.ts": "",
    "fixtures/web/both.smoke.jsonc": '{ "command": ["true"], "script": "a.ts" }',
  });
  for (const args of [[], ["--fixture", "cli/version"], ["--list"], ["--dry-run"]]) {
    const run = await runSmoke(p.dir, args);
    assert.equal(run.code, 2, `${args.join(" ")}: ${run.stdout}${run.stderr}`);
    assert.equal(run.resultLine, "RESULT: fail");
    const [head, ...rest] = run.stderr.trimEnd().split("\n");
    assert.equal(
      head,
      'error: Cannot read catalog "fixtures": 4 problems, in file order [CATALOG_INVALID]:',
    );
    // Each problem keeps its own wording (file, line and column or key path) and its hint.
    assert.deepEqual(rest.filter((line) => /^ {2}\d+\) /.test(line)), [
      '  1) Cannot parse manifest "fixtures/api/health.smoke.jsonc": property name expected near "," at line 2, column 23',
      '  2) Invalid fixture id "bad id" from "fixtures/bad id.smoke.ts": ids may contain only A-Z a-z 0-9 . _ - /',
      '  3) Invalid manifest "fixtures/ops/deploy.smoke.jsonc":',
      '  4) Invalid manifest "fixtures/web/both.smoke.jsonc": it must name exactly one of "script" or "command", not both',
    ]);
    assert.ok(
      rest.includes('       line 3, column 3: retry: unknown key (did you mean "retries"?)'),
      run.stderr,
    );
    assert.ok(rest.includes("     hint: Fix the JSONC syntax."), run.stderr);
    assert.match(
      run.stderr,
      /^hint: Every run checks the whole catalog, whatever --fixture selects: fix or remove them\.$/m,
    );
    assert.equal(await p.exists("ran.log"), false, "nothing ran");
    assert.equal(await p.exists(".planning"), false, "nothing was written");
  }
});

Deno.test("one broken manifest elsewhere blocks --fixture, and the hint says why", async () => {
  await using p = await tempProject({
    "fixtures/cli/version.smoke.jsonc": MARKS,
    "fixtures/ops/deploy.smoke.jsonc": '{ "command": ["true"], "retry": 1 }',
  });
  const run = await runSmoke(p.dir, ["--fixture", "cli/version"]);
  assert.equal(run.code, 2, run.stderr);
  // One problem reads as before, with one more hint.
  assert.match(run.stderr, /^error: Invalid manifest "fixtures\/ops\/deploy\.smoke\.jsonc":$/m);
  assert.match(
    run.stderr,
    /^hint: Every run checks the whole catalog, whatever --fixture selects: fix or remove it\.$/m,
  );
  assert.equal(await p.exists("ran.log"), false);
});

Deno.test("past the cap, the error lists the first problems and counts the rest", async () => {
  const files: Record<string, string> = { "fixtures/ok.smoke.jsonc": MARKS };
  for (let i = 10; i < 37; i++) files[`fixtures/m${i}.smoke.jsonc`] = '{ "command": "true" }';
  await using p = await tempProject(files);
  const run = await runSmoke(p.dir, []);
  assert.equal(run.code, 2, run.stderr);
  assert.match(
    run.stderr,
    /^error: Cannot read catalog "fixtures": 27 problems, the first 20 in file order \[CATALOG_INVALID\]:$/m,
  );
  const listed = run.stderr.match(
    /^ {2}\d+\) Invalid manifest "fixtures\/m(\d+)\.smoke\.jsonc":$/gm,
  );
  assert.equal(listed?.length, 20, run.stderr);
  assert.match(listed![0], /m10\.smoke/);
  assert.match(listed![19], /m29\.smoke/);
  assert.match(run.stderr, /^ {2}\.\.\. and 7 more problems$/m);
  assert.equal(await p.exists("ran.log"), false);
});

Deno.test("walk problems (dangling links, unreadable manifests) are listed with manifest problems", async () => {
  await using p = await tempProject({
    "fixtures/ok.smoke.jsonc": MARKS,
    "fixtures/b.smoke.jsonc": "{",
  });
  await Deno.symlink("gone.ts", `${p.dir}/fixtures/a.smoke.ts`);
  await Deno.writeFile(`${p.dir}/fixtures/c.smoke.jsonc`, new Uint8Array([0x7b, 0xe9, 0x7d]));
  const run = await runSmoke(p.dir, []);
  assert.equal(run.code, 2, run.stderr);
  assert.match(run.stderr, /: 3 problems, in file order \[CATALOG_INVALID\]:$/m);
  assert.match(
    run.stderr,
    /^ {2}1\) Cannot read fixture "fixtures\/a\.smoke\.ts": it is a symlink to "gone\.ts", which does not exist$/m,
  );
  assert.match(run.stderr, /^ {2}2\) Cannot parse manifest "fixtures\/b\.smoke\.jsonc": /m);
  assert.match(
    run.stderr,
    /^ {2}3\) Cannot read manifest "fixtures\/c\.smoke\.jsonc": it is not valid UTF-8 text$/m,
  );
  assert.equal(await p.exists("ran.log"), false);
});

Deno.test("a config file's problems are all reported, with line and column", async () => {
  await using p = await tempProject({
    "fixtures/ok.smoke.jsonc": MARKS,
    "smoke.jsonc": '{\n  "retries": -1,\n  "timeoutMS": 5,\n  "concurrency": "2"\n}',
  });
  const run = await runSmoke(p.dir, []);
  assert.equal(run.code, 2, run.stderr);
  assert.match(
    run.stderr,
    /^error: Invalid config "smoke\.jsonc":\n {2}line 2, column 14: retries: expected >= 0, received -1\n {2}line 3, column 3: timeoutMS: unknown key \(did you mean "timeoutMs"\?\)\n {2}line 4, column 18: concurrency: /m,
  );
  assert.equal(await p.exists("ran.log"), false);
});

const NEAR_MISSES: Array<[name: string, expected: string]> = [
  ["a.smoke.json", "a.smoke.jsonc"],
  ["b.smoke.js", "b.smoke.ts"],
  ["c.smoke.mts", "c.smoke.ts"],
  ["d.smoke.tsx", "d.smoke.ts"],
  ["e.smoke.yaml", "e.smoke.jsonc"],
  ["f.smoke.yml", "f.smoke.jsonc"],
  ["g.smoke.mjs", "g.smoke.ts"],
  ["h.smoke.jsx", "h.smoke.ts"],
  ["i.Smoke.TS", "i.smoke.ts"],
];

Deno.test("files named almost like fixtures are warned about, once each, and recorded", async () => {
  const files: Record<string, string> = { "fixtures/ok.smoke.jsonc": MARKS };
  for (const [name] of NEAR_MISSES) files[`fixtures/sub/${name}`] = "";
  // A folder named like a fixture is walked, with a warning.
  files["fixtures/dir.smoke.ts/inner.smoke.jsonc"] = MARKS;
  // Not near misses: compiled output beside its source, a script a manifest names, other files.
  Object.assign(files, {
    "fixtures/built.smoke.ts": "",
    "fixtures/built.smoke.js": "",
    "fixtures/named.smoke.jsonc": JSON.stringify({ script: "named.smoke.mjs" }),
    "fixtures/named.smoke.mjs": "",
    "fixtures/notes.md": "",
    "fixtures/x.smoke.ts.orig": "",
  });
  await using p = await tempProject(files);
  const list = await runSmoke(p.dir, ["--list"]);
  assert.equal(list.code, 0, list.stderr);
  assert.equal(list.stdout, "built\ndir.smoke.ts/inner\nnamed\nok\n");
  const warnings = list.stderr.split("\n").filter((line) => line.startsWith("warning: "));
  assert.deepEqual(warnings, [
    'warning: Folder "fixtures/dir.smoke.ts" is named like a fixture, but a fixture is a file [NEAR_MISS_FIXTURE]',
    ...NEAR_MISSES.map(([name, expected]) =>
      `warning: Ignored "fixtures/sub/${name}": not a fixture name (did you mean "${expected}"?) [NEAR_MISS_FIXTURE]`
    ),
  ]);
  const run = await runSmoke(p.dir, ["--fixture", "ok"]);
  assert.equal(run.code, 0, run.stdout + run.stderr);
  const diagnostics = (await p.latest()).diagnostics as { code: string; level: string }[];
  assert.equal(diagnostics.filter((d) => d.code === "NEAR_MISS_FIXTURE").length, 10);
  assert.ok(diagnostics.every((d) => d.level === "warning"));
});

Deno.test("near-miss warnings are capped, with a count of the rest", async () => {
  const files: Record<string, string> = { "fixtures/ok.smoke.jsonc": MARKS };
  for (let i = 10; i < 35; i++) files[`fixtures/n${i}.smoke.js`] = "";
  await using p = await tempProject(files);
  const list = await runSmoke(p.dir, ["--list"]);
  assert.equal(list.code, 0, list.stderr);
  const warnings = list.stderr.split("\n").filter((line) => line.startsWith("warning: "));
  assert.equal(warnings.length, 21, list.stderr);
  assert.match(warnings[0], /"fixtures\/n10\.smoke\.js"/);
  assert.match(warnings[19], /"fixtures\/n29\.smoke\.js"/);
  assert.equal(
    warnings[20],
    "warning: 5 more files are named almost like fixtures (the first 20 are listed above) [NEAR_MISS_FIXTURE]",
  );
});
