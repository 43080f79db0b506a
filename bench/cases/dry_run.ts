/**
 * Dry run: `--dry-run` on a generated 1,000-fixture catalog (scripts,
 * scripts with a manifest beside them, command manifests, script manifests)
 * against a bare `deno run` of an empty script. Target: at most 100 ms more.
 *
 * @module
 */
import {
  type CaseResult,
  DENO,
  expectRun,
  interleave,
  median,
  ms,
  raw,
  SMOKE_ENTRY,
  tempTree,
} from "../_util.ts";

/** How many fixtures in the catalog. */
const FIXTURES = 1000;
/** Timed rounds (after warm-up). */
const ROUNDS = 10;
/** The target: extra milliseconds over the bare `deno run`. */
const TARGET_MS = 100;

/**
 * The files of a catalog of `count` fixtures in 20 folders, a quarter of each
 * kind: plain script, script with a manifest beside it, command manifest,
 * script manifest (every eighth of those skipped). Also `empty.ts`.
 *
 * @param count How many fixtures.
 * @returns Paths relative to the project, and their text.
 *
 * @example
 * ```ts
 * import { catalogFiles } from "./dry_run.ts";
 * import assert from "node:assert/strict";
 *
 * const files = Object.keys(catalogFiles(4));
 * assert.equal(files.filter((f) => f.startsWith("fixtures/") && !f.endsWith("_main.ts")).length, 5);
 * ```
 */
export function catalogFiles(count: number): Record<string, string> {
  const files: Record<string, string> = {};
  for (let i = 0; i < count; i++) {
    const base = `fixtures/group_${String(i % 20).padStart(2, "0")}/f${String(i).padStart(4, "0")}`;
    switch (i % 4) {
      case 0:
        files[`${base}.smoke.ts`] = `console.log("ok ${i}");\n`;
        break;
      case 1:
        files[`${base}.smoke.ts`] = `console.log(Deno.args.join(" "));\n`;
        files[`${base}.smoke.jsonc`] = `// fixture ${i}
{
  "description": "a script with a manifest",
  "args": ["--n", "${i}"],
  "permissions": ["--allow-env"],
  "timeoutMs": 5000,
  "tags": ["generated", "script"],
  "expect": { "stdoutIncludes": ["--n ${i}"] },
}
`;
        break;
      case 2:
        files[`${base}.smoke.jsonc`] = `{
  "description": "a command",
  "command": ["echo", "hello"],
  "args": ["${i}"],
  "env": { "N": "${i}" },
  "retries": 1,
  "expect": { "exitCode": 0, "stdoutIncludes": ["hello ${i}"] }
}
`;
        break;
      default:
        files[`${base}_main.ts`] = `console.log("script manifest ${i}");\n`;
        files[`${base}.smoke.jsonc`] = `{ "script": "./f${String(i).padStart(4, "0")}_main.ts", ${
          i % 8 === 3 ? `"skip": "generated skip", ` : ""
        }"tags": ["generated"] }\n`;
    }
  }
  files["empty.ts"] = "";
  return files;
}

/** How many fixtures a dry run's summary line accounts for (run plus skipped). */
function listed(stdout: string): number {
  const match = /^Dry run: (\d+) fixtures? would run(?: \((\d+) skipped\))?/m.exec(stdout);
  if (!match || !stdout.endsWith("RESULT: pass\n")) return -1;
  return Number(match[1]) + Number(match[2] ?? 0);
}

/**
 * Runs the case.
 *
 * @returns The extra milliseconds over a bare `deno run`, with raw times.
 *
 * @example
 * ```ts ignore
 * const result = await run(); // takes some seconds
 * ```
 */
export async function run(): Promise<CaseResult> {
  await using project = await tempTree(catalogFiles(FIXTURES));
  const bare = { argv: [DENO, "run", "empty.ts"], cwd: project.dir };
  const smoke = { argv: [DENO, "run", "-A", SMOKE_ENTRY, "--dry-run"], cwd: project.dir };
  const times = await interleave({
    rounds: ROUNDS,
    warmup: [bare, smoke],
    commands: { bare, smoke },
    check: {
      bare: (o) => expectRun("deno run empty.ts", o, o.code === 0),
      smoke: (o) => expectRun("smoke --dry-run", o, o.code === 0 && listed(o.stdout) === FIXTURES),
    },
  });
  const differences = times.smoke.wall.map((m, i) => m - times.bare.wall[i]);
  const extra = median(differences);
  const ok = extra <= TARGET_MS;
  return {
    name: "dry_run",
    ok,
    summary: `+${ms(extra)} over deno run (target <= +${TARGET_MS} ms)`,
    lines: [
      `--dry-run over ${FIXTURES} generated fixtures (4 kinds, 20 folders), ${ROUNDS} rounds (alternating order) after a warm-up`,
      `deno run empty.ts: median ${ms(median(times.bare.wall))}  raw ${raw(times.bare.wall)}`,
      `smoke --dry-run  : median ${ms(median(times.smoke.wall))}  raw ${raw(times.smoke.wall)}`,
      `per-round differences: ${raw(differences)}`,
      `median per-round difference: +${ms(extra)} (target <= +${TARGET_MS} ms) ${
        ok ? "ok" : "OVER TARGET"
      }`,
    ],
  };
}
