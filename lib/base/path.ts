/**
 * The path functions smoke uses, with `node:path`'s results, without loading
 * Deno's Node compatibility layer on Linux and macOS.
 *
 * Importing any `node:` module costs a run ~10-15 ms of start-up (the layer
 * loads once, whichever module asks): a tenth of smoke's own, before the
 * first fixture starts. On POSIX systems these functions are smoke's own
 * (tested against `node:path`'s POSIX functions on generated paths); on
 * Windows they are `node:path`'s, whose drive letters and UNC rules smoke
 * does not repeat.
 *
 * @module
 */
import type * as NodePath from "node:path";
import type * as NodeUrl from "node:url";

const windows: typeof NodePath | undefined = Deno.build.os === "windows"
  ? await import("node:path")
  : undefined;
const windowsUrl: typeof NodeUrl | undefined = windows ? await import("node:url") : undefined;

/** Folds `.` and `..` out of a path's segments; `..` above the start is kept when `keepAbove`. */
function normalizeSegments(path: string, keepAbove: boolean): string[] {
  const out: string[] = [];
  for (const segment of path.split("/")) {
    if (segment === "" || segment === ".") continue;
    if (segment === "..") {
      if (out.length > 0 && out[out.length - 1] !== "..") out.pop();
      else if (keepAbove) out.push("..");
      continue;
    }
    out.push(segment);
  }
  return out;
}

function posixNormalize(path: string): string {
  if (path === "") return ".";
  const absolute = path.startsWith("/");
  const trailing = path.endsWith("/");
  let body = normalizeSegments(path, !absolute).join("/");
  if (body === "" && !absolute) body = ".";
  if (body !== "" && trailing) body += "/";
  return absolute ? `/${body}` : body;
}

function posixResolve(paths: readonly string[]): string {
  let resolved = "";
  for (let i = paths.length - 1; i >= -1 && !resolved.startsWith("/"); i--) {
    const path = i >= 0 ? paths[i] : Deno.cwd();
    if (path === "") continue;
    resolved = resolved === "" ? path : `${path}/${resolved}`;
  }
  const body = normalizeSegments(resolved, !resolved.startsWith("/")).join("/");
  return resolved.startsWith("/") ? `/${body}` : body === "" ? "." : body;
}

function posixJoin(paths: readonly string[]): string {
  const joined = paths.filter((path) => path !== "").join("/");
  return joined === "" ? "." : posixNormalize(joined);
}

function posixRelative(from: string, to: string): string {
  if (from === to) return "";
  const source = posixResolve([from]).split("/").filter((s) => s !== "");
  const target = posixResolve([to]).split("/").filter((s) => s !== "");
  let common = 0;
  while (common < source.length && common < target.length && source[common] === target[common]) {
    common++;
  }
  return [...source.slice(common).map(() => ".."), ...target.slice(common)].join("/");
}

function posixDirname(path: string): string {
  if (path === "") return ".";
  const rooted = path.startsWith("/");
  // The slash that ends the parent: the last one before the final name (trailing slashes skipped).
  let end = -1;
  let inName = false;
  for (let i = path.length - 1; i >= 1; i--) {
    if (path[i] === "/") {
      if (inName) {
        end = i;
        break;
      }
    } else {
      inName = true;
    }
  }
  if (end === -1) return rooted ? "/" : ".";
  if (rooted && end === 1) return "//";
  return path.slice(0, end);
}

function posixBasename(path: string): string {
  let end = path.length;
  while (end > 0 && path[end - 1] === "/") end--;
  return path.slice(path.lastIndexOf("/", end - 1) + 1, end);
}

/** The segment separator: `/`, or `\` on Windows. */
export const sep: string = windows?.sep ?? "/";

/** The separator of `PATH` entries: `:`, or `;` on Windows. */
export const delimiter: string = windows?.delimiter ?? ":";

/**
 * Whether a path is absolute.
 *
 * @param path A path.
 * @returns `true` for an absolute path.
 *
 * @example
 * ```ts
 * import { isAbsolute } from "./path.ts";
 * import assert from "node:assert/strict";
 *
 * if (Deno.build.os !== "windows") {
 *   assert.equal(isAbsolute("/tmp/x"), true);
 *   assert.equal(isAbsolute("fixtures/a"), false);
 * }
 * ```
 */
export function isAbsolute(path: string): boolean {
  return windows ? windows.isAbsolute(path) : path.startsWith("/");
}

