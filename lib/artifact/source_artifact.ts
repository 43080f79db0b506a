/**
 * Reading an artifact as untrusted input: its size before reading, then JSON,
 * `schemaVersion` and the schema, each problem with its preflight code; ids
 * salvaged from an invalid file for the manual fallback. Used by
 * `--rerun-failed`, `smoke merge` and `smoke report`. It loads zod, so runs
 * that read no artifact do not import it.
 *
 * @module
 */
import { type Artifact, isFixtureId, READABLE_SCHEMA_VERSIONS } from "./artifact.ts";
import { ArtifactSchema } from "./artifact_schema.ts";
import { formatPath, jsonSyntax } from "../jsonc/jsonc.ts";
import { formatBytes, readRegularFile } from "../base/read_input.ts";
import { displayName } from "../base/safe_output.ts";
import { sha256Hex } from "../base/sha256_hex.ts";
import { failedEntries, type FailedEntry } from "./artifact.ts";

/** Artifacts larger than this are refused before reading: 64 MiB. */
export const MAX_ARTIFACT_BYTES = 64 * 1024 * 1024;

/** Preflight error codes of the contract. */
export type PreflightCode =
  | "ARTIFACT_NOT_FOUND"
  | "ARTIFACT_INVALID_JSON"
  | "ARTIFACT_SCHEMA_MISMATCH"
  | "ARTIFACT_UNSUPPORTED_VERSION"
  | "ARTIFACT_TOO_LARGE"
  | "NO_RERUNNABLE_FAILURES";

/** The outcome of checking a source artifact. */
export type SourceCheck =
  | { ok: true; artifact: Artifact; failed: FailedEntry[] }
  | { ok: false; code: PreflightCode; message: string; salvagedIds: string[] };

const MAX_PROBLEM_LINES = 10;

function validId(id: unknown): id is string {
  return typeof id === "string" && isFixtureId(id);
}

/**
 * Reads failed ids from a value that did not pass the schema, keeping only
 * entries whose id is well-formed and whose status is `failed`.
 *
 * @param value Parsed JSON of unknown shape.
 * @returns Failed ids, in their order, without duplicates.
 *
 * @example
 * ```ts
 * import { salvageFailedIds } from "./source_artifact.ts";
 * import assert from "node:assert/strict";
 *
 * const ids = salvageFailedIds({ fixtures: [
 *   { id: "a", status: "failed" }, { id: "../x", status: "failed" }, { id: "b", status: "passed" },
 * ] });
 * assert.deepEqual(ids, ["a"]);
 * ```
 */
export function salvageFailedIds(value: unknown): string[] {
  const fixtures = (value as { fixtures?: unknown })?.fixtures;
  if (!Array.isArray(fixtures)) return [];
  const ids = new Set<string>();
  for (const entry of fixtures.slice(0, 100_000)) {
    const { id, status } = (entry ?? {}) as { id?: unknown; status?: unknown };
    if (status === "failed" && validId(id)) ids.add(id);
  }
  return [...ids];
}

/**
 * Checks a source artifact's text: JSON, then `schemaVersion`, then the schema.
 *
 * @param text The file's text.
 * @returns The artifact and its failed ids, or the preflight code and message.
 *
 * @example
 * ```ts
 * import { checkSource } from "./source_artifact.ts";
 * import assert from "node:assert/strict";
 *
 * const bad = checkSource('{ "schemaVersion": 2 }');
 * assert.equal(bad.ok ? "" : bad.code, "ARTIFACT_UNSUPPORTED_VERSION");
 * const broken = checkSource('{\n  "a": 1,\n}');
 * assert.equal(broken.ok ? "" : broken.message, 'unexpected token "}" at line 3, column 1');
 * ```
 */
export function checkSource(text: string): SourceCheck {
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch (error) {
    if (!(error instanceof SyntaxError)) throw error;
    return {
      ok: false,
      code: "ARTIFACT_INVALID_JSON",
      message: jsonSyntax(text, error),
      salvagedIds: [],
    };
  }
  return checkSourceValue(value);
}

