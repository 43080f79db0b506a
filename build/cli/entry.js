// @ts-self-types="../../lib/cli/entry.ts"
import {
  ProcessGroups,
  findExecutable
} from "../chunk-CPUO7QOR.js";
import {
  VERSION
} from "../chunk-RTJN24GS.js";
import {
  DEFAULTS,
  DURATION_SAMPLES,
  dayOf,
  estimatesFrom,
  filtersOf,
  formatExpected,
  loadConfig,
  loadQuarantine,
  longestChainFirst,
  longestOf,
  resolveOptions,
  resolveSelection,
  shardPlanLine,
  shardRunLine,
  smokeCommand
} from "../chunk-EYJ7RDVV.js";
import {
  MAX_RETRIES,
  MAX_TIMEOUT_MS,
  closest,
  runtimeFacts,
  runtimeInfo,
  serviceDryRunLines,
  skippedAnyway,
  workingDirectory
} from "../chunk-6G3CJ2FL.js";
import "../chunk-YHN6PYAE.js";
import {
  historyPaths,
  newRunId
} from "../chunk-4VDBSXWI.js";
import {
  envUnreadable,
  readEnv
} from "../chunk-YGD3FBYJ.js";
import "../chunk-VB43T7UN.js";
import {
  fixtureArgument,
  shellQuote
} from "../chunk-DBSKOPQR.js";
import {
  idList
} from "../chunk-2N47EPJ5.js";
import {
  isAbsolute,
  resolve
} from "../chunk-UZCZWFUL.js";
import "../chunk-4SYLYQRO.js";
import "../chunk-IEQXTUCM.js";
import "../chunk-UXUXC4ZF.js";
import "../chunk-PBQEZ4VD.js";
import "../chunk-VPM3V57A.js";
import "../chunk-6MYH7WWL.js";
import {
  createSafeWriter,
  displayName,
  hasControlCharacter,
  resultLine
} from "../chunk-XRBLM22N.js";
import {
  ExitCode,
  PreflightError,
  UserError,
  formatUserError,
  formatWarning,
  ioFallbackError,
  isIoError
} from "../chunk-WBZQOSKS.js";
import "../chunk-ANYOMBVL.js";

// lib/run/deno_check.ts
var whyNot = (function whyNot(options) {
  if (!options.deno.includes("/") && !options.deno.includes("\\")) return "was not found";
  try {
    const info = Deno.statSync(resolve(options.cwd, options.deno));
    return info.isDirectory ? "is a directory, not an executable" : "is not an executable file (check its mode, or point to the deno binary)";
  } catch (error) {
    if (error instanceof Deno.errors.NotFound || error instanceof Deno.errors.NotADirectory) {
      return "was not found";
    }
    throw error;
  }
});
var requireDeno = (function requireDeno(planned, options) {
  const scripts = planned.filter(((p) => p.fixture.kind === "script" && !p.fixture.skipReason));
  if (scripts.length === 0) return;
  const found = findExecutable(options.deno, {
    cwd: options.cwd,
    path: options.env.PATH ?? options.env.Path,
    pathExt: options.env.PATHEXT,
    home: options.env.HOME
  });
  if (found) return;
  const ids = scripts.map(((p) => p.fixture.id));
  const bare = !options.deno.includes("/") && !options.deno.includes("\\");
  const where = options.from === "default" && bare ? `"${options.deno}" is not on PATH` : `the Deno executable "${options.deno}" (from ${options.from}) ${whyNot(options)}`;
  const commands = planned.filter(((p) => p.fixture.kind === "command" && !p.fixture.skipReason));
  throw new UserError(`Cannot run script fixtures: ${where}; ${ids.length} selected script fixture${ids.length === 1 ? " needs" : "s need"} it (${ids.slice(0, 5).map(((id) => `"${id}"`)).join(", ")}${ids.length > 5 ? ", ..." : ""})`, {
    kind: "config",
    code: "DENO_NOT_FOUND",
    hints: [
      "Script fixtures run with Deno: put deno on PATH, set SMOKE_DENO=/path/to/deno, or pass --deno PATH.",
      commands.length ? `Command fixtures need no Deno: ${options.invocation} ${commands.slice(0, 10).map(((p) => fixtureArgument(p.fixture.id))).join(" ")}` : "Nothing ran."
    ]
  });
});

// lib/selection/schedule.ts
var planSchedule = (function planSchedule(planned, history, options = {}) {
  const { order, askedIn = "flag" } = options;
  const runs = history?.runs ?? 0;
  const mode = order ?? (runs > 0 ? "duration" : "id");
  const base = {
    mode,
    runs,
    ...order ? {
      askedIn
    } : {}
  };
  if (history === void 0 || runs === 0 && !order) return base;
  const ids = planned.map(((p) => p.fixture.id));
  const estimates = estimatesFrom(history.byId, ids, {
    ...options.catalogIds ? {
      defaultFrom: options.catalogIds
    } : {},
    capMs: longestOf(planned)
  });
  if (mode === "id") return {
    ...base,
    estimates
  };
  const ms = planned.map(((p) => p.fixture.skipReason ? 0 : estimates.byId.get(p.fixture.id).ms));
  const startOrder = longestChainFirst(planned.map(((p) => p.fixture)), ms);
  return {
    ...base,
    estimates,
    startOrder
  };
});
var readSchedule = (async function readSchedule(planned, where) {
  const options = {
    ...where.order ? {
      order: where.order
    } : {},
    askedIn: where.orderFromConfig ? "config" : "flag",
    ...where.catalogIds ? {
      catalogIds: where.catalogIds
    } : {}
  };
  const { readDurationsFile } = await import("../durations_file-63SSKJO7.js");
  const read = await readDurationsFile(where.paths.dir, where.earlier);
  if (where.order === "id") return {
    ...planSchedule(planned, void 0, options),
    read
  };
  const none = where.order ? {
    runs: 0,
    byId: /* @__PURE__ */ new Map()
  } : void 0;
  return {
    ...planSchedule(planned, read.samples ?? none, options),
    read
  };
});
var SHOWN_START_IDS = 20;
var expectedLine = (function expectedLine(schedule, planned) {
  const estimate = schedule.estimates?.byId.get(planned.fixture.id);
  if (!estimate || planned.fixture.skipReason) return void 0;
  const why = (estimate.samples > 0 ? `median of ${estimate.samples} run${estimate.samples === 1 ? "" : "s"}` : schedule.estimates.defaultOf > 0 ? "no history: the suite's median" : "no history: default") + (estimate.capped ? ", cut to its timeout" : "");
  return `  expected: ${formatExpected(estimate.ms)} (${why})`;
});
var startOrderLine = (function startOrderLine(schedule, planned, skipped) {
  if (schedule.mode === "id") {
    if (schedule.askedIn === void 0) {
      return schedule.read?.problem ? "Start order: by id (the durations summary cannot be read)" : "Start order: by id (no history yet: a run records the durations)";
    }
    return schedule.askedIn === "config" ? 'Start order: by id ("order": "id" in the config)' : "Start order: by id (--order id)";
  }
  const order = (schedule.startOrder ?? planned.map(((_, i) => i))).filter(((i) => !planned[i].fixture.skipReason && !skipped?.has(planned[i].fixture.id) && !planned[i].fixture.teardown));
  const ids = order.slice(0, SHOWN_START_IDS).map(((i) => planned[i].fixture.id));
  const more = order.length - ids.length;
  const runs = Math.min(schedule.runs, DURATION_SAMPLES);
  const { estimates } = schedule;
  const running = planned.filter(((p) => !p.fixture.skipReason));
  const measured = running.length === 0 || running.some(((p) => (estimates?.byId.get(p.fixture.id)?.samples ?? 0) > 0));
  const source = runs > 0 && !measured && estimates ? `no durations recorded for these fixtures: every fixture at ${estimates.defaultOf > 0 ? "the suite's median" : "the default"}` : runs > 0 ? `from the newest ${runs} run${runs === 1 ? "" : "s"}` : schedule.read?.problem ? "the durations summary cannot be read: every fixture at the default" : "no history yet: every fixture at the default";
  const chained = planned.some(((p) => p.fixture.needs?.length));
  const head = `Start order: ${chained ? "longest chain" : "longest expected"} first (${source})`;
  if (ids.length === 0) return head;
  return `${head}: ${ids.join(", ")}` + (more > 0 ? `, and ${more} more` : "");
});

