/**
 * End-to-end tests of the artifact directory's hardening: output paths that
 * are not regular files, the lock, history files of the wrong type, file
 * systems that refuse writes, and pruning that deletes only smoke's own
 * files. Each runs smoke.ts as a subprocess in a temporary project.
 */
import assert from "node:assert/strict";
import { join } from "node:path";
import { runSmoke, SMOKE_ENTRY, tempProject } from "./_project.ts";

const sh = (script: string, extra: Record<string, unknown> = {}) =>
  JSON.stringify({ command: ["sh", "-c", script], ...extra });

/** A fixture that leaves a file behind, to prove whether anything ran. */
const MARKER_FIXTURE = { "fixtures/mark.smoke.jsonc": sh("touch ran") };

const ART = ".planning/artifacts/smoke";

const decode = (bytes: Uint8Array) => new TextDecoder().decode(bytes);

/** Runs smoke, killing it after `ms` (a hang is a failure, not a stuck suite). */
const runSmokeWithin = (cwd: string, args: string[], ms = 30_000) =>
  runSmoke(cwd, args, { guardMs: ms });

/** What a path is, without following a final symlink. */
async function kind(path: string): Promise<string> {
  const info = await Deno.lstat(path);
  if (info.isSymlink) return "symlink";
  if (info.isDirectory) return "directory";
  if (info.isFile) return "file";
  if (info.isFifo) return "fifo";
  if (info.isSocket) return "socket";
  if (info.isCharDevice) return "char-device";
  return "other";
}

/** Makes a character device like /dev/null at `path`, or says why it cannot. */
async function mknodNull(path: string): Promise<string | undefined> {
  const made = await new Deno.Command("mknod", { args: [path, "c", "1", "3"], stderr: "piped" })
    .output().catch((error) => ({ success: false, stderr: new TextEncoder().encode(`${error}`) }));
  return made.success ? undefined : decode(made.stderr).trim();
}

/** Mounts a tmpfs with options at `path`, or says why it cannot. */
async function mountTmpfs(path: string, options: string): Promise<string | undefined> {
  await Deno.mkdir(path, { recursive: true });
  const mounted = await new Deno.Command("mount", {
    args: ["-t", "tmpfs", "-o", options, "tmpfs", path],
    stdout: "null",
    stderr: "piped",
  }).output().catch((error) => ({ success: false, stderr: new TextEncoder().encode(`${error}`) }));
  return mounted.success ? undefined : decode(mounted.stderr).trim();
}

async function umount(path: string): Promise<void> {
  await new Deno.Command("umount", { args: [path] }).output();
}

/** A listening unix socket at `path`; close it when done. */
function unixSocket(path: string): Deno.Listener {
  return Deno.listen({ transport: "unix", path });
}

// --- output paths (--junit, report --out, merge --out) ---------------------------------------

Deno.test("--junit naming a directory, a socket or a path under a file is refused before anything runs", async () => {
  await using p = await tempProject({ ...MARKER_FIXTURE, "afile": "not a directory" });
  const under = await runSmoke(p.dir, ["--junit", "afile/junit.xml"]);
  assert.equal(under.code, 2, under.stdout + under.stderr);
  assert.match(
    under.stderr,
    /^error: Cannot write the JUnit XML to "afile\/junit\.xml": a folder on its path is not a directory.*\[OUTPUT_PATH_INVALID\]$/m,
  );
  assert.equal(await p.exists("ran"), false, "nothing ran");
  await Deno.mkdir(join(p.dir, "reports"));
  const socket = unixSocket(join(p.dir, "junit.sock"));
  try {
    for (const [path, what] of [["reports", "is a directory"], ["junit.sock", "is a socket"]]) {
      const run = await runSmoke(p.dir, ["--junit", path]);
      assert.equal(run.code, 2, `${path}: ${run.stdout}${run.stderr}`);
      assert.match(
        run.stderr,
        new RegExp(
          `^error: Cannot write the JUnit XML to "${path}": it ${what}.*` +
            "\\[OUTPUT_PATH_INVALID\\]$",
          "m",
        ),
      );
      assert.match(run.stderr, /^hint: /m);
      assert.equal(run.resultLine, "RESULT: fail");
      assert.equal(await p.exists("ran"), false, "nothing ran");
      assert.equal(
        await kind(join(p.dir, path)),
        what === "is a directory" ? "directory" : "socket",
      );
    }
  } finally {
    socket.close();
  }
});

