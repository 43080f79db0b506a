// lib/base/sha256_hex.ts
var sha256Hex = (async function sha256Hex(bytes) {
  const digest = new Uint8Array(await crypto.subtle.digest("SHA-256", bytes));
  return Array.from(digest, ((b) => b.toString(16).padStart(2, "0"))).join("");
});

export {
  sha256Hex
};
//# sourceMappingURL=chunk-4SYLYQRO.js.map
