import { randomBytes } from "node:crypto";
import { describe, expect, it } from "vitest";
import { createKeyring, keyIdFor } from "@/lib/platform/crypto/keyring";
import { SecretBoxError, decryptSecret, encryptSecret, needsReencryption } from "@/lib/platform/crypto/secret-box";

const keyA = randomBytes(32);
const keyB = randomBytes(32);
const ringA = createKeyring(keyA.toString("base64"));
const AAD = "destination:dst_123:secretAccessKey";
const SECRET = "wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY";

function thrown(fn: () => unknown): SecretBoxError {
  try {
    fn();
  } catch (error) {
    expect(error).toBeInstanceOf(SecretBoxError);
    return error as SecretBoxError;
  }
  throw new Error("expected a SecretBoxError");
}

// Flips one bit of a decoded part so the box stays well-formed but its content changes.
function flipByte(box: string, partIndex: number, byteIndex = 0): string {
  const parts = box.split(".");
  const bytes = Buffer.from(parts[partIndex] ?? "", "base64url");
  bytes[byteIndex] = (bytes[byteIndex] ?? 0) ^ 0x01;
  parts[partIndex] = bytes.toString("base64url");
  return parts.join(".");
}

describe("encryptSecret / decryptSecret", () => {
  it("round-trips", () => {
    const box = encryptSecret(SECRET, ringA, AAD);
    expect(decryptSecret(box, ringA, AAD)).toBe(SECRET);
  });

  it("round-trips unicode and empty strings", () => {
    for (const plaintext of ["pässwörd 🔑 秘密", "", " ", "a.b.c", "\u0000\n"]) {
      expect(decryptSecret(encryptSecret(plaintext, ringA, AAD), ringA, AAD)).toBe(plaintext);
    }
  });

  it("produces the documented format", () => {
    const box = encryptSecret(SECRET, ringA, AAD);
    const [version, keyId, iv, tag, ciphertext, ...rest] = box.split(".");
    expect(version).toBe("v1");
    expect(keyId).toBe(keyIdFor(keyA));
    expect(Buffer.from(iv ?? "", "base64url")).toHaveLength(12);
    expect(Buffer.from(tag ?? "", "base64url")).toHaveLength(16);
    expect(Buffer.from(ciphertext ?? "", "base64url")).toHaveLength(Buffer.byteLength(SECRET));
    expect(rest).toEqual([]);
    expect(box).toMatch(/^[A-Za-z0-9_.-]+$/);
  });

  it("never contains the plaintext or the key", () => {
    const box = encryptSecret(SECRET, ringA, AAD);
    expect(box).not.toContain(SECRET);
    expect(box).not.toContain(keyA.toString("base64url"));
  });

  it("produces a different ciphertext each time", () => {
    const boxes = new Set(Array.from({ length: 20 }, () => encryptSecret(SECRET, ringA, AAD)));
    expect(boxes.size).toBe(20);
    const ivs = new Set([...boxes].map((box) => box.split(".")[2]));
    expect(ivs.size).toBe(20);
  });
});

describe("tamper detection", () => {
  const box = encryptSecret(SECRET, ringA, AAD);

  it.each([
    ["ciphertext (first byte)", 4, 0],
    ["ciphertext (last byte)", 4, Buffer.byteLength(SECRET) - 1],
    ["tag", 3, 0],
    ["tag (last byte)", 3, 15],
    ["iv", 2, 0],
    ["iv (last byte)", 2, 11],
  ])("rejects a modified %s as tampered", (_label, part, byte) => {
    const error = thrown(() => decryptSecret(flipByte(box, part, byte), ringA, AAD));
    expect(error.code).toBe("tampered");
  });

  it("rejects a box copied to another field (different aad)", () => {
    const error = thrown(() => decryptSecret(box, ringA, "destination:dst_123:sessionToken"));
    expect(error.code).toBe("tampered");
  });

  it("rejects a box copied to another row (different aad)", () => {
    expect(thrown(() => decryptSecret(box, ringA, "destination:dst_456:secretAccessKey")).code).toBe("tampered");
  });

  it("rejects decryption with the wrong key under the same id", () => {
    // Simulates a key id collision or a keyring entry replaced by another key.
    const wrong = { current: ringA.current, byId: new Map([[ringA.current.id, keyB]]) };
    expect(thrown(() => decryptSecret(box, wrong, AAD)).code).toBe("tampered");
  });

  it("rejects a box whose key id was swapped to another known key", () => {
    const ring = createKeyring(keyB.toString("base64"), [keyA.toString("base64")]);
    const swapped = box.replace(`.${keyIdFor(keyA)}.`, `.${keyIdFor(keyB)}.`);
    expect(thrown(() => decryptSecret(swapped, ring, AAD)).code).toBe("tampered");
  });

  it("rejects a truncated ciphertext", () => {
    const parts = box.split(".");
    parts[4] = Buffer.from(parts[4] ?? "", "base64url").subarray(1).toString("base64url");
    expect(thrown(() => decryptSecret(parts.join("."), ringA, AAD)).code).toBe("tampered");
  });

  it("does not leak the plaintext or key in the error", () => {
    const error = thrown(() => decryptSecret(box, ringA, "other"));
    expect(error.message).not.toContain(SECRET);
    expect(error.message).not.toContain(keyA.toString("base64"));
    expect(error.message).not.toContain(box);
    expect(error.name).toBe("SecretBoxError");
    expect(error).toBeInstanceOf(Error);
  });
});

