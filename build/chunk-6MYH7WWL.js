// lib/artifact/artifact_format.ts
var SCHEMA_VERSION = 1;
var READABLE_SCHEMA_VERSIONS = [
  1
];
var FIXTURE_ID_PATTERN = /^[A-Za-z0-9._\/-]+$/;
var MAX_FIXTURE_ID_LENGTH = 512;
var BAD_SEGMENT = /(?:^|\/)\.{0,2}(?:\/|$)/;
var hasBadSegment = (function hasBadSegment(id) {
  return BAD_SEGMENT.test(id);
});
var isFixtureId = (function isFixtureId(id) {
  return id.length <= MAX_FIXTURE_ID_LENGTH && FIXTURE_ID_PATTERN.test(id) && !hasBadSegment(id);
});
var SERVICE_NAME_PATTERN = /^[A-Za-z][A-Za-z0-9_-]{0,31}$/;
var RUN_ID_PATTERN = /^[A-Za-z0-9][A-Za-z0-9._-]{0,127}$/;
var CLOCK_SKEW_MS = 24 * 60 * 60 * 1e3;
var runIdTime = (function runIdTime(runId) {
  const m = /^(\d{4})(\d{2})(\d{2})T(\d{2})(\d{2})(\d{2})(\d{3})Z-/.exec(runId);
  if (!m) return void 0;
  const [, y, mo, d, h, mi, s, ms] = m.map(Number);
  return Date.UTC(y, mo - 1, d, h, mi, s, ms);
});
var runIdClearlyAfter = (function runIdClearlyAfter(a, b) {
  const ta = runIdTime(a);
  const tb = runIdTime(b);
  if (ta !== void 0 && tb !== void 0) return ta > tb + CLOCK_SKEW_MS;
  return a > b;
});

export {
  SCHEMA_VERSION,
  READABLE_SCHEMA_VERSIONS,
  FIXTURE_ID_PATTERN,
  hasBadSegment,
  isFixtureId,
  SERVICE_NAME_PATTERN,
  RUN_ID_PATTERN,
  runIdClearlyAfter
};
//# sourceMappingURL=chunk-6MYH7WWL.js.map
