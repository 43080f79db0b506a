/**
 * The catalog's walk of the fixtures directory: every `*.smoke.ts` and
 * `*.smoke.jsonc` below it, skipping dot-folders and `node_modules`.
 * Directory symlinks are followed (ids go through the link's own name), with
 * loop detection by real path; a link leaving the fixtures directory is
 * followed with a warning; a dangling or looping link named like a fixture,
 * a fixture that is not a regular file, a name that is not UTF-8 and an
 * unreadable folder are catalog problems naming the path, collected so that
 * the walk goes on and reports them all. Names almost like a fixture's get a
 * `NEAR_MISS_FIXTURE` warning.
 *
 * @module
 */
import type { Diagnostic } from "../artifact/artifact.ts";
import { ioErrorToUserError, isIoError, UserError } from "../base/errors.ts";
import { fileTypeName, inputError, readFailure } from "../base/read_input.ts";
import type { CatalogProblem } from "./_catalog_problems.ts";
import {
  capNearMisses,
  folderNearMissWarning,
  type NearMiss,
  nearMiss,
  nearMissWarning,
} from "./_near_miss.ts";

/** The suffix of script fixtures. */
export const SCRIPT_SUFFIX = ".smoke.ts";
/** The suffix of manifests. */
export const MANIFEST_SUFFIX = ".smoke.jsonc";

/** What the walk found. */
export interface WalkResult {
  /** Fixture files, relative to the fixtures directory with `/` separators, in walk order. */
  paths: string[];
  /** The paths whose directory entry did not say "regular file" (symlinks, FIFOs...). */
  unchecked: Set<string>;
  /**
   * Warnings: `SYMLINK_LOOP`, `SYMLINK_OUTSIDE`, `SYMLINK_DUPLICATE`, `NON_UTF8_NAME` (sorted by
   * message), then `NEAR_MISS_FIXTURE` (in walk order, capped).
   */
  diagnostics: Diagnostic[];
  /** Problems with fixture files and folders below the directory, in walk order. */
  problems: CatalogProblem[];
}

interface Walk {
  root: string;
  rootReal: string;
  /** A path relative to the fixtures directory as the user sees it ("" is the directory). */
  shown(path: string): string;
  paths: string[];
  unchecked: Set<string>;
  diagnostics: Diagnostic[];
  /** Near-miss warnings, in walk order. */
  nearMisses: Diagnostic[];
  problems: CatalogProblem[];
  /** The folders being walked, outermost first, by real path. */
  stack: { real: string; path: string }[];
  /** Every folder walked so far, by real path, with the path it was walked as. */
  visited: Map<string, string>;
}

function catalogError(message: string, ...hints: string[]): UserError {
  return new UserError(message, { kind: "catalog", hints });
}

function isFixtureName(name: string): boolean {
  return name.endsWith(SCRIPT_SUFFIX) || name.endsWith(MANIFEST_SUFFIX);
}

function isSkippedFolder(name: string): boolean {
  return name.startsWith(".") || name === "node_modules";
}

function isMissing(error: unknown): boolean {
  return error instanceof Deno.errors.NotFound || error instanceof Deno.errors.NotADirectory;
}

/** A name with everything outside printable ASCII escaped, so that it prints safely. */
function escapeName(name: string): string {
  return name.replace(
    /[^\x20-\x7e]|\\/g,
    (c) => c === "\\" ? "\\\\" : `\\u${c.charCodeAt(0).toString(16).padStart(4, "0")}`,
  );
}

function join(dir: string, name: string): string {
  return dir.endsWith("/") ? dir + name : `${dir}/${name}`;
}

/**
 * Whether a name read from a directory stands for bytes that are not UTF-8:
 * Deno replaces them with U+FFFD, and the replaced name names no file.
 */
function isLossyName(name: string, absolute: string): boolean {
  if (!name.includes("\uFFFD")) return false;
  try {
    Deno.lstatSync(absolute);
    return false;
  } catch (error) {
    if (error instanceof Deno.errors.NotFound) return true;
    if (isIoError(error)) return false;
    throw error;
  }
}

function folderError(walk: Walk, path: string, error: unknown): UserError {
  const shown = walk.shown(path);
  if (path === "" && isMissing(error)) {
    return catalogError(
      `Cannot read fixtures directory "${shown}": ${
        error instanceof Deno.errors.NotADirectory ? "it is not a directory" : "it does not exist"
      }`,
      `Create it with a first fixture (e.g. "${shown}/hello.smoke.ts"), or pass --fixtures-dir DIR.`,
    );
  }
  if (!isIoError(error)) throw error;
  return ioErrorToUserError(error, {
    path: shown,
    action: path === "" ? "read fixtures directory" : "read folder",
    kind: "catalog",
  });
}

function scriptError(shown: string, info: Deno.FileInfo): UserError {
  return inputError(readFailure({ kind: "special", type: fileTypeName(info) }, "script"), {
    action: "use script",
    shown,
    kind: "catalog",
  });
}

