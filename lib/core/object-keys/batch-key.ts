import { joinObjectKey } from "@/lib/core/object-keys/object-key";

// The key of a batched file: `{rendered path}/{windowStart}-{batchId}.json[.gz]`. The window start
// (epoch seconds, like a per-trace file's timestamp) sorts files in time order; the batch id keeps
// two files of one second apart and is fixed in the database before the first PUT, so every retry
// of a batch writes the same key.

export const BATCH_ID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;

export function batchFileName(windowStart: Date, batchId: string, gzip: boolean): string {
  if (!BATCH_ID.test(batchId)) throw new RangeError(`batchFileName: not a batch id: ${batchId}`);
  const seconds = Math.floor(windowStart.getTime() / 1000);
  return `${seconds}-${batchId}.json${gzip ? ".gz" : ""}`;
}

/** `folder` is a rendered path (what renderPathTemplate returns), e.g. `traces/2026-12-01`. */
export function buildBatchObjectKey(folder: string, windowStart: Date, batchId: string, gzip: boolean): string {
  return joinObjectKey(folder, batchFileName(windowStart, batchId, gzip));
}
