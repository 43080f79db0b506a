#!/usr/bin/env node
// smoke's npm bin: runs the bundled smoke (../smoke.js) on the Deno of this package's `deno`
// dependency, with stdio inherited; forwards signals and exits as smoke did. No dependencies.
"use strict";
const { spawn } = require("node:child_process");
const fs = require("node:fs");
const path = require("node:path");

const windows = process.platform === "win32";

/** The Deno binary of the `deno` npm package this one depends on. */
function findDeno() {
  const dir = path.dirname(require.resolve("deno/package.json", { paths: [__dirname] }));
  const exe = path.join(dir, windows ? "deno.exe" : "deno");
  if (fs.existsSync(exe)) return exe;
  // Installed with --ignore-scripts: deno's postinstall did not place the binary; its own
  // installer finds it in the platform package (@deno/<os>-<arch>).
  return require(path.join(dir, "install_api.cjs")).runInstall();
}

let deno;
try {
  deno = findDeno();
} catch (error) {
  process.stderr.write(
    `error: smoke: Cannot find the Deno of the "deno" npm package: ${error.message}\n` +
      `hint: reinstall the dev dependency (npm install), or run smoke with a Deno of your own: ` +
      `deno run -A ${path.join(__dirname, "..", "smoke.js")}\n`,
  );
  process.exit(2);
}

const env = { ...process.env };
// Printed rerun and fallback commands: what the user types (an npm script wins in smoke).
if (!env.SMOKE_INVOCATION) env.SMOKE_INVOCATION = "npx smoke";

const child = spawn(deno, [
  "run",
  "-A",
  path.join(__dirname, "..", "smoke.js"),
  ...process.argv.slice(2),
], {
  stdio: "inherit",
  env,
});

/** Whether this process is in the terminal's foreground group: then Ctrl-C reached smoke too. */
function inForegroundGroup() {
  try {
    // /proc/self/stat: "pid (comm) state ppid pgrp session tty_nr tpgid ...".
    const fields = fs.readFileSync("/proc/self/stat", "utf8").replace(/^.*\) /s, "").split(" ");
    return fields[2] === fields[5];
  } catch {
    return Boolean(process.stdin.isTTY);
  }
}

const last = {};
for (const signal of windows ? ["SIGINT"] : ["SIGINT", "SIGTERM", "SIGHUP"]) {
  process.on(signal, () => {
    // Ctrl-C in a terminal reaches the whole foreground group, smoke included: one more
    // SIGINT would be smoke's "again: stop at once".
    if (signal === "SIGINT" && inForegroundGroup()) return;
    // One event reaching this process twice (npx forwards what its group also got) is one.
    const now = Date.now();
    if (now - (last[signal] ?? -Infinity) < 200) return;
    last[signal] = now;
    if (child.exitCode === null && child.signalCode === null) child.kill(signal);
  });
}

child.on("error", (error) => {
  process.stderr.write(`error: smoke: Cannot start Deno "${deno}": ${error.message}\n`);
  process.exit(2);
});
child.on("exit", (code, signal) => {
  if (signal) {
    // Died of a signal: so does this process, for the shell and npm to see.
    for (const name of ["SIGINT", "SIGTERM", "SIGHUP"]) process.removeAllListeners(name);
    process.kill(process.pid, signal);
    return;
  }
  process.exit(code ?? 1);
});
