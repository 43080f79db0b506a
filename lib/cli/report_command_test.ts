import assert from "node:assert/strict";
import { resultLine } from "../base/safe_output.ts";
import { join } from "node:path";
import { UserError } from "../base/errors.ts";
import { parseFlags } from "./flags.ts";
import { resolveOptions } from "../config/config.ts";
import type { SmokeIo } from "./smoke_io.ts";
import { createReportReporter, readHistory, runReport, writeReport } from "./report_command.ts";
import { fixtureResult as r, makeRun, writeHistory } from "../../e2e/_history.ts";

const hour = (h: number) => new Date(Date.UTC(2026, 10, 20, h));

async function withDir(fn: (dir: string) => Promise<void>): Promise<void> {
  const dir = await Deno.makeTempDir({ prefix: "smoke-report-" });
  try {
    await fn(dir);
  } finally {
    await Deno.remove(dir, { recursive: true });
  }
}

function io(cwd: string) {
  const out: string[] = [];
  const err: string[] = [];
  return {
    out,
    err,
    io: {
      cwd,
      stdout: (t: string) => out.push(t),
      stderr: (t: string) => err.push(t),
      now: () => hour(40),
      invocation: "deno task smoke",
    },
  };
}

Deno.test("readHistory: valid runs newest last, invalid files with the reason", async () => {
  await withDir(async (dir) => {
    const runs = [0, 1, 2].map((h) =>
      makeRun({ startedAt: hour(h), fixtures: [r({ id: "a", status: "passed" })] })
    );
    await writeHistory(dir, runs, runs[1]);
    await Deno.writeTextFile(join(dir, "runs", "2026-bad-json.json"), "{ nope");
    await Deno.writeTextFile(join(dir, "runs", "2026-v9.json"), '{ "schemaVersion": 9 }');
    await Deno.writeTextFile(join(dir, "runs", "2026-shape.json"), '{ "schemaVersion": 1 }');
    await Deno.writeTextFile(join(dir, "runs", ".smoke-tmp-x.json"), "partial");
    await Deno.writeTextFile(join(dir, "runs", "notes.txt"), "not json");
    const history = await readHistory(dir, { last: 50, shownDir: "arts" });
    assert.deepEqual(history.runs.map((a) => a.runId), runs.map((a) => a.runId));
    assert.equal(history.latestRunId, runs[1].runId);
    assert.equal(history.files, 6);
    const reasons = Object.fromEntries(history.invalid.map((i) => [i.file, i.reason]));
    assert.match(reasons["arts/runs/2026-bad-json.json"], /line 1/);
    assert.match(reasons["arts/runs/2026-v9.json"], /schemaVersion 9 is not supported/);
    assert.match(reasons["arts/runs/2026-shape.json"], /runId/);
    assert.equal(history.invalid.length, 3);
  });
});

Deno.test("readHistory: stops once `last` valid runs are read, newest first", async () => {
  await withDir(async (dir) => {
    const runs = [0, 1, 2, 3].map((h) =>
      makeRun({ startedAt: hour(h), fixtures: [r({ id: "a", status: "passed" })] })
    );
    await writeHistory(dir, runs);
    await Deno.writeTextFile(join(dir, "runs", "00-old-broken.json"), "{");
    const history = await readHistory(dir, { last: 2 });
    assert.deepEqual(history.runs.map((a) => a.runId), runs.slice(2).map((a) => a.runId));
    assert.deepEqual(history.invalid, [], "the old broken file is past the window");
    assert.equal(history.totalRuns, 5);
  });
});

Deno.test("readHistory: no runs is a user error", async () => {
  await withDir(async (dir) => {
    await assert.rejects(
      () => readHistory(dir, { last: 50, shownDir: "arts" }),
      (error: unknown) =>
        error instanceof UserError && error.code === "NO_HISTORY" &&
        /no run artifacts in "arts\/runs"/.test(error.message),
    );
  });
});

Deno.test("writeReport: default path, custom path with new folders, no temporary files left", async () => {
  await withDir(async (dir) => {
    await writeHistory(dir, [
      makeRun({ startedAt: hour(0), fixtures: [r({ id: "a", status: "failed" })] }),
    ]);
    const base = { artifactDir: dir, shownDir: "arts", now: hour(1), command: "deno task smoke" };
    const first = await writeReport(base);
    assert.equal(first.path, join(dir, "report.html"));
    const html = await Deno.readTextFile(first.path);
    assert.equal(first.bytes, new TextEncoder().encode(html).length);
    assert.match(html, /Failures of the latest run \(1\)/);
    const second = await writeReport({ ...base, out: join(dir, "a", "b", "r.html"), last: 1 });
    assert.equal(second.path, join(dir, "a", "b", "r.html"));
    const names = Array.from(Deno.readDirSync(dir), (e) => e.name).sort();
    assert.deepEqual(names, ["a", "latest.json", "report.html", "runs"]);
  });
});

