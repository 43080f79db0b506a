/**
 * Catalog problems collected rather than thrown one at a time: every bad
 * manifest, id or fixture file is a {@linkcode CatalogProblem}, and all of
 * them become one user error (exit 2), in file order, up to
 * {@linkcode MAX_LISTED_PROBLEMS} with a count of the rest.
 *
 * @module
 */
import { UserError } from "../base/errors.ts";

/** How many problems (and near-miss warnings) are listed; the rest are counted. */
export const MAX_LISTED_PROBLEMS = 20;

/** The code of an error that lists several catalog problems. */
export const CATALOG_INVALID = "CATALOG_INVALID";

/** One problem of the catalog: the file it is about, and the error as it would be thrown alone. */
export interface CatalogProblem {
  /** Path relative to the fixtures directory, with `/` separators. */
  path: string;
  /** The error, with its own message and hints. */
  error: UserError;
}

/** Compares paths folder by folder, as the walk visits them (`a/b` before `a-c`). */
function byWalkOrder(a: CatalogProblem, b: CatalogProblem): number {
  const x = a.path.split("/");
  const y = b.path.split("/");
  for (let i = 0; i < Math.min(x.length, y.length); i++) {
    if (x[i] !== y[i]) return x[i] < y[i] ? -1 : 1;
  }
  return x.length - y.length;
}

/** Puts the lines of one problem under its number: `  1) message`, then its lines and hints. */
function listEntry(problem: CatalogProblem, number: number): string[] {
  const label = `  ${number}) `;
  const indent = " ".repeat(label.length);
  const { error } = problem;
  const [first, ...rest] = error.message.split("\n");
  const code = error.code ? ` [${error.code}]` : "";
  const head = first.endsWith(":") ? `${first.slice(0, -1)}${code}:` : `${first}${code}`;
  return [
    label + head,
    ...rest.map((line) => indent + line),
    ...error.hints.map((hint) => `${indent}hint: ${hint}`),
  ];
}

/**
 * The error for a catalog's problems, or undefined when there are none. One
 * problem keeps its own message and hints, with one more hint: every run
 * checks the whole catalog. Several become one error listing them in file
 * order, each with its message and hints, at most
 * {@linkcode MAX_LISTED_PROBLEMS} of them, then `... and N more problems`.
 *
 * @param problems What was found, in any order.
 * @param shownDir The fixtures directory as the user sees it.
 * @returns The user error to throw (exit 2), or undefined.
 *
 * @example
 * ```ts
 * import { catalogProblemsError } from "./_catalog_problems.ts";
 * import { formatUserError, UserError } from "../base/errors.ts";
 * import assert from "node:assert/strict";
 *
 * const problem = (path: string, message: string) => ({
 *   path,
 *   error: new UserError(message, { kind: "catalog", hints: ["Fix it."] }),
 * });
 * assert.equal(catalogProblemsError([], "fixtures"), undefined);
 * const error = catalogProblemsError([problem("b.smoke.ts", "B is bad"), problem("a.smoke.ts", "A is bad")], "fixtures");
 * assert.equal(
 *   formatUserError(error!),
 *   'error: Cannot read catalog "fixtures": 2 problems, in file order [CATALOG_INVALID]:\n' +
 *     "  1) A is bad\n     hint: Fix it.\n  2) B is bad\n     hint: Fix it.\n" +
 *     "hint: Every run checks the whole catalog, whatever --fixture selects: fix or remove them.",
 * );
 * ```
 */
export function catalogProblemsError(
  problems: readonly CatalogProblem[],
  shownDir: string,
): UserError | undefined {
  if (problems.length === 0) return undefined;
  const whole = "Every run checks the whole catalog, whatever --fixture selects: fix or remove";
  if (problems.length === 1) {
    const { error } = problems[0];
    return new UserError(error.message, {
      kind: error.kind,
      ...(error.code ? { code: error.code } : {}),
      hints: [...error.hints, `${whole} it.`],
      cause: error.cause,
    });
  }
  const sorted = [...problems].sort(byWalkOrder);
  const listed = sorted.slice(0, MAX_LISTED_PROBLEMS);
  const more = sorted.length - listed.length;
  const lines = [
    `Cannot read catalog "${shownDir}": ${sorted.length} problems, ` +
    (more > 0 ? `the first ${listed.length} in file order:` : "in file order:"),
    ...listed.flatMap((problem, i) => listEntry(problem, i + 1)),
    ...(more > 0 ? [`  ... and ${more} more problem${more === 1 ? "" : "s"}`] : []),
  ];
  return new UserError(lines.join("\n"), {
    kind: "catalog",
    code: CATALOG_INVALID,
    hints: [`${whole} them.`],
  });
}
