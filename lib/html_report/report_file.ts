/**
 * The HTML report's default file name, apart from the page's code: a run
 * names it without loading the report (its assets load node:crypto).
 *
 * @module
 */

/**
 * The report's file name inside the artifact directory.
 *
 * @example
 * ```ts
 * import { REPORT_FILE } from "./report_file.ts";
 * import assert from "node:assert/strict";
 *
 * assert.equal(REPORT_FILE, "report.html");
 * ```
 */
export const REPORT_FILE = "report.html";
