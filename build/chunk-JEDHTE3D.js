import {
  idList
} from "./chunk-2N47EPJ5.js";

// lib/artifact/failure_causes.ts
var MAX_TEXT_CHARS = 256 * 1024;
var MAX_LINE_CHARS = 2e3;
var MAX_LINES = 4e3;
var NEAR = 3;
var ANSI = /\x1b\[[0-9;?]{0,32}[A-Za-z]/g;
var PERMISSION = /\bRequires ([a-z]{1,16}) access to "([^"\n]{1,500})"/;
var DNS = /ENOTFOUND|EAI_AGAIN|Could not resolve host|dns error|failed to lookup address|Name or service not known|nodename nor servname|Temporary failure in name resolution|no such host|getaddrinfo/i;
var DNS_HOST = [
  /ENOTFOUND ([A-Za-z0-9._-]{1,253})/,
  /EAI_AGAIN ([A-Za-z0-9._-]{1,253})/,
  /Could not resolve host: ([A-Za-z0-9._-]{1,253})/i,
  /\blookup ([A-Za-z0-9._-]{1,253}) on /
];
var REFUSED = /ECONNREFUSED|connection refused|ConnectionRefused|curl: \(7\)|Couldn't connect to server/i;
var RESET = /ECONNRESET|connection reset|ConnectionReset|curl: \(56\)/i;
var NODE_ADDRESS = /\bE(?:CONNREFUSED|CONNRESET) ([0-9A-Fa-f:.]{2,60}):(\d{1,5})\b/;
var CURL_ADDRESS = /Failed to connect to ([^\s]{1,253}) port (\d{1,5})\b/;
var PYTHON_ADDRESS = /host='([^'\s]{1,253})', port=(\d{1,5})\b/;
var STATUS = [
  /\bHTTP(?:\/\d(?:\.\d)?)?[ :]{1,3}([45]\d\d)\b/,
  /\bstatus(?: code)?[ :=]{1,3}([45]\d\d)\b/i,
  /\b([45]\d\d) (?:Bad Request|Unauthorized|Forbidden|Not Found|Method Not Allowed|Request Timeout|Conflict|Too Many Requests|Internal Server Error|Not Implemented|Bad Gateway|Service Unavailable|Gateway Timeout)\b/
];
var URL_ORIGIN = /\b(https?):\/\/(?:[^\s/@"'<>]{1,256}@)?(\[[0-9A-Fa-f:.]{2,45}\]|[A-Za-z0-9.-]{1,253})(?::(\d{1,5}))?/gi;
var HOST_PORT = /(?<![\w.\/:@-])(\[[0-9A-Fa-f:.]{2,45}\]|[A-Za-z0-9-]{1,63}(?:\.[A-Za-z0-9-]{1,63}){0,8}):(\d{1,5})(?!\d|:\d|\.\d)/g;
var normalHost = (function normalHost(host) {
  let h = host.toLowerCase();
  if (h.endsWith(".")) h = h.slice(0, -1);
  if (!h.startsWith("[") && h.includes(":")) h = `[${h}]`;
  return h;
});
var validPort = (function validPort(text) {
  if (text === void 0) return void 0;
  const port = Number(text);
  return port >= 1 && port <= 65535 ? port : void 0;
});
var urls = (function urls(line) {
  const found = [];
  for (const m of line.matchAll(URL_ORIGIN)) {
    const scheme = m[1].toLowerCase();
    const port = m[3] === void 0 ? scheme === "https" ? 443 : 80 : validPort(m[3]);
    if (port === void 0 || !/[A-Za-z0-9\]]/.test(m[2])) continue;
    found.push({
      scheme,
      host: normalHost(m[2]),
      port
    });
  }
  return found;
});
var hostPorts = (function hostPorts(line) {
  const found = [];
  for (const m of line.matchAll(HOST_PORT)) {
    const port = validPort(m[2]);
    const host = m[1];
    const named = host.startsWith("[") || host.includes(".") || host.toLowerCase() === "localhost";
    if (port !== void 0 && named) found.push({
      host: normalHost(host),
      port
    });
  }
  return found;
});
var near = (function near(lines, i) {
  const out = [
    lines[i]
  ];
  for (let d = 1; d <= NEAR; d++) {
    if (i - d >= 0) out.push(lines[i - d]);
    if (i + d < lines.length) out.push(lines[i + d]);
  }
  return out;
});
var nearAddress = (function nearAddress(lines, i, options) {
  for (const line of near(lines, i)) {
    const url = urls(line)[0];
    if (url) return url;
    if (options.url) continue;
    const hp = hostPorts(line)[0];
    if (hp) return hp;
  }
  return void 0;
});
var endpoint = (function endpoint(kind, o) {
  const address = `${o.host}:${o.port}`;
  const what = kind === "connection-refused" ? "connection refused" : "connection reset";
  return {
    kind,
    address,
    label: `${what} on ${address}`
  };
});
var connection = (function connection(kind, lines, i) {
  const line = lines[i];
  const node = NODE_ADDRESS.exec(line);
  const nodePort = validPort(node?.[2]);
  if (node && nodePort) return endpoint(kind, {
    host: normalHost(node[1]),
    port: nodePort
  });
  for (const re of [
    CURL_ADDRESS,
    PYTHON_ADDRESS
  ]) {
    const m = re.exec(line);
    const port = validPort(m?.[2]);
    if (m && port) return endpoint(kind, {
      host: normalHost(m[1]),
      port
    });
  }
  const o = nearAddress(lines, i, {
    url: false
  });
  return o ? endpoint(kind, o) : void 0;
});
var firstGroup = (function firstGroup(patterns, line) {
  for (const re of patterns) {
    const m = re.exec(line);
    if (m) return m[1];
  }
  return void 0;
});
var dns = (function dns(lines, i) {
  let host = firstGroup(DNS_HOST, lines[i]);
  host ??= nearAddress(lines, i, {
    url: true
  })?.host;
  if (!host || !/[A-Za-z0-9]/.test(host)) return void 0;
  const address = normalHost(host);
  return {
    kind: "dns",
    address,
    label: `DNS lookup failed for ${address}`
  };
});
var status = (function status(lines, i) {
  const code = firstGroup(STATUS, lines[i]);
  if (!code) return void 0;
  const o = nearAddress(lines, i, {
    url: true
  });
  if (!o) return void 0;
  const origin = `${o.scheme}://${o.host}:${o.port}`;
  return {
    kind: "http-status",
    address: `${code} ${origin}`,
    label: `HTTP ${code} from ${origin}`
  };
});
var causeOfLine = (function causeOfLine(lines, i) {
  const line = lines[i];
  const permission = PERMISSION.exec(line);
  if (permission) {
    const [, what, target] = permission;
    return {
      kind: "permission",
      address: `${what} ${target}`,
      label: `permission denied: ${what} access to "${target}"`
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
});
var causeOf = (function causeOf(text) {
  const clean = text.slice(0, MAX_TEXT_CHARS).replace(ANSI, "");
  const lines = clean.split("\n", MAX_LINES).map(((line) => line.slice(0, MAX_LINE_CHARS)));
  for (let i = 0; i < lines.length; i++) {
    const cause = causeOfLine(lines, i);
    if (cause) return cause;
  }
  return void 0;
});
var fixtureCause = (function fixtureCause(result) {
  for (const text of [
    result.failure?.message,
    result.stderrTail,
    result.stdoutTail
  ]) {
    const cause = text ? causeOf(text) : void 0;
    if (cause) return cause;
  }
  return void 0;
});
var groupCauses = (function groupCauses(results, options = {}) {
  const min = Math.max(1, options.min ?? 3);
  const groups = /* @__PURE__ */ new Map();
  for (const result of results) {
    const cause = fixtureCause(result);
    if (!cause) continue;
    const key = `${cause.kind}
${cause.address}`;
    const group = groups.get(key);
    if (group) group.ids.push(result.id);
    else groups.set(key, {
      cause,
      ids: [
        result.id
      ]
    });
  }
  return [
    ...groups.values()
  ].filter(((g) => g.ids.length >= min)).sort(((a, b) => b.ids.length - a.ids.length || (a.cause.label < b.cause.label ? -1 : a.cause.label > b.cause.label ? 1 : 0)));
});
var causeGroupLine = (function causeGroupLine(group, options = {}) {
  const show = options.id ?? (((id) => id));
  return `${group.ids.length} failures share one cause: ${group.cause.label} (${idList(group.ids.map(show))})`;
});

export {
  groupCauses,
  causeGroupLine
};
//# sourceMappingURL=chunk-JEDHTE3D.js.map
