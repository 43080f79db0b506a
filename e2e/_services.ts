/**
 * Service records for the renderers' tests: one of each status a report
 * shows differently, the failing ones with hostile output tails.
 *
 * @module
 */
import type { ServiceRecord } from "../lib/artifact/artifact.ts";

/** Output that must stay text in every format: markup, a CDATA end, ANSI, workflow commands. */
export const HOSTILE_TAIL =
  "\x1b[31m<script>alert(1)</script>\x1b[39m ]]> & \"q\" 'a'\n::error::pwned\n##[warning]x\n";

/**
 * A ready service, a reused one, one never ready (with output tails) and one
 * that exited during the run.
 *
 * @returns Fresh records, in start order.
 */
export function serviceRecords(): ServiceRecord[] {
  return [
    {
      name: "api",
      status: "ready",
      check: "GET http://127.0.0.1:8080/health answers 2xx or 3xx",
      readyMs: 1234,
    },
    { name: "db", status: "reused", check: "127.0.0.1:5432 accepts a TCP connection", readyMs: 0 },
    {
      name: "queue",
      status: "not-ready",
      check: "127.0.0.1:9999 accepts a TCP connection",
      reason: "not ready within 500ms: 127.0.0.1:9999 accepts a TCP connection " +
        "(last check: connection refused)",
      stdoutTail: "booting queue\n" + HOSTILE_TAIL,
      stderrTail: "Error: bad QUEUE_URL <none>\n",
    },
    {
      name: "worker",
      status: "exited",
      check: 'its output includes "worker up"',
      readyMs: 300,
      exitCode: 7,
      signal: null,
      reason: "exited with code 7 during the run",
      stderrTail: "worker crashed: out of memory\n",
    },
  ];
}
