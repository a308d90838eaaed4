import http from "node:http";
import type { AddressInfo } from "node:net";
import { PutObjectCommand } from "@aws-sdk/client-s3";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { classifyS3Error } from "@/lib/core/classify-s3-error";
import { createS3Client } from "./create-s3-client";
import { testS3Connection, type ConnectionTarget } from "./test-connection";

// An allowlisted loopback endpoint that answers every PUT with 500 and a chunked body that never
// ends (a flood), or that drips one byte at a time forever. Reading must stop at the cap, memory must
// stay flat, and the drip must end at the exchange's limit.

type Mode = "flood" | "drip";
let server: http.Server;
let port = 0;
let mode: Mode = "flood";
const open = new Set<http.ServerResponse>();
let closedResponses = 0;

function flood(res: http.ServerResponse) {
  const chunk = Buffer.alloc(64 * 1024, "x");
  const write = () => {
    while (!res.destroyed && res.write(chunk));
  };
  res.on("drain", write);
  write();
}

function drip(res: http.ServerResponse) {
  const timer = setInterval(() => res.write("x"), 50);
  res.on("close", () => clearInterval(timer));
}

beforeAll(async () => {
  server = http.createServer((req, res) => {
    req.resume();
    open.add(res);
    res.on("close", () => {
      open.delete(res);
      closedResponses += 1;
    });
    res.writeHead(500, { "content-type": "application/xml" });
    res.write("<?xml version=\"1.0\"?><Error><Code>InternalError</Code><Message>");
    if (mode === "flood") flood(res);
    else drip(res);
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  port = (server.address() as AddressInfo).port;
});

afterAll(async () => {
  for (const res of open) res.destroy();
  await new Promise((resolve) => server.close(resolve));
});

const target = (): ConnectionTarget => ({
  bucketName: "traces",
  region: "us-east-1",
  endpoint: `http://127.0.0.1:${port}`,
  accessKeyId: "AKIA",
  secretAccessKey: "secret",
  sessionToken: null,
  prefix: "p",
  pathTemplate: "p/{date}",
});
const allowed = () => [{ host: "127.0.0.1", port }];

/** Runs `work` while sampling RSS; returns its result and the highest RSS growth seen. */
async function withPeakRss<T>(work: () => Promise<T>): Promise<{ result: T; growthMb: number }> {
  const before = process.memoryUsage().rss;
  let peak = before;
  const sampler = setInterval(() => (peak = Math.max(peak, process.memoryUsage().rss)), 20);
  try {
    const result = await work();
    peak = Math.max(peak, process.memoryUsage().rss);
    return { result, growthMb: (peak - before) / 1024 / 1024 };
  } finally {
    clearInterval(sampler);
  }
}

async function waitUntilNoneOpen() {
  while (open.size > 0) await new Promise((resolve) => setTimeout(resolve, 20));
}

describe("an endless S3 answer", () => {
  it("10 parallel Test Connections stop reading at the cap, with a classified error, and RSS stays flat", async () => {
    mode = "flood";
    const closedBefore = closedResponses;
    const { result, growthMb } = await withPeakRss(() =>
      Promise.all(Array.from({ length: 10 }, () => testS3Connection(target(), { allowedEndpoints: allowed() }))),
    );
    for (const outcome of result) {
      expect(outcome).toMatchObject({ ok: false, failure: { code: "response-too-large", status: 500 } });
      expect(outcome.ok || outcome.failure.message).toMatch(/stopped reading/);
    }
    // The client hung up: every one of the server's endless responses was closed.
    await waitUntilNoneOpen();
    expect(closedResponses - closedBefore).toBe(10);
    expect(growthMb).toBeLessThan(50);
  });

  it("is cut the same way for delivery's keep-alive client", async () => {
    mode = "flood";
    const client = createS3Client({ ...target() }, { allowedEndpoints: allowed(), timeoutMs: 10_000, maxAttempts: 1, keepAlive: true });
    try {
      const error = await client.send(new PutObjectCommand({ Bucket: "traces", Key: "k.json", Body: "{}" })).catch((e: unknown) => e);
      expect(classifyS3Error(error)).toMatchObject({ code: "response-too-large", retryable: true });
    } finally {
      client.destroy();
    }
    await waitUntilNoneOpen();
  });

  it("a body that drips forever under the cap ends at the exchange's limit", async () => {
    mode = "drip";
    const result = await testS3Connection(target(), { allowedEndpoints: allowed(), timeoutMs: 1500 });
    expect(result).toMatchObject({ ok: false, failure: { code: "timeout" } });
    expect(result.ok || result.failure.message).toMatch(/within 1\.5 seconds/);
    await waitUntilNoneOpen();
  });

  it("a drip ends at the client's own limit for delivery too (no caller signal)", async () => {
    mode = "drip";
    const client = createS3Client({ ...target() }, { allowedEndpoints: allowed(), timeoutMs: 1500, maxAttempts: 1, keepAlive: true });
    try {
      const error = await client.send(new PutObjectCommand({ Bucket: "traces", Key: "k.json", Body: "{}" })).catch((e: unknown) => e);
      expect(classifyS3Error(error, { timeoutMs: 1500 }).code).toBe("timeout");
    } finally {
      client.destroy();
    }
    await waitUntilNoneOpen();
  });
});