// lib/selection/render_dry_run.ts
var renderDryRun = (function renderDryRun(selection, cwd, schedule) {
  const lines = [
    ...renderRerunPlan(selection, {
      dryRun: true
    })
  ];
  const kinds = new Map(selection.rerun?.failed.map(((f) => [
    f.id,
    f.kind
  ])) ?? []);
  const changed = new Set(selection.changes?.changed);
  const unchanged = new Set(selection.changes?.unchanged);
  const skips = skippedAnyway(selection.planned.map(((p) => p.fixture)));
  for (const p of selection.planned) {
    const id = p.fixture.id;
    const kind = kinds.get(id);
    const change = changed.has(id) ? ", changed since" : unchanged.has(id) ? ", unchanged since" : "";
    const reason = skips.get(id);
    const skip = reason !== void 0 ? `  (skip: ${displayName(reason)})` : "";
    const why = selection.pulledIn?.get(id);
    const pulled = why ? `  (pulled in: ${why})` : "";
    lines.push(`${id}${kind ? `  (failed: ${kind}${change})` : ""}${skip}${pulled}`);
    if (p.fixture.description) lines.push(`  description: ${displayName(p.fixture.description)}`);
    if (p.fixture.needs.length) lines.push(`  needs: ${p.fixture.needs.join(", ")}`);
    if (p.fixture.teardown) {
      lines.push(p.fixture.needs.length ? "  teardown: runs after what needs its needs, and after their teardowns" : "  teardown: runs after every other fixture");
    }
    if (p.fixture.tags.length) lines.push(`  tags: ${p.fixture.tags.join(", ")}`);
    lines.push(`  ${shellQuote(p.argv)}`);
    lines.push(`  cwd: ${p.cwd === cwd ? "." : displayName(p.cwd)}, timeout: ${p.timeoutMs}ms, retries: ${p.retries}`);
    const expected = schedule && expectedLine(schedule, p);
    if (expected) lines.push(expected);
  }
  const order = schedule && startOrderLine(schedule, selection.planned, skips);
  if (order) lines.push(order);
  if (selection.shardPlan) lines.push(shardPlanLine(selection.shardPlan));
  const noHistoryYet = schedule !== void 0 && schedule.read?.samples === void 0 && schedule.read?.problem === void 0 && schedule.askedIn === void 0;
  if (selection.shardPlan?.timingsGiven && (schedule?.estimates || noHistoryYet)) {
    lines.push(schedule?.estimates ? `The expected durations and the start order are from the artifact directory's durations.json; the shard totals from ${selection.shardPlan.source}.` : `The shard totals are from ${selection.shardPlan.source}; the start order is from the artifact directory's durations.json, which has no durations yet.`);
  }
  if (selection.shardPlan?.timingsShared && schedule?.estimates) {
    lines.push("The expected durations and the start order are from the newest durations; the shard totals from the timings kept for the splits until a full run (a split takes newer durations only after it).");
  }
  const skipped = skips.size;
  const n = selection.planned.length - skipped;
  const verb = selection.rerun ? "rerun" : "run";
  const shard2 = selection.shard ? ` in shard ${selection.shard.index}/${selection.shard.total}` : "";
  lines.push(`Dry run: ${n} fixture${n === 1 ? "" : "s"} would ${verb}${shard2}${skipped ? ` (${skipped} skipped)` : ""}; nothing was run or written.`);
  lines.push(resultLine("pass"));
  return lines;
});
var renderRerunPlan = (function renderRerunPlan(selection, options = {}) {
  const { rerun, changes } = selection;
  if (!rerun) return [];
  const pulled = selection.pulledIn?.size ?? 0;
  const n = selection.planned.length - pulled;
  const since = rerun.state.since;
  const from = since === void 0 || since === rerun.source.runId ? `from run ${rerun.source.runId}` : `since full run ${since} (as of run ${rerun.source.runId})`;
  const { shard: shard2, owed } = selection;
  const count = shard2 && owed !== void 0 ? `${n} of ${owed} outstanding fixture${owed === 1 ? "" : "s"} (shard ${shard2.index}/${shard2.total})` : `${n} outstanding fixture${n === 1 ? "" : "s"}`;
  const lines = [
    `${options.dryRun ? "Would rerun" : "Rerunning"} ${count} ${from}` + (pulled ? `, with ${pulled} pulled in (their needs and teardowns)` : "")
  ];
  if (changes?.changed.length) {
    lines.push(`  changed since they failed (a rerun tests the fix): ${idList(changes.changed)}`);
  }
  if (changes?.unchanged.length) {
    lines.push(`  unchanged since they failed (a pass now points to a flake, not a fix): ${idList(changes.unchanged)}`);
  }
  return lines;
});

