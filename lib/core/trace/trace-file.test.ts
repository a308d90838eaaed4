import { describe, expect, it } from "vitest";
import { z } from "zod";
import { parseIngestBody, type NormalizedEvent } from "./trace-event-schema";
import { buildTraceFile, serializeTraceFile, traceFileJsonSchema, traceFileSchema, type TraceFile } from "./trace-file";

const NOW = new Date("2026-11-27T12:00:00Z");
const CTX = { apiKeyName: "production", privacyMode: false };

function normalized(raw: Record<string, unknown>): NormalizedEvent {
  const result = parseIngestBody(raw, NOW);
  if (!result.ok) throw new Error(JSON.stringify(result.errors));
  return result.events[0] as NormalizedEvent;
}

const FULL = {
  id: "gen-123",
  created_at: "2026-11-27T10:00:00Z",
  model: "openai/gpt-4o",
  provider: "OpenAI",
  input: { messages: [{ role: "user", content: "Hello" }] },
  output: { choices: [{ message: { role: "assistant", content: "Hi!" } }] },
  usage: { prompt_tokens: 10, completion_tokens: 20, total_tokens: 30 },
  cost: { total: 0.00123, prompt: 0.0004, completion: 0.00083 },
  latency_ms: 850,
  finish_reason: "stop",
  user: "user-42",
  session_id: "sess-1",
  trace: { trace_id: "trace-9", trace_name: "chat", span_name: "llm-call", generation_name: "answer", tenant: { id: 7 }, tags: ["a"] },
};

/** The column layout: key order plus the JSON type of every leaf, ignoring input/output/metadata content. */
function columnShape(file: TraceFile): unknown {
  const shape = (value: unknown): unknown =>
    value === null ? "null" : typeof value === "object" ? Object.keys(value as object) : typeof value;
  return {
    top: Object.keys(file),
    observations: file.observations.map((o) => ({ keys: Object.keys(o), usage: shape(o.usage), cost: shape(o.cost) })),
  };
}

describe("buildTraceFile", () => {
  it("maps a full event to a span wrapping the generation", () => {
    const file = buildTraceFile(normalized(FULL), CTX);
    expect(file).toEqual({
      schemaVersion: 1,
      id: "trace-9",
      name: "chat",
      timestamp: "2026-11-27T10:00:00.000Z",
      userId: "user-42",
      sessionId: "sess-1",
      apiKeyName: "production",
      metadata: { tenant: { id: 7 }, tags: ["a"] },
      observations: [
        {
          id: "gen-123:span",
          type: "span",
          name: "llm-call",
          parentId: null,
          model: null,
          provider: null,
          startTime: "2026-11-27T10:00:00.000Z",
          endTime: "2026-11-27T10:00:00.850Z",
          latencyMs: 850,
          input: null,
          output: null,
          usage: { promptTokens: null, completionTokens: null, totalTokens: null },
          cost: { total: null, prompt: null, completion: null },
          finishReason: null,
          attributes: {},
        },
        {
          id: "gen-123",
          type: "generation",
          name: "answer",
          parentId: "gen-123:span",
          model: "openai/gpt-4o",
          provider: "OpenAI",
          startTime: "2026-11-27T10:00:00.000Z",
          endTime: "2026-11-27T10:00:00.850Z",
          latencyMs: 850,
          input: FULL.input,
          output: FULL.output,
          usage: { promptTokens: 10, completionTokens: 20, totalTokens: 30 },
          cost: { total: 0.00123, prompt: 0.0004, completion: 0.00083 },
          finishReason: "stop",
          attributes: {},
        },
      ],
      privacyMode: false,
    });
    expect(traceFileSchema.parse(file)).toEqual(file);
  });

  it("fills every field with null for a minimal event and keeps one generation", () => {
    const file = buildTraceFile(normalized({ id: "gen-1", created_at: 1705312800 }), CTX);
    expect(file).toEqual({
      schemaVersion: 1,
      id: "gen-1",
      name: null,
      timestamp: "2024-01-15T10:00:00.000Z",
      userId: null,
      sessionId: null,
      apiKeyName: "production",
      metadata: {},
      observations: [
        {
          id: "gen-1",
          type: "generation",
          name: null,
          parentId: null,
          model: null,
          provider: null,
          startTime: "2024-01-15T10:00:00.000Z",
          endTime: null,
          latencyMs: null,
          input: null,
          output: null,
          usage: { promptTokens: null, completionTokens: null, totalTokens: null },
          cost: { total: null, prompt: null, completion: null },
          finishReason: null,
          attributes: {},
        },
      ],
      privacyMode: false,
    });
    expect(traceFileSchema.safeParse(file).success).toBe(true);
  });

  it("keeps the same columns, in the same order, for minimal and full events", () => {
    const minimal = buildTraceFile(normalized({ id: "a", created_at: 0 }), CTX);
    const full = buildTraceFile(normalized(FULL), CTX);
    const minimalShape = columnShape(minimal) as { top: string[]; observations: unknown[] };
    const fullShape = columnShape(full) as { top: string[]; observations: unknown[] };
    expect(minimalShape.top).toEqual(fullShape.top);
    expect(fullShape.observations[0]).toEqual(fullShape.observations[1]);
    expect(minimalShape.observations[0]).toEqual(fullShape.observations[1]);
  });

  it("computes totalTokens only when it is missing and both parts are known", () => {
    const tokens = (usage: unknown) => buildTraceFile(normalized({ ...FULL, usage }), CTX).observations[1]?.usage;
    expect(tokens({ prompt_tokens: 4, completion_tokens: 6 })).toEqual({ promptTokens: 4, completionTokens: 6, totalTokens: 10 });
    expect(tokens({ prompt_tokens: 4 })).toEqual({ promptTokens: 4, completionTokens: null, totalTokens: null });
    expect(tokens({ prompt_tokens: 4, completion_tokens: 6, total_tokens: 11 })?.totalTokens).toBe(11);
    expect(tokens({ prompt_tokens: 0, completion_tokens: 0 })?.totalTokens).toBe(0);
    expect(tokens({ total_tokens: 9 })).toEqual({ promptTokens: null, completionTokens: null, totalTokens: 9 });
  });

  it("falls back to the event id and converts offsets and epoch ms to UTC with milliseconds", () => {
    const file = buildTraceFile(normalized({ id: "g", created_at: "2026-11-27T11:00:00.5+01:00", trace: { tenant: 1 } }), CTX);
    expect(file.id).toBe("g");
    expect(file.timestamp).toBe("2026-11-27T10:00:00.500Z");
    expect(file.metadata).toEqual({ tenant: 1 });
    expect(buildTraceFile(normalized({ id: "g", created_at: 1705312800123 }), CTX).timestamp).toBe("2024-01-15T10:00:00.123Z");
  });

  it("derives endTime from fractional and zero latencies", () => {
    const end = (latency_ms: number) => buildTraceFile(normalized({ id: "g", created_at: 0, latency_ms }), CTX).observations[0];
    expect(end(0)).toMatchObject({ endTime: "1970-01-01T00:00:00.000Z", latencyMs: 0 });
    expect(end(1500.7)).toMatchObject({ endTime: "1970-01-01T00:00:01.500Z", latencyMs: 1500.7 });
  });

  it("keeps input and output exactly as sent, whatever their JSON type", () => {
    const file = buildTraceFile(normalized({ id: "g", created_at: 0, input: "plain prompt", output: [1, { a: null }] }), CTX);
    expect(file.observations[0]).toMatchObject({ input: "plain prompt", output: [1, { a: null }] });
  });

  it("applies privacy mode when asked", () => {
    const file = buildTraceFile(normalized(FULL), { apiKeyName: "k", privacyMode: true });
    expect(file.privacyMode).toBe(true);
    expect(file.observations.every((o) => o.input === null && o.output === null)).toBe(true);
  });
});

