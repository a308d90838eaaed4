import { randomBytes } from "node:crypto";
import { describe, expect, it } from "vitest";
import { createKeyring, keyIdFor, parseEncryptionKey } from "@/lib/platform/crypto/keyring";

const key = Buffer.from("000102030405060708090a0b0c0d0e0f101112131415161718191a1b1c1d1e1f", "hex");

describe("parseEncryptionKey", () => {
  it("accepts standard base64 with padding", () => {
    expect(parseEncryptionKey(key.toString("base64"))).toEqual(key);
  });

  it("accepts standard base64 without padding", () => {
    const raw = key.toString("base64").replace(/=+$/, "");
    expect(raw).toHaveLength(43);
    expect(parseEncryptionKey(raw)).toEqual(key);
  });

  it("accepts url-safe base64 with and without padding", () => {
    // 0xfb/0xff bytes produce "+" and "/" in standard base64, "-" and "_" in url-safe.
    const tricky = Buffer.alloc(32, 0xfb);
    const url = tricky.toString("base64url");
    expect(url).toMatch(/[-_]/);
    expect(parseEncryptionKey(url)).toEqual(tricky);
    expect(parseEncryptionKey(`${url}=`)).toEqual(tricky);
    expect(parseEncryptionKey(tricky.toString("base64"))).toEqual(tricky);
  });

  it("accepts 64 hex characters in either case", () => {
    expect(parseEncryptionKey(key.toString("hex"))).toEqual(key);
    expect(parseEncryptionKey(key.toString("hex").toUpperCase())).toEqual(key);
  });

  it("ignores surrounding whitespace such as a trailing newline", () => {
    expect(parseEncryptionKey(`  ${key.toString("base64")}\n`)).toEqual(key);
  });

  it("rejects a value of the wrong length with a message that describes the expected shape", () => {
    expect(() => parseEncryptionKey("not-a-real-key-17")).toThrow(
      "BROADCAST_ENCRYPTION_KEY must be 32 bytes as base64 (44 chars) or hex (64 chars); got 17 characters.",
    );
  });

  it("rejects an empty value", () => {
    expect(() => parseEncryptionKey("")).toThrow(/it is empty/);
    expect(() => parseEncryptionKey("   ")).toThrow(/it is empty/);
  });

  it.each([
    ["16 bytes of base64", randomBytes(16).toString("base64")],
    ["48 bytes of base64", randomBytes(48).toString("base64")],
    ["63 hex characters", key.toString("hex").slice(1)],
    ["65 hex characters", `${key.toString("hex")}a`],
    ["64 characters that are not hex", "g".repeat(64)],
    ["base64 with invalid characters", `${key.toString("base64").slice(0, 42)}!!`],
    ["mixed base64 alphabets", `${"+".repeat(21)}${"_".repeat(22)}`],
    ["two padding characters", `${key.toString("base64").slice(0, 42)}==`],
    ["a passphrase", "correct horse battery staple, very secret!!!"],
  ])("rejects %s without echoing the input", (_label, raw) => {
    let message = "";
    try {
      parseEncryptionKey(raw);
    } catch (error) {
      message = (error as Error).message;
    }
    expect(message).toMatch(/must be 32 bytes as base64 \(44 chars\) or hex \(64 chars\)/);
    expect(message).toContain(`got ${raw.trim().length} characters`);
    expect(message).not.toContain(raw);
    // Not even a fragment of the value should leak.
    expect(message).not.toContain(raw.slice(0, 8));
  });

  it("uses the given label in the message", () => {
    expect(() => parseEncryptionKey("short", "MY_KEY")).toThrow(/^MY_KEY must be 32 bytes/);
  });
});

describe("keyIdFor", () => {
  it("is 8 lowercase hex characters and stable", () => {
    const id = keyIdFor(key);
    expect(id).toMatch(/^[0-9a-f]{8}$/);
    expect(keyIdFor(Buffer.from(key))).toBe(id);
  });

  it("differs between keys", () => {
    expect(keyIdFor(key)).not.toBe(keyIdFor(randomBytes(32)));
  });

  it("is not a prefix of the key or of a plain hash of the key", async () => {
    const { createHash } = await import("node:crypto");
    const id = keyIdFor(key);
    expect(key.toString("hex")).not.toContain(id);
    expect(createHash("sha256").update(key).digest("hex").startsWith(id)).toBe(false);
  });
});

describe("createKeyring", () => {
  it("holds the current key under its id", () => {
    const keyring = createKeyring(key.toString("base64"));
    expect(keyring.current.id).toBe(keyIdFor(key));
    expect(keyring.current.key).toEqual(key);
    expect(keyring.byId.size).toBe(1);
    expect(keyring.byId.get(keyIdFor(key))).toEqual(key);
  });

  it("adds previous keys so they can still decrypt", () => {
    const old1 = randomBytes(32);
    const old2 = randomBytes(32);
    const keyring = createKeyring(key.toString("hex"), [old1.toString("base64"), old2.toString("hex")]);
    expect(keyring.current.key).toEqual(key);
    expect(keyring.byId.size).toBe(3);
    expect(keyring.byId.get(keyIdFor(old1))).toEqual(old1);
    expect(keyring.byId.get(keyIdFor(old2))).toEqual(old2);
  });

  it("tolerates the current key also being listed as previous", () => {
    const keyring = createKeyring(key.toString("base64"), [key.toString("hex")]);
    expect(keyring.byId.size).toBe(1);
  });

  it("rejects an invalid previous key naming its position, not its value", () => {
    expect(() => createKeyring(key.toString("base64"), [randomBytes(32).toString("hex"), "oops-bad"])).toThrow(
      /^Previous encryption key #2 must be 32 bytes.*got 8 characters/,
    );
  });

  it("rejects an invalid current key", () => {
    expect(() => createKeyring("nope")).toThrow(/^BROADCAST_ENCRYPTION_KEY must be 32 bytes/);
  });
});
