import {
  flushBatches
} from "./chunk-VB43T7UN.js";
import {
  basename,
  dirname,
  join,
  resolve
} from "./chunk-UZCZWFUL.js";
import {
  createSafeWriter
} from "./chunk-XRBLM22N.js";
import {
  UserError,
  isIoError
} from "./chunk-WBZQOSKS.js";
import {
  sleep
} from "./chunk-ANYOMBVL.js";

// lib/base/env.ts
var readEnv = (function readEnv(name, options = {}) {
  try {
    return Deno.env.get(name);
  } catch (error) {
    if (!(error instanceof Deno.errors.InvalidData)) throw error;
    if (!options.strict) return void 0;
    throw new UserError(`Cannot use ${name}: its value is not valid UTF-8`, {
      kind: "usage",
      hints: [
        `Set ${name} to a UTF-8 value, or unset it.`
      ]
    });
  }
});
var envUnreadable = (function envUnreadable(name) {
  try {
    Deno.env.get(name);
    return false;
  } catch (error) {
    if (error instanceof Deno.errors.InvalidData) return true;
    throw error;
  }
});

// lib/artifact/_write_in_place.ts
var UnwritableTargetError = class extends Error {
  /** The path, as resolved. */
  path;
  /** What is wrong, e.g. `is a directory`. */
  reason;
  /**
   * Creates the error.
   *
   * @param path The path.
   * @param reason What is wrong, e.g. `is a directory`.
   */
  constructor(path, reason) {
    super(`"${path}" ${reason}`);
    this.name = "UnwritableTargetError";
    this.path = path;
    this.reason = reason;
  }
};
var DESCRIPTOR = /^\/(?:dev\/(stdout|stderr|fd\/(\d+))|proc\/(self|thread-self|\d+)\/fd\/(\d+))$/;
var descriptorOf = (function descriptorOf(hops) {
  for (const hop of hops) {
    const match = DESCRIPTOR.exec(hop);
    if (!match) continue;
    const [, dev, devFd, owner, procFd] = match;
    if (dev === "stdout") return 1;
    if (dev === "stderr") return 2;
    if (devFd !== void 0) return Number(devFd);
    const own = owner === "self" || owner === "thread-self" || Number(owner) === Deno.pid;
    return own ? Number(procFd) : -1;
  }
  return void 0;
});
var writeInPlace = (async function writeInPlace(target, bytes) {
  flushBatches();
  if (target.fd !== void 0) {
    const stream = target.fd === 1 ? Deno.stdout : Deno.stderr;
    const write = createSafeWriter(((text) => {
      const out = new TextEncoder().encode(text);
      for (let written = 0; written < out.length; ) {
        written += stream.writeSync(out.subarray(written));
      }
    }), {
      terminal: stream.isTerminal(),
      github: readEnv("GITHUB_ACTIONS") === "true"
    });
    write(new TextDecoder().decode(bytes));
    return;
  }
  const fs = await import("node:fs");
  const { O_WRONLY, O_APPEND, O_NONBLOCK } = fs.constants;
  let fd;
  try {
    fd = fs.openSync(target.path, O_WRONLY | O_APPEND | (O_NONBLOCK ?? 0));
  } catch (error) {
    if (error.code === "ENXIO") {
      throw new UnwritableTargetError(target.path, "is a FIFO and no process is reading it");
    }
    throw error;
  }
  try {
    let written = 0;
    while (written < bytes.length) {
      try {
        written += fs.writeSync(fd, bytes, written, bytes.length - written);
      } catch (error) {
        if (error.code !== "EAGAIN") throw error;
        await sleep(5);
      }
    }
  } finally {
    fs.closeSync(fd);
  }
});

