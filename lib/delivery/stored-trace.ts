import { applyOtlpPrivacyMode } from "@/lib/core/otlp/otlp-privacy";
import { otlpKeySubject } from "@/lib/core/otlp/otlp-object-key";
import type { OtlpTrace } from "@/lib/core/otlp/otlp-traces";
import { serializeTraceFile, traceFileSchema, type TraceFile } from "@/lib/core/trace/trace-file";
import type { NormalizedEvent } from "@/lib/core/trace/trace-event-schema";
import { buildTraceBody, deliveryObjectKey, fromStoredEvent, toStoredEvent, type KeyedDestination } from "./trace-payload";

// The two kinds of trace the queue holds: native events (/api/v1/traces), stored as the event and
// mapped at delivery time, and OpenTelemetry traces (/v1/traces), stored as the mapped file before
// Privacy Mode. Either way each destination's Privacy Mode is applied when its file is written, and
// the key is fixed when the trace is accepted.

export type QueuedTrace = NormalizedEvent | OtlpTrace;

type StoredOtlpTrace = { kind: "otlp"; file: TraceFile };

const isOtlpTrace = (trace: QueuedTrace): trace is OtlpTrace => (trace as OtlpTrace).kind === "otlp";

/** The JSON written to traces.event. */
export function toStoredTrace(trace: QueuedTrace): object {
  return isOtlpTrace(trace) ? ({ kind: "otlp", file: trace.file } satisfies StoredOtlpTrace) : toStoredEvent(trace);
}

export function queuedTraceObjectKey(destination: KeyedDestination, trace: QueuedTrace, apiKeyName: string): string {
  return deliveryObjectKey(destination, isOtlpTrace(trace) ? otlpKeySubject(trace) : trace, apiKeyName);
}

/** The file body for one destination, or null when the stored value is not a trace we wrote. */
export function buildStoredTraceBody(value: unknown, ctx: { apiKeyName: string; privacyMode: boolean }): string | null {
  if (typeof value === "object" && value !== null && (value as { kind?: unknown }).kind === "otlp") {
    const parsed = traceFileSchema.safeParse((value as StoredOtlpTrace).file);
    if (!parsed.success) return null;
    return serializeTraceFile(ctx.privacyMode ? applyOtlpPrivacyMode(parsed.data) : parsed.data);
  }
  const event = fromStoredEvent(value);
  return event && buildTraceBody(event, ctx);
}

/** buildStoredTraceBody for traces.event read as text (the claim's `event::text`): parsed where it is sent. */
export function buildStoredTraceBodyFromText(text: string, ctx: { apiKeyName: string; privacyMode: boolean }): string | null {
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch {
    return null;
  }
  return buildStoredTraceBody(value, ctx);
}
