import { describe, expect, it, vi } from "vitest";
import { RateLimiter } from "@/lib/platform/http/rate-limiter";
import { handleIngest, MAX_INGEST_BODY_BYTES, type IngestDeps } from "./handle-ingest";

const NOW = new Date("2026-11-27T12:00:00Z");
const KEY = "brd_" + "a".repeat(43);
const ADMIN_KEY = "brd_" + "b".repeat(43);

function deps(overrides: Partial<IngestDeps> = {}): IngestDeps & { enqueue: ReturnType<typeof vi.fn> } {
  const enqueue = vi.fn(async () => undefined);
  return {
    authenticate: async (raw) => (raw === KEY || raw === ADMIN_KEY ? { id: "k1", name: "prod-app", scope: raw === ADMIN_KEY ? "admin" : "ingest" } : null),
    parseBearer: (h) => (h?.startsWith("Bearer ") ? h.slice(7) : null),
    rateLimiter: new RateLimiter(0, 0),
    isBacklogFull: async () => false,
    now: () => NOW,
    ...overrides,
    enqueue: (overrides.enqueue as never) ?? enqueue,
  } as IngestDeps & { enqueue: ReturnType<typeof vi.fn> };
}

const event = (over: Record<string, unknown> = {}) => ({ id: "gen-1", created_at: "2026-11-27T10:00:00Z", ...over });

function post(body: string | ReadableStream<Uint8Array>, headers: Record<string, string> = {}) {
  return new Request("http://127.0.0.1/api/v1/traces", {
    method: "POST",
    body,
    headers: { authorization: `Bearer ${KEY}`, "content-type": "application/json", ...headers },
    duplex: "half",
  } as RequestInit);
}

async function answer(res: Response) {
  return { status: res.status, body: await res.json(), headers: res.headers };
}