// lib/cli/run_command.ts
var runModule = (function runModule() {
  return import("../execute_run-J7XD27SP.js");
});
var emptySelection = (function emptySelection(filters, context) {
  const last = "A run never reports success when nothing ran.";
  if (context.catalogEmpty || context.rerun || filters.length === 0) {
    return new UserError(`No fixtures to run in "${context.fixturesDir}"`, {
      kind: "catalog",
      code: "NO_FIXTURES",
      hints: [
        `Add a fixture such as "${context.fixturesDir}/hello.smoke.ts", or pass --fixtures-dir DIR.`,
        last
      ]
    });
  }
  const excludes = filters.filter(((f) => f.startsWith("--exclude")));
  const others = filters.length - excludes.length;
  const list = context.listing ? "" : " --list shows what a set of filters selects.";
  const [message, hint] = excludes.length === 0 ? [
    `No fixture matches ${filters.join(" ")} together`,
    `Each filter matches some fixtures, but none matches them all: drop or change one.${list}`
  ] : [
    `No fixture is left after ${filters.join(" ")}`,
    `${others ? "The excludes take out every fixture the other filters select" : excludes.length > 1 ? "They take out every fixture" : "It takes out every fixture"}: drop or change one.${list}`
  ];
  return new UserError(message, {
    kind: "usage",
    code: "NO_FIXTURES",
    hints: [
      hint,
      last
    ]
  });
});
var emptyShardWarning = (function emptyShardWarning(shard2, rerun) {
  const owed = rerun.owed;
  return formatWarning({
    code: "EMPTY_SHARD",
    message: owed === void 0 ? `Shard ${shard2.index}/${shard2.total} has no fixtures` : `Shard ${shard2.index}/${shard2.total} has none of the ${owed} outstanding fixture${owed === 1 ? "" : "s"}`,
    hint: owed === void 0 ? "Nothing to do here; the merged run judges the whole selection." : "Nothing to rerun here; the other shards rerun the rest."
  });
});
var warn = (function warn(io, diagnostics) {
  for (const d of diagnostics) {
    if (d.level !== "warning") continue;
    io.stderr(formatWarning(d));
  }
});
var runSmoke = (async function runSmoke(flags, io) {
  const config = await loadConfig(flags, io.cwd);
  const options = resolveOptions(flags, config, navigator.hardwareConcurrency ?? 1);
  const paths = historyPaths(resolve(io.cwd, options.artifactDir));
  const startedAt = io.now();
  const runId = newRunId(startedAt);
  const command = smokeCommand(io.invocation, flags);
  let selection;
  try {
    const quarantine = await loadQuarantine(config, {
      cwd: io.cwd,
      configShown: flags.config ?? "smoke.jsonc"
    });
    selection = await resolveSelection(flags, options, {
      cwd: io.cwd,
      deno: io.deno,
      command,
      quarantine,
      today: dayOf(io.now())
    });
  } catch (error) {
    if (!(error instanceof PreflightError)) throw error;
    warn(io, error.diagnostics);
    const written = flags.dryRun || flags.list ? void 0 : await (await runModule()).writeDiagnostics(error, {
      io,
      paths,
      shownDir: options.artifactDir,
      runId,
      startedAt
    });
    throw new UserError(error.message, {
      kind: "preflight",
      code: error.code,
      hints: error.hints,
      diagnosticsPath: written
    });
  }
  warn(io, selection.diagnostics);
  if (flags.repeat) {
    const retries = flags.retries ?? 0;
    selection = {
      ...selection,
      planned: selection.planned.map(((p) => ({
        ...p,
        retries
      })))
    };
  }
  const { planned } = selection;
  const preamble = [];
  if (selection.none !== void 0) {
    if (flags.ifNone === "pass") {
      if (flags.list) {
        io.stderr(`${selection.none}; --if-none pass: nothing to list.
`);
      } else {
        io.stdout(`${selection.none}; --if-none pass: nothing ran.
`);
        io.stdout(`${resultLine("pass")}
`);
      }
      return ExitCode.Pass;
    }
    if (!flags.list) {
      const line = `${selection.none}
--if-none all: ${flags.dryRun ? "the selection would run" : "running the selection"} instead.`;
      if (flags.dryRun || planned.length === 0) io.stdout(line + "\n");
      else preamble.push(line);
    }
  }
  if (planned.length === 0) {
    if (flags.shard) {
      if (flags.list && selection.shardPlan) io.stderr(shardPlanLine(selection.shardPlan) + "\n");
      if (flags.dryRun && selection.shardPlan) io.stdout(shardPlanLine(selection.shardPlan) + "\n");
      io.stderr(emptyShardWarning(flags.shard, {
        ...selection.owed !== void 0 ? {
          owed: selection.owed
        } : {}
      }));
      if (flags.dryRun) io.stdout("Dry run: 0 fixtures would run; nothing was run or written.\n");
      if (!flags.list) io.stdout(`${resultLine("pass")}
`);
      return ExitCode.Pass;
    }
    throw emptySelection(filtersOf(flags), {
      catalogEmpty: (selection.catalogIds ?? []).length === 0,
      fixturesDir: options.fixturesDir,
      // --if-none all ran the selection instead of the rerun: its filters emptied it.
      rerun: flags.rerunFailed === true && selection.none === void 0,
      listing: flags.list === true
    });
  }
  if (flags.list) {
    if (selection.shardPlan) io.stderr(shardPlanLine(selection.shardPlan) + "\n");
    for (const [id, why] of selection.pulledIn ?? []) io.stderr(`${id}: pulled in (${why})
`);
    io.stdout(planned.map(((p) => p.fixture.id)).join("\n") + "\n");
    return ExitCode.Pass;
  }
  const schedule = await readSchedule(planned, {
    paths,
    ...selection.catalogIds ? {
      catalogIds: selection.catalogIds
    } : {},
    ...options.order ? {
      order: options.order,
      orderFromConfig: !flags.order
    } : {},
    // Read already by a split by duration: not read twice while unchanged.
    ...selection.durationsRead ? {
      earlier: selection.durationsRead
    } : {}
  });
  const said = selection.diagnostics.some(((d) => d.code === "DURATIONS_UNREADABLE"));
  if ((schedule.read?.problem || schedule.read?.leftOut) && !said) {
    const { durationsLeftOut, durationsUnreadable, DURATIONS_FILE } = await import("../durations_file-63SSKJO7.js");
    const shown2 = `${options.artifactDir}/${DURATIONS_FILE}`;
    const unreadable = schedule.read.problem ? durationsUnreadable(shown2, schedule.read.problem, {
      instead: `${flags.dryRun ? "A run now would start its fixtures in id order and make" : "This run starts its fixtures in id order and makes"} the summary again from the run files in runs/ and its own durations`
    }) : durationsLeftOut(shown2, schedule.read.leftOut);
    warn(io, [
      unreadable
    ]);
    selection = {
      ...selection,
      diagnostics: [
        ...selection.diagnostics,
        unreadable
      ]
    };
  }
  if (flags.dryRun) {
    const dry = renderDryRun(selection, io.cwd, schedule);
    const services = serviceDryRunLines(options.services, {
      noServices: flags.noServices
    });
    const repeat = flags.repeat ? [
      `--repeat ${flags.repeat}: each fixture runs ${flags.repeat} times, one run after another (a teardown once)`
    ] : [];
    io.stdout([
      ...dry.slice(0, -1),
      ...repeat,
      ...services,
      ...dry.slice(-1)
    ].join("\n") + "\n");
    return ExitCode.Pass;
  }
  requireDeno(planned, {
    deno: io.deno,
    from: flags.deno ? "--deno" : io.env.SMOKE_DENO ? "SMOKE_DENO" : "default",
    env: io.env,
    cwd: io.cwd,
    invocation: io.invocation
  });
  preamble.push(...renderRerunPlan(selection), ...selection.shardPlan ? [
    shardRunLine(selection.shardPlan)
  ] : []);
  const { executeRun } = await runModule();
  return await executeRun(selection, {
    flags,
    options,
    io,
    paths,
    runId,
    startedAt,
    command,
    ...schedule.startOrder ? {
      startOrder: schedule.startOrder
    } : {},
    ...schedule.read ? {
      durations: schedule.read
    } : {},
    ...preamble.length ? {
      preamble
    } : {}
  });
});

