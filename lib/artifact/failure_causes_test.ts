import assert from "node:assert/strict";
// Test-only: locked in deno.test.lock, so that running smoke never fetches it.
// deno-lint-ignore no-import-prefix
import fc from "npm:fast-check@4.11.0";
import { type CauseInput, causeOf, fixtureCause, groupCauses } from "./failure_causes.ts";

/** What `deno run` printed for a fetch of a closed port (Deno 2.9, colours stripped). */
const DENO_FETCH_REFUSED = `error: Uncaught (in promise) TypeError: fetch failed
await fetch(\`http://127.0.0.1:\${port}/health\`);
^
    at mainFetch (ext:deno_fetch/26_fetch.js:2:3449)
    at async fetch (ext:deno_fetch/26_fetch.js:2:7360)
    at async file:///tmp/hc_fetch.ts:2:1
Caused by: Error: error sending request for url (http://127.0.0.1:45901/health): client error (Connect): tcp connect error: Connection refused (os error 111)
    at mainFetch (ext:deno_fetch/26_fetch.js:2:3477)
    at async fetch (ext:deno_fetch/26_fetch.js:2:7360)
    at async file:///tmp/hc_fetch.ts:2:1
`;

const DENO_CONNECT_REFUSED =
  `error: Uncaught (in promise) ConnectionRefused: Connection refused (os error 111)
await Deno.connect({hostname:"127.0.0.1", port: 1});
^
    at async Object.connect (ext:deno_net/01_net.js:1:8642)
    at async file:///tmp/hc_conn.ts:1:1
`;

const DENO_DNS = `error: Uncaught (in promise) TypeError: fetch failed
await fetch("http://api.internal/x");
^
    at mainFetch (ext:deno_fetch/26_fetch.js:2:3449)
Caused by: Error: error sending request for url (http://api.internal/x): client error (Connect): dns error: failed to lookup address information: Name or service not known
    at mainFetch (ext:deno_fetch/26_fetch.js:2:3477)
`;

const DENO_NOT_CAPABLE =
  `error: Uncaught (in promise) NotCapable: Requires net access to "localhost:8000", run again with the --allow-net flag
await fetch("http://localhost:8000/x");
      ^
    at mainFetch (ext:deno_fetch/26_fetch.js:2:2193)
`;

const label = (text: string) => causeOf(text)?.label;

Deno.test("causeOf: Deno fetch and Deno.connect", () => {
  assert.deepEqual(causeOf(DENO_FETCH_REFUSED), {
    kind: "connection-refused",
    address: "127.0.0.1:45901",
    label: "connection refused on 127.0.0.1:45901",
  });
  assert.equal(
    label(
      "error sending request for url (http://127.0.0.1:8000/health): client error (Connect): tcp connect error: Connection refused (os error 111)",
    ),
    "connection refused on 127.0.0.1:8000",
  );
  // Deno.connect names no address: no signature unless one is nearby.
  assert.equal(causeOf(DENO_CONNECT_REFUSED), undefined);
  assert.equal(
    label("connecting to 127.0.0.1:5432\nConnectionRefused: Connection refused (os error 111)"),
    "connection refused on 127.0.0.1:5432",
  );
  assert.equal(label(DENO_DNS), "DNS lookup failed for api.internal");
});

Deno.test("causeOf: Node, curl, Go and Python", () => {
  assert.equal(
    label("Error: connect ECONNREFUSED 127.0.0.1:8000"),
    "connection refused on 127.0.0.1:8000",
  );
  assert.equal(label("Error: connect ECONNREFUSED ::1:8000"), "connection refused on [::1]:8000");
  assert.equal(
    label("Error: getaddrinfo ENOTFOUND api.internal"),
    "DNS lookup failed for api.internal",
  );
  assert.equal(
    label("Error: getaddrinfo EAI_AGAIN Api.Internal"),
    "DNS lookup failed for api.internal",
  );
  // `read ECONNRESET` names no address: the request's URL nearby does.
  assert.equal(label("Error: read ECONNRESET"), undefined);
  assert.equal(
    label("GET http://localhost:8000/items\nError: read ECONNRESET\n    at TCP.onStreamRead"),
    "connection reset on localhost:8000",
  );
  assert.equal(
    label(
      "curl: (7) Failed to connect to localhost port 8000 after 0 ms: Couldn't connect to server",
    ),
    "connection refused on localhost:8000",
  );
  assert.equal(
    label("curl: (7) Failed to connect to 127.0.0.1 port 8000 after 0 ms: Connection refused"),
    "connection refused on 127.0.0.1:8000",
  );
  assert.equal(
    label("curl: (6) Could not resolve host: api.internal"),
    "DNS lookup failed for api.internal",
  );
  assert.equal(
    label("curl -sf http://localhost:9000/x\ncurl: (56) Recv failure: Connection reset by peer"),
    "connection reset on localhost:9000",
  );
  assert.equal(
    label('Get "http://127.0.0.1:8000/": dial tcp 127.0.0.1:8000: connect: connection refused'),
    "connection refused on 127.0.0.1:8000",
  );
  assert.equal(
    label("dial tcp: lookup api.internal on 127.0.0.53:53: no such host"),
    "DNS lookup failed for api.internal",
  );
  assert.equal(
    label(
      "HTTPConnectionPool(host='localhost', port=8000): Max retries exceeded (Caused by NewConnectionError: [Errno 111] Connection refused)",
    ),
    "connection refused on localhost:8000",
  );
});

