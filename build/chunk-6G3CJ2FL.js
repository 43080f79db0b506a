import {
  shellQuote
} from "./chunk-DBSKOPQR.js";
import {
  dirname,
  fromFileUrl,
  join,
  relative,
  resolve
} from "./chunk-UZCZWFUL.js";
import {
  sha256Hex
} from "./chunk-4SYLYQRO.js";
import {
  parseJsonc
} from "./chunk-IEQXTUCM.js";
import {
  MAX_INPUT_BYTES,
  readRegularFile,
  readRegularTextFileSync
} from "./chunk-UXUXC4ZF.js";
import {
  UserError
} from "./chunk-WBZQOSKS.js";

// lib/config/services.ts
var SERVICE_TIMEOUT_MS = 6e4;
var SERVICE_INTERVAL_MS = 250;
var CHECKS = [
  "url",
  "port",
  "stdoutIncludes"
];
var serviceVariable = (function serviceVariable(name) {
  return name.toUpperCase().replaceAll("-", "_");
});
var serviceIssues = (function serviceIssues(config) {
  const issues = [];
  const issue = ((path, message) => issues.push({
    path: [
      "services",
      ...path
    ],
    message,
    code: "invalid-value"
  }));
  const names = /* @__PURE__ */ new Map();
  (config.services ?? []).forEach(((service, index) => {
    const { ready } = service;
    const checks = CHECKS.filter(((check) => ready[check] !== void 0));
    if (checks.length !== 1) {
      issue([
        index,
        "ready"
      ], checks.length === 0 ? 'needs one check: "url", "port" or "stdoutIncludes"' : `has ${checks.map(((c) => `"${c}"`)).join(" and ")}: give exactly one check`);
    }
    if (ready.host !== void 0 && ready.port === void 0) {
      issue([
        index,
        "ready",
        "host"
      ], 'works only with "port"');
    }
    if (ready.url !== void 0 && !URL.canParse(ready.url)) {
      issue([
        index,
        "ready",
        "url"
      ], "is not a URL that can be parsed");
    }
    if (service.reuseExisting && ready.stdoutIncludes !== void 0) {
      issue([
        index,
        "reuseExisting"
      ], `needs a "url" or "port" check: an existing server's output cannot be read`);
    }
    const variable = serviceVariable(service.name);
    const first = names.get(variable);
    if (first !== void 0) {
      issue([
        index,
        "name"
      ], `"${service.name}" is taken by services[${first}] ("${config.services[first].name}"; both would be SMOKE_SERVICE_${variable}_*)`);
    } else names.set(variable, index);
  }));
  return issues;
});
var serviceEnvironment = (function serviceEnvironment(services) {
  const env = {};
  for (const service of services) {
    const prefix = `SMOKE_SERVICE_${serviceVariable(service.name)}_`;
    const { url, port, host } = service.ready;
    if (url !== void 0 && URL.canParse(url)) {
      const parsed = new URL(url);
      env[`${prefix}URL`] = url;
      env[`${prefix}HOST`] = parsed.hostname.replace(/^\[(.*)\]$/, "$1");
      env[`${prefix}PORT`] = parsed.port || (parsed.protocol === "https:" ? "443" : "80");
    } else if (port !== void 0) {
      env[`${prefix}HOST`] = host ?? "127.0.0.1";
      env[`${prefix}PORT`] = String(port);
    }
  }
  return env;
});
var redactUrl = (function redactUrl(url) {
  return url.replace(/^(https?:\/\/[^/@:]*):[^/@]*@/i, "$1:***@");
});
var describeReady = (function describeReady(ready) {
  if (ready.url !== void 0) return `GET ${redactUrl(ready.url)} answers 2xx or 3xx`;
  if (ready.port !== void 0) {
    const host = ready.host ?? "127.0.0.1";
    return `${host.includes(":") ? `[${host}]` : host}:${ready.port} accepts a TCP connection`;
  }
  return `its output includes ${JSON.stringify(ready.stdoutIncludes ?? "")}`;
});
var serviceDryRunLines = (function serviceDryRunLines(services, options) {
  if (services.length === 0) return [];
  return [
    options.noServices ? "Services (not started: --no-services; their SMOKE_SERVICE_* variables are still set):" : "Services (started in this order before the fixtures, stopped after them):",
    ...services.map(((service) => {
      const timeout = (service.ready.timeoutMs ?? SERVICE_TIMEOUT_MS) / 1e3;
      const reuse = service.reuseExisting ? "; reused when already ready" : "";
      const cwd = service.cwd ? ` in ${JSON.stringify(service.cwd)}` : "";
      return `  ${service.name}: ${JSON.stringify(service.command)}${cwd}; ready when ${describeReady(service.ready)} (timeout ${timeout}s)${reuse}`;
    }))
  ];
});

