import { describe, expect, it } from "vitest";
import { validateBucketName } from "@/lib/core/bucket-name";

describe("validateBucketName", () => {
  it.each(["my-bucket", "abc", "a".repeat(63), "logs.example.com", "1bucket9", "a-b.c-d"])(
    "accepts %s",
    (name) => {
      expect(validateBucketName(name)).toEqual([]);
    },
  );

  it("requires a name", () => {
    expect(validateBucketName("")).toEqual(["Bucket name is required."]);
  });

  it("rejects names shorter than 3 characters", () => {
    expect(validateBucketName("ab")).toEqual([
      "Bucket name must be between 3 and 63 characters long (it is 2).",
    ]);
  });

  it("rejects names longer than 63 characters", () => {
    expect(validateBucketName("a".repeat(64))).toEqual([
      "Bucket name must be between 3 and 63 characters long (it is 64).",
    ]);
  });

  it("rejects uppercase letters, underscores and spaces, naming each once", () => {
    const problems = validateBucketName("my_Bucket name");
    expect(problems).toEqual([
      'Bucket name can only contain lowercase letters, numbers, dots and hyphens (found "_", uppercase letters, spaces).',
    ]);
  });

  it("rejects non-ASCII characters", () => {
    expect(validateBucketName("bücket")).toHaveLength(1);
  });

  it("requires a letter or number at the start", () => {
    expect(validateBucketName("-bucket")).toEqual([
      "Bucket name must begin and end with a lowercase letter or number.",
    ]);
    expect(validateBucketName(".bucket")).toHaveLength(1);
  });

  it("requires a letter or number at the end", () => {
    expect(validateBucketName("bucket-")).toEqual([
      "Bucket name must begin and end with a lowercase letter or number.",
    ]);
    expect(validateBucketName("bucket.")).toHaveLength(1);
  });

  it("rejects two adjacent periods", () => {
    expect(validateBucketName("my..bucket")).toEqual([
      "Bucket name must not contain two dots in a row.",
    ]);
  });

  it("rejects names formatted as an IP address", () => {
    expect(validateBucketName("192.168.5.4")).toEqual([
      "Bucket name must not look like an IP address (for example 192.168.5.4).",
    ]);
    expect(validateBucketName("999.1.1.1")).toHaveLength(1);
    expect(validateBucketName("192.168.5")).toEqual([]);
    expect(validateBucketName("192.168.5.4.5")).toEqual([]);
  });

  it.each(["xn--", "sthree-", "amzn-s3-demo-"])("rejects the reserved prefix %s", (prefix) => {
    expect(validateBucketName(`${prefix}bucket`)).toEqual([
      `Bucket name must not start with "${prefix}" (reserved by AWS).`,
    ]);
  });

  it.each(["-s3alias", "--ol-s3", ".mrap", "--x-s3", "--table-s3"])(
    "rejects the reserved suffix %s",
    (suffix) => {
      expect(validateBucketName(`bucket${suffix}`)).toEqual([
        `Bucket name must not end with "${suffix}" (reserved by AWS).`,
      ]);
    },
  );

  it("reports every problem at once", () => {
    expect(validateBucketName("-A..")).toHaveLength(3);
  });
});
