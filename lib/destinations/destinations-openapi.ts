import { z } from "zod";
import { filterRulesSchema, MAX_API_KEY_IDS, MIN_SAMPLING_RATE } from "@/lib/core/routing/routing-schema";
import { API_KEY_SCOPES } from "@/lib/api-keys/api-key-scope";
import { API_NAMES, API_PROVIDER_NAMES } from "./destination-api-shape";
import { DESTINATION_FIELDS, isSecretField } from "./destination-fields";

// The destinations API in the OpenAPI document (lib/ingest/openapi.ts adds these). Field names come
// from destination-api-shape's one table; the filter rules' schema is the routing core's own zod schema.

function filterRulesJsonSchema(): Record<string, unknown> {
  const schema = z.toJSONSchema(filterRulesSchema, { io: "input", unrepresentable: "any" }) as Record<string, unknown>;
  delete schema.$schema;
  return schema;
}

const TYPES: Record<string, Record<string, unknown>> = {
  enabled: { type: "boolean" },
  privacy_mode: { type: "boolean", description: "Drop prompts and completions (rules on input/output still apply)." },
  provider: { type: "string", enum: API_PROVIDER_NAMES, description: "Optional: follows the endpoint when omitted." },
  sampling_rate: { type: "number", minimum: MIN_SAMPLING_RATE, maximum: 1, default: 1 },
  api_key_ids: { type: ["array", "null"], items: { type: "string" }, maxItems: MAX_API_KEY_IDS, description: "null: every key; []: none." },
  filter_rules: { oneOf: [{ type: "null" }, { $ref: "#/components/schemas/FilterRules" }], description: "null: no filter." },
};

function destinationSchema(forWrite: boolean): Record<string, unknown> {
  const top: Record<string, unknown> = forWrite ? {} : { id: { type: "string", format: "uuid" } };
  const config: Record<string, unknown> = {};
  for (const field of DESTINATION_FIELDS) {
    const name = API_NAMES[field];
    const secret = isSecretField(field);
    const description = secret ? (forWrite ? "Write-only; omit to keep the stored value." : "A mask such as ••••WXYZ, never the value.") : undefined;
    const schema = { ...(TYPES[name] ?? { type: secret ? ["string", "null"] : "string" }), ...(description ? { description } : {}) };
    if (name.startsWith("config.")) config[name.slice(7)] = schema;
    else top[name] = schema;
  }
  const readOnly = forWrite ? {} : { last_tested_at: { type: ["string", "null"] }, created_at: { type: "string" }, updated_at: { type: "string" } };
  return { type: "object", additionalProperties: false, properties: { ...top, config: { type: "object", additionalProperties: false, properties: config }, ...readOnly } };
}

const json = (ref: string) => ({ "application/json": { schema: { $ref: `#/components/schemas/${ref}` } } });
const error = (description: string) => ({ description, content: json("Error") });
const id = [{ name: "id", in: "path", required: true, schema: { type: "string", format: "uuid" } }];
const auth = { "401": error("Missing, unknown or revoked API key."), "403": error("The key's scope is not admin.") };
const write = { "400": error("Invalid fields; `issues` lists each by API path (`filter_rules.groups.0.rules.1.value`)."), "422": error("The connection test failed; nothing saved. `error.s3` is the classified S3 error."), "429": error("Too many connection tests for this key.") };

export function destinationsOpenApiSchemas(): Record<string, unknown> {
  return {
    FilterRules: filterRulesJsonSchema(),
    Destination: destinationSchema(false),
    DestinationWrite: destinationSchema(true),
    ApiKey: {
      type: "object",
      properties: { id: { type: "string" }, name: { type: "string" }, scope: { type: "string", enum: API_KEY_SCOPES }, created_at: { type: "string" }, last_used_at: { type: ["string", "null"] } },
    },
  };
}

export function destinationsOpenApiPaths(): Record<string, unknown> {
  const list = { type: "object", properties: { data: { type: "array", items: { $ref: "#/components/schemas/Destination" } } } };
  return {
    "/api/v1/destinations": {
      get: { operationId: "listDestinations", summary: "List destinations (admin key)", responses: { "200": { description: "Every destination.", content: { "application/json": { schema: list } } }, ...auth } },
      post: {
        operationId: "createDestination",
        summary: "Create a destination after a passing connection test (admin key)",
        requestBody: { required: true, content: json("DestinationWrite") },
        responses: { "201": { description: "Stored.", content: json("Destination") }, ...auth, ...write, "409": error("At the destination limit.") },
      },
    },
    "/api/v1/destinations/{id}": {
      parameters: id,
      get: { operationId: "getDestination", summary: "One destination", responses: { "200": { description: "The destination.", content: json("Destination") }, ...auth, "404": error("No such destination.") } },
      patch: {
        operationId: "updateDestination",
        summary: "Change fields (omitted ones keep their value); re-runs the connection test",
        requestBody: { required: true, content: json("DestinationWrite") },
        responses: { "200": { description: "Stored.", content: json("Destination") }, ...auth, ...write, "404": error("No such destination.") },
      },
      delete: { operationId: "deleteDestination", summary: "Delete a destination", responses: { "204": { description: "Deleted." }, ...auth, "404": error("No such destination.") } },
    },
    "/api/v1/destinations/{id}/test": {
      parameters: id,
      post: {
        operationId: "testDestination",
        summary: "Run the connection test on the stored settings; persists nothing",
        responses: { "200": { description: "The marker object was written." }, ...auth, "404": error("No such destination."), "422": write["422"], "429": write["429"] },
      },
    },
    "/api/v1/destinations/{id}/queries": {
      parameters: id,
      get: {
        operationId: "destinationQueries",
        summary: "The Athena CREATE EXTERNAL TABLE and DuckDB query for this destination's files",
        responses: {
          "200": {
            description: "Generated for the destination's bucket, prefix, path template and file layout.",
            content: { "application/json": { schema: { type: "object", required: ["athena_ddl", "duckdb_sql"], properties: { athena_ddl: { type: "string" }, duckdb_sql: { type: "string" } } } } },
          },
          ...auth,
          "404": error("No such destination."),
          "409": error("The stored path template cannot be queried (a row from an older, looser version)."),
        },
      },
    },
    "/api/v1/api-keys": {
      get: {
        operationId: "listApiKeys",
        summary: "Active API keys, for api_key_ids (admin key)",
        responses: { "200": { description: "Active keys.", content: { "application/json": { schema: { type: "object", properties: { data: { type: "array", items: { $ref: "#/components/schemas/ApiKey" } } } } } } }, ...auth },
      },
    },
  };
}
