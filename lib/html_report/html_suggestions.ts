/**
 * The report page's "Suggestions" section: quarantine candidates, the
 * quarantine entries with owner and days left, and the time to green of the
 * latest red (see `suggestions.ts`). Pure: suggestions in, HTML text out,
 * every value escaped.
 *
 * @module
 */
import { escapeHtml as e } from "./_html.ts";
import { candidateText, daysLeftText, redText, type Suggestions } from "./suggestions.ts";

/**
 * Renders the suggestions as a page section.
 *
 * @param s The suggestions.
 * @param now The report's time.
 * @returns The `<section id="suggestions">` element.
 *
 * @example
 * ```ts
 * import { renderSuggestionsHtml } from "./html_suggestions.ts";
 * import { CANDIDATE_THRESHOLD } from "./suggestions.ts";
 * import assert from "node:assert/strict";
 *
 * const html = renderSuggestionsHtml({
 *   window: 6, threshold: CANDIDATE_THRESHOLD,
 *   candidates: [{ id: "<b>", flips: 5, runs: 6, rate: 1 }],
 *   quarantine: [{ id: "q", owner: "@alice", reason: "race", until: "2026-12-31", daysLeft: 3 }],
 * }, new Date());
 * assert.match(html, /&lt;b&gt; flipped 5 times in 6 runs \(100%\)/);
 * assert.match(html, /@alice, <span class="muted">3 days left<\/span>/);
 * ```
 */
export function renderSuggestionsHtml(s: Suggestions, now: Date): string {
  const runs = `the last ${s.window} run${s.window === 1 ? "" : "s"}`;
  const rule = `${s.threshold.minFlips}+ flips, on ${
    Math.round(s.threshold.minRate * 100)
  }%+ of the chances to flip`;
  const out = [`<section id="suggestions"><h2>Suggestions</h2>`];
  out.push(`<h3>Quarantine candidates</h3><p class="muted">${e(rule)}, in ${e(runs)}.</p>`);
  out.push(
    s.candidates.length
      ? `<ul>${s.candidates.map((c) => `<li>${e(candidateText(c))}</li>`).join("")}</ul>`
      : `<p>None.</p>`,
  );
  if (s.quarantine.length) {
    out.push(
      `<h3>Quarantined</h3><ul>${
        s.quarantine.map((q) =>
          `<li><code>${e(q.id)}</code>: ${e(q.owner)}, <span class="${
            q.daysLeft < 0 ? "t-fail" : "muted"
          }">${e(daysLeftText(q.daysLeft))}</span> (${e(q.reason)})</li>`
        ).join("")
      }</ul>`,
    );
  }
  out.push(
    `<h3>Time to green</h3><p>${
      s.red ? e(redText(s.red, now)) : `No red run in ${e(runs)}.`
    }</p></section>`,
  );
  return out.join("\n");
}
