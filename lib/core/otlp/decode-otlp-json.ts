import type { JsonValue } from "@/lib/core/trace/trace-file-schema";
import {
  BadRequestBody, checkDepth, doubleToJson, int64ToJson, setAttribute, SPAN_KINDS, SpanProblem,
  type Attributes, type DecodedRequest, type OtlpSpan,
} from "./otlp-span";

// application/json bodies in the OTLP JSON mapping: lowerCamelCase keys (the proto field names are
// accepted too, as proto3 JSON parsers do), trace and span ids as hex, enums as integers (names are
// accepted), 64-bit integers as strings or numbers, unknown fields ignored.

type Obj = Record<string, unknown>;

const isObj = (value: unknown): value is Obj => typeof value === "object" && value !== null && !Array.isArray(value);

/** A field by its JSON name or its proto name (`traceId` / `trace_id`). */
function field(obj: Obj, camel: string): unknown {
  if (Object.hasOwn(obj, camel)) return obj[camel];
  const snake = camel.replace(/[A-Z]/g, (c) => `_${c.toLowerCase()}`);
  return Object.hasOwn(obj, snake) ? obj[snake] : undefined;
}

function list(obj: Obj, name: string, where: string): unknown[] {
  const value = field(obj, name);
  if (value === undefined || value === null) return [];
  if (!Array.isArray(value)) throw new SpanProblem(`${where}.${name} must be an array`);
  return value;
}

function text(obj: Obj, name: string, where: string): string {
  const value = field(obj, name);
  if (value === undefined || value === null) return "";
  if (typeof value !== "string") throw new SpanProblem(`${where}.${name} must be a string`);
  return value;
}

function int64(value: unknown, where: string): bigint | null {
  if (value === undefined || value === null || value === "") return null;
  if (typeof value === "number" && Number.isInteger(value)) return BigInt(value);
  if (typeof value === "string" && /^-?\d{1,20}$/.test(value)) return BigInt(value);
  throw new SpanProblem(`${where} must be an integer (a number or a decimal string)`);
}

function nanos(obj: Obj, name: string, where: string): bigint | null {
  const value = int64(field(obj, name), `${where}.${name}`);
  return value === BigInt(0) ? null : value;
}

function hexId(obj: Obj, name: string, where: string): string {
  const value = text(obj, name, where);
  if (value !== "" && !/^[0-9a-fA-F]*$/.test(value)) throw new SpanProblem(`${where}.${name} must be hex`);
  return value.toLowerCase();
}

function anyValue(value: unknown, depth: number, where: string): JsonValue {
  checkDepth(depth);
  if (!isObj(value)) return null;
  if (field(value, "stringValue") !== undefined) return String(field(value, "stringValue"));
  const bool = field(value, "boolValue");
  if (bool !== undefined) return bool === true || bool === "true";
  const int = field(value, "intValue");
  if (int !== undefined) return int64ToJson(int64(int, `${where}.intValue`) ?? BigInt(0));
  const double = field(value, "doubleValue");
  if (double !== undefined) return doubleToJson(Number(double));
  const array = field(value, "arrayValue");
  if (isObj(array)) return list(array, "values", where).map((v) => anyValue(v, depth + 1, where));
  const kvlist = field(value, "kvlistValue");
  if (isObj(kvlist)) return keyValues(list(kvlist, "values", where), depth + 1, where);
  const bytes = field(value, "bytesValue");
  if (typeof bytes === "string") return bytes;
  return null;
}

function keyValues(items: unknown[], depth: number, where: string): Attributes {
  const out: Attributes = {};
  for (const item of items) {
    if (!isObj(item)) throw new SpanProblem(`${where}: every attribute must be an object with key and value`);
    setAttribute(out, text(item, "key", where), anyValue(field(item, "value"), depth + 1, where));
  }
  return out;
}

const attributesOf = (obj: Obj, where: string) => keyValues(list(obj, "attributes", where), 0, `${where}.attributes`);

function spanKind(value: unknown): number {
  if (typeof value === "number" && Number.isInteger(value)) return value;
  if (typeof value === "string") {
    const index = SPAN_KINDS.indexOf(value.replace(/^SPAN_KIND_/, "") as (typeof SPAN_KINDS)[number]);
    return index === -1 ? 0 : index;
  }
  return 0;
}

