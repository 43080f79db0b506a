/**
 * The lines that explain a failure, picked from both output tails: one pure
 * function, {@linkcode failureExcerpt}, used by every output that shows a
 * failure (the console's failure block, the JUnit `<failure>` text, the GitHub
 * annotation and step summary, the HTML report). The text is untrusted: each
 * output escapes it as it always has.
 *
 * @module
 */

/** An output stream of a fixture. */
export type Stream = "stdout" | "stderr";

/** What {@linkcode failureExcerpt} reads of a fixture's result. */
export interface ExcerptInput {
  /** The end of standard output, as recorded. */
  stdoutTail?: string | undefined;
  /** The end of standard error, as recorded. */
  stderrTail?: string | undefined;
  /** Why it failed: an expectation naming a stream puts that stream first. */
  failure?: { kind: string; message: string } | undefined;
}

/** Bounds of an excerpt. */
export interface ExcerptOptions {
  /** The most lines, headings and gap marks included. */
  maxLines: number;
  /** The most UTF-8 bytes of those lines joined by newlines. */
  maxBytes: number;
  /** The most trailing lines each stream adds after its error lines (default 12). */
  lastLines?: number;
  /** Longer lines are cut to this many characters, `…` included (default 500; fewer when `maxBytes` is small). */
  maxLineChars?: number;
}

/** One stream's part of an excerpt. */
export interface ExcerptBlock {
  /** Which stream. */
  stream: Stream;
  /** The label, e.g. `stderr (last lines):` or `stdout (error lines and last lines, 9 lines left out):`. */
  heading: string;
  /** The stream's lines in their order, with `… (N lines left out)` where lines between were left out. */
  lines: string[];
  /** How many of the stream's lines were left out. */
  leftOut: number;
}

/** The lines that explain a failure. */
export interface FailureExcerpt {
  /** One block per stream with lines shown, the most informative stream first. */
  blocks: ExcerptBlock[];
  /** The most telling line (an error, a failed assertion, a location), when one stands out. */
  cause?: string;
  /** How many lines of both tails were left out. */
  leftOut: number;
}

/** Deno test's own summary and progress lines: they say that tests failed, not why. */
const NOISE = [
  /^error: Test failed\s*$/,
  /^(?:ok|FAILED) \| \d+ passed/,
  /^\s*(?:ERRORS|FAILURES)\s*$/,
  /^running \d+ tests? from /,
  /^\s*\S.* \.\.\. (?:ok|ignored) \(/,
  /^Stack backtrace:\s*$/,
  /^\s*\d+: <unknown>\s*$/,
];
/** An error being reported: the best lines. */
const ERROR = [
  /\b(?:[A-Z][A-Za-z]*(?:Error|Exception)|Uncaught|panicked|Traceback|NotFound|NotCapable|PermissionDenied|AlreadyExists|BadResource|ConnectionRefused|TimedOut)\b/,
  /\berror(?:\[[^\]\s]*\])?:/i,
];
/** Where it happened, or a test runner's verdict on one test. */
const LOCATION = [
  /(?:=>|-->) \S+:\d+/,
  /^(?:FAILED|FAIL|not ok)\b/,
  /^--- FAIL\b/,
];
/** What was expected. */
const DETAIL = [/\b(?:[Ee]xpected|[Aa]ctual|assert)/];

const SCORE_CHARS = 1000;

