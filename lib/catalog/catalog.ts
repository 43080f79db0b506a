/**
 * The catalog: every fixture under the fixtures directory, sorted by id.
 * {@linkcode buildCatalog} is pure; {@linkcode readCatalog} walks the disk.
 * Every problem found (a bad manifest, id or fixture file) is collected, and
 * all of them are reported in one error, in file order (at most
 * {@linkcode MAX_LISTED_PROBLEMS}, then a count of the rest).
 *
 * @module
 */
import { dirname, relative, resolve, sep as SEP } from "../base/path.ts";
import { type Diagnostic, isFixtureId } from "../artifact/artifact.ts";
import { needsProblems } from "./needs.ts";
import { UserError } from "../base/errors.ts";
import { displayName } from "../base/safe_output.ts";
import { type Manifest, parseManifest } from "../config/manifest.ts";
import { checkNamedScript, readManifest } from "./_catalog_read.ts";
import { MANIFEST_SUFFIX, SCRIPT_SUFFIX, walkFixtures } from "./_catalog_walk.ts";
import {
  type CatalogProblem,
  catalogProblemsError,
  MAX_LISTED_PROBLEMS,
} from "./_catalog_problems.ts";

export { MAX_LISTED_PROBLEMS };

/** What a fixture expects of its process. */
export interface Expectations {
  /** The exit code that counts as a pass. */
  exitCode: number;
  /** Strings standard output must contain. */
  stdoutIncludes: string[];
  /** Strings standard error must contain. */
  stderrIncludes: string[];
  /** Strings standard output must not contain. */
  stdoutExcludes: string[];
  /** Strings standard error must not contain. */
  stderrExcludes: string[];
}

/** One fixture of the catalog. */
export interface Fixture {
  /** The id: path under the fixtures directory without the suffix. */
  id: string;
  /** A Deno script or a command. */
  kind: "script" | "command";
  /** The fixture's main file (script, or manifest), relative to the working directory. */
  file: string;
  /** The manifest, relative to the working directory, when there is one. */
  manifestFile?: string;
  /** Absolute path of the Deno script (script fixtures). */
  script?: string;
  /** The argv to run (command fixtures). */
  command?: string[];
  /** Extra arguments. */
  args: string[];
  /** Absolute working directory. */
  cwd: string;
  /** Extra environment from the manifest. */
  env: Record<string, string>;
  /** Permission flags from the manifest; undefined means the config's. */
  permissions?: string[];
  /** Timeout from the manifest. */
  timeoutMs?: number;
  /** Retries from the manifest. */
  retries?: number;
  /** Tags from the manifest. */
  tags: string[];
  /** Fixtures that must pass in the same run before this one starts (manifest `needs`). */
  needs: string[];
  /** A cleanup fixture (manifest `teardown: true`). */
  teardown: boolean;
  /** Description from the manifest. */
  description?: string;
  /** Why the fixture is skipped, when it is. */
  skipReason?: string;
  /** What a pass looks like. */
  expect: Expectations;
}

/** A file found under the fixtures directory. */
export interface CatalogFile {
  /** Path relative to the fixtures directory, with `/` separators. */
  path: string;
  /** The text, for manifests. */
  text?: string;
}

/** Where the catalog lives. */
export interface CatalogLocation {
  /** Absolute working directory of the run. */
  cwd: string;
  /** Absolute fixtures directory. */
  fixturesDir: string;
}

function catalogError(message: string, ...hints: string[]): UserError {
  return new UserError(message, { kind: "catalog", hints });
}

function checkId(id: string, file: () => string): void {
  if (!isFixtureId(id)) {
    throw catalogError(
      `Invalid fixture id "${displayName(id)}" from "${file()}": ids may contain only ` +
        "A-Z a-z 0-9 . _ - /",
      "Rename the file (or its folders) with those characters only.",
    );
  }
}

/** A file under the fixtures directory, absolute and as shown (relative to the working directory). */
interface Places {
  absolute(path: string): string;
  shown(path: string): string;
}

/** Paths under the fixtures directory, without a path operation per file. */
function placesIn(where: CatalogLocation): Places {
  const base = where.fixturesDir.endsWith(SEP) ? where.fixturesDir : where.fixturesDir + SEP;
  const shownDir = relative(where.cwd, where.fixturesDir);
  // Run from inside the fixtures directory, some files lie under cwd and some above it.
  const inside = where.cwd.startsWith(base);
  return {
    absolute: (path) => base + path,
    // As messages show it: a name from the disk never starts a line of its own.
    shown: (path) =>
      displayName(
        inside ? relative(where.cwd, base + path) : shownDir === "" ? path : `${shownDir}/${path}`,
      ),
  };
}

