/**
 * `deno task build`: writes `build/`, the JavaScript that `smoke.ts` runs.
 *
 * `smoke.ts` is the entry users run (`deno run -A smoke.ts`, `deno task
 * smoke`); `lib/` (with the JSON Schemas in `schema/` it imports) is the
 * source. Loaded as ~75 TypeScript modules, smoke spent ~25 ms of each start
 * reading them, finding their transpiled copies in Deno's cache and
 * instantiating them one by one: a quarter of its whole cost over a bare
 * `Deno.Command` loop on a run of one fixture. So the modules `smoke.ts`
 * imports are bundled, with `deno bundle --code-splitting`, into a few
 * JavaScript chunks: one per entry point below, plus the chunks they share,
 * each still loaded only when used (the subcommands, the artifact schema, the
 * GitHub reporter). zod stays an import (`"zod"`, resolved through
 * `deno.json` and locked by `deno.lock`, as before).
 *
 * Each entry point's file starts with `// @ts-self-types` naming its `lib/`
 * module, so `smoke.ts` is type-checked against `lib/` as if it imported it;
 * each chunk has a source map (without the sources' text), so a crash's stack
 * names `lib/` lines.
 *
 * `build/` is generated and committed. The bundle is deterministic: the
 * same sources and Deno give the same bytes, so a test (`e2e/build_test.ts`)
 * builds again and fails when `build/` differs from what `lib/` makes. After
 * changing `lib/` or `schema/`, run `deno task build`.
 *
 * Usage: `deno task build` (writes `build/`); `deno task build --check` (exit
 * 1 and the files that differ when `build/` is out of date);
 * `--dir DIR` (relative to the working directory: the repository root under
 * `deno task`) writes or checks another
 * directory. A directory is only replaced when it is empty or holds a build.
 *
 * @module
 */
import { dirname, join, relative, resolve, sep } from "node:path";
import { fileURLToPath } from "node:url";

/** The repository root, with a trailing separator. */
const ROOT = fileURLToPath(new URL("..", import.meta.url));

/** Where the build goes, from the repository root. */
export const BUILD_DIR = "build";

/**
 * The modules `smoke.ts` imports (each becomes `build/<folder>/<name>.js`):
 * the exit codes and the output batching before the signal handlers, the
 * library after them, and the modules of the subcommands and of GitHub's
 * error report, loaded only when used.
 */
export const ENTRY_POINTS: readonly string[] = [
  "lib/base/errors.ts",
  "lib/base/batched_writer.ts",
  "lib/cli/entry.ts",
  "lib/cli/merge_command.ts",
  "lib/cli/report_command.ts",
  "lib/cli/github_error_report.ts",
];

/** How `build/README.md` starts: it marks a directory as a build (see {@linkcode notReplaceable}). */
const MARK = "# build/: generated, do not edit";
/** What `build/README.md` says, written with every build. */
const NOTE = `${MARK}

\`deno task build\` writes this folder from \`lib/\` and \`schema/\` (see \`tools/build.ts\`);
\`smoke.ts\` runs it. A test fails when it is out of date.
`;

/**
 * The argv of `deno bundle` that builds smoke into `outDir`.
 *
 * @param outDir The output directory.
 * @returns The arguments after `deno`.
 *
 * @example
 * ```ts
 * import { bundleArgs } from "./build.ts";
 * import assert from "node:assert/strict";
 *
 * const args = bundleArgs("out");
 * assert.ok(args.includes("--code-splitting"));
 * assert.equal(args.at(-1), "lib/cli/github_error_report.ts");
 * ```
 */
export function bundleArgs(outDir: string): string[] {
  return [
    "bundle",
    "--platform",
    "deno",
    "--code-splitting",
    "--sourcemap=linked",
    // zod is smoke's one package: resolved and locked by deno.json and deno.lock at run time.
    "--external",
    "zod",
    "--outdir",
    outDir,
    ...ENTRY_POINTS,
  ];
}

