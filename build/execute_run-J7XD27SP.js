import {
  StreamCapture,
  drain,
  envOverProcess,
  findSetsid,
  pause,
  runProcess,
  startInSession,
  stripAnsi
} from "./chunk-CPUO7QOR.js";
import {
  acquireRunLock,
  pruneHistory,
  rerunCommandOf,
  runArtifact,
  runSummary
} from "./chunk-TLFMASP5.js";
import {
  addRun,
  recordedResults
} from "./chunk-3MMUIKPQ.js";
import {
  VERSION,
  leftoverDiagnostics,
  ownStartTime,
  readStat,
  running,
  sessionGroups,
  sessionLimits,
  signalGroups,
  stopRunProcesses
} from "./chunk-RTJN24GS.js";
import {
  REPORT_FILE
} from "./chunk-YQLOCLU5.js";
import {
  SERVICE_INTERVAL_MS,
  SERVICE_TIMEOUT_MS,
  dependenciesFirst,
  describeReady,
  displayPath,
  fingerprintFixtures,
  runEnvironment,
  serviceEnvironment,
  skippedAnyway
} from "./chunk-6G3CJ2FL.js";
import "./chunk-YHN6PYAE.js";
import {
  newStopToken,
  renderInert
} from "./chunk-ZNZJ6444.js";
import {
  renderSummary
} from "./chunk-2YEAZSI3.js";
import {
  checkOutputFile
} from "./chunk-2LNRIRNY.js";
import {
  colorWanted,
  palette,
  renderFailures,
  renderFixtureLine,
  renderStatusLine,
  repeatRuns
} from "./chunk-JXGFLTXX.js";
import {
  isBlocked
} from "./chunk-25NTBGEA.js";
import {
  SaveRunError,
  diagnosticsRunId,
  ensureHistoryDir,
  prepareHistory,
  saveRun
} from "./chunk-4VDBSXWI.js";
import {
  isWriteFailure
} from "./chunk-YGD3FBYJ.js";
import "./chunk-VB43T7UN.js";
import "./chunk-GJW5UQ5D.js";
import "./chunk-JEDHTE3D.js";
import "./chunk-DBSKOPQR.js";
import "./chunk-2N47EPJ5.js";
import {
  join,
  resolve
} from "./chunk-UZCZWFUL.js";
import "./chunk-4SYLYQRO.js";
import "./chunk-IEQXTUCM.js";
import "./chunk-UXUXC4ZF.js";
import {
  createArtifact,
  isQuarantinedFailure
} from "./chunk-PBQEZ4VD.js";
import {
  cutShort,
  interruptedWithoutResult,
  serviceNotReadyMessage
} from "./chunk-VPM3V57A.js";
import "./chunk-6MYH7WWL.js";
import {
  markCommand,
  terminalControl
} from "./chunk-XRBLM22N.js";
import {
  UserError,
  formatUserError,
  formatWarning
} from "./chunk-WBZQOSKS.js";
import {
  after,
  every
} from "./chunk-ANYOMBVL.js";

// lib/run/descriptor_limit.ts
var DESCRIPTORS_PER_FIXTURE = 4;
var DESCRIPTOR_RESERVE = 32;
var parseOpenFileLimit = (function parseOpenFileLimit(text) {
  const match = /^Max open files\s+(\d+)\s/m.exec(text);
  if (!match) return void 0;
  const limit = Number(match[1]);
  return Number.isSafeInteger(limit) && limit > 0 ? limit : void 0;
});
var readDescriptorBudget = (function readDescriptorBudget() {
  if (Deno.build.os !== "linux") return void 0;
  try {
    const limit = parseOpenFileLimit(Deno.readTextFileSync("/proc/self/limits"));
    if (limit === void 0) return void 0;
    let open = 0;
    for (const _ of Deno.readDirSync("/proc/self/fd")) open++;
    return {
      limit,
      open
    };
  } catch (error) {
    if (error instanceof Deno.errors.NotFound || error instanceof Deno.errors.PermissionDenied) {
      return void 0;
    }
    throw error;
  }
});
var capConcurrency = (function capConcurrency(requested, budget, fixtures) {
  if (!budget) return {
    effective: requested
  };
  const room = budget.limit - budget.open - DESCRIPTOR_RESERVE;
  const fits = Math.max(1, Math.floor(room / DESCRIPTORS_PER_FIXTURE));
  if (requested <= fits) return {
    effective: requested
  };
  const wanted = Math.min(requested, fixtures);
  if (wanted <= fits) return {
    effective: fits
  };
  return {
    effective: fits,
    warning: {
      code: "CONCURRENCY_CAPPED",
      level: "warning",
      message: `Concurrency ${requested} lowered to ${fits}: the limit of open files is ${budget.limit} (${budget.open} open), and each running fixture takes ${DESCRIPTORS_PER_FIXTURE} descriptors`,
      hint: `Raise the limit (ulimit -n ${budget.open + DESCRIPTOR_RESERVE + DESCRIPTORS_PER_FIXTURE * wanted}) to run ${wanted} at once, or lower --concurrency.`
    }
  };
});

// lib/reporters/console.ts
var CLEAR_LINE = terminalControl("\r\x1B[2K");
var createConsoleReporter = (function createConsoleReporter(options) {
  const state = {
    done: 0,
    total: 0,
    passed: 0,
    failed: 0,
    blocked: 0,
    quarantined: 0,
    running: /* @__PURE__ */ new Map()
  };
  let timer;
  let shown = false;
  const clear = (() => {
    if (shown) options.write(CLEAR_LINE);
    shown = false;
  });
  const draw = (() => {
    clear();
    options.write(renderStatusLine(state, options.now(), options.columns()));
    shown = true;
  });
  return {
    name: "console",
    onBegin(info) {
      state.total = info.fixtures.length;
      if (options.live) {
        draw();
        timer = every(options.refreshMs ?? 250, draw);
      }
    },
    onFixtureBegin(planned) {
      state.running.set(planned.fixture.id, options.now());
    },
    onFixtureEnd(end) {
      state.running.delete(end.result.id);
      state.done++;
      if (end.result.status === "passed") state.passed++;
      else if (isBlocked(end.result)) state.blocked++;
      else if (isQuarantinedFailure(end.result)) state.quarantined++;
      else if (end.result.status === "failed") state.failed++;
      clear();
      options.write(renderFixtureLine(end, options.colors) + "\n");
      if (options.live) draw();
    },
    close() {
      timer?.clear();
      timer = void 0;
      clear();
    }
  };
});

// lib/reporters/reporter.ts
var multiplexReporters = (function multiplexReporters(reporters, onError) {
  const broken = /* @__PURE__ */ new Set();
  const call = (async (hook, args) => {
    for (const [index, reporter] of reporters.entries()) {
      const fn = reporter[hook];
      if (!fn || broken.has(index)) continue;
      try {
        await fn.apply(reporter, args);
      } catch (error) {
        broken.add(index);
        onError(error, index);
      }
    }
  });
  return {
    onBegin: ((info) => call("onBegin", [
      info
    ])),
    onFixtureBegin: ((planned, attempt) => call("onFixtureBegin", [
      planned,
      attempt
    ])),
    onFixtureEnd: ((end) => call("onFixtureEnd", [
      end
    ])),
    onEnd: ((run) => call("onEnd", [
      run
    ]))
  };
});

