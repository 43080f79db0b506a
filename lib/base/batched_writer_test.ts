import assert from "node:assert/strict";
// Test-only: locked in deno.test.lock, so that running smoke never fetches it.
// deno-lint-ignore no-import-prefix
import fc from "npm:fast-check@4.11.0";
import { batchedWriter } from "./batched_writer.ts";

/** A hand-driven timer: `fire()` runs the pending callback, as the interval's end would. */
function manualTimers() {
  const pending: { flush: () => void; cleared: boolean }[] = [];
  return {
    setTimer: (flush: () => void) => {
      const timer = { flush, cleared: false };
      pending.push(timer);
      return { clear: () => (timer.cleared = true) };
    },
    live: () => pending.filter((t) => !t.cleared),
    fire: () => {
      const timer = pending.shift();
      if (timer && !timer.cleared) timer.flush();
    },
  };
}

type Op = { write: string } | { flush: true } | { fire: true };

Deno.test("property: a batched writer keeps order, loses nothing, writes nothing twice, and holds at most one timer", () => {
  const op: fc.Arbitrary<Op> = fc.oneof(
    { weight: 6, arbitrary: fc.string({ maxLength: 20 }).map((write) => ({ write })) },
    { weight: 1, arbitrary: fc.constant({ flush: true as const }) },
    { weight: 1, arbitrary: fc.constant({ fire: true as const }) },
  );
  fc.assert(
    fc.property(fc.array(op, { maxLength: 60 }), fc.integer({ min: 1, max: 50 }), (ops, max) => {
      const timers = manualTimers();
      const writes: string[] = [];
      const out = batchedWriter((text) => writes.push(text), {
        flushMs: 100,
        maxChars: max,
        setTimer: timers.setTimer,
      });
      let all = "";
      for (const o of ops) {
        if ("write" in o) {
          out(o.write);
          all += o.write;
        } else if ("flush" in o) out.flush();
        else timers.fire();
        assert.ok(timers.live().length <= 1, "one timer at most");
        // What is held back is never more than a batch.
        assert.ok(all.length - writes.join("").length < max, "a full batch goes out at once");
        assert.ok(all.startsWith(writes.join("")), "written in order, once");
      }
      out.flush();
      assert.equal(writes.join(""), all);
      assert.ok(writes.every((w) => w !== ""), "no empty writes");
      assert.equal(timers.live().length, 0, "no timer left after a flush");
    }),
    { numRuns: 500 },
  );
});

Deno.test("a batched writer writes a batch once its interval ends, with the default timer", async () => {
  const writes: string[] = [];
  const out = batchedWriter((text) => writes.push(text), { flushMs: 20, maxChars: 1000 });
  out("a\n");
  out("b\n");
  assert.deepEqual(writes, []);
  await new Promise((resolve) => setTimeout(resolve, 60));
  assert.deepEqual(writes, ["a\nb\n"]);
});

Deno.test("a failed write is never thrown from the timer: the next caller gets it, once, and later text still goes out", () => {
  const timers = manualTimers();
  let failing = true;
  const writes: string[] = [];
  const out = batchedWriter((text) => {
    if (failing) throw new Error("No space left on device");
    writes.push(text);
  }, { flushMs: 100, maxChars: 1000, setTimer: timers.setTimer });
  out("a\n");
  timers.fire(); // the interval ends: the write fails, and nothing is thrown here
  out.flush({ quiet: true }); // a flush for another stream: nothing thrown either
  assert.throws(() => out("b\n"), /No space left/);
  failing = false;
  out("c\n");
  out.flush();
  assert.deepEqual(writes, ["c\n"], "the failed batch is dropped, as a failed write was");
  // An explicit flush throws its own failure.
  failing = true;
  out("d\n");
  assert.throws(() => out.flush(), /No space left/);
  assert.doesNotThrow(() => out.flush());
});
