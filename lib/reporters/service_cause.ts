/**
 * The one line of a service's output that says most about why it was not
 * ready or exited, for the one-line places (annotations, the step summary).
 *
 * @module
 */
import type { ServiceRecord } from "../artifact/artifact.ts";
import { failureCause } from "./failure_excerpt.ts";

function lastLine(text: string | undefined): string | undefined {
  return text?.split(/\r?\n/).map((line) => line.trim()).filter(Boolean).at(-1);
}

/**
 * The line that explains a service's failure: the telling line of its output
 * (an error, a failed assertion; see `failureCause`) when one stands out,
 * else its last line, stderr before stdout, labelled with its stream.
 *
 * @param service The service's record.
 * @returns One line, or `undefined` when it printed nothing.
 *
 * @example
 * ```ts
 * import { serviceCause } from "./service_cause.ts";
 * import assert from "node:assert/strict";
 *
 * const base = { name: "api", status: "not-ready" as const, check: "..." };
 * assert.equal(serviceCause({ ...base, stderrTail: "Error: EADDRINUSE\nbye\n" }), "Error: EADDRINUSE");
 * assert.equal(serviceCause({ ...base, stdoutTail: "booting\nstill booting\n" }), "last line of its stdout: still booting");
 * assert.equal(serviceCause(base), undefined);
 * ```
 */
export function serviceCause(service: ServiceRecord): string | undefined {
  const cause = failureCause(service);
  if (cause) return cause;
  for (const stream of ["stderr", "stdout"] as const) {
    const line = lastLine(service[`${stream}Tail`]);
    if (line) return `last line of its ${stream}: ${line}`;
  }
  return undefined;
}
