import { zodResolver } from "@hookform/resolvers/zod";
import { describe, expect, it } from "vitest";
import {
  connectionFingerprint,
  destinationFormSchema,
  emptyDestinationForm,
  type DestinationFormValues,
} from "@/lib/destinations/destination-schema";
import { DEFAULT_PATH_TEMPLATE, DEFAULT_PREFIX } from "@/lib/core/object-keys/path-template";

const valid = (): DestinationFormValues => ({
  ...emptyDestinationForm(),
  name: "Prod traces",
  bucketName: "my-traces",
  accessKeyId: "AKIAEXAMPLE",
  secretAccessKey: "secret",
});

/** field name -> messages, as react-hook-form would show them. */
function errorsOf(values: unknown): Record<string, string[]> {
  const result = destinationFormSchema.safeParse(values);
  const out: Record<string, string[]> = {};
  if (result.success) return out;
  for (const issue of result.error.issues) {
    const key = issue.path.join(".");
    (out[key] ??= []).push(issue.message);
  }
  return out;
}

describe("emptyDestinationForm", () => {
  it("refuses text-direction overrides in the name", () => {
    expect(errorsOf({ ...valid(), name: "Prod\u202Estr" })).toEqual({ name: ["Name cannot contain invisible or text-direction characters (such as U+202E)."] });
  });

  it("suggests sensible defaults", () => {
    expect(emptyDestinationForm()).toEqual({
      name: "My bucket",
      provider: "s3",
      bucketName: "",
      region: "us-east-1",
      endpoint: "",
      accessKeyId: "",
      secretAccessKey: "",
      sessionToken: "",
      prefix: DEFAULT_PREFIX,
      pathTemplate: DEFAULT_PATH_TEMPLATE,
      enabled: true,
      privacyMode: false,
      fileLayout: "per_trace",
      batchMaxSeconds: 60,
      batchMaxMb: 16,
      gzip: true,
      serverSideEncryption: "none",
      kmsKeyId: "",
      storageClass: "STANDARD",
      samplingRate: 1,
      apiKeyIds: null,
      filterRules: null,
    });
  });

  it("returns a fresh object each time", () => {
    expect(emptyDestinationForm()).not.toBe(emptyDestinationForm());
  });

  it("is invalid until the required fields are filled in, each reported on its field", () => {
    expect(Object.keys(errorsOf(emptyDestinationForm())).sort()).toEqual(
      ["accessKeyId", "bucketName", "secretAccessKey"].sort(),
    );
  });
});

