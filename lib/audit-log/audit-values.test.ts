import { describe, expect, it } from "vitest";
import { diffAuditValues, redactAuditValue } from "./audit-values";

describe("audit values", () => {
  it("drops every secret field: plaintext, ciphertext and masks", () => {
    const value = redactAuditValue({
      name: "prod",
      secretAccessKey: "plain",
      sessionToken: "tok",
      secretAccessKeyEnc: "v1.abc",
      sessionTokenEnc: "v1.def",
      secretAccessKeyMask: "••••WXYZ",
      password: "hunter2hunter2",
      keyHash: "sha",
    });
    expect(value).toEqual({ name: "prod" });
  });

  it("keeps only what changed and flags changed secrets", () => {
    expect(diffAuditValues({ name: "a", bucket: "b" }, { name: "c", bucket: "b" }, ["secretAccessKey"])).toEqual({
      before: { name: "a" },
      after: { name: "c", secretsChanged: ["secretAccessKey"] },
    });
    expect(diffAuditValues(null, { name: "c" })).toEqual({ before: null, after: { name: "c" } });
  });
});
