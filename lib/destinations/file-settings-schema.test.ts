import { describe, expect, it } from "vitest";
import { destinationFormSchema, emptyDestinationForm } from "@/lib/destinations/destination-schema";
import { DEFAULT_FILE_SETTINGS, readFileSettings } from "./file-settings-schema";

const valid = { ...emptyDestinationForm(), bucketName: "my-bucket", accessKeyId: "AKIAEXAMPLE", secretAccessKey: "secret" };
const errorsOf = (over: Record<string, unknown>) => {
  const parsed = destinationFormSchema.safeParse({ ...valid, ...over });
  return parsed.success ? {} : parsed.error.flatten().fieldErrors;
};

describe("file settings in the destination schema", () => {
  it("defaults to one file per trace with no write options", () => {
    const parsed = destinationFormSchema.parse(valid);
    expect(parsed).toMatchObject(DEFAULT_FILE_SETTINGS);
    expect(parsed).toMatchObject({ fileLayout: "per_trace", batchMaxSeconds: 60, batchMaxMb: 16, gzip: true });
  });

  it("takes the window and size as typed in a number field", () => {
    expect(destinationFormSchema.parse({ ...valid, fileLayout: "batched", batchMaxSeconds: "10", batchMaxMb: "128" })).toMatchObject({
      fileLayout: "batched",
      batchMaxSeconds: 10,
      batchMaxMb: 128,
    });
  });

  it("names the range when the window or size is out of it", () => {
    expect(errorsOf({ batchMaxSeconds: 9 }).batchMaxSeconds).toEqual(["Window must be between 10 and 900 seconds."]);
    expect(errorsOf({ batchMaxSeconds: 901 }).batchMaxSeconds).toEqual(["Window must be between 10 and 900 seconds."]);
    expect(errorsOf({ batchMaxMb: 0 }).batchMaxMb).toEqual(["Size limit must be between 1 and 128 MB."]);
    expect(errorsOf({ batchMaxMb: 1.5 }).batchMaxMb).toEqual(["Size limit must be a whole number."]);
  });

  it("refuses unknown layouts, encryptions and storage classes", () => {
    expect(errorsOf({ fileLayout: "parquet" }).fileLayout).toBeDefined();
    expect(errorsOf({ serverSideEncryption: "aws:kms:dsse" }).serverSideEncryption).toBeDefined();
    expect(errorsOf({ storageClass: "DEEP_ARCHIVE" }).storageClass).toBeDefined();
  });

  it("checks the KMS key only when SSE-KMS is chosen", () => {
    expect(errorsOf({ serverSideEncryption: "aws:kms", kmsKeyId: "not a key" }).kmsKeyId).toHaveLength(1);
    expect(errorsOf({ serverSideEncryption: "AES256", kmsKeyId: "not a key" }).kmsKeyId).toBeUndefined();
    expect(errorsOf({ serverSideEncryption: "aws:kms", kmsKeyId: "alias/broadcast" })).toEqual({});
  });

  it("reads unknown stored values as the defaults", () => {
    const row = { ...DEFAULT_FILE_SETTINGS, fileLayout: "weird", serverSideEncryption: "x", storageClass: "y" };
    expect(readFileSettings(row)).toEqual(DEFAULT_FILE_SETTINGS);
  });
});
