import {
  blockedBy,
  excerptLines,
  failureExcerpt,
  isBlocked
} from "./chunk-25NTBGEA.js";
import {
  describeWriteFailure,
  isWriteFailure,
  writeFileAtomic
} from "./chunk-YGD3FBYJ.js";
import "./chunk-VB43T7UN.js";
import "./chunk-2N47EPJ5.js";
import {
  resolve
} from "./chunk-UZCZWFUL.js";
import {
  quarantineLine,
  quarantinedFailure,
  servicesFailed
} from "./chunk-PBQEZ4VD.js";
import "./chunk-VPM3V57A.js";
import "./chunk-6MYH7WWL.js";
import {
  escapeFormatCharacters,
  readsAsResult
} from "./chunk-XRBLM22N.js";
import "./chunk-WBZQOSKS.js";
import "./chunk-ANYOMBVL.js";

// lib/reporters/junit.ts
var JUNIT_EXCERPT = {
  maxLines: 100,
  maxBytes: 16384,
  lastLines: 40
};
var ANSI = /\x1b(?:\[[0-?]*[ -/]*[@-~]|\][^\x07\x1b]*(?:\x07|\x1b\\)|[@-Z\\-_])/g;
var NOT_XML_CHAR = /[^\t\n\r\x20-\uD7FF\uE000-\uFFFD\u{10000}-\u{10FFFF}]/gu;
var stripInvalidXmlChars = (function stripInvalidXmlChars(text) {
  return text.replace(ANSI, "").replace(NOT_XML_CHAR, "");
});
var escapeXmlText = (function escapeXmlText(text) {
  return escapeFormatCharacters(stripInvalidXmlChars(text)).replaceAll("&", "&amp;").replaceAll("<", "&lt;").replaceAll(">", "&gt;").replaceAll("\r", "&#13;").split("\n").map(((line) => {
    if (!readsAsResult(line)) return line;
    const first = line.codePointAt(0);
    return `&#${first};${line.slice(first > 65535 ? 2 : 1)}`;
  })).join("\n");
});
var escapeXmlAttribute = (function escapeXmlAttribute(text) {
  return escapeXmlText(text).replaceAll('"', "&quot;").replaceAll("	", "&#9;").replaceAll("\n", "&#10;");
});
var seconds = (function seconds(ms) {
  return (Math.max(0, ms) / 1e3).toFixed(3);
});
var timestamp = (function timestamp(iso) {
  return iso.replace(/(\.\d+)?Z$/, "");
});
var attributes = (function attributes(pairs) {
  return Object.entries(pairs).filter((([, value]) => value !== void 0)).map((([name, value]) => ` ${name}="${escapeXmlAttribute(String(value))}"`)).join("");
});
var element = (function element(name, attrs, text) {
  return text === void 0 || text === "" ? `<${name}${attributes(attrs)}/>` : `<${name}${attributes(attrs)}>${escapeXmlText(text)}</${name}>`;
});
var attemptElement = (function attemptElement(name, attempt, indent) {
  const inner = [
    element("stackTrace", {}, `Attempt ${attempt.attempt}: ${attempt.failure.message}`),
    ...attempt.stdoutTail ? [
      element("system-out", {}, attempt.stdoutTail)
    ] : [],
    ...attempt.stderrTail ? [
      element("system-err", {}, attempt.stderrTail)
    ] : []
  ];
  const attrs = attributes({
    message: attempt.failure.message,
    type: attempt.failure.kind,
    time: seconds(attempt.durationMs)
  });
  return `${indent}<${name}${attrs}>
${inner.map(((line) => `${indent}  ${line}`)).join("\n")}
${indent}</${name}>`;
});
var notRun = (function notRun(result) {
  return result.status === "failed" && (result.failure?.kind === "not-run" || isBlocked(result));
});
var notRunReason = (function notRunReason(result) {
  return isBlocked(result) ? `blocked by ${blockedBy(result)}` : result.failure.message;
});
var skippedFailure = (function skippedFailure(result) {
  return notRun(result) || quarantinedFailure(result) !== void 0;
});
var testcase = (function testcase(result, end, suite) {
  const attrs = attributes({
    classname: suite,
    name: result.id,
    time: seconds(result.durationMs),
    file: end?.planned?.fixture.file
  });
  const children = [];
  const pad = "      ";
  const quarantine = quarantinedFailure(result);
  const props = [
    ...(result.tags ?? []).map(((tag) => [
      "tag",
      tag
    ])),
    ...result.description ? [
      [
        "description",
        result.description
      ]
    ] : [],
    ...result.quarantined ? [
      [
        "smoke.quarantine.owner",
        result.quarantined.owner
      ],
      [
        "smoke.quarantine.until",
        result.quarantined.until
      ],
      [
        "smoke.quarantine.reason",
        result.quarantined.reason
      ]
    ] : []
  ];
  if (props.length) {
    const lines = props.map((([name, value]) => `${pad}  ${element("property", {
      name,
      value
    })}`));
    children.push(`${pad}<properties>
${lines.join("\n")}
${pad}</properties>`);
  }
  if (notRun(result)) {
    children.push(pad + element("skipped", {
      message: notRunReason(result)
    }));
  } else if (result.status === "skipped") {
    children.push(pad + element("skipped", {
      message: result.skipReason ?? "skipped"
    }));
  } else if (quarantine) {
    const failure = result.failure ?? {
      kind: "exit-code",
      message: "Failed"
    };
    children.push(pad + element("skipped", {
      message: quarantineLine(quarantine)
    }, `${failure.kind}: ${failure.message}`));
  } else if (result.status === "failed") {
    const failure = result.failure ?? {
      kind: "exit-code",
      message: "Failed"
    };
    const excerpt = excerptLines(failureExcerpt(result, JUNIT_EXCERPT));
    children.push(pad + element("failure", {
      message: failure.message,
      type: failure.kind
    }, excerpt.length ? excerpt.join("\n") + "\n" : failure.message));
  }
  const earlier = result.status === "passed" ? "flakyFailure" : "rerunFailure";
  for (const attempt of end?.failedAttempts ?? []) {
    children.push(attemptElement(earlier, attempt, pad));
  }
  if (result.stdoutTail) children.push(pad + element("system-out", {}, result.stdoutTail));
  if (result.stderrTail) children.push(pad + element("system-err", {}, result.stderrTail));
  return children.length === 0 ? `    <testcase${attrs}/>` : `    <testcase${attrs}>
${children.join("\n")}
    </testcase>`;
});
var blockedProperty = (function blockedProperty(artifact) {
  const blocked = artifact.fixtures.filter(isBlocked).length;
  return blocked ? [
    [
      "smoke.blocked",
      String(blocked)
    ]
  ] : [];
});
var quarantinedProperty = (function quarantinedProperty(artifact) {
  const quarantined = artifact.fixtures.filter(((f) => quarantinedFailure(f))).length;
  return quarantined ? [
    [
      "smoke.quarantined",
      String(quarantined)
    ]
  ] : [];
});
var serviceTestcase = (function serviceTestcase(service) {
  const pad = "      ";
  const props = [
    [
      "smoke.service.status",
      service.status
    ],
    [
      "smoke.service.check",
      service.check
    ],
    ...typeof service.exitCode === "number" ? [
      [
        "smoke.service.exitCode",
        String(service.exitCode)
      ]
    ] : [],
    ...service.signal ? [
      [
        "smoke.service.signal",
        service.signal
      ]
    ] : []
  ];
  const lines = props.map((([name, value]) => `${pad}  ${element("property", {
    name,
    value
  })}`));
  const children = [
    `${pad}<properties>
${lines.join("\n")}
${pad}</properties>`
  ];
  const reason = service.reason ?? service.status;
  if (servicesFailed([
    service
  ])) {
    const excerpt = excerptLines(failureExcerpt(service, JUNIT_EXCERPT));
    const type = service.status === "exited" ? "SERVICE_EXITED" : "SERVICE_NOT_READY";
    children.push(pad + element("failure", {
      message: reason,
      type
    }, excerpt.length ? excerpt.join("\n") + "\n" : reason));
  } else if (service.status === "not-started" || service.status === "interrupted") {
    children.push(pad + element("skipped", {
      message: reason
    }));
  }
  if (service.stdoutTail) children.push(pad + element("system-out", {}, service.stdoutTail));
  if (service.stderrTail) children.push(pad + element("system-err", {}, service.stderrTail));
  const attrs = attributes({
    classname: "services",
    name: service.name,
    time: seconds(service.readyMs ?? 0)
  });
  return `    <testcase${attrs}>
${children.join("\n")}
    </testcase>`;
});
var serviceCounts = (function serviceCounts(services) {
  return {
    tests: services.length,
    failures: services.filter(((s) => servicesFailed([
      s
    ]))).length,
    skipped: services.filter(((s) => s.status === "not-started" || s.status === "interrupted")).length
  };
});
var properties = (function properties(artifact, now) {
  const shard = artifact.selection.shard;
  const pairs = [
    [
      "smoke.runId",
      artifact.runId
    ],
    [
      "smoke.mode",
      artifact.mode
    ],
    [
      "smoke.result",
      artifact.result
    ],
    [
      "smoke.version",
      artifact.tool.version
    ],
    [
      "smoke.writtenAt",
      now.toISOString()
    ],
    ...artifact.interrupted ? [
      [
        "smoke.interrupted",
        "true"
      ]
    ] : [],
    ...blockedProperty(artifact),
    ...quarantinedProperty(artifact),
    ...shard ? [
      [
        "smoke.shard",
        `${shard.index}/${shard.total}`
      ]
    ] : [],
    ...artifact.combined ? [
      [
        "smoke.combinedResult",
        artifact.combined.result
      ]
    ] : []
  ];
  const lines = pairs.map((([name, value]) => `      ${element("property", {
    name,
    value
  })}`));
  return `    <properties>
${lines.join("\n")}
    </properties>`;
});
var renderJUnit = (function renderJUnit(run, options) {
  const { artifact } = run;
  const suite = options.suiteName ?? "smoke";
  const byId = new Map(run.ends.map(((end) => [
    end.result.id,
    end
  ])));
  const counts = {
    tests: artifact.fixtures.length,
    failures: artifact.fixtures.filter(((f) => f.status === "failed" && !skippedFailure(f))).length,
    errors: 0,
    skipped: artifact.fixtures.filter(((f) => f.status === "skipped" || skippedFailure(f))).length,
    time: seconds(artifact.durationMs),
    timestamp: timestamp(artifact.startedAt)
  };
  const cases = artifact.fixtures.map(((result) => testcase(result, byId.get(result.id), suite)));
  const services = artifact.services ?? [];
  const serviced = serviceCounts(services);
  const totals = {
    ...counts,
    tests: counts.tests + serviced.tests,
    failures: counts.failures + serviced.failures,
    skipped: counts.skipped + serviced.skipped
  };
  const servicesSuite = services.length ? [
    `  <testsuite${attributes({
      name: "services",
      tests: serviced.tests,
      failures: serviced.failures,
      errors: 0,
      skipped: serviced.skipped,
      time: seconds(Math.max(0, ...services.map(((s) => s.readyMs ?? 0)))),
      timestamp: counts.timestamp,
      id: 1
    })}>`,
    ...services.map(serviceTestcase),
    `  </testsuite>`
  ] : [];
  return [
    `<?xml version="1.0" encoding="UTF-8"?>`,
    `<testsuites${attributes({
      name: suite,
      ...totals
    })}>`,
    `  <testsuite${attributes({
      name: suite,
      ...counts,
      hostname: typeof artifact.environment.hostname === "string" ? artifact.environment.hostname : void 0,
      id: 0
    })}>`,
    properties(artifact, options.now),
    ...cases,
    `  </testsuite>`,
    ...servicesSuite,
    `</testsuites>`,
    ""
  ].join("\n");
});
var createJUnitReporter = (function createJUnitReporter(options) {
  return {
    async onEnd(run) {
      const target = resolve(options.cwd, options.path);
      const xml = renderJUnit(run, {
        now: options.now()
      });
      try {
        await writeFileAtomic(target, xml, {
          createParents: true
        });
      } catch (error) {
        if (!isWriteFailure(error)) throw error;
        throw new Error(`Cannot write JUnit XML to "${options.path}": ${describeWriteFailure(error)}`, {
          cause: error
        });
      }
    }
  };
});
export {
  createJUnitReporter,
  escapeXmlAttribute,
  escapeXmlText,
  renderJUnit,
  stripInvalidXmlChars
};
//# sourceMappingURL=junit-EMV5PA74.js.map