// lib/catalog/fingerprint.ts
var MAX_FINGERPRINT_BYTES = 16 * 1024 * 1024;
var encoder = new TextEncoder();
var fingerprintFixture = (async function fingerprintFixture(fixture, cwd) {
  const parts = [];
  const files = [
    [
      "manifest",
      fixture.manifestFile === void 0 ? void 0 : resolve(cwd, fixture.manifestFile)
    ],
    [
      "script",
      fixture.script
    ]
  ];
  for (const [role, path] of files) {
    if (path === void 0) continue;
    const read = await readRegularFile(path, {
      maxBytes: MAX_FINGERPRINT_BYTES,
      what: role
    });
    if (!read.ok) return void 0;
    parts.push(encoder.encode(`${role}\0${read.value.length}\0`), read.value);
  }
  if (parts.length === 0) return void 0;
  const total = parts.reduce(((n, part) => n + part.length), 0);
  const bytes = new Uint8Array(total);
  let at = 0;
  for (const part of parts) {
    bytes.set(part, at);
    at += part.length;
  }
  return await sha256Hex(bytes);
});
var fingerprintFixtures = (async function fingerprintFixtures(fixtures, cwd) {
  const out = /* @__PURE__ */ new Map();
  let next = 0;
  const worker = (async () => {
    while (next < fixtures.length) {
      const fixture = fixtures[next++];
      const print = await fingerprintFixture(fixture, cwd);
      if (print !== void 0) out.set(fixture.id, print);
    }
  });
  await Promise.all(Array.from({
    length: Math.min(8, fixtures.length)
  }, worker));
  return out;
});

