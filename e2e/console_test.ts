/**
 * End-to-end tests of the console: --help, --version, and the live status
 * line and colours on a real terminal (a pty from util-linux `script`).
 */
import assert from "node:assert/strict";
import { runSmoke, SMOKE_ENTRY, tempProject } from "./_project.ts";
import { VERSION } from "../lib/base/version.ts";

const hasScript = (() => {
  try {
    return new Deno.Command("script", { args: ["--version"], stdout: "null", stderr: "null" })
      .outputSync().success;
  } catch {
    return false;
  }
})();

async function onTerminal(cwd: string, args: string[], env: Record<string, string> = {}) {
  const command = [Deno.execPath(), "run", "-A", SMOKE_ENTRY, ...args]
    .map((a) => `'${a.replaceAll("'", `'\\''`)}'`).join(" ");
  const base = Deno.env.toObject();
  delete base.NO_COLOR;
  const out = await new Deno.Command("script", {
    args: ["-qec", command, "/dev/null"],
    cwd,
    env: { ...base, COLUMNS: "100", ...env },
    clearEnv: true,
    stdin: "null",
  }).output();
  return { code: out.code, text: new TextDecoder().decode(out.stdout) };
}

Deno.test("--help teaches the flags with examples; --version names the version and runtime", async () => {
  await using p = await tempProject();
  const help = await runSmoke(p.dir, ["--help"]);
  assert.equal(help.code, 0);
  for (const part of ["Usage:", "--rerun-failed", "--fixture ID", "Examples:", "Exit codes:"]) {
    assert.ok(help.stdout.includes(part), part);
  }
  assert.doesNotMatch(help.stdout, /RESULT:/);
  const version = await runSmoke(p.dir, ["--version"]);
  assert.equal(version.code, 0);
  assert.equal(version.stdout, `smoke ${VERSION} (script; deno ${Deno.version.deno})\n`);
});

Deno.test({
  name: "on a terminal: a live status line with the running fixtures, and colour unless disabled",
  ignore: !hasScript,
  async fn() {
    await using p = await tempProject({
      "fixtures/slow.smoke.jsonc": JSON.stringify({ command: ["sleep", "1"] }),
      "fixtures/bad.smoke.jsonc": JSON.stringify({ command: ["false"] }),
    });
    const live = await onTerminal(p.dir, ["--concurrency", "2"]);
    assert.equal(live.code, 1, live.text);
    // deno-lint-ignore no-control-regex
    assert.match(live.text, /\r\x1b\[2K\[\d\/2\] \d passed, \d failed \| running: slow \d/);
    assert.ok(live.text.includes("\x1b[31mFAIL\x1b[39m"), "FAIL is red on a terminal");
    assert.match(live.text, /RESULT: fail\r?\n?$/);
    const plain = await onTerminal(p.dir, ["--no-color"]);
    assert.ok(!plain.text.includes("\x1b[31m"), "--no-color has no colour");
    assert.ok(plain.text.includes("\r\x1b[2K["), "the status line stays: it is not colour");
    const env = await onTerminal(p.dir, [], { NO_COLOR: "1" });
    assert.ok(!env.text.includes("\x1b[31m"), "NO_COLOR has no colour");
  },
});

Deno.test("not on a terminal: plain lines, no status line, no colour", async () => {
  await using p = await tempProject({
    "fixtures/bad.smoke.jsonc": JSON.stringify({ command: ["false"] }),
  });
  const run = await runSmoke(p.dir, [], { env: { NO_COLOR: "" } });
  assert.equal(run.code, 1);
  assert.ok(!run.stdout.includes("\x1b"), JSON.stringify(run.stdout));
  assert.match(run.stdout, /^FAIL {2}bad /m);
});

Deno.test({
  name: "on a terminal, a file name's escape sequences are shown escaped; only smoke's own pass",
  ignore: !hasScript,
  async fn() {
    await using p = await tempProject({ "fixtures/ok.smoke.jsonc": '{ "command": ["false"] }' });
    await Deno.writeTextFile(
      `${p.dir}/fixtures/evil\r\x1b[2K\x1b[32mPASS all good\x1b[8m.smoke.ts`,
      "",
    );
    const run = await onTerminal(p.dir, []);
    assert.equal(run.code, 2, run.text);
    assert.match(run.text, /evil\\r\\x1b\[2K\\x1b\[32mPASS all good\\x1b\[8m/, "shown escaped");
    assert.ok(!run.text.includes("\x1b[32mPASS"), JSON.stringify(run.text));
    assert.ok(!run.text.includes("\x1b[8m"), JSON.stringify(run.text));
  },
});

Deno.test({
  name: "on a terminal: the status line is cleared before a service's error is printed",
  ignore: !hasScript,
  async fn() {
    await using p = await tempProject({
      "smoke.jsonc": JSON.stringify({
        services: [{
          name: "api",
          command: ["sleep", "30"],
          ready: { stdoutIncludes: "never", timeoutMs: 300 },
        }],
      }),
      "fixtures/a.smoke.jsonc": JSON.stringify({ command: ["true"] }),
    });
    const run = await onTerminal(p.dir, ["--no-color"]);
    assert.equal(run.code, 1, run.text);
    assert.match(run.text, /error: Service "api" was not ready/);
    // The error starts a line of its own: the status line before it was cleared, not run into.
    assert.doesNotMatch(run.text, /failed\s*error: Service/);
  },
});
