import { buildTraceFileName } from "@/lib/core/object-keys/object-key";
import type { NormalizedEvent } from "@/lib/core/trace/trace-event-schema";
import type { OtlpTrace } from "./otlp-traces";

type KeyedTrace = Pick<OtlpTrace, "traceId" | "createdAt" | "spanIds">;

/**
 * What names an OTLP trace's object, in the terms the native key rule already has: the hex trace id
 * is the trace id, the earliest span start the timestamp, and the sorted span ids stand in for the
 * event id. So the file is `{traceId}-{timestamp}-{hash of the API key id, trace id and span ids}.json`: spans of one trace
 * sent in a later request get their own file, and a retried request lands on the same key. The
 * folder comes from the destination's template like every other key (lib/delivery/stored-trace.ts).
 */
export function otlpKeySubject(trace: KeyedTrace): NormalizedEvent {
  return {
    id: [...trace.spanIds].sort().join(","),
    created_at: trace.createdAt.toISOString(),
    createdAt: trace.createdAt,
    trace: { trace_id: trace.traceId },
  };
}

export function buildOtlpTraceFileName(trace: KeyedTrace, apiKeyId: string): string {
  return buildTraceFileName(otlpKeySubject(trace), apiKeyId);
}
