import { applyOtlpPrivacyMode } from "@/lib/core/otlp/otlp-privacy";
import { buildRoutableTrace, routableTraceOfFile, type RoutableTrace } from "@/lib/core/routing/routable-trace";
import { otlpKeySubject } from "@/lib/core/otlp/otlp-object-key";
import type { OtlpTrace } from "@/lib/core/otlp/otlp-traces";
import { withoutContent } from "@/lib/core/trace/privacy";
import { serializeTraceFile, traceFileSchema, type TraceFile } from "@/lib/core/trace/trace-file";
import type { NormalizedEvent } from "@/lib/core/trace/trace-event-schema";
import { buildTraceBody, deliveryObjectKey, fromStoredEvent, toStoredEvent, type KeyedDestination, type SendingKey } from "./trace-payload";

// The two kinds of trace the queue holds: native events (/api/v1/traces), stored as the event and
// mapped at delivery time, and OpenTelemetry traces (/v1/traces), stored as the mapped file before
// Privacy Mode. Either way each destination's Privacy Mode is applied when its file is written, and
// the key is fixed when the trace is accepted.

export type QueuedTrace = NormalizedEvent | OtlpTrace;

type StoredOtlpTrace = { kind: "otlp"; file: TraceFile };

const isOtlpTrace = (trace: QueuedTrace): trace is OtlpTrace => (trace as OtlpTrace).kind === "otlp";

/**
 * The JSON written to traces.event. When every destination it goes to is in Privacy Mode
 * (`keepsContent: false`), the content is dropped here already: the prompt never reaches our own
 * database either, whatever the ingest format.
 */
export function toStoredTrace(trace: QueuedTrace, opts: { keepsContent: boolean } = { keepsContent: true }): object {
  if (isOtlpTrace(trace)) {
    const file = opts.keepsContent ? trace.file : applyOtlpPrivacyMode(trace.file);
    return { kind: "otlp", file } satisfies StoredOtlpTrace;
  }
  return toStoredEvent(opts.keepsContent ? trace : withoutContent(trace));
}

export function queuedTraceObjectKey(destination: KeyedDestination, trace: QueuedTrace, key: SendingKey): string {
  return deliveryObjectKey(destination, isOtlpTrace(trace) ? otlpKeySubject(trace) : trace, key);
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

/** What routing rules see of a queued trace, before Privacy Mode (lib/core/routing). */
export function routableTraceOf(trace: QueuedTrace, apiKeyName: string): RoutableTrace {
  return isOtlpTrace(trace) ? routableTraceOfFile(trace.file) : buildRoutableTrace(trace, { apiKeyName });
}
