import assert from "node:assert/strict";
// Test-only: locked in deno.test.lock, so that running smoke never fetches it.
// deno-lint-ignore no-import-prefix
import fc from "npm:fast-check@4.11.0";
import { capNearMisses, nearMiss, nearMissWarning } from "./_near_miss.ts";
import { MAX_LISTED_PROBLEMS } from "./_catalog_problems.ts";

const SCRIPTS = ["js", "mjs", "cjs", "mts", "cts", "tsx", "jsx"];
const MANIFESTS = ["json", "json5", "yaml", "yml"];

/** Changes the case of some letters. */
const recased = (text: string) =>
  fc.array(fc.boolean(), { minLength: text.length, maxLength: text.length })
    .map((flips) => [...text].map((c, i) => flips[i] ? c.toUpperCase() : c).join(""));

const stem = fc.stringMatching(/^[A-Za-z0-9_-][A-Za-z0-9._-]{0,12}$/);

Deno.test("nearMiss(): every script or manifest look-alike names the fixture it should be", () => {
  fc.assert(
    fc.property(
      stem,
      fc.constantFrom(...SCRIPTS, ...MANIFESTS, "ts", "jsonc").chain((ext) =>
        recased(`.smoke.${ext}`).map((suffix) => ({ ext, suffix }))
      ),
      (name, { ext, suffix }) => {
        const file = name + suffix;
        const miss = nearMiss(file);
        const fixture = ext === "ts" || ext === "jsonc";
        if (fixture && suffix === `.smoke.${ext}`) {
          assert.equal(miss, undefined, `${file} is a fixture name`);
          return;
        }
        assert.ok(miss, `${file} looks like a fixture`);
        const wanted = SCRIPTS.includes(ext) || ext === "ts" ? ".smoke.ts" : ".smoke.jsonc";
        assert.equal(miss.expected, name + wanted);
        assert.equal(nearMiss(miss.expected), undefined, "the expected name is a fixture's");
        assert.ok(miss.excusedBy.includes(miss.expected));
        assert.ok(miss.hint.includes(`"${miss.expected}"`), miss.hint);
        assert.ok(
          nearMissWarning(`fixtures/${file}`, miss).message.includes(`"fixtures/${file}"`),
        );
      },
    ),
  );
});

Deno.test("nearMiss(): other names are none of its business", () => {
  const other = fc.string({ maxLength: 30 }).filter((name) =>
    !/\.smoke\.(ts|jsonc|json5?|ya?ml|[mc]?[jt]s|[jt]sx)$/i.test(name)
  );
  fc.assert(fc.property(other, (name) => assert.equal(nearMiss(name), undefined)));
  for (const name of [".smoke.js", "x.smoke.ts.orig", "x.smoke.d.ts", "x.smoke", "smoke.js"]) {
    assert.equal(nearMiss(name), undefined, name);
  }
});

Deno.test("capNearMisses() keeps the first warnings and counts the rest", () => {
  fc.assert(
    fc.property(fc.nat({ max: 60 }), (count) => {
      const warnings = Array.from({ length: count }, (_, i) => {
        const name = `f${i}.smoke.js`;
        return nearMissWarning(name, nearMiss(name)!);
      });
      const capped = capNearMisses(warnings);
      if (count <= MAX_LISTED_PROBLEMS) {
        assert.deepEqual(capped, warnings);
        return;
      }
      assert.deepEqual(
        capped.slice(0, MAX_LISTED_PROBLEMS),
        warnings.slice(0, MAX_LISTED_PROBLEMS),
      );
      assert.equal(capped.length, MAX_LISTED_PROBLEMS + 1);
      assert.match(capped.at(-1)!.message, new RegExp(`^${count - MAX_LISTED_PROBLEMS} more file`));
    }),
  );
});