/**
 * A digest of what the build is made from: every module of `lib/` (tests
 * and test helpers left out) and every JSON Schema in `schema/`, by path
 * and content. `build/README.md` records it, so a test helper can tell a
 * stale build in a few milliseconds (`e2e/build_test.ts` compares the bytes).
 *
 * @returns `sha256:` and the hex digest.
 *
 * @example
 * ```ts
 * import { sourcesDigest } from "./build.ts";
 * import assert from "node:assert/strict";
 *
 * assert.match(await sourcesDigest(), /^sha256:[0-9a-f]{64}$/);
 * ```
 */
export async function sourcesDigest(): Promise<string> {
  const sources = [
    ...filesUnder(join(ROOT, "lib")).map((f) => `lib/${f.split(sep).join("/")}`)
      .filter((f) => f.endsWith(".ts") && !f.endsWith("_test.ts") && !f.endsWith("/_testing.ts")),
    ...filesUnder(join(ROOT, "schema")).map((f) => `schema/${f.split(sep).join("/")}`)
      .filter((f) => f.endsWith(".json")),
  ].sort();
  const encoder = new TextEncoder();
  const parts: Uint8Array[] = [];
  for (const path of sources) {
    parts.push(
      encoder.encode(`${path}\0`),
      await Deno.readFile(join(ROOT, path)),
      encoder.encode("\0"),
    );
  }
  const all = new Uint8Array(parts.reduce((n, p) => n + p.length, 0));
  let at = 0;
  for (const part of parts) {
    all.set(part, at);
    at += part.length;
  }
  const hash = new Uint8Array(await crypto.subtle.digest("SHA-256", all));
  return `sha256:${[...hash].map((b) => b.toString(16).padStart(2, "0")).join("")}`;
}

/**
 * The sources digest a build records (see {@linkcode sourcesDigest}).
 *
 * @param dir The build directory (default `build/` of the repository).
 * @returns The digest, or undefined when the directory holds no build.
 *
 * @example
 * ```ts
 * import { recordedDigest } from "./build.ts";
 * import assert from "node:assert/strict";
 *
 * assert.match(recordedDigest() ?? "", /^sha256:/);
 * assert.equal(recordedDigest("/nonexistent"), undefined);
 * ```
 */
export function recordedDigest(dir: string = join(ROOT, BUILD_DIR)): string | undefined {
  try {
    return /^sources: (sha256:[0-9a-f]{64})$/m.exec(Deno.readTextFileSync(join(dir, "README.md")))
      ?.[1];
  } catch (error) {
    if (error instanceof Deno.errors.NotFound) return undefined;
    throw error;
  }
}

