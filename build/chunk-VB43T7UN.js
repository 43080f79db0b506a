import {
  after
} from "./chunk-ANYOMBVL.js";

// lib/base/batched_writer.ts
var writers = /* @__PURE__ */ new Set();
var flushBatches = (function flushBatches() {
  for (const writer of writers) writer.flush({
    quiet: true
  });
});
var defaultTimer = (function defaultTimer(flush, ms) {
  return after(ms, flush);
});
var batchedWriter = (function batchedWriter(write, options) {
  const setTimer = options.setTimer ?? defaultTimer;
  let pending = [];
  let chars = 0;
  let timer;
  let failure;
  const rethrow = (() => {
    if (!failure) return;
    const { error } = failure;
    failure = void 0;
    throw error;
  });
  const send = (() => {
    timer?.clear();
    timer = void 0;
    if (pending.length === 0) return;
    const text = pending.join("");
    pending = [];
    chars = 0;
    try {
      write(text);
    } catch (error) {
      failure ??= {
        error
      };
    }
  });
  const flush = ((flushOptions = {}) => {
    send();
    if (!flushOptions.quiet) rethrow();
  });
  const batched = ((text) => {
    rethrow();
    if (text === "") return;
    pending.push(text);
    chars += text.length;
    if (chars >= options.maxChars) flush();
    else timer ??= setTimer((() => send()), options.flushMs);
  });
  const writer = Object.assign(batched, {
    flush
  });
  writers.add(writer);
  return writer;
});

export {
  flushBatches,
  batchedWriter
};
//# sourceMappingURL=chunk-VB43T7UN.js.map