// lib/cli/runtime.ts
var hasSmokeTask = (function hasSmokeTask(dir) {
  for (const name of [
    "deno.json",
    "deno.jsonc"
  ]) {
    const read = readRegularTextFileSync(join(dir, name), {
      maxBytes: MAX_INPUT_BYTES,
      what: name
    });
    if (!read.ok) continue;
    const parsed = parseJsonc(read.value);
    const tasks = parsed.ok ? parsed.value?.tasks : void 0;
    if (tasks && typeof tasks === "object" && "smoke" in tasks) return true;
  }
  return false;
});
var runtimeInfo = (function runtimeInfo(entryUrl, facts = runtimeFacts(Deno.cwd())) {
  if (facts.compiled) return {
    kind: "binary",
    invocation: facts.execPath,
    deno: "deno"
  };
  if (!entryUrl.startsWith("file:")) {
    return {
      kind: entryUrl.endsWith(".js") ? "bundle" : "script",
      invocation: `deno run -A ${shellQuote([
        entryUrl
      ])}`,
      deno: facts.execPath
    };
  }
  const entry = fromFileUrl(entryUrl);
  if (entryUrl.endsWith(".js")) {
    return {
      kind: "bundle",
      invocation: `deno run -A ${shellQuote([
        entry
      ])}`,
      deno: facts.execPath
    };
  }
  const local = facts.cwd === void 0 || dirname(entry) === facts.cwd || (facts.smokeTask ?? false);
  return {
    kind: "script",
    invocation: local ? "deno task smoke" : `deno run -A ${shellQuote([
      entry
    ])}`,
    deno: facts.execPath
  };
});
var runtimeFacts = (function runtimeFacts(cwd) {
  return {
    execPath: Deno.execPath(),
    compiled: isCompiled(),
    cwd,
    smokeTask: hasSmokeTask(cwd)
  };
});
var isCompiled = (function isCompiled() {
  const standalone = Deno.build.standalone;
  if (typeof standalone === "boolean") return standalone;
  return !/(^|[\\/])deno(\.exe)?$/.test(Deno.execPath());
});
var runEnvironment = (function runEnvironment(env) {
  return {
    deno: Deno.version.deno,
    os: Deno.build.os,
    arch: Deno.build.arch,
    ci: Boolean(env.CI && env.CI !== "false"),
    hostname: Deno.hostname()
  };
});
var displayPath = (function displayPath(path, cwd) {
  const rel = relative(cwd, path);
  return rel && !rel.startsWith("..") ? rel : path;
});
var workingDirectory = (function workingDirectory() {
  try {
    return Deno.cwd();
  } catch (error) {
    const [why, hint] = error instanceof Deno.errors.InvalidData ? [
      "its path is not valid UTF-8",
      "Run smoke from a folder whose path is UTF-8 (rename the folder, or move the project)."
    ] : error instanceof Deno.errors.NotFound ? [
      "it no longer exists",
      "Change to an existing folder and run smoke again."
    ] : [];
    if (why === void 0) throw error;
    throw new UserError(`Cannot use the working directory: ${why}`, {
      kind: "usage",
      hints: [
        hint
      ]
    });
  }
});

// lib/base/_suggest.ts
var distance = (function distance(a, b) {
  const row = Array.from({
    length: b.length + 1
  }, ((_, i) => i));
  for (let i = 1; i <= a.length; i++) {
    let previous = row[0];
    row[0] = i;
    for (let j = 1; j <= b.length; j++) {
      const current = row[j];
      row[j] = Math.min(row[j] + 1, row[j - 1] + 1, previous + (a[i - 1] === b[j - 1] ? 0 : 1));
      previous = current;
    }
  }
  return row[b.length];
});
var MAX_SUGGESTED_LENGTH = 256;
var closest = (function closest(input, candidates) {
  if (input.length > MAX_SUGGESTED_LENGTH) return void 0;
  const limit = Math.max(2, Math.ceil(input.length / 2));
  let best;
  let bestScore = Infinity;
  for (const candidate of candidates) {
    const apart = Math.abs(candidate.length - input.length);
    if (apart > limit && !candidate.includes(input)) continue;
    const score = candidate.includes(input) || input.includes(candidate) ? apart / 2 : distance(input, candidate);
    if (score < bestScore) {
      best = candidate;
      bestScore = score;
    }
  }
  return bestScore <= limit ? best : void 0;
});

// lib/config/limits.ts
var MAX_TIMEOUT_MS = 2147483647;
var MAX_RETRIES = 100;