Deno.test("--junit to a device, a FIFO or /dev/stdout is written in place; the node survives", async (t) => {
  await using p = await tempProject({ "fixtures/ok.smoke.jsonc": sh("true") });
  await t.step("a character device (a copy of /dev/null)", async (t) => {
    const reason = await mknodNull(join(p.dir, "null"));
    if (reason) {
      console.log(`skipped: cannot mknod here: ${reason}`);
      await t.step({ name: "skipped: no mknod", ignore: true, fn: () => {} });
      return;
    }
    const run = await runSmoke(p.dir, ["--junit", "null"]);
    assert.equal(run.code, 0, run.stdout + run.stderr);
    assert.equal(await kind(join(p.dir, "null")), "char-device", "never replaced by a file");
  });
  await t.step("a FIFO with a reader gets the XML", async () => {
    const fifo = join(p.dir, "junit.fifo");
    await new Deno.Command("mkfifo", { args: [fifo] }).output();
    const reader = new Deno.Command("cat", { args: [fifo], stdout: "piped" }).spawn();
    const run = await runSmoke(p.dir, ["--junit", "junit.fifo"]);
    const survived = await kind(fifo);
    // A replaced FIFO leaves the reader waiting for a writer forever.
    if (survived !== "fifo") reader.kill("SIGKILL");
    const read = decode((await reader.output()).stdout);
    assert.equal(survived, "fifo", "the FIFO was replaced");
    assert.equal(run.code, 0, run.stdout + run.stderr);
    assert.match(read, /<testsuites /);
  });
  await t.step("a FIFO nobody reads fails the output, not the process (no hang)", async () => {
    const fifo = join(p.dir, "lonely.fifo");
    await new Deno.Command("mkfifo", { args: [fifo] }).output();
    const run = await runSmokeWithin(p.dir, ["--junit", "lonely.fifo"]);
    assert.equal(run.hung, false, "smoke hung opening a FIFO without a reader");
    assert.equal(run.code, 1, run.stdout + run.stderr);
    assert.match(run.stderr, /lonely\.fifo.*no process is reading it/);
    assert.equal(await kind(fifo), "fifo");
  });
  await t.step(
    "smoke's own standard output (/dev/fd/1, a link to it): the XML goes there",
    async () => {
      // Not /dev/stdout itself: as root, a smoke that renamed over it (the bug this guards
      // against) would replace the machine's /dev/stdout. A private link to /proc/self/fd/1 takes
      // the same path through the code; a regression replaces only the link.
      await Deno.symlink("/proc/self/fd/1", join(p.dir, "stdout-link"));
      for (const path of ["/dev/fd/1", "stdout-link"]) {
        // Standard output is a file here, as in `smoke --junit /dev/stdout > log`.
        const log = join(p.dir, "log");
        const child = await new Deno.Command("sh", {
          args: [
            "-c",
            `exec "$0" run -A "$1" --junit "$2" > "$3"`,
            Deno.execPath(),
            SMOKE_ENTRY,
            path,
            log,
          ],
          cwd: p.dir,
          env: { NO_COLOR: "1" },
          stderr: "piped",
        }).output();
        assert.equal(child.code, 0, decode(child.stderr));
        const out = await Deno.readTextFile(log);
        assert.match(
          out,
          /^PASS {2}ok [^]*<testsuites [^]*<\/testsuites>\n[^]*RESULT: pass\n$/,
          out,
        );
        assert.equal(await kind(join(p.dir, "stdout-link")), "symlink");
        const piped = await runSmoke(p.dir, ["--junit", path]);
        assert.equal(piped.code, 0, piped.stdout + piped.stderr);
        assert.match(piped.stdout, /<testsuites [^]*<\/testsuites>/);
        assert.equal(piped.resultLine, "RESULT: pass");
      }
    },
  );
});

