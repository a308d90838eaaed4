import { describe, expect, it } from "vitest";
import { serializeTraceFile } from "@/lib/core/trace/trace-file";
import { isContentAttribute } from "./content-attributes";
import { applyOtlpPrivacyMode } from "./otlp-privacy";
import { prepareOtlpTraces } from "./otlp-traces";
import { COMPLETION, NOW, PROMPT, START_NS, testSpan } from "./otlp-test-fixtures";

// One trace carrying content in every convention we map (and some we do not), on span
// attributes, events, event attributes, links, status and metadata.
function everyConvention() {
  const p = PROMPT;
  const c = COMPLETION;
  const spans = [
    testSpan({ spanId: "1000000000000001", attributes: {
      "gen_ai.operation.name": "chat", "gen_ai.request.model": "gpt-4o", "gen_ai.usage.input_tokens": 10, "gen_ai.usage.output_tokens": 20,
      "gen_ai.usage.cost": 0.0012, "gen_ai.input.messages": JSON.stringify([{ role: "user", parts: [{ type: "text", content: p }] }]),
      "gen_ai.output.messages": JSON.stringify([{ role: "assistant", parts: [{ type: "text", content: c }] }]),
      "gen_ai.system_instructions": p, "gen_ai.tool.call.arguments": p, "gen_ai.tool.call.result": c, "gen_ai.tool.definitions": p,
      "trace.metadata.team": "support", "trace.metadata.prompt": p,
    } }),
    testSpan({ spanId: "1000000000000002", attributes: {
      "gen_ai.system": "openai", "gen_ai.prompt.0.content": p, "gen_ai.completion.0.content": c, "gen_ai.prompt": p, "gen_ai.completion": c,
    } }),
    testSpan({ spanId: "1000000000000005", attributes: { "gen_ai.system": "openai" }, events: [
      { name: "gen_ai.user.message", timeUnixNano: START_NS, attributes: { content: p } },
      { name: "gen_ai.choice", timeUnixNano: START_NS, attributes: { message: JSON.stringify({ content: c }) } },
      { name: "exception", timeUnixNano: START_NS, attributes: { "exception.message": `failed on ${p}`, "exception.type": "Error" } },
    ], status: { code: 2, message: `bad prompt ${p}` } }),
    testSpan({ spanId: "1000000000000006", events: [
      { name: "gen_ai.client.inference.operation.details", timeUnixNano: START_NS, attributes: { "gen_ai.input.messages": p, "gen_ai.output.messages": c } },
    ] }),
    testSpan({ spanId: "1000000000000003", attributes: {
      "openinference.span.kind": "LLM", "input.value": p, "output.value": c, "llm.input_messages.0.message.content": p,
      "llm.output_messages.0.message.content": c, "llm.prompts": [p], "llm.prompt_template.template": p, "llm.prompt_template.variables": p,
      "tool.parameters": p, "retrieval.documents.0.document.content": p, "embedding.embeddings.0.embedding.text": p, "llm.token_count.prompt": 5,
      "traceloop.entity.input": p, "traceloop.entity.output": c, "otel.links": [{ traceId: "a", spanId: "b", attributes: { "message.content": p } }],
    } }),
    testSpan({ spanId: "1000000000000004", name: "ai.generateText.doGenerate", attributes: {
      "ai.prompt": p, "ai.prompt.messages": p, "ai.prompt.tools": [p], "ai.response.text": c, "ai.response.toolCalls": c, "ai.response.object": c,
      "ai.toolCall.args": p, "ai.toolCall.result": c, "ai.response.reasoning": c, "ai.value": p, "ai.embedding": c, "ai.usage.promptTokens": 3,
      "http.request.body": p, "custom.question": p, "my_app.userMessage": p,
    } }),
  ];
  const { traces } = prepareOtlpTraces({ spans, rejected: [] }, { apiKeyName: "k", now: NOW });
  return traces[0]!.file;
}

describe("applyOtlpPrivacyMode", () => {
  const file = everyConvention();

  it("leaves no prompt or completion text anywhere in the serialized file", () => {
    const open = serializeTraceFile(file);
    expect(open).toContain(PROMPT);
    expect(open).toContain(COMPLETION);
    const text = serializeTraceFile(applyOtlpPrivacyMode(file));
    expect(text).not.toContain("launch code");
    expect(text).not.toContain("do not tell");
  });

  it("keeps tokens, cost, timing, model and metadata; input and output are null", () => {
    const privateFile = applyOtlpPrivacyMode(file);
    expect(privateFile.privacyMode).toBe(true);
    expect(privateFile.metadata).toEqual({ "service.name": "support-bot", team: "support" });
    const [first, , , , third, fourth] = privateFile.observations;
    expect(first).toMatchObject({ model: "gpt-4o", usage: { promptTokens: 10, completionTokens: 20, totalTokens: 30 }, cost: { total: 0.0012 }, latencyMs: 850, input: null, output: null });
    expect(third?.usage.promptTokens).toBe(5);
    expect(fourth?.usage.promptTokens).toBe(3);
    expect(privateFile.observations[2]?.attributes).toMatchObject({
      "otel.status_code": "ERROR",
      "otel.events": [{ name: "exception", attributes: { "exception.type": "Error" } }],
    });
  });
});

describe("isContentAttribute", () => {
  it("marks content by name, keeps numbers, booleans and names that only describe content", () => {
    for (const name of ["gen_ai.input.messages", "ai.prompt", "output.value", "gen_ai.tool.call.arguments", "ai.toolCall.args", "my.functionCall", "llm.prompts"]) {
      expect(isContentAttribute(name, "x"), name).toBe(true);
    }
    for (const name of ["gen_ai.request.model", "gen_ai.output.type", "input.mime_type", "gen_ai.tool.call.id", "service.name", "http.response.status_code"]) {
      expect(isContentAttribute(name, "x"), name).toBe(false);
    }
    expect(isContentAttribute("llm.token_count.prompt", 5)).toBe(false);
    expect(isContentAttribute("gen_ai.request.stream", false)).toBe(false);
  });
});
