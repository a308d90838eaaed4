import { createHash } from "node:crypto";
import { describe, expect, it } from "vitest";
import { buildObjectKey, buildTraceFileName, joinObjectKey, previewObjectKey } from "./object-key";
import { safeKeySegment } from "./key-segment";
import { DEFAULT_PREFIX, MAX_FILE_NAME_BYTES } from "./path-template";
import { parseIngestBody, type NormalizedEvent } from "../trace/trace-event-schema";

const CREATED = new Date("2024-01-15T10:00:00.750Z"); // epoch seconds 1705312800

function ev(id: string, traceId?: string, createdAt = CREATED): NormalizedEvent {
  return { id, created_at: createdAt.toISOString(), createdAt, ...(traceId === undefined ? {} : { trace: { trace_id: traceId } }) };
}

const SAFE_KEY = /^[A-Za-z0-9._\-/]+$/;

const KEY_A = "0b7e1d7c-1f2a-4c55-9d39-6f1a2b3c4d5e";
const KEY_B = "9a8b7c6d-5e4f-4a3b-8c2d-1e0f9a8b7c6d";
const name = (event: NormalizedEvent, apiKeyId = KEY_A) => buildTraceFileName(event, apiKeyId);
const suffixOf = (apiKeyId: string, traceId: string | null, eventId: string) =>
  createHash("sha256").update(JSON.stringify([apiKeyId, traceId, eventId])).digest("hex").slice(0, 32);

describe("buildTraceFileName", () => {
  it("is {traceId}-{epochSeconds}-{suffix}.json, the suffix 32 hex of SHA-256 of the API key id, trace id and event id", () => {
    expect(name(ev("abc123"))).toBe(`abc123-1705312800-${suffixOf(KEY_A, null, "abc123")}.json`);
    expect(name(ev("gen-1", "abc123"))).toBe(`abc123-1705312800-${suffixOf(KEY_A, "abc123", "gen-1")}.json`);
    expect(name(ev("gen-1", "abc123"))).toMatch(/^abc123-1705312800-[0-9a-f]{32}\.json$/);
  });

  it("never gives two API keys the same file for the same event id and time", () => {
    expect(name(ev("abc123"), KEY_A)).not.toBe(name(ev("abc123"), KEY_B));
    expect(name(ev("gen-1", "shared"), KEY_A)).not.toBe(name(ev("gen-1", "shared"), KEY_B));
  });

  it("keeps ids apart whose safe forms collide (a/b is made safe as a-b plus its 32-bit FNV hash)", () => {
    const collidingSegment = safeKeySegment("a/b");
    expect(collidingSegment).toBe("a-b-3a8e75c1");
    expect(safeKeySegment(collidingSegment)).toBe(collidingSegment);
    expect(name(ev("a/b"))).not.toBe(name(ev(collidingSegment)));
    expect(name(ev("g", "a/b"))).not.toBe(name(ev("g", collidingSegment)));
  });

  it("keeps the documented {traceId}-{timestamp} prefix for globbing", () => {
    for (const id of ["g1", "g2", "g3"]) expect(name(ev(id, "abc123")).startsWith("abc123-1705312800-")).toBe(true);
  });

  it("treats a null trace id like a missing one", () => {
    expect(name({ ...ev("abc"), trace: { trace_id: null, trace_name: "x" } })).toBe(name(ev("abc")));
  });

  it("is idempotent: the same event from the same key always maps to the same name", () => {
    expect(name(ev("gen-1", "t"))).toBe(name(ev("gen-1", "t")));
    expect(name(ev("gen-1"))).toBe(name(ev("gen-1")));
    // Sub-second differences in created_at do not change the name.
    expect(name(ev("gen-1", "t", new Date("2024-01-15T10:00:00.001Z")))).toBe(name(ev("gen-1", "t")));
  });

  it("gives 10,000 generations of one trace within one second distinct names", () => {
    const names = new Set<string>();
    for (let i = 0; i < 10_000; i++) names.add(name(ev(`gen-${i}`, "shared-trace")));
    expect(names.size).toBe(10_000);
  });

  it("gives different event ids different names without a trace id", () => {
    const ids = ["a", "A", "a b", "a/b", "a-b", "a-b-3a8e75c1", "日本", "中文", "x".repeat(500), `${"x".repeat(499)}y`];
    const names = new Set(ids.map((id) => name(ev(id))));
    expect(names.size).toBe(ids.length);
  });

  it("uses epoch seconds from any created_at format", () => {
    const parsed = parseIngestBody({ id: "g", created_at: 1705312800999 }, new Date("2026-01-01T00:00:00Z"));
    if (!parsed.ok) throw new Error("invalid");
    expect(name(parsed.events[0] as NormalizedEvent)).toMatch(/^g-1705312800-[0-9a-f]{32}\.json$/);
    expect(name(ev("g", undefined, new Date(0)))).toMatch(/^g-0-[0-9a-f]{32}\.json$/);
  });
});