Deno.test("--junit through a symlink writes the file it points to; the link survives", async () => {
  await using p = await tempProject({ "fixtures/ok.smoke.jsonc": sh("true") });
  await p.write("reports/real.xml", "old");
  await Deno.symlink("reports/real.xml", join(p.dir, "junit.xml"));
  await Deno.symlink("reports/new/made.xml", join(p.dir, "dangling.xml"));
  const run = await runSmoke(p.dir, ["--junit", "junit.xml"]);
  assert.equal(run.code, 0, run.stdout + run.stderr);
  assert.equal(await kind(join(p.dir, "junit.xml")), "symlink", "the link survives");
  assert.match(await p.read("reports/real.xml"), /<testsuites /);
  const dangling = await runSmoke(p.dir, ["--junit", "dangling.xml"]);
  assert.equal(dangling.code, 0, dangling.stdout + dangling.stderr);
  assert.equal(await kind(join(p.dir, "dangling.xml")), "symlink");
  assert.match(await p.read("reports/new/made.xml"), /<testsuites /);
});

Deno.test("report --out and merge --out refuse a directory or a socket and keep a device", async (t) => {
  await using p = await tempProject({ "fixtures/ok.smoke.jsonc": sh("true") });
  assert.equal((await runSmoke(p.dir, [])).code, 0);
  await Deno.mkdir(join(p.dir, "outdir"));
  const socket = unixSocket(join(p.dir, "out.sock"));
  try {
    for (const command of [["report"], ["merge", `${ART}/latest.json`]]) {
      for (const [path, what] of [["outdir", "a directory"], ["out.sock", "a socket"]]) {
        const run = await runSmoke(p.dir, [...command, "--out", path]);
        assert.equal(run.code, 2, `${command[0]} ${path}: ${run.stdout}${run.stderr}`);
        assert.match(
          run.stderr,
          new RegExp(
            `^error: Cannot write .* to "${path}": it is ${what}.*\\[OUTPUT_PATH_INVALID\\]`,
            "m",
          ),
        );
        assert.match(run.stderr, /^hint: /m);
        assert.equal(run.resultLine, "RESULT: fail");
      }
    }
  } finally {
    socket.close();
  }
  const reason = await mknodNull(join(p.dir, "null"));
  if (reason) {
    console.log(`skipped: cannot mknod here: ${reason}`);
    await t.step({ name: "device (skipped: no mknod)", ignore: true, fn: () => {} });
    return;
  }
  for (const command of [["report"], ["merge", `${ART}/latest.json`]]) {
    const run = await runSmoke(p.dir, [...command, "--out", "null"]);
    assert.equal(run.code, 0, `${command[0]}: ${run.stdout}${run.stderr}`);
    assert.equal(await kind(join(p.dir, "null")), "char-device");
  }
});

