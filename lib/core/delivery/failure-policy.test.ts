import { describe, expect, it } from "vitest";
import { BlockedEndpointError } from "@/lib/platform/s3/endpoint-guard";
import { CredentialsUnreadableError, decideFailure, DestinationGoneError } from "./failure-policy";

const CTX = { stoppedByUs: false, attemptTimeoutMs: 20_000 };

function s3Error(name: string, status: number): Error {
  return Object.assign(new Error(name), { name, $fault: status >= 500 ? "server" : "client", $metadata: { httpStatusCode: status } });
}

function networkError(code: string): Error {
  return Object.assign(new Error(`connect ${code}`), { code });
}

describe("decideFailure", () => {
  it.each([
    ["AccessDenied", 403, "access-denied"],
    ["NoSuchBucket", 404, "no-such-bucket"],
    ["InvalidAccessKeyId", 403, "invalid-access-key"],
    ["SignatureDoesNotMatch", 403, "signature-mismatch"],
    ["ExpiredToken", 400, "expired-token"],
    ["InvalidToken", 400, "invalid-token"],
    ["PermanentRedirect", 301, "wrong-region"],
  ])("pauses the destination on %s", (name, status, code) => {
    expect(decideFailure(s3Error(name, status), CTX)).toMatchObject({ action: "pause", code });
  });

  it("pauses on a blocked endpoint, a TLS failure and unreadable stored credentials", () => {
    expect(decideFailure(new BlockedEndpointError("10.0.0.1", "a private address"), CTX)).toMatchObject({ action: "pause", code: "blocked-endpoint" });
    expect(decideFailure(networkError("DEPTH_ZERO_SELF_SIGNED_CERT"), CTX)).toMatchObject({ action: "pause", code: "tls" });
    expect(decideFailure(new CredentialsUnreadableError(new Error("tampered")), CTX)).toMatchObject({
      action: "pause",
      code: "credentials-unreadable",
    });
  });

  it.each([
    ["SlowDown 503", s3Error("SlowDown", 503), "slow-down"],
    ["InternalError 500", s3Error("InternalError", 500), "server-error"],
    ["429", s3Error("TooManyRequests", 429), "rate-limited"],
    ["ECONNREFUSED", networkError("ECONNREFUSED"), "connection-refused"],
    ["ENOTFOUND", networkError("ENOTFOUND"), "dns"],
    ["a timeout", Object.assign(new Error("timed out"), { name: "TimeoutError" }), "timeout"],
    ["an unrecognised 400", s3Error("EntityTooLarge", 400), "unknown"],
  ])("retries on %s", (_label, error, code) => {
    expect(decideFailure(error, CTX)).toMatchObject({ action: "retry", code });
  });

  it("releases without judging when the worker stopped the write or the destination is gone", () => {
    expect(decideFailure(s3Error("AccessDenied", 403), { ...CTX, stoppedByUs: true })).toEqual({ action: "release" });
    expect(decideFailure(new DestinationGoneError(), CTX)).toEqual({ action: "release" });
  });

  it("never copies raw error text into the message", () => {
    const leaky = Object.assign(new Error("The request signature ... AKIASECRETKEYID ..."), { name: "SignatureDoesNotMatch" });
    const decision = decideFailure(leaky, CTX);
    expect(decision.action).toBe("pause");
    expect(JSON.stringify(decision)).not.toContain("AKIA");
  });
});