// lib/cli/flag_table.ts
var COMMANDS = [
  "run",
  "merge",
  "report"
];
var FLAGS = [
  {
    name: "fixture",
    type: "string",
    multiple: true,
    value: "ID",
    commands: [
      "run"
    ],
    section: "Selecting",
    help: "run only this fixture; repeatable; * globs in a segment (api/*), ** across (web/**)"
  },
  {
    name: "tag",
    type: "string",
    multiple: true,
    value: "NAME",
    commands: [
      "run"
    ],
    section: "Selecting",
    help: "run only fixtures with this manifest tag; repeatable (any of them)"
  },
  {
    name: "exclude",
    type: "string",
    multiple: true,
    value: "PATTERN",
    commands: [
      "run"
    ],
    section: "Selecting",
    help: "leave out fixtures matching this pattern (the --fixture syntax); repeatable"
  },
  {
    name: "exclude-tag",
    type: "string",
    multiple: true,
    value: "NAME",
    commands: [
      "run"
    ],
    section: "Selecting",
    help: "leave out fixtures with this tag; repeatable"
  },
  {
    name: "rerun-failed",
    type: "boolean",
    commands: [
      "run"
    ],
    section: "Selecting",
    help: "run only what is still failing (the outstanding set in the artifact)"
  },
  {
    name: "artifact",
    type: "path",
    value: "PATH",
    commands: [
      "run"
    ],
    section: "Selecting",
    help: "the artifact --rerun-failed reads (default <artifact-dir>/latest.json)",
    requires: "rerun-failed"
  },
  {
    name: "rerun-max-failures",
    type: "integer",
    min: 0,
    value: "N",
    example: "20",
    commands: [
      "run"
    ],
    section: "Selecting",
    help: "refuse to rerun when more than N failed (a broken environment)",
    requires: "rerun-failed"
  },
  {
    name: "if-none",
    type: "choice",
    choices: [
      "fail",
      "pass",
      "all"
    ],
    value: "WHAT",
    commands: [
      "run"
    ],
    section: "Selecting",
    help: "when nothing is outstanding: fail (exit 2, default), pass, or all (run the suite)",
    requires: "rerun-failed"
  },
  {
    name: "shard",
    type: "shard",
    value: "I/N",
    commands: [
      "run"
    ],
    section: "Selecting",
    help: "run only shard I of N (by id hash, stable; or see --shard-by)"
  },
  {
    name: "shard-by",
    type: "choice",
    choices: [
      "hash",
      "duration"
    ],
    value: "HOW",
    example: "duration",
    commands: [
      "run"
    ],
    section: "Selecting",
    help: "split shards by id hash (stable placement) or by expected duration (balanced)",
    default: "hash",
    requires: "shard"
  },
  {
    name: "timings",
    type: "path",
    value: "PATH",
    commands: [
      "run"
    ],
    section: "Selecting",
    help: "durations for --shard-by duration: a smoke artifact or a durations.json",
    default: "the artifact directory's durations.json",
    requires: "shard-by"
  },
  {
    name: "list",
    type: "boolean",
    commands: [
      "run"
    ],
    section: "Selecting",
    help: "print the selected ids, one a line, and exit"
  },
  {
    name: "dry-run",
    type: "boolean",
    commands: [
      "run"
    ],
    section: "Selecting",
    help: "print how each selected fixture would run; run and write nothing"
  },
  {
    name: "concurrency",
    type: "integer",
    min: 1,
    value: "N",
    example: "4",
    commands: [
      "run"
    ],
    section: "Running",
    help: "fixtures at once",
    option: "concurrency",
    default: "one per CPU"
  },
  {
    name: "timeout",
    type: "integer",
    min: 1,
    max: MAX_TIMEOUT_MS,
    value: "MS",
    example: "30000",
    commands: [
      "run"
    ],
    section: "Running",
    help: "per-fixture timeout; a manifest's timeoutMs wins",
    option: "timeoutMs",
    default: "60000"
  },
  {
    name: "retries",
    type: "integer",
    min: 0,
    max: MAX_RETRIES,
    value: "N",
    example: "2",
    commands: [
      "run"
    ],
    section: "Running",
    help: "retries of a failing fixture",
    option: "retries",
    default: "0"
  },
  {
    name: "repeat",
    type: "integer",
    min: 2,
    max: 1e3,
    value: "N",
    example: "10",
    commands: [
      "run"
    ],
    section: "Running",
    help: "flake hunting: run each fixture N times in a row; pass rate and verdict per fixture (no retries unless --retries)"
  },
  {
    name: "max-failures",
    type: "integer",
    min: 1,
    value: "N",
    commands: [
      "run"
    ],
    section: "Running",
    example: "5",
    help: "start no new fixture once N have failed; the rest are not run, and owed",
    option: "maxFailures",
    default: "no limit"
  },
  {
    name: "no-services",
    type: "boolean",
    commands: [
      "run"
    ],
    section: "Running",
    help: "start none of smoke.jsonc's services: run the fixtures against what is already there"
  },
  {
    name: "order",
    type: "choice",
    choices: [
      "id",
      "duration"
    ],
    value: "HOW",
    example: "id",
    commands: [
      "run"
    ],
    section: "Running",
    option: "order",
    help: "start order: id, or duration (longest expected first, from the newest runs)",
    default: "duration when there are runs, else id"
  },
  {
    name: "fail-on-flaky",
    type: "boolean",
    commands: [
      "run",
      "merge"
    ],
    section: "Running",
    help: "a fixture that passed only on a retry fails the run"
  },
  {
    name: "deno",
    type: "path",
    value: "PATH",
    commands: [
      "run"
    ],
    section: "Running",
    help: "the Deno for script fixtures (also SMOKE_DENO)"
  },
  {
    name: "fixtures-dir",
    type: "path",
    value: "DIR",
    commands: [
      "run"
    ],
    section: "Locations and output",
    help: "fixtures directory",
    option: "fixturesDir",
    default: "fixtures/"
  },
  {
    name: "artifact-dir",
    type: "path",
    value: "DIR",
    commands: COMMANDS,
    section: "Locations and output",
    help: "artifact directory",
    option: "artifactDir",
    default: ".planning/artifacts/smoke/"
  },
  {
    name: "config",
    type: "path",
    value: "PATH",
    commands: COMMANDS,
    section: "Locations and output",
    help: "default smoke.jsonc, when present"
  },
  {
    name: "junit",
    type: "path",
    value: "PATH",
    commands: [
      "run"
    ],
    section: "Locations and output",
    help: "also write JUnit XML"
  },
  {
    name: "report",
    type: "boolean",
    commands: [
      "run"
    ],
    section: "Locations and output",
    help: "also write the HTML report after the run",
    option: "report",
    default: "off"
  },
  {
    name: "no-color",
    type: "boolean",
    commands: COMMANDS,
    section: "Locations and output",
    help: "no ANSI colour (also NO_COLOR, or when not a terminal)"
  },
  {
    name: "out",
    type: "path",
    value: "PATH",
    commands: [
      "merge",
      "report"
    ],
    help: "where merge or report writes"
  },
  {
    name: "last",
    type: "integer",
    min: 1,
    value: "N",
    example: "10",
    commands: [
      "report"
    ],
    help: "the newest N runs in the report"
  },
  {
    name: "help",
    short: "h",
    type: "boolean",
    commands: COMMANDS,
    section: "Locations and output",
    help: "this help"
  },
  {
    name: "version",
    type: "boolean",
    commands: COMMANDS,
    section: "Locations and output",
    help: "the version and how smoke runs (script, bundle or binary)"
  }
];

