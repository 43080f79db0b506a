/**
 * Services (issue 14): started before the fixtures, waited for until ready
 * (URL, port, output line), stopped after them on every path, recorded in
 * the artifact; a service not ready runs no fixture and leaves them all owed.
 */
import assert from "node:assert/strict";
import { ArtifactSchema } from "../lib/artifact/artifact_schema.ts";
import { closedPort, isAlive, runSmoke, SMOKE_ENTRY, tempProject, waitFor } from "./_project.ts";

const DENO = Deno.execPath();

/** Something already answering on a local port (it accepts, then closes, every connection). */
function acceptingPort(): { port: number } & AsyncDisposable {
  const listener = Deno.listen({ hostname: "127.0.0.1", port: 0 });
  const accepting = (async () => {
    for await (const conn of listener) conn.close();
  })();
  return {
    port: (listener.addr as Deno.NetAddr).port,
    async [Symbol.asyncDispose]() {
      listener.close();
      await accepting.catch(() => {});
    },
  };
}

/** A Deno HTTP server: writes its pid, answers /health and /hello, port from PORT. */
const SERVER = `await Deno.writeTextFile("service.pid", String(Deno.pid));
const port = Number(Deno.env.get("PORT"));
Deno.serve({ hostname: "127.0.0.1", port, onListen: () => console.log("listening on " + port) },
  (req) => new URL(req.url).pathname === "/health" ? new Response("ok") : new Response("hello"));
`;

/** A fixture that fetches /hello from the api service's URL and writes a marker. */
const FETCHER = `const url = new URL("/hello", Deno.env.get("SMOKE_SERVICE_API_URL"));
const text = await (await fetch(url)).text();
if (text !== "hello") throw new Error("unexpected answer " + text);
await Deno.writeTextFile(Deno.env.get("SMOKE_FIXTURE_ID")!.replaceAll("/", "_") + ".ran", text);
`;

function config(services: unknown[], extra: Record<string, unknown> = {}): string {
  return JSON.stringify({ permissions: ["-A"], services, ...extra }, null, 2);
}

async function pidsAlive(p: { read(path: string): Promise<string> }, files: string[]) {
  const alive: number[] = [];
  for (const file of files) {
    const pid = Number((await p.read(file)).trim());
    if (await isAlive(pid)) alive.push(pid);
  }
  return alive;
}

Deno.test("services: a Deno HTTP server ready by URL serves the fixtures, then is stopped", async () => {
  const port = closedPort();
  await using p = await tempProject({
    "server.ts": SERVER,
    "smoke.jsonc": config([{
      name: "api",
      command: [DENO, "run", "-A", "server.ts"],
      env: { PORT: String(port) },
      ready: { url: `http://127.0.0.1:${port}/health` },
    }]),
    "fixtures/a.smoke.ts": FETCHER,
    "fixtures/b.smoke.ts": FETCHER,
  });
  const run = await runSmoke(p.dir, []);
  assert.equal(run.code, 0, run.stderr + run.stdout);
  assert.match(run.stdout, /Service api: ready in \d+ms \(answered 200\)/);
  assert.ok(await p.exists("a.ran") && await p.exists("b.ran"));
  const artifact = ArtifactSchema.parse(await p.latest());
  assert.equal(artifact.services?.[0].status, "ready");
  assert.equal(typeof artifact.services?.[0].readyMs, "number");
  assert.match(artifact.services?.[0].stdoutTail ?? "", /listening on/);
  assert.deepEqual(await pidsAlive(p, ["service.pid"]), [], "the service outlived smoke");
});

Deno.test("services: ready by port and by an output line, in order, with their variables", async () => {
  const port = closedPort();
  await using p = await tempProject({
    "tcp.ts": `await Deno.writeTextFile("tcp.pid", String(Deno.pid));
await new Promise((r) => setTimeout(r, 300));
const listener = Deno.listen({ hostname: "127.0.0.1", port: Number(Deno.env.get("PORT")) });
for await (const conn of listener) conn.close();
`,
    "smoke.jsonc": config([
      {
        name: "db",
        command: [DENO, "run", "-A", "tcp.ts"],
        env: { PORT: String(port) },
        ready: { port, intervalMs: 50 },
      },
      {
        name: "worker-queue",
        command: ["sh", "-c", 'echo $$ > worker.pid; sleep 0.3; echo "worker up"; exec sleep 60'],
        ready: { stdoutIncludes: "worker up" },
      },
    ]),
    "fixtures/env.smoke.jsonc": JSON.stringify({
      command: [
        "sh",
        "-c",
        'test "$SMOKE_SERVICE_DB_PORT" = ' + port +
        ' && test "$SMOKE_SERVICE_DB_HOST" = 127.0.0.1 && test -f worker.pid',
      ],
    }),
  });
  const run = await runSmoke(p.dir, []);
  assert.equal(run.code, 0, run.stderr + run.stdout);
  const db = run.stdout.indexOf("Service db: ready");
  const worker = run.stdout.indexOf("Service worker-queue: started");
  assert.ok(db >= 0 && worker > db, `db is ready before worker-queue starts:\n${run.stdout}`);
  const artifact = ArtifactSchema.parse(await p.latest());
  assert.deepEqual(artifact.services?.map((s) => s.status), ["ready", "ready"]);
  assert.deepEqual(await pidsAlive(p, ["tcp.pid", "worker.pid"]), []);
});

