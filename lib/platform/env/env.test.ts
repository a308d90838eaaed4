import { afterEach, describe, expect, it } from "vitest";
import { isEncryptionKeyMissing, MISSING_ENCRYPTION_KEY_MESSAGE } from "./encryption-key-rule.mjs";
import { getEnv, parseEnv, resetEnv } from "./env";

describe("parseEnv", () => {
  it("gives every variable its default when the environment is empty", () => {
    const env = parseEnv({});
    expect(env.DATABASE_URL).toBeUndefined();
    expect(env.BROADCAST_DATA_DIR).toBeUndefined();
    expect(env).toMatchObject({
      BROADCAST_ENCRYPTION_KEYS_PREVIOUS: [],
      BROADCAST_ALLOWED_ENDPOINTS: [],
      BROADCAST_INGEST_RATE_LIMIT: 1000,
      BROADCAST_INGEST_BURST: 2000,
      BROADCAST_MAX_BACKLOG: 100_000,
      BROADCAST_DELIVERY_CONCURRENCY: 16,
      BROADCAST_RETRY_HORIZON_HOURS: 24,
    });
  });

  it("trims values and reads lists", () => {
    const env = parseEnv({
      DATABASE_URL: " postgresql://u@127.0.0.1/db ",
      BROADCAST_ENCRYPTION_KEY: " k1 ",
      BROADCAST_ENCRYPTION_KEYS_PREVIOUS: " old1 , ,old2",
      BROADCAST_ALLOWED_ENDPOINTS: "127.0.0.1:9000, 10.0.0.0/8",
      BROADCAST_ADMIN_EMAIL: " owner@example.com ",
      BROADCAST_ADMIN_PASSWORD: " spaced password ",
      BROADCAST_INGEST_RATE_LIMIT: "0",
    });
    expect(env.DATABASE_URL).toBe("postgresql://u@127.0.0.1/db");
    expect(env.BROADCAST_ENCRYPTION_KEY).toBe("k1");
    expect(env.BROADCAST_ENCRYPTION_KEYS_PREVIOUS).toEqual(["old1", "old2"]);
    expect(env.BROADCAST_ALLOWED_ENDPOINTS).toEqual([{ host: "127.0.0.1", port: 9000 }, { cidr: "10.0.0.0/8" }]);
    expect(env.BROADCAST_ADMIN_EMAIL).toBe("owner@example.com");
    expect(env.BROADCAST_ADMIN_PASSWORD).toBe(" spaced password ");
    expect(env.BROADCAST_INGEST_RATE_LIMIT).toBe(0);
  });

  it("keeps each variable's own message when one is bad", () => {
    expect(() => parseEnv({ DATABASE_URL: "mysql://x" })).toThrow(
      "DATABASE_URL must be a postgres:// or postgresql:// URL (or unset for the embedded database).",
    );
    expect(() => parseEnv({ BROADCAST_MAX_BACKLOG: "-1" })).toThrow('BROADCAST_MAX_BACKLOG must be a non-negative number; got "-1".');
    expect(() => parseEnv({ BROADCAST_ALLOWED_ENDPOINTS: "minio" })).toThrow(/BROADCAST_ALLOWED_ENDPOINTS: "minio" is not a host:port entry/);
    expect(() => parseEnv({ BROADCAST_ADMIN_EMAIL: "owner@example.com" })).toThrow(
      "Set both BROADCAST_ADMIN_EMAIL and BROADCAST_ADMIN_PASSWORD, or neither.",
    );
  });

  it("names every bad variable in one error", () => {
    let message = "";
    try {
      parseEnv({ BROADCAST_DELIVERY_CONCURRENCY: "many", BROADCAST_INGEST_BURST: "lots", DATABASE_URL: "sqlite://x" });
    } catch (error) {
      message = (error as Error).message;
    }
    expect(message).toMatch(/^3 environment variables are not usable: /);
    expect(message).toContain('BROADCAST_DELIVERY_CONCURRENCY must be a whole number from 0 to 64; got "many".');
    expect(message).toContain('BROADCAST_INGEST_BURST must be a non-negative number; got "lots".');
    expect(message).toContain("DATABASE_URL must be a postgres://");
  });
});

describe("getEnv", () => {
  const saved = process.env.BROADCAST_MAX_BACKLOG;
  afterEach(() => {
    if (saved === undefined) delete process.env.BROADCAST_MAX_BACKLOG;
    else process.env.BROADCAST_MAX_BACKLOG = saved;
    resetEnv();
  });

  it("parses process.env once, and again after resetEnv()", () => {
    process.env.BROADCAST_MAX_BACKLOG = "5";
    resetEnv();
    expect(getEnv().BROADCAST_MAX_BACKLOG).toBe(5);
    process.env.BROADCAST_MAX_BACKLOG = "6";
    expect(getEnv().BROADCAST_MAX_BACKLOG).toBe(5);
    resetEnv();
    expect(getEnv().BROADCAST_MAX_BACKLOG).toBe(6);
  });
});

describe("isEncryptionKeyMissing (shared with scripts/start.mjs)", () => {
  it("requires a key only in production without the generated-key allowance", () => {
    expect(isEncryptionKeyMissing({ NODE_ENV: "production" })).toBe(true);
    expect(isEncryptionKeyMissing({ NODE_ENV: "production", BROADCAST_ENCRYPTION_KEY: "  " })).toBe(true);
    expect(isEncryptionKeyMissing({ NODE_ENV: "production", BROADCAST_ENCRYPTION_KEY: "k" })).toBe(false);
    expect(isEncryptionKeyMissing({ NODE_ENV: "production", BROADCAST_ALLOW_GENERATED_KEY: "1" })).toBe(false);
    expect(isEncryptionKeyMissing({ NODE_ENV: "development" })).toBe(false);
    expect(MISSING_ENCRYPTION_KEY_MESSAGE).toMatch(/^BROADCAST_ENCRYPTION_KEY is not set\./);
  });
});

describe("how requests reach the app", () => {
  it("reads BROADCAST_PUBLIC_URL as an origin and BROADCAST_TRUSTED_PROXIES as ranges", async () => {
    const { parseEnv } = await import("./env");
    const env = parseEnv({ BROADCAST_PUBLIC_URL: "https://broadcast.example.com/", BROADCAST_TRUSTED_PROXIES: "10.0.0.0/8, ::1" });
    expect(env.BROADCAST_PUBLIC_URL).toBe("https://broadcast.example.com");
    expect(env.BROADCAST_TRUSTED_PROXIES.map(([range, bits]) => `${range.toString()}/${bits}`)).toEqual(["10.0.0.0/8", "::1/128"]);
    expect(() => parseEnv({ BROADCAST_PUBLIC_URL: "https://x.example.com/app" })).toThrow(/origin only/);
    expect(() => parseEnv({ BROADCAST_TRUSTED_PROXIES: "proxy.local" })).toThrow(/BROADCAST_TRUSTED_PROXIES/);
  });
});
