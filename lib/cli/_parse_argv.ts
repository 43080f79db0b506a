/**
 * Splits a command line into options and positionals, as `node:util`'s
 * `parseArgs` does with `strict: true` and `allowPositionals: true`, without
 * loading Deno's Node compatibility layer (~10-15 ms of start-up). Its
 * results and its errors (code and the option named) are tested against
 * `parseArgs` on generated command lines.
 *
 * @module
 */

/** How one option is read. */
export interface ArgvOption {
  /** `boolean` takes no value; `string` takes the next argument or `=VALUE`. */
  type: "boolean" | "string";
  /** Given more than once, its values collect in an array (else the last wins). */
  multiple?: boolean;
  /** A one-letter alias, given as `-X`. */
  short?: string;
}

/** The options and positionals of a command line. */
export interface ParsedArgv {
  /** Each option given, by name. */
  values: Record<string, string | boolean | (string | boolean)[]>;
  /** The arguments that are not options, in order. */
  positionals: string[];
}

/** Why a command line cannot be read, with `parseArgs`'s error codes. */
export class ArgvError extends TypeError {
  /** `ERR_PARSE_ARGS_UNKNOWN_OPTION` or `ERR_PARSE_ARGS_INVALID_OPTION_VALUE`. */
  readonly code: "ERR_PARSE_ARGS_UNKNOWN_OPTION" | "ERR_PARSE_ARGS_INVALID_OPTION_VALUE";
  /** The option as given (`--name` or `-x`). */
  readonly option: string;

  /**
   * Makes the error.
   *
   * @param code The error code.
   * @param option The option as given.
   * @param message What is wrong.
   */
  constructor(code: ArgvError["code"], option: string, message: string) {
    super(message);
    this.name = "ArgvError";
    this.code = code;
    this.option = option;
  }
}

/** One option found on the command line, before it is checked. */
interface Token {
  name: string | undefined;
  raw: string;
  value: string | undefined;
  inline: boolean;
}

function tokens(args: readonly string[], options: ReadonlyMap<string, ArgvOption>) {
  const shorts = new Map<string, string>();
  for (const [name, option] of options) if (option.short) shorts.set(option.short, name);
  const typeOf = (name: string | undefined) =>
    name === undefined ? undefined : options.get(name)?.type;
  const found: Token[] = [];
  const positionals: string[] = [];
  const rest = [...args];
  while (rest.length > 0) {
    const arg = rest.shift()!;
    if (arg === "--") {
      positionals.push(...rest);
      break;
    }
    // A value taken from the next argument, when the option takes one and there is one.
    const next = (name: string | undefined) =>
      typeOf(name) === "string" && rest.length > 0 ? rest.shift() : undefined;
    if (arg.length === 2 && arg[0] === "-" && arg[1] !== "-") {
      const name = shorts.get(arg[1]);
      const value = next(name);
      found.push({ name, raw: arg, value, inline: false });
    } else if (arg.length > 2 && arg.startsWith("--")) {
      const equals = arg.indexOf("=", 3);
      const name = arg.slice(2, equals === -1 ? undefined : equals);
      if (equals === -1) {
        found.push({ name, raw: arg, value: next(name), inline: false });
      } else {
        found.push({ name, raw: `--${name}`, value: arg.slice(equals + 1), inline: true });
      }
    } else if (arg.length > 2 && arg[0] === "-" && arg[1] !== "-") {
      const first = shorts.get(arg[1]);
      if (typeOf(first) === "string") {
        // -XVALUE: a string option's value joined to it.
        found.push({ name: first, raw: arg.slice(0, 2), value: arg.slice(2), inline: true });
      } else {
        // -abc: a group, read again as -a -b -c (so "-h-" is -h and then "--", the end of options).
        // One flag per UTF-16 unit, as parseArgs reads a group.
        rest.unshift(...arg.slice(1).split("").map((c) => `-${c}`));
      }
    } else {
      positionals.push(arg);
    }
  }
  return { found, positionals };
}

/**
 * Reads a command line: `--name`, `--name VALUE`, `--name=VALUE`, `-x`,
 * groups of one-letter flags (`-ab`), and `--` before positionals that start
 * with `-`. A value that looks like an option (`--fixture -x`) must be given
 * with `=`.
 *
 * @param args The arguments.
 * @param options The options, by name.
 * @returns The options given and the positionals.
 * @throws {ArgvError} For an unknown option, a missing value, a value given
 * to a flag, or a value that looks like an option; the first in order.
 *
 * @example
 * ```ts
 * import { parseArgv } from "./_parse_argv.ts";
 * import assert from "node:assert/strict";
 *
 * const options = new Map([
 *   ["fixture", { type: "string" as const, multiple: true }],
 *   ["list", { type: "boolean" as const }],
 * ]);
 * const { values, positionals } = parseArgv(["merge", "--fixture", "a", "--list", "--fixture=b"], options);
 * assert.deepEqual(values, { fixture: ["a", "b"], list: true });
 * assert.deepEqual(positionals, ["merge"]);
 * assert.throws(() => parseArgv(["--fixture"], options), /argument missing/);
 * ```
 */
export function parseArgv(
  args: readonly string[],
  options: ReadonlyMap<string, ArgvOption>,
): ParsedArgv {
  const { found, positionals } = tokens(args, options);
  const values: ParsedArgv["values"] = Object.create(null);
  for (const token of found) {
    const option = token.name === undefined ? undefined : options.get(token.name);
    if (token.name === undefined || option === undefined) {
      throw new ArgvError(
        "ERR_PARSE_ARGS_UNKNOWN_OPTION",
        token.raw,
        `Unknown option '${token.raw}'`,
      );
    }
    const long = `--${token.name}`;
    if (option.type === "boolean" && token.value !== undefined) {
      throw new ArgvError(
        "ERR_PARSE_ARGS_INVALID_OPTION_VALUE",
        long,
        `Option '${long}' does not take an argument`,
      );
    }
    if (option.type === "string" && token.value === undefined) {
      throw new ArgvError(
        "ERR_PARSE_ARGS_INVALID_OPTION_VALUE",
        long,
        `Option '${long} <value>' argument missing`,
      );
    }
    if (
      !token.inline && token.value !== undefined && token.value.length > 1 && token.value[0] === "-"
    ) {
      throw new ArgvError(
        "ERR_PARSE_ARGS_INVALID_OPTION_VALUE",
        long,
        `Option '${long}' argument is ambiguous: a value that starts with "-" goes after "="`,
      );
    }
    const value = option.type === "boolean" ? true : token.value!;
    if (option.multiple) {
      const list = values[token.name];
      values[token.name] = Array.isArray(list) ? [...list, value] : [value];
    } else {
      values[token.name] = value;
    }
  }
  return { values: { ...values }, positionals };
}