/** A fixture-named entry that is neither a folder nor a symlink. */
function addFile(walk: Walk, path: string, entry: Deno.DirEntry): void {
  if (!entry.isFile && path.endsWith(SCRIPT_SUFFIX)) {
    // A FIFO would block `deno run`; manifests are refused by the reader, unopened.
    let info: Deno.FileInfo;
    try {
      info = Deno.lstatSync(join(walk.root, path));
    } catch (error) {
      throw folderError(walk, path, error);
    }
    if (!info.isFile) throw scriptError(walk.shown(path), info);
  }
  if (!entry.isFile) walk.unchecked.add(path);
  walk.paths.push(path);
}

/**
 * Follows a symlink: a folder is walked (once), a file named like a fixture is one.
 *
 * @param miss What the link's name misses a fixture's name by, when it does.
 */
function followLink(walk: Walk, path: string, fixtureName: boolean, miss?: NearMiss): void {
  const absolute = join(walk.root, path);
  const shown = walk.shown(path);
  let info: Deno.FileInfo;
  try {
    info = Deno.statSync(absolute);
  } catch (error) {
    if (isMissing(error)) {
      if (!fixtureName) return; // A dangling link that is no fixture is none of smoke's business.
      let target = "?";
      try {
        target = Deno.readLinkSync(absolute);
      } catch (linkError) {
        if (!isIoError(linkError)) throw linkError;
      }
      throw catalogError(
        `Cannot read fixture "${shown}": it is a symlink to "${target}", which does not exist`,
        "Remove the link, or create what it points to.",
      );
    }
    if (error instanceof Deno.errors.FilesystemLoop) {
      if (fixtureName) {
        throw catalogError(
          `Cannot read fixture "${shown}": it is a symlink loop`,
          "Remove the link, or point it at a file.",
        );
      }
      walk.diagnostics.push({
        code: "SYMLINK_LOOP",
        level: "warning",
        message: `Skipped symlink "${shown}": it is a loop of symlinks`,
        hint: "Remove the link, or point it at a folder.",
      });
      return;
    }
    if (!isIoError(error)) throw error;
    throw ioErrorToUserError(error, { path: shown, action: "follow symlink", kind: "catalog" });
  }
  if (!info.isDirectory) {
    if (miss) walk.nearMisses.push(nearMissWarning(shown, miss));
    if (!fixtureName) return;
    if (!info.isFile && path.endsWith(SCRIPT_SUFFIX)) throw scriptError(shown, info);
    walk.unchecked.add(path);
    walk.paths.push(path);
    return;
  }
  let real: string;
  try {
    real = Deno.realPathSync(absolute);
  } catch (error) {
    if (!isIoError(error)) throw error;
    throw ioErrorToUserError(error, { path: shown, action: "follow symlink", kind: "catalog" });
  }
  const ancestor = walk.stack.find((folder) => folder.real === real);
  if (ancestor) {
    walk.diagnostics.push({
      code: "SYMLINK_LOOP",
      level: "warning",
      message: `Skipped symlink "${shown}": it leads back to "${
        walk.shown(ancestor.path)
      }", a folder it is in`,
      hint: "Remove the link, or point it at a folder that does not contain it.",
    });
    return;
  }
  const inside = real === walk.rootReal || real.startsWith(join(walk.rootReal, ""));
  const walkedAs = walk.visited.get(real);
  if (inside || walkedAs !== undefined) {
    // Each folder is walked once: a second way to it would run its fixtures again (and links
    // that fan out would multiply the catalog).
    const where = walkedAs !== undefined
      ? `"${walk.shown(walkedAs)}"`
      : `"${walk.shown(real.slice(join(walk.rootReal, "").length))}"`;
    walk.diagnostics.push({
      code: "SYMLINK_DUPLICATE",
      level: "warning",
      message: `Skipped symlink "${shown}": its folder is in the catalog already, as ${where}`,
      hint: "Each folder's fixtures run once, under the folder's own path; remove the link.",
    });
    return;
  }
  {
    walk.diagnostics.push({
      code: "SYMLINK_OUTSIDE",
      level: "warning",
      message: `Followed symlink "${shown}" out of the fixtures directory to "${real}"`,
      hint: `Its fixtures get ids under "${path}/"; move them into the fixtures directory ` +
        "to silence this warning.",
    });
  }
  if (fixtureName) walk.nearMisses.push(folderNearMissWarning(shown, baseName(path)));
  visit(walk, path, real);
}

function baseName(path: string): string {
  return path.slice(path.lastIndexOf("/") + 1);
}

/** A file named almost like a fixture, unless a name beside it makes that deliberate. */
function missOf(name: string, names: ReadonlySet<string>): NearMiss | undefined {
  const miss = nearMiss(name);
  return miss && !miss.excusedBy.some((other) => names.has(other)) ? miss : undefined;
}

