import { describe, expect, it } from "vitest";
import { fromApiBody, providerForEndpoint, toApiDestination, toApiPath } from "./destination-api-shape";
import { emptyDestinationForm } from "./destination-schema";
import type { DestinationView } from "./destination-view";
import { DEFAULT_FILE_SETTINGS } from "./file-settings-schema";

const view: DestinationView = {
  id: "d1",
  name: "Archive",
  provider: "s3",
  bucketName: "b",
  region: "us-east-1",
  endpoint: "",
  accessKeyId: "AKIA",
  prefix: "p",
  pathTemplate: "",
  enabled: true,
  privacyMode: true,
  samplingRate: 0.1,
  apiKeyIds: ["k"],
  filterRules: null,
  ...DEFAULT_FILE_SETTINGS,
  secretAccessKeyMask: "••••WXYZ",
  sessionTokenMask: null,
  lastTestedAt: null,
  createdAt: "2026-12-01T00:00:00.000Z",
  updatedAt: "2026-12-01T00:00:00.000Z",
};

describe("toApiDestination", () => {
  it("uses OpenRouter's names, masks for secrets and aws for Amazon S3", () => {
    expect(toApiDestination(view)).toEqual({
      id: "d1",
      name: "Archive",
      provider: "aws",
      enabled: true,
      privacy_mode: true,
      sampling_rate: 0.1,
      api_key_ids: ["k"],
      filter_rules: null,
      file_layout: "per_trace",
      batch_max_seconds: 60,
      batch_max_mb: 16,
      gzip: true,
      server_side_encryption: "none",
      kms_key_id: "",
      storage_class: "STANDARD",
      config: {
        bucket_name: "b",
        region: "us-east-1",
        endpoint: "",
        access_key_id: "AKIA",
        secret_access_key: "••••WXYZ",
        session_token: null,
        prefix: "p",
        path_template: "",
      },
      last_tested_at: null,
      created_at: view.createdAt,
      updated_at: view.updatedAt,
    });
  });
});

describe("fromApiBody", () => {
  it("overlays the given fields on the base and leaves omitted ones alone", () => {
    const mapped = fromApiBody({ name: "n", sampling_rate: 0.5, config: { bucket_name: "x", secret_access_key: "s" } }, emptyDestinationForm());
    expect(mapped).toMatchObject({ ok: true, providerGiven: false, values: { name: "n", samplingRate: 0.5, bucketName: "x", secretAccessKey: "s", prefix: emptyDestinationForm().prefix } });
  });

  it("reads a mask or null for a secret as keep (blank)", () => {
    const masks = { secretAccessKey: "••••WXYZ", sessionToken: null };
    const mapped = fromApiBody({ config: { secret_access_key: "••••WXYZ", session_token: null } }, emptyDestinationForm(), masks);
    expect(mapped).toMatchObject({ ok: true, values: { secretAccessKey: "", sessionToken: "" } });
  });

  it("maps provider names and refuses unknown fields by path", () => {
    expect(fromApiBody({ provider: "aws" }, emptyDestinationForm())).toMatchObject({ ok: true, providerGiven: true, values: { provider: "s3" } });
    expect(fromApiBody({ colour: 1, config: { bukket: "x" } }, emptyDestinationForm())).toEqual({
      ok: false,
      issues: [
        { path: "colour", message: "Unknown field." },
        { path: "config.bukket", message: "Unknown field." },
      ],
    });
    expect(fromApiBody([1], emptyDestinationForm())).toMatchObject({ ok: false });
    expect(fromApiBody({ config: "x" }, emptyDestinationForm())).toEqual({ ok: false, issues: [{ path: "config", message: "config must be an object." }] });
  });
});

describe("toApiPath and providerForEndpoint", () => {
  it("renames the first segment of a form path", () => {
    expect(toApiPath("filterRules.groups.0.rules.1.value")).toBe("filter_rules.groups.0.rules.1.value");
    expect(toApiPath("bucketName")).toBe("config.bucket_name");
    expect(toApiPath("_form")).toBe("_form");
  });

  it("follows the endpoint", () => {
    expect(providerForEndpoint("")).toBe("s3");
    expect(providerForEndpoint("https://abc.r2.cloudflarestorage.com")).toBe("r2");
    expect(providerForEndpoint("https://r2.cloudflarestorage.com.evil.example")).toBe("other");
    expect(providerForEndpoint("http://127.0.0.1:9000")).toBe("other");
  });
});
