/**
 * The Markdown step summary of GitHub Actions mode: counts, the failures
 * table, the combined verdict of a rerun, and the commands that rerun the
 * failures. Pure; the reporter in `github.ts` appends it to
 * `$GITHUB_STEP_SUMMARY`.
 *
 * @module
 */
import type { Artifact } from "../artifact/artifact.ts";
import { shellQuote } from "../selection/plan.ts";
import { escapeControls, escapeFormatCharacters } from "../base/safe_output.ts";
import { formatDuration, palette } from "./console_render.ts";
import { combinedCounts, outcomeCounts, unstartedCounts } from "./console_summary.ts";
import type { RunEnd } from "./reporter.ts";
import { failureCause } from "./failure_excerpt.ts";
import { groupCauses } from "../artifact/failure_causes.ts";
import { idList } from "../base/id_list.ts";
import { groupBlocked } from "../artifact/blocked.ts";
import { type ServiceRecord, servicesFailed } from "../artifact/artifact.ts";
import { serviceCause } from "./service_cause.ts";
import { isQuarantinedFailure, quarantinedFailure } from "../artifact/quarantined.ts";
import { keptFromStarting, owedMark, owedUnstarted } from "../artifact/not_run.ts";

/** How many never started, and why (see `unstartedCounts`). */
type Unstarted = ReturnType<typeof unstartedCounts>;

/** GitHub refuses a step summary over 1 MiB. */
export const STEP_SUMMARY_LIMIT_BYTES = 1024 * 1024;

/** The workflow file the dispatch line names when the running one is unknown. */
export const DEFAULT_WORKFLOW_FILE = "smoke.yml";

/**
 * Whether this run itself had failures: a spot-check may pass while the suite still owes, and a
 * fixture kept from starting (not run, blocked) is owed, not failed in its own right.
 */
function failedHere(artifact: Artifact): boolean {
  return artifact.fixtures.some((f) => f.status === "failed" && !keptFromStarting(f));
}

/** The workflow dispatch that reruns the failures, without run or branch. */
export const DISPATCH_BASE = `gh workflow run ${DEFAULT_WORKFLOW_FILE} -f mode=rerun-failed`;

/** `owner/repo/.github/workflows/<file>@<ref>`, with a file name safe to print and paste. */
const WORKFLOW_REF =
  /^[^/@]+\/[^/@]+\/\.github\/workflows\/([A-Za-z0-9._][A-Za-z0-9._-]*\.ya?ml)@./;

/**
 * The file name of the running workflow, from `GITHUB_WORKFLOW_REF`
 * (`owner/repo/.github/workflows/<file>@refs/heads/main`). The variable is
 * untrusted: only a name of letters, digits, `.`, `_` and `-` ending in `.yml`
 * or `.yaml` (and not starting with `-`, which `gh` would read as a flag) is
 * taken; anything else, or no variable, gives {@linkcode DEFAULT_WORKFLOW_FILE}.
 *
 * @param env The environment smoke runs in.
 * @returns The workflow's file name, safe in a shell command.
 *
 * @example
 * ```ts
 * import { workflowFile } from "./github_summary.ts";
 * import assert from "node:assert/strict";
 *
 * const ref = "octo/app/.github/workflows/nightly-smoke.yml@refs/heads/main";
 * assert.equal(workflowFile({ GITHUB_WORKFLOW_REF: ref }), "nightly-smoke.yml");
 * assert.equal(workflowFile({ GITHUB_WORKFLOW_REF: "octo/app/.github/workflows/a b.yml@x" }), "smoke.yml");
 * assert.equal(workflowFile({}), "smoke.yml");
 * ```
 */
export function workflowFile(env: Readonly<Record<string, string>>): string {
  return WORKFLOW_REF.exec(env.GITHUB_WORKFLOW_REF ?? "")?.[1] ?? DEFAULT_WORKFLOW_FILE;
}

const CELL_MAX_CHARS = 500;
const encoder = new TextEncoder();
const size = (text: string) => encoder.encode(text).length;

