import net from "node:net";
import { HeadBucketCommand } from "@aws-sdk/client-s3";
import { describe, expect, it } from "vitest";
import { startBlackHole } from "./black-hole";
import { findFreePort, isPortFree } from "./free-port";
import { createTestS3Client } from "./s3-test-client";

describe("startBlackHole", () => {
  it("accepts a connection, never answers, and drops it on close", async () => {
    const hole = await startBlackHole();
    const socket = net.connect(hole.port, "127.0.0.1");
    let received = 0;
    socket.on("data", (chunk) => (received += chunk.length));
    await new Promise<void>((resolve, reject) => socket.once("connect", resolve).once("error", reject));
    socket.write("GET / HTTP/1.1\r\nHost: x\r\n\r\n");
    await new Promise((resolve) => setTimeout(resolve, 300));
    expect(received).toBe(0);

    const socketClosed = new Promise<void>((resolve) => socket.once("close", () => resolve()));
    socket.on("error", () => {});
    await hole.close();
    await socketClosed;
    expect(await isPortFree(hole.port)).toBe(true);
  });

  it("makes an S3 call with a request timeout fail with TimeoutError", async () => {
    const hole = await startBlackHole();
    const client = createTestS3Client({ endpoint: hole.endpoint, accessKeyId: "a", secretAccessKey: "b" });
    try {
      const started = Date.now();
      const call = client.send(new HeadBucketCommand({ Bucket: "traces" }), { requestTimeout: 300 });
      await expect(call).rejects.toMatchObject({ name: "TimeoutError" });
      expect(Date.now() - started).toBeLessThan(5_000);
    } finally {
      client.destroy();
      await hole.close();
    }
  });
});

describe("free ports", () => {
  it("finds a port that is free, and sees it busy while bound", async () => {
    const port = await findFreePort();
    expect(await isPortFree(port)).toBe(true);
    const server = net.createServer();
    await new Promise<void>((resolve) => server.listen(port, "127.0.0.1", () => resolve()));
    try {
      expect(await isPortFree(port)).toBe(false);
    } finally {
      await new Promise((resolve) => server.close(resolve));
    }
  });
});
