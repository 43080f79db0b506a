/**
 * GitHub Actions mode on errors: what an exit-2 error (usage, config, catalog,
 * rerun preflight, ...) adds to the log and to the step summary. Pure; the
 * entry's error path writes them (`lib/cli/github_error_report.ts`).
 *
 * @module
 */
import { escapeCommandData, escapeCommandProperty } from "./github.ts";
import { escapeMarkdownCell, markdownCode, STEP_SUMMARY_LIMIT_BYTES } from "./github_summary.ts";

/** What GitHub mode shows of an error: a `UserError` has all of it. */
export interface ReportedError {
  /** The message, possibly over several lines. */
  message: string;
  /** The contract code, such as `ARTIFACT_NOT_FOUND`, when there is one. */
  code?: string | undefined;
  /** The kind of mistake (`usage`, `config`, ...): names an error without a code. */
  kind: string;
  /** Lines a user can act on; the manual fallback of a failed rerun is one of them. */
  hints: readonly string[];
  /** Where the diagnostics artifact was written, when one was. */
  diagnosticsPath?: string | undefined;
}

/** A contract code: upper-case letters, digits and `_`. */
const CODE = /^[A-Z][A-Z0-9_]*$/;
/** A kind: lower-case letters. */
const KIND = /^[a-z]+$/;

function codeOf(error: ReportedError): string | undefined {
  return error.code !== undefined && CODE.test(error.code) ? error.code : undefined;
}

function kindOf(error: ReportedError): string {
  return KIND.test(error.kind) ? error.kind : "user";
}

/**
 * The annotation's title: `smoke <CODE>`, or `smoke <kind> error` for an error
 * without a code (most usage and config errors).
 *
 * @param error The error.
 * @returns The title, as shown (not yet escaped).
 *
 * @example
 * ```ts
 * import { errorTitle } from "./github_error.ts";
 * import assert from "node:assert/strict";
 *
 * assert.equal(errorTitle({ message: "x", code: "LOCKED", kind: "lock", hints: [] }), "smoke LOCKED");
 * assert.equal(errorTitle({ message: "x", kind: "config", hints: [] }), "smoke config error");
 * ```
 */
export function errorTitle(error: ReportedError): string {
  const code = codeOf(error);
  return code ? `smoke ${code}` : `smoke ${kindOf(error)} error`;
}

/**
 * Renders the one `::error` annotation of an error: the title (see
 * {@linkcode errorTitle}) as a property, the message as the data, both
 * escaped as the runner unescapes them, so the line is one line and decodes
 * back to the message exactly. The legacy `##[` form is left to the output
 * edge, which neutralises it on every line in GitHub mode; the line must be
 * written marked with `markCommand`.
 *
 * @param error The error.
 * @returns The command line, without a newline.
 *
 * @example
 * ```ts
 * import { renderErrorAnnotation } from "./github_error.ts";
 * import assert from "node:assert/strict";
 *
 * const error = {
 *   message: 'Cannot read artifact "a\r::error::x.json": no file at that path',
 *   code: "ARTIFACT_NOT_FOUND", kind: "preflight", hints: [],
 * };
 * assert.equal(
 *   renderErrorAnnotation(error),
 *   '::error title=smoke ARTIFACT_NOT_FOUND::Cannot read artifact "a%0D::error::x.json": no file at that path',
 * );
 * ```
 */
export function renderErrorAnnotation(error: ReportedError): string {
  return `::error title=${escapeCommandProperty(errorTitle(error))}::` +
    escapeCommandData(error.message);
}

/** Options for {@linkcode renderErrorSummary}. */
export interface ErrorSummaryOptions {
  /** The most bytes the section may take (default 1 MiB). */
  maxBytes?: number;
}

/** The longest message or hint shown in full; a step summary has room, a cell does not. */
const TEXT_MAX_CHARS = 4000;
/** What each text is cut to when the full section does not fit. */
const TEXT_SHORT_CHARS = 500;

const encoder = new TextEncoder();

function section(error: ReportedError, maxChars: number): string {
  const code = codeOf(error);
  // Untrusted text never starts a line: a fixed word comes first, so it cannot open a heading,
  // a list or a quote, and escapeMarkdownCell keeps it on that line, without HTML.
  const lines = [
    code ? `## smoke: error \`${code}\`` : `## smoke: ${kindOf(error)} error`,
    "",
    `**Error:** ${escapeMarkdownCell(error.message, { maxChars })}`,
    "",
  ];
  for (const hint of error.hints) lines.push(`- hint: ${escapeMarkdownCell(hint, { maxChars })}`);
  if (error.hints.length) lines.push("");
  if (error.diagnosticsPath !== undefined) {
    lines.push(`Diagnostics artifact: ${markdownCode(error.diagnosticsPath)}`, "");
  }
  return lines.join("\n");
}

/**
 * Renders the step summary section of an error: a heading with the code, the
 * message, each hint (the manual fallback of a failed rerun among them) and
 * the diagnostics artifact's path when one was written. Every text is escaped
 * for Markdown as the run's summary escapes its messages. Long texts are cut
 * when the whole would not fit in `maxBytes`; when not even that fits, the
 * result is empty.
 *
 * @param error The error.
 * @param options The byte budget.
 * @returns Markdown, ending with a newline (or empty).
 *
 * @example
 * ```ts
 * import { renderErrorSummary } from "./github_error.ts";
 * import assert from "node:assert/strict";
 *
 * const markdown = renderErrorSummary({
 *   message: "Nothing to rerun: nothing failed in run r1",
 *   code: "NO_RERUNNABLE_FAILURES", kind: "preflight",
 *   hints: ["Manual fallback: deno task smoke --fixture <id> ..."],
 *   diagnosticsPath: ".planning/artifacts/smoke/runs/r2.json",
 * });
 * assert.equal(markdown, [
 *   "## smoke: error `NO_RERUNNABLE_FAILURES`",
 *   "",
 *   "**Error:** Nothing to rerun: nothing failed in run r1",
 *   "",
 *   "- hint: Manual fallback: deno task smoke --fixture &lt;id&gt; ...",
 *   "",
 *   "Diagnostics artifact: `.planning/artifacts/smoke/runs/r2.json`",
 *   "",
 * ].join("\n"));
 * ```
 */
export function renderErrorSummary(
  error: ReportedError,
  options: ErrorSummaryOptions = {},
): string {
  const maxBytes = options.maxBytes ?? STEP_SUMMARY_LIMIT_BYTES;
  for (const maxChars of [TEXT_MAX_CHARS, TEXT_SHORT_CHARS]) {
    const markdown = section(error, maxChars);
    if (encoder.encode(markdown).length <= maxBytes) return markdown;
  }
  return "";
}