function toFixture(
  id: string,
  files: { script?: string; manifest?: string; manifestFile?: string },
  manifest: Manifest | undefined,
  where: CatalogLocation & { places: Places },
): Fixture {
  const { places } = where;
  const { manifestFile } = files;
  const m = manifest ?? {};
  let script: string | undefined;
  if (files.script) {
    if (m.script !== undefined || m.command !== undefined) {
      throw catalogError(
        `Invalid manifest "${manifestFile}": it sits beside "${files.script}", so it configures that ` +
          `script and cannot name "${m.script !== undefined ? "script" : "command"}"`,
        "Remove the key, or rename the manifest to give the command fixture its own id.",
      );
    }
    script = places.absolute(files.script);
  } else {
    if ((m.script === undefined) === (m.command === undefined)) {
      throw catalogError(
        `Invalid manifest "${manifestFile}": it must name exactly one of "script" or "command"` +
          (m.script !== undefined ? ", not both" : ""),
        'Write "script": "path/to/check.ts" (relative to the manifest) or "command": ["program", "arg"].',
      );
    }
    if (m.script !== undefined) {
      script = resolve(dirname(places.absolute(files.manifest!)), m.script);
    }
  }
  if (m.command && m.permissions) {
    throw catalogError(
      `Invalid manifest "${manifestFile}": "permissions" applies to Deno scripts, not to a command`,
      'Remove "permissions", or use "script" to run a Deno script.',
    );
  }
  const skipReason = m.skip === true ? "skipped in manifest" : m.skip || undefined;
  return {
    id,
    kind: script ? "script" : "command",
    file: files.script
      ? places.shown(files.script)
      : script
      ? relative(where.cwd, script) || "."
      : manifestFile!,
    ...(manifestFile ? { manifestFile } : {}),
    ...(script ? { script } : { command: m.command }),
    args: m.args ?? [],
    cwd: m.cwd === undefined ? where.cwd : resolve(where.cwd, m.cwd),
    env: m.env ?? {},
    ...(m.permissions ? { permissions: m.permissions } : {}),
    ...(m.timeoutMs !== undefined ? { timeoutMs: m.timeoutMs } : {}),
    ...(m.retries !== undefined ? { retries: m.retries } : {}),
    tags: m.tags ?? [],
    needs: m.needs ? [...new Set(m.needs)] : [],
    teardown: m.teardown === true,
    ...(m.description !== undefined ? { description: m.description } : {}),
    ...(skipReason ? { skipReason } : {}),
    expect: {
      exitCode: m.expect?.exitCode ?? 0,
      stdoutIncludes: m.expect?.stdoutIncludes ?? [],
      stderrIncludes: m.expect?.stderrIncludes ?? [],
      stdoutExcludes: m.expect?.stdoutExcludes ?? [],
      stderrExcludes: m.expect?.stderrExcludes ?? [],
    },
  };
}

/** The id of a fixture file (undefined for a folder): a problem with one file holds back its id. */
function idOf(path: string): string | undefined {
  return path.endsWith(SCRIPT_SUFFIX)
    ? path.slice(0, -SCRIPT_SUFFIX.length)
    : path.endsWith(MANIFEST_SUFFIX)
    ? path.slice(0, -MANIFEST_SUFFIX.length)
    : undefined;
}

/** The fixtures that could be built, and the problems of the others. */
interface Collected {
  fixtures: Fixture[];
  problems: CatalogProblem[];
  /** Each fixture's manifest, relative to the fixtures directory, when it has one. */
  manifests: Map<Fixture, string>;
}

/**
 * Builds what it can and collects a problem for every other id.
 *
 * @param held Ids already known to be broken (a file of theirs could not be read): skipped.
 */
