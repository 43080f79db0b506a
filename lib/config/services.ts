/**
 * The `services` of `smoke.jsonc`: the checks its schema cannot express, the
 * variables that give fixtures each service's address, and the words that
 * describe a ready check. Pure: nothing here starts anything.
 *
 * @module
 */
import type { SchemaIssue } from "../jsonc/json_schema.ts";
import type { Config } from "./input_schemas.ts";

/** One service as the config gives it. */
export type Service = NonNullable<Config["services"]>[number];

/** Default time a service has to become ready. */
export const SERVICE_TIMEOUT_MS = 60_000;
/** Default time between two ready checks. */
export const SERVICE_INTERVAL_MS = 250;

/** The ready checks, exactly one of which a service names. */
const CHECKS = ["url", "port", "stdoutIncludes"] as const;

/**
 * The `<NAME>` of a service's variables: its name in capitals, `-` as `_`.
 *
 * @param name The service's name.
 * @returns E.g. `WEB_API` for `web-api`.
 *
 * @example
 * ```ts
 * import { serviceVariable } from "./services.ts";
 * import assert from "node:assert/strict";
 *
 * assert.equal(serviceVariable("web-api"), "WEB_API");
 * ```
 */
export function serviceVariable(name: string): string {
  return name.toUpperCase().replaceAll("-", "_");
}

/**
 * The problems of a config's services that its schema cannot see: a `ready`
 * with no check or more than one, `host` without `port`, `reuseExisting` on a
 * check that needs the process (`stdoutIncludes`), a URL that does not parse,
 * and two services whose variables would have the same name.
 *
 * @param config A config the schema accepted.
 * @returns The problems, with key paths.
 *
 * @example
 * ```ts
 * import { serviceIssues } from "./services.ts";
 * import assert from "node:assert/strict";
 *
 * const issues = serviceIssues({
 *   services: [{ name: "api", command: ["srv"], ready: { url: "http://127.0.0.1:1", port: 1 } }],
 * });
 * assert.deepEqual(issues.map((i) => i.path), [["services", 0, "ready"]]);
 * ```
 */
export function serviceIssues(config: Config): SchemaIssue[] {
  const issues: SchemaIssue[] = [];
  const issue = (path: (string | number)[], message: string) =>
    issues.push({ path: ["services", ...path], message, code: "invalid-value" });
  const names = new Map<string, number>();
  (config.services ?? []).forEach((service, index) => {
    const { ready } = service;
    const checks = CHECKS.filter((check) => ready[check] !== undefined);
    if (checks.length !== 1) {
      issue(
        [index, "ready"],
        checks.length === 0
          ? 'needs one check: "url", "port" or "stdoutIncludes"'
          : `has ${checks.map((c) => `"${c}"`).join(" and ")}: give exactly one check`,
      );
    }
    if (ready.host !== undefined && ready.port === undefined) {
      issue([index, "ready", "host"], 'works only with "port"');
    }
    if (ready.url !== undefined && !URL.canParse(ready.url)) {
      issue([index, "ready", "url"], "is not a URL that can be parsed");
    }
    if (service.reuseExisting && ready.stdoutIncludes !== undefined) {
      issue(
        [index, "reuseExisting"],
        'needs a "url" or "port" check: an existing server\'s output cannot be read',
      );
    }
    const variable = serviceVariable(service.name);
    const first = names.get(variable);
    if (first !== undefined) {
      issue(
        [index, "name"],
        `"${service.name}" is taken by services[${first}] ` +
          `("${config.services![first].name}"; both would be SMOKE_SERVICE_${variable}_*)`,
      );
    } else names.set(variable, index);
  });
  return issues;
}

/**
 * The variables that give every fixture the services' addresses, known from
 * the config alone (so they are set with `--no-services` too):
 * `SMOKE_SERVICE_<NAME>_URL` for a `url` check, `SMOKE_SERVICE_<NAME>_HOST`
 * and `SMOKE_SERVICE_<NAME>_PORT` for a `port` check (and for a URL's host
 * and port).
 *
 * @param services The config's services.
 * @returns Variable names to values.
 *
 * @example
 * ```ts
 * import { serviceEnvironment } from "./services.ts";
 * import assert from "node:assert/strict";
 *
 * assert.deepEqual(
 *   serviceEnvironment([
 *     { name: "api", command: ["srv"], ready: { url: "http://127.0.0.1:8000/health" } },
 *     { name: "db", command: ["db"], ready: { port: 5432 } },
 *   ]),
 *   {
 *     SMOKE_SERVICE_API_URL: "http://127.0.0.1:8000/health",
 *     SMOKE_SERVICE_API_HOST: "127.0.0.1",
 *     SMOKE_SERVICE_API_PORT: "8000",
 *     SMOKE_SERVICE_DB_HOST: "127.0.0.1",
 *     SMOKE_SERVICE_DB_PORT: "5432",
 *   },
 * );
 * ```
 */
