/**
 * End-to-end tests of the npm package for Node projects (`deno task npm`),
 * for real: the tarball is built, installed with npm into a fresh temporary
 * Node project (one install, reused by every test here), and smoke runs through
 * `npx smoke` and an npm script with no Deno on PATH. Also: what smoke prints
 * when started as the README's first command, `npx --yes deno@<v> task smoke`.
 *
 * Installing downloads the `deno` npm package from the registry. Where npm is
 * missing or the registry cannot be reached, the tests are ignored with the
 * reason printed; they never pass without running the installed package.
 */
import assert from "node:assert/strict";
import { delimiter, join } from "node:path";
import { existsSync } from "node:fs";
import { SMOKE_ENTRY, tempProject } from "./_project.ts";
import { fileURLToPath } from "node:url";

const ROOT = fileURLToPath(new URL("..", import.meta.url));
const VERSION: string = JSON.parse(await Deno.readTextFile(join(ROOT, "deno.json"))).version;
/** A registry that cannot be reached: not the package's fault. */
const NETWORK =
  /ENOTFOUND|EAI_AGAIN|ECONNREFUSED|ECONNRESET|ETIMEDOUT|ENETUNREACH|network request|request to \S+ failed/i;

/** PATH without any directory holding a `deno`: what a Node project without Deno has. */
const PATH_WITHOUT_DENO = (Deno.env.get("PATH") ?? "").split(delimiter)
  .filter((dir) => dir && !existsSync(join(dir, "deno")) && !existsSync(join(dir, "deno.exe")))
  .join(delimiter);

/** This environment minus npm's variables and CI's, with no Deno on PATH. */
function nodeEnv(): Record<string, string> {
  const env = Deno.env.toObject();
  for (const name of Object.keys(env)) {
    if (/^(npm_|SMOKE_)/i.test(name) || ["CI", "GITHUB_ACTIONS", "DENO_DIR"].includes(name)) {
      delete env[name];
    }
  }
  return { ...env, PATH: PATH_WITHOUT_DENO, NO_COLOR: "1" };
}

interface Ran {
  code: number;
  stdout: string;
  stderr: string;
  resultLine: string;
}

async function run(cmd: string[], cwd: string, env = nodeEnv()): Promise<Ran> {
  const out = await new Deno.Command(cmd[0], {
    args: cmd.slice(1),
    cwd,
    env,
    clearEnv: true,
    stdin: "null",
  }).output();
  const decode = (b: Uint8Array) => new TextDecoder().decode(b);
  const stdout = decode(out.stdout);
  return {
    code: out.code,
    stdout,
    stderr: decode(out.stderr),
    resultLine: stdout.trimEnd().split("\n").at(-1) ?? "",
  };
}

type Setup = { ok: true; project: string } | { ok: false; skip: string } | {
  ok: false;
  fail: string;
};

/** Builds the tarball with `deno task npm` and installs it into a fresh Node project. */
async function setUp(work: string): Promise<Setup> {
  const npm = await run(["npm", "--version"], work).catch((error) => {
    if (error instanceof Deno.errors.NotFound) return undefined;
    throw error;
  });
  if (!npm) return { ok: false, skip: "npm is not on PATH" };
  const build = await run(
    [Deno.execPath(), "task", "npm", "--out", join(work, "dist")],
    ROOT,
    { ...nodeEnv(), PATH: Deno.env.get("PATH") ?? "" },
  );
  if (build.code !== 0) return { ok: false, fail: `deno task npm failed:\n${build.stderr}` };
  const tarball = build.stdout.trim().split("\n").at(-1)!;
  if (tarball !== join(work, "dist", `smoke-runner-${VERSION}.tgz`)) {
    return { ok: false, fail: `deno task npm printed ${tarball}` };
  }
  const project = join(work, "app");
  await Deno.mkdir(project);
  const init = await run(["npm", "init", "-y"], project);
  if (init.code !== 0) return { ok: false, fail: `npm init -y failed:\n${init.stderr}` };
  const install = await run(
    ["npm", "install", "--save-dev", "--prefer-offline", "--no-audit", "--no-fund", tarball],
    project,
  );
  if (install.code !== 0) {
    const output = install.stdout + install.stderr;
    if (NETWORK.test(output)) {
      const line = output.split("\n").find((l) => NETWORK.test(l))?.trim();
      return { ok: false, skip: `npm install could not reach the registry: ${line}` };
    }
    return { ok: false, fail: `npm install failed:\n${output}` };
  }
  return { ok: true, project };
}

