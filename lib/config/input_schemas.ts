/**
 * The zod schemas of smoke's inputs: fixture manifests (`X.smoke.jsonc`) and
 * the config file (`smoke.jsonc`). They are the one definition; `deno task
 * schema` writes them as JSON Schema to `schema/manifest.v1.json` and
 * `schema/config.v1.json`, which smoke checks its inputs against at run time
 * (see `json_schema.ts`), so that zod stays off the start-up path. Tests
 * fail when the committed files drift, or when the two disagree on a value.
 *
 * `errorMessage` in a schema's metadata is the message users see when a
 * value breaks that part of the schema.
 *
 * @module
 */
import { z } from "zod";
import { MAX_RETRIES, MAX_TIMEOUT_MS, SERVICE_NAME_PATTERN } from "./limits.ts";

/**
 * Every string that reaches a process (program, arguments, environment,
 * working directory, script, permission flags) or a path smoke opens: the
 * operating system cannot take a NUL, and a spawn would throw mid-run.
 */
const NO_NUL = /^[^\0]*$/;

/** A string passed to a process as it is. */
const ProcessString = z.string().regex(NO_NUL).meta({
  errorMessage: "expected a string without NUL characters (a process cannot receive one)",
});

/** A path: not empty, no NUL. */
const PathString = z.string().min(1).regex(NO_NUL).meta({
  errorMessage: "expected a non-empty path without NUL characters",
});

/** A directory of the config: a path without control characters (a newline would forge lines in messages). */
// deno-lint-ignore no-control-regex
const NO_CONTROLS = /^[^\u0000-\u001f\u007f]+$/;
const DirString = z.string().min(1).regex(NO_CONTROLS).meta({
  errorMessage:
    "expected a non-empty path without NUL or other control characters (newlines, tabs)",
});

/**
 * A Deno permission flag such as `--allow-read` or `--allow-net=example.com`.
 * The value after `=` is anything but a NUL or a line break.
 */
const PermissionSchema = z.string().regex(
  /^(-A|--allow-all|--(allow|deny)-[a-z]+(-[a-z]+)*(=[^\0\n\r\u2028\u2029]*)?)$/,
).meta({
  errorMessage: 'expected a Deno permission flag such as "--allow-read" or "--allow-net=host"',
});

/** Environment variables: names to string values. */
const EnvSchema = z.record(
  z.string().regex(/^[^=\0]+$/).meta({
    errorMessage: "an environment variable name has no = or NUL",
  }),
  ProcessString,
);

/**
 * The longest `expect` string, in UTF-16 code units (at most 12 KiB of
 * UTF-8). Output is matched as it streams, keeping per needle its bytes and
 * a table of the same length: the limit bounds that memory, whatever the
 * output's size.
 */
export const MAX_NEEDLE_LENGTH = 4096;

/**
 * The most strings in one `expect` list. Each is matched against every byte
 * of its stream as the output arrives: the count bounds that work per byte.
 */
export const MAX_NEEDLES = 64;

/** Strings `expect` looks for in the output. */
const Needles = z.array(
  z.string().max(MAX_NEEDLE_LENGTH).meta({
    errorMessage: `expected a string of at most ${MAX_NEEDLE_LENGTH} characters ` +
      "(match a shorter, distinctive part of the output)",
  }),
).max(MAX_NEEDLES).meta({
  errorMessage: `expected at most ${MAX_NEEDLES} strings (match fewer, more distinctive parts)`,
});

/** A timeout in milliseconds. */
const TimeoutSchema = z.number().int().positive().max(MAX_TIMEOUT_MS).meta({
  errorMessage:
    `a timeout is a whole number of milliseconds from 1 to ${MAX_TIMEOUT_MS} (about 24.8 days)`,
});
/** A retry count. */
const RetriesSchema = z.number().int().nonnegative().max(MAX_RETRIES);

/** A tag: one word, as `--tag NAME` takes it (letters, digits, `.`, `_`, `:`, `-`). */
const TagSchema = z.string().regex(/^[A-Za-z0-9][A-Za-z0-9._:-]{0,63}$/).meta({
  errorMessage:
    'a tag is one word of at most 64 letters, digits, ".", "_", ":" or "-", starting with a letter or digit',
});

