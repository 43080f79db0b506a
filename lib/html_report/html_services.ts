/**
 * The report's Services section (the latest run's services: status, check,
 * time to ready, exit, reason, output tails) and the badges that mark a run
 * whose service failed. Pure: view model in, HTML text out.
 *
 * @module
 */
import { escapeHtml as e, renderTail } from "./_html.ts";
import type { LatestView, ServiceView } from "./history_model.ts";
import { formatDuration } from "../reporters/console_render.ts";

/**
 * Badges for a run's services: a red one per service not ready or exited,
 * then, on the latest run's summary, how many were fine.
 *
 * @param services The services (or only the failed ones, as a run row has them).
 * @returns HTML; `✓ all ready` when none failed.
 *
 * @example
 * ```ts
 * import { serviceBadges } from "./html_services.ts";
 * import assert from "node:assert/strict";
 *
 * assert.equal(
 *   serviceBadges([{ name: "<api>", status: "not-ready" }]),
 *   `<span class="kind" title="service &lt;api&gt; not-ready">&lt;api&gt; not-ready</span>`,
 * );
 * assert.equal(serviceBadges([{ name: "db", status: "ready", failed: false }]), `<span class="t-pass">✓ 1 ready</span>`);
 * ```
 */
export function serviceBadges(
  services: readonly { name: string; status: string; failed?: boolean }[],
): string {
  const down = services.filter((s) => s.failed !== false);
  const fine = services.length - down.length;
  return [
    ...down.map((s) =>
      `<span class="kind" title="service ${e(s.name)} ${e(s.status)}">${e(s.name)} ${
        e(s.status)
      }</span>`
    ),
    ...(fine ? [`<span class="t-pass">✓ ${fine} ready</span>`] : []),
  ].join(" ");
}

function statusCell(s: ServiceView): string {
  if (s.failed) return `<td class="t-fail">✗ ${e(s.status)}</td>`;
  return s.status === "ready" || s.status === "reused"
    ? `<td class="t-pass">✓ ${e(s.status)}</td>`
    : `<td class="t-skip">○ ${e(s.status)}</td>`;
}

function row(s: ServiceView): string {
  return `<tr id="service-${e(s.name)}"><td>${e(s.name)}</td>${statusCell(s)}` +
    `<td class="wrap">${e(s.check)}</td>` +
    `<td class="num">${s.readyMs === undefined ? "" : formatDuration(s.readyMs)}</td>` +
    `<td>${e(s.exit ?? "")}</td><td class="wrap">${e(s.reason ?? "")}</td>` +
    `<td class="wrap">${renderTail("stderr", s.stderr)}${renderTail("stdout", s.stdout)}</td></tr>`;
}

/**
 * Renders the latest run's Services section: one row per service, in start
 * order, with its status, ready check, time to ready, exit and reason, and
 * its output tails collapsed in the fixtures' `<pre>` style. Every text is
 * escaped.
 *
 * @param latest The latest run, when there is one.
 * @returns The `<section id="services">`, or an empty string when the run had no services.
 *
 * @example
 * ```ts
 * import { renderServices } from "./html_services.ts";
 * import assert from "node:assert/strict";
 *
 * const latest = {
 *   services: [{ name: "api", status: "not-ready", failed: true, check: "127.0.0.1:1 accepts a TCP connection",
 *     reason: "not ready within 500ms", stdout: { text: "boot\n", cutChars: 0 } }],
 * } as never;
 * const html = renderServices(latest);
 * assert.match(html, /<section id="services"><h2>Services of the latest run \(1, 1 failed\)<\/h2>/);
 * assert.match(html, /<td class="t-fail">✗ not-ready<\/td>/);
 * assert.match(html, /<pre>boot\n<\/pre>/);
 * assert.equal(renderServices(undefined), "");
 * ```
 */
export function renderServices(latest: LatestView | undefined): string {
  const services = latest?.services;
  if (!services?.length) return "";
  const failed = services.filter((s) => s.failed).length;
  return `<section id="services"><h2>Services of the latest run (${services.length}${
    failed ? `, ${failed} failed` : ""
  })</h2>` +
    `<div class="scroll"><table class="list"><thead><tr><th>Service</th><th>Status</th>` +
    `<th>Ready check</th><th class="num">Ready in</th><th>Exit</th><th>Reason</th><th>Output</th></tr></thead>` +
    `<tbody>${services.map(row).join("")}</tbody></table></div></section>\n`;
}