Deno.test("services: never ready -> no fixture runs, exit 1, all owed; fixed -> --rerun-failed runs them", async () => {
  const port = closedPort();
  const never = {
    name: "api",
    command: [
      "sh",
      "-c",
      'echo $$ > service.pid; echo "booting"; echo "bad DATABASE_URL" >&2; exec sleep 60',
    ],
    ready: { url: `http://127.0.0.1:${port}/health`, timeoutMs: 1000, intervalMs: 100 },
  };
  await using p = await tempProject({
    "server.ts": SERVER,
    "smoke.jsonc": config([never]),
    "fixtures/a.smoke.ts": FETCHER,
    "fixtures/b.smoke.ts": FETCHER,
    "fixtures/skipped.smoke.jsonc": JSON.stringify({ command: ["true"], skip: "later" }),
  });
  const run = await runSmoke(p.dir, []);
  assert.equal(run.code, 1, run.stderr);
  assert.equal(run.resultLine, "RESULT: fail");
  assert.match(
    run.stderr,
    new RegExp(
      `error: Service "api" was not ready: not ready within 1000ms: GET http://127\\.0\\.0\\.1:${port}/health ` +
        `answers 2xx or 3xx \\(last check: connection refused\\); none of the 3 fixtures ran \\[SERVICE_NOT_READY\\]`,
    ),
  );
  assert.match(run.stderr, /last lines of its stdout:\n {4}booting\n/);
  assert.match(run.stderr, /last lines of its stderr:\n {4}bad DATABASE_URL\n/);
  assert.match(run.stdout, /Not run: 2 fixtures \(\S+, \S+; service "api" was not ready\)/);
  assert.ok(!(await p.exists("a.ran")) && !(await p.exists("b.ran")), "nothing ran");
  const artifact = ArtifactSchema.parse(await p.latest());
  assert.equal(artifact.services?.[0].status, "not-ready");
  assert.deepEqual(
    artifact.fixtures.map((f) => [f.id, f.status, f.failure?.kind]),
    [["a", "failed", "not-run"], ["b", "failed", "not-run"], ["skipped", "skipped", undefined]],
  );
  assert.deepEqual(artifact.suite?.outstanding.map((o) => o.id), ["a", "b"]);
  assert.ok(artifact.diagnostics.some((d) => d.code === "SERVICE_NOT_READY"));
  assert.deepEqual(await pidsAlive(p, ["service.pid"]), []);

  // The service fixed: the rerun starts it and runs every owed fixture.
  await p.write(
    "smoke.jsonc",
    config([{
      name: "api",
      command: [DENO, "run", "-A", "server.ts"],
      env: { PORT: String(port) },
      ready: { url: `http://127.0.0.1:${port}/health` },
    }]),
  );
  const rerun = await runSmoke(p.dir, ["--rerun-failed"]);
  assert.equal(rerun.code, 0, rerun.stderr + rerun.stdout);
  assert.ok(await p.exists("a.ran") && await p.exists("b.ran"));
  assert.deepEqual(await pidsAlive(p, ["service.pid"]), []);
});

