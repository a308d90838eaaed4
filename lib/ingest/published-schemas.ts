import { buildOpenApiDocument } from "./openapi";
import { traceFileJsonSchema } from "../core/trace/trace-file";

/** File name in docs/schemas/ → the JSON document generated from code. */
export function publishedSchemas(): Record<string, unknown> {
  const openapi = buildOpenApiDocument() as { components: { schemas: Record<string, unknown> } };
  return {
    "trace-file.schema.json": traceFileJsonSchema(),
    "ingest-event.schema.json": {
      $schema: "https://json-schema.org/draft/2020-12/schema",
      $id: "urn:broadcast:ingest-event:v1",
      title: "Broadcast ingest event",
      ...(openapi.components.schemas.TraceEvent as object),
    },
    "openapi.json": buildOpenApiDocument(),
  };
}
