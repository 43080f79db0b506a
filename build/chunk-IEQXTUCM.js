// lib/jsonc/_jsonc_parser.ts
var JsoncScanError = class extends Error {
  /** Offset of the problem in the text. */
  offset;
  /**
   * Creates the error.
   *
   * @param offset Where the problem is.
   * @param what What is wrong, e.g. `value expected`.
   */
  constructor(offset, what) {
    super(what);
    this.name = "JsoncScanError";
    this.offset = offset;
  }
};
var MAX_DEPTH = 1e3;
var pathKey = (function pathKey(path) {
  return JSON.stringify(path);
});
var endsWord = (function endsWord(c) {
  return c === 32 || c === 10 || c === 13 || c === 9 || c === 123 || c === 125 || c === 91 || c === 93 || c === 44 || c === 58 || c === 34 || c === 47;
});
var ESCAPES = {
  '"': '"',
  "\\": "\\",
  "/": "/",
  b: "\b",
  f: "\f",
  n: "\n",
  r: "\r",
  t: "	"
};
var scanJsonc = (function scanJsonc(text, options = {}) {
  const strict = options.strict ?? false;
  const offsets = options.offsets;
  const path = [];
  const n = text.length;
  let i = 0;
  let depth = 0;
  const fail = ((what, at = i) => {
    throw new JsoncScanError(at, what);
  });
  const skip = (() => {
    while (i < n) {
      const c = text.charCodeAt(i);
      if (c === 32 || c === 10 || c === 13 || c === 9) {
        i++;
      } else if (strict) {
        return;
      } else if (c === 47 && text.charCodeAt(i + 1) === 47) {
        i += 2;
        while (i < n && text.charCodeAt(i) !== 10 && text.charCodeAt(i) !== 13) i++;
      } else if (c === 47 && text.charCodeAt(i + 1) === 42) {
        const end = text.indexOf("*/", i + 2);
        if (end < 0) fail("unexpected end of comment", n);
        i = end + 2;
      } else {
        return;
      }
    }
  });
  const string = (() => {
    const start = i++;
    let out2 = "";
    let chunk = i;
    while (true) {
      if (i >= n) fail("unexpected end of string", start);
      const c = text.charCodeAt(i);
      if (c === 34) {
        out2 += text.slice(chunk, i++);
        return out2;
      }
      if (c === 92) {
        out2 += text.slice(chunk, i);
        const e = text[i + 1];
        if (e === "u") {
          const hex = text.slice(i + 2, i + 6);
          if (!/^[0-9a-fA-F]{4}$/.test(hex)) fail("invalid unicode escape", i);
          out2 += String.fromCharCode(parseInt(hex, 16));
          i += 6;
        } else if (e !== void 0 && Object.hasOwn(ESCAPES, e)) {
          out2 += ESCAPES[e];
          i += 2;
        } else {
          if (e === void 0) fail("unexpected end of string", start);
          fail("invalid escape character", i);
        }
        chunk = i;
      } else if (c < 32) {
        if (c === 10 || c === 13) fail("unexpected end of string", start);
        fail("invalid character");
      } else {
        i++;
      }
    }
  });
  const digits = (() => {
    const start = i;
    while (i < n && text.charCodeAt(i) >= 48 && text.charCodeAt(i) <= 57) i++;
    return i - start;
  });
  const number = (() => {
    const start = i;
    if (text.charCodeAt(i) === 45) i++;
    if (text.charCodeAt(i) === 48) i++;
    else if (digits() === 0) fail("invalid number", start);
    if (text.charCodeAt(i) === 46) {
      i++;
      if (digits() === 0) fail("invalid number", start);
    }
    const e = text.charCodeAt(i);
    if (e === 101 || e === 69) {
      i++;
      const sign = text.charCodeAt(i);
      if (sign === 43 || sign === 45) i++;
      if (digits() === 0) fail("invalid number", start);
    }
    return Number(text.slice(start, i));
  });
  const word = (() => {
    const start = i;
    while (i < n && !endsWord(text.charCodeAt(i))) i++;
    const token = text.slice(start, i);
    if (token === "true") return true;
    if (token === "false") return false;
    if (token === "null") return null;
    return fail("invalid symbol", start);
  });
  const record = ((at, key) => {
    offsets.set(pathKey(path), key === void 0 ? {
      value: at
    } : {
      value: at,
      key
    });
  });
  const array = (() => {
    i++;
    const out2 = [];
    skip();
    if (text.charCodeAt(i) === 93) {
      i++;
      return out2;
    }
    while (true) {
      if (offsets) path.push(out2.length);
      out2.push(value());
      if (offsets) path.pop();
      skip();
      const c = text.charCodeAt(i);
      if (c === 93) {
        i++;
        return out2;
      }
      if (c !== 44) fail(i >= n ? 'closing "]" expected' : "comma expected");
      i++;
      skip();
      if (text.charCodeAt(i) === 93 && !strict) {
        i++;
        return out2;
      }
    }
  });
  const object = (() => {
    i++;
    const out2 = {};
    skip();
    if (text.charCodeAt(i) === 125) {
      i++;
      return out2;
    }
    while (true) {
      if (text.charCodeAt(i) !== 34) {
        fail(i >= n ? 'closing "}" expected' : "property name expected");
      }
      const keyAt = i;
      const key = string();
      skip();
      if (text.charCodeAt(i) !== 58) fail("colon expected");
      i++;
      if (offsets) path.push(key);
      const member = value(keyAt);
      if (offsets) path.pop();
      if (key === "__proto__") {
        Object.defineProperty(out2, key, {
          value: member,
          enumerable: true,
          writable: true,
          configurable: true
        });
      } else {
        out2[key] = member;
      }
      skip();
      const c = text.charCodeAt(i);
      if (c === 125) {
        i++;
        return out2;
      }
      if (c !== 44) fail(i >= n ? 'closing "}" expected' : "comma expected");
      i++;
      skip();
      if (text.charCodeAt(i) === 125 && !strict) {
        i++;
        return out2;
      }
    }
  });
  function value(key) {
    skip();
    if (i >= n) fail("value expected");
    if (offsets) record(i, key);
    const c = text.charCodeAt(i);
    if (c === 123 || c === 91) {
      if (++depth > MAX_DEPTH) fail(`nesting deeper than ${MAX_DEPTH} levels`);
      const out2 = c === 123 ? object() : array();
      depth--;
      return out2;
    }
    if (c === 34) return string();
    if (c === 45 || c >= 48 && c <= 57) return number();
    if (c === 125 || c === 93 || c === 44 || c === 58) fail("value expected");
    return word();
  }
  if (!strict && text.charCodeAt(0) === 65279) i = 1;
  skip();
  if (i >= n) fail("empty", 0);
  const out = value();
  skip();
  if (i < n) fail("end of file expected");
  return out;
});

