import {
  leftoverDiagnostics,
  readStat,
  running,
  stopOrphans
} from "./chunk-RTJN24GS.js";
import {
  jsonValue,
  unchangedRecoveryNote
} from "./chunk-YHN6PYAE.js";
import {
  suiteSummary,
  unstartedCounts
} from "./chunk-2YEAZSI3.js";
import {
  isDiagnosticsRunId,
  isRunId
} from "./chunk-4VDBSXWI.js";
import {
  describeWriteFailure,
  isWriteFailure,
  lstatIfPresent
} from "./chunk-YGD3FBYJ.js";
import {
  advanceState,
  dropStale,
  isFullRun,
  suiteRecord,
  suiteVerdict
} from "./chunk-GJW5UQ5D.js";
import {
  join
} from "./chunk-UZCZWFUL.js";
import {
  createArtifact
} from "./chunk-PBQEZ4VD.js";
import {
  interruptedWithoutResult,
  keptFromStarting
} from "./chunk-VPM3V57A.js";
import {
  ExitCode,
  SIGNAL_EXIT_CODES,
  UserError
} from "./chunk-WBZQOSKS.js";
import {
  sleep
} from "./chunk-ANYOMBVL.js";

// lib/cli/run_outcome.ts
var withPrevious = (function withPrevious(ends, input) {
  const rerun = input.selection.rerun;
  return ends.map((({ result, planned }) => {
    const before = rerun?.state.entries.get(result.id)?.status;
    const fingerprint = input.fingerprints?.get(result.id);
    const quarantined = input.selection.quarantine?.get(result.id);
    const { tags = [], description } = planned?.fixture ?? {};
    return {
      ...result,
      ...description ? {
        description
      } : {},
      ...tags.length ? {
        tags: [
          ...tags
        ]
      } : {},
      ...fingerprint ? {
        fingerprint
      } : {},
      ...before ? {
        previousStatus: before
      } : {},
      ...quarantined ? {
        quarantined: {
          ...quarantined
        }
      } : {}
    };
  }));
});
var runArtifact = (function runArtifact(input) {
  const { selection } = input;
  const fixtures = withPrevious(input.ends, input);
  const run = {
    runId: input.runId,
    mode: selection.mode,
    shard: input.shard,
    fixtures
  };
  const state = advanceState(isFullRun(run) ? void 0 : input.prior, run);
  const counted = selection.catalogIds ? dropStale(state, selection.catalogIds).state : state;
  const quarantine = selection.quarantine;
  const combined = isFullRun(run) ? void 0 : suiteVerdict(counted, {
    ...input,
    ...quarantine ? {
      quarantined: new Set(quarantine.keys())
    } : {}
  });
  return createArtifact({
    runId: input.runId,
    mode: selection.mode,
    startedAt: input.startedAt,
    finishedAt: input.finishedAt,
    version: input.version,
    environment: input.environment,
    selection: {
      fixtureIds: selection.planned.map(((p) => p.fixture.id)),
      ...selection.rerun ? {
        source: selection.rerun.sourceRef
      } : {},
      ...input.shard ? {
        shard: {
          ...input.shard,
          ...selection.shardRecord
        }
      } : {}
    },
    fixtures,
    failOnFlaky: input.failOnFlaky,
    interrupted: input.interrupted,
    combined,
    suite: suiteRecord(state, input.runId),
    diagnostics: input.diagnostics,
    ...input.services?.length ? {
      services: input.services
    } : {}
  });
});
var servicesDownOf = (function servicesDownOf(artifact) {
  const down = (artifact.services ?? []).filter(((s) => s.status === "exited"));
  return down.length ? {
    servicesDown: down.map(((s) => ({
      name: s.name,
      ...s.exitCode != null ? {
        exitCode: s.exitCode
      } : {},
      ...s.signal ? {
        signal: s.signal
      } : {}
    })))
  } : {};
});
var shardTook = (function shardTook(shard, fixtures) {
  const unmeasured = ((f) => interruptedWithoutResult(f) || keptFromStarting(f));
  const notPredicted = new Set(shard.notPredicted ?? []);
  const predicted = fixtures.filter(((f) => !notPredicted.has(f.id)));
  const unfinished = predicted.filter(unmeasured).length;
  const runs = Math.max(...fixtures.map(((f) => f.repeat?.runs ?? 1)), 1);
  return {
    index: shard.index,
    total: shard.total,
    predictedMs: shard.predictedMs,
    actualMs: predicted.reduce(((sum, f) => unmeasured(f) ? sum : sum + f.durationMs), 0),
    ...notPredicted.size ? {
      pulledIn: notPredicted.size
    } : {},
    ...unfinished ? {
      unfinished
    } : {},
    ...runs > 1 ? {
      runs
    } : {}
  };
});
var rerunCommandOf = (function rerunCommandOf(artifact, command) {
  const owed = artifact.suite?.outstanding.length ?? artifact.summary.failed + (artifact.combined?.summary.failed ?? 0);
  return owed > 0 ? `${command} --rerun-failed` : void 0;
});
var SLOW_RUN_MS = 5e3;
var SLOWEST_SHOWN = 5;
var slowestOf = (function slowestOf(artifact) {
  if (artifact.durationMs < SLOW_RUN_MS) return {};
  const ran = artifact.fixtures.filter(((f) => f.attempts > 0));
  if (ran.length < 2) return {};
  const slowest = [
    ...ran
  ].sort(((a, b) => b.durationMs - a.durationMs || (a.id < b.id ? -1 : 1))).slice(0, SLOWEST_SHOWN).map(((f) => ({
    id: f.id,
    durationMs: f.durationMs
  })));
  return {
    slowest
  };
});
var recoveredOf = (function recoveredOf(artifact, input) {
  const unchanged = new Set(input.unchanged);
  return artifact.fixtures.filter(((f) => f.previousStatus === "failed" && f.status === "passed")).map(((f) => f.flaky ? `${f.id} (flaky: passed on a retry)` : unchanged.has(f.id) ? unchangedRecoveryNote(f.id, input.outcomes?.get(f.id)) : f.id));
});
var runSummary = (function runSummary(input) {
  const { artifact, saved } = input;
  const interrupted = input.signal !== void 0;
  const rerunCommand = rerunCommandOf(artifact, input.command);
  const result = saved.latestWritten && !input.reporterFailed ? artifact.result : "fail";
  const flakyIds = artifact.fixtures.filter(((f) => f.flaky && !f.quarantined)).map(((f) => f.id));
  const recovered = recoveredOf(artifact, input);
  const combined = artifact.combined;
  const view = {
    summary: artifact.summary,
    result,
    durationMs: artifact.durationMs,
    ...saved.runFileWritten ? {
      artifactPath: input.runFile
    } : {},
    interrupted,
    // Without latest.json the default rerun would read the previous run: no command is printed.
    ...rerunCommand && saved.latestWritten ? {
      rerunCommand
    } : {},
    ...combined ? {
      combined,
      recovered,
      combinedLabel: input.rerun ? "After rerun" : "Suite verdict",
      ...artifact.suite ? {
        suite: suiteSummary(artifact.suite, input.catalogIds)
      } : {}
    } : {},
    // "All rerun failures pass now" only when nothing failed, quarantined or not.
    ...input.rerun && result === "pass" && combined?.result === "pass" && artifact.summary.failed === 0 ? {
      fullRunCommand: input.command
    } : {},
    ...input.failOnFlaky && flakyIds.length ? {
      flakyFailures: flakyIds
    } : {},
    // A service that went down fails the run whatever its fixtures did: stdout says so too.
    ...servicesDownOf(artifact),
    // Why the kept fixtures did not start comes from their messages, as in a merge.
    ...unstartedCounts(artifact.fixtures),
    ...slowestOf(artifact),
    ...artifact.fixtures.some(((f) => f.repeat)) ? {
      repeat: artifact.fixtures.filter(((f) => f.repeat))
    } : {},
    ...input.shard ? {
      shard: shardTook(input.shard, artifact.fixtures)
    } : {}
  };
  const exitCode = interrupted ? SIGNAL_EXIT_CODES[input.signal] ?? ExitCode.Interrupted : result === "pass" ? ExitCode.Pass : ExitCode.Fail;
  return {
    view,
    exitCode
  };
});