function collectCatalog(
  files: readonly CatalogFile[],
  where: CatalogLocation,
  held: ReadonlySet<string>,
): Collected {
  const byId = new Map<string, { script?: string; manifest?: string; text?: string }>();
  for (const file of files) {
    const suffix = file.path.endsWith(SCRIPT_SUFFIX)
      ? SCRIPT_SUFFIX
      : file.path.endsWith(MANIFEST_SUFFIX)
      ? MANIFEST_SUFFIX
      : undefined;
    if (!suffix) continue;
    const id = file.path.slice(0, -suffix.length);
    if (held.has(id)) continue;
    const entry = byId.get(id) ?? {};
    if (suffix === SCRIPT_SUFFIX) entry.script = file.path;
    else Object.assign(entry, { manifest: file.path, text: file.text ?? "" });
    byId.set(id, entry);
  }
  const collected: Collected = { fixtures: [], problems: [], manifests: new Map() };
  const folded = new Map<string, string>();
  const placed = { ...where, places: placesIn(where) };
  for (const [id, entry] of byId) {
    const path = entry.script ?? entry.manifest!;
    try {
      checkId(id, () => placed.places.shown(path));
      const other = folded.get(id.toLowerCase());
      if (other !== undefined) {
        throw catalogError(
          `Duplicate fixture id: "${id}" and "${other}" differ only in case`,
          "Rename one of them: ids must stay distinct on case-insensitive file systems.",
        );
      }
      folded.set(id.toLowerCase(), id);
      const manifestFile = entry.manifest ? placed.places.shown(entry.manifest) : undefined;
      const manifest = manifestFile !== undefined
        ? parseManifest(entry.text ?? "", manifestFile)
        : undefined;
      const fixture = toFixture(id, { ...entry, manifestFile }, manifest, placed);
      collected.fixtures.push(fixture);
      if (entry.manifest) collected.manifests.set(fixture, entry.manifest);
    } catch (error) {
      if (!(error instanceof UserError)) throw error;
      collected.problems.push({ path, error });
    }
  }
  collected.fixtures.sort((a, b) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0));
  // The needs graph, once every fixture is known: unknown ids, self-needs, cycles.
  const manifestOf = new Map(collected.fixtures.map((f) => [f.id, f.manifestFile ?? f.file]));
  for (const problem of needsProblems(collected.fixtures)) {
    const shown = manifestOf.get(problem.id)!;
    collected.problems.push({
      path: collected.manifests.get(collected.fixtures.find((f) => f.id === problem.id)!) ??
        problem.id,
      error: catalogError(`Invalid manifest "${shown}": ${problem.message}`, problem.hint),
    });
  }
  return collected;
}

/** The fixtures directory as messages show it. */
function shownDirOf(where: CatalogLocation): string {
  return relative(where.cwd, where.fixturesDir) || ".";
}

/**
 * Builds the catalog from the files under the fixtures directory. Pure.
 *
 * @param files Fixture files relative to the fixtures directory, manifests with their text.
 * @param where The working directory and fixtures directory, both absolute.
 * @returns The fixtures, sorted by id.
 * @throws {UserError} On bad manifests, invalid or duplicate ids (exit 2): one
 * problem as it is, several in one error listing them in file order.
 *
 * @example
 * ```ts
 * import { buildCatalog } from "./catalog.ts";
 * import assert from "node:assert/strict";
 *
 * const catalog = buildCatalog([
 *   { path: "api/health.smoke.ts" },
 *   { path: "api/health.smoke.jsonc", text: '{ "timeoutMs": 5000 }' },
 *   { path: "echo.smoke.jsonc", text: '{ "command": ["echo", "hi"] }' },
 * ], { cwd: "/p", fixturesDir: "/p/fixtures" });
 * assert.deepEqual(catalog.map((f) => [f.id, f.kind]), [["api/health", "script"], ["echo", "command"]]);
 * assert.equal(catalog[0].timeoutMs, 5000);
 * ```
 */
export function buildCatalog(files: readonly CatalogFile[], where: CatalogLocation): Fixture[] {
  const { fixtures, problems } = collectCatalog(files, where, new Set());
  const error = catalogProblemsError(problems, shownDirOf(where));
  if (error) throw error;
  return fixtures;
}

/** The catalog read from disk, with the warnings of the walk. */
export interface CatalogScan {
  /** The fixtures, sorted by id. */
  fixtures: Fixture[];
  /**
   * Warnings about what the walk skipped or followed (`SYMLINK_LOOP`, `SYMLINK_OUTSIDE`,
   * `SYMLINK_DUPLICATE`, `NON_UTF8_NAME`), and files named almost like fixtures
   * (`NEAR_MISS_FIXTURE`).
   */
  diagnostics: Diagnostic[];
}