function statusCode(value: unknown): number {
  if (typeof value === "number" && Number.isInteger(value)) return value;
  if (value === "STATUS_CODE_OK") return 1;
  if (value === "STATUS_CODE_ERROR") return 2;
  return 0;
}

function convertSpan(span: unknown, resource: Attributes, scope: OtlpSpan["scope"]): OtlpSpan {
  if (!isObj(span)) throw new SpanProblem("a span must be an object");
  const attributes = attributesOf(span, "span");
  const links = list(span, "links", "span");
  if (links.length > 0) {
    setAttribute(attributes, "otel.links", links.map((link) => {
      if (!isObj(link)) throw new SpanProblem("span.links: every link must be an object");
      return { traceId: hexId(link, "traceId", "link"), spanId: hexId(link, "spanId", "link"), attributes: attributesOf(link, "link") };
    }));
  }
  const status = field(span, "status");
  return {
    traceId: hexId(span, "traceId", "span"),
    spanId: hexId(span, "spanId", "span"),
    parentSpanId: hexId(span, "parentSpanId", "span") || null,
    name: text(span, "name", "span"),
    kind: spanKind(field(span, "kind")),
    startTimeUnixNano: nanos(span, "startTimeUnixNano", "span"),
    endTimeUnixNano: nanos(span, "endTimeUnixNano", "span"),
    attributes,
    events: list(span, "events", "span").map((event) => {
      if (!isObj(event)) throw new SpanProblem("span.events: every event must be an object");
      return { name: text(event, "name", "event"), timeUnixNano: nanos(event, "timeUnixNano", "event"), attributes: attributesOf(event, "event") };
    }),
    status: isObj(status) ? { code: statusCode(field(status, "code")), message: text(status, "message", "status") } : { code: 0, message: "" },
    resource,
    scope,
  };
}

/** Throws BadRequestBody when the JSON is not shaped like an ExportTraceServiceRequest at all. */
export function decodeOtlpJson(json: unknown): DecodedRequest {
  if (!isObj(json)) throw new BadRequestBody("The body must be a JSON object (an ExportTraceServiceRequest).");
  const resourceSpans = field(json, "resourceSpans");
  if (resourceSpans !== undefined && resourceSpans !== null && !Array.isArray(resourceSpans)) {
    throw new BadRequestBody("resourceSpans must be an array.");
  }
  const out: DecodedRequest = { spans: [], rejected: [] };
  for (const rs of (resourceSpans as unknown[] | undefined) ?? []) {
    if (!isObj(rs)) throw new BadRequestBody("Every resourceSpans entry must be an object.");
    const scopeSpans = field(rs, "scopeSpans");
    if (scopeSpans !== undefined && scopeSpans !== null && !Array.isArray(scopeSpans)) throw new BadRequestBody("scopeSpans must be an array.");
    const scopes = ((scopeSpans as unknown[] | undefined) ?? []).map((ss) => {
      if (!isObj(ss)) throw new BadRequestBody("Every scopeSpans entry must be an object.");
      const spans = field(ss, "spans");
      if (spans !== undefined && spans !== null && !Array.isArray(spans)) throw new BadRequestBody("spans must be an array.");
      return { scope: field(ss, "scope"), spans: (spans as unknown[] | undefined) ?? [] };
    });
    let resource: Attributes;
    try {
      const r = field(rs, "resource");
      resource = isObj(r) ? attributesOf(r, "resource") : {};
    } catch (error) {
      if (!(error instanceof SpanProblem)) throw error;
      for (const s of scopes) for (const _ of s.spans) out.rejected.push({ reason: `resource: ${error.message}` });
      continue;
    }
    for (const { scope, spans } of scopes) {
      const scopeInfo = isObj(scope)
        ? { name: typeof field(scope, "name") === "string" ? (field(scope, "name") as string) : "", version: typeof field(scope, "version") === "string" ? (field(scope, "version") as string) : "" }
        : { name: "", version: "" };
      for (const span of spans) {
        try {
          out.spans.push(convertSpan(span, resource, scopeInfo));
        } catch (error) {
          if (!(error instanceof SpanProblem)) throw error;
          out.rejected.push({ reason: error.message });
        }
      }
    }
  }
  return out;
}
