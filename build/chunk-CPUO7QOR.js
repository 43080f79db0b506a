import {
  killRunProcessesSync,
  sendSignal,
  sessionGroups,
  signalGroups
} from "./chunk-RTJN24GS.js";
import {
  envUnreadable,
  readEnv
} from "./chunk-YGD3FBYJ.js";
import {
  delimiter,
  isAbsolute,
  join,
  resolve
} from "./chunk-UZCZWFUL.js";
import {
  displayName
} from "./chunk-XRBLM22N.js";
import {
  after
} from "./chunk-ANYOMBVL.js";

// lib/run/find_executable.ts
var mayExecute = (function mayExecute(info) {
  if (info.mode === null) return true;
  const uid = Deno.uid();
  if (uid === null || uid === 0) return (info.mode & 73) !== 0;
  if (info.uid === uid) return (info.mode & 64) !== 0;
  return (info.mode & 9) !== 0;
});
var isExecutableFile = (function isExecutableFile(path, os) {
  try {
    const info = Deno.statSync(path);
    if (!info.isFile) return false;
    return os === "windows" || mayExecute(info);
  } catch (error) {
    if (error instanceof Deno.errors.NotFound || error instanceof Deno.errors.NotADirectory) {
      return false;
    }
    if (error instanceof Deno.errors.PermissionDenied) return false;
    throw error;
  }
});
var findExecutable = (function findExecutable(program, options) {
  const os = options.os ?? Deno.build.os;
  const hasSeparator = program.includes("/") || os === "windows" && program.includes("\\");
  const extensions = os === "windows" ? [
    "",
    ...(options.pathExt ?? ".COM;.EXE;.BAT;.CMD").split(";").filter(Boolean)
  ] : [
    ""
  ];
  const candidates = hasSeparator || isAbsolute(program) ? [
    resolve(options.cwd, program)
  ] : (options.path ?? "").split(os === "windows" ? ";" : delimiter).map(((dir) => options.home && /^~(\/|$)/.test(dir) ? options.home + dir.slice(1) : dir)).map(((dir) => join(resolve(options.cwd, dir), program)));
  for (const candidate of candidates) {
    for (const extension of extensions) {
      if (isExecutableFile(candidate + extension, os)) return candidate + extension;
    }
  }
  return void 0;
});

// lib/run/_wait.ts
var pause = (function pause(ms, options = {}) {
  const { signal } = options;
  return new Promise(((resolve2) => {
    const done = (() => {
      timer.clear();
      signal?.removeEventListener("abort", done);
      resolve2();
    });
    const timer = after(ms, done);
    if (signal?.aborted) return done();
    signal?.addEventListener("abort", done, {
      once: true
    });
    for (const event of options.until ?? []) event.then(done, done);
  }));
});

