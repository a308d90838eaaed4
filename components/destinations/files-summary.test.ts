import { describe, expect, it } from "vitest";
import { DEFAULT_FILE_SETTINGS } from "@/lib/destinations/file-settings-schema";
import { describeFiles } from "./files-summary";

describe("describeFiles", () => {
  it("says one file per trace for the defaults", () => {
    expect(describeFiles(DEFAULT_FILE_SETTINGS)).toBe("One file per trace");
  });

  it("names the window, size, gzip, encryption and a non-standard storage class", () => {
    const batched = { ...DEFAULT_FILE_SETTINGS, fileLayout: "batched", serverSideEncryption: "aws:kms", storageClass: "GLACIER_IR" } as const;
    expect(describeFiles(batched)).toBe("Batched · 60 s / 16 MB · gzip · SSE-KMS · GLACIER_IR");
    expect(describeFiles({ ...DEFAULT_FILE_SETTINGS, fileLayout: "batched", gzip: false, batchMaxSeconds: 10 })).toBe("Batched · 10 s / 16 MB · no gzip");
  });
});