describe("destinationFormSchema", () => {
  it("accepts a complete S3 destination and trims text", () => {
    const result = destinationFormSchema.parse({ ...valid(), name: "  Prod  ", bucketName: " my-traces " });
    expect(result.name).toBe("Prod");
    expect(result.bucketName).toBe("my-traces");
  });

  it("fills defaults for omitted optional fields", () => {
    const { region, endpoint, sessionToken, prefix, pathTemplate, enabled, privacyMode, ...rest } = valid();
    void [region, endpoint, sessionToken, prefix, pathTemplate, enabled, privacyMode];
    expect(destinationFormSchema.parse(rest)).toMatchObject({
      region: "",
      endpoint: "",
      sessionToken: "",
      prefix: DEFAULT_PREFIX,
      pathTemplate: "",
      enabled: true,
      privacyMode: false,
    });
  });

  describe("name", () => {
    it("is required", () => {
      expect(errorsOf({ ...valid(), name: "   " })).toEqual({ name: ["Name is required."] });
    });
    it("is at most 64 characters", () => {
      expect(errorsOf({ ...valid(), name: "x".repeat(64) })).toEqual({});
      expect(errorsOf({ ...valid(), name: "x".repeat(65) })).toEqual({ name: ["Name must be at most 64 characters."] });
    });
  });

  it("rejects an unknown provider", () => {
    expect(errorsOf({ ...valid(), provider: "gcs" })).toEqual({ provider: ["Choose a storage provider."] });
    expect(errorsOf({ ...valid(), provider: "constructor", endpoint: "" })).toEqual({
      provider: ["Choose a storage provider."],
    });
  });

  it("reports every bucket name problem on bucketName", () => {
    const errors = errorsOf({ ...valid(), bucketName: "-My.." });
    expect(Object.keys(errors)).toEqual(["bucketName"]);
    expect(errors.bucketName?.length).toBeGreaterThanOrEqual(3);
  });

  describe("region", () => {
    it.each(["", "auto", "us-east-1", "eu-central-2", "us-gov-west-1", "cn-north-1", "ap-southeast-3", "us-isob-east-1"])(
      "accepts %j",
      (region) => {
        expect(errorsOf({ ...valid(), region })).toEqual({});
      },
    );
    it.each(["US-EAST-1", "us-east", "useast1", "auto-1", "us east 1", "us-east-1a"])("rejects %j", (region) => {
      expect(errorsOf({ ...valid(), region })).toEqual({
        region: ['Region must look like "us-east-1", or be "auto" for Cloudflare R2.'],
      });
    });
  });

  describe("endpoint", () => {
    it.each(["", "https://s3.example.com", "http://127.0.0.1:9000", "https://acc.r2.cloudflarestorage.com/", "HTTPS://X.IO"])(
      "accepts %j",
      (endpoint) => {
        expect(errorsOf({ ...valid(), endpoint })).toEqual({});
      },
    );
    it.each([
      ["s3.example.com", "Endpoint must be a full URL starting with http:// or https://."],
      ["ftp://example.com", "Endpoint must be a full URL starting with http:// or https://."],
      ["http:example.com", "Endpoint must be a full URL starting with http:// or https://."],
      ["https://", "Endpoint is not a valid URL."],
      ["https://exa mple.com", "Endpoint is not a valid URL."],
      ["https://user:pw@example.com", "Endpoint must not contain a username or password; use the access key fields instead."],
      ["https://example.com/?x=1", "Endpoint must not contain a query string (the part after “?”)."],
      ["https://example.com/#top", "Endpoint must not contain a fragment (the part after “#”)."],
    ])("rejects %j", (endpoint, message) => {
      expect(errorsOf({ ...valid(), endpoint })).toEqual({ endpoint: [message] });
    });

    it.each([
      ["r2", "Endpoint URL is required for Cloudflare R2."],
      ["minio", "Endpoint URL is required for MinIO."],
      ["other", "Endpoint URL is required for S3-compatible providers."],
    ])("is required for %s, naming the provider", (provider, message) => {
      expect(errorsOf({ ...valid(), provider, endpoint: "  " })).toEqual({ endpoint: [message] });
      expect(errorsOf({ ...valid(), provider, endpoint: "https://x.example.com" })).toEqual({});
    });

    it("is optional for Amazon S3", () => {
      expect(errorsOf({ ...valid(), provider: "s3", endpoint: "" })).toEqual({});
    });
  });

  describe("accessKeyId", () => {
    it("is required", () => {
      expect(errorsOf({ ...valid(), accessKeyId: "" })).toEqual({ accessKeyId: ["Access Key ID is required."] });
    });
    it("is at most 256 characters", () => {
      expect(errorsOf({ ...valid(), accessKeyId: "A".repeat(256) })).toEqual({});
      expect(Object.keys(errorsOf({ ...valid(), accessKeyId: "A".repeat(257) }))).toEqual(["accessKeyId"]);
    });
    it("must not contain whitespace but is trimmed", () => {
      expect(errorsOf({ ...valid(), accessKeyId: "AKIA EXAMPLE" })).toEqual({
        accessKeyId: ["Access Key ID must not contain spaces."],
      });
      expect(destinationFormSchema.parse({ ...valid(), accessKeyId: " AKIA\n" }).accessKeyId).toBe("AKIA");
    });
  });

  describe("secrets", () => {
    it("requires the secret access key when creating", () => {
      expect(errorsOf({ ...valid(), secretAccessKey: "" })).toEqual({
        secretAccessKey: ["Secret Access Key is required."],
      });
      expect(errorsOf({ ...valid(), secretAccessKey: undefined })).toEqual({
        secretAccessKey: ["Secret Access Key is required."],
      });
    });
    it("keeps the stored secret when editing with an empty value", () => {
      const parsed = destinationFormSchema.parse({ ...valid(), id: "dst_1", secretAccessKey: "", sessionToken: "" });
      expect(parsed.secretAccessKey).toBe("");
      expect(parsed.id).toBe("dst_1");
    });
  });

  describe("prefix and path template", () => {
    it("treats an empty template as the default", () => {
      expect(errorsOf({ ...valid(), pathTemplate: "" })).toEqual({});
    });
    it("attaches template issues to pathTemplate", () => {
      expect(errorsOf({ ...valid(), pathTemplate: "{foo}//x" })).toEqual({
        pathTemplate: [
          "Unknown variable {foo}. Use {prefix}, {date}, {year}, {month}, {day} or {apiKeyName}.",
          'Empty path segment ("//").',
        ],
      });
    });
    it("attaches prefix issues to prefix", () => {
      expect(errorsOf({ ...valid(), prefix: "team/../x", pathTemplate: "{prefix}/{date}" })).toEqual({
        prefix: ['".." is not allowed as a path segment.'],
      });
      expect(errorsOf({ ...valid(), prefix: "", pathTemplate: "{prefix}/{date}" })).toEqual({
        prefix: ["The prefix is empty, but the template uses {prefix}."],
      });
    });
    it("keeps the issue code in params for the server", () => {
      const result = destinationFormSchema.safeParse({ ...valid(), pathTemplate: "/x" });
      expect(result.success).toBe(false);
      if (!result.success) expect(result.error.issues[0]).toMatchObject({ path: ["pathTemplate"], params: { code: "leading-slash" } });
    });
  });

  it("rejects non-boolean toggles", () => {
    expect(Object.keys(errorsOf({ ...valid(), enabled: "yes" }))).toEqual(["enabled"]);
  });

  it("reports field and cross-field problems in one pass", () => {
    const errors = errorsOf({ ...valid(), provider: "r2", endpoint: "", bucketName: "A", secretAccessKey: "", name: 5 });
    expect(Object.keys(errors).sort()).toEqual(["bucketName", "endpoint", "name", "secretAccessKey"]);
  });

  it("gives every issue a path naming a form field", () => {
    const fields = new Set(Object.keys(valid()).concat("id"));
    const result = destinationFormSchema.safeParse({
      id: "",
      name: "",
      provider: "minio",
      bucketName: "..",
      region: "nowhere",
      endpoint: "nope",
      accessKeyId: " a b ",
      secretAccessKey: "",
      prefix: "/x/",
      pathTemplate: "{a}/..",
      enabled: 1,
    });
    expect(result.success).toBe(false);
    if (result.success) return;
    for (const issue of result.error.issues) {
      expect(issue.path).toHaveLength(1);
      expect(fields.has(String(issue.path[0]))).toBe(true);
    }
  });

  it("works with zodResolver, keyed by field name", async () => {
    const resolver = zodResolver(destinationFormSchema);
    const bad = await resolver({ ...valid(), provider: "r2", endpoint: "" }, undefined, {
      fields: {},
      shouldUseNativeValidation: false,
    });
    expect(bad.errors.endpoint?.message).toBe("Endpoint URL is required for Cloudflare R2.");
    const good = await resolver(valid(), undefined, { fields: {}, shouldUseNativeValidation: false });
    expect(good.errors).toEqual({});
    expect(good.values).toMatchObject({ name: "Prod traces", enabled: true });
  });
});