// lib/catalog/needs.ts
var needsProblems = (function needsProblems(nodes) {
  const needing = nodes.filter(((n) => n.needs.length > 0));
  if (needing.length === 0) return [];
  const byId = new Map(nodes.map(((n) => [
    n.id,
    n
  ])));
  const ids = [
    ...byId.keys()
  ];
  const problems = [];
  for (const node of needing) {
    for (const need of node.needs) {
      if (need === node.id) {
        problems.push({
          id: node.id,
          message: "needs itself",
          hint: `Remove "${need}" from its "needs".`
        });
      } else if (!byId.has(need)) {
        const near = closest(need, ids);
        problems.push({
          id: node.id,
          message: `needs "${need}", which is not a fixture${near ? ` (did you mean "${near}"?)` : ""}`,
          hint: "needs takes fixture ids, as --list shows them (not patterns)."
        });
      } else if (byId.get(need).teardown) {
        problems.push({
          id: node.id,
          message: `needs "${need}", a teardown (teardowns run last; nothing can need one)`,
          hint: `Remove "${need}" from its "needs", or make "${need}" a fixture of its own.`
        });
      }
    }
  }
  const state = /* @__PURE__ */ new Map();
  const reported = /* @__PURE__ */ new Set();
  const path = [];
  const frames = [];
  const enter = ((id) => {
    state.set(id, "open");
    path.push(id);
    frames.push({
      id,
      needs: [
        ...byId.get(id)?.needs ?? []
      ].sort(),
      next: 0
    });
  });
  const visit = ((root) => {
    enter(root);
    while (frames.length > 0) {
      const frame = frames[frames.length - 1];
      if (frame.next === frame.needs.length) {
        frames.pop();
        path.pop();
        state.set(frame.id, "done");
        continue;
      }
      const id = frame.id;
      const need = frame.needs[frame.next++];
      if (!byId.has(need) || need === id) continue;
      if (state.get(need) === "open") {
        const cycle = path.slice(path.indexOf(need));
        const start = cycle.indexOf([
          ...cycle
        ].sort()[0]);
        const turned = [
          ...cycle.slice(start),
          ...cycle.slice(0, start)
        ];
        const key = [
          ...turned
        ].sort().join("\0");
        if (!reported.has(key)) {
          reported.add(key);
          problems.push({
            id: turned[0],
            message: `its needs form a cycle: ${[
              ...turned,
              turned[0]
            ].join(" -> ")}`,
            hint: "Remove one of these needs: a fixture cannot run before itself."
          });
        }
      } else if (!state.has(need)) enter(need);
    }
  });
  for (const id of needing.map(((n) => n.id)).sort()) if (!state.has(id)) visit(id);
  return problems.sort(((a, b) => a.id < b.id ? -1 : a.id > b.id ? 1 : 0));
});
var closeOverNeeds = (function closeOverNeeds(selected, nodes, skipped = skippedWhatever(nodes)) {
  const related = pullRelation(nodes, skipped);
  const ids = new Set(selected);
  const pulledIn = /* @__PURE__ */ new Map();
  const queue = [
    ...ids
  ];
  for (let next = 0; next < queue.length; next++) {
    const id = queue[next];
    const { needs, teardowns } = related(id);
    const pull = ((other, why) => {
      if (ids.has(other)) return;
      ids.add(other);
      pulledIn.set(other, why());
      queue.push(other);
    });
    for (const need of needs) pull(need, (() => `needed by ${id}`));
    for (const teardown of teardowns) pull(teardown, (() => `teardown of ${id}`));
  }
  return {
    ids,
    pulledIn
  };
});
var broughtBy = (function broughtBy(nodes, skipped = skippedWhatever(nodes), limit = Math.max(1 << 16, 8 * nodes.length)) {
  const related = pullRelation(nodes, skipped);
  const needs = needIndices(nodes);
  const closed = /* @__PURE__ */ new Map();
  let size = 0;
  for (const i of dependenciesFirst(nodes.map(((_, i2) => i2)), ((i2) => needs[i2]))) {
    const id = nodes[i].id;
    if (closed.has(id)) continue;
    const ids = /* @__PURE__ */ new Set([
      id
    ]);
    const queue = [
      id
    ];
    const take = ((other) => {
      if (ids.has(other)) return;
      const done = closed.get(other);
      if (done) {
        for (const o of done) ids.add(o);
      } else {
        ids.add(other);
        queue.push(other);
      }
    });
    for (let next = 0; next < queue.length; next++) {
      const { needs: needs2, teardowns } = related(queue[next]);
      for (const need of needs2) take(need);
      for (const teardown of teardowns) take(teardown);
    }
    size += ids.size;
    if (size > limit) return void 0;
    closed.set(id, ids);
  }
  for (const [id, ids] of closed) ids.delete(id);
  return closed;
});
var pullRelation = (function pullRelation(nodes, skipped) {
  const byId = new Map(nodes.map(((n) => [
    n.id,
    n
  ])));
  const teardownsOf = /* @__PURE__ */ new Map();
  for (const node of nodes) {
    if (!node.teardown) continue;
    for (const need of node.needs) {
      const list = teardownsOf.get(need);
      if (list) list.push(node.id);
      else teardownsOf.set(need, [
        node.id
      ]);
    }
  }
  const none = {
    needs: [],
    teardowns: []
  };
  const made = /* @__PURE__ */ new Map();
  return ((id) => {
    const node = byId.get(id);
    if (node === void 0 || node.skipReason !== void 0) return none;
    let relation = made.get(id);
    if (!relation) {
      const inert = skipped.has(id);
      relation = {
        needs: node.needs.filter(((need) => (!inert || skipped.has(need)) && byId.has(need))),
        teardowns: inert ? [] : teardownsOf.get(id) ?? []
      };
      made.set(id, relation);
    }
    return relation;
  });
});
var skippedAnyway = (function skippedAnyway(nodes) {
  const skipped = skippedWhatever(nodes);
  const reasons = /* @__PURE__ */ new Map();
  for (const node of nodes) {
    if (!skipped.has(node.id)) continue;
    const need = node.needs.find(((id) => skipped.has(id)));
    reasons.set(node.id, node.skipReason ?? (node.teardown ? "teardown: none of its needs ran" : `needs "${need}", which is skipped`));
  }
  return reasons;
});
var skippedWhatever = (function skippedWhatever(nodes) {
  if (!nodes.some(((node) => node.skipReason !== void 0))) return /* @__PURE__ */ new Set();
  const needs = needIndices(nodes);
  const skipped = nodes.map((() => false));
  for (const i of dependenciesFirst(nodes.map(((_, i2) => i2)), ((i2) => needs[i2]))) {
    const node = nodes[i];
    const isSkipped = ((n) => skipped[n]);
    skipped[i] = node.skipReason !== void 0 || (node.teardown ? needs[i].length > 0 && needs[i].every(isSkipped) : needs[i].some(isSkipped));
  }
  return new Set(nodes.filter(((_, i) => skipped[i])).map(((n) => n.id)));
});
var needIndices = (function needIndices(nodes) {
  const index = new Map(nodes.map(((n, i) => [
    n.id,
    i
  ])));
  return nodes.map(((n, self) => n.needs.map(((id) => index.get(id))).filter(((i) => i !== void 0 && i !== self))));
});
var dependenciesFirst = (function dependenciesFirst(indices, next) {
  const among = new Set(indices);
  const seen = /* @__PURE__ */ new Set();
  const order = [];
  for (const start of indices) {
    if (seen.has(start)) continue;
    seen.add(start);
    const frames = [
      [
        start,
        0
      ]
    ];
    while (frames.length > 0) {
      const frame = frames[frames.length - 1];
      const edges = next(frame[0]);
      if (frame[1] < edges.length) {
        const to = edges[frame[1]++];
        if (among.has(to) && !seen.has(to)) {
          seen.add(to);
          frames.push([
            to,
            0
          ]);
        }
      } else order.push(frames.pop()[0]);
    }
  }
  return order;
});

export {
  closest,
  SERVICE_TIMEOUT_MS,
  SERVICE_INTERVAL_MS,
  serviceIssues,
  serviceEnvironment,
  describeReady,
  serviceDryRunLines,
  MAX_TIMEOUT_MS,
  MAX_RETRIES,
  needsProblems,
  closeOverNeeds,
  broughtBy,
  skippedAnyway,
  skippedWhatever,
  needIndices,
  dependenciesFirst,
  fingerprintFixtures,
  runtimeInfo,
  runtimeFacts,
  runEnvironment,
  displayPath,
  workingDirectory
};
//# sourceMappingURL=chunk-6G3CJ2FL.js.map
