/**
 * The HTML report's inline style sheet and script, and the Content Security
 * Policy that allows exactly these two and nothing else (no network, no
 * other script).
 *
 * @module
 */
import { createHash } from "node:crypto";

/**
 * The style sheet: light and dark palettes by `prefers-color-scheme`.
 *
 * @example
 * ```ts
 * import { REPORT_CSS } from "./_assets.ts";
 * import assert from "node:assert/strict";
 *
 * assert.match(REPORT_CSS, /prefers-color-scheme:dark/);
 * ```
 */
export const REPORT_CSS = `
:root{color-scheme:light dark;--bg:#fff;--fg:#1f2328;--muted:#59636e;--border:#d1d9e0;--panel:#f6f8fa;
--pass:#1a7f37;--fail:#cf222e;--skip:#6e7781;--flaky:#9a6700;--error:#bc4c00;--link:#0969da;
--pass-bg:#dafbe1;--fail-bg:#ffebe9;--flaky-bg:#fff8c5;--bar2:#afb8c1}
@media (prefers-color-scheme:dark){:root{--bg:#0d1117;--fg:#e6edf3;--muted:#9198a1;--border:#3d444d;
--panel:#151b23;--pass:#3fb950;--fail:#f85149;--skip:#8b949e;--flaky:#d29922;--error:#db6d28;
--link:#4493f8;--pass-bg:#12261e;--fail-bg:#3a1a1f;--flaky-bg:#2e2614;--bar2:#3d444d}}
*{box-sizing:border-box}
body{margin:0;background:var(--bg);color:var(--fg);font:14px/1.5 system-ui,-apple-system,"Segoe UI",Roboto,sans-serif}
header,main,footer{max-width:1280px;margin:0 auto;padding:0 20px}
header{padding-top:16px}
h1{font-size:22px;margin:0 0 4px}
h2{font-size:18px;margin:32px 0 8px;padding-bottom:4px;border-bottom:1px solid var(--border)}
h3{font-size:15px;margin:0 0 6px;word-break:break-all}
a{color:var(--link)}
nav a{margin-right:14px}
.muted,footer{color:var(--muted)}
footer{padding:24px 20px}
code,pre{font:12px/1.45 ui-monospace,SFMono-Regular,Menlo,Consolas,monospace}
code{background:var(--panel);padding:1px 4px;border-radius:4px}
pre{background:var(--panel);border:1px solid var(--border);border-radius:6px;padding:8px 10px;
overflow:auto;max-height:360px;white-space:pre-wrap;word-break:break-all;margin:6px 0}
.verdict{display:flex;gap:20px;align-items:center;flex-wrap:wrap;border:1px solid var(--border);
border-left:8px solid var(--muted);border-radius:8px;padding:14px 18px;background:var(--panel)}
.verdict.pass{border-left-color:var(--pass)}.verdict.fail{border-left-color:var(--fail)}
.big{font-size:28px;font-weight:700;white-space:nowrap}
.pass .big,.pass>.sym{color:var(--pass)}.fail .big,.fail>.sym{color:var(--fail)}
.error .big,.error>.sym{color:var(--error)}
dl.facts{display:grid;grid-template-columns:max-content 1fr;gap:2px 14px;margin:0}
dl.facts dt{color:var(--muted)}dl.facts dd{margin:0}
.counts span{margin-right:12px;white-space:nowrap}
.t-pass{color:var(--pass)}.t-fail{color:var(--fail)}.t-skip{color:var(--skip)}.t-flaky{color:var(--flaky)}
.t-error{color:var(--error)}
.note{border:1px solid var(--border);border-left:4px solid var(--flaky);border-radius:6px;padding:6px 12px;
margin:10px 0;background:var(--panel)}
.note.bad{border-left-color:var(--fail)}
.failure{border:1px solid var(--border);border-left:4px solid var(--fail);border-radius:6px;
padding:10px 14px;margin:10px 0}
.failure .sym{color:var(--fail)}
.kind{font:12px ui-monospace,monospace;font-weight:400;color:var(--fail);border:1px solid var(--fail);
border-radius:10px;padding:0 7px;margin-left:6px;vertical-align:2px}
pre.msg{max-height:160px}
.failure.blocked{border-left-color:var(--flaky)}
.failure.blocked .sym,.kind.blocked{color:var(--flaky);border-color:var(--flaky)}
.failure.quarantined{border-left-color:var(--flaky);border-left-style:dashed}
.failure.quarantined .sym,.kind.quarantined,.t-quarantined{color:var(--flaky);border-color:var(--flaky)}
.excerpt-head{margin:8px 0 0}
.runs{max-height:420px;margin-top:10px}
.runs thead th{position:sticky;top:0;background:var(--panel)}
details summary{cursor:pointer;color:var(--link)}
.scroll{overflow:auto;border:1px solid var(--border);border-radius:6px}
table{border-collapse:collapse}
table.list{width:100%}
table.list th,table.list td{text-align:left;padding:3px 10px;border-bottom:1px solid var(--border);
white-space:nowrap}
table.list td.wrap{white-space:normal;word-break:break-all}
table .num{text-align:right;font-variant-numeric:tabular-nums}
table.list th.num,table.list td.num{text-align:right}
.timeline svg,.bars svg{display:block}
svg text{fill:var(--muted);font:10px system-ui,sans-serif}
svg .b-pass{fill:var(--pass)}svg .b-fail{fill:var(--fail)}svg .b-error{fill:var(--error)}
svg .axis{stroke:var(--border)}svg .link{fill:none;stroke:var(--link);stroke-width:1.2;opacity:.75}
svg .mark{fill:var(--link);font-size:15px;font-weight:700}svg .rr{stroke:var(--link);stroke-width:2}
svg .s-pass{fill:var(--pass)}svg .s-fail{fill:var(--fail)}svg .s-error{fill:var(--error)}
svg .median{fill:var(--link)}svg .p95{fill:var(--bar2)}
.legend span{margin-right:14px;white-space:nowrap}
.grid-wrap{max-height:75vh}
table.grid{font-size:12px}
table.grid th,table.grid td{border-bottom:1px solid var(--border);padding:1px 3px}
table.grid thead th{position:sticky;top:0;background:var(--panel);z-index:1;white-space:nowrap}
table.grid tbody th{position:sticky;left:0;background:var(--bg);text-align:left;font-weight:400;
white-space:nowrap;max-width:360px;overflow:hidden;text-overflow:ellipsis;padding-right:10px}
table.grid td{text-align:center;min-width:15px}
table.grid th.run a{text-decoration:none}
table.grid td.p{color:var(--pass)}table.grid td.f{color:var(--fail);background:var(--fail-bg)}
table.grid td.r{color:var(--flaky);background:var(--flaky-bg)}table.grid td.s,table.grid td.n,table.grid td.i{color:var(--skip)}
table.grid td.num{padding:1px 8px}
th button{font:inherit;color:var(--link);background:none;border:0;padding:0;cursor:pointer}
th[aria-sort=descending] button::after{content:" ▼"}th[aria-sort=ascending] button::after{content:" ▲"}
.controls{margin:8px 0;display:flex;gap:12px;align-items:center;flex-wrap:wrap}
.controls input,.controls select{font:inherit;padding:3px 6px;background:var(--bg);color:var(--fg);
border:1px solid var(--border);border-radius:4px}
:target{outline:2px solid var(--link)}
`.trim();

