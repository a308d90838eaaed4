import { describe, expect, it } from "vitest";
import { traceFileSchema } from "@/lib/core/trace/trace-file-schema";
import { buildOtlpTraceFileName } from "./otlp-object-key";
import { countSpans, prepareOtlpTraces, validateSpan } from "./otlp-traces";
import { MS_NS, NOW, START_NS, TRACE_ID, testSpan } from "./otlp-test-fixtures";

const ctx = { apiKeyName: "production-app", now: NOW };
const OTHER_TRACE = "0af7651916cd43dd8448eb211c80319c";

describe("prepareOtlpTraces: grouping by trace", () => {
  const root = testSpan({ spanId: "1111111111111111", name: "agent run", startTimeUnixNano: START_NS + MS_NS, attributes: { "trace.metadata.team": "support", "user.id": "u-1" } });
  const child = testSpan({ spanId: "2222222222222222", parentSpanId: "1111111111111111", startTimeUnixNano: START_NS + BigInt(2) * MS_NS, attributes: { "gen_ai.operation.name": "chat", "session.id": "s-1" } });
  const other = testSpan({ traceId: OTHER_TRACE, spanId: "3333333333333333", resource: { "service.name": "other" } });
  const { traces, rejected } = prepareOtlpTraces({ spans: [child, other, root], rejected: [] }, ctx);

  it("makes one file per trace, observations ordered by start time, valid against the published schema", () => {
    expect(rejected).toEqual([]);
    expect(traces.map((t) => t.traceId)).toEqual([TRACE_ID, OTHER_TRACE]);
    const file = traces[0]!.file;
    expect(traceFileSchema.parse(file)).toEqual(file);
    expect(file).toMatchObject({
      schemaVersion: 1,
      id: TRACE_ID,
      name: "agent run",
      timestamp: "2026-11-27T10:00:00.001Z",
      userId: "u-1",
      sessionId: "s-1",
      apiKeyName: "production-app",
      metadata: { "service.name": "support-bot", team: "support" },
      privacyMode: false,
    });
    expect(file.observations.map((o) => [o.id, o.type, o.parentId])).toEqual([
      ["1111111111111111", "span", null],
      ["2222222222222222", "generation", "1111111111111111"],
    ]);
    expect(traces[0]).toMatchObject({ createdAt: new Date("2026-11-27T10:00:00.001Z"), spanIds: ["1111111111111111", "2222222222222222"] });
    expect(traces[1]!.file.metadata).toEqual({ "service.name": "other" });
    expect(countSpans(traces)).toBe(3);
  });

  it("names the trace by trace_name when a span carries it", () => {
    const named = prepareOtlpTraces({ spans: [testSpan({ attributes: { "trace.metadata.trace_name": "support-chat" } })], rejected: [] }, ctx);
    expect(named.traces[0]?.file.name).toBe("support-chat");
  });
});

describe("validateSpan", () => {
  it("rejects bad ids and missing or impossible start times, one span at a time", () => {
    expect(validateSpan(testSpan(), NOW)).toBeNull();
    expect(validateSpan(testSpan({ traceId: "0".repeat(32) }), NOW)).toMatch(/traceId/);
    expect(validateSpan(testSpan({ traceId: "abc" }), NOW)).toMatch(/traceId/);
    expect(validateSpan(testSpan({ spanId: "" }), NOW)).toMatch(/spanId/);
    expect(validateSpan(testSpan({ parentSpanId: "12" }), NOW)).toMatch(/parentSpanId/);
    expect(validateSpan(testSpan({ startTimeUnixNano: null }), NOW)).toMatch(/required/);
    expect(validateSpan(testSpan({ startTimeUnixNano: BigInt(NOW.getTime() + 3 * 86_400_000) * MS_NS }), NOW)).toMatch(/between/);
  });

  it("keeps the good spans of a trace when others are rejected", () => {
    const result = prepareOtlpTraces({ spans: [testSpan({ spanId: "bad" }), testSpan()], rejected: [{ reason: "decoder said no" }] }, ctx);
    expect(result.rejected.map((r) => r.reason)).toEqual(["decoder said no", expect.stringMatching(/spanId/)]);
    expect(countSpans(result.traces)).toBe(1);
  });

  it("rejects a span whose attributes or resource use a forbidden key, as every ingest format does", () => {
    for (const span of [testSpan({ attributes: { constructor: "x" } }), testSpan({ resource: JSON.parse('{"prototype":"x"}') })]) {
      const result = prepareOtlpTraces({ spans: [span], rejected: [] }, ctx);
      expect(result.traces).toEqual([]);
      expect(result.rejected[0]?.reason).toMatch(/reserved key/);
    }
  });

  it("rejects a span whose value breaks the JSON guard (a string over 256 KiB)", () => {
    const result = prepareOtlpTraces({ spans: [testSpan({ attributes: { huge: "x".repeat(300 * 1024) } })], rejected: [] }, ctx);
    expect(result.traces).toEqual([]);
    expect(result.rejected[0]?.reason).toMatch(/256 KiB/);
  });
});

describe("buildOtlpTraceFileName", () => {
  const trace = (spanIds: string[]) => ({ traceId: TRACE_ID, createdAt: new Date("2026-11-27T10:00:00.001Z"), spanIds });

  it("is {traceId}-{epoch seconds}-{hash of the span ids}.json", () => {
    expect(buildOtlpTraceFileName(trace(["1111111111111111"]), "key-1")).toMatch(new RegExp(`^${TRACE_ID}-1795773600-[0-9a-f]{32}\\.json$`));
  });

  it("lands a retried request on the same key whatever the span order, and later spans on another", () => {
    const first = buildOtlpTraceFileName(trace(["1111111111111111", "2222222222222222"]), "key-1");
    expect(buildOtlpTraceFileName(trace(["2222222222222222", "1111111111111111"]), "key-1")).toBe(first);
    expect(buildOtlpTraceFileName(trace(["3333333333333333"]), "key-1")).not.toBe(first);
  });
});
