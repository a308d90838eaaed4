import { createHash } from "node:crypto";
import { safeKeySegment } from "@/lib/core/object-keys/key-segment";
import type { NormalizedEvent } from "../trace/trace-event-schema";

const TRACE_ID_MAX_LENGTH = 128;
// 48 bits: even 10,000 generations of one trace in one second collide with odds below 2e-7.
export const FILE_NAME_HASH_HEX = 12;

function epochSeconds(date: Date): number {
  return Math.floor(date.getTime() / 1000);
}

function shortHash(value: string): string {
  return createHash("sha256").update(value, "utf8").digest("hex").slice(0, FILE_NAME_HASH_HEX);
}

/**
 * `{traceId}-{epochSeconds}.json`, the documented shape. Deterministic, so a retried
 * delivery of the same event overwrites its own file instead of duplicating it.
 */
export function buildTraceFileName(event: NormalizedEvent): string {
  const traceId = event.trace?.trace_id ?? null;
  const prefix = `${safeKeySegment(traceId ?? event.id, TRACE_ID_MAX_LENGTH)}-${epochSeconds(event.createdAt)}`;
  // Without trace.trace_id the trace id is the event id, so the prefix alone is unique per event.
  if (traceId === null) return `${prefix}.json`;
  // A shared trace id has many generations, often several within one second, which would
  // overwrite each other. A hash of the event id separates them while keeping the documented
  // `{traceId}-{timestamp}` prefix, so globbing `{traceId}-{timestamp}*` still finds them all.
  return `${prefix}-${shortHash(event.id)}.json`;
}

/** `renderedPath` is the destination's already-rendered folder (e.g. `traces/2026/11/27`). */
export function buildTraceObjectKey(renderedPath: string, event: NormalizedEvent): string {
  const fileName = buildTraceFileName(event);
  // A trailing or lone slash would create an empty path segment, which S3 consoles show as a
  // folder named "".
  const folder = renderedPath.replace(/\/+$/, "");
  return folder ? `${folder}/${fileName}` : fileName;
}
