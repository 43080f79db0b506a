/**
 * Generated run histories for the report's tests, benchmark and screenshot:
 * valid artifacts made with `createArtifact`, deterministic from a seed.
 *
 * @module
 */
import { join } from "node:path";
import { type Artifact, createArtifact, type FixtureResult } from "../lib/artifact/artifact.ts";
import { historyPaths, newRunId, serializeArtifact } from "../lib/artifact/history.ts";

/** A small deterministic random source (mulberry32). */
export function random(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** The environment every generated run records. */
export const ENV: Artifact["environment"] = {
  deno: "2.9.6",
  os: "linux",
  arch: "x86_64",
  ci: true,
  hostname: "ci-runner-7",
};

/** Options for {@linkcode fixtureResult}. */
export interface ResultInput {
  /** The id. */
  id: string;
  /** The status. */
  status: FixtureResult["status"];
  /** Duration. */
  durationMs?: number;
  /** Failure kind. */
  kind?: NonNullable<FixtureResult["failure"]>["kind"];
  /** Failure message. */
  message?: string;
  /** Output tails. */
  stdoutTail?: string;
  /** Output tails. */
  stderrTail?: string;
  /** Passed on retry. */
  flaky?: boolean;
  /** Rerun only. */
  previousStatus?: FixtureResult["status"];
}

/** Makes one fixture result. */
export function fixtureResult(input: ResultInput): FixtureResult {
  const failed = input.status === "failed";
  const timedOut = input.kind === "timeout";
  return {
    id: input.id,
    status: input.status,
    durationMs: input.durationMs ?? 100,
    attempts: input.flaky ? 2 : 1,
    exitCode: failed ? (timedOut ? null : 1) : input.status === "skipped" ? null : 0,
    signal: timedOut ? "SIGTERM" : null,
    timedOut,
    ...(failed
      ? {
        failure: {
          kind: input.kind ?? "exit-code",
          message: input.message ?? "Exited with code 1, expected 0",
        },
      }
      : {}),
    ...(input.status === "skipped" ? { skipReason: "not on this platform" } : {}),
    ...(input.stdoutTail !== undefined ? { stdoutTail: input.stdoutTail } : {}),
    ...(input.stderrTail !== undefined ? { stderrTail: input.stderrTail } : {}),
    ...(input.flaky ? { flaky: true } : {}),
    ...(input.previousStatus ? { previousStatus: input.previousStatus } : {}),
  };
}

/** Options for {@linkcode makeRun}. */
export interface RunInput {
  /** Start time. */
  startedAt: Date;
  /** Results. */
  fixtures: FixtureResult[];
  /** Mode (default full). */
  mode?: Artifact["mode"];
  /** Rerun only: the source run. */
  source?: Artifact;
  /** Rerun only: the combined verdict. */
  combined?: Artifact["combined"];
  /** Random suffix of the run id. */
  suffix?: string;
}

/** Makes a valid artifact. */
export function makeRun(input: RunInput): Artifact {
  const total = input.fixtures.reduce((sum, f) => sum + f.durationMs, 0);
  const finishedAt = new Date(input.startedAt.getTime() + Math.round(total / 2) + 50);
  return createArtifact({
    runId: newRunId(input.startedAt, input.suffix ?? "a1b2c3"),
    mode: input.mode ?? "full",
    startedAt: input.startedAt,
    finishedAt,
    version: "0.1.0",
    environment: ENV,
    selection: {
      fixtureIds: input.fixtures.map((f) => f.id),
      ...(input.source
        ? {
          source: {
            path: ".planning/artifacts/smoke/latest.json",
            runId: input.source.runId,
            sha256: "0".repeat(64),
          },
        }
        : {}),
    },
    fixtures: input.fixtures,
    ...(input.combined ? { combined: input.combined } : {}),
  });
}

/** Options for {@linkcode generateHistory}. */
export interface GenerateOptions {
  /** How many runs. */
  runs: number;
  /** How many fixtures. */
  fixtures: number;
  /** Seed. */
  seed?: number;
  /** Bytes of each failure's output tails. */
  tailBytes?: number;
  /** Chance that a fixture fails in a run (besides the flaky and broken ones). */
  failRate?: number;
  /** Start of the first run. */
  start?: Date;
}

/**
 * A large synthetic history: every 10th fixture flaky, one always broken,
 * random rare failures with output tails.
 */
export function generateHistory(options: GenerateOptions): Artifact[] {
  const rand = random(options.seed ?? 1);
  const ids = Array.from(
    { length: options.fixtures },
    (_, i) =>
      `suite${String(Math.floor(i / 50)).padStart(2, "0")}/check_${String(i).padStart(4, "0")}`,
  );
  const base = Array.from({ length: options.fixtures }, () => 50 + rand() * 2000);
  const tail = "x".repeat(70) + "\n";
  const bigTail = tail.repeat(Math.ceil((options.tailBytes ?? 4096) / tail.length));
  const start = (options.start ?? new Date("2026-11-01T00:00:00Z")).getTime();
  const runs: Artifact[] = [];
  for (let r = 0; r < options.runs; r++) {
    const fixtures = ids.map((id, i) => {
      const broken = i === 3;
      const flaky = i % 10 === 7 && rand() < 0.3;
      const failed = broken || flaky || rand() < (options.failRate ?? 0.002);
      return fixtureResult({
        id,
        status: failed ? "failed" : "passed",
        durationMs: Math.round(base[i] * (0.7 + rand() * 0.8)),
        ...(failed
          ? { stdoutTail: bigTail, stderrTail: `<script>alert(${i})</script>\n${bigTail}` }
          : { stdoutTail: `ok ${id}\n` }),
      });
    });
    runs.push(makeRun({
      startedAt: new Date(start + r * 3_600_000),
      fixtures,
      suffix: (r % 0xffffff).toString(16).padStart(6, "0"),
    }));
  }
  return runs;
}

/**
 * Writes artifacts into `<dir>/runs/` and the last into `latest.json`.
 *
 * @param dir The artifact directory.
 * @param runs The artifacts.
 * @param latest Which run `latest.json` holds (default the last).
 */
export async function writeHistory(
  dir: string,
  runs: readonly Artifact[],
  latest: Artifact | undefined = runs.at(-1),
): Promise<void> {
  const paths = historyPaths(dir);
  await Deno.mkdir(paths.runs, { recursive: true });
  for (const run of runs) {
    await Deno.writeTextFile(join(paths.runs, `${run.runId}.json`), serializeArtifact(run));
  }
  if (latest) await Deno.writeTextFile(paths.latest, serializeArtifact(latest));
}

/** The injection payloads a hostile fixture prints. */
export const INJECTION = {
  script: "<script>window.__pwned = 'script'</script>",
  img: `<img src=x onerror="window.__pwned='img'">`,
};

/**
 * A realistic history of a small suite: 30 runs of 16 fixtures, one flaky
 * fixture, one broken since a few runs, a rerun chain that recovered a
 * flaky failure, and a latest run with three failures (one prints HTML).
 */
export function realisticHistory(start = new Date("2026-11-20T06:00:00Z")): Artifact[] {
  const rand = random(7);
  const ids = [
    "api/health",
    "api/login",
    "api/orders/create",
    "api/orders/list",
    "api/search",
    "cli/help",
    "cli/version",
    "db/migrations",
    "db/seed",
    "jobs/nightly_export",
    "web/checkout",
    "web/home",
    "web/echo_html",
    "web/login_form",
    "web/static_assets",
    "worker/queue",
  ];
  const base: Record<string, number> = Object.fromEntries(ids.map((id, i) => [id, 80 + i * 37]));
  base["jobs/nightly_export"] = 9200;
  base["web/checkout"] = 4100;
  base["db/migrations"] = 2600;
  const runs: Artifact[] = [];
  const at = (i: number) => new Date(start.getTime() + i * 2 * 3_600_000);
  for (let r = 0; r < 30; r++) {
    const latest = r === 29;
    const fixtures = ids.map((id) => {
      const durationMs = Math.round(base[id] * (0.8 + rand() * 0.5));
      if (id === "cli/version" && r > 20) return fixtureResult({ id, status: "skipped" });
      if (id === "db/seed" && r >= 25) {
        return fixtureResult({
          id,
          status: "failed",
          durationMs,
          message: 'Expected stdout to include "seeded 42 rows"',
          kind: "expectation",
          stdoutTail: "connecting to postgres://localhost:5432/app\nseeded 0 rows\n",
          stderrTail: "warning: table users is empty\n",
        });
      }
      if (id === "api/search" && [4, 9, 13, 18, 22, 27].includes(r)) {
        return fixtureResult({
          id,
          status: "failed",
          durationMs: 30_000,
          kind: "timeout",
          message: "Timed out after 30000ms",
          stderrTail: "GET /search?q=shoes ... still waiting\n",
        });
      }
      if (id === "web/login_form" && [6, 15, 24].includes(r)) {
        return fixtureResult({ id, status: "passed", durationMs, flaky: true });
      }
      if (id === "web/echo_html" && latest) {
        return fixtureResult({
          id,
          status: "failed",
          durationMs,
          message: `Expected stdout not to include "${INJECTION.script}"`,
          kind: "expectation",
          stdoutTail: `rendered: ${INJECTION.script}\n${INJECTION.img}\n`,
          stderrTail: `${INJECTION.img}\n`,
        });
      }
      return fixtureResult({ id, status: "passed", durationMs });
    });
    if (latest) {
      const i = ids.indexOf("api/search");
      fixtures[i] = fixtureResult({
        id: "api/search",
        status: "failed",
        durationMs: 30_000,
        kind: "timeout",
        message: "Timed out after 30000ms",
        stderrTail: "GET /search?q=shoes ... still waiting\n",
      });
    }
    const run = makeRun({ startedAt: at(r), fixtures, suffix: `${(0xa00000 + r).toString(16)}` });
    runs.push(run);
    if (r === 22) {
      // A rerun of the failures, an hour later: api/search recovered.
      const failed = run.fixtures.filter((f) => f.status === "failed");
      const rerun = failed.map((f) =>
        fixtureResult({
          id: f.id,
          status: f.id === "api/search" ? "passed" : "failed",
          durationMs: f.id === "api/search" ? 900 : f.durationMs,
          previousStatus: "failed",
        })
      );
      const summary = { ...run.summary };
      summary.failed = rerun.filter((f) => f.status === "failed").length;
      summary.passed = run.summary.total - summary.failed - summary.skipped;
      runs.push(makeRun({
        startedAt: new Date(at(r).getTime() + 3_600_000),
        fixtures: rerun,
        mode: "rerun-failed",
        source: run,
        combined: { summary, result: summary.failed ? "fail" : "pass" },
        suffix: "bbbbbb",
      }));
    }
  }
  return runs;
}
