/**
 * One cause for many failures: a cause signature read from a failure's
 * message and output (connection refused or reset on a host:port, a DNS name
 * that does not resolve, an HTTP status from an origin, a Deno permission
 * denial), and the groups of failed fixtures that share one. Pure; used by
 * the console, the GitHub step summary and the rerun guard. The text is
 * untrusted: the work is bounded (capped length, linear-time patterns only).
 *
 * @module
 */
import { idList } from "../base/id_list.ts";

/** What kind of cause a signature names. */
export type CauseKind =
  | "connection-refused"
  | "connection-reset"
  | "dns"
  | "http-status"
  | "permission";

/** A cause signature: failures with equal kind and address share one cause. */
export interface Cause {
  /** What went wrong. */
  kind: CauseKind;
  /**
   * Where, normalised: `host:port` (refused, reset), a host name (dns),
   * `503 http://host:port` (http-status), `net localhost:8000` (permission).
   */
  address: string;
  /** For people: `connection refused on 127.0.0.1:8000`. */
  label: string;
}

/** What {@linkcode groupCauses} reads of a failed fixture. */
export interface CauseInput {
  /** The fixture id. */
  id: string;
  /** Why it failed. */
  failure?: { message: string } | undefined;
  /** The end of its standard error. */
  stderrTail?: string | undefined;
  /** The end of its standard output. */
  stdoutTail?: string | undefined;
}

/** Failed fixtures that share one cause. */
export interface CauseGroup {
  /** The shared cause. */
  cause: Cause;
  /** The fixtures, in the order given. */
  ids: string[];
}

/** Options for {@linkcode groupCauses}. */
export interface GroupOptions {
  /** The fewest fixtures that make a group (default 3). */
  min?: number;
}

/** At most this much of a text is read. */
const MAX_TEXT_CHARS = 256 * 1024;
/** At most this much of a line is read. */
const MAX_LINE_CHARS = 2000;
/** At most this many lines are read. */
const MAX_LINES = 4000;
/** How many lines either side of a cause are searched for its address. */
const NEAR = 3;

// Every pattern starts at a literal or has bounded quantifiers: linear in the line's length.
// deno-lint-ignore no-control-regex
const ANSI = /\x1b\[[0-9;?]{0,32}[A-Za-z]/g;
const PERMISSION = /\bRequires ([a-z]{1,16}) access to "([^"\n]{1,500})"/;
const DNS =
  /ENOTFOUND|EAI_AGAIN|Could not resolve host|dns error|failed to lookup address|Name or service not known|nodename nor servname|Temporary failure in name resolution|no such host|getaddrinfo/i;
const DNS_HOST = [
  /ENOTFOUND ([A-Za-z0-9._-]{1,253})/,
  /EAI_AGAIN ([A-Za-z0-9._-]{1,253})/,
  /Could not resolve host: ([A-Za-z0-9._-]{1,253})/i,
  /\blookup ([A-Za-z0-9._-]{1,253}) on /,
];
const REFUSED =
  /ECONNREFUSED|connection refused|ConnectionRefused|curl: \(7\)|Couldn't connect to server/i;
