/**
 * JUnit XML for `--junit PATH`: one `<testcase>` per fixture (and one per
 * service, in a testsuite of their own), in the shape
 * dorny/test-reporter, mikepenz/action-junit-report and EnricoMi's publisher
 * read. {@linkcode renderJUnit} is pure; {@linkcode createJUnitReporter}
 * writes its output atomically when the run ends (interrupted runs too).
 *
 * @module
 */
import { resolve } from "../base/path.ts";
import { escapeFormatCharacters, readsAsResult } from "../base/safe_output.ts";
import {
  type Artifact,
  type FixtureResult,
  type ServiceRecord,
  servicesFailed,
} from "../artifact/artifact.ts";
import { describeWriteFailure, isWriteFailure, writeFileAtomic } from "../artifact/atomic_write.ts";
import type { FailedAttempt, FixtureEnd, Reporter, RunEnd } from "./reporter.ts";
import { excerptLines, failureExcerpt } from "./failure_excerpt.ts";
import { blockedBy, isBlocked } from "../artifact/blocked.ts";
import { quarantinedFailure, quarantineLine } from "../artifact/quarantined.ts";

/** How much of the output a `<failure>` holds; the whole tails are in `<system-out>`/`<system-err>`. */
const JUNIT_EXCERPT = { maxLines: 100, maxBytes: 16_384, lastLines: 40 };

/** ANSI escape sequences (CSI, OSC and two-character escapes). */
// deno-lint-ignore no-control-regex
const ANSI = /\x1b(?:\[[0-?]*[ -/]*[@-~]|\][^\x07\x1b]*(?:\x07|\x1b\\)|[@-Z\\-_])/g;
/** Everything outside the XML 1.0 `Char` production; lone surrogates included. */
const NOT_XML_CHAR = /[^\t\n\r\x20-\uD7FF\uE000-\uFFFD\u{10000}-\u{10FFFF}]/gu;

/**
 * Removes what XML 1.0 cannot hold: ANSI escape sequences first (so no
 * `[31m` debris is left), then every character outside the `Char`
 * production (NUL, ESC and other C0 controls but tab, newline and carriage
 * return; lone surrogates; U+FFFE and U+FFFF).
 *
 * @param text Any text, such as a fixture's output.
 * @returns The text with those characters dropped.
 *
 * @example
 * ```ts
 * import { stripInvalidXmlChars } from "./junit.ts";
 * import assert from "node:assert/strict";
 *
 * assert.equal(stripInvalidXmlChars("\x1b[31mred\x1b[39m\x00\uFFFE ok\t"), "red ok\t");
 * assert.equal(stripInvalidXmlChars("a\uD800b €"), "ab €");
 * ```
 */
export function stripInvalidXmlChars(text: string): string {
  return text.replace(ANSI, "").replace(NOT_XML_CHAR, "");
}

/**
 * Escapes text for an XML element's content, after dropping the characters
 * XML 1.0 forbids. `>` is escaped too, so `]]>` can never appear.
 *
 * @param text Any text.
 * @returns Text safe between tags; carriage returns kept as `&#13;`, and
 * the `R` of a line that starts with `RESULT:` written `&#82;` (the same text
 * to an XML reader), so that a report written to standard output
 * (`--junit /dev/stdout`) never starts a line as smoke's verdict does.
 *
 * @example
 * ```ts
 * import { escapeXmlText } from "./junit.ts";
 * import assert from "node:assert/strict";
 *
 * assert.equal(escapeXmlText("a < b && ]]> \x00"), "a &lt; b &amp;&amp; ]]&gt; ");
 * assert.equal(escapeXmlText("ok\nRESULT: pass"), "ok\n&#82;ESULT: pass");
 * assert.equal(escapeXmlText("\u200bRESULT: pass"), "&#8203;RESULT: pass");
 * assert.equal(escapeXmlText("gnp\u202e.exe"), "gnp\\u202e.exe");
 * ```
 */
export function escapeXmlText(text: string): string {
  // Bidirectional and invisible characters are shown as escapes (`\u202e`), as on the console.
  return escapeFormatCharacters(stripInvalidXmlChars(text))
    .replaceAll("&", "&amp;")
    .replaceAll("<", "&lt;")
    .replaceAll(">", "&gt;")
    .replaceAll("\r", "&#13;")
    // A line that reads as smoke's verdict starts with a character reference instead.
    .split("\n")
    .map((line) => {
      if (!readsAsResult(line)) return line;
      const first = line.codePointAt(0)!;
      return `&#${first};${line.slice(first > 0xffff ? 2 : 1)}`;
    })
    .join("\n");
}

