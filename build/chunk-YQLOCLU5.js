// lib/html_report/report_file.ts
var REPORT_FILE = "report.html";

export {
  REPORT_FILE
};
//# sourceMappingURL=chunk-YQLOCLU5.js.map
