import assert from "node:assert/strict";
// Test-only: locked in deno.test.lock, so that running smoke never fetches it.
// deno-lint-ignore no-import-prefix
import fc from "npm:fast-check@4.11.0";
import { type BlockedInput, groupBlocked, isBlocked } from "./blocked.ts";

const id = fc.constantFrom("setup/db", "setup/auth", "api/a", "api/b", "api/c", "web/x", "web/y");
const result: fc.Arbitrary<BlockedInput> = fc.oneof(
  fc.record({ id, status: fc.constantFrom("passed" as const, "skipped" as const) }),
  fc.record({
    id,
    status: fc.constant("failed" as const),
    failure: fc.record({
      kind: fc.constantFrom("exit-code", "timeout", "not-run"),
      message: fc.constant("x"),
    }),
  }),
  id.chain((by) =>
    fc.record({
      id,
      status: fc.constant("failed" as const),
      blockedBy: fc.constant(by),
      failure: fc.constant({ kind: "blocked", message: `Blocked by ${by}: it needs "${by}"` }),
    })
  ),
);

Deno.test("groupBlocked() puts every blocked fixture in its need's group, and nothing else", () => {
  fc.assert(
    fc.property(fc.uniqueArray(result, { selector: (r) => r.id, maxLength: 7 }), (results) => {
      const groups = groupBlocked(results);
      const blocked = results.filter(isBlocked);
      // Every blocked fixture once, in its need's group; no other fixture.
      assert.deepEqual(
        groups.flatMap((g) => g.ids).sort(),
        blocked.map((r) => r.id).sort(),
      );
      for (const g of groups) {
        for (const member of g.ids) {
          assert.equal(results.find((r) => r.id === member)!.blockedBy, g.by);
        }
      }
      // One group per need, and how the need ended comes from its own result.
      assert.equal(groups.length, new Set(blocked.map((r) => r.blockedBy)).size);
      for (const g of groups) {
        const need = results.find((r) => r.id === g.by);
        const expected = !need
          ? "did not pass"
          : isBlocked(need)
          ? `blocked by ${need.blockedBy}`
          : need.status === "skipped"
          ? "skipped"
          : need.failure?.kind === "not-run"
          ? "not run"
          : need.status === "failed"
          ? "failed"
          : "did not pass";
        assert.equal(g.ended, expected);
      }
    }),
  );
});

Deno.test("groupBlocked() reads the need from the message of an artifact without blockedBy", () => {
  const old = {
    id: "api/a",
    status: "failed" as const,
    failure: { kind: "blocked", message: 'Blocked by setup/db: it needs "setup/db", which failed' },
  };
  assert.deepEqual(groupBlocked([old]), [{
    by: "setup/db",
    ended: "did not pass",
    ids: ["api/a"],
  }]);
});

Deno.test("groupBlocked(): a need stopped before it had a result was interrupted; in its retry, it failed", () => {
  const dep: BlockedInput = {
    id: "dep",
    status: "failed",
    blockedBy: "setup",
    failure: { kind: "blocked", message: 'Blocked by setup: it needs "setup", which failed' },
  };
  const ended = (attempts: number) => {
    const setup: BlockedInput = {
      id: "setup",
      status: "failed",
      attempts,
      failure: { kind: "interrupted", message: "Interrupted" },
    };
    return groupBlocked([setup, dep]);
  };
  assert.deepEqual(ended(1), [{ by: "setup", ended: "interrupted", ids: ["dep"] }]);
  assert.equal(ended(2)[0].ended, "failed");
});

Deno.test("groupBlocked(): the cause first, then what it blocked in turn, whatever the order of the results", () => {
  const blocked = (id: string, by: string) => ({
    id,
    status: "failed" as const,
    blockedBy: by,
    failure: { kind: "blocked", message: `Blocked by ${by}: it needs "${by}", which failed` },
  });
  const root = {
    id: "z/root",
    status: "failed" as const,
    failure: { kind: "exit-code", message: "" },
  };
  const results = [
    blocked("a/report", "b/orders"),
    blocked("b/orders", "c/seed"),
    blocked("c/seed", "z/root"),
    root,
  ];
  assert.deepEqual(groupBlocked(results).map((g) => g.by), ["z/root", "c/seed", "b/orders"]);
  // An artifact is untrusted: a loop of blocks still ends.
  assert.equal(groupBlocked([blocked("x", "y"), blocked("y", "x")]).length, 2);
});
