import { describe, expect, it } from "vitest";
import { credentialRetypeErrors, movedConnectionFields, type StoredConnection } from "./credential-retype";

const STORED: StoredConnection = { provider: "minio", region: "us-east-1", endpoint: "https://s3.example.com", hasSessionToken: true };
const SAME = { provider: "minio", region: "us-east-1", endpoint: "https://s3.example.com", secretAccessKey: "", sessionToken: "" };

describe("movedConnectionFields", () => {
  it("names each of endpoint, region and provider that changed, comparing trimmed values", () => {
    expect(movedConnectionFields(STORED, SAME)).toEqual([]);
    expect(movedConnectionFields(STORED, { ...SAME, endpoint: " https://s3.example.com " })).toEqual([]);
    expect(movedConnectionFields(STORED, { ...SAME, endpoint: "https://evil.example.com", region: "eu-west-1", provider: "other" })).toEqual([
      "endpoint",
      "region",
      "provider",
    ]);
  });
});

describe("credentialRetypeErrors", () => {
  it("lets blank secrets keep the stored ones while nothing moved", () => {
    expect(credentialRetypeErrors(STORED, SAME)).toBeNull();
  });

  it("asks for the secret and the stored token when the connection moved, saying why", () => {
    expect(credentialRetypeErrors(STORED, { ...SAME, region: "eu-west-1" })).toEqual({
      secretAccessKey: ["Type the Secret Access Key again: the region changed, and stored credentials are never sent to a new host."],
      sessionToken: ["Type the Session Token again, or remove it: the region changed, and stored credentials are never sent to a new host."],
    });
    expect(credentialRetypeErrors(STORED, { ...SAME, endpoint: "https://x.example.com", provider: "r2" })?.secretAccessKey).toEqual([
      "Type the Secret Access Key again: the endpoint and the provider changed, and stored credentials are never sent to a new host.",
    ]);
  });

  it("is satisfied by a retyped secret plus a retyped or removed token", () => {
    const moved = { ...SAME, endpoint: "https://x.example.com", secretAccessKey: "new" };
    expect(Object.keys(credentialRetypeErrors(STORED, moved) ?? {})).toEqual(["sessionToken"]);
    expect(credentialRetypeErrors(STORED, { ...moved, sessionToken: "t" })).toBeNull();
    expect(credentialRetypeErrors(STORED, { ...moved, removeSessionToken: true })).toBeNull();
    expect(credentialRetypeErrors({ ...STORED, hasSessionToken: false }, moved)).toBeNull();
    expect(credentialRetypeErrors(STORED, { ...moved, secretAccessKey: "   " })).toHaveProperty("secretAccessKey");
  });
});