/**
 * Escapes text for a double-quoted XML attribute value, after dropping the
 * characters XML 1.0 forbids. Tab, newline and carriage return become
 * character references so attribute normalisation keeps them.
 *
 * @param text Any text.
 * @returns The value, without the quotes.
 *
 * @example
 * ```ts
 * import { escapeXmlAttribute } from "./junit.ts";
 * import assert from "node:assert/strict";
 *
 * assert.equal(escapeXmlAttribute(`say "hi" <&>\n`), "say &quot;hi&quot; &lt;&amp;&gt;&#10;");
 * ```
 */
export function escapeXmlAttribute(text: string): string {
  return escapeXmlText(text)
    .replaceAll('"', "&quot;")
    .replaceAll("\t", "&#9;")
    .replaceAll("\n", "&#10;");
}

/** Options for {@linkcode renderJUnit}. */
export interface RenderJUnitOptions {
  /** When the report is written: recorded as the `smoke.writtenAt` property. */
  now: Date;
  /** The suite's name (default `smoke`). */
  suiteName?: string;
}

/** The part of a run's end that JUnit needs. */
export type JUnitRun = Pick<RunEnd, "ends" | "artifact">;

function seconds(ms: number): string {
  return (Math.max(0, ms) / 1000).toFixed(3);
}

/** JUnit's `timestamp` is an `xs:dateTime` without a time zone (the Ant schema). */
function timestamp(iso: string): string {
  return iso.replace(/(\.\d+)?Z$/, "");
}

function attributes(pairs: Record<string, string | number | undefined>): string {
  return Object.entries(pairs)
    .filter(([, value]) => value !== undefined)
    .map(([name, value]) => ` ${name}="${escapeXmlAttribute(String(value))}"`)
    .join("");
}

function element(
  name: string,
  attrs: Record<string, string | number | undefined>,
  text?: string,
): string {
  return text === undefined || text === ""
    ? `<${name}${attributes(attrs)}/>`
    : `<${name}${attributes(attrs)}>${escapeXmlText(text)}</${name}>`;
}

/** Surefire's shape for an earlier attempt: `flakyFailure` (passed later) or `rerunFailure`. */
function attemptElement(name: string, attempt: FailedAttempt, indent: string): string {
  const inner = [
    element("stackTrace", {}, `Attempt ${attempt.attempt}: ${attempt.failure.message}`),
    ...(attempt.stdoutTail ? [element("system-out", {}, attempt.stdoutTail)] : []),
    ...(attempt.stderrTail ? [element("system-err", {}, attempt.stderrTail)] : []),
  ];
  const attrs = attributes({
    message: attempt.failure.message,
    type: attempt.failure.kind,
    time: seconds(attempt.durationMs),
  });
  return `${indent}<${name}${attrs}>\n${inner.map((line) => `${indent}  ${line}`).join("\n")}\n` +
    `${indent}</${name}>`;
}

/** Never started, so no result of its own: the failure limit (not-run) or a need (blocked). */
function notRun(result: FixtureResult): boolean {
  return result.status === "failed" &&
    (result.failure?.kind === "not-run" || isBlocked(result));
}

/** A never-started fixture's `<skipped>` reason: `blocked by setup/db`, or the not-run message. */
function notRunReason(result: FixtureResult): string {
  return isBlocked(result) ? `blocked by ${blockedBy(result)}` : result.failure!.message;
}

/** A failed result written as `<skipped>`: never started, or a quarantined failure. */
function skippedFailure(result: FixtureResult): boolean {
  return notRun(result) || quarantinedFailure(result) !== undefined;
}

