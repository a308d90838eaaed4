import { describe, expect, it } from "vitest";
import {
  allowedEndpoints,
  buildServerEnv,
  E2E_DATA_DIR,
  E2E_ENCRYPTION_KEY,
  isRgwExpected,
  redactDatabaseUrl,
} from "../e2e/support/e2e-config";

// The e2e server's environment is derived, not handed over by the global setup (see e2e-config.ts).
describe("the e2e server environment", () => {
  it("uses the embedded store under .tmp unless DATABASE_URL is set", () => {
    const embedded = buildServerEnv({ PATH: "/usr/bin", BROADCAST_DATA_DIR: "/somewhere/else" });
    expect(embedded.BROADCAST_DATA_DIR).toBe(E2E_DATA_DIR);
    expect(embedded.DATABASE_URL).toBeUndefined();

    const postgres = buildServerEnv({ DATABASE_URL: "postgres://postgres@127.0.0.1:5432/broadcast_ci" });
    expect(postgres.DATABASE_URL).toBe("postgres://postgres@127.0.0.1:5432/broadcast_ci");
    expect(postgres.BROADCAST_DATA_DIR).toBeUndefined();
  });

  it("sets the fixed key, port and flags, and drops FORCE_COLOR", () => {
    const env = buildServerEnv({ FORCE_COLOR: "1", HOME: "/root" });
    expect(env).toMatchObject({
      HOME: "/root",
      PORT: "3100",
      NODE_ENV: "production",
      BROADCAST_LOCAL_S3: "0",
      BROADCAST_ENCRYPTION_KEY: E2E_ENCRYPTION_KEY,
      NO_COLOR: "1",
    });
    expect(env.FORCE_COLOR).toBeUndefined();
    expect(Buffer.from(E2E_ENCRYPTION_KEY, "base64")).toHaveLength(32);
  });

  it("allows s3rver always and the gateway's port when it will run", () => {
    expect(allowedEndpoints({ PATH: "" })).toBe("127.0.0.1:4610,localhost:4610");
    expect(isRgwExpected({ CI: "true", PATH: "" })).toBe(true);
    expect(allowedEndpoints({ CI: "true", PATH: "" })).toBe("127.0.0.1:4610,localhost:4610,127.0.0.1:4620");
  });

  it("never writes a database password to the env file", () => {
    expect(redactDatabaseUrl("postgres://app:s3cret@db:5432/broadcast")).toBe("postgres://app:redacted@db:5432/broadcast");
    expect(redactDatabaseUrl("postgres://postgres@127.0.0.1:5432/x")).toBe("postgres://postgres@127.0.0.1:5432/x");
  });
});
