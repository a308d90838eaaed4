import { describe, expect, it } from "vitest";
import { kmsKeyIdProblem, putObjectWriteFields } from "./write-options";

describe("putObjectWriteFields", () => {
  it("sends nothing for the defaults", () => {
    expect(putObjectWriteFields({ serverSideEncryption: "none", kmsKeyId: "", storageClass: "STANDARD" })).toEqual({});
    expect(putObjectWriteFields(undefined)).toEqual({});
  });

  it("sends SSE-S3 and a storage class", () => {
    expect(putObjectWriteFields({ serverSideEncryption: "AES256", kmsKeyId: "ignored", storageClass: "STANDARD_IA" })).toEqual({
      ServerSideEncryption: "AES256",
      StorageClass: "STANDARD_IA",
    });
  });

  it("sends SSE-KMS with the key, or without one for the bucket's default key", () => {
    const arn = "arn:aws:kms:eu-west-1:123456789012:key/0b8e4c1a-5f2d-4e7b-9a3c-1d2e3f4a5b6c";
    expect(putObjectWriteFields({ serverSideEncryption: "aws:kms", kmsKeyId: ` ${arn} `, storageClass: "GLACIER_IR" })).toEqual({
      ServerSideEncryption: "aws:kms",
      SSEKMSKeyId: arn,
      StorageClass: "GLACIER_IR",
    });
    expect(putObjectWriteFields({ serverSideEncryption: "aws:kms", kmsKeyId: "", storageClass: "STANDARD" })).toEqual({
      ServerSideEncryption: "aws:kms",
    });
  });
});

describe("kmsKeyIdProblem", () => {
  it.each([
    "",
    "0b8e4c1a-5f2d-4e7b-9a3c-1d2e3f4a5b6c",
    "alias/broadcast",
    "arn:aws:kms:us-east-1:123456789012:alias/broadcast",
    "arn:aws-us-gov:kms:us-gov-west-1:123456789012:key/0b8e4c1a-5f2d-4e7b-9a3c-1d2e3f4a5b6c",
    "mrk-0123456789abcdef0123456789abcdef",
  ])("accepts %s", (id) => expect(kmsKeyIdProblem(id)).toBeUndefined());

  it.each(["my key", "arn:aws:s3:::bucket", "key/123"])("refuses %s", (id) => expect(kmsKeyIdProblem(id)).toMatch(/KMS key/));
});