// lib/cli/_parse_argv.ts
var ArgvError = class extends TypeError {
  /** `ERR_PARSE_ARGS_UNKNOWN_OPTION` or `ERR_PARSE_ARGS_INVALID_OPTION_VALUE`. */
  code;
  /** The option as given (`--name` or `-x`). */
  option;
  /**
   * Makes the error.
   *
   * @param code The error code.
   * @param option The option as given.
   * @param message What is wrong.
   */
  constructor(code, option, message) {
    super(message);
    this.name = "ArgvError";
    this.code = code;
    this.option = option;
  }
};
var tokens = (function tokens(args, options) {
  const shorts = /* @__PURE__ */ new Map();
  for (const [name, option] of options) if (option.short) shorts.set(option.short, name);
  const typeOf = ((name) => name === void 0 ? void 0 : options.get(name)?.type);
  const found = [];
  const positionals = [];
  const rest = [
    ...args
  ];
  while (rest.length > 0) {
    const arg = rest.shift();
    if (arg === "--") {
      positionals.push(...rest);
      break;
    }
    const next = ((name) => typeOf(name) === "string" && rest.length > 0 ? rest.shift() : void 0);
    if (arg.length === 2 && arg[0] === "-" && arg[1] !== "-") {
      const name = shorts.get(arg[1]);
      const value = next(name);
      found.push({
        name,
        raw: arg,
        value,
        inline: false
      });
    } else if (arg.length > 2 && arg.startsWith("--")) {
      const equals = arg.indexOf("=", 3);
      const name = arg.slice(2, equals === -1 ? void 0 : equals);
      if (equals === -1) {
        found.push({
          name,
          raw: arg,
          value: next(name),
          inline: false
        });
      } else {
        found.push({
          name,
          raw: `--${name}`,
          value: arg.slice(equals + 1),
          inline: true
        });
      }
    } else if (arg.length > 2 && arg[0] === "-" && arg[1] !== "-") {
      const first = shorts.get(arg[1]);
      if (typeOf(first) === "string") {
        found.push({
          name: first,
          raw: arg.slice(0, 2),
          value: arg.slice(2),
          inline: true
        });
      } else {
        rest.unshift(...arg.slice(1).split("").map(((c) => `-${c}`)));
      }
    } else {
      positionals.push(arg);
    }
  }
  return {
    found,
    positionals
  };
});
var parseArgv = (function parseArgv(args, options) {
  const { found, positionals } = tokens(args, options);
  const values = /* @__PURE__ */ Object.create(null);
  for (const token of found) {
    const option = token.name === void 0 ? void 0 : options.get(token.name);
    if (token.name === void 0 || option === void 0) {
      throw new ArgvError("ERR_PARSE_ARGS_UNKNOWN_OPTION", token.raw, `Unknown option '${token.raw}'`);
    }
    const long = `--${token.name}`;
    if (option.type === "boolean" && token.value !== void 0) {
      throw new ArgvError("ERR_PARSE_ARGS_INVALID_OPTION_VALUE", long, `Option '${long}' does not take an argument`);
    }
    if (option.type === "string" && token.value === void 0) {
      throw new ArgvError("ERR_PARSE_ARGS_INVALID_OPTION_VALUE", long, `Option '${long} <value>' argument missing`);
    }
    if (!token.inline && token.value !== void 0 && token.value.length > 1 && token.value[0] === "-") {
      throw new ArgvError("ERR_PARSE_ARGS_INVALID_OPTION_VALUE", long, `Option '${long}' argument is ambiguous: a value that starts with "-" goes after "="`);
    }
    const value = option.type === "boolean" ? true : token.value;
    if (option.multiple) {
      const list = values[token.name];
      values[token.name] = Array.isArray(list) ? [
        ...list,
        value
      ] : [
        value
      ];
    } else {
      values[token.name] = value;
    }
  }
  return {
    values: {
      ...values
    },
    positionals
  };
});