describe("joinObjectKey", () => {
  it("joins the rendered path and the file name", () => {
    expect(joinObjectKey("traces/2024/01/15", "abc123-1705312800.json")).toBe("traces/2024/01/15/abc123-1705312800.json");
  });

  it("never produces an empty path segment", () => {
    expect(joinObjectKey("traces/", "abc-1705312800.json")).toBe("traces/abc-1705312800.json");
    expect(joinObjectKey("", "abc-1705312800.json")).toBe("abc-1705312800.json");
  });

  it("turns unsafe ids into safe keys of at most 1024 bytes", () => {
    const renderedPath = `p${"/segment".repeat(24)}/x`.padEnd(200, "x");
    expect(renderedPath).toHaveLength(200);
    const unsafe = ["../../etc/passwd", "a/b/c", "..", ".", "", " ", "日本語のID", "café ☕", "\u0000\u001f", "x".repeat(500), "/".repeat(500), "😀".repeat(300)];
    for (const id of unsafe) {
      for (const event of [ev(id), ev("gen-1", id), ev(id, id)]) {
        const key = joinObjectKey(renderedPath, name(event));
        const fileName = key.slice(renderedPath.length + 1);
        expect(key.startsWith(`${renderedPath}/`)).toBe(true);
        expect(fileName).not.toContain("/");
        expect(fileName).not.toContain("..");
        expect(fileName).toMatch(/^[A-Za-z0-9][A-Za-z0-9._-]*\.json$/);
        expect(key).toMatch(SAFE_KEY);
        expect(Buffer.byteLength(key, "utf8")).toBeLessThanOrEqual(1024);
      }
    }
  });

  it("caps the trace id part at 128 characters, within the path template's file-name budget", () => {
    const fileName = name(ev("x".repeat(500)));
    expect(fileName.length).toBeLessThanOrEqual(128 + "-1705312800-".length + 32 + ".json".length);
    expect(`/${name(ev("x".repeat(500), undefined, new Date(99_999_999_999_000)))}`.length).toBeLessThanOrEqual(MAX_FILE_NAME_BYTES);
  });
});

describe("buildObjectKey", () => {
  const input = { pathTemplate: "{prefix}/{apiKeyName}/{date}", prefix: "acme", date: CREATED, apiKeyName: "prod" };

  it("renders the folder and appends the trace's file name", () => {
    const event = ev("gen-1", "abc123");
    expect(buildObjectKey(input, { kind: "trace", event, apiKeyId: KEY_A })).toEqual({
      ok: true,
      key: `acme/prod/2024-01-15/${name(event)}`,
    });
  });

  it("names the connection-test marker after the test's time", () => {
    expect(buildObjectKey({ ...input, apiKeyName: "broadcast-connection-test" }, { kind: "connection-test" })).toEqual({
      ok: true,
      key: "acme/broadcast-connection-test/2024-01-15/broadcast-connection-test-1705312800.json",
    });
  });

  it("uses the default template, {prefix}/{date}, when the template is blank", () => {
    expect(buildObjectKey({ ...input, pathTemplate: " " }, { kind: "preview" })).toEqual({
      ok: true,
      key: "acme/2024-01-15/<traceId>-<timestamp>.json",
    });
  });

  it("renders the default template with the default prefix exactly as the seed's default did", () => {
    const withDefaults = { ...input, pathTemplate: "", prefix: "openrouter-traces" };
    expect(buildObjectKey(withDefaults, { kind: "preview" })).toEqual(
      buildObjectKey({ ...withDefaults, pathTemplate: "openrouter-traces/{date}" }, { kind: "preview" }),
    );
  });

  it("returns the template's issues instead of a key", () => {
    const result = buildObjectKey({ ...input, pathTemplate: "{nope}" }, { kind: "trace", event: ev("a"), apiKeyId: KEY_A });
    expect(result.ok).toBe(false);
    if (!result.ok) expect(result.issues[0]?.code).toBe("unknown-variable");
  });
});

describe("previewObjectKey", () => {
  const date = new Date("2026-11-27T10:00:00Z");

  it("shows the full key for the default template", () => {
    expect(previewObjectKey("", DEFAULT_PREFIX, date)).toEqual({
      ok: true,
      key: "openrouter-traces/2026-11-27/<traceId>-<timestamp>.json",
    });
  });

  it("uses the sample API key name", () => {
    expect(previewObjectKey("{prefix}/{apiKeyName}", "t", date)).toEqual({
      ok: true,
      key: "t/production-app/<traceId>-<timestamp>.json",
    });
    expect(previewObjectKey("{apiKeyName}", "t", date, "staging")).toMatchObject({ key: "staging/<traceId>-<timestamp>.json" });
  });

  it("returns the issues when the template is invalid", () => {
    const result = previewObjectKey("{nope}", DEFAULT_PREFIX, date);
    expect(result.ok).toBe(false);
    if (!result.ok) expect(result.issues[0]?.code).toBe("unknown-variable");
  });
});
