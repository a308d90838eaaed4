import { applyPrivacyMode } from "./privacy";
import type { NormalizedEvent } from "./trace-event-schema";
import { TRACE_FILE_SCHEMA_VERSION, type JsonValue, type Observation, type TraceFile } from "./trace-file-schema";

export {
  observationSchema,
  TRACE_FILE_SCHEMA_VERSION,
  traceFileJsonSchema,
  traceFileSchema,
  type JsonValue,
  type Observation,
  type TraceFile,
} from "./trace-file-schema";

const NAMED_TRACE_KEYS = new Set(["trace_id", "trace_name", "span_name", "generation_name"]);

function metadataOf(event: NormalizedEvent): Record<string, JsonValue> {
  const metadata: Record<string, JsonValue> = {};
  for (const [key, value] of Object.entries(event.trace ?? {})) {
    // Values were validated as JSON by the ingest schema; undefined can only come from JS callers.
    if (!NAMED_TRACE_KEYS.has(key) && value !== undefined) metadata[key] = value as JsonValue;
  }
  return metadata;
}

function totalTokens(usage: NormalizedEvent["usage"]): number | null {
  if (usage?.total_tokens != null) return usage.total_tokens;
  const prompt = usage?.prompt_tokens;
  const completion = usage?.completion_tokens;
  return prompt != null && completion != null ? prompt + completion : null;
}

export function buildTraceFile(
  event: NormalizedEvent,
  ctx: { apiKeyName: string; privacyMode: boolean },
): TraceFile {
  const trace = event.trace ?? {};
  const startTime = event.createdAt.toISOString();
  const latencyMs = event.latency_ms ?? null;
  const end = latencyMs === null ? null : new Date(event.createdAt.getTime() + latencyMs);
  // The ingest schema caps latency; the check keeps direct callers from a RangeError.
  const endTime = end && Number.isFinite(end.getTime()) ? end.toISOString() : null;
  const spanName = trace.span_name ?? null;
  const spanId = spanName === null ? null : `${event.id}:span`;

  const generation: Observation = {
    id: event.id,
    type: "generation",
    name: trace.generation_name ?? null,
    parentId: spanId,
    model: event.model ?? null,
    provider: event.provider ?? null,
    startTime,
    endTime,
    latencyMs,
    input: (event.input ?? null) as JsonValue,
    output: (event.output ?? null) as JsonValue,
    usage: {
      promptTokens: event.usage?.prompt_tokens ?? null,
      completionTokens: event.usage?.completion_tokens ?? null,
      totalTokens: totalTokens(event.usage),
    },
    cost: {
      total: event.cost?.total ?? null,
      prompt: event.cost?.prompt ?? null,
      completion: event.cost?.completion ?? null,
    },
    finishReason: event.finish_reason ?? null,
    attributes: {},
  };
  const observations: Observation[] = [generation];
  if (spanId !== null) {
    // The span only carries timing; usage/cost stay objects of nulls so column types never vary.
    observations.unshift({
      ...generation,
      id: spanId,
      type: "span",
      name: spanName,
      parentId: null,
      model: null,
      provider: null,
      input: null,
      output: null,
      usage: { promptTokens: null, completionTokens: null, totalTokens: null },
      cost: { total: null, prompt: null, completion: null },
      finishReason: null,
    });
  }

  const file: TraceFile = {
    schemaVersion: TRACE_FILE_SCHEMA_VERSION,
    id: trace.trace_id ?? event.id,
    name: trace.trace_name ?? null,
    timestamp: startTime,
    userId: event.user ?? null,
    sessionId: event.session_id ?? null,
    apiKeyName: ctx.apiKeyName,
    metadata: metadataOf(event),
    observations,
    privacyMode: false,
  };
  return ctx.privacyMode ? applyPrivacyMode(file) : file;
}

/**
 * One line per file: Athena's JSON SerDe reads one object per line. U+2028/U+2029 are legal
 * inside JSON strings but some line-oriented tools treat them as line breaks, so escape them.
 */
export function serializeTraceFile(file: TraceFile): string {
  const json = JSON.stringify(file).replace(/[\u2028\u2029]/g, (ch) => (ch === "\u2028" ? "\\u2028" : "\\u2029"));
  return `${json}\n`;
}