// lib/cli/flags.ts
var SPECS = new Map(FLAGS.map(((spec) => [
  spec.name,
  spec
])));
var ARGV_OPTIONS = new Map(FLAGS.map(((spec) => [
  spec.name,
  {
    type: spec.type === "boolean" ? "boolean" : "string",
    ...spec.multiple ? {
      multiple: true
    } : {},
    ...spec.short ? {
      short: spec.short
    } : {}
  }
])));
var SUBCOMMANDS = [
  "merge",
  "report"
];
var PEER_FLAGS = {
  bail: '"--max-failures 1"',
  x: '"--max-failures 1"',
  exitfirst: '"--max-failures 1"',
  maxfail: '"--max-failures N"',
  lf: '"--rerun-failed"',
  "last-failed": '"--rerun-failed"',
  grep: '"--fixture PATTERN" or "--tag NAME"',
  k: '"--fixture PATTERN" or "--tag NAME"',
  m: '"--tag NAME"',
  "grep-invert": '"--exclude PATTERN" or "--exclude-tag NAME"',
  deselect: '"--exclude PATTERN"',
  ignore: '"--exclude PATTERN"',
  workers: '"--concurrency N"',
  j: '"--concurrency N"'
};
var HELP_HINT = "Run with --help for the flags and examples.";
var usage = (function usage(message, ...hints) {
  return new UserError(message, {
    kind: "usage",
    hints: [
      ...hints,
      HELP_HINT
    ]
  });
});
var integer = (function integer(spec, value) {
  const min = spec.min ?? 0;
  const max = spec.max ?? Number.MAX_SAFE_INTEGER;
  if (!/^\d+$/.test(value) || Number(value) < min || Number(value) > max) {
    const range = max === Number.MAX_SAFE_INTEGER ? `of at least ${min}` : `from ${min} to ${max}`;
    throw usage(`Invalid value for "--${spec.name}": "${displayName(value)}" is not a whole number ${range}`, spec.example === void 0 ? `Pass a whole number ${range}.` : `Pass a number, e.g. "--${spec.name} ${spec.example}".`);
  }
  return Number(value);
});
var shard = (function shard(value) {
  const match = /^(\d+)\/(\d+)$/.exec(value);
  const index = Number(match?.[1]);
  const total = Number(match?.[2]);
  if (match && !Number.isSafeInteger(total)) {
    throw usage(`Invalid value for "--shard": "${displayName(value)}": N is over ${Number.MAX_SAFE_INTEGER}`, 'Pass e.g. "--shard 1/3" for the first of three shards.');
  }
  if (!match || index < 1 || total < 1 || index > total) {
    throw usage(`Invalid value for "--shard": "${displayName(value)}" is not I/N with 1 <= I <= N`, 'Pass e.g. "--shard 1/3" for the first of three shards.');
  }
  return {
    index,
    total
  };
});
var checkPath = (function checkPath(name, value) {
  if (hasControlCharacter(value)) {
    throw usage(`Invalid value for "${name}": the path holds a control character (a newline, a tab)`, "Pass a path without control characters: smoke prints paths, and a newline in one would forge lines of its output.");
  }
  if (value.includes("\uFFFD")) {
    throw usage(`Invalid value for "${name}": the path is not valid UTF-8 (or holds U+FFFD)`, "Deno reads bytes that are not UTF-8 as U+FFFD, which would name another path: pass a UTF-8 path.");
  }
  return value;
});
var choice = (function choice(spec, value) {
  const choices = spec.choices ?? [];
  if (choices.includes(value)) return value;
  const suggestion = closest(value, choices);
  throw usage(`Invalid value for "--${spec.name}": "${displayName(value)}" is not one of ${choices.join(", ")}`, suggestion ? `Did you mean "--${spec.name} ${suggestion}"?` : `Pass one of: ${choices.map(((c) => `--${spec.name} ${c}`)).join(", ")}.`);
});
var convert = (function convert(spec, value) {
  if (value === void 0 || spec.type === "boolean") return value;
  const one = ((text) => {
    if (text === "") throw usage(`Invalid value for "--${spec.name}": the value is empty`);
    return spec.type === "integer" ? integer(spec, text) : spec.type === "shard" ? shard(text) : spec.type === "choice" ? choice(spec, text) : spec.type === "path" ? checkPath(`--${spec.name}`, text) : text;
  });
  return Array.isArray(value) ? value.map(one) : one(value);
});
var commandOf = (function commandOf(args) {
  for (let i = 0; i < args.length; i++) {
    const arg = args[i];
    if (arg === "--") break;
    if (arg.startsWith("-")) {
      const spec = SPECS.get(arg.replace(/^--?/, "").split("=")[0]);
      if (spec && spec.type !== "boolean" && !arg.includes("=")) i++;
      continue;
    }
    return SUBCOMMANDS.includes(arg) ? arg : "run";
  }
  return "run";
});
var translate = (function translate(error, command) {
  const name = error.option;
  switch (error.code) {
    case "ERR_PARSE_ARGS_UNKNOWN_OPTION": {
      const flag = name.replace(/^-+/, "");
      const peer = PEER_FLAGS[flag];
      if (peer && command === "run") {
        return usage(`Unknown flag "${displayName(name)}"`, `smoke says ${peer}.`);
      }
      const candidates = FLAGS.filter(((s) => s.commands.includes(command))).map(((s) => s.name));
      const suggestion = closest(flag, candidates);
      return usage(`Unknown flag "${displayName(name)}"`, ...suggestion ? [
        `Did you mean "--${suggestion}"?`
      ] : []);
    }
    case "ERR_PARSE_ARGS_INVALID_OPTION_VALUE": {
      const flag = name.replace(/^-+/, "");
      const takesValue = SPECS.get(flag)?.type !== "boolean";
      return takesValue ? usage(`Missing value for "--${flag}"`, `Write it as "--${flag} VALUE".`) : usage(`The flag "--${flag}" takes no value`, `Write it as "--${flag}" alone.`);
    }
  }
});
var notForCommand = (function notForCommand(spec, command) {
  const takers = spec.commands.map(((c) => c === "run" ? "a run" : `"smoke ${c}"`));
  if (command === "run") {
    return usage(`The flag "--${spec.name}" belongs to a subcommand`, `Use "--${spec.name}" with ${takers.join(" or ")}.`);
  }
  const own = FLAGS.filter(((s) => s.commands.includes(command) && s.commands.length < COMMANDS.length)).map(((s) => `--${s.name}`));
  const shared = FLAGS.filter(((s) => s.commands.length === COMMANDS.length && s.name !== "help" && s.name !== "version")).map(((s) => `--${s.name}`));
  const what = command === "merge" ? "artifact paths and " : "";
  return usage(`The flag "--${spec.name}" does not apply to "smoke ${command}"`, `smoke ${command} takes ${what}${[
    ...own,
    ...shared
  ].join(", ")}.`);
});
var parseFlags = (function parseFlags(args) {
  const command = commandOf(args);
  args.forEach(((arg, i) => {
    const spec = SPECS.get(arg.replace(/^--/, ""));
    const next = args[i + 1];
    const numeric = spec?.type === "integer" || spec?.type === "shard";
    if (arg.startsWith("--") && numeric && next && /^-\d/.test(next)) convert(spec, next);
    const dashValue = next !== void 0 && /^-[^-]/.test(next);
    if (arg.startsWith("--") && (spec?.type === "string" || spec?.type === "path") && dashValue && !SPECS.has(next.slice(1).split("=")[0]) && ![
      ...SPECS.values()
    ].some(((s) => s.short === next.slice(1)))) {
      throw usage(`Missing value for "--${spec.name}"`, `A value that starts with "-" goes after "=": "--${spec.name}=${next}".`);
    }
  }));
  let parsed;
  try {
    parsed = parseArgv(args, ARGV_OPTIONS);
  } catch (error) {
    if (error instanceof ArgvError) throw translate(error, command);
    throw error;
  }
  const { values, positionals } = parsed;
  if (positionals.length > 0) {
    const first = positionals[0];
    if (command !== "run" && first === command) {
      positionals.shift();
    } else {
      const suggestion = closest(first, SUBCOMMANDS);
      throw usage(`Unexpected argument "${displayName(first)}"`, suggestion ? `Did you mean the subcommand "${suggestion}"?` : `To run one fixture, write "--fixture ${first}".`);
    }
  }
  if (command === "report" && positionals.length > 0) {
    throw usage(`Unexpected argument "${displayName(positionals[0])}" after "report"`);
  }
  for (const input of positionals) checkPath(`${command} input`, input);
  const v = {};
  for (const spec of FLAGS) {
    const given = values[spec.name];
    if (given === void 0) continue;
    if (!spec.commands.includes(command)) throw notForCommand(spec, command);
    v[spec.name] = convert(spec, given);
  }
  if (v.timings !== void 0 && v["shard-by"] !== "duration") {
    throw usage('The flag "--timings" works only with "--shard-by duration"', v.shard === void 0 ? "Add --shard I/N --shard-by duration, or leave out --timings." : "Hash shards need no timings: add --shard-by duration, or leave out --timings.");
  }
  for (const spec of FLAGS) {
    if (spec.requires && v[spec.name] !== void 0 && v[spec.requires] === void 0) {
      throw usage(`The flag "--${spec.name}" works only with "--${spec.requires}"`, `Add --${spec.requires}, or leave out --${spec.name}.`);
    }
  }
  if (v.list && v["dry-run"]) {
    throw usage('The flags "--list" and "--dry-run" do not go together', "Use --list for the ids alone, or --dry-run for how each would run.");
  }
  return {
    command,
    positionals,
    fixtures: v.fixture ?? [],
    tags: v.tag ?? [],
    excludes: v.exclude ?? [],
    excludeTags: v["exclude-tag"] ?? [],
    maxFailures: v["max-failures"],
    rerunFailed: v["rerun-failed"] === true,
    artifact: v.artifact,
    dryRun: v["dry-run"] === true,
    list: v.list === true,
    concurrency: v.concurrency,
    timeoutMs: v.timeout,
    retries: v.retries,
    repeat: v.repeat,
    fixturesDir: v["fixtures-dir"],
    artifactDir: v["artifact-dir"],
    config: v.config,
    junit: v.junit,
    shard: v.shard,
    shardBy: v["shard-by"],
    timings: v.timings,
    failOnFlaky: v["fail-on-flaky"] === true,
    rerunMaxFailures: v["rerun-max-failures"],
    ifNone: v["if-none"],
    order: v.order,
    report: v.report === true,
    deno: v.deno,
    noColor: v["no-color"] === true,
    noServices: v["no-services"] === true,
    out: v.out,
    last: v.last,
    help: v.help === true,
    version: v.version === true
  };
});
var flagHelp = (function flagHelp(options = {}) {
  const sections = [
    "Selecting",
    "Running",
    "Locations and output"
  ];
  const blocks = sections.map(((section) => {
    const lines = FLAGS.filter(((s) => s.section === section)).map(((s) => {
      const left = `${s.short ? `-${s.short}, ` : ""}--${s.name}${s.value ? ` ${s.value}` : ""}`;
      const effective = options.effective?.[s.name];
      const bare = ((text) => text.replace(/\/+$/, ""));
      const here = effective && bare(effective.value) !== bare(s.default ?? "") ? effective : void 0;
      const note = s.default === void 0 ? "" : here ? ` (here: ${here.value}, from ${here.from}; default ${s.default})` : ` (default ${s.default})`;
      return `  ${left.padEnd(22)}  ${s.help}${note}`;
    }));
    return `${section}:
${lines.join("\n")}`;
  }));
  return blocks.join("\n\n");
});