// lib/run/_spawn.ts
var setsidPath;
var found = /* @__PURE__ */ new Map();
var findSetsid = (function findSetsid() {
  if (setsidPath === void 0) {
    setsidPath = Deno.build.os === "linux" ? findExecutable("setsid", {
      cwd: "/",
      path: "/usr/bin:/bin"
    }) ?? null : null;
  }
  return setsidPath ?? void 0;
});
var exists = (function exists(path) {
  try {
    Deno.statSync(path);
    return true;
  } catch (error) {
    if (error instanceof Deno.errors.NotFound || error instanceof Deno.errors.NotADirectory) {
      return false;
    }
    throw error;
  }
});
var spawnInSession = (function spawnInSession(argv, options) {
  const piped = {
    cwd: options.cwd,
    env: options.env,
    clearEnv: !options.inheritEnv,
    stdin: "null",
    stdout: "piped",
    stderr: "piped"
  };
  if (!options.setsid) {
    return new Deno.Command(argv[0], {
      ...piped,
      args: argv.slice(1),
      detached: true
    }).spawn();
  }
  const path = options.env.PATH ?? readEnv("PATH");
  if (path === void 0 && !argv[0].includes("/") && envUnreadable("PATH")) {
    return new Deno.Command(options.setsid, {
      ...piped,
      args: [
        ...argv
      ]
    }).spawn();
  }
  const key = `${argv[0]}\0${options.cwd}\0${path}`;
  const program = found.get(key) ?? findExecutable(argv[0], {
    cwd: options.cwd,
    path,
    home: readEnv("HOME")
  });
  if (program !== void 0) found.set(key, program);
  if (program === void 0) {
    throw argv[0].includes("/") && exists(resolve(options.cwd, argv[0])) ? new Deno.errors.PermissionDenied(`Failed to spawn '${argv[0]}': not executable`) : new Deno.errors.NotFound(`Failed to spawn '${argv[0]}': not found`);
  }
  return new Deno.Command(options.setsid, {
    ...piped,
    args: [
      program,
      ...argv.slice(1)
    ]
  }).spawn();
});
var envOverProcess = (function envOverProcess(base, own = Deno.env.toObject()) {
  const whole = {
    env: {
      ...base
    },
    inheritEnv: false
  };
  if (Deno.build.os === "windows") return whole;
  const env = {};
  for (const name of Object.keys(own)) {
    if (!Object.hasOwn(base, name)) return whole;
  }
  for (const [name, value] of Object.entries(base)) {
    if (!Object.hasOwn(own, name) || own[name] !== value) env[name] = value;
  }
  return {
    env,
    inheritEnv: true
  };
});
var TRANSIENT_CODES = /* @__PURE__ */ new Set([
  "EMFILE",
  "ENFILE",
  "EAGAIN"
]);
var SPAWN_RETRY_DELAYS_MS = [
  50,
  100,
  200,
  400,
  800
];
var errorCode = (function errorCode(error) {
  const code = error.code;
  return typeof code === "string" ? code : void 0;
});
var isTransientSpawnError = (function isTransientSpawnError(error) {
  return error instanceof Error && TRANSIENT_CODES.has(errorCode(error) ?? "");
});
var describe = (async function describe(error, argv, cwd, tries) {
  const program = `Cannot start "${displayName(argv[0])}"`;
  if (error instanceof Deno.errors.NotFound || error instanceof Deno.errors.PermissionDenied) {
    const cwdExists = await Deno.stat(cwd).then(((info) => info.isDirectory), (() => false));
    const reason = !cwdExists ? `its working directory "${displayName(cwd)}" does not exist` : error instanceof Deno.errors.NotFound ? "it was not found (check the name, or PATH)" : "it is not executable";
    return `${program}: ${reason}`;
  }
  const detail = displayName(error.message.replace(/^Failed to spawn '[^']*': /, ""));
  if (isTransientSpawnError(error)) {
    const short = errorCode(error) === "EAGAIN" ? "processes" : "file descriptors";
    return `${program}: the system is out of ${short} (${detail}), ${tries} tries; lower --concurrency, or raise the limit (ulimit -n, ulimit -u)`;
  }
  return `${program}: ${detail}`;
});
var startInSession = (async function startInSession(argv, options) {
  const delays = options.retryDelaysMs ?? SPAWN_RETRY_DELAYS_MS;
  const spawn = options.spawn ?? spawnInSession;
  for (let tries = 1; ; tries++) {
    try {
      return {
        child: spawn(argv, options)
      };
    } catch (error) {
      if (!(error instanceof Error)) throw error;
      if (!isTransientSpawnError(error) || tries > delays.length || options.signal?.aborted) {
        return {
          failure: await describe(error, argv, options.cwd, tries)
        };
      }
      await pause(delays[tries - 1], {
        signal: options.signal
      });
      if (options.signal?.aborted) return {
        interrupted: true
      };
    }
  }
});

// lib/run/_capture.ts
var DECODER = new TextDecoder();
var ANSI = /\x1b\[[0-?]*[ -\/]*[@-~]|\x1b[\]PX^_][^\x07\x1b]*(?:\x07|\x1b\\)?|\x1b[ -\/]*[0-~]/g;
var stripAnsi = (function stripAnsi(text) {
  return text.replace(ANSI, "");
});
var StreamCapture = class {
  /** The kept bytes: linear while it grows, a ring once it is `limit` long. */
  #ring = new Uint8Array(0);
  /** Where the oldest kept byte is in `#ring`. */
  #start = 0;
  #held = 0;
  #limit;
  #matchers;
  #steps = 0;
  /** Total bytes seen. */
  bytes = 0;
  /** For each needle, whether it was seen. */
  found;
  constructor(limit, needles = []) {
    this.#limit = limit;
    this.#matchers = needles.map(((needle) => matcher(new TextEncoder().encode(needle))));
    this.found = needles.map(((needle) => needle === ""));
  }
  /** Bytes held to match the needles: theirs and their tables; never more with more output. */
  get matcherBytes() {
    return this.#matchers.reduce(((sum, m) => sum + m.needle.length + m.table.byteLength), 0);
  }
  /**
   * The matching's work so far, a measure of its time: each byte looked at
   * once, plus each fall back along a table (never more than the bytes).
   */
  get matcherSteps() {
    return this.#steps;
  }
  /** Takes one chunk. The chunk is copied: the caller may reuse it afterwards. */
  push(chunk) {
    this.bytes += chunk.length;
    this.#keep(chunk);
    this.#matchers.forEach(((m, i) => {
      if (this.found[i]) return;
      this.#steps += chunk.length;
      if (advance(m, chunk)) this.found[i] = true;
      this.#steps += m.fallbacks;
      m.fallbacks = 0;
    }));
  }
  #keep(chunk) {
    const limit = this.#limit;
    if (limit <= 0 || chunk.length === 0) return;
    if (chunk.length >= limit) {
      if (this.#ring.length < limit) this.#ring = new Uint8Array(limit);
      this.#ring.set(chunk.subarray(chunk.length - limit));
      this.#start = 0;
      this.#held = limit;
      return;
    }
    if (this.#ring.length < limit) {
      const needed = this.#held + chunk.length;
      if (needed > this.#ring.length) {
        const grown = new Uint8Array(Math.min(limit, Math.max(needed, 2 * this.#ring.length, 4096)));
        grown.set(this.#ring.subarray(0, this.#held));
        this.#ring = grown;
      }
      if (needed <= this.#ring.length) {
        this.#ring.set(chunk, this.#held);
        this.#held = needed;
        return;
      }
    }
    const end = (this.#start + this.#held) % limit;
    const first = Math.min(chunk.length, limit - end);
    this.#ring.set(chunk.subarray(0, first), end);
    this.#ring.set(chunk.subarray(first), 0);
    const total = this.#held + chunk.length;
    this.#held = Math.min(limit, total);
    this.#start = (this.#start + (total - this.#held)) % limit;
  }
  /**
   * The kept tail as plain text: decoded as UTF-8 (invalid bytes become
   * U+FFFD; a character cut at the start is dropped), ANSI stripped, with a
   * note of how much was left out.
   */
  tail() {
    if (this.bytes === 0) return "";
    const ring = this.#ring;
    const end = this.#start + this.#held;
    let bytes = end <= ring.length ? ring.subarray(this.#start, end) : concat(ring.subarray(this.#start), ring.subarray(0, end - ring.length));
    let omitted = this.bytes - bytes.length;
    if (omitted > 0) {
      let skip = 0;
      while (skip < 3 && skip < bytes.length && (bytes[skip] & 192) === 128) skip++;
      bytes = bytes.subarray(skip);
      omitted += skip;
    }
    const text = stripAnsi(DECODER.decode(bytes));
    return omitted > 0 ? `[... ${omitted} earlier bytes of ${this.bytes} not kept ...]
${text}` : text;
  }
};
function matcher(needle) {
  const table = new Int32Array(needle.length);
  for (let i = 1, k = 0; i < needle.length; i++) {
    while (k > 0 && needle[i] !== needle[k]) k = table[k - 1];
    if (needle[i] === needle[k]) k++;
    table[i] = k;
  }
  return {
    needle,
    table,
    matched: 0,
    fallbacks: 0
  };
}
function advance(m, bytes) {
  const { needle, table } = m;
  const first = needle[0];
  let k = m.matched;
  let fallbacks = 0;
  for (let i = 0; i < bytes.length; i++) {
    if (k === 0) {
      i = bytes.indexOf(first, i);
      if (i === -1) break;
    }
    const byte = bytes[i];
    while (k > 0 && needle[k] !== byte) {
      k = table[k - 1];
      fallbacks++;
    }
    if (needle[k] === byte && ++k === needle.length) {
      m.matched = k;
      m.fallbacks += fallbacks;
      return true;
    }
  }
  m.matched = k;
  m.fallbacks += fallbacks;
  return false;
}
function concat(first, second) {
  const joined = new Uint8Array(first.length + second.length);
  joined.set(first);
  joined.set(second, first.length);
  return joined;
}

// lib/run/_drain.ts
var READ_BYTES = 64 * 1024;
var spareBuffers = [];
var MAX_SPARE_BUFFERS = 8;
var drain = (function drain(stream, capture) {
  const reader = stream.getReader({
    mode: "byob"
  });
  const state = {
    finished: false
  };
  const done = ((async () => {
    let buffer = spareBuffers.pop() ?? new ArrayBuffer(READ_BYTES);
    while (true) {
      const { value, done: done2 } = await reader.read(new Uint8Array(buffer));
      if (value) buffer = value.buffer;
      if (done2 || !value) break;
      capture.push(value);
    }
    if (buffer.byteLength === READ_BYTES && spareBuffers.length < MAX_SPARE_BUFFERS) {
      spareBuffers.push(buffer);
    }
    state.finished = true;
  }))();
  return {
    done,
    state,
    cancel: (() => reader.cancel().catch((() => {
    })))
  };
});

// lib/run/process.ts
var ProcessGroups = class {
  /** Live groups, and whether each leader may still be running (not yet reaped). */
  #live = /* @__PURE__ */ new Map();
  /** Every fixture session by its leader's pid: when the leader was reaped (`performance.now()`). */
  #sessions = /* @__PURE__ */ new Map();
  /** The run whose processes exit paths also stop. */
  #run;
  /** How many groups may still hold processes. */
  get size() {
    return this.#live.size;
  }
  /**
   * Registers a group by its leader's pid.
   *
   * @param pgid The process group id (the leader's pid).
   */
  add(pgid) {
    this.#live.set(pgid, {
      leaderRunning: true
    });
    this.#sessions.set(pgid, void 0);
  }
  /**
   * Every group (and session: fixtures lead their own) added so far, live or
   * gone: for the end-of-run sweep of what stayed in a fixture's session.
   *
   * @returns The leaders' pids, each with when its leader was reaped
   * (`performance.now()`), or undefined while it runs: a session id is free for
   * another process once its last member has gone.
   */
  sessions() {
    return this.#sessions;
  }
  /**
   * Notes that a group's leader has exited and been reaped: its pid may be
   * reused from now on, so only the group is signalled, never the pid alone.
   *
   * @param pgid The process group id.
   */
  leaderExited(pgid) {
    const group = this.#live.get(pgid);
    if (group) group.leaderRunning = false;
    if (this.#sessions.has(pgid)) this.#sessions.set(pgid, performance.now());
  }
  /**
   * Sends a signal to a group. A leader started through setsid(1) may not
   * have made its group yet: while it runs, it is then signalled alone.
   *
   * @param pgid The process group id.
   * @param signal The signal.
   * @returns Whether the group still existed (false removes it from the set).
   */
  signal(pgid, signal) {
    if (sendSignal(-pgid, signal) !== "gone") return true;
    if (this.#live.get(pgid)?.leaderRunning && sendSignal(pgid, signal) !== "gone") return true;
    this.#live.delete(pgid);
    return false;
  }
  /**
   * Kills a group with SIGKILL and forgets it. A group already found gone
   * (or never registered) is left alone.
   *
   * @param pgid The process group id.
   */
  kill(pgid) {
    if (!this.#live.has(pgid)) return;
    this.signal(pgid, "SIGKILL");
    this.#live.delete(pgid);
  }
  /**
   * Names the run whose processes {@linkcode killAll} also looks for: every
   * process carrying its `SMOKE_RUN_ID`, wherever it went (see
   * `run_processes.ts`). Undefined once the run has stopped its own.
   *
   * @param run The run id, and the start time (clock ticks after boot) before which none started.
   */
  watchRun(run) {
    this.#run = run;
  }
  /**
   * Kills every live group with SIGKILL, synchronously: for exit paths. With
   * a watched run, every process carrying its id too (one scan of `/proc`).
   */
  killAll() {
    for (const pgid of [
      ...this.#live.keys()
    ]) this.kill(pgid);
    if (this.#run) killRunProcessesSync(this.#run.runId, {
      startedAfter: this.#run.startedAfter
    });
  }
};
var captured = (function captured(capture) {
  return {
    tail: capture.tail(),
    bytes: capture.bytes,
    found: capture.found
  };
});
var delay = (function delay(ms) {
  let timer;
  const promise = new Promise(((resolve2) => timer = after(ms, resolve2)));
  return {
    promise,
    clear: (() => timer?.clear())
  };
});
var runProcess = (async function runProcess(spec, context) {
  const startedAt = performance.now();
  const stdout = new StreamCapture(spec.tailBytes, spec.stdoutNeedles);
  const stderr = new StreamCapture(spec.tailBytes, spec.stderrNeedles);
  const start = await startInSession(spec.argv, {
    cwd: spec.cwd,
    env: spec.env,
    ...spec.inheritEnv ? {
      inheritEnv: true
    } : {},
    setsid: context.setsid === void 0 ? findSetsid() : context.setsid ?? void 0,
    signal: context.signal,
    ...context.spawn ? {
      spawn: context.spawn
    } : {},
    ...context.retryDelaysMs ? {
      retryDelaysMs: context.retryDelaysMs
    } : {}
  });
  if (!("child" in start)) {
    return {
      exitCode: null,
      signal: null,
      timedOut: false,
      interrupted: "interrupted" in start,
      ..."failure" in start ? {
        spawnError: start.failure
      } : {},
      durationMs: performance.now() - startedAt,
      stdout: captured(stdout),
      stderr: captured(stderr),
      outputLeaked: false
    };
  }
  const { child } = start;
  const pgid = child.pid;
  const { groups } = context;
  groups.add(pgid);
  const readers = [
    drain(child.stdout, stdout),
    drain(child.stderr, stderr)
  ];
  let timedOut = false;
  let interrupted = false;
  let killTimer;
  let stopped = false;
  let otherGroups = false;
  const killSession = (() => {
    if (otherGroups) signalGroups(sessionGroups(pgid), "SIGKILL");
  });
  const stop = (() => {
    if (stopped) return;
    stopped = true;
    const others = sessionGroups(pgid, {
      maxAgeMs: 100
    });
    otherGroups = others.length > 0;
    signalGroups(others, "SIGTERM");
    groups.signal(pgid, "SIGTERM");
    killTimer = delay(spec.graceMs);
    killTimer.promise.then((() => {
      groups.signal(pgid, "SIGKILL");
      killSession();
    }));
  });
  const timeout = delay(spec.timeoutMs);
  timeout.promise.then((() => {
    timedOut = true;
    stop();
  }));
  const onAbort = (() => {
    interrupted = true;
    stop();
  });
  if (context.signal?.aborted) onAbort();
  context.signal?.addEventListener("abort", onAbort, {
    once: true
  });
  const status = await child.status;
  groups.leaderExited(pgid);
  const durationMs = performance.now() - startedAt;
  timeout.clear();
  context.signal?.removeEventListener("abort", onAbort);
  groups.signal(pgid, "SIGTERM");
  let closed = readers.every(((reader) => reader.state.finished));
  if (!closed) {
    const drained = Promise.all(readers.map(((reader) => reader.done)));
    const grace = delay(spec.graceMs);
    closed = await Promise.race([
      drained.then((() => true)),
      grace.promise.then((() => false))
    ]);
    grace.clear();
  }
  const outputLeaked = !closed;
  if (outputLeaked) await Promise.all(readers.map(((reader) => reader.cancel())));
  killTimer?.clear();
  groups.kill(pgid);
  killSession();
  return {
    exitCode: status.signal ? null : status.code,
    signal: status.signal ?? null,
    timedOut,
    interrupted,
    durationMs,
    stdout: captured(stdout),
    stderr: captured(stderr),
    outputLeaked
  };
});

export {
  findExecutable,
  stripAnsi,
  StreamCapture,
  drain,
  pause,
  findSetsid,
  envOverProcess,
  startInSession,
  ProcessGroups,
  runProcess
};
//# sourceMappingURL=chunk-CPUO7QOR.js.map