/** A service's name: one word, the `<NAME>` of its `SMOKE_SERVICE_<NAME>_*` variables. */
const ServiceNameSchema = z.string().regex(SERVICE_NAME_PATTERN).meta({
  errorMessage:
    'a service name is one word of at most 32 letters, digits, "_" or "-", starting with a letter',
});

/** The local names a `port` check may connect to. */
export const LOCAL_HOSTS = ["localhost", "127.0.0.1", "::1"] as const;

/**
 * When a service is ready: exactly one of `url`, `port` or `stdoutIncludes`
 * (checked after the schema, with the key path), how long to wait, and how
 * often to look.
 */
const ReadySchema = z.strictObject({
  /** Ready when a GET answers 2xx or 3xx. */
  url: z.string().regex(/^https?:\/\/[^\s]+$/).meta({
    errorMessage: 'expected an http:// or https:// URL such as "http://127.0.0.1:8000/health"',
  }).optional(),
  /** Ready when a TCP connection to this port (on `host`) is accepted. */
  port: z.number().int().min(1).max(65535).meta({
    errorMessage: "expected a TCP port number from 1 to 65535",
  }).optional(),
  /** With `port`: the local name to connect to (default 127.0.0.1). */
  host: z.string().regex(/^(localhost|127\.0\.0\.1|::1)$/).meta({
    errorMessage: `expected a local host: ${LOCAL_HOSTS.map((h) => `"${h}"`).join(", ")}`,
  }).optional(),
  /** Ready when the service prints this on its standard output. */
  stdoutIncludes: z.string().min(1).max(MAX_NEEDLE_LENGTH).meta({
    errorMessage: `expected a non-empty string of at most ${MAX_NEEDLE_LENGTH} characters`,
  }).optional(),
  /** How long to wait for it (default 60 s). */
  timeoutMs: TimeoutSchema.optional(),
  /** How long between two checks (default 250 ms). */
  intervalMs: z.number().int().min(10).max(60_000).meta({
    errorMessage: "a poll interval is a whole number of milliseconds from 10 to 60000",
  }).optional(),
});

/** A long-running process started before the fixtures and stopped after them. */
const ServiceSchema = z.strictObject({
  name: ServiceNameSchema,
  command: z.array(ProcessString).min(1).meta({
    errorMessage: "command needs at least the program",
  }),
  cwd: PathString.optional(),
  env: EnvSchema.optional(),
  ready: ReadySchema,
  /** Start nothing when the ready check already passes (a developer's server is up). */
  reuseExisting: z.boolean().optional(),
});

/** A calendar date, `YYYY-MM-DD` (checked to be a real day after the schema). */
const DateString = z.string().regex(/^\d{4}-\d{2}-\d{2}$/).meta({
  errorMessage: 'expected a date such as "2026-12-31" (YYYY-MM-DD)',
});

/** One quarantine entry: what, why, who, and until when. */
export const QuarantineEntrySchema = z.strictObject({
  /** A fixture id, or a pattern (`*`, `**`, `?`) as `--fixture` takes it. */
  id: z.string().min(1).max(512).regex(/^[^\0\n\r]+$/).meta({
    errorMessage:
      'expected a fixture id or pattern such as "api/flaky_*" (one line, at most 512 characters)',
  }),
  /** Why it is quarantined: one line (it is printed in logs). */
  reason: z.string().min(1).max(1000).regex(NO_CONTROLS).meta({
    errorMessage: "expected a reason: one line of 1 to 1000 characters, no control characters",
  }),
  /** Who fixes it. */
  owner: z.string().min(1).max(200).regex(NO_CONTROLS).meta({
    errorMessage: 'expected an owner such as "@alice" or "team-payments": one line of 1 to 200 ' +
      "characters, no control characters",
  }),
  /** The last day it protects (inclusive, UTC). */
  until: DateString,
  /** Written out to let a pattern match the whole catalog. */
  all: z.boolean().optional(),
});

/** A quarantine list, inline in the config or in the file `quarantineFile` names. */
export const QuarantineSchema = z.array(QuarantineEntrySchema).max(1000);