function testcase(result: FixtureResult, end: FixtureEnd | undefined, suite: string): string {
  const attrs = attributes({
    classname: suite,
    name: result.id,
    time: seconds(result.durationMs),
    file: end?.planned?.fixture.file,
  });
  const children: string[] = [];
  const pad = "      ";
  const quarantine = quarantinedFailure(result);
  const props: [string, string][] = [
    ...(result.tags ?? []).map((tag): [string, string] => ["tag", tag]),
    ...(result.description ? [["description", result.description] as [string, string]] : []),
    ...(result.quarantined
      ? [
        ["smoke.quarantine.owner", result.quarantined.owner],
        ["smoke.quarantine.until", result.quarantined.until],
        ["smoke.quarantine.reason", result.quarantined.reason],
      ] as [string, string][]
      : []),
  ];
  if (props.length) {
    const lines = props.map(([name, value]) => `${pad}  ${element("property", { name, value })}`);
    children.push(`${pad}<properties>\n${lines.join("\n")}\n${pad}</properties>`);
  }
  if (notRun(result)) {
    // Never started (--max-failures, or a need that did not pass): no result of its own, skipped
    // with the reason. It is still owed in the artifact, where it is failed (not-run, blocked).
    children.push(pad + element("skipped", { message: notRunReason(result) }));
  } else if (result.status === "skipped") {
    children.push(pad + element("skipped", { message: result.skipReason ?? "skipped" }));
  } else if (quarantine) {
    // A quarantined failure does not fail the run: skipped, so dashboards stay green; the failure
    // is the text, the output tails stay in system-out/err below.
    const failure = result.failure ?? { kind: "exit-code", message: "Failed" };
    children.push(
      pad +
        element(
          "skipped",
          { message: quarantineLine(quarantine) },
          `${failure.kind}: ${failure.message}`,
        ),
    );
  } else if (result.status === "failed") {
    const failure = result.failure ?? { kind: "exit-code", message: "Failed" };
    const excerpt = excerptLines(failureExcerpt(result, JUNIT_EXCERPT));
    children.push(
      pad +
        element(
          "failure",
          { message: failure.message, type: failure.kind },
          excerpt.length ? excerpt.join("\n") + "\n" : failure.message,
        ),
    );
  }
  const earlier = result.status === "passed" ? "flakyFailure" : "rerunFailure";
  for (const attempt of end?.failedAttempts ?? []) {
    children.push(attemptElement(earlier, attempt, pad));
  }
  if (result.stdoutTail) children.push(pad + element("system-out", {}, result.stdoutTail));
  if (result.stderrTail) children.push(pad + element("system-err", {}, result.stderrTail));
  return children.length === 0
    ? `    <testcase${attrs}/>`
    : `    <testcase${attrs}>\n${children.join("\n")}\n    </testcase>`;
}

/** `smoke.blocked`: how many `<skipped>` cases are owed because a need did not pass. */
function blockedProperty(artifact: Artifact): [string, string][] {
  const blocked = artifact.fixtures.filter(isBlocked).length;
  return blocked ? [["smoke.blocked", String(blocked)]] : [];
}

/** `smoke.quarantined`: how many `<skipped>` cases are failures a quarantine entry protects. */
function quarantinedProperty(artifact: Artifact): [string, string][] {
  const quarantined = artifact.fixtures.filter((f) => quarantinedFailure(f)).length;
  return quarantined ? [["smoke.quarantined", String(quarantined)]] : [];
}

/** A service's testcase: its status and check as properties; a failure, or a skip, with the reason. */
function serviceTestcase(service: ServiceRecord): string {
  const pad = "      ";
  const props: [string, string][] = [
    ["smoke.service.status", service.status],
    ["smoke.service.check", service.check],
    ...(typeof service.exitCode === "number"
      ? [["smoke.service.exitCode", String(service.exitCode)] as [string, string]]
      : []),
    ...(service.signal ? [["smoke.service.signal", service.signal] as [string, string]] : []),
  ];
  const lines = props.map(([name, value]) => `${pad}  ${element("property", { name, value })}`);
  const children = [`${pad}<properties>\n${lines.join("\n")}\n${pad}</properties>`];
  const reason = service.reason ?? service.status;
  if (servicesFailed([service])) {
    const excerpt = excerptLines(failureExcerpt(service, JUNIT_EXCERPT));
    const type = service.status === "exited" ? "SERVICE_EXITED" : "SERVICE_NOT_READY";
    children.push(
      pad +
        element(
          "failure",
          { message: reason, type },
          excerpt.length ? excerpt.join("\n") + "\n" : reason,
        ),
    );
  } else if (service.status === "not-started" || service.status === "interrupted") {
    children.push(pad + element("skipped", { message: reason }));
  }
  if (service.stdoutTail) children.push(pad + element("system-out", {}, service.stdoutTail));
  if (service.stderrTail) children.push(pad + element("system-err", {}, service.stderrTail));
  const attrs = attributes({
    classname: "services",
    name: service.name,
    time: seconds(service.readyMs ?? 0),
  });
  return `    <testcase${attrs}>\n${children.join("\n")}\n    </testcase>`;
}

