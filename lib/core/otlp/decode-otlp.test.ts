import { SpanKind, SpanStatusCode } from "@opentelemetry/api";
import { JsonTraceSerializer, ProtobufTraceSerializer } from "@opentelemetry/otlp-transformer";
import { resourceFromAttributes } from "@opentelemetry/resources";
import { BasicTracerProvider, InMemorySpanExporter, SimpleSpanProcessor } from "@opentelemetry/sdk-trace-base";
import { describe, expect, it } from "vitest";
import { decodeOtlpJson } from "./decode-otlp-json";
import { decodeOtlpProtobuf } from "./decode-otlp-protobuf";
import { ExportTraceServiceRequestType } from "./otlp-proto-schema";
import { BadRequestBody } from "./otlp-span";
import { PROMPT } from "./otlp-test-fixtures";

// Both decoders against the OpenTelemetry JS SDK's own serializers (the code its exporters run),
// so the field numbers and the JSON mapping are checked against a real client, not against ourselves.

function sdkSpans() {
  const exporter = new InMemorySpanExporter();
  const provider = new BasicTracerProvider({
    resource: resourceFromAttributes({ "service.name": "support-bot", "deployment.count": 3 }),
    spanProcessors: [new SimpleSpanProcessor(exporter)],
  });
  const tracer = provider.getTracer("genai-test", "1.2.3");
  const start = new Date("2026-11-27T10:00:00.000Z");
  const span = tracer.startSpan("chat gpt-4o", {
    kind: SpanKind.CLIENT,
    startTime: start,
    attributes: {
      "gen_ai.operation.name": "chat",
      "gen_ai.request.temperature": 0,
      "gen_ai.request.stream": false,
      "gen_ai.usage.input_tokens": 10,
      "gen_ai.request.top_p": 0.5,
      "gen_ai.response.finish_reasons": ["stop"],
      "gen_ai.prompt.0.content": PROMPT,
    },
  });
  span.addEvent("exception", { "exception.type": "Timeout", "retry.count": 0 }, new Date("2026-11-27T10:00:00.005Z"));
  span.setStatus({ code: SpanStatusCode.ERROR, message: "boom" });
  span.end(new Date("2026-11-27T10:00:00.850Z"));
  return exporter.getFinishedSpans();
}

describe("decodeOtlpProtobuf and decodeOtlpJson", () => {
  const spans = sdkSpans();
  const fromProto = decodeOtlpProtobuf(ProtobufTraceSerializer.serializeRequest(spans) as Uint8Array);
  const fromJson = decodeOtlpJson(JSON.parse(new TextDecoder().decode(JsonTraceSerializer.serializeRequest(spans) as Uint8Array)));
  const sdk = spans[0]!;

  it("decode the SDK's protobuf into hex ids, nanosecond times and typed attributes (false and 0 kept)", () => {
    expect(fromProto.rejected).toEqual([]);
    expect(fromProto.spans).toHaveLength(1);
    expect(fromProto.spans[0]).toEqual({
      traceId: sdk.spanContext().traceId,
      spanId: sdk.spanContext().spanId,
      parentSpanId: null,
      name: "chat gpt-4o",
      kind: 3,
      startTimeUnixNano: BigInt("1795773600000000000"),
      endTimeUnixNano: BigInt("1795773600850000000"),
      attributes: {
        "gen_ai.operation.name": "chat",
        "gen_ai.request.temperature": 0,
        "gen_ai.request.stream": false,
        "gen_ai.usage.input_tokens": 10,
        "gen_ai.request.top_p": 0.5,
        "gen_ai.response.finish_reasons": ["stop"],
        "gen_ai.prompt.0.content": PROMPT,
      },
      events: [{ name: "exception", timeUnixNano: BigInt("1795773600005000000"), attributes: { "exception.type": "Timeout", "retry.count": 0 } }],
      status: { code: 2, message: "boom" },
      resource: expect.objectContaining({ "service.name": "support-bot", "deployment.count": 3 }),
      scope: { name: "genai-test", version: "1.2.3" },
    });
  });

  it("decode the SDK's JSON to exactly the same spans", () => {
    expect(fromJson).toEqual(fromProto);
  });
});