// lib/artifact/prune.ts
var DIAGNOSTICS_KEPT = 10;
var pruneHistory = (function pruneHistory(paths, options) {
  const shownRuns = join(options.shownDir, "runs");
  const removed = [];
  const notPruned = ((why, hint) => ({
    removed,
    warnings: [
      {
        code: "HISTORY_NOT_PRUNED",
        level: "warning",
        message: `Old runs in "${shownRuns}" were not pruned: ${why}`,
        hint
      }
    ]
  }));
  try {
    if (Deno.lstatSync(paths.runs).isSymlink) {
      return notPruned("it is a symbolic link", "smoke deletes nothing through a symlink; make it a plain directory, or prune it yourself.");
    }
    const ids = [];
    for (const entry of Deno.readDirSync(paths.runs)) {
      const id = entry.name.endsWith(".json") ? entry.name.slice(0, -".json".length) : "";
      if (entry.isFile && isRunId(id)) ids.push(id);
    }
    ids.sort();
    const diagnostics = ids.filter(isDiagnosticsRunId).length;
    const removable = {
      real: ids.length - diagnostics - options.limit,
      diagnostics: diagnostics - DIAGNOSTICS_KEPT
    };
    for (const id of ids) {
      const kind = isDiagnosticsRunId(id) ? "diagnostics" : "real";
      if (removable[kind] <= 0 || options.keep.includes(id)) continue;
      const file = join(paths.runs, `${id}.json`);
      if (!lstatIfPresent(file)?.isFile) continue;
      try {
        Deno.removeSync(file);
      } catch (error) {
        if (!(error instanceof Deno.errors.NotFound)) throw error;
      }
      removed.push(id);
      removable[kind]--;
    }
  } catch (error) {
    if (!isWriteFailure(error)) throw error;
    return notPruned(describeWriteFailure(error), "The run was saved; fix the permissions of the directory to let smoke prune it.");
  }
  return {
    removed,
    warnings: []
  };
});

