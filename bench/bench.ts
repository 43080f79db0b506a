/**
 * `deno task bench`: runs every case in `bench/cases/*.ts` (each exports
 * `run(): Promise<CaseResult>`), prints each case's lines, then a table of
 * the cases and whether each met its target.
 *
 * Figures are ratios or differences against a baseline measured in the same
 * run. This is not a test: it exits 0 when every case ran, missed targets
 * included (they are marked `OVER TARGET`), and 1 only when a case crashed.
 *
 * Usage: `deno task bench [NAME...]` runs only the cases whose file names
 * (without `.ts`) are given.
 *
 * @module
 */
import { type CaseResult, table } from "./_util.ts";

/** A case module. */
interface CaseModule {
  run(): Promise<CaseResult>;
}

const casesDir = new URL("./cases/", import.meta.url);

async function caseFiles(only: readonly string[]): Promise<string[]> {
  const names: string[] = [];
  for await (const entry of Deno.readDir(casesDir)) {
    if (!entry.isFile || !entry.name.endsWith(".ts") || entry.name.startsWith("_")) continue;
    if (only.length && !only.includes(entry.name.slice(0, -3))) continue;
    names.push(entry.name);
  }
  return names.sort();
}

const only = Deno.args;
const files = await caseFiles(only);
if (files.length === 0) {
  console.error(`error: no bench cases${only.length ? ` named ${only.join(", ")}` : ""}`);
  console.error(`hint: cases are the .ts files in ${casesDir.pathname}`);
  Deno.exit(1);
}
console.log(
  `smoke bench: deno ${Deno.version.deno}, ${Deno.build.os}/${Deno.build.arch}, ` +
    `${navigator.hardwareConcurrency} cores, ${new Date().toISOString()}`,
);

const rows: string[][] = [];
let crashed = false;
for (const file of files) {
  console.log(`\n== ${file}`);
  const started = performance.now();
  let result: CaseResult;
  try {
    const module: CaseModule = await import(new URL(file, casesDir).href);
    result = await module.run();
  } catch (error) {
    crashed = true;
    console.log(`error: the case crashed: ${(error as Error)?.stack ?? error}`);
    rows.push([file.slice(0, -3), "CRASHED", "", ""]);
    continue;
  }
  for (const line of result.lines) console.log(line);
  const seconds = ((performance.now() - started) / 1000).toFixed(1);
  rows.push([result.name, result.ok ? "ok" : "OVER TARGET", result.summary ?? "", `${seconds} s`]);
}

console.log("");
for (const line of table(["case", "status", "figure", "bench time"], rows)) console.log(line);
const missed = rows.filter((row) => row[1] !== "ok").length;
console.log(
  missed === 0
    ? "All targets met."
    : `${missed} of ${rows.length} case${rows.length === 1 ? "" : "s"} missed the target${
      crashed ? " or crashed" : ""
    }.`,
);
Deno.exit(crashed ? 1 : 0);
