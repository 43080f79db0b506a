import {
  broughtBy,
  closeOverNeeds,
  closest,
  dependenciesFirst,
  fingerprintFixtures,
  needIndices,
  needsProblems,
  serviceIssues,
  skippedAnyway,
  skippedWhatever
} from "./chunk-6G3CJ2FL.js";
import {
  historyPaths,
  realPath,
  sameFile
} from "./chunk-4VDBSXWI.js";
import {
  fixtureLimits,
  planFixture,
  shellQuote
} from "./chunk-DBSKOPQR.js";
import {
  dirname,
  relative,
  resolve,
  sep
} from "./chunk-UZCZWFUL.js";
import {
  sha256Hex
} from "./chunk-4SYLYQRO.js";
import {
  formatPath,
  locateIssues,
  parseJsonc
} from "./chunk-IEQXTUCM.js";
import {
  MAX_INPUT_BYTES,
  fileTypeName,
  inputError,
  readFailure,
  readRegularTextFile,
  readRegularTextFileSync
} from "./chunk-UXUXC4ZF.js";
import {
  isFixtureId
} from "./chunk-6MYH7WWL.js";
import {
  displayName
} from "./chunk-XRBLM22N.js";
import {
  PreflightError,
  UserError,
  describeIoError,
  ioErrorToUserError,
  isIoError
} from "./chunk-WBZQOSKS.js";

// schema/quarantine.v1.json
var quarantine_v1_default = {
  $schema: "https://json-schema.org/draft/2020-12/schema",
  $id: "https://smoke.dev/schema/quarantine.v1.json",
  title: "smoke quarantine list (the file quarantineFile names), version 1",
  maxItems: 1e3,
  type: "array",
  items: {
    type: "object",
    properties: {
      id: {
        type: "string",
        minLength: 1,
        maxLength: 512,
        pattern: "^[^\\0\\n\\r]+$",
        errorMessage: 'expected a fixture id or pattern such as "api/flaky_*" (one line, at most 512 characters)'
      },
      reason: {
        type: "string",
        minLength: 1,
        maxLength: 1e3,
        pattern: "^[^\\u0000-\\u001f\\u007f]+$",
        errorMessage: "expected a reason: one line of 1 to 1000 characters, no control characters"
      },
      owner: {
        type: "string",
        minLength: 1,
        maxLength: 200,
        pattern: "^[^\\u0000-\\u001f\\u007f]+$",
        errorMessage: 'expected an owner such as "@alice" or "team-payments": one line of 1 to 200 characters, no control characters'
      },
      until: {
        type: "string",
        pattern: "^\\d{4}-\\d{2}-\\d{2}$",
        errorMessage: 'expected a date such as "2026-12-31" (YYYY-MM-DD)'
      },
      all: {
        type: "boolean"
      }
    },
    required: [
      "id",
      "reason",
      "owner",
      "until"
    ],
    additionalProperties: false
  }
};

// lib/jsonc/json_schema.ts
var ANNOTATIONS = /* @__PURE__ */ new Set([
  "$schema",
  "$id",
  "title",
  "description"
]);
var KEYWORDS = /* @__PURE__ */ new Set([
  "type",
  "enum",
  "properties",
  "additionalProperties",
  "propertyNames",
  "items",
  "minItems",
  "maxItems",
  "minLength",
  "maxLength",
  "pattern",
  "minimum",
  "maximum",
  "exclusiveMinimum",
  "exclusiveMaximum",
  "required",
  "errorMessage"
]);
var received = (function received(value) {
  if (value === null) return "null";
  if (Array.isArray(value)) return "array";
  if (typeof value === "number" && !Number.isFinite(value)) return String(value);
  return typeof value;
});
var hasType = (function hasType(value, type) {
  switch (type) {
    case "string":
      return typeof value === "string";
    case "boolean":
      return typeof value === "boolean";
    case "number":
      return typeof value === "number" && Number.isFinite(value);
    case "integer":
      return typeof value === "number" && Number.isFinite(value);
    case "null":
      return value === null;
    case "array":
      return Array.isArray(value);
    case "object":
      return typeof value === "object" && value !== null && !Array.isArray(value);
  }
  throw new Error(`Unsupported JSON Schema type "${type}"`);
});
var ownProblem = (function ownProblem(schema, types, pattern, value) {
  if (types.length && !types.some(((type) => hasType(value, type)))) {
    const names = types.map(((type) => type === "integer" ? "number" : type));
    return `expected ${names.join(" or ")}, received ${received(value)}`;
  }
  const allowed = schema.enum;
  if (allowed && !allowed.includes(value)) {
    const expected = `expected ${allowed.map(((v) => JSON.stringify(v))).join(" or ")}`;
    if (typeof value !== "string") return `${expected}, received ${received(value)}`;
    const close = allowed.find(((v) => typeof v === "string" && v.toLowerCase() === value.toLowerCase()));
    const shown = JSON.stringify(value.length > 40 ? `${value.slice(0, 40)}\u2026` : value);
    return `${expected}, received ${shown}` + (close === void 0 ? "" : ` (did you mean ${JSON.stringify(close)}?)`);
  }
  if (typeof value === "number") {
    if (types.length && types.every(((t) => t === "integer")) && !Number.isInteger(value)) {
      return `expected an integer, received ${value}`;
    }
    const { minimum, exclusiveMinimum, maximum, exclusiveMaximum } = schema;
    if (minimum !== void 0 && value < minimum) {
      return `expected >= ${minimum}, received ${value}`;
    }
    if (exclusiveMinimum !== void 0 && value <= exclusiveMinimum) {
      return `expected > ${exclusiveMinimum}, received ${value}`;
    }
    if (maximum !== void 0 && value > maximum) {
      return `expected <= ${maximum}, received ${value}`;
    }
    if (exclusiveMaximum !== void 0 && value >= exclusiveMaximum) {
      return `expected < ${exclusiveMaximum}, received ${value}`;
    }
  }
  if (typeof value === "string") {
    const minLength = schema.minLength;
    if (minLength !== void 0 && value.length < minLength) {
      return minLength === 1 ? "expected a non-empty string" : `expected at least ${minLength} characters`;
    }
    const maxLength = schema.maxLength;
    if (maxLength !== void 0 && value.length > maxLength) {
      return `expected at most ${maxLength} characters, received ${value.length}`;
    }
    if (pattern && !pattern.test(value)) {
      return `expected a string matching /${schema.pattern}/`;
    }
  }
  if (Array.isArray(value)) {
    const minItems = schema.minItems;
    if (minItems !== void 0 && value.length < minItems) {
      return `expected at least ${minItems} item${minItems === 1 ? "" : "s"}`;
    }
    const maxItems = schema.maxItems;
    if (maxItems !== void 0 && value.length > maxItems) {
      return `expected at most ${maxItems} items, received ${value.length}`;
    }
  }
  return void 0;
});
var compileNode = (function compileNode(schema, where) {
  for (const keyword of Object.keys(schema)) {
    if (!KEYWORDS.has(keyword) && !ANNOTATIONS.has(keyword)) {
      throw new Error(`Unsupported JSON Schema keyword "${keyword}" at ${where}`);
    }
  }
  const types = schema.type === void 0 ? [] : Array.isArray(schema.type) ? schema.type : [
    schema.type
  ];
  for (const type of types) hasType(void 0, type);
  const errorMessage = schema.errorMessage;
  const pattern = typeof schema.pattern === "string" ? new RegExp(schema.pattern) : void 0;
  const properties = Object.entries(schema.properties ?? {}).map((([key, sub]) => [
    key,
    compileNode(sub, `${where}.properties.${key}`)
  ]));
  const known = new Map(properties.map((([key, sub], index) => [
    key,
    {
      sub,
      index
    }
  ])));
  const extra = schema.additionalProperties;
  const extraCheck = typeof extra === "object" && extra !== null ? compileNode(extra, `${where}.additionalProperties`) : void 0;
  const names = schema.propertyNames ? compileNode(schema.propertyNames, `${where}.propertyNames`) : void 0;
  const items = schema.items ? compileNode(schema.items, `${where}.items`) : void 0;
  const required = schema.required ?? [];
  const typeMessage = types.length > 1 ? errorMessage : void 0;
  const check = ((value, path, issues) => {
    const problem = ownProblem(schema, types, pattern, value);
    if (problem !== void 0) {
      const wrongType = types.length > 0 && !types.some(((type) => hasType(value, type)));
      const message = (wrongType ? typeMessage : errorMessage) ?? problem;
      issues.push({
        path: [
          ...path
        ],
        message,
        code: "invalid-value"
      });
      return;
    }
    if (items && Array.isArray(value)) {
      value.forEach(((item, index) => items(item, [
        ...path,
        index
      ], issues)));
    }
    if (typeof value !== "object" || value === null || Array.isArray(value)) return;
    const object = value;
    for (const key of required) {
      if (!Object.hasOwn(object, key) || object[key] === void 0) {
        issues.push({
          path: [
            ...path
          ],
          message: `missing "${key}"`,
          code: "invalid-value"
        });
      }
    }
    const keys = Object.keys(object);
    const present = [];
    for (const key of keys) {
      const property = known.get(key);
      if (property && object[key] !== void 0) present.push({
        key,
        ...property
      });
    }
    if (present.length > 1) present.sort(((a, b) => a.index - b.index));
    for (const { key, sub } of present) sub(object[key], [
      ...path,
      key
    ], issues);
    for (const key of keys) {
      if (names) {
        const keyIssues = [];
        names(key, [], keyIssues);
        if (keyIssues.length) {
          issues.push({
            path: [
              ...path,
              key
            ],
            message: keyIssues[0].message,
            code: "invalid-key"
          });
          continue;
        }
      }
      if (known.has(key)) continue;
      if (extra === false) {
        issues.push({
          path: [
            ...path,
            key
          ],
          message: "unknown key",
          code: "unknown-key"
        });
      } else if (extraCheck && key === "__proto__") {
        issues.push({
          path: [
            ...path,
            key
          ],
          message: '"__proto__" is not allowed',
          code: "invalid-key"
        });
      } else if (extraCheck) {
        extraCheck(object[key], [
          ...path,
          key
        ], issues);
      }
    }
  });
  return check;
});
var compileSchema = (function compileSchema(schema) {
  const root = compileNode(schema, "#");
  return {
    validate(value) {
      const issues = [];
      root(value, [], issues);
      return issues;
    },
    keysAt(path) {
      let node = schema;
      for (const segment of path) {
        if (typeof segment === "number") {
          node = node?.items;
          continue;
        }
        const properties = node?.properties;
        node = properties && Object.hasOwn(properties, segment) ? properties[segment] : void 0;
      }
      return node?.properties ? Object.keys(node.properties) : [];
    }
  };
});
var compileSchemaOnce = (function compileSchemaOnce(schema) {
  let compiled;
  return (() => compiled ??= compileSchema(schema));
});

