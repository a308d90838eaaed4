import { describe, expect, it } from "vitest";
import {
  createIngestBodySchema,
  formatIngestIssues,
  ingestBodySchema,
  isBatchBody,
  joinIngestIssues,
  parseIngestBody,
  traceEventSchema,
} from "./trace-event-schema";

const NOW = new Date("2026-11-27T12:00:00Z");

function event(overrides: Record<string, unknown> = {}): Record<string, unknown> {
  return {
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
    trace: { trace_id: "t-1", trace_name: "chat", span_name: "llm", generation_name: "gen", tenant: { id: 7 } },
    ...overrides,
  };
}

function errorsOf(json: unknown): string[] {
  const result = parseIngestBody(json, NOW);
  if (result.ok) throw new Error("expected the body to be rejected");
  return joinIngestIssues(result.errors);
}

describe("parseIngestBody: accepted bodies", () => {
  it("normalizes a single event to one event with createdAt resolved", () => {
    const result = parseIngestBody(event(), NOW);
    expect(result.ok).toBe(true);
    if (!result.ok) return;
    expect(result.events).toHaveLength(1);
    const [parsed] = result.events;
    expect(parsed?.createdAt.toISOString()).toBe("2026-11-27T10:00:00.000Z");
    expect(parsed?.trace).toEqual({ trace_id: "t-1", trace_name: "chat", span_name: "llm", generation_name: "gen", tenant: { id: 7 } });
    expect(parsed?.input).toEqual({ messages: [{ role: "user", content: "Hello" }] });
  });

  it("accepts a batch of 1..100 events in order", () => {
    const traces = Array.from({ length: 100 }, (_, i) => event({ id: `gen-${i}`, created_at: 1705312800 + i }));
    const result = parseIngestBody({ traces }, NOW);
    expect(result.ok && result.events.map((e) => e.id)).toEqual(traces.map((t) => t.id));
    expect(result.ok && result.events[5]?.createdAt.getTime()).toBe((1705312800 + 5) * 1000);
  });

  it("needs only id and created_at; optional fields may be null", () => {
    expect(parseIngestBody({ id: "a", created_at: 1705312800123 }, NOW).ok).toBe(true);
    const nulls = { model: null, provider: null, input: null, output: null, usage: null, cost: null, latency_ms: null };
    expect(parseIngestBody(event({ ...nulls, finish_reason: null, user: null, session_id: null, trace: null }), NOW).ok).toBe(true);
    expect(parseIngestBody(event({ usage: { prompt_tokens: null }, cost: {}, trace: { trace_id: null } }), NOW).ok).toBe(true);
  });

  it("accepts any JSON for input and output, including plain strings", () => {
    expect(parseIngestBody(event({ input: "Hello", output: 42 }), NOW).ok).toBe(true);
    expect(parseIngestBody(event({ input: [1, [2, { a: null }]], output: false }), NOW).ok).toBe(true);
  });

  it("uses the real clock by default", () => {
    expect(parseIngestBody(event({ created_at: new Date().toISOString() })).ok).toBe(true);
    expect(ingestBodySchema.safeParse(event({ created_at: Date.now() })).success).toBe(true);
    expect(traceEventSchema.safeParse(event({ created_at: Date.now() + 2 * 86_400_000 })).success).toBe(false);
  });
});

