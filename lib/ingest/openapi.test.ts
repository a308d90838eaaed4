import { describe, expect, it } from "vitest";
import { buildOpenApiDocument } from "./openapi";

describe("buildOpenApiDocument", () => {
  const doc = buildOpenApiDocument() as any;

  it("is OpenAPI 3.1 with the ingest operation and every documented status", () => {
    expect(doc.openapi).toBe("3.1.0");
    const op = doc.paths["/api/v1/traces"].post;
    expect(Object.keys(op.responses).sort()).toEqual(["202", "400", "401", "413", "415", "429", "503"]);
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

  it("survives a JSON round trip (no functions or cycles)", () => {
    expect(JSON.parse(JSON.stringify(doc))).toEqual(doc);
  });
});