// lib/artifact/atomic_write.ts
var TEMP_PREFIX = ".smoke-tmp-";
var isWriteFailure = (function isWriteFailure(error) {
  return error instanceof UnwritableTargetError || isIoError(error);
});
var describeWriteFailure = (function describeWriteFailure(error) {
  if (error instanceof UnwritableTargetError) return `it ${error.reason}`;
  if (error instanceof Deno.errors.NotADirectory) {
    return `a folder on its path is not a directory (${error.message})`;
  }
  return error.message;
});
var linkChain = (function linkChain(path) {
  const hops = [
    path
  ];
  let current = path;
  for (let i = 0; i < 40; i++) {
    let info;
    try {
      info = Deno.lstatSync(current);
    } catch (error) {
      if (error instanceof Deno.errors.NotFound) return {
        end: current,
        hops
      };
      throw error;
    }
    if (!info.isSymlink) return {
      end: current,
      hops
    };
    current = resolve(dirname(current), Deno.readLinkSync(current));
    hops.push(current);
  }
  throw new UnwritableTargetError(path, "is a loop of symbolic links");
});
var describe = (function describe(info) {
  if (info.isDirectory) return "is a directory";
  if (info.isSocket) return "is a socket";
  if (info.isBlockDevice) return "is a block device";
  return void 0;
});
var resolveOutputTarget = (function resolveOutputTarget(path) {
  let info;
  try {
    info = Deno.statSync(path);
  } catch (error) {
    if (error instanceof Deno.errors.FilesystemLoop) {
      throw new UnwritableTargetError(path, "is a loop of symbolic links");
    }
    if (!(error instanceof Deno.errors.NotFound)) throw error;
  }
  if (info === void 0) {
    return {
      mode: "atomic",
      path: linkChain(path).end
    };
  }
  const refused = describe(info);
  if (refused) throw new UnwritableTargetError(path, refused);
  const descriptor = descriptorOf(linkChain(path).hops);
  if (descriptor !== void 0) {
    return {
      mode: "in-place",
      path,
      ...descriptor === 1 || descriptor === 2 ? {
        fd: descriptor
      } : {}
    };
  }
  if (!info.isFile) return {
    mode: "in-place",
    path
  };
  return {
    mode: "atomic",
    path: Deno.realPathSync(path)
  };
});
var checkOutputPath = (function checkOutputPath(path, options) {
  try {
    return fileOnly(resolveOutputTarget(path), options);
  } catch (error) {
    if (!isWriteFailure(error)) throw error;
    const reason = describeWriteFailure(error);
    throw new UserError(`Cannot write ${options.label} to "${options.shown}": ${reason}`, {
      kind: "usage",
      code: "OUTPUT_PATH_INVALID",
      hints: [
        "Name a file (it is created, or replaced atomically), or a device such as /dev/stdout (written in place). A directory, a socket or a block device is never replaced.",
        "Nothing was run or written."
      ],
      cause: error
    });
  }
});
var NOT_A_FILE = "is not a regular file (a device, a FIFO or a descriptor): smoke reads it back";
var fileOnly = (function fileOnly(target, options) {
  if (options.fileOnly && target.mode === "in-place") {
    throw new UnwritableTargetError(target.path, NOT_A_FILE);
  }
  return target;
});
var writeFileAtomic = (async function writeFileAtomic(path, data, options = {}) {
  const bytes = typeof data === "string" ? new TextEncoder().encode(data) : data;
  const target = options.ownFile && isSymlink(resolve(path)) ? {
    mode: "atomic",
    path: resolve(path)
  } : fileOnly(resolveOutputTarget(resolve(path)), options);
  if (target.mode === "in-place") {
    await writeInPlace(target, bytes);
    return target;
  }
  if (options.createParents) Deno.mkdirSync(dirname(target.path), {
    recursive: true
  });
  await replaceFile(target.path, bytes, {
    replaceLink: options.ownFile ?? false
  });
  return target;
});
var isSymlink = (function isSymlink(path) {
  return lstatIfPresent(path)?.isSymlink ?? false;
});
var replaceFile = (async function replaceFile(path, bytes, options) {
  const dir = dirname(path);
  const random = crypto.getRandomValues(new Uint32Array(1))[0].toString(16);
  const temp = join(dir, `${TEMP_PREFIX}${basename(path).slice(0, 64)}.${Deno.pid}.${random}`);
  let keepMode;
  try {
    const existing = Deno.lstatSync(path);
    if (existing.isFile && existing.mode !== null) keepMode = existing.mode & 4095;
  } catch (error) {
    if (!(error instanceof Deno.errors.NotFound)) throw error;
  }
  try {
    using file = Deno.openSync(temp, {
      write: true,
      createNew: true,
      mode: 420
    });
    if (keepMode !== void 0 && Deno.build.os !== "windows") Deno.chmodSync(temp, keepMode);
    let written = 0;
    while (written < bytes.length) written += file.writeSync(bytes.subarray(written));
    file.syncSync();
  } catch (error) {
    removeQuietly(temp);
    throw error;
  }
  try {
    const now = lstatIfPresent(path);
    if (now && !now.isFile && !(options.replaceLink && now.isSymlink)) {
      throw new UnwritableTargetError(path, now.isDirectory ? "is a directory" : "is not a regular file");
    }
    Deno.renameSync(temp, path);
  } catch (error) {
    removeQuietly(temp);
    throw error;
  }
  await syncDir(dir);
});
var lstatIfPresent = (function lstatIfPresent(path) {
  try {
    return Deno.lstatSync(path);
  } catch (error) {
    if (error instanceof Deno.errors.NotFound) return void 0;
    throw error;
  }
});
var removeQuietly = (function removeQuietly(path) {
  try {
    Deno.removeSync(path);
  } catch {
  }
});
var syncDir = (async function syncDir(dir) {
  if (Deno.build.os === "windows") return;
  using handle = await Deno.open(dir, {
    read: true
  });
  handle.syncSync();
});
var removeStrayTemps = (function removeStrayTemps(dir) {
  const removed = [];
  try {
    for (const entry of Deno.readDirSync(dir)) {
      if (!entry.isFile || !entry.name.startsWith(TEMP_PREFIX)) continue;
      try {
        Deno.removeSync(join(dir, entry.name));
        removed.push(entry.name);
      } catch (error) {
        if (!isWriteFailure(error)) throw error;
      }
    }
  } catch (error) {
    if (!isWriteFailure(error)) throw error;
  }
  return removed;
});
var writeOutputFile = (async function writeOutputFile(path, data, options) {
  try {
    await writeFileAtomic(path, data, {
      createParents: true
    });
  } catch (error) {
    if (!isWriteFailure(error)) throw error;
    throw new UserError(`Cannot write ${options.what} to "${options.shown}": ${describeWriteFailure(error)}`, {
      kind: "artifact",
      code: "OUTPUT_WRITE_FAILED",
      hints: [
        "Free disk space or fix permissions, or pass another --out PATH."
      ],
      cause: error
    });
  }
});

export {
  readEnv,
  envUnreadable,
  isWriteFailure,
  describeWriteFailure,
  checkOutputPath,
  writeFileAtomic,
  lstatIfPresent,
  removeStrayTemps,
  writeOutputFile
};
//# sourceMappingURL=chunk-YGD3FBYJ.js.map
