/**
 * The catalog's reads beyond the walk: manifests' text, and the scripts that
 * manifests name.
 *
 * @module
 */
import { describeIoError, isIoError, UserError } from "../base/errors.ts";
import {
  fileTypeName,
  inputError,
  MAX_INPUT_BYTES,
  readFailure,
  readRegularTextFileSync,
} from "../base/read_input.ts";
import { displayName } from "../base/safe_output.ts";

function catalogError(message: string, ...hints: string[]): UserError {
  return new UserError(message, { kind: "catalog", hints });
}

/**
 * Reads a manifest: a regular file of at most 1 MiB, UTF-8.
 *
 * @param absolute Its absolute path.
 * @param shown Its path as the user sees it, made only for a message.
 * @param options `knownRegularFile` when its directory entry said so.
 * @returns The text.
 * @throws {UserError} When it cannot be read, naming it (a catalog error).
 *
 * @example
 * ```ts
 * import { readManifest } from "./_catalog_read.ts";
 * import assert from "node:assert/strict";
 *
 * const dir = Deno.makeTempDirSync();
 * Deno.writeTextFileSync(`${dir}/a.smoke.jsonc`, "{}");
 * assert.equal(readManifest(`${dir}/a.smoke.jsonc`, () => "a.smoke.jsonc", { knownRegularFile: true }), "{}");
 * assert.throws(() => readManifest(dir, () => "d.smoke.jsonc", { knownRegularFile: false }), /Cannot read manifest "d\.smoke\.jsonc"/);
 * Deno.removeSync(dir, { recursive: true });
 * ```
 */
export function readManifest(
  absolute: string,
  shown: () => string,
  options: { knownRegularFile: boolean },
): string {
  const read = readRegularTextFileSync(absolute, {
    maxBytes: MAX_INPUT_BYTES,
    what: "manifest",
    knownRegularFile: options.knownRegularFile,
  });
  if (read.ok) return read.value;
  throw inputError(read, {
    action: "read manifest",
    shown: shown(),
    kind: "catalog",
    missingHint: "It went away while smoke read the catalog: run again.",
  });
}

/** A fixture whose manifest names its script. */
export interface NamedScript {
  /** The script's absolute path. */
  script: string;
  /** The script as the user sees it. */
  file: string;
  /** The manifest as the user sees it. */
  manifestFile?: string;
}

/**
 * Checks that a script named by a manifest's "script" is a regular file.
 *
 * @param fixture The script and the manifest naming it.
 * @throws {UserError} When it is missing, unreadable or not a regular file (a catalog error).
 *
 * @example
 * ```ts
 * import { checkNamedScript } from "./_catalog_read.ts";
 * import assert from "node:assert/strict";
 *
 * assert.throws(
 *   () => checkNamedScript({ script: "/nonexistent/x.ts", file: "x.ts", manifestFile: "a.smoke.jsonc" }),
 *   /Cannot find script "x\.ts" named by manifest "a\.smoke\.jsonc"/,
 * );
 * ```
 */
export function checkNamedScript(fixture: NamedScript): void {
  const named = `script "${displayName(fixture.file)}" named by manifest "${
    displayName(String(fixture.manifestFile))
  }"`;
  let info: Deno.FileInfo;
  try {
    info = Deno.statSync(fixture.script);
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