// lib/config/parse_jsonc_as.ts
var allowedKeysHint = (function allowedKeysHint(schema, issues, what) {
  const unknown = issues.filter(((i) => i.code === "unknown-key"));
  if (unknown.length === 0) return `Fix what is named above: the README says what each key takes.`;
  const parents = new Set(unknown.map(((i) => JSON.stringify(i.path.slice(0, -1)))));
  const parent = parents.size === 1 ? unknown[0].path.slice(0, -1) : [];
  const keys = schema.keysAt(parent);
  if (keys.length === 0) return "See the README.";
  const where = parent.length ? ` at ${displayName(formatPath(parent))}` : "";
  return `Allowed ${what} keys${where}: ${keys.join(", ")}. See the README.`;
});
var memberOf = (function memberOf(value, key) {
  return typeof value === "object" && value !== null && !Array.isArray(value) ? value[key] : void 0;
});
var parseJsoncAs = (function parseJsoncAs(schema, text, options) {
  const kind = options.what === "manifest" ? "catalog" : "config";
  const parsed = parseJsonc(text);
  if (!parsed.ok) {
    const { line, column, message } = parsed.error;
    throw new UserError(`Cannot parse ${options.what} "${options.file}": ${message} at line ${line}, column ${column}`, {
      kind,
      hints: [
        `Fix the JSONC syntax.`
      ]
    });
  }
  const schemaIssues = schema.validate(parsed.value);
  const refinable = options.refine && schemaIssues.every(((i) => i.code === "unknown-key"));
  const faulted = new Set(schemaIssues.map(((issue) => JSON.stringify(issue.path))));
  const valueIssues = (options.valueChecks?.(parsed.value) ?? []).filter(((issue) => !faulted.has(JSON.stringify(issue.path))));
  const issues = [
    ...schemaIssues,
    ...valueIssues,
    ...refinable ? options.refine(parsed.value) : []
  ];
  if (issues.length === 0) return parsed.value;
  const located = locateIssues(text, issues).map(((where, index) => {
    const issue = issues[index];
    let message = issue.message;
    if (issue.code === "unknown-key") {
      const key = String(issue.path.at(-1));
      const suggestion = closest(key, schema.keysAt(issue.path.slice(0, -1)));
      if (suggestion) message += ` (did you mean "${suggestion}"?)`;
    }
    return {
      ...where,
      message
    };
  }));
  located.sort(((a, b) => a.line - b.line || a.column - b.column));
  const lines = located.map((({ line, column, path, message }) => `  line ${line}, column ${column}: ${displayName(`${path}: ${message}`)}`));
  throw new UserError(`Invalid ${options.what} "${options.file}":
${lines.join("\n")}`, {
    kind,
    hints: [
      allowedKeysHint(schema, issues, options.what)
    ]
  });
});

// lib/config/quarantine_file.ts
var quarantineSchema = compileSchemaOnce(quarantine_v1_default);
var quarantineIssues = (function quarantineIssues(entries, path) {
  const issues = [];
  if (!Array.isArray(entries)) return issues;
  entries.forEach(((entry, index) => {
    const until = memberOf(entry, "until");
    if (typeof until !== "string" || !/^\d{4}-\d{2}-\d{2}$/.test(until)) return;
    const time = Date.parse(`${until}T00:00:00Z`);
    if (Number.isNaN(time) || new Date(time).toISOString().slice(0, 10) !== until) {
      issues.push({
        path: [
          ...path,
          index,
          "until"
        ],
        message: `"${until}" is not a day of the calendar`,
        code: "invalid-value"
      });
    }
  }));
  return issues;
});
var loadQuarantine = (async function loadQuarantine(config, where) {
  const placed = (config.quarantine ?? []).map(((entry, i) => ({
    entry,
    where: `${where.configShown}: quarantine[${i}]`
  })));
  const file = config.quarantineFile;
  if (file === void 0) return placed;
  const read = await readRegularTextFile(resolve(where.cwd, file), {
    maxBytes: MAX_INPUT_BYTES,
    what: "quarantine file"
  });
  if (!read.ok) {
    if (read.problem.kind === "missing") {
      throw new UserError(`Cannot read quarantine file "${file}": the file does not exist`, {
        kind: "config",
        hints: [
          `Check "quarantineFile" in ${where.configShown}.`
        ]
      });
    }
    throw inputError(read, {
      action: "read quarantine file",
      shown: file,
      kind: "config"
    });
  }
  const entries = parseJsoncAs(quarantineSchema(), read.value, {
    file,
    what: "quarantine file",
    valueChecks: ((value) => quarantineIssues(value, []))
  });
  return [
    ...placed,
    ...entries.map(((entry, i) => ({
      entry,
      where: `${file}: [${i}]`
    })))
  ];
});

// schema/config.v1.json
var config_v1_default = {
  $schema: "https://json-schema.org/draft/2020-12/schema",
  $id: "https://smoke.dev/schema/config.v1.json",
  title: "smoke config (smoke.jsonc), version 1",
  type: "object",
  properties: {
    fixturesDir: {
      type: "string",
      minLength: 1,
      pattern: "^[^\\u0000-\\u001f\\u007f]+$",
      errorMessage: "expected a non-empty path without NUL or other control characters (newlines, tabs)"
    },
    artifactDir: {
      type: "string",
      minLength: 1,
      pattern: "^[^\\u0000-\\u001f\\u007f]+$",
      errorMessage: "expected a non-empty path without NUL or other control characters (newlines, tabs)"
    },
    concurrency: {
      type: "integer",
      exclusiveMinimum: 0,
      maximum: 9007199254740991
    },
    timeoutMs: {
      type: "integer",
      exclusiveMinimum: 0,
      maximum: 2147483647,
      errorMessage: "a timeout is a whole number of milliseconds from 1 to 2147483647 (about 24.8 days)"
    },
    retries: {
      type: "integer",
      minimum: 0,
      maximum: 100
    },
    permissions: {
      type: "array",
      items: {
        type: "string",
        pattern: "^(-A|--allow-all|--(allow|deny)-[a-z]+(-[a-z]+)*(=[^\\0\\n\\r\\u2028\\u2029]*)?)$",
        errorMessage: 'expected a Deno permission flag such as "--allow-read" or "--allow-net=host"'
      }
    },
    env: {
      type: "object",
      propertyNames: {
        type: "string",
        pattern: "^[^=\\0]+$",
        errorMessage: "an environment variable name has no = or NUL"
      },
      additionalProperties: {
        type: "string",
        pattern: "^[^\\0]*$",
        errorMessage: "expected a string without NUL characters (a process cannot receive one)"
      }
    },
    historyLimit: {
      type: "integer",
      exclusiveMinimum: 0,
      maximum: 9007199254740991
    },
    report: {
      type: "boolean"
    },
    maxFailures: {
      type: "integer",
      exclusiveMinimum: 0,
      maximum: 9007199254740991
    },
    order: {
      type: "string",
      enum: [
        "id",
        "duration"
      ]
    },
    services: {
      maxItems: 16,
      type: "array",
      items: {
        type: "object",
        properties: {
          name: {
            type: "string",
            pattern: "^[A-Za-z][A-Za-z0-9_-]{0,31}$",
            errorMessage: 'a service name is one word of at most 32 letters, digits, "_" or "-", starting with a letter'
          },
          command: {
            minItems: 1,
            type: "array",
            items: {
              type: "string",
              pattern: "^[^\\0]*$",
              errorMessage: "expected a string without NUL characters (a process cannot receive one)"
            },
            errorMessage: "command needs at least the program"
          },
          cwd: {
            type: "string",
            minLength: 1,
            pattern: "^[^\\0]*$",
            errorMessage: "expected a non-empty path without NUL characters"
          },
          env: {
            type: "object",
            propertyNames: {
              type: "string",
              pattern: "^[^=\\0]+$",
              errorMessage: "an environment variable name has no = or NUL"
            },
            additionalProperties: {
              type: "string",
              pattern: "^[^\\0]*$",
              errorMessage: "expected a string without NUL characters (a process cannot receive one)"
            }
          },
          ready: {
            type: "object",
            properties: {
              url: {
                type: "string",
                pattern: "^https?:\\/\\/[^\\s]+$",
                errorMessage: 'expected an http:// or https:// URL such as "http://127.0.0.1:8000/health"'
              },
              port: {
                type: "integer",
                minimum: 1,
                maximum: 65535,
                errorMessage: "expected a TCP port number from 1 to 65535"
              },
              host: {
                type: "string",
                pattern: "^(localhost|127\\.0\\.0\\.1|::1)$",
                errorMessage: 'expected a local host: "localhost", "127.0.0.1", "::1"'
              },
              stdoutIncludes: {
                type: "string",
                minLength: 1,
                maxLength: 4096,
                errorMessage: "expected a non-empty string of at most 4096 characters"
              },
              timeoutMs: {
                type: "integer",
                exclusiveMinimum: 0,
                maximum: 2147483647,
                errorMessage: "a timeout is a whole number of milliseconds from 1 to 2147483647 (about 24.8 days)"
              },
              intervalMs: {
                type: "integer",
                minimum: 10,
                maximum: 6e4,
                errorMessage: "a poll interval is a whole number of milliseconds from 10 to 60000"
              }
            },
            additionalProperties: false
          },
          reuseExisting: {
            type: "boolean"
          }
        },
        required: [
          "name",
          "command",
          "ready"
        ],
        additionalProperties: false
      }
    },
    quarantine: {
      maxItems: 1e3,
      type: "array",
      items: {
        type: "object",
        properties: {
          id: {
            type: "string",
            minLength: 1,
            maxLength: 512,
            pattern: "^[^\\0\\n\\r]+$",
            errorMessage: 'expected a fixture id or pattern such as "api/flaky_*" (one line, at most 512 characters)'
          },
          reason: {
            type: "string",
            minLength: 1,
            maxLength: 1e3,
            pattern: "^[^\\u0000-\\u001f\\u007f]+$",
            errorMessage: "expected a reason: one line of 1 to 1000 characters, no control characters"
          },
          owner: {
            type: "string",
            minLength: 1,
            maxLength: 200,
            pattern: "^[^\\u0000-\\u001f\\u007f]+$",
            errorMessage: 'expected an owner such as "@alice" or "team-payments": one line of 1 to 200 characters, no control characters'
          },
          until: {
            type: "string",
            pattern: "^\\d{4}-\\d{2}-\\d{2}$",
            errorMessage: 'expected a date such as "2026-12-31" (YYYY-MM-DD)'
          },
          all: {
            type: "boolean"
          }
        },
        required: [
          "id",
          "reason",
          "owner",
          "until"
        ],
        additionalProperties: false
      }
    },
    quarantineFile: {
      type: "string",
      minLength: 1,
      pattern: "^[^\\0]*$",
      errorMessage: "expected a non-empty path without NUL characters"
    }
  },
  additionalProperties: false
};

