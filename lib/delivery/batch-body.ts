import { gzipSync } from "node:zlib";
import { buildStoredTraceBody } from "./stored-trace";
import type { BatchLine } from "./batch-store";

// A batch file: one trace object per line (NDJSON, the same object a per-trace file holds), gzipped
// when the batch says so. Deterministic: the same lines give the same bytes (gzip writes no time
// stamp from Node's zlib), so a retried batch rewrites an identical object.

export type BatchBody = { body: Buffer; uncompressedBytes: number; invalidIds: string[] };

export const BATCH_CONTENT_TYPE = "application/x-ndjson";

export function buildBatchBody(lines: BatchLine[], gzip: boolean): BatchBody {
  const parts: string[] = [];
  const invalidIds: string[] = [];
  for (const line of lines) {
    // Native events and OpenTelemetry traces alike, with this destination's Privacy Mode.
    const text = buildStoredTraceBody(line.event, { apiKeyName: line.apiKeyName, privacyMode: line.privacyMode });
    if (text === null) {
      invalidIds.push(line.deliveryId);
      continue;
    }
    // serializeTraceFile ends each file with a newline; one object per line either way.
    parts.push(text.endsWith("\n") ? text : `${text}\n`);
  }
  const plain = Buffer.from(parts.join(""), "utf8");
  return { body: gzip ? gzipSync(plain) : plain, uncompressedBytes: plain.length, invalidIds };
}