Deno.test("services: one that exits before it is ready fails at once, with its exit code and output", async () => {
  await using p = await tempProject({
    "smoke.jsonc": config([
      {
        name: "api",
        command: ["sh", "-c", 'echo "config file missing" >&2; exit 3'],
        ready: { port: closedPort(), timeoutMs: 60_000 },
      },
      { name: "later", command: ["sh", "-c", "touch later.started; sleep 60"], ready: { port: 1 } },
    ]),
    "fixtures/a.smoke.jsonc": JSON.stringify({ command: ["touch", "a.ran"] }),
  });
  const started = Date.now();
  const run = await runSmoke(p.dir, []);
  assert.equal(run.code, 1);
  assert.ok(Date.now() - started < 30_000, "it did not wait out the 60 s timeout");
  assert.match(
    run.stderr,
    /Service "api" was not ready: exited with code 3 before it was ready; none of the 1 fixture ran \[SERVICE_NOT_READY\]/,
  );
  assert.match(run.stderr, /config file missing/);
  assert.ok(!(await p.exists("a.ran")));
  assert.ok(!(await p.exists("later.started")), "a later service is not started");
  const artifact = ArtifactSchema.parse(await p.latest());
  assert.deepEqual(
    artifact.services?.map((s) => [s.name, s.status, s.exitCode]),
    [["api", "not-ready", 3], ["later", "not-started", undefined]],
  );
});

Deno.test("services: one that exits during the run fails it, and later failures say it was down", async () => {
  await using p = await tempProject({
    "smoke.jsonc": config([{
      name: "api",
      command: ["sh", "-c", 'echo ready; sleep 1; echo "out of memory" >&2; exit 137'],
      ready: { stdoutIncludes: "ready" },
    }]),
    "fixtures/early.smoke.jsonc": JSON.stringify({ command: ["true"] }),
    "fixtures/late.smoke.jsonc": JSON.stringify({ command: ["sh", "-c", "sleep 2.5; exit 1"] }),
  });
  const run = await runSmoke(p.dir, ["--concurrency", "2"]);
  assert.equal(run.code, 1, run.stderr);
  assert.match(
    run.stderr,
    /error: Service "api" exited with code 137 during the run \[SERVICE_EXITED\]/,
  );
  assert.match(run.stderr, /out of memory/);
  // stdout alone (a log without stderr) says why a run whose fixtures passed fails.
  assert.match(
    run.stdout,
    /^Services: "api" exited during the run \(code 137\), so the run fails\.\n(?:.*\n)*RESULT: fail\n$/m,
  );
  const artifact = ArtifactSchema.parse(await p.latest());
  assert.equal(artifact.services?.[0].status, "exited");
  assert.equal(artifact.services?.[0].exitCode, 137);
  const late = artifact.fixtures.find((f) => f.id === "late");
  assert.match(late?.failure?.message ?? "", /\(service "api" had exited\)$/);
  assert.equal(artifact.fixtures.find((f) => f.id === "early")?.status, "passed");
});

Deno.test("services: reuseExisting skips starting one whose check already passes", async () => {
  await using server = acceptingPort();
  const { port } = server;
  await using p = await tempProject({
    "smoke.jsonc": config([{
      name: "db",
      command: ["sh", "-c", "touch started; sleep 60"],
      ready: { port },
      reuseExisting: true,
    }]),
    "fixtures/a.smoke.jsonc": JSON.stringify({ command: ["true"] }),
  });
  const run = await runSmoke(p.dir, []);
  assert.equal(run.code, 0, run.stderr);
  assert.match(run.stdout, /Service db: already up \(accepted a connection\), reused/);
  assert.ok(!(await p.exists("started")), "the command was not run");
  assert.equal(ArtifactSchema.parse(await p.latest()).services?.[0].status, "reused");
});

Deno.test("services: --no-services starts none but still sets their variables", async () => {
  const port = closedPort();
  await using p = await tempProject({
    "smoke.jsonc": config([{
      name: "api",
      command: ["sh", "-c", "touch started; sleep 60"],
      ready: { url: `http://127.0.0.1:${port}/` },
    }]),
    "fixtures/a.smoke.jsonc": JSON.stringify({
      command: ["sh", "-c", `test "$SMOKE_SERVICE_API_URL" = http://127.0.0.1:${port}/`],
    }),
  });
  const dry = await runSmoke(p.dir, ["--dry-run"]);
  assert.match(
    dry.stdout,
    new RegExp(
      `Services \\(started in this order before the fixtures, stopped after them\\):\n  api: \\["sh","-c","touch started; sleep 60"\\]; ready when GET http://127\\.0\\.0\\.1:${port}/ answers 2xx or 3xx \\(timeout 60s\\)\nRESULT: pass`,
    ),
  );
  const run = await runSmoke(p.dir, ["--no-services"]);
  assert.equal(run.code, 0, run.stderr);
  assert.ok(!(await p.exists("started")));
  const artifact = ArtifactSchema.parse(await p.latest());
  assert.equal(artifact.services?.[0].status, "not-started");
});