// lib/config/config.ts
var configSchema = compileSchemaOnce(config_v1_default);
var DEFAULTS = {
  fixturesDir: "fixtures",
  artifactDir: ".planning/artifacts/smoke",
  timeoutMs: 6e4,
  retries: 0,
  historyLimit: 100,
  configFile: "smoke.jsonc"
};
var parseConfig = (function parseConfig(text, file) {
  return parseJsoncAs(configSchema(), text, {
    file,
    what: "config",
    refine: ((value) => serviceIssues(value)),
    valueChecks: ((value) => quarantineIssues(memberOf(value, "quarantine"), [
      "quarantine"
    ]))
  });
});
var resolveOptions = (function resolveOptions(flags, config, cpus) {
  return {
    fixturesDir: flags.fixturesDir ?? config.fixturesDir ?? DEFAULTS.fixturesDir,
    artifactDir: flags.artifactDir ?? config.artifactDir ?? DEFAULTS.artifactDir,
    concurrency: flags.concurrency ?? config.concurrency ?? Math.max(1, cpus),
    timeoutMs: flags.timeoutMs ?? config.timeoutMs ?? DEFAULTS.timeoutMs,
    retries: flags.retries ?? config.retries ?? DEFAULTS.retries,
    permissions: config.permissions ?? [],
    env: config.env ?? {},
    historyLimit: config.historyLimit ?? DEFAULTS.historyLimit,
    report: flags.report === true || (config.report ?? false),
    services: config.services ?? [],
    ...flags.maxFailures ?? config.maxFailures ? {
      maxFailures: flags.maxFailures ?? config.maxFailures
    } : {},
    ...flags.order ?? config.order ? {
      order: flags.order ?? config.order
    } : {}
  };
});

// lib/config/config_file.ts
var loadConfig = (async function loadConfig(flags, cwd) {
  const shown = flags.config ?? DEFAULTS.configFile;
  const read = await readRegularTextFile(resolve(cwd, shown), {
    maxBytes: MAX_INPUT_BYTES,
    what: "config"
  });
  if (read.ok) return parseConfig(read.value, shown);
  if (read.problem.kind === "missing") {
    if (flags.config === void 0) return {};
    throw new UserError(`Cannot read config "${shown}": the file does not exist`, {
      kind: "config",
      hints: [
        "Check the path given to --config, or leave it out to use smoke.jsonc if present."
      ]
    });
  }
  const error = inputError(read, {
    action: "read config",
    shown,
    kind: "config"
  });
  if (read.problem.kind === "special" && read.problem.type === "a directory") {
    throw new UserError(error.message, {
      kind: "config",
      hints: [
        "Pass --config PATH naming a smoke.jsonc file."
      ]
    });
  }
  throw error;
});

// schema/manifest.v1.json
var manifest_v1_default = {
  $schema: "https://json-schema.org/draft/2020-12/schema",
  $id: "https://smoke.dev/schema/manifest.v1.json",
  title: "smoke fixture manifest (X.smoke.jsonc), version 1",
  type: "object",
  properties: {
    description: {
      type: "string"
    },
    script: {
      type: "string",
      minLength: 1,
      pattern: "^[^\\0]*$",
      errorMessage: "expected a non-empty path without NUL characters"
    },
    command: {
      minItems: 1,
      type: "array",
      items: {
        type: "string",
        pattern: "^[^\\0]*$",
        errorMessage: "expected a string without NUL characters (a process cannot receive one)"
      },
      errorMessage: "command needs at least the program"
    },
    args: {
      type: "array",
      items: {
        type: "string",
        pattern: "^[^\\0]*$",
        errorMessage: "expected a string without NUL characters (a process cannot receive one)"
      }
    },
    cwd: {
      type: "string",
      minLength: 1,
      pattern: "^[^\\0]*$",
      errorMessage: "expected a non-empty path without NUL characters"
    },
    env: {
      type: "object",
      propertyNames: {
        type: "string",
        pattern: "^[^=\\0]+$",
        errorMessage: "an environment variable name has no = or NUL"
      },
      additionalProperties: {
        type: "string",
        pattern: "^[^\\0]*$",
        errorMessage: "expected a string without NUL characters (a process cannot receive one)"
      }
    },
    permissions: {
      type: "array",
      items: {
        type: "string",
        pattern: "^(-A|--allow-all|--(allow|deny)-[a-z]+(-[a-z]+)*(=[^\\0\\n\\r\\u2028\\u2029]*)?)$",
        errorMessage: 'expected a Deno permission flag such as "--allow-read" or "--allow-net=host"'
      }
    },
    timeoutMs: {
      type: "integer",
      exclusiveMinimum: 0,
      maximum: 2147483647,
      errorMessage: "a timeout is a whole number of milliseconds from 1 to 2147483647 (about 24.8 days)"
    },
    retries: {
      type: "integer",
      minimum: 0,
      maximum: 100
    },
    tags: {
      maxItems: 64,
      type: "array",
      items: {
        type: "string",
        pattern: "^[A-Za-z0-9][A-Za-z0-9._:-]{0,63}$",
        errorMessage: 'a tag is one word of at most 64 letters, digits, ".", "_", ":" or "-", starting with a letter or digit'
      }
    },
    needs: {
      maxItems: 64,
      type: "array",
      items: {
        type: "string",
        minLength: 1,
        maxLength: 512,
        pattern: "^[A-Za-z0-9._\\/-]+$",
        errorMessage: 'expected a fixture id such as "setup/db" (needs takes ids, not patterns)'
      }
    },
    teardown: {
      type: "boolean"
    },
    skip: {
      errorMessage: 'expected true, false or a reason such as "waiting for staging"',
      type: [
        "boolean",
        "string"
      ]
    },
    expect: {
      type: "object",
      properties: {
        exitCode: {
          type: "integer",
          minimum: 0,
          maximum: 255
        },
        stdoutIncludes: {
          maxItems: 64,
          type: "array",
          items: {
            type: "string",
            maxLength: 4096,
            errorMessage: "expected a string of at most 4096 characters (match a shorter, distinctive part of the output)"
          },
          errorMessage: "expected at most 64 strings (match fewer, more distinctive parts)"
        },
        stderrIncludes: {
          maxItems: 64,
          type: "array",
          items: {
            type: "string",
            maxLength: 4096,
            errorMessage: "expected a string of at most 4096 characters (match a shorter, distinctive part of the output)"
          },
          errorMessage: "expected at most 64 strings (match fewer, more distinctive parts)"
        },
        stdoutExcludes: {
          maxItems: 64,
          type: "array",
          items: {
            type: "string",
            maxLength: 4096,
            errorMessage: "expected a string of at most 4096 characters (match a shorter, distinctive part of the output)"
          },
          errorMessage: "expected at most 64 strings (match fewer, more distinctive parts)"
        },
        stderrExcludes: {
          maxItems: 64,
          type: "array",
          items: {
            type: "string",
            maxLength: 4096,
            errorMessage: "expected a string of at most 4096 characters (match a shorter, distinctive part of the output)"
          },
          errorMessage: "expected at most 64 strings (match fewer, more distinctive parts)"
        }
      },
      additionalProperties: false
    }
  },
  additionalProperties: false
};

// lib/config/manifest.ts
var manifestSchema = compileSchemaOnce(manifest_v1_default);
var parseManifest = (function parseManifest(text, file) {
  return parseJsoncAs(manifestSchema(), text, {
    file,
    what: "manifest",
    valueChecks: emptySkipReason
  });
});
var emptySkipReason = (function emptySkipReason(value) {
  const skip = memberOf(value, "skip");
  if (typeof skip !== "string" || skip.trim() !== "") return [];
  return [
    {
      path: [
        "skip"
      ],
      message: 'expected a reason such as "waiting for staging", or true: an empty one says nothing',
      code: "invalid-value"
    }
  ];
});

// lib/catalog/_catalog_read.ts
var catalogError = (function catalogError(message, ...hints) {
  return new UserError(message, {
    kind: "catalog",
    hints
  });
});
var readManifest = (function readManifest(absolute, shown, options) {
  const read = readRegularTextFileSync(absolute, {
    maxBytes: MAX_INPUT_BYTES,
    what: "manifest",
    knownRegularFile: options.knownRegularFile
  });
  if (read.ok) return read.value;
  throw inputError(read, {
    action: "read manifest",
    shown: shown(),
    kind: "catalog",
    missingHint: "It went away while smoke read the catalog: run again."
  });
});
var checkNamedScript = (function checkNamedScript(fixture) {
  const named = `script "${displayName(fixture.file)}" named by manifest "${displayName(String(fixture.manifestFile))}"`;
  let info;
  try {
    info = Deno.statSync(fixture.script);
  } catch (error) {
    if (error instanceof Deno.errors.NotFound || error instanceof Deno.errors.NotADirectory) {
      throw catalogError(`Cannot find ${named}`, `"script" is relative to the manifest's folder; fix the path or create the file.`);
    }
    if (!isIoError(error)) throw error;
    const { reason, hint } = describeIoError(error);
    throw catalogError(`Cannot use ${named}: ${reason}`, hint);
  }
  if (!info.isFile) {
    throw catalogError(`Cannot use ${named}: ${readFailure({
      kind: "special",
      type: fileTypeName(info)
    }, "script").reason}`, '"script" must name a Deno script file.');
  }
});

// lib/catalog/_catalog_problems.ts
var MAX_LISTED_PROBLEMS = 20;
var CATALOG_INVALID = "CATALOG_INVALID";
var byWalkOrder = (function byWalkOrder(a, b) {
  const x = a.path.split("/");
  const y = b.path.split("/");
  for (let i = 0; i < Math.min(x.length, y.length); i++) {
    if (x[i] !== y[i]) return x[i] < y[i] ? -1 : 1;
  }
  return x.length - y.length;
});
var listEntry = (function listEntry(problem, number) {
  const label = `  ${number}) `;
  const indent = " ".repeat(label.length);
  const { error } = problem;
  const [first, ...rest] = error.message.split("\n");
  const code = error.code ? ` [${error.code}]` : "";
  const head = first.endsWith(":") ? `${first.slice(0, -1)}${code}:` : `${first}${code}`;
  return [
    label + head,
    ...rest.map(((line) => indent + line)),
    ...error.hints.map(((hint) => `${indent}hint: ${hint}`))
  ];
});
var catalogProblemsError = (function catalogProblemsError(problems, shownDir) {
  if (problems.length === 0) return void 0;
  const whole = "Every run checks the whole catalog, whatever --fixture selects: fix or remove";
  if (problems.length === 1) {
    const { error } = problems[0];
    return new UserError(error.message, {
      kind: error.kind,
      ...error.code ? {
        code: error.code
      } : {},
      hints: [
        ...error.hints,
        `${whole} it.`
      ],
      cause: error.cause
    });
  }
  const sorted = [
    ...problems
  ].sort(byWalkOrder);
  const listed = sorted.slice(0, MAX_LISTED_PROBLEMS);
  const more = sorted.length - listed.length;
  const lines = [
    `Cannot read catalog "${shownDir}": ${sorted.length} problems, ` + (more > 0 ? `the first ${listed.length} in file order:` : "in file order:"),
    ...listed.flatMap(((problem, i) => listEntry(problem, i + 1))),
    ...more > 0 ? [
      `  ... and ${more} more problem${more === 1 ? "" : "s"}`
    ] : []
  ];
  return new UserError(lines.join("\n"), {
    kind: "catalog",
    code: CATALOG_INVALID,
    hints: [
      `${whole} them.`
    ]
  });
});

