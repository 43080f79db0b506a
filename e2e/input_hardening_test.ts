/**
 * End-to-end tests of what smoke reads: special files where a manifest,
 * config, script or artifact is expected, size and encoding limits, symlinked
 * fixture folders, file names that are not UTF-8, I/O errors on every path
 * flag, hostile globs and hostile artifacts. Every case must end in exit 2
 * (or a valid run), naming the path, never hang and never crash (exit 3).
 */
import assert from "node:assert/strict";
import { join } from "node:path";
import { runSmoke, type SmokeRun, type TempProject, tempProject } from "./_project.ts";

/** What a bounded smoke subprocess did. */
type BoundedRun = SmokeRun;

/** Runs smoke with a guard that kills it when it hangs (see `runSmoke`). */
const runBounded = (
  cwd: string,
  args: string[],
  options: { guardMs?: number; prefix?: string[] } = {},
) => runSmoke(cwd, args, { guardMs: options.guardMs ?? 60_000, prefix: options.prefix });

/** Asserts a user error: exit 2, RESULT: fail, an error line matching, a hint, no crash. */
function assertUserError(run: BoundedRun, error: RegExp, label: string): void {
  const shown = `${label}\n--- stdout\n${run.stdout}\n--- stderr\n${run.stderr.slice(0, 2000)}`;
  assert.equal(run.hung, false, `${label}: smoke hung`);
  assert.equal(run.code, 2, shown);
  assert.doesNotMatch(run.stderr, /crashed/, shown);
  assert.match(run.stderr, error, shown);
  assert.match(run.stderr, /^hint: /m, shown);
  assert.equal(run.stdout.trimEnd().split("\n").at(-1), "RESULT: fail", shown);
}

async function sh(cwd: string, script: string): Promise<void> {
  const out = await new Deno.Command("sh", { args: ["-c", script], cwd, stderr: "piped" }).output();
  assert.ok(out.success, new TextDecoder().decode(out.stderr));
}

const OK = JSON.stringify({ command: ["true"] });
const LONG = "x".repeat(5000);

Deno.test("special files where a manifest, config or script is expected are refused by name, unread", async () => {
  await using p = await tempProject({ "fixtures/ok.smoke.jsonc": OK });
  await sh(p.dir, "mkfifo fixtures/pipe.smoke.jsonc");
  assertUserError(
    await runBounded(p.dir, ["--list"]),
    /^error: Cannot read manifest "fixtures\/pipe\.smoke\.jsonc": it is a FIFO, not a regular file$/m,
    "FIFO manifest",
  );
  await Deno.remove(join(p.dir, "fixtures/pipe.smoke.jsonc"));

  await sh(p.dir, "ln -s /dev/zero fixtures/zero.smoke.jsonc");
  assertUserError(
    await runBounded(p.dir, ["--list"]),
    /^error: Cannot read manifest "fixtures\/zero\.smoke\.jsonc": it is a character device, not a regular file$/m,
    "manifest symlinked to /dev/zero",
  );
  await Deno.remove(join(p.dir, "fixtures/zero.smoke.jsonc"));

  await sh(p.dir, "mkfifo fixtures/script.smoke.ts");
  assertUserError(
    await runBounded(p.dir, ["--list"]),
    /^error: Cannot use script "fixtures\/script\.smoke\.ts": it is a FIFO, not a regular file$/m,
    "FIFO script",
  );
  await Deno.remove(join(p.dir, "fixtures/script.smoke.ts"));

  assertUserError(
    await runBounded(p.dir, ["--config", "/dev/zero"]),
    /^error: Cannot read config "\/dev\/zero": it is a character device, not a regular file$/m,
    "--config /dev/zero",
  );
  // deno.json is read at start-up for the printed command: a FIFO there has no task.
  await sh(p.dir, "mkfifo deno.json");
  const list = await runBounded(p.dir, ["--list"]);
  assert.equal(list.hung, false, "FIFO deno.json: smoke hung");
  assert.equal(list.code, 0, list.stderr);
  assert.equal(list.stdout, "ok\n");
  await sh(p.dir, "mkfifo smoke.jsonc");
  assertUserError(
    await runBounded(p.dir, ["--list"]),
    /^error: Cannot read config "smoke\.jsonc": it is a FIFO, not a regular file$/m,
    "FIFO smoke.jsonc",
  );
});

