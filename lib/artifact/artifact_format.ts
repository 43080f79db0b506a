/**
 * The artifact format's constants: the schema versions, and the shapes of
 * fixture ids and run ids. Shared by the artifact's types and its zod schema
 * without either importing the other.
 *
 * @example
 * ```ts
 * import { FIXTURE_ID_PATTERN, RUN_ID_PATTERN } from "./artifact_format.ts";
 * import assert from "node:assert/strict";
 *
 * assert.ok(FIXTURE_ID_PATTERN.test("api/health"));
 * assert.ok(RUN_ID_PATTERN.test("20261125T144407123Z-3fa9c1"));
 * ```
 *
 * @module
 */

/** The schema version this build writes. */
export const SCHEMA_VERSION = 1;
/** The schema versions this build can read. */
export const READABLE_SCHEMA_VERSIONS: readonly number[] = [1];

/** Characters allowed in a fixture id. */
export const FIXTURE_ID_PATTERN = /^[A-Za-z0-9._\/-]+$/;

/** A run id: unique, safe as a file name, sorts by start time. */
export const RUN_ID_PATTERN = /^[A-Za-z0-9][A-Za-z0-9._-]{0,127}$/;