Deno.test("causeOf: HTTP status with an origin in the same text", () => {
  assert.equal(
    label("GET http://localhost:8000/health -> HTTP 503"),
    "HTTP 503 from http://localhost:8000",
  );
  assert.equal(
    label("AssertionError: status 503\n    url: https://api.example.com/v1/health"),
    "HTTP 503 from https://api.example.com:443",
  );
  assert.equal(
    label("fetch http://localhost/x\n503 Service Unavailable"),
    "HTTP 503 from http://localhost:80",
  );
  assert.equal(
    label("HTTP/1.1 502 Bad Gateway\nfrom http://LOCALHOST:8080/"),
    "HTTP 502 from http://localhost:8080",
  );
  // A status with no origin, or a success status, is no signature.
  assert.equal(label("Expected 200, got HTTP 503"), undefined);
  assert.equal(label("GET http://localhost:8000/ status 200"), undefined);
});

Deno.test("causeOf: Deno permission denials", () => {
  assert.deepEqual(causeOf(DENO_NOT_CAPABLE), {
    kind: "permission",
    address: "net localhost:8000",
    label: 'permission denied: net access to "localhost:8000"',
  });
  assert.equal(
    label(
      'PermissionDenied: Requires read access to "/etc/x", run again with the --allow-read flag',
    ),
    'permission denied: read access to "/etc/x"',
  );
});

Deno.test("causeOf: addresses are normalised, but localhost and 127.0.0.1 stay apart", () => {
  const a = causeOf("connect ECONNREFUSED 127.0.0.1:8000");
  const b = causeOf("error sending request for url (http://127.0.0.1:8000/x): Connection refused");
  const c = causeOf("error sending request for url (http://localhost:8000/x): Connection refused");
  assert.equal(a?.address, b?.address);
  assert.notEqual(a?.address, c?.address);
  assert.equal(
    causeOf("error sending request for url (http://example.com/x): Connection refused")?.address,
    "example.com:80",
  );
  assert.equal(
    causeOf("error sending request for url (https://Example.COM/x): Connection refused")?.address,
    "example.com:443",
  );
});

Deno.test("causeOf: no signature in ordinary failures", () => {
  for (
    const text of [
      "",
      "Exited with code 1, expected 0",
      "error: AssertionError: Expected values to be strictly equal:\n\n2 !== 3",
      "    at file:///tmp/a_test.ts:3:10",
      "main_test.go:12: connection refused",
      "Connection refused",
      "error:8 something",
      "status 503",
      "Timed out after 2000 ms",
    ]
  ) {
    assert.equal(causeOf(text), undefined, JSON.stringify(text));
  }
});

Deno.test("causeOf: colours are stripped", () => {
  assert.equal(
    label("\x1b[31mError: connect ECONNREFUSED \x1b[1m127.0.0.1:8000\x1b[22m\x1b[39m"),
    "connection refused on 127.0.0.1:8000",
  );
});

Deno.test("fixtureCause: message first, then stderr, then stdout", () => {
  const result: CauseInput = {
    id: "a",
    failure: { message: "Exited with code 1, expected 0" },
    stderrTail: "connect ECONNREFUSED 127.0.0.1:1\n",
    stdoutTail: "connect ECONNREFUSED 127.0.0.1:2\n",
  };
  assert.equal(fixtureCause(result)?.address, "127.0.0.1:1");
  assert.equal(fixtureCause({ ...result, stderrTail: "" })?.address, "127.0.0.1:2");
  assert.equal(
    fixtureCause({ ...result, failure: { message: "getaddrinfo ENOTFOUND db" } })?.kind,
    "dns",
  );
});

// ---- properties ----

const host = fc.oneof(
  fc.constantFrom("localhost", "127.0.0.1", "[::1]", "api.internal", "db.example.com"),
  fc.tuple(fc.integer({ min: 1, max: 254 }), fc.integer({ min: 0, max: 255 }))
    .map(([a, b]) => `10.${a}.${b}.1`),
);
const port = fc.integer({ min: 1, max: 65535 });

/** The same refused endpoint as different tools print it. */
function refusedWrapper(h: string, p: number): fc.Arbitrary<string> {
  const bare = h.replace(/^\[|\]$/g, "");
  const wrappers = [
    `error sending request for url (http://${h}:${p}/health): client error (Connect): tcp connect error: Connection refused (os error 111)`,
    `curl: (7) Failed to connect to ${bare} port ${p} after 0 ms: Couldn't connect to server`,
    `Get "http://${h}:${p}/": dial tcp ${h}:${p}: connect: connection refused`,
    `connecting to ${h}:${p}\nConnectionRefused: Connection refused (os error 111)`,
  ];
  if (/^[\d.]+$/.test(h) || h.startsWith("[")) {
    wrappers.push(`Error: connect ECONNREFUSED ${bare}:${p}`);
  }
  return fc.tuple(
    fc.constantFrom(...wrappers),
    fc.constantFrom("", "error: Uncaught (in promise) TypeError: fetch failed\n", "log line\n"),
    fc.constantFrom("", "\n    at async file:///tmp/x.ts:2:1\n"),
  ).map(([w, before, after]) => before + w + after);
}

