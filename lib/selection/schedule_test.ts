import assert from "node:assert/strict";
import { planSchedule } from "./schedule.ts";
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
