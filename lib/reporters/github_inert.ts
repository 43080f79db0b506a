/**
 * Fixture output made inert for a GitHub Actions log: between
 * `::stop-commands::TOKEN` and `::TOKEN::`, with every legacy `##[` command
 * neutralised. Apart from the GitHub reporter, so that a run's failures
 * section can use it without loading that reporter (its summary and
 * annotations) outside GitHub Actions.
 *
 * @module
 */
import { neutralizeLegacyCommands } from "../base/safe_output.ts";

/** Options for {@linkcode renderInert} and {@linkcode renderOutputGroup}. */
export interface InertOptions {
  /** The `::stop-commands::` token: random, unguessable, fresh for each block. */
  token: string;
  /** Marks each command line for the output edge (default: as is); see `markCommand`. */
  command?: (line: string) => string;
}

const same = (line: string) => line;

/**
 * Makes a fresh stop-commands token: 128 random bits as hex.
 *
 * @returns 32 lowercase hex digits.
 *
 * @example
 * ```ts
 * import { newStopToken } from "./github_inert.ts";
 * import assert from "node:assert/strict";
 *
 * assert.match(newStopToken(), /^[0-9a-f]{32}$/);
 * assert.notEqual(newStopToken(), newStopToken());
 * ```
 */
export function newStopToken(): string {
  return Array.from(crypto.getRandomValues(new Uint8Array(16)))
    .map((b) => b.toString(16).padStart(2, "0")).join("");
}

/**
 * Wraps text for the log so that none of it acts as a workflow command: it
 * goes between `::stop-commands::TOKEN` and `::TOKEN::` (which turns off both
 * the `::` and the legacy `##[` forms), and every `##[` is neutralised as
 * well (see {@linkcode neutralizeLegacyCommands}), so even a reader that
 * ignores stop-commands sees nothing to run.
 *
 * @param text Untrusted text, such as a fixture's output.
 * @param options The token.
 * @returns The wrapped text, ending with a newline.
 * @throws {TypeError} When the token is not 16 or more letters and digits.
 *
 * @example
 * ```ts
 * import { renderInert } from "./github_inert.ts";
 * import assert from "node:assert/strict";
 *
 * assert.equal(
 *   renderInert("::error::boom\n", { token: "0123456789abcdef" }),
 *   "::stop-commands::0123456789abcdef\n::error::boom\n::0123456789abcdef::\n",
 * );
 * ```
 */
export function renderInert(text: string, options: InertOptions): string {
  if (!/^[A-Za-z0-9]{16,}$/.test(options.token)) {
    throw new TypeError(
      `Cannot stop workflow commands: token "${options.token}" is not 16 or more letters and digits`,
    );
  }
  const body = text.endsWith("\n") ? text.slice(0, -1) : text;
  const command = options.command ?? same;
  return `${command(`::stop-commands::${options.token}`)}\n${neutralizeLegacyCommands(body)}\n` +
    `${command(`::${options.token}::`)}\n`;
}
