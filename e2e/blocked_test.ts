/**
 * End-to-end: a setup fixture fails, so the two fixtures that need it never
 * start; every output shows them as blocked by it, never as failures of
 * their own, and the run fails.
 */
import assert from "node:assert/strict";
import { runSmoke, tempProject } from "./_project.ts";

const sh = (script: string, extra: Record<string, unknown> = {}) =>
  JSON.stringify({ command: ["sh", "-c", script], ...extra });

const FILES = {
  "fixtures/setup/db.smoke.jsonc": sh("echo 'cannot seed' >&2; exit 1"),
  "fixtures/api/orders.smoke.jsonc": sh("echo orders", { needs: ["setup/db"] }),
  "fixtures/api/users.smoke.jsonc": sh("echo users", { needs: ["setup/db"] }),
  "fixtures/health.smoke.jsonc": sh("echo ok"),
};

Deno.test("a failed setup blocks its dependants: console, JUnit and GitHub say blocked by it", async () => {
  await using p = await tempProject(FILES);
  const run = await runSmoke(p.dir, ["--junit", "reports/junit.xml"]);
  assert.equal(run.code, 1, run.stdout + run.stderr);
  assert.match(run.stdout, /^FAIL {2}setup\/db /m);
  assert.match(run.stdout, /^BLOCK {2}api\/orders {2}blocked by setup\/db$/m);
  assert.match(run.stdout, /^BLOCK {2}api\/users {2}blocked by setup\/db$/m);
  assert.doesNotMatch(run.stdout, /^FAIL {2}api\//m);
  assert.match(
    run.stdout,
    /^Blocked by setup\/db \(failed\): api\/(orders, api\/users|users, api\/orders)$/m,
  );
  // Only the setup is listed as a failure of its own.
  assert.doesNotMatch(run.stdout, /^ {2}\d+\) api\//m);
  assert.match(
    run.stdout,
    /^Summary: 1 passed, 1 failed, 2 blocked, 0 skipped, 0 flaky \(4 fixtures/m,
  );
  assert.equal(run.resultLine, "RESULT: fail");

  const xml = await p.read("reports/junit.xml");
  for (const id of ["api/orders", "api/users"]) {
    assert.match(
      xml,
      new RegExp(`name="${id}"[^>]*>\\n\\s*<skipped message="blocked by setup/db"/>`),
    );
  }
  assert.match(xml, /<testsuite name="smoke" tests="4" failures="1" errors="0" skipped="2"/);

  // The artifact keeps them failed (owed), kind blocked, with the need named.
  const latest = await p.latest();
  const orders = latest.fixtures.find((f) => f.id === "api/orders")!;
  assert.equal(orders.status, "failed");
  assert.equal(orders.blockedBy, "setup/db");

  const gh = await runSmoke(p.dir, [], { env: { GITHUB_ACTIONS: "true" } });
  assert.equal(gh.code, 1, gh.stdout + gh.stderr);
  const errors = gh.stdout.split("\n").filter((l) => l.startsWith("::error"));
  assert.equal(errors.length, 1, gh.stdout);
  assert.match(errors[0], /title=setup\/db::/);
  const warnings = gh.stdout.split("\n").filter((l) => l.startsWith("::warning"));
  assert.equal(warnings.length, 1, gh.stdout);
  assert.match(
    warnings[0],
    /^::warning file=fixtures\/setup\/db\.smoke\.jsonc,title=blocked by setup\/db::Blocked by setup\/db \(failed\): api\/(orders|users), api\/(orders|users)$/,
  );
});

Deno.test("the HTML report counts blocked fixtures apart and shows them in the grid as never started", async () => {
  await using p = await tempProject({
    "fixtures/setup.smoke.jsonc": JSON.stringify({ command: ["false"] }),
    "fixtures/dep.smoke.jsonc": JSON.stringify({ command: ["true"], needs: ["setup"] }),
    "fixtures/ok.smoke.jsonc": JSON.stringify({ command: ["true"] }),
  });
  const run = await runSmoke(p.dir, ["--report"]);
  assert.equal(run.code, 1, run.stderr);
  assert.match(run.stdout, /^Summary: 1 passed, 1 failed, 1 blocked, /m);
  const html = await p.read(".planning/artifacts/smoke/report.html");
  assert.match(html, /<title>smoke report: ✗ FAIL, 1 failed, 1 blocked<\/title>/);
  assert.match(html, /✗ 1 failed<\/span>.*⊘ 1 blocked<\/span>/);
  const row = /<tr data-id="dep"[^>]*>.*?<\/tr>/.exec(html)?.[0] ?? "";
  assert.match(row, /<td class=n>⊘<\/td><\/tr>$/, row);
  assert.match(html, /⊘ never started \(blocked by a need, or not run\)/);
  // The runs table and the timeline's tooltip count it apart too.
  assert.match(html, /<td class="num">1<\/td><td class="num">1<\/td><td class="num">0<\/td>/);
  assert.match(html, /1 passed, 1 failed, 1 blocked, 0 skipped in /);
});
