// @ts-self-types="../../lib/cli/merge_command.ts"
import {
  acquireRunLock,
  pruneHistory,
  rerunCommandOf
} from "../chunk-TLFMASP5.js";
import {
  runsOf
} from "../chunk-3MMUIKPQ.js";
import {
  VERSION
} from "../chunk-RTJN24GS.js";
import {
  loadConfig,
  resolveOptions,
  smokeCommand
} from "../chunk-EYJ7RDVV.js";
import {
  displayPath,
  runEnvironment
} from "../chunk-6G3CJ2FL.js";
import "../chunk-YHN6PYAE.js";
import {
  outcomeCounts,
  renderSummary,
  suiteSummary,
  unstartedCounts
} from "../chunk-2YEAZSI3.js";
import {
  namesLatest
} from "../chunk-2LNRIRNY.js";
import {
  colorWanted,
  palette,
  renderFixtureLine
} from "../chunk-JXGFLTXX.js";
import "../chunk-25NTBGEA.js";
import {
  SaveRunError,
  ensureHistoryDir,
  historyPaths,
  newRunId,
  prepareHistory,
  saveRun,
  serializeArtifact
} from "../chunk-4VDBSXWI.js";
import {
  checkOutputPath,
  writeOutputFile
} from "../chunk-YGD3FBYJ.js";
import "../chunk-VB43T7UN.js";
import {
  advanceState,
  stateFromRecord,
  suiteRecord,
  suiteVerdict
} from "../chunk-GJW5UQ5D.js";
import "../chunk-JEDHTE3D.js";
import {
  shellQuote
} from "../chunk-DBSKOPQR.js";
import "../chunk-2N47EPJ5.js";
import {
  join,
  resolve
} from "../chunk-UZCZWFUL.js";
import {
  checkSource,
  readSourceFile
} from "../chunk-URNA5CV7.js";
import "../chunk-4SYLYQRO.js";
import "../chunk-IEQXTUCM.js";
import "../chunk-UXUXC4ZF.js";
import {
  createArtifact
} from "../chunk-PBQEZ4VD.js";
import {
  cutShort,
  interruptedWithoutResult
} from "../chunk-VPM3V57A.js";
import "../chunk-6MYH7WWL.js";
import "../chunk-XRBLM22N.js";
import {
  ExitCode,
  UserError,
  formatWarning,
  stopIfInterrupted
} from "../chunk-WBZQOSKS.js";
import "../chunk-ANYOMBVL.js";