describe("parseIngestBody: error paths and messages", () => {
  it("reports batch paths with the event index", () => {
    const traces = [event(), event(), event(), event({ usage: { prompt_tokens: "10" } })];
    expect(errorsOf({ traces })).toEqual(["traces[3].usage.prompt_tokens: expected a number"]);
  });

  it("reports single-event paths relative to the event", () => {
    expect(errorsOf(event({ usage: { prompt_tokens: "10" } }))).toEqual(["usage.prompt_tokens: expected a number"]);
  });

  it("marks missing required fields", () => {
    expect(errorsOf({})).toEqual(["id: required", "created_at: required"]);
    expect(errorsOf({ traces: [{ id: "a" }] })).toEqual(["traces[0].created_at: required"]);
  });

  it("describes type and range problems in plain words", () => {
    expect(errorsOf(event({ id: "x".repeat(129) }))).toEqual(["id: must be at most 128 characters"]);
    expect(errorsOf(event({ id: "" }))).toEqual(["id: must not be empty"]);
    expect(errorsOf(event({ id: 5 }))).toEqual(["id: expected a string"]);
    expect(errorsOf(event({ model: "m".repeat(257) }))).toEqual(["model: must be at most 256 characters"]);
    expect(errorsOf(event({ finish_reason: "f".repeat(65) }))).toEqual(["finish_reason: must be at most 64 characters"]);
    expect(errorsOf(event({ user: "u".repeat(129) }))).toEqual(["user: must be at most 128 characters"]);
    expect(errorsOf(event({ usage: { completion_tokens: 1.5 } }))).toEqual(["usage.completion_tokens: expected an integer"]);
    expect(errorsOf(event({ usage: { total_tokens: -1 } }))).toEqual(["usage.total_tokens: must not be negative"]);
    expect(errorsOf(event({ cost: { total: -0.1 } }))).toEqual(["cost.total: must not be negative"]);
    expect(errorsOf(event({ latency_ms: "fast" }))).toEqual(["latency_ms: expected a number"]);
    expect(errorsOf(event({ latency_ms: 1e20 }))).toEqual(["latency_ms: must be at most 2592000000"]);
    expect(errorsOf(event({ usage: [1] }))).toEqual(["usage: expected an object"]);
    expect(errorsOf(event({ trace: "t" }))).toEqual(["trace: expected an object"]);
    expect(errorsOf(event({ trace: { trace_name: "n".repeat(257) } }))).toEqual(["trace.trace_name: must be at most 256 characters"]);
    expect(errorsOf(event({ trace: { trace_id: "" } }))).toEqual(["trace.trace_id: must not be empty"]);
  });

  it("rejects unknown keys in the event and cost, one line per key", () => {
    expect(errorsOf(event({ modle: "x", "bad key": 1 }))).toEqual(["modle: unknown field", '["bad key"]: unknown field']);
    expect(errorsOf(event({ cost: { usd: 1 } }))).toEqual(["cost.usd: unknown field"]);
    expect(errorsOf({ traces: [event()], extra: true })).toEqual(["extra: unknown field"]);
  });

  it("refuses __proto__, constructor and prototype keys in every free-form field", () => {
    const body = (json: string) => JSON.parse(`{"id":"a","created_at":0,${json}}`);
    expect(errorsOf(body('"trace":{"__proto__":{"trace_id":123}}'))).toEqual(["trace.__proto__: reserved key"]);
    expect(errorsOf(body('"__proto__":{}'))).toEqual(["__proto__: unknown field"]);
    expect(errorsOf(body('"input":{"a":[{"__proto__":{"x":1}}]}'))).toEqual(["input.a[0].__proto__: reserved key"]);
    expect(errorsOf(body('"output":{"constructor":1}'))).toEqual(["output.constructor: reserved key"]);
    expect(errorsOf(body('"usage":{"details":{"prototype":1}}'))).toEqual(["usage.details.prototype: reserved key"]);
    // As values they are ordinary text.
    expect(parseIngestBody(body('"input":{"role":"constructor"}'), NOW).ok).toBe(true);
  });

  it("guards usage extras like every free-form value: depth and size", () => {
    let deep: unknown = 1;
    for (let i = 0; i < 5_000; i++) deep = [deep];
    expect(errorsOf(event({ usage: { prompt_tokens: 1, x: deep } }))).toEqual([
      `usage.x${"[0]".repeat(63)}: must be nested at most 64 levels deep`,
    ]);
    expect(errorsOf(event({ usage: { x: "u".repeat(256 * 1024 + 1) } }))).toEqual(["usage.x: string must be at most 256 KiB"]);
  });

  it("accepts OpenAI-style usage objects with extra detail keys", () => {
    const usage = { prompt_tokens: 1, completion_tokens: 2, total_tokens: 3, prompt_tokens_details: { cached_tokens: 0 } };
    expect(parseIngestBody(event({ usage }), NOW).ok).toBe(true);
    expect(errorsOf(event({ usage: { prompt_tokens: "1" } }))).toEqual(["usage.prompt_tokens: expected a number"]);
  });

  it("keeps unknown trace keys as metadata instead of rejecting them", () => {
    expect(parseIngestBody(event({ trace: { anything: [1, { b: "c" }] } }), NOW).ok).toBe(true);
  });

  it("checks created_at shape and range", () => {
    const shape = "created_at: expected an ISO 8601 date-time with timezone, or epoch seconds or milliseconds";
    const range = "created_at: must be between 1970-01-01 and 1 day from now";
    expect(errorsOf(event({ created_at: "2026-11-27T10:00:00" }))).toEqual([shape]);
    expect(errorsOf(event({ created_at: "2026-02-30T10:00:00Z" }))).toEqual([shape]);
    expect(errorsOf(event({ created_at: true }))).toEqual([shape]);
    expect(errorsOf(event({ created_at: null }))).toEqual([shape]);
    expect(errorsOf(event({ created_at: -1 }))).toEqual([range]);
    expect(errorsOf(event({ created_at: "1969-12-31T23:59:59Z" }))).toEqual([range]);
    expect(errorsOf(event({ created_at: "2026-11-28T12:00:01Z" }))).toEqual([range]);
    expect(parseIngestBody(event({ created_at: "2026-11-28T12:00:00Z" }), NOW).ok).toBe(true);
  });

  it("enforces the batch size", () => {
    expect(errorsOf({ traces: [] })).toEqual(["traces: must not be empty"]);
    expect(errorsOf({ traces: Array.from({ length: 101 }, () => event()) })).toEqual(["traces: must contain at most 100 items"]);
    expect(errorsOf({ traces: event() })).toEqual(["traces: expected an array"]);
  });

  it("reports a body that is not an object at the root", () => {
    expect(errorsOf("hello")).toEqual(["body: expected an object"]);
    expect(errorsOf([event()])).toEqual(["body: expected an object"]);
    expect(errorsOf(null)).toEqual(["body: expected an object"]);
    expect(errorsOf(undefined)).toEqual(["body: required"]);
    expect(errorsOf({ traces: [null] })).toEqual(["traces[0]: expected an object"]);
  });

  it("guards nesting depth and string size in input, output and trace", () => {
    let deep: unknown = "x";
    for (let i = 0; i < 65; i++) deep = [deep];
    const depth = "must be nested at most 64 levels deep";
    expect(errorsOf(event({ input: deep }))).toEqual([`input${"[0]".repeat(64)}: ${depth}`]);
    expect(errorsOf(event({ output: { a: deep } }))[0]).toMatch(/^output\.a\[0\].*: must be nested at most 64 levels deep$/);
    expect(errorsOf({ traces: [event(), event({ trace: { meta: deep } })] })[0]).toMatch(/^traces\[1\]\.trace\.meta\[0\]/);
    const big = "x".repeat(256 * 1024 + 1);
    expect(errorsOf(event({ output: { choices: [big] } }))).toEqual(["output.choices[0]: string must be at most 256 KiB"]);
    expect(errorsOf(event({ trace: { note: big } }))).toEqual(["trace.note: string must be at most 256 KiB"]);
  });

  it("handles a pathologically deep body without a stack overflow", () => {
    const json = JSON.parse(`{"id":"a","created_at":0,"input":${"[".repeat(50_000)}${"]".repeat(50_000)}}`);
    expect(errorsOf(json)).toHaveLength(1);
  });

  it("lists all problems across events in order", () => {
    const traces = [event({ id: 1 }), event(), event({ latency_ms: -1, finish_reason: 3 })];
    expect(errorsOf({ traces })).toEqual([
      "traces[0].id: expected a string",
      "traces[2].latency_ms: must not be negative",
      "traces[2].finish_reason: expected a string",
    ]);
  });
});

