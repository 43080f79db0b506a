import {
  FIXTURE_ID_PATTERN,
  RUN_ID_PATTERN,
  SERVICE_NAME_PATTERN
} from "./chunk-6MYH7WWL.js";
import {
  errnoOf
} from "./chunk-WBZQOSKS.js";
import {
  sleep
} from "./chunk-ANYOMBVL.js";

// lib/run/_proc.ts
var PROC = "/proc";
var PF_EXITING = 4;
var isPositiveInteger = (function isPositiveInteger(value) {
  return Number.isSafeInteger(value) && value > 0;
});
var parseStat = (function parseStat(text) {
  const end = text.lastIndexOf(")");
  if (end === -1) return void 0;
  const fields = text.slice(end + 2).split(" ");
  const [state, , pgid, sid, , , flags] = fields;
  const parsed = {
    state: state ?? "",
    pgid: Number(pgid),
    sid: Number(sid),
    flags: Number(flags),
    startTime: Number(fields[19])
  };
  if (!/^[A-Za-z]$/.test(parsed.state)) return void 0;
  if (![
    parsed.pgid,
    parsed.sid
  ].every(isGroupId)) return void 0;
  if (!Number.isSafeInteger(parsed.flags) || !Number.isSafeInteger(parsed.startTime)) {
    return void 0;
  }
  return parsed;
});
var isGroupId = (function isGroupId(value) {
  return Number.isSafeInteger(value) && value >= 0;
});
var UNREADABLE = /* @__PURE__ */ new Set([
  "ENOENT",
  "ESRCH",
  "EACCES",
  "EPERM",
  "EIO",
  "ENOTDIR"
]);
var unreadable = (function unreadable(error) {
  return UNREADABLE.has(errnoOf(error));
});
var readProcFile = (function readProcFile(pid, name, limit) {
  if (!isPositiveInteger(pid) || !/^[a-z_]+$/.test(name)) return void 0;
  const path = `${PROC}/${pid}/${name}`;
  let file;
  try {
    file = Deno.openSync(path);
  } catch (error) {
    if (unreadable(error)) return void 0;
    throw error;
  }
  try {
    const chunks = [];
    let total = 0;
    while (total < limit) {
      const chunk = new Uint8Array(Math.min(64 * 1024, limit - total));
      const n = file.readSync(chunk);
      if (n === null || n === 0) break;
      chunks.push(chunk.subarray(0, n));
      total += n;
    }
    return chunks.length === 1 ? chunks[0] : concat(chunks, total);
  } catch (error) {
    if (unreadable(error)) return void 0;
    throw error;
  } finally {
    file.close();
  }
});
var concat = (function concat(chunks, total) {
  const out = new Uint8Array(total);
  let at = 0;
  for (const chunk of chunks) {
    out.set(chunk, at);
    at += chunk.length;
  }
  return out;
});
var readStat = (function readStat(pid) {
  if (!isPositiveInteger(pid)) return void 0;
  let bytes;
  try {
    bytes = Deno.readFileSync(`${PROC}/${pid}/stat`);
  } catch (error) {
    if (unreadable(error)) return void 0;
    throw error;
  }
  return parseStat(DECODER.decode(bytes));
});
var DECODER = new TextDecoder();
var running = (function running(stat) {
  return stat.state !== "Z" && stat.state !== "X" && (stat.flags & PF_EXITING) === 0;
});
var listPids = (function listPids() {
  if (Deno.build.os !== "linux") return [];
  const pids = [];
  try {
    for (const entry of Deno.readDirSync(PROC)) {
      if (!/^[1-9][0-9]{0,9}$/.test(entry.name)) continue;
      const pid = Number(entry.name);
      if (isPositiveInteger(pid)) pids.push(pid);
    }
  } catch (error) {
    if (unreadable(error)) return [];
    throw error;
  }
  return pids;
});

// lib/run/send_signal.ts
var LINUX_SIGNALS = {
  SIGHUP: 1,
  SIGINT: 2,
  SIGKILL: 9,
  SIGTERM: 15,
  SIGCONT: 18
};
var ESRCH = 3;
var EPERM = 1;
var libc;
var libcOnce = (function libcOnce() {
  if (libc === void 0) libc = openLibc();
  return libc;
});
var routes = {
  libc: 0,
  deno: 0
};
var openLibc = (function openLibc() {
  if (Deno.build.os !== "linux") return null;
  if (Deno.permissions.querySync({
    name: "ffi"
  }).state !== "granted") return null;
  let lib;
  try {
    lib = Deno.dlopen("libc.so.6", {
      kill: {
        parameters: [
          "i32",
          "i32"
        ],
        result: "i32"
      },
      __errno_location: {
        parameters: [],
        result: "pointer"
      }
    });
  } catch (error) {
    if (error instanceof Error) return null;
    throw error;
  }
  const errnoAt = lib.symbols.__errno_location();
  if (errnoAt === null) {
    lib.close();
    return null;
  }
  const errno = new Deno.UnsafePointerView(errnoAt);
  const { kill } = lib.symbols;
  return {
    kill: ((pid, signal) => kill(pid, signal)),
    errno: (() => errno.getInt32())
  };
});
var denoKill = (function denoKill(target, signal) {
  try {
    Deno.kill(target, signal);
    return "sent";
  } catch (error) {
    if (error instanceof Deno.errors.NotFound) return "gone";
    if (error instanceof Deno.errors.PermissionDenied) return "denied";
    throw error;
  }
});
var sendSignal = (function sendSignal(target, signal, options = {}) {
  if (!Number.isSafeInteger(target) || Math.abs(target) <= 1 || Math.abs(target) > 2 ** 31 - 1) {
    throw new RangeError(`sendSignal() takes one process or one group, got ${target}`);
  }
  const number = LINUX_SIGNALS[signal];
  const lib = options.libc === false || number === void 0 ? null : libcOnce();
  if (lib !== null && number !== void 0) {
    const answer = lib.kill(target, number) === 0 ? "sent" : errnoOutcome(lib.errno());
    if (answer !== void 0) {
      routes.libc++;
      return answer;
    }
  }
  routes.deno++;
  return denoKill(target, signal);
});
var errnoOutcome = (function errnoOutcome(errno) {
  return errno === ESRCH ? "gone" : errno === EPERM ? "denied" : void 0;
});