Deno.test("a manifest or config over 1 MiB, or not UTF-8, is refused naming the file", async () => {
  await using p = await tempProject({ "fixtures/ok.smoke.jsonc": OK });
  const big = join(p.dir, "fixtures/big.smoke.jsonc");
  await Deno.writeTextFile(big, `{ "command": ["true"], "description": "${"d".repeat(2 << 20)}" }`);
  assertUserError(
    await runBounded(p.dir, ["--list"]),
    /^error: Cannot read manifest "fixtures\/big\.smoke\.jsonc": it is 2 MiB, over the 1 MiB limit for a manifest$/m,
    "2 MiB manifest",
  );
  await Deno.remove(big);

  const latin1 = join(p.dir, "fixtures/latin1.smoke.jsonc");
  const bytes = new TextEncoder().encode('{ "command": ["true"], "description": "caf? au lait" }');
  bytes[bytes.indexOf("?".charCodeAt(0))] = 0xe9; // "é" in Latin-1: not UTF-8
  await Deno.writeFile(latin1, bytes);
  assertUserError(
    await runBounded(p.dir, ["--list"]),
    /^error: Cannot read manifest "fixtures\/latin1\.smoke\.jsonc": it is not valid UTF-8 text$/m,
    "Latin-1 manifest",
  );
  await Deno.rename(latin1, join(p.dir, "smoke.jsonc"));
  await Deno.writeTextFile(join(p.dir, "smoke.jsonc"), "{}");
  await Deno.writeFile(join(p.dir, "smoke.jsonc"), new Uint8Array([0x7b, 0xff, 0x7d]));
  assertUserError(
    await runBounded(p.dir, ["--list"]),
    /^error: Cannot read config "smoke\.jsonc": it is not valid UTF-8 text$/m,
    "config not UTF-8",
  );
});

Deno.test("a hostile --fixture glob is matched without backtracking", async () => {
  // One long segment (a file name holds at most 255 bytes): `*` stays within a segment.
  await using p = await tempProject({ [`fixtures/${"a".repeat(200)}.smoke.jsonc`]: OK });
  const run = await runBounded(p.dir, ["--list", "--fixture", `${"a*".repeat(12)}b`]);
  assertUserError(run, /^error: Unknown fixture "(a\*){12}b": no fixture id matches it$/m, "glob");
  const hit = await runBounded(p.dir, ["--list", "--fixture", `${"a*".repeat(12)}a`]);
  assert.equal(hit.code, 0, hit.stderr);
  assert.equal(hit.stdout, `${"a".repeat(200)}\n`);
});

async function symlinkProject(): Promise<TempProject> {
  const p = await tempProject({
    "fixtures/real/a.smoke.jsonc": OK,
    "shared/b.smoke.jsonc": OK,
  });
  await sh(
    p.dir,
    "ln -s real fixtures/alias && ln -s .. fixtures/real/up && ln -s ../shared fixtures/ext" +
      " && ln -s nowhere fixtures/real/notes.txt && ln -s l2 fixtures/l1 && ln -s l1 fixtures/l2",
  );
  return p;
}

Deno.test("symlinked fixture folders are followed once; loops, second ways in and links leaving the folder are warned about", async () => {
  await using p = await symlinkProject();
  const list = await runBounded(p.dir, ["--list"]);
  assert.equal(list.code, 0, list.stderr);
  assert.equal(list.stdout, "ext/b\nreal/a\n");
  assert.match(
    list.stderr,
    /^warning: Skipped symlink "fixtures\/real\/up": it leads back to "fixtures", a folder it is in \[SYMLINK_LOOP\]$/m,
  );
  assert.match(
    list.stderr,
    /^warning: Skipped symlink "fixtures\/alias": its folder is in the catalog already, as "fixtures\/real" \[SYMLINK_DUPLICATE\]$/m,
  );
  assert.match(
    list.stderr,
    /^warning: Skipped symlink "fixtures\/l1": it is a loop of symlinks \[SYMLINK_LOOP\]$/m,
  );
  assert.match(
    list.stderr,
    /^warning: Followed symlink "fixtures\/ext" out of the fixtures directory to ".*\/shared" \[SYMLINK_OUTSIDE\]$/m,
  );
  assert.doesNotMatch(
    list.stderr,
    /notes\.txt/,
    "a dangling link not named like a fixture is ignored",
  );

  const run = await runBounded(p.dir, []);
  assert.equal(run.code, 0, run.stderr);
  const latest = await p.latest();
  const codes = (latest.diagnostics as { code: string }[]).map((d) => d.code).sort();
  // alias (a second way into real/), then real/up, l1 and l2.
  assert.deepEqual(codes, [
    "SYMLINK_DUPLICATE",
    ...Array(3).fill("SYMLINK_LOOP"),
    "SYMLINK_OUTSIDE",
  ]);
  assert.deepEqual(latest.fixtures.map((f) => f.id), ["ext/b", "real/a"]);
});

