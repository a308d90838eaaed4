import { describe, expect, it } from "vitest";
import { buildSampleEvent, buildSizedEvent } from "./sample-trace";
import { parseIngestBody } from "./trace-event-schema";
import { buildTraceFile, traceFileSchema } from "./trace-file";

const NOW = new Date("2026-11-27T10:00:00.123Z");

describe("buildSampleEvent", () => {
  it("builds a valid event named after the current time", () => {
    const event = buildSampleEvent(NOW);
    expect(event.id).toBe(`broadcast-test-${NOW.getTime()}`);
    expect(event.created_at).toBe("2026-11-27T10:00:00.123Z");
    const parsed = parseIngestBody(event, NOW);
    expect(parsed.ok).toBe(true);
  });

  it("produces a realistic trace file: named trace, two-message prompt, completion, usage, cost", () => {
    const parsed = parseIngestBody(buildSampleEvent(NOW), NOW);
    if (!parsed.ok) throw new Error("invalid sample");
    const file = buildTraceFile(parsed.events[0]!, { apiKeyName: "test", privacyMode: false });
    expect(traceFileSchema.safeParse(file).success).toBe(true);
    expect(file.name).toBe("Broadcast test trace");
    // Recognisable in the bucket, so the docs' queries can leave it out.
    expect(file.id).toMatch(/^broadcast-test-/);
    expect(file.metadata.broadcast_test).toBe(true);
    const generation = file.observations.at(-1);
    expect((generation?.input as { messages: unknown[] }).messages).toHaveLength(2);
    expect(JSON.stringify(generation?.output)).toContain("assistant");
    expect(generation?.usage.totalTokens).toBe((generation?.usage.promptTokens ?? 0) + (generation?.usage.completionTokens ?? 0));
    const cost = generation?.cost;
    expect(cost?.total).toBeGreaterThan(0);
    expect(cost?.total).toBeCloseTo((cost?.prompt ?? 0) + (cost?.completion ?? 0), 12);
  });

  it("is deterministic for a given time and distinct across times", () => {
    expect(buildSampleEvent(NOW)).toEqual(buildSampleEvent(new Date(NOW)));
    expect(buildSampleEvent(new Date(NOW.getTime() + 1)).id).not.toBe(buildSampleEvent(NOW).id);
  });
});

describe("buildSizedEvent", () => {
  const bytes = (value: unknown) => Buffer.byteLength(JSON.stringify(value), "utf8");

  it.each([4 * 1024, 40 * 1024, 4000, 40_000, 200_000])("is within 1 percent of %i bytes", (target) => {
    for (const seed of [0, 1, 42, 9999]) {
      const size = bytes(buildSizedEvent(target, seed));
      expect(Math.abs(size - target) / target).toBeLessThan(0.01);
    }
  });

  it("is deterministic per seed and varies across seeds", () => {
    expect(buildSizedEvent(4096, 7)).toEqual(buildSizedEvent(4096, 7));
    expect(JSON.stringify(buildSizedEvent(4096, 7))).not.toBe(JSON.stringify(buildSizedEvent(4096, 8)));
  });

  it("passes the ingest schema and builds a valid trace file", () => {
    for (const target of [4096, 40_960]) {
      const parsed = parseIngestBody(buildSizedEvent(target, 3));
      if (!parsed.ok) throw new Error(JSON.stringify(parsed.errors));
      const file = buildTraceFile(parsed.events[0]!, { apiKeyName: "bench", privacyMode: false });
      expect(traceFileSchema.safeParse(file).success).toBe(true);
    }
  });

  it("looks like a chat conversation whose history grows with the size", () => {
    const small = buildSizedEvent(4096, 1).input as { messages: { role: string; content: string }[] };
    const large = buildSizedEvent(40_960, 1).input as { messages: { role: string; content: string }[] };
    expect(small.messages[0]?.role).toBe("system");
    expect(small.messages[1]?.role).toBe("user");
    expect(large.messages.length).toBeGreaterThan(small.messages.length);
    expect(large.messages.slice(1).every((m, i) => m.role === (i % 2 === 0 ? "user" : "assistant"))).toBe(true);
  });

  it("never goes below its skeleton for tiny targets", () => {
    const event = buildSizedEvent(10, 1);
    expect(parseIngestBody(event).ok).toBe(true);
    expect(bytes(event)).toBeLessThan(1024);
  });
});
