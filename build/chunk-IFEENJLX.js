import {
  isHistoryFile
} from "./chunk-2LNRIRNY.js";
import {
  realPath,
  sameFile
} from "./chunk-4VDBSXWI.js";
import {
  basename
} from "./chunk-UZCZWFUL.js";
import {
  fileTypeName
} from "./chunk-UXUXC4ZF.js";
import {
  describeIoError,
  errnoOf,
  isIoError
} from "./chunk-WBZQOSKS.js";

// lib/reporters/step_summary_file.ts
import { closeSync, constants, fstatSync, openSync, writeSync } from "node:fs";
var openForAppend = (function openForAppend(path) {
  const { O_WRONLY, O_APPEND, O_CREAT, O_NONBLOCK } = constants;
  let fd;
  try {
    fd = openSync(path, O_WRONLY | O_APPEND | O_CREAT | (O_NONBLOCK ?? 0), 438);
  } catch (error) {
    if (errnoOf(error) === "ENXIO") return {
      ok: false,
      reason: "it is a FIFO"
    };
    if (errnoOf(error) === "EISDIR") return {
      ok: false,
      reason: "it is a directory"
    };
    if (errnoOf(error) === "ENOENT") return {
      ok: false,
      reason: "its folder does not exist"
    };
    if (!isIoError(error)) throw error;
    return {
      ok: false,
      reason: describeIoError(error).reason
    };
  }
  try {
    const info = fstatSync(fd);
    if (info.isFile()) return {
      ok: true,
      fd,
      size: info.size
    };
    if (info.isCharacterDevice()) return {
      ok: true,
      fd,
      size: 0
    };
    closeSync(fd);
    const type = fileTypeName({
      isFile: false,
      isDirectory: info.isDirectory(),
      isFifo: info.isFIFO(),
      isCharDevice: false,
      isBlockDevice: info.isBlockDevice(),
      isSocket: info.isSocket()
    });
    return {
      ok: false,
      reason: `it is ${type}`
    };
  } catch (error) {
    closeSync(fd);
    if (!isIoError(error)) throw error;
    return {
      ok: false,
      reason: describeIoError(error).reason
    };
  }
});
var NOT_MARKDOWN = /\.(?:json|xml|html?)$/i;
var notMarkdown = (function notMarkdown(path, outputs = []) {
  if (outputs.some(((output) => sameFile(output, path)))) {
    return "it is a file this run writes (the JUnit XML or the HTML report), which a Markdown summary would break";
  }
  if (isHistoryFile(path)) {
    return "it is a file of smoke's artifact directory (latest.json, durations.json, the lock or a run file), which a summary would break";
  }
  for (const name of [
    basename(path),
    basename(realPath(path))
  ]) {
    const kind = NOT_MARKDOWN.exec(name)?.[0];
    if (kind) return `it is a ${kind.toLowerCase()} file, which a Markdown summary would break`;
  }
  try {
    const info = Deno.statSync(path);
    if (!info.isFile || (info.nlink ?? 1) < 2) return void 0;
    const file = Deno.openSync(path);
    try {
      const head = new Uint8Array(64);
      const n = file.readSync(head) ?? 0;
      const text = new TextDecoder().decode(head.subarray(0, n)).trimStart();
      if (text.startsWith("{")) {
        return "it is a hard link to a JSON file, which a Markdown summary would break";
      }
    } finally {
      file.close();
    }
  } catch (error) {
    if (!isIoError(error)) throw error;
  }
  return void 0;
});
var appendStepSummary = (async function appendStepSummary(path, render, options = {}) {
  const refused = notMarkdown(path, options.outputs);
  if (refused) return {
    ok: false,
    reason: refused
  };
  try {
    const info = await Deno.stat(path);
    if (!info.isFile && !info.isCharDevice) {
      return {
        ok: false,
        reason: `it is ${fileTypeName(info)}`
      };
    }
  } catch (error) {
    if (!(error instanceof Deno.errors.NotFound)) {
      if (!isIoError(error)) throw error;
      return {
        ok: false,
        reason: describeIoError(error).reason
      };
    }
  }
  const opened = openForAppend(path);
  if (!opened.ok) return opened;
  try {
    const bytes = new TextEncoder().encode(render(opened.size));
    let written = 0;
    while (written < bytes.length) {
      written += writeSync(opened.fd, bytes, written, bytes.length - written);
    }
    return {
      ok: true,
      written
    };
  } catch (error) {
    if (!isIoError(error)) throw error;
    return {
      ok: false,
      reason: describeIoError(error).reason
    };
  } finally {
    closeSync(opened.fd);
  }
});

export {
  openForAppend,
  notMarkdown,
  appendStepSummary
};
//# sourceMappingURL=chunk-IFEENJLX.js.map