describe("unknown keys", () => {
  it("reports unknown-key with the key id when the key is not in the keyring", () => {
    const box = encryptSecret(SECRET, ringA, AAD);
    const ringB = createKeyring(keyB.toString("base64"));
    const error = thrown(() => decryptSecret(box, ringB, AAD));
    expect(error.code).toBe("unknown-key");
    expect(error.message).toContain(keyIdFor(keyA));
    expect(error.message).not.toContain(keyA.toString("base64"));
  });
});

describe("malformed boxes", () => {
  const good = encryptSecret(SECRET, ringA, AAD);
  const [, id, iv, tag, ct] = good.split(".");

  it.each([
    ["empty string", ""],
    ["plain text", SECRET],
    ["too few parts", `v1.${id}.${iv}.${tag}`],
    ["too many parts", `${good}.extra`],
    ["unknown version", `v2.${id}.${iv}.${tag}.${ct}`],
    ["uppercase key id", `v1.ABCDEF12.${iv}.${tag}.${ct}`],
    ["short key id", `v1.abc.${iv}.${tag}.${ct}`],
    ["iv of the wrong length", `v1.${id}.${Buffer.alloc(16).toString("base64url")}.${tag}.${ct}`],
    ["tag of the wrong length", `v1.${id}.${iv}.${Buffer.alloc(8).toString("base64url")}.${ct}`],
    ["empty tag", `v1.${id}.${iv}..${ct}`],
    ["standard base64 characters", `v1.${id}.${iv}.${tag}.${ct}+/`],
    ["padding", `v1.${id}.${iv}.${tag}.${ct}==`],
    ["impossible base64url length", `v1.${id}.${iv}.${tag}.AAAAA`],
  ])("rejects %s as malformed", (_label, box) => {
    const error = thrown(() => decryptSecret(box, ringA, AAD));
    expect(error.code).toBe("malformed");
    expect(error.message).not.toContain(SECRET);
  });

  it("rejects a non-string as malformed", () => {
    expect(thrown(() => decryptSecret(undefined as unknown as string, ringA, AAD)).code).toBe("malformed");
  });

  it("makes needsReencryption throw on a malformed box", () => {
    expect(thrown(() => needsReencryption("garbage", ringA)).code).toBe("malformed");
  });
});

describe("key rotation", () => {
  it("decrypts boxes made under a previous key and flags them for re-encryption", () => {
    const oldBox = encryptSecret(SECRET, ringA, AAD);
    expect(needsReencryption(oldBox, ringA)).toBe(false);

    const rotated = createKeyring(keyB.toString("hex"), [keyA.toString("base64url")]);
    expect(decryptSecret(oldBox, rotated, AAD)).toBe(SECRET);
    expect(needsReencryption(oldBox, rotated)).toBe(true);

    const newBox = encryptSecret(decryptSecret(oldBox, rotated, AAD), rotated, AAD);
    expect(newBox.split(".")[1]).toBe(keyIdFor(keyB));
    expect(needsReencryption(newBox, rotated)).toBe(false);

    // Once the old key is retired, new boxes still decrypt and old ones report unknown-key.
    const retired = createKeyring(keyB.toString("hex"));
    expect(decryptSecret(newBox, retired, AAD)).toBe(SECRET);
    expect(thrown(() => decryptSecret(oldBox, retired, AAD)).code).toBe("unknown-key");
  });
});
