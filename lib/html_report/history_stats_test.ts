import assert from "node:assert/strict";
import { flakiness, median, percentile, timeAgo } from "./history_stats.ts";

Deno.test("median: odd, even, unsorted, empty", () => {
  assert.equal(median([9, 1, 5]), 5);
  assert.equal(median([10, 1, 2, 7]), 4.5);
  assert.equal(median([]), 0);
  const values = [3, 1, 2];
  median(values);
  assert.deepEqual(values, [3, 1, 2], "the input is not sorted in place");
});

Deno.test("percentile: nearest rank", () => {
  const hundred = Array.from({ length: 100 }, (_, i) => 100 - i);
  assert.equal(percentile(hundred, 95), 95);
  assert.equal(percentile(hundred, 50), 50);
  assert.equal(percentile(hundred, 100), 100);
  assert.equal(percentile([7, 1000, 3], 95), 1000);
  assert.equal(percentile([4, 8], 0), 4);
  assert.equal(percentile([], 95), 0);
});

Deno.test("flakiness: flips over the chances to flip", () => {
  assert.deepEqual(flakiness("pppp"), { flips: 0, observed: 4, score: 0 });
  assert.deepEqual(flakiness("ffff"), { flips: 0, observed: 4, score: 0 });
  assert.deepEqual(flakiness("pfpf"), { flips: 3, observed: 4, score: 1 });
  // Skipped and absent runs are left out, not counted as a change.
  assert.deepEqual(flakiness("p.s.p"), { flips: 0, observed: 2, score: 0 });
  assert.deepEqual(flakiness("p..f"), { flips: 1, observed: 2, score: 1 });
  // A pass on retry is a fail then a pass.
  assert.deepEqual(flakiness("r"), { flips: 1, observed: 1, score: 1 });
  assert.deepEqual(flakiness("ppr"), { flips: 2, observed: 3, score: 2 / 3 });
  assert.deepEqual(flakiness(""), { flips: 0, observed: 0, score: 0 });
});

Deno.test("timeAgo: words by scale", () => {
  const now = new Date("2026-11-25T12:00:00Z");
  const before = (ms: number) => new Date(now.getTime() - ms);
  assert.equal(timeAgo(before(10_000), now), "just now");
  assert.equal(timeAgo(before(5 * 60_000), now), "5 min ago");
  assert.equal(timeAgo(before(86_400_000), now), "1 day ago");
  assert.equal(timeAgo(before(3 * 86_400_000), now), "3 days ago");
  assert.equal(timeAgo(new Date(now.getTime() + 60_000), now), "just now");
});
