/**
 * The open-file limit and how many fixtures fit under it. Each running
 * fixture holds descriptors in smoke (its stdout and stderr pipes and a
 * process handle: 3 measured on Linux), so `--concurrency 800` under
 * `ulimit -n 1024` would run out; the run's concurrency is lowered to what
 * fits, with a warning, instead.
 *
 * Linux only (`/proc/self/limits`); elsewhere nothing is capped, and a spawn
 * that runs out of descriptors is waited out and retried (see `_spawn.ts`).
 *
 * @module
 */
import type { Diagnostic } from "../artifact/artifact.ts";

/** Descriptors smoke holds per running fixture: 3 measured, and one spare. */
export const DESCRIPTORS_PER_FIXTURE = 4;
/**
 * Descriptors kept free for the rest: a spawn's short-lived pipes, the lock,
 * the artifact's temporary files, reporters, reads of `/proc`.
 */
export const DESCRIPTOR_RESERVE = 32;

/** The descriptor limit and what is open now. */
export interface DescriptorBudget {
  /** The soft limit (`ulimit -n`). */
  limit: number;
  /** Descriptors open in this process now. */
  open: number;
}

/**
 * Parses the soft "Max open files" limit out of `/proc/<pid>/limits`.
 *
 * @param text The file's text.
 * @returns The soft limit; undefined when unlimited or not found.
 *
 * @example
 * ```ts
 * import { parseOpenFileLimit } from "./descriptor_limit.ts";
 * import assert from "node:assert/strict";
 *
 * const text = "Limit                     Soft Limit           Hard Limit           Units\n" +
 *   "Max open files            1024                 1048576              files\n";
 * assert.equal(parseOpenFileLimit(text), 1024);
 * assert.equal(parseOpenFileLimit("Max open files  unlimited  unlimited  files\n"), undefined);
 * ```
 */
export function parseOpenFileLimit(text: string): number | undefined {
  const match = /^Max open files\s+(\d+)\s/m.exec(text);
  if (!match) return undefined;
  const limit = Number(match[1]);
  return Number.isSafeInteger(limit) && limit > 0 ? limit : undefined;
}

/**
 * Reads this process's open-file limit and how many descriptors are open.
 *
 * @returns The budget; undefined where it cannot be read (not Linux) or there is no limit.
 *
 * @example
 * ```ts
 * import { readDescriptorBudget } from "./descriptor_limit.ts";
 * import assert from "node:assert/strict";
 *
 * const budget = readDescriptorBudget();
 * if (Deno.build.os === "linux" && budget) assert.ok(budget.open >= 3 && budget.open < budget.limit);
 * ```
 */
export function readDescriptorBudget(): DescriptorBudget | undefined {
  if (Deno.build.os !== "linux") return undefined;
  try {
    const limit = parseOpenFileLimit(Deno.readTextFileSync("/proc/self/limits"));
    if (limit === undefined) return undefined;
    let open = 0;
    for (const _ of Deno.readDirSync("/proc/self/fd")) open++;
    return { limit, open };
  } catch (error) {
    // No /proc (a container without it, a sandbox): nothing to go by.
    if (error instanceof Deno.errors.NotFound || error instanceof Deno.errors.PermissionDenied) {
      return undefined;
    }
    throw error;
  }
}

/** What {@linkcode capConcurrency} decided. */
export interface ConcurrencyCap {
  /** The concurrency to run with. */
  effective: number;
  /** A `CONCURRENCY_CAPPED` warning, when the cap lowered what would have run at once. */
  warning?: Diagnostic;
}

/**
 * Lowers the concurrency to what the descriptor limit allows, keeping
 * {@linkcode DESCRIPTOR_RESERVE} free and at least one fixture running.
 *
 * @param requested The concurrency asked for (flag, config or default).
 * @param budget The limit and the descriptors open; undefined for no cap.
 * @param fixtures How many fixtures will run: no warning when fewer would run at once anyway.
 * @returns The concurrency to use, and the warning when it was lowered.
 *
 * @example
 * ```ts
 * import { capConcurrency } from "./descriptor_limit.ts";
 * import assert from "node:assert/strict";
 *
 * const capped = capConcurrency(800, { limit: 1024, open: 24 }, 1000);
 * assert.equal(capped.effective, 242);
 * assert.equal(capped.warning?.code, "CONCURRENCY_CAPPED");
 * assert.deepEqual(capConcurrency(8, { limit: 1024, open: 24 }, 1000), { effective: 8 });
 * assert.deepEqual(capConcurrency(800, undefined, 1000), { effective: 800 });
 * ```
 */
export function capConcurrency(
  requested: number,
  budget: DescriptorBudget | undefined,
  fixtures: number,
): ConcurrencyCap {
  if (!budget) return { effective: requested };
  const room = budget.limit - budget.open - DESCRIPTOR_RESERVE;
  const fits = Math.max(1, Math.floor(room / DESCRIPTORS_PER_FIXTURE));
  if (requested <= fits) return { effective: requested };
  const wanted = Math.min(requested, fixtures);
  if (wanted <= fits) return { effective: fits };
  return {
    effective: fits,
    warning: {
      code: "CONCURRENCY_CAPPED",
      level: "warning",
      message: `Concurrency ${requested} lowered to ${fits}: the limit of open files is ` +
        `${budget.limit} (${budget.open} open), and each running fixture takes ` +
        `${DESCRIPTORS_PER_FIXTURE} descriptors`,
      hint: `Raise the limit (ulimit -n ${
        budget.open + DESCRIPTOR_RESERVE + DESCRIPTORS_PER_FIXTURE * wanted
      }) to run ${wanted} at once, or lower --concurrency.`,
    },
  };
}
