import assert from "node:assert/strict";
import { join } from "node:path";
// Test-only: locked in deno.test.lock, so that running smoke never fetches it.
// deno-lint-ignore no-import-prefix
import fc from "npm:fast-check@4.11.0";
import { inTempDir } from "./_testing.ts";
import { UserError } from "../base/errors.ts";
import { newRunId } from "./history.ts";
import { acquireLock, type Lock, LOCK_FILE, parseLockContent } from "./lock.ts";

const RUN_ID = "20261125T144407123Z-3fa9c1";

Deno.test("parseLockContent never throws, and names a holder only for a plausible pid and a smoke run id", () => {
  const pids = fc.oneof(
    fc.integer(),
    fc.double(),
    fc.constantFrom(0, -1, 4294967295, 4194304, 4194305, 1, Number.MAX_SAFE_INTEGER),
    fc.string(),
    fc.constant(null),
  );
  const runIds = fc.oneof(
    fc.string(),
    fc.date({ min: new Date(0), max: new Date("9999-12-31"), noInvalidDate: true }).map((d) =>
      newRunId(d)
    ),
    fc.constant(RUN_ID),
  );
  const texts = fc.oneof(
    fc.string(),
    fc.json(),
    fc.record({ pid: pids, runId: runIds }, { requiredKeys: [] }).map((v) => JSON.stringify(v)),
  );
  fc.assert(
    fc.property(texts, (text) => {
      const content = parseLockContent(text);
      if (text.trim() === "") {
        assert.equal(content.kind, "empty");
        return;
      }
      if (content.kind === "holder") {
        const { pid, runId } = content.holder;
        assert.ok(Number.isInteger(pid) && pid >= 1 && pid <= 4194304, `pid ${pid}`);
        assert.match(runId, /^\d{8}T\d{9}Z-[0-9a-f]{6}$/);
      } else {
        assert.equal(content.kind, "malformed");
      }
    }),
    { numRuns: 2000 },
  );
  for (
    const text of ["null", '{"pid":4294967295}', '{"pid":-1}', `{"pid":1.5,"runId":"${RUN_ID}"}`]
  ) {
    assert.equal(parseLockContent(text).kind, "malformed", text);
  }
});

Deno.test("a held lock refuses a second taker with LOCKED naming the pid; release lets the next in", async () => {
  await inTempDir(async (dir) => {
    const first = await acquireLock(dir, { shownDir: "arts", runId: RUN_ID });
    assert.deepEqual(first.warnings, []);
    assert.equal(first.previous, undefined);
    const content = JSON.parse(await Deno.readTextFile(join(dir, LOCK_FILE)));
    assert.equal(content.pid, Deno.pid);
    assert.equal(content.runId, RUN_ID);
    const refused = await acquireLock(dir, { shownDir: "arts", runId: RUN_ID }).catch((e) => e);
    assert.ok(refused instanceof UserError);
    assert.equal(refused.code, "LOCKED");
    assert.match(refused.message, new RegExp(`\\(pid ${Deno.pid}\\) is already running`));
    first.release();
    first.release(); // idempotent
    await assert.rejects(() => Deno.lstat(join(dir, LOCK_FILE)), Deno.errors.NotFound);
    const second = await acquireLock(dir, { shownDir: "arts", runId: RUN_ID });
    second.release();
  });
});

Deno.test("the content a dead run left is handed back as previous; other content is a warning", async () => {
  await inTempDir(async (dir) => {
    const path = join(dir, LOCK_FILE);
    await Deno.writeTextFile(path, JSON.stringify({ pid: 1234, runId: RUN_ID, startedAt: "x" }));
    const lock = await acquireLock(dir, { shownDir: "arts", runId: RUN_ID });
    assert.deepEqual(lock.previous, { pid: 1234, runId: RUN_ID });
    assert.deepEqual(lock.warnings, []);
    lock.release();
    for (const text of ["null", "{}", '{"pid":4294967295}', "x".repeat(10000)]) {
      await Deno.writeTextFile(path, text);
      const taken = await acquireLock(dir, { shownDir: "arts", runId: RUN_ID });
      assert.equal(taken.previous, undefined);
      assert.deepEqual(taken.warnings.map((w) => w.code), ["LOCK_MALFORMED"], text);
      assert.equal(JSON.parse(await Deno.readTextFile(path)).pid, Deno.pid, "rewritten whole");
      taken.release();
    }
  });
});

