/// <reference lib="dom" />
/**
 * In a real browser: headless Chromium (Debian package `chromium`, driven by
 * npm `playwright-core`) opens the report from `file://`, sees no console
 * error, finds the failing fixtures, runs the injection fixture's output
 * without executing anything, uses the grid's filter, and saves a
 * screenshot: into a temporary folder, or where `SMOKE_REPORT_SCREENSHOT`
 * says (`SMOKE_REPORT_SCREENSHOT=docs/report.png` remakes the README's).
 *
 * Skipped, with the reason printed, only when no browser can be had.
 */
import assert from "node:assert/strict";
import { join, resolve } from "node:path";
import { pathToFileURL } from "node:url";
// Test-only: locked in deno.test.lock, so that running smoke never fetches it.
// deno-lint-ignore no-import-prefix
import { chromium } from "npm:playwright-core@1.65.1";
import { INJECTION, realisticHistory, writeHistory } from "./_history.ts";
import { writeReport } from "../lib/cli/report_command.ts";

const EXECUTABLE = Deno.env.get("SMOKE_CHROMIUM") ?? "/usr/bin/chromium";
const ARGS = [
  "--headless",
  "--no-sandbox",
  "--disable-gpu",
  "--disable-quic",
  "--no-first-run",
  "--disable-background-networking",
  "--disable-component-update",
  "--disable-sync",
];

function browserMissing(): string | undefined {
  try {
    const info = Deno.statSync(EXECUTABLE);
    return info.isFile ? undefined : `"${EXECUTABLE}" is not a file`;
  } catch (error) {
    if (!(error instanceof Deno.errors.NotFound)) throw error;
    return `no Chromium at "${EXECUTABLE}" (apt-get install chromium, or set SMOKE_CHROMIUM)`;
  }
}

const missing = browserMissing();
if (missing) console.log(`skip: report browser test: ${missing}`);

