import { z } from "zod";

/**
 * The file written to the user's bucket, one per trace event, and the source of truth for
 * its documentation. One Athena table reads every file ever written, so the shape is fixed:
 * every field is always present (null when unknown) and never changes type. Changing it
 * means bumping schemaVersion.
 */

export const TRACE_FILE_SCHEMA_VERSION = 1;

// Shared so toJSONSchema emits one recursive definition instead of one per use.
const jsonValue = z.json().meta({ id: "JsonValue", description: "Any JSON value, kept as sent." });
const isoTimestamp = z.iso.datetime().meta({ description: "ISO 8601, UTC, millisecond precision." });
const text = z.string().nullable();

const usageSchema = z.strictObject({
  promptTokens: z.int().nonnegative().nullable(),
  completionTokens: z.int().nonnegative().nullable(),
  totalTokens: z
    .int()
    .nonnegative()
    .nullable()
    .meta({ description: "As sent, else promptTokens + completionTokens when both are known." }),
});

const costSchema = z
  .strictObject({
    total: z.number().nonnegative().nullable(),
    prompt: z.number().nonnegative().nullable(),
    completion: z.number().nonnegative().nullable(),
  })
  .meta({ description: "USD." });

export const observationSchema = z.strictObject({
  id: z.string().meta({ description: "Generation: the event id. Span: the event id + \":span\". OpenTelemetry: the hex span id." }),
  type: z.enum(["span", "generation"]),
  name: text,
  parentId: text.meta({ description: "The wrapping span's id, or null." }),
  model: text,
  provider: text,
  startTime: isoTimestamp,
  endTime: isoTimestamp.nullable().meta({ description: "startTime + latencyMs; null when latency is unknown." }),
  latencyMs: z.number().nonnegative().nullable(),
  input: jsonValue.nullable().meta({ description: "The prompt; null in privacy mode." }),
  output: jsonValue.nullable().meta({ description: "The completion; null in privacy mode." }),
  usage: usageSchema,
  cost: costSchema,
  finishReason: text,
  attributes: z.record(z.string(), jsonValue).meta({
    description:
      "Added in 2026-12 (schemaVersion stays 1): every OpenTelemetry span attribute not mapped to a field above, plus otel.span_kind, otel.status_code, otel.status_message, otel.scope.name, otel.scope.version, otel.events and otel.links. Always {} for traces sent to /api/v1/traces.",
  }),
});

export const traceFileSchema = z.strictObject({
  schemaVersion: z.literal(TRACE_FILE_SCHEMA_VERSION),
  id: z.string().meta({ description: "trace.trace_id, else the event id. OpenTelemetry: the hex trace id." }),
  name: text.meta({ description: "trace.trace_name." }),
  timestamp: isoTimestamp.meta({ description: "created_at: when the request started." }),
  userId: text,
  sessionId: text,
  apiKeyName: z.string().meta({ description: "Name of the Broadcast API key that sent the trace." }),
  metadata: z
    .record(z.string(), jsonValue)
    .meta({ description: "Every trace key other than trace_id, trace_name, span_name, generation_name." }),
  observations: z.array(observationSchema).meta({ description: "An optional span, then the generation." }),
  privacyMode: z.boolean().meta({ description: "True when prompt and completion content was dropped." }),
});

export type Observation = z.output<typeof observationSchema>;
export type TraceFile = z.output<typeof traceFileSchema>;
export type JsonValue = z.output<typeof jsonValue>;

export function traceFileJsonSchema(): Record<string, unknown> {
  return {
    ...z.toJSONSchema(traceFileSchema),
    $id: "urn:broadcast:trace-file:v1",
    title: "Broadcast trace file",
  };
}