/** Options for {@linkcode escapeMarkdownCell}. */
export interface MarkdownCellOptions {
  /** Cut longer text to this many characters, an ellipsis included (default 500). */
  maxChars?: number;
  /** The text goes inside a code span (where a backslash shows): Markdown is not escaped. */
  inCode?: boolean;
}

/**
 * Escapes text for one cell of a Markdown table, or one line of Markdown: `|`
 * is escaped, line breaks become `<br>`, HTML-significant characters become
 * entities, control characters are dropped, bidirectional and invisible
 * characters are shown as escapes (`\u202e`, as on the console), the
 * characters that make links, images, emphasis and code (`[ ] * _ ~` and
 * backquotes, and the backslash) are backslash-escaped so that they show as
 * typed (no link text can hide where it goes; a bare URL may still be linked,
 * showing itself), and long text is cut with an ellipsis.
 *
 * @param text Any text, such as a failure message.
 * @param options The most characters kept; `inCode` for text inside a code span.
 * @returns The cell's content.
 *
 * @example
 * ```ts
 * import { escapeMarkdownCell } from "./github_summary.ts";
 * import assert from "node:assert/strict";
 *
 * assert.equal(escapeMarkdownCell("a | b\nc <d>"), "a \\| b<br>c &lt;d&gt;");
 * assert.equal(escapeMarkdownCell("abcdef", { maxChars: 4 }), "abc…");
 * assert.equal(
 *   escapeMarkdownCell("see ![p](https://x.example/p.png) **now** \u202e"),
 *   "see !\\[p\\](https://x.example/p.png) \\*\\*now\\*\\* \\u202e",
 * );
 * ```
 */