describe("createIngestBodySchema / formatIngestIssues", () => {
  it("evaluates now() at parse time", () => {
    let now = new Date("2020-01-01T00:00:00Z");
    const schema = createIngestBodySchema(() => now);
    const body = event({ created_at: "2026-11-27T10:00:00Z" });
    expect(schema.safeParse(body).success).toBe(false);
    now = NOW;
    expect(schema.safeParse(body).data).toMatchObject({ events: [{ id: "gen-123" }] });
  });

  it("formats errors from the schemas directly", () => {
    const batch = { traces: [event({ user: 1 })] };
    const batchError = createIngestBodySchema(() => NOW).safeParse(batch).error;
    expect(batchError && formatIngestIssues(batchError, true)).toEqual([{ path: "traces[0].user", message: "expected a string" }]);
    const singleError = createIngestBodySchema(() => NOW).safeParse(event({ user: 1 })).error;
    expect(singleError && formatIngestIssues(singleError, false)).toEqual([{ path: "user", message: "expected a string" }]);
    const eventError = traceEventSchema.safeParse(event({ session_id: [] })).error;
    expect(eventError && formatIngestIssues(eventError, false)).toEqual([{ path: "session_id", message: "expected a string" }]);
  });

  it("detects batches by an own `traces` key only", () => {
    expect(isBatchBody({ traces: [] })).toBe(true);
    expect(isBatchBody({ traces: undefined })).toBe(true);
    expect(isBatchBody(event())).toBe(false);
    expect(isBatchBody([])).toBe(false);
    expect(isBatchBody(Object.create({ traces: [] }))).toBe(false);
  });
});

describe("parseIngestBody clock", () => {
  it("applies the given now to one call only", () => {
    const future = event({ created_at: "2030-01-01T00:00:00Z" });
    expect(parseIngestBody(future, new Date("2029-12-31T12:00:00Z")).ok).toBe(true);
    expect(parseIngestBody(future).ok).toBe(false);
    expect(ingestBodySchema.safeParse(future).success).toBe(false);
  });
});
