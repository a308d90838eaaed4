import type { JsonValue } from "@/lib/core/trace/trace-file-schema";
import { ExportTraceServiceRequestType } from "./otlp-proto-schema";
import {
  BadRequestBody, bytesToHex, checkDepth, doubleToJson, int64ToJson, setAttribute, SpanProblem,
  type Attributes, type DecodedRequest, type OtlpSpan,
} from "./otlp-span";

// application/x-protobuf bodies. Values are read from the decoded messages directly rather than
// through toObject(): with defaults off toObject omits a oneof member set to false or 0, with
// defaults on it invents values that were never sent. The oneof's own discriminator says which
// member was really set.

type Long = { toString(): string };
type PbAnyValue = {
  value?: string;
  stringValue?: string; boolValue?: boolean; intValue?: Long | number; doubleValue?: number;
  arrayValue?: { values?: PbAnyValue[] }; kvlistValue?: { values?: PbKeyValue[] }; bytesValue?: Uint8Array;
};
type PbKeyValue = { key?: string; value?: PbAnyValue | null };
type PbEvent = { timeUnixNano?: Long | number; name?: string; attributes?: PbKeyValue[] };
type PbLink = { traceId?: Uint8Array; spanId?: Uint8Array; attributes?: PbKeyValue[] };
type PbSpan = {
  traceId?: Uint8Array; spanId?: Uint8Array; parentSpanId?: Uint8Array; name?: string; kind?: number;
  startTimeUnixNano?: Long | number; endTimeUnixNano?: Long | number; attributes?: PbKeyValue[];
  events?: PbEvent[]; links?: PbLink[]; status?: { message?: string; code?: number } | null;
};
type PbRequest = {
  resourceSpans?: {
    resource?: { attributes?: PbKeyValue[] } | null;
    scopeSpans?: { scope?: { name?: string; version?: string } | null; spans?: PbSpan[] }[];
  }[];
};

function toBigInt(value: Long | number | undefined): bigint | null {
  if (value === undefined || value === null) return null;
  const big = BigInt(value.toString());
  return big === BigInt(0) ? null : big;
}

function anyValueToJson(value: PbAnyValue | null | undefined, depth: number): JsonValue {
  checkDepth(depth);
  switch (value?.value) {
    case "stringValue": return value.stringValue ?? "";
    case "boolValue": return value.boolValue === true;
    case "intValue": return int64ToJson(BigInt((value.intValue ?? 0).toString()));
    case "doubleValue": return doubleToJson(value.doubleValue ?? 0);
    case "arrayValue": return (value.arrayValue?.values ?? []).map((v) => anyValueToJson(v, depth + 1));
    case "kvlistValue": return keyValuesToJson(value.kvlistValue?.values ?? [], depth + 1);
    case "bytesValue": return Buffer.from(value.bytesValue ?? new Uint8Array()).toString("base64");
    default: return null; // an empty AnyValue
  }
}

function keyValuesToJson(list: PbKeyValue[], depth = 0): Attributes {
  const out: Attributes = {};
  for (const kv of list) setAttribute(out, kv.key ?? "", anyValueToJson(kv.value, depth + 1));
  return out;
}

const hexOrEmpty = (bytes: Uint8Array | undefined) => (bytes && bytes.length > 0 ? bytesToHex(bytes) : "");

function convertSpan(span: PbSpan, resource: Attributes, scope: OtlpSpan["scope"]): OtlpSpan {
  const attributes = keyValuesToJson(span.attributes ?? []);
  if (span.links && span.links.length > 0) {
    setAttribute(attributes, "otel.links", span.links.map((link) => ({
      traceId: hexOrEmpty(link.traceId), spanId: hexOrEmpty(link.spanId), attributes: keyValuesToJson(link.attributes ?? []),
    })));
  }
  return {
    traceId: hexOrEmpty(span.traceId),
    spanId: hexOrEmpty(span.spanId),
    parentSpanId: hexOrEmpty(span.parentSpanId) || null,
    name: span.name ?? "",
    kind: span.kind ?? 0,
    startTimeUnixNano: toBigInt(span.startTimeUnixNano),
    endTimeUnixNano: toBigInt(span.endTimeUnixNano),
    attributes,
    events: (span.events ?? []).map((e) => ({ name: e.name ?? "", timeUnixNano: toBigInt(e.timeUnixNano), attributes: keyValuesToJson(e.attributes ?? []) })),
    status: { code: span.status?.code ?? 0, message: span.status?.message ?? "" },
    resource,
    scope,
  };
}

/** Throws BadRequestBody when the bytes are not an ExportTraceServiceRequest. */
export function decodeOtlpProtobuf(bytes: Uint8Array): DecodedRequest {
  let request: PbRequest;
  try {
    request = ExportTraceServiceRequestType.decode(bytes) as unknown as PbRequest;
  } catch (error) {
    throw new BadRequestBody(`The body is not a valid protobuf ExportTraceServiceRequest: ${(error as Error).message}`);
  }
  const out: DecodedRequest = { spans: [], rejected: [] };
  for (const resourceSpans of request.resourceSpans ?? []) {
    let resource: Attributes;
    try {
      resource = keyValuesToJson(resourceSpans.resource?.attributes ?? []);
    } catch (error) {
      if (!(error instanceof SpanProblem)) throw error;
      for (const s of resourceSpans.scopeSpans ?? []) for (const _ of s.spans ?? []) out.rejected.push({ reason: `resource: ${error.message}` });
      continue;
    }
    for (const scopeSpans of resourceSpans.scopeSpans ?? []) {
      const scope = { name: scopeSpans.scope?.name ?? "", version: scopeSpans.scope?.version ?? "" };
      for (const span of scopeSpans.spans ?? []) {
        try {
          out.spans.push(convertSpan(span, resource, scope));
        } catch (error) {
          if (!(error instanceof SpanProblem)) throw error;
          out.rejected.push({ reason: error.message });
        }
      }
    }
  }
  return out;
}