// lib/catalog/_near_miss.ts
var NEAR_MISS_FIXTURE = "NEAR_MISS_FIXTURE";
var SCRIPT = ".smoke.ts";
var MANIFEST = ".smoke.jsonc";
var MARK = ".smoke.";
var EXTENSIONS = {
  ts: {
    suffix: SCRIPT,
    how: "rename"
  },
  jsonc: {
    suffix: MANIFEST,
    how: "rename"
  },
  json: {
    suffix: MANIFEST,
    how: "rename"
  },
  json5: {
    suffix: MANIFEST,
    how: "rename"
  },
  yaml: {
    suffix: MANIFEST,
    how: "yaml"
  },
  yml: {
    suffix: MANIFEST,
    how: "yaml"
  },
  js: {
    suffix: SCRIPT,
    how: "script"
  },
  mjs: {
    suffix: SCRIPT,
    how: "script"
  },
  cjs: {
    suffix: SCRIPT,
    how: "script"
  },
  mts: {
    suffix: SCRIPT,
    how: "script"
  },
  cts: {
    suffix: SCRIPT,
    how: "script"
  },
  tsx: {
    suffix: SCRIPT,
    how: "script"
  },
  jsx: {
    suffix: SCRIPT,
    how: "script"
  }
};
var nearMiss = (function nearMiss(name) {
  const lower = name.toLowerCase();
  const at = lower.lastIndexOf(MARK);
  if (at <= 0) return void 0;
  const rule = EXTENSIONS[lower.slice(at + MARK.length)];
  if (!rule) return void 0;
  const stem = name.slice(0, at);
  const expected = stem + rule.suffix;
  if (expected === name) return void 0;
  const manifest = stem + MANIFEST;
  switch (rule.how) {
    case "rename":
      return {
        expected,
        excusedBy: [
          expected
        ],
        hint: expected.toLowerCase() === lower ? `Rename it to "${displayName(expected)}": the suffix is lowercase.` : `Rename it to "${displayName(expected)}": a manifest is JSONC (JSON with comments).`
      };
    case "yaml":
      return {
        expected,
        excusedBy: [
          expected
        ],
        hint: `Write it as JSONC in "${displayName(expected)}": smoke reads no YAML.`
      };
    case "script":
      return {
        expected,
        excusedBy: [
          expected,
          manifest
        ],
        hint: `Rename it to "${displayName(expected)}", or run it as it is from a manifest "${displayName(manifest)}" holding { "script": "${displayName(name)}" }.`
      };
  }
});
var nearMissWarning = (function nearMissWarning(shown, miss) {
  return {
    code: NEAR_MISS_FIXTURE,
    level: "warning",
    message: `Ignored "${shown}": not a fixture name (did you mean "${displayName(miss.expected)}"?)`,
    hint: miss.hint
  };
});
var folderNearMissWarning = (function folderNearMissWarning(shown, name) {
  return {
    code: NEAR_MISS_FIXTURE,
    level: "warning",
    message: `Folder "${shown}" is named like a fixture, but a fixture is a file`,
    hint: `Its contents are walked as an ordinary folder's. For a fixture, make "${displayName(name)}" a file; otherwise rename the folder.`
  };
});
var capNearMisses = (function capNearMisses(warnings) {
  if (warnings.length <= MAX_LISTED_PROBLEMS) return [
    ...warnings
  ];
  const more = warnings.length - MAX_LISTED_PROBLEMS;
  return [
    ...warnings.slice(0, MAX_LISTED_PROBLEMS),
    {
      code: NEAR_MISS_FIXTURE,
      level: "warning",
      message: `${more} more file${more === 1 ? " is" : "s are"} named almost like fixtures (the first ${MAX_LISTED_PROBLEMS} are listed above)`,
      hint: "Fixtures are named X.smoke.ts (a Deno script) or X.smoke.jsonc (a manifest)."
    }
  ];
});

