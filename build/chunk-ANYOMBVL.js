// lib/base/timer.ts
var MAX_TIMER_MS = 2147483647;
var heap = [];
var armed = /* @__PURE__ */ new Set();
var sequence = 0;
var earlier = (function earlier(a, b) {
  return a.at < b.at || a.at === b.at && a.seq < b.seq;
});
var place = (function place(entry, index) {
  heap[index] = entry;
  entry.index = index;
});
var siftUp = (function siftUp(index) {
  const entry = heap[index];
  while (index > 0) {
    const parent = index - 1 >> 1;
    if (!earlier(entry, heap[parent])) break;
    place(heap[parent], index);
    index = parent;
  }
  place(entry, index);
});
var siftDown = (function siftDown(index) {
  const entry = heap[index];
  for (; ; ) {
    const left = 2 * index + 1;
    if (left >= heap.length) break;
    const right = left + 1;
    const child = right < heap.length && earlier(heap[right], heap[left]) ? right : left;
    if (!earlier(heap[child], entry)) break;
    place(heap[child], index);
    index = child;
  }
  place(entry, index);
});
var remove = (function remove(entry) {
  const last = heap.pop();
  const index = entry.index;
  entry.index = -1;
  if (last === entry) return;
  place(last, index);
  siftDown(index);
  siftUp(last.index);
});
var arm = (function arm() {
  for (const a of armed) if (a.signal.aborted) armed.delete(a);
  if (heap.length === 0) {
    for (const a of armed) listen(a, false);
    return;
  }
  const next = heap[0].at;
  for (const a of armed) {
    if (a.at <= next) {
      listen(a, true);
      return;
    }
  }
  const wait = Math.max(0, Math.ceil(next - performance.now()));
  const signal = AbortSignal.timeout(wait);
  const entry = {
    at: next,
    signal,
    listener: (() => wake(entry)),
    listening: false
  };
  armed.add(entry);
  listen(entry, true);
});
var listen = (function listen(a, on) {
  if (a.listening === on) return;
  a.listening = on;
  if (on) a.signal.addEventListener("abort", a.listener, {
    once: true
  });
  else a.signal.removeEventListener("abort", a.listener);
});
var wake = (function wake(fired) {
  armed.delete(fired);
  const now = performance.now();
  const due = [];
  while (heap.length > 0 && heap[0].at <= now) {
    const entry = heap[0];
    remove(entry);
    due.push(entry);
  }
  arm();
  for (const entry of due) {
    if (entry.cleared) continue;
    try {
      entry.callback();
    } catch (error) {
      reportError(error);
    }
  }
});
var waitOf = (function waitOf(ms) {
  return Number.isFinite(ms) ? Math.min(Math.max(0, ms), MAX_TIMER_MS) : 0;
});
var after = (function after(ms, callback) {
  const entry = {
    at: performance.now() + waitOf(ms),
    seq: sequence++,
    index: heap.length,
    cleared: false,
    callback
  };
  heap.push(entry);
  siftUp(entry.index);
  arm();
  return {
    clear: (() => {
      entry.cleared = true;
      if (entry.index < 0) return;
      remove(entry);
      arm();
    })
  };
});
var every = (function every(ms, callback) {
  let current;
  let cleared = false;
  const schedule = (() => {
    current = after(ms, (() => {
      if (cleared) return;
      callback();
      if (!cleared) schedule();
    }));
  });
  schedule();
  return {
    clear: (() => {
      cleared = true;
      current?.clear();
    })
  };
});
var sleep = (function sleep(ms) {
  return new Promise(((resolve) => after(ms, resolve)));
});

export {
  MAX_TIMER_MS,
  after,
  every,
  sleep
};
//# sourceMappingURL=chunk-ANYOMBVL.js.map