export function escapeMarkdownCell(text: string, options: MarkdownCellOptions = {}): string {
  const maxChars = options.maxChars ?? CELL_MAX_CHARS;
  // U+2028/U+2029 end a line for some readers (and for a JavaScript `.`): a line break like \n.
  let clean = text.replace(/\r\n?|[\u2028\u2029]/g, "\n")
    // deno-lint-ignore no-control-regex
    .replace(/[\x00-\x09\x0B-\x1F\x7F-\x9F]/g, "").trimEnd();
  if (clean.length > maxChars) clean = clean.slice(0, maxChars - 1) + "…";
  // A bare URL, address or @mention may still be linked by GitHub: it shows what it links to,
  // and an invisible character to break it would break copied commands (hints) too.
  if (!options.inCode) clean = clean.replace(/[\\`*_~[\]]/g, "\\$&");
  clean = escapeControls(clean);
  return clean
    .replaceAll("&", "&amp;")
    .replaceAll("<", "&lt;")
    .replaceAll(">", "&gt;")
    .replaceAll("|", "\\|")
    .replaceAll("\n", "<br>");
}

/**
 * The `gh` command that dispatches a rerun of the failures: the
 * {@linkcode DISPATCH_BASE} line for the running workflow's own file (see
 * {@linkcode workflowFile}), pinned to this workflow run (`GITHUB_RUN_ID`) and
 * branch (`GITHUB_HEAD_REF` on pull requests, else `GITHUB_REF_NAME` when
 * `GITHUB_REF_TYPE` is `branch`) when they are known.
 *
 * @param env The environment smoke runs in.
 * @returns One line a user can paste.
 *
 * @example
 * ```ts
 * import { dispatchCommand } from "./github_summary.ts";
 * import assert from "node:assert/strict";
 *
 * assert.equal(
 *   dispatchCommand({ GITHUB_RUN_ID: "42", GITHUB_REF_TYPE: "branch", GITHUB_REF_NAME: "main" }),
 *   "gh workflow run smoke.yml -f mode=rerun-failed -f source_run_id=42 --ref main",
 * );
 * assert.equal(dispatchCommand({}), "gh workflow run smoke.yml -f mode=rerun-failed");
 * assert.equal(
 *   dispatchCommand({ GITHUB_WORKFLOW_REF: "o/r/.github/workflows/nightly.yaml@refs/heads/main" }),
 *   "gh workflow run nightly.yaml -f mode=rerun-failed",
 * );
 * ```
 */
export function dispatchCommand(env: Readonly<Record<string, string>>): string {
  const parts = [`gh workflow run ${workflowFile(env)} -f mode=rerun-failed`];
  if (/^\d+$/.test(env.GITHUB_RUN_ID ?? "")) parts.push(`-f source_run_id=${env.GITHUB_RUN_ID}`);
  const branch = env.GITHUB_HEAD_REF ||
    (env.GITHUB_REF_TYPE === "branch" ? env.GITHUB_REF_NAME : undefined);
  if (branch) parts.push(`--ref ${shellQuote([branch])}`);
  return parts.join(" ");
}

/**
 * Shows a path (or other one-line text) as a Markdown code span: its
 * backticks become `'` so it cannot close the span, and line breaks and
 * control characters become spaces so it stays on its line; bidirectional
 * and invisible characters are shown as escapes (`\u202e`).
 *
 * @param text Untrusted text, such as a path under a user-named folder.
 * @returns The code span, backticks included.
 *
 * @example
 * ```ts
 * import { markdownCode } from "./github_summary.ts";
 * import assert from "node:assert/strict";
 *
 * assert.equal(markdownCode("runs/a`b\n# c.json"), "`runs/a'b # c.json`");
 * assert.equal(markdownCode("arts/\u202egnp"), "`arts/\\u202egnp`");
 * ```
 */
export function markdownCode(text: string): string {
  // Bidirectional and invisible characters are shown as escapes, as on the console.
  const shown = escapeFormatCharacters(text);
  // deno-lint-ignore no-control-regex
  return `\`${shown.replaceAll("`", "'").replace(/[\x00-\x1F\x7F]/g, " ")}\``;
}

/** A fenced code block whose fence no backtick run in the text can close. */
function fence(text: string, info = "sh"): string {
  const shown = escapeFormatCharacters(text);
  const longest = Math.max(2, ...[...shown.matchAll(/`+/g)].map((m) => m[0].length));
  const marks = "`".repeat(longest + 1);
  return `${marks}${info}\n${shown}\n${marks}`;
}

function counts(summary: Artifact["summary"], unstarted: Unstarted): string {
  // Blocked and not-run fixtures are failed in the artifact (owed), but not failures of their
  // own; nor are quarantined failures, which do not fail the run: counted apart, as the console
  // counts them.
  return [
    ...outcomeCounts(summary, unstarted, palette(false)),
    `${summary.skipped} skipped`,
    `${summary.flaky} flaky`,
  ].join(", ");
}

/** At most this many rows in the quarantined failures section; the rest are counted. */
const MAX_QUARANTINED_ROWS = 50;

/**
 * Renders the step summary's section of quarantined failures (they failed
 * while a quarantine entry protects them, so they do not fail the run): a
 * heading, then one row per such fixture with its owner, the last day of
 * its quarantine, the reason, and its failure's kind and message with the
 * output line that best explains it (see `failureCause`). At most 50 rows,
 * then a line counting the rest.
 *
 * @param fixtures The run's results.
 * @returns Markdown lines, ending with an empty one; none without quarantined failures.
 *
 * @example
 * ```ts
 * import { quarantinedTable } from "./github_summary.ts";
 * import assert from "node:assert/strict";
 *
 * const login = {
 *   id: "flaky/login", status: "failed" as const, durationMs: 5, attempts: 1, exitCode: 1,
 *   signal: null, timedOut: false,
 *   failure: { kind: "exit-code" as const, message: "Exited with code 1, expected 0" },
 *   quarantined: { reason: "races", owner: "@alice", until: "2026-12-31" },
 * };
 * assert.deepEqual(quarantinedTable([login]), [
 *   "### Quarantined failures (do not fail the run)",
 *   "",
 *   "| Fixture | Owner | Until | Reason | Message |",
 *   "| --- | --- | --- | --- | --- |",
 *   "| `flaky/login` | @alice | 2026-12-31 | races | exit-code: Exited with code 1, expected 0 |",
 *   "",
 * ]);
 * assert.deepEqual(quarantinedTable([{ ...login, status: "passed" as const }]), []);
 * ```
 */
export function quarantinedTable(fixtures: Artifact["fixtures"]): string[] {
  const quarantined = fixtures.filter(isQuarantinedFailure);
  if (quarantined.length === 0) return [];
  const rows = quarantined.slice(0, MAX_QUARANTINED_ROWS).map((f) => {
    const q = quarantinedFailure(f)!;
    const cause = failureCause(f);
    const message = f.failure ? `${f.failure.kind}: ${f.failure.message}` : "failed";
    return `| \`${f.id}\` | ${escapeMarkdownCell(q.owner)} | ${escapeMarkdownCell(q.until)} | ${
      escapeMarkdownCell(q.reason)
    } | ${escapeMarkdownCell(message + (cause ? `\n${cause}` : ""))} |`;
  });
  const rest = quarantined.length - rows.length;
  return [
    "### Quarantined failures (do not fail the run)",
    "",
    "| Fixture | Owner | Until | Reason | Message |",
    "| --- | --- | --- | --- | --- |",
    ...rows,
    ...(rest > 0 ? ["", `_and ${rest} more; the artifact lists them all._`] : []),
    "",
  ];
}

/**
 * One list item per need that blocked fixtures (blocked by setup/db (failed), then the ids), and
 * one for the fixtures kept from starting (not run, and why).
 */
function blockedLines(artifact: Artifact, unstarted: Unstarted): string[] {
  const groups = groupBlocked(artifact.fixtures);
  const notRun = artifact.fixtures.filter((f) => f.failure?.kind === "not-run");
  if (groups.length === 0 && notRun.length === 0) return [];
  const why = unstarted.notRunReason ??
    "the failure limit was reached";
  return [
    ...groups.map((g) =>
      `- **blocked by ${escapeMarkdownCell(g.by)}** (${escapeMarkdownCell(g.ended)}): ${
        idList(g.ids.map((id) => `\`${id}\``))
      }`
    ),
    ...(notRun.length
      ? [
        `- **not run** (${escapeMarkdownCell(why)}; owed): ${
          idList(notRun.map((f) => `\`${f.id}\``))
        }`,
      ]
      : []),
    "",
  ];
}

function statusCell(service: ServiceRecord): string {
  if (servicesFailed([service])) return `✗ **${service.status}**`;
  return service.status === "ready" || service.status === "reused"
    ? `✓ ${service.status}`
    : `○ ${service.status}`;
}

function detail(service: ServiceRecord): string {
  if (service.status === "reused") return "already running: not started";
  if (service.status === "ready") return "";
  const cause = servicesFailed([service]) ? serviceCause(service) : undefined;
  return escapeMarkdownCell((service.reason ?? "") + (cause ? `\n${cause}` : ""));
}

/**
 * Renders the Services table of the step summary: a heading, then one row
 * per service in start order with its status (`✗ **not-ready**` for one
 * that failed), its time to ready and, for one not ready or exited, the
 * reason and the line of its output that explains it (see `serviceCause`).
 *
 * @param services The run's service records.
 * @returns Markdown lines, ending with an empty one; none without services.
 *
 * @example
 * ```ts
 * import { servicesTable } from "./github_summary.ts";
 * import assert from "node:assert/strict";
 *
 * assert.deepEqual(servicesTable([{ name: "api", status: "ready", check: "...", readyMs: 850 }]), [
 *   "### Services",
 *   "",
 *   "| Service | Status | Ready in | Detail |",
 *   "| --- | --- | --- | --- |",
 *   "| `api` | ✓ ready | 850ms |  |",
 *   "",
 * ]);
 * assert.deepEqual(servicesTable([]), []);
 * ```
 */
export function servicesTable(services: readonly ServiceRecord[]): string[] {
  if (services.length === 0) return [];
  const rows = services.map((service) =>
    `| \`${escapeMarkdownCell(service.name, { inCode: true }).replaceAll("`", "'")}\` | ${
      statusCell(service)
    } | ${service.readyMs === undefined ? "" : formatDuration(service.readyMs)} | ${
      detail(service)
    } |`
  );
  return [
    "### Services",
    "",
    "| Service | Status | Ready in | Detail |",
    "| --- | --- | --- | --- |",
    ...rows,
    "",
  ];
}

/** Options for {@linkcode renderStepSummary}. */
export interface StepSummaryOptions {
  /** The most bytes the summary may take (default 1 MiB less nothing). */
  maxBytes?: number;
  /** The dispatch line (default {@linkcode DISPATCH_BASE}). */
  dispatch?: string;
}

/**
 * Renders the step summary. Each failure's row holds its kind and message
 * and, after a line break, the output line that best explains it (see
 * `failureCause`). When three or more failures share a cause (see
 * `groupCauses`), a line per such group leads the table. Failure rows are dropped from the end, with a
 * note saying how many, until the whole fits in `maxBytes`; when not even
 * the head fits, the result is a lone truncation note, or empty.
 *
 * @param run The ends, the written artifact, its path and the rerun command.
 * @param options The byte budget and the dispatch line.
 * @returns Markdown, ending with a newline (or empty).
 *
 * @example
 * ```ts
 * import { renderStepSummary } from "./github_summary.ts";
 * import { createArtifact } from "../artifact/artifact.ts";
 * import assert from "node:assert/strict";
 *
 * const artifact = createArtifact({
 *   runId: "r1", mode: "full", startedAt: new Date(0), finishedAt: new Date(1500),
 *   version: "0.1.0", environment: { deno: "2", os: "linux", arch: "x86_64", ci: true },
 *   selection: { fixtureIds: ["a"] },
 *   fixtures: [{
 *     id: "a", status: "failed", durationMs: 5, attempts: 1, exitCode: 1, signal: null,
 *     timedOut: false, failure: { kind: "exit-code", message: "Exited with code 1, expected 0" },
 *   }],
 * });
 * const markdown = renderStepSummary({
 *   ends: [], artifact, artifactPath: "runs/r1.json",
 *   rerunCommand: "deno task smoke --rerun-failed",
 * });
 * assert.match(markdown, /\| `a` \| exit-code \| Exited with code 1, expected 0 \|/);
 * assert.match(markdown, /gh workflow run smoke.yml -f mode=rerun-failed/);
 * ```
 */
export function renderStepSummary(run: RunEnd, options: StepSummaryOptions = {}): string {
  const { artifact } = run;
  const maxBytes = options.maxBytes ?? STEP_SUMMARY_LIMIT_BYTES;
  const s = artifact.summary;
  const unstarted = unstartedCounts(artifact.fixtures);
  const shard = artifact.selection.shard;
  const head: string[] = [
    `## smoke: ${artifact.result === "pass" ? "pass" : "FAIL"}`,
    "",
    `**${counts(s, unstarted)}** of ${s.total} fixture${s.total === 1 ? "" : "s"} in ` +
    `${formatDuration(artifact.durationMs)} (mode \`${artifact.mode}\`, run \`${artifact.runId}\`` +
    `${shard ? `, shard ${shard.index}/${shard.total}` : ""})`,
    "",
  ];
  if (artifact.interrupted) {
    head.push(
      "> **Interrupted:** fixtures that did not finish are recorded as failed (`interrupted`), " +
        "so a rerun of the failures resumes the run.",
      "",
    );
  }
  if (artifact.combined) {
    const label = artifact.mode === "rerun-failed"
      ? "**After rerun** (the source run with these results in place)"
      : "**Suite verdict** (the suite's latest results, this run's in place)";
    head.push(
      `${label}: ${
        combinedCounts(
          artifact.combined.summary,
          owedUnstarted(artifact.suite?.outstanding ?? [], artifact.combined.summary),
        )
      } → **${artifact.combined.result}**`,
      "",
    );
    // Each id with why it is owed when it did not fail on its own, as on the console.
    const outstanding = artifact.suite?.outstanding ?? [];
    const owed = outstanding.map((e) => {
      const mark = owedMark(e.kind);
      return `\`${e.id}\`${mark ? ` (${mark})` : ""}`;
    });
    if (owed.length) {
      const shown = owed.slice(0, 20).join(", ") +
        (owed.length > 20 ? `, and ${owed.length - 20} more` : "");
      const neverStarted = outstanding.some((e) => e.kind === "not-run" || e.kind === "blocked");
      head.push(`${neverStarted ? "Still owed by" : "Still failing in"} the suite: ${shown}`, "");
    }
  }
  const flaky = artifact.fixtures.filter((f) => f.flaky).map((f) => `\`${f.id}\``);
  if (flaky.length) head.push(`Flaky (passed on a retry): ${flaky.join(", ")}`, "");
  for (const d of artifact.diagnostics.filter((d) => d.level === "warning")) {
    head.push(`- warning \`${d.code}\`: ${escapeMarkdownCell(d.message)}`);
  }
  if (artifact.diagnostics.some((d) => d.level === "warning")) head.push("");
  head.push(...servicesTable(artifact.services ?? []));

  head.push(...blockedLines(artifact, unstarted));
  head.push(...quarantinedTable(artifact.fixtures));
  // Blocked and not-run fixtures have no failure of their own: the lines above name them; the
  // quarantined failures, which do not fail the run, have their own section above too.
  const failed = artifact.fixtures.filter((f) =>
    f.status === "failed" && !keptFromStarting(f) && !isQuarantinedFailure(f)
  );
  const rows = failed.map((f) => {
    const cause = failureCause(f);
    return `| \`${f.id}\` | ${f.failure?.kind ?? "failed"} | ${
      escapeMarkdownCell((f.failure?.message ?? "") + (cause ? `\n${cause}` : ""))
    } |`;
  });
  // Three or more failures with one cause: a line naming it leads the failures table.
  const grouped = groupCauses(failed).map((g) =>
    `**${g.ids.length} failures share one cause:** ${
      escapeMarkdownCell(g.cause.label, { maxChars: 300 })
    } (${idList(g.ids.map((id) => `\`${id}\``))})`
  );
  const tableHead = rows.length
    ? [
      ...grouped.flatMap((line) => [line, ""]),
      "| Fixture | Kind | Message |",
      "| --- | --- | --- |",
    ]
    : [];

  const tail: string[] = [];
  if (run.rerunCommand) {
    tail.push(
      "",
      failedHere(artifact) ? "Rerun the failures:" : "Rerun what the suite still owes:",
      "",
      fence(run.rerunCommand),
      "",
      "or dispatch a rerun of this workflow:",
      "",
      fence(options.dispatch ?? DISPATCH_BASE),
    );
  }
  tail.push("", `Artifact: ${markdownCode(run.artifactPath)}`, "");

  const note = (dropped: number) =>
    `\n_${dropped} more failure${dropped === 1 ? "" : "s"} not shown: a step summary is ` +
    `limited to 1 MiB. The artifact lists them all._`;
  const fixed = size([...head, ...tableHead, ...tail].join("\n") + "\n");
  const rowBytes = rows.map((row) => size(row) + 1);
  let shown = rows.length;
  let budget = maxBytes - fixed - rowBytes.reduce((a, b) => a + b, 0);
  if (budget < 0) {
    budget = maxBytes - fixed - size(note(rows.length));
    shown = 0;
    while (shown < rows.length && budget - rowBytes[shown] >= 0) budget -= rowBytes[shown++];
  }
  if (budget < 0) {
    const lone = `_smoke: the step summary was left out: it would exceed 1 MiB. ` +
      `${counts(s, unstarted)}._\n`;
    return size(lone) <= maxBytes ? lone : "";
  }
  const table = [...tableHead, ...rows.slice(0, shown)];
  const truncated = shown < rows.length ? [note(rows.length - shown)] : [];
  return [...head, ...table, ...truncated, ...tail].join("\n") + "\n";
}