/** The services' counts, for their testsuite and the root's totals. */
function serviceCounts(services: readonly ServiceRecord[]) {
  return {
    tests: services.length,
    failures: services.filter((s) => servicesFailed([s])).length,
    skipped: services.filter((s) => s.status === "not-started" || s.status === "interrupted")
      .length,
  };
}

function properties(artifact: Artifact, now: Date): string {
  const shard = artifact.selection.shard;
  const pairs: [string, string][] = [
    ["smoke.runId", artifact.runId],
    ["smoke.mode", artifact.mode],
    ["smoke.result", artifact.result],
    ["smoke.version", artifact.tool.version],
    ["smoke.writtenAt", now.toISOString()],
    ...(artifact.interrupted ? [["smoke.interrupted", "true"] as [string, string]] : []),
    ...blockedProperty(artifact),
    ...quarantinedProperty(artifact),
    ...(shard ? [["smoke.shard", `${shard.index}/${shard.total}`] as [string, string]] : []),
    ...(artifact.combined
      ? [["smoke.combinedResult", artifact.combined.result] as [string, string]]
      : []),
  ];
  const lines = pairs.map(([name, value]) => `      ${element("property", { name, value })}`);
  return `    <properties>\n${lines.join("\n")}\n    </properties>`;
}

/**
 * Renders a run as JUnit XML: a `<testsuites>` root holding one `<testsuite>`
 * with one `<testcase>` per fixture, never duplicated. A failure carries the
 * failure kind as `type`, the message as `message` and, as text, the lines of
 * both output tails that explain it, labelled (see `failure_excerpt.ts`), or
 * the message when there was no output; a skip its reason; earlier failed attempts become `<flakyFailure>`
 * (the fixture passed later) or `<rerunFailure>` (it never passed), as Maven
 * Surefire writes them. Output tails go to `<system-out>`/`<system-err>`.
 * Counts follow the elements: `failures` counts the `<failure>` cases and
 * `skipped` the `<skipped>` ones, so `errors` is always 0. A fixture that
 * never started has no result of its own and is `<skipped>` with the reason:
 * `--max-failures` held it back (not-run), or a need did not pass (`blocked
 * by setup/db`; the `smoke.blocked` property counts them). Such a run is
 * never green: the need that failed is a `<failure>`, and `smoke.result` is
 * `fail` (a need skipped by its manifest leaves no `<failure>`; the property
 * and smoke's exit code still say fail). A quarantined failure (it failed
 * while a quarantine entry protects it, so it does not fail the run) is
 * `<skipped message="quarantined until 2026-12-31 (@alice): reason">` with
 * `kind: message` as text, so CI dashboards stay green as the run does; its
 * output tails stay in `<system-out>`/`<system-err>`, earlier attempts are
 * `<rerunFailure>` as for any fixture that never passed, and the suite
 * property `smoke.quarantined` counts such cases. Every quarantined fixture,
 * failed or passed, carries the properties `smoke.quarantine.owner`,
 * `smoke.quarantine.until` and `smoke.quarantine.reason`; one that passed is
 * otherwise a plain testcase. A run with services gets a second
 * `<testsuite name="services">`: one testcase per service, its time the time
 * to ready, its status and check as properties; not ready or exited is a
 * `<failure>` (type `SERVICE_NOT_READY` or `SERVICE_EXITED`, the reason as
 * message, its output's telling lines as text), not started or interrupted a
 * `<skipped>`. The root counts both suites.
 *
 * @param run The fixtures' ends and the written artifact.
 * @param options When the report is written, and the suite name.
 * @returns The XML document, ending with a newline.
 *
 * @example
 * ```ts
 * import { renderJUnit } from "./junit.ts";
 * import { createArtifact } from "../artifact/artifact.ts";
 * import assert from "node:assert/strict";
 *
 * const result = {
 *   id: "api/health", status: "failed" as const, durationMs: 1500, attempts: 1,
 *   exitCode: 1, signal: null, timedOut: false, stderrTail: "boom <1>\n",
 *   failure: { kind: "exit-code" as const, message: "Exited with code 1, expected 0" },
 * };
 * const artifact = createArtifact({
 *   runId: "r1", mode: "full", startedAt: new Date(0), finishedAt: new Date(1500),
 *   version: "0.1.0", environment: { deno: "2", os: "linux", arch: "x86_64", ci: false },
 *   selection: { fixtureIds: ["api/health"] }, fixtures: [result],
 * });
 * const xml = renderJUnit(
 *   { ends: [{ result, failedAttempts: [], outputLeaked: false }], artifact },
 *   { now: new Date(2000) },
 * );
 * assert.match(xml, /<testsuites name="smoke" tests="1" failures="1" errors="0" skipped="0"/);
 * assert.match(
 *   xml,
 *   /<failure message="Exited with code 1, expected 0" type="exit-code">stderr \(last lines\):\nboom &lt;1&gt;/,
 * );
 * ```
 */