// lib/artifact/lock.ts
var LOCK_FILE = ".lock";
var READ_LIMIT = 4096;
var MAX_PID = 4194304;
var parseLockContent = (function parseLockContent(text) {
  if (text.trim() === "") return {
    kind: "empty"
  };
  const value = jsonValue(text);
  if (value === void 0) return {
    kind: "malformed",
    reason: "it is not JSON"
  };
  if (typeof value !== "object" || value === null || Array.isArray(value)) {
    return {
      kind: "malformed",
      reason: "it is not a JSON object"
    };
  }
  const { pid, runId, hostname } = value;
  if (!isPlausiblePid(pid)) {
    return {
      kind: "malformed",
      reason: "it holds no valid pid"
    };
  }
  if (typeof runId !== "string" || !isRunId(runId)) {
    return {
      kind: "malformed",
      reason: "it holds no smoke run id"
    };
  }
  return {
    kind: "holder",
    holder: {
      pid,
      runId,
      ...typeof hostname === "string" ? {
        hostname
      } : {}
    }
  };
});
var isPlausiblePid = (function isPlausiblePid(pid) {
  return typeof pid === "number" && Number.isInteger(pid) && pid >= 1 && pid <= MAX_PID;
});
var holderPid = (function holderPid(text) {
  const pid = jsonValue(text)?.pid;
  return isPlausiblePid(pid) ? pid : void 0;
});
var readBounded = (function readBounded(file) {
  const buffer = new Uint8Array(READ_LIMIT);
  let length = 0;
  while (length < buffer.length) {
    const n = file.readSync(buffer.subarray(length));
    if (n === null) break;
    length += n;
  }
  return {
    text: new TextDecoder().decode(buffer.subarray(0, length)),
    length
  };
});
var unusable = (function unusable(path, reason, hints, cause) {
  return new UserError(`Cannot use the lock file "${path}": ${reason}`, {
    kind: "lock",
    code: "ARTIFACT_DIR_UNUSABLE",
    hints: [
      ...hints,
      "Nothing ran."
    ],
    cause
  });
});
var cannotWrite = (function cannotWrite(error, path) {
  if (!isWriteFailure(error)) return error;
  return new UserError(`Cannot write the lock file "${path}": ${error.message}`, {
    kind: "lock",
    code: "ARTIFACT_WRITE_FAILED",
    hints: [
      "Free disk space or fix permissions, or pass --artifact-dir DIR. Nothing ran."
    ],
    cause: error
  });
});
var cannotLock = (function cannotLock(error, path) {
  const code = error?.code;
  const unsupported = error instanceof Deno.errors.NotSupported || [
    "ENOLCK",
    "EOPNOTSUPP",
    "ENOTSUP",
    "ENOSYS"
  ].includes(String(code));
  if (!unsupported) return cannotWrite(error, path);
  return unusable(path, `the file system cannot lock it (${error.message})`, [
    "Pass --artifact-dir DIR on a local file system."
  ], error);
});
var checkLockPath = (function checkLockPath(path) {
  let info;
  try {
    info = Deno.lstatSync(path);
  } catch (error) {
    if (error instanceof Deno.errors.NotFound) return;
    throw cannotWrite(error, path);
  }
  if (info.isFile && (info.nlink ?? 1) <= 1) return;
  if (info.isFile) {
    throw unusable(path, "it has other names (hard links)", [
      `Remove "${path}"; smoke creates it as a plain file of its own.`
    ]);
  }
  const what = info.isDirectory ? "a directory" : info.isSymlink ? "a symbolic link" : info.isFifo ? "a FIFO" : info.isSocket ? "a socket" : "a device";
  throw unusable(path, `it is not a regular file but ${what}`, [
    `Remove "${path}" (smoke creates it as a plain file while a run holds the directory).`
  ]);
});
var refuseHeld = (async function refuseHeld(file, path, shownDir) {
  if (!file.statSync().isFile) {
    file.close();
    throw unusable(path, "it is not a regular file", [
      `Remove "${path}" (smoke creates it as a plain file while a run holds the directory).`
    ]);
  }
  let pid;
  try {
    for (let i = 0; i < 10 && pid === void 0; i++) {
      if (i > 0) await sleep(20);
      file.seekSync(0, Deno.SeekMode.Start);
      pid = holderPid(readBounded(file).text);
    }
  } catch (error) {
    if (!isWriteFailure(error) && !(error instanceof Deno.errors.Busy)) throw error;
  } finally {
    file.close();
  }
  const who = pid === void 0 ? "another smoke run" : `another smoke run (pid ${pid})`;
  throw new UserError(`Cannot start: ${who} is already running with artifact directory "${shownDir}"`, {
    kind: "lock",
    code: "LOCKED",
    hints: [
      `Wait for ${pid === void 0 ? "it" : `pid ${pid}`} to finish, or use another directory with --artifact-dir DIR.`,
      `The lock is held by a live process; it goes away with it ("${path}").`
    ]
  });
});
var acquireLock = (async function acquireLock(dir, options) {
  const path = join(dir, LOCK_FILE);
  for (let tries = 0; tries < 5; tries++) {
    checkLockPath(path);
    let file;
    try {
      file = await Deno.open(path, {
        read: true,
        write: true,
        create: true,
        mode: 420
      });
    } catch (error) {
      if (error instanceof Deno.errors.IsADirectory) continue;
      throw cannotWrite(error, path);
    }
    let acquired;
    try {
      acquired = file.tryLockSync(true);
    } catch (error) {
      file.close();
      throw cannotLock(error, path);
    }
    if (!acquired) return await refuseHeld(file, path, options.shownDir);
    try {
      if (!sameFile(file, path)) {
        file.close();
        continue;
      }
      const held = file.statSync();
      if (!held.isFile || (held.nlink ?? 1) > 1) {
        file.close();
        throw unusable(path, held.isFile ? "it has other names (hard links)" : "it is not a regular file", [
          `Remove "${path}"; smoke creates it as a plain file of its own.`
        ]);
      }
      return takeOver(file, path, options);
    } catch (error) {
      if (error instanceof UserError) throw error;
      file.close();
      throw cannotWrite(error, path);
    }
  }
  throw new UserError(`Cannot take the lock "${path}": it keeps changing`, {
    kind: "lock",
    code: "LOCKED",
    hints: [
      "Another run is starting at the same moment; try again."
    ]
  });
});
var sameFile = (function sameFile(file, path) {
  const held = file.statSync();
  try {
    const named = Deno.lstatSync(path);
    return named.ino === held.ino && named.dev === held.dev;
  } catch (error) {
    if (error instanceof Deno.errors.NotFound) return false;
    throw error;
  }
});
var takeOver = (function takeOver(file, path, options) {
  const read = readBounded(file);
  const content = parseLockContent(read.text);
  const warnings = content.kind === "malformed" ? [
    {
      code: "LOCK_MALFORMED",
      level: "warning",
      message: `The lock file "${path}" held no smoke lock (${content.reason}); no process held it, so it was taken over`,
      hint: "Something other than smoke wrote it; nothing was signalled or stopped."
    }
  ] : [];
  const body = JSON.stringify({
    pid: Deno.pid,
    runId: options.runId,
    startedAt: (/* @__PURE__ */ new Date()).toISOString(),
    hostname: Deno.hostname()
  }) + "\n";
  if (read.length > 0) file.truncateSync(0);
  file.seekSync(0, Deno.SeekMode.Start);
  const bytes = new TextEncoder().encode(body);
  for (let written = 0; written < bytes.length; ) {
    written += file.writeSync(bytes.subarray(written));
  }
  let released = false;
  return {
    path,
    ...content.kind === "holder" ? {
      previous: content.holder
    } : {},
    warnings,
    release: (() => {
      if (released) return;
      released = true;
      try {
        if (sameFile(file, path)) Deno.removeSync(path);
      } catch (error) {
        if (!isWriteFailure(error)) throw error;
      } finally {
        file.close();
      }
    })
  };
});

