import assert from "node:assert/strict";
// Test-only: locked in deno.test.lock, so that running smoke never fetches it.
// deno-lint-ignore no-import-prefix
import fc from "npm:fast-check@4.11.0";
import { after, every, MAX_TIMER_MS, sleep, type Timer, timerCounts } from "./timer.ts";

Deno.test("after: fires once, after its wait", async () => {
  const started = performance.now();
  let calls = 0;
  await new Promise<void>((resolve) =>
    after(15, () => {
      calls++;
      resolve();
    })
  );
  assert.ok(performance.now() - started >= 14, "not before its wait");
  await sleep(20);
  assert.equal(calls, 1);
});

Deno.test("after: a cleared timer never fires; clearing twice is harmless", async () => {
  let calls = 0;
  const timer = after(5, () => calls++);
  timer.clear();
  timer.clear();
  await sleep(30);
  assert.equal(calls, 0);
});

Deno.test("after: any number is a wait it takes (not finite: 0; huge: cut; fractions; negatives)", async () => {
  await fc.assert(
    fc.asyncProperty(
      fc.oneof(
        fc.double({ min: -1e6, max: 20, noNaN: false }),
        fc.constantFrom(NaN, Infinity, -Infinity, -0, 0.2, 2 ** 31, 1e20, Number.MAX_VALUE),
      ),
      async (ms) => {
        const big = ms > 20;
        let fired = false;
        const timer = after(ms, () => (fired = true));
        if (big) {
          timer.clear();
          return;
        }
        await sleep(60);
        assert.ok(fired, `after(${ms}) fired`);
      },
    ),
    { numRuns: 40 },
  );
  assert.equal(MAX_TIMER_MS, 2 ** 31 - 1);
});

Deno.test("every: calls until cleared, then never again", async () => {
  let ticks = 0;
  const timer = every(3, () => ticks++);
  await sleep(50);
  timer.clear();
  const seen = ticks;
  await sleep(30);
  assert.ok(seen >= 3, `ticked ${seen} times in 50 ms`);
  assert.equal(ticks, seen);
});

Deno.test("every: cleared from inside its own callback, it stops", async () => {
  let ticks = 0;
  const timer = every(2, () => {
    ticks++;
    if (ticks === 2) timer.clear();
  });
  await sleep(40);
  assert.equal(ticks, 2);
});

/** Runs a script in a fresh Deno and returns how long it took, in ms. */
async function timedScript(body: string): Promise<number> {
  const url = new URL("./timer.ts", import.meta.url).href;
  const started = performance.now();
  const { code, stderr } = await new Deno.Command(Deno.execPath(), {
    args: ["eval", `import { after, every } from "${url}";\n${body}`],
    stdout: "null",
    stderr: "piped",
  }).output();
  assert.equal(code, 0, new TextDecoder().decode(stderr));
  return performance.now() - started;
}

Deno.test("a cleared timer does not hold the process; a pending one does", async () => {
  const pending = await timedScript("after(1500, () => {});");
  const cleared = await timedScript(
    "after(60_000, () => {}).clear(); every(60_000, () => {}).clear();",
  );
  assert.ok(pending >= 1500, `a pending timer held the process (${pending} ms)`);
  assert.ok(cleared < pending - 500, `cleared timers let it end (${cleared} ms)`);
});

