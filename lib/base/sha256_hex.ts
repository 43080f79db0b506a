/**
 * The SHA-256 digest of bytes, as smoke writes digests: lowercase hex.
 *
 * @module
 */

/**
 * The SHA-256 digest of bytes, in lowercase hex (64 digits).
 *
 * @param bytes What to hash.
 * @returns The digest.
 *
 * @example
 * ```ts
 * import { sha256Hex } from "./sha256_hex.ts";
 * import assert from "node:assert/strict";
 *
 * assert.equal(
 *   await sha256Hex(new Uint8Array()),
 *   "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855",
 * );
 * ```
 */
export async function sha256Hex(bytes: Uint8Array<ArrayBuffer>): Promise<string> {
  const digest = new Uint8Array(await crypto.subtle.digest("SHA-256", bytes));
  return Array.from(digest, (b) => b.toString(16).padStart(2, "0")).join("");
}
