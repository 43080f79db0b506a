// lib/base/path.ts
var windows = Deno.build.os === "windows" ? await import("node:path") : void 0;
var windowsUrl = windows ? await import("node:url") : void 0;
function normalizeSegments(path, keepAbove) {
  const out = [];
  for (const segment of path.split("/")) {
    if (segment === "" || segment === ".") continue;
    if (segment === "..") {
      if (out.length > 0 && out[out.length - 1] !== "..") out.pop();
      else if (keepAbove) out.push("..");
      continue;
    }
    out.push(segment);
  }
  return out;
}
function posixNormalize(path) {
  if (path === "") return ".";
  const absolute = path.startsWith("/");
  const trailing = path.endsWith("/");
  let body = normalizeSegments(path, !absolute).join("/");
  if (body === "" && !absolute) body = ".";
  if (body !== "" && trailing) body += "/";
  return absolute ? `/${body}` : body;
}
function posixResolve(paths) {
  let resolved = "";
  for (let i = paths.length - 1; i >= -1 && !resolved.startsWith("/"); i--) {
    const path = i >= 0 ? paths[i] : Deno.cwd();
    if (path === "") continue;
    resolved = resolved === "" ? path : `${path}/${resolved}`;
  }
  const body = normalizeSegments(resolved, !resolved.startsWith("/")).join("/");
  return resolved.startsWith("/") ? `/${body}` : body === "" ? "." : body;
}
function posixJoin(paths) {
  const joined = paths.filter((path) => path !== "").join("/");
  return joined === "" ? "." : posixNormalize(joined);
}
function posixRelative(from, to) {
  if (from === to) return "";
  const source = posixResolve([
    from
  ]).split("/").filter((s) => s !== "");
  const target = posixResolve([
    to
  ]).split("/").filter((s) => s !== "");
  let common = 0;
  while (common < source.length && common < target.length && source[common] === target[common]) {
    common++;
  }
  return [
    ...source.slice(common).map(() => ".."),
    ...target.slice(common)
  ].join("/");
}
function posixDirname(path) {
  if (path === "") return ".";
  const rooted = path.startsWith("/");
  let end = -1;
  let inName = false;
  for (let i = path.length - 1; i >= 1; i--) {
    if (path[i] === "/") {
      if (inName) {
        end = i;
        break;
      }
    } else {
      inName = true;
    }
  }
  if (end === -1) return rooted ? "/" : ".";
  if (rooted && end === 1) return "//";
  return path.slice(0, end);
}
function posixBasename(path) {
  let end = path.length;
  while (end > 0 && path[end - 1] === "/") end--;
  return path.slice(path.lastIndexOf("/", end - 1) + 1, end);
}
var sep = windows?.sep ?? "/";
var delimiter = windows?.delimiter ?? ":";
function isAbsolute(path) {
  return windows ? windows.isAbsolute(path) : path.startsWith("/");
}
function resolve(...paths) {
  return windows ? windows.resolve(...paths) : posixResolve(paths);
}
function join(...paths) {
  return windows ? windows.join(...paths) : posixJoin(paths);
}
function relative(from, to) {
  return windows ? windows.relative(from, to) : posixRelative(from, to);
}
function dirname(path) {
  return windows ? windows.dirname(path) : posixDirname(path);
}
function basename(path) {
  return windows ? windows.basename(path) : posixBasename(path);
}
function fromFileUrl(url) {
  const parsed = new URL(url);
  if (parsed.protocol !== "file:") throw new TypeError(`Not a file URL: "${parsed.href}"`);
  if (windowsUrl) return windowsUrl.fileURLToPath(parsed);
  if (parsed.hostname !== "" && parsed.hostname !== "localhost") {
    throw new TypeError(`A file URL with a host cannot be a path here: "${parsed.href}"`);
  }
  if (/%2f/i.test(parsed.pathname)) {
    throw new TypeError(`A file URL must not encode "/" in its path: "${parsed.href}"`);
  }
  return decodeURIComponent(parsed.pathname);
}