// lib/jsonc/jsonc.ts
var positionAt = (function positionAt(text, offset) {
  let line = 1;
  let lineStart = 0;
  for (let i = 0; i < offset && i < text.length; i++) {
    if (text.charCodeAt(i) === 10) {
      line++;
      lineStart = i + 1;
    }
  }
  return {
    line,
    column: offset - lineStart + 1
  };
});
var tokenAt = (function tokenAt(text, offset) {
  const word = /^(?:"(?:[^"\\\n]|\\.)*"?|[^\s{}[\],:"/]+|[^])/.exec(text.slice(offset, offset + 40));
  return (word?.[0] ?? "").slice(0, 20);
});
var parseJsonc = (function parseJsonc(text, options = {}) {
  try {
    return {
      ok: true,
      value: scanJsonc(text, {
        strict: options.strict
      })
    };
  } catch (error) {
    if (!(error instanceof JsoncScanError)) throw error;
    const { offset } = error;
    if (error.message === "empty") {
      return {
        ok: false,
        error: {
          line: 1,
          column: 1,
          offset: 0,
          message: "the file is empty"
        }
      };
    }
    const token = tokenAt(text, offset);
    const near = offset >= text.length ? "at end of input" : `near ${token.startsWith('"') ? token : `"${token}"`}`;
    return {
      ok: false,
      error: {
        ...positionAt(text, offset),
        offset,
        message: `${error.message} ${near}`
      }
    };
  }
});
var nodeOffsets = (function nodeOffsets(text) {
  const offsets = /* @__PURE__ */ new Map();
  try {
    scanJsonc(text, {
      offsets
    });
  } catch (error) {
    if (!(error instanceof JsoncScanError)) throw error;
  }
  return offsets;
});
var positionIn = (function positionIn(text, offsets, path, options) {
  for (let depth = path.length; depth >= 0; depth--) {
    const node = offsets.get(pathKey(path.slice(0, depth)));
    if (!node) continue;
    const atKey = options.atKey && depth === path.length && node.key !== void 0;
    return positionAt(text, atKey ? node.key : node.value);
  }
  return {
    line: 1,
    column: 1
  };
});
var formatPath = (function formatPath(path) {
  let out = "";
  for (const segment of path) {
    if (typeof segment === "number") out += `[${segment}]`;
    else out += out === "" ? String(segment) : `.${String(segment)}`;
  }
  return out === "" ? "(root)" : out;
});
var locateIssues = (function locateIssues(text, issues) {
  const offsets = nodeOffsets(text);
  return issues.map(((issue) => ({
    ...positionIn(text, offsets, issue.path, {
      atKey: issue.code !== "invalid-value"
    }),
    path: formatPath(issue.path),
    message: issue.message
  })));
});
var jsonSyntax = (function jsonSyntax(text, error) {
  const parsed = parseJsonc(text, {
    strict: true
  });
  const offset = !parsed.ok ? parsed.error.offset : Number(/position (\d+)/.exec(error?.message ?? "")?.[1] ?? NaN);
  if (Number.isNaN(offset)) return error?.message ?? "it is not JSON";
  const { line, column } = positionAt(text, offset);
  const token = offset >= text.length ? "end of input" : `token ${JSON.stringify(text[offset])}`;
  return `unexpected ${token} at line ${line}, column ${column}`;
});

export {
  parseJsonc,
  formatPath,
  locateIssues,
  jsonSyntax
};
//# sourceMappingURL=chunk-IEQXTUCM.js.map
