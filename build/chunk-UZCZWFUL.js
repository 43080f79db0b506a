// lib/base/path.ts
var windows = Deno.build.os === "windows" ? await import("node:path") : void 0;
var windowsUrl = windows ? await import("node:url") : void 0;
var normalizeSegments = (function normalizeSegments(path, keepAbove) {
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
});
var posixNormalize = (function posixNormalize(path) {
  if (path === "") return ".";
  const absolute = path.startsWith("/");
  const trailing = path.endsWith("/");
  let body = normalizeSegments(path, !absolute).join("/");
  if (body === "" && !absolute) body = ".";
  if (body !== "" && trailing) body += "/";
  return absolute ? `/${body}` : body;
});
var posixResolve = (function posixResolve(paths) {
  let resolved = "";
  for (let i = paths.length - 1; i >= -1 && !resolved.startsWith("/"); i--) {
    const path = i >= 0 ? paths[i] : Deno.cwd();
    if (path === "") continue;
    resolved = resolved === "" ? path : `${path}/${resolved}`;
  }
  const body = normalizeSegments(resolved, !resolved.startsWith("/")).join("/");
  return resolved.startsWith("/") ? `/${body}` : body === "" ? "." : body;
});
var posixJoin = (function posixJoin(paths) {
  const joined = paths.filter(((path) => path !== "")).join("/");
  return joined === "" ? "." : posixNormalize(joined);
});
var posixRelative = (function posixRelative(from, to) {
  if (from === to) return "";
  const source = posixResolve([
    from
  ]).split("/").filter(((s) => s !== ""));
  const target = posixResolve([
    to
  ]).split("/").filter(((s) => s !== ""));
  let common = 0;
  while (common < source.length && common < target.length && source[common] === target[common]) {
    common++;
  }
  return [
    ...source.slice(common).map((() => "..")),
    ...target.slice(common)
  ].join("/");
});
var posixDirname = (function posixDirname(path) {
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
});
var posixBasename = (function posixBasename(path) {
  let end = path.length;
  while (end > 0 && path[end - 1] === "/") end--;
  return path.slice(path.lastIndexOf("/", end - 1) + 1, end);
});
var sep = windows?.sep ?? "/";
var delimiter = windows?.delimiter ?? ":";
var isAbsolute = (function isAbsolute(path) {
  return windows ? windows.isAbsolute(path) : path.startsWith("/");
});
var resolve = (function resolve(...paths) {
  return windows ? windows.resolve(...paths) : posixResolve(paths);
});
var join = (function join(...paths) {
  return windows ? windows.join(...paths) : posixJoin(paths);
});
var relative = (function relative(from, to) {
  return windows ? windows.relative(from, to) : posixRelative(from, to);
});
var dirname = (function dirname(path) {
  return windows ? windows.dirname(path) : posixDirname(path);
});
var basename = (function basename(path) {
  return windows ? windows.basename(path) : posixBasename(path);
});
var fromFileUrl = (function fromFileUrl(url) {
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
});

export {
  sep,
  delimiter,
  isAbsolute,
  resolve,
  join,
  relative,
  dirname,
  basename,
  fromFileUrl
};
//# sourceMappingURL=chunk-UZCZWFUL.js.map
