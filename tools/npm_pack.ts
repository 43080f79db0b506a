/**
 * `deno task npm`: the npm package for Node projects. Bundles smoke
 * (`deno task bundle`'s command), lays out `<out>/npm/` (package.json with a
 * `smoke` bin and the `deno` npm package as its dependency, the bundle, the bin
 * script, README, LICENSE) and packs it with `npm pack` into
 * `<out>/smoke-runner-<version>.tgz`. Prints the tarball's path last.
 *
 * Usage: `deno task npm [--out DIR]` (default `dist`).
 *
 * @module
 */
import { join, resolve } from "node:path";
import { fileURLToPath } from "node:url";

const ROOT = fileURLToPath(new URL("..", import.meta.url));
/** The npm package's name. */
export const PACKAGE_NAME = "smoke-runner";
/** The `deno` npm package the bin runs smoke on: the version CI uses. */
export const DENO_VERSION = "2.9.6";

/** What {@linkcode npmPackageJson} makes a package.json from. */
export interface PackageFacts {
  /** smoke's version (deno.json `version`). */
  version: string;
  /** The `deno` npm package's version. */
  denoVersion: string;
}

/**
 * The npm package's package.json.
 *
 * @param facts smoke's version and the Deno version to depend on.
 * @returns The package.json object.
 *
 * @example
 * ```ts
 * import { npmPackageJson } from "./npm_pack.ts";
 * import assert from "node:assert/strict";
 *
 * const pkg = npmPackageJson({ version: "0.1.0", denoVersion: "2.9.6" });
 * assert.deepEqual(pkg.bin, { smoke: "bin/smoke.cjs" });
 * assert.deepEqual(pkg.dependencies, { deno: "2.9.6" });
 * ```
 */
export function npmPackageJson(facts: PackageFacts): {
  name: string;
  version: string;
  bin: Record<string, string>;
  dependencies: Record<string, string>;
  [key: string]: unknown;
} {
  return {
    name: PACKAGE_NAME,
    version: facts.version,
    description: "smoke, a smoke-test runner, for Node projects: runs on the deno npm package",
    license: "MIT",
    bin: { smoke: "bin/smoke.cjs" },
    files: ["bin/smoke.cjs", "smoke.js", "README.md", "LICENSE"],
    dependencies: { deno: facts.denoVersion },
    engines: { node: ">=18" },
  };
}

async function run(command: string, args: string[], cwd: string): Promise<string> {
  const out = await new Deno.Command(command, { args, cwd, stdin: "null", stderr: "inherit" })
    .output();
  const stdout = new TextDecoder().decode(out.stdout);
  if (!out.success) {
    throw new Error(`${command} ${args.join(" ")} exited with ${out.code}\n${stdout}`);
  }
  return stdout;
}

/**
 * Builds the npm package and its tarball.
 *
 * @param out The output directory (`dist`), relative to the working directory.
 * @returns The tarball's absolute path.
 */
export async function buildNpmPackage(out: string): Promise<string> {
  const config = JSON.parse(await Deno.readTextFile(join(ROOT, "deno.json")));
  const version: string = config.version;
  const dist = resolve(out);
  const pkg = join(dist, "npm");
  await Deno.remove(pkg, { recursive: true }).catch((error) => {
    if (!(error instanceof Deno.errors.NotFound)) throw error;
  });
  await Deno.mkdir(join(pkg, "bin"), { recursive: true });

  // `deno task bundle`'s own command, with its output where --out says.
  const bundleTask: string[] = config.tasks.bundle.split(" ");
  const at = bundleTask.indexOf("dist/smoke.js");
  if (bundleTask[0] !== "deno" || at < 0) {
    throw new Error(
      `deno.json's bundle task is not "deno bundle ... dist/smoke.js ...": ${config.tasks.bundle}`,
    );
  }
  bundleTask[at] = join(dist, "smoke.js");
  await run(Deno.execPath(), bundleTask.slice(1), ROOT);

  await Deno.copyFile(join(dist, "smoke.js"), join(pkg, "smoke.js"));
  await Deno.copyFile(join(ROOT, "npm/smoke.cjs"), join(pkg, "bin/smoke.cjs"));
  await Deno.chmod(join(pkg, "bin/smoke.cjs"), 0o755);
  await Deno.copyFile(join(ROOT, "npm/README.md"), join(pkg, "README.md"));
  await Deno.copyFile(join(ROOT, "LICENSE"), join(pkg, "LICENSE"));
  const manifest = npmPackageJson({ version, denoVersion: DENO_VERSION });
  await Deno.writeTextFile(join(pkg, "package.json"), JSON.stringify(manifest, null, 2) + "\n");

  const packed = await run("npm", ["pack", "--silent", "--pack-destination", dist], pkg);
  const name = packed.trim().split("\n").at(-1)!;
  return join(dist, name);
}

if (import.meta.main) {
  const at = Deno.args.indexOf("--out");
  const out = at >= 0 ? Deno.args[at + 1] : "dist";
  if (!out || Deno.args.some((arg, i) => arg !== "--out" && i !== at + 1)) {
    console.error("usage: deno task npm [--out DIR]");
    Deno.exit(2);
  }
  console.log(await buildNpmPackage(out));
}
