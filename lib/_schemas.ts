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

/** A timeout in milliseconds. */
export const TimeoutSchema = z.number().int().positive();
/** A retry count. */
export const RetriesSchema = z.number().int().nonnegative().max(100);
