import assert from "node:assert/strict";
import { join, relative } from "node:path";
// Test-only: locked in deno.test.lock, so that running smoke never fetches it.
// deno-lint-ignore no-import-prefix
import fc from "npm:fast-check@4.11.0";
import { isHistoryFile } from "./own_files.ts";

/** The entries a folder may hold. */
const NAMES = [
  "latest.json",
  "durations.json",
  ".lock",
  "report.html",
  "summary.md",
  "x.json",
  "20261125T100000000Z-abcdef.json",
  "20261125T100000000Z-abcdef-preflight.json",
];
/** Smoke's own beside a runs/ folder. */
const BESIDE = new Set(["latest.json", "durations.json", ".lock"]);
/** A run file's name, in runs/. */
const RUN_FILE = /^\d{8}T\d{9}Z-[a-z0-9]+(-preflight)?\.json$/;

Deno.test("isHistoryFile: a file of any artifact directory, by any spelling, and nothing else (generated layouts)", async () => {
  const root = await Deno.realPath(await Deno.makeTempDir({ prefix: "smoke-own-" }));
  try {
    let n = 0;
    await fc.assert(
      fc.asyncProperty(
        fc.record({
          // The folder is an artifact directory when it has runs/.
          withRuns: fc.boolean(),
          // What it holds besides runs/.
          latest: fc.boolean(),
          durations: fc.boolean(),
          // The path asked about: an entry of the folder, or a file in runs/.
          name: fc.constantFrom(...NAMES),
          inRuns: fc.boolean(),
          // How it is spelled: as is, through a symlinked folder, through a symlink to the file,
          // relative to the working directory, or through `..`.
          via: fc.constantFrom("direct", "linked-folder", "link-to-file", "relative", "dotdot"),
        }),
        async (c) => {
          const dir = join(root, `d${n++}`);
          await Deno.mkdir(dir);
          if (c.withRuns) await Deno.mkdir(join(dir, "runs"));
          if (c.latest) await Deno.writeTextFile(join(dir, "latest.json"), "{}");
          if (c.durations) await Deno.writeTextFile(join(dir, "durations.json"), "{}");
          const inRuns = c.inRuns && c.withRuns;
          const entry = inRuns ? join(dir, "runs", c.name) : join(dir, c.name);
          // The model: in runs/, a run file by its name or anything beside smoke's own; beside
          // runs/, latest.json, durations.json and the lock.
          const expected = inRuns
            ? RUN_FILE.test(c.name) || c.latest || c.durations
            : BESIDE.has(c.name) && c.withRuns;
          let path = entry;
          if (c.via === "linked-folder") {
            await Deno.symlink(dir, `${dir}-link`);
            path = inRuns ? join(`${dir}-link`, "runs", c.name) : join(`${dir}-link`, c.name);
          } else if (c.via === "link-to-file") {
            path = join(root, `link${n}`);
            await Deno.symlink(entry, path);
          } else if (c.via === "relative") {
            path = relative(Deno.cwd(), entry);
          } else if (c.via === "dotdot") {
            await Deno.mkdir(join(dir, "sub"));
            path = inRuns ? join(dir, "sub", "..", "runs", c.name) : join(dir, "sub", "..", c.name);
          }
          assert.equal(isHistoryFile(path), expected, JSON.stringify(c));
        },
      ),
      { numRuns: 200 },
    );
  } finally {
    await Deno.remove(root, { recursive: true });
  }
});