// lib/cli/help.ts
var example = (function example(name) {
  const spec = FLAGS.find(((s) => s.name === name));
  return spec?.example ?? spec?.value ?? "";
});
var exampleLine = (function exampleLine(invocation, args, what) {
  return `  ${invocation}${` ${args} `.padEnd(34)}${what}`;
});
var helpText = (function helpText(invocation, settings = {}) {
  const s = invocation;
  const fixtures = `${(settings.effective?.["fixtures-dir"]?.value ?? "fixtures").replace(/\/+$/, "")}/`;
  const unreadable = settings.unreadableConfig === void 0 ? "" : `
Config "${settings.unreadableConfig}" could not be read, so the defaults are shown; run without --help for why.
`;
  return `smoke: run a folder of smoke checks, keep a JSON artifact, rerun what failed.
${unreadable}
Usage:
  ${s} [flags]                   run every fixture under ${fixtures}
  ${s} --rerun-failed [flags]    run only what failed in the last run
  ${s} merge A.json B.json... [--out PATH]
                                 combine shard or rerun artifacts into one
                                 (default --out: <artifact-dir>/latest.json)
  ${s} report [--out PATH] [--last N]
                                 write the HTML history report of the last N runs
                                 (default: <artifact-dir>/report.html, 50 runs)

Fixtures (under ${fixtures}, or --fixtures-dir):
  X.smoke.ts      a Deno script; passes when it exits 0 in time
  X.smoke.jsonc   a manifest: beside X.smoke.ts it configures it; alone it names
                  "command": ["prog", "arg"] or "script": "path.ts"
  The id is the path without the suffix: ${fixtures}api/health.smoke.ts is api/health.

${flagHelp(settings)}

Exit codes:
  0 every selected fixture passed   1 at least one failed
  2 usage, config, catalog or rerun-preflight error (nothing ran)
  3 smoke crashed (a bug)           129 hung up (SIGHUP)
  130 interrupted (SIGINT)          143 terminated (SIGTERM)

Examples:
  ${s}                                  run everything
  ${s} --fixture 'api/*' --retries 1    the api fixtures, one retry each
  ${s} --fixture 'web/**' --exclude-tag slow
                                        everything under web/ but the slow ones
  ${s} --tag api --max-failures 1       the api-tagged ones; stop at the first failure
  ${s} --rerun-failed                   rerun what is still failing
  ${s} --rerun-failed --if-none pass    the same, and pass when nothing is owed
  ${s} --rerun-failed --dry-run         show what would rerun, run nothing
  ${s} --rerun-failed --artifact ci/latest.json
                                        rerun the failures a CI run left behind
${exampleLine(s, `--timeout ${example("timeout")} --concurrency ${example("concurrency")}`, `${example("timeout")} ms per fixture, ${example("concurrency")} at once`)}
${exampleLine(s, `report --last ${example("last")}`, `the report of the newest ${example("last")} runs`)}
`;
});

