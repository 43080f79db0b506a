/**
 * smoke's standard output to a pipe or a file goes out in batches (at most
 * 100 ms late), not a write per fixture line: each write wakes the reader (a
 * CI runner, `tee`), which competes with the fixtures for the CPU. The order
 * of smoke's lines, and of its warnings on stderr in the same log, stays.
 */
import assert from "node:assert/strict";
import { SMOKE_ENTRY, tempProject, waitFor } from "./_project.ts";

const decode = (bytes: Uint8Array) => new TextDecoder().decode(bytes);

Deno.test("fixture lines reach a pipe in batches, every one of them, in order", async () => {
  const files: Record<string, string> = {};
  for (let i = 0; i < 150; i++) {
    files[`fixtures/t${String(i).padStart(3, "0")}.smoke.jsonc`] = '{ "command": ["true"] }';
  }
  await using p = await tempProject(files);
  const child = new Deno.Command(Deno.execPath(), {
    args: ["run", "-A", SMOKE_ENTRY, "--concurrency", "2", "--order", "id"],
    cwd: p.dir,
    env: { NO_COLOR: "1" },
    stdout: "piped",
    stderr: "null",
  }).spawn();
  // Each read returns what one or more writes put in the pipe: the reads bound the writes.
  let reads = 0;
  let text = "";
  for await (const chunk of child.stdout) {
    reads++;
    text += decode(chunk);
  }
  assert.equal((await child.status).code, 0, text);
  const passes = text.split("\n").filter((line) => line.startsWith("PASS  "));
  assert.equal(passes.length, 150, text);
  assert.ok(text.endsWith("RESULT: pass\n"), text);
  // A write per line would be ~150 reads (a slow reader merges a few); batches are ~10.
  assert.ok(reads <= 40, `${reads} reads for 150 fixture lines`);
});

Deno.test("a warning on stderr lands after the fixture lines printed before it, in one log", async () => {
  await using p = await tempProject({
    "fixtures/a.smoke.jsonc": '{ "command": ["true"] }',
    "fixtures/b.smoke.jsonc": '{ "command": ["true"] }',
    "fixtures/z.smoke.jsonc": '{ "command": ["sh", "-c", "touch z.started; sleep 30"] }',
  });
  const log = `${p.dir}/log`;
  // stdout and stderr into one file, as a CI log has them.
  const child = new Deno.Command("sh", {
    args: [
      "-c",
      `exec "$0" run -A "$1" --concurrency 1 --order id > "$2" 2>&1`,
      Deno.execPath(),
      SMOKE_ENTRY,
      log,
    ],
    cwd: p.dir,
    env: { NO_COLOR: "1" },
  }).spawn();
  await waitFor(() => p.exists("z.started"));
  child.kill("SIGINT");
  assert.equal((await child.status).code, 130);
  const text = await Deno.readTextFile(log);
  const a = text.indexOf("PASS  a");
  const b = text.indexOf("PASS  b");
  const warning = text.indexOf("warning: SIGINT");
  assert.ok(a >= 0 && b > a, text);
  assert.ok(warning > b, `the warning came before the lines printed before it:\n${text}`);
});

Deno.test("standard output that cannot be written (/dev/full): the run goes on, the artifact is written, exit 2", async () => {
  await using p = await tempProject({
    "fixtures/a.smoke.jsonc": '{ "command": ["true"] }',
    // Runs past the first batch's interval, so that its write fails while this fixture runs.
    "fixtures/b.smoke.jsonc": '{ "command": ["sh", "-c", "sleep 0.4; touch b.done"] }',
  });
  const child = await new Deno.Command("sh", {
    args: ["-c", `exec "$0" run -A "$1" --order id > /dev/full`, Deno.execPath(), SMOKE_ENTRY],
    cwd: p.dir,
    env: { NO_COLOR: "1" },
    stderr: "piped",
  }).output();
  const stderr = decode(child.stderr);
  assert.equal(child.code, 2, stderr);
  assert.doesNotMatch(stderr, /Uncaught/, "no crash from the batch's timer");
  assert.match(stderr, /No space left on device/);
  assert.equal(await p.exists("b.done"), true, "the run went on");
  const latest = await p.latest();
  assert.deepEqual(latest.fixtures.map((f) => `${f.id} ${f.status}`), ["a passed", "b passed"]);
  assert.equal(await p.exists(".planning/artifacts/smoke/.lock"), false);
});

Deno.test("a JUnit file written to a copy of standard output comes after the lines before it", async () => {
  await using p = await tempProject({
    "fixtures/a.smoke.jsonc": '{ "command": ["true"] }',
    "fixtures/b.smoke.jsonc": '{ "command": ["true"] }',
  });
  const child = await new Deno.Command("sh", {
    args: [
      "-c",
      `exec "$0" run -A "$1" --order id --concurrency 1 --junit /dev/fd/5 5>&1`,
      Deno.execPath(),
      SMOKE_ENTRY,
    ],
    cwd: p.dir,
    env: { NO_COLOR: "1" },
    stdout: "piped",
    stderr: "piped",
  }).output();
  const out = decode(child.stdout);
  assert.equal(child.code, 0, out + decode(child.stderr));
  assert.match(
    out,
    /^PASS {2}a [^]*PASS {2}b [^]*<\?xml[^]*<\/testsuites>\n[^]*RESULT: pass\n$/,
    out,
  );
});
