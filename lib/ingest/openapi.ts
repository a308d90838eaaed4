import { z } from "zod";
import { MAX_INGEST_BODY_BYTES } from "./handle-ingest";
import { otlpOpenApiPath, otlpOpenApiSchemas } from "./otlp/otlp-openapi";
import { MAX_BATCH_EVENTS, traceEventSchema } from "../core/trace/trace-event-schema";
import { destinationsOpenApiPaths, destinationsOpenApiSchemas } from "@/lib/destinations/destinations-openapi";

// The ingest contract as OpenAPI 3.1, generated from the same zod schema that validates requests,
// so the published document cannot drift from what the server accepts.

function eventJsonSchema(): Record<string, unknown> {
  const schema = z.toJSONSchema(traceEventSchema, { io: "input", unrepresentable: "any" }) as Record<string, unknown>;
  delete schema.$schema;
  const properties = schema.properties as Record<string, Record<string, unknown>>;
  const describe = (key: string, description: string) => {
    if (properties[key]) properties[key] = { ...properties[key], description };
  };
  describe("id", "The request/generation id. The same id sent twice by the same API key writes the same object.");
  describe("created_at", "Request start: ISO 8601 with a timezone, or epoch seconds, or epoch milliseconds.");
  describe("input", "The prompt (any JSON). Removed entirely for Privacy Mode destinations.");
  describe("output", "The completion (any JSON). Removed entirely for Privacy Mode destinations.");
  describe("cost", "Costs in USD.");
  describe("trace", "trace_id, trace_name, span_name, generation_name map to the file's trace and observations; every other key is kept as metadata.");
  return schema;
}

const errorSchema = {
  type: "object",
  required: ["error"],
  properties: {
    error: {
      type: "object",
      required: ["code", "message"],
      properties: {
        code: { type: "string", examples: ["invalid_body"] },
        message: { type: "string" },
        issues: {
          type: "array",
          items: {
            type: "object",
            required: ["path", "message"],
            properties: { path: { type: "string", examples: ["traces[3].usage.prompt_tokens"] }, message: { type: "string", examples: ["expected a number"] } },
          },
        },
      },
    },
  },
};

const errorResponse = (description: string, headers?: Record<string, unknown>) => ({
  description,
  ...(headers ? { headers } : {}),
  content: { "application/json": { schema: { $ref: "#/components/schemas/Error" } } },
});

const retryAfter = { "Retry-After": { description: "Seconds to wait before retrying.", schema: { type: "integer" } } };

export function buildOpenApiDocument(): Record<string, unknown> {
  return {
    openapi: "3.1.0",
    info: {
      title: "Broadcast ingest API",
      version: "1.0.0",
      description: "Send LLM request traces; Broadcast writes one JSON file per trace into every enabled S3 destination.",
    },
    servers: [{ url: "/" }],
    components: {
      securitySchemes: { apiKey: { type: "http", scheme: "bearer", description: "An API key from Settings > API Keys (starts with brd_)." } },
      schemas: {
        TraceEvent: eventJsonSchema(),
        TraceBatch: {
          type: "object",
          required: ["traces"],
          additionalProperties: false,
          properties: { traces: { type: "array", minItems: 1, maxItems: MAX_BATCH_EVENTS, items: { $ref: "#/components/schemas/TraceEvent" } } },
        },
        Accepted: {
          type: "object",
          required: ["accepted", "ids"],
          properties: { accepted: { type: "integer" }, ids: { type: "array", items: { type: "string" } } },
        },
        Error: errorSchema,
        ...otlpOpenApiSchemas,
        ...destinationsOpenApiSchemas(),
      },
    },
    security: [{ apiKey: [] }],
    paths: {
      "/api/v1/traces": {
        post: {
          operationId: "ingestTraces",
          summary: "Accept one trace event or a batch of up to 100",
          description: `Body at most ${MAX_INGEST_BODY_BYTES} bytes. A bad event rejects the whole request and nothing is stored.`,
          requestBody: {
            required: true,
            content: {
              "application/json": {
                schema: { oneOf: [{ $ref: "#/components/schemas/TraceEvent" }, { $ref: "#/components/schemas/TraceBatch" }] },
              },
            },
          },
          responses: {
            "202": { description: "Stored durably; delivery to the destinations follows.", content: { "application/json": { schema: { $ref: "#/components/schemas/Accepted" } } } },
            "400": errorResponse("Invalid JSON or invalid events; `issues` lists each problem by path."),
            "401": errorResponse("Missing, unknown or revoked API key."),
            "403": errorResponse("The key has the admin scope; send traces with an ingest key."),
            "413": errorResponse("Body larger than 1 MiB."),
            "415": errorResponse("Body is not JSON (Content-Type must be application/json)."),
            "429": errorResponse("Over the per-key rate limit.", retryAfter),
            "503": errorResponse("Delivery backlog full; nothing stored.", retryAfter),
          },
        },
      },
      "/v1/traces": otlpOpenApiPath,
      ...destinationsOpenApiPaths(),
    },
  };
}
