import type { JsonValue, Observation } from "@/lib/core/trace/trace-file-schema";
import { extractInput, extractOutput } from "./genai-content";
import {
  COMPLETION_TOKEN_KEYS, COST_COMPLETION_KEYS, COST_PROMPT_KEYS, COST_TOTAL_KEYS, FieldReader, FINISH_REASON_KEYS,
  MODEL_KEYS, PROMPT_TOKEN_KEYS, PROVIDER_KEYS, TOTAL_TOKEN_KEYS,
} from "./genai-fields";
import { setAttribute, SPAN_KINDS, STATUS_CODES, type Attributes, type OtlpSpan } from "./otlp-span";

// One OTLP span → one observation of the trace file, plus what the span says about its trace
// (user, session, trace name, metadata). Every attribute not mapped to a field stays in the
// observation's `attributes`, so nothing sent is lost.

const GENERATION_OPERATIONS = new Set(["chat", "text_completion", "generate_content", "embeddings"]);
const OPENINFERENCE_GENERATION_KINDS = new Set(["LLM", "EMBEDDING"]);
const OPENLLMETRY_REQUEST_TYPES = new Set(["chat", "completion", "embedding"]);
// The Vercel AI SDK's provider calls: ai.generateText.doGenerate, ai.streamText.doStream, ai.embed.doEmbed…
const AI_SDK_MODEL_CALL = /^ai\.\w+\.do(?:Generate|Stream|Embed)$/;

/** Keys the native API gives a meaning; sent bare or under OpenRouter's trace.metadata.* prefix. */
export const NAMED_TRACE_KEYS = ["trace_id", "trace_name", "span_name", "generation_name"] as const;
const METADATA_PREFIX = "trace.metadata.";
// The Vercel AI SDK's experimental_telemetry.metadata.
const AI_SDK_METADATA_PREFIX = "ai.telemetry.metadata.";

export type MappedSpan = {
  observation: Observation;
  userId: string | null;
  sessionId: string | null;
  traceName: string | null;
  /** trace.metadata.* and ai.telemetry.metadata.* with the prefix stripped. */
  metadata: Record<string, JsonValue>;
};

const NANOS_PER_MS = BigInt(1_000_000);

export function nanosToDate(nanos: bigint): Date {
  return new Date(Number(nanos / NANOS_PER_MS));
}

export function isGenerationSpan(span: OtlpSpan): boolean {
  const a = span.attributes;
  const operation = a["gen_ai.operation.name"];
  if (typeof operation === "string" && GENERATION_OPERATIONS.has(operation)) return true;
  const operationId = typeof a["ai.operationId"] === "string" ? a["ai.operationId"] : span.name;
  if (AI_SDK_MODEL_CALL.test(operationId)) return true;
  const kind = a["openinference.span.kind"];
  if (typeof kind === "string" && OPENINFERENCE_GENERATION_KINDS.has(kind.toUpperCase())) return true;
  const requestType = a["llm.request.type"];
  return typeof requestType === "string" && OPENLLMETRY_REQUEST_TYPES.has(requestType);
}

function namedKey(attrs: Attributes, key: string, consumed: Set<string>): string | null {
  for (const name of [key, `${METADATA_PREFIX}${key}`]) {
    const value = attrs[name];
    if (typeof value === "string" && value !== "") {
      consumed.add(name);
      return value;
    }
  }
  return null;
}

function isoFromNanos(nanos: bigint | null): string | null {
  if (nanos === null) return null;
  const date = nanosToDate(nanos);
  return Number.isFinite(date.getTime()) ? date.toISOString() : null;
}

/** `span` must have passed validateSpan (a start time that is a valid date). */
export function mapSpan(span: OtlpSpan): MappedSpan {
  const attrs = span.attributes;
  const read = new FieldReader(attrs);
  const consumed = read.consumed;
  const type = isGenerationSpan(span) ? "generation" : "span";
  const input = extractInput(attrs, span.events);
  const output = extractOutput(attrs, span.events);
  for (const key of [...input.keys, ...output.keys]) consumed.add(key);
  const contentEvents = new Set([...input.events, ...output.events]);

  const start = span.startTimeUnixNano as bigint;
  // An end before the start, or past what a Date can hold, is treated as unknown.
  const end = span.endTimeUnixNano !== null && span.endTimeUnixNano >= start && isoFromNanos(span.endTimeUnixNano) !== null ? span.endTimeUnixNano : null;
  const promptTokens = read.count(PROMPT_TOKEN_KEYS);
  const completionTokens = read.count(COMPLETION_TOKEN_KEYS);
  const sentTotal = read.count(TOTAL_TOKEN_KEYS);

  const userId = read.text(["user.id"]);
  const sessionId = read.text(["session.id"]);
  const traceName = namedKey(attrs, "trace_name", consumed);
  const ownName = namedKey(attrs, type === "generation" ? "generation_name" : "span_name", consumed);
  const metadata: Record<string, JsonValue> = {};
  for (const [key, value] of Object.entries(attrs)) {
    const prefix = key.startsWith(METADATA_PREFIX) ? METADATA_PREFIX : key.startsWith(AI_SDK_METADATA_PREFIX) ? AI_SDK_METADATA_PREFIX : null;
    if (prefix === null) continue;
    const name = key.slice(prefix.length);
    if ((NAMED_TRACE_KEYS as readonly string[]).includes(name)) continue;
    consumed.add(key);
    setAttribute(metadata, name, value);
  }

  const observation: Observation = {
    id: span.spanId,
    type,
    name: ownName ?? (span.name || null),
    parentId: span.parentSpanId,
    model: read.text(MODEL_KEYS),
    provider: read.text(PROVIDER_KEYS),
    startTime: isoFromNanos(start) as string,
    endTime: isoFromNanos(end),
    // Nanoseconds to milliseconds, kept to the microsecond.
    latencyMs: end === null ? null : Number((end - start) / BigInt(1000)) / 1000,
    input: input.value,
    output: output.value,
    usage: {
      promptTokens,
      completionTokens,
      totalTokens: sentTotal ?? (promptTokens !== null && completionTokens !== null ? promptTokens + completionTokens : null),
    },
    cost: { total: read.usd(COST_TOTAL_KEYS), prompt: read.usd(COST_PROMPT_KEYS), completion: read.usd(COST_COMPLETION_KEYS) },
    finishReason: read.finishReason(FINISH_REASON_KEYS),
    attributes: remainingAttributes(span, consumed, contentEvents),
  };
  return { observation, userId, sessionId, traceName, metadata };
}

function remainingAttributes(span: OtlpSpan, consumed: Set<string>, contentEvents: Set<unknown>): Attributes {
  const out: Attributes = {};
  for (const [key, value] of Object.entries(span.attributes)) if (!consumed.has(key)) setAttribute(out, key, value);
  setAttribute(out, "otel.span_kind", SPAN_KINDS[span.kind] ?? String(span.kind));
  if (span.status.code !== 0) setAttribute(out, "otel.status_code", STATUS_CODES[span.status.code] ?? String(span.status.code));
  if (span.status.message) setAttribute(out, "otel.status_message", span.status.message);
  if (span.scope.name) setAttribute(out, "otel.scope.name", span.scope.name);
  if (span.scope.version) setAttribute(out, "otel.scope.version", span.scope.version);
  const events = span.events.filter((e) => !contentEvents.has(e));
  if (events.length > 0) {
    setAttribute(out, "otel.events", events.map((e) => ({ name: e.name, time: isoFromNanos(e.timeUnixNano), attributes: e.attributes })));
  }
  return out;
}