// lib/cli/merge_artifacts.ts
var byId = (function byId(a, b) {
  return a.id < b.id ? -1 : a.id > b.id ? 1 : 0;
});
var shardRank = (function shardRank(result) {
  if (result.attempts === 0) return 0;
  return result.status === "failed" && !interruptedWithoutResult(result) ? 2 : 1;
});
var mergeArtifacts = (function mergeArtifacts(inputs, options) {
  if (inputs.length === 0) throw new RangeError("Cannot merge artifacts: none were given");
  const fixtures = /* @__PURE__ */ new Map();
  const selected = /* @__PURE__ */ new Set();
  const diagnostics = /* @__PURE__ */ new Map();
  const keep = ((d) => diagnostics.set(`${d.code}
${d.message}`, d));
  let startedAt = Infinity;
  let finishedAt = -Infinity;
  inputs.forEach((({ path, artifact }, index) => {
    startedAt = Math.min(startedAt, Date.parse(artifact.startedAt));
    finishedAt = Math.max(finishedAt, Date.parse(artifact.finishedAt));
    for (const id of artifact.selection.fixtureIds) selected.add(id);
    for (const d of artifact.diagnostics) if (d.level === "warning") keep(d);
    for (const result of artifact.fixtures) {
      selected.add(result.id);
      const before = fixtures.get(result.id);
      if (before && before.from !== index) {
        const earlier = inputs[before.from];
        const mine = artifact.selection.shard;
        const theirs = earlier.artifact.selection.shard;
        if (mine && theirs && mine.total === theirs.total && mine.index !== theirs.index) {
          if (shardRank(before.result) > shardRank(result)) continue;
          fixtures.set(result.id, {
            result,
            from: index
          });
          continue;
        }
        if (Date.parse(artifact.startedAt) < Date.parse(earlier.artifact.startedAt)) {
          keep({
            code: "MERGE_ORDER",
            level: "warning",
            message: `"${path}" (run ${artifact.runId}) replaces results of "${earlier.path}" (run ${earlier.artifact.runId}), which started later`,
            hint: "Later inputs win: list artifacts oldest first, a run before its reruns."
          });
        }
      }
      fixtures.set(result.id, {
        result,
        from: index
      });
    }
  }));
  const artifacts = inputs.map(((i) => i.artifact));
  const coverage = shardCoverage(artifacts);
  if (coverage.splitsDiffer) {
    keep({
      code: "SHARDS_SPLIT_DIFFERENTLY",
      level: "warning",
      message: "The shards were split differently (another --shard-by, shard count, catalog, selection or timings): together they may have run a fixture twice and another not at all",
      hint: "Give every shard the same catalog, selection and timings (one --timings file, or one durations.json restored into each artifact directory), then run them again."
    });
  }
  const merged = [
    ...fixtures.values()
  ].map(((f) => f.result)).sort(byId);
  const created = createArtifact({
    runId: options.runId,
    mode: "merged",
    startedAt: new Date(startedAt),
    finishedAt: new Date(Math.max(startedAt, finishedAt)),
    version: options.version,
    environment: options.environment,
    selection: {
      fixtureIds: [
        ...selected
      ].sort()
    },
    fixtures: merged,
    failOnFlaky: options.failOnFlaky,
    interrupted: merged.some(((f) => f.failure?.kind === "interrupted"))
  });
  const state = mergedState(artifacts, {
    runId: options.runId,
    fixtures: merged,
    full: coverage.full,
    ...options.prior ? {
      prior: options.prior
    } : {}
  });
  const suite = suiteRecord(state, options.runId);
  const { diagnostics: _, ...rest } = {
    ...created,
    // Unless the inputs are every shard of one full run, the merge is a partial run.
    ...state.since === options.runId ? {} : {
      // Quarantined failures leave the suite's verdict as they leave a run's.
      combined: suiteVerdict(state, {
        ...options,
        quarantined: new Set(merged.filter(((f) => f.quarantined)).map(((f) => f.id)))
      })
    },
    suite
  };
  const listed = inputs.map((({ path, sha256, artifact }) => ({
    path,
    runId: artifact.runId,
    sha256
  })));
  return {
    ...rest,
    inputs: listed,
    diagnostics: [
      ...diagnostics.values()
    ]
  };
});
var MISSING_SHOWN = 5;
var shardCoverage = (function shardCoverage(artifacts) {
  const shards = artifacts.map(((a) => a.selection.shard));
  const first = shards[0];
  const other = artifacts.find(((a) => a.mode !== "full" || !a.selection.shard));
  if (first === void 0 || other !== void 0) {
    const shardOfFull = artifacts.some(((a) => a.mode === "full" && a.selection.shard));
    return shardOfFull && other ? {
      full: false,
      line: `Not a full run: run ${other.runId} is ${other.selection.shard ? "a shard of " : ""}a ${other.mode} run, not a shard of a full run.`
    } : {
      full: false
    };
  }
  const same = ((a, b) => a === void 0 ? b === void 0 : b !== void 0 && a.length === b.length && a.every(((n, i) => n === b[i])));
  const oneSplit = shards.every(((s) => s !== void 0 && s.total === first.total && s.split === first.split && same(s.withFixtures, first.withFixtures)));
  if (!oneSplit) {
    return shards.some(((s) => s?.split === void 0)) && shards.some(((s) => s?.split)) ? {
      full: false,
      line: "Not a full run: some shards record no split (written by an older smoke), so they cannot be matched with the others."
    } : {
      full: false,
      line: "Not a full run: the shards are of different splits (another --shard-by, shard count, catalog, selection or timings), so together they need not have run every fixture.",
      splitsDiffer: true
    };
  }
  const { total, withFixtures } = first;
  const present = new Set(shards.map(((s) => s.index)));
  const expected = withFixtures?.length ?? total;
  if (present.size === expected) {
    return {
      full: true,
      line: withFixtures ? `Every shard of one split that got fixtures (${expected} of ${total}): a full run.` : `Every shard of one split (${total}): a full run.`
    };
  }
  const missing = [];
  for (const index of withFixtures ?? []) if (!present.has(index)) missing.push(index);
  if (!withFixtures) {
    for (let index = 1; index <= total && missing.length <= MISSING_SHOWN; index++) {
      if (!present.has(index)) missing.push(index);
    }
  }
  const count = expected - present.size;
  const named = missing.slice(0, MISSING_SHOWN).map(((i) => `${i}/${total}`));
  return {
    full: false,
    line: count === 1 ? `Not a full run: shard ${named[0]} is missing.` : `Not a full run: ${count} shards are missing (${named.join(", ")}${count > named.length ? ", ..." : ""}).`
  };
});
var mergedState = (function mergedState(artifacts, merged) {
  if (merged.full) {
    return advanceState(void 0, {
      runId: merged.runId,
      mode: "full",
      fixtures: merged.fixtures
    });
  }
  if (merged.prior) {
    return advanceState(merged.prior, {
      runId: merged.runId,
      mode: "merged",
      fixtures: merged.fixtures
    });
  }
  let state;
  for (const artifact of artifacts) {
    const own = artifact.suite ? stateFromRecord(artifact.suite) : advanceState(void 0, {
      ...artifact,
      shard: artifact.selection.shard
    });
    state = {
      ...own.since ?? state?.since ? {
        since: own.since ?? state?.since
      } : {},
      entries: new Map([
        ...state?.entries ?? [],
        ...own.entries
      ])
    };
  }
  return advanceState(state, {
    runId: merged.runId,
    mode: "merged",
    fixtures: merged.fixtures
  });
});