// lib/cli/run_reporters.ts
var checkRunOutputs = (function checkRunOutputs(context) {
  const { flags, options, io } = context;
  const artifactDir = resolve(io.cwd, options.artifactDir);
  if (flags.junit !== void 0) {
    checkOutputFile(resolve(io.cwd, flags.junit), {
      artifactDir,
      shown: flags.junit,
      label: "the JUnit XML"
    });
  }
  if (options.report) {
    checkOutputFile(resolve(artifactDir, REPORT_FILE), {
      artifactDir,
      shown: join(options.artifactDir, REPORT_FILE),
      label: "the HTML report"
    });
  }
});
var createRunReporters = (async function createRunReporters(context) {
  const reporters = [];
  const { flags, io } = context;
  if (flags.junit !== void 0) {
    const { createJUnitReporter } = await import("./junit-EMV5PA74.js");
    reporters.push({
      name: "junit",
      fix: "Check the --junit path: smoke writes the XML there whole.",
      ...createJUnitReporter({
        path: flags.junit,
        cwd: io.cwd,
        now: (() => io.now())
      })
    });
  }
  if (io.github) {
    const { createGitHubReporter } = await import("./github-AABUTSWG.js");
    const outputs = [
      ...flags.junit !== void 0 ? [
        resolve(io.cwd, flags.junit)
      ] : [],
      ...context.options.report ? [
        resolve(io.cwd, context.options.artifactDir, REPORT_FILE)
      ] : []
    ];
    reporters.push({
      name: "GitHub Actions",
      fix: "Check GITHUB_STEP_SUMMARY: it names a Markdown file smoke appends the run's summary to (the runner sets it).",
      ...createGitHubReporter({
        env: io.env,
        cwd: io.cwd,
        write: io.stdout,
        command: markCommand,
        outputs
      })
    });
  }
  if (context.options.report) {
    const { createReportReporter } = await import("./cli/report_command.js");
    reporters.push({
      name: "HTML report",
      fix: "Check report.html in the artifact directory: smoke writes the page there whole.",
      ...createReportReporter(context)
    });
  }
  return reporters;
});

// lib/run/judge.ts
var PERMISSION = /NotCapable: Requires (\w+) access(?: to "?([^",]*)"?)?/;
var permissionFailure = (function permissionFailure(stderr, fixture) {
  const match = PERMISSION.exec(stderr);
  if (!match) return void 0;
  const [, permission, target] = match;
  const flag = `--allow-${permission}${target ? `=${target}` : ""}`;
  const granted = JSON.stringify([
    ...fixture.permissions,
    flag
  ]);
  const where = fixture.manifestFile ? `add it in "${fixture.manifestFile}": "permissions": ${granted}` : `grant it in a manifest "${fixture.file.replace(/\.ts$/, ".jsonc")}": { "permissions": ${granted} }`;
  return {
    kind: "permission",
    message: `Deno denied ${permission} access${target ? ` to "${target}"` : ""}; ${where}`
  };
});
var quoteList = (function quoteList(items) {
  return items.map(((item) => JSON.stringify(item))).join(", ");
});
var judge = (function judge(outcome, fixture) {
  if (outcome.spawnError) {
    return {
      passed: false,
      failure: {
        kind: "spawn",
        message: outcome.spawnError
      }
    };
  }
  if (outcome.interrupted) {
    return {
      passed: false,
      failure: {
        kind: "interrupted",
        message: "Interrupted before it finished"
      }
    };
  }
  if (outcome.timedOut) {
    return {
      passed: false,
      failure: {
        kind: "timeout",
        message: `Timed out after ${fixture.timeoutMs} ms; its process group was stopped` + (outcome.signal ? ` (${outcome.signal})` : "")
      }
    };
  }
  const { expect } = fixture;
  if (outcome.exitCode !== expect.exitCode) {
    if (fixture.kind === "script" && outcome.exitCode !== 0) {
      const denied = permissionFailure(outcome.stderr.tail, fixture);
      if (denied) return {
        passed: false,
        failure: denied
      };
    }
    const ended = outcome.signal ? `Killed by ${outcome.signal}` : `Exited with code ${outcome.exitCode}`;
    return {
      passed: false,
      failure: {
        kind: "exit-code",
        message: `${ended}, expected ${expect.exitCode}`
      }
    };
  }
  const problems = [];
  const check = ((stream) => {
    const includes = expect[`${stream}Includes`];
    const excludes = expect[`${stream}Excludes`];
    const found = outcome[stream].found;
    const missing = includes.filter(((_, i) => !found[i]));
    const present = excludes.filter(((_, i) => found[includes.length + i]));
    if (missing.length) problems.push(`${stream} does not include ${quoteList(missing)}`);
    if (present.length) problems.push(`${stream} includes ${quoteList(present)}`);
  });
  check("stdout");
  check("stderr");
  if (problems.length > 0) {
    return {
      passed: false,
      failure: {
        kind: "expectation",
        message: problems.join("; ")
      }
    };
  }
  return {
    passed: true
  };
});

