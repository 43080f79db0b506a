// @ts-self-types="../../lib/cli/github_error_report.ts"
import {
  appendStepSummary
} from "../chunk-IFEENJLX.js";
import {
  STEP_SUMMARY_LIMIT_BYTES,
  escapeCommandData,
  escapeCommandProperty,
  escapeMarkdownCell,
  markdownCode
} from "../chunk-FDH5AN7P.js";
import "../chunk-ZNZJ6444.js";
import "../chunk-2YEAZSI3.js";
import "../chunk-2LNRIRNY.js";
import "../chunk-JXGFLTXX.js";
import "../chunk-25NTBGEA.js";
import "../chunk-4VDBSXWI.js";
import "../chunk-YGD3FBYJ.js";
import "../chunk-VB43T7UN.js";
import "../chunk-JEDHTE3D.js";
import "../chunk-DBSKOPQR.js";
import "../chunk-2N47EPJ5.js";
import {
  resolve
} from "../chunk-UZCZWFUL.js";
import "../chunk-UXUXC4ZF.js";
import "../chunk-PBQEZ4VD.js";
import "../chunk-VPM3V57A.js";
import "../chunk-6MYH7WWL.js";
import {
  markCommand
} from "../chunk-XRBLM22N.js";
import {
  formatWarning
} from "../chunk-WBZQOSKS.js";
import "../chunk-ANYOMBVL.js";

// lib/reporters/github_error.ts
var CODE = /^[A-Z][A-Z0-9_]*$/;
var KIND = /^[a-z]+$/;
var codeOf = (function codeOf(error) {
  return error.code !== void 0 && CODE.test(error.code) ? error.code : void 0;
});
var kindOf = (function kindOf(error) {
  return KIND.test(error.kind) ? error.kind : "user";
});
var errorTitle = (function errorTitle(error) {
  const code = codeOf(error);
  return code ? `smoke ${code}` : `smoke ${kindOf(error)} error`;
});
var renderErrorAnnotation = (function renderErrorAnnotation(error) {
  return `::error title=${escapeCommandProperty(errorTitle(error))}::` + escapeCommandData(error.message);
});
var TEXT_MAX_CHARS = 4e3;
var TEXT_SHORT_CHARS = 500;
var encoder = new TextEncoder();
var section = (function section(error, maxChars) {
  const code = codeOf(error);
  const lines = [
    code ? `## smoke: error \`${code}\`` : `## smoke: ${kindOf(error)} error`,
    "",
    `**Error:** ${escapeMarkdownCell(error.message, {
      maxChars
    })}`,
    ""
  ];
  for (const hint of error.hints) lines.push(`- hint: ${escapeMarkdownCell(hint, {
    maxChars
  })}`);
  if (error.hints.length) lines.push("");
  if (error.diagnosticsPath !== void 0) {
    lines.push(`Diagnostics artifact: ${markdownCode(error.diagnosticsPath)}`, "");
  }
  return lines.join("\n");
});
var renderErrorSummary = (function renderErrorSummary(error, options = {}) {
  const maxBytes = options.maxBytes ?? STEP_SUMMARY_LIMIT_BYTES;
  for (const maxChars of [
    TEXT_MAX_CHARS,
    TEXT_SHORT_CHARS
  ]) {
    const markdown = section(error, maxChars);
    if (encoder.encode(markdown).length <= maxBytes) return markdown;
  }
  return "";
});

// lib/cli/github_error_report.ts
var reportErrorToGitHub = (async function reportErrorToGitHub(error, io) {
  io.stderr(markCommand(renderErrorAnnotation(error)) + "\n");
  const file = io.env.GITHUB_STEP_SUMMARY;
  if (!file) return;
  const appended = await appendStepSummary(resolve(io.cwd, file), ((used) => renderErrorSummary(error, {
    maxBytes: STEP_SUMMARY_LIMIT_BYTES - used
  })));
  if (!appended.ok) {
    io.stderr(formatWarning({
      code: "STEP_SUMMARY_WRITE_FAILED",
      message: `Cannot append to the step summary "${file}": ${appended.reason}`,
      hint: "Check GITHUB_STEP_SUMMARY; the error above is what stopped smoke."
    }));
  }
});
export {
  reportErrorToGitHub
};
//# sourceMappingURL=github_error_report.js.map
