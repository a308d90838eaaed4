import { describe, expect, it } from "vitest";
import { PROVIDER_PRESETS, PROVIDERS } from "@/lib/destinations/provider-presets";

describe("PROVIDER_PRESETS", () => {
  it("has a preset for every provider and nothing else", () => {
    expect(Object.keys(PROVIDER_PRESETS).sort()).toEqual([...PROVIDERS].sort());
  });

  it("uses the expected labels", () => {
    expect(PROVIDER_PRESETS.s3.label).toBe("Amazon S3");
    expect(PROVIDER_PRESETS.r2.label).toBe("Cloudflare R2");
    expect(PROVIDER_PRESETS.minio.label).toBe("MinIO");
    expect(PROVIDER_PRESETS.other.label).toBe("Other");
  });

  it("lets only Amazon S3 omit the endpoint", () => {
    expect(PROVIDER_PRESETS.s3.endpointRequired).toBe(false);
    expect(PROVIDER_PRESETS.s3.endpointPlaceholder).toBe("");
    expect(PROVIDER_PRESETS.r2.endpointRequired).toBe(true);
    expect(PROVIDER_PRESETS.minio.endpointRequired).toBe(true);
    expect(PROVIDER_PRESETS.other.endpointRequired).toBe(true);
  });

  it("pre-fills the documented regions", () => {
    expect(PROVIDER_PRESETS.s3.region).toBe("us-east-1");
    expect(PROVIDER_PRESETS.r2.region).toBe("auto");
    expect(PROVIDER_PRESETS.minio.region).toBe("us-east-1");
  });

  it("shows the provider's endpoint shape as placeholder", () => {
    expect(PROVIDER_PRESETS.r2.endpointPlaceholder).toBe("https://<account-id>.r2.cloudflarestorage.com");
    expect(PROVIDER_PRESETS.minio.endpointPlaceholder).toBe("http://127.0.0.1:9000");
  });

  it("gives every provider non-empty hints", () => {
    for (const preset of Object.values(PROVIDER_PRESETS)) {
      expect(preset.regionHint).not.toBe("");
      expect(preset.endpointHint).not.toBe("");
      expect(preset.accessKeyHint).not.toBe("");
    }
  });
});