Deno.test("a dangling or looping symlink named like a fixture is a catalog error", async () => {
  await using p = await tempProject({ "fixtures/ok.smoke.jsonc": OK });
  await sh(p.dir, "ln -s gone.ts fixtures/gone.smoke.ts");
  assertUserError(
    await runBounded(p.dir, ["--list"]),
    /^error: Cannot read fixture "fixtures\/gone\.smoke\.ts": it is a symlink to "gone\.ts", which does not exist$/m,
    "dangling script link",
  );
  await sh(
    p.dir,
    "rm fixtures/gone.smoke.ts && ln -s m2 fixtures/m.smoke.jsonc && ln -s m.smoke.jsonc fixtures/m2",
  );
  assertUserError(
    await runBounded(p.dir, ["--list"]),
    /^error: Cannot read fixture "fixtures\/m\.smoke\.jsonc": it is a symlink loop$/m,
    "looping manifest link",
  );
});

Deno.test("file names that are not UTF-8: a fixture is a catalog error, a folder is skipped with a warning", async () => {
  await using p = await tempProject({ "fixtures/ok.smoke.jsonc": OK });
  await sh(
    p.dir,
    `mkdir "fixtures/$(printf 'dir\\377')" && touch "fixtures/$(printf 'dir\\377')/x.smoke.ts"`,
  );
  const list = await runBounded(p.dir, ["--list"]);
  assert.equal(list.code, 0, list.stderr);
  assert.equal(list.stdout, "ok\n");
  assert.match(
    list.stderr,
    /^warning: Skipped folder "dir\\ufffd" in "fixtures": its name is not valid UTF-8 \[NON_UTF8_NAME\]$/m,
  );
  await sh(p.dir, `touch "fixtures/$(printf 'caf\\351')".smoke.jsonc`);
  assertUserError(
    await runBounded(p.dir, ["--list"]),
    /^error: Cannot read fixture "caf\\ufffd\.smoke\.jsonc" in "fixtures": its name is not valid UTF-8$/m,
    "non-UTF-8 manifest name",
  );
});

Deno.test("ENAMETOOLONG in any path flag is a user error naming the path", async () => {
  await using p = await tempProject({ "fixtures/ok.smoke.jsonc": OK });
  const cases: [string[], RegExp][] = [
    [["--config", LONG], /^error: Cannot read config "x{5000}": .*too long/m],
    [["--fixtures-dir", LONG], /^error: Cannot read fixtures directory "x{5000}": .*too long/m],
    [["--rerun-failed", "--artifact", LONG], /^error: Cannot read artifact "x{5000}": .*too long/m],
    // Writes are not this file's subject; smoke's last line of defence names the path.
    [["--artifact-dir", LONG], /^error: (?=.*x{5000})(?=.*too long)/m],
    [["report", "--out", LONG], /^error: (?=.*x{5000})(?=.*too long)/m],
  ];
  // report needs a history to get as far as writing.
  const first = await runBounded(p.dir, []);
  assert.equal(first.code, 0, first.stderr);
  for (const [args, error] of cases) {
    assertUserError(await runBounded(p.dir, args), error, args.join(" ").slice(0, 40));
  }
  // Output paths are checked before anything runs: exit 2, naming the path.
  assertUserError(
    await runBounded(p.dir, ["--junit", LONG]),
    /^error: (?=.*x{5000})(?=.*too long)/m,
    "--junit",
  );
});

