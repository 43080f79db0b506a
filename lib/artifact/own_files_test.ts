import assert from "node:assert/strict";
import { join } from "node:path";
// Test-only: locked in deno.test.lock, so that running smoke never fetches it.
// deno-lint-ignore no-import-prefix
import fc from "npm:fast-check@4.11.0";
import { isHistoryFile } from "./own_files.ts";

/** The entries a folder may hold, and whether each is a file of an artifact directory. */
const NAMES = ["latest.json", "durations.json", ".lock", "report.html", "summary.md", "x.json"];
const OWN = new Set(["latest.json", "durations.json", ".lock"]);

Deno.test("isHistoryFile: a file of any artifact directory, by any spelling, and nothing else (generated layouts)", async () => {
  const root = await Deno.makeTempDir({ prefix: "smoke-own-" });
  try {
    let n = 0;
    await fc.assert(
      fc.asyncProperty(
        fc.record({
          // The folder is an artifact directory when it has runs/ (and a run file in it).
          withRuns: fc.boolean(),
          // What it holds besides runs/.
          latest: fc.boolean(),
          durations: fc.boolean(),
          // The path asked about: an entry of the folder, or a file in runs/.
          name: fc.constantFrom(...NAMES),
          inRuns: fc.boolean(),
          // Reached through a symlinked folder, or through a symlink to the file.
          via: fc.constantFrom("direct", "linked-folder", "link-to-file"),
        }),
        async (c) => {
          const dir = join(root, `d${n++}`);
          await Deno.mkdir(dir);
          if (c.withRuns) await Deno.mkdir(join(dir, "runs"));
          if (c.latest) await Deno.writeTextFile(join(dir, "latest.json"), "{}");
          if (c.durations) await Deno.writeTextFile(join(dir, "durations.json"), "{}");
          const inRuns = c.inRuns && c.withRuns;
          const entry = inRuns ? join(dir, "runs", c.name) : join(dir, c.name);
          const expected = inRuns ? c.latest || c.durations : OWN.has(c.name) && c.withRuns;
          let path = entry;
          if (c.via === "linked-folder") {
            await Deno.symlink(dir, `${dir}-link`);
            path = inRuns ? join(`${dir}-link`, "runs", c.name) : join(`${dir}-link`, c.name);
          } else if (c.via === "link-to-file") {
            path = join(root, `link${n}`);
            await Deno.symlink(entry, path);
          }
          assert.equal(isHistoryFile(path), expected, JSON.stringify(c));
        },
      ),
      { numRuns: 150 },
    );
  } finally {
    await Deno.remove(root, { recursive: true });
  }
});
