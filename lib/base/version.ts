/**
 * The tool's version.
 *
 * @module
 */

/** smoke's version, as `--version` prints it and artifacts record it. */
export const VERSION = "0.1.0";