Deno.test("symlink loops and wrong kinds of path are user errors naming the path", async () => {
  await using p = await tempProject({ "fixtures/ok.smoke.jsonc": OK, "afile": "x" });
  await sh(p.dir, "ln -s loop2 loop1 && ln -s loop1 loop2");
  assertUserError(
    await runBounded(p.dir, ["--fixtures-dir", "loop1"]),
    /^error: Cannot read fixtures directory "loop1": .*symbolic links/m,
    "fixtures dir loop",
  );
  assertUserError(
    await runBounded(p.dir, ["--config", "loop1"]),
    /^error: Cannot read config "loop1": .*symbolic links/m,
    "config loop",
  );
  assertUserError(
    await runBounded(p.dir, ["--rerun-failed", "--artifact", "loop1"]),
    /^error: Cannot read artifact "loop1": .*symbolic links.* \[ARTIFACT_NOT_FOUND\]$/m,
    "artifact loop",
  );
  assertUserError(
    await runBounded(p.dir, ["--fixtures-dir", "afile"]),
    /^error: Cannot read fixtures directory "afile": it is not a directory$/m,
    "fixtures dir is a file",
  );
});

/** Runs a command with the capabilities that let root ignore file modes dropped. */
const NO_DAC = ["setpriv", "--bounding-set=-dac_override,-dac_read_search", "--"];

async function permissionsEnforced(): Promise<string | undefined> {
  const dir = await Deno.makeTempDir();
  try {
    await Deno.writeTextFile(`${dir}/f`, "x");
    await Deno.chmod(`${dir}/f`, 0o000);
    const out = await new Deno.Command(NO_DAC[0], {
      args: [...NO_DAC.slice(1), "cat", `${dir}/f`],
      stdout: "null",
      stderr: "null",
    }).output();
    return out.success ? "reading a mode-000 file succeeds even under setpriv" : undefined;
  } catch (error) {
    return `setpriv is not usable here: ${(error as Error).message}`;
  } finally {
    await Deno.remove(dir, { recursive: true });
  }
}

const noPermissionChecks = await permissionsEnforced();
if (noPermissionChecks) {
  console.log(`permission-denied e2e test ignored: ${noPermissionChecks}`);
}

Deno.test({
  name:
    "permission denied on the fixtures directory, a manifest, smoke.jsonc or --artifact is a user error",
  ignore: noPermissionChecks !== undefined,
  fn: async () => {
    await using p = await tempProject({
      "fixtures/ok.smoke.jsonc": OK,
      "fixtures/sub/secret.smoke.jsonc": OK,
      "conf.jsonc": "{}",
      "art.json": "{}",
    });
    const deny = (path: string) => Deno.chmod(join(p.dir, path), 0o000);
    const allow = (path: string, mode: number) => Deno.chmod(join(p.dir, path), mode);
    const run = (args: string[]) => runBounded(p.dir, args, { prefix: NO_DAC });

    await deny("fixtures/sub/secret.smoke.jsonc");
    assertUserError(
      await run(["--list"]),
      /^error: Cannot read manifest "fixtures\/sub\/secret\.smoke\.jsonc": permission denied$/m,
      "manifest",
    );
    await allow("fixtures/sub/secret.smoke.jsonc", 0o644);
    await deny("fixtures/sub");
    assertUserError(
      await run(["--list"]),
      /^error: Cannot read folder "fixtures\/sub": permission denied$/m,
      "subfolder",
    );
    await allow("fixtures/sub", 0o755);
    await deny("fixtures");
    assertUserError(
      await run(["--list"]),
      /^error: Cannot read fixtures directory "fixtures": permission denied$/m,
      "fixtures directory",
    );
    await allow("fixtures", 0o755);
    await deny("conf.jsonc");
    assertUserError(
      await run(["--list", "--config", "conf.jsonc"]),
      /^error: Cannot read config "conf\.jsonc": permission denied$/m,
      "config",
    );
    await deny("art.json");
    assertUserError(
      await run(["--rerun-failed", "--artifact", "art.json"]),
      /^error: Cannot read artifact "art\.json": permission denied \[ARTIFACT_NOT_FOUND\]$/m,
      "artifact",
    );
  },
});

Deno.test("smoke report lists a FIFO in runs/ as invalid, with the reason, and does not block", async () => {
  await using p = await tempProject({ "fixtures/ok.smoke.jsonc": OK });
  const first = await runBounded(p.dir, []);
  assert.equal(first.code, 0, first.stderr);
  await sh(p.artifactDir, "mkfifo runs/29991231T000000000Z-ffffff.json");
  const report = await runBounded(p.dir, ["report"]);
  assert.equal(report.code, 0, report.stderr);
  assert.equal(report.hung, false);
  assert.match(
    report.stderr,
    /^warning: Left ".*runs\/29991231T000000000Z-ffffff\.json" out of the report: it is a FIFO, not a regular file \[INVALID_ARTIFACT\]$/m,
  );
  assert.match(report.stdout, /\(1 run, 1 invalid left out\)/);
});