Deno.test("a lock file the run creates is written without a truncate; a left-over one is truncated", async () => {
  const truncate = Deno.FsFile.prototype.truncateSync;
  let truncates = 0;
  Deno.FsFile.prototype.truncateSync = function (this: Deno.FsFile, length?: number) {
    truncates++;
    return truncate.call(this, length);
  };
  try {
    await inTempDir(async (dir) => {
      const fresh = await acquireLock(dir, { shownDir: "arts", runId: RUN_ID });
      assert.equal(truncates, 0, "an empty file needs no truncate");
      assert.equal(JSON.parse(await Deno.readTextFile(join(dir, LOCK_FILE))).runId, RUN_ID);
      fresh.release();
      // Anything there, even bytes that decode to nothing (a byte order mark), is truncated.
      for (const [n, text] of ["x".repeat(500), "\ufeff"].entries()) {
        await Deno.writeTextFile(join(dir, LOCK_FILE), text);
        const taken = await acquireLock(dir, { shownDir: "arts", runId: RUN_ID });
        assert.equal(truncates, n + 1);
        assert.equal(JSON.parse(await Deno.readTextFile(join(dir, LOCK_FILE))).runId, RUN_ID);
        taken.release();
      }
    });
  } finally {
    Deno.FsFile.prototype.truncateSync = truncate;
  }
});

Deno.test("a .lock that is not a plain file of its own is refused and left alone", async () => {
  await inTempDir(async (dir) => {
    const path = join(dir, LOCK_FILE);
    const precious = join(dir, "precious");
    await Deno.writeTextFile(precious, "user data");
    const makers: Record<string, () => Promise<void>> = {
      directory: () => Deno.mkdir(path),
      symlink: () => Deno.symlink(precious, path),
      "hard link": () => Deno.link(precious, path),
      fifo: async () => void await new Deno.Command("mkfifo", { args: [path] }).output(),
    };
    for (const [what, make] of Object.entries(makers)) {
      await make();
      const error = await acquireLock(dir, { shownDir: "arts", runId: RUN_ID }).catch((e) => e);
      assert.ok(error instanceof UserError, `${what}: ${error}`);
      assert.equal(error.code, "ARTIFACT_DIR_UNUSABLE", what);
      assert.match(error.message, /^Cannot use the lock file ".*\.lock": /);
      assert.equal(await Deno.readTextFile(precious), "user data", what);
      await Deno.remove(path);
    }
  });
});

Deno.test("takers racing over a stale lock in one process: never two holders at once", async () => {
  await inTempDir(async (dir) => {
    await Deno.writeTextFile(join(dir, LOCK_FILE), JSON.stringify({ pid: 99999, runId: RUN_ID }));
    let holders = 0;
    let most = 0;
    let taken = 0;
    const taker = async () => {
      for (let i = 0; i < 20; i++) {
        let lock: Lock;
        try {
          lock = await acquireLock(dir, { shownDir: "arts", runId: RUN_ID });
        } catch (error) {
          if (!(error instanceof UserError) || error.code !== "LOCKED") throw error;
          await new Promise((r) => setTimeout(r, Math.random() * 3));
          continue;
        }
        holders++;
        taken++;
        most = Math.max(most, holders);
        await new Promise((r) => setTimeout(r, Math.random() * 3));
        holders--;
        lock.release();
      }
    };
    await Promise.all(Array.from({ length: 8 }, taker));
    assert.equal(most, 1, "two takers held the lock at once");
    assert.ok(taken > 0);
  });
});
