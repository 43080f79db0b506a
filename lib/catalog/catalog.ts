/**
 * The catalog: every fixture under the fixtures directory, sorted by id.
 * {@linkcode buildCatalog} is pure; {@linkcode readCatalog} walks the disk.
 *
 * @module
 */
import { dirname, relative, resolve, sep as SEP } from "node:path";
import { type Diagnostic, FIXTURE_ID_PATTERN } from "../artifact/artifact.ts";
import { describeIoError, isIoError, UserError } from "../base/errors.ts";
import { type Manifest, parseManifest } from "../config/manifest.ts";
import {
  fileTypeName,
  inputError,
  MAX_INPUT_BYTES,
  readFailure,
  readRegularTextFileSync,
} from "../base/read_input.ts";
import { MANIFEST_SUFFIX, SCRIPT_SUFFIX, walkFixtures } from "./_catalog_walk.ts";

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
  const segmentsOk = id.split("/").every((s) => s !== "" && s !== "." && s !== "..");
  if (!FIXTURE_ID_PATTERN.test(id) || !segmentsOk || id.length > 512) {
    throw catalogError(
      `Invalid fixture id "${id}" from "${file()}": ids may contain only A-Z a-z 0-9 . _ - /`,
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
    shown: (path) =>
      inside ? relative(where.cwd, base + path) : shownDir === "" ? path : `${shownDir}/${path}`,
  };
}

function toFixture(
  id: string,
  files: { script?: string; manifest?: string },
  manifest: Manifest | undefined,
  where: CatalogLocation & { places: Places },
): Fixture {
  const { places } = where;
  const manifestFile = files.manifest ? places.shown(files.manifest) : undefined;
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

/**
 * Builds the catalog from the files under the fixtures directory. Pure.
 *
 * @param files Fixture files relative to the fixtures directory, manifests with their text.
 * @param where The working directory and fixtures directory, both absolute.
 * @returns The fixtures, sorted by id.
 * @throws {UserError} On a bad manifest, an invalid or duplicate id (exit 2).
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
  const byId = new Map<string, { script?: string; manifest?: string; text?: string }>();
  for (const file of files) {
    const suffix = file.path.endsWith(SCRIPT_SUFFIX)
      ? SCRIPT_SUFFIX
      : file.path.endsWith(MANIFEST_SUFFIX)
      ? MANIFEST_SUFFIX
      : undefined;
    if (!suffix) continue;
    const id = file.path.slice(0, -suffix.length);
    const entry = byId.get(id) ?? {};
    if (suffix === SCRIPT_SUFFIX) entry.script = file.path;
    else Object.assign(entry, { manifest: file.path, text: file.text ?? "" });
    byId.set(id, entry);
  }
  const fixtures: Fixture[] = [];
  const folded = new Map<string, string>();
  const placed = { ...where, places: placesIn(where) };
  for (const [id, entry] of byId) {
    checkId(id, () => placed.places.shown(entry.script ?? entry.manifest!));
    const other = folded.get(id.toLowerCase());
    if (other !== undefined) {
      throw catalogError(
        `Duplicate fixture id: "${id}" and "${other}" differ only in case`,
        "Rename one of them: ids must stay distinct on case-insensitive file systems.",
      );
    }
    folded.set(id.toLowerCase(), id);
    const manifest = entry.manifest
      ? parseManifest(entry.text ?? "", placed.places.shown(entry.manifest))
      : undefined;
    fixtures.push(toFixture(id, entry, manifest, placed));
  }
  return fixtures.sort((a, b) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0));
}

/** The catalog read from disk, with the warnings of the walk. */
export interface CatalogScan {
  /** The fixtures, sorted by id. */
  fixtures: Fixture[];
  /** Warnings about what the walk skipped or followed (`SYMLINK_LOOP`, `SYMLINK_OUTSIDE`, `NON_UTF8_NAME`). */
  diagnostics: Diagnostic[];
}

function readManifest(places: Places, path: string, knownRegularFile: boolean): string {
  const read = readRegularTextFileSync(places.absolute(path), {
    maxBytes: MAX_INPUT_BYTES,
    what: "manifest",
    knownRegularFile,
  });
  if (read.ok) return read.value;
  throw inputError(read, {
    action: "read manifest",
    shown: places.shown(path),
    kind: "catalog",
    missingHint: "It went away while smoke read the catalog: run again.",
  });
}

/** Checks that a script named by a manifest's "script" is a regular file. */
function checkNamedScript(fixture: Fixture): void {
  const named = `script "${fixture.file}" named by manifest "${fixture.manifestFile}"`;
  let info: Deno.FileInfo;
  try {
    info = Deno.statSync(fixture.script!);
  } catch (error) {
    if (error instanceof Deno.errors.NotFound || error instanceof Deno.errors.NotADirectory) {
      throw catalogError(
        `Cannot find ${named}`,
        `"script" is relative to the manifest's folder; fix the path or create the file.`,
      );
    }
    if (!isIoError(error)) throw error;
    const { reason, hint } = describeIoError(error);
    throw catalogError(`Cannot use ${named}: ${reason}`, hint);
  }
  if (!info.isFile) {
    throw catalogError(
      `Cannot use ${named}: ${
        readFailure({ kind: "special", type: fileTypeName(info) }, "script").reason
      }`,
      '"script" must name a Deno script file.',
    );
  }
}

/**
 * Reads the catalog from disk: walks the fixtures directory (skipping
 * dot-folders and `node_modules`, following directory symlinks with loop
 * detection), reads manifests (regular files of at most 1 MiB, UTF-8),
 * builds, and checks that every script is a regular file. Synchronous:
 * nothing else runs meanwhile, and 1,000 files are read ~20 ms faster than
 * as many concurrent async operations.
 *
 * @param where The working directory and fixtures directory, both absolute.
 * @returns The fixtures, sorted by id, and the walk's warnings.
 * @throws {UserError} When the directory, a folder or a manifest cannot be
 * read, a fixture is a dangling symlink or not a regular file, a script is
 * missing, or {@linkcode buildCatalog} throws (exit 2).
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
  const shownDir = relative(where.cwd, where.fixturesDir) || ".";
  const walked = walkFixtures(
    where.fixturesDir,
    (path) => path === "" ? shownDir : places.shown(path),
  );
  const files: CatalogFile[] = walked.paths.map((path) => (
    path.endsWith(MANIFEST_SUFFIX)
      ? { path, text: readManifest(places, path, !walked.unchecked.has(path)) }
      : { path }
  ));
  const fixtures = buildCatalog(files, where);
  // Scripts found by the walk are regular files; a manifest's "script" may name anything.
  const scripts = new Set(
    walked.paths.filter((p) => p.endsWith(SCRIPT_SUFFIX)).map(places.absolute),
  );
  for (const fixture of fixtures) {
    if (fixture.script && !scripts.has(fixture.script)) checkNamedScript(fixture);
  }
  return { fixtures, diagnostics: walked.diagnostics };
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
