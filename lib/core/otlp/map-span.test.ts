import { describe, expect, it } from "vitest";
import { mapSpan, isGenerationSpan } from "./map-span";
import { COMPLETION, MS_NS, PROMPT, START_NS, testSpan } from "./otlp-test-fixtures";

describe("mapSpan: the current GenAI semantic conventions", () => {
  const messages = JSON.stringify([{ role: "user", parts: [{ type: "text", content: PROMPT }] }]);
  const output = JSON.stringify([{ role: "assistant", parts: [{ type: "text", content: COMPLETION }], finish_reason: "stop" }]);
  const span = testSpan({
    parentSpanId: "aaaaaaaaaaaaaaaa",
    startTimeUnixNano: START_NS + BigInt(123_456),
    endTimeUnixNano: START_NS + BigInt(850) * MS_NS + BigInt(123_456) + BigInt(1_500),
    attributes: {
      "gen_ai.operation.name": "chat",
      "gen_ai.provider.name": "openai",
      "gen_ai.system": "openai-old",
      "gen_ai.request.model": "gpt-4o",
      "gen_ai.response.model": "gpt-4o-2024-08-06",
      "gen_ai.usage.input_tokens": 10,
      "gen_ai.usage.output_tokens": 20,
      "gen_ai.response.finish_reasons": ["stop"],
      "gen_ai.input.messages": messages,
      "gen_ai.system_instructions": JSON.stringify([{ type: "text", content: "Be brief." }]),
      "gen_ai.output.messages": output,
      "gen_ai.request.temperature": 0,
      "gen_ai.request.stream": false,
      "user.id": "user-42",
      "session.id": "sess-1",
      "trace.metadata.team": "support",
      "trace.metadata.trace_name": "support-chat",
      "trace.metadata.generation_name": "call-1",
    },
  });
  const mapped = mapSpan(span);

  it("maps ids, times, model, provider, usage, finish reason and content", () => {
    expect(mapped.observation).toMatchObject({
      id: "eee19b7ec3c1b174",
      type: "generation",
      name: "call-1",
      parentId: "aaaaaaaaaaaaaaaa",
      model: "gpt-4o-2024-08-06",
      provider: "openai",
      startTime: "2026-11-27T10:00:00.000Z",
      endTime: "2026-11-27T10:00:00.850Z",
      latencyMs: 850.001,
      usage: { promptTokens: 10, completionTokens: 20, totalTokens: 30 },
      cost: { total: null, prompt: null, completion: null },
      finishReason: "stop",
      input: {
        system_instructions: [{ type: "text", content: "Be brief." }],
        messages: [{ role: "user", parts: [{ type: "text", content: PROMPT }] }],
      },
      output: { messages: [{ role: "assistant", parts: [{ type: "text", content: COMPLETION }], finish_reason: "stop" }] },
    });
    expect(mapped).toMatchObject({ userId: "user-42", sessionId: "sess-1", traceName: "support-chat", metadata: { team: "support" } });
  });

  it("keeps every attribute it did not map, false and 0 included, plus kind and scope", () => {
    expect(mapped.observation.attributes).toEqual({
      "gen_ai.operation.name": "chat",
      "gen_ai.system": "openai-old",
      "gen_ai.request.model": "gpt-4o",
      "gen_ai.request.temperature": 0,
      "gen_ai.request.stream": false,
      "otel.span_kind": "CLIENT",
      "otel.scope.name": "test-scope",
      "otel.scope.version": "1.0.0",
    });
  });

  it("falls back to the request model and leaves latency null without an end", () => {
    const m = mapSpan(testSpan({ endTimeUnixNano: null, attributes: { "gen_ai.request.model": "gpt-4o", "gen_ai.usage.input_tokens": "12" } })).observation;
    expect(m).toMatchObject({ model: "gpt-4o", endTime: null, latencyMs: null, usage: { promptTokens: 12, completionTokens: null, totalTokens: null } });
    for (const end of [START_NS - BigInt(1), BigInt("9".repeat(25))]) {
      expect(mapSpan(testSpan({ endTimeUnixNano: end })).observation).toMatchObject({ endTime: null, latencyMs: null });
    }
  });
});