Deno.test("runReport: prints the path and RESULT: pass; warns of invalid files", async () => {
  await withDir(async (dir) => {
    const artifacts = join(dir, ".planning/artifacts/smoke");
    await writeHistory(artifacts, [
      makeRun({ startedAt: hour(0), fixtures: [r({ id: "a", status: "passed" })] }),
    ]);
    await Deno.writeTextFile(join(artifacts, "runs", "broken.json"), "[]");
    const { io: edges, out, err } = io(dir);
    const code = await runReport(parseFlags(["report"]), edges);
    assert.equal(code, 0);
    const lines = out.join("").trimEnd().split("\n");
    assert.equal(
      lines[0],
      "HTML report: .planning/artifacts/smoke/report.html (1 run, 1 invalid left out)",
    );
    assert.equal(lines[1], `Open: file://${artifacts}/report.html`);
    assert.equal(lines.at(-1), resultLine("pass"));
    assert.match(
      err.join(""),
      /^warning: Left ".planning\/artifacts\/smoke\/runs\/broken.json" out .* \[INVALID_ARTIFACT\]$/m,
    );
  });
});

Deno.test("runReport: interrupted (SIGINT, SIGTERM, SIGHUP) before it writes, it writes nothing and fails with the signal's code", async () => {
  for (const [name, code] of [["SIGINT", 130], ["SIGTERM", 143], ["SIGHUP", 129]] as const) {
    await withDir(async (dir) => {
      const artifacts = join(dir, ".planning/artifacts/smoke");
      await writeHistory(artifacts, [
        makeRun({ startedAt: hour(0), fixtures: [r({ id: "a", status: "passed" })] }),
      ]);
      const { io: edges, out } = io(dir);
      const interrupt = new AbortController();
      interrupt.abort(name);
      await assert.rejects(
        () => runReport(parseFlags(["report"]), { ...edges, signal: interrupt.signal }),
        (error: unknown) =>
          error instanceof UserError && error.exitCode === code &&
          error.message === `Stopped by ${name}: the HTML report was not written`,
      );
      assert.equal(out.join(""), "");
      await assert.rejects(() => Deno.stat(join(artifacts, "report.html")), Deno.errors.NotFound);
    });
  }
});

Deno.test("runReport: a signal while it writes lets the page be written whole, then fails with the signal's code, naming it", async () => {
  await withDir(async (dir) => {
    const artifacts = join(dir, ".planning/artifacts/smoke");
    await writeHistory(artifacts, [
      makeRun({ startedAt: hour(0), fixtures: [r({ id: "a", status: "passed" })] }),
    ]);
    const { io: edges, out } = io(dir);
    // Not aborted at the check before the write, aborted at the one after it.
    let checks = 0;
    const signal = {
      get aborted() {
        return ++checks > 1;
      },
      reason: "SIGTERM",
    } as AbortSignal;
    await assert.rejects(
      () => runReport(parseFlags(["report"]), { ...edges, signal }),
      (error: unknown) =>
        error instanceof UserError && error.exitCode === 143 &&
        error.message ===
          "Stopped by SIGTERM: the HTML report was written (.planning/artifacts/smoke/report.html)",
    );
    assert.equal(out.join(""), "");
    assert.match(await Deno.readTextFile(join(artifacts, "report.html")), /<\/html>\s*$/);
  });
});

Deno.test("runReport: --artifact-dir, --out and the config's artifactDir", async () => {
  await withDir(async (dir) => {
    await writeHistory(join(dir, "elsewhere"), [
      makeRun({ startedAt: hour(0), fixtures: [r({ id: "a", status: "failed" })] }),
    ]);
    await Deno.writeTextFile(join(dir, "smoke.jsonc"), '{ "artifactDir": "elsewhere" }');
    const { io: edges, out } = io(dir);
    await runReport(parseFlags(["report", "--out", "site/index.html"]), edges);
    assert.match(out.join(""), /^HTML report: site\/index\.html/);
    assert.match(
      await Deno.readTextFile(join(dir, "site/index.html")),
      /from <code>elsewhere<\/code>/,
    );
    const flagged = io(dir);
    await Deno.rename(join(dir, "elsewhere"), join(dir, "other"));
    await runReport(parseFlags(["report", "--artifact-dir", "other"]), flagged.io);
    const html = await Deno.readTextFile(join(dir, "other/report.html"));
    assert.match(html, /deno task smoke --artifact-dir other --fixture a/);
  });
});

Deno.test("createReportReporter: writes the report when the run ends", async () => {
  await withDir(async (dir) => {
    const run = makeRun({ startedAt: hour(0), fixtures: [r({ id: "a", status: "failed" })] });
    await writeHistory(join(dir, "arts"), [run]);
    const flags = parseFlags(["--artifact-dir", "arts", "--report"]);
    const options = resolveOptions(flags, {}, 1);
    const edges = io(dir);
    const reporter = createReportReporter({
      flags,
      options,
      io: edges.io as unknown as SmokeIo,
      runId: run.runId,
    });
    await reporter.onEnd!({
      ends: [{
        result: run.fixtures[0],
        failedAttempts: [],
        outputLeaked: false,
        planned: { fixture: { id: "a", file: "fixtures/a.smoke.ts" } } as never,
      }],
      artifact: run,
      artifactPath: `arts/runs/${run.runId}.json`,
    });
    assert.equal(edges.out.join(""), "HTML report: arts/report.html\n");
    const html = await Deno.readTextFile(join(dir, "arts/report.html"));
    assert.match(html, /<code>fixtures\/a\.smoke\.ts<\/code>/);
  });
});
