/**
 * The output edge: every line smoke writes to standard output or standard
 * error passes through one {@linkcode createSafeWriter}, so text that came from
 * elsewhere (fixture output, file names, ids, messages, artifact fields) can
 * neither drive the terminal nor act as a GitHub Actions workflow command.
 *
 * - Control characters (C0 but tab and newline, DEL, C1), Unicode line and
 *   paragraph separators and bidirectional overrides are written as visible
 *   escapes (`\r`, `\x1b`, `\u202e`), whatever the stream. smoke's own
 *   colours and status line are built with {@linkcode terminalControl}, which
 *   marks them with a per-process secret: on an interactive terminal the writer
 *   turns the marks into the real sequences, elsewhere it drops them.
 * - In GitHub Actions, a line that would start a workflow command (`::` after
 *   optional white space) gets a zero-width space before the `::`, and so does
 *   the legacy `##[` form anywhere, unless the line was built by smoke itself
 *   and marked with {@linkcode markCommand}. The mark is a per-process secret
 *   that the writer removes, so no other text can forge it. Between smoke's own
 *   marked `::stop-commands::TOKEN` and `::TOKEN::` lines, where the runner
 *   processes no command, lines are shown as they are, but for one that would
 *   end the block early.
 *
 * @module
 */

/** How a stream is shown. */
export interface OutputMode {
  /** The stream is an interactive terminal: smoke's own marked colours and status line pass. */
  terminal: boolean;
  /** GitHub Actions reads the stream for workflow commands (`GITHUB_ACTIONS=true`). */
  github: boolean;
}

/** Writes text to a stream. */
export type Write = (text: string) => void;

/** A per-process secret that opens a line smoke built as a workflow command. */
const MARK = `\u{F0000}${
  Array.from(crypto.getRandomValues(new Uint8Array(16)), (b) => b.toString(16).padStart(2, "0"))
    .join("")
}\u{F0001}`;

/** Stands for ESC and for CR in smoke's own terminal sequences: secret, so no text forges them. */
const ESC_MARK = `\u{F0002}${MARK.slice(2, -2)}\u{F0003}`;
const CR_MARK = `\u{F0004}${MARK.slice(2, -2)}\u{F0005}`;
/** A marked sequence, as the writer drops it where there is no terminal. */
const MARKED = new RegExp(`${CR_MARK}|${ESC_MARK}\\[[0-9;]*[A-Za-z]`, "g");

/** The bidirectional and invisible characters escaped (below), without controls (XML keeps `\r`). */
const FORMAT_CHAR = "\\u061c\\u200e\\u200f\\u202a-\\u202e\\u2060\\u2066-\\u2069\\ufeff";
/**
 * Escaped everywhere: controls, line separators, bidirectional overrides,
 * isolates and marks (U+200E, U+200F, U+061C), the word joiner (U+2060) and
 * the byte order mark (U+FEFF). Not the joiners U+200C and U+200D, which
 * emoji and several scripts need, nor the zero-width space (U+200B), which
 * the writer itself puts in a command it makes inert.
 */
const UNSAFE_CHAR = `\\x00-\\x08\\x0b-\\x1f\\x7f-\\x9f\\u2028\\u2029${FORMAT_CHAR}`;
const UNSAFE = new RegExp(`[${UNSAFE_CHAR}]`);
const FORMAT_ALL = new RegExp(`[${FORMAT_CHAR}]`, "g");
const UNSAFE_ALL = new RegExp(`[${UNSAFE_CHAR}]`, "g");
/** Characters that show as nothing: Unicode's default-ignorable code points, and the soft hyphen. */
const INVISIBLE = /[\p{Default_Ignorable_Code_Point}\u00ad]/gu;

/**
 * Whether a line reads as smoke's verdict: it starts with `RESULT:` once the
 * characters that show as nothing are taken out of it (`\u200bRESULT:`,
 * `RE\u200bSULT:`). Look-alike letters (a Cyrillic `Е`) are not caught.
 *
 * @param line One line, without its newline.
 * @returns True for a line that reads as `RESULT: ...`.
 *
 * @example
 * ```ts
 * import { readsAsResult } from "./safe_output.ts";
 * import assert from "node:assert/strict";
 *
 * assert.equal(readsAsResult("RE\u200bSULT: pass"), true);
 * assert.equal(readsAsResult("\u2061RESULT: pass"), true);
 * assert.equal(readsAsResult("  RESULT: pass"), false);
 * ```
 */
export function readsAsResult(line: string): boolean {
  return line.replace(INVISIBLE, "").startsWith("RESULT:");
}
/** Where the runner would see a workflow command: `::` after white space at a line's start. */
const COMMAND_START = /^(\s*)::/;

function escapeChar(char: string): string {
  if (char === "\r") return "\\r";
  const code = char.charCodeAt(0);
  return code <= 0xff
    ? `\\x${code.toString(16).padStart(2, "0")}`
    : `\\u${code.toString(16).padStart(4, "0")}`;
}

// deno-lint-ignore no-control-regex
const C0_OR_DEL = /[\u0000-\u001f\u007f]/;

