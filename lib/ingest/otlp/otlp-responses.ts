import { ExportTraceServiceResponseType, RpcStatusType } from "@/lib/core/otlp/otlp-proto-schema";

// Answers as the OTLP/HTTP specification describes them: a success carries an
// ExportTraceServiceResponse, every 4xx/5xx a google.rpc.Status, both encoded like the request
// (binary protobuf for application/x-protobuf, the JSON mapping for application/json).

export type OtlpFormat = "protobuf" | "json";

const CONTENT_TYPES: Record<OtlpFormat, string> = { protobuf: "application/x-protobuf", json: "application/json" };

/** google.rpc.Code values. */
export const RPC_CODE = { INVALID_ARGUMENT: 3, PERMISSION_DENIED: 7, RESOURCE_EXHAUSTED: 8, UNAVAILABLE: 14, UNAUTHENTICATED: 16 } as const;

export function formatOf(contentType: string | null): OtlpFormat | null {
  const type = (contentType ?? "").split(";")[0]?.trim().toLowerCase() ?? "";
  if (type === "application/x-protobuf" || type === "application/protobuf") return "protobuf";
  if (type === "application/json") return "json";
  return null;
}

function respond(format: OtlpFormat, status: number, body: Uint8Array | string, headers: Record<string, string> = {}): Response {
  return new Response(body as BodyInit, {
    status,
    headers: { "Content-Type": CONTENT_TYPES[format], "Cache-Control": "no-store", ...headers },
  });
}

export function statusResponse(
  format: OtlpFormat,
  httpStatus: number,
  code: number,
  message: string,
  headers?: Record<string, string>,
): Response {
  const body = format === "json"
    ? JSON.stringify({ code, message })
    : RpcStatusType.encode(RpcStatusType.create({ code, message })).finish();
  return respond(format, httpStatus, body, headers);
}

/** 200; partial_success only when something was rejected (an empty one means full success anyway). */
export function exportResponse(format: OtlpFormat, rejectedSpans: number, errorMessage: string): Response {
  const partial = rejectedSpans > 0 ? { rejectedSpans, errorMessage } : null;
  if (format === "json") {
    // int64 as a decimal string, as the proto3 JSON mapping writes it.
    const body = partial ? { partialSuccess: { rejectedSpans: String(rejectedSpans), errorMessage } } : {};
    return respond(format, 200, JSON.stringify(body));
  }
  const message = ExportTraceServiceResponseType.create(partial ? { partialSuccess: partial } : {});
  return respond(format, 200, ExportTraceServiceResponseType.encode(message).finish());
}
