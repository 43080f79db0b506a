/**
 * Bounds of smoke's settings, shared by the input schemas and the flags
 * without loading zod.
 *
 * @module
 */

/** The longest timeout a timer can hold: 2^31 - 1 ms. */
export const MAX_TIMEOUT_MS = 2_147_483_647;

/**
 * A service's name: one word, the `<NAME>` of its `SMOKE_SERVICE_<NAME>_*`
 * variables, also read back from a process's `SMOKE_SERVICE`.
 */
export const SERVICE_NAME_PATTERN = /^[A-Za-z][A-Za-z0-9_-]{0,31}$/;