const work = await Deno.makeTempDir({ prefix: "smoke-npm-" });
globalThis.addEventListener("unload", () => Deno.removeSync(work, { recursive: true }));
const setup = await setUp(work);
if (!setup.ok && "skip" in setup) {
  console.log("skip: the npm package is not installed and run here.");
  console.log(`skip: reason: ${setup.skip}`);
}
const ignore = !setup.ok && "skip" in setup;

/** The installed project, or the test fails with why the set-up failed. */
function project(): string {
  if (!setup.ok) assert.fail("fail" in setup ? setup.fail : setup.skip);
  return setup.project;
}

/** Replaces the project's fixtures and artifacts with these fixture files. */
async function fixtures(dir: string, files: Record<string, string>): Promise<void> {
  for (const name of ["fixtures", ".planning"]) {
    await Deno.remove(join(dir, name), { recursive: true }).catch((error) => {
      if (!(error instanceof Deno.errors.NotFound)) throw error;
    });
  }
  await Deno.mkdir(join(dir, "fixtures"));
  for (const [name, text] of Object.entries(files)) {
    await Deno.writeTextFile(join(dir, "fixtures", name), text);
  }
}

const PASSING = {
  "hello.smoke.ts": "console.log(`hello from deno ${Deno.version.deno}`);\n",
  "echo.smoke.jsonc": '{ "command": ["node", "-e", "console.log(1)"] }',
};
const FAILING = { ...PASSING, "broken.smoke.ts": "Deno.exit(3);\n" };

/** The `Rerun failures:` command smoke printed. */
function rerunCommand(out: Ran): string | undefined {
  return /^Rerun failures: (.*)$/m.exec(out.stdout)?.[1];
}

Deno.test({
  name: "npm package: npx smoke passes, fails with an `npx smoke` rerun, and reruns what failed",
  ignore,
  async fn() {
    const dir = project();
    const pkg = JSON.parse(await Deno.readTextFile(join(dir, "package.json")));
    assert.match(pkg.devDependencies["smoke-runner"], /^file:/);

    await fixtures(dir, PASSING);
    const green = await run(["npx", "smoke"], dir);
    assert.equal(green.code, 0, green.stdout + green.stderr);
    assert.match(green.stdout, /^PASS {2}hello /m);
    assert.match(green.stdout, /^PASS {2}echo /m);
    assert.equal(green.resultLine, "RESULT: pass");
    const version = await run(["npx", "smoke", "--version"], dir);
    assert.match(version.stdout, /^smoke \S+ \(bundle; deno 2\.9\.6\)$/m);

    await Deno.writeTextFile(join(dir, "fixtures/broken.smoke.ts"), FAILING["broken.smoke.ts"]);
    const red = await run(["npx", "smoke"], dir);
    assert.equal(red.code, 1, red.stdout + red.stderr);
    assert.match(red.stdout, /^FAIL {2}broken /m);
    assert.equal(red.resultLine, "RESULT: fail");
    assert.equal(rerunCommand(red), "npx smoke --rerun-failed", red.stdout);

    await Deno.writeTextFile(join(dir, "fixtures/broken.smoke.ts"), "console.log('fixed');\n");
    const rerun = await run(["npx", "smoke", "--rerun-failed"], dir);
    assert.equal(rerun.code, 0, rerun.stdout + rerun.stderr);
    assert.match(rerun.stdout, /^PASS {2}broken /m);
    assert.doesNotMatch(rerun.stdout, /^PASS {2}hello /m, "only what failed reruns");
    assert.equal(rerun.resultLine, "RESULT: pass");
  },
});

