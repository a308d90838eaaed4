import { gzipSync } from "node:zlib";
import { buildTraceBody, fromStoredEvent } from "./trace-payload";
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
    const event = fromStoredEvent(line.event);
    if (!event) {
      invalidIds.push(line.deliveryId);
      continue;
    }
    // serializeTraceFile ends each file with a newline; one object per line either way.
    const text = buildTraceBody(event, { apiKeyName: line.apiKeyName, privacyMode: line.privacyMode });
    parts.push(text.endsWith("\n") ? text : `${text}\n`);
  }
  const plain = Buffer.from(parts.join(""), "utf8");
  return { body: gzip ? gzipSync(plain) : plain, uncompressedBytes: plain.length, invalidIds };
}
