import type { S3Failure } from "@/lib/core/classify-s3-error";

/** What every server action returns: data, or errors keyed by field path (never thrown at the UI). */
export type ActionResult<T> =
  | { ok: true; data: T }
  | {
      ok: false;
      /** Messages per form field name, shown next to that field. */
      fieldErrors?: Record<string, string[]>;
      /** A message about the whole form or action. */
      formError?: string;
      /** A classified S3 failure from a connection test. */
      connection?: { failure: S3Failure; roundTripMs: number };
    };

export type ConnectionTestOutcome =
  | { ok: true; key: string; roundTripMs: number }
  | { ok: false; failure: S3Failure; roundTripMs: number };
