import { describe, expect, inject, it } from "vitest";
import { startBlackHole } from "@/tests/s3/black-hole";
import { createTestS3Client, getObjectText } from "@/tests/s3/s3-test-client";
import { testS3Connection, type ConnectionTarget } from "./test-connection";

// Test Connection against real S3 servers on loopback: s3rver for storage behaviour, the Ceph
// Object Gateway for what s3rver cannot do (signatures, a PutObject-only user).

const s3rver = inject("s3rver");
const rgw = inject("rgw");
const NOW = new Date("2026-11-27T10:00:00Z");

function hostPort(endpoint: string) {
  const url = new URL(endpoint);
  return { host: url.hostname, port: Number(url.port) };
}

function s3rverTarget(over: Partial<ConnectionTarget> = {}): ConnectionTarget {
  return {
    bucketName: "traces",
    region: "us-east-1",
    endpoint: s3rver.endpoint,
    accessKeyId: s3rver.accessKeyId,
    secretAccessKey: s3rver.secretAccessKey,
    sessionToken: null,
    prefix: "openrouter-traces",
    pathTemplate: "openrouter-traces/{date}",
    ...over,
  };
}

const allowS3rver = { allowedEndpoints: [hostPort(s3rver.endpoint)], now: NOW };

describe("testS3Connection on s3rver", () => {
  it("passes, reports the exact key and writes the marker there", async () => {
    const result = await testS3Connection(s3rverTarget(), allowS3rver);
    expect(result).toMatchObject({ ok: true, key: "openrouter-traces/2026-11-27/broadcast-connection-test-1795773600.json" });
    expect(result.roundTripMs).toBeGreaterThanOrEqual(0);
    const client = createTestS3Client(s3rver);
    const body = JSON.parse(await getObjectText(client, "traces", (result as { key: string }).key));
    expect(body.type).toBe("broadcast.connection-test");
  });

  it("classifies an unknown bucket", async () => {
    const result = await testS3Connection(s3rverTarget({ bucketName: "no-such-bucket-int" }), allowS3rver);
    expect(result).toMatchObject({ ok: false, failure: { code: "no-such-bucket", retryable: false } });
  });

  it("classifies an unknown access key", async () => {
    const result = await testS3Connection(s3rverTarget({ accessKeyId: "AKIAUNKNOWN" }), allowS3rver);
    expect(result).toMatchObject({ ok: false, failure: { code: "invalid-access-key" } });
  });

  it("refuses a loopback endpoint that is not allowlisted, without connecting", async () => {
    const result = await testS3Connection(s3rverTarget(), { allowedEndpoints: [], now: NOW });
    expect(result).toMatchObject({ ok: false, failure: { code: "blocked-endpoint" } });
    expect(result.ok || result.failure.message).toMatch(/loopback/);
  });

  it("gives up on a black-holed endpoint within the limit, with the timeout message", async () => {
    const hole = await startBlackHole();
    try {
      const started = Date.now();
      const result = await testS3Connection(s3rverTarget({ endpoint: hole.endpoint }), {
        allowedEndpoints: [hostPort(hole.endpoint)],
        now: NOW,
        timeoutMs: 1500,
      });
      const elapsed = Date.now() - started;
      expect(result).toMatchObject({ ok: false, failure: { code: "timeout" } });
      expect(result.ok || result.failure.message).toMatch(/did not answer within 1\.5 seconds/);
      expect(elapsed).toBeLessThan(5000);
    } finally {
      await hole.close();
    }
  });

  it("classifies a refused connection", async () => {
    const hole = await startBlackHole();
    const endpoint = hole.endpoint;
    await hole.close(); // nothing listens there any more
    const result = await testS3Connection(s3rverTarget({ endpoint }), { allowedEndpoints: [hostPort(endpoint)], now: NOW });
    expect(result).toMatchObject({ ok: false, failure: { code: "connection-refused" } });
  });
});

describe.skipIf(!rgw)("testS3Connection on the Ceph Object Gateway", () => {
  const gw = rgw!;
  const target = (over: Partial<ConnectionTarget> = {}): ConnectionTarget => ({
    bucketName: gw.bucket,
    region: gw.region,
    endpoint: gw.endpoint,
    accessKeyId: gw.writer.accessKeyId,
    secretAccessKey: gw.writer.secretAccessKey,
    sessionToken: null,
    prefix: "openrouter-traces",
    pathTemplate: "openrouter-traces/{date}",
    ...over,
  });
  const allow = () => ({ allowedEndpoints: [hostPort(gw.endpoint)], now: NOW });

  it("passes with a user that may only PutObject", async () => {
    expect(await testS3Connection(target(), allow())).toMatchObject({ ok: true });
  });

  it("shows the SignatureDoesNotMatch message for a wrong secret, without echoing it", async () => {
    const result = await testS3Connection(target({ secretAccessKey: "WRONG-SECRET-value-1234" }), allow());
    expect(result).toMatchObject({ ok: false, failure: { code: "signature-mismatch" } });
    expect(JSON.stringify(result)).not.toContain("WRONG-SECRET-value-1234");
  });

  it("classifies an unknown key and an unknown bucket", async () => {
    expect(await testS3Connection(target({ accessKeyId: "NOSUCHKEY" }), allow())).toMatchObject({ ok: false, failure: { code: "invalid-access-key" } });
    expect(await testS3Connection(target({ bucketName: "missing-bucket" }), allow())).toMatchObject({ ok: false, failure: { code: "no-such-bucket" } });
  });
});