Deno.test("hostile artifacts through --rerun-failed: exit 2 or a valid rerun, never a crash or a hang", async () => {
  await using p = await tempProject({
    "fixtures/a.smoke.jsonc": JSON.stringify({ command: ["sh", "-c", "echo a >> ran.log"] }),
    "fixtures/b.smoke.jsonc": JSON.stringify({ command: ["false"] }),
  });
  const full = await runBounded(p.dir, []);
  assert.equal(full.code, 1, full.stderr);
  const good = await p.latest();
  const text = JSON.stringify(good);
  const failedB = { ...good.fixtures.find((f) => f.id === "b")! };
  const cases: Record<string, string | Uint8Array> = {
    "truncated.json": text.slice(0, Math.floor(text.length / 2)),
    "cut-character.json": new TextEncoder().encode(`${text.slice(0, -1)}, "x": "é"}`).slice(0, -3),
    "bytes.json": new Uint8Array([0xff, 0xfe, 0x00, 0x7b, 0x80]),
    "deep.json": "[".repeat(100_000),
    "deep-closed.json": `{"schemaVersion":1,"fixtures":${"[".repeat(5000)}${"]".repeat(5000)}}`,
    "hostile-ids.json": JSON.stringify({
      ...good,
      fixtures: ["../../x", "/abs", "a\u0000b", "$(rm -rf ~)", "x".repeat(10_000)].map((id) => ({
        ...failedB,
        id,
      })),
    }),
    "huge-strings.json": JSON.stringify({
      ...good,
      runId: "r".repeat(10_000),
      fixtures: [{ ...failedB, failure: { kind: "exit-code", message: "m".repeat(100_000) } }],
    }),
    "proto.json": text.replace('"fixtures":', '"__proto__":{"polluted":1},"fixtures":'),
    "version.json": JSON.stringify({ ...good, schemaVersion: 1e308 }),
  };
  for (const [name, content] of Object.entries(cases)) {
    if (typeof content === "string") await p.write(name, content);
    else await Deno.writeFile(join(p.dir, name), content);
  }
  await sh(p.dir, "mkfifo pipe.json && mkdir folder.json && ln -s loop.json loop.json");
  const special = ["pipe.json", "folder.json", "/dev/zero", "loop.json", LONG];
  for (const name of [...Object.keys(cases), ...special]) {
    const run = await runBounded(p.dir, ["--rerun-failed", "--artifact", name]);
    const shown = `${name.slice(0, 40)}: exit ${run.code}\n${run.stderr.slice(0, 1500)}`;
    assert.equal(run.hung, false, shown);
    assert.doesNotMatch(run.stderr, /crashed/, shown);
    if (run.code === 2) {
      assert.match(run.stderr, /^error: .*\[[A-Z_]+\]/m, shown);
      assert.match(run.stderr, /^hint: Manual fallback: /m, shown);
    } else {
      // A valid rerun: only b failed, and only b runs.
      assert.equal(run.code, 1, shown);
      assert.match(run.stdout, /^FAIL {2}b /m, shown);
      assert.doesNotMatch(run.stdout, /^(PASS|FAIL) {2}a /m, shown);
    }
    assert.equal(run.stdout.trimEnd().split("\n").at(-1), "RESULT: fail", shown);
  }
  // The polluted artifact is still a valid one: it reruns b.
  const proto = await runBounded(p.dir, ["--rerun-failed", "--artifact", "proto.json"]);
  assert.equal(proto.code, 1, proto.stderr);
});

Deno.test("links that fan out walk each folder once (no exponential catalog)", async () => {
  await using p = await tempProject({});
  const levels = 12;
  const script = [`cd '${p.dir}'`, "mkdir -p fixtures"];
  for (let i = 0; i <= levels; i++) script.push(`mkdir fixtures/d${i}`);
  for (let i = 0; i < levels; i++) {
    script.push(`ln -s ../d${i + 1} fixtures/d${i}/x`, `ln -s ../d${i + 1} fixtures/d${i}/y`);
  }
  script.push(`echo 'console.log(1)' > fixtures/d${levels}/t.smoke.ts`);
  await sh(p.dir, script.join(" && "));
  const list = await runBounded(p.dir, ["--list"]);
  assert.equal(list.code, 0, list.stderr);
  assert.equal(list.stdout, `d${levels}/t\n`);
  assert.equal(list.stderr.match(/\[SYMLINK_DUPLICATE\]/g)?.length, 2 * levels);
});

