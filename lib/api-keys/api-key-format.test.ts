import { createHash } from "node:crypto";
import { describe, expect, it } from "vitest";
import { apiKeyNameSchema, generateApiKey, hashApiKey, looksLikeApiKey, parseBearer } from "./api-key-format";
import { createApiKeySchema } from "./api-key-name";

describe("generateApiKey", () => {
  it("makes brd_ + 43 base64url characters", () => {
    const { key } = generateApiKey();
    expect(key).toMatch(/^brd_[A-Za-z0-9_-]{43}$/);
    expect(key).toHaveLength(47);
    expect(Buffer.from(key.slice(4), "base64url")).toHaveLength(32);
  });

  it("returns the first 12 characters as the display prefix", () => {
    const { key, prefix } = generateApiKey();
    expect(prefix).toHaveLength(12);
    expect(prefix.startsWith("brd_")).toBe(true);
    expect(key.startsWith(prefix)).toBe(true);
  });

  it("returns the hex SHA-256 of the full key", () => {
    const { key, hash } = generateApiKey();
    expect(hash).toBe(createHash("sha256").update(key).digest("hex"));
    expect(hash).toMatch(/^[0-9a-f]{64}$/);
    expect(hash).not.toContain(key.slice(4));
  });

  it("never repeats a key", () => {
    const keys = new Set(Array.from({ length: 1000 }, () => generateApiKey().key));
    expect(keys.size).toBe(1000);
  });

  it("passes its own format check", () => {
    for (let i = 0; i < 200; i++) expect(looksLikeApiKey(generateApiKey().key)).toBe(true);
  });
});

describe("hashApiKey", () => {
  it("is deterministic and distinguishes keys", () => {
    expect(hashApiKey("brd_a")).toBe(hashApiKey("brd_a"));
    expect(hashApiKey("brd_a")).not.toBe(hashApiKey("brd_b"));
    expect(hashApiKey("abc")).toBe("ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad");
  });
});

describe("looksLikeApiKey", () => {
  const valid = `brd_${"A".repeat(43)}`;

  it("accepts the exact format", () => {
    expect(looksLikeApiKey(valid)).toBe(true);
    expect(looksLikeApiKey(`brd_${"-_aZ09".repeat(7)}x`)).toBe(true);
  });

  it("rejects anything else", () => {
    expect(looksLikeApiKey("")).toBe(false);
    expect(looksLikeApiKey(valid.slice(0, -1))).toBe(false);
    expect(looksLikeApiKey(`${valid}A`)).toBe(false);
    expect(looksLikeApiKey(`BRD_${"A".repeat(43)}`)).toBe(false);
    expect(looksLikeApiKey(`sk_${"A".repeat(44)}`)).toBe(false);
    expect(looksLikeApiKey(`brd_${"A".repeat(42)}+`)).toBe(false);
    expect(looksLikeApiKey(`brd_${"A".repeat(42)}=`)).toBe(false);
    expect(looksLikeApiKey(` ${valid}`)).toBe(false);
    expect(looksLikeApiKey(`${valid}\n`)).toBe(false);
  });
});

describe("parseBearer", () => {
  it("returns the token of a Bearer header", () => {
    expect(parseBearer("Bearer brd_abc")).toBe("brd_abc");
  });

  it("matches the scheme case-insensitively and trims", () => {
    expect(parseBearer("bearer brd_abc")).toBe("brd_abc");
    expect(parseBearer("BEARER brd_abc")).toBe("brd_abc");
    expect(parseBearer("  Bearer    brd_abc  ")).toBe("brd_abc");
    expect(parseBearer("Bearer\tbrd_abc")).toBe("brd_abc");
  });

  it("returns null without a usable token", () => {
    expect(parseBearer(null)).toBeNull();
    expect(parseBearer("")).toBeNull();
    expect(parseBearer("Bearer")).toBeNull();
    expect(parseBearer("Bearer   ")).toBeNull();
    expect(parseBearer("Basic dXNlcjpwYXNz")).toBeNull();
    expect(parseBearer("brd_abc")).toBeNull();
    expect(parseBearer("Bearerbrd_abc")).toBeNull();
    expect(parseBearer("Bearer brd_abc extra")).toBeNull();
  });
});

describe("apiKeyNameSchema", () => {
  const messages = (value: unknown) => {
    const result = apiKeyNameSchema.safeParse(value);
    return result.success ? [] : result.error.issues.map((issue) => issue.message);
  };

  it("trims and accepts 1 to 64 characters", () => {
    expect(apiKeyNameSchema.parse("  production  ")).toBe("production");
    expect(apiKeyNameSchema.parse("a")).toBe("a");
    expect(apiKeyNameSchema.parse("x".repeat(64))).toBe("x".repeat(64));
    expect(apiKeyNameSchema.parse(` ${"x".repeat(64)} `)).toBe("x".repeat(64));
    expect(apiKeyNameSchema.parse("Staging app (EU) — é")).toBe("Staging app (EU) — é");
  });

  it("requires a name", () => {
    expect(messages("")).toEqual(["Name is required."]);
    expect(messages("   ")).toEqual(["Name is required."]);
    expect(messages(undefined)).toEqual(["Name is required."]);
    expect(messages(null)).toEqual(["Name is required."]);
  });

  it("limits the length to 64 characters", () => {
    expect(messages("x".repeat(65))).toEqual(["Name must be at most 64 characters."]);
  });

  it("rejects control characters", () => {
    expect(messages("prod\nuction")).toEqual(["Name cannot contain control characters."]);
    expect(messages("a\tb")).toEqual(["Name cannot contain control characters."]);
  });

  it("rejects text-direction overrides that make a name display reversed", () => {
    expect(messages("evil\u202Eyek-")).toEqual(["Name cannot contain invisible or text-direction characters (such as U+202E)."]);
  });

  it("is the name field of the create form", () => {
    expect(createApiKeySchema.parse({ name: " ci " })).toEqual({ name: "ci", scope: "ingest" });
    expect(createApiKeySchema.parse({ name: "tf", scope: "admin" })).toEqual({ name: "tf", scope: "admin" });
    expect(createApiKeySchema.safeParse({ name: "tf", scope: "root" }).success).toBe(false);
    expect(createApiKeySchema.safeParse({}).success).toBe(false);
  });
});
