import { gzipSync } from "node:zlib";
import { describe, expect, it, vi } from "vitest";
import { ExportTraceServiceRequestType, ExportTraceServiceResponseType, RpcStatusType } from "@/lib/core/otlp/otlp-proto-schema";
import type { OtlpTrace } from "@/lib/core/otlp/otlp-traces";
import { RateLimiter } from "@/lib/platform/http/rate-limiter";
import { DEFAULT_OTLP_MAX_BYTES, handleOtlpTraces, type OtlpDeps } from "./handle-otlp-traces";

const NOW = new Date("2026-11-28T00:00:00Z");
const KEY = "brd_" + "a".repeat(43);
const ADMIN_KEY = "brd_" + "b".repeat(43);
const TRACE_ID = "5b8efff798038103d269b633813fc60c";

function deps(overrides: Partial<OtlpDeps> = {}) {
  const enqueue = vi.fn(async (_traces: OtlpTrace[], _ctx: { apiKeyName: string; apiKeyId: string; now: Date }) => undefined);
  const d: OtlpDeps = {
    authenticate: async (raw) => (raw === KEY || raw === ADMIN_KEY ? { id: "k1", name: "prod-app", scope: raw === KEY ? "ingest" : "admin" } : null),
    parseBearer: (h) => (h?.startsWith("Bearer ") ? h.slice(7) : null),
    rateLimiter: new RateLimiter(0, 0),
    isBacklogFull: async () => false,
    now: () => NOW,
    enqueue,
    ...overrides,
  };
  return Object.assign(d, { enqueue: (overrides.enqueue as typeof enqueue | undefined) ?? enqueue });
}

const jsonSpan = (spanId: string, over: Record<string, unknown> = {}) => ({
  traceId: TRACE_ID, spanId, name: "chat gpt-4o", startTimeUnixNano: "1795773600000000000", endTimeUnixNano: "1795773600850000000",
  attributes: [{ key: "gen_ai.operation.name", value: { stringValue: "chat" } }], ...over,
});
const jsonBody = (spans: unknown[]) => JSON.stringify({ resourceSpans: [{ scopeSpans: [{ spans }] }] });
const protoBody = (spanId: string): Buffer => Buffer.from(
  ExportTraceServiceRequestType.encode(ExportTraceServiceRequestType.fromObject({
    resourceSpans: [{ scopeSpans: [{ spans: [{ traceId: Buffer.from(TRACE_ID, "hex"), spanId: Buffer.from(spanId, "hex"), startTimeUnixNano: "1795773600000000000" }] }] }],
  })).finish());

function post(body: BodyInit | Uint8Array, headers: Record<string, string> = {}) {
  return new Request("http://127.0.0.1/v1/traces", {
    method: "POST",
    body: body as BodyInit,
    headers: { authorization: `Bearer ${KEY}`, "content-type": "application/json", ...headers },
  });
}

const protobufHeaders = { "content-type": "application/x-protobuf" };
const rpcStatus = async (res: Response) => RpcStatusType.toObject(RpcStatusType.decode(new Uint8Array(await res.arrayBuffer())));

describe("handleOtlpTraces: success", () => {
  it("refuses an admin-scope key with 403 PERMISSION_DENIED and stores nothing", async () => {
    const d = deps();
    const res = await handleOtlpTraces(post(jsonBody([jsonSpan("1111111111111111")]), { authorization: `Bearer ${ADMIN_KEY}` }), d);
    expect(res.status).toBe(403);
    expect(await res.json()).toMatchObject({ code: 7 });
    expect(d.enqueue).not.toHaveBeenCalled();
  });

  it("stores the spans before answering 200 with an empty ExportTraceServiceResponse in JSON", async () => {
    const d = deps();
    const res = await handleOtlpTraces(post(jsonBody([jsonSpan("1111111111111111"), jsonSpan("2222222222222222")])), d);
    expect(res.status).toBe(200);
    expect(res.headers.get("content-type")).toBe("application/json");
    expect(await res.json()).toEqual({});
    expect(d.enqueue).toHaveBeenCalledTimes(1);
    const [traces, ctx] = d.enqueue.mock.calls[0]!;
    expect(ctx).toEqual({ apiKeyName: "prod-app", apiKeyId: "k1", now: NOW });
    expect(traces.map((t) => [t.traceId, t.spanIds])).toEqual([[TRACE_ID, ["1111111111111111", "2222222222222222"]]]);
    expect(traces[0]?.file.apiKeyName).toBe("prod-app");
  });

  it("answers protobuf with a binary ExportTraceServiceResponse, and accepts gzip", async () => {
    const d = deps();
    const res = await handleOtlpTraces(post(gzipSync(protoBody("1111111111111111")), { ...protobufHeaders, "content-encoding": "gzip" }), d);
    expect(res.status).toBe(200);
    expect(res.headers.get("content-type")).toBe("application/x-protobuf");
    const decoded = ExportTraceServiceResponseType.decode(new Uint8Array(await res.arrayBuffer()));
    expect(ExportTraceServiceResponseType.toObject(decoded)).toEqual({});
    expect(d.enqueue).toHaveBeenCalledTimes(1);
  });

  it("answers an empty request with 200 and stores nothing", async () => {
    const d = deps();
    expect((await handleOtlpTraces(post("{}"), d)).status).toBe(200);
    expect((await handleOtlpTraces(post(new Uint8Array(), protobufHeaders), d)).status).toBe(200);
    expect(d.enqueue).not.toHaveBeenCalled();
  });

  it("reports partial success: rejected spans counted with a message, the rest stored", async () => {
    const d = deps();
    const res = await handleOtlpTraces(post(jsonBody([jsonSpan("1111111111111111"), jsonSpan("00"), jsonSpan("3333333333333333", { startTimeUnixNano: "0" })])), d);
    expect(res.status).toBe(200);
    const body = (await res.json()) as { partialSuccess: { rejectedSpans: string; errorMessage: string } };
    expect(body.partialSuccess.rejectedSpans).toBe("2");
    expect(body.partialSuccess.errorMessage).toMatch(/^2 spans were rejected \(spanId must be 8 bytes.*; startTimeUnixNano is required\)/);
    expect(d.enqueue.mock.calls[0]?.[0].flatMap((t) => t.spanIds)).toEqual(["1111111111111111"]);
  });
});

