import assert from "node:assert/strict";
import { parseManifest } from "./manifest.ts";

Deno.test('parseManifest() refuses an empty "skip" reason, listed with the file\'s other problems', () => {
  for (const skip of ['""', '"  "']) {
    assert.throws(
      () => parseManifest(`{ "command": "true", "skip": ${skip} }`, "a.smoke.jsonc"),
      (error: Error) => {
        assert.equal(
          error.message,
          'Invalid manifest "a.smoke.jsonc":\n' +
            "  line 1, column 14: command: expected array, received string\n" +
            `  line 1, column 30: skip: expected a reason such as "waiting for staging", or true: ` +
            "an empty one says nothing",
        );
        return true;
      },
    );
  }
  for (const skip of ["true", "false", '"waiting for staging"']) {
    assert.ok(parseManifest(`{ "command": ["true"], "skip": ${skip} }`, "a.smoke.jsonc"));
  }
});
