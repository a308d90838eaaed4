import { createHash } from "node:crypto";

/**
 * Encryption keys for secrets at rest. `current` encrypts; every key in `byId` (current
 * included) can decrypt, so a rotation is: make the new key current, keep the old one in
 * the previous list until every row has been re-encrypted, then drop it.
 */
export type Keyring = {
  current: { id: string; key: Buffer };
  byId: Map<string, Buffer>;
};

const KEY_BYTES = 32;
const DEFAULT_LABEL = "BROADCAST_ENCRYPTION_KEY";
// Domain-separates the id hash so it cannot be mistaken for (or reused as) a hash of the key
// in any other context.
const KEY_ID_LABEL = "broadcast/keyring/key-id/v1\0";

const HEX_KEY = /^[0-9a-fA-F]{64}$/;
// 32 bytes encode to 43 base64 characters plus one "=" of padding. Either alphabet is
// accepted, but not a mix of both, which would suggest a corrupted value.
const BASE64_KEY = /^[A-Za-z0-9+/]{43}=?$/;
const BASE64URL_KEY = /^[A-Za-z0-9_-]{43}=?$/;

/**
 * Parses a 32-byte key given as base64 (standard or url-safe, padding optional) or hex.
 * The error message only describes the shape of the input: the value itself is a secret
 * and error messages end up in logs.
 */
export function parseEncryptionKey(raw: string, label: string = DEFAULT_LABEL): Buffer {
  // Env files and secret mounts often carry a trailing newline.
  const value = raw.trim();
  let key: Buffer | undefined;
  if (HEX_KEY.test(value)) {
    key = Buffer.from(value, "hex");
  } else if (BASE64_KEY.test(value)) {
    key = Buffer.from(value, "base64");
  } else if (BASE64URL_KEY.test(value)) {
    key = Buffer.from(value, "base64url");
  }
  if (key?.length === KEY_BYTES) return key;
  const got = value.length === 0 ? "it is empty" : `got ${value.length} characters`;
  throw new Error(
    `${label} must be 32 bytes as base64 (44 chars) or hex (64 chars); ${got}. ` +
      "Generate one with: openssl rand -base64 32",
  );
}

/**
 * Short, stable identifier stored next to each ciphertext so decryption can pick the right
 * key. It is a truncated salted hash, so it reveals nothing useful about the key.
 */
export function keyIdFor(key: Buffer): string {
  return createHash("sha256").update(KEY_ID_LABEL).update(key).digest("hex").slice(0, 8);
}

export function createKeyring(currentKey: string, previousKeys: string[] = []): Keyring {
  const current = parseEncryptionKey(currentKey);
  const currentId = keyIdFor(current);
  const byId = new Map<string, Buffer>([[currentId, current]]);
  previousKeys.forEach((raw, index) => {
    const key = parseEncryptionKey(raw, `Previous encryption key #${index + 1}`);
    const id = keyIdFor(key);
    const existing = byId.get(id);
    // A 32-bit id collision between distinct keys is astronomically unlikely, but silently
    // keeping one of them would make the other key's ciphertexts undecryptable.
    if (existing && !existing.equals(key)) {
      throw new Error(`Previous encryption key #${index + 1} has the same key id as another key; generate a new key.`);
    }
    byId.set(id, key);
  });
  return { current: { id: currentId, key: current }, byId };
}
