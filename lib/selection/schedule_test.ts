import assert from "node:assert/strict";
import { planSchedule, readSchedule } from "./schedule.ts";
import { readDurationsFile, writeDurations } from "../artifact/durations_file.ts";
import { historyPaths } from "../artifact/history.ts";
import { buildCatalog } from "../catalog/catalog.ts";
import { planFixture } from "./plan.ts";

Deno.test("planSchedule: history makes it longest first; none, or --order id, keeps id order", () => {
  const catalog = buildCatalog(
    ["a1", "a2", "z_slow"].map((id) => ({
      path: `${id}.smoke.jsonc`,
      text: '{"command":["true"]}',
    })),
    { cwd: "/", fixturesDir: "/f" },
  );
  const planned = catalog.map((f) =>
    planFixture(f, {
      options: { timeoutMs: 1000, retries: 0, permissions: [], env: {} },
      deno: "deno",
    })
  );
  const history = {
    runs: 1,
    byId: new Map([["a1", [300]], ["a2", [300]], ["z_slow", [1500]]]),
  };
  const none = { runs: 0, byId: new Map<string, number[]>() };
  const auto = planSchedule(planned, history);
  assert.equal(auto.mode, "duration");
  assert.deepEqual(auto.startOrder, [2, 0, 1]);
  assert.equal(planSchedule(planned, none).mode, "id");
  assert.equal(planSchedule(planned, none).startOrder, undefined);
  const byId = planSchedule(planned, history, { order: "id" });
  assert.equal(byId.mode, "id");
  assert.equal(byId.startOrder, undefined);
});

Deno.test("readSchedule() takes the summary a split by duration read while the file is unchanged: one read, not two", async () => {
  const dir = await Deno.makeTempDir();
  try {
    await writeDurations(dir, { runs: 1, byId: new Map([["a", [5]]]) });
    const read = await readDurationsFile(dir);
    // The same file (its stamp), but other samples: only a second read would see "a" at 5 ms.
    const earlier = { ...read, samples: { runs: 1, byId: new Map([["a", [7000]]]) } };
    const planned = [{ fixture: { id: "a", needs: [] }, timeoutMs: 60_000, retries: 0 }] as never;
    const paths = historyPaths(dir);
    const reused = await readSchedule(planned, { paths, earlier });
    assert.equal(reused.read, earlier);
    assert.equal(reused.estimates?.byId.get("a")?.ms, 7000);
    // Replaced since: read again.
    await writeDurations(dir, { runs: 2, byId: new Map([["a", [6, 5]]]) });
    const again = await readSchedule(planned, { paths, earlier });
    assert.equal(again.estimates?.byId.get("a")?.samples, 2);
  } finally {
    await Deno.remove(dir, { recursive: true });
  }
});