describe("serializeTraceFile", () => {
  it("writes one line ending in a newline that parses back to the file", () => {
    const file = buildTraceFile(normalized({ ...FULL, input: { text: "line one\nline two\r\n\ttab" } }), CTX);
    const line = serializeTraceFile(file);
    expect(line.endsWith("}\n")).toBe(true);
    expect(line.slice(0, -1)).not.toMatch(/[\n\r]/);
    expect(line).not.toMatch(/ \n$/);
    expect(JSON.parse(line)).toEqual(file);
  });

  it("escapes U+2028 and U+2029 so line-oriented tools never split the record", () => {
    const file = buildTraceFile(normalized({ ...FULL, input: "a\u2028b\u2029c", trace: { "k\u2028": "v" } }), CTX);
    const line = serializeTraceFile(file);
    expect(line).not.toMatch(/[\u2028\u2029]/);
    expect(line).toContain("a\\u2028b\\u2029c");
    expect(line.split(/\r\n|[\n\r\u2028\u2029\u0085]/)).toHaveLength(2);
    expect(JSON.parse(line)).toEqual(file);
  });
});

describe("traceFileJsonSchema", () => {
  it("produces a JSON Schema with an $id and title that requires every column", () => {
    const schema = traceFileJsonSchema() as {
      $id: string;
      title: string;
      required: string[];
      properties: Record<string, unknown>;
      additionalProperties: boolean;
    };
    expect(schema.$id).toBe("urn:broadcast:trace-file:v1");
    expect(schema.title).toBe("Broadcast trace file");
    expect(schema.required).toEqual(Object.keys(traceFileSchema.shape));
    expect(schema.additionalProperties).toBe(false);
    expect(JSON.stringify(schema)).toContain('"JsonValue"');
  });

  it("validates built files with zod too", () => {
    const file = buildTraceFile(normalized(FULL), CTX);
    expect(traceFileSchema.safeParse({ ...file, extra: 1 }).success).toBe(false);
    expect(traceFileSchema.safeParse({ ...file, userId: undefined }).success).toBe(false);
    expect(z.toJSONSchema(traceFileSchema)).toBeTruthy();
  });
});
