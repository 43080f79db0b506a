/**
 * `deno task build`: writes `build/`, the JavaScript that `smoke.ts` runs.
 *
 * `smoke.ts` is the entry users run (`deno run -A smoke.ts`, `deno task
 * smoke`); `lib/` is the source. Loaded as ~75 TypeScript modules, smoke
 * spent ~25 ms of each start reading them, finding their transpiled copies
 * in Deno's cache and instantiating them one by one: a quarter of its whole
 * cost over a bare `Deno.Command` loop on a run of one fixture. So the
 * modules `smoke.ts` imports are bundled, with `deno bundle --code-splitting`,
 * into a few JavaScript chunks: one per entry point below, plus the chunks
 * they share, each still loaded only when used (the subcommands, the
 * artifact schema, the GitHub reporter). zod stays an import (`"zod"`,
 * resolved through `deno.json` and locked by `deno.lock`, as before).
 *
 * `build/` is generated and committed. The bundle is deterministic: the
 * same sources and Deno give the same bytes, so a test (`e2e/build_test.ts`)
 * builds again and fails when `build/` differs from what `lib/` makes. After
 * changing `lib/`, run `deno task build`.
 *
 * Usage: `deno task build` (writes `build/`), `deno run -A tools/build.ts
 * --check` (exit 1 and the files that differ when `build/` is out of date);
 * `--dir DIR` writes or checks another directory.
 *
 * @module
 */
import { dirname, join, relative, resolve } from "node:path";

const ROOT = new URL("..", import.meta.url).pathname;

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

/** What `build/README.md` says, written with every build. */
const NOTE = `# build/: generated, do not edit

\`deno task build\` writes this folder from \`lib/\` (see \`tools/build.ts\`); \`smoke.ts\` runs it.
A test fails when it is out of date with \`lib/\`.
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
    "--quiet",
    "--platform",
    "deno",
    "--code-splitting",
    // zod is smoke's one package: resolved and locked by deno.json and deno.lock at run time.
    "--external",
    "zod",
    "--outdir",
    outDir,
    ...ENTRY_POINTS,
  ];
}

/**
 * Builds smoke into `outDir` (which must not exist yet, or be empty).
 *
 * @param outDir Where to write.
 * @throws {Error} When `deno bundle` fails, with its output.
 *
 * @example
 * ```ts ignore
 * await buildInto(await Deno.makeTempDir());
 * ```
 */
export async function buildInto(outDir: string): Promise<void> {
  const output = await new Deno.Command(Deno.execPath(), {
    args: bundleArgs(outDir),
    cwd: ROOT,
    stdin: "null",
    stdout: "piped",
    stderr: "piped",
    env: { NO_COLOR: "1" },
  }).output();
  if (!output.success) {
    const text = new TextDecoder().decode(output.stderr) + new TextDecoder().decode(output.stdout);
    throw new Error(`deno bundle failed:\n${text}`);
  }
  await Deno.writeTextFile(join(outDir, "README.md"), NOTE);
}

/** Every file under `dir`, as paths relative to it, sorted; none when it is missing. */
function files(dir: string): string[] {
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
  const want = files(expected);
  const have = new Set(files(actual));
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

async function main(args: string[]): Promise<number> {
  let check = false;
  let dir = BUILD_DIR;
  for (let i = 0; i < args.length; i++) {
    if (args[i] === "--check") check = true;
    else if (args[i] === "--dir" && i + 1 < args.length) dir = args[++i];
    else {
      console.error(
        `error: Unknown argument "${args[i]}"\nhint: Use --check, --dir DIR, or nothing.`,
      );
      return 2;
    }
  }
  const target = resolve(ROOT, dir);
  // Built next to the target, so that writing it is one rename.
  const fresh = await Deno.makeTempDir({ dir: dirname(target), prefix: ".build-" });
  try {
    await buildInto(fresh);
    const differences = treeDifferences(fresh, target);
    if (check) {
      if (differences.length === 0) return 0;
      console.error(
        `error: ${dir}/ is out of date with lib/:\n` +
          differences.map((line) => `  ${line}\n`).join("") +
          "hint: Run `deno task build` and commit build/.",
      );
      return 1;
    }
    if (differences.length === 0) {
      console.log(`${dir}/ is up to date`);
      return 0;
    }
    await Deno.remove(target, { recursive: true }).catch((error) => {
      if (!(error instanceof Deno.errors.NotFound)) throw error;
    });
    await Deno.rename(fresh, target);
    console.log(`wrote ${dir}/ (${differences.length} files changed)`);
    return 0;
  } finally {
    await Deno.remove(fresh, { recursive: true }).catch((error) => {
      if (!(error instanceof Deno.errors.NotFound)) throw error;
    });
  }
}

if (import.meta.main) Deno.exit(await main(Deno.args));