/**
 * The script: sorting and filtering of the fixture grid; the page reads fine without it.
 *
 * @example
 * ```ts
 * import { REPORT_JS } from "./_assets.ts";
 * import assert from "node:assert/strict";
 *
 * assert.match(REPORT_JS, /grid-table/);
 * ```
 */
export const REPORT_JS = `
(() => {
  "use strict";
  const table = document.getElementById("grid-table");
  const controls = document.getElementById("grid-controls");
  if (!table || !controls) return;
  const body = table.tBodies[0];
  const rows = Array.from(body.rows);
  const filter = document.getElementById("grid-filter");
  const only = document.getElementById("grid-only");
  const tag = document.getElementById("grid-tag");
  const count = document.getElementById("grid-count");
  controls.hidden = false;
  const keep = (row) => {
    const mode = only.value;
    if (mode === "flaky") return Number(row.dataset.flips) > 0 || Number(row.dataset.retries) > 0;
    if (mode === "failed") return Number(row.dataset.failures) > 0;
    if (mode === "latest") return row.cells[row.cells.length - 1].classList.contains("f");
    return true;
  };
  const apply = () => {
    const query = filter.value.trim().toLowerCase();
    let shown = 0;
    for (const row of rows) {
      const tagged = !tag || !tag.value || (row.dataset.tags || "").split(" ").includes(tag.value);
      const ok = (!query || row.dataset.id.toLowerCase().includes(query)) && keep(row) && tagged;
      row.hidden = !ok;
      if (ok) shown++;
    }
    count.textContent = shown + " of " + rows.length + " fixtures shown";
  };
  filter.addEventListener("input", apply);
  only.addEventListener("change", apply);
  if (tag) tag.addEventListener("change", apply);
  const headers = Array.from(table.tHead.querySelectorAll("th[data-sort]"));
  for (const th of headers) {
    const button = document.createElement("button");
    button.type = "button";
    button.textContent = th.textContent;
    th.textContent = "";
    th.append(button);
    button.addEventListener("click", () => {
      const key = th.dataset.sort;
      const descending = key === "id"
        ? th.getAttribute("aria-sort") === "ascending"
        : th.getAttribute("aria-sort") !== "descending";
      for (const other of headers) other.removeAttribute("aria-sort");
      th.setAttribute("aria-sort", descending ? "descending" : "ascending");
      const sign = descending ? -1 : 1;
      const value = (row) => key === "id" ? row.dataset.id : Number(row.dataset[key]);
      rows.sort((a, b) => {
        const x = value(a), y = value(b);
        const order = x < y ? -1 : x > y ? 1 : 0;
        return sign * order || (a.dataset.id < b.dataset.id ? -1 : 1);
      });
      body.append(...rows);
    });
  }
  apply();
})();
`.trim();

function sha256(text: string): string {
  return createHash("sha256").update(text, "utf8").digest("base64");
}

/**
 * The page's Content Security Policy: nothing may load, only the report's
 * own style sheet and script may apply, by hash.
 *
 * @example
 * ```ts
 * import { REPORT_CSP } from "./_assets.ts";
 * import assert from "node:assert/strict";
 *
 * assert.match(REPORT_CSP, /^default-src 'none'; style-src 'sha256-/);
 * ```
 */
export const REPORT_CSP = `default-src 'none'; style-src 'sha256-${sha256(REPORT_CSS)}'; ` +
  `script-src 'sha256-${sha256(REPORT_JS)}'; img-src 'none'; base-uri 'none'; form-action 'none'`;
