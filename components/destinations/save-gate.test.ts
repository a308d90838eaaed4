import { describe, expect, it } from "vitest";
import { connectionFingerprint, emptyDestinationForm } from "@/lib/destinations/destination-schema";
import { FIRST_TEST_HINT, isSameConnection, RETEST_HINT, saveBlockedReason } from "./save-gate";

const tested = { ...emptyDestinationForm(), bucketName: "traces", accessKeyId: "AKIA1", secretAccessKey: "s3cret" };
const passing = connectionFingerprint(tested);

describe("isSameConnection", () => {
  it("is false before any passing test", () => {
    expect(isSameConnection(null, tested)).toBe(false);
    expect(isSameConnection(null, {})).toBe(false);
  });

  it("is true for exactly the values that passed", () => {
    expect(isSameConnection(passing, { ...tested })).toBe(true);
  });

  it("ignores whitespace the schema trims anyway", () => {
    expect(isSameConnection(passing, { ...tested, bucketName: " traces " })).toBe(true);
  });

  it.each([
    ["bucketName", "traces-2"],
    ["region", "eu-west-1"],
    ["endpoint", "http://127.0.0.1:9000"],
    ["accessKeyId", "AKIA2"],
    ["secretAccessKey", "other"],
    ["sessionToken", "token"],
    ["prefix", "logs"],
    ["pathTemplate", "{prefix}/{year}"],
  ] as const)("is false once %s changes", (field, value) => {
    expect(isSameConnection(passing, { ...tested, [field]: value })).toBe(false);
  });

  it.each([
    ["name", "Renamed"],
    ["provider", "minio"],
    ["enabled", false],
    ["privacyMode", true],
  ] as const)("stays true when %s changes", (field, value) => {
    expect(isSameConnection(passing, { ...tested, [field]: value })).toBe(true);
  });

  it("is true again when an edit is undone", () => {
    expect(isSameConnection(passing, { ...tested, bucketName: "traces-x" })).toBe(false);
    expect(isSameConnection(passing, { ...tested, bucketName: "traces" })).toBe(true);
  });
});

describe("saveBlockedReason", () => {
  it("asks for a first test", () => {
    expect(saveBlockedReason(null, tested)).toBe(FIRST_TEST_HINT);
  });

  it("asks for a new test after a connection edit", () => {
    expect(saveBlockedReason(passing, { ...tested, region: "eu-west-1" })).toBe(RETEST_HINT);
  });

  it("has no reason when Save is allowed", () => {
    expect(saveBlockedReason(passing, tested)).toBeNull();
  });
});

