import { randomUUID } from "node:crypto";
import { PutObjectCommand, type S3Client } from "@aws-sdk/client-s3";
import { afterAll, afterEach, beforeAll, describe, expect, inject, it } from "vitest";
import { classifyS3Error } from "@/lib/core/classify-s3-error";
import { createTestS3Client, getObjectText } from "../s3/s3-test-client";
import { startFaultProxy, type FaultProxy } from "./fault-proxy";

const s3rver = inject("s3rver");
const BUCKET = "traces";
let proxy: FaultProxy;
let client: S3Client;
let direct: S3Client;

beforeAll(async () => {
  proxy = await startFaultProxy(s3rver.endpoint);
  client = createTestS3Client({ ...s3rver, endpoint: proxy.endpoint });
  direct = createTestS3Client(s3rver);
});

afterAll(async () => {
  client?.destroy();
  direct?.destroy();
  await proxy?.close();
});

afterEach(() => {
  proxy.setMode("pass", { latencyMs: 0 });
  proxy.setRule(null);
  proxy.clearRequests();
});

const key = () => `fault-proxy/${randomUUID()}.json`;
const put = (k: string, body = "{}\n", c: S3Client = client) => c.send(new PutObjectCommand({ Bucket: BUCKET, Key: k, Body: body }));

async function failure(promise: Promise<unknown>) {
  try {
    await promise;
  } catch (error) {
    return { error: error as Error & { $metadata?: { httpStatusCode?: number } }, classified: classifyS3Error(error) };
  }
  throw new Error("expected the request to fail");
}

describe("fault proxy", () => {
  it("passes requests through to the real server and records them", async () => {
    const k = key();
    const before = Date.now();
    await put(k, '{"ok":true}\n');
    expect(await getObjectText(direct, BUCKET, k)).toBe('{"ok":true}\n');
    expect(proxy.requests).toHaveLength(1);
    expect(proxy.requests[0]).toMatchObject({ method: "PUT", path: `/${BUCKET}/${k}`, fault: "pass" });
    expect(proxy.requests[0]?.at).toBeGreaterThanOrEqual(before);
  });

  it.each([
    ["500", "InternalError", 500, "server-error", true],
    ["503", "SlowDown", 503, "slow-down", true],
    ["403", "AccessDenied", 403, "access-denied", false],
  ] as const)("answers %s with an S3 XML error the SDK parses (%s)", async (mode, name, status, code, retryable) => {
    proxy.setMode(mode);
    const k = key();
    const { error, classified } = await failure(put(k));
    expect(error.name).toBe(name);
    expect(error.$metadata?.httpStatusCode).toBe(status);
    expect(classified).toMatchObject({ code, retryable });
    // Nothing reached the server.
    proxy.setMode("pass");
    await expect(getObjectText(direct, BUCKET, k)).rejects.toThrow();
  });

  it("adds latency, switchable at run time", async () => {
    proxy.setMode("latency", { latencyMs: 300 });
    let started = Date.now();
    await put(key());
    expect(Date.now() - started).toBeGreaterThanOrEqual(290);
    proxy.setMode("pass");
    started = Date.now();
    await put(key());
    expect(Date.now() - started).toBeLessThan(290);
  });

  it("resets the connection", async () => {
    proxy.setMode("reset");
    const { error, classified } = await failure(put(key()));
    expect((error as { code?: string }).code).toBe("ECONNRESET");
    // The SDK names socket errors "TimeoutError", which classifyS3Error reads before the code.
    expect(["connection-reset", "timeout"]).toContain(classified.code);
    expect(classified.retryable).toBe(true);
  });

  it("black-holes requests until the client gives up", async () => {
    proxy.setMode("blackhole");
    const { S3Client: Client } = await import("@aws-sdk/client-s3");
    const { NodeHttpHandler } = await import("@smithy/node-http-handler");
    const impatient = new Client({
      endpoint: proxy.endpoint,
      region: "us-east-1",
      credentials: { accessKeyId: s3rver.accessKeyId, secretAccessKey: s3rver.secretAccessKey },
      forcePathStyle: true,
      maxAttempts: 1,
      requestHandler: new NodeHttpHandler({ requestTimeout: 500, throwOnRequestTimeout: true }),
    });
    const started = Date.now();
    const { classified } = await failure(put(key(), "{}\n", impatient));
    impatient.destroy();
    expect(classified.code).toBe("timeout");
    expect(Date.now() - started).toBeLessThan(5_000);
    expect(proxy.requests.at(-1)?.fault).toBe("blackhole");
  });

  it("fails only the next N requests, then returns to the mode", async () => {
    proxy.failNext(2, "503");
    await failure(put(key()));
    await failure(put(key()));
    await put(key());
    expect(proxy.requests.map((r) => r.fault)).toEqual(["503", "503", "pass"]);
  });

  it("lets a rule pick the fault per request", async () => {
    const seen = new Map<string, number>();
    proxy.setRule(({ path }) => {
      const n = (seen.get(path) ?? 0) + 1;
      seen.set(path, n);
      return n <= 1 ? "500" : null;
    });
    const k = key();
    await failure(put(k));
    await put(k);
    expect(proxy.requests.map((r) => r.fault)).toEqual(["500", "pass"]);
  });
});