describe("handleOtlpTraces: refusals", () => {
  it("415 for another content type or encoding, as a JSON google.rpc.Status", async () => {
    const d = deps();
    const res = await handleOtlpTraces(post("x", { "content-type": "text/plain" }), d);
    expect(res.status).toBe(415);
    expect(await res.json()).toEqual({ code: 3, message: expect.stringContaining("application/x-protobuf") });
    expect((await handleOtlpTraces(post("{}", { "content-encoding": "br" }), d)).status).toBe(415);
    expect(d.enqueue).not.toHaveBeenCalled();
  });

  it("401 without or with a wrong key, in the request's encoding", async () => {
    const d = deps();
    const missing = await handleOtlpTraces(post(protoBody("1111111111111111"), { ...protobufHeaders, authorization: "" }), d);
    expect(missing.status).toBe(401);
    expect(missing.headers.get("www-authenticate")).toBe("Bearer");
    expect(await rpcStatus(missing)).toMatchObject({ code: 16, message: expect.stringContaining("Bearer") });
    const wrong = await handleOtlpTraces(post("{}", { authorization: "Bearer brd_nope" }), d);
    expect(await wrong.json()).toEqual({ code: 16, message: "The API key is unknown or has been revoked." });
  });

  it("400 with a binary google.rpc.Status for a malformed protobuf, JSON for bad JSON or bad gzip", async () => {
    const d = deps();
    const res = await handleOtlpTraces(post(new Uint8Array([0x0a, 0xff, 0xff, 0xff, 0x0f, 0x01]), protobufHeaders), d);
    expect(res.status).toBe(400);
    expect(res.headers.get("content-type")).toBe("application/x-protobuf");
    expect(await rpcStatus(res)).toMatchObject({ code: 3, message: expect.stringContaining("not a valid protobuf") });
    const json = await handleOtlpTraces(post("{not json"), d);
    expect(json.status).toBe(400);
    expect(await json.json()).toMatchObject({ code: 3, message: expect.stringContaining("not valid JSON") });
    expect((await handleOtlpTraces(post("plain", { "content-encoding": "gzip" }), d)).status).toBe(400);
    expect(d.enqueue).not.toHaveBeenCalled();
  });

  it("413 for a body over the limit after decompression, and a 1 GiB gzip bomb is refused without inflating it", async () => {
    const d = deps({ maxBodyBytes: 1024 });
    const big = jsonBody([jsonSpan("1111111111111111", { name: "x".repeat(2000) })]);
    expect((await handleOtlpTraces(post(gzipSync(big), { "content-encoding": "gzip" }), d)).status).toBe(413);
    expect((await handleOtlpTraces(post(big), d)).status).toBe(413);
    // 64 gzip members of 16 MiB of zeros each: valid gzip, 1 GiB inflated, about 1 MB on the wire.
    const member = gzipSync(Buffer.alloc(16 * 1024 * 1024));
    const bomb = Buffer.concat(Array.from({ length: 64 }, () => member));
    expect(bomb.byteLength).toBeLessThan(DEFAULT_OTLP_MAX_BYTES);
    const res = await handleOtlpTraces(post(bomb, { ...protobufHeaders, "content-encoding": "gzip" }), deps());
    expect(res.status).toBe(413);
    expect(await rpcStatus(res)).toMatchObject({ code: 3, message: expect.stringContaining("after decompression") });
    expect(d.enqueue).not.toHaveBeenCalled();
  });

  it("429 and 503 with Retry-After, storing nothing", async () => {
    const limited = deps({ rateLimiter: new RateLimiter(1, 1) });
    expect((await handleOtlpTraces(post("{}"), limited)).status).toBe(200);
    const res = await handleOtlpTraces(post("{}"), limited);
    expect(res.status).toBe(429);
    expect(Number(res.headers.get("retry-after"))).toBeGreaterThan(0);
    expect((await res.json()).code).toBe(8);
    const full = await handleOtlpTraces(post(jsonBody([jsonSpan("1111111111111111")])), deps({ isBacklogFull: async () => true }));
    expect(full.status).toBe(503);
    expect(full.headers.get("retry-after")).toBe("5");
    expect((await full.json()).code).toBe(14);
  });
});