describe("mapSpan: deprecated GenAI conventions", () => {
  it("reads gen_ai.system, prompt/completion token names and the indexed gen_ai.prompt/completion attributes", () => {
    const m = mapSpan(testSpan({
      attributes: {
        "gen_ai.system": "anthropic",
        "gen_ai.request.model": "claude-3",
        "gen_ai.usage.prompt_tokens": 7,
        "gen_ai.usage.completion_tokens": 3,
        "gen_ai.prompt.0.role": "user",
        "gen_ai.prompt.0.content": PROMPT,
        "gen_ai.completion.0.role": "assistant",
        "gen_ai.completion.0.content": COMPLETION,
        "gen_ai.completion.0.finish_reason": "end_turn",
        "llm.request.type": "chat",
      },
    })).observation;
    expect(m).toMatchObject({
      type: "generation",
      provider: "anthropic",
      usage: { promptTokens: 7, completionTokens: 3, totalTokens: 10 },
      input: { messages: [{ role: "user", content: PROMPT }] },
      output: { messages: [{ role: "assistant", content: COMPLETION, finish_reason: "end_turn" }] },
    });
    expect(Object.keys(m.attributes).filter((k) => k.startsWith("gen_ai.prompt") || k.startsWith("gen_ai.completion"))).toEqual([]);
  });

  it("reads the gen_ai.*.message and gen_ai.choice events and keeps other events", () => {
    const t = START_NS + BigInt(5) * MS_NS;
    const m = mapSpan(testSpan({
      attributes: { "gen_ai.operation.name": "text_completion" },
      events: [
        { name: "gen_ai.system.message", timeUnixNano: t, attributes: { "gen_ai.system": "openai", content: "Be brief." } },
        { name: "gen_ai.user.message", timeUnixNano: t, attributes: { content: PROMPT } },
        { name: "gen_ai.choice", timeUnixNano: t, attributes: { index: 0, finish_reason: "stop", message: JSON.stringify({ content: COMPLETION }) } },
        { name: "exception", timeUnixNano: t, attributes: { "exception.type": "Timeout" } },
      ],
    })).observation;
    expect(m.input).toEqual({ messages: [{ role: "system", content: "Be brief." }, { role: "user", content: PROMPT }] });
    expect(m.output).toEqual({ messages: [{ index: 0, finish_reason: "stop", message: { content: COMPLETION } }] });
    expect(m.attributes["otel.events"]).toEqual([{ name: "exception", time: "2026-11-27T10:00:00.005Z", attributes: { "exception.type": "Timeout" } }]);
  });

  it("reads plain gen_ai.prompt / gen_ai.completion attributes", () => {
    const m = mapSpan(testSpan({ attributes: { "gen_ai.prompt": JSON.stringify([{ role: "user", content: PROMPT }]), "gen_ai.completion": COMPLETION } })).observation;
    expect(m).toMatchObject({ input: [{ role: "user", content: PROMPT }], output: COMPLETION, type: "span" });
  });
});

describe("mapSpan: OpenInference", () => {
  it("reads llm.* attributes, the flattened messages and costs", () => {
    const m = mapSpan(testSpan({
      name: "ChatCompletion",
      attributes: {
        "openinference.span.kind": "LLM",
        "llm.model_name": "gpt-4o-mini",
        "llm.provider": "openai",
        "llm.token_count.prompt": 5,
        "llm.token_count.completion": 6,
        "llm.token_count.total": 11,
        "llm.cost.total": 0.002,
        "llm.cost.prompt": 0.0005,
        "llm.cost.completion": 0.0015,
        "llm.input_messages.0.message.role": "user",
        "llm.input_messages.0.message.content": PROMPT,
        "llm.output_messages.0.message.role": "assistant",
        "llm.output_messages.0.message.content": COMPLETION,
        "input.value": JSON.stringify({ messages: [{ role: "user", content: PROMPT }] }),
        "input.mime_type": "application/json",
      },
    })).observation;
    expect(m).toMatchObject({
      type: "generation",
      model: "gpt-4o-mini",
      provider: "openai",
      usage: { promptTokens: 5, completionTokens: 6, totalTokens: 11 },
      cost: { total: 0.002, prompt: 0.0005, completion: 0.0015 },
      input: { messages: [{ role: "user", content: PROMPT }] },
      output: { messages: [{ role: "assistant", content: COMPLETION }] },
    });
  });

  it("uses input.value / output.value when there are no messages", () => {
    const m = mapSpan(testSpan({ attributes: { "openinference.span.kind": "CHAIN", "input.value": PROMPT, "output.value": COMPLETION } })).observation;
    expect(m).toMatchObject({ type: "span", input: PROMPT, output: COMPLETION });
  });
});