Deno.test({
  name: "report in Chromium: no console error, failures found, injection inert, screenshot",
  ignore: missing !== undefined,
  sanitizeOps: false,
  sanitizeResources: false,
  async fn() {
    const dir = await Deno.makeTempDir({ prefix: "smoke-report-browser-" });
    const userDataDir = join(dir, "profile");
    const context = await chromium.launchPersistentContext(userDataDir, {
      executablePath: EXECUTABLE,
      args: ARGS,
      headless: true,
      viewport: { width: 1280, height: 900 },
      colorScheme: "light",
      offline: true,
    });
    try {
      const artifacts = join(dir, "artifacts");
      const history = realisticHistory();
      // Tags, as the newest run recorded them: the grid filters by them.
      for (const f of history.at(-1)!.fixtures) if (f.id.startsWith("api/")) f.tags = ["api"];
      await writeHistory(artifacts, history);
      await Deno.writeTextFile(join(artifacts, "runs", "zz-broken.json"), '{ "schemaVersion": 1 }');
      const written = await writeReport({
        artifactDir: artifacts,
        shownDir: ".planning/artifacts/smoke",
        now: new Date("2026-11-22T19:30:00Z"),
        command: "deno task smoke",
        fixtureFiles: {
          "api/search": { file: "fixtures/api/search.smoke.ts" },
          "db/seed": {
            file: "fixtures/db/seed.smoke.ts",
            manifest: "fixtures/db/seed.smoke.jsonc",
          },
          "web/echo_html": {
            file: "fixtures/web/echo_html.smoke.jsonc",
            manifest: "fixtures/web/echo_html.smoke.jsonc",
          },
        },
      });

      const page = context.pages()[0] ?? await context.newPage();
      const problems: string[] = [];
      page.on("console", (message) => {
        if (message.type() === "error" || message.type() === "warning") {
          problems.push(`${message.type()}: ${message.text()}`);
        }
      });
      page.on("pageerror", (error) => problems.push(`page error: ${error.message}`));
      const requests: string[] = [];
      page.on("request", (request) => requests.push(request.url()));
      const url = pathToFileURL(written.path).href;
      await page.goto(url, { waitUntil: "load" });

      // The failing fixtures of the latest run.
      const failures = await page.locator("#failures article h3").allTextContents();
      assert.deepEqual(failures.map((t) => t.split(" ")[1]), [
        "api/search",
        "db/seed",
        "web/echo_html",
      ]);
      assert.match(await page.locator("#latest .big").textContent() ?? "", /FAIL/);

      // The injection fixture: its output is shown as text, nothing runs.
      const echo = page.locator('[id="failure-web/echo_html"]');
      for (const summary of await echo.locator("summary").all()) await summary.click();
      const tails = await echo.locator("details pre").allTextContents();
      assert.ok(tails.some((t) => t.includes(INJECTION.img)), "the <img> is text");
      assert.ok(tails.some((t) => t.includes(INJECTION.script)), "the <script> is text");
      assert.equal(await page.evaluate(() => "__pwned" in globalThis), false);
      assert.equal(await page.locator("img").count(), 0);

      // The script runs: the grid's controls show, the filter filters, sorting sorts.
      assert.equal(await page.locator("#grid-controls").isVisible(), true);
      await page.fill("#grid-filter", "api/");
      const shown = await page.locator("#grid-table tbody tr:visible").count();
      assert.equal(shown, 5);
      assert.match(
        await page.locator("#grid-count").textContent() ?? "",
        /^5 of 16 fixtures shown$/,
      );
      await page.fill("#grid-filter", "");
      await page.click('#grid-table th[data-sort="id"] button');
      const first = await page.locator("#grid-table tbody tr").first().getAttribute("data-id");
      assert.equal(first, "api/health");
      await page.selectOption("#grid-only", "latest");
      const latestFailing = await page.locator("#grid-table tbody tr:visible").evaluateAll(
        (rows) => rows.map((row) => row.getAttribute("data-id")),
      );
      assert.deepEqual(latestFailing, ["api/search", "db/seed", "web/echo_html"]);
      await page.selectOption("#grid-only", "all");
      await page.selectOption("#grid-tag", "api");
      assert.equal(await page.locator("#grid-table tbody tr:visible").count(), 5);
      await page.selectOption("#grid-tag", "");
      assert.equal(await page.locator("#grid-table tbody tr:visible").count(), 16);
      await page.click('#grid-table th[data-sort="score"] button');

      // A rerun mark in the timeline leads to its source run's row.
      const source = await page.locator("#timeline a.rerun-mark").first().getAttribute("href");
      assert.ok(source?.startsWith("#run-"));
      assert.equal(await page.locator(`[id="${source!.slice(1)}"]`).count(), 1);

      // Dark mode follows the system.
      const light = await page.evaluate(() => getComputedStyle(document.body).backgroundColor);
      await page.emulateMedia({ colorScheme: "dark" });
      const dark = await page.evaluate(() => getComputedStyle(document.body).backgroundColor);
      assert.notEqual(light, dark);
      await page.emulateMedia({ colorScheme: "light" });

      assert.deepEqual(problems, [], "no console error or warning");
      assert.deepEqual(requests.filter((u) => u !== url), [], "no request but the page itself");

      const wanted = Deno.env.get("SMOKE_REPORT_SCREENSHOT");
      const shot = wanted ? resolve(wanted) : join(dir, "report.png");
      await page.evaluate(() => document.scrollingElement!.scrollTop = 0);
      // The page down to the slowest fixtures (the invalid-artifact list below is left out).
      const end = await page.locator("#slowest").boundingBox();
      await page.screenshot({
        path: shot,
        fullPage: true,
        clip: { x: 0, y: 0, width: 1280, height: Math.ceil(end!.y + end!.height + 24) },
      });
      assert.ok((await Deno.stat(shot)).size > 10_000);
      console.log(`screenshot: ${shot}`);
    } finally {
      await context.close();
      await Deno.remove(dir, { recursive: true });
    }
  },
});
