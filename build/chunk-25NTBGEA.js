import {
  idList
} from "./chunk-2N47EPJ5.js";
import {
  interruptedWithoutResult
} from "./chunk-VPM3V57A.js";

// lib/artifact/blocked.ts
var isBlocked = (function isBlocked(result) {
  return result.status === "failed" && result.failure?.kind === "blocked";
});
var blockedBy = (function blockedBy(result) {
  return result.blockedBy ?? /^Blocked by (\S+?):/.exec(result.failure?.message ?? "")?.[1] ?? "a need";
});
var endedOf = (function endedOf(need) {
  if (!need) return "did not pass";
  if (isBlocked(need)) return `blocked by ${blockedBy(need)}`;
  if (need.status === "skipped") return "skipped";
  if (need.failure?.kind === "not-run") return "not run";
  if (interruptedWithoutResult({
    ...need,
    attempts: need.attempts ?? 1
  })) return "interrupted";
  if (need.status === "failed") return "failed";
  return "did not pass";
});
var groupBlocked = (function groupBlocked(results) {
  const byId = new Map(results.map(((r) => [
    r.id,
    r
  ])));
  const groups = /* @__PURE__ */ new Map();
  for (const result of results) {
    if (!isBlocked(result)) continue;
    const by = blockedBy(result);
    let group = groups.get(by);
    if (!group) groups.set(by, group = {
      by,
      ended: endedOf(byId.get(by)),
      ids: []
    });
    group.ids.push(result.id);
  }
  const depths = /* @__PURE__ */ new Map();
  const depth = ((id) => {
    const chain = [];
    let known = 0;
    for (let at = id; chain.length <= byId.size; at = blockedBy(byId.get(at))) {
      const seen = depths.get(at);
      if (seen !== void 0) {
        known = seen;
        break;
      }
      const result = byId.get(at);
      if (!result || !isBlocked(result)) break;
      chain.push(at);
    }
    chain.reverse().forEach(((at, k) => depths.set(at, known + k + 1)));
    if (!depths.has(id)) depths.set(id, known);
    return depths.get(id);
  });
  for (const by of groups.keys()) depth(by);
  return [
    ...groups.values()
  ].sort(((a, b) => depths.get(a.by) - depths.get(b.by)));
});
var blockedGroupLine = (function blockedGroupLine(group) {
  return `Blocked by ${group.by} (${group.ended}): ${idList(group.ids)}`;
});

