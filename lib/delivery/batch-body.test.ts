import { gunzipSync } from "node:zlib";
import { describe, expect, it } from "vitest";
import { buildTraceFile } from "@/lib/core/trace/trace-file";
import { parseIngestBody, type NormalizedEvent } from "@/lib/core/trace/trace-event-schema";
import { buildBatchBody } from "./batch-body";
import type { BatchLine } from "./batch-store";
import { toStoredEvent } from "./trace-payload";

const NOW = new Date("2026-12-01T12:00:00Z");

function event(id: string, prompt: string): NormalizedEvent {
  const parsed = parseIngestBody({ id, created_at: NOW.toISOString(), model: "m", input: { prompt }, output: "answer" }, NOW);
  if (!parsed.ok) throw new Error(JSON.stringify(parsed.errors));
  return parsed.events[0] as NormalizedEvent;
}

const stored = (id: string, over: Partial<BatchLine> = {}): BatchLine => ({
  deliveryId: `d-${id}`,
  privacyMode: false,
  event: JSON.parse(JSON.stringify(toStoredEvent(event(id, `secret ${id}`)))),
  apiKeyName: "app",
  ...over,
});

describe("buildBatchBody", () => {
  it("writes one trace object per line, in the batch's order", () => {
    const { body, uncompressedBytes } = buildBatchBody([stored("a"), stored("b")], false);
    const lines = body.toString("utf8").split("\n");
    expect(lines.pop()).toBe("");
    expect(lines.map((l) => JSON.parse(l).id)).toEqual(["a", "b"]);
    expect(uncompressedBytes).toBe(body.length);
  });

  it("gives the same bytes for the same lines, gzipped or not (a retry rewrites an identical object)", () => {
    const lines = [stored("a"), stored("b")];
    expect(buildBatchBody(lines, true).body.equals(buildBatchBody(lines, true).body)).toBe(true);
    expect(gunzipSync(buildBatchBody(lines, true).body).equals(buildBatchBody(lines, false).body)).toBe(true);
  });

  it("applies each delivery's Privacy Mode", () => {
    const text = buildBatchBody([stored("a", { privacyMode: true }), stored("b")], false).body.toString("utf8");
    expect(text).not.toContain("secret a");
    expect(text).toContain("secret b");
  });

  it("batches OpenTelemetry traces, stored as their mapped file, like native events", () => {
    const file = buildTraceFile(event("otel-1", "otel prompt"), { apiKeyName: "app", privacyMode: false });
    const line = stored("x", { event: { kind: "otlp", file: JSON.parse(JSON.stringify(file)) } });
    const [json] = buildBatchBody([line], false).body.toString("utf8").split("\n");
    expect(JSON.parse(json as string)).toMatchObject({ id: "otel-1" });
  });

  it("leaves out a stored value it cannot read and names its delivery", () => {
    const built = buildBatchBody([stored("a"), stored("bad", { event: { nonsense: true } })], false);
    expect(built.invalidIds).toEqual(["d-bad"]);
    expect(built.body.toString("utf8").trim().split("\n")).toHaveLength(1);
  });
});
