// lib/base/safe_output.ts
var MARK = `\u{F0000}${Array.from(crypto.getRandomValues(new Uint8Array(16)), ((b) => b.toString(16).padStart(2, "0"))).join("")}\u{F0001}`;
var ESC_MARK = `\u{F0002}${MARK.slice(2, -2)}\u{F0003}`;
var CR_MARK = `\u{F0004}${MARK.slice(2, -2)}\u{F0005}`;
var MARKED = new RegExp(`${CR_MARK}|${ESC_MARK}\\[[0-9;]*[A-Za-z]`, "g");
var FORMAT_CHAR = "\\u061c\\u200e\\u200f\\u202a-\\u202e\\u2060\\u2066-\\u2069\\ufeff";
var UNSAFE_CHAR = `\\x00-\\x08\\x0b-\\x1f\\x7f-\\x9f\\u2028\\u2029${FORMAT_CHAR}`;
var UNSAFE = new RegExp(`[${UNSAFE_CHAR}]`);
var FORMAT_ALL = new RegExp(`[${FORMAT_CHAR}]`, "g");
var UNSAFE_ALL = new RegExp(`[${UNSAFE_CHAR}]`, "g");
var INVISIBLE = /[\p{Default_Ignorable_Code_Point}\u00ad]/gu;
var readsAsResult = (function readsAsResult(line) {
  return line.replace(INVISIBLE, "").startsWith("RESULT:");
});
var COMMAND_START = /^(\s*)::/;
var escapeChar = (function escapeChar(char) {
  if (char === "\r") return "\\r";
  const code = char.charCodeAt(0);
  return code <= 255 ? `\\x${code.toString(16).padStart(2, "0")}` : `\\u${code.toString(16).padStart(4, "0")}`;
});
var C0_OR_DEL = /[\u0000-\u001f\u007f]/;
var hasControlCharacter = (function hasControlCharacter(text) {
  return C0_OR_DEL.test(text);
});
var escapeControls = (function escapeControls(text) {
  return UNSAFE.test(text) ? text.replace(UNSAFE_ALL, escapeChar) : text;
});
var escapeFormatCharacters = (function escapeFormatCharacters(text) {
  return text.replace(FORMAT_ALL, escapeChar);
});
var displayName = (function displayName(name) {
  return escapeControls(name).replaceAll("\n", "\\n").replaceAll("	", "\\t");
});
var terminalControl = (function terminalControl(sequence) {
  return sequence.replaceAll("\x1B", ESC_MARK).replaceAll("\r", CR_MARK);
});
var markCommand = (function markCommand(line) {
  if (/[\r\n]/.test(line)) throw new TypeError("A workflow command is one line");
  return MARK + line;
});
var resultLine = (function resultLine(result) {
  return `${MARK}RESULT: ${result}`;
});
var neutralizeLegacyCommands = (function neutralizeLegacyCommands(text) {
  return text.replaceAll("##[", "##\u200B[");
});
var createSafeWriter = (function createSafeWriter(write, mode) {
  let atLineStart = true;
  let blankSoFar = true;
  let lastTwo = "";
  let inert;
  return ((text) => {
    if (text === "") return;
    const escaped = escapeControls(text);
    const shown = mode.terminal ? escaped.replaceAll(ESC_MARK, "\x1B").replaceAll(CR_MARK, "\r") : escaped.replace(MARKED, "");
    const lines = shown.split("\n");
    const safe = lines.map(((line, i) => {
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
    }));
    const last = safe[safe.length - 1];
    atLineStart = last === "";
    blankSoFar = (safe.length > 1 || blankSoFar) && /^\s*$/.test(last);
    const joined = safe.join("\n");
    lastTwo = joined.length >= 2 ? joined.slice(-2) : lastTwo.slice(-1) + joined;
    write(joined);
  });
});

export {
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
//# sourceMappingURL=chunk-XRBLM22N.js.map
