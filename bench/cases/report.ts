/**
 * HTML report at scale: 100 runs of 1,000 fixtures (rare failures with 4 KiB
 * output tails, a flaky fixture in ten). Times `smoke report`'s whole path
 * in process (read and check every artifact, build the model, render,
 * write), the pure part alone, and the command in a fresh process, and
 * weighs the page. Targets: the whole path under 2 s, the page under 5 MB.
 *
 * @module
 */
import type { CaseResult } from "../_util.ts";
import { DENO, median, ms, SMOKE_ENTRY } from "../_util.ts";
import { generateHistory, writeHistory } from "../../e2e/_history.ts";
import { buildReportModel } from "../../lib/html_report/history_model.ts";
import { renderReportHtml } from "../../lib/html_report/html.ts";
import { readHistory, writeReport } from "../../lib/cli/report_command.ts";

/** Runs in the history. */
const RUNS = 100;
/** Fixtures per run. */
const FIXTURES = 1000;
/** Timed rounds. */
const ROUNDS = 3;
/** Target: milliseconds for the whole report. */
const TARGET_MS = 2000;
/** Target: bytes of the page. */
const TARGET_BYTES = 5_000_000;

/**
 * Generates the history, times the report, and checks it against the targets.
 *
 * @returns The case's lines and verdict.
 *
 * @example
 * ```ts ignore
 * const result = await run();
 * ```
 */
export async function run(): Promise<CaseResult> {
  const dir = await Deno.makeTempDir({ prefix: "smoke-bench-report-" });
  try {
    const runs = generateHistory({ runs: RUNS, fixtures: FIXTURES, tailBytes: 4096 });
    await writeHistory(dir, runs);
    let artifactBytes = 0;
    for await (const entry of Deno.readDir(`${dir}/runs`)) {
      artifactBytes += (await Deno.stat(`${dir}/runs/${entry.name}`)).size;
    }
    const whole: number[] = [];
    const pure: number[] = [];
    let bytes = 0;
    for (let round = 0; round < ROUNDS; round++) {
      const t0 = performance.now();
      const written = await writeReport({
        artifactDir: dir,
        shownDir: "artifacts",
        last: RUNS,
        now: new Date(),
        command: "deno task smoke",
      });
      whole.push(performance.now() - t0);
      bytes = written.bytes;
      const history = await readHistory(dir, { last: RUNS });
      const t1 = performance.now();
      renderReportHtml(buildReportModel(history, { last: RUNS, now: new Date() }));
      pure.push(performance.now() - t1);
    }
    // The command as users run it: a fresh process, its start-up included (not a target).
    const t2 = performance.now();
    const cli = await new Deno.Command(DENO, {
      args: ["run", "-A", SMOKE_ENTRY, "report", "--artifact-dir", dir, "--last", String(RUNS)],
      stdout: "null",
      stderr: "null",
    }).output();
    const cliMs = performance.now() - t2;
    const took = median(whole);
    const ok = took < TARGET_MS && bytes < TARGET_BYTES && cli.code === 0;
    return {
      name: "report",
      ok,
      summary: `${ms(took)}, ${(bytes / 1e6).toFixed(2)} MB (targets < ${ms(TARGET_MS)}, < 5 MB)`,
      lines: [
        `history: ${RUNS} runs x ${FIXTURES} fixtures, ${
          (artifactBytes / 1e6).toFixed(1)
        } MB of artifacts`,
        `whole report (read, check, model, render, write): median ${ms(took)} of ${
          whole.map(ms).join(", ")
        } (target < ${ms(TARGET_MS)})`,
        `model + render only: median ${ms(median(pure))}`,
        `\`smoke report\` in a fresh process, start-up included: ${ms(cliMs)} (exit ${cli.code})`,
        `page: ${bytes.toLocaleString("en")} bytes (target < ${TARGET_BYTES.toLocaleString("en")})`,
        ok ? "ok: both targets met" : "OVER TARGET",
      ],
    };
  } finally {
    await Deno.remove(dir, { recursive: true });
  }
}
