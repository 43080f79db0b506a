import assert from "node:assert/strict";
// Test-only: locked in deno.test.lock, so that running smoke never fetches it.
// deno-lint-ignore no-import-prefix
import fc from "npm:fast-check@4.11.0";
import { after, every, MAX_TIMER_MS, sleep } from "./timer.ts";

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
