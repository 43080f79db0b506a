import {
  neutralizeLegacyCommands
} from "./chunk-XRBLM22N.js";

// lib/reporters/github_inert.ts
var same = ((line) => line);
var newStopToken = (function newStopToken() {
  return Array.from(crypto.getRandomValues(new Uint8Array(16))).map(((b) => b.toString(16).padStart(2, "0"))).join("");
});
var renderInert = (function renderInert(text, options) {
  if (!/^[A-Za-z0-9]{16,}$/.test(options.token)) {
    throw new TypeError(`Cannot stop workflow commands: token "${options.token}" is not 16 or more letters and digits`);
  }
  const body = text.endsWith("\n") ? text.slice(0, -1) : text;
  const command = options.command ?? same;
  return `${command(`::stop-commands::${options.token}`)}
${neutralizeLegacyCommands(body)}
${command(`::${options.token}::`)}
`;
});

export {
  newStopToken,
  renderInert
};
//# sourceMappingURL=chunk-ZNZJ6444.js.map