/**
 * {@linkcode checkSource} of a value already parsed from JSON: `schemaVersion`,
 * then the schema.
 *
 * @param value The parsed JSON.
 * @returns The artifact and its failed ids, or the preflight code and message.
 *
 * @example
 * ```ts
 * import { checkSourceValue } from "./source_artifact.ts";
 * import assert from "node:assert/strict";
 *
 * const bad = checkSourceValue({ schemaVersion: 2 });
 * assert.equal(bad.ok ? "" : bad.code, "ARTIFACT_UNSUPPORTED_VERSION");
 * ```
 */
export function checkSourceValue(value: unknown): SourceCheck {
  const salvagedIds = salvageFailedIds(value);
  const isObject = typeof value === "object" && value !== null && !Array.isArray(value);
  const version = isObject ? (value as Record<string, unknown>).schemaVersion : undefined;
  if (!Number.isInteger(version)) {
    return {
      ok: false,
      code: "ARTIFACT_SCHEMA_MISMATCH",
      message: version === undefined
        ? "schemaVersion: missing (is this a smoke artifact?)"
        : `schemaVersion: expected an integer, got ${JSON.stringify(version)}`,
      salvagedIds,
    };
  }
  if (!READABLE_SCHEMA_VERSIONS.includes(version as number)) {
    return {
      ok: false,
      code: "ARTIFACT_UNSUPPORTED_VERSION",
      message: `schemaVersion ${version} is not supported; this build reads schema version ` +
        READABLE_SCHEMA_VERSIONS.join(", "),
      salvagedIds,
    };
  }
  const parsed = ArtifactSchema.safeParse(value);
  if (!parsed.success) {
    // Ids and keys come from the file: one issue is one line, whatever they hold.
    const problems = parsed.error.issues.map((issue) =>
      displayName(`${formatPath(issue.path)}: ${issue.message}`)
    );
    const shown = problems.slice(0, MAX_PROBLEM_LINES);
    if (problems.length > shown.length) {
      shown.push(`... and ${problems.length - shown.length} more`);
    }
    return { ok: false, code: "ARTIFACT_SCHEMA_MISMATCH", message: shown.join("\n"), salvagedIds };
  }
  return { ok: true, artifact: parsed.data, failed: failedEntries(parsed.data.fixtures) };
}

/** A source file read from disk. */
export type SourceFile =
  | { ok: true; text: string; sha256: string }
  | { ok: false; code: "ARTIFACT_NOT_FOUND" | "ARTIFACT_TOO_LARGE"; message: string };

/**
 * Reads the source artifact with the one input reader: only a regular file,
 * its size checked before reading and at most the limit read. Anything that
 * leaves no artifact to read (nothing there, a directory, a FIFO, a device,
 * permission denied, a symlink loop, a path too long) is `ARTIFACT_NOT_FOUND`
 * with the reason; more than the limit is `ARTIFACT_TOO_LARGE`.
 *
 * @param path The artifact path.
 * @param maxBytes The size limit.
 * @returns The text and its SHA-256, or why it cannot be read.
 *
 * @example
 * ```ts
 * import { readSourceFile } from "./source_artifact.ts";
 * import assert from "node:assert/strict";
 *
 * const missing = await readSourceFile("/nonexistent/latest.json");
 * assert.equal(missing.ok ? "" : missing.code, "ARTIFACT_NOT_FOUND");
 * const device = await readSourceFile("/dev/zero");
 * assert.equal(device.ok ? "" : device.message, "it is a character device, not a regular file");
 * ```
 */
export async function readSourceFile(
  path: string,
  maxBytes: number = MAX_ARTIFACT_BYTES,
): Promise<SourceFile> {
  const read = await readRegularFile(path, { maxBytes, what: "artifact" });
  if (!read.ok) {
    const { problem } = read;
    if (problem.kind === "too-large") {
      return {
        ok: false,
        code: "ARTIFACT_TOO_LARGE",
        message: `${problem.size} bytes is over the limit of ${maxBytes} bytes (${
          formatBytes(maxBytes)
        })`,
      };
    }
    return {
      ok: false,
      code: "ARTIFACT_NOT_FOUND",
      message: problem.kind === "missing" ? "no file at that path" : read.reason,
    };
  }
  const bytes = read.value;
  return { ok: true, text: new TextDecoder().decode(bytes), sha256: await sha256Hex(bytes) };
}
