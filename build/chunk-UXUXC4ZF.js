import {
  UserError,
  describeIoError,
  isIoError
} from "./chunk-WBZQOSKS.js";

// lib/base/read_input.ts
var MAX_INPUT_BYTES = 1024 * 1024;
var UNSIZED_BUFFER = 2 * 1024 - 1;
var SCRATCH = new Uint8Array(64 * 1024);
var formatBytes = (function formatBytes(bytes) {
  if (bytes < 1024) return `${bytes} byte${bytes === 1 ? "" : "s"}`;
  const units = [
    "KiB",
    "MiB",
    "GiB",
    "TiB"
  ];
  let value = bytes / 1024;
  let unit = 0;
  while (value >= 1024 && unit < units.length - 1) {
    value /= 1024;
    unit++;
  }
  return `${value.toFixed(1).replace(/\.0$/, "")} ${units[unit]}`;
});
var fileTypeName = (function fileTypeName(info) {
  if (info.isFile) return "a regular file";
  if (info.isDirectory) return "a directory";
  if (info.isFifo) return "a FIFO";
  if (info.isCharDevice) return "a character device";
  if (info.isBlockDevice) return "a block device";
  if (info.isSocket) return "a socket";
  return "not a regular file";
});
var readFailure = (function readFailure(problem, what) {
  return {
    ok: false,
    problem,
    reason: reasonOf(problem, what)
  };
});
var failure = readFailure;
function reasonOf(problem, what) {
  switch (problem.kind) {
    case "missing":
      return "it does not exist";
    case "special":
      return problem.type === "a directory" ? "it is a directory" : `it is ${problem.type}, not a regular file`;
    case "too-large": {
      const close = formatBytes(problem.size) === formatBytes(problem.limit);
      const size = close ? `${problem.size} bytes` : formatBytes(problem.size);
      const limit = close ? `${problem.limit}-byte` : formatBytes(problem.limit);
      return `it is ${problem.atLeast ? "" : `${size}, `}over the ${limit} limit for ${/^[aeiou]/.test(what) ? "an" : "a"} ${what}`;
    }
    case "not-utf8":
      return "it is not valid UTF-8 text";
    case "io":
      return describeIoError(problem.error).reason;
  }
}
var problemOf = (function problemOf(error) {
  if (error instanceof Deno.errors.NotFound || error instanceof Deno.errors.NotADirectory) {
    return {
      kind: "missing"
    };
  }
  if (isIoError(error)) return {
    kind: "io",
    error
  };
  throw error;
});
var checkInfo = (function checkInfo(info, options) {
  if (!info.isFile) return {
    kind: "special",
    type: fileTypeName(info)
  };
  if (info.size > options.maxBytes) {
    return {
      kind: "too-large",
      size: info.size,
      limit: options.maxBytes
    };
  }
  return void 0;
});
var Bounded = class {
  limit;
  buffer;
  length;
  constructor(size, limit) {
    this.limit = limit;
    this.length = 0;
    this.buffer = new Uint8Array(Math.min(size, limit) + 1);
  }
  /** The free part of the buffer, grown when full; undefined when over the limit. */
  space() {
    if (this.length === this.buffer.length) {
      if (this.length > this.limit) return void 0;
      const grown = new Uint8Array(Math.min(this.buffer.length * 2 + 65536, this.limit + 1));
      grown.set(this.buffer);
      this.buffer = grown;
    }
    return this.buffer.subarray(this.length);
  }
  /** The bytes, or the size problem; `size` is the file's size by `fstat`, when over the limit. */
  result(what, size = 0) {
    if (this.length > this.limit) {
      const atLeast = size < this.length;
      const problem = {
        kind: "too-large",
        size: atLeast ? this.length : size
      };
      return failure({
        ...problem,
        limit: this.limit,
        ...atLeast ? {
          atLeast
        } : {}
      }, what);
    }
    return {
      ok: true,
      value: this.buffer.subarray(0, this.length)
    };
  }
  get over() {
    return this.length > this.limit;
  }
};
var readRegularFileSync = (function readRegularFileSync(path, options) {
  let file;
  let bounded;
  try {
    if (!options.knownRegularFile) {
      const info = Deno.statSync(path);
      const problem = checkInfo(info, options);
      if (problem) return failure(problem, options.what);
      bounded = new Bounded(info.size, options.maxBytes);
    }
    file = Deno.openSync(path, {
      read: true
    });
  } catch (error) {
    return failure(problemOf(error), options.what);
  }
  try {
    if (!bounded) {
      const n = file.readSync(SCRATCH) ?? 0;
      if (n < SCRATCH.length && n <= options.maxBytes) {
        return {
          ok: true,
          value: SCRATCH.slice(0, n)
        };
      }
      bounded = new Bounded(n, options.maxBytes);
      bounded.length = Math.min(n, bounded.buffer.length);
      bounded.buffer.set(SCRATCH.subarray(0, bounded.length));
    }
    for (let space = bounded.space(); space; space = bounded.space()) {
      const n = file.readSync(space);
      if (n === null) break;
      bounded.length += n;
      if (n < space.length) break;
    }
    if (bounded.over) return bounded.result(options.what, file.statSync().size);
  } catch (error) {
    return failure(problemOf(error), options.what);
  } finally {
    file.close();
  }
  return bounded.result(options.what);
});
var readRegularFile = (async function readRegularFile(path, options) {
  let file;
  let bounded;
  try {
    if (options.knownRegularFile) {
      bounded = new Bounded(UNSIZED_BUFFER, options.maxBytes);
    } else {
      const info = await Deno.stat(path);
      const problem = checkInfo(info, options);
      if (problem) return failure(problem, options.what);
      bounded = new Bounded(info.size, options.maxBytes);
    }
    file = await Deno.open(path, {
      read: true
    });
  } catch (error) {
    return failure(problemOf(error), options.what);
  }
  try {
    for (let space = bounded.space(); space; space = bounded.space()) {
      const n = await file.read(space);
      if (n === null) break;
      bounded.length += n;
      if (n < space.length) break;
    }
    if (bounded.over) return bounded.result(options.what, (await file.stat()).size);
  } catch (error) {
    return failure(problemOf(error), options.what);
  } finally {
    file.close();
  }
  return bounded.result(options.what);
});
var utf8 = new TextDecoder("utf-8", {
  fatal: true
});
var decode = (function decode(read, what) {
  if (!read.ok) return read;
  try {
    return {
      ok: true,
      value: utf8.decode(read.value)
    };
  } catch (error) {
    if (!(error instanceof TypeError)) throw error;
    return failure({
      kind: "not-utf8"
    }, what);
  }
});
var readRegularTextFileSync = (function readRegularTextFileSync(path, options) {
  return decode(readRegularFileSync(path, options), options.what);
});
var readRegularTextFile = (async function readRegularTextFile(path, options) {
  return decode(await readRegularFile(path, options), options.what);
});
var inputError = (function inputError(failed, options) {
  const { problem } = failed;
  const hint = problem.kind === "missing" ? options.missingHint ?? "Check the path." : problem.kind === "special" ? "smoke reads only regular files here: replace it with one, or move it away." : problem.kind === "too-large" ? "That is far more than such a file needs: check that it is the right file." : problem.kind === "not-utf8" ? "Save the file as UTF-8." : describeIoError(problem.error).hint;
  return new UserError(`Cannot ${options.action} "${options.shown}": ${failed.reason}`, {
    kind: options.kind,
    hints: [
      hint
    ],
    ...problem.kind === "io" ? {
      cause: problem.error
    } : {}
  });
});

export {
  MAX_INPUT_BYTES,
  formatBytes,
  fileTypeName,
  readFailure,
  readRegularFile,
  readRegularTextFileSync,
  readRegularTextFile,
  inputError
};
//# sourceMappingURL=chunk-UXUXC4ZF.js.map
