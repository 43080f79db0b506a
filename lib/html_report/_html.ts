/**
 * Small helpers shared by the HTML report's renderers: escaping, status
 * symbols and labels.
 *
 * @module
 */
import { escapeControls } from "../base/safe_output.ts";
import type { Result } from "../artifact/artifact.ts";
import type { CellCode, RunView, TailView } from "./history_model.ts";

const ESCAPES: Record<string, string> = {
  "&": "&amp;",
  "<": "&lt;",
  ">": "&gt;",
  '"': "&quot;",
  "'": "&#39;",
};

/**
 * Escapes text for HTML content and quoted attribute values.
 *
 * @param text Any text, fixture output included.
 * @returns The text with `& < > " '` escaped.
 *
 * @example
 * ```ts
 * import { escapeHtml } from "./_html.ts";
 * import assert from "node:assert/strict";
 *
 * assert.equal(escapeHtml(`<img src=x onerror="a('b')">&`),
 *   "&lt;img src=x onerror=&quot;a(&#39;b&#39;)&quot;&gt;&amp;");
 * ```
 */
export function escapeHtml(text: string): string {
  // Control characters (but newline and tab), bidirectional and invisible characters are shown
  // as escapes (`\x1b`, `\u202e`), as on the console: `cat report.html` cannot drive a terminal.
  return escapeControls(text).replace(/[&<>"']/g, (c) => ESCAPES[c]);
}

/**
 * The symbol and label of each grid cell code.
 *
 * @example
 * ```ts
 * import { CELL } from "./_html.ts";
 * import assert from "node:assert/strict";
 *
 * assert.deepEqual(CELL.f, { symbol: "✗", label: "failed" });
 * ```
 */
export const CELL: Readonly<Record<CellCode, { symbol: string; label: string }>> = {
  p: { symbol: "✓", label: "passed" },
  r: { symbol: "◐", label: "passed on retry" },
  f: { symbol: "✗", label: "failed" },
  s: { symbol: "○", label: "skipped" },
  n: { symbol: "⊘", label: "never started (blocked by a need, or not run)" },
  i: { symbol: "⏹", label: "interrupted (stopped by a signal: not counted as a result)" },
  ".": { symbol: "", label: "not in this run" },
};

/**
 * A run's failures of its own: its failed fixtures less the quarantined
 * failures and those that never started (blocked, not run), which the page
 * counts apart, as the console does.
 *
 * @param run The run's counts.
 * @returns The count.
 *
 * @example
 * ```ts
 * import { ownFailures } from "./_html.ts";
 * import assert from "node:assert/strict";
 *
 * const summary = { total: 5, passed: 1, failed: 4, skipped: 0, flaky: 0, quarantined: 1 };
 * assert.equal(ownFailures({ summary, unstarted: { blocked: 1, notRun: 1 } }), 1);
 * ```
 */
export function ownFailures(run: Pick<RunView, "summary" | "unstarted">): number {
  return run.summary.failed - (run.summary.quarantined ?? 0) - run.unstarted.blocked -
    run.unstarted.notRun;
}

/**
 * The symbol, CSS class and word for a run's verdict.
 *
 * @param run The run (or just its verdict and whether nothing ran).
 * @returns `{ symbol, cls, word }`, e.g. `{ symbol: "✗", cls: "fail", word: "FAIL" }`.
 *
 * @example
 * ```ts
 * import { verdictMark } from "./_html.ts";
 * import assert from "node:assert/strict";
 *
 * assert.deepEqual(verdictMark({ result: "pass", diagnosticsOnly: false }),
 *   { symbol: "✓", cls: "pass", word: "PASS" });
 * assert.equal(verdictMark({ result: "fail", diagnosticsOnly: true }).word, "ERROR");
 * ```
 */
export function verdictMark(
  run: Pick<RunView, "diagnosticsOnly"> & { result: Result },
): { symbol: string; cls: string; word: string } {
  if (run.diagnosticsOnly) return { symbol: "!", cls: "error", word: "ERROR" };
  return run.result === "pass"
    ? { symbol: "✓", cls: "pass", word: "PASS" }
    : { symbol: "✗", cls: "fail", word: "FAIL" };
}

/**
 * Formats an ISO time for the page: `2026-11-25 14:44 UTC`.
 *
 * @param iso An ISO-8601 time.
 * @returns The short UTC form.
 *
 * @example
 * ```ts
 * import { formatTime } from "./_html.ts";
 * import assert from "node:assert/strict";
 *
 * assert.equal(formatTime("2026-11-25T14:44:07.123Z"), "2026-11-25 14:44 UTC");
 * ```
 */
export function formatTime(iso: string): string {
  const date = new Date(iso);
  if (Number.isNaN(date.getTime())) return iso;
  return `${date.toISOString().slice(0, 16).replace("T", " ")} UTC`;
}

/**
 * The anchor id of a run's row in the runs table.
 *
 * @param runId The run id (schema-checked: letters, digits, `. _ -`).
 * @returns E.g. `run-20261125T144407123Z-abcdef`.
 *
 * @example
 * ```ts
 * import { runAnchor } from "./_html.ts";
 * import assert from "node:assert/strict";
 *
 * assert.equal(runAnchor("r1"), "run-r1");
 * ```
 */
export function runAnchor(runId: string): string {
  return `run-${escapeHtml(runId)}`;
}

/**
 * An output tail as the page shows it: collapsed, its size (and how much was
 * cut) in the summary, the text escaped in a `<pre>`.
 *
 * @param name The stream, e.g. `stderr`.
 * @param view The cut tail, or nothing.
 * @returns The `<details>` element, or an empty string without a tail.
 *
 * @example
 * ```ts
 * import { renderTail } from "./_html.ts";
 * import assert from "node:assert/strict";
 *
 * assert.equal(
 *   renderTail("stderr", { text: "<b>", cutChars: 0 }),
 *   "<details><summary>stderr tail (3 characters)</summary><pre>&lt;b&gt;</pre></details>",
 * );
 * assert.equal(renderTail("stdout", undefined), "");
 * ```
 */
export function renderTail(name: string, view: TailView | undefined): string {
  if (!view) return "";
  const cut = view.cutChars ? `, ${view.cutChars.toLocaleString("en")} earlier characters cut` : "";
  return `<details><summary>${name} tail (${
    view.text.length.toLocaleString("en")
  } characters${cut})` +
    `</summary><pre>${escapeHtml(view.text)}</pre></details>`;
}
