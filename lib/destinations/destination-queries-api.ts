import { buildDestinationQueries, type QueryTarget } from "@/lib/core/queries/destination-queries";
import type { DestinationView } from "@/lib/destinations/destination-view";
import type { FileSettings } from "@/lib/destinations/file-settings-schema";

// The destinations API's share of issue 15, framework-free so the route handlers (issue 14's
// `app/api/v1/destinations/…`) stay a few lines: the file fields of the destination object, and
// `GET /api/v1/destinations/{id}/queries`.

/** Top-level fields of the API's destination object, beside sampling_rate. */
export type ApiFileFields = {
  file_layout: FileSettings["fileLayout"];
  batch_max_seconds: number;
  batch_max_mb: number;
  gzip: boolean;
  server_side_encryption: FileSettings["serverSideEncryption"];
  kms_key_id: string;
  storage_class: FileSettings["storageClass"];
};

export function toApiFileFields(settings: FileSettings): ApiFileFields {
  return {
    file_layout: settings.fileLayout,
    batch_max_seconds: settings.batchMaxSeconds,
    batch_max_mb: settings.batchMaxMb,
    gzip: settings.gzip,
    server_side_encryption: settings.serverSideEncryption,
    kms_key_id: settings.kmsKeyId,
    storage_class: settings.storageClass,
  };
}

/** API field names → form field names, for a request body that destinationFormSchema then validates. */
export const API_FILE_FIELD_NAMES = {
  file_layout: "fileLayout",
  batch_max_seconds: "batchMaxSeconds",
  batch_max_mb: "batchMaxMb",
  gzip: "gzip",
  server_side_encryption: "serverSideEncryption",
  kms_key_id: "kmsKeyId",
  storage_class: "storageClass",
} as const satisfies Record<keyof ApiFileFields, keyof FileSettings>;

/** The form-shaped file fields present in an API body (absent ones stay absent: the schema defaults them). */
export function fromApiFileFields(body: Record<string, unknown>): Partial<Record<keyof FileSettings, unknown>> {
  const out: Partial<Record<keyof FileSettings, unknown>> = {};
  for (const [api, form] of Object.entries(API_FILE_FIELD_NAMES)) if (api in body) out[form] = body[api];
  return out;
}

export function queryTargetOf(destination: Pick<DestinationView, "bucketName" | "prefix" | "pathTemplate" | "fileLayout" | "gzip">): QueryTarget {
  return {
    bucket: destination.bucketName,
    prefix: destination.prefix,
    pathTemplate: destination.pathTemplate,
    fileLayout: destination.fileLayout,
    gzip: destination.gzip,
  };
}

export type QueriesAnswer =
  | { status: 200; body: { athena_ddl: string; duckdb_sql: string } }
  | { status: 404; body: { error: { code: "not_found"; message: string } } }
  | { status: 409; body: { error: { code: "invalid_template"; message: string } } };

/** `GET /api/v1/destinations/{id}/queries`, given the destination (null when there is none). */
export function answerDestinationQueries(destination: DestinationView | null): QueriesAnswer {
  if (!destination) return { status: 404, body: { error: { code: "not_found", message: "No destination has this id." } } };
  const built = buildDestinationQueries(queryTargetOf(destination));
  if (!built.ok) {
    // Templates are validated on save; only a row from an older, looser version gets here.
    const message = `The destination's path template cannot be queried: ${built.issues.map((i) => i.message).join(" ")}`;
    return { status: 409, body: { error: { code: "invalid_template", message } } };
  }
  return { status: 200, body: { athena_ddl: built.queries.athenaDdl, duckdb_sql: built.queries.duckdbSql } };
}
