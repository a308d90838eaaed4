import { createHash, randomBytes } from "node:crypto";

export { apiKeyNameSchema } from "./api-key-name";

// Key format: "brd_" + base64url of 32 random bytes (43 characters, no padding).
export const API_KEY_PREFIX = "brd_";
const RANDOM_BYTES = 32;
/** What the list shows, e.g. "brd_AbCdEfGh": enough to tell keys apart, far too little to guess one. */
export const DISPLAY_PREFIX_LENGTH = 12;
const API_KEY_PATTERN = /^brd_[A-Za-z0-9_-]{43}$/;

export type GeneratedApiKey = { key: string; prefix: string; hash: string };

export function generateApiKey(): GeneratedApiKey {
  const key = `${API_KEY_PREFIX}${randomBytes(RANDOM_BYTES).toString("base64url")}`;
  return { key, prefix: key.slice(0, DISPLAY_PREFIX_LENGTH), hash: hashApiKey(key) };
}

/**
 * Hex SHA-256 of the full key. A fast unsalted hash is right here, unlike for passwords: the key holds
 * 256 random bits, so there is nothing to brute-force or look up in a table, and a deterministic hash
 * lets the ingest path find the key with one indexed equality lookup (O(1)) instead of checking a slow
 * salted hash against every stored key.
 */
export function hashApiKey(key: string): string {
  return createHash("sha256").update(key, "utf8").digest("hex");
}

/** A cheap format check, so malformed credentials are rejected before any database work. */
export function looksLikeApiKey(value: string): boolean {
  return API_KEY_PATTERN.test(value);
}

/** The token of an `Authorization: Bearer <token>` header, or null when there is none. */
export function parseBearer(authorizationHeader: string | null): string | null {
  if (authorizationHeader === null) return null;
  const match = /^\s*bearer\s+(\S+)\s*$/i.exec(authorizationHeader);
  return match?.[1] ?? null;
}
