/**
 * Reading the quarantine: the entries written in `smoke.jsonc` under
 * `quarantine`, then those of the file `quarantineFile` names (a JSONC array
 * of the same entries), each with where it is written, for messages. The
 * checks a schema cannot make (a real calendar day) are made here, with the
 * key path and line.
 *
 * @module
 */
import { resolve } from "../base/path.ts";
import quarantineJsonSchema from "../../schema/quarantine.v1.json" with { type: "json" };
import { UserError } from "../base/errors.ts";
import { inputError, MAX_INPUT_BYTES, readRegularTextFile } from "../base/read_input.ts";
import { compileSchemaOnce, type SchemaIssue } from "../jsonc/json_schema.ts";
import type { Config } from "./input_schemas.ts";
import { memberOf, parseJsoncAs } from "./parse_jsonc_as.ts";

/** One quarantine entry. */
export type QuarantineEntry = NonNullable<Config["quarantine"]>[number];

/** An entry and where it was written: `smoke.jsonc: quarantine[2]`. */
export interface PlacedEntry {
  /** The entry. */
  entry: QuarantineEntry;
  /** Where it is written. */
  where: string;
}

/** The schema, compiled on first use: a run without this file does not pay for it. */
const quarantineSchema = compileSchemaOnce(quarantineJsonSchema);

/**
 * The entries whose `until` is not a real calendar day (`2026-02-30`). It
 * looks at every entry that has an `until` of the form `YYYY-MM-DD`, however
 * the rest of the list stands (the schema speaks of the rest).
 *
 * @param entries The list, as parsed: anything else than a list has no such problem.
 * @param path The key path of the list (`["quarantine"]` in the config, `[]` in its own file).
 * @returns The problems, with key paths.
 *
 * @example
 * ```ts
 * import { quarantineIssues } from "./quarantine_file.ts";
 * import assert from "node:assert/strict";
 *
 * const entry = { id: "a", reason: "r", until: "2026-02-30" }; // no owner: still looked at
 * assert.deepEqual(quarantineIssues([entry], ["quarantine"]).map((i) => i.path), [["quarantine", 0, "until"]]);
 * assert.deepEqual(quarantineIssues([{ until: "soon" }, 5], []), []);
 * ```
 */
export function quarantineIssues(entries: unknown, path: (string | number)[]): SchemaIssue[] {
  const issues: SchemaIssue[] = [];
  if (!Array.isArray(entries)) return issues;
  entries.forEach((entry: unknown, index) => {
    const until = memberOf(entry, "until");
    if (typeof until !== "string" || !/^\d{4}-\d{2}-\d{2}$/.test(until)) return;
    const time = Date.parse(`${until}T00:00:00Z`);
    if (Number.isNaN(time) || new Date(time).toISOString().slice(0, 10) !== until) {
      issues.push({
        path: [...path, index, "until"],
        message: `"${until}" is not a day of the calendar`,
        code: "invalid-value",
      });
    }
  });
  return issues;
}

/**
 * The quarantine entries of a config: its own, then its `quarantineFile`'s.
 *
 * @param config The parsed config.
 * @param where The working directory, and the config file as shown.
 * @returns The entries, each with where it is written.
 * @throws {UserError} When the file cannot be read or is invalid (exit 2).
 *
 * @example
 * ```ts
 * import { loadQuarantine } from "./quarantine_file.ts";
 * import assert from "node:assert/strict";
 *
 * const entry = { id: "a", reason: "r", owner: "o", until: "2026-12-31" };
 * const placed = await loadQuarantine({ quarantine: [entry] }, { cwd: "/", configShown: "smoke.jsonc" });
 * assert.deepEqual(placed, [{ entry, where: "smoke.jsonc: quarantine[0]" }]);
 * ```
 */
export async function loadQuarantine(
  config: Config,
  where: { cwd: string; configShown: string },
): Promise<PlacedEntry[]> {
  const placed: PlacedEntry[] = (config.quarantine ?? []).map((entry, i) => ({
    entry,
    where: `${where.configShown}: quarantine[${i}]`,
  }));
  const file = config.quarantineFile;
  if (file === undefined) return placed;
  const read = await readRegularTextFile(resolve(where.cwd, file), {
    maxBytes: MAX_INPUT_BYTES,
    what: "quarantine file",
  });
  if (!read.ok) {
    if (read.problem.kind === "missing") {
      throw new UserError(`Cannot read quarantine file "${file}": the file does not exist`, {
        kind: "config",
        hints: [`Check "quarantineFile" in ${where.configShown}.`],
      });
    }
    throw inputError(read, { action: "read quarantine file", shown: file, kind: "config" });
  }
  const entries = parseJsoncAs<QuarantineEntry[]>(quarantineSchema(), read.value, {
    file,
    what: "quarantine file",
    valueChecks: (value) => quarantineIssues(value, []),
  });
  return [...placed, ...entries.map((entry, i) => ({ entry, where: `${file}: [${i}]` }))];
}