// lib/run/needs_gate.ts
var NeedsGate = class {
  #nodes;
  /** Each fixture's needs, as indices into the run. */
  #needs;
  /** For each teardown, what must have ended before it starts. */
  #watch;
  #state;
  /** Whether each fixture's process ran (a blocked or skipped one did not). */
  #ran;
  /** The order last asked about, and the first position in it that may still be pending. */
  #order;
  #cursor = 0;
  /** How many fixtures are running. */
  #running = 0;
  /** Why the fixtures skipped whatever happens are (see skippedAnyway), once asked. */
  #anyway;
  /**
   * @param nodes The run's fixtures, in the order results are kept.
   */
  constructor(nodes) {
    this.#nodes = nodes;
    const index = new Map(nodes.map(((n, i) => [
      n.id,
      i
    ])));
    this.#needs = nodes.map(((n) => n.needs.map(((id) => index.get(id))).filter(((i) => i !== void 0))));
    this.#state = nodes.map((() => "pending"));
    this.#ran = nodes.map((() => false));
    this.#watch = /* @__PURE__ */ new Map();
    const dependants = nodes.map((() => []));
    this.#needs.forEach(((needs, i) => needs.forEach(((n) => dependants[n].push(i)))));
    nodes.forEach(((node, t) => {
      if (!node.teardown) return;
      const needs = this.#needs[t];
      if (needs.length === 0) {
        this.#watch.set(t, nodes.map(((_, i) => i)).filter(((i) => i !== t && !(nodes[i].teardown && this.#needs[i].length === 0))));
        return;
      }
      const depends = /* @__PURE__ */ new Set();
      const stack = [
        ...needs
      ];
      while (stack.length > 0) {
        for (const d of dependants[stack.pop()]) {
          if (!depends.has(d)) {
            depends.add(d);
            stack.push(d);
          }
        }
      }
      const watched = new Set(needs);
      for (const d of depends) {
        if (!nodes[d].teardown || this.#needs[d].some(((n) => depends.has(n)))) watched.add(d);
      }
      watched.delete(t);
      this.#watch.set(t, [
        ...watched
      ].sort(((a, b) => a - b)));
    }));
    this.#dropWaitCycles();
  }
  /**
   * Two teardowns that would wait for each other (each cleans up after what
   * needs the other's setup, through needs of several fixtures) do not: they
   * run in any order, as before teardowns waited for teardowns. Only waits
   * within such a cycle (a strongly connected set, found in one pass) go; the
   * rest of the order stands.
   */
  #dropWaitCycles() {
    const teardowns = [
      ...this.#watch.keys()
    ].filter(((t) => this.#needs[t].length > 0));
    const waitsOn = new Map(teardowns.map(((t) => [
      t,
      this.#watch.get(t).filter(((u) => this.#nodes[u].teardown))
    ])));
    if (![
      ...waitsOn.values()
    ].some(((w) => w.length > 0))) return;
    const order = /* @__PURE__ */ new Map();
    const low = /* @__PURE__ */ new Map();
    const component = /* @__PURE__ */ new Map();
    const onStack = /* @__PURE__ */ new Set();
    const stack = [];
    let counter = 0;
    for (const root of teardowns) {
      if (order.has(root)) continue;
      const frames = [
        [
          root,
          0
        ]
      ];
      order.set(root, counter);
      low.set(root, counter++);
      stack.push(root);
      onStack.add(root);
      while (frames.length > 0) {
        const frame = frames[frames.length - 1];
        const [v, k] = frame;
        const next = waitsOn.get(v);
        if (k < next.length) {
          frame[1]++;
          const w = next[k];
          if (!order.has(w)) {
            order.set(w, counter);
            low.set(w, counter++);
            stack.push(w);
            onStack.add(w);
            frames.push([
              w,
              0
            ]);
          } else if (onStack.has(w)) low.set(v, Math.min(low.get(v), order.get(w)));
          continue;
        }
        frames.pop();
        if (frames.length > 0) {
          const parent = frames[frames.length - 1][0];
          low.set(parent, Math.min(low.get(parent), low.get(v)));
        }
        if (low.get(v) === order.get(v)) {
          let w;
          do {
            w = stack.pop();
            onStack.delete(w);
            component.set(w, v);
          } while (w !== v);
        }
      }
    }
    for (const t of teardowns) {
      const own = component.get(t);
      if (!waitsOn.get(t).some(((u) => component.get(u) === own))) continue;
      this.#watch.set(t, this.#watch.get(t).filter(((u) => !(this.#nodes[u].teardown && component.get(u) === own))));
    }
  }
  #ended(i) {
    const s = this.#state[i];
    return s !== "pending" && s !== "running";
  }
  /**
   * The next step: the first fixture in `order` that may start or must be
   * blocked; else wait (something runs that others wait for); else done.
   *
   * @param order Indices in start order.
   * @returns The step.
   */
  next(order) {
    if (this.#order !== order) {
      this.#order = order;
      this.#cursor = 0;
    }
    while (this.#cursor < order.length && this.#state[order[this.#cursor]] !== "pending") {
      this.#cursor++;
    }
    let running2 = this.#running > 0;
    for (let k = this.#cursor; k < order.length; k++) {
      const i = order[k];
      const state = this.#state[i];
      if (state === "running") running2 = true;
      if (state !== "pending") continue;
      if (this.#nodes[i].teardown) {
        const watched = this.#watch.get(i) ?? [];
        if (!watched.every(((w) => this.#ended(w)))) continue;
        if (this.#nodes[i].skipReason !== void 0) return {
          kind: "start",
          index: i
        };
        const needs2 = this.#needs[i];
        const anyRan = needs2.length ? needs2.some(((n) => this.#ran[n])) : watched.every(((w) => this.#state[w] === "skipped")) || watched.some(((w) => this.#ran[w]));
        if (!anyRan) {
          const kept = this.#keptNeed(i);
          if (kept !== void 0) {
            return {
              kind: "block",
              index: i,
              ...this.#unmet(kept)
            };
          }
          return {
            kind: "skip",
            index: i,
            reason: needs2.length ? "teardown: none of its needs ran" : "teardown: nothing ran"
          };
        }
        return {
          kind: "start",
          index: i
        };
      }
      const needs = this.#needs[i];
      if (!needs.every(((n) => this.#ended(n)))) continue;
      if (this.#nodes[i].skipReason !== void 0) return {
        kind: "start",
        index: i
      };
      const skipped2 = needs.find(((n) => this.#state[n] === "skipped"));
      if (skipped2 !== void 0) {
        return {
          kind: "skip",
          index: i,
          reason: `needs "${this.#nodes[skipped2].id}", which is skipped`
        };
      }
      const unmet = needs.find(((n) => this.#state[n] !== "passed"));
      if (unmet !== void 0) {
        return {
          kind: "block",
          index: i,
          ...this.#unmet(unmet)
        };
      }
      return {
        kind: "start",
        index: i
      };
    }
    return running2 ? {
      kind: "wait"
    } : {
      kind: "done"
    };
  }
  /**
   * Marks a fixture started.
   *
   * @param index Its index.
   */
  start(index) {
    this.#state[index] = "running";
    this.#running++;
  }
  /**
   * Marks a fixture ended.
   *
   * @param index Its index.
   * @param ending How it ended.
   * @param ran Whether its process ran (it made at least one attempt).
   */
  end(index, ending, ran = ending === "passed" || ending === "failed") {
    if (this.#state[index] === "running") this.#running--;
    this.#state[index] = ending;
    this.#ran[index] = ran;
  }
  /** A need that did not pass, as a block names it. */
  #unmet(need) {
    return {
      by: this.#nodes[need].id,
      because: this.#state[need]
    };
  }
  /**
   * The need a failure kept from running that blocks a teardown whose needs
   * have all ended: none of them ran, and one was not skipped.
   */
  #keptNeed(t) {
    const needs = this.#needs[t];
    if (needs.length === 0 || needs.some(((n) => this.#ran[n]))) return void 0;
    return needs.find(((n) => this.#state[n] !== "skipped"));
  }
  /**
   * What the fixtures a stopped run never started are, as far as the run got:
   * skipped when their manifests skip them (see {@linkcode skippedAnyway});
   * blocked when a need ended without passing (a teardown: when its needs
   * all ended, none ran, and a failure kept one from running), in turn, as
   * in a run that was not stopped. The rest were kept from starting by the
   * stop. Marks the blocked ones ended.
   *
   * @returns For each fixture so decided, by index: its skip reason, or the
   * need that blocked it and how that need ended.
   */
  settleStopped() {
    const settled = /* @__PURE__ */ new Map();
    const pending = this.#nodes.map(((_, i) => i)).filter(((i) => this.#state[i] === "pending"));
    for (const i of pending) {
      const reason2 = this.skippedAnyway(i);
      if (reason2 === void 0) continue;
      settled.set(i, {
        kind: "skip",
        reason: reason2
      });
      this.end(i, "skipped", false);
    }
    const open = pending.filter(((i) => !settled.has(i)));
    for (const i of dependenciesFirst(open, ((i2) => this.#needs[i2]))) {
      const needs = this.#needs[i];
      const unmet = !this.#nodes[i].teardown ? needs.find(((n) => this.#ended(n) && this.#state[n] !== "passed" && this.#state[n] !== "skipped")) : needs.every(((n) => this.#ended(n))) ? this.#keptNeed(i) : void 0;
      if (unmet === void 0) continue;
      settled.set(i, {
        kind: "block",
        ...this.#unmet(unmet)
      });
      this.end(i, "blocked");
    }
    return settled;
  }
  /**
   * Why a fixture the run never got to is skipped all the same, if it is: its
   * manifest skips it, a need of it is skipped whatever happens, or (a
   * teardown) all its needs are. After a stop such a fixture is skipped, as
   * in any run, not owed: it would not have run either way.
   *
   * @param index The fixture's index.
   * @returns The skip reason, as the run would have given it; undefined if it could have run.
   */
  skippedAnyway(index) {
    this.#anyway ??= skippedAnyway(this.#nodes);
    return this.#anyway.get(this.#nodes[index].id);
  }
  /**
   * The teardowns still to run once the run stops early (an interrupt, the
   * failure limit): those one of whose needs ran (or, without needs, when
   * anything ran), so what was set up is cleaned up; those without needs
   * last.
   *
   * @param ran Whether the fixture at an index ran (it has attempts).
   * @returns Their indices.
   */
  pendingTeardowns(ran) {
    const result = [];
    const last = [];
    this.#nodes.forEach(((node, t) => {
      if (!node.teardown || this.#state[t] !== "pending" || node.skipReason !== void 0) return;
      const needs = this.#needs[t];
      const anyRan = needs.length ? needs.some(ran) : this.#nodes.some(((n, i) => !n.teardown && ran(i)));
      if (anyRan) (needs.length ? result : last).push(t);
    }));
    return [
      ...dependenciesFirst(result, ((t) => this.#watch.get(t))),
      ...last
    ];
  }
};

// lib/run/run.ts
var TEARDOWN_BUDGET_MS = 1e4;
var SETTLE_MS = 50;
var SETTLE_MIN_FIXTURES = 200;
var settleMs = (function settleMs(starting) {
  return starting >= SETTLE_MIN_FIXTURES ? SETTLE_MS : 0;
});
var skipped = (function skipped(planned, reason2 = planned.fixture.skipReason) {
  return {
    id: planned.fixture.id,
    status: "skipped",
    durationMs: 0,
    attempts: 0,
    exitCode: null,
    signal: null,
    timedOut: false,
    skipReason: reason2
  };
});
var unstartedEnd = (function unstartedEnd(planned, result) {
  return {
    result,
    planned,
    failedAttempts: [],
    outputLeaked: false
  };
});
var decidedEnd = (function decidedEnd(planned, decided) {
  return unstartedEnd(planned, decided.kind === "skip" ? skipped(planned, decided.reason) : blockedResult(planned.fixture.id, decided.by, decided.because));
});
var interruptedResult = (function interruptedResult(id) {
  return unstarted(id, {
    kind: "interrupted",
    message: "Interrupted before it started"
  });
});
var unstarted = (function unstarted(id, failure) {
  return {
    id,
    status: "failed",
    durationMs: 0,
    attempts: 0,
    exitCode: null,
    signal: null,
    timedOut: false,
    failure
  };
});
var notRunResult = (function notRunResult(id, maxFailures) {
  return unstarted(id, {
    kind: "not-run",
    message: `Not run: the run started no more fixtures once ${maxFailures} had failed (max failures ${maxFailures})`
  });
});
var blockedResult = (function blockedResult(id, by, because) {
  const why = because === "failed" ? "failed" : because === "skipped" ? "was skipped" : because === "blocked" ? "was blocked itself" : because === "interrupted" ? "was interrupted" : "did not pass";
  return {
    ...unstarted(id, {
      kind: "blocked",
      message: `Blocked by ${by}: it needs "${by}", which ${why}`
    }),
    blockedBy: by
  };
});
var unstartedEnds = (function unstartedEnds(fixtures, message) {
  const gate = new NeedsGate(fixtures.map(((p) => p.fixture)));
  return fixtures.map(((planned, index) => {
    const reason2 = gate.skippedAnyway(index);
    return reason2 !== void 0 ? decidedEnd(planned, {
      kind: "skip",
      reason: reason2
    }) : unstartedEnd(planned, unstarted(planned.fixture.id, {
      kind: "not-run",
      message
    }));
  }));
});
var spawnOrFail = (async function spawnOrFail(deps, spec) {
  const started = performance.now();
  try {
    return await deps.spawn(spec, deps.signal);
  } catch (error) {
    const detail = error instanceof Error ? error.message : String(error);
    const stream = {
      tail: "",
      bytes: 0,
      found: []
    };
    return {
      exitCode: null,
      signal: null,
      timedOut: false,
      interrupted: false,
      spawnError: `Cannot run "${spec.argv[0]}": ${detail}`,
      durationMs: performance.now() - started,
      stdout: {
        ...stream,
        found: (spec.stdoutNeedles ?? []).map((() => false))
      },
      stderr: {
        ...stream,
        found: (spec.stderrNeedles ?? []).map((() => false))
      },
      outputLeaked: false
    };
  }
});
var runOne = (async function runOne(planned, settings, deps, enqueue) {
  const { fixture } = planned;
  if (fixture.skipReason) {
    return unstartedEnd(planned, skipped(planned));
  }
  const failedAttempts = [];
  const expect = fixture.expect;
  let totalMs = 0;
  for (let attempt = 1; ; attempt++) {
    enqueue((() => deps.reporter.onFixtureBegin?.(planned, attempt)));
    const outcome = await spawnOrFail(deps, {
      argv: planned.argv,
      cwd: planned.cwd,
      env: {
        ...settings.baseEnv,
        ...planned.env,
        SMOKE_FIXTURE_ID: fixture.id,
        SMOKE_RUN_ID: settings.runId,
        SMOKE_ATTEMPT: String(attempt)
      },
      ...settings.inheritEnv ? {
        inheritEnv: true
      } : {},
      timeoutMs: planned.timeoutMs,
      graceMs: settings.graceMs,
      tailBytes: settings.tailBytes,
      stdoutNeedles: [
        ...expect.stdoutIncludes,
        ...expect.stdoutExcludes
      ],
      stderrNeedles: [
        ...expect.stderrIncludes,
        ...expect.stderrExcludes
      ]
    });
    totalMs += outcome.durationMs;
    const judgement = judge(outcome, {
      ...fixture,
      timeoutMs: planned.timeoutMs,
      permissions: planned.permissions
    });
    const last = judgement.passed || attempt > planned.retries || outcome.interrupted || deps.signal.aborted;
    if (!last) {
      failedAttempts.push({
        attempt,
        failure: judgement.failure,
        stderrTail: outcome.stderr.tail,
        stdoutTail: outcome.stdout.tail,
        durationMs: outcome.durationMs
      });
      continue;
    }
    const result = {
      id: fixture.id,
      status: judgement.passed ? "passed" : "failed",
      durationMs: Math.round(totalMs),
      attempts: attempt,
      exitCode: outcome.exitCode,
      signal: outcome.signal,
      timedOut: outcome.timedOut,
      ...judgement.failure ? {
        failure: judgement.failure
      } : {},
      ...outcome.stdout.bytes > 0 ? {
        stdoutTail: outcome.stdout.tail
      } : {},
      ...outcome.stderr.bytes > 0 ? {
        stderrTail: outcome.stderr.tail
      } : {},
      ...judgement.passed && attempt > 1 ? {
        flaky: true
      } : {},
      ...planned.quarantine ? {
        quarantined: {
          ...planned.quarantine
        }
      } : {}
    };
    return {
      result,
      planned,
      failedAttempts,
      outputLeaked: outcome.outputLeaked
    };
  }
});
var runFixtures = (async function runFixtures(fixtures, settings, deps) {
  const ends = new Array(fixtures.length);
  const order = settings.startOrder ?? fixtures.map(((_, i) => i));
  let failures = 0;
  const max = settings.maxFailures;
  const bailed = (() => max !== void 0 && failures >= max);
  let bailedFirst = false;
  let reported = Promise.resolve();
  const enqueue = ((call) => {
    reported = reported.then(call);
  });
  const gate = new NeedsGate(fixtures.map(((p) => p.fixture)));
  let waiters = [];
  const wake = (() => {
    const woken = waiters;
    waiters = [];
    for (const resume of woken) resume();
  });
  deps.signal.addEventListener("abort", wake, {
    once: true
  });
  const record = ((index, end) => {
    ends[index] = end;
    gate.end(index, end.result.failure?.kind === "blocked" ? "blocked" : interruptedWithoutResult(end.result) ? "interrupted" : end.result.status, end.result.attempts > 0);
    enqueue((() => deps.reporter.onFixtureEnd?.(end)));
    wake();
  });
  const worker = (async (runDeps, stop) => {
    while (!stop()) {
      const step = gate.next(order);
      if (step.kind === "done") break;
      if (step.kind === "wait") {
        await new Promise(((resume) => waiters.push(resume)));
        continue;
      }
      const planned = fixtures[step.index];
      if (step.kind === "skip" || step.kind === "block") {
        record(step.index, decidedEnd(planned, step));
        continue;
      }
      gate.start(step.index);
      const end = settings.repeat && settings.repeat > 1 && !planned.fixture.teardown ? await repeatRuns({
        times: settings.repeat,
        signal: runDeps.signal
      }, (() => runOne(planned, settings, runDeps, enqueue))) : await runOne(planned, settings, runDeps, enqueue);
      if (end.result.status === "failed" && !planned.fixture.teardown) failures++;
      if (bailed() && !deps.signal.aborted) bailedFirst = true;
      record(step.index, end);
    }
    wake();
  });
  const workers = Math.max(1, Math.min(settings.concurrency, fixtures.length));
  const stopped = (() => deps.signal.aborted || bailed());
  const settle = settings.settleMs ?? settleMs(fixtures.filter(((planned) => !planned.fixture.skipReason)).length);
  if (settle > 0) await pause(settle, {
    signal: deps.signal
  });
  await Promise.all(Array.from({
    length: workers
  }, (() => worker(deps, stopped))));
  const cleanup = gate.pendingTeardowns(((i) => (ends[i]?.result.attempts ?? 0) > 0));
  const cutShort2 = /* @__PURE__ */ new Set();
  if (cleanup.length) {
    deps.onCleanup?.(cleanup.map(((i) => fixtures[i].fixture.id)), deps.signal.aborted ? settings.teardownBudgetMs ?? TEARDOWN_BUDGET_MS : void 0);
    const budget = new AbortController();
    let timer;
    const arm = (() => {
      timer ??= after(settings.teardownBudgetMs ?? TEARDOWN_BUDGET_MS, (() => budget.abort("teardown budget")));
    });
    if (deps.signal.aborted) arm();
    else deps.signal.addEventListener("abort", arm, {
      once: true
    });
    const cleanupDeps = {
      ...deps,
      signal: budget.signal
    };
    try {
      for (const index of cleanup) {
        if (budget.signal.aborted) {
          cutShort2.add(index);
          continue;
        }
        gate.start(index);
        record(index, await runOne(fixtures[index], settings, cleanupDeps, enqueue));
      }
    } finally {
      timer?.clear();
      deps.signal.removeEventListener("abort", arm);
    }
  }
  for (const [index, decided] of gate.settleStopped()) {
    const end = decidedEnd(fixtures[index], decided);
    ends[index] = end;
    enqueue((() => deps.reporter.onFixtureEnd?.(end)));
  }
  await reported;
  return fixtures.map(((planned, index) => {
    const end = ends[index];
    if (end) return end;
    const id = planned.fixture.id;
    return unstartedEnd(planned, cutShort2.has(index) || !bailedFirst || max === void 0 ? interruptedResult(id) : notRunResult(id, max));
  }));
});

// lib/run/ready_check.ts
var PROBE_TIMEOUT_MS = 5e3;
var reason = (function reason(error) {
  if (error instanceof Deno.errors.ConnectionRefused) return "connection refused";
  if (error instanceof Deno.errors.ConnectionReset) return "connection reset";
  if (error instanceof DOMException && error.name === "TimeoutError") return "no answer in time";
  if (!(error instanceof Error)) return String(error);
  const messages = [];
  for (let e = error; e instanceof Error && messages.length < 4; e = e.cause) {
    messages.push(e.message);
  }
  const text = messages.join(": ");
  if (/connection refused/i.test(text)) return "connection refused";
  if (/connection reset/i.test(text)) return "connection reset";
  if (/dns error|failed to lookup address/i.test(text)) return "the host name does not resolve";
  if (/timed? ?out/i.test(text)) return "no answer in time";
  return (messages.at(-1) ?? text).split("\n")[0].slice(0, 200);
});
var probeUrl = (async function probeUrl(url, signal) {
  try {
    const response = await fetch(url, {
      redirect: "manual",
      signal
    });
    await response.body?.cancel();
    const ready = response.status >= 200 && response.status < 400;
    return {
      ready,
      detail: `answered ${response.status}`
    };
  } catch (error) {
    if (!(error instanceof Error || error instanceof DOMException)) throw error;
    return {
      ready: false,
      detail: reason(error)
    };
  }
});
var probePort = (async function probePort(hostname, port, signal) {
  let timer;
  const connecting = Deno.connect({
    hostname,
    port
  });
  try {
    const aborted = new Promise(((_, reject) => {
      const stop = (() => reject(signal.reason ?? new DOMException("aborted", "AbortError")));
      if (signal.aborted) stop();
      signal.addEventListener("abort", stop, {
        once: true
      });
      timer = after(PROBE_TIMEOUT_MS + 1e3, stop);
    }));
    const connection = await Promise.race([
      connecting,
      aborted
    ]);
    connection.close();
    return {
      ready: true,
      detail: "accepted a connection"
    };
  } catch (error) {
    connecting.then(((late) => late.close()), (() => {
    }));
    if (!(error instanceof Error || error instanceof DOMException)) throw error;
    return {
      ready: false,
      detail: reason(error)
    };
  } finally {
    timer?.clear();
  }
});
var probeReady = (function probeReady(ready, signal, options = {}) {
  const limit = Math.min(PROBE_TIMEOUT_MS, options.timeoutMs ?? PROBE_TIMEOUT_MS);
  const bounded = AbortSignal.any([
    signal,
    AbortSignal.timeout(limit)
  ]);
  if (ready.url !== void 0) return probeUrl(ready.url, bounded);
  if (ready.port !== void 0) return probePort(ready.host ?? "127.0.0.1", ready.port, bounded);
  return Promise.resolve({
    ready: false,
    detail: "this check reads the service's output"
  });
});

// lib/run/services.ts
var NO_CHECK_YET = "no check made yet";
var WakingCapture = class extends StreamCapture {
  #wake;
  push(chunk) {
    super.push(chunk);
    this.#wake?.();
    this.#wake = void 0;
  }
  /** Resolves at the next output. */
  output() {
    return new Promise(((resume) => this.#wake = resume));
  }
};
var tails = (function tails(live) {
  return {
    ...live.stdout.bytes > 0 ? {
      stdoutTail: live.stdout.tail()
    } : {},
    ...live.stderr.bytes > 0 ? {
      stderrTail: live.stderr.tail()
    } : {}
  };
});
var exitedAlready = (function exitedAlready(pid) {
  if (Deno.build.os !== "linux") return false;
  const stat = readStat(pid);
  return stat === void 0 || !running(stat);
});
var exitWords = (function exitWords(status) {
  return status.signal ? `was killed by ${status.signal}` : `exited with code ${status.code}`;
});
var stopLive = (async function stopLive(live, graceMs, groups) {
  const { pgid } = live;
  if (!live.exited) {
    signalGroups(sessionGroups(pgid), "SIGTERM");
    groups.signal(pgid, "SIGTERM");
    await pause(graceMs, {
      until: [
        live.status
      ]
    });
  }
  signalGroups(sessionGroups(pgid), "SIGKILL");
  groups.kill(pgid);
  await live.status.catch((() => {
  }));
  await pause(Math.min(graceMs, 500), {
    until: [
      Promise.all(live.readers.map(((r) => r.done)))
    ]
  });
  await Promise.all(live.readers.filter(((r) => !r.state.finished)).map(((r) => r.cancel())));
  Object.assign(live.record, tails(live));
});
var startOne = (async function startOne(service, context, started) {
  const { ready } = service;
  const record = {
    name: service.name,
    status: "not-ready",
    check: describeReady(ready)
  };
  const begin = performance.now();
  const elapsed = (() => Math.round(performance.now() - begin));
  if (ready.stdoutIncludes === void 0) {
    const probe = await probeReady(ready, context.signal);
    if (probe.ready && service.reuseExisting) {
      context.onProgress?.(`Service ${service.name}: already up (${probe.detail}), reused: reuseExisting`);
      return {
        ...record,
        status: "reused",
        readyMs: 0
      };
    }
    if (probe.ready) {
      return {
        ...record,
        reason: `something already answers before it was started (${probe.detail}): stop what runs there, or set "reuseExisting": true to use it`
      };
    }
  }
  const needles = ready.stdoutIncludes !== void 0 ? [
    ready.stdoutIncludes
  ] : [];
  const stdout = new WakingCapture(context.tailBytes, needles);
  const stderr = new StreamCapture(context.tailBytes);
  const start = await startInSession(service.command, {
    cwd: resolve(context.cwd, service.cwd ?? "."),
    // The run's marks come last: exit paths find the service's processes by them.
    env: {
      ...context.env,
      ...service.env,
      SMOKE_RUN_ID: context.runId,
      SMOKE_SERVICE: service.name
    },
    setsid: findSetsid(),
    signal: context.signal
  });
  if ("interrupted" in start) {
    return {
      ...record,
      status: "interrupted",
      reason: "interrupted before it started"
    };
  }
  if ("failure" in start) return {
    ...record,
    reason: start.failure
  };
  const { child } = start;
  context.groups.add(child.pid);
  const live = {
    record,
    pgid: child.pid,
    status: child.status,
    exited: false,
    readers: [
      drain(child.stdout, stdout),
      drain(child.stderr, stderr)
    ],
    stdout,
    stderr
  };
  live.status.then((() => {
    live.exited = true;
    context.groups.leaderExited(live.pgid);
  }));
  started.push(live);
  context.onProgress?.(`Service ${service.name}: started, waiting until ${record.check}`);
  const timeoutMs = ready.timeoutMs ?? SERVICE_TIMEOUT_MS;
  const intervalMs = ready.intervalMs ?? SERVICE_INTERVAL_MS;
  let last = NO_CHECK_YET;
  while (true) {
    if (context.signal.aborted) {
      record.status = "interrupted";
      record.reason = "interrupted while waiting for it to be ready";
      return record;
    }
    if (live.exited) {
      const status = await live.status;
      await pause(200, {
        until: [
          Promise.all(live.readers.map(((r) => r.done)))
        ]
      });
      Object.assign(record, {
        exitCode: status.signal ? null : status.code,
        signal: status.signal ?? null,
        reason: `${exitWords(status)} before it was ready`,
        ...tails(live)
      });
      return record;
    }
    let probe;
    if (ready.stdoutIncludes !== void 0) {
      const text = ready.stdoutIncludes;
      probe = stdout.found[0] || stripAnsi(stdout.tail()).includes(text) ? {
        ready: true,
        detail: "printed it"
      } : stripAnsi(stderr.tail()).includes(text) ? {
        ready: false,
        detail: "printed it on stderr, but stdoutIncludes reads stdout"
      } : {
        ready: false,
        detail: "not printed yet"
      };
    } else {
      const left = Math.max(1, timeoutMs - elapsed());
      probe = await probeReady(ready, context.signal, {
        timeoutMs: left
      });
    }
    if (probe.ready) {
      record.status = "ready";
      record.readyMs = elapsed();
      context.onProgress?.(`Service ${service.name}: ready in ${record.readyMs}ms (${probe.detail})`);
      return record;
    }
    const cutShort2 = probe.detail === "no answer in time" && elapsed() >= timeoutMs;
    if (!cutShort2 || last === NO_CHECK_YET) last = probe.detail;
    if (elapsed() >= timeoutMs) {
      Object.assign(record, {
        reason: `not ready within ${timeoutMs}ms: ${record.check} (last check: ${last})`,
        ...tails(live)
      });
      return record;
    }
    await pause(Math.min(intervalMs, Math.max(0, timeoutMs - elapsed())), {
      signal: context.signal,
      until: [
        live.status,
        ...ready.stdoutIncludes !== void 0 ? [
          stdout.output()
        ] : []
      ]
    });
  }
});
var startServices = (async function startServices(services, context) {
  const started = [];
  const records = [];
  const settle = ((record) => {
    if (record.status === "not-ready" && context.signal.aborted) {
      Object.assign(record, {
        status: "interrupted",
        reason: "interrupted while waiting for it to be ready"
      });
    }
    return record;
  });
  let failed;
  for (const service of services) {
    if (failed || context.signal.aborted) {
      records.push({
        name: service.name,
        status: "not-started",
        check: describeReady(service.ready),
        reason: failed ? `not started: service "${failed.name}" was not ready` : "not started: interrupted"
      });
      continue;
    }
    const record = settle(await startOne(service, context, started));
    records.push(record);
    if (record.status === "not-ready") failed = record;
  }
  const readyNow = new Set(records.filter(((r) => r.status === "ready")).map(((r) => r.name)));
  let stopping = false;
  for (const live of started) {
    if (!readyNow.has(live.record.name)) continue;
    live.status.then(((status) => {
      if (stopping) return;
      Object.assign(live.record, {
        status: "exited",
        exitCode: status.signal ? null : status.code,
        signal: status.signal ?? null,
        reason: `${exitWords(status)} during the run`
      });
    }));
  }
  return {
    records,
    ...failed ? {
      failed
    } : {},
    interrupted: context.signal.aborted,
    down: (() => records.filter(((r) => r.status === "exited")).map(((r) => r.name))),
    async stop() {
      for (const live of started) {
        if (!readyNow.has(live.record.name) || live.record.status !== "ready") continue;
        if (live.exited || exitedAlready(live.pgid)) {
          const status = await live.status;
          Object.assign(live.record, {
            status: "exited",
            exitCode: status.signal ? null : status.code,
            signal: status.signal ?? null,
            reason: `${exitWords(status)} during the run`
          });
        }
      }
      stopping = true;
      for (const live of [
        ...started
      ].reverse()) {
        await stopLive(live, context.graceMs, context.groups);
      }
    }
  };
});

// lib/cli/run_services.ts
var TAIL_LINES = 10;
var startRunServices = (async function startRunServices(context) {
  const { options, io } = context;
  if (options.services.length === 0) return {
    records: []
  };
  if (context.noServices || context.nothingRuns) {
    const why = context.noServices ? "--no-services" : "every selected fixture is skipped";
    io.stdout(`Services: none started (${why}): ${options.services.map(((s) => s.name)).join(", ")}
`);
    return {
      records: options.services.map(((service) => ({
        name: service.name,
        status: "not-started",
        check: describeReady(service.ready),
        reason: `not started: ${why}`
      })))
    };
  }
  const running2 = await startServices(options.services, {
    groups: io.groups,
    signal: io.signal,
    cwd: io.cwd,
    env: context.env,
    runId: context.runId,
    graceMs: context.graceMs,
    tailBytes: context.tailBytes,
    onProgress: ((line) => io.stdout(line + "\n"))
  });
  return {
    running: running2,
    records: running2.records
  };
});
var lastLines = (function lastLines(text) {
  if (!text) return [];
  const lines = text.replace(/\n$/, "").split("\n");
  return lines.slice(-TAIL_LINES);
});
var serviceOutputLines = (function serviceOutputLines(record) {
  const lines = [];
  for (const [stream, tail] of [
    [
      "stdout",
      record.stdoutTail
    ],
    [
      "stderr",
      record.stderrTail
    ]
  ]) {
    const shown = lastLines(tail);
    if (shown.length === 0) continue;
    lines.push(`  last lines of its ${stream}:`, ...shown.map(((line) => `    ${line}`)));
  }
  return lines;
});
var serviceDiagnostics = (function serviceDiagnostics(records, fixtures) {
  const diagnostics = [];
  for (const record of records) {
    if (record.status === "not-ready") {
      diagnostics.push({
        code: "SERVICE_NOT_READY",
        level: "error",
        message: `Service "${record.name}" was not ready: ${record.reason ?? record.check}; none of the ${fixtures} fixture${fixtures === 1 ? "" : "s"} ran`,
        hint: `It is ready when ${record.check}: check its command, cwd and ready check in smoke.jsonc. The fixtures are owed: --rerun-failed runs them once it starts. --no-services runs them against what is already there.`
      });
    } else if (record.status === "exited") {
      diagnostics.push({
        code: "SERVICE_EXITED",
        level: "error",
        message: `Service "${record.name}" ${record.reason ?? "exited during the run"}`,
        hint: "Fixtures that failed after it went down say so. Its output's last lines are in the artifact (services)."
      });
    }
  }
  return diagnostics;
});
var markServiceDown = (function markServiceDown(ends, down) {
  return ends.map(((end) => {
    const names = down.get(end.result.id);
    const failure = end.result.failure;
    if (!names?.length || end.result.status !== "failed" || !failure) return end;
    const which = names.map(((name) => `"${name}"`)).join(", ");
    const message = `${failure.message} (service${names.length === 1 ? "" : "s"} ${which} had exited)`;
    return {
      ...end,
      result: {
        ...end.result,
        failure: {
          ...failure,
          message
        }
      }
    };
  }));
});

// lib/cli/execute_run.ts
var GRACE_MS = 2e3;
var TAIL_BYTES = 64 * 1024;
var SERVICE_TAIL_BYTES = 8 * 1024;
var leakDiagnostics = (function leakDiagnostics(ends) {
  const leaked = ends.filter(((e) => e.outputLeaked)).map(((e) => e.result.id));
  if (leaked.length === 0) return [];
  return [
    {
      code: "OUTPUT_LEAK",
      level: "warning",
      message: `A process outlived its fixture and held its output open: ${leaked.join(", ")}`,
      hint: "A child kept running after the fixture exited (it ignored SIGTERM until the SIGKILL, or escaped the process group with setsid); output after the 2 s grace was dropped."
    }
  ];
});
var scanFailed = (function scanFailed(error) {
  return {
    code: "PROCESS_SCAN_FAILED",
    level: "warning",
    message: `Cannot look for processes that outlived their fixtures: ${error instanceof Error ? error.message : String(error)}`,
    hint: "Processes that left their fixture's group may still run; look for SMOKE_RUN_ID in their environment."
  };
});
var priorState = (async function priorState(selection, where) {
  if (where.full) return {
    diagnostics: []
  };
  const { readPriorState, notInCatalog } = await import("./prior_state-76MDUFKA.js");
  const catalogIds = selection.catalogIds ?? [];
  const rerun = selection.rerun;
  if (!rerun) return await readPriorState(where.paths, {
    catalogIds,
    shownDir: where.shownDir
  });
  const latest = await readPriorState(where.paths, {
    catalogIds,
    shownDir: where.shownDir
  });
  const newer = latest.state !== void 0 && latest.runId !== void 0 && latest.runId > rerun.source.runId && latest.state.since !== void 0 && latest.state.since === rerun.state.since;
  return newer ? {
    state: latest.state,
    diagnostics: notInCatalog(latest.state, catalogIds)
  } : {
    state: rerun.state,
    diagnostics: []
  };
});
var saveDurations = (async function saveDurations(dir, fixtures, earlier, options) {
  const { readDurationsFile, summaryToAddTo, writeDurations } = await import("./durations_file-63SSKJO7.js");
  const ran = recordedResults(fixtures);
  if (ran.length === 0) return void 0;
  const catalog = options.catalogIds ? new Set(options.catalogIds) : void 0;
  const before = await summaryToAddTo(dir, await readDurationsFile(dir, earlier), {
    exclude: options.runId,
    ...catalog ? {
      catalog
    } : {}
  });
  const samples = addRun(before, ran, {
    ...catalog ? {
      catalog
    } : {},
    ...options.split !== void 0 ? {
      split: options.split
    } : {},
    ...options.suite !== void 0 ? {
      suite: options.suite
    } : {},
    ...options.formerSuite !== void 0 ? {
      formerSuite: options.formerSuite
    } : {},
    // Remembered: a merge of this run's artifact into this directory does not add it again.
    runIds: [
      options.runId
    ]
  });
  await writeDurations(dir, samples);
  return samples.outcomes;
});
var splitTimings = (function splitTimings(selection, fixtures) {
  const { shard, shardPlan, mode } = selection;
  if (shard) return shard.total > 1 ? shardPlan?.ownTimings : void 0;
  return mode === "full" && !cutShort(fixtures) ? null : void 0;
});
var saveArtifact = (async function saveArtifact(paths, artifact, context) {
  const { io } = context;
  try {
    await saveRun(paths, artifact, {
      updateLatest: true
    });
    return {
      runFileWritten: true,
      latestWritten: true
    };
  } catch (error) {
    if (!(error instanceof SaveRunError)) throw error;
    const runFile = displayPath(error.runFile, io.cwd);
    const message = `Cannot write ${error.runFileWritten ? "" : "artifact "}"${displayPath(error.path, io.cwd)}": ${error.message}`;
    const hints = error.runFileWritten ? [
      `This run is saved in ${runFile}; latest.json was not replaced and still holds the previous run.`,
      ...artifact.summary.failed > 0 ? [
        `Rerun its failures with: ${context.command} --rerun-failed --artifact ${runFile}`
      ] : [],
      "Move what is in the way, free disk space or fix permissions; this run is reported as failed."
    ] : [
      "Free disk space or fix permissions, or pass --artifact-dir DIR.",
      "latest.json still holds the previous run; this run is reported as failed."
    ];
    io.stderr(formatUserError(new UserError(message, {
      kind: "artifact",
      code: "ARTIFACT_WRITE_FAILED",
      hints
    })) + "\n");
    return {
      runFileWritten: error.runFileWritten,
      latestWritten: false
    };
  }
});
var executeRun = (async function executeRun(selection, context) {
  const { flags, options, io, paths, runId } = context;
  const { planned } = selection;
  checkRunOutputs({
    flags,
    options,
    io,
    runId
  });
  await ensureHistoryDir(paths, options.artifactDir);
  const lock = await acquireRunLock(paths.dir, {
    shownDir: options.artifactDir,
    runId
  });
  try {
    if (context.preamble?.length) io.stdout(context.preamble.join("\n") + "\n");
    for (const warning of lock.warnings) io.stderr(formatWarning(warning));
    prepareHistory(paths, {
      shownDir: options.artifactDir,
      replacesLatest: true
    });
    const prior = await priorState(selection, {
      paths,
      shownDir: options.artifactDir,
      full: !flags.shard && selection.mode === "full"
    });
    for (const warning of prior.diagnostics) io.stderr(formatWarning(warning));
    const colors = palette(colorWanted({
      isTerminal: io.isTerminal,
      noColor: flags.noColor,
      env: io.env
    }));
    const consoleReporter = createConsoleReporter({
      write: io.stdout,
      colors,
      live: io.isTerminal,
      columns: io.columns,
      now: (() => performance.now())
    });
    const extra = await createRunReporters({
      flags,
      options,
      io,
      runId
    });
    let reporterFailed = false;
    const reporters = [
      consoleReporter,
      ...extra
    ];
    const reporter = multiplexReporters(reporters, ((error, i) => {
      reporterFailed = true;
      const detail = error instanceof Error ? error.message : String(error);
      io.stderr(`error: The ${reporters[i].name ?? `#${i}`} reporter failed and was turned off: ${detail}
hint: ${reporters[i].fix ? `${reporters[i].fix} ` : ""}The run went on; it is reported as failed because that output is missing.
`);
    }));
    const runnable = planned.filter(((p) => !p.fixture.skipReason)).length;
    const cap = capConcurrency(options.concurrency, readDescriptorBudget(), runnable);
    if (cap.warning) io.stderr(formatWarning(cap.warning));
    const startedAfter = ownStartTime();
    io.groups.watchRun({
      runId,
      startedAfter
    });
    const baseEnv = {
      ...io.env,
      ...serviceEnvironment(options.services)
    };
    const services = await startRunServices({
      options,
      noServices: flags.noServices,
      nothingRuns: runnable === 0,
      io,
      env: baseEnv,
      runId,
      graceMs: GRACE_MS,
      tailBytes: SERVICE_TAIL_BYTES
    });
    await reporter.onBegin({
      runId,
      fixtures: planned,
      concurrency: cap.effective
    });
    const fixtureEnv = envOverProcess(baseEnv);
    const down = /* @__PURE__ */ new Map();
    let ends = services.running?.failed ? unstartedEnds(planned, serviceNotReadyMessage(services.running.failed.name)) : await runFixtures(planned, {
      runId,
      concurrency: cap.effective,
      // Only what differs from smoke's own environment, when the children can inherit the rest.
      baseEnv: fixtureEnv.env,
      inheritEnv: fixtureEnv.inheritEnv,
      graceMs: GRACE_MS,
      tailBytes: TAIL_BYTES,
      ...options.maxFailures ? {
        maxFailures: options.maxFailures
      } : {},
      ...context.startOrder ? {
        startOrder: context.startOrder
      } : {},
      ...flags.repeat ? {
        repeat: flags.repeat
      } : {}
    }, {
      spawn: (async (spec, signal) => {
        const outcome = await runProcess(spec, {
          groups: io.groups,
          signal
        });
        const gone = services.running?.down() ?? [];
        if (gone.length && spec.env.SMOKE_FIXTURE_ID) down.set(spec.env.SMOKE_FIXTURE_ID, gone);
        return outcome;
      }),
      reporter,
      signal: io.signal,
      onCleanup: ((ids, budgetMs) => io.stderr(`warning: running the teardowns of what ran${budgetMs ? `, within ${budgetMs / 1e3}s` : ""}: ${ids.join(", ")}` + (budgetMs ? " (again to stop at once, without writing the artifact)" : "") + "\n"))
    });
    consoleReporter.close();
    await services.running?.stop();
    ends = markServiceDown(ends, down);
    const serviceProblems = services.records.flatMap(((record) => serviceDiagnostics([
      record
    ], planned.length).map(((diagnostic) => ({
      record,
      diagnostic
    })))));
    for (const { record, diagnostic } of serviceProblems) {
      io.stderr(`error: ${diagnostic.message} [${diagnostic.code}]
` + serviceOutputLines(record).map(((line) => line + "\n")).join("") + `hint: ${diagnostic.hint}
`);
    }
    const sweep = await stopRunProcesses(runId, {
      graceMs: GRACE_MS,
      startedAfter,
      ...startedAfter === void 0 ? {} : {
        sessions: sessionLimits(io.groups.sessions(), startedAfter)
      }
    }).then(((found) => ({
      found,
      failed: []
    })), ((error) => ({
      found: [],
      failed: [
        scanFailed(error)
      ]
    })));
    io.groups.watchRun(void 0);
    const interrupted = io.signal.aborted;
    const diagnostics = [
      ...serviceProblems.map(((problem) => problem.diagnostic)),
      ...selection.diagnostics,
      ...prior.diagnostics,
      ...lock.warnings,
      ...cap.warning ? [
        cap.warning
      ] : [],
      ...leakDiagnostics(ends),
      ...leftoverDiagnostics(sweep.found),
      ...sweep.failed
    ];
    const artifact = runArtifact({
      runId,
      selection,
      ends,
      startedAt: context.startedAt,
      finishedAt: io.now(),
      version: VERSION,
      environment: runEnvironment(io.env),
      ...flags.shard ? {
        shard: flags.shard
      } : {},
      failOnFlaky: flags.failOnFlaky,
      interrupted,
      diagnostics,
      services: services.records,
      // A fingerprint serves to compare a failure with its rerun: only a fixture that ran and
      // failed gets one (hashing every file of a green suite costs ~0.3 ms a fixture).
      fingerprints: await fingerprintFixtures(ends.filter(((e) => e.result.status === "failed" && e.result.attempts > 0 && e.planned)).map(((e) => e.planned.fixture)), io.cwd),
      ...prior.state ? {
        prior: prior.state
      } : {}
    });
    const runFile = displayPath(join(paths.runs, `${runId}.json`), io.cwd);
    const saved = await saveArtifact(paths, artifact, {
      io,
      command: context.command
    });
    let outcomes;
    if (saved.latestWritten) {
      const pruned = pruneHistory(paths, {
        limit: options.historyLimit,
        keep: [
          runId
        ],
        shownDir: options.artifactDir
      });
      for (const warning of pruned.warnings) io.stderr(formatWarning(warning));
      outcomes = await saveDurations(paths.dir, artifact.fixtures, context.durations, {
        ...selection.catalogIds ? {
          catalogIds: selection.catalogIds
        } : {},
        split: splitTimings(selection, artifact.fixtures),
        runId,
        ...selection.suite !== void 0 ? {
          suite: selection.suite
        } : {},
        ...selection.formerSuite !== void 0 ? {
          formerSuite: selection.formerSuite
        } : {}
      }).catch((async (error) => {
        if (!isWriteFailure(error)) throw error;
        const { durationsNotSaved } = await import("./durations_file-63SSKJO7.js");
        io.stderr(formatWarning(durationsNotSaved(options.artifactDir, error, "run")));
        return void 0;
      }));
    }
    const rerunCommand = rerunCommandOf(artifact, context.command);
    await reporter.onEnd({
      ends,
      artifact,
      artifactPath: runFile,
      rerunCommand
    });
    for (const d of diagnostics) {
      if ([
        "OUTPUT_LEAK",
        "LEFTOVER_PROCESS",
        "PROCESS_SCAN_FAILED"
      ].includes(d.code)) {
        io.stderr(formatWarning(d));
      }
    }
    const end = runSummary({
      artifact,
      saved,
      reporterFailed,
      runFile,
      command: context.command,
      rerun: selection.rerun !== void 0,
      failOnFlaky: flags.failOnFlaky,
      ...selection.changes ? {
        unchanged: selection.changes.unchanged
      } : {},
      ...outcomes ? {
        outcomes
      } : {},
      ...interrupted ? {
        signal: String(io.signal.reason)
      } : {},
      ...selection.catalogIds ? {
        catalogIds: selection.catalogIds
      } : {},
      ...selection.shardPlan ? {
        shard: {
          ...selection.shardPlan.shard,
          predictedMs: selection.shardPlan.totals[selection.shardPlan.shard.index - 1] ?? 0,
          // Needs too many to follow were not predicted here: what they took is not counted.
          ...selection.shardPlan.needsLeftOut && selection.pulledIn?.size ? {
            notPredicted: [
              ...selection.pulledIn.keys()
            ]
          } : {}
        }
      } : {}
    });
    const failures = renderFailures(ends, colors).join("\n");
    const failuresText = failures === "" ? "" : io.github ? renderInert(failures, {
      token: newStopToken(),
      command: markCommand
    }) + "\n" : failures + "\n";
    io.stdout("\n" + failuresText + renderSummary(end.view, colors).join("\n") + "\n");
    return end.exitCode;
  } finally {
    lock.release();
  }
});
var writeDiagnostics = (async function writeDiagnostics(error, context) {
  const { io, paths, shownDir } = context;
  const runId = diagnosticsRunId(context.runId);
  const unwritten = ((code, message) => {
    io.stderr(formatWarning({
      code,
      message: `The diagnostics artifact was not written: ${message}`,
      hint: "The error below is what stopped the run."
    }));
    return void 0;
  });
  let lock;
  try {
    await ensureHistoryDir(paths, shownDir);
    lock = await acquireRunLock(paths.dir, {
      shownDir,
      runId
    });
  } catch (failure) {
    if (!(failure instanceof UserError) || failure.code === "LOCKED") throw failure;
    return unwritten(failure.code ?? "ARTIFACT_DIR_UNUSABLE", failure.message);
  }
  try {
    for (const warning of lock.warnings) io.stderr(formatWarning(warning));
    prepareHistory(paths, {
      shownDir,
      replacesLatest: false
    });
    const artifact = createArtifact({
      runId,
      mode: "rerun-failed",
      startedAt: context.startedAt,
      finishedAt: io.now(),
      version: VERSION,
      environment: runEnvironment(io.env),
      selection: {
        fixtureIds: []
      },
      fixtures: [],
      diagnostics: [
        ...error.diagnostics
      ]
    });
    const written = displayPath(await saveRun(paths, artifact, {
      updateLatest: false
    }), io.cwd);
    const pruned = pruneHistory(paths, {
      limit: Number.POSITIVE_INFINITY,
      keep: [
        runId
      ],
      shownDir
    });
    for (const warning of pruned.warnings) io.stderr(formatWarning(warning));
    return written;
  } catch (failure) {
    if (failure instanceof SaveRunError) {
      return unwritten("ARTIFACT_WRITE_FAILED", `"${displayPath(failure.path, io.cwd)}": ${failure.message}`);
    }
    if (failure instanceof UserError && failure.code !== "LOCKED") {
      return unwritten(failure.code ?? "ARTIFACT_WRITE_FAILED", failure.message);
    }
    throw failure;
  } finally {
    lock.release();
  }
});
export {
  executeRun,
  writeDiagnostics
};
//# sourceMappingURL=execute_run-J7XD27SP.js.map