Deno.test("services: none is started when every selected fixture is skipped", async () => {
  await using p = await tempProject({
    "smoke.jsonc": config([{
      name: "api",
      command: ["sh", "-c", "touch started; echo ready; sleep 60"],
      ready: { stdoutIncludes: "ready" },
    }]),
    "fixtures/a.smoke.jsonc": JSON.stringify({ command: ["true"], skip: "not today" }),
    "fixtures/b.smoke.jsonc": JSON.stringify({ command: ["true"] }),
  });
  const run = await runSmoke(p.dir, ["--fixture", "a"]);
  assert.equal(run.code, 1, run.stderr);
  assert.match(run.stdout, /^Services: none started \(every selected fixture is skipped\): api$/m);
  assert.ok(!(await p.exists("started")), "the service never started");
  const artifact = ArtifactSchema.parse(await p.latest());
  assert.equal(artifact.services?.[0].status, "not-started");
  // With a fixture to run, it starts as usual.
  assert.equal((await runSmoke(p.dir, [])).code, 0);
  assert.ok(await p.exists("started"));
});

Deno.test("services: Ctrl-C (waiting, mid-run, twice), SIGTERM and SIGHUP leave no service behind", async () => {
  const stages = [
    { stage: "waiting", signals: ["SIGINT"], code: 130 },
    { stage: "running", signals: ["SIGINT"], code: 130 },
    { stage: "running", signals: ["SIGTERM"], code: 143 },
    { stage: "running", signals: ["SIGHUP"], code: 129 },
    { stage: "running", signals: ["SIGINT", "SIGINT"], code: 130 },
  ] as const;
  for (const { stage, signals, code } of stages) {
    const label = `${stage} ${signals.join("+")}`;
    await using p = await tempProject({
      "smoke.jsonc": config([{
        name: "api",
        // Ignores SIGTERM: smoke must SIGKILL it after the grace.
        command: [
          "sh",
          "-c",
          `trap "" TERM; echo $$ > service.pid; ${stage === "running" ? "echo up;" : ""} ` +
          "while :; do sleep 0.2; done",
        ],
        ready: { stdoutIncludes: "up", timeoutMs: 60_000 },
      }]),
      "fixtures/a.smoke.jsonc": JSON.stringify({
        command: ["sh", "-c", "touch a.started; sleep 30"],
      }),
    });
    const child = new Deno.Command(DENO, {
      args: ["run", "-A", SMOKE_ENTRY],
      cwd: p.dir,
      env: { NO_COLOR: "1" },
      stdout: "piped",
      stderr: "piped",
    }).spawn();
    await waitFor(() => p.exists(stage === "running" ? "a.started" : "service.pid"));
    for (const signal of signals) child.kill(signal);
    const out = await child.output();
    assert.equal(out.code, code, `${label}: ${new TextDecoder().decode(out.stderr)}`);
    if (signals.length === 1) {
      const artifact = ArtifactSchema.parse(await p.latest());
      assert.equal(artifact.fixtures[0].failure?.kind, "interrupted", label);
      if (stage === "waiting") assert.equal(artifact.services?.[0].status, "interrupted", label);
    }
    assert.deepEqual(
      await pidsAlive(p, ["service.pid"]),
      [],
      `${label}: the service outlived smoke`,
    );
  }
});

