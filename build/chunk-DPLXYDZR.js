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
  parseJsonc,
  sha256Hex
} from "./chunk-ABES4YHD.js";
import {
  MAX_INPUT_BYTES,
  readRegularFile,
  readRegularTextFileSync
} from "./chunk-ZXG6X34Z.js";
import {
  UserError
} from "./chunk-GTHP53V7.js";

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

// lib/config/limits.ts
var MAX_TIMEOUT_MS = 2147483647;
var MAX_RETRIES = 100;

export {
  SERVICE_TIMEOUT_MS,
  SERVICE_INTERVAL_MS,
  serviceIssues,
  serviceEnvironment,
  describeReady,
  serviceDryRunLines,
  MAX_TIMEOUT_MS,
  MAX_RETRIES,
  fingerprintFixtures,
  runtimeInfo,
  runtimeFacts,
  runEnvironment,
  displayPath,
  workingDirectory
};
//# sourceMappingURL=chunk-DPLXYDZR.js.map