Deno.test("after: generated timers and clears fire once, never early, in deadline order; cleared ones never", async () => {
  await fc.assert(
    fc.asyncProperty(
      fc.array(
        fc.record({
          ms: fc.integer({ min: 0, max: 25 }),
          clearAt: fc.option(fc.integer({ min: 0, max: 30 })),
        }),
        { minLength: 1, maxLength: 25 },
      ),
      async (specs) => {
        const started = performance.now();
        const fired: { i: number; at: number }[] = [];
        // When each timer and each clear is due, as made: making them takes time too (more on a
        // busy machine), so a clear made after its timer may be due later than the spec says. The
        // deadline lies between the clock read before the call and the one after.
        const due: { lo: number; hi: number }[] = [];
        const made = (ms: number, make: () => Timer) => {
          const lo = performance.now() - started + ms;
          const timer = make();
          return { timer, when: { lo, hi: performance.now() - started + ms } };
        };
        const timers = specs.map((spec, i) => {
          const { timer, when } = made(
            spec.ms,
            () => after(spec.ms, () => fired.push({ i, at: performance.now() - started })),
          );
          due[i] = when;
          return timer;
        });
        const clearDue: ({ lo: number; hi: number } | null)[] = specs.map(() => null);
        const clears = specs.flatMap((spec, i) => {
          if (spec.clearAt === null) return [];
          const { timer, when } = made(
            spec.clearAt,
            () => after(spec.clearAt!, () => timers[i].clear()),
          );
          clearDue[i] = when;
          return [timer];
        });
        await sleep(60);
        const counts = fired.reduce(
          (m, f) => m.set(f.i, (m.get(f.i) ?? 0) + 1),
          new Map<number, number>(),
        );
        for (const [i, n] of counts) assert.equal(n, 1, `timer ${i} fired ${n} times`);
        for (const f of fired) {
          assert.ok(
            f.at >= due[f.i].lo - 1,
            `timer ${f.i} (${specs[f.i].ms} ms) fired at ${f.at}`,
          );
        }
        // Within this much, two deadlines measured here may fall either way round in the timers'.
        const NEAR = 0.5;
        for (const [i, spec] of specs.entries()) {
          // A clear due before the timer stops it; one due after it comes too late.
          const clear = clearDue[i];
          if (clear !== null && clear.hi < due[i].lo - NEAR) {
            assert.ok(!counts.has(i), `timer ${i} fired after its clear`);
          }
          if (clear === null || clear.lo > due[i].hi + NEAR) {
            assert.ok(counts.has(i), `timer ${i} (${spec.ms} ms) never fired`);
          }
        }
        // Due in deadline order (equal deadlines in the order made): every pair that fired.
        for (let a = 0; a < fired.length; a++) {
          for (let b = a + 1; b < fired.length; b++) {
            const [x, y] = [fired[a].i, fired[b].i];
            const early = due[y].hi < due[x].lo - NEAR || (specs[y].ms === specs[x].ms && y < x);
            assert.ok(
              !early,
              `timer ${y} (due ${due[y].lo}) fired after timer ${x} (due ${due[x].lo})`,
            );
          }
        }
        for (const c of clears) c.clear();
        assert.equal(timerCounts().waiting, 0);
        assert.equal(timerCounts().armed, 0);
      },
    ),
    { numRuns: 40 },
  );
});

Deno.test("after: long timers made and cleared one after another arm one signal between them", () => {
  const before = timerCounts().idle;
  const timers = Array.from({ length: 20_000 }, (_, i) => after(3_600_000 + (i % 7), () => {}));
  assert.equal(timerCounts().waiting, 20_000);
  assert.equal(timerCounts().armed, 1);
  for (const timer of timers) timer.clear();
  // Fixture timeouts: each made later than the last, each cleared before the next.
  for (let i = 0; i < 20_000; i++) after(3_600_000, () => {}).clear();
  const { waiting, armed, idle } = timerCounts();
  assert.equal(waiting, 0);
  assert.equal(armed, 0, "nothing waits: no signal holds the event loop");
  assert.ok(idle <= before + 1, `${idle - before} signals kept for 40,000 timers`);
  // A shorter timer made while a longer one waits arms its own; both stop listening when cleared.
  const long = after(60_000, () => {});
  const short = after(10, () => {});
  assert.equal(timerCounts().armed, 2);
  short.clear();
  long.clear();
  assert.equal(timerCounts().armed, 0);
});

Deno.test("after: a throwing callback is reported, and the other timers due with it still run", async () => {
  let ran = false;
  let reported: unknown;
  const onError = (event: ErrorEvent) => {
    reported = event.error;
    event.preventDefault();
  };
  globalThis.addEventListener("error", onError);
  try {
    after(1, () => {
      throw new Error("boom");
    });
    after(1, () => (ran = true));
    await sleep(20);
  } finally {
    globalThis.removeEventListener("error", onError);
  }
  assert.equal((reported as Error)?.message, "boom");
  assert.ok(ran);
});