const RESET = /ECONNRESET|connection reset|ConnectionReset|curl: \(56\)/i;
const NODE_ADDRESS = /\bE(?:CONNREFUSED|CONNRESET) ([0-9A-Fa-f:.]{2,60}):(\d{1,5})\b/;
const CURL_ADDRESS = /Failed to connect to ([^\s]{1,253}) port (\d{1,5})\b/;
const PYTHON_ADDRESS = /host='([^'\s]{1,253})', port=(\d{1,5})\b/;
const STATUS = [
  /\bHTTP(?:\/\d(?:\.\d)?)?[ :]{1,3}([45]\d\d)\b/,
  /\bstatus(?: code)?[ :=]{1,3}([45]\d\d)\b/i,
  /\b([45]\d\d) (?:Bad Request|Unauthorized|Forbidden|Not Found|Method Not Allowed|Request Timeout|Conflict|Too Many Requests|Internal Server Error|Not Implemented|Bad Gateway|Service Unavailable|Gateway Timeout)\b/,
];
const URL_ORIGIN =
  /\b(https?):\/\/(?:[^\s/@"'<>]{1,256}@)?(\[[0-9A-Fa-f:.]{2,45}\]|[A-Za-z0-9.-]{1,253})(?::(\d{1,5}))?/gi;
const HOST_PORT =
  /(?<![\w.\/:@-])(\[[0-9A-Fa-f:.]{2,45}\]|[A-Za-z0-9-]{1,63}(?:\.[A-Za-z0-9-]{1,63}){0,8}):(\d{1,5})(?!\d|:\d|\.\d)/g;

interface Origin {
  scheme?: string;
  host: string;
  port?: number;
}

function normalHost(host: string): string {
  let h = host.toLowerCase();
  if (h.endsWith(".")) h = h.slice(0, -1);
  // A bare IPv6 address (Node prints `::1:8000`) gets brackets, as in a URL.
  if (!h.startsWith("[") && h.includes(":")) h = `[${h}]`;
  return h;
}

function validPort(text: string | undefined): number | undefined {
  if (text === undefined) return undefined;
  const port = Number(text);
  return port >= 1 && port <= 65535 ? port : undefined;
}

function urls(line: string): Origin[] {
  const found: Origin[] = [];
  for (const m of line.matchAll(URL_ORIGIN)) {
    const scheme = m[1].toLowerCase();
    const port = m[3] === undefined ? (scheme === "https" ? 443 : 80) : validPort(m[3]);
    if (port === undefined || !/[A-Za-z0-9\]]/.test(m[2])) continue;
    found.push({ scheme, host: normalHost(m[2]), port });
  }
  return found;
}

function hostPorts(line: string): Origin[] {
  const found: Origin[] = [];
  for (const m of line.matchAll(HOST_PORT)) {
    const port = validPort(m[2]);
    // A bare word before a colon (`error:8`) is no host: a name has a dot, or is localhost.
    const host = m[1];
    const named = host.startsWith("[") || host.includes(".") || host.toLowerCase() === "localhost";
    if (port !== undefined && named) found.push({ host: normalHost(host), port });
  }
  return found;
}

/** Lines nearest first: the line itself, then one before, one after, two before, ... */
function near(lines: readonly string[], i: number): string[] {
  const out = [lines[i]];
  for (let d = 1; d <= NEAR; d++) {
    if (i - d >= 0) out.push(lines[i - d]);
    if (i + d < lines.length) out.push(lines[i + d]);
  }
  return out;
}

/** The first address near line i: a URL, else a host:port. */
function nearAddress(
  lines: readonly string[],
  i: number,
  options: { url: boolean },
): Origin | undefined {
  for (const line of near(lines, i)) {
    const url = urls(line)[0];
    if (url) return url;
    if (options.url) continue;
    const hp = hostPorts(line)[0];
    if (hp) return hp;
  }
  return undefined;
}

function endpoint(kind: "connection-refused" | "connection-reset", o: Origin): Cause {
  const address = `${o.host}:${o.port}`;
  const what = kind === "connection-refused" ? "connection refused" : "connection reset";
  return { kind, address, label: `${what} on ${address}` };
}

function connection(
  kind: "connection-refused" | "connection-reset",
  lines: readonly string[],
  i: number,
): Cause | undefined {
  const line = lines[i];
  const node = NODE_ADDRESS.exec(line);
  const nodePort = validPort(node?.[2]);
  if (node && nodePort) return endpoint(kind, { host: normalHost(node[1]), port: nodePort });
  for (const re of [CURL_ADDRESS, PYTHON_ADDRESS]) {
    const m = re.exec(line);
    const port = validPort(m?.[2]);
    if (m && port) return endpoint(kind, { host: normalHost(m[1]), port });
  }
  const o = nearAddress(lines, i, { url: false });
  return o ? endpoint(kind, o) : undefined;
}

/** The first group of the first pattern that matches the line. */
function firstGroup(patterns: readonly RegExp[], line: string): string | undefined {
  for (const re of patterns) {
    const m = re.exec(line);
    if (m) return m[1];
  }
  return undefined;
}

function dns(lines: readonly string[], i: number): Cause | undefined {
  let host = firstGroup(DNS_HOST, lines[i]);
  host ??= nearAddress(lines, i, { url: true })?.host;
  if (!host || !/[A-Za-z0-9]/.test(host)) return undefined;
  const address = normalHost(host);
  return { kind: "dns", address, label: `DNS lookup failed for ${address}` };
}

function status(lines: readonly string[], i: number): Cause | undefined {
  const code = firstGroup(STATUS, lines[i]);
  if (!code) return undefined;
  const o = nearAddress(lines, i, { url: true });
  if (!o) return undefined;
  const origin = `${o.scheme}://${o.host}:${o.port}`;
  return {
    kind: "http-status",
    address: `${code} ${origin}`,
    label: `HTTP ${code} from ${origin}`,
  };
}

function causeOfLine(lines: readonly string[], i: number): Cause | undefined {
  const line = lines[i];
  const permission = PERMISSION.exec(line);
  if (permission) {
    const [, what, target] = permission;
    return {
      kind: "permission",
      address: `${what} ${target}`,
      label: `permission denied: ${what} access to "${target}"`,
    };
  }
  if (DNS.test(line)) {
    const cause = dns(lines, i);
    if (cause) return cause;
  }
  if (REFUSED.test(line)) {
    const cause = connection("connection-refused", lines, i);
    if (cause) return cause;
  }
  if (RESET.test(line)) {
    const cause = connection("connection-reset", lines, i);
    if (cause) return cause;
  }
  return status(lines, i);
}

/**
 * The cause signature of a failure's text, when it names one: connection
 * refused or reset on a host:port, a DNS name that does not resolve, an HTTP
 * status (4xx, 5xx) from an origin, or a Deno permission denial, as Deno,
 * Node, curl and Go print them. The address is taken from the same line, else
 * from the nearest of the three lines either side; a cause with no address
 * there is no signature. Addresses are normalised (host lowercase, IPv6 in
 * brackets, the default port of http and https made explicit), but
 * `localhost` and `127.0.0.1` stay distinct. The first line with a cause wins.
 *
 * @param text A failure's message or output tail (untrusted; the first 256 KiB are read).
 * @returns The cause, or undefined.
 *
 * @example
 * ```ts
 * import { causeOf } from "./failure_causes.ts";
 * import assert from "node:assert/strict";
 *
 * assert.deepEqual(causeOf("Error: connect ECONNREFUSED 127.0.0.1:8000"), {
 *   kind: "connection-refused", address: "127.0.0.1:8000",
 *   label: "connection refused on 127.0.0.1:8000",
 * });
 * assert.equal(causeOf("curl: (6) Could not resolve host: api.internal")?.label,
 *   "DNS lookup failed for api.internal");
 * assert.equal(causeOf("AssertionError: 2 !== 3"), undefined);
 * ```
 */
export function causeOf(text: string): Cause | undefined {
  const clean = text.slice(0, MAX_TEXT_CHARS).replace(ANSI, "");
  const lines = clean.split("\n", MAX_LINES).map((line) => line.slice(0, MAX_LINE_CHARS));
  for (let i = 0; i < lines.length; i++) {
    const cause = causeOfLine(lines, i);
    if (cause) return cause;
  }
  return undefined;
}

/**
 * A failed fixture's cause: the first found in its message, its stderr
 * tail, then its stdout tail.
 *
 * @param result A failed fixture's message and tails.
 * @returns The cause, or undefined.
 *
 * @example
 * ```ts
 * import { fixtureCause } from "./failure_causes.ts";
 * import assert from "node:assert/strict";
 *
 * const cause = fixtureCause({
 *   id: "api/a", failure: { message: "Exited with code 1, expected 0" },
 *   stderrTail: "curl: (7) Failed to connect to localhost port 8000 after 0 ms: Couldn't connect to server\n",
 * });
 * assert.equal(cause?.label, "connection refused on localhost:8000");
 * ```
 */
export function fixtureCause(result: CauseInput): Cause | undefined {
  for (const text of [result.failure?.message, result.stderrTail, result.stdoutTail]) {
    const cause = text ? causeOf(text) : undefined;
    if (cause) return cause;
  }
  return undefined;
}

/**
 * The groups of failed fixtures that share one cause (see
 * {@linkcode fixtureCause}): each of at least `min` fixtures, biggest first,
 * ties by label. A fixture belongs to one group at most.
 *
 * @param results The failed fixtures.
 * @param options The fewest fixtures that make a group (default 3).
 * @returns The groups; empty when none is big enough.
 *
 * @example
 * ```ts
 * import { groupCauses } from "./failure_causes.ts";
 * import assert from "node:assert/strict";
 *
 * const refused = (id: string) => ({ id, stderrTail: `connect ECONNREFUSED 127.0.0.1:8000\n` });
 * const groups = groupCauses([refused("a"), refused("b"), { id: "c" }, refused("d")]);
 * assert.deepEqual(groups.map((g) => [g.cause.label, g.ids]), [
 *   ["connection refused on 127.0.0.1:8000", ["a", "b", "d"]],
 * ]);
 * assert.deepEqual(groupCauses([refused("a"), refused("b")]), []);
 * ```
 */
export function groupCauses(
  results: readonly CauseInput[],
  options: GroupOptions = {},
): CauseGroup[] {
  const min = Math.max(1, options.min ?? 3);
  const groups = new Map<string, CauseGroup>();
  for (const result of results) {
    const cause = fixtureCause(result);
    if (!cause) continue;
    const key = `${cause.kind}\n${cause.address}`;
    const group = groups.get(key);
    if (group) group.ids.push(result.id);
    else groups.set(key, { cause, ids: [result.id] });
  }
  return [...groups.values()]
    .filter((g) => g.ids.length >= min)
    .sort((a, b) =>
      b.ids.length - a.ids.length ||
      (a.cause.label < b.cause.label ? -1 : a.cause.label > b.cause.label ? 1 : 0)
    );
}

/** Options for {@linkcode causeGroupLine}. */
export interface GroupLineOptions {
  /** How an id is shown (default as it is). */
  id?: (id: string) => string;
}

/**
 * The one line that names a group: how many failures, the cause and its
 * address, then the fixtures (the first few, then how many more).
 *
 * @param group A group from {@linkcode groupCauses}.
 * @param options How ids are shown.
 * @returns The line, without a newline.
 *
 * @example
 * ```ts
 * import { causeGroupLine } from "./failure_causes.ts";
 * import assert from "node:assert/strict";
 *
 * const group = {
 *   cause: { kind: "connection-refused" as const, address: "127.0.0.1:8000", label: "connection refused on 127.0.0.1:8000" },
 *   ids: ["api/a", "api/b", "api/c", "api/d"],
 * };
 * assert.equal(causeGroupLine(group),
 *   "4 failures share one cause: connection refused on 127.0.0.1:8000 (api/a, api/b, api/c, api/d)");
 * ```
 */
export function causeGroupLine(group: CauseGroup, options: GroupLineOptions = {}): string {
  const show = options.id ?? ((id: string) => id);
  return `${group.ids.length} failures share one cause: ${group.cause.label} (${
    idList(group.ids.map(show))
  })`;
}
