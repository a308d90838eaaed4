import { describe, expect, it } from "vitest";
import { buildOpenApiDocument } from "./openapi";

describe("buildOpenApiDocument", () => {
  const doc = buildOpenApiDocument() as any;

  it("is OpenAPI 3.1 with the ingest operation and every documented status", () => {
    expect(doc.openapi).toBe("3.1.0");
    const op = doc.paths["/api/v1/traces"].post;
    expect(Object.keys(op.responses).sort()).toEqual(["202", "400", "401", "403", "413", "415", "429", "503"]);
  });

  it("documents OTLP/HTTP POST /v1/traces with the statuses the specification uses", () => {
    const op = doc.paths["/v1/traces"].post;
    expect(Object.keys(op.requestBody.content).sort()).toEqual(["application/json", "application/x-protobuf"]);
    expect(Object.keys(op.responses).sort()).toEqual(["200", "400", "401", "413", "415", "429", "503"]);
    expect(op.responses["400"].content["application/json"].schema.$ref).toBe("#/components/schemas/OtlpStatus");
  });

  it("derives the event schema from the validating zod schema", () => {
    const event = doc.components.schemas.TraceEvent;
    expect(event.required).toEqual(["id", "created_at"]);
    expect(event.properties.id.maxLength).toBe(128);
    expect(event.additionalProperties).toBe(false);
    expect(doc.components.schemas.TraceBatch.properties.traces.maxItems).toBe(100);
  });

  it("documents the destinations API with OpenRouter's names and the routing core's filter schema", () => {
    expect(Object.keys(doc.paths).filter((p) => p.startsWith("/api/v1/destinations")).sort()).toEqual([
      "/api/v1/destinations",
      "/api/v1/destinations/{id}",
      "/api/v1/destinations/{id}/queries",
      "/api/v1/destinations/{id}/test",
    ]);
    expect(Object.keys(doc.paths["/api/v1/destinations/{id}"]).sort()).toEqual(["delete", "get", "parameters", "patch"]);
    const write = doc.components.schemas.DestinationWrite;
    expect(Object.keys(write.properties.config.properties)).toEqual(expect.arrayContaining(["bucket_name", "secret_access_key", "path_template"]));
    expect(write.properties.sampling_rate).toMatchObject({ minimum: 0.0001, maximum: 1 });
    expect(doc.components.schemas.FilterRules.properties.groups.maxItems).toBe(20);
    expect(doc.paths["/api/v1/destinations"].post.responses["422"]).toBeDefined();
  });

  it("survives a JSON round trip (no functions or cycles)", () => {
    expect(JSON.parse(JSON.stringify(doc))).toEqual(doc);
  });
});
