import { describe, expect, it } from "vitest";
import { prepareOtlpTraces } from "@/lib/core/otlp/otlp-traces";
import { COMPLETION, NOW, PROMPT, TRACE_ID, testSpan } from "@/lib/core/otlp/otlp-test-fixtures";
import { parseIngestBody, type NormalizedEvent } from "@/lib/core/trace/trace-event-schema";
import { buildStoredTraceBody, queuedTraceObjectKey, toStoredTrace } from "./stored-trace";
import { buildTraceBody } from "./trace-payload";

const destination = { prefix: "traces", pathTemplate: "{prefix}/{apiKeyName}/{date}" };

function otlpTrace() {
  const span = testSpan({ attributes: { "gen_ai.operation.name": "chat", "gen_ai.input.messages": PROMPT, "gen_ai.output.messages": COMPLETION, "gen_ai.usage.input_tokens": 4 } });
  return prepareOtlpTraces({ spans: [span], rejected: [] }, { apiKeyName: "otel-app", now: NOW }).traces[0]!;
}

describe("OTLP traces in the queue", () => {
  it("are stored as the mapped file and written per destination, Privacy Mode applied at write time", () => {
    const trace = otlpTrace();
    const stored = JSON.parse(JSON.stringify(toStoredTrace(trace)));
    const open = buildStoredTraceBody(stored, { apiKeyName: "otel-app", privacyMode: false }) as string;
    expect(JSON.parse(open)).toEqual(trace.file);
    expect(open).toContain(PROMPT);
    const hidden = buildStoredTraceBody(stored, { apiKeyName: "otel-app", privacyMode: true }) as string;
    expect(hidden).not.toContain("launch code");
    expect(hidden).not.toContain("do not tell");
    expect(JSON.parse(hidden)).toMatchObject({ privacyMode: true, observations: [{ input: null, output: null, usage: { promptTokens: 4 } }] });
  });

  it("are keyed under the destination's rendered path by trace id, earliest start and span ids", () => {
    expect(queuedTraceObjectKey(destination, otlpTrace(), { apiKeyName: "otel-app", apiKeyId: "key-1" })).toMatch(new RegExp(`^traces/otel-app/2026-11-27/${TRACE_ID}-1795773600-[0-9a-f]{32}\\.json$`));
  });

  it("are stored without content when no destination may receive it", () => {
    const stored = JSON.stringify(toStoredTrace(otlpTrace(), { keepsContent: false }));
    expect(stored).not.toContain("launch code");
    expect(stored).not.toContain("do not tell");
    expect(JSON.parse(buildStoredTraceBody(JSON.parse(stored), { apiKeyName: "otel-app", privacyMode: true }) as string)).toMatchObject({
      privacyMode: true,
      observations: [{ input: null, output: null, usage: { promptTokens: 4 } }],
    });
  });

  it("refuse a stored value that is not a file we wrote", () => {
    expect(buildStoredTraceBody({ kind: "otlp", file: { id: 1 } }, { apiKeyName: "k", privacyMode: false })).toBeNull();
    expect(buildStoredTraceBody("nonsense", { apiKeyName: "k", privacyMode: false })).toBeNull();
  });
});

describe("native events in the queue", () => {
  it("keep their stored form, key and file", () => {
    const parsed = parseIngestBody({ id: "gen-1", created_at: "2026-11-27T10:00:00Z", input: PROMPT }, NOW);
    if (!parsed.ok) throw new Error("invalid event");
    const event = parsed.events[0] as NormalizedEvent;
    const stored = JSON.parse(JSON.stringify(toStoredTrace(event)));
    expect(stored.createdAt).toBe("2026-11-27T10:00:00.000Z");
    expect(buildStoredTraceBody(stored, { apiKeyName: "k", privacyMode: false })).toBe(buildTraceBody(event, { apiKeyName: "k", privacyMode: false }));
    expect(queuedTraceObjectKey(destination, event, { apiKeyName: "k", apiKeyId: "key-1" })).toMatch(/^traces\/k\/2026-11-27\/gen-1-1795773600-[0-9a-f]{32}\.json$/);
  });
});