// lib/run/run_processes.ts
var MAX_ENVIRON_BYTES = 4 * 1024 * 1024;
var variable = (function variable(text, name) {
  const start = text.indexOf(`\0${name}=`);
  if (start === -1) return void 0;
  const end = text.indexOf("\0", start + 1);
  return text.slice(start + name.length + 2, end === -1 ? void 0 : end);
});
var environOf = (function environOf(pid, runId) {
  const bytes = readProcFile(pid, "environ", MAX_ENVIRON_BYTES);
  if (!bytes) return void 0;
  const text = "\0" + new TextDecoder().decode(bytes);
  if (!text.includes(`\0SMOKE_RUN_ID=${runId}\0`) && !text.endsWith(`\0SMOKE_RUN_ID=${runId}`)) {
    return void 0;
  }
  const id = variable(text, "SMOKE_FIXTURE_ID");
  if (id !== void 0) {
    return FIXTURE_ID_PATTERN.test(id) && id.length <= 512 ? {
      fixtureId: id
    } : {};
  }
  const service = variable(text, "SMOKE_SERVICE");
  return service !== void 0 && SERVICE_NAME_PATTERN.test(service) ? {
    service
  } : {};
});
var NO_SESSIONS = /* @__PURE__ */ new Map();
var scan = (function scan(runId, startedAfter, sessions = NO_SESSIONS) {
  const found = [];
  const members = /* @__PURE__ */ new Map();
  const late = [];
  if (!RUN_ID_PATTERN.test(runId)) return {
    found,
    members
  };
  for (const pid of listPids()) {
    if (pid === Deno.pid) continue;
    const stat = readStat(pid);
    if (!stat || !running(stat)) continue;
    const group = members.get(stat.pgid);
    if (group) group.push(pid);
    else members.set(stat.pgid, [
      pid
    ]);
    if (startedAfter !== void 0 && stat.startTime < startedAfter) continue;
    const until = sessions.get(stat.sid);
    const session = startedAfter !== void 0 && sessions.has(stat.sid);
    const inSession = session && (until === void 0 || stat.startTime <= until);
    const environ = environOf(pid, runId) ?? (inSession ? {} : void 0);
    const process = {
      pid,
      pgid: stat.pgid,
      sid: stat.sid,
      startTime: stat.startTime
    };
    if (environ) found.push({
      ...process,
      ...environ
    });
    else if (session) late.push(process);
  }
  const leaders = new Set(found.map(((p) => p.pid)));
  for (const process of late) if (leaders.has(process.pgid)) found.push(process);
  return {
    found,
    members
  };
});
var ownStartTime = (function ownStartTime() {
  if (Deno.build.os !== "linux") return void 0;
  return readStat(Deno.pid)?.startTime;
});
var ownGroupId;
var ownGroup = (function ownGroup() {
  ownGroupId ??= readStat(Deno.pid)?.pgid;
  return ownGroupId;
});
var trySignal = (function trySignal(target, signal) {
  if (Math.abs(target) <= 1) return;
  sendSignal(target, signal);
});
var signalProcesses = (function signalProcesses(found, scan2, signal) {
  const ours = new Set(found.map(((p) => p.pid)));
  const done = /* @__PURE__ */ new Set();
  for (const process of found) {
    const { pid, pgid } = process;
    if (!isPositiveInteger(pid) || pid <= 1 || pid === Deno.pid) continue;
    const members = scan2.members.get(pgid) ?? [];
    const wholeGroup = pgid > 1 && pgid !== ownGroup() && members.every(((m) => ours.has(m)));
    if (wholeGroup) {
      if (done.has(-pgid)) continue;
      done.add(-pgid);
      trySignal(-pgid, signal);
    } else if (!done.has(pid)) {
      done.add(pid);
      trySignal(pid, signal);
    }
  }
});
var stillRunning = (function stillRunning(process) {
  const stat = readStat(process.pid);
  return stat !== void 0 && stat.startTime === process.startTime && running(stat);
});
var TICKS_PER_SECOND = 100;
var SESSION_SLACK_TICKS = 25;
var sessionLimits = (function sessionLimits(sessions, ownStart) {
  const limits = /* @__PURE__ */ new Map();
  for (const [sid, endedMs] of sessions) {
    limits.set(sid, endedMs === void 0 ? void 0 : ownStart + Math.ceil(endedMs * TICKS_PER_SECOND / 1e3) + SESSION_SLACK_TICKS);
  }
  return limits;
});
var stopRunProcesses = (async function stopRunProcesses(runId, options) {
  const first = scan(runId, options.startedAfter, options.sessions);
  if (first.found.length === 0) return [];
  signalProcesses(first.found, first, "SIGTERM");
  const deadline = Date.now() + options.graceMs;
  let left = first.found;
  while (left.length > 0 && Date.now() < deadline) {
    await sleep(25);
    left = left.filter(stillRunning);
  }
  if (left.length > 0) {
    const again = scan(runId, options.startedAfter, options.sessions);
    signalProcesses(again.found, again, "SIGKILL");
  }
  return first.found;
});
var killRunProcessesSync = (function killRunProcessesSync(runId, options = {}) {
  const found = scan(runId, options.startedAfter);
  signalProcesses(found.found, found, "SIGKILL");
  return found.found.length;
});
var stopOrphans = (function stopOrphans(runId, options = {}) {
  return stopRunProcesses(runId, {
    graceMs: options.graceMs ?? 2e3
  });
});
var sessionIndex;
var sessionGroups = (function sessionGroups(sid, options = {}) {
  if (!isPositiveInteger(sid) || sid <= 1) return [];
  const now = performance.now();
  if (!sessionIndex || now - sessionIndex.at > (options.maxAgeMs ?? 0)) {
    const groups = /* @__PURE__ */ new Map();
    for (const pid of listPids()) {
      if (pid === Deno.pid) continue;
      const stat = readStat(pid);
      if (!stat || !running(stat) || stat.pgid === stat.sid || stat.pgid <= 1) continue;
      const set = groups.get(stat.sid);
      if (set) set.add(stat.pgid);
      else groups.set(stat.sid, /* @__PURE__ */ new Set([
        stat.pgid
      ]));
    }
    sessionIndex = {
      at: now,
      groups
    };
  }
  return [
    ...sessionIndex.groups.get(sid) ?? []
  ].filter(((pgid) => pgid !== sid));
});
var signalGroups = (function signalGroups(pgids, signal) {
  for (const pgid of pgids) {
    if (isPositiveInteger(pgid) && pgid > 1 && pgid !== ownGroup()) trySignal(-pgid, signal);
  }
});
var LISTED_PIDS = 20;
var leftoverDiagnostics = (function leftoverDiagnostics(found, options = {}) {
  if (found.length === 0) return [];
  const byFixture = /* @__PURE__ */ new Map();
  for (const { fixtureId, service, pid } of found) {
    const key = fixtureId ?? (service ? `service ${service}` : "(no fixture id)");
    byFixture.set(key, [
      ...byFixture.get(key) ?? [],
      pid
    ]);
  }
  let listed = 0;
  const parts = [
    ...byFixture
  ].map((([id, pids]) => {
    const shown = pids.slice(0, Math.max(0, LISTED_PIDS - listed));
    listed += shown.length;
    const more = pids.length - shown.length;
    const list = [
      ...shown,
      ...more > 0 ? [
        `${more} more`
      ] : []
    ].join(", ");
    return `${id} (pid${pids.length === 1 ? "" : "s"} ${list})`;
  }));
  const { deadRun } = options;
  if (deadRun) {
    const who = `run ${deadRun.runId}${deadRun.pid ? ` (smoke pid ${deadRun.pid})` : ""}`;
    return [
      {
        code: "ORPHAN_PROCESS",
        level: "warning",
        message: `${who} ended without stopping its fixtures; their processes were stopped: ${parts.join(", ")}`,
        hint: "smoke was killed (SIGKILL, or its machine or container stopped). Its fixtures are found by SMOKE_RUN_ID in their environment and stopped (SIGTERM, then SIGKILL)."
      }
    ];
  }
  return [
    {
      code: "LEFTOVER_PROCESS",
      level: "warning",
      message: `Processes outlived their fixtures (or services) and were stopped at the end of the run: ${parts.join(", ")}`,
      hint: "They left the fixture's (or service's) process group (job control such as set -m, setpgid, or setsid); have it stop what it starts. smoke finds them by SMOKE_RUN_ID in their environment and stops them (SIGTERM, then SIGKILL after 2 s)."
    }
  ];
});

// lib/base/version.ts
var VERSION = "0.1.0";

export {
  readStat,
  running,
  sendSignal,
  ownStartTime,
  sessionLimits,
  stopRunProcesses,
  killRunProcessesSync,
  stopOrphans,
  sessionGroups,
  signalGroups,
  leftoverDiagnostics,
  VERSION
};
//# sourceMappingURL=chunk-RTJN24GS.js.map
