import assert from "node:assert/strict";
import { posix } from "node:path";
import { fileURLToPath, pathToFileURL } from "node:url";
// Test-only: locked in deno.test.lock, so that running smoke never fetches it.
// deno-lint-ignore no-import-prefix
import fc from "npm:fast-check@4.11.0";
import {
  basename,
  delimiter,
  dirname,
  fromFileUrl,
  isAbsolute,
  join,
  relative,
  resolve,
  sep,
} from "./path.ts";

const posixHost = Deno.build.os !== "windows";

/** Paths as users, configs and smoke itself make them: odd segments, repeated and trailing slashes. */
const segment = fc.constantFrom("", ".", "..", "...", "a", "b", "fixtures", "x y", ".hidden", "é");
const path = fc.array(segment, { maxLength: 6 }).chain((segments) =>
  fc.tuple(fc.boolean(), fc.constantFrom("", "/", "//"), fc.constantFrom("/", "//")).map((
    [rooted, trail, glue],
  ) => (rooted ? "/" : "") + segments.join(glue) + (segments.length ? trail : ""))
);

Deno.test({
  name: "path: the same results as node:path's POSIX functions on generated paths",
  ignore: !posixHost,
  fn() {
    fc.assert(
      fc.property(fc.array(path, { maxLength: 4 }), path, path, (paths, a, b) => {
        assert.equal(resolve(...paths), posix.resolve(...paths), `resolve(${paths})`);
        assert.equal(join(...paths), posix.join(...paths), `join(${paths})`);
        assert.equal(relative(a, b), posix.relative(a, b), `relative(${a}, ${b})`);
        assert.equal(dirname(a), posix.dirname(a), `dirname(${a})`);
        assert.equal(basename(a), posix.basename(a), `basename(${a})`);
        assert.equal(isAbsolute(a), posix.isAbsolute(a), `isAbsolute(${a})`);
      }),
      { numRuns: 3000 },
    );
    assert.equal(sep, "/");
    assert.equal(delimiter, ":");
  },
});

Deno.test({
  name: "path: the edge cases node:path documents",
  ignore: !posixHost,
  fn() {
    const cases: [string, ...string[]][] = [
      [""],
      ["/"],
      ["//"],
      ["///a//b/"],
      ["a/b/../../.."],
      ["/.."],
      ["./"],
      ["//a"],
    ];
    for (const [p] of cases) {
      assert.equal(dirname(p), posix.dirname(p), `dirname(${JSON.stringify(p)})`);
      assert.equal(basename(p), posix.basename(p), `basename(${JSON.stringify(p)})`);
      assert.equal(join(p), posix.join(p), `join(${JSON.stringify(p)})`);
      assert.equal(resolve(p), posix.resolve(p), `resolve(${JSON.stringify(p)})`);
      assert.equal(relative(p, "/"), posix.relative(p, "/"), `relative(${JSON.stringify(p)}, /)`);
    }
    assert.equal(join(), posix.join());
    assert.equal(resolve(), posix.resolve());
    assert.equal(relative("", ""), "");
  },
});

Deno.test({
  name: "fromFileUrl: the path node:url gives for generated file paths, and its refusals",
  ignore: !posixHost,
  fn() {
    const names = fc.string({ unit: "grapheme", minLength: 1, maxLength: 8 }).filter((s) =>
      !s.includes("/") && !s.includes("\0") && s !== "." && s !== ".."
    );
    fc.assert(
      fc.property(fc.array(names, { minLength: 1, maxLength: 4 }), (parts) => {
        const file = "/" + parts.join("/");
        const url = pathToFileURL(file);
        assert.equal(fromFileUrl(url), fileURLToPath(url));
        assert.equal(fromFileUrl(url.href), file);
      }),
      { numRuns: 500 },
    );
    assert.equal(fromFileUrl("file://localhost/srv/a%20b.ts"), "/srv/a b.ts");
    assert.throws(() => fromFileUrl("https://example.com/x.ts"), /Not a file URL/);
    assert.throws(() => fromFileUrl("file://server/share/x.ts"), /with a host/);
    assert.throws(() => fromFileUrl("file:///a%2Fb/x.ts"), /must not encode "\/"/);
    assert.throws(() => fileURLToPath("file:///a%2Fb/x.ts"));
  },
});
