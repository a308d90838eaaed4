import { describe, expect, it } from "vitest";
import { parseIngestBody } from "@/lib/core/trace/trace-event-schema";
import { buildSampleEvent } from "@/lib/core/trace/sample-trace";
import { buildRoutableTrace } from "./routable-trace";
import { evaluateRouting } from "./evaluate-routing";
import { routingSettingsSchema } from "./routing-schema";

function normalized(body: unknown) {
  const parsed = parseIngestBody({ created_at: "2026-01-01T00:00:00Z", ...(body as object) }, new Date("2026-01-01T00:00:00Z"));
  if (!parsed.ok || !parsed.events[0]) throw new Error(JSON.stringify(parsed));
  return parsed.events[0];
}

describe("buildRoutableTrace", () => {
  it("maps a full native event to the rule fields", () => {
    const event = normalized(buildSampleEvent(new Date("2026-01-01T00:00:00Z")));
    expect(buildRoutableTrace(event, { apiKeyName: "production-app" })).toEqual({
      trace_id: event.id,
      model: "openai/gpt-4o-mini",
      provider: "OpenAI",
      session_id: "broadcast-test-session",
      user_id: "broadcast-test-user",
      api_key_name: "production-app",
      finish_reason: "stop",
      input: event.input,
      output: event.output,
      total_cost: event.cost?.total,
      total_tokens: 53,
      prompt_tokens: 31,
      completion_tokens: 22,
      metadata: { source: "broadcast-test", broadcast_test: true },
    });
  });

  it("samples on trace.trace_id when the event has one, so every file of the trace agrees", () => {
    const event = normalized({ id: "evt-1", trace: { trace_id: "trace-9", env: "prod" }, usage: { prompt_tokens: 2, completion_tokens: 3 } });
    const trace = buildRoutableTrace(event, { apiKeyName: "k" });
    expect(trace).toMatchObject({ trace_id: "trace-9", total_tokens: 5, metadata: { env: "prod" } });
  });

  it("marks what a minimal event lacks as missing", () => {
    const trace = buildRoutableTrace(normalized({ id: "evt-2" }), { apiKeyName: "k" });
    const settings = routingSettingsSchema.parse({
      filter_rules: {
        groups: [{ rules: ["model", "input", "output", "total_cost", "user_id"].map((field) => ({ field, operator: "not_exists" })) }],
      },
    });
    expect(evaluateRouting(settings, trace, "k").delivers).toBe(true);
    expect(trace.trace_id).toBe("evt-2");
  });
});