// lib/cli/merge_command.ts
var ADVICE = {
  ARTIFACT_NOT_FOUND: "Check the path. In CI, check that every shard job uploaded its artifact and that the merge job downloaded them all.",
  ARTIFACT_INVALID_JSON: "The file is damaged. Each run also keeps a copy in runs/<runId>.json beside latest.json.",
  ARTIFACT_SCHEMA_MISMATCH: "Pass files smoke wrote: latest.json or runs/<runId>.json of an artifact directory.",
  ARTIFACT_UNSUPPORTED_VERSION: "It was written by another smoke version: merge with that version, or run the suite again.",
  ARTIFACT_TOO_LARGE: "A smoke artifact is far smaller; check that the path names the right file."
};
var readInputs = (async function readInputs(paths, cwd) {
  const inputs = [];
  const problems = [];
  for (const path of paths) {
    const file = await readSourceFile(resolve(cwd, path));
    if (!file.ok) {
      problems.push({
        path,
        code: file.code,
        message: file.message
      });
      continue;
    }
    const checked = checkSource(file.text);
    if (!checked.ok) {
      problems.push({
        path,
        code: checked.code,
        message: checked.message
      });
      continue;
    }
    inputs.push({
      path,
      sha256: file.sha256,
      artifact: checked.artifact
    });
  }
  if (problems.length === 0) return inputs;
  const describe = ((p, code = true) => `"${p.path}"${code ? ` [${p.code}]` : ""}: ${p.message.split("\n").join("\n    ")}`);
  const message = problems.length === 1 ? `Cannot merge artifact ${describe(problems[0], false)}` : `Cannot merge: ${problems.length} of ${paths.length} artifacts are invalid
` + problems.map(((p) => `  ${describe(p)}`)).join("\n");
  throw new UserError(message, {
    kind: "preflight",
    code: problems[0].code,
    hints: [
      ...new Set(problems.map(((p) => ADVICE[p.code]))),
      "Nothing was written; fix or leave out the invalid files and merge again."
    ]
  });
});
var checkFlags = (function checkFlags(flags) {
  if (flags.positionals.length === 0) {
    throw new UserError("Cannot merge: no artifacts given", {
      kind: "usage",
      hints: [
        'Name the artifacts to merge, e.g. "smoke merge shard-1.json shard-2.json".'
      ]
    });
  }
});
var olderThanLatest = (function olderThanLatest(inputs, latest) {
  const { runId, startedAt } = latest;
  if (runId === void 0 || startedAt === void 0) return void 0;
  if (inputs.some(((input) => runsOf(input).includes(runId)))) return void 0;
  const began = Date.parse(startedAt);
  const older = inputs.filter(((a) => Date.parse(a.startedAt) < began)).map(((a) => a.runId));
  if (older.length === 0) return void 0;
  return {
    code: "MERGE_ORDER",
    level: "warning",
    message: `Run${older.length === 1 ? "" : "s"} ${older.slice(0, 3).join(", ")}${older.length > 3 ? ` and ${older.length - 3} more` : ""} started before run ${runId}, which latest.json holds: the merge replaces newer results`,
    hint: "To keep the newer results, merge their artifact after these (later inputs win: latest.json last), or pass --out PATH to merge elsewhere without changing this directory."
  };
});
var saveIntoHistory = (async function saveIntoHistory(paths, build, context) {
  const { shownDir } = context;
  await ensureHistoryDir(paths, shownDir);
  const lock = await acquireRunLock(paths.dir, {
    shownDir,
    runId: context.runId
  });
  try {
    for (const warning of lock.warnings) context.io.stderr(formatWarning(warning));
    prepareHistory(paths, {
      shownDir,
      replacesLatest: true
    });
    const { readPriorState } = await import("../prior_state-76MDUFKA.js");
    const read = await readPriorState(paths, {
      shownDir
    });
    const prior = context.full ? void 0 : read.state;
    const older = olderThanLatest(context.inputs, read);
    const stateWarnings = [
      ...context.full ? [] : read.diagnostics,
      ...older ? [
        older
      ] : []
    ];
    const artifact = build(prior, stateWarnings);
    const { addMergedDurations, runsInHistory } = await import("../merged_durations-LIHCERSH.js");
    const counted = runsInHistory(paths, context.inputs.flatMap(runsOf));
    try {
      await saveRun(paths, artifact, {
        updateLatest: true
      });
    } catch (error) {
      if (!(error instanceof SaveRunError)) throw error;
      const shown = ((path) => displayPath(path, context.io.cwd));
      throw new UserError(`Cannot write "${shown(error.path)}": ${error.message}`, {
        kind: "artifact",
        code: "ARTIFACT_WRITE_FAILED",
        hints: [
          error.runFileWritten ? `The merged run is saved in "${shown(error.runFile)}"; latest.json still holds the previous run.` : "Free disk space or fix permissions, or pass --out PATH."
        ],
        cause: error
      });
    }
    const pruned = pruneHistory(paths, {
      limit: context.historyLimit,
      keep: [
        artifact.runId
      ],
      shownDir
    });
    for (const warning of pruned.warnings) context.io.stderr(formatWarning(warning));
    const warnings = await addMergedDurations(paths.dir, context.inputs, {
      // Every shard of one split, run to its end (as a full run that drops the shared split
      // timings: one cut short measured too little to split by).
      full: context.full && !cutShort(artifact.fixtures),
      shownDir,
      counted,
      runId: artifact.runId
    });
    for (const warning of warnings) context.io.stderr(formatWarning(warning));
    return artifact;
  } finally {
    lock.release();
  }
});
var runMerge = (async function runMerge(flags, io) {
  checkFlags(flags);
  const config = await loadConfig(flags, io.cwd);
  const options = resolveOptions(flags, config, 1);
  const inputs = await readInputs(flags.positionals, io.cwd);
  const runId = newRunId(io.now());
  const build = ((prior, warnings = []) => {
    const artifact2 = mergeArtifacts(inputs, {
      runId,
      version: VERSION,
      environment: runEnvironment(io.env),
      failOnFlaky: flags.failOnFlaky,
      ...prior ? {
        prior
      } : {}
    });
    return warnings.length ? {
      ...artifact2,
      diagnostics: [
        ...artifact2.diagnostics,
        ...warnings
      ]
    } : artifact2;
  });
  const coverage = shardCoverage(inputs.map(((input) => input.artifact)));
  const paths = historyPaths(resolve(io.cwd, options.artifactDir));
  const shownOut = flags.out ?? `${options.artifactDir}/latest.json`;
  const out = resolve(io.cwd, shownOut);
  const intoLatest = namesLatest(out, paths);
  checkOutputPath(out, {
    shown: shownOut,
    label: "the merged artifact",
    fileOnly: intoLatest
  });
  await stopIfInterrupted(io.signal, "the merge wrote nothing");
  let artifact;
  if (intoLatest) {
    artifact = await saveIntoHistory(paths, build, {
      io,
      shownDir: options.artifactDir,
      historyLimit: options.historyLimit,
      inputs: inputs.map(((input) => input.artifact)),
      // Every shard of one split: a full run, which starts the suite's state again.
      full: coverage.full,
      runId
    });
  } else {
    artifact = build();
    await writeOutputFile(out, serializeArtifact(artifact), {
      what: "the merged artifact",
      shown: shownOut
    });
  }
  const artifactPath = intoLatest ? displayPath(join(paths.runs, `${artifact.runId}.json`), io.cwd) : shownOut;
  const flat = ((text) => text.replace(/[\r\n]+/g, " "));
  const origin = /* @__PURE__ */ new Map();
  for (const { artifact: input } of inputs) {
    for (const d of input.diagnostics) {
      const key = `${d.code}
${d.message}`;
      if (!origin.has(key)) origin.set(key, input.runId);
    }
  }
  for (const d of artifact.diagnostics) {
    const runId2 = origin.get(`${d.code}
${d.message}`);
    io.stderr(formatWarning({
      code: flat(d.code),
      message: `${runId2 ? `In run ${runId2}: ` : ""}${flat(d.message)}`,
      ...d.hint ? {
        hint: flat(d.hint)
      } : {}
    }));
  }
  const colors = palette(colorWanted({
    isTerminal: io.isTerminal,
    noColor: flags.noColor,
    env: io.env
  }));
  const owed = rerunCommandOf(artifact, smokeCommand(io.invocation, flags));
  const rerunCommand = owed && !intoLatest ? `${owed} ${shellQuote([
    "--artifact",
    shownOut
  ])}` : owed;
  const lines = [
    `Merged ${inputs.length} artifact${inputs.length === 1 ? "" : "s"}:`
  ];
  for (const { path, artifact: input } of inputs) {
    const s = input.summary;
    const counts = [
      ...outcomeCounts(s, unstartedCounts(input.fixtures), palette(false)),
      ...s.skipped ? [
        `${s.skipped} skipped`
      ] : []
    ].join(", ");
    lines.push(`  ${flat(path)}  run ${input.runId}  ${s.total} fixture${s.total === 1 ? "" : "s"} (${counts})`);
  }
  if (coverage.line) lines.push(coverage.line);
  lines.push("");
  for (const result of artifact.fixtures) {
    lines.push(renderFixtureLine({
      result,
      failedAttempts: [],
      outputLeaked: false
    }, colors));
  }
  if (artifact.fixtures.length === 0) {
    lines.push("The inputs hold no fixture results: a merge of nothing does not pass.");
  }
  lines.push("");
  lines.push(...renderSummary({
    summary: artifact.summary,
    result: artifact.result,
    durationMs: artifact.durationMs,
    artifactPath,
    interrupted: artifact.interrupted,
    ...unstartedCounts(artifact.fixtures),
    ...rerunCommand ? {
      rerunCommand
    } : {},
    // Unless it is every shard of one full run, a merge is a partial run: like a run's summary,
    // it shows the suite's verdict and what the suite still owes. Its RESULT stays its own: the
    // merged run judges the fixtures it merged.
    ...artifact.combined ? {
      combined: artifact.combined,
      combinedLabel: "Suite verdict",
      ...artifact.suite ? {
        suite: suiteSummary(artifact.suite)
      } : {}
    } : {}
  }, colors));
  await stopIfInterrupted(io.signal, `the merged artifact was written (${artifactPath}${intoLatest ? `, and ${shownOut} with it` : ""}), but the merge does not pass`);
  io.stdout(lines.join("\n") + "\n");
  return artifact.result === "pass" ? ExitCode.Pass : ExitCode.Fail;
});
export {
  runMerge
};
//# sourceMappingURL=merge_command.js.map