/**
 * Whether a text holds a C0 control character (newline and tab among them)
 * or DEL: the one test of a path or an argument that would break a line of
 * smoke's output (flags, config directories, printed commands).
 *
 * @param text Any text.
 * @returns True when it holds one.
 *
 * @example
 * ```ts
 * import { hasControlCharacter } from "./safe_output.ts";
 * import assert from "node:assert/strict";
 *
 * assert.equal(hasControlCharacter("out dir/é"), false);
 * assert.equal(hasControlCharacter("a\nb"), true);
 * ```
 */
export function hasControlCharacter(text: string): boolean {
  return C0_OR_DEL.test(text);
}

/**
 * Escapes what must not reach a terminal or a CI log raw: every control
 * character but tab and newline, DEL, C1 controls, U+2028/U+2029, the
 * bidirectional overrides, isolates and marks, the word joiner and the byte
 * order mark.
 *
 * @param text Any text.
 * @returns The text, safe to print.
 *
 * @example
 * ```ts
 * import { escapeControls } from "./safe_output.ts";
 * import assert from "node:assert/strict";
 *
 * assert.equal(escapeControls("a\rb\x1b]0;title\x07"), "a\\rb\\x1b]0;title\\x07");
 * assert.equal(escapeControls("\x1b[31mred\n"), "\\x1b[31mred\n");
 * ```
 */
export function escapeControls(text: string): string {
  return UNSAFE.test(text) ? text.replace(UNSAFE_ALL, escapeChar) : text;
}

/**
 * Shows the bidirectional and invisible characters that {@linkcode escapeControls}
 * escapes as escapes too (`\u202e`), leaving control characters alone: for a
 * format with its own way of keeping those (XML writes `\r` as `&#13;`).
 *
 * @param text Any text.
 * @returns The text, with no such character raw.
 *
 * @example
 * ```ts
 * import { escapeFormatCharacters } from "./safe_output.ts";
 * import assert from "node:assert/strict";
 *
 * assert.equal(escapeFormatCharacters("gnp\u202e.exe\r"), "gnp\\u202e.exe\r");
 * ```
 */
export function escapeFormatCharacters(text: string): string {
  return text.replace(FORMAT_ALL, escapeChar);
}

/**
 * A name from the outside (a file name, a path, an id read from disk) made
 * fit for one line of a message: {@linkcode escapeControls}, and newlines and
 * tabs shown as `\n` and `\t`, so that a name can never start a line of its
 * own in a log (a forged `RESULT: pass`). Ordinary names are unchanged.
 *
 * @param name The name.
 * @returns The name, one line, safe to print.
 *
 * @example
 * ```ts
 * import { displayName } from "./safe_output.ts";
 * import assert from "node:assert/strict";
 *
 * assert.equal(displayName("fixtures/api/health.smoke.ts"), "fixtures/api/health.smoke.ts");
 * assert.equal(displayName("x\nRESULT: pass\ty"), "x\\nRESULT: pass\\ty");
 * ```
 */
export function displayName(name: string): string {
  return escapeControls(name).replaceAll("\n", "\\n").replaceAll("\t", "\\t");
}

/**
 * Marks one of smoke's own terminal sequences (an SGR colour such as
 * `\x1b[31m`, or the status line's `\r\x1b[2K`), so that a writer from
 * {@linkcode createSafeWriter} passes it on a terminal and drops it elsewhere.
 * Text that merely contains the same characters is escaped.
 *
 * @param sequence The sequence, made of ESC, CR and printable characters.
 * @returns The marked sequence.
 *
 * @example
 * ```ts
 * import { createSafeWriter, terminalControl } from "./safe_output.ts";
 * import assert from "node:assert/strict";
 *
 * let screen = "";
 * const tty = createSafeWriter((t) => (screen += t), { terminal: true, github: false });
 * tty(`${terminalControl("\x1b[31m")}red${terminalControl("\x1b[39m")} \x1b[2J`);
 * assert.equal(screen, "\x1b[31mred\x1b[39m \\x1b[2J");
 * let log = "";
 * createSafeWriter((t) => (log += t), { terminal: false, github: false })(
 *   `${terminalControl("\x1b[31m")}red${terminalControl("\x1b[39m")}`,
 * );
 * assert.equal(log, "red");
 * ```
 */
export function terminalControl(sequence: string): string {
  return sequence.replaceAll("\x1b", ESC_MARK).replaceAll("\r", CR_MARK);
}

/**
 * Marks one line as a workflow command that smoke built itself (its data and
 * properties escaped), so that the writer passes it in GitHub mode.
 *
 * @param line The command, such as `::error title=a::boom`, without a newline.
 * @returns The marked line, for a writer from {@linkcode createSafeWriter}.
 * @throws {TypeError} When the line holds a line break.
 *
 * @example
 * ```ts
 * import { createSafeWriter, markCommand } from "./safe_output.ts";
 * import assert from "node:assert/strict";
 *
 * let log = "";
 * const write = createSafeWriter((t) => (log += t), { terminal: false, github: true });
 * write(markCommand("::group::a") + "\n::error::forged\n");
 * assert.equal(log, "::group::a\n\u200b::error::forged\n");
 * ```
 */