Deno.test({
  name:
    "npm package: through an npm script, the rerun command is `npm run smoke -- --rerun-failed`",
  ignore,
  async fn() {
    const dir = project();
    const pkg = JSON.parse(await Deno.readTextFile(join(dir, "package.json")));
    pkg.scripts = { ...pkg.scripts, smoke: "smoke" };
    await Deno.writeTextFile(join(dir, "package.json"), JSON.stringify(pkg, null, 2));

    await fixtures(dir, FAILING);
    const red = await run(["npm", "run", "smoke", "--silent"], dir);
    assert.equal(red.code, 1, red.stdout + red.stderr);
    assert.equal(red.resultLine, "RESULT: fail");
    assert.equal(rerunCommand(red), "npm run smoke -- --rerun-failed", red.stdout);

    const still = await run(["npm", "run", "smoke", "--silent", "--", "--rerun-failed"], dir);
    assert.equal(still.code, 1, still.stdout + still.stderr);
    assert.match(still.stdout, /^FAIL {2}broken /m);
    assert.equal(rerunCommand(still), "npm run smoke -- --rerun-failed", still.stdout);

    await Deno.writeTextFile(join(dir, "fixtures/broken.smoke.ts"), "console.log('fixed');\n");
    const fixed = await run(["npm", "run", "smoke", "--silent", "--", "--rerun-failed"], dir);
    assert.equal(fixed.code, 0, fixed.stdout + fixed.stderr);
    assert.match(fixed.stdout, /^PASS {2}broken /m);
    assert.equal(fixed.resultLine, "RESULT: pass");
  },
});

Deno.test({
  name: "npm package: SIGTERM to the bin stops smoke once, gracefully, with smoke's exit code",
  ignore,
  async fn() {
    const dir = project();
    await fixtures(dir, {
      "slow.smoke.jsonc": '{ "command": ["sh", "-c", "touch started; exec sleep 60"] }',
    });
    const child = new Deno.Command(join(dir, "node_modules/.bin/smoke"), {
      cwd: dir,
      env: nodeEnv(),
      clearEnv: true,
      stdin: "null",
      stdout: "piped",
      stderr: "piped",
    }).spawn();
    const output = child.output();
    for (let i = 0; i < 3000 && !existsSync(join(dir, "started")); i++) {
      await new Promise((r) => setTimeout(r, 10));
    }
    assert.ok(existsSync(join(dir, "started")), "the fixture started");
    child.kill("SIGTERM");
    const out = await output;
    await Deno.remove(join(dir, "started"));
    const stdout = new TextDecoder().decode(out.stdout);
    const stderr = new TextDecoder().decode(out.stderr);
    assert.equal(out.code, 143, stdout + stderr);
    assert.match(stderr, /^warning: SIGTERM: stopping fixtures and writing the artifact/m);
    assert.doesNotMatch(stderr, /again: stopped at once/, "the signal reached smoke once");
    assert.equal(stdout.trimEnd().split("\n").at(-1), "RESULT: fail");
    assert.ok(existsSync(join(dir, ".planning/artifacts/smoke/latest.json")), "artifact written");
  },
});

Deno.test({
  name: "npx --yes deno@<v> task smoke: the printed rerun command works as printed without deno",
  ignore,
  async fn() {
    project();
    await using p = await tempProject({
      "deno.json": JSON.stringify({ tasks: { smoke: `deno run -A ${SMOKE_ENTRY}` } }),
      ...Object.fromEntries(Object.entries(FAILING).map(([k, v]) => [`fixtures/${k}`, v])),
    });
    const npx = ["npx", "--yes", `deno@${Deno.version.deno}`, "task", "smoke"];
    const red = await run(npx, p.dir);
    assert.equal(red.code, 1, red.stdout + red.stderr);
    const printed = rerunCommand(red);
    assert.equal(printed, `npx --yes deno@${Deno.version.deno} task smoke --rerun-failed`);

    await p.write("fixtures/broken.smoke.ts", "console.log('fixed');\n");
    const rerun = await run(printed!.split(" "), p.dir);
    assert.equal(rerun.code, 0, rerun.stdout + rerun.stderr);
    assert.match(rerun.stdout, /^PASS {2}broken /m);
    assert.equal(rerun.resultLine, "RESULT: pass");
    assert.equal((await p.latest()).mode, "rerun-failed");
  },
});
