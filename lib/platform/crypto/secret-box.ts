import { createCipheriv, createDecipheriv, randomBytes } from "node:crypto";
import type { Keyring } from "@/lib/platform/crypto/keyring";

/**
 * Authenticated encryption for secrets at rest (S3 secret access keys, session tokens).
 *
 * Format: `v1.<keyId>.<iv>.<tag>.<ciphertext>` with base64url parts. The key id lets a
 * keyring hold several keys during rotation; the version leaves room for a new scheme.
 * The caller's `aad` (e.g. "destination:<id>:secretAccessKey") is authenticated but not
 * stored, so a ciphertext copied into another row or field fails to decrypt.
 */

export type SecretBoxErrorCode = "malformed" | "unknown-key" | "tampered";

/** Messages never contain plaintext, key material or the box itself. */
export class SecretBoxError extends Error {
  readonly code: SecretBoxErrorCode;

  constructor(code: SecretBoxErrorCode, message: string) {
    super(message);
    this.name = "SecretBoxError";
    this.code = code;
  }
}

const VERSION = "v1";
const ALGORITHM = "aes-256-gcm";
const IV_BYTES = 12;
const TAG_BYTES = 16;
const KEY_ID = /^[0-9a-f]{8}$/;
// Buffer.from(…, "base64url") silently skips invalid characters, so validate first.
const BASE64URL = /^[A-Za-z0-9_-]*$/;

type ParsedBox = { keyId: string; iv: Buffer; tag: Buffer; ciphertext: Buffer };

export function encryptSecret(plaintext: string, keyring: Keyring, aad: string): string {
  const { id, key } = keyring.current;
  const iv = randomBytes(IV_BYTES);
  const cipher = createCipheriv(ALGORITHM, key, iv, { authTagLength: TAG_BYTES });
  cipher.setAAD(associatedData(id, aad));
  const ciphertext = Buffer.concat([cipher.update(plaintext, "utf8"), cipher.final()]);
  const tag = cipher.getAuthTag();
  return [VERSION, id, iv.toString("base64url"), tag.toString("base64url"), ciphertext.toString("base64url")].join(".");
}

export function decryptSecret(box: string, keyring: Keyring, aad: string): string {
  const { keyId, iv, tag, ciphertext } = parseBox(box);
  const key = keyring.byId.get(keyId);
  if (!key) {
    throw new SecretBoxError(
      "unknown-key",
      `Secret was encrypted with key ${keyId}, which is not in the keyring; add it to the previous encryption keys.`,
    );
  }
  try {
    const decipher = createDecipheriv(ALGORITHM, key, iv, { authTagLength: TAG_BYTES });
    decipher.setAAD(associatedData(keyId, aad));
    decipher.setAuthTag(tag);
    return Buffer.concat([decipher.update(ciphertext), decipher.final()]).toString("utf8");
  } catch {
    // GCM cannot tell a wrong key from a modified ciphertext or a different aad, and the
    // underlying error adds nothing worth logging.
    throw new SecretBoxError(
      "tampered",
      "Secret failed authentication: it was modified, belongs to another record or field, or the key is wrong.",
    );
  }
}

/** True when the box is readable but not under the current key, i.e. rotation should rewrite it. */
export function needsReencryption(box: string, keyring: Keyring): boolean {
  return parseBox(box).keyId !== keyring.current.id;
}

// The header is authenticated too, so the version and key id cannot be swapped undetected.
function associatedData(keyId: string, aad: string): Buffer {
  return Buffer.from(`${VERSION}.${keyId}\n${aad}`, "utf8");
}

function parseBox(box: string): ParsedBox {
  const parts = typeof box === "string" ? box.split(".") : [];
  const [version, keyId, iv, tag, ciphertext] = parts;
  if (parts.length !== 5 || version !== VERSION) {
    throw malformed(`expected "${VERSION}.<keyId>.<iv>.<tag>.<ciphertext>"`);
  }
  if (keyId === undefined || !KEY_ID.test(keyId)) throw malformed("the key id is invalid");
  const ivBytes = decodePart(iv, "iv");
  const tagBytes = decodePart(tag, "tag");
  const ciphertextBytes = decodePart(ciphertext, "ciphertext");
  if (ivBytes.length !== IV_BYTES) throw malformed(`the iv must be ${IV_BYTES} bytes`);
  if (tagBytes.length !== TAG_BYTES) throw malformed(`the tag must be ${TAG_BYTES} bytes`);
  return { keyId, iv: ivBytes, tag: tagBytes, ciphertext: ciphertextBytes };
}

function decodePart(part: string | undefined, name: string): Buffer {
  if (part === undefined || !BASE64URL.test(part) || part.length % 4 === 1) {
    throw malformed(`the ${name} is not base64url`);
  }
  return Buffer.from(part, "base64url");
}

function malformed(detail: string): SecretBoxError {
  return new SecretBoxError("malformed", `Encrypted secret is malformed: ${detail}.`);
}