describe("decodeOtlpJson: the JSON mapping's variations", () => {
  const span = (over: Record<string, unknown>) => ({ resourceSpans: [{ scopeSpans: [{ spans: [{ traceId: "5B8EFFF798038103D269B633813FC60C", spanId: "EEE19B7EC3C1B174", startTimeUnixNano: "1795773600000000000", ...over }] }] }] });

  it("accepts proto field names, int64 as numbers or strings, enum names, and ignores unknown fields", () => {
    const decoded = decodeOtlpJson({
      resource_spans: [{
        resource: { attributes: [{ key: "service.name", value: { stringValue: "svc" } }] },
        scope_spans: [{
          scope: { name: "s" },
          unknownField: 1,
          spans: [{
            trace_id: "5b8efff798038103d269b633813fc60c", span_id: "eee19b7ec3c1b174", parent_span_id: "",
            start_time_unix_nano: 1795773600000000000, end_time_unix_nano: "1795773600850000000", kind: "SPAN_KIND_SERVER",
            attributes: [
              { key: "big", value: { intValue: "9007199254740993" } },
              { key: "small", value: { intValue: 42 } },
              { key: "zero", value: { intValue: "0" } },
              { key: "off", value: { boolValue: false } },
              { key: "nan", value: { doubleValue: "NaN" } },
              { key: "list", value: { arrayValue: { values: [{ stringValue: "a" }, { intValue: "1" }] } } },
              { key: "map", value: { kvlistValue: { values: [{ key: "k", value: { boolValue: true } }] } } },
              { key: "raw", value: { bytesValue: "AQI=" } },
              { key: "empty", value: {} },
            ],
            status: { code: "STATUS_CODE_OK" },
            someFutureField: { a: 1 },
          }],
        }],
      }],
    });
    expect(decoded.rejected).toEqual([]);
    expect(decoded.spans[0]).toMatchObject({
      traceId: "5b8efff798038103d269b633813fc60c",
      parentSpanId: null,
      kind: 2,
      startTimeUnixNano: BigInt("1795773600000000000"),
      endTimeUnixNano: BigInt("1795773600850000000"),
      status: { code: 1, message: "" },
      attributes: { big: "9007199254740993", small: 42, zero: 0, off: false, nan: "NaN", list: ["a", 1], map: { k: true }, raw: "AQI=", empty: null },
      resource: { "service.name": "svc" },
    });
  });

  it("lowercases hex ids", () => {
    expect(decodeOtlpJson(span({})).spans[0]).toMatchObject({ traceId: "5b8efff798038103d269b633813fc60c", spanId: "eee19b7ec3c1b174" });
  });

  it("rejects only the span with a malformed field, and refuses a body that is not a request", () => {
    const decoded = decodeOtlpJson({ resourceSpans: [{ scopeSpans: [{ spans: [{ traceId: "xyz" }, { spanId: 5 }, "nope", { traceId: "ab", startTimeUnixNano: "soon" }] }] }] });
    expect(decoded.spans).toEqual([]);
    expect(decoded.rejected.map((r) => r.reason)).toEqual([
      "span.traceId must be hex", "span.spanId must be a string", "a span must be an object", "span.startTimeUnixNano must be an integer (a number or a decimal string)",
    ]);
    expect(() => decodeOtlpJson([])).toThrow(BadRequestBody);
    expect(() => decodeOtlpJson({ resourceSpans: {} })).toThrow(BadRequestBody);
    expect(decodeOtlpJson({})).toEqual({ spans: [], rejected: [] });
  });

  it("rejects a span whose attribute nests deeper than the JSON guard allows", () => {
    let value: Record<string, unknown> = { stringValue: "leaf" };
    for (let i = 0; i < 100; i++) value = { arrayValue: { values: [value] } };
    const decoded = decodeOtlpJson(span({ attributes: [{ key: "deep", value }] }));
    expect(decoded.spans).toEqual([]);
    expect(decoded.rejected[0]?.reason).toMatch(/nested more than 64 levels/);
  });
});

describe("decodeOtlpProtobuf: edge cases", () => {
  it("keeps int64 attributes beyond 2^53 exact, as strings", () => {
    const bytes = ExportTraceServiceRequestType.encode(ExportTraceServiceRequestType.fromObject({
      resourceSpans: [{ scopeSpans: [{ spans: [{
        traceId: Buffer.from("5b8efff798038103d269b633813fc60c", "hex"), spanId: Buffer.from("eee19b7ec3c1b174", "hex"),
        startTimeUnixNano: "1795773600000000000",
        attributes: [{ key: "big", value: { intValue: "9007199254740993" } }, { key: "neg", value: { intValue: "-5" } }],
      }] }] }],
    })).finish();
    expect(decodeOtlpProtobuf(bytes).spans[0]?.attributes).toEqual({ big: "9007199254740993", neg: -5 });
  });

  it("refuses bytes that are not an ExportTraceServiceRequest", () => {
    expect(() => decodeOtlpProtobuf(Buffer.from([0x0a, 0xff, 0xff, 0xff, 0x0f, 0x01]))).toThrow(BadRequestBody);
    expect(decodeOtlpProtobuf(new Uint8Array())).toEqual({ spans: [], rejected: [] });
  });
});