/**
 * Reads the catalog from disk: walks the fixtures directory (skipping
 * dot-folders and `node_modules`, following directory symlinks with loop
 * detection), reads manifests (regular files of at most 1 MiB, UTF-8),
 * builds, and checks that every script is a regular file. Every problem on
 * the way is collected; they are thrown together at the end. Synchronous:
 * nothing else runs meanwhile, and 1,000 files are read ~20 ms faster than
 * as many concurrent async operations.
 *
 * @param where The working directory and fixtures directory, both absolute.
 * @returns The fixtures, sorted by id, and the walk's warnings.
 * @throws {UserError} When the directory, a folder or a manifest cannot be
 * read, a fixture is a dangling symlink or not a regular file, a script is
 * missing, or a manifest or id is bad, as {@linkcode buildCatalog} says
 * (exit 2): one problem as it is, several in one error listing them.
 *
 * @example
 * ```ts
 * import { scanCatalog } from "./catalog.ts";
 * import assert from "node:assert/strict";
 *
 * const dir = await Deno.makeTempDir();
 * await Deno.writeTextFile(`${dir}/hello.smoke.ts`, "console.log('hi');");
 * await Deno.symlink(dir, `${dir}/again`);
 * const scan = scanCatalog({ cwd: dir, fixturesDir: dir });
 * assert.deepEqual(scan.fixtures.map((f) => f.id), ["hello"]);
 * assert.deepEqual(scan.diagnostics.map((d) => d.code), ["SYMLINK_LOOP"]);
 * await Deno.remove(dir, { recursive: true });
 * ```
 */
export function scanCatalog(where: CatalogLocation): CatalogScan {
  const places = placesIn(where);
  const shownDir = shownDirOf(where);
  const walked = walkFixtures(
    where.fixturesDir,
    (path) => path === "" ? displayName(shownDir) : places.shown(path),
  );
  const problems = [...walked.problems];
  const files: CatalogFile[] = [];
  for (const path of walked.paths) {
    if (!path.endsWith(MANIFEST_SUFFIX)) {
      files.push({ path });
      continue;
    }
    try {
      const text = readManifest(places.absolute(path), () => places.shown(path), {
        knownRegularFile: !walked.unchecked.has(path),
      });
      files.push({ path, text });
    } catch (error) {
      if (!(error instanceof UserError)) throw error;
      problems.push({ path, error });
    }
  }
  // An id with a broken file is not built from its other file (a lone manifest would complain).
  const held = new Set(
    problems.map((problem) => idOf(problem.path)).filter((id) => id !== undefined),
  );
  const collected = collectCatalog(files, where, held);
  problems.push(...collected.problems);
  // Scripts found by the walk are regular files; a manifest's "script" may name anything.
  const scripts = new Set(
    walked.paths.filter((p) => p.endsWith(SCRIPT_SUFFIX)).map(places.absolute),
  );
  for (const fixture of collected.fixtures) {
    if (!fixture.script || scripts.has(fixture.script)) continue;
    try {
      checkNamedScript({ ...fixture, script: fixture.script });
    } catch (error) {
      if (!(error instanceof UserError)) throw error;
      problems.push({ path: collected.manifests.get(fixture)!, error });
    }
  }
  const error = catalogProblemsError(problems, shownDir);
  if (error) throw error;
  return { fixtures: collected.fixtures, diagnostics: walked.diagnostics };
}

/**
 * Reads the catalog from disk, as {@linkcode scanCatalog} does, without the
 * walk's warnings.
 *
 * @param where The working directory and fixtures directory, both absolute.
 * @returns The fixtures, sorted by id.
 * @throws {UserError} As {@linkcode scanCatalog} does.
 *
 * @example
 * ```ts
 * import { readCatalog } from "./catalog.ts";
 * import assert from "node:assert/strict";
 *
 * const dir = await Deno.makeTempDir();
 * await Deno.writeTextFile(`${dir}/hello.smoke.ts`, "console.log('hi');");
 * const catalog = readCatalog({ cwd: dir, fixturesDir: dir });
 * assert.deepEqual(catalog.map((f) => f.id), ["hello"]);
 * await Deno.remove(dir, { recursive: true });
 * ```
 */
export function readCatalog(where: CatalogLocation): Fixture[] {
  return scanCatalog(where).fixtures;
}
