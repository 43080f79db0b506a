/**
 * Fixture fingerprints: a content hash of a fixture's own files (its manifest
 * and its script), so that a rerun can tell a fixture that changed since it
 * failed (a fix to test) from one that did not (a flake to test). What a
 * script imports is not part of it.
 *
 * @module
 */
import { resolve } from "../base/path.ts";
import { readRegularFile } from "../base/read_input.ts";
import { sha256Hex } from "../base/sha256_hex.ts";
import type { Fixture } from "./catalog.ts";

/** Files larger than this are not fingerprinted (the fixture has no fingerprint). */
const MAX_FINGERPRINT_BYTES = 16 * 1024 * 1024;
const encoder = new TextEncoder();

/**
 * The fingerprint of one fixture: SHA-256 over its manifest and its script,
 * each with its role and length, in hex.
 *
 * @param fixture The catalog entry (its manifest, relative to `cwd`, and its script).
 * @param cwd The directory the catalog's relative paths start from.
 * @returns The fingerprint; undefined when a file cannot be read now.
 *
 * @example
 * ```ts
 * import { fingerprintFixture } from "./fingerprint.ts";
 * import assert from "node:assert/strict";
 *
 * const cwd = await Deno.makeTempDir();
 * await Deno.writeTextFile(`${cwd}/a.smoke.ts`, "console.log(1)");
 * const before = await fingerprintFixture({ script: `${cwd}/a.smoke.ts` }, cwd);
 * assert.match(before!, /^[0-9a-f]{64}$/);
 * await Deno.writeTextFile(`${cwd}/a.smoke.ts`, "console.log(2)");
 * assert.notEqual(await fingerprintFixture({ script: `${cwd}/a.smoke.ts` }, cwd), before);
 * assert.equal(await fingerprintFixture({ script: `${cwd}/gone.smoke.ts` }, cwd), undefined);
 * await Deno.remove(cwd, { recursive: true });
 * ```
 */
export async function fingerprintFixture(
  fixture: Pick<Fixture, "manifestFile" | "script">,
  cwd: string,
): Promise<string | undefined> {
  const parts: Uint8Array[] = [];
  const files: Array<[string, string | undefined]> = [
    [
      "manifest",
      fixture.manifestFile === undefined ? undefined : resolve(cwd, fixture.manifestFile),
    ],
    ["script", fixture.script],
  ];
  for (const [role, path] of files) {
    if (path === undefined) continue;
    const read = await readRegularFile(path, { maxBytes: MAX_FINGERPRINT_BYTES, what: role });
    if (!read.ok) return undefined;
    parts.push(encoder.encode(`${role}\0${read.value.length}\0`), read.value);
  }
  if (parts.length === 0) return undefined;
  const total = parts.reduce((n, part) => n + part.length, 0);
  const bytes = new Uint8Array(total);
  let at = 0;
  for (const part of parts) {
    bytes.set(part, at);
    at += part.length;
  }
  return await sha256Hex(bytes);
}

/**
 * The fingerprints of many fixtures, a few files at a time.
 *
 * @param fixtures The catalog entries.
 * @param cwd The directory the catalog's relative paths start from.
 * @returns Each fingerprint by fixture id (fixtures that cannot be read now are left out).
 *
 * @example
 * ```ts
 * import { fingerprintFixtures } from "./fingerprint.ts";
 * import assert from "node:assert/strict";
 *
 * const cwd = await Deno.makeTempDir();
 * await Deno.writeTextFile(`${cwd}/a.smoke.jsonc`, '{ "command": ["true"] }');
 * const prints = await fingerprintFixtures([{ id: "a", manifestFile: "a.smoke.jsonc" }], cwd);
 * assert.equal(prints.size, 1);
 * await Deno.remove(cwd, { recursive: true });
 * ```
 */
export async function fingerprintFixtures(
  fixtures: readonly Pick<Fixture, "id" | "manifestFile" | "script">[],
  cwd: string,
): Promise<Map<string, string>> {
  const out = new Map<string, string>();
  let next = 0;
  const worker = async () => {
    while (next < fixtures.length) {
      const fixture = fixtures[next++];
      const print = await fingerprintFixture(fixture, cwd);
      if (print !== undefined) out.set(fixture.id, print);
    }
  };
  await Promise.all(Array.from({ length: Math.min(8, fixtures.length) }, worker));
  return out;
}