describe("connectionFingerprint", () => {
  const base = valid();

  it("is stable for equal values", () => {
    expect(connectionFingerprint(base)).toBe(connectionFingerprint({ ...base }));
  });

  it.each([
    "bucketName",
    "region",
    "endpoint",
    "accessKeyId",
    "secretAccessKey",
    "sessionToken",
    "prefix",
    "pathTemplate",
  ] as const)("changes when %s changes", (field) => {
    expect(connectionFingerprint({ ...base, [field]: `${base[field] ?? ""}x` })).not.toBe(connectionFingerprint(base));
  });

  it.each([
    ["name", "Other name"],
    ["provider", "r2"],
    ["enabled", false],
    ["privacyMode", true],
    ["id", "dst_1"],
  ] as const)("ignores %s", (field, value) => {
    expect(connectionFingerprint({ ...base, [field]: value })).toBe(connectionFingerprint(base));
  });

  it("ignores surrounding whitespace and treats missing as empty, like the schema", () => {
    expect(connectionFingerprint({ ...base, bucketName: ` ${base.bucketName} ` })).toBe(connectionFingerprint(base));
    expect(connectionFingerprint({ ...base, sessionToken: undefined })).toBe(connectionFingerprint({ ...base, sessionToken: "" }));
  });

  it("cannot be fooled by values that shift across fields", () => {
    const a = connectionFingerprint({ ...base, bucketName: "ab", region: "c" });
    const b = connectionFingerprint({ ...base, bucketName: "a", region: "bc" });
    expect(a).not.toBe(b);
  });

  it("works on parsed output too", () => {
    expect(connectionFingerprint(destinationFormSchema.parse(base))).toBe(connectionFingerprint(base));
  });
});