Deno.test("a working directory or a variable that is not UTF-8 is a user error or read as unset, never a crash", async () => {
  await using p = await tempProject({
    "fixtures/ok.smoke.jsonc": JSON.stringify({ command: ["true"] }),
  });
  await new Deno.Command("sh", {
    args: [
      "-c",
      'mkdir -p "$(printf "caf\\351")/fixtures" && echo \'{"command":["true"]}\' > "$(printf "caf\\351")/fixtures/ok.smoke.jsonc"',
    ],
    cwd: p.dir,
  }).output();
  const inLatin1 = ["sh", "-c", 'cd "$(printf "caf\\351")" && exec "$@"', "sh"];
  for (const args of [[], ["--help"], ["--list"]]) {
    const run = await runBounded(p.dir, args, { prefix: inLatin1 });
    assert.equal(run.code, 2, `${args}: ${run.stderr}`);
    assert.match(
      run.stderr,
      /^error: Cannot use the working directory: its path is not valid UTF-8$/m,
    );
    assert.match(run.stderr, /^hint: Run smoke from a folder whose path is UTF-8/m);
    assert.equal(run.resultLine, "RESULT: fail");
  }
  // GITHUB_ACTIONS that is not UTF-8 is not "true": a plain run (a failure gets no ::group::).
  const bytes = (name: string) => ["sh", "-c", `${name}=$(printf "\\377") exec "$@"`, "sh"];
  await p.write("fixtures/bad.smoke.jsonc", JSON.stringify({ command: ["false"] }));
  const github = await runBounded(p.dir, [], { prefix: bytes("GITHUB_ACTIONS") });
  assert.equal(github.code, 1, github.stderr);
  assert.match(github.stdout, /^FAIL {2}bad /m);
  assert.doesNotMatch(github.stdout + github.stderr, /::group::|::stop-commands::|::error/);
  const real = await runBounded(p.dir, [], {
    prefix: ["sh", "-c", 'GITHUB_ACTIONS=true exec "$@"', "sh"],
  });
  assert.match(real.stdout + real.stderr, /::group::/, "GitHub mode would have grouped it");
  await Deno.remove(join(p.dir, "fixtures/bad.smoke.jsonc"));
  // SMOKE_DENO names what runs: refused, by name.
  const deno = await runBounded(p.dir, [], { prefix: bytes("SMOKE_DENO") });
  assert.equal(deno.code, 2, deno.stderr);
  assert.match(deno.stderr, /^error: Cannot use SMOKE_DENO: its value is not valid UTF-8$/m);
  // A step summary path that is not UTF-8 is said, not skipped in silence.
  const summary = await runBounded(p.dir, [], {
    prefix: [
      "sh",
      "-c",
      'GITHUB_ACTIONS=true GITHUB_STEP_SUMMARY=$(printf "/tmp/s\\377.md") exec "$@"',
      "sh",
    ],
  });
  assert.equal(summary.code, 0, summary.stderr);
  assert.match(
    summary.stderr,
    /^warning: Cannot write the step summary: GITHUB_STEP_SUMMARY is not valid UTF-8 \[STEP_SUMMARY_WRITE_FAILED\]$/m,
  );
  // A path flag whose bytes are not UTF-8 (Deno reads U+FFFD) is refused before anything runs.
  const dir = await runBounded(p.dir, [], {
    prefix: ["sh", "-c", 'exec "$@" --artifact-dir "$(printf "ok\\377x")"', "sh"],
  });
  assert.equal(dir.code, 2, dir.stderr);
  assert.match(
    dir.stderr,
    /^error: Invalid value for "--artifact-dir": the path is not valid UTF-8/m,
  );
  // PATH and HOME that are not UTF-8: the fixtures still run (they inherit them as they are).
  const path = await runBounded(p.dir, [], {
    prefix: [
      "sh",
      "-c",
      'HOME=$(printf "/h\\377") PATH="$PATH:$(printf "/x\\377")" exec "$@"',
      "sh",
    ],
  });
  assert.equal(path.code, 0, path.stderr + path.stdout);
});
