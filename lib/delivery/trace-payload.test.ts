import { describe, expect, it } from "vitest";
import { parseIngestBody, type NormalizedEvent } from "@/lib/core/trace/trace-event-schema";
import { buildTraceBody, deliveryObjectKey, folderOfObjectKey, fromStoredEvent, toStoredEvent } from "./trace-payload";

const NOW = new Date("2026-11-27T12:00:00Z");

function event(raw: Record<string, unknown>): NormalizedEvent {
  const parsed = parseIngestBody(raw, NOW);
  if (!parsed.ok) throw new Error(JSON.stringify(parsed.errors));
  return parsed.events[0] as NormalizedEvent;
}

const EVENT = event({
  id: "gen-1",
  created_at: "2026-11-26T23:59:59.500+02:00",
  model: "m",
  input: { messages: [{ role: "user", content: "secret prompt" }] },
  output: "secret answer",
  trace: { trace_id: "t-1", tenant: "acme" },
});

describe("stored events", () => {
  it("survive a JSON round trip unchanged, createdAt included", () => {
    const stored = JSON.parse(JSON.stringify(toStoredEvent(EVENT)));
    expect(stored.createdAt).toBe("2026-11-26T21:59:59.500Z");
    const back = fromStoredEvent(stored);
    expect(back).toEqual(JSON.parse(JSON.stringify(EVENT), (k, v) => (k === "createdAt" ? new Date(v) : v)));
    expect(buildTraceBody(back as NormalizedEvent, { apiKeyName: "k", privacyMode: false })).toBe(
      buildTraceBody(EVENT, { apiKeyName: "k", privacyMode: false }),
    );
  });

  it("reject values we did not write", () => {
    for (const bad of [null, "x", [], {}, { id: "a" }, { id: "a", createdAt: "not a date" }, { id: 1, createdAt: "2026-01-01T00:00:00Z" }]) {
      expect(fromStoredEvent(bad)).toBeNull();
    }
  });
});

describe("deliveryObjectKey", () => {
  it("renders the destination's template with the event's UTC date and the API key name", () => {
    const key = deliveryObjectKey({ prefix: "acme", pathTemplate: "{prefix}/{apiKeyName}/{year}/{month}/{day}" }, EVENT, { apiKeyName: "prod key", apiKeyId: "key-1" });
    expect(key).toMatch(/^acme\/prod-key-[0-9a-f]{8}\/2026\/11\/26\/t-1-\d+-[0-9a-f]+\.json$/);
  });

  it("renders an empty template as the default {prefix}/{date}", () => {
    expect(deliveryObjectKey({ prefix: "team-a", pathTemplate: "" }, EVENT, { apiKeyName: "k", apiKeyId: "key-1" }).startsWith("team-a/2026-11-26/t-1-")).toBe(true);
  });

  it("keeps a template that no longer validates findable under the seed's default layout", () => {
    const fallback = deliveryObjectKey({ prefix: "p", pathTemplate: "{nope}/x" }, EVENT, { apiKeyName: "k", apiKeyId: "key-1" });
    expect(fallback.startsWith("openrouter-traces/2026-11-26/t-1-")).toBe(true);
  });
});

describe("folderOfObjectKey", () => {
  it("is the per-trace key's folder: a batch file goes exactly where the trace file would", () => {
    const key = deliveryObjectKey({ prefix: "acme", pathTemplate: "{prefix}/dt={date}/{apiKeyName}" }, EVENT, { apiKeyName: "prod", apiKeyId: "key-1" });
    expect(folderOfObjectKey(key)).toBe("acme/dt=2026-11-26/prod");
    expect(key.startsWith(`${folderOfObjectKey(key)}/`)).toBe(true);
    expect(folderOfObjectKey("top-level.json")).toBe("");
  });
});

describe("buildTraceBody", () => {
  it("is one JSON line, with content dropped in privacy mode", () => {
    const open = buildTraceBody(EVENT, { apiKeyName: "k", privacyMode: false });
    const redacted = buildTraceBody(EVENT, { apiKeyName: "k", privacyMode: true });
    expect(open.endsWith("\n")).toBe(true);
    expect(open.trimEnd().includes("\n")).toBe(false);
    expect(open).toContain("secret prompt");
    expect(redacted).not.toContain("secret");
    expect(JSON.parse(redacted)).toMatchObject({ id: "t-1", privacyMode: true, apiKeyName: "k" });
  });
});