/** How telling a line is: -1 noise, 0 plain, 2 detail, 3 location, 4 error. */
function score(line: string): number {
  const text = line.slice(0, SCORE_CHARS);
  if (text.trim() === "") return 0;
  if (NOISE.some((re) => re.test(text))) return -1;
  if (/^\s*\S.* \.\.\. FAILED \(/.test(text)) return 0;
  if (ERROR.some((re) => re.test(text))) return 4;
  if (LOCATION.some((re) => re.test(text))) return 3;
  if (DETAIL.some((re) => re.test(text))) return 2;
  return 0;
}

/** Lines after an error line kept with it (its message, diff, stack). */
const AFTER = 10;

interface Limits {
  lastLines: number;
  maxLines: number;
}

interface Source {
  stream: Stream;
  lines: string[];
  /** The lines as shown, cut to length, and their UTF-8 sizes (filled as needed). */
  shown: Map<number, { text: string; bytes: number }>;
  scores: number[];
  /** The line kept first: the most telling one, else the last plain one. */
  best: number;
  /** Runs of line indices worth keeping, most telling first; a run stops at its first misfit. */
  chains: number[][];
  /** The last lines, last first. */
  tail: number[];
}

function splitLines(text: string): string[] {
  const lines = text.split("\n").map((line) => line.endsWith("\r") ? line.slice(0, -1) : line);
  while (lines.length && lines.at(-1)!.trim() === "") lines.pop();
  return lines;
}

function source(stream: Stream, text: string, limits: Limits): Source | undefined {
  const { lastLines, maxLines } = limits;
  const lines = splitLines(text);
  const scores = lines.map(score);
  const before = (i: number) => i > 0 && scores[i - 1] >= 0 && lines[i - 1].trim() ? [i - 1] : [];
  const after = (i: number) => {
    let end = i + 1;
    while (end <= i + AFTER && end < lines.length && scores[end] >= 0 && scores[end] < 3) end++;
    while (end > i + 1 && lines[end - 1].trim() === "") end--;
    return Array.from({ length: end - i - 1 }, (_, k) => i + 1 + k);
  };
  // Errors before locations, each in order: the first error and what follows it come first.
  const anchors = scores.flatMap((s, i) => s >= 3 ? [i] : [])
    .sort((a, b) => scores[b] - scores[a] || a - b);
  const details = scores.flatMap((s, i) => s === 2 ? [i] : []);
  const top = anchors[0] ?? details[0];
  const chains = top === undefined ? [] : [[top, ...before(top)], after(top)];
  // No more than fit: each takes a line at least.
  const rest = anchors.filter((i) => i !== top).slice(0, maxLines);
  chains.push(...rest.map((i) => [i, ...before(i)]), ...rest.map(after));
  chains.push(...details.filter((i) => i !== top).slice(0, maxLines).map((i) => [i]));
  // No telling line: the last plain line, else the first of the noise (`error: Test failed`).
  const best = top ?? lines.findLastIndex((line, i) => scores[i] === 0 && line.trim() !== "");
  const reserve = best !== -1 ? best : scores.findIndex((s) => s < 0);
  if (reserve === -1) return undefined;
  const tail = Array.from(
    { length: Math.min(lastLines, lines.length) },
    (_, k) => lines.length - 1 - k,
  );
  return { stream, lines, shown: new Map(), scores, best: reserve, chains, tail };
}

const encoder = new TextEncoder();
const byteLength = (text: string) => encoder.encode(text).length;

function cut(line: string, chars: number): string {
  if (line.length <= chars) return line;
  // Enough UTF-16 units for more than `chars` code points, if the line has them.
  const points = Array.from(line.slice(0, chars * 2 + 2));
  return points.length <= chars ? line : points.slice(0, Math.max(0, chars - 1)).join("") + "…";
}

/** A block and its size in UTF-8 bytes, newlines between its lines included. */
type Sized = ExcerptBlock & { bytes: number };

function block(src: Source, chosen: ReadonlySet<number>, chars: number): Sized | undefined {
  if (chosen.size === 0) return undefined;
  const picked = [...chosen].sort((a, b) => a - b);
  // A gap of one line shows that line: it costs what its mark would.
  const shown = picked.flatMap((i, k) => k > 0 && i - picked[k - 1] === 2 ? [i - 1, i] : [i]);
  const lines: string[] = [];
  let bytes = 0;
  shown.forEach((i, k) => {
    const gap = k === 0 ? 0 : i - shown[k - 1] - 1;
    if (gap > 0) {
      const mark = `… (${gap} lines left out)`;
      lines.push(mark);
      bytes += mark.length + 3; // ASCII but the ellipsis (3 bytes), and a newline
    }
    let line = src.shown.get(i);
    if (line === undefined) {
      const text = cut(src.lines[i], chars);
      src.shown.set(i, line = { text, bytes: byteLength(text) });
    }
    lines.push(line.text);
    bytes += line.bytes + 1;
  });
  const count = src.lines.length;
  const leftOut = count - shown.length;
  const what = shown[0] === count - shown.length
    ? "last lines"
    : shown.at(-1) === count - 1
    ? "error lines and last lines"
    : "error lines";
  const left = leftOut ? `, ${leftOut} line${leftOut === 1 ? "" : "s"} left out` : "";
  const heading = `${src.stream} (${what}${left}):`;
  return { stream: src.stream, heading, lines, leftOut, bytes: bytes + heading.length };
}

/**
 * The excerpt as lines: each block's heading followed by its lines.
 *
 * @param excerpt An excerpt.
 * @returns The lines, without newlines or indentation.
 *
 * @example
 * ```ts
 * import { excerptLines, failureExcerpt } from "./failure_excerpt.ts";
 * import assert from "node:assert/strict";
 *
 * const excerpt = failureExcerpt({ stderrTail: "boom\n" }, { maxLines: 10, maxBytes: 1000 });
 * assert.deepEqual(excerptLines(excerpt), ["stderr (last lines):", "boom"]);
 * ```
 */
export function excerptLines(excerpt: FailureExcerpt): string[] {
  return excerpt.blocks.flatMap((b) => [b.heading, ...b.lines]);
}

/**
 * Picks the lines that explain a failure from both output tails, within
 * `maxLines` lines and `maxBytes` bytes (headings and gap marks counted).
 * Lines that report an error (`error:`, `AssertionError`, `Uncaught`,
 * `panicked`, `Traceback`, `NotFound`, ...), a location (`=> file:line`) or a
 * test's failure come first, each with the lines after it (its message, diff
 * or stack); then lines naming what was expected; then each stream's last
 * lines. Deno test's own summary (`ok |`, `FAILED |`, `error: Test failed`)
 * only ever comes in with the last lines. Each stream with text gets a
 * labelled block, in the order of its most telling line (an expectation's
 * stream first, then stderr, on a tie), and keeps at least one line when
 * `maxLines` ≥ 4 and `maxBytes` ≥ 512. A block's lines keep their order; a
 * gap mark shows where lines were left out, and its heading how many.
 *
 * @param result A fixture's tails and failure.
 * @param options The bounds.
 * @returns The excerpt; no blocks when both tails are blank.
 *
 * @example
 * ```ts
 * import { excerptLines, failureExcerpt } from "./failure_excerpt.ts";
 * import assert from "node:assert/strict";
 *
 * const excerpt = failureExcerpt({
 *   stdoutTail: [
 *     "running 1 test from ./a_test.ts", "adds ... FAILED (1ms)", "",
 *     "adds => ./a_test.ts:2:6", "error: AssertionError: Expected values to be strictly equal:",
 *     "", "2 !== 3", "", "FAILED | 0 passed | 1 failed (5ms)", "",
 *   ].join("\n"),
 *   stderrTail: "error: Test failed\n",
 * }, { maxLines: 8, maxBytes: 1000 });
 * assert.equal(excerpt.cause, "error: AssertionError: Expected values to be strictly equal:");
 * assert.deepEqual(excerptLines(excerpt), [
 *   "stdout (error lines, 5 lines left out):",
 *   "adds => ./a_test.ts:2:6",
 *   "error: AssertionError: Expected values to be strictly equal:",
 *   "",
 *   "2 !== 3",
 *   "stderr (last lines):",
 *   "error: Test failed",
 * ]);
 * ```
 */
export function failureExcerpt(result: ExcerptInput, options: ExcerptOptions): FailureExcerpt {
  const lastLines = Math.max(0, options.lastLines ?? 12);
  const named = result.failure?.kind === "expectation" ? result.failure.message : "";
  const sources = (["stderr", "stdout"] as const)
    .map((s) => source(s, result[`${s}Tail`] ?? "", { lastLines, maxLines: options.maxLines }))
    .filter((s): s is Source => s !== undefined)
    .map((src, order) => ({ src, order, named: named.includes(src.stream) ? 1 : 0 }))
    .sort((a, b) =>
      (b.src.scores[b.src.best] ?? 0) - (a.src.scores[a.src.best] ?? 0) ||
      b.named - a.named || a.order - b.order
    )
    .map((s) => s.src);
  const chars = Math.max(
    2,
    Math.min(
      options.maxLineChars ?? 500,
      Math.floor((options.maxBytes / Math.max(1, sources.length) - 100) / 4),
    ),
  );
  const chosen = sources.map(() => new Set<number>());
  const render = () =>
    sources.flatMap((src, k) => {
      const b = block(src, chosen[k], chars);
      return b ? [b] : [];
    });
  const fits = (blocks: Sized[]) =>
    blocks.reduce((n, b) => n + 1 + b.lines.length, 0) <= options.maxLines &&
    blocks.reduce((n, b) => n + b.bytes + 1, -1) <= options.maxBytes;
  // [source, line, chain]: a chain stops at its first line that does not fit.
  const candidates: Array<[number, number, number]> = [];
  let chain = 0;
  sources.forEach((s, k) => candidates.push([k, s.best, chain++]));
  for (const [k, s] of sources.entries()) {
    for (const run of s.chains) {
      const id = chain++;
      for (const i of run) candidates.push([k, i, id]);
    }
  }
  const tails = sources.map(() => chain++);
  for (let n = 0; n < lastLines; n++) {
    sources.forEach((s, k) => {
      if (n < s.tail.length) candidates.push([k, s.tail[n], tails[k]]);
    });
  }
  let blocks = render();
  const broken = new Set<number>();
  let tries = options.maxLines * 3 + 32;
  for (const [k, i, id] of candidates) {
    if (broken.has(id) || chosen[k].has(i)) continue;
    if (tries-- <= 0) break;
    chosen[k].add(i);
    const next = render();
    if (fits(next)) blocks = next;
    else {
      chosen[k].delete(i);
      broken.add(id);
    }
  }
  const top = sources.find((s) => s.scores[s.best] >= 3);
  const cause = top ? cut(top.lines[top.best].trim(), Math.min(chars, 300)) : undefined;
  const inBlocks = new Set(blocks.map((b) => b.stream));
  const leftOut = blocks.reduce((n, b) => n + b.leftOut, 0) +
    sources.reduce((n, s) => n + (inBlocks.has(s.stream) ? 0 : s.lines.length), 0);
  return {
    blocks: blocks.map(({ bytes: _, ...b }) => b),
    ...(cause ? { cause } : {}),
    leftOut,
  };
}

/** The budget behind {@linkcode failureCause}: only the cause line is used. */
const CAUSE_BUDGET = { maxLines: 4, maxBytes: 4096 };

/**
 * The one line of output that best explains a failure (see
 * {@linkcode failureExcerpt}), for places with room for one line: the GitHub
 * annotation and step summary. Left out when the failure's message already
 * holds it.
 *
 * @param result A fixture's tails and failure.
 * @returns The line (at most 300 characters), or undefined.
 *
 * @example
 * ```ts
 * import { failureCause } from "./failure_excerpt.ts";
 * import assert from "node:assert/strict";
 *
 * const result = {
 *   stdoutTail: "adds => ./a_test.ts:2:6\nerror: AssertionError: 2 !== 3\n",
 *   stderrTail: "error: Test failed\n",
 *   failure: { kind: "exit-code", message: "Exited with code 1, expected 0" },
 * };
 * assert.equal(failureCause(result), "error: AssertionError: 2 !== 3");
 * assert.equal(failureCause({ stderrTail: "log\n" }), undefined);
 * ```
 */
export function failureCause(result: ExcerptInput): string | undefined {
  const cause = failureExcerpt(result, CAUSE_BUDGET).cause;
  return cause && !result.failure?.message.includes(cause) ? cause : undefined;
}