// lib/run/run_lock.ts
var acquireRunLock = (async function acquireRunLock(dir, options) {
  const lock = await acquireLock(dir, options);
  const holder = lock.previous;
  if (!holder) return lock;
  const elsewhere = holder.hostname !== void 0 && holder.hostname !== Deno.hostname();
  const stat = elsewhere ? void 0 : readStat(holder.pid);
  if (elsewhere || stat !== void 0 && running(stat)) {
    lock.warnings.push({
      code: "STALE_LOCK",
      level: "warning",
      message: `The lock named run ${holder.runId} (pid ${holder.pid}${elsewhere ? ` on ${JSON.stringify(holder.hostname)}` : ""}), which ${elsewhere ? "ran on another host" : "is still running"} but did not hold it: no process was stopped`,
      hint: "A lock file copied from another artifact directory, or a pid reused since; nothing to do unless that run's processes are yours to stop."
    });
    return lock;
  }
  try {
    const orphans = await stopOrphans(holder.runId);
    lock.warnings.push(...leftoverDiagnostics(orphans, {
      deadRun: holder
    }));
  } catch (error) {
    lock.release();
    throw error;
  }
  return lock;
});

export {
  runArtifact,
  rerunCommandOf,
  runSummary,
  pruneHistory,
  acquireRunLock
};
//# sourceMappingURL=chunk-TLFMASP5.js.map