function visit(walk: Walk, prefix: string, real: string): void {
  const dir = prefix === "" ? walk.root : join(walk.root, prefix);
  walk.visited.set(real, prefix);
  let entries: Iterable<Deno.DirEntry>;
  try {
    entries = Deno.readDirSync(dir);
  } catch (error) {
    throw folderError(walk, prefix, error);
  }
  walk.stack.push({ real, path: prefix });
  // By name: which of two ways into a folder is walked must not depend on the file system.
  const sorted = [...entries].sort((a, b) => a.name < b.name ? -1 : a.name > b.name ? 1 : 0);
  const names = new Set(sorted.map((entry) => entry.name));
  for (const entry of sorted) {
    const path = prefix === "" ? entry.name : `${prefix}/${entry.name}`;
    try {
      visitEntry(walk, { entry, path, prefix, dir, real, names });
    } catch (error) {
      // One bad fixture or folder is reported with the others: the walk goes on.
      if (!(error instanceof UserError)) throw error;
      walk.problems.push({ path, error });
    }
  }
  walk.stack.pop();
}

/** One entry of a folder being walked. */
interface EntryInFolder {
  entry: Deno.DirEntry;
  /** Its path relative to the fixtures directory. */
  path: string;
  /** The folder's path relative to the fixtures directory ("" for the directory itself). */
  prefix: string;
  /** The folder's absolute path, as walked. */
  dir: string;
  /** The folder's real path. */
  real: string;
  /** Every name in the folder. */
  names: ReadonlySet<string>;
}

function visitEntry(walk: Walk, { entry, path, prefix, dir, real, names }: EntryInFolder): void {
  const fixtureName = isFixtureName(entry.name);
  const miss = fixtureName || entry.isDirectory ? undefined : missOf(entry.name, names);
  if (!fixtureName && !entry.isDirectory && !entry.isSymlink) {
    if (miss) walk.nearMisses.push(nearMissWarning(walk.shown(path), miss));
    return;
  }
  if (isLossyName(entry.name, join(dir, entry.name))) {
    const where = `"${escapeName(entry.name)}" in "${walk.shown(prefix)}"`;
    if (fixtureName) {
      throw catalogError(
        `Cannot read fixture ${where}: its name is not valid UTF-8`,
        "Rename it: fixture ids use A-Z a-z 0-9 . _ - / only.",
      );
    }
    walk.diagnostics.push({
      code: "NON_UTF8_NAME",
      level: "warning",
      message: `Skipped ${
        entry.isDirectory ? "folder" : "symlink"
      } ${where}: its name is not valid UTF-8`,
      hint: "Rename it to include its fixtures: fixture ids use A-Z a-z 0-9 . _ - / only.",
    });
    return;
  }
  if (entry.isDirectory) {
    if (isSkippedFolder(entry.name)) return;
    if (fixtureName) walk.nearMisses.push(folderNearMissWarning(walk.shown(path), entry.name));
    visit(walk, path, join(real, entry.name));
  } else if (entry.isSymlink) {
    if (fixtureName || !isSkippedFolder(entry.name)) followLink(walk, path, fixtureName, miss);
  } else {
    addFile(walk, path, entry);
  }
}

/**
 * Walks the fixtures directory for fixture files.
 *
 * @param root The fixtures directory, absolute.
 * @param shown How a path relative to it is shown to the user (`""` is the directory itself).
 * @returns The fixture files found, the warnings, and the problems: a folder
 * below that cannot be read, a fixture that is a dangling or looping symlink,
 * not a regular file, or not named in UTF-8.
 * @throws {UserError} When the directory itself cannot be read (exit 2).
 *
 * @example
 * ```ts
 * import { walkFixtures } from "./_catalog_walk.ts";
 * import assert from "node:assert/strict";
 *
 * const dir = Deno.makeTempDirSync();
 * Deno.mkdirSync(`${dir}/real`);
 * Deno.writeTextFileSync(`${dir}/real/a.smoke.ts`, "");
 * Deno.symlinkSync(`${dir}/real`, `${dir}/alias`);
 * Deno.symlinkSync(dir, `${dir}/real/up`);
 * const found = walkFixtures(dir, (path) => path === "" ? "fixtures" : `fixtures/${path}`);
 * assert.deepEqual(found.paths.sort(), ["real/a.smoke.ts"]);
 * assert.deepEqual(found.diagnostics.map((d) => d.code).sort(), ["SYMLINK_DUPLICATE", "SYMLINK_LOOP"]);
 * Deno.removeSync(dir, { recursive: true });
 * ```
 */
export function walkFixtures(root: string, shown: (path: string) => string): WalkResult {
  const walk: Walk = {
    root,
    rootReal: "",
    shown,
    paths: [],
    unchecked: new Set(),
    diagnostics: [],
    nearMisses: [],
    problems: [],
    stack: [],
    visited: new Map(),
  };
  try {
    walk.rootReal = Deno.realPathSync(root);
  } catch (error) {
    throw folderError(walk, "", error);
  }
  visit(walk, "", walk.rootReal);
  // Sorted, so that warnings come in the same order on every file system.
  const diagnostics = walk.diagnostics.sort((a, b) =>
    a.message < b.message ? -1 : a.message > b.message ? 1 : 0
  );
  diagnostics.push(...capNearMisses(walk.nearMisses));
  return { paths: walk.paths, unchecked: walk.unchecked, diagnostics, problems: walk.problems };
}
