import { findJsonProblem } from "@/lib/core/trace/json-guard";
import { isCreatedAtInRange } from "@/lib/core/trace/created-at";
import { TRACE_FILE_SCHEMA_VERSION, type JsonValue, type TraceFile } from "@/lib/core/trace/trace-file-schema";
import { mapSpan, nanosToDate, type MappedSpan } from "./map-span";
import { setAttribute, type DecodedRequest, type OtlpSpan, type RejectedSpan } from "./otlp-span";

// The spans of one request, grouped by trace: each trace becomes one trace file. Spans that cannot
// be stored (bad ids, no start time, values Athena would choke on) are rejected one by one and
// reported in partial_success; the rest of their trace is still stored.

/** One trace of one request, ready to store: the file (before Privacy Mode) and what names its key. */
export type OtlpTrace = {
  kind: "otlp";
  traceId: string;
  /** The earliest span start: the file's timestamp and the {date} of its path. */
  createdAt: Date;
  spanIds: string[];
  file: TraceFile;
};

export type PreparedRequest = { traces: OtlpTrace[]; rejected: RejectedSpan[] };

const ZERO = /^0+$/;

export function validateSpan(span: OtlpSpan, now: Date): string | null {
  if (!/^[0-9a-f]{32}$/.test(span.traceId) || ZERO.test(span.traceId)) return "traceId must be 16 bytes (32 hex characters), not all zero";
  if (!/^[0-9a-f]{16}$/.test(span.spanId) || ZERO.test(span.spanId)) return "spanId must be 8 bytes (16 hex characters), not all zero";
  if (span.parentSpanId !== null && !/^[0-9a-f]{16}$/.test(span.parentSpanId)) return "parentSpanId must be empty or 8 bytes";
  if (span.startTimeUnixNano === null) return "startTimeUnixNano is required";
  const start = nanosToDate(span.startTimeUnixNano);
  if (!Number.isFinite(start.getTime()) || !isCreatedAtInRange(start, now)) return "startTimeUnixNano must be between 1970 and 1 day from now";
  return null;
}

function firstOf<T>(mapped: MappedSpan[], pick: (m: MappedSpan) => T | null): T | null {
  for (const m of mapped) {
    const value = pick(m);
    if (value !== null) return value;
  }
  return null;
}

function buildFile(traceId: string, spans: OtlpSpan[], mapped: MappedSpan[], apiKeyName: string): TraceFile {
  const ids = new Set(spans.map((s) => s.spanId));
  // The root: no parent, or a parent that is not part of this request.
  const rootIndex = spans.findIndex((s) => s.parentSpanId === null || !ids.has(s.parentSpanId));
  const root = rootIndex === -1 ? null : (mapped[rootIndex] as MappedSpan);
  const metadata: Record<string, JsonValue> = {};
  // Resource attributes (service.name…) first, so a trace.metadata.* key of the same name wins.
  for (const [key, value] of Object.entries((spans[rootIndex === -1 ? 0 : rootIndex] as OtlpSpan).resource)) setAttribute(metadata, key, value);
  for (const m of mapped) for (const [key, value] of Object.entries(m.metadata)) setAttribute(metadata, key, value);
  return {
    schemaVersion: TRACE_FILE_SCHEMA_VERSION,
    id: traceId,
    name: firstOf(mapped, (m) => m.traceName) ?? (root ? (spans[rootIndex] as OtlpSpan).name || null : null),
    timestamp: (mapped[0] as MappedSpan).observation.startTime,
    userId: firstOf(mapped, (m) => m.userId),
    sessionId: firstOf(mapped, (m) => m.sessionId),
    apiKeyName,
    metadata,
    observations: mapped.map((m) => m.observation),
    privacyMode: false,
  };
}

export function prepareOtlpTraces(decoded: DecodedRequest, ctx: { apiKeyName: string; now: Date }): PreparedRequest {
  const rejected = [...decoded.rejected];
  const groups = new Map<string, { spans: OtlpSpan[]; mapped: MappedSpan[] }>();
  for (const span of decoded.spans) {
    const problem = validateSpan(span, ctx.now);
    if (problem) {
      rejected.push({ reason: problem });
      continue;
    }
    const mapped = mapSpan(span);
    // The one guard for free-form values (depth, size, forbidden keys), on everything the file keeps.
    const jsonProblem = findJsonProblem(mapped.observation) ?? findJsonProblem(mapped.metadata) ?? findJsonProblem(span.resource);
    if (jsonProblem) {
      rejected.push({ reason: `span ${span.spanId}: ${jsonProblem.message}` });
      continue;
    }
    let group = groups.get(span.traceId);
    if (!group) groups.set(span.traceId, (group = { spans: [], mapped: [] }));
    group.spans.push(span);
    group.mapped.push(mapped);
  }
  const traces: OtlpTrace[] = [];
  for (const [traceId, group] of groups) {
    // Earliest first: the file's timestamp is the first span's start, and the order is stable.
    const order = group.spans.map((_, i) => i).sort((a, b) => {
      const d = (group.spans[a]?.startTimeUnixNano as bigint) - (group.spans[b]?.startTimeUnixNano as bigint);
      return d < BigInt(0) ? -1 : d > BigInt(0) ? 1 : a - b;
    });
    const spans = order.map((i) => group.spans[i] as OtlpSpan);
    const mapped = order.map((i) => group.mapped[i] as MappedSpan);
    const file = buildFile(traceId, spans, mapped, ctx.apiKeyName);
    traces.push({ kind: "otlp", traceId, createdAt: new Date(file.timestamp), spanIds: spans.map((s) => s.spanId), file });
  }
  return { traces, rejected };
}

export function countSpans(traces: OtlpTrace[]): number {
  return traces.reduce((sum, t) => sum + t.spanIds.length, 0);
}
