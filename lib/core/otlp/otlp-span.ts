import type { JsonValue } from "@/lib/core/trace/trace-file-schema";
import { MAX_JSON_DEPTH } from "@/lib/core/trace/json-guard";

// The one shape both decoders (protobuf and the OTLP JSON mapping) produce: a span with its
// resource and scope attached, ids as lowercase hex, times as nanosecond bigints, attribute values
// as plain JSON. Everything after decoding (validation, mapping, grouping) works on this.

export type Attributes = Record<string, JsonValue>;

export type OtlpEvent = { name: string; timeUnixNano: bigint | null; attributes: Attributes };

export type OtlpSpan = {
  traceId: string;
  spanId: string;
  parentSpanId: string | null;
  name: string;
  kind: number;
  startTimeUnixNano: bigint | null;
  endTimeUnixNano: bigint | null;
  attributes: Attributes;
  events: OtlpEvent[];
  status: { code: number; message: string };
  resource: Attributes;
  scope: { name: string; version: string };
};

/** A span the decoder could not turn into an OtlpSpan; it is counted in partial_success. */
export type RejectedSpan = { reason: string };

export type DecodedRequest = { spans: OtlpSpan[]; rejected: RejectedSpan[] };

/** Thrown while converting one span; the decoders catch it and reject only that span. */
export class SpanProblem extends Error {}

/** Thrown when the request itself is not an ExportTraceServiceRequest (answered with 400). */
export class BadRequestBody extends Error {}

export const SPAN_KINDS = ["UNSPECIFIED", "INTERNAL", "SERVER", "CLIENT", "PRODUCER", "CONSUMER"] as const;
export const STATUS_CODES = ["UNSET", "OK", "ERROR"] as const;

export function bytesToHex(bytes: Uint8Array): string {
  return Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength).toString("hex");
}

/** 64-bit integers become numbers while exact, else decimal strings (JSON cannot carry them). */
export function int64ToJson(value: bigint): JsonValue {
  return value >= BigInt(Number.MIN_SAFE_INTEGER) && value <= BigInt(Number.MAX_SAFE_INTEGER) ? Number(value) : value.toString();
}

/** NaN and ±Infinity are valid OTLP doubles but not JSON numbers. */
export function doubleToJson(value: number): JsonValue {
  return Number.isFinite(value) ? value : String(value);
}

export function checkDepth(depth: number): void {
  if (depth > MAX_JSON_DEPTH) throw new SpanProblem(`an attribute value is nested more than ${MAX_JSON_DEPTH} levels deep`);
}

/** Adds a key/value pair; duplicate keys keep the last value, as the collector does. */
export function setAttribute(target: Attributes, key: string, value: JsonValue): void {
  // A "__proto__" key would otherwise replace the object's prototype instead of becoming a key.
  Object.defineProperty(target, key, { value, enumerable: true, writable: true, configurable: true });
}