describe("handleIngest", () => {
  it("refuses an admin-scope key with 403 and stores nothing", async () => {
    const d = deps();
    const res = await handleIngest(post(JSON.stringify(event()), { authorization: `Bearer ${ADMIN_KEY}` }), d);
    expect(await answer(res)).toMatchObject({ status: 403, body: { error: { code: "wrong_key_scope" } } });
    expect(d.enqueue).not.toHaveBeenCalled();
  });

  it("accepts one event and a batch, answering 202 with the ids", async () => {
    const d = deps();
    expect(await answer(await handleIngest(post(JSON.stringify(event())), d))).toMatchObject({ status: 202, body: { accepted: 1, ids: ["gen-1"] } });
    const batch = { traces: [event({ id: "a" }), event({ id: "b" })] };
    expect((await answer(await handleIngest(post(JSON.stringify(batch)), d))).body).toEqual({ accepted: 2, ids: ["a", "b"] });
    expect(d.enqueue).toHaveBeenCalledTimes(2);
    expect(d.enqueue.mock.calls[1]?.[1]).toEqual({ apiKeyName: "prod-app", apiKeyId: "k1", now: NOW });
  });

  it.each([
    ["no key", {}, { authorization: "" }, 401, "missing_api_key"],
    ["unknown key", {}, { authorization: "Bearer brd_nope" }, 401, "invalid_api_key"],
    ["wrong content type", {}, { "content-type": "text/plain" }, 415, "unsupported_media_type"],
    ["form content type", {}, { "content-type": "application/x-www-form-urlencoded" }, 415, "unsupported_media_type"],
  ])("refuses %s", async (_name, over, headers, status, code) => {
    const d = deps(over);
    const res = await answer(await handleIngest(post(JSON.stringify(event()), headers), d));
    expect(res.status).toBe(status);
    expect(res.body.error.code).toBe(code);
    expect(d.enqueue).not.toHaveBeenCalled();
  });

  it("answers 413 for 1 MiB + 1 byte without parsing, whether or not the length is declared", async () => {
    const big = JSON.stringify(event({ input: "x".repeat(MAX_INGEST_BODY_BYTES) })).slice(0, MAX_INGEST_BODY_BYTES + 1);
    const d = deps();
    expect((await handleIngest(post(big, { "content-length": String(big.length) }), d)).status).toBe(413);
    const stream = new ReadableStream<Uint8Array>({
      start(c) {
        c.enqueue(new TextEncoder().encode(big));
        c.close();
      },
    });
    const res = await answer(await handleIngest(post(stream), d));
    expect(res.status).toBe(413);
    expect(res.body.error.code).toBe("body_too_large");
    expect(d.enqueue).not.toHaveBeenCalled();
  });

  it("answers 400 for invalid JSON, naming the problem", async () => {
    const res = await answer(await handleIngest(post('{"id": "x",'), deps()));
    expect(res.status).toBe(400);
    expect(res.body.error.code).toBe("invalid_json");
  });

  it("lists every problem by path and stores nothing when one event of a batch is bad", async () => {
    const d = deps();
    const traces = [event({ id: "ok" }), event(), event(), event({ usage: { prompt_tokens: "ten" } })];
    const res = await answer(await handleIngest(post(JSON.stringify({ traces })), d));
    expect(res.status).toBe(400);
    expect(res.body.error.issues).toContainEqual({ path: "traces[3].usage.prompt_tokens", message: "expected a number" });
    expect(d.enqueue).not.toHaveBeenCalled();
  });

  it("refuses 101 events, missing fields, deep nesting and huge strings with 400", async () => {
    const deep = JSON.parse("[".repeat(200) + "]".repeat(200));
    const cases = [
      { traces: Array.from({ length: 101 }, (_, i) => event({ id: `e${i}` })) },
      { created_at: "2026-11-27T10:00:00Z" },
      event({ input: deep }),
      event({ output: "y".repeat(300 * 1024) }),
      event({ latency_ms: "fast" }),
    ];
    for (const body of cases) {
      const d = deps();
      const res = await answer(await handleIngest(post(JSON.stringify(body)), d));
      expect(res.status).toBe(400);
      expect(res.body.error.issues.length).toBeGreaterThan(0);
      expect(d.enqueue).not.toHaveBeenCalled();
    }
  });

  it("answers 429 with Retry-After over the per-key rate", async () => {
    const d = deps({ rateLimiter: new RateLimiter(1, 1, () => 0) });
    expect((await handleIngest(post(JSON.stringify(event())), d)).status).toBe(202);
    const res = await handleIngest(post(JSON.stringify(event())), d);
    expect(res.status).toBe(429);
    expect(res.headers.get("retry-after")).toBe("1");
  });

  it("answers 503 with Retry-After when the backlog is full", async () => {
    const d = deps({ isBacklogFull: async () => true });
    const res = await handleIngest(post(JSON.stringify(event())), d);
    expect(res.status).toBe(503);
    expect(res.headers.get("retry-after")).toBe("5");
    expect(d.enqueue).not.toHaveBeenCalled();
  });
});

describe("failed keys per address", () => {
  it("refuses an address past its failed-key budget before looking the key up", async () => {
    const { MemoryLimiter } = await import("@/lib/platform/http/memory-limiter");
    const limiter = new MemoryLimiter(3, 60);
    const authenticate = vi.fn(async (raw: string) => (raw === KEY ? { id: "k1", name: "prod-app", scope: "ingest" } : null));
    const d = deps({
      authenticate,
      failedKeys: { addressOf: (headers) => headers.get("x-test-peer") ?? undefined, peek: (a) => limiter.peek(a), take: (a) => limiter.take(a) },
    });
    const guess = () => post(JSON.stringify(event()), { authorization: `Bearer brd_${"b".repeat(43)}`, "x-test-peer": "198.51.100.7" });
    for (let i = 0; i < 3; i++) expect((await handleIngest(guess(), d)).status).toBe(401);
    expect(authenticate).toHaveBeenCalledTimes(3);
    const locked = await handleIngest(guess(), d);
    expect(locked.status).toBe(429);
    expect(locked.headers.get("retry-after")).toMatch(/^\d+$/);
    expect(authenticate).toHaveBeenCalledTimes(3); // no lookup once locked
    // Another address is not affected.
    expect((await handleIngest(post(JSON.stringify(event()), { "x-test-peer": "198.51.100.8" }), d)).status).toBe(202);
  });
});