/** The manifest's schema: every key optional, unknown keys are errors. */
export const ManifestSchema = z.strictObject({
  description: z.string().optional(),
  script: PathString.optional(),
  command: z.array(ProcessString).min(1).meta({
    errorMessage: "command needs at least the program",
  })
    .optional(),
  args: z.array(ProcessString).optional(),
  cwd: PathString.optional(),
  env: EnvSchema.optional(),
  permissions: z.array(PermissionSchema).optional(),
  timeoutMs: TimeoutSchema.optional(),
  retries: RetriesSchema.optional(),
  tags: z.array(TagSchema).max(MAX_NEEDLES).optional(),
  /** Fixtures that must pass in this run before this one starts: ids, not patterns. */
  needs: z.array(
    z.string().min(1).max(512).regex(/^[A-Za-z0-9._\/-]+$/).meta({
      errorMessage: 'expected a fixture id such as "setup/db" (needs takes ids, not patterns)',
    }),
  ).max(MAX_NEEDLES).optional(),
  /** Cleanup: runs after everything that needs what it needs, whatever their outcome. */
  teardown: z.boolean().optional(),
  skip: z.union([z.boolean(), z.string()]).meta({
    errorMessage: 'expected true, false or a reason such as "waiting for staging"',
  }).optional(),
  expect: z.strictObject({
    exitCode: z.number().int().min(0).max(255).optional(),
    stdoutIncludes: Needles.optional(),
    stderrIncludes: Needles.optional(),
    stdoutExcludes: Needles.optional(),
    stderrExcludes: Needles.optional(),
  }).optional(),
});
/** A manifest's contents. */
export type Manifest = z.infer<typeof ManifestSchema>;

/** The config file's schema: every key optional, unknown keys are errors. */
export const ConfigSchema = z.strictObject({
  fixturesDir: DirString.optional(),
  artifactDir: DirString.optional(),
  concurrency: z.number().int().positive().optional(),
  timeoutMs: TimeoutSchema.optional(),
  retries: RetriesSchema.optional(),
  permissions: z.array(PermissionSchema).optional(),
  env: EnvSchema.optional(),
  historyLimit: z.number().int().positive().optional(),
  report: z.boolean().optional(),
  /** Start no new fixture once this many have failed (`--max-failures`). */
  maxFailures: z.number().int().positive().optional(),
  /** The start order (`--order`): "duration" (longest expected first) or "id". */
  order: z.enum(["id", "duration"]).optional(),
  /** Services started, in this order, before any fixture, and stopped after the last. */
  services: z.array(ServiceSchema).max(16).optional(),
  /** Fixtures whose failures do not fail the run, each until a date. */
  quarantine: QuarantineSchema.optional(),
  /** A JSONC file holding more quarantine entries (an array), relative to the working directory. */
  quarantineFile: PathString.optional(),
});
/** The config file's contents. */
export type Config = z.infer<typeof ConfigSchema>;

/**
 * The JSON Schemas committed under `schema/`, generated from the zod schemas.
 *
 * @returns File names under `schema/` and their schemas.
 *
 * @example
 * ```ts
 * import { inputJsonSchemas } from "./input_schemas.ts";
 * import assert from "node:assert/strict";
 *
 * const schemas = inputJsonSchemas();
 * assert.equal(schemas["manifest.v1.json"].title, "smoke fixture manifest (X.smoke.jsonc), version 1");
 * ```
 */
export function inputJsonSchemas(): Record<string, Record<string, unknown>> {
  const generate = (schema: z.ZodType, name: string, title: string) => {
    const json = z.toJSONSchema(schema, { io: "input" });
    return { $schema: json.$schema, $id: `https://smoke.dev/schema/${name}`, title, ...json };
  };
  return {
    "manifest.v1.json": generate(
      ManifestSchema,
      "manifest.v1.json",
      "smoke fixture manifest (X.smoke.jsonc), version 1",
    ),
    "config.v1.json": generate(
      ConfigSchema,
      "config.v1.json",
      "smoke config (smoke.jsonc), version 1",
    ),
    "quarantine.v1.json": generate(
      QuarantineSchema,
      "quarantine.v1.json",
      "smoke quarantine list (the file quarantineFile names), version 1",
    ),
  };
}
