/**
 * Rerun-failed: reads the source artifact as untrusted data, picks the
 * failed ids, and computes the combined verdict. The checks are pure; only
 * {@linkcode readSourceFile} touches the disk.
 *
 * @module
 */
import {
  type Artifact,
  ArtifactSchema,
  type FailureKind,
  FIXTURE_ID_PATTERN,
  type FixtureResult,
  READABLE_SCHEMA_VERSIONS,
  type Result,
  summarize,
  type Summary,
  verdict,
  type VerdictOptions,
} from "./artifact.ts";
import { formatPath, parseJsonc, positionAt } from "./jsonc.ts";

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

/** A failed fixture of the source artifact. */
export interface FailedEntry {
  /** The fixture id (checked against the id characters). */
  id: string;
  /** Its failure kind, when recorded. */
  kind?: FailureKind;
}

/** The outcome of checking a source artifact. */
export type SourceCheck =
  | { ok: true; artifact: Artifact; failed: FailedEntry[] }
  | { ok: false; code: PreflightCode; message: string; salvagedIds: string[] };

const MAX_PROBLEM_LINES = 10;

function validId(id: unknown): id is string {
  return typeof id === "string" && id.length <= 512 && FIXTURE_ID_PATTERN.test(id) &&
    id.split("/").every((s) => s !== "" && s !== "." && s !== "..");
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
 * import { salvageFailedIds } from "./rerun.ts";
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

function jsonSyntax(text: string, error: SyntaxError): string {
  const parsed = parseJsonc(text, { strict: true });
  const offset = !parsed.ok
    ? parsed.error.offset
    : Number(/position (\d+)/.exec(error.message)?.[1] ?? NaN);
  if (Number.isNaN(offset)) return error.message;
  const { line, column } = positionAt(text, offset);
  const token = offset >= text.length ? "end of input" : `token ${JSON.stringify(text[offset])}`;
  return `unexpected ${token} at line ${line}, column ${column}`;
}

/**
 * Checks a source artifact's text: JSON, then `schemaVersion`, then the schema.
 *
 * @param text The file's text.
 * @returns The artifact and its failed ids, or the preflight code and message.
 *
 * @example
 * ```ts
 * import { checkSource } from "./rerun.ts";
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
    const problems = parsed.error.issues.map((issue) =>
      `${formatPath(issue.path)}: ${issue.message}`
    );
    const shown = problems.slice(0, MAX_PROBLEM_LINES);
    if (problems.length > shown.length) {
      shown.push(`... and ${problems.length - shown.length} more`);
    }
    return { ok: false, code: "ARTIFACT_SCHEMA_MISMATCH", message: shown.join("\n"), salvagedIds };
  }
  return { ok: true, artifact: parsed.data, failed: failedEntries(parsed.data.fixtures) };
}

/**
 * The failed fixtures of a list of results, once each, in order.
 *
 * @param fixtures Fixture results.
 * @returns The id and failure kind of each failed one.
 *
 * @example
 * ```ts
 * import { failedEntries } from "./rerun.ts";
 * import assert from "node:assert/strict";
 *
 * const base = { durationMs: 1, attempts: 1, exitCode: 1, signal: null, timedOut: false };
 * assert.deepEqual(failedEntries([
 *   { ...base, id: "a", status: "failed", failure: { kind: "timeout", message: "t" } },
 *   { ...base, id: "b", status: "passed" },
 * ]), [{ id: "a", kind: "timeout" }]);
 * ```
 */
export function failedEntries(fixtures: readonly FixtureResult[]): FailedEntry[] {
  const failed: FailedEntry[] = [];
  const seen = new Set<string>();
  for (const fixture of fixtures) {
    if (fixture.status !== "failed" || seen.has(fixture.id)) continue;
    seen.add(fixture.id);
    failed.push({ id: fixture.id, ...(fixture.failure ? { kind: fixture.failure.kind } : {}) });
  }
  return failed;
}

/** A source file read from disk. */
export type SourceFile =
  | { ok: true; text: string; sha256: string }
  | { ok: false; code: "ARTIFACT_NOT_FOUND" | "ARTIFACT_TOO_LARGE"; message: string };

/**
 * Reads the source artifact: its size is checked before reading.
 *
 * @param path The artifact path.
 * @param maxBytes The size limit.
 * @returns The text and its SHA-256, or why it cannot be read.
 *
 * @example
 * ```ts
 * import { readSourceFile } from "./rerun.ts";
 * import assert from "node:assert/strict";
 *
 * const missing = await readSourceFile("/nonexistent/latest.json");
 * assert.equal(missing.ok ? "" : missing.code, "ARTIFACT_NOT_FOUND");
 * ```
 */
export async function readSourceFile(
  path: string,
  maxBytes: number = MAX_ARTIFACT_BYTES,
): Promise<SourceFile> {
  let info: Deno.FileInfo;
  try {
    info = await Deno.stat(path);
  } catch (error) {
    if (!(error instanceof Deno.errors.NotFound || error instanceof Deno.errors.NotADirectory)) {
      throw error;
    }
    return { ok: false, code: "ARTIFACT_NOT_FOUND", message: "no file at that path" };
  }
  if (!info.isFile) {
    return { ok: false, code: "ARTIFACT_NOT_FOUND", message: "the path is not a file" };
  }
  if (info.size > maxBytes) {
    return {
      ok: false,
      code: "ARTIFACT_TOO_LARGE",
      message: `${info.size} bytes is over the limit of ${maxBytes} bytes (64 MiB)`,
    };
  }
  const bytes = await Deno.readFile(path);
  const digest = new Uint8Array(await crypto.subtle.digest("SHA-256", bytes));
  const sha256 = Array.from(digest, (b) => b.toString(16).padStart(2, "0")).join("");
  return { ok: true, text: new TextDecoder().decode(bytes), sha256 };
}

/** The failed ids split against the current catalog. */
export interface RerunSplit {
  /** Failed ids still in the catalog (and matching `--fixture`), in catalog order. */
  rerun: string[];
  /** Failed ids no longer in the catalog. */
  stale: string[];
}

/**
 * Splits the source's failed ids into those to rerun and stale ones.
 *
 * @param failed The failed entries of the source.
 * @param catalogIds The ids of the current catalog, in catalog order.
 * @returns Ids to rerun (catalog order) and stale ids (source order).
 *
 * @example
 * ```ts
 * import { splitFailed } from "./rerun.ts";
 * import assert from "node:assert/strict";
 *
 * assert.deepEqual(splitFailed([{ id: "b" }, { id: "gone" }, { id: "a" }], ["a", "b", "c"]), {
 *   rerun: ["a", "b"],
 *   stale: ["gone"],
 * });
 * ```
 */
export function splitFailed(
  failed: readonly FailedEntry[],
  catalogIds: readonly string[],
): RerunSplit {
  const failedIds = new Set(failed.map((entry) => entry.id));
  const known = new Set(catalogIds);
  return {
    rerun: catalogIds.filter((id) => failedIds.has(id)),
    stale: failed.map((entry) => entry.id).filter((id) => !known.has(id)),
  };
}

/**
 * The verdict over the source run with the rerun's results in place; stale
 * ids are left out.
 *
 * @param source The source artifact's fixtures.
 * @param rerun The rerun's results.
 * @param stale Ids no longer in the catalog.
 * @param options Whether flaky passes fail.
 * @returns The combined counts and verdict.
 *
 * @example
 * ```ts
 * import { combine } from "./rerun.ts";
 * import assert from "node:assert/strict";
 *
 * const r = (id: string, status: "passed" | "failed") => ({
 *   id, status, durationMs: 1, attempts: 1, exitCode: 0, signal: null, timedOut: false,
 * });
 * const combined = combine([r("a", "passed"), r("b", "failed")], [r("b", "passed")], []);
 * assert.deepEqual(combined.summary, { total: 2, passed: 2, failed: 0, skipped: 0, flaky: 0 });
 * assert.equal(combined.result, "pass");
 * ```
 */
export function combine(
  source: readonly FixtureResult[],
  rerun: readonly FixtureResult[],
  stale: readonly string[],
  options: VerdictOptions = {},
): { summary: Summary; result: Result } {
  const byId = new Map<string, FixtureResult>();
  for (const fixture of source) byId.set(fixture.id, fixture);
  for (const fixture of rerun) byId.set(fixture.id, fixture);
  for (const id of stale) byId.delete(id);
  const summary = summarize([...byId.values()]);
  return { summary, result: verdict(summary, options) };
}

/** Reads a run of the history by id; undefined when missing or invalid. */
export type ReadRun = (runId: string) => Promise<Artifact | undefined>;

/** What a chain of reruns stands for. */
export interface Chain {
  /** The fixture results, later runs winning. */
  fixtures: FixtureResult[];
  /** The run id the chain could not follow (pruned, or from another machine). */
  missingRunId?: string;
}

/**
 * The fixtures a rerun chain stands for: the first full run with every later
 * rerun's results laid over it. Follows `selection.source.runId` through the
 * history while the source is itself a rerun.
 *
 * @param source The artifact the rerun reads.
 * @param readRun Reads a run of the history by id (run ids are schema-checked, never paths).
 * @param maxDepth How many links to follow at most.
 * @returns The fixture results, later runs winning, and where the chain broke, if it did.
 *
 * @example
 * ```ts
 * import { chainFixtures } from "./rerun.ts";
 * import type { Artifact } from "./artifact.ts";
 * import assert from "node:assert/strict";
 *
 * const r = (id: string, status: "passed" | "failed") => ({
 *   id, status, durationMs: 1, attempts: 1, exitCode: 0, signal: null, timedOut: false,
 * });
 * const full = { runId: "a", mode: "full", selection: { fixtureIds: [] }, fixtures: [r("x", "passed"), r("y", "failed")] };
 * const rerun = {
 *   runId: "b", mode: "rerun-failed",
 *   selection: { fixtureIds: ["y"], source: { path: "latest.json", runId: "a", sha256: "0".repeat(64) } },
 *   fixtures: [r("y", "failed")],
 * };
 * const chain = await chainFixtures(
 *   rerun as unknown as Artifact,
 *   (id) => Promise.resolve(id === "a" ? full as unknown as Artifact : undefined),
 * );
 * assert.deepEqual(chain.fixtures.map((f) => f.id), ["x", "y"]);
 * assert.equal(chain.missingRunId, undefined);
 * ```
 */
export async function chainFixtures(
  source: Artifact,
  readRun: ReadRun,
  maxDepth = 100,
): Promise<Chain> {
  const chain = [source];
  const seen = new Set([source.runId]);
  let current = source;
  let missingRunId: string | undefined;
  while (current.mode === "rerun-failed" && current.selection.source && chain.length < maxDepth) {
    const parentId = current.selection.source.runId;
    if (seen.has(parentId)) break;
    const parent = await readRun(parentId);
    if (!parent) {
      missingRunId = parentId;
      break;
    }
    seen.add(parentId);
    chain.unshift(parent);
    current = parent;
  }
  const byId = new Map<string, FixtureResult>();
  for (const artifact of chain) {
    for (const fixture of artifact.fixtures) byId.set(fixture.id, fixture);
  }
  return { fixtures: [...byId.values()], ...(missingRunId ? { missingRunId } : {}) };
}
