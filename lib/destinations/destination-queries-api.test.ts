import { describe, expect, it } from "vitest";
import type { DestinationView } from "@/lib/destinations/destination-view";
import { newDestinationSettings } from "@/lib/destinations/destination-fields";
import { answerDestinationQueries, fromApiFileFields, toApiFileFields } from "./destination-queries-api";
import { DEFAULT_FILE_SETTINGS } from "./file-settings-schema";

const view = (over: Partial<DestinationView> = {}): DestinationView => {
  const { secretAccessKey: _s, sessionToken: _t, ...settings } = newDestinationSettings();
  return {
    id: "0b8e4c1a-5f2d-4e7b-9a3c-1d2e3f4a5b6c",
    ...settings,
    bucketName: "acme-traces",
    secretAccessKeyMask: "••••",
    sessionTokenMask: null,
    lastTestedAt: null,
    createdAt: "2026-12-01T00:00:00.000Z",
    updatedAt: "2026-12-01T00:00:00.000Z",
    ...over,
  };
};

describe("GET /api/v1/destinations/{id}/queries", () => {
  it("answers the DDL and the DuckDB query for the destination's bucket, template and layout", () => {
    const answer = answerDestinationQueries(view({ pathTemplate: "{prefix}/dt={date}", fileLayout: "batched", gzip: true }));
    expect(answer.status).toBe(200);
    if (answer.status !== 200) return;
    expect(answer.body.athena_ddl).toContain("LOCATION 's3://acme-traces/openrouter-traces/'");
    expect(answer.body.athena_ddl).toContain("'storage.location.template' = 's3://acme-traces/openrouter-traces/dt=${dt}/'");
    expect(answer.body.duckdb_sql).toContain("read_json('s3://acme-traces/openrouter-traces/dt=*/*.json.gz'");
    expect(answer.body.duckdb_sql).toContain("hive_partitioning = true");
  });

  it("follows the layout: one file per trace reads .json", () => {
    const answer = answerDestinationQueries(view({ pathTemplate: "{prefix}/{date}" }));
    expect(answer.status === 200 && answer.body.duckdb_sql).toContain("openrouter-traces/*/*.json'");
  });

  it("404s without a destination", () => {
    expect(answerDestinationQueries(null)).toMatchObject({ status: 404, body: { error: { code: "not_found" } } });
  });
});

describe("API file fields", () => {
  it("are the snake_case twins of the form's fields, both ways", () => {
    const api = toApiFileFields({ ...DEFAULT_FILE_SETTINGS, fileLayout: "batched", serverSideEncryption: "aws:kms", kmsKeyId: "alias/x" });
    expect(api).toEqual({
      file_layout: "batched",
      batch_max_seconds: 60,
      batch_max_mb: 16,
      gzip: true,
      server_side_encryption: "aws:kms",
      kms_key_id: "alias/x",
      storage_class: "STANDARD",
    });
    expect(fromApiFileFields(api)).toEqual({ ...DEFAULT_FILE_SETTINGS, fileLayout: "batched", serverSideEncryption: "aws:kms", kmsKeyId: "alias/x" });
    expect(fromApiFileFields({ gzip: false, name: "ignored" })).toEqual({ gzip: false });
  });
});
