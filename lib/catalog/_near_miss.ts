/**
 * Names that look like fixtures but are not (`x.smoke.json`, `x.smoke.js`,
 * `x.Smoke.ts`, a folder `x.smoke.ts`): the walk warns about each
 * (`NEAR_MISS_FIXTURE`) with the name smoke expects, instead of ignoring it
 * without a word.
 *
 * @module
 */
import { displayName } from "../base/safe_output.ts";
import type { Diagnostic } from "../artifact/artifact.ts";
import { MAX_LISTED_PROBLEMS } from "./_catalog_problems.ts";

/** The warning's code. */
export const NEAR_MISS_FIXTURE = "NEAR_MISS_FIXTURE";

const SCRIPT = ".smoke.ts";
const MANIFEST = ".smoke.jsonc";
const MARK = ".smoke.";

/** What each near-miss extension (after `.smoke.`, lowercased) should be, and how to get there. */
const EXTENSIONS: Readonly<Record<string, { suffix: string; how: "rename" | "script" | "yaml" }>> =
  {
    ts: { suffix: SCRIPT, how: "rename" },
    jsonc: { suffix: MANIFEST, how: "rename" },
    json: { suffix: MANIFEST, how: "rename" },
    json5: { suffix: MANIFEST, how: "rename" },
    yaml: { suffix: MANIFEST, how: "yaml" },
    yml: { suffix: MANIFEST, how: "yaml" },
    js: { suffix: SCRIPT, how: "script" },
    mjs: { suffix: SCRIPT, how: "script" },
    cjs: { suffix: SCRIPT, how: "script" },
    mts: { suffix: SCRIPT, how: "script" },
    cts: { suffix: SCRIPT, how: "script" },
    tsx: { suffix: SCRIPT, how: "script" },
    jsx: { suffix: SCRIPT, how: "script" },
  };

/** A file named almost like a fixture: the name smoke expects, and a hint. */
export interface NearMiss {
  /** The name it would have as a fixture, e.g. `x.smoke.ts`. */
  expected: string;
  /** Names beside it that make it no mistake (the expected name; a manifest that may name it). */
  excusedBy: string[];
  /** What to do. */
  hint: string;
}

/**
 * Whether a file's name looks like a fixture's but is not one: `.smoke.`
 * followed by a script or manifest extension smoke does not read, or by `ts`
 * or `jsonc` in other letter case.
 *
 * @param name A file name (not a path), not itself a fixture name.
 * @returns The expected name and a hint, or undefined.
 *
 * @example
 * ```ts
 * import { nearMiss } from "./_near_miss.ts";
 * import assert from "node:assert/strict";
 *
 * assert.equal(nearMiss("health.smoke.json")?.expected, "health.smoke.jsonc");
 * assert.equal(nearMiss("health.smoke.js")?.expected, "health.smoke.ts");
 * assert.equal(nearMiss("Health.SMOKE.TS")?.expected, "Health.smoke.ts");
 * assert.equal(nearMiss("health.smoke.ts.orig"), undefined);
 * assert.equal(nearMiss("README.md"), undefined);
 * ```
 */
export function nearMiss(name: string): NearMiss | undefined {
  const lower = name.toLowerCase();
  const at = lower.lastIndexOf(MARK);
  if (at <= 0) return undefined;
  const rule = EXTENSIONS[lower.slice(at + MARK.length)];
  if (!rule) return undefined;
  const stem = name.slice(0, at);
  const expected = stem + rule.suffix;
  if (expected === name) return undefined;
  const manifest = stem + MANIFEST;
  switch (rule.how) {
    case "rename":
      return {
        expected,
        excusedBy: [expected],
        hint: expected.toLowerCase() === lower
          ? `Rename it to "${displayName(expected)}": the suffix is lowercase.`
          : `Rename it to "${displayName(expected)}": a manifest is JSONC (JSON with comments).`,
      };
    case "yaml":
      return {
        expected,
        excusedBy: [expected],
        hint: `Write it as JSONC in "${displayName(expected)}": smoke reads no YAML.`,
      };
    case "script":
      return {
        expected,
        excusedBy: [expected, manifest],
        hint: `Rename it to "${displayName(expected)}", or run it as it is from a manifest ` +
          `"${displayName(manifest)}" holding { "script": "${displayName(name)}" }.`,
      };
  }
}

/**
 * The warning for a file named almost like a fixture.
 *
 * @param shown The file's path as the user sees it.
 * @param miss What {@linkcode nearMiss} found.
 * @returns The diagnostic.
 *
 * @example
 * ```ts
 * import { nearMiss, nearMissWarning } from "./_near_miss.ts";
 * import assert from "node:assert/strict";
 *
 * assert.equal(
 *   nearMissWarning("fixtures/a.smoke.yml", nearMiss("a.smoke.yml")!).message,
 *   'Ignored "fixtures/a.smoke.yml": not a fixture name (did you mean "a.smoke.jsonc"?)',
 * );
 * ```
 */
export function nearMissWarning(shown: string, miss: NearMiss): Diagnostic {
  return {
    code: NEAR_MISS_FIXTURE,
    level: "warning",
    message: `Ignored "${shown}": not a fixture name (did you mean "${
      displayName(miss.expected)
    }"?)`,
    hint: miss.hint,
  };
}

/**
 * The warning for a folder named like a fixture (its contents are walked as a folder's).
 *
 * @param shown The folder's path as the user sees it.
 * @param name Its name, e.g. `x.smoke.ts`.
 * @returns The diagnostic.
 *
 * @example
 * ```ts
 * import { folderNearMissWarning } from "./_near_miss.ts";
 * import assert from "node:assert/strict";
 *
 * assert.match(folderNearMissWarning("fixtures/x.smoke.ts", "x.smoke.ts").message, /is named like a fixture/);
 * ```
 */
export function folderNearMissWarning(shown: string, name: string): Diagnostic {
  return {
    code: NEAR_MISS_FIXTURE,
    level: "warning",
    message: `Folder "${shown}" is named like a fixture, but a fixture is a file`,
    hint:
      `Its contents are walked as an ordinary folder's. For a fixture, make "${
        displayName(name)
      }" ` +
      "a file; otherwise rename the folder.",
  };
}

/**
 * Caps near-miss warnings: the first {@linkcode MAX_LISTED_PROBLEMS}, then one
 * warning counting the rest.
 *
 * @param warnings The warnings, in walk order.
 * @returns At most one more than the cap.
 *
 * @example
 * ```ts
 * import { capNearMisses, nearMiss, nearMissWarning } from "./_near_miss.ts";
 * import assert from "node:assert/strict";
 *
 * const many = Array.from({ length: 25 }, (_, i) => nearMissWarning(`f${i}.smoke.js`, nearMiss(`f${i}.smoke.js`)!));
 * const capped = capNearMisses(many);
 * assert.equal(capped.length, 21);
 * assert.match(capped[20].message, /^5 more files are named almost like fixtures/);
 * ```
 */
export function capNearMisses(warnings: readonly Diagnostic[]): Diagnostic[] {
  if (warnings.length <= MAX_LISTED_PROBLEMS) return [...warnings];
  const more = warnings.length - MAX_LISTED_PROBLEMS;
  return [...warnings.slice(0, MAX_LISTED_PROBLEMS), {
    code: NEAR_MISS_FIXTURE,
    level: "warning",
    message: `${more} more file${more === 1 ? " is" : "s are"} named almost like fixtures ` +
      `(the first ${MAX_LISTED_PROBLEMS} are listed above)`,
    hint: "Fixtures are named X.smoke.ts (a Deno script) or X.smoke.jsonc (a manifest).",
  }];
}
