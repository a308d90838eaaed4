import { describe, expect, it } from "vitest";
import { classifyS3Error } from "@/lib/core/classify-s3-error";
import { toPlainError } from "./plain-error";

function serviceError(name: string, status: number, extra: Record<string, unknown> = {}) {
  return Object.assign(new Error(`${name} happened`), { name, $fault: "client", $metadata: { httpStatusCode: status }, ...extra });
}

describe("toPlainError", () => {
  it.each([
    ["a service exception", serviceError("NoSuchBucket", 404)],
    ["a bare 403 HEAD answer", serviceError("Unknown", 403)],
    ["a wrong region with its header", serviceError("PermanentRedirect", 301, { $response: { statusCode: 301, headers: { "x-amz-bucket-region": "eu-west-1" } } })],
    ["a network error in the cause", Object.assign(new Error("socket hang up"), { cause: Object.assign(new Error("connect ECONNREFUSED"), { code: "ECONNREFUSED" }) })],
    ["an AggregateError", new AggregateError([Object.assign(new Error("x"), { code: "ETIMEDOUT" })], "all failed")],
    ["the endpoint guard", Object.assign(new Error("Connections to 10.0.0.1 are blocked"), { name: "BlockedEndpointError", reason: "a private address", allowlistable: true })],
    ["a server fault", Object.assign(new Error("boom"), { $fault: "server" })],
  ])("classifies %s exactly as the original error", (_name, error) => {
    const plain = structuredClone(toPlainError(error));
    expect(classifyS3Error(plain)).toEqual(classifyS3Error(error));
  });

  it("survives cycles and non-objects", () => {
    const a: Record<string, unknown> = { name: "A" };
    a.cause = a;
    expect(toPlainError(a)).toEqual({ name: "A" });
    expect(toPlainError("text")).toEqual({ name: "Error", message: "text" });
  });
});