// lib/base/safe_output.ts
var MARK = `\u{F0000}${Array.from(crypto.getRandomValues(new Uint8Array(16)), (b) => b.toString(16).padStart(2, "0")).join("")}\u{F0001}`;
var ESC_MARK = `\u{F0002}${MARK.slice(2, -2)}\u{F0003}`;
var CR_MARK = `\u{F0004}${MARK.slice(2, -2)}\u{F0005}`;
var MARKED = new RegExp(`${CR_MARK}|${ESC_MARK}\\[[0-9;]*[A-Za-z]`, "g");
var FORMAT_CHAR = "\\u061c\\u200e\\u200f\\u202a-\\u202e\\u2060\\u2066-\\u2069\\ufeff";
var UNSAFE_CHAR = `\\x00-\\x08\\x0b-\\x1f\\x7f-\\x9f\\u2028\\u2029${FORMAT_CHAR}`;
var UNSAFE = new RegExp(`[${UNSAFE_CHAR}]`);
var FORMAT_ALL = new RegExp(`[${FORMAT_CHAR}]`, "g");
var UNSAFE_ALL = new RegExp(`[${UNSAFE_CHAR}]`, "g");
var INVISIBLE = /[\p{Default_Ignorable_Code_Point}\u00ad]/gu;
function readsAsResult(line) {
  return line.replace(INVISIBLE, "").startsWith("RESULT:");
}
var COMMAND_START = /^(\s*)::/;
function escapeChar(char) {
  if (char === "\r") return "\\r";
  const code = char.charCodeAt(0);
  return code <= 255 ? `\\x${code.toString(16).padStart(2, "0")}` : `\\u${code.toString(16).padStart(4, "0")}`;
}
var C0_OR_DEL = /[\u0000-\u001f\u007f]/;
function hasControlCharacter(text) {
  return C0_OR_DEL.test(text);
}
function escapeControls(text) {
  return UNSAFE.test(text) ? text.replace(UNSAFE_ALL, escapeChar) : text;
}
function escapeFormatCharacters(text) {
  return text.replace(FORMAT_ALL, escapeChar);
}
function displayName(name) {
  return escapeControls(name).replaceAll("\n", "\\n").replaceAll("	", "\\t");
}
function terminalControl(sequence) {
  return sequence.replaceAll("\x1B", ESC_MARK).replaceAll("\r", CR_MARK);
}
function markCommand(line) {
  if (/[\r\n]/.test(line)) throw new TypeError("A workflow command is one line");
  return MARK + line;
}
function resultLine(result) {
  return `${MARK}RESULT: ${result}`;
}
function neutralizeLegacyCommands(text) {
  return text.replaceAll("##[", "##\u200B[");
}
function createSafeWriter(write, mode) {
  let atLineStart = true;
  let blankSoFar = true;
  let lastTwo = "";
  let inert;
  return (text) => {
    if (text === "") return;
    const escaped = escapeControls(text);
    const shown = mode.terminal ? escaped.replaceAll(ESC_MARK, "\x1B").replaceAll(CR_MARK, "\r") : escaped.replace(MARKED, "");
    const lines = shown.split("\n");
    const safe = lines.map((line, i) => {
      const start = i > 0 || atLineStart;
      let trusted = false;
      if (start && line.startsWith(MARK)) {
        trusted = true;
        line = line.slice(MARK.length);
      }
      if (line.includes(MARK)) line = line.replaceAll(MARK, "");
      if (!trusted && start && readsAsResult(line)) line = `  ${line}`;
      if (!mode.github) return line;
      if (trusted) {
        const stop = /^::stop-commands::(\S+)$/.exec(line);
        if (stop) inert = stop[1];
        else if (inert !== void 0 && line === `::${inert}::`) inert = void 0;
      } else if (i > 0 || blankSoFar) {
        if (inert === void 0 || line.includes(`::${inert}::`)) {
          line = line.replace(COMMAND_START, "$1\u200B::");
        }
      }
      const before = i === 0 ? lastTwo : "";
      return neutralizeLegacyCommands(before + line).slice(before.length);
    });
    const last = safe[safe.length - 1];
    atLineStart = last === "";
    blankSoFar = (safe.length > 1 || blankSoFar) && /^\s*$/.test(last);
    const joined = safe.join("\n");
    lastTwo = joined.length >= 2 ? joined.slice(-2) : lastTwo.slice(-1) + joined;
    write(joined);
  };
}

export {
  sep,
  delimiter,
  isAbsolute,
  resolve,
  join,
  relative,
  dirname,
  basename,
  fromFileUrl,
  readsAsResult,
  hasControlCharacter,
  escapeControls,
  escapeFormatCharacters,
  displayName,
  terminalControl,
  markCommand,
  resultLine,
  neutralizeLegacyCommands,
  createSafeWriter
};
//# sourceMappingURL=chunk-IRQBML7B.js.map