// lib/cli/help_settings.ts
var shown = (function shown(value) {
  return typeof value === "boolean" ? value ? "on" : "off" : String(value);
});
var helpSettings = (async function helpSettings(flags, cwd) {
  const configFile = flags.config ?? DEFAULTS.configFile;
  let config = {};
  let unreadableConfig;
  try {
    config = await loadConfig(flags, cwd);
  } catch (error) {
    if (!(error instanceof UserError) && !isIoError(error)) throw error;
    unreadableConfig = configFile;
  }
  const effective = {};
  for (const spec of FLAGS) {
    if (!spec.option) continue;
    const given = flags[spec.option];
    if (given !== void 0 && given !== false) {
      effective[spec.name] = {
        value: shown(given),
        from: `--${spec.name}`
      };
    } else if (config[spec.option] !== void 0) {
      effective[spec.name] = {
        value: shown(config[spec.option]),
        from: configFile
      };
    }
  }
  return {
    effective,
    ...unreadableConfig !== void 0 ? {
      unreadableConfig
    } : {}
  };
});

// lib/cli/invocation.ts
var SHELL_CONTROL = /[;&|`\n\r]|\$\(/;
var PLAIN_WORD = /^[A-Za-z0-9_.:@%+=,/-]+$/;
var PRINTABLE = /^[^\p{Cc}]+$/u;
var userInvocation = (function userInvocation(base, context) {
  const { env } = context;
  const script = npmScript(env);
  if (script !== void 0) return `npm run ${script} --`;
  const own = env.SMOKE_INVOCATION?.trim();
  if (own && PRINTABLE.test(own)) return own;
  if (/^deno\s/.test(base) && startedByNpm(env)) {
    const fetched = /[\\/]_npx[\\/]/.test(context.execPath);
    const inProject = /[\\/]node_modules[\\/]/.test(context.execPath);
    if (fetched && PLAIN_WORD.test(context.denoVersion)) {
      return `npx --yes deno@${context.denoVersion}${base.slice("deno".length)}`;
    }
    if (inProject) return `npx deno${base.slice("deno".length)}`;
  }
  return base;
});
var npmScript = (function npmScript(env) {
  const event = env.npm_lifecycle_event;
  const script = env.npm_lifecycle_script;
  if (!event || event === "npx" || env.npm_command === "exec" || script === void 0) {
    return void 0;
  }
  const agent = env.npm_config_user_agent;
  if (agent !== void 0 && !agent.startsWith("npm/")) return void 0;
  if (SHELL_CONTROL.test(script) || !PLAIN_WORD.test(event)) return void 0;
  return event;
});
var startedByNpm = (function startedByNpm(env) {
  return env.npm_command !== void 0 || env.npm_lifecycle_event !== void 0;
});

// lib/cli/entry.ts
var absoluteIfPath = (function absoluteIfPath(program, from) {
  return /[\\/]/.test(program) && !isAbsolute(program) ? resolve(from, program) : program;
});
export {
  ProcessGroups,
  UserError,
  VERSION,
  absoluteIfPath,
  checkPath,
  createSafeWriter,
  envUnreadable,
  formatUserError,
  formatWarning,
  helpSettings,
  helpText,
  ioFallbackError,
  parseFlags,
  readEnv,
  resultLine,
  runSmoke,
  runtimeFacts,
  runtimeInfo,
  userInvocation,
  workingDirectory
};
//# sourceMappingURL=entry.js.map