export function markCommand(line: string): string {
  if (/[\r\n]/.test(line)) throw new TypeError("A workflow command is one line");
  return MARK + line;
}

/**
 * smoke's own `RESULT:` line, marked for a writer from
 * {@linkcode createSafeWriter}: any other line that would start with
 * `RESULT:` (a fixture's output, an echoed value) is written indented, so
 * that the only line of standard output starting so is smoke's verdict.
 *
 * @param result The verdict.
 * @returns The marked line, without a newline.
 *
 * @example
 * ```ts
 * import { createSafeWriter, resultLine } from "./safe_output.ts";
 * import assert from "node:assert/strict";
 *
 * let log = "";
 * const write = createSafeWriter((t) => (log += t), { terminal: false, github: false });
 * write("RESULT: pass\n\u200bRESULT: pass\n" + resultLine("fail") + "\n");
 * assert.equal(log, "  RESULT: pass\n  \u200bRESULT: pass\nRESULT: fail\n");
 * ```
 */
export function resultLine(result: "pass" | "fail"): string {
  return `${MARK}RESULT: ${result}`;
}

/**
 * Makes the legacy `##[name]data` command form inert: the runner honours it
 * anywhere in a line, so a zero-width space (U+200B) goes between `##` and
 * `[`. The text reads the same.
 *
 * @param text Any text.
 * @returns The text without a raw `##[`.
 *
 * @example
 * ```ts
 * import { neutralizeLegacyCommands } from "./safe_output.ts";
 * import assert from "node:assert/strict";
 *
 * assert.equal(neutralizeLegacyCommands("x ##[error]bad"), "x ##\u200b[error]bad");
 * ```
 */
export function neutralizeLegacyCommands(text: string): string {
  return text.replaceAll("##[", "##\u200b[");
}

/**
 * Creates the one writer of a stream: everything written through it is made
 * safe for the stream's mode (see the module documentation). It remembers
 * whether the last write ended a line, so a command split over writes is
 * still caught.
 *
 * @param write Writes to the stream itself.
 * @param mode Whether the stream is a terminal, and whether GitHub reads it.
 * @returns The safe writer.
 *
 * @example Nothing from a fixture acts as a command or moves the cursor
 * ```ts
 * import { createSafeWriter } from "./safe_output.ts";
 * import assert from "node:assert/strict";
 *
 * let log = "";
 * const write = createSafeWriter((t) => (log += t), { terminal: false, github: true });
 * write('NotCapable: Requires read access to "/x\r::error title=INJECTED::y\r"\n');
 * assert.equal(log, 'NotCapable: Requires read access to "/x\\r::error title=INJECTED::y\\r"\n');
 * write("a\n  ::warning::b ##[error]c\n");
 * assert.ok(log.endsWith("a\n  \u200b::warning::b ##\u200b[error]c\n"));
 * ```
 */
export function createSafeWriter(write: Write, mode: OutputMode): Write {
  // The line being written so far: at its start, or white space only, and its last characters.
  let atLineStart = true;
  let blankSoFar = true;
  let lastTwo = "";
  // The token of the stop-commands block smoke has open, if any.
  let inert: string | undefined;
  return (text: string) => {
    if (text === "") return;
    const escaped = escapeControls(text);
    const shown = mode.terminal
      ? escaped.replaceAll(ESC_MARK, "\x1b").replaceAll(CR_MARK, "\r")
      : escaped.replace(MARKED, "");
    const lines = shown.split("\n");
    const safe = lines.map((line, i) => {
      const start = i > 0 || atLineStart;
      let trusted = false;
      if (start && line.startsWith(MARK)) {
        trusted = true;
        line = line.slice(MARK.length);
      }
      if (line.includes(MARK)) line = line.replaceAll(MARK, "");
      // Only smoke's verdict starts a line with RESULT: (a forged one is indented), even to the
      // eye: behind invisible characters too.
      if (!trusted && start && readsAsResult(line)) line = `  ${line}`;
      if (!mode.github) return line;
      if (trusted) {
        // smoke's own inert block: its untrusted lines are shown as they are, unable to end it.
        const stop = /^::stop-commands::(\S+)$/.exec(line);
        if (stop) inert = stop[1];
        else if (inert !== undefined && line === `::${inert}::`) inert = undefined;
      } else if (i > 0 || blankSoFar) {
        if (inert === undefined || line.includes(`::${inert}::`)) {
          line = line.replace(COMMAND_START, "$1\u200b::");
        }
      }
      // `##[` may straddle two writes.
      const before = i === 0 ? lastTwo : "";
      return neutralizeLegacyCommands(before + line).slice(before.length);
    });
    const last = safe[safe.length - 1];
    atLineStart = last === "";
    blankSoFar = (safe.length > 1 || blankSoFar) && /^\s*$/.test(last);
    const joined = safe.join("\n");
    lastTwo = joined.length >= 2 ? joined.slice(-2) : lastTwo.slice(-1) + joined;
    write(joined);
  };
}