/** The output file of an entry point, relative to the build directory: `cli/entry.js`. */
function outputOf(entry: string): string {
  return entry.replace(/^lib\//, "").replace(/\.ts$/, ".js");
}

/**
 * Builds smoke into a new directory beside `build/` (at its depth, so that
 * the source maps' relative paths come out the same) and returns its path.
 * The caller moves it or removes it.
 *
 * @returns The directory's absolute path.
 * @throws {Error} When `deno bundle` fails, with its output.
 *
 * @example
 * ```ts ignore
 * const fresh = await buildFresh();
 * await Deno.remove(fresh, { recursive: true });
 * ```
 */
export async function buildFresh(): Promise<string> {
  const outDir = await Deno.makeTempDir({ dir: ROOT, prefix: ".build-" });
  try {
    const output = await new Deno.Command(Deno.execPath(), {
      args: bundleArgs(relative(ROOT, outDir)),
      cwd: ROOT,
      stdin: "null",
      stdout: "piped",
      stderr: "piped",
      env: { NO_COLOR: "1" },
    }).output();
    const text = new TextDecoder().decode(output.stderr) + new TextDecoder().decode(output.stdout);
    if (!output.success) throw new Error(`deno bundle failed:\n${text}`);
    // The bundler's warnings (a duplicate key, a comparison with NaN) are worth reading.
    const warnings = text.split("\n").filter((line) => /\bwarning\b/i.test(line));
    if (warnings.length) console.error(warnings.join("\n"));
    // Loaded here: the e2e helper that checks the build's digest does not need a parser.
    const { eagerCompileChunks } = await import("./eager_chunks.ts");
    await eagerCompileChunks(outDir, filesUnder(outDir).filter((f) => f.endsWith(".js")));
    for (const entry of ENTRY_POINTS) {
      const path = join(outDir, outputOf(entry));
      // Typed as its source: relative to where the build lives in the repository.
      const types = relative(dirname(join(ROOT, BUILD_DIR, outputOf(entry))), join(ROOT, entry));
      const code = await Deno.readTextFile(path);
      await Deno.writeTextFile(path, `// @ts-self-types="${types.split(sep).join("/")}"\n${code}`);
      // One line more at the top: the map's first line is an empty one.
      const map = JSON.parse(await Deno.readTextFile(`${path}.map`));
      await Deno.writeTextFile(
        `${path}.map`,
        JSON.stringify({ ...map, mappings: `;${map.mappings}` }) + "\n",
      );
    }
    await Deno.writeTextFile(
      join(outDir, "README.md"),
      `${NOTE}\nsources: ${await sourcesDigest()}\n`,
    );
    return outDir;
  } catch (error) {
    await Deno.remove(outDir, { recursive: true });
    throw error;
  }
}

/**
 * Every file under `dir`, as paths relative to it, sorted; none when it is missing.
 *
 * @param dir A directory.
 * @returns The relative paths.
 *
 * @example
 * ```ts
 * import { filesUnder } from "./build.ts";
 * import { fileURLToPath } from "node:url";
 * import assert from "node:assert/strict";
 *
 * assert.ok(filesUnder(fileURLToPath(new URL("../build", import.meta.url))).includes("cli/entry.js"));
 * assert.deepEqual(filesUnder("/nonexistent"), []);
 * ```
 */
export function filesUnder(dir: string): string[] {
  const out: string[] = [];
  const walk = (path: string) => {
    for (const entry of Deno.readDirSync(path)) {
      const full = join(path, entry.name);
      if (entry.isDirectory) walk(full);
      else out.push(relative(dir, full));
    }
  };
  try {
    walk(dir);
  } catch (error) {
    if (!(error instanceof Deno.errors.NotFound)) throw error;
  }
  return out.sort();
}

/**
 * How the tree at `actual` differs from the one at `expected`: the files
 * missing, extra, or with other bytes.
 *
 * @param expected The directory as it should be.
 * @param actual The directory as it is.
 * @returns One line per file that differs (`missing: x`, `extra: x`, `differs: x`); none when equal.
 *
 * @example
 * ```ts
 * import { treeDifferences } from "./build.ts";
 * import assert from "node:assert/strict";
 *
 * const a = await Deno.makeTempDir();
 * const b = await Deno.makeTempDir();
 * await Deno.writeTextFile(`${a}/x.js`, "1");
 * await Deno.writeTextFile(`${b}/x.js`, "2");
 * assert.deepEqual(treeDifferences(a, b), ["differs: x.js"]);
 * await Deno.remove(a, { recursive: true });
 * await Deno.remove(b, { recursive: true });
 * ```
 */
export function treeDifferences(expected: string, actual: string): string[] {
  const want = filesUnder(expected);
  const have = new Set(filesUnder(actual));
  const problems: string[] = [];
  for (const path of want) {
    if (!have.has(path)) problems.push(`missing: ${path}`);
    else {
      const a = Deno.readFileSync(join(expected, path));
      const b = Deno.readFileSync(join(actual, path));
      if (a.length !== b.length || a.some((byte, i) => byte !== b[i])) {
        problems.push(`differs: ${path}`);
      }
      have.delete(path);
    }
  }
  for (const path of have) problems.push(`extra: ${path}`);
  return problems;
}

/**
 * Why `dir` may not be replaced by a build, if it may not: only a missing
 * path, an empty directory, or a directory that holds a build (its
 * `README.md` starts as the build's does, and it has only `.js`, `.js.map`
 * and that README) may be. Never the repository or a folder that holds it.
 *
 * @param dir An absolute path.
 * @returns The reason, or undefined when it may be replaced.
 *
 * @example
 * ```ts
 * import { notReplaceable } from "./build.ts";
 * import assert from "node:assert/strict";
 *
 * assert.equal(notReplaceable("/nonexistent/out"), undefined);
 * assert.match(notReplaceable("/")!, /holds the repository/);
 * ```
 */
export function notReplaceable(dir: string): string | undefined {
  const within = relative(dir, ROOT);
  if (within === "" || (!within.startsWith("..") && !within.startsWith(sep))) {
    return "it is or holds the repository";
  }
  let info: Deno.FileInfo;
  try {
    info = Deno.lstatSync(dir);
  } catch (error) {
    if (error instanceof Deno.errors.NotFound) return undefined;
    throw error;
  }
  if (!info.isDirectory) return "it is not a directory";
  const present = filesUnder(dir);
  if (present.length === 0) return undefined;
  let note: string | undefined;
  try {
    note = Deno.readTextFileSync(join(dir, "README.md"));
  } catch (error) {
    if (!(error instanceof Deno.errors.NotFound)) throw error;
  }
  const foreign = present.filter((f) => f !== "README.md" && !/\.js(\.map)?$/.test(f));
  if (!note?.startsWith(MARK) || foreign.length) {
    return `it holds files that are not a build (${foreign[0] ?? "no build README.md"})`;
  }
  return undefined;
}

function isDirectory(path: string): boolean {
  try {
    return Deno.lstatSync(path).isDirectory;
  } catch (error) {
    if (error instanceof Deno.errors.NotFound) return false;
    throw error;
  }
}

async function removeIfPresent(path: string): Promise<void> {
  await Deno.remove(path, { recursive: true }).catch((error) => {
    if (!(error instanceof Deno.errors.NotFound)) throw error;
  });
}

async function main(args: string[]): Promise<number> {
  let check = false;
  let dir: string | undefined;
  for (let i = 0; i < args.length; i++) {
    if (args[i] === "--check") check = true;
    else if (args[i] === "--dir" && i + 1 < args.length && args[i + 1] !== "") dir = args[++i];
    else if (args[i] === "--dir") {
      console.error(
        'error: "--dir" needs a directory\nhint: Pass --dir DIR, e.g. --dir /tmp/build.',
      );
      return 2;
    } else {
      console.error(
        `error: Unknown argument "${args[i]}"\nhint: Use --check, --dir DIR, or nothing.`,
      );
      return 2;
    }
  }
  const target = dir === undefined ? join(ROOT, BUILD_DIR) : resolve(dir);
  const shown = dir ?? `${BUILD_DIR}/`;
  if (!check) {
    const why = notReplaceable(target);
    if (why) {
      console.error(
        `error: Cannot write the build to "${target}": ${why}\n` +
          "hint: Pass a new or empty directory, or one that holds a build.",
      );
      return 2;
    }
  }
  const fresh = await buildFresh();
  try {
    const differences = treeDifferences(fresh, target);
    if (check) {
      if (differences.length === 0) return 0;
      console.error(
        `error: ${shown} is out of date with lib/ and schema/:\n` +
          differences.map((line) => `  ${line}\n`).join("") +
          "hint: Run `deno task build` and commit build/.",
      );
      return 1;
    }
    if (differences.length === 0) {
      console.log(`${shown} is up to date`);
      return 0;
    }
    // The old build is moved aside before the new one takes its place: interrupted between the
    // two renames, it is still there, in the `.build-old-*` folder beside it.
    const old = `${dirname(target)}${sep}.build-old-${crypto.randomUUID().slice(0, 8)}`;
    const existed = isDirectory(target);
    if (existed) await Deno.rename(target, old);
    try {
      await Deno.rename(fresh, target);
    } catch (error) {
      // Another file system: copied instead. Anything else: the old build goes back.
      if (!(error instanceof Deno.errors.NotSupported) && !/EXDEV|cross-device/i.test(`${error}`)) {
        if (existed) await Deno.rename(old, target);
        throw error;
      }
      await Deno.mkdir(target, { recursive: true });
      for (const file of filesUnder(fresh)) {
        await Deno.mkdir(dirname(join(target, file)), { recursive: true });
        await Deno.copyFile(join(fresh, file), join(target, file));
      }
    }
    if (existed) await removeIfPresent(old);
    console.log(`wrote ${shown} (${differences.length} files changed)`);
    return 0;
  } finally {
    await removeIfPresent(fresh);
  }
}

if (import.meta.main) Deno.exit(await main(Deno.args));
