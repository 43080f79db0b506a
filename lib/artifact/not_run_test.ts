import assert from "node:assert/strict";
// Test-only: locked in deno.test.lock, so that running smoke never fetches it.
// deno-lint-ignore no-import-prefix
import fc from "npm:fast-check@4.11.0";
import { notReadyService, serviceNotReadyMessage } from "./not_run.ts";
import { SERVICE_NAME_PATTERN } from "./artifact_format.ts";

Deno.test("notReadyService() reads back exactly the valid service names serviceNotReadyMessage() wrote", () => {
  fc.assert(
    fc.property(fc.string({ maxLength: 40 }), (name) => {
      const read = notReadyService(serviceNotReadyMessage(name));
      assert.equal(read, SERVICE_NAME_PATTERN.test(name) ? name : undefined);
    }),
  );
  fc.assert(
    fc.property(fc.stringMatching(SERVICE_NAME_PATTERN), (name) => {
      assert.equal(notReadyService(serviceNotReadyMessage(name)), name);
    }),
  );
});