// lib/catalog/_catalog_walk.ts
var SCRIPT_SUFFIX = ".smoke.ts";
var MANIFEST_SUFFIX = ".smoke.jsonc";
var catalogError2 = (function catalogError2(message, ...hints) {
  return new UserError(message, {
    kind: "catalog",
    hints
  });
});
var isFixtureName = (function isFixtureName(name) {
  return name.endsWith(SCRIPT_SUFFIX) || name.endsWith(MANIFEST_SUFFIX);
});
var isSkippedFolder = (function isSkippedFolder(name) {
  return name.startsWith(".") || name === "node_modules";
});
var isMissing = (function isMissing(error) {
  return error instanceof Deno.errors.NotFound || error instanceof Deno.errors.NotADirectory;
});
var escapeName = (function escapeName(name) {
  return name.replace(/[^\x20-\x7e]|\\/g, ((c) => c === "\\" ? "\\\\" : `\\u${c.charCodeAt(0).toString(16).padStart(4, "0")}`));
});
var join = (function join(dir, name) {
  return dir.endsWith("/") ? dir + name : `${dir}/${name}`;
});
var isLossyName = (function isLossyName(name, absolute) {
  if (!name.includes("\uFFFD")) return false;
  try {
    Deno.lstatSync(absolute);
    return false;
  } catch (error) {
    if (error instanceof Deno.errors.NotFound) return true;
    if (isIoError(error)) return false;
    throw error;
  }
});
var folderError = (function folderError(walk, path, error) {
  const shown = walk.shown(path);
  if (path === "" && isMissing(error)) {
    return catalogError2(`Cannot read fixtures directory "${shown}": ${error instanceof Deno.errors.NotADirectory ? "it is not a directory" : "it does not exist"}`, `Create it with a first fixture (e.g. "${shown}/hello.smoke.ts"), or pass --fixtures-dir DIR.`);
  }
  if (!isIoError(error)) throw error;
  return ioErrorToUserError(error, {
    path: shown,
    action: path === "" ? "read fixtures directory" : "read folder",
    kind: "catalog"
  });
});
var scriptError = (function scriptError(shown, info) {
  return inputError(readFailure({
    kind: "special",
    type: fileTypeName(info)
  }, "script"), {
    action: "use script",
    shown,
    kind: "catalog"
  });
});
var addFile = (function addFile(walk, path, entry) {
  if (!entry.isFile && path.endsWith(SCRIPT_SUFFIX)) {
    let info;
    try {
      info = Deno.lstatSync(join(walk.root, path));
    } catch (error) {
      throw folderError(walk, path, error);
    }
    if (!info.isFile) throw scriptError(walk.shown(path), info);
  }
  if (!entry.isFile) walk.unchecked.add(path);
  walk.paths.push(path);
});
var followLink = (function followLink(walk, path, fixtureName, miss) {
  const absolute = join(walk.root, path);
  const shown = walk.shown(path);
  let info;
  try {
    info = Deno.statSync(absolute);
  } catch (error) {
    if (isMissing(error)) {
      if (!fixtureName) return;
      let target = "?";
      try {
        target = Deno.readLinkSync(absolute);
      } catch (linkError) {
        if (!isIoError(linkError)) throw linkError;
      }
      throw catalogError2(`Cannot read fixture "${shown}": it is a symlink to "${target}", which does not exist`, "Remove the link, or create what it points to.");
    }
    if (error instanceof Deno.errors.FilesystemLoop) {
      if (fixtureName) {
        throw catalogError2(`Cannot read fixture "${shown}": it is a symlink loop`, "Remove the link, or point it at a file.");
      }
      walk.diagnostics.push({
        code: "SYMLINK_LOOP",
        level: "warning",
        message: `Skipped symlink "${shown}": it is a loop of symlinks`,
        hint: "Remove the link, or point it at a folder."
      });
      return;
    }
    if (!isIoError(error)) throw error;
    throw ioErrorToUserError(error, {
      path: shown,
      action: "follow symlink",
      kind: "catalog"
    });
  }
  if (!info.isDirectory) {
    if (miss) walk.nearMisses.push(nearMissWarning(shown, miss));
    if (!fixtureName) return;
    if (!info.isFile && path.endsWith(SCRIPT_SUFFIX)) throw scriptError(shown, info);
    walk.unchecked.add(path);
    walk.paths.push(path);
    return;
  }
  let real;
  try {
    real = Deno.realPathSync(absolute);
  } catch (error) {
    if (!isIoError(error)) throw error;
    throw ioErrorToUserError(error, {
      path: shown,
      action: "follow symlink",
      kind: "catalog"
    });
  }
  const ancestor = walk.stack.find(((folder) => folder.real === real));
  if (ancestor) {
    walk.diagnostics.push({
      code: "SYMLINK_LOOP",
      level: "warning",
      message: `Skipped symlink "${shown}": it leads back to "${walk.shown(ancestor.path)}", a folder it is in`,
      hint: "Remove the link, or point it at a folder that does not contain it."
    });
    return;
  }
  const inside = real === walk.rootReal || real.startsWith(join(walk.rootReal, ""));
  const walkedAs = walk.visited.get(real);
  if (inside || walkedAs !== void 0) {
    const where = walkedAs !== void 0 ? `"${walk.shown(walkedAs)}"` : `"${walk.shown(real.slice(join(walk.rootReal, "").length))}"`;
    walk.diagnostics.push({
      code: "SYMLINK_DUPLICATE",
      level: "warning",
      message: `Skipped symlink "${shown}": its folder is in the catalog already, as ${where}`,
      hint: "Each folder's fixtures run once, under the folder's own path; remove the link."
    });
    return;
  }
  {
    walk.diagnostics.push({
      code: "SYMLINK_OUTSIDE",
      level: "warning",
      message: `Followed symlink "${shown}" out of the fixtures directory to "${real}"`,
      hint: `Its fixtures get ids under "${path}/"; move them into the fixtures directory to silence this warning.`
    });
  }
  if (fixtureName) walk.nearMisses.push(folderNearMissWarning(shown, baseName(path)));
  visit(walk, path, real);
});
var baseName = (function baseName(path) {
  return path.slice(path.lastIndexOf("/") + 1);
});
var missOf = (function missOf(name, names) {
  const miss = nearMiss(name);
  return miss && !miss.excusedBy.some(((other) => names.has(other))) ? miss : void 0;
});
var visit = (function visit(walk, prefix, real) {
  const dir = prefix === "" ? walk.root : join(walk.root, prefix);
  walk.visited.set(real, prefix);
  let entries;
  try {
    entries = Deno.readDirSync(dir);
  } catch (error) {
    throw folderError(walk, prefix, error);
  }
  walk.stack.push({
    real,
    path: prefix
  });
  const sorted = [
    ...entries
  ].sort(((a, b) => a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
  const names = new Set(sorted.map(((entry) => entry.name)));
  for (const entry of sorted) {
    const path = prefix === "" ? entry.name : `${prefix}/${entry.name}`;
    try {
      visitEntry(walk, {
        entry,
        path,
        prefix,
        dir,
        real,
        names
      });
    } catch (error) {
      if (!(error instanceof UserError)) throw error;
      walk.problems.push({
        path,
        error
      });
    }
  }
  walk.stack.pop();
});
var visitEntry = (function visitEntry(walk, { entry, path, prefix, dir, real, names }) {
  const fixtureName = isFixtureName(entry.name);
  const miss = fixtureName || entry.isDirectory ? void 0 : missOf(entry.name, names);
  if (!fixtureName && !entry.isDirectory && !entry.isSymlink) {
    if (miss) walk.nearMisses.push(nearMissWarning(walk.shown(path), miss));
    return;
  }
  if (isLossyName(entry.name, join(dir, entry.name))) {
    const where = `"${escapeName(entry.name)}" in "${walk.shown(prefix)}"`;
    if (fixtureName) {
      throw catalogError2(`Cannot read fixture ${where}: its name is not valid UTF-8`, "Rename it: fixture ids use A-Z a-z 0-9 . _ - / only.");
    }
    walk.diagnostics.push({
      code: "NON_UTF8_NAME",
      level: "warning",
      message: `Skipped ${entry.isDirectory ? "folder" : "symlink"} ${where}: its name is not valid UTF-8`,
      hint: "Rename it to include its fixtures: fixture ids use A-Z a-z 0-9 . _ - / only."
    });
    return;
  }
  if (entry.isDirectory) {
    if (isSkippedFolder(entry.name)) return;
    if (fixtureName) walk.nearMisses.push(folderNearMissWarning(walk.shown(path), entry.name));
    visit(walk, path, join(real, entry.name));
  } else if (entry.isSymlink) {
    if (fixtureName || !isSkippedFolder(entry.name)) followLink(walk, path, fixtureName, miss);
  } else {
    addFile(walk, path, entry);
  }
});
var walkFixtures = (function walkFixtures(root, shown) {
  const walk = {
    root,
    rootReal: "",
    shown,
    paths: [],
    unchecked: /* @__PURE__ */ new Set(),
    diagnostics: [],
    nearMisses: [],
    problems: [],
    stack: [],
    visited: /* @__PURE__ */ new Map()
  };
  try {
    walk.rootReal = Deno.realPathSync(root);
  } catch (error) {
    throw folderError(walk, "", error);
  }
  visit(walk, "", walk.rootReal);
  const diagnostics = walk.diagnostics.sort(((a, b) => a.message < b.message ? -1 : a.message > b.message ? 1 : 0));
  diagnostics.push(...capNearMisses(walk.nearMisses));
  return {
    paths: walk.paths,
    unchecked: walk.unchecked,
    diagnostics,
    problems: walk.problems
  };
});

// lib/catalog/catalog.ts
var catalogError3 = (function catalogError3(message, ...hints) {
  return new UserError(message, {
    kind: "catalog",
    hints
  });
});
var checkId = (function checkId(id, file) {
  if (!isFixtureId(id)) {
    throw catalogError3(`Invalid fixture id "${displayName(id)}" from "${file()}": ids may contain only A-Z a-z 0-9 . _ - /`, "Rename the file (or its folders) with those characters only.");
  }
});
var placesIn = (function placesIn(where) {
  const base = where.fixturesDir.endsWith(sep) ? where.fixturesDir : where.fixturesDir + sep;
  const shownDir = relative(where.cwd, where.fixturesDir);
  const inside = where.cwd.startsWith(base);
  return {
    absolute: ((path) => base + path),
    // As messages show it: a name from the disk never starts a line of its own.
    shown: ((path) => displayName(inside ? relative(where.cwd, base + path) : shownDir === "" ? path : `${shownDir}/${path}`))
  };
});
var toFixture = (function toFixture(id, files, manifest, where) {
  const { places } = where;
  const { manifestFile } = files;
  const m = manifest ?? {};
  let script;
  if (files.script) {
    if (m.script !== void 0 || m.command !== void 0) {
      throw catalogError3(`Invalid manifest "${manifestFile}": it sits beside "${files.script}", so it configures that script and cannot name "${m.script !== void 0 ? "script" : "command"}"`, "Remove the key, or rename the manifest to give the command fixture its own id.");
    }
    script = places.absolute(files.script);
  } else {
    if (m.script === void 0 === (m.command === void 0)) {
      throw catalogError3(`Invalid manifest "${manifestFile}": it must name exactly one of "script" or "command"` + (m.script !== void 0 ? ", not both" : ""), 'Write "script": "path/to/check.ts" (relative to the manifest) or "command": ["program", "arg"].');
    }
    if (m.script !== void 0) {
      script = resolve(dirname(places.absolute(files.manifest)), m.script);
    }
  }
  if (m.command && m.permissions) {
    throw catalogError3(`Invalid manifest "${manifestFile}": "permissions" applies to Deno scripts, not to a command`, 'Remove "permissions", or use "script" to run a Deno script.');
  }
  const skipReason = m.skip === true ? "skipped in manifest" : m.skip || void 0;
  return {
    id,
    kind: script ? "script" : "command",
    file: files.script ? places.shown(files.script) : script ? relative(where.cwd, script) || "." : manifestFile,
    ...manifestFile ? {
      manifestFile
    } : {},
    ...script ? {
      script
    } : {
      command: m.command
    },
    args: m.args ?? [],
    cwd: m.cwd === void 0 ? where.cwd : resolve(where.cwd, m.cwd),
    env: m.env ?? {},
    ...m.permissions ? {
      permissions: m.permissions
    } : {},
    ...m.timeoutMs !== void 0 ? {
      timeoutMs: m.timeoutMs
    } : {},
    ...m.retries !== void 0 ? {
      retries: m.retries
    } : {},
    tags: m.tags ?? [],
    needs: m.needs ? [
      ...new Set(m.needs)
    ] : [],
    teardown: m.teardown === true,
    ...m.description !== void 0 ? {
      description: m.description
    } : {},
    ...skipReason ? {
      skipReason
    } : {},
    expect: {
      exitCode: m.expect?.exitCode ?? 0,
      stdoutIncludes: m.expect?.stdoutIncludes ?? [],
      stderrIncludes: m.expect?.stderrIncludes ?? [],
      stdoutExcludes: m.expect?.stdoutExcludes ?? [],
      stderrExcludes: m.expect?.stderrExcludes ?? []
    }
  };
});
var idOf = (function idOf(path) {
  return path.endsWith(SCRIPT_SUFFIX) ? path.slice(0, -SCRIPT_SUFFIX.length) : path.endsWith(MANIFEST_SUFFIX) ? path.slice(0, -MANIFEST_SUFFIX.length) : void 0;
});
var collectCatalog = (function collectCatalog(files, where, held) {
  const byId = /* @__PURE__ */ new Map();
  for (const file of files) {
    const suffix = file.path.endsWith(SCRIPT_SUFFIX) ? SCRIPT_SUFFIX : file.path.endsWith(MANIFEST_SUFFIX) ? MANIFEST_SUFFIX : void 0;
    if (!suffix) continue;
    const id = file.path.slice(0, -suffix.length);
    if (held.has(id)) continue;
    const entry = byId.get(id) ?? {};
    if (suffix === SCRIPT_SUFFIX) entry.script = file.path;
    else Object.assign(entry, {
      manifest: file.path,
      text: file.text ?? ""
    });
    byId.set(id, entry);
  }
  const collected = {
    fixtures: [],
    problems: [],
    manifests: /* @__PURE__ */ new Map()
  };
  const folded = /* @__PURE__ */ new Map();
  const placed = {
    ...where,
    places: placesIn(where)
  };
  for (const [id, entry] of byId) {
    const path = entry.script ?? entry.manifest;
    try {
      checkId(id, (() => placed.places.shown(path)));
      const other = folded.get(id.toLowerCase());
      if (other !== void 0) {
        throw catalogError3(`Duplicate fixture id: "${id}" and "${other}" differ only in case`, "Rename one of them: ids must stay distinct on case-insensitive file systems.");
      }
      folded.set(id.toLowerCase(), id);
      const manifestFile = entry.manifest ? placed.places.shown(entry.manifest) : void 0;
      const manifest = manifestFile !== void 0 ? parseManifest(entry.text ?? "", manifestFile) : void 0;
      const fixture = toFixture(id, {
        ...entry,
        manifestFile
      }, manifest, placed);
      collected.fixtures.push(fixture);
      if (entry.manifest) collected.manifests.set(fixture, entry.manifest);
    } catch (error) {
      if (!(error instanceof UserError)) throw error;
      collected.problems.push({
        path,
        error
      });
    }
  }
  collected.fixtures.sort(((a, b) => a.id < b.id ? -1 : a.id > b.id ? 1 : 0));
  const manifestOf = new Map(collected.fixtures.map(((f) => [
    f.id,
    f.manifestFile ?? f.file
  ])));
  for (const problem of needsProblems(collected.fixtures)) {
    const shown = manifestOf.get(problem.id);
    collected.problems.push({
      path: collected.manifests.get(collected.fixtures.find(((f) => f.id === problem.id))) ?? problem.id,
      error: catalogError3(`Invalid manifest "${shown}": ${problem.message}`, problem.hint)
    });
  }
  return collected;
});
var shownDirOf = (function shownDirOf(where) {
  return relative(where.cwd, where.fixturesDir) || ".";
});
var scanCatalog = (function scanCatalog(where) {
  const places = placesIn(where);
  const shownDir = shownDirOf(where);
  const walked = walkFixtures(where.fixturesDir, ((path) => path === "" ? displayName(shownDir) : places.shown(path)));
  const problems = [
    ...walked.problems
  ];
  const files = [];
  for (const path of walked.paths) {
    if (!path.endsWith(MANIFEST_SUFFIX)) {
      files.push({
        path
      });
      continue;
    }
    try {
      const text = readManifest(places.absolute(path), (() => places.shown(path)), {
        knownRegularFile: !walked.unchecked.has(path)
      });
      files.push({
        path,
        text
      });
    } catch (error2) {
      if (!(error2 instanceof UserError)) throw error2;
      problems.push({
        path,
        error: error2
      });
    }
  }
  const held = new Set(problems.map(((problem) => idOf(problem.path))).filter(((id) => id !== void 0)));
  const collected = collectCatalog(files, where, held);
  problems.push(...collected.problems);
  const scripts = new Set(walked.paths.filter(((p) => p.endsWith(SCRIPT_SUFFIX))).map(places.absolute));
  for (const fixture of collected.fixtures) {
    if (!fixture.script || scripts.has(fixture.script)) continue;
    try {
      checkNamedScript({
        ...fixture,
        script: fixture.script
      });
    } catch (error2) {
      if (!(error2 instanceof UserError)) throw error2;
      problems.push({
        path: collected.manifests.get(fixture),
        error: error2
      });
    }
  }
  const error = catalogProblemsError(problems, shownDir);
  if (error) throw error;
  return {
    fixtures: collected.fixtures,
    diagnostics: walked.diagnostics
  };
});
var readCatalog = (function readCatalog(where) {
  return scanCatalog(where).fixtures;
});

// lib/selection/select.ts
var filterByTags = (function filterByTags(fixtures, tags, catalog) {
  if (tags.length === 0) return [
    ...fixtures
  ];
  const known = new Set(catalog.flatMap(((f) => f.tags)));
  for (const tag of tags) {
    if (known.has(tag)) continue;
    const suggestion = closest(tag, [
      ...known
    ]);
    throw new UserError(`Unknown tag "${displayName(tag)}": no fixture has it`, {
      kind: "usage",
      hints: [
        suggestion ? `Did you mean "--tag ${suggestion}"?` : known.size ? `The tags in use: ${[
          ...known
        ].sort().join(", ")}.` : 'No fixture has tags yet: add "tags": ["api"] to a manifest.',
        "Run with --dry-run to see each fixture's tags."
      ]
    });
  }
  const wanted = new Set(tags);
  return fixtures.filter(((f) => f.tags.some(((tag) => wanted.has(tag)))));
});
var excludeFixtures = (function excludeFixtures(fixtures, exclusions, catalog) {
  const tags = new Set(exclusions.tags);
  const out = ((f) => f.tags.some(((tag) => tags.has(tag))) || exclusions.patterns.some(((p) => matchesPattern(p, f.id))));
  return {
    kept: fixtures.filter(((f) => !out(f))),
    unmatched: {
      patterns: exclusions.patterns.filter(((p) => !catalog.some(((f) => matchesPattern(p, f.id))))),
      tags: exclusions.tags.filter(((t) => !catalog.some(((f) => f.tags.includes(t)))))
    }
  };
});
var matchSegment = (function matchSegment(pattern, text, steps) {
  let p = 0;
  let t = 0;
  let star = -1;
  let resume = 0;
  while (t < text.length) {
    steps.count++;
    if (p < pattern.length && pattern[p] === "*") {
      star = p++;
      resume = t;
    } else if (p < pattern.length && pattern[p] === text[t]) {
      p++;
      t++;
    } else if (star >= 0) {
      p = star + 1;
      t = ++resume;
    } else {
      return false;
    }
  }
  while (p < pattern.length && pattern[p] === "*") {
    steps.count++;
    p++;
  }
  return p === pattern.length;
});
var matchSegments = (function matchSegments(patterns, segments, steps) {
  let p = 0;
  let s = 0;
  let star = -1;
  let resume = 0;
  while (s < segments.length) {
    steps.count++;
    if (p < patterns.length && patterns[p] === "**") {
      star = p++;
      resume = s;
    } else if (p < patterns.length && matchSegment(patterns[p], segments[s], steps)) {
      p++;
      s++;
    } else if (star >= 0) {
      p = star + 1;
      s = ++resume;
    } else {
      return false;
    }
  }
  while (p < patterns.length && patterns[p] === "**") p++;
  return p === patterns.length;
});
var globMatch = (function globMatch(pattern, id) {
  const steps = {
    count: 0
  };
  if (!pattern.includes("*")) return {
    matches: pattern === id,
    steps: 0
  };
  const patterns = pattern.split("/");
  const segments = id.split("/");
  const matches = patterns.includes("**") ? matchSegments(patterns, segments, steps) : patterns.length === segments.length && patterns.every(((p, i) => matchSegment(p, segments[i], steps)));
  return {
    matches,
    steps: steps.count
  };
});
var matchesPattern = (function matchesPattern(pattern, id) {
  return globMatch(pattern, id).matches;
});
var filterByPatterns = (function filterByPatterns(catalog, patterns) {
  if (patterns.length === 0) return [
    ...catalog
  ];
  for (const pattern of patterns) {
    if (!catalog.some(((fixture) => matchesPattern(pattern, fixture.id)))) {
      const suggestion = closest(pattern, catalog.map(((fixture) => fixture.id)));
      throw new UserError(`Unknown fixture "${displayName(pattern)}": no fixture id matches it`, {
        kind: "usage",
        hints: [
          suggestion ? `Did you mean "${suggestion}"?` : "Check the id spelling.",
          "Run with --list to see every id."
        ]
      });
    }
  }
  return catalog.filter(((fixture) => patterns.some(((p) => matchesPattern(p, fixture.id)))));
});
var hashId = (function hashId(text) {
  let hash = 2166136261;
  for (let i = 0; i < text.length; i++) {
    hash ^= text.charCodeAt(i);
    hash = Math.imul(hash, 16777619) >>> 0;
  }
  return hash;
});
var shardIndexOf = (function shardIndexOf(id, total) {
  return avalanche(hashId(id)) % total + 1;
});
var splitDigest = (async function splitDigest(by, total, placed) {
  const lines = [
    ...placed
  ].map((([id, index]) => `${id}	${index}
`)).sort();
  const text = `smoke split 1
${by}
${total}
${lines.join("")}`;
  return await sha256Hex(new TextEncoder().encode(text));
});
var shardsWithFixtures = (function shardsWithFixtures(indexes, total) {
  const filled = [
    ...new Set(indexes)
  ].sort(((a, b) => a - b));
  return filled.length < total ? filled : void 0;
});
var avalanche = (function avalanche(hash) {
  hash ^= hash >>> 16;
  hash = Math.imul(hash, 2246822507);
  hash ^= hash >>> 13;
  hash = Math.imul(hash, 3266489909);
  hash ^= hash >>> 16;
  return hash >>> 0;
});
var suiteKey = (async function suiteKey(catalogIds) {
  const ids = [
    ...catalogIds
  ].sort(((a, b) => a < b ? -1 : a > b ? 1 : 0));
  const text = [
    "catalog",
    ...ids
  ].join("\n");
  return `sha256:${await sha256Hex(new TextEncoder().encode(text))}`;
});
var formerSuiteKey = (async function formerSuiteKey(fixturesDir) {
  return `sha256:${await sha256Hex(new TextEncoder().encode(fixturesDir))}`;
});

// lib/selection/quarantine.ts
var daysBetween = (function daysBetween(today, until) {
  return Math.round((Date.parse(`${until}T00:00:00Z`) - Date.parse(`${today}T00:00:00Z`)) / 864e5);
});
var dayOf = (function dayOf(now) {
  return now.toISOString().slice(0, 10);
});
var resolveQuarantine = (function resolveQuarantine(entries, catalogIds, today) {
  const protects = /* @__PURE__ */ new Map();
  const diagnostics = [];
  for (const { entry, where } of entries) {
    const matched = catalogIds.filter(((id) => matchesPattern(entry.id, id)));
    if (entry.id.includes("*") && !entry.all && catalogIds.length >= 2 && matched.length === catalogIds.length) {
      throw new UserError(`Quarantine entry "${entry.id}" (${where}) matches every fixture of the catalog`, {
        kind: "config",
        code: "QUARANTINE_TOO_WIDE",
        hints: [
          'A quarantine that swallows the suite hides every failure. Name the flaky fixtures, or write "all": true in the entry if that is what you mean.'
        ]
      });
    }
    if (matched.length === 0) {
      diagnostics.push({
        code: "QUARANTINE_UNMATCHED",
        level: "warning",
        message: `Quarantine entry "${entry.id}" (${where}) matches no fixture`,
        hint: "Remove the entry if the fixture is gone, or fix the id (see --list)."
      });
      continue;
    }
    const days = daysBetween(today, entry.until);
    if (days < 0) {
      diagnostics.push({
        code: "QUARANTINE_EXPIRED",
        level: "warning",
        message: `Quarantine of "${entry.id}" (${where}) expired after ${entry.until}; owner ${entry.owner} (${entry.reason}): its failures fail the run again`,
        hint: "Fix the fixture and remove the entry, or move its until date with the owner's word."
      });
      continue;
    }
    const mark = {
      reason: entry.reason,
      owner: entry.owner,
      until: entry.until
    };
    for (const id of matched) if (!protects.has(id)) protects.set(id, mark);
  }
  return {
    protects,
    diagnostics
  };
});

// lib/selection/durations.ts
var DURATION_SAMPLES = 10;
var DEFAULT_DURATION_MS = 1e3;
var median = (function median(values) {
  const sorted = [
    ...values
  ].sort(((a, b) => a - b));
  const mid = sorted.length >> 1;
  return sorted.length % 2 === 1 ? sorted[mid] : (sorted[mid - 1] + sorted[mid]) / 2;
});
var estimatesFrom = (function estimatesFrom(byId, ids, options = {}) {
  const k = options.samples ?? DURATION_SAMPLES;
  const estimateOf = ((id) => {
    const list = byId.get(id)?.slice(0, k) ?? [];
    return list.length ? {
      ms: median(list),
      samples: list.length
    } : void 0;
  });
  const known = /* @__PURE__ */ new Map();
  for (const id of new Set(ids)) {
    const estimate = estimateOf(id);
    if (estimate) known.set(id, estimate);
  }
  const others = options.defaultFrom ? [
    ...new Set(options.defaultFrom)
  ].flatMap(((id) => estimateOf(id)?.ms ?? [])) : [
    ...known.values()
  ].map(((e) => e.ms));
  const defaultMs = others.length > 0 ? median(others) : DEFAULT_DURATION_MS;
  const defaultOf = others.length;
  const estimates = /* @__PURE__ */ new Map();
  for (const id of ids) {
    const estimate = known.get(id) ?? {
      ms: defaultMs,
      samples: 0
    };
    const cap = options.capMs?.(id);
    const cut = cap !== void 0 && estimate.ms > cap ? {
      ms: cap,
      ...estimate.ms > cap * 1.1 ? {
        capped: true
      } : {}
    } : {};
    estimates.set(id, {
      ...estimate,
      ...cut
    });
  }
  return {
    byId: estimates,
    defaultMs,
    defaultOf
  };
});
var longestFirst = (function longestFirst(ids, expectedMs) {
  return ids.map(((_, i) => i)).sort(((i, j) => expectedMs[j] - expectedMs[i] || (ids[i] < ids[j] ? -1 : ids[i] > ids[j] ? 1 : i - j)));
});
var longestChainFirst = (function longestChainFirst(fixtures, expectedMs) {
  if (fixtures.every(((f) => f.needs.length === 0))) {
    return longestFirst(fixtures.map(((f) => f.id)), expectedMs);
  }
  const dependants = fixtures.map((() => []));
  needIndices(fixtures).forEach(((needs, j) => needs.forEach(((i) => dependants[i].push(j)))));
  const chain = new Array(fixtures.length).fill(-1);
  for (const i of dependenciesFirst(fixtures.map(((_, i2) => i2)), ((i2) => dependants[i2]))) {
    let longest = 0;
    for (const j of dependants[i]) if (chain[j] > longest) longest = chain[j];
    chain[i] = expectedMs[i] + longest;
  }
  return longestFirst(fixtures.map(((f) => f.id)), chain);
});
var longestOf = (function longestOf(fixtures) {
  const byId = new Map(fixtures.map(((p) => [
    p.fixture.id,
    p.timeoutMs * (p.retries + 1)
  ])));
  return ((id) => byId.get(id));
});
var formatExpected = (function formatExpected(ms) {
  return ms >= 1e3 ? `${(ms / 1e3).toFixed(1)}s` : `${Math.round(ms)}ms`;
});

// lib/selection/duration_shards.ts
var durationShards = (function durationShards(ids, expectedMs, total, options = {}) {
  const number = new Map(ids.map(((id, i) => [
    id,
    i
  ])));
  const msOfNumber = [
    ...expectedMs
  ];
  const brings = ids.map(((_, i) => (options.brings?.[i] ?? []).map(((b) => {
    let n = number.get(b.id);
    if (n === void 0) {
      n = msOfNumber.push(b.ms) - 1;
      number.set(b.id, n);
    }
    return n;
  }))));
  const follows = ((i) => expectedMs[i] > 0 && options.follows?.[i] === true);
  const fullOf = ids.map(((_, i) => brings[i].reduce(((sum, n) => sum + msOfNumber[n]), expectedMs[i])));
  const first = place(longestFirst(ids, expectedMs));
  if (fullOf.every(((ms, i) => ms === expectedMs[i]))) return first;
  const longest = Math.max(...first.totals);
  const split = place(longestFirst(ids, fullOf), {
    cap: longest
  });
  const most = Math.max(0, ...fullOf);
  const led = new Set(split.shardOf.filter(((_, i) => expectedMs[i] > 0 && !follows(i))));
  const balanced = led.size < split.totals.length || Math.max(...split.totals) - Math.min(...split.totals) <= most;
  return Math.max(...split.totals) < longest && balanced ? split : first;
  function place(order, options2 = {}) {
    const totals = Array.from({
      length: Math.max(1, Math.min(total, ids.length))
    }, (() => 0));
    const counts = totals.map((() => 0));
    const leaders = totals.map((() => 0));
    const shardOf = ids.map((() => 0));
    const runsOn = msOfNumber.map((() => []));
    const saved = totals.map((() => 0));
    let top = 0;
    for (const i of [
      ...order.filter(((i2) => !follows(i2))),
      ...order.filter(follows)
    ]) {
      const among = follows(i) && leaders[0] > 0 ? leaders : expectedMs[i] === 0 && counts[0] > 0 ? counts : void 0;
      const runs = brings[i].length ? [
        i,
        ...brings[i]
      ] : [
        i
      ];
      const full = fullOf[i];
      for (const n of runs) for (const s of runsOn[n]) saved[s] += msOfNumber[n];
      let least = 0;
      if (runs.length === 1 && runsOn[i].length === 0) {
        for (let s = 1; s < totals.length; s++) {
          if ((!among || among[s] > 0) && totals[s] < totals[least]) least = s;
        }
        totals[least] += full;
      } else {
        const cap = options2.cap;
        let leastCost = totals[0] + full - saved[0];
        let leastLongest = Math.max(leastCost, top);
        let within = cap !== void 0 && leastCost <= cap;
        for (let s = 1; s < totals.length; s++) {
          if (among && among[s] === 0) continue;
          const cost = totals[s] + full - saved[s];
          const longest2 = Math.max(cost, top);
          const fits = cap !== void 0 && cost <= cap;
          const better = within || fits ? fits && (!within || saved[s] > saved[least] || saved[s] === saved[least] && cost < leastCost) : longest2 < leastLongest || longest2 === leastLongest && (saved[s] > saved[least] || saved[s] === saved[least] && cost < leastCost);
          if (better) {
            least = s;
            leastCost = cost;
            leastLongest = longest2;
            within = fits;
          }
        }
        totals[least] = leastCost;
      }
      top = Math.max(top, totals[least]);
      for (const n of runs) {
        for (const s of runsOn[n]) saved[s] = 0;
        if (!runsOn[n].includes(least)) runsOn[n].push(least);
      }
      counts[least]++;
      if (expectedMs[i] > 0 && !follows(i)) leaders[least]++;
      shardOf[i] = least + 1;
    }
    return {
      shardOf,
      totals
    };
  }
});

// lib/selection/shard_plan.ts
var MISSING_NAMED = 3;
var durationShardOf = (function durationShardOf(selection, shard, timings, options = {}) {
  if (options.placeBy) {
    return placedBy(selection, shard, timings, {
      ...options,
      placeBy: options.placeBy
    });
  }
  return splitOf(selection, shard, timings, options);
});
var splitOf = (function splitOf(selection, shard, timings, options, needs) {
  const { ids, ms, missing, missingIds, fixtures, brings, needsLeftOut } = predicted(selection, timings, options, needs);
  const follows = selection.map(((f) => f.teardown === true && (f.needs?.length ?? 0) === 0));
  const split = durationShards(ids, ms, shard.total, {
    follows,
    ...brings ? {
      brings
    } : {}
  });
  const kept = selection.filter(((_, i) => split.shardOf[i] === shard.index));
  return {
    kept,
    shardOf: split.shardOf,
    plan: {
      shard,
      totals: split.totals,
      ...timings ? {
        source: timings.shown
      } : {},
      ...timings?.given ? {
        timingsGiven: true
      } : {},
      ...timings?.shared ? {
        timingsShared: true
      } : {},
      ...timings?.given ? {} : {
        ownTimings: catalogTimings(timings?.byId, options.catalogIds)
      },
      missing,
      ...missingIds.length ? {
        missingIds
      } : {},
      fixtures,
      ...needsLeftOut ? {
        needsLeftOut
      } : {}
    }
  };
});
var predicted = (function predicted(selection, timings, options, needs = graphNeeds(options.graph ?? selection.map(((f) => ({
  ...f,
  needs: f.needs ?? [],
  teardown: f.teardown === true
}))), options.skipped)) {
  const ids = selection.map(((f) => f.id));
  const { graph, hasNeeds, brought } = needs;
  const broughtIds = brought ? ids.map(((id) => [
    ...brought.get(id) ?? []
  ])) : void 0;
  const selected = new Set(ids);
  const extra = [
    ...new Set(broughtIds?.flat() ?? [])
  ].filter(((id) => !selected.has(id)));
  const estimates = estimatesFrom(timings?.byId ?? /* @__PURE__ */ new Map(), [
    ...ids,
    ...extra
  ], {
    defaultFrom: options.catalogIds ?? ids,
    ...options.capMs ? {
      capMs: options.capMs
    } : {}
  });
  const skipReasons = new Map(graph.map(((node) => [
    node.id,
    node.skipReason
  ])));
  for (const f of selection) skipReasons.set(f.id, f.skipReason);
  const idle = ((id) => skipReasons.get(id) !== void 0 || !!options.skipped?.has(id));
  const msOf = ((id) => idle(id) ? 0 : Math.max(1, Math.round(estimates.byId.get(id).ms)));
  const ms = ids.map(msOf);
  const broughtObjects = /* @__PURE__ */ new Map();
  const broughtOf = ((id) => {
    let object = broughtObjects.get(id);
    if (!object) broughtObjects.set(id, object = {
      id,
      ms: msOf(id)
    });
    return object;
  });
  const running = [
    ...ids,
    ...extra
  ].filter(((id) => !idle(id)));
  const without = running.filter(((id) => estimates.byId.get(id).samples === 0));
  return {
    ids,
    ms,
    missing: without.length,
    missingIds: without.sort().slice(0, MISSING_NAMED),
    fixtures: running.length,
    ...broughtIds ? {
      brings: broughtIds.map(((list) => list.map(broughtOf)))
    } : {},
    ...hasNeeds && !brought ? {
      needsLeftOut: true
    } : {}
  };
});
var graphNeeds = (function graphNeeds(graph, skipped) {
  const hasNeeds = graph.some(((node) => node.needs.length > 0));
  const brought = hasNeeds ? broughtBy(graph, skipped) : void 0;
  return {
    graph,
    hasNeeds,
    ...brought ? {
      brought
    } : {}
  };
});
var placedBy = (function placedBy(selection, shard, timings, options) {
  const { placeBy, ...rest } = options;
  const needs = rest.graph ? graphNeeds(rest.graph, rest.skipped) : void 0;
  const whole = splitOf(placeBy, shard, timings, rest, needs);
  const at = new Map(placeBy.map(((f, i) => [
    f.id,
    i
  ])));
  const shardOf = selection.map(((f) => whole.shardOf[at.get(f.id)]));
  const { ms, missing, missingIds, fixtures, brings } = predicted(selection, timings, rest, needs);
  const runs = whole.plan.totals.map((() => /* @__PURE__ */ new Map()));
  shardOf.forEach(((s, i) => {
    for (const r of [
      {
        id: selection[i].id,
        ms: ms[i]
      },
      ...brings?.[i] ?? []
    ]) {
      runs[s - 1].set(r.id, r.ms);
    }
  }));
  const totals = runs.map(((shardRuns) => [
    ...shardRuns.values()
  ].reduce(((a, b) => a + b), 0)));
  const { missingIds: _, ...plan } = whole.plan;
  return {
    kept: selection.filter(((_2, i) => shardOf[i] === shard.index)),
    shardOf,
    plan: {
      ...plan,
      totals,
      missing,
      ...missingIds.length ? {
        missingIds
      } : {},
      fixtures,
      placedByWhole: true
    }
  };
});
var catalogTimings = (function catalogTimings(byId, catalogIds) {
  if (catalogIds === void 0) return new Map(byId ?? []);
  return new Map(catalogIds.map(((id) => [
    id,
    byId?.get(id) ?? []
  ])));
});

// lib/selection/shard_plan_lines.ts
var shardPlanLine = (function shardPlanLine(plan) {
  const { total, index } = plan.shard;
  let reached = plan.totals.length;
  while (reached > 1 && plan.totals[reached - 1] === 0) reached--;
  const parts = plan.totals.slice(0, reached).map(((ms, i) => `${i + 1}/${total} ${formatExpected(ms)}${i + 1 === index ? " (this shard)" : ""}`));
  const first = reached + 1;
  if (first <= total) {
    const mark = index < first ? "" : first === total ? " (this shard)" : ` (this shard: ${index}/${total})`;
    const range = first === total ? `${total}/${total}` : `${first}/${total} to ${total}/${total}`;
    parts.push(`${range} 0ms${mark}`);
  }
  return `Shards by duration (${timingsSource(plan)}): ${parts.join(", ")}`;
});
var timingsSource = (function timingsSource(plan) {
  if (plan.fixtures === 0) {
    return `${plan.source === void 0 ? "no timings" : `from ${plan.source}`}; every fixture skipped`;
  }
  const named = plan.missingIds?.length && plan.missing < plan.fixtures ? `: ${plan.missingIds.join(", ")}${plan.missing > plan.missingIds.length ? ` and ${plan.missing - plan.missingIds.length} more` : ""}` : "";
  const count = `${plan.missing} of ${plan.fixtures} fixture${plan.fixtures === 1 ? "" : "s"}`;
  const shared = plan.timingsShared ? ", kept for the splits until a full run" : "";
  const placed = plan.placedByWhole ? ", placed as the whole selection splits" : "";
  const needs = plan.needsLeftOut ? "; needs too many to follow, not counted" : "";
  return plan.source === void 0 ? `no timings: ${count} at the default${placed}${needs}` : `from ${plan.source}${shared}${placed}, ${count} without timings${named}${needs}`;
});
var shardRunLine = (function shardRunLine(plan) {
  const { index, total } = plan.shard;
  const shared = plan.timingsShared ? ", kept for the splits until a full run" : "";
  const source = plan.missing > 0 || plan.needsLeftOut || plan.source === void 0 ? timingsSource(plan) : `from ${plan.source}${shared}`;
  return `Shard ${index}/${total} by duration: predicted ${formatExpected(plan.totals[index - 1] ?? 0)} of fixture time (${source})`;
});
var noTimingsWarning = (function noTimingsWarning(plan) {
  if (plan.source === void 0 || plan.fixtures === 0 || plan.missing < plan.fixtures || plan.placedByWhole) return void 0;
  const n = plan.fixtures;
  return {
    code: "SHARD_TIMINGS_MISSING",
    level: "warning",
    message: `No timings in "${plan.source}" for any of the ${n} fixture${n === 1 ? "" : "s"} that run: every fixture gets the default duration (a split by count)`,
    hint: plan.timingsShared ? "These are the timings kept for the splits here since the last full run, which held none of them: a full run in this artifact directory (not split) lets the next split read the newest durations, or give every shard one --timings file (e.g. a copy of a merged latest.json)." : plan.timingsGiven ? "Pass --timings with an artifact or durations.json in which these fixtures ran (the ids are the catalog's)." : "Run these fixtures once (not split by duration) to record durations, or pass --timings with a previous run's artifact."
  };
});

// lib/selection/resolve_selection.ts
var locationFlags = (function locationFlags(flags) {
  const out = [];
  if (flags.config) out.push("--config", flags.config);
  if (flags.fixturesDir) out.push("--fixtures-dir", flags.fixturesDir);
  if (flags.artifactDir) out.push("--artifact-dir", flags.artifactDir);
  return out;
});
var smokeCommand = (function smokeCommand(invocation, flags) {
  const location = locationFlags(flags);
  return location.length ? `${invocation} ${shellQuote(location)}` : invocation;
});
var resolveSelection = (async function resolveSelection(flags, options, context) {
  const { cwd } = context;
  const scan = scanCatalog({
    cwd,
    fixturesDir: resolve(cwd, options.fixturesDir)
  });
  const catalog = scan.fixtures;
  const catalogIds = catalog.map(((f) => f.id));
  let chosen = filterByTags(filterByPatterns(catalog, flags.fixtures), flags.tags ?? [], catalog);
  const excluded = excludeFixtures(chosen, {
    patterns: flags.excludes ?? [],
    tags: flags.excludeTags ?? []
  }, catalog);
  chosen = excluded.kept;
  const beforeRerun = chosen;
  let rerunOfLatest = false;
  let rerun;
  let none;
  const diagnostics = [
    ...scan.diagnostics,
    ...unmatchedWarnings(excluded.unmatched)
  ];
  const quarantine = context.quarantine?.length ? resolveQuarantine(context.quarantine, catalogIds, context.today ?? dayOf(/* @__PURE__ */ new Date())) : void 0;
  if (quarantine) diagnostics.push(...quarantine.diagnostics);
  const history = historyPaths(resolve(cwd, options.artifactDir));
  const suite = await suiteKey(catalogIds);
  const formerSuite = await formerSuiteKey(realPath(resolve(cwd, options.fixturesDir)));
  if (flags.rerunFailed) {
    const [{ preflight }, { newestRealRun, readHistoryRun }] = await Promise.all([
      import("./rerun_preflight-Z66BBYAC.js"),
      import("./run_history-72L5AMRL.js")
    ]);
    const path = flags.artifact ? resolve(cwd, flags.artifact) : history.latest;
    rerunOfLatest = !flags.artifact || sameFile(path, history.latest);
    try {
      rerun = await preflight({
        path,
        shownPath: flags.artifact ?? `${options.artifactDir}/latest.json`,
        catalogIds,
        selectedIds: chosen.map(((f) => f.id)),
        patterns: flags.fixtures,
        filters: filtersOf(flags),
        maxFailures: flags.rerunMaxFailures,
        fallback: context.command,
        readRun: ((runId) => readHistoryRun(history, runId)),
        ...flags.ifNone ? {
          ifNone: flags.ifNone
        } : {},
        newestRun: (() => newestRealRun(history, {
          shownDir: options.artifactDir,
          exclude: path
        }))
      });
    } catch (error) {
      if (!(error instanceof PreflightError) || diagnostics.length === 0) throw error;
      const warnings = error.diagnostics.filter(((d) => d.level === "warning"));
      throw new PreflightError(error.code, error.message, error.hints, [
        ...diagnostics,
        ...warnings
      ]);
    }
    diagnostics.push(...rerun.diagnostics);
    none = rerun.none;
    if (none !== void 0 && flags.ifNone === "all") {
      rerun = void 0;
    } else {
      const ids = new Set(rerun.rerunIds);
      chosen = chosen.filter(((f) => ids.has(f.id)));
    }
  }
  const filtered = flags.fixtures.length > 0 || (flags.tags ?? []).length > 0 || (flags.excludes ?? []).length > 0 || (flags.excludeTags ?? []).length > 0;
  let shardPlan;
  let durationsRead;
  let shardRecord;
  const owed = rerun && flags.shard ? chosen.length : void 0;
  const skipped = skippedWhatever(catalog);
  if (flags.shard) {
    let placed;
    if (flags.shardBy === "duration") {
      const { readTimings } = await import("./read_timings-UT35PFB3.js");
      const read = await readTimings({
        cwd,
        artifactDir: options.artifactDir,
        suite,
        formerSuite,
        ...flags.timings !== void 0 ? {
          timings: flags.timings
        } : {}
      });
      if (read.warning) diagnostics.push(read.warning);
      durationsRead = read.read;
      const split = durationShardOf(chosen, flags.shard, read.timings, {
        skipped,
        catalogIds,
        // A shard runs the needs of its fixtures: they count in its total, wherever they are.
        graph: catalog,
        // The longest each can take with its timeout now.
        capMs: longestOf(catalog.map(((fixture) => ({
          fixture,
          ...fixtureLimits(fixture, options)
        })))),
        // What is owed changes with each shard's rerun when they read the folder's latest.json:
        // placed as the whole selection splits, every shard finds its fixtures where they were.
        ...rerun && rerunOfLatest ? {
          placeBy: beforeRerun
        } : {}
      });
      placed = split.shardOf;
      shardPlan = split.plan;
      const noTimings = noTimingsWarning(split.plan);
      if (noTimings) diagnostics.push(noTimings);
    } else placed = chosen.map(((f) => shardIndexOf(f.id, flags.shard.total)));
    const { index, total } = flags.shard;
    const withFixtures = shardsWithFixtures(placed, total);
    const by = flags.shardBy === "duration" ? "duration" : "hash";
    shardRecord = {
      ...withFixtures ? {
        withFixtures
      } : {},
      split: await splitDigest(by, total, chosen.map(((f, i) => [
        f.id,
        placed[i]
      ])))
    };
    chosen = chosen.filter(((_, i) => placed[i] === index));
  }
  const closed = closeOverNeeds(chosen.map(((f) => f.id)), catalog, skipped);
  if (closed.pulledIn.size) chosen = catalog.filter(((f) => closed.ids.has(f.id)));
  const excludes = {
    patterns: flags.excludes ?? [],
    tags: flags.excludeTags ?? []
  };
  if ((excludes.patterns.length || excludes.tags.length) && closed.pulledIn.size) {
    const pulled = catalog.filter(((f) => closed.pulledIn.has(f.id)));
    const kept = new Set(excludeFixtures(pulled, excludes, catalog).kept.map(((f) => f.id)));
    const skips = skippedAnyway(chosen);
    for (const f of pulled) {
      if (kept.has(f.id)) continue;
      const why = closed.pulledIn.get(f.id);
      const skip = skips.get(f.id);
      diagnostics.push({
        code: "NEED_EXCLUDED",
        level: "warning",
        message: skip === void 0 ? `"${f.id}" is excluded, but it runs: ${why}` : `"${f.id}" is excluded, but it stays in the run, skipped (${skip}): ${why}`,
        hint: (skip === void 0 ? "A fixture runs with what it needs and with its teardowns." : "It does not run; it is listed so that what needs it says why it is skipped.") + " To leave it out, leave out (or exclude) the fixtures that need it too."
      });
    }
  }
  const planned = chosen.map(((fixture) => {
    const plan = planFixture(fixture, {
      options,
      deno: context.deno
    });
    const mark = quarantine?.protects.get(fixture.id);
    return mark ? {
      ...plan,
      quarantine: mark
    } : plan;
  }));
  const mode = rerun ? "rerun-failed" : filtered ? "selected" : "full";
  const changes = rerun ? await rerunChanges(rerun, chosen, cwd) : void 0;
  return {
    planned,
    mode,
    diagnostics,
    ...rerun ? {
      rerun
    } : {},
    catalogIds,
    ...changes ? {
      changes
    } : {},
    ...none !== void 0 ? {
      none
    } : {},
    ...shardPlan ? {
      shardPlan
    } : {},
    ...flags.shard ? {
      shard: flags.shard
    } : {},
    ...shardRecord ? {
      shardRecord
    } : {},
    ...closed.pulledIn.size ? {
      pulledIn: closed.pulledIn
    } : {},
    ...quarantine?.protects.size ? {
      quarantine: quarantine.protects
    } : {},
    ...owed !== void 0 ? {
      owed
    } : {},
    suite,
    formerSuite,
    ...durationsRead ? {
      durationsRead
    } : {}
  };
});
var filtersOf = (function filtersOf(flags) {
  return [
    ...flags.fixtures.map(((p) => `--fixture ${p}`)),
    ...(flags.tags ?? []).map(((t) => `--tag ${t}`)),
    ...(flags.excludes ?? []).map(((p) => `--exclude ${p}`)),
    ...(flags.excludeTags ?? []).map(((t) => `--exclude-tag ${t}`))
  ];
});
var unmatchedWarnings = (function unmatchedWarnings(unmatched) {
  const what = filtersOf({
    fixtures: [],
    excludes: unmatched.patterns,
    excludeTags: unmatched.tags
  });
  if (what.length === 0) return [];
  return [
    {
      code: "EXCLUDE_MATCHES_NOTHING",
      level: "warning",
      message: `${what.join(", ")} match${what.length === 1 ? "es" : ""} no fixture`,
      hint: "Check the spelling; --list shows the ids and --dry-run each fixture's tags."
    }
  ];
});
var rerunChanges = (async function rerunChanges(rerun, chosen, cwd) {
  const now = await fingerprintFixtures(chosen, cwd);
  const then = new Map(rerun.failed.map(((f) => [
    f.id,
    f.fingerprint
  ])));
  const neverRan = new Set(rerun.failed.filter(((f) => f.kind === "not-run" || f.kind === "interrupted")).map(((f) => f.id)));
  const changes = {
    changed: [],
    unchanged: [],
    unknown: []
  };
  for (const fixture of chosen) {
    if (neverRan.has(fixture.id)) continue;
    const before = then.get(fixture.id);
    const after = now.get(fixture.id);
    if (before === void 0 || after === void 0) changes.unknown.push(fixture.id);
    else if (before === after) changes.unchanged.push(fixture.id);
    else changes.changed.push(fixture.id);
  }
  return changes;
});

export {
  loadQuarantine,
  dayOf,
  resolveQuarantine,
  DEFAULTS,
  resolveOptions,
  loadConfig,
  DURATION_SAMPLES,
  estimatesFrom,
  longestChainFirst,
  longestOf,
  formatExpected,
  shardPlanLine,
  shardRunLine,
  readCatalog,
  smokeCommand,
  resolveSelection,
  filtersOf
};
//# sourceMappingURL=chunk-EYJ7RDVV.js.map