export function renderJUnit(run: JUnitRun, options: RenderJUnitOptions): string {
  const { artifact } = run;
  const suite = options.suiteName ?? "smoke";
  const byId = new Map(run.ends.map((end) => [end.result.id, end]));
  const counts = {
    tests: artifact.fixtures.length,
    failures: artifact.fixtures.filter((f) => f.status === "failed" && !skippedFailure(f)).length,
    errors: 0,
    skipped: artifact.fixtures.filter((f) => f.status === "skipped" || skippedFailure(f)).length,
    time: seconds(artifact.durationMs),
    timestamp: timestamp(artifact.startedAt),
  };
  const cases = artifact.fixtures.map((result) => testcase(result, byId.get(result.id), suite));
  const services = artifact.services ?? [];
  const serviced = serviceCounts(services);
  const totals = {
    ...counts,
    tests: counts.tests + serviced.tests,
    failures: counts.failures + serviced.failures,
    skipped: counts.skipped + serviced.skipped,
  };
  const servicesSuite = services.length
    ? [
      `  <testsuite${
        attributes({
          name: "services",
          tests: serviced.tests,
          failures: serviced.failures,
          errors: 0,
          skipped: serviced.skipped,
          time: seconds(Math.max(0, ...services.map((s) => s.readyMs ?? 0))),
          timestamp: counts.timestamp,
          id: 1,
        })
      }>`,
      ...services.map(serviceTestcase),
      `  </testsuite>`,
    ]
    : [];
  return [
    `<?xml version="1.0" encoding="UTF-8"?>`,
    `<testsuites${attributes({ name: suite, ...totals })}>`,
    `  <testsuite${
      attributes({
        name: suite,
        ...counts,
        hostname: typeof artifact.environment.hostname === "string"
          ? artifact.environment.hostname
          : undefined,
        id: 0,
      })
    }>`,
    properties(artifact, options.now),
    ...cases,
    `  </testsuite>`,
    ...servicesSuite,
    `</testsuites>`,
    "",
  ].join("\n");
}

/** Options for {@linkcode createJUnitReporter}. */
export interface JUnitReporterOptions {
  /** Where to write, relative to `cwd` (or absolute). */
  path: string;
  /** The working directory. */
  cwd: string;
  /** The wall clock. */
  now(): Date;
}

/**
 * Creates the reporter that writes JUnit XML when the run ends, creating
 * parent directories and replacing the file atomically (a device, a FIFO or
 * `/dev/stdout` is written in place; see `atomic_write.ts`).
 *
 * @param options The path, the working directory and the clock.
 * @returns A reporter with only `onEnd`; `onEnd` throws an `Error` naming the
 * path (the I/O error as its cause) when the file cannot be written.
 *
 * @example
 * ```ts
 * import { createJUnitReporter } from "./junit.ts";
 * import { createArtifact } from "../artifact/artifact.ts";
 * import assert from "node:assert/strict";
 *
 * const cwd = await Deno.makeTempDir();
 * const artifact = createArtifact({
 *   runId: "r1", mode: "full", startedAt: new Date(0), finishedAt: new Date(1),
 *   version: "0.1.0", environment: { deno: "2", os: "linux", arch: "x86_64", ci: false },
 *   selection: { fixtureIds: [] }, fixtures: [],
 * });
 * const reporter = createJUnitReporter({ path: "reports/junit.xml", cwd, now: () => new Date(0) });
 * await reporter.onEnd!({ ends: [], artifact, artifactPath: "runs/r1.json" });
 * assert.match(await Deno.readTextFile(`${cwd}/reports/junit.xml`), /<testsuites /);
 * await Deno.remove(cwd, { recursive: true });
 * ```
 */
export function createJUnitReporter(options: JUnitReporterOptions): Reporter {
  return {
    async onEnd(run: RunEnd) {
      const target = resolve(options.cwd, options.path);
      const xml = renderJUnit(run, { now: options.now() });
      try {
        await writeFileAtomic(target, xml, { createParents: true });
      } catch (error) {
        if (!isWriteFailure(error)) throw error;
        throw new Error(
          `Cannot write JUnit XML to "${options.path}": ${describeWriteFailure(error)}`,
          { cause: error },
        );
      }
    },
  };
}