Deno.test("--report with report.html a directory is refused before the run", async () => {
  await using p = await tempProject(MARKER_FIXTURE);
  await Deno.mkdir(join(p.artifactDir, "report.html"), { recursive: true });
  const run = await runSmoke(p.dir, ["--report"]);
  assert.equal(run.code, 2, run.stdout + run.stderr);
  assert.match(run.stderr, /report\.html": it is a directory.*\[OUTPUT_PATH_INVALID\]/);
  assert.equal(await p.exists("ran"), false);
});

// --- the lock ----------------------------------------------------------------------------------

Deno.test("a .lock that is a directory, a FIFO, a symlink or a socket is refused by name, without blocking", async () => {
  for (const what of ["directory", "fifo", "symlink", "socket"]) {
    await using p = await tempProject(MARKER_FIXTURE);
    const lock = join(p.artifactDir, ".lock");
    await Deno.mkdir(p.artifactDir, { recursive: true });
    let socket: Deno.Listener | undefined;
    if (what === "directory") await Deno.mkdir(lock);
    if (what === "fifo") await new Deno.Command("mkfifo", { args: [lock] }).output();
    if (what === "symlink") {
      await p.write("precious.txt", "user data");
      await Deno.symlink(join(p.dir, "precious.txt"), lock);
    }
    if (what === "socket") socket = unixSocket(lock);
    try {
      const run = await runSmokeWithin(p.dir, []);
      assert.equal(run.hung, false, `${what}: smoke hung on the .lock`);
      assert.equal(run.code, 2, `${what}: ${run.stdout}${run.stderr}`);
      assert.match(
        run.stderr,
        /^error: Cannot use the lock file ".*\.lock": it is not a regular file.*\[ARTIFACT_DIR_UNUSABLE\]$/m,
      );
      assert.match(run.stderr, /^hint: Remove ".*\.lock"/m);
      assert.equal(run.resultLine, "RESULT: fail");
      assert.equal(await p.exists("ran"), false);
      if (what === "symlink") assert.equal(await p.read("precious.txt"), "user data");
    } finally {
      socket?.close();
    }
  }
});

Deno.test("a malformed .lock is taken over with a LOCK_MALFORMED warning and signals nothing", async () => {
  // Before the fix, {"pid":4294967295} became kill(-1, SIGCONT): every process on the machine.
  for (const text of ["null", "garbage{", '{"pid":4294967295}', '{"pid":-1}', "[1,2]", '"x"']) {
    await using p = await tempProject(MARKER_FIXTURE);
    await p.write(`${ART}/.lock`, text);
    const run = await runSmoke(p.dir, []);
    assert.equal(run.code, 0, `${text}: ${run.stdout}${run.stderr}`);
    assert.match(run.stderr, /^warning: .*\.lock.*\[LOCK_MALFORMED\]$/m, text);
    assert.equal(await p.exists("ran"), true);
    assert.equal(await p.exists(`${ART}/.lock`), false, "released");
  }
});

Deno.test("an empty .lock or one a killed run left is taken over without a warning", async () => {
  const dead = new Deno.Command("true").spawn();
  await dead.status;
  for (
    const text of ["", JSON.stringify({ pid: dead.pid, runId: "20260101T000000000Z-abcdef" })]
  ) {
    await using p = await tempProject(MARKER_FIXTURE);
    await p.write(`${ART}/.lock`, text);
    const run = await runSmoke(p.dir, []);
    assert.equal(run.code, 0, `${text}: ${run.stdout}${run.stderr}`);
    assert.doesNotMatch(run.stderr, /LOCK_MALFORMED/);
  }
});

Deno.test("5 runs started together over a stale lock never run at once", async () => {
  await using p = await tempProject();
  const log = join(p.dir, "log");
  await p.write(
    "fixtures/critical.smoke.jsonc",
    sh(`echo start >> '${log}'; sleep 0.4; echo end >> '${log}'`),
  );
  const dead = new Deno.Command("true").spawn();
  await dead.status;
  const stale = JSON.stringify({ pid: dead.pid, runId: "20260101T000000000Z-abcdef" });
  let ran = 0;
  for (let round = 0; round < 20; round++) {
    await p.write(`${ART}/.lock`, stale);
    await Deno.writeTextFile(log, "");
    const runs = await Promise.all(Array.from({ length: 5 }, () => runSmoke(p.dir, [])));
    for (const run of runs) {
      assert.ok(run.code === 0 || run.code === 2, run.stdout + run.stderr);
      if (run.code === 2) assert.match(run.stderr, /\[LOCKED\]/);
    }
    const lines = (await Deno.readTextFile(log)).trim().split("\n");
    const expected = runs.filter((r) => r.code === 0).length;
    assert.ok(expected >= 1, "one of them ran");
    assert.deepEqual(
      lines,
      Array.from({ length: expected }, () => ["start", "end"]).flat(),
      `round ${round}: runs overlapped`,
    );
    ran += expected;
  }
  assert.ok(ran >= 20);
});

// --- history files of the wrong type, file systems that refuse --------------------------------

Deno.test("runs being a file or latest.json a directory: exit 2 before any fixture runs", async () => {
  for (const [name, make] of [["runs", "file"], ["latest.json", "directory"]]) {
    await using p = await tempProject(MARKER_FIXTURE);
    const path = join(p.artifactDir, name);
    if (make === "file") await p.write(`${ART}/${name}`, "not a directory");
    else await Deno.mkdir(path, { recursive: true });
    const run = await runSmoke(p.dir, []);
    assert.equal(run.code, 2, `${name}: ${run.stdout}${run.stderr}`);
    assert.match(run.stderr, new RegExp(`^error: .*${name.replace(".", "\\.")}".*`, "m"));
    assert.match(run.stderr, /^hint: /m);
    assert.equal(run.resultLine, "RESULT: fail");
    assert.equal(await p.exists("ran"), false, "nothing ran");
    assert.equal(await kind(path), make, "left as it was");
  }
});

Deno.test("latest.json a symlink to a device or a FIFO: exit 2 before any fixture runs (the next rerun reads it)", async () => {
  for (const target of ["/dev/null", "/dev/zero", "fifo"]) {
    await using p = await tempProject(MARKER_FIXTURE);
    await Deno.mkdir(p.artifactDir, { recursive: true });
    const latest = join(p.artifactDir, "latest.json");
    if (target === "fifo") {
      const made = await new Deno.Command("mkfifo", { args: [latest] }).output();
      assert.equal(made.code, 0);
    } else await Deno.symlink(target, latest);
    const run = await runSmoke(p.dir, []);
    assert.equal(run.code, 2, `${target}: ${run.stdout}${run.stderr}`);
    assert.match(
      run.stderr,
      /^error: Cannot write the artifact to ".*latest\.json": it is not a regular file.*\[ARTIFACT_DIR_UNUSABLE\]$/m,
    );
    assert.equal(run.resultLine, "RESULT: fail");
    assert.equal(await p.exists("ran"), false, `${target}: nothing ran`);
  }
});

Deno.test("latest.json turned into a symlink to /dev/null mid-run is not written in place: the run says so", async () => {
  await using p = await tempProject({
    "fixtures/sabotage.smoke.jsonc": sh(
      `rm -f ${ART}/latest.json && ln -s /dev/null ${ART}/latest.json`,
    ),
  });
  const run = await runSmoke(p.dir, []);
  assert.equal(run.code, 1, run.stdout + run.stderr);
  assert.match(
    run.stderr,
    /^error: Cannot write ".*latest\.json": it is not a regular file.*\[ARTIFACT_WRITE_FAILED\]$/m,
  );
  assert.equal(run.resultLine, "RESULT: fail");
});

Deno.test("when only latest.json cannot be written, the run says so and keeps runs/<id>.json", async () => {
  await using p = await tempProject({
    // The fixture turns latest.json into a directory while the run is going.
    "fixtures/sabotage.smoke.jsonc": sh(`rm -f ${ART}/latest.json && mkdir ${ART}/latest.json`),
  });
  const run = await runSmoke(p.dir, []);
  assert.equal(run.code, 1, run.stdout + run.stderr);
  assert.equal(run.resultLine, "RESULT: fail");
  const runFile = /^Artifact: (.+)$/m.exec(run.stdout)?.[1] ?? "";
  assert.match(runFile, /runs\/.*\.json$/, run.stdout);
  assert.match(run.stderr, /^error: Cannot write ".*latest\.json": .*\[ARTIFACT_WRITE_FAILED\]$/m);
  assert.match(run.stderr, new RegExp(`^hint: .*This run is saved in ${runFile}`, "m"));
  assert.doesNotMatch(run.stderr, /Cannot write artifact ".*runs\//);
  assert.equal(JSON.parse(await p.read(runFile)).result, "pass");
});

Deno.test("latest.json as a symlink: the link survives and its target holds the run", async () => {
  await using p = await tempProject({ "fixtures/ok.smoke.jsonc": sh("true") });
  await p.write("shared/latest.json", "{}");
  await Deno.mkdir(p.artifactDir, { recursive: true });
  await Deno.symlink(join(p.dir, "shared/latest.json"), join(p.artifactDir, "latest.json"));
  const run = await runSmoke(p.dir, []);
  assert.equal(run.code, 0, run.stdout + run.stderr);
  assert.equal(await kind(join(p.artifactDir, "latest.json")), "symlink");
  assert.equal(JSON.parse(await p.read("shared/latest.json")).result, "pass");
});

Deno.test("an artifact directory that cannot be created is exit 2 naming it", async (t) => {
  await using p = await tempProject(MARKER_FIXTURE);
  for (
    const [name, options, text] of [
      ["read-only", "ro,size=64k", /Read-only file system/],
      ["full", "size=64k,nr_inodes=1", /No space left on device/],
    ] as const
  ) {
    const mount = join(p.dir, name);
    const reason = await mountTmpfs(mount, options);
    if (reason) {
      console.log(`skipped: cannot mount a tmpfs here: ${reason}`);
      await t.step({ name: `${name} (skipped: no tmpfs)`, ignore: true, fn: () => {} });
      continue;
    }
    try {
      const run = await runSmoke(p.dir, ["--artifact-dir", `${name}/artifacts`]);
      assert.equal(run.code, 2, `${name}: ${run.stdout}${run.stderr}`);
      assert.match(
        run.stderr,
        new RegExp(
          `^error: Cannot use artifact directory "${name}/artifacts": ${text.source}.*\\[ARTIFACT_DIR_UNUSABLE\\]$`,
          "m",
        ),
      );
      assert.match(run.stderr, /^hint: /m);
      assert.equal(run.resultLine, "RESULT: fail");
      assert.equal(await p.exists("ran"), false);
    } finally {
      await umount(mount);
    }
  }
  await p.write("plain-file", "x");
  const under = await runSmoke(p.dir, ["--artifact-dir", "plain-file/artifacts"]);
  assert.equal(under.code, 2, under.stdout + under.stderr);
  assert.match(under.stderr, /^error: Cannot use artifact directory "plain-file\/artifacts"/m);
});

Deno.test("pruning removes only smoke's run files: 3,000 junk json files survive", async () => {
  await using p = await tempProject({
    "fixtures/ok.smoke.jsonc": sh("true"),
    "smoke.jsonc": JSON.stringify({ historyLimit: 2 }),
  });
  await Deno.mkdir(join(p.artifactDir, "runs"), { recursive: true });
  const junk: string[] = [];
  for (let i = 0; i < 3000; i++) {
    // Names that sort before and after smoke's run ids.
    const name = i % 2 ? `0000-junk-${i}.json` : `zz-junk-${i}.json`;
    junk.push(name);
    await Deno.writeTextFile(join(p.artifactDir, "runs", name), "{}");
  }
  const ids: string[] = [];
  for (let i = 0; i < 3; i++) {
    const run = await runSmoke(p.dir, []);
    assert.equal(run.code, 0, run.stdout + run.stderr);
    ids.push((await p.latest()).runId);
  }
  const names = new Set([...Deno.readDirSync(join(p.artifactDir, "runs"))].map((e) => e.name));
  for (const name of junk) assert.ok(names.has(name), `${name} was deleted`);
  assert.equal(names.has(`${ids[0]}.json`), false, "the oldest run is pruned");
  assert.ok(names.has(`${ids[1]}.json`) && names.has(`${ids[2]}.json`), "the newest two stay");
});

Deno.test("a symlinked runs/ loses nothing to pruning (HISTORY_NOT_PRUNED)", async () => {
  await using p = await tempProject({
    "fixtures/ok.smoke.jsonc": sh("true"),
    "smoke.jsonc": JSON.stringify({ historyLimit: 1 }),
  });
  // The user's files, some named exactly like smoke's run files.
  const theirs = ["notes.json", "20200101T000000000Z-000000.json", "a.json"];
  for (const name of theirs) await p.write(`mine/${name}`, "precious");
  await Deno.mkdir(p.artifactDir, { recursive: true });
  await Deno.symlink(join(p.dir, "mine"), join(p.artifactDir, "runs"));
  for (let i = 0; i < 2; i++) {
    const run = await runSmoke(p.dir, []);
    assert.equal(run.code, 0, run.stdout + run.stderr);
    assert.match(run.stderr, /^warning: .*runs.* \[HISTORY_NOT_PRUNED\]$/m);
  }
  for (const name of theirs) assert.equal(await p.read(`mine/${name}`), "precious", name);
  assert.equal(await kind(join(p.artifactDir, "runs")), "symlink");
});

Deno.test("an output naming the artifact directory's own files is refused before the run", async () => {
  await using p = await tempProject(MARKER_FIXTURE);
  const first = await runSmokeWithin(p.dir, []);
  assert.equal(first.code, 0, first.stderr);
  const before = await p.read(`${ART}/latest.json`);
  await Deno.remove(join(p.dir, "ran"));
  for (
    const args of [["--junit", `${ART}/latest.json`], ["report", "--out", `${ART}/latest.json`]]
  ) {
    const run = await runSmokeWithin(p.dir, args);
    assert.equal(run.code, 2, `${args.join(" ")}: ${run.stdout}${run.stderr}`);
    assert.match(run.stderr, /it is smoke's own artifact file \[OUTPUT_PATH_INVALID\]/);
    assert.equal(await p.exists("ran"), false, "nothing ran");
  }
  assert.equal(await p.read(`${ART}/latest.json`), before, "latest.json is as it was");
});

Deno.test("latest.json and durations.json by another spelling: outputs refused, a merge saved into the history", async () => {
  await using p = await tempProject(MARKER_FIXTURE);
  const first = await runSmokeWithin(p.dir, []);
  assert.equal(first.code, 0, first.stderr);
  // The artifact directory through a symlinked folder; latest.json a symlink to a file elsewhere.
  await Deno.symlink(join(p.dir, ART), join(p.dir, "alias"));
  await p.write("shared/latest.json", await p.read(`${ART}/latest.json`));
  await Deno.remove(join(p.dir, ART, "latest.json"));
  await Deno.symlink(join(p.dir, "shared/latest.json"), join(p.dir, ART, "latest.json"));
  const durations = await p.read(`${ART}/durations.json`);
  for (
    const out of [
      "alias/latest.json",
      "shared/latest.json",
      `${ART}/durations.json`,
      "alias/durations.json",
    ]
  ) {
    const run = await runSmokeWithin(p.dir, ["--junit", out]);
    assert.equal(run.code, 2, `${out}: ${run.stdout}${run.stderr}`);
    assert.match(run.stderr, /it is smoke's own artifact file \[OUTPUT_PATH_INVALID\]/, out);
  }
  assert.equal(await p.read(`${ART}/durations.json`), durations);
  // merge --out latest.json through the alias, latest.json now a symlink to /dev/null: refused.
  const input = [...Deno.readDirSync(join(p.dir, ART, "runs"))][0].name;
  await Deno.remove(join(p.dir, ART, "latest.json"));
  await Deno.symlink("/dev/null", join(p.dir, ART, "latest.json"));
  const merged = await runSmokeWithin(p.dir, [
    "merge",
    `${ART}/runs/${input}`,
    "--out",
    "alias/latest.json",
  ]);
  assert.equal(merged.code, 2, merged.stdout + merged.stderr);
  assert.match(merged.stderr, /it is not a regular file/);
});

Deno.test("a report.html or latest.json symlink onto smoke's own history is refused before anything runs", async () => {
  await using p = await tempProject({
    "fixtures/a.smoke.ts": "Deno.exit(1);\n",
    "fixtures/b.smoke.ts": "\n",
  });
  const dir = `${p.dir}/.planning/artifacts/smoke`;
  assert.equal((await runSmoke(p.dir, [])).code, 1);
  const latest = await Deno.readTextFile(`${dir}/latest.json`);
  const [runFile] = [...Deno.readDirSync(`${dir}/runs`)].map((e) => e.name);

  // The HTML page's default path, a symlink onto latest.json: --report and `smoke report`.
  await Deno.symlink("latest.json", `${dir}/report.html`);
  for (const args of [["--report"], ["report"]]) {
    const run = await runSmoke(p.dir, args);
    assert.equal(run.code, 2, `${args}: ${run.stderr}`);
    assert.match(run.stderr, /it is smoke's own artifact file \[OUTPUT_PATH_INVALID\]/);
  }
  assert.equal(await Deno.readTextFile(`${dir}/latest.json`), latest);
  await Deno.remove(`${dir}/report.html`);

  // latest.json pointed at a run file: that run's record is never rewritten.
  const record = await Deno.readTextFile(`${dir}/runs/${runFile}`);
  await Deno.remove(`${dir}/latest.json`);
  await Deno.symlink(`runs/${runFile}`, `${dir}/latest.json`);
  const run = await runSmoke(p.dir, []);
  assert.equal(run.code, 2, run.stderr);
  assert.match(
    run.stderr,
    /Cannot use ".*latest\.json": it is a symlink to smoke's own run file, which a run would overwrite \[ARTIFACT_DIR_UNUSABLE\]/,
  );
  assert.equal(await Deno.readTextFile(`${dir}/runs/${runFile}`), record);

  // Symlinks to smoke's own files that are not written yet: refused just the same.
  await using fresh = await tempProject({ "fixtures/a.smoke.ts": "\n" });
  const arts = `${fresh.dir}/.planning/artifacts/smoke`;
  await Deno.mkdir(arts, { recursive: true });
  for (
    const [link, to, code] of [
      ["report.html", "latest.json", "OUTPUT_PATH_INVALID"],
      ["report.html", "durations.json", "OUTPUT_PATH_INVALID"],
      ["latest.json", "durations.json", "ARTIFACT_DIR_UNUSABLE"],
    ]
  ) {
    await Deno.symlink(to, `${arts}/${link}`);
    const refused = await runSmoke(fresh.dir, ["--report"]);
    assert.equal(refused.code, 2, `${link} -> ${to}: ${refused.stderr}`);
    assert.match(refused.stderr, new RegExp(`\\[${code}\\]`), `${link} -> ${to}`);
    assert.equal(await fresh.exists(`.planning/artifacts/smoke/${to}`), false, to);
    await Deno.remove(`${arts}/${link}`);
  }
  // Two links: latest.json to a file not there yet, report.html to latest.json.
  await Deno.symlink("next.json", `${arts}/latest.json`);
  await Deno.symlink("latest.json", `${arts}/report.html`);
  const twice = await runSmoke(fresh.dir, ["--report"]);
  assert.equal(twice.code, 2, twice.stderr);
  assert.match(twice.stderr, /\[OUTPUT_PATH_INVALID\]/);
  assert.equal(await fresh.exists(".planning/artifacts/smoke/next.json"), false);
});