describe("mapSpan: the Vercel AI SDK", () => {
  it("maps ai.*.doGenerate as a generation with its prompt messages, response and usage", () => {
    const mapped = mapSpan(testSpan({
      name: "ai.generateText.doGenerate",
      attributes: {
        "ai.operationId": "ai.generateText.doGenerate",
        "ai.model.id": "mock-model-id",
        "ai.model.provider": "mock-provider",
        "ai.prompt.messages": JSON.stringify([{ role: "user", content: [{ type: "text", text: PROMPT }] }]),
        "ai.response.text": COMPLETION,
        "ai.response.finishReason": "stop",
        "ai.usage.promptTokens": 3,
        "ai.usage.completionTokens": 10,
      },
    }));
    expect(mapped.metadata).toEqual({});
    const m = mapped.observation;
    expect(m).toMatchObject({
      type: "generation",
      model: "mock-model-id",
      provider: "mock-provider",
      finishReason: "stop",
      usage: { promptTokens: 3, completionTokens: 10, totalTokens: 13 },
      input: { messages: [{ role: "user", content: [{ type: "text", text: PROMPT }] }] },
      output: { text: COMPLETION },
    });
  });

  it("maps the wrapping ai.streamText span as a span with ai.prompt", () => {
    const span = testSpan({ name: "ai.streamText", attributes: { "ai.operationId": "ai.streamText", "ai.prompt": JSON.stringify({ prompt: PROMPT }) } });
    expect(isGenerationSpan(span)).toBe(false);
    expect(mapSpan(span).observation).toMatchObject({ type: "span", input: { prompt: PROMPT }, output: null });
    expect(isGenerationSpan(testSpan({ name: "ai.streamText.doStream" }))).toBe(true);
  });

  it("puts experimental_telemetry metadata into the trace's metadata", () => {
    const mapped = mapSpan(testSpan({ name: "ai.generateText", attributes: { "ai.telemetry.metadata.team": "growth", "ai.telemetry.functionId": "summarize" } }));
    expect(mapped.metadata).toEqual({ team: "growth" });
    expect(mapped.observation.attributes).toMatchObject({ "ai.telemetry.functionId": "summarize" });
    expect(mapped.observation.attributes).not.toHaveProperty("ai.telemetry.metadata.team");
  });
});

describe("mapSpan: type, names and status", () => {
  it("only GenAI operation spans are generations", () => {
    for (const op of ["chat", "text_completion", "generate_content", "embeddings"]) {
      expect(isGenerationSpan(testSpan({ attributes: { "gen_ai.operation.name": op } }))).toBe(true);
    }
    for (const op of ["execute_tool", "invoke_agent"]) expect(isGenerationSpan(testSpan({ attributes: { "gen_ai.operation.name": op } }))).toBe(false);
    expect(isGenerationSpan(testSpan({ name: "GET /" }))).toBe(false);
  });

  it("span_name names a span; status and message go to attributes", () => {
    const m = mapSpan(testSpan({ name: "agent", attributes: { span_name: "answer" }, status: { code: 2, message: "boom" } })).observation;
    expect(m).toMatchObject({ type: "span", name: "answer" });
    expect(m.attributes).toMatchObject({ "otel.status_code": "ERROR", "otel.status_message": "boom" });
  });
});
