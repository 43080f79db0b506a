import { z } from "zod";

/** A Deno permission flag such as `--allow-read` or `--allow-net=example.com`. */
export const PermissionSchema = z.string().regex(
  /^(-A|--allow-all|--(allow|deny)-[a-z]+(-[a-z]+)*(=.*)?)$/,
  { message: 'expected a Deno permission flag such as "--allow-read" or "--allow-net=host"' },
);

/** Environment variables: names to string values. */
export const EnvSchema = z.record(
  z.string().regex(/^[^=\0]+$/, { message: "an environment variable name has no = or NUL" }),
  z.string(),
);

/** The longest timeout a timer can hold: 2^31 - 1 ms. */
export const MAX_TIMEOUT_MS = 2_147_483_647;

/** A timeout in milliseconds. */
export const TimeoutSchema = z.number().int().positive().max(MAX_TIMEOUT_MS, {
  message: `a timeout is at most ${MAX_TIMEOUT_MS} ms (about 24.8 days)`,
});
/** A retry count. */
export const RetriesSchema = z.number().int().nonnegative().max(100);
