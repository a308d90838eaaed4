import { DEFAULT_OTLP_MAX_BYTES } from "./handle-otlp-traces";

// POST /v1/traces in the OpenAPI document. The request and response messages are
// opentelemetry-proto's; the JSON Schemas here describe their JSON mapping only as far as a
// reader needs (the proto definitions are the contract).

const rpcStatus = { $ref: "#/components/schemas/OtlpStatus" };
const statusResponse = (description: string, headers?: Record<string, unknown>) => ({
  description: `${description} Body: a google.rpc.Status in the request's encoding.`,
  ...(headers ? { headers } : {}),
  content: { "application/x-protobuf": { schema: { type: "string", format: "binary" } }, "application/json": { schema: rpcStatus } },
});
const retryAfter = { "Retry-After": { description: "Seconds to wait before retrying.", schema: { type: "integer" } } };

export const otlpOpenApiSchemas = {
  OtlpExportTraceServiceRequest: {
    type: "object",
    description: "opentelemetry.proto.collector.trace.v1.ExportTraceServiceRequest in the OTLP JSON mapping (hex ids, lowerCamelCase keys, enums as integers, 64-bit integers as strings or numbers; unknown fields ignored).",
    properties: { resourceSpans: { type: "array", items: { type: "object" } } },
  },
  OtlpExportTraceServiceResponse: {
    type: "object",
    properties: {
      partialSuccess: {
        type: "object",
        description: "Present only when some spans were rejected; the others were stored.",
        properties: { rejectedSpans: { type: "string", examples: ["2"] }, errorMessage: { type: "string" } },
      },
    },
  },
  OtlpStatus: {
    type: "object",
    description: "google.rpc.Status",
    required: ["code", "message"],
    properties: { code: { type: "integer", examples: [3] }, message: { type: "string" } },
  },
};

export const otlpOpenApiPath = {
  post: {
    operationId: "exportOtlpTraces",
    summary: "OpenTelemetry OTLP/HTTP trace export",
    description:
      `The path OTLP exporters append to OTEL_EXPORTER_OTLP_ENDPOINT. Protobuf or JSON, optionally Content-Encoding: gzip; at most ${DEFAULT_OTLP_MAX_BYTES} bytes after decompression by default (BROADCAST_OTLP_MAX_BYTES). ` +
      "The spans of one trace in one request become one trace file (docs/opentelemetry.md).",
    requestBody: {
      required: true,
      content: {
        "application/x-protobuf": { schema: { type: "string", format: "binary", description: "ExportTraceServiceRequest, binary protobuf." } },
        "application/json": { schema: { $ref: "#/components/schemas/OtlpExportTraceServiceRequest" } },
      },
    },
    responses: {
      "200": {
        description: "Stored durably (an empty request too). Body: an ExportTraceServiceResponse in the request's encoding.",
        content: {
          "application/x-protobuf": { schema: { type: "string", format: "binary" } },
          "application/json": { schema: { $ref: "#/components/schemas/OtlpExportTraceServiceResponse" } },
        },
      },
      "400": statusResponse("The body is not valid protobuf, JSON or gzip; nothing was stored."),
      "401": statusResponse("Missing, unknown or revoked API key."),
      "413": statusResponse("Body larger than the limit after decompression."),
      "415": statusResponse("Content-Type is not application/x-protobuf or application/json, or Content-Encoding is not gzip."),
      "429": statusResponse("Over the per-key rate limit (shared with /api/v1/traces).", retryAfter),
      "503": statusResponse("Delivery backlog full; nothing stored.", retryAfter),
    },
  },
};