Deno.test("property: the same endpoint in varied wrappers gives one signature", () => {
  fc.assert(
    fc.property(
      fc.tuple(host, port).chain(([h, p]) =>
        fc.tuple(
          fc.constant(`${h}:${p}`),
          fc.array(refusedWrapper(h, p), { minLength: 2, maxLength: 6 }),
        )
      ),
      ([address, texts]) => {
        const results = texts.map((text, i) => ({ id: `f${i}`, stderrTail: text }));
        const groups = groupCauses(results, { min: 2 });
        assert.equal(groups.length, 1, JSON.stringify(texts));
        assert.equal(groups[0].cause.address, address);
        assert.deepEqual(groups[0].ids, results.map((r) => r.id));
      },
    ),
  );
});

const text = fc.oneof(
  fc.constantFrom(
    "connect ECONNREFUSED 127.0.0.1:8000",
    "connect ECONNREFUSED 127.0.0.1:8001",
    "curl: (6) Could not resolve host: api.internal",
    'NotCapable: Requires net access to "localhost:8000"',
    "GET http://localhost:8000/ -> HTTP 503",
    "Exited with code 1",
    "",
  ),
  fc.string({ maxLength: 40 }),
);
const results = fc.array(
  fc.record({
    failure: fc.option(fc.record({ message: text }), { nil: undefined }),
    stderrTail: fc.option(text, { nil: undefined }),
    stdoutTail: fc.option(text, { nil: undefined }),
  }),
  { maxLength: 30 },
).map((rs) => rs.map((r, i) => ({ id: `f${i}`, ...r })));

Deno.test("property: groups are never below min, a fixture is in one group at most, biggest first", () => {
  fc.assert(
    fc.property(results, fc.integer({ min: 1, max: 6 }), (rs, min) => {
      const groups = groupCauses(rs, { min });
      const seen = new Set<string>();
      for (const g of groups) {
        assert.ok(g.ids.length >= min);
        for (const id of g.ids) {
          assert.ok(!seen.has(id), `${id} in two groups`);
          seen.add(id);
          // Every member has the group's cause.
          const r = rs.find((x) => x.id === id)!;
          assert.deepEqual(fixtureCause(r), g.cause);
        }
      }
      for (let i = 1; i < groups.length; i++) {
        const [a, b] = [groups[i - 1], groups[i]];
        assert.ok(
          a.ids.length > b.ids.length ||
            (a.ids.length === b.ids.length && a.cause.label <= b.cause.label),
        );
      }
      // Default min is 3.
      assert.ok(groupCauses(rs).every((g) => g.ids.length >= 3));
    }),
  );
});

/** Fragments that make backtracking patterns blow up when repeated. */
const JUNK = [
  "a",
  "a.",
  "1.",
  ":",
  "1:",
  "a:1",
  "[::",
  "http://",
  "http://a",
  "ECONNREFUSED ",
  "ECONNREFUSED 1:",
  "Failed to connect to ",
  "host='",
  'Requires net access to "',
  "status ",
  "HTTP ",
  "\x1b[",
  "lookup ",
  " ",
];

Deno.test("property: long generated junk is read in bounded work and finds what follows within the cap", () => {
  fc.assert(
    fc.property(
      fc.array(fc.constantFrom(...JUNK), { minLength: 1, maxLength: 4 }),
      fc.integer({ min: 1_000, max: 60_000 }),
      fc.boolean(),
      (fragments, length, newlines) => {
        const unit = fragments.join("") + (newlines ? "\n" : "");
        const junk = unit.repeat(Math.ceil(length / unit.length)).slice(0, length);
        // Whatever the junk, a real cause on its own line after it is still found.
        const found = causeOf(`${junk}\nconnect ECONNREFUSED 127.0.0.1:8000\n`);
        const lines = junk.split("\n").length;
        if (lines < 3_000) assert.ok(found, JSON.stringify(unit));
        if (found && found.address !== "127.0.0.1:8000") {
          // The junk may itself hold a cause (it is searched first): then that one wins.
          assert.deepEqual(causeOf(junk), found, JSON.stringify(unit));
        }
      },
    ),
    { numRuns: 60 },
  );
});

Deno.test("causeOf: reads at most 256 KiB, one pathological line of the whole size included", () => {
  for (const fragment of JUNK) {
    const line = fragment.repeat(Math.ceil(300_000 / fragment.length));
    // Beyond the cap: not read at all.
    assert.deepEqual(causeOf(line + "\nconnect ECONNREFUSED 127.0.0.1:8000"), causeOf(line));
  }
  assert.equal(
    label("x\n".repeat(1000) + "connect ECONNREFUSED 127.0.0.1:8000"),
    "connection refused on 127.0.0.1:8000",
  );
});