export function serviceEnvironment(services: readonly Service[]): Record<string, string> {
  const env: Record<string, string> = {};
  for (const service of services) {
    const prefix = `SMOKE_SERVICE_${serviceVariable(service.name)}_`;
    const { url, port, host } = service.ready;
    if (url !== undefined && URL.canParse(url)) {
      const parsed = new URL(url);
      env[`${prefix}URL`] = url;
      env[`${prefix}HOST`] = parsed.hostname.replace(/^\[(.*)\]$/, "$1");
      env[`${prefix}PORT`] = parsed.port || (parsed.protocol === "https:" ? "443" : "80");
    } else if (port !== undefined) {
      env[`${prefix}HOST`] = host ?? "127.0.0.1";
      env[`${prefix}PORT`] = String(port);
    }
  }
  return env;
}

/**
 * A URL as messages show it: a password in it is replaced by `***`.
 *
 * @param url The URL as written.
 * @returns The URL to show.
 *
 * @example
 * ```ts
 * import { redactUrl } from "./services.ts";
 * import assert from "node:assert/strict";
 *
 * assert.equal(redactUrl("http://user:s3cret@127.0.0.1:8000/"), "http://user:***@127.0.0.1:8000/");
 * assert.equal(redactUrl("http://127.0.0.1:8000/health"), "http://127.0.0.1:8000/health");
 * ```
 */
export function redactUrl(url: string): string {
  return url.replace(/^(https?:\/\/[^/@:]*):[^/@]*@/i, "$1:***@");
}

/**
 * What a service's ready check waits for, in words.
 *
 * @param ready The check.
 * @returns E.g. `GET http://127.0.0.1:8000/health answers 2xx or 3xx`.
 *
 * @example
 * ```ts
 * import { describeReady } from "./services.ts";
 * import assert from "node:assert/strict";
 *
 * assert.equal(describeReady({ port: 5432 }), "127.0.0.1:5432 accepts a TCP connection");
 * assert.equal(describeReady({ stdoutIncludes: "listening" }), 'its output includes "listening"');
 * ```
 */
export function describeReady(ready: Service["ready"]): string {
  if (ready.url !== undefined) return `GET ${redactUrl(ready.url)} answers 2xx or 3xx`;
  if (ready.port !== undefined) {
    const host = ready.host ?? "127.0.0.1";
    return `${host.includes(":") ? `[${host}]` : host}:${ready.port} accepts a TCP connection`;
  }
  return `its output includes ${JSON.stringify(ready.stdoutIncludes ?? "")}`;
}

/**
 * What `--dry-run` shows of the services: each one's command and ready
 * check, in start order, started by nothing.
 *
 * @param services The config's services.
 * @param options `noServices`: the run would start none (`--no-services`).
 * @returns Lines; none without services.
 *
 * @example
 * ```ts
 * import { serviceDryRunLines } from "./services.ts";
 * import assert from "node:assert/strict";
 *
 * assert.deepEqual(
 *   serviceDryRunLines([{ name: "db", command: ["pg", "-p", "5432"], ready: { port: 5432 } }], {
 *     noServices: false,
 *   }),
 *   [
 *     "Services (started in this order before the fixtures, stopped after them):",
 *     '  db: ["pg","-p","5432"]; ready when 127.0.0.1:5432 accepts a TCP connection (timeout 60s)',
 *   ],
 * );
 * ```
 */
export function serviceDryRunLines(
  services: readonly Service[],
  options: { noServices: boolean },
): string[] {
  if (services.length === 0) return [];
  return [
    options.noServices
      ? "Services (not started: --no-services; their SMOKE_SERVICE_* variables are still set):"
      : "Services (started in this order before the fixtures, stopped after them):",
    ...services.map((service) => {
      const timeout = (service.ready.timeoutMs ?? SERVICE_TIMEOUT_MS) / 1000;
      const reuse = service.reuseExisting ? "; reused when already ready" : "";
      const cwd = service.cwd ? ` in ${JSON.stringify(service.cwd)}` : "";
      return `  ${service.name}: ${JSON.stringify(service.command)}${cwd}; ready when ` +
        `${describeReady(service.ready)} (timeout ${timeout}s)${reuse}`;
    }),
  ];
}
