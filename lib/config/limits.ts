/**
 * Bounds of smoke's settings, shared by the input schemas and the flags
 * without loading zod.
 *
 * @module
 */

/** The longest timeout a timer can hold: 2^31 - 1 ms. */
export const MAX_TIMEOUT_MS = 2_147_483_647;

/** The most retries of a fixture: in the config, a manifest and `--retries` alike. */
export const MAX_RETRIES = 100;

/** A service's name (the artifact format's, where the summaries read it back too). */
export { SERVICE_NAME_PATTERN } from "../artifact/artifact_format.ts";
