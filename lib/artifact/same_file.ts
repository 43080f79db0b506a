/**
 * Which file a path names: its real path (or the one it would have once
 * created), and whether two paths name the same file, through symlinks and
 * folders not there yet.
 *
 * @module
 */
import { basename, dirname, join, resolve } from "../base/path.ts";
import { isIoError } from "../base/errors.ts";

/**
 * The directory entry a path names: its folder resolved, its last component as it is; a folder
 * not there yet, through the nearest one that is (so a path through a symlinked folder names the
 * same entry before the artifact directory exists as after).
 *
 * @param path An absolute path.
 * @returns The entry's path.
 *
 * @example
 * ```ts
 * import { entryOf } from "./same_file.ts";
 * import assert from "node:assert/strict";
 *
 * const dir = await Deno.realPath(await Deno.makeTempDir());
 * await Deno.symlink(dir, `${dir}-link`);
 * // The folder is resolved; the last component stays as it is, there or not.
 * assert.equal(entryOf(`${dir}-link/latest.json`), `${dir}/latest.json`);
 * assert.equal(entryOf(`${dir}-link/new/latest.json`), `${dir}/new/latest.json`);
 * await Deno.remove(`${dir}-link`);
 * await Deno.remove(dir, { recursive: true });
 * ```
 */
export function entryOf(path: string): string {
  const parent = dirname(path);
  try {
    return join(Deno.realPathSync(parent), basename(path));
  } catch (error) {
    if (parent === path || !isIoError(error)) return path;
    return join(entryOf(parent), basename(path));
  }
}

/**
 * The real path a path names, or would name once created: symlinks followed (a symlink to a
 * file not there yet to that file's entry, at most 40 links, as the kernel), a folder not there
 * yet through the nearest one that is.
 *
 * @param path An absolute path.
 * @returns The real path.
 *
 * @example
 * ```ts
 * import { realPath } from "./same_file.ts";
 * import assert from "node:assert/strict";
 *
 * const dir = await Deno.realPath(await Deno.makeTempDir());
 * await Deno.symlink(dir, `${dir}-link`);
 * assert.equal(realPath(`${dir}-link/not/yet`), `${dir}/not/yet`);
 * await Deno.remove(`${dir}-link`);
 * await Deno.remove(dir, { recursive: true });
 * ```
 */
export function realPath(path: string): string {
  try {
    return Deno.realPathSync(path);
  } catch {
    let current = entryOf(path);
    for (let hops = 0; hops < 40; hops++) {
      let link: string;
      try {
        link = Deno.readLinkSync(current);
      } catch {
        return current;
      }
      current = entryOf(resolve(dirname(current), link));
    }
    return current;
  }
}

/**
 * Whether two paths name the same directory entry (their folders resolved:
 * through a symlinked folder, `..`, whether the file is there or not), or,
 * both existing, the same file at the end of their symlinks.
 *
 * @param a An absolute path.
 * @param b Another.
 * @returns True when they name one file.
 *
 * @example
 * ```ts
 * import { sameFile } from "./same_file.ts";
 * import assert from "node:assert/strict";
 *
 * const dir = await Deno.makeTempDir();
 * await Deno.symlink(dir, `${dir}-link`);
 * assert.equal(sameFile(`${dir}-link/durations.json`, `${dir}/durations.json`), true);
 * assert.equal(sameFile(`${dir}/a.json`, `${dir}/b.json`), false);
 * // A folder not there yet: through the nearest one that is.
 * assert.equal(sameFile(`${dir}-link/new/durations.json`, `${dir}/new/durations.json`), true);
 * await Deno.remove(`${dir}-link`);
 * await Deno.remove(dir, { recursive: true });
 * ```
 */
export function sameFile(a: string, b: string): boolean {
  if (entryOf(a) === entryOf(b)) return true;
  try {
    return Deno.realPathSync(a) === Deno.realPathSync(b);
  } catch {
    return false;
  }
}