Deno.test("services: bad service config is exit 2 with line, column and key path, nothing started", async () => {
  const cases: [unknown, RegExp][] = [
    [
      { name: "api", command: ["x"], ready: { url: "http://127.0.0.1:1/" }, restart: true },
      /services\[0\]\.restart: unknown key.*\n(?:.*\n)*hint: Allowed config keys at services\[0\]: name, command, cwd, env, ready, reuseExisting\./,
    ],
    [
      { name: "api", command: [], ready: { port: 1 } },
      /services\[0\]\.command: command needs at least the program/,
    ],
    [
      { name: "api", command: ["x"], ready: {} },
      /services\[0\]\.ready: needs one check: "url", "port" or "stdoutIncludes"/,
    ],
    [
      { name: "api", command: ["x"], ready: { port: 1, stdoutIncludes: "up" } },
      /services\[0\]\.ready: has "port" and "stdoutIncludes": give exactly one check/,
    ],
    [
      { name: "api", command: ["x"], ready: { port: 5432, host: "db.example.com" } },
      /services\[0\]\.ready\.host: expected a local host/,
    ],
    [
      { name: "api", command: ["x"], ready: { url: "ftp://127.0.0.1/" } },
      /services\[0\]\.ready\.url: expected an http:\/\/ or https:\/\/ URL/,
    ],
    [
      { name: "api", command: ["x"], ready: { stdoutIncludes: "up" }, reuseExisting: true },
      /services\[0\]\.reuseExisting: needs a "url" or "port" check/,
    ],
    [{ command: ["x"], ready: { port: 1 } }, /services\[0\]: missing "name"/],
  ];
  for (const [service, expected] of cases) {
    await using p = await tempProject({
      "smoke.jsonc": config([service]),
      "fixtures/a.smoke.jsonc": JSON.stringify({ command: ["touch", "a.ran"] }),
    });
    const run = await runSmoke(p.dir, []);
    assert.equal(run.code, 2, `${JSON.stringify(service)}: ${run.stderr}`);
    assert.match(run.stderr, /Invalid config "smoke\.jsonc":\n {2}line \d+, column \d+: /);
    assert.match(run.stderr, expected);
    assert.ok(!(await p.exists("a.ran")));
  }
  // Two services whose variables would clash.
  await using p = await tempProject({
    "smoke.jsonc": config([
      { name: "web-api", command: ["touch", "one"], ready: { port: 1 } },
      { name: "web_api", command: ["touch", "two"], ready: { port: 2 } },
    ]),
    "fixtures/a.smoke.jsonc": JSON.stringify({ command: ["true"] }),
  });
  const run = await runSmoke(p.dir, []);
  assert.equal(run.code, 2);
  assert.match(
    run.stderr,
    /services\[1\]\.name: "web_api" is taken by services\[0\] \("web-api"; both would be SMOKE_SERVICE_WEB_API_\*\)/,
  );
  assert.ok(!(await p.exists("one")) && !(await p.exists("two")));
});

Deno.test("services: a service's env cannot drop the run's mark; what leaves its session is found and named", async () => {
  await using p = await tempProject({
    "smoke.jsonc": config([{
      name: "a",
      env: { SMOKE_RUN_ID: "evil" },
      command: [
        "sh",
        "-c",
        "echo \"RID=$SMOKE_RUN_ID\"; setsid sh -c 'echo $$ > daemon.pid; exec sleep 300' & echo up; exec sleep 300",
      ],
      ready: { stdoutIncludes: "up" },
    }]),
    "fixtures/a.smoke.jsonc": JSON.stringify({ command: ["sh", "-c", "sleep 0.3"] }),
  });
  const run = await runSmoke(p.dir, []);
  assert.equal(run.code, 0, run.stderr);
  const artifact = ArtifactSchema.parse(await p.latest());
  assert.doesNotMatch(artifact.services?.[0].stdoutTail ?? "", /RID=evil/);
  assert.match(run.stderr, /outlived their fixtures \(or services\).*service a \(pid/);
  assert.deepEqual(await pidsAlive(p, ["daemon.pid"]), [], "the daemon outlived smoke");
});

Deno.test("services: something already answering is not taken for the service (unless reuseExisting)", async () => {
  await using server = acceptingPort();
  const { port } = server;
  await using p = await tempProject({
    "smoke.jsonc": config([{
      name: "db",
      command: ["sh", "-c", "touch started; sleep 60"],
      ready: { port },
    }]),
    "fixtures/a.smoke.jsonc": JSON.stringify({ command: ["true"] }),
  });
  const run = await runSmoke(p.dir, []);
  assert.equal(run.code, 1, run.stderr);
  assert.match(
    run.stderr,
    /Service "db" was not ready: something already answers before it was started \(accepted a connection\): stop what runs there, or set "reuseExisting": true to use it/,
  );
  assert.ok(!(await p.exists("started")));
});

Deno.test("services: stdoutIncludes sees text through colours, and says when it went to stderr", async () => {
  await using p = await tempProject({
    "smoke.jsonc": config([
      {
        name: "colour",
        command: ["sh", "-c", 'printf "\\033[1mworker\\033[0m up\\n"; exec sleep 60'],
        ready: { stdoutIncludes: "worker up", timeoutMs: 5000 },
      },
    ]),
    "fixtures/a.smoke.jsonc": JSON.stringify({ command: ["true"] }),
  });
  const run = await runSmoke(p.dir, []);
  assert.equal(run.code, 0, run.stderr);
  await p.write(
    "smoke.jsonc",
    config([{
      name: "banner",
      command: ["sh", "-c", 'echo "Listening on http://0.0.0.0:8000/" >&2; exec sleep 60'],
      ready: { stdoutIncludes: "Listening on", timeoutMs: 800 },
    }]),
  );
  const banner = await runSmoke(p.dir, []);
  assert.equal(banner.code, 1);
  assert.match(banner.stderr, /last check: printed it on stderr, but stdoutIncludes reads stdout/);
});
