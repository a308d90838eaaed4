import type { Attributes, OtlpEvent, OtlpSpan } from "./otlp-span";

// Spans for the unit tests of lib/core/otlp and lib/ingest/otlp.

export const TRACE_ID = "5b8efff798038103d269b633813fc60c";
export const START_NS = BigInt("1795773600000000000"); // 2026-11-27T10:00:00Z
export const MS_NS = BigInt(1_000_000);
export const NOW = new Date("2026-11-28T00:00:00Z");
export const PROMPT = "Secret prompt: the launch code is 0000";
export const COMPLETION = "Secret completion: do not tell anyone";

export function testSpan(over: Partial<OtlpSpan> & { attributes?: Attributes; events?: OtlpEvent[] } = {}): OtlpSpan {
  return {
    traceId: TRACE_ID,
    spanId: "eee19b7ec3c1b174",
    parentSpanId: null,
    name: "chat gpt-4o",
    kind: 3,
    startTimeUnixNano: START_NS,
    endTimeUnixNano: START_NS + BigInt(850) * MS_NS,
    attributes: {},
    events: [],
    status: { code: 0, message: "" },
    resource: { "service.name": "support-bot" },
    scope: { name: "test-scope", version: "1.0.0" },
    ...over,
  };
}