/**
 * Resolves paths, right to left, to an absolute one (the working directory
 * last), normalized, without a trailing separator.
 *
 * @param paths The paths.
 * @returns The absolute path.
 *
 * @example
 * ```ts
 * import { resolve } from "./path.ts";
 * import assert from "node:assert/strict";
 *
 * if (Deno.build.os !== "windows") {
 *   assert.equal(resolve("/srv/app", "fixtures/../smoke.jsonc"), "/srv/app/smoke.jsonc");
 *   assert.equal(resolve("/srv/app", "/etc/x/"), "/etc/x");
 * }
 * ```
 */
export function resolve(...paths: string[]): string {
  return windows ? windows.resolve(...paths) : posixResolve(paths);
}

/**
 * Joins paths with the separator and normalizes the result (`.` for nothing).
 *
 * @param paths The paths.
 * @returns The joined path.
 *
 * @example
 * ```ts
 * import { join } from "./path.ts";
 * import assert from "node:assert/strict";
 *
 * if (Deno.build.os !== "windows") {
 *   assert.equal(join(".planning/artifacts", "runs", "x.json"), ".planning/artifacts/runs/x.json");
 *   assert.equal(join("a", "..", ".."), "..");
 * }
 * ```
 */
export function join(...paths: string[]): string {
  return windows ? windows.join(...paths) : posixJoin(paths);
}

/**
 * The relative path from one path to another (both resolved first); `""` when
 * they are the same.
 *
 * @param from Where the path starts.
 * @param to Where it leads.
 * @returns The relative path.
 *
 * @example
 * ```ts
 * import { relative } from "./path.ts";
 * import assert from "node:assert/strict";
 *
 * if (Deno.build.os !== "windows") {
 *   assert.equal(relative("/srv/app", "/srv/app/fixtures/a.smoke.ts"), "fixtures/a.smoke.ts");
 *   assert.equal(relative("/srv/app/fixtures", "/srv/other"), "../../other");
 * }
 * ```
 */
export function relative(from: string, to: string): string {
  return windows ? windows.relative(from, to) : posixRelative(from, to);
}

/**
 * The directory part of a path (trailing separators ignored).
 *
 * @param path A path.
 * @returns Its directory (`.` for a bare name).
 *
 * @example
 * ```ts
 * import { dirname } from "./path.ts";
 * import assert from "node:assert/strict";
 *
 * if (Deno.build.os !== "windows") {
 *   assert.equal(dirname("/srv/app/smoke.jsonc"), "/srv/app");
 *   assert.equal(dirname("smoke.jsonc"), ".");
 * }
 * ```
 */
export function dirname(path: string): string {
  return windows ? windows.dirname(path) : posixDirname(path);
}

/**
 * The last part of a path (trailing separators ignored).
 *
 * @param path A path.
 * @returns Its last part (`""` for the root).
 *
 * @example
 * ```ts
 * import { basename } from "./path.ts";
 * import assert from "node:assert/strict";
 *
 * if (Deno.build.os !== "windows") {
 *   assert.equal(basename("/srv/app/latest.json"), "latest.json");
 *   assert.equal(basename("runs/"), "runs");
 * }
 * ```
 */
export function basename(path: string): string {
  return windows ? windows.basename(path) : posixBasename(path);
}

/**
 * The path of a `file:` URL, decoded.
 *
 * @param url A `file:` URL.
 * @returns Its path.
 * @throws {TypeError} For another scheme, a host other than `localhost`
 * (POSIX; on Windows a host is a UNC share), or an encoded separator
 * (`%2F`) in the path.
 *
 * @example
 * ```ts
 * import { fromFileUrl } from "./path.ts";
 * import assert from "node:assert/strict";
 *
 * if (Deno.build.os !== "windows") {
 *   assert.equal(fromFileUrl("file:///opt/tools%20dir/smoke.ts"), "/opt/tools dir/smoke.ts");
 * }
 * ```
 */
export function fromFileUrl(url: string | URL): string {
  const parsed = new URL(url);
  if (parsed.protocol !== "file:") throw new TypeError(`Not a file URL: "${parsed.href}"`);
  if (windowsUrl) return windowsUrl.fileURLToPath(parsed);
  if (parsed.hostname !== "" && parsed.hostname !== "localhost") {
    throw new TypeError(`A file URL with a host cannot be a path here: "${parsed.href}"`);
  }
  if (/%2f/i.test(parsed.pathname)) {
    throw new TypeError(`A file URL must not encode "/" in its path: "${parsed.href}"`);
  }
  return decodeURIComponent(parsed.pathname);
}