// lib/reporters/failure_excerpt.ts
var NOISE = [
  /^error: Test failed\s*$/,
  /^(?:ok|FAILED) \| \d+ passed/,
  /^\s*(?:ERRORS|FAILURES)\s*$/,
  /^running \d+ tests? from /,
  /^\s*\S.* \.\.\. (?:ok|ignored) \(/,
  /^Stack backtrace:\s*$/,
  /^\s*\d+: <unknown>\s*$/
];
var ERROR = [
  /\b(?:[A-Z][A-Za-z]*(?:Error|Exception)|Uncaught|panicked|Traceback|NotFound|NotCapable|PermissionDenied|AlreadyExists|BadResource|ConnectionRefused|TimedOut)\b/,
  /\berror(?:\[[^\]\s]*\])?:/i
];
var LOCATION = [
  /(?:=>|-->) \S+:\d+/,
  /^(?:FAILED|FAIL|not ok)\b/,
  /^--- FAIL\b/
];
var DETAIL = [
  /\b(?:[Ee]xpected|[Aa]ctual|assert)/
];
var SCORE_CHARS = 1e3;
var score = (function score(line) {
  const text = line.slice(0, SCORE_CHARS);
  if (text.trim() === "") return 0;
  if (NOISE.some(((re) => re.test(text)))) return -1;
  if (/^\s*\S.* \.\.\. FAILED \(/.test(text)) return 0;
  if (ERROR.some(((re) => re.test(text)))) return 4;
  if (LOCATION.some(((re) => re.test(text)))) return 3;
  if (DETAIL.some(((re) => re.test(text)))) return 2;
  return 0;
});
var AFTER = 10;
var splitLines = (function splitLines(text) {
  const lines = text.split("\n").map(((line) => line.endsWith("\r") ? line.slice(0, -1) : line));
  while (lines.length && lines.at(-1).trim() === "") lines.pop();
  return lines;
});
var source = (function source(stream, text, limits) {
  const { lastLines, maxLines } = limits;
  const lines = splitLines(text);
  const scores = lines.map(score);
  const before = ((i) => i > 0 && scores[i - 1] >= 0 && lines[i - 1].trim() ? [
    i - 1
  ] : []);
  const after = ((i) => {
    let end = i + 1;
    while (end <= i + AFTER && end < lines.length && scores[end] >= 0 && scores[end] < 3) end++;
    while (end > i + 1 && lines[end - 1].trim() === "") end--;
    return Array.from({
      length: end - i - 1
    }, ((_, k) => i + 1 + k));
  });
  const anchors = scores.flatMap(((s, i) => s >= 3 ? [
    i
  ] : [])).sort(((a, b) => scores[b] - scores[a] || a - b));
  const details = scores.flatMap(((s, i) => s === 2 ? [
    i
  ] : []));
  const top = anchors[0] ?? details[0];
  const chains = top === void 0 ? [] : [
    [
      top,
      ...before(top)
    ],
    after(top)
  ];
  const rest = anchors.filter(((i) => i !== top)).slice(0, maxLines);
  chains.push(...rest.map(((i) => [
    i,
    ...before(i)
  ])), ...rest.map(after));
  chains.push(...details.filter(((i) => i !== top)).slice(0, maxLines).map(((i) => [
    i
  ])));
  const best = top ?? lines.findLastIndex(((line, i) => scores[i] === 0 && line.trim() !== ""));
  const reserve = best !== -1 ? best : scores.findIndex(((s) => s < 0));
  if (reserve === -1) return void 0;
  const tail = Array.from({
    length: Math.min(lastLines, lines.length)
  }, ((_, k) => lines.length - 1 - k));
  return {
    stream,
    lines,
    shown: /* @__PURE__ */ new Map(),
    scores,
    best: reserve,
    chains,
    tail
  };
});
var encoder = new TextEncoder();
var byteLength = ((text) => encoder.encode(text).length);
var cut = (function cut(line, chars) {
  if (line.length <= chars) return line;
  const points = Array.from(line.slice(0, chars * 2 + 2));
  return points.length <= chars ? line : points.slice(0, Math.max(0, chars - 1)).join("") + "\u2026";
});
var block = (function block(src, chosen, chars) {
  if (chosen.size === 0) return void 0;
  const picked = [
    ...chosen
  ].sort(((a, b) => a - b));
  const shown = picked.flatMap(((i, k) => k > 0 && i - picked[k - 1] === 2 ? [
    i - 1,
    i
  ] : [
    i
  ]));
  const lines = [];
  let bytes = 0;
  shown.forEach(((i, k) => {
    const gap = k === 0 ? 0 : i - shown[k - 1] - 1;
    if (gap > 0) {
      const mark = `\u2026 (${gap} lines left out)`;
      lines.push(mark);
      bytes += mark.length + 3;
    }
    let line = src.shown.get(i);
    if (line === void 0) {
      const text = cut(src.lines[i], chars);
      src.shown.set(i, line = {
        text,
        bytes: byteLength(text)
      });
    }
    lines.push(line.text);
    bytes += line.bytes + 1;
  }));
  const count = src.lines.length;
  const leftOut = count - shown.length;
  const what = shown[0] === count - shown.length ? "last lines" : shown.at(-1) === count - 1 ? "error lines and last lines" : "error lines";
  const left = leftOut ? `, ${leftOut} line${leftOut === 1 ? "" : "s"} left out` : "";
  const heading = `${src.stream} (${what}${left}):`;
  return {
    stream: src.stream,
    heading,
    lines,
    leftOut,
    bytes: bytes + heading.length
  };
});
var excerptLines = (function excerptLines(excerpt) {
  return excerpt.blocks.flatMap(((b) => [
    b.heading,
    ...b.lines
  ]));
});
var failureExcerpt = (function failureExcerpt(result, options) {
  const lastLines = Math.max(0, options.lastLines ?? 12);
  const named = result.failure?.kind === "expectation" ? result.failure.message : "";
  const sources = [
    "stderr",
    "stdout"
  ].map(((s) => source(s, result[`${s}Tail`] ?? "", {
    lastLines,
    maxLines: options.maxLines
  }))).filter(((s) => s !== void 0)).map(((src, order) => ({
    src,
    order,
    named: named.includes(src.stream) ? 1 : 0
  }))).sort(((a, b) => (b.src.scores[b.src.best] ?? 0) - (a.src.scores[a.src.best] ?? 0) || b.named - a.named || a.order - b.order)).map(((s) => s.src));
  const chars = Math.max(2, Math.min(options.maxLineChars ?? 500, Math.floor((options.maxBytes / Math.max(1, sources.length) - 100) / 4)));
  const chosen = sources.map((() => /* @__PURE__ */ new Set()));
  const render = (() => sources.flatMap(((src, k) => {
    const b = block(src, chosen[k], chars);
    return b ? [
      b
    ] : [];
  })));
  const fits = ((blocks2) => blocks2.reduce(((n, b) => n + 1 + b.lines.length), 0) <= options.maxLines && blocks2.reduce(((n, b) => n + b.bytes + 1), -1) <= options.maxBytes);
  const candidates = [];
  let chain = 0;
  sources.forEach(((s, k) => candidates.push([
    k,
    s.best,
    chain++
  ])));
  for (const [k, s] of sources.entries()) {
    for (const run of s.chains) {
      const id = chain++;
      for (const i of run) candidates.push([
        k,
        i,
        id
      ]);
    }
  }
  const tails = sources.map((() => chain++));
  for (let n = 0; n < lastLines; n++) {
    sources.forEach(((s, k) => {
      if (n < s.tail.length) candidates.push([
        k,
        s.tail[n],
        tails[k]
      ]);
    }));
  }
  let blocks = render();
  const broken = /* @__PURE__ */ new Set();
  let tries = options.maxLines * 3 + 32;
  for (const [k, i, id] of candidates) {
    if (broken.has(id) || chosen[k].has(i)) continue;
    if (tries-- <= 0) break;
    chosen[k].add(i);
    const next = render();
    if (fits(next)) blocks = next;
    else {
      chosen[k].delete(i);
      broken.add(id);
    }
  }
  const top = sources.find(((s) => s.scores[s.best] >= 3));
  const cause = top ? cut(top.lines[top.best].trim(), Math.min(chars, 300)) : void 0;
  const inBlocks = new Set(blocks.map(((b) => b.stream)));
  const leftOut = blocks.reduce(((n, b) => n + b.leftOut), 0) + sources.reduce(((n, s) => n + (inBlocks.has(s.stream) ? 0 : s.lines.length)), 0);
  return {
    blocks: blocks.map((({ bytes: _, ...b }) => b)),
    ...cause ? {
      cause
    } : {},
    leftOut
  };
});
var CAUSE_BUDGET = {
  maxLines: 4,
  maxBytes: 4096
};
var failureCause = (function failureCause(result) {
  const cause = failureExcerpt(result, CAUSE_BUDGET).cause;
  return cause && !result.failure?.message.includes(cause) ? cause : void 0;
});

export {
  isBlocked,
  blockedBy,
  groupBlocked,
  blockedGroupLine,
  excerptLines,
  failureExcerpt,
  failureCause
};
//# sourceMappingURL=chunk-25NTBGEA.js.map
